//! The audit log's catalogue: each stored line (`entity`, `action`, `from`, `to`, `reason`)
//! as a sentence a coordinator reads ("Dana Cole moved Ana Lee from Tue 12 Nov to Thu 14 Nov:
//! asked for a later date"), the kinds the page filters by, and the filter read from its text.
//! A word the catalogue does not know is still shown, as its words: a line never vanishes.

use super::types::{AuditFilter, Entry};
use crate::applicants::domain::Status;
use crate::auth::domain::Role;
use crate::error::AppError;
use crate::programs::domain::InterviewSetup;
use chrono::NaiveDate;

/// Lines on one page of the audit log.
pub const PAGE_SIZE: i64 = 50;
/// The last page asked for is at most this (a larger number in the address is this one).
pub const MAX_PAGE: i64 = 1_000_000;

/// The filter as typed values: whose changes, which kind, which days, which applicant, which
/// page (from 1).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Criteria {
    pub person: Option<i64>,
    pub kind: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub applicant: Option<i64>,
    pub page: i64,
}

impl Criteria {
    /// Reads the page's query; a date or id that is not one is refused under its field.
    pub fn read(f: &AuditFilter) -> Result<Criteria, AppError> {
        let id = |v: &str, field: &str, what: &str| -> Result<Option<i64>, AppError> {
            match v.trim() {
                "" => Ok(None),
                t => t
                    .parse::<i64>()
                    .map(Some)
                    .map_err(|_| AppError::invalid(field, format!("Choose {what} from the list."))),
            }
        };
        let (from, to) = days(&f.from, &f.to)?;
        Ok(Criteria {
            person: id(&f.person, "person", "a person")?,
            kind: kind(&f.kind)?,
            from,
            to,
            applicant: id(&f.applicant, "applicant", "an applicant")?,
            page: f.page.trim().parse::<i64>().unwrap_or(1).clamp(1, MAX_PAGE),
        })
    }

    /// The rows skipped before this page.
    pub fn offset(&self) -> i64 {
        (self.page - 1) * PAGE_SIZE
    }
}

/// A filter's first and last day (`YYYY-MM-DD`, either empty): a date that is not one, or a
/// last day before the first, is refused under its field (`from`, `to`). The audit log's and
/// the Communications page's filters read them so.
pub fn days(from: &str, to: &str) -> Result<(Option<NaiveDate>, Option<NaiveDate>), AppError> {
    let date = |v: &str, field: &str| -> Result<Option<NaiveDate>, AppError> {
        match v.trim() {
            "" => Ok(None),
            t => NaiveDate::parse_from_str(t, "%Y-%m-%d")
                .map(Some)
                .map_err(|_| AppError::invalid(field, "Enter a date such as 2026-11-12.")),
        }
    };
    let (from, to) = (date(from, "from")?, date(to, "to")?);
    if let (Some(f), Some(t)) = (from, to) {
        if t < f {
            return Err(AppError::invalid(
                "to",
                "The last day comes on or after the first.",
            ));
        }
    }
    Ok((from, to))
}

/// A kind as stored: a word of lower-case letters and underscores (anything else is no kind
/// the log holds, refused under its field: a NUL byte would not even reach PostgreSQL).
fn kind(v: &str) -> Result<Option<String>, AppError> {
    match v.trim() {
        "" => Ok(None),
        k if k.len() <= 40 && k.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') => {
            Ok(Some(k.to_string()))
        }
        _ => Err(AppError::invalid("kind", "Choose a kind from the list.")),
    }
}

/// How many pages `total` lines fill (at least one).
pub fn pages(total: i64) -> i64 {
    ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1)
}

/// The kind of change an action word is, as the filter lists it.
pub fn kind_label(action: &str) -> String {
    match action {
        "status" => "Status changes".into(),
        "assigned" => "Assignments".into(),
        "moved" => "Moves".into(),
        "cancelled" => "Cancellations".into(),
        "withdrawn" => "Withdrawals".into(),
        "imported" => "Imports".into(),
        "uploaded" | "file_uploaded" => "Uploads".into(),
        "overridden" => "Overrides".into(),
        "excluded" => "Exclusions".into(),
        "included" => "Exclusions taken back".into(),
        "created" => "Created".into(),
        "added" => "Added".into(),
        "saved" => "Saved".into(),
        "deleted" => "Deleted".into(),
        "generated" => "Schedules generated".into(),
        "published" => "Days published".into(),
        "unpublished" => "Days unpublished".into(),
        "reverted" => "Rank lists reverted".into(),
        "self_scheduling" => "Self-scheduling".into(),
        "interview_setup" => "Interview setup".into(),
        "role_changed" => "Staff roles changed".into(),
        "deactivated" => "Staff deactivated".into(),
        "reactivated" => "Staff reactivated".into(),
        "password_link_sent" => "Set-password links sent".into(),
        "resent" => "Messages resent".into(),
        "sent_again" => "Messages sent again".into(),
        "sent_to_list" => "Messages to a list".into(),
        "reminders" => "Reminders".into(),
        "do_not_rank" => "Do-not-rank flags".into(),
        "matched" => "Match results".into(),
        other => capitalised(&words(other)),
    }
}

