//! The audit log's shapes shared by both sides: the filter (the page's query, the export's and
//! the server function's fields) and one line as the catalogue reads it.

use serde::{Deserialize, Serialize};

/// What the audit page shows: the query of `/audit` and `/export/audit.csv`
/// (`?person=3&kind=status&from=2026-11-01&to=2026-11-30&page=2`). Every field is text as a
/// form sends it (an unchosen one is empty); [`crate::audit::domain::Criteria`] reads it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AuditFilter {
    /// Who made the change (a user's id).
    pub person: String,
    /// The kind of change (the stored action word: `status`, `moved`, `overridden` …).
    pub kind: String,
    /// The first day shown (`YYYY-MM-DD`, in the program's time zone).
    pub from: String,
    /// The last day shown (`YYYY-MM-DD`), included.
    pub to: String,
    /// One applicant's lines only (their id).
    pub applicant: String,
    /// The page, from 1.
    pub page: String,
}

impl AuditFilter {
    /// The filter as a query (empty fields left out), without the page.
    pub fn query(&self) -> String {
        let fields = [
            ("person", &self.person),
            ("kind", &self.kind),
            ("from", &self.from),
            ("to", &self.to),
            ("applicant", &self.applicant),
        ];
        fields
            .iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(k, v)| format!("{k}={}", encode(v.trim())))
            .collect::<Vec<_>>()
            .join("&")
    }
}

/// A query value with the characters that would end it written as `%XX`.
fn encode(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for b in v.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// One line of the audit log as it is shown: the stored words with the names of whom and
/// what they are about (read when shown: a name is the one it has now, if it still exists).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    /// When, in UTC milliseconds.
    pub at_ms: i64,
    /// Who made the change (`None`: the portal itself, or the applicant on their own page).
    pub actor: Option<String>,
    /// What it is about (`applicant`, `session`, `day`, `scores`, `rank_list` …).
    pub entity: String,
    pub entity_id: Option<i64>,
    /// The name of what it is about, when it still exists.
    pub subject: Option<String>,
    /// What was done (`status`, `moved`, `overridden` …).
    pub action: String,
    pub from: Option<String>,
    pub to: Option<String>,
    pub reason: Option<String>,
    /// The applicant a line about scores names in `to` (an exclusion's), when it exists.
    pub other: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_leaves_empty_fields_out_and_escapes_values() {
        let f = AuditFilter {
            person: "3".into(),
            kind: "status".into(),
            from: " ".into(),
            to: "2026-11-30".into(),
            applicant: String::new(),
            page: "2".into(),
        };
        assert_eq!(f.query(), "person=3&kind=status&to=2026-11-30");
        let odd = AuditFilter {
            kind: "a&b=c d".into(),
            ..AuditFilter::default()
        };
        assert_eq!(odd.query(), "kind=a%26b%3Dc%20d");
    }
}
