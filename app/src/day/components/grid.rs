//! The report above the grid (following the draft), and names for what the grid and the report
//! say.

use crate::day::domain::grid::{Slot, Violation};
use crate::day::domain::standing::{all_well, interviews, standing};
use crate::day::domain::ReportView;
#[cfg(feature = "ssr")]
use crate::day::domain::{Report, UnmetView, UnmetWhy};
use crate::day::types::DayPage;
use crate::ids::{ApplicantId, RoomId, UserId};
use crate::ui::{Notice, NoticeKind};
use leptos::prelude::*;

/// Names by id, for messages.
pub(crate) struct Names<'a>(pub &'a DayPage);

impl Names<'_> {
    /// A confirmed applicant's name, or one the draft still places after they left the session.
    pub fn applicant(&self, id: ApplicantId) -> String {
        self.0
            .applicants
            .iter()
            .chain(&self.0.former)
            .find(|a| a.id == id)
            .map(|a| a.name.clone())
            .unwrap_or_else(|| format!("Applicant {id}"))
    }
    pub fn interviewer(&self, id: UserId) -> String {
        self.0
            .staff
            .iter()
            .find(|a| a.id == id)
            .map(|a| a.name.clone())
            .unwrap_or_else(|| format!("Interviewer {id}"))
    }
    pub fn room(&self, id: RoomId) -> String {
        self.0
            .rooms
            .iter()
            .find(|r| r.id == id)
            .map(|r| r.name.clone())
            .unwrap_or_else(|| "a removed room".into())
    }

    /// A violation in words.
    pub fn violation(&self, v: &Violation) -> String {
        match v {
            Violation::OutsideTheDay { slot } => format!(
                "{} is placed in round {} of {}, which the day no longer has.",
                self.applicant(slot.applicant),
                slot.round + 1,
                self.room(slot.room)
            ),
            Violation::RoomTaken {
                round,
                room,
                applicants,
            } => format!(
                "{} hosts {} in round {}.",
                self.room(*room),
                applicants
                    .iter()
                    .map(|a| self.applicant(*a))
                    .collect::<Vec<_>>()
                    .join(" and "),
                round + 1
            ),
            Violation::TwoPlacesAtOnce {
                round, applicant, ..
            } => format!(
                "{} is in two rooms in round {}.",
                self.applicant(*applicant),
                round + 1
            ),
            Violation::SameRoomTwice { applicant, room } => format!(
                "{} visits {} twice.",
                self.applicant(*applicant),
                self.room(*room)
            ),
            Violation::SameInterviewerTwice {
                applicant,
                interviewer,
            } => format!(
                "{} meets {} twice.",
                self.applicant(*applicant),
                self.interviewer(*interviewer)
            ),
            Violation::Conflict {
                applicant,
                interviewer,
                round,
                ..
            } => format!(
                "{} meets {} in round {}, against a conflict of interest.",
                self.applicant(*applicant),
                self.interviewer(*interviewer),
                round + 1
            ),
        }
    }
}

/// What the generator said that the draft cannot say again, in words (on the server: the page
/// carries the words, not the report).
#[cfg(feature = "ssr")]
pub fn report_view(report: &Report, day: &DayPage) -> ReportView {
    let names = Names(day);
    let unmet = report
        .unmet
        .iter()
        .map(|u| {
            let why = match &u.why {
                UnmetWhy::DayTooSmall { seats, needed } => {
                    format!("the day holds {} and {needed} are wanted", interviews(*seats))
                }
                UnmetWhy::TooFewRooms { open: 1 } => "only 1 room is open to them (conflicts of interest, shared interviewers)".into(),
                UnmetWhy::TooFewRooms { open } => format!(
                    "only {open} rooms are open to them (conflicts of interest, shared interviewers)"
                ),
                UnmetWhy::NotFound => "the search found no better arrangement".into(),
            };
            UnmetView {
                applicant: u.applicant,
                got: u.got,
                text: format!(
                    "{}: {} of {} — {why}.",
                    names.applicant(u.applicant),
                    u.got,
                    interviews(u.wanted)
                ),
            }
        })
        .collect();
    let place = |p: Option<(u16, RoomId)>| match p {
        Some((round, room)) => format!("{}, round {}", names.room(room), round + 1),
        None => "unscheduled".to_string(),
    };
    let moved: Vec<String> = report
        .moved
        .iter()
        .map(|m| {
            format!(
                "{}: {} → {}",
                names.applicant(m.applicant),
                place(m.from),
                place(m.to)
            )
        })
        .collect();
    ReportView { unmet, moved }
}

