//! Writing to a list, shared by both sides: the page's query (which applicants, and the message
//! as typed: the preview is written from it) and what "Send" posts.

use serde::{Deserialize, Serialize};

/// `/communications/send?status=confirmed&session=3&q=…&subject=…&body=…`: every field text as a
/// form sends it. The filter is the applicant list's (`status`, `session`, `q`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SendListQuery {
    pub status: String,
    pub session: String,
    pub q: String,
    pub subject: String,
    pub body: String,
}

/// What "Send" posts (`send[subject]` …): the message, its list, and how many the preview
/// said it goes to (`expected`: a list that changed since is refused, so nobody is written to
/// unseen; left out by a script, not checked).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SendListForm {
    pub status: String,
    pub session: String,
    pub q: String,
    pub subject: String,
    pub body: String,
    pub expected: String,
}
