//! The Day page's data as a coordinator sees it: the plan, rooms, people, conflicts, templates
//! and the draft, read in one go.

use super::plan::stored_plan;
use super::report_view;
use super::session_for_day;
use crate::auth::ssr::Staff;
use crate::day::domain::edit::CellState;
use crate::day::domain::grid::Round;
use crate::day::domain::timeline::DayPlan;
use crate::day::repo::{ConflictRow, NamedRow, RoomRow, SeatRow};
use crate::day::types::{ConflictView, DayPage, Person, RoomView};
use crate::error::AppResult;
use crate::ids::{ApplicantId, SessionId};
use crate::meeting_rooms::domain::place_and_link;
use crate::programs::domain::InterviewSetup;
use crate::server::AppState;
use crate::sessions::ssr::summary;

/// Interviews per applicant as they come out: as set, else one per room; never more than the
/// rounds.
pub fn interviews_wanted(set: Option<u16>, rooms: usize, rounds: Round) -> u16 {
    let rooms = u16::try_from(rooms).unwrap_or(u16::MAX);
    set.unwrap_or(rooms).min(rounds)
}

/// The Day page of a session of the caller's program.
pub async fn day_page(state: &AppState, by: Staff, session_id: SessionId) -> AppResult<DayPage> {
    let (session, setup) = session_for_day(state, by, session_id).await?;
    let stored = stored_plan(state, &session).await?;
    let planned = stored.is_some();
    let (plan, interviews_set, report) = stored.unwrap_or_else(|| {
        (
            DayPlan {
                start: session.start,
                ..DayPlan::default()
            },
            None,
            None,
        )
    });
    let rooms = state.repo.rooms(session_id).await?;
    let seats = state.repo.seats(session_id).await?;
    let applicants = state.repo.confirmed_in(session_id).await?;
    let on_draft = state.repo.on_draft(session_id).await?;
    let conflicts = state.repo.conflicts(by.program_id).await?;
    let staff = state.repo.staff(by.program_id).await?;
    let templates = state.repo.templates(by.program_id).await?;
    let cells: Vec<CellState> = state
        .repo
        .slots(session_id)
        .await?
        .iter()
        .map(|s| s.cell())
        .collect();
    let draft_version = state.repo.draft_version(session_id).await?;
    let interviews = interviews_wanted(interviews_set, rooms.len(), plan.rounds);
    let mut page = DayPage {
        setup,
        planned,
        interviews_set,
        interviews_per_applicant: interviews,
        timeline: plan.timeline(),
        seats: u32::try_from(rooms.len()).unwrap_or(u32::MAX) * u32::from(plan.rounds),
        needed: u32::try_from(applicants.len()).unwrap_or(u32::MAX) * u32::from(interviews),
        rooms: room_views(rooms, &seats, setup, &state.config.public_url),
        staff: staff
            .into_iter()
            .filter(|s| s.deactivated_at.is_none())
            .map(|s| Person {
                id: s.user_id,
                name: s.name,
            })
            .collect(),
        former: former(on_draft, &applicants),
        conflicts: conflict_views(conflicts, &applicants),
        applicants: applicants
            .into_iter()
            .map(|a| Person {
                id: ApplicantId(a.id),
                name: a.name,
            })
            .collect(),
        templates: templates
            .into_iter()
            .map(|t| Person {
                id: t.id,
                name: t.name,
            })
            .collect(),
        cells,
        draft_version,
        report: None,
        plan,
        session: summary(session),
    };
    page.report = report.map(|r| report_view(&r, &page));
    Ok(page)
}

/// The rooms with their interviewers.
fn room_views(
    rooms: Vec<RoomRow>,
    seats: &[SeatRow],
    setup: InterviewSetup,
    public_url: &str,
) -> Vec<RoomView> {
    rooms
        .into_iter()
        .map(|r| {
            let (place, link) = place_and_link(setup, &r.location, &r.video_token, public_url);
            RoomView {
                interviewers: seats
                    .iter()
                    .filter(|s| s.room_id == r.id)
                    .map(|s| Person {
                        id: s.user_id,
                        name: s.name.clone(),
                    })
                    .collect(),
                id: r.id,
                name: r.name,
                location: r.location,
                place,
                link,
            }
        })
        .collect()
}

/// Of the applicants the draft places, those no longer confirmed here.
fn former(on_draft: Vec<NamedRow>, confirmed: &[NamedRow]) -> Vec<Person<ApplicantId>> {
    on_draft
        .into_iter()
        .filter(|a| !confirmed.iter().any(|c| c.id == a.id))
        .map(|a| Person {
            id: ApplicantId(a.id),
            name: a.name,
        })
        .collect()
}

/// The program's conflicts of interest that concern the confirmed applicants.
fn conflict_views(conflicts: Vec<ConflictRow>, confirmed: &[NamedRow]) -> Vec<ConflictView> {
    conflicts
        .into_iter()
        .filter(|c| confirmed.iter().any(|a| a.id == c.applicant_id.0))
        .map(|c| ConflictView {
            interviewer: Person {
                id: c.user_id,
                name: c.interviewer,
            },
            applicant: Person {
                id: c.applicant_id,
                name: c.applicant,
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interviews_default_to_one_per_room_within_the_rounds() {
        assert_eq!(interviews_wanted(None, 4, 6), 4);
        assert_eq!(interviews_wanted(None, 8, 6), 6);
        assert_eq!(interviews_wanted(Some(3), 8, 6), 3);
    }
}
