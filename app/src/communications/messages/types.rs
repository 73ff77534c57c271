//! The Communications page's query, shared by both sides: the filter as the address carries it
//! (`/communications?person=ana&kind=invitation&state=failed&from=2026-11-01&to=2026-11-30&q=…
//! &page=2`), every field text as a form sends it (an unchosen one is empty);
//! [`super::domain::Criteria`] reads it.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MessagesFilter {
    /// Part of the recipient's e-mail, or of the name of the applicant or staff member it is to.
    pub person: String,
    /// A kind of message (its word: `invitation`, `one_off` …).
    pub kind: String,
    /// `queued`, `sent`, `retrying`, `failed` or `bounced`.
    pub state: String,
    /// The first day shown (`YYYY-MM-DD`, in the program's zone).
    pub from: String,
    /// The last day shown, included.
    pub to: String,
    /// Part of the subject or the recipient's address.
    pub q: String,
    /// One applicant's messages only (their id: the link from their page).
    pub applicant: String,
    /// The page, from 1.
    pub page: String,
    /// `resend-failed`: the page asks to confirm resending every failed message.
    pub confirm: String,
}

#[cfg(feature = "ssr")]
impl MessagesFilter {
    /// The filter as a query (empty fields left out), without the page and the confirm step.
    pub fn query(&self) -> String {
        let mut out = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in [
            ("person", &self.person),
            ("kind", &self.kind),
            ("state", &self.state),
            ("from", &self.from),
            ("to", &self.to),
            ("q", &self.q),
            ("applicant", &self.applicant),
        ] {
            if !v.trim().is_empty() {
                out.append_pair(k, v.trim());
            }
        }
        out.finish()
    }

    /// The page's address for this filter on `page`, with `more` pairs after it.
    pub fn link(&self, page: i64, more: &str) -> String {
        let mut parts: Vec<String> = Vec::new();
        let query = self.query();
        if !query.is_empty() {
            parts.push(query);
        }
        if page > 1 {
            parts.push(format!("page={page}"));
        }
        if !more.is_empty() {
            parts.push(more.to_string());
        }
        if parts.is_empty() {
            "/communications".into()
        } else {
            format!("/communications?{}", parts.join("&"))
        }
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn links_keep_the_filter_and_leave_out_what_is_empty() {
        let f = MessagesFilter {
            person: " Ana Lee ".into(),
            state: "failed".into(),
            page: "3".into(),
            confirm: "resend-failed".into(),
            ..MessagesFilter::default()
        };
        assert_eq!(f.query(), "person=Ana+Lee&state=failed");
        assert_eq!(
            f.link(2, ""),
            "/communications?person=Ana+Lee&state=failed&page=2"
        );
        assert_eq!(MessagesFilter::default().link(1, ""), "/communications");
        assert_eq!(
            MessagesFilter::default().link(1, "confirm=resend-failed"),
            "/communications?confirm=resend-failed"
        );
    }
}
