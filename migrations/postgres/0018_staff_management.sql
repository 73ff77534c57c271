-- Staff management (issue 28): a member deactivated in a program keeps their row (their
-- scores, audit lines and history stay theirs) with the moment it happened; NULL is active.
-- A deactivated membership gives no access to the program: it is not among the person's
-- programs, a login session in it has no role, and a person with no active membership and no
-- application cannot log in.
ALTER TABLE memberships ADD COLUMN deactivated_at BIGINT;
-- The last successful log-in of a person (the staff list shows it).
ALTER TABLE users ADD COLUMN last_login_at BIGINT;

-- A staff import between its preview and the import itself, as applicant_imports (0015): the
-- file kept as the text it was read to, keyed by a random token the confirm form carries (a
-- newer upload replaces the row; the older confirm is refused). One per program.
CREATE TABLE staff_imports (
    token TEXT PRIMARY KEY,
    program_id BIGINT NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    encoding TEXT NOT NULL,
    content TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    outcome TEXT
);
CREATE INDEX staff_imports_program ON staff_imports (program_id);
