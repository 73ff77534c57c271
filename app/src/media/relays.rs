//! TURN relays for the networks that let a browser reach neither the media server's UDP port nor
//! its TCP fallback (only a web proxy): the program's own TURN servers (coturn, say), named in
//! the settings (`VIDEO_TURN_URLS`, `VIDEO_TURN_SECRET`). The browser is given short-lived
//! credentials in the form TURN servers check with a shared secret (coturn's `use-auth-secret`,
//! the "TURN REST API" draft): the username is `expiry:user`, the password the Base64 of its
//! HMAC-SHA1 under the secret. The secret itself never leaves the server, and a credential seen
//! in a browser is useless after [`VALID_FOR`].

use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use hmac::{Hmac, Mac};
use sha1::Sha1;

/// How long a credential is good for: a whole interview day, since a TURN server checks it at
/// every refresh of the allocation, all through a call.
pub const VALID_FOR: Duration = Duration::hours(24);

/// One person's way through the relays: their URLs, a username and its password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    pub urls: Vec<String>,
    pub username: String,
    pub credential: String,
}

/// The program's TURN servers and the secret they share with the portal.
#[derive(Clone, PartialEq, Eq)]
pub struct Turn {
    /// `turn:host:3478`, `turns:host:5349?transport=tcp`, …
    pub urls: Vec<String>,
    pub secret: String,
}

impl std::fmt::Debug for Turn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Turn")
            .field("urls", &self.urls)
            .field("secret", &"(hidden)")
            .finish()
    }
}

impl Turn {
    /// Reads the two settings: both or neither. Every URL must be a `turn:` or `turns:` one.
    pub fn from_settings(urls: &str, secret: &str) -> Result<Option<Turn>, String> {
        let urls: Vec<String> = urls
            .split(',')
            .map(str::trim)
            .filter(|u| !u.is_empty())
            .map(str::to_string)
            .collect();
        let secret = secret.trim();
        match (urls.is_empty(), secret.is_empty()) {
            (true, true) => return Ok(None),
            (false, true) => return Err("VIDEO_TURN_URLS is set: set VIDEO_TURN_SECRET too (the TURN server's static-auth-secret)".into()),
            (true, false) => return Err("VIDEO_TURN_SECRET is set: set VIDEO_TURN_URLS too (e.g. turn:turn.example.org:3478)".into()),
            (false, false) => {}
        }
        if let Some(bad) = urls.iter().find(|u| {
            let lower = u.to_ascii_lowercase();
            !(lower.starts_with("turn:") || lower.starts_with("turns:")) || u.len() < 7
        }) {
            return Err(format!(
                "VIDEO_TURN_URLS: {bad:?} is not a TURN URL (turn:host:port or turns:host:port)"
            ));
        }
        Ok(Some(Turn {
            urls,
            secret: secret.to_string(),
        }))
    }

    /// The relays as one person's browser may use them from `now` for [`VALID_FOR`]; `user` names
    /// them in the TURN server's log (an account's number, nothing personal).
    pub fn relay_for(&self, user: &str, now: DateTime<Utc>) -> Credentials {
        let username = format!("{}:{user}", (now + VALID_FOR).timestamp());
        let mut mac = Hmac::<Sha1>::new_from_slice(self.secret.as_bytes())
            .expect("HMAC takes a key of any length");
        mac.update(username.as_bytes());
        let credential =
            base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
        Credentials {
            urls: self.urls.clone(),
            username,
            credential,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn turn() -> Turn {
        Turn::from_settings(
            "turn:turn.example.org:3478, turns:turn.example.org:5349",
            "s3cret",
        )
        .unwrap()
        .unwrap()
    }

    #[test]
    fn the_credential_is_coturns_hmac_of_the_username() {
        // Expected value from Python's hmac module:
        // base64(hmac.new(b"s3cret", b"1780000000:42", sha1).digest())
        let now = DateTime::from_timestamp(1_780_000_000, 0).unwrap() - VALID_FOR;
        let relay = turn().relay_for("42", now);
        assert_eq!(relay.username, "1780000000:42");
        assert_eq!(relay.credential, "MB+HQa9kVYJuZuMpmsJv/EuS5HI=");
        assert_eq!(relay.urls.len(), 2);
    }

    #[test]
    fn both_settings_or_neither() {
        assert_eq!(Turn::from_settings("", " "), Ok(None));
        assert!(Turn::from_settings("turn:a.org", "")
            .unwrap_err()
            .contains("VIDEO_TURN_SECRET"));
        assert!(Turn::from_settings("", "x")
            .unwrap_err()
            .contains("VIDEO_TURN_URLS"));
        assert!(Turn::from_settings("https://a.org", "x")
            .unwrap_err()
            .contains("not a TURN URL"));
        assert!(Turn::from_settings("turn:", "x").is_err());
    }

    #[test]
    fn the_secret_is_not_in_its_debug_text() {
        assert!(!format!("{:?}", turn()).contains("s3cret"));
    }
}
