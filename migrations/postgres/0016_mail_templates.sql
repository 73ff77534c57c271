-- E-mail templates and the Communications page (issue 28). A program's own subject and body for
-- a kind of message (`kind`: communications::domain::MailKind's word); a kind without a row is
-- sent with the portal's default text, and a template reset to the default is deleted.
CREATE TABLE mail_templates (
    program_id BIGINT NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    updated_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (program_id, kind)
);

-- What the Communications page shows of each message: its kind, whom it is about (the applicant
-- or the staff member), the HTML part sent beside the plain text, and the plain text with its
-- secret links hidden (`shown_body`, what the page displays). A message's state is read from the
-- existing columns: sent (`sent_at`), failed with the relay's answer (`last_error`, still
-- retried with back-off), or queued.
ALTER TABLE outbox ADD COLUMN kind TEXT NOT NULL DEFAULT 'other';
ALTER TABLE outbox ADD COLUMN applicant_id BIGINT REFERENCES applicants (id) ON DELETE SET NULL;
ALTER TABLE outbox ADD COLUMN user_id BIGINT REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE outbox ADD COLUMN html_body TEXT;
ALTER TABLE outbox ADD COLUMN shown_body TEXT;
CREATE INDEX outbox_program ON outbox (program_id, id);
CREATE INDEX outbox_applicant ON outbox (applicant_id);
