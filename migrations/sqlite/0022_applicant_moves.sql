-- Reports (issue 30): the fill over time. Each applicant's status and seat as they change, one
-- row per change (written beside every write of an applicant, in its transaction, only when
-- the status or the seat differs from the applicant's last row). The Reports page replays them
-- into bookings, cancellations and the waitlist by day. The applicants already here start with
-- one row each: where they stand now, at their last change.
CREATE TABLE applicant_moves (
    id INTEGER PRIMARY KEY,
    program_id INTEGER NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    applicant_id INTEGER NOT NULL REFERENCES applicants (id) ON DELETE CASCADE,
    at INTEGER NOT NULL,
    status TEXT NOT NULL,
    -- The session held (no reference: a session removed keeps its history).
    session_id INTEGER
);
CREATE INDEX applicant_moves_applicant ON applicant_moves (applicant_id, id);
CREATE INDEX applicant_moves_program ON applicant_moves (program_id, at);
INSERT INTO applicant_moves (program_id, applicant_id, at, status, session_id)
    SELECT program_id, id, updated_at, status, session_id FROM applicants ORDER BY id;
