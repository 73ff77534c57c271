-- An applicant import between its preview and the import itself (issue 27): the uploaded file
-- kept as the text it was read to (its encoding noted, so the preview says it was converted),
-- keyed by a random token that the confirm form carries: an import writes exactly the file whose
-- preview was shown (a newer upload replaces the row, and the older confirm is refused). One per
-- program (any of its coordinators may import or discard it; `user_id` uploaded it); a preview
-- expires after a day and is deleted at the next upload.
-- `outcome` is set once imported (what the screen then says, until the next upload).
CREATE TABLE applicant_imports (
    token TEXT PRIMARY KEY,
    program_id BIGINT NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    encoding TEXT NOT NULL,
    content TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    outcome TEXT
);
CREATE INDEX applicant_imports_program ON applicant_imports (program_id);
