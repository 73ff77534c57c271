-- TimeTrack: the state of each room in each round of a running day (set by its interviewers,
-- overridden by a coordinator; no row: not ready yet), the messages a coordinator broadcast to
-- a session's people (kept, so a screen opened later, or one that reconnects, shows them), and
-- who has opened their TimeTrack screen on the day (present against expected).
CREATE TABLE room_statuses (
    session_id INTEGER NOT NULL REFERENCES interview_sessions (id) ON DELETE CASCADE,
    room_id INTEGER NOT NULL,
    round INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('waiting', 'ready', 'in_progress', 'completed')),
    updated_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (session_id, room_id, round)
);

CREATE TABLE broadcasts (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES interview_sessions (id) ON DELETE CASCADE,
    audience TEXT NOT NULL CHECK (audience IN ('everyone', 'interviewers', 'applicants')),
    body TEXT NOT NULL,
    sent_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    sent_at INTEGER NOT NULL
);
CREATE INDEX broadcasts_session ON broadcasts (session_id, id);

CREATE TABLE timetrack_presence (
    session_id INTEGER NOT NULL REFERENCES interview_sessions (id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    first_seen INTEGER NOT NULL,
    PRIMARY KEY (session_id, email)
);
