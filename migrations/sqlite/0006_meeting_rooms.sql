-- Meeting rooms: places where applicants, interviewers or both gather before, during or after
-- the interviews (a welcome, a lounge, a debrief). A room belongs to one session, or (no
-- session) to every session of the program; its window is in the session's zone. A publish
-- carries the rooms of its day into the itineraries of their audience.
CREATE TABLE meeting_rooms (
    id INTEGER PRIMARY KEY,
    program_id INTEGER NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    session_id INTEGER REFERENCES interview_sessions (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    audience TEXT NOT NULL CHECK (audience IN ('applicants', 'interviewers', 'both')),
    start_time TEXT NOT NULL,
    end_time TEXT NOT NULL,
    -- A place or, with external video, the meeting link.
    location TEXT NOT NULL DEFAULT '',
    -- With portal video: the room's generated link token.
    video_token TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX meeting_rooms_program ON meeting_rooms (program_id, session_id);
