-- A session's interview day: the program's interview setup option, the day's plan (rounds,
-- lengths, breaks), its rooms and their interviewers (a panel is fixed for the day), conflicts
-- of interest, day templates, and the draft schedule (a room per applicant per round).

ALTER TABLE programs ADD COLUMN interview_setup TEXT NOT NULL DEFAULT 'portal_video'
    CHECK (interview_setup IN ('portal_video', 'external_video', 'outside_portal'));

-- One row per session whose day has been planned. Breaks are a JSON list of
-- {after_round, minutes, label}; interviews_per_applicant NULL means one per room (at most the
-- rounds); report is the generator's last report (JSON).
CREATE TABLE session_days (
    session_id INTEGER PRIMARY KEY REFERENCES interview_sessions (id) ON DELETE CASCADE,
    interview_minutes INTEGER NOT NULL CHECK (interview_minutes BETWEEN 5 AND 240),
    passing_minutes INTEGER NOT NULL CHECK (passing_minutes BETWEEN 0 AND 60),
    rounds INTEGER NOT NULL CHECK (rounds BETWEEN 1 AND 50),
    interviews_per_applicant INTEGER CHECK (interviews_per_applicant BETWEEN 1 AND 50),
    breaks TEXT NOT NULL DEFAULT '[]',
    report TEXT,
    -- Counts the draft's edits: every edit and every generation takes the next number, and the
    -- cells it writes carry it as their version.
    draft_version INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL
);

CREATE TABLE rooms (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES interview_sessions (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    -- A place ("Room 4B") or, with external video, the meeting link.
    location TEXT NOT NULL DEFAULT '',
    -- With portal video: the room's generated link token.
    video_token TEXT NOT NULL,
    position INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX rooms_session ON rooms (session_id, position);

CREATE TABLE room_interviewers (
    room_id INTEGER NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (room_id, user_id)
);
CREATE INDEX room_interviewers_user ON room_interviewers (user_id);

CREATE TABLE conflicts_of_interest (
    program_id INTEGER NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    applicant_id INTEGER NOT NULL REFERENCES applicants (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, applicant_id)
);
CREATE INDEX conflicts_program ON conflicts_of_interest (program_id);

-- A saved day: the plan and the rooms (names, locations, interviewer ids) as JSON.
CREATE TABLE day_templates (
    id INTEGER PRIMARY KEY,
    program_id INTEGER NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (program_id, name)
);

-- The draft schedule, a row per cell written so far: in `round` (from 0) the applicant is in
-- the room (NULL: the cell is free, its row kept for its version). Removing a room frees its
-- cells; fewer rounds delete the cells beyond them. `version` is the draft version of the cell's
-- last write: an edit states the versions it was made on, and a stale one is refused.
CREATE TABLE schedule_slots (
    session_id INTEGER NOT NULL REFERENCES interview_sessions (id) ON DELETE CASCADE,
    round INTEGER NOT NULL CHECK (round >= 0),
    room_id INTEGER NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    applicant_id INTEGER REFERENCES applicants (id) ON DELETE SET NULL,
    pinned INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
    version INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (room_id, round)
);
CREATE INDEX schedule_slots_session ON schedule_slots (session_id, round);
CREATE INDEX schedule_slots_applicant ON schedule_slots (applicant_id);
