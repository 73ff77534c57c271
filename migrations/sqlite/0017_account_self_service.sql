-- Issue 28, accounts: password-reset and e-mail-change links, the device and last use of each
-- login session (a person sees their sessions and ends the others), and password-reset requests
-- counted per e-mail and per client address (as failed logins are).
-- SQLite cannot change a CHECK, so email_tokens is rebuilt with the two new purposes, rows kept
-- (no table references it and it has no index of its own).

CREATE TABLE email_tokens_new (
    token_hash TEXT PRIMARY KEY,
    email TEXT NOT NULL,
    purpose TEXT NOT NULL
        CHECK (purpose IN ('verify_email', 'set_password', 'reset_password', 'change_email')),
    payload TEXT,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
);
INSERT INTO email_tokens_new (token_hash, email, purpose, payload, created_at, expires_at, used_at)
SELECT token_hash, email, purpose, payload, created_at, expires_at, used_at FROM email_tokens;
DROP TABLE email_tokens;
ALTER TABLE email_tokens_new RENAME TO email_tokens;

ALTER TABLE login_sessions ADD COLUMN user_agent TEXT;
ALTER TABLE login_sessions ADD COLUMN last_seen_at INTEGER;

CREATE TABLE password_reset_requests (
    id INTEGER PRIMARY KEY,
    account TEXT NOT NULL,
    client TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX password_reset_requests_account ON password_reset_requests (account, at);
CREATE INDEX password_reset_requests_client ON password_reset_requests (client, at);
