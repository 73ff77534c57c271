-- A season's applicants (issue 27): what a CSV import or an ERAS/ResidencyCAS export carries
-- beside the e-mail and name. `name` stays the name shown everywhere ("First Last" when imported);
-- first and last name are kept apart for sorting and for exports that read back the same.
-- `summary` holds the file's other columns, as JSON [[column, value], ...] in the file's order:
-- the application summary interviewers see.
ALTER TABLE applicants ADD COLUMN first_name TEXT NOT NULL DEFAULT '';
ALTER TABLE applicants ADD COLUMN last_name TEXT NOT NULL DEFAULT '';
ALTER TABLE applicants ADD COLUMN application_id TEXT;
ALTER TABLE applicants ADD COLUMN nrmp_id TEXT;
ALTER TABLE applicants ADD COLUMN track TEXT;
ALTER TABLE applicants ADD COLUMN phone TEXT;
ALTER TABLE applicants ADD COLUMN summary TEXT;

-- The list at 5,000: filtered by status and sorted by name inside a program without a scan of
-- every program's rows; an applicant's history read straight from the audit log.
CREATE INDEX applicants_program_status ON applicants (program_id, status);
CREATE INDEX applicants_program_name ON applicants (program_id, name);
CREATE INDEX audit_log_entity ON audit_log (program_id, entity, entity_id, at);
