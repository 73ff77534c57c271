//! Who a publish or a take-down reaches: the people whose day changed and how, in words, their
//! e-mail, and the notice on their open pages.

use crate::error::AppResult;
use crate::ids::{ApplicantId, ItineraryVersion, ProgramId, UserId};
use crate::itinerary::domain::{changes, Published};
use crate::itinerary::types::PersonChange;
use crate::live::{Audience as Hears, Change, Event};
use crate::mail::domain::{MailKind, Placeholder};
use crate::mail::ssr::Mail;
use crate::server::AppState;

/// Someone whose day a publish changes, and how.
pub(super) struct Affected {
    pub(super) name: String,
    who: Who,
    pub(super) lines: Vec<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Who {
    Applicant(ApplicantId),
    Interviewer(UserId),
}

impl Affected {
    fn applicant(&self) -> bool {
        matches!(self.who, Who::Applicant(_))
    }
}

/// Who is affected from `before` (the version out, if any) to `after`, and how.
pub(super) fn affected(before: Option<&Published>, after: Option<&Published>) -> Vec<Affected> {
    let day_of = |p: Option<&Published>, who: Who| {
        p.map(|p| match who {
            Who::Applicant(a) => p.applicant_day(a),
            Who::Interviewer(u) => p.interviewer_day(u),
        })
        .unwrap_or_default()
    };
    let mut people: Vec<(Who, String)> = Vec::new();
    for p in before.into_iter().chain(after) {
        let (applicants, interviewers) = p.people();
        people.extend(applicants.into_iter().filter_map(|id| {
            let a = p.applicants.iter().find(|x| x.id == id)?;
            Some((Who::Applicant(id), a.name.clone()))
        }));
        people.extend(interviewers.into_iter().filter_map(|id| {
            let i = p
                .rooms
                .iter()
                .flat_map(|r| r.interviewers.iter())
                .find(|x| x.id == id)?;
            Some((Who::Interviewer(id), i.name.clone()))
        }));
    }
    people.sort_by_key(|p| p.0);
    people.dedup_by_key(|p| p.0);
    let mut out: Vec<Affected> = Vec::new();
    for (who, name) in people {
        let lines = changes(&day_of(before, who), &day_of(after, who));
        if !lines.is_empty() {
            out.push(Affected { name, who, lines });
        }
    }
    out.sort_by(|a, b| (!a.applicant(), &a.name).cmp(&(!b.applicant(), &b.name)));
    out
}

/// The affected people with the e-mail they are reached at (only those who have one).
pub(super) async fn reach(
    state: &AppState,
    program: ProgramId,
    affected: Vec<Affected>,
) -> AppResult<Vec<(Affected, String)>> {
    let mut out = Vec::with_capacity(affected.len());
    for a in affected {
        let email = match a.who {
            Who::Applicant(id) => state.repo.applicant_email(program, id).await?,
            Who::Interviewer(id) => state.repo.user_email(id).await?,
        };
        out.extend(email.map(|e| (a, e)));
    }
    Ok(out)
}

pub(super) fn person_changes(list: &[Affected]) -> Vec<PersonChange> {
    list.iter()
        .map(|a| PersonChange {
            name: a.name.clone(),
            role: if a.applicant() {
                "Applicant"
            } else {
                "Interviewer"
            }
            .into(),
            lines: a.lines.clone(),
        })
        .collect()
}

pub(super) fn email_of(
    state: &AppState,
    program: ProgramId,
    (session, date): (&str, &str),
    a: &Affected,
    email: &str,
    version: ItineraryVersion,
) -> Mail {
    let kind = if version == ItineraryVersion(1) {
        MailKind::ItineraryPublished
    } else {
        MailKind::ItineraryChanged
    };
    a.mail(state, kind, program, email)
        .with(Placeholder::SessionName, session)
        .with(Placeholder::SessionDate, date)
}

impl Affected {
    /// A message of `kind` to this person at `email`: their name, whom it is about, their
    /// lines as the details and the link to their itinerary.
    pub(super) fn mail(
        &self,
        state: &AppState,
        kind: MailKind,
        program: ProgramId,
        email: &str,
    ) -> Mail {
        let page = if self.applicant() {
            "my-programs"
        } else {
            "my-day"
        };
        let mail = Mail::new(kind, Some(program), email);
        let mail = match self.who {
            Who::Applicant(id) => mail.applicant(id, &self.name, email),
            Who::Interviewer(id) => mail.user(Some(id), &self.name),
        };
        mail.with(
            Placeholder::Details,
            self.lines
                .iter()
                .map(|l| format!("- {l}"))
                .collect::<Vec<_>>()
                .join("\n"),
        )
        .with(
            Placeholder::ItineraryLink,
            format!("{}/{page}", state.config.public_url.trim_end_matches('/')),
        )
    }
}

/// A notice on each affected person's open pages (a page that hears a notice reloads what it
/// shows, their itinerary included).
pub(super) fn notify(state: &AppState, what: &str, reached: &[(Affected, String)]) {
    for (a, email) in reached {
        state.hub.publish(Event {
            audiences: vec![Hears::Person(email.clone())],
            change: Change::Notice(format!("{what}: {}", a.lines.join(" "))),
        });
    }
}
