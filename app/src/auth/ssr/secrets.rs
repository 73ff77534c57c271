//! Secrets of accounts: password hashes (argon2, on the blocking pool, behind a gate), random
//! tokens and their stored hashes, and the login-session cookie.

use crate::error::{AppError, AppResult};
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;
use std::time::Duration;

pub const SESSION_COOKIE: &str = "portal_session";
pub const SESSION_DAYS: i64 = 14;

/// How many argon2 hashes may run at once (one per core), how many calls may wait for one, and
/// for how long. Every hash and every check goes through it: a login storm then takes the time
/// it takes, in bounded memory (argon2 uses 19 MiB per hash, OWASP's parameters), instead of
/// starting a thread and 19 MiB per request.
pub struct HashGate {
    running: tokio::sync::Semaphore,
    waiting: AtomicUsize,
    max_waiting: usize,
    max_wait: Duration,
}

impl HashGate {
    /// `HASH_CONCURRENCY` (default: the number of cores), `HASH_QUEUE` (default 4,096 waiting
    /// calls: a waiting call costs a few hundred bytes, and the wait itself is bounded) and
    /// `HASH_QUEUE_SECONDS` (default 20).
    fn from_env() -> Self {
        let env = |name: &str, default: usize| {
            std::env::var(name)
                .ok()
                .and_then(|v| v.trim().parse().ok())
                .filter(|n| *n > 0)
                .unwrap_or(default)
        };
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        Self {
            running: tokio::sync::Semaphore::new(env("HASH_CONCURRENCY", cores)),
            waiting: AtomicUsize::new(0),
            max_waiting: env("HASH_QUEUE", 4096),
            max_wait: Duration::from_secs(env("HASH_QUEUE_SECONDS", 20) as u64),
        }
    }

    fn get() -> &'static HashGate {
        static GATE: OnceLock<HashGate> = OnceLock::new();
        GATE.get_or_init(HashGate::from_env)
    }

    /// Runs `work` on the blocking pool once a hashing slot is free; `Busy` when the queue is
    /// full or the wait too long (the caller answers 503 with Retry-After).
    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> AppResult<T> {
        if self.waiting.fetch_add(1, Ordering::SeqCst) >= self.max_waiting {
            self.waiting.fetch_sub(1, Ordering::SeqCst);
            return Err(busy());
        }
        let permit = tokio::time::timeout(self.max_wait, self.running.acquire()).await;
        self.waiting.fetch_sub(1, Ordering::SeqCst);
        let Ok(Ok(_permit)) = permit else {
            return Err(busy());
        };
        tokio::task::spawn_blocking(work)
            .await
            .map_err(|_| AppError::Internal)
    }
}

/// Calls waiting for a hashing slot now (the server's metrics: the hash queue).
pub fn hashes_waiting() -> usize {
    HashGate::get().waiting.load(Ordering::SeqCst)
}

fn busy() -> AppError {
    AppError::Busy(
        "Many people are logging in right now. Please try again in a few seconds.".into(),
    )
}

/// Hashes a new password (behind the [`HashGate`]).
pub async fn hash_password(password: String) -> AppResult<String> {
    HashGate::get()
        .run(move || {
            let salt = SaltString::generate(&mut OsRng);
            Argon2::default()
                .hash_password(password.as_bytes(), &salt)
                .map(|h| h.to_string())
        })
        .await?
        .map_err(|e| {
            tracing::error!(error = %e, "password hashing failed");
            AppError::Internal
        })
}

/// Checks a password (behind the [`HashGate`]); with no stored hash it still spends the time of
/// a check, so a login for an unknown e-mail answers as slowly as one for a known e-mail.
pub async fn verify_password(password: String, stored: Option<String>) -> AppResult<bool> {
    HashGate::get()
        .run(move || {
            static DUMMY: OnceLock<String> = OnceLock::new();
            let dummy = DUMMY.get_or_init(|| {
                let salt = SaltString::generate(&mut OsRng);
                Argon2::default()
                    .hash_password(b"not a password", &salt)
                    .map(|h| h.to_string())
                    .unwrap_or_default()
            });
            let (hash, real) = match &stored {
                Some(h) => (h.as_str(), true),
                None => (dummy.as_str(), false),
            };
            let ok = PasswordHash::new(hash)
                .map(|parsed| {
                    Argon2::default()
                        .verify_password(password.as_bytes(), &parsed)
                        .is_ok()
                })
                .unwrap_or(false);
            ok && real
        })
        .await
}

/// A new random token (sent to the browser or in a link) and its hash (what is stored).
pub fn new_token() -> (String, String) {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = hex::encode(bytes);
    let hash = hash_token(&token);
    (token, hash)
}

pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

pub fn session_cookie(token: &str, secure: bool) -> String {
    cookie::Cookie::build((SESSION_COOKIE, token.to_string()))
        .path("/")
        .http_only(true)
        .same_site(cookie::SameSite::Lax)
        .max_age(cookie::time::Duration::days(SESSION_DAYS))
        .secure(secure)
        .build()
        .to_string()
}

pub fn clear_session_cookie() -> String {
    cookie::Cookie::build((SESSION_COOKIE, ""))
        .path("/")
        .http_only(true)
        .same_site(cookie::SameSite::Lax)
        .max_age(cookie::time::Duration::ZERO)
        .build()
        .to_string()
}

/// The session token in a request's cookies.
pub fn token_from_headers(headers: &http::HeaderMap) -> Option<String> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == SESSION_COOKIE)
        .map(|c| c.value().to_string())
}
