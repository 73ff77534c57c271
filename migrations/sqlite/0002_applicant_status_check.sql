-- An applicant's status is one of the seed's ten statuses (as memberships.role is one of four):
-- a stray word can no longer be written, and the app reads statuses straight into its enum.
-- SQLite cannot add a CHECK to a table, so the table is rebuilt with it, rows and indexes kept.
-- (No other table references applicants, so dropping the old one breaks no foreign key.)

CREATE TABLE applicants_checked (
    id INTEGER PRIMARY KEY,
    program_id INTEGER NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'interview_candidate' CHECK (status IN (
        'interview_candidate', 'invited_ready', 'pending', 'confirmed', 'waitlisted',
        'declined', 'cancelled', 'withdrawn', 'interviewed', 'no_show'
    )),
    invitation_sent_at INTEGER,
    first_choice_id INTEGER REFERENCES interview_sessions (id) ON DELETE SET NULL,
    second_choice_id INTEGER REFERENCES interview_sessions (id) ON DELETE SET NULL,
    session_id INTEGER REFERENCES interview_sessions (id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (program_id, email)
);

INSERT INTO applicants_checked (
    id, program_id, email, name, status, invitation_sent_at, first_choice_id, second_choice_id,
    session_id, created_at, updated_at
)
SELECT id, program_id, email, name, status, invitation_sent_at, first_choice_id, second_choice_id,
       session_id, created_at, updated_at
FROM applicants;

DROP TABLE applicants;
ALTER TABLE applicants_checked RENAME TO applicants;
CREATE INDEX applicants_email ON applicants (email);
CREATE INDEX applicants_session ON applicants (session_id, status);
