//! The generator's report, and names for what the grid and the report say.

use crate::day::api::DayPage;
use crate::day::domain::grid::Violation;
use crate::day::domain::ReportView;
#[cfg(feature = "ssr")]
use crate::day::domain::{Report, UnmetWhy};
use crate::ids::{ApplicantId, RoomId, UserId};
use crate::ui::{Notice, NoticeKind};
use leptos::prelude::*;

/// Names by id, for messages.
pub(crate) struct Names<'a>(pub &'a DayPage);

impl Names<'_> {
    pub fn applicant(&self, id: ApplicantId) -> String {
        self.0
            .applicants
            .iter()
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

/// The report in words (on the server: the page carries the words, not the report).
#[cfg(feature = "ssr")]
pub fn report_view(report: &Report, day: &DayPage) -> ReportView {
    let names = Names(day);
    let violations = report
        .violations
        .iter()
        .map(|v| names.violation(v))
        .collect();
    let unmet: Vec<String> = report
        .unmet
        .iter()
        .map(|u| {
            let why = match &u.why {
                UnmetWhy::DayTooSmall { seats, needed } => {
                    format!("the day holds {seats} interviews and {needed} are wanted")
                }
                UnmetWhy::TooFewRooms { open } => format!(
                    "only {open} rooms are open to them (conflicts of interest, shared interviewers)"
                ),
                UnmetWhy::NotFound => "the search found no better arrangement".into(),
            };
            format!(
                "{}: {} of {} interviews — {why}.",
                names.applicant(u.applicant),
                u.got,
                u.wanted
            )
        })
        .collect();
    let load = report
        .interviewer_load
        .iter()
        .map(|(id, n)| format!("{} {n}", names.interviewer(*id)))
        .collect::<Vec<_>>()
        .join(" · ");
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
    let (late_min, late_max) = report.late_slots;
    ReportView {
        violations,
        unmet,
        load,
        late: if late_min == late_max {
            late_min.to_string()
        } else {
            format!("{late_min} to {late_max}")
        },
        moved,
        iterations: report.iterations,
    }
}

#[component]
pub fn ReportCard(report: ReportView, interviews: u16) -> impl IntoView {
    let ReportView {
        violations,
        unmet,
        load,
        late,
        moved,
        iterations,
    } = report;
    let broken = !violations.is_empty();
    let all_well = !broken && unmet.is_empty();
    view! {
        <div class="report" aria-label="Generator report">
            {if all_well {
                view! {
                    <Notice kind=NoticeKind::Success>
                        {format!("Everyone has their {interviews} interviews; no rule is broken.")}
                    </Notice>
                }
                .into_any()
            } else {
                // A broken rule is an error; a shortfall the day cannot avoid is information.
                let kind = if broken { NoticeKind::Error } else { NoticeKind::Info };
                view! {
                    <Notice kind>
                        <p>{if broken { "The draft breaks a rule:" } else { "The draft is as full as this day allows:" }}</p>
                        <ul>
                            {violations.into_iter().chain(unmet).map(|t| view! { <li>{t}</li> }).collect_view()}
                        </ul>
                    </Notice>
                }
                .into_any()
            }}
            {(!moved.is_empty()).then(|| view! {
                <div class="moved" data-testid="repair-moved">
                    <p><strong>{format!("The repair moved {}:", if moved.len() == 1 { "one interview".to_string() } else { format!("{} interviews", moved.len()) })}</strong></p>
                    <ul>{moved.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
                </div>
            })}
            <dl class="facts">
                <dt>"Interviews per interviewer"</dt>
                <dd>{if load.is_empty() { "—".to_string() } else { load }}</dd>
                <dt>"Late-day interviews per applicant"</dt>
                <dd>{late}</dd>
                <dt>"Search"</dt>
                <dd>{format!("{iterations} iterations")}</dd>
            </dl>
        </div>
    }
}
