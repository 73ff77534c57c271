-- Private calendar subscriptions: one per person, the token stored hashed (SHA-256), so the
-- link is shown once when made; making a new one replaces it, deleting it turns the feed off.
CREATE TABLE calendar_tokens (
    user_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
);
