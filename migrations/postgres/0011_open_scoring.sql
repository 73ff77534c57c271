-- A coordinator can let every interviewer of a session's day score every applicant of it, not
-- only those they met (a panel that sees everyone's file, a late change of rooms).
ALTER TABLE session_forms ADD COLUMN open_scoring BIGINT NOT NULL DEFAULT 0 CHECK (open_scoring IN (0, 1));
