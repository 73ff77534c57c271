//! What the account page shows.

use serde::{Deserialize, Serialize};

/// One login session of the person, as the account page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginSessionView {
    /// The session's public id: the first 16 characters of its token's hash (never the token).
    pub id: String,
    /// "Firefox on Windows".
    pub device: String,
    /// "3 days ago".
    pub opened: String,
    /// "5 minutes ago".
    pub last_used: String,
    /// The session of the request.
    pub this: bool,
}

/// The account page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountView {
    pub name: String,
    pub email: String,
    /// A new e-mail whose confirmation link is out.
    pub pending_email: Option<String>,
    pub sessions: Vec<LoginSessionView>,
}
