-- Application files (issue 27): one application PDF per applicant, kept in the database so a
-- backup holds it and deleting the applicant removes it (ON DELETE CASCADE). A new upload
-- replaces the one before (the applicant is the key); each upload has its audit row.
CREATE TABLE applicant_files (
    applicant_id INTEGER PRIMARY KEY REFERENCES applicants (id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    size INTEGER NOT NULL,
    content BLOB NOT NULL,
    uploaded_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    uploaded_at INTEGER NOT NULL
);

-- A ZIP of applications between its preview and its commit: one per coordinator and program
-- (a new ZIP replaces it). `report` is the preview's other lines as JSON (names not matched,
-- not a PDF, too big); the matched files wait in applicant_file_staged.
CREATE TABLE applicant_file_previews (
    program_id INTEGER NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    staged_by INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    report TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (program_id, staged_by)
);

CREATE TABLE applicant_file_staged (
    program_id INTEGER NOT NULL,
    staged_by INTEGER NOT NULL,
    applicant_id INTEGER NOT NULL REFERENCES applicants (id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    size INTEGER NOT NULL,
    content BLOB NOT NULL,
    PRIMARY KEY (program_id, staged_by, applicant_id),
    FOREIGN KEY (program_id, staged_by)
        REFERENCES applicant_file_previews (program_id, staged_by) ON DELETE CASCADE
);
