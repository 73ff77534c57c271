-- Reports (issue 30): a session's waitlist over time. A row each time an applicant joins a
-- session's line (`joined` 1) or leaves it (0: took a seat, gave up, dropped as no longer
-- waiting), written in the transaction that changes the line. The Reports page replays them
-- into each session's waitlist at each day's end. The lines as they stand start with their
-- entries, joined when they joined.
CREATE TABLE waitlist_moves (
    id INTEGER PRIMARY KEY,
    program_id INTEGER NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    -- No reference: a session removed keeps its history.
    session_id INTEGER NOT NULL,
    applicant_id INTEGER NOT NULL REFERENCES applicants (id) ON DELETE CASCADE,
    at INTEGER NOT NULL,
    joined INTEGER NOT NULL CHECK (joined IN (0, 1))
);
CREATE INDEX waitlist_moves_program ON waitlist_moves (program_id, at);
INSERT INTO waitlist_moves (program_id, session_id, applicant_id, at, joined)
    SELECT program_id, session_id, applicant_id, joined_at, 1 FROM waitlist_entries ORDER BY id;