/// The past tense of an action word, for a sentence ("moved", "overrode").
fn verb(action: &str) -> String {
    match action {
        "overridden" => "overrode".into(),
        "withdrawn" => "withdrew".into(),
        "status" => "changed the status of".into(),
        "self_scheduling" => "set self-scheduling of".into(),
        "interview_setup" => "set the interview setup of".into(),
        other => words(other),
    }
}

/// A stored word as words (`rank_list` → "rank list").
fn words(stored: &str) -> String {
    stored.replace(['_', '-'], " ").trim().to_string()
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => s.to_string(),
    }
}

/// A stored value as it reads: a status, role or setup by its label, anything else as stored.
fn value(v: &str) -> String {
    if let Some(s) = Status::parse(v) {
        return s.label().to_string();
    }
    if let Some(r) = Role::parse(v) {
        return r.label().to_string();
    }
    if let Some(s) = InterviewSetup::parse(v) {
        return s.label().to_string();
    }
    v.to_string()
}

/// Who made the change: their name, or the applicant on their own page (a status the
/// applicant's own answer changed), or the portal.
pub fn actor(e: &Entry) -> String {
    match (&e.actor, e.entity.as_str(), &e.subject) {
        (Some(name), ..) => name.clone(),
        (None, "applicant", Some(name)) if e.action == "status" => name.clone(),
        _ => "The portal".into(),
    }
}

/// What the line is about, as a sentence names it.
pub fn subject(e: &Entry) -> String {
    let named = e.subject.clone().filter(|s| !s.trim().is_empty());
    match (e.entity.as_str(), named) {
        ("program", _) => "the program".into(),
        ("rank_list", None) if e.action != "created" => "the main rank list".into(),
        ("rank_list", Some(n)) => format!("the rank list {n}"),
        ("day", Some(n)) => format!("the day of {n}"),
        ("session", Some(n)) => format!("the session {n}"),
        ("scores", Some(n)) => format!("{n}'s scores"),
        (_, Some(n)) => n,
        (entity, None) => match e.entity_id {
            Some(id) => format!("{} #{id}", words(entity)),
            None => words(entity),
        },
    }
}

