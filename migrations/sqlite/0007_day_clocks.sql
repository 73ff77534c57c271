-- The day clock. A finalized day runs on the server's clock as a stored timeline: the events a
-- coordinator set off (start, pause, resume, extend, end early, skip), from which, with the
-- published day, every phase's actual start and end follow; nothing lives only in memory, so a
-- restart resumes exactly where the day was. `next_due_at` is the next instant the day changes
-- by itself (a phase ends, or it starts on its own): the work list of the instances' tickers,
-- each due row claimed by one of them (FOR UPDATE SKIP LOCKED on PostgreSQL; SQLite has one
-- writer), so a transition's side effects happen once.
CREATE TABLE day_clocks (
    session_id INTEGER PRIMARY KEY REFERENCES interview_sessions (id) ON DELETE CASCADE,
    program_id INTEGER NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    -- Start by itself at the published day's first phase.
    auto_start INTEGER NOT NULL DEFAULT 0 CHECK (auto_start IN (0, 1)),
    -- UTC milliseconds; NULL: nothing due (waiting without auto start, paused, over).
    next_due_at INTEGER,
    -- How many transitions have been announced (each announced once).
    announced INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL
);
CREATE INDEX day_clocks_due ON day_clocks (next_due_at);

CREATE TABLE day_clock_events (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES day_clocks (session_id) ON DELETE CASCADE,
    at INTEGER NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('start', 'pause', 'resume', 'extend', 'end_early', 'skip')),
    -- Extend: by how many seconds.
    seconds INTEGER NOT NULL DEFAULT 0,
    by_user INTEGER REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX day_clock_events_session ON day_clock_events (session_id, at, id);
