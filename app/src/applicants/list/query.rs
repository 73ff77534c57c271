//! What the applicant list shows, as the page's address carries it (`?status=pending&session=3
//! &q=ana&sort=email&dir=desc&page=2`): read leniently, so a hand-edited or stale link shows a
//! sane list instead of an error (an unknown sort is by name, a page past the end is the last),
//! and written back into links (sort headers, page links, the export) that keep the rest.

use crate::applicants::domain::Status;
use crate::ids::SessionId;

/// Rows on one page of the list.
pub const PAGE_SIZE: u64 = 50;
/// The longest search kept (characters); a longer one is cut there.
pub const SEARCH_MAX: usize = 200;

/// A column the list sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    #[default]
    Name,
    Email,
    Status,
    Session,
    Choices,
    Sent,
    ApplicationId,
}

impl SortBy {
    pub const ALL: [SortBy; 7] = [
        SortBy::Name,
        SortBy::Email,
        SortBy::ApplicationId,
        SortBy::Status,
        SortBy::Session,
        SortBy::Choices,
        SortBy::Sent,
    ];

    pub fn key(self) -> &'static str {
        match self {
            SortBy::Name => "name",
            SortBy::Email => "email",
            SortBy::Status => "status",
            SortBy::Session => "session",
            SortBy::Choices => "choices",
            SortBy::Sent => "sent",
            SortBy::ApplicationId => "application",
        }
    }

    /// The column's heading.
    pub fn label(self) -> &'static str {
        match self {
            SortBy::Name => "Applicant",
            SortBy::Email => "E-mail",
            SortBy::Status => "Status",
            SortBy::Session => "Session",
            SortBy::Choices => "Choices",
            SortBy::Sent => "Invitation",
            SortBy::ApplicationId => "Application id",
        }
    }

    fn parse(text: &str) -> Option<SortBy> {
        Self::ALL.into_iter().find(|s| s.key() == text)
    }
}

/// The list's filter, order and page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListQuery {
    pub status: Option<Status>,
    /// Confirmed in this session, or chose it first or second.
    pub session: Option<SessionId>,
    /// Part of a name, an e-mail or an application id (trimmed, at most [`SEARCH_MAX`]).
    pub search: String,
    pub sort: SortBy,
    pub descending: bool,
    /// 1-based; past the last page it is read as the last (`ListPage::clamp`).
    pub page: u64,
}

impl ListQuery {
    /// Reads the address's query (`a=1&b=2`, a leading `?` allowed); what is unknown or
    /// malformed falls back to the default of its part.
    pub fn parse(query: &str) -> ListQuery {
        let mut q = ListQuery {
            page: 1,
            ..ListQuery::default()
        };
        let query = query.strip_prefix('?').unwrap_or(query);
        for (key, value) in url::form_urlencoded::parse(query.as_bytes()) {
            match &*key {
                "status" => q.status = Status::parse(&value),
                "session" => q.session = value.parse().ok(),
                // Control characters (a NUL, which Postgres refuses in text) are no search.
                "q" => {
                    q.search = value
                        .chars()
                        .filter(|c| !c.is_control())
                        .take(SEARCH_MAX)
                        .collect::<String>()
                        .trim()
                        .to_string()
                }
                "sort" => q.sort = SortBy::parse(&value).unwrap_or_default(),
                "dir" => q.descending = value == "desc",
                "page" => q.page = value.parse::<u64>().ok().filter(|&p| p > 0).unwrap_or(1),
                _ => {}
            }
        }
        q
    }

    /// The filter alone (what "all matching" selects and the export writes), as a query.
    pub fn filter_query(&self) -> String {
        self.pairs(false, None)
    }

    /// The whole view as a query, on `page` (the page links).
    pub fn on_page(&self, page: u64) -> String {
        self.pairs(true, Some(page))
    }

    /// The view sorted by `by`: the other direction when it is sorted by it already; page 1.
    pub fn sorted_by(&self, by: SortBy) -> String {
        let view = ListQuery {
            sort: by,
            descending: self.sort == by && !self.descending,
            ..self.clone()
        };
        view.pairs(true, None)
    }

    fn pairs(&self, order: bool, page: Option<u64>) -> String {
        let mut out = url::form_urlencoded::Serializer::new(String::new());
        if let Some(s) = self.status {
            out.append_pair("status", s.as_str());
        }
        if let Some(s) = self.session {
            out.append_pair("session", &s.to_string());
        }
        if !self.search.is_empty() {
            out.append_pair("q", &self.search);
        }
        if order && self.sort != SortBy::Name {
            out.append_pair("sort", self.sort.key());
        }
        if order && self.descending {
            out.append_pair("dir", "desc");
        }
        if let Some(p) = page.filter(|&p| p > 1) {
            out.append_pair("page", &p.to_string());
        }
        out.finish()
    }

    /// How many pages `total` rows fill (at least one), and this query's page within them.
    pub fn page_in(&self, total: u64) -> (u64, u64) {
        let pages = total.div_ceil(PAGE_SIZE).max(1);
        (self.page.clamp(1, pages), pages)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_view_reads_back_from_its_own_links() {
        let q =
            ListQuery::parse("?status=pending&session=3&q=Ana+L%C3%A9e&sort=email&dir=desc&page=2");
        assert_eq!(q.status, Some(Status::Pending));
        assert_eq!(q.session, Some(SessionId(3)));
        assert_eq!(q.search, "Ana Lée");
        assert_eq!((q.sort, q.descending, q.page), (SortBy::Email, true, 2));
        assert_eq!(ListQuery::parse(&q.on_page(2)), q);
        assert_eq!(q.filter_query(), "status=pending&session=3&q=Ana+L%C3%A9e");
        // Sorting again by the same column turns it round, from page 1.
        assert!(!ListQuery::parse(&q.sorted_by(SortBy::Email)).descending);
        assert_eq!(ListQuery::parse(&q.sorted_by(SortBy::Email)).page, 1);
    }

    #[test]
    fn bad_parts_fall_back_to_their_defaults() {
        for bad in [
            "page=-1",
            "page=0",
            "page=abc",
            "page=99999999999999999999999",
        ] {
            assert_eq!(ListQuery::parse(bad).page, 1, "{bad}");
        }
        let q = ListQuery::parse("sort=password&status=admin&session=x&dir=sideways");
        assert_eq!(
            q,
            ListQuery {
                page: 1,
                ..ListQuery::default()
            }
        );
        let long = format!("q={}", "a".repeat(10_000));
        assert_eq!(ListQuery::parse(&long).search.len(), SEARCH_MAX);
        assert_eq!(ListQuery::parse("q=%00a%07%0Ab").search, "ab");
    }

    #[test]
    fn a_page_past_the_end_is_the_last() {
        let q = ListQuery {
            page: 1_000_000_000_000,
            ..ListQuery::default()
        };
        assert_eq!(q.page_in(120), (3, 3));
        assert_eq!(q.page_in(0), (1, 1));
        assert_eq!(ListQuery { page: 2, ..q }.page_in(100), (2, 2));
    }
}
