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

-- A ZIP of applications between its preview and its commit: one per program (a new ZIP
-- replaces it; any of the program's coordinators may attach or discard it). `report` is the
-- preview as JSON (matched, names not matched, not a PDF, too big, duplicates); the matched
-- files wait in applicant_file_staged until they are attached in one transaction.
CREATE TABLE applicant_file_previews (
    program_id INTEGER NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    staged_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    report TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (program_id)
);

CREATE TABLE applicant_file_staged (
    program_id INTEGER NOT NULL REFERENCES applicant_file_previews (program_id) ON DELETE CASCADE,
    applicant_id INTEGER NOT NULL REFERENCES applicants (id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    size INTEGER NOT NULL,
    content BLOB NOT NULL,
    PRIMARY KEY (program_id, applicant_id)
);
