-- Change of plans, waitlists and releases (issue 29).
-- A program's waitlist: 'off', 'first_come' (everyone waiting told at once, the first to claim
-- takes the seat) or 'sequential' (an offer to the first in line, the seat held `offer_hours`).
-- The locks: N days before a session's start (its own calendar, same wall-clock time) no
-- booking or reschedule into it (`booking_lock_days`), no self-service cancel
-- (`cancel_lock_days`); NULL: no lock.
ALTER TABLE programs ADD COLUMN waitlist_mode TEXT NOT NULL DEFAULT 'off'
    CHECK (waitlist_mode IN ('off', 'first_come', 'sequential'));
ALTER TABLE programs ADD COLUMN offer_hours INTEGER NOT NULL DEFAULT 24
    CHECK (offer_hours BETWEEN 1 AND 168);
ALTER TABLE programs ADD COLUMN booking_lock_days INTEGER
    CHECK (booking_lock_days BETWEEN 0 AND 60);
ALTER TABLE programs ADD COLUMN cancel_lock_days INTEGER
    CHECK (cancel_lock_days BETWEEN 0 AND 60);

-- A release: sessions that open together at `opens_at` (ms, UTC). A fair one collects every
-- invited applicant's ranking for `window_hours` and draws the seats at its close by a lottery
-- whose seed's SHA-256 (`seed_hash`) is shown before it opens and the seed itself once drawn.
CREATE TABLE releases (
    id INTEGER PRIMARY KEY,
    program_id INTEGER NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    opens_at INTEGER NOT NULL,
    fair INTEGER NOT NULL DEFAULT 0 CHECK (fair IN (0, 1)),
    window_hours INTEGER NOT NULL DEFAULT 48 CHECK (window_hours BETWEEN 1 AND 336),
    seed TEXT,
    seed_hash TEXT,
    drawn_at INTEGER,
    created_at INTEGER NOT NULL
);
CREATE INDEX releases_program ON releases (program_id, opens_at);
ALTER TABLE interview_sessions ADD COLUMN release_id INTEGER REFERENCES releases (id) ON DELETE SET NULL;

-- A fair release's rankings: each applicant's sessions in their order (1 first).
CREATE TABLE release_rankings (
    release_id INTEGER NOT NULL REFERENCES releases (id) ON DELETE CASCADE,
    applicant_id INTEGER NOT NULL REFERENCES applicants (id) ON DELETE CASCADE,
    session_id INTEGER NOT NULL REFERENCES interview_sessions (id) ON DELETE CASCADE,
    rank INTEGER NOT NULL CHECK (rank >= 1),
    ranked_at INTEGER NOT NULL,
    PRIMARY KEY (release_id, applicant_id, session_id)
);

-- A session's waitlist. `position` orders the line (smaller first; a coordinator's reorder
-- rewrites it). First-come: `told_at` is when they were told a seat is open. Sequential:
-- `offer_expires_at` set while a seat is held for them (counted as taken for everyone else).
CREATE TABLE waitlist_entries (
    id INTEGER PRIMARY KEY,
    program_id INTEGER NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    session_id INTEGER NOT NULL REFERENCES interview_sessions (id) ON DELETE CASCADE,
    applicant_id INTEGER NOT NULL REFERENCES applicants (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    joined_at INTEGER NOT NULL,
    told_at INTEGER,
    offered_at INTEGER,
    offer_expires_at INTEGER,
    UNIQUE (session_id, applicant_id)
);
CREATE INDEX waitlist_entries_applicant ON waitlist_entries (applicant_id);
CREATE INDEX waitlist_entries_offers ON waitlist_entries (offer_expires_at);
