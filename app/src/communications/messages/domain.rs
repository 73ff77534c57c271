//! The Communications page's rules: its filter read from the address (a kind, a state or a date
//! that is not one is refused under its field; texts are cut and cleaned, never refused), its
//! pages, and what a message's times say in words. Where a message stands is the mail core's
//! ([`crate::mail::domain::MessageState`]).

use super::types::MessagesFilter;
use crate::error::AppError;
use crate::mail::domain::{MailKind, MessageState};
use chrono::NaiveDate;

/// Messages on one page.
pub const PAGE_SIZE: i64 = 50;
/// The last page asked for is at most this.
pub const MAX_PAGE: i64 = 1_000_000;
/// The longest search or person text kept (characters).
pub const TEXT_MAX: usize = 200;

/// The filter as typed values.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Criteria {
    /// Lower case; empty: anyone.
    pub person: String,
    pub kind: Option<MailKind>,
    pub state: Option<MessageState>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Lower case; part of the subject or the recipient's address.
    pub search: String,
    pub applicant: Option<i64>,
    pub page: i64,
}

impl Criteria {
    pub fn read(f: &MessagesFilter) -> Result<Criteria, AppError> {
        let kind = match f.kind.trim() {
            "" => None,
            k => Some(
                MailKind::parse(k)
                    .filter(|k| listed_kinds().contains(k))
                    .ok_or_else(|| AppError::invalid("kind", "Choose a kind from the list."))?,
            ),
        };
        let state = match f.state.trim() {
            "" => None,
            s => Some(
                MessageState::parse(s)
                    .ok_or_else(|| AppError::invalid("state", "Choose a state from the list."))?,
            ),
        };
        let applicant = match f.applicant.trim() {
            "" => None,
            a => Some(
                a.parse::<i64>()
                    .map_err(|_| AppError::invalid("applicant", "That applicant was not found."))?,
            ),
        };
        let (from, to) = crate::audit::domain::days(&f.from, &f.to)?;
        Ok(Criteria {
            person: text(&f.person),
            kind,
            state,
            from,
            to,
            search: text(&f.q),
            applicant,
            page: f.page.trim().parse::<i64>().unwrap_or(1).clamp(1, MAX_PAGE),
        })
    }

    /// The rows skipped before this page (the page clamped to the last).
    pub fn offset(&self, total: i64) -> i64 {
        (self.page.min(pages(total)) - 1) * PAGE_SIZE
    }
}

/// A typed text as the filter keeps it: no control characters, at most [`TEXT_MAX`]
/// characters, trimmed, lower case.
fn text(v: &str) -> String {
    v.chars()
        .filter(|c| !c.is_control())
        .take(TEXT_MAX)
        .collect::<String>()
        .trim()
        .to_lowercase()
}

/// How many pages `total` messages fill (at least one).
pub fn pages(total: i64) -> i64 {
    ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1)
}

/// The kinds a program's messages may be of, as the filter lists them (the account messages
/// are sent before any program is known, so none of a program is of their kinds).
pub fn listed_kinds() -> Vec<MailKind> {
    MailKind::ALL
        .iter()
        .copied()
        .filter(|k| k.audience() != crate::mail::domain::Audience::Account)
        .collect()
}

/// "1 message", "12 messages".
pub fn messages(n: i64) -> String {
    match n {
        1 => "1 message".into(),
        n => format!("{n} messages"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter() -> MessagesFilter {
        MessagesFilter::default()
    }

    #[test]
    fn the_filter_reads_its_fields() {
        let c = Criteria::read(&MessagesFilter {
            person: "  Ana LEE\u{0}  ".into(),
            kind: "invitation".into(),
            state: "bounced".into(),
            from: "2026-11-01".into(),
            to: "2026-11-30".into(),
            q: "Interview".into(),
            applicant: "12".into(),
            page: "3".into(),
            ..filter()
        })
        .unwrap();
        assert_eq!(c.person, "ana lee");
        assert_eq!(c.kind, Some(MailKind::Invitation));
        assert_eq!(c.state, Some(MessageState::Bounced));
        assert_eq!(c.from, NaiveDate::from_ymd_opt(2026, 11, 1));
        assert_eq!(c.search, "interview");
        assert_eq!((c.applicant, c.page), (Some(12), 3));
        assert_eq!(c.offset(1_000), 100);
        assert_eq!(c.offset(60), 50, "a page past the end is the last");
    }

    #[test]
    fn what_is_not_a_kind_state_or_date_is_refused_under_its_field() {
        let field = |f: MessagesFilter| match Criteria::read(&f) {
            Err(AppError::Invalid { field, .. }) => field,
            other => panic!("{other:?}"),
        };
        let kind = |k: &str| MessagesFilter {
            kind: k.into(),
            ..filter()
        };
        assert_eq!(
            field(kind("password_reset")),
            Some("kind".into()),
            "an account kind"
        );
        assert_eq!(field(kind("nope")), Some("kind".into()));
        assert_eq!(
            field(MessagesFilter {
                state: "lost".into(),
                ..filter()
            }),
            Some("state".into())
        );
        assert_eq!(
            field(MessagesFilter {
                from: "2027-02-30".into(),
                ..filter()
            }),
            Some("from".into())
        );
        assert_eq!(
            field(MessagesFilter {
                from: "2026-12-02".into(),
                to: "2026-12-01".into(),
                ..filter()
            }),
            Some("to".into())
        );
        assert_eq!(
            field(MessagesFilter {
                applicant: "x".into(),
                ..filter()
            }),
            Some("applicant".into())
        );
    }

    #[test]
    fn texts_and_pages_are_read_leniently() {
        let c = Criteria::read(&MessagesFilter {
            q: "x".repeat(10_000),
            page: "-4".into(),
            ..filter()
        })
        .unwrap();
        assert_eq!((c.search.len(), c.page), (TEXT_MAX, 1));
        let c = Criteria::read(&MessagesFilter {
            page: "99999999999999999999".into(),
            ..filter()
        })
        .unwrap();
        assert_eq!(c.page, 1);
        assert_eq!(pages(0), 1);
        assert_eq!(pages(101), 3);
        assert_eq!(messages(1), "1 message");
        assert!(listed_kinds().contains(&MailKind::OneOff));
        assert!(!listed_kinds().contains(&MailKind::PasswordReset));
    }
}