/// The line as a sentence.
pub fn sentence(e: &Entry) -> String {
    let who = actor(e);
    let what = subject(e);
    let from = e.from.as_deref().map(value);
    let to = e.to.as_deref().map(value);
    let mut s = match (e.entity.as_str(), e.action.as_str()) {
        // The applicant's own answer (no actor): their status went, by their choice.
        ("applicant", "status") if e.actor.is_none() && e.subject.is_some() => {
            format!("{what}'s status went{}", span(&from, &to))
        }
        ("applicant", "status") => match (&from, &to) {
            (Some(f), Some(t)) => format!("{who} changed {what} from {f} to {t}"),
            _ => format!("{who} changed the status of {what}{}", span(&from, &to)),
        },
        ("applicant", "do_not_rank") => match &to {
            Some(_) => format!("{who} flagged {what} as do not rank"),
            None => format!("{who} took back their do-not-rank flag on {what}"),
        },
        ("applicant", "matched") => match &to {
            Some(_) => format!("{who} marked {what} as matched"),
            None => format!("{who} took back the mark that {what} matched"),
        },
        ("applicant", "overridden") => match &to {
            Some(t) => format!(
                "{who} set {what}'s final score to {t}{}",
                from.as_ref()
                    .map(|f| format!(" (was {f})"))
                    .unwrap_or_default()
            ),
            None => format!("{who} cleared {what}'s final score"),
        },
        // A deleted applicant is no longer there to be joined: the row names them.
        ("applicant", "deleted") => format!(
            "{who} deleted {}{}",
            e.subject.clone().or_else(|| e.to.clone()).unwrap_or(what),
            from.map(|f| format!(" ({f})")).unwrap_or_default()
        ),
        ("applicant", "assigned") if e.actor.is_none() => {
            format!("{what} booked {}", to.as_deref().unwrap_or("a session"))
        }
        ("applicant", "file_uploaded" | "uploaded") => format!(
            "{who} uploaded {what}'s application file{}",
            e.to.as_deref().map(|f| format!(" {f}")).unwrap_or_default()
        ),
        (_, "imported") => format!(
            "{who} imported applicants{}",
            e.to.as_deref()
                .map(|t| format!(" ({t})"))
                .unwrap_or_default()
        ),
        ("scores", "excluded" | "included") => {
            let whose = match (e.to.as_deref(), &e.other) {
                (Some("all"), _) | (None, _) => "every applicant".to_string(),
                (_, Some(name)) => name.clone(),
                (Some(id), None) => format!("applicant #{id}"),
            };
            let (left, out) = if e.action == "excluded" {
                ("left", "out of")
            } else {
                ("took", "back into")
            };
            format!("{who} {left} {what} of {whose} {out} the ranks")
        }
        ("rank_list", "moved") => format!(
            "{who} changed {what}: {} from place {} to place {}",
            e.reason.as_deref().unwrap_or("an applicant moved"),
            e.from.as_deref().unwrap_or("?"),
            e.to.as_deref().unwrap_or("?")
        ),
        ("rank_list", "created") => format!(
            "{who} created the rank list {}",
            e.to.clone().or(e.subject.clone()).unwrap_or_default()
        ),
        ("membership", "role_changed") => {
            format!("{who} changed the role of {what}{}", span(&from, &to))
        }
        ("membership", "deactivated") => format!("{who} deactivated {what}"),
        ("membership", "reactivated") => format!("{who} reactivated {what}"),
        ("membership", "password_link_sent") => {
            format!("{who} sent {what} a new set-password link")
        }
        ("membership", "added") => format!(
            "{who} added {what} to the staff{}",
            to.map(|r| format!(" as {r}")).unwrap_or_default()
        ),
        ("message", "resent") => match e.entity_id {
            Some(id) => format!(
                "{who} resent message #{id}{}",
                e.to.as_deref()
                    .map(|t| format!(" to {t}"))
                    .unwrap_or_default()
            ),
            None => format!(
                "{who} resent {}",
                e.to.as_deref().unwrap_or("the failed messages")
            ),
        },
        ("message", "sent_again") => format!(
            "{who} sent {what} again{}",
            e.to.as_deref()
                .map(|t| format!(" to {t}"))
                .unwrap_or_default()
        ),
        ("message", "sent_to_list") => format!(
            "{who} wrote to {}",
            e.to.as_deref().unwrap_or("a list of applicants")
        ),
        ("program", "created") => format!(
            "{who} created the program{}",
            e.to.as_deref().map(|n| format!(" {n}")).unwrap_or_default()
        ),
        ("program", "self_scheduling") => format!(
            "{who} turned self-scheduling {}",
            e.to.as_deref().unwrap_or("on or off")
        ),
        ("program", "reminders") => format!("{who} changed the reminders{}", span(&from, &to)),
        ("program", "interview_setup") => {
            format!("{who} changed the interview setup{}", span(&from, &to))
        }
        ("session", "saved") if e.subject.is_none() => {
            format!("{who} saved the session {}", e.to.as_deref().unwrap_or(""))
                .trim_end()
                .to_string()
        }
        (_, action) => format!("{who} {} {what}{}", verb(action), span(&from, &to)),
    };
    // A rank move's reason is its applicant, said above.
    let said = e.entity == "rank_list" && e.action == "moved";
    if let Some(r) = e
        .reason
        .as_deref()
        .filter(|r| !r.trim().is_empty() && !said)
    {
        s.push_str(": ");
        s.push_str(r.trim());
    }
    s
}

