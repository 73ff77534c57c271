-- The foundation: programs (the tenants), people and their roles, login sessions, e-mail tokens,
-- login failures for rate limiting, interview sessions, applicants per program with their status
-- and choices, the audit log and the e-mail outbox.
-- Conventions (shared with the PostgreSQL migration): ids and counts are 64-bit integers,
-- flags are 0/1 integers, timestamps are UTC milliseconds since the epoch, e-mails lower case.

CREATE TABLE programs (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    self_scheduling INTEGER NOT NULL DEFAULT 1 CHECK (self_scheduling IN (0, 1)),
    created_at INTEGER NOT NULL
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    password_hash TEXT,
    email_verified_at INTEGER,
    created_at INTEGER NOT NULL
);

CREATE TABLE memberships (
    program_id INTEGER NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('director', 'manager', 'coordinator', 'interviewer')),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (program_id, user_id)
);
CREATE INDEX memberships_user ON memberships (user_id);

CREATE TABLE login_sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    program_id INTEGER REFERENCES programs (id) ON DELETE SET NULL,
    acting_role TEXT,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX login_sessions_user ON login_sessions (user_id);

-- Single-use links sent by e-mail: confirm an applicant's sign-up (the chosen password's hash
-- travels in payload, so only the sign-up whose link is opened sets the password) or set a
-- password (new staff, a program's first director).
CREATE TABLE email_tokens (
    token_hash TEXT PRIMARY KEY,
    email TEXT NOT NULL,
    purpose TEXT NOT NULL CHECK (purpose IN ('verify_email', 'set_password')),
    payload TEXT,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
);

CREATE TABLE login_failures (
    id INTEGER PRIMARY KEY,
    account TEXT NOT NULL,
    client TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX login_failures_account ON login_failures (account, at);
CREATE INDEX login_failures_client ON login_failures (client, at);

CREATE TABLE interview_sessions (
    id INTEGER PRIMARY KEY,
    program_id INTEGER NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    session_date TEXT NOT NULL,
    start_time TEXT NOT NULL,
    end_time TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    capacity INTEGER NOT NULL CHECK (capacity >= 1),
    visible INTEGER NOT NULL DEFAULT 0 CHECK (visible IN (0, 1)),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX interview_sessions_program ON interview_sessions (program_id, session_date);

CREATE TABLE applicants (
    id INTEGER PRIMARY KEY,
    program_id INTEGER NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'interview_candidate',
    invitation_sent_at INTEGER,
    first_choice_id INTEGER REFERENCES interview_sessions (id) ON DELETE SET NULL,
    second_choice_id INTEGER REFERENCES interview_sessions (id) ON DELETE SET NULL,
    session_id INTEGER REFERENCES interview_sessions (id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (program_id, email)
);
CREATE INDEX applicants_email ON applicants (email);
CREATE INDEX applicants_session ON applicants (session_id, status);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    program_id INTEGER REFERENCES programs (id) ON DELETE CASCADE,
    actor_user_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    entity TEXT NOT NULL,
    entity_id INTEGER,
    action TEXT NOT NULL,
    from_value TEXT,
    to_value TEXT,
    reason TEXT,
    at INTEGER NOT NULL
);
CREATE INDEX audit_log_program ON audit_log (program_id, at);

CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    program_id INTEGER REFERENCES programs (id) ON DELETE SET NULL,
    to_email TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    next_attempt_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    sent_at INTEGER,
    last_error TEXT
);
CREATE INDEX outbox_pending ON outbox (sent_at, next_attempt_at);
