-- Reminders and staff alerts (issue 28).
-- A program's reminder settings (no row: none). An offset is days and hours before the session's
-- start: the days counted on the session's calendar (same wall-clock time), then the hours as
-- elapsed time; both NULL: that reminder is off. `digest_hour`: the hour (0–23, the program's
-- zone) of the coordinators' daily digest; NULL: no digest.
CREATE TABLE reminder_settings (
    program_id INTEGER PRIMARY KEY REFERENCES programs (id) ON DELETE CASCADE,
    first_days INTEGER CHECK (first_days BETWEEN 0 AND 60),
    first_hours INTEGER CHECK (first_hours BETWEEN 0 AND 23),
    second_days INTEGER CHECK (second_days BETWEEN 0 AND 60),
    second_hours INTEGER CHECK (second_hours BETWEEN 0 AND 23),
    staff_days INTEGER CHECK (staff_days BETWEEN 0 AND 60),
    staff_hours INTEGER CHECK (staff_hours BETWEEN 0 AND 23),
    digest_hour INTEGER CHECK (digest_hour BETWEEN 0 AND 23),
    updated_at INTEGER NOT NULL
);

-- What a staff member of a program wants to hear of (no row: nothing). Flags are 0/1.
CREATE TABLE staff_alerts (
    program_id INTEGER NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    declined INTEGER NOT NULL DEFAULT 0 CHECK (declined IN (0, 1)),
    cancelled INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1)),
    withdrawn INTEGER NOT NULL DEFAULT 0 CHECK (withdrawn IN (0, 1)),
    moved INTEGER NOT NULL DEFAULT 0 CHECK (moved IN (0, 1)),
    digest INTEGER NOT NULL DEFAULT 0 CHECK (digest IN (0, 1)),
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (program_id, user_id)
);

-- Every reminder and digest sent, by a key naming what it was for (the applicant or staff
-- member, the session and its start, which reminder; or the person and the day of a digest).
-- The background job inserts the key and queues the e-mail in one transaction: the insert that
-- finds the key already there queues nothing, so two instances send each once.
CREATE TABLE reminders_sent (
    id INTEGER PRIMARY KEY,
    program_id INTEGER NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('applicant', 'staff', 'digest')),
    sent_key TEXT NOT NULL,
    to_email TEXT NOT NULL,
    due_at INTEGER NOT NULL,
    sent_at INTEGER NOT NULL,
    UNIQUE (program_id, sent_key)
);
CREATE INDEX reminders_sent_program ON reminders_sent (program_id, kind, sent_at);