/// " from A to B", " from A", " to B" or nothing.
fn span(from: &Option<String>, to: &Option<String>) -> String {
    let mut s = String::new();
    if let Some(f) = from.as_ref().filter(|f| !f.is_empty()) {
        s.push_str(&format!(" from {f}"));
    }
    if let Some(t) = to.as_ref().filter(|t| !t.is_empty()) {
        s.push_str(&format!(" to {t}"));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(entity: &str, action: &str) -> Entry {
        Entry {
            at_ms: 0,
            actor: Some("Dana Cole".into()),
            entity: entity.into(),
            entity_id: Some(7),
            subject: Some("Ana Lee".into()),
            action: action.into(),
            ..Entry::default()
        }
    }

    #[test]
    fn a_move_reads_as_the_issue_writes_it() {
        let e = Entry {
            from: Some("Tue 12 Nov".into()),
            to: Some("Thu 14 Nov".into()),
            reason: Some("asked for a later date".into()),
            ..line("applicant", "moved")
        };
        assert_eq!(
            sentence(&e),
            "Dana Cole moved Ana Lee from Tue 12 Nov to Thu 14 Nov: asked for a later date"
        );
    }

    #[test]
    fn statuses_read_by_their_labels() {
        let e = Entry {
            from: Some("pending".into()),
            to: Some("confirmed".into()),
            reason: Some("assigned a chosen session".into()),
            ..line("applicant", "status")
        };
        assert_eq!(
            sentence(&e),
            "Dana Cole changed Ana Lee from Pending to Confirmed: assigned a chosen session"
        );
        let own = Entry {
            actor: None,
            ..e.clone()
        };
        assert_eq!(
            sentence(&own),
            "Ana Lee's status went from Pending to Confirmed: assigned a chosen session"
        );
        assert_eq!(actor(&own), "Ana Lee");
    }

    #[test]
    fn a_do_not_rank_flag_and_its_taking_back() {
        let flagged = Entry {
            to: Some("flagged".into()),
            reason: Some("Unprofessional with staff".into()),
            ..line("applicant", "do_not_rank")
        };
        assert_eq!(
            sentence(&flagged),
            "Dana Cole flagged Ana Lee as do not rank: Unprofessional with staff"
        );
        let back = Entry {
            from: Some("flagged".into()),
            ..line("applicant", "do_not_rank")
        };
        assert_eq!(
            sentence(&back),
            "Dana Cole took back their do-not-rank flag on Ana Lee"
        );
        assert_eq!(kind_label("do_not_rank"), "Do-not-rank flags");
    }

    #[test]
    fn a_match_mark_and_its_taking_back() {
        let marked = Entry {
            to: Some("matched".into()),
            reason: Some("from match-results.csv".into()),
            ..line("applicant", "matched")
        };
        assert_eq!(
            sentence(&marked),
            "Dana Cole marked Ana Lee as matched: from match-results.csv"
        );
        let back = Entry {
            from: Some("matched".into()),
            ..line("applicant", "matched")
        };
        assert_eq!(
            sentence(&back),
            "Dana Cole took back the mark that Ana Lee matched"
        );
        assert_eq!(kind_label("matched"), "Match results");
    }

    #[test]
    fn overrides_and_exclusions() {
        let o = Entry {
            from: Some("3.50".into()),
            to: Some("4.50".into()),
            reason: Some("Committee decision".into()),
            ..line("applicant", "overridden")
        };
        assert_eq!(
            sentence(&o),
            "Dana Cole set Ana Lee's final score to 4.50 (was 3.50): Committee decision"
        );
        let x = Entry {
            subject: Some("Ivan Ito".into()),
            to: Some("7".into()),
            other: Some("Ana Lee".into()),
            reason: Some("Knows the applicant".into()),
            ..line("scores", "excluded")
        };
        assert_eq!(
            sentence(&x),
            "Dana Cole left Ivan Ito's scores of Ana Lee out of the ranks: Knows the applicant"
        );
        let all = Entry {
            to: Some("all".into()),
            other: None,
            reason: None,
            ..x
        };
        assert_eq!(
            sentence(&all),
            "Dana Cole left Ivan Ito's scores of every applicant out of the ranks"
        );
    }

    #[test]
    fn unknown_words_still_read() {
        let e = Entry {
            subject: None,
            from: Some("a".into()),
            to: Some("b".into()),
            ..line("hot_desk", "double_booked")
        };
        assert_eq!(
            sentence(&e),
            "Dana Cole double booked hot desk #7 from a to b"
        );
        assert_eq!(kind_label("double_booked"), "Double booked");
        let bare = Entry {
            actor: None,
            entity_id: None,
            subject: None,
            ..line("hot_desk", "closed")
        };
        assert_eq!(sentence(&bare), "The portal closed hot desk");
    }

    #[test]
    fn a_deleted_applicant_is_named_by_the_row() {
        let gone = Entry {
            subject: None,
            from: Some("interview_candidate".into()),
            to: Some("Ana Lee <ana@example.org>".into()),
            reason: None,
            ..line("applicant", "deleted")
        };
        assert_eq!(
            sentence(&gone),
            "Dana Cole deleted Ana Lee <ana@example.org> (Interview Candidate)"
        );
    }

    #[test]
    fn assignments_imports_and_uploads() {
        let by_coordinator = Entry {
            to: Some("Tue 12 Jan (8:00 AM–4:00 PM)".into()),
            reason: Some("assigned a chosen session".into()),
            ..line("applicant", "assigned")
        };
        assert_eq!(
            sentence(&by_coordinator),
            "Dana Cole assigned Ana Lee to Tue 12 Jan (8:00 AM–4:00 PM): assigned a chosen session"
        );
        let own = Entry {
            actor: None,
            reason: Some("applicant's choice".into()),
            ..by_coordinator
        };
        assert_eq!(
            sentence(&own),
            "Ana Lee booked Tue 12 Jan (8:00 AM–4:00 PM): applicant's choice"
        );
        let import = Entry {
            subject: None,
            to: Some("12 added, 3 updated".into()),
            reason: Some("season.csv".into()),
            ..line("program", "imported")
        };
        assert_eq!(
            sentence(&import),
            "Dana Cole imported applicants (12 added, 3 updated): season.csv"
        );
        let upload = Entry {
            to: Some("ana.pdf".into()),
            ..line("applicant", "file_uploaded")
        };
        assert_eq!(
            sentence(&upload),
            "Dana Cole uploaded Ana Lee's application file ana.pdf"
        );
    }

    #[test]
    fn resends_and_messages_to_a_list_read_as_sentences() {
        let one = Entry {
            entity: "message".into(),
            action: "resent".into(),
            subject: None,
            to: Some("ana@example.org".into()),
            reason: Some("it had bounced: 550 no such user".into()),
            ..line("message", "resent")
        };
        assert_eq!(
            sentence(&one),
            "Dana Cole resent message #7 to ana@example.org: it had bounced: 550 no such user"
        );
        let all = Entry {
            entity_id: None,
            to: Some("12 failed messages".into()),
            reason: None,
            ..one.clone()
        };
        assert_eq!(sentence(&all), "Dana Cole resent 12 failed messages");
        let copy = Entry {
            action: "sent_again".into(),
            reason: Some("as message #9".into()),
            ..one.clone()
        };
        assert_eq!(
            sentence(&copy),
            "Dana Cole sent message #7 again to ana@example.org: as message #9"
        );
        let list = Entry {
            action: "sent_to_list".into(),
            entity_id: None,
            to: Some("3 applicants".into()),
            reason: Some("“Parking” to the Confirmed ones".into()),
            ..one
        };
        assert_eq!(
            sentence(&list),
            "Dana Cole wrote to 3 applicants: “Parking” to the Confirmed ones"
        );
        assert_eq!(kind_label("sent_to_list"), "Messages to a list");
    }

    #[test]
    fn every_kind_the_issue_names_has_a_label() {
        for (action, label) in [
            ("status", "Status changes"),
            ("assigned", "Assignments"),
            ("moved", "Moves"),
            ("cancelled", "Cancellations"),
            ("imported", "Imports"),
            ("uploaded", "Uploads"),
            ("file_uploaded", "Uploads"),
            ("overridden", "Overrides"),
            ("excluded", "Exclusions"),
        ] {
            assert_eq!(kind_label(action), label);
        }
    }

    #[test]
    fn the_filter_is_read_or_refused_under_its_field() {
        let ok = Criteria::read(&AuditFilter {
            person: "3".into(),
            kind: " status ".into(),
            from: "2026-11-01".into(),
            to: "2026-11-30".into(),
            page: "x".into(),
            ..AuditFilter::default()
        })
        .unwrap();
        assert_eq!(ok.person, Some(3));
        assert_eq!(ok.kind.as_deref(), Some("status"));
        assert_eq!(ok.page, 1);
        for odd in ["a\0b", "Status", &"x".repeat(41), "status; drop"] {
            let e = Criteria::read(&AuditFilter {
                kind: odd.into(),
                ..AuditFilter::default()
            })
            .unwrap_err();
            assert!(e.field_message("kind").is_some(), "{odd:?}");
        }
        let far = Criteria::read(&AuditFilter {
            page: i64::MAX.to_string(),
            ..AuditFilter::default()
        })
        .unwrap();
        assert_eq!(far.page, MAX_PAGE);
        assert!(far.offset() > 0);
        let bad = Criteria::read(&AuditFilter {
            from: "12/11/2026".into(),
            ..AuditFilter::default()
        })
        .unwrap_err();
        assert!(bad.field_message("from").is_some());
        let reversed = Criteria::read(&AuditFilter {
            from: "2026-11-30".into(),
            to: "2026-11-01".into(),
            ..AuditFilter::default()
        })
        .unwrap_err();
        assert!(reversed.field_message("to").is_some());
        assert_eq!(pages(0), 1);
        assert_eq!(pages(51), 2);
    }
}