/// The report above the grid. It follows the draft as edited (`slots`, and `marks`: the rules
/// each slot breaks, as the grid marks them); of the last generation it keeps only why an
/// applicant is short (while they still are, by as much) and what a repair moved.
#[component]
pub fn DraftReport(
    page: StoredValue<DayPage>,
    slots: Signal<Vec<Slot>>,
    marks: Memo<Vec<(Slot, String)>>,
    report: Option<ReportView>,
) -> impl IntoView {
    let ReportView { unmet, moved } = report.unwrap_or_default();
    let wanted = page.with_value(|p| p.interviews_per_applicant);
    let standing = Memo::new(move |_| {
        page.with_value(|p| {
            let people: Vec<ApplicantId> = p.applicants.iter().map(|a| a.id).collect();
            slots.with(|s| standing(&p.shape(), &people, wanted, s))
        })
    });
    let headline = move || {
        let mut broken: Vec<String> = Vec::new();
        marks.with(|m| {
            for (_, why) in m {
                if !broken.contains(why) {
                    broken.push(why.clone());
                }
            }
        });
        let mut explained = true;
        let short: Vec<String> = standing.with(|s| {
            s.short
                .iter()
                .map(
                    |(a, got)| match unmet.iter().find(|u| u.applicant == *a && u.got == *got) {
                        Some(u) => u.text.clone(),
                        None => {
                            explained = false;
                            let who = page.with_value(|p| Names(p).applicant(*a));
                            format!("{who}: {got} of {}.", interviews(wanted))
                        }
                    },
                )
                .collect()
        });
        if broken.is_empty() && short.is_empty() {
            return view! { <Notice kind=NoticeKind::Success>{all_well(wanted)}</Notice> }
                .into_any();
        }
        // A broken rule is an error; a shortfall the day cannot avoid is information.
        let (kind, lead) = if !broken.is_empty() {
            (NoticeKind::Error, "The draft breaks a rule:")
        } else if explained {
            (NoticeKind::Info, "The draft is as full as this day allows:")
        } else {
            (NoticeKind::Info, "Not everyone has their interviews yet:")
        };
        view! {
            <Notice kind>
                <p>{lead}</p>
                <ul>{broken.into_iter().chain(short).map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
            </Notice>
        }
        .into_any()
    };
    let load = move || {
        standing.with(|s| {
            page.with_value(|p| {
                let names = Names(p);
                let text = s
                    .load
                    .iter()
                    .map(|(id, n)| format!("{} {n}", names.interviewer(*id)))
                    .collect::<Vec<_>>()
                    .join(" · ");
                if text.is_empty() {
                    "—".to_string()
                } else {
                    text
                }
            })
        })
    };
    let late = move || {
        standing.with(|s| match s.late {
            (a, b) if a == b => a.to_string(),
            (a, b) => format!("{a} to {b}"),
        })
    };
    view! {
        <div class="report" aria-label="Draft report" data-testid="draft-report">
            {headline}
            {(!moved.is_empty()).then(|| view! {
                <div class="moved" data-testid="repair-moved">
                    <p><strong>{format!("The repair moved {}:", if moved.len() == 1 { "one interview".to_string() } else { format!("{} interviews", moved.len()) })}</strong></p>
                    <ul>{moved.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
                </div>
            })}
            <dl class="facts">
                <dt>"Interviews per interviewer"</dt>
                <dd>{load}</dd>
                <dt>"Late-day interviews per applicant"</dt>
                <dd>{late}</dd>
            </dl>
        </div>
    }
}
