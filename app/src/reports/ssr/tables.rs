//! The season's tables: each session's seats and day, applicants per status, invitations by
//! wave, and each interviewer's interviews and scores.

use super::session_day;
use crate::applicants::domain::Status;
use crate::applicants::list::query::ListQuery;
use crate::auth::ssr::Staff;
use crate::clock::types::ClockState;
use crate::error::AppResult;
use crate::ids::{SessionId, UserId};
use crate::reports::domain::{
    count, days, waves, Cell, DayState, Invited, Placed, Report, ReportKey,
};
use crate::server::AppState;
use crate::sessions::repo::SessionRow;
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashSet};

pub(super) async fn sessions_report(
    state: &AppState,
    by: Staff,
    sessions: &[SessionRow],
) -> AppResult<Report> {
    let lines = state.repo.report_lines(by.program_id).await?;
    let with_day: HashSet<SessionId> = state
        .repo
        .sessions_with_a_day(by.program_id)
        .await?
        .into_iter()
        .collect();
    let mut rows = Vec::new();
    for s in sessions {
        let line = lines.iter().find(|l| l.session_id == s.id);
        let (waiting, offers) = line.map(|l| (l.waiting, l.offers)).unwrap_or((0, 0));
        let fill = s.fill();
        let published = crate::itinerary::ssr::out_now(state, s.id).await?;
        let (day, scores) = match &published {
            None if with_day.contains(&s.id) => (DayState::Draft, "No published day".to_string()),
            None => (DayState::NoDay, "No published day".to_string()),
            Some((version, day)) => {
                let clock = crate::clock::ssr::day_clock(state, by, s.id).await?;
                let expected = crate::scoring::domain::expected(day);
                let submitted: HashSet<(crate::ids::ApplicantId, UserId)> =
                    state.repo.submitted_in(s.id).await?.into_iter().collect();
                let done = expected.iter().filter(|p| submitted.contains(p)).count();
                let state = match clock.state {
                    ClockState::Running => DayState::Running,
                    ClockState::Paused => DayState::Paused,
                    ClockState::Finished => DayState::Done,
                    ClockState::Waiting | ClockState::NotFinalized => {
                        DayState::Published(version.0)
                    }
                };
                (state, format!("{done} of {}", expected.len()))
            }
        };
        rows.push(vec![
            Cell::text(s.name.clone()),
            Cell::text(session_day(s)),
            Cell::number(s.capacity),
            Cell::number(fill.confirmed - offers),
            Cell::number(fill.pending),
            Cell::number(waiting),
            Cell::number(offers),
            Cell::number(fill.seats_left()),
            Cell::text(day.label()),
            Cell::text(scores),
        ]);
    }
    Ok(Report {
        key: ReportKey::Sessions,
        lead: "Each session's seats and day. Confirmed: applicants holding a seat (an offer held for someone in the line takes a seat too, counted under Offers out). Pending: waiting for a coordinator, having chosen the session first or second.".into(),
        columns: [
            "Session",
            "Date",
            "Capacity",
            "Confirmed",
            "Pending",
            "Waitlisted",
            "Offers out",
            "Seats left",
            "Interview day",
            "Scores submitted",
        ]
        .map(String::from)
        .to_vec(),
        rows,
        chart: None,
    })
}

/// The statuses a report shows: every one, in the order an applicant goes through them.
const STATUSES: [Status; 10] = [
    Status::InterviewCandidate,
    Status::InvitedReady,
    Status::Pending,
    Status::Confirmed,
    Status::Waitlisted,
    Status::Interviewed,
    Status::NoShow,
    Status::Declined,
    Status::Cancelled,
    Status::Withdrawn,
];

pub(super) async fn statuses_report(
    state: &AppState,
    by: Staff,
    sessions: &[SessionRow],
) -> AppResult<Report> {
    let people: Vec<Placed> = state
        .repo
        .report_people(by.program_id)
        .await?
        .into_iter()
        .map(|r| Placed {
            status: r.status,
            session: r.session_id,
            first_choice: r.first_choice_id,
            second_choice: r.second_choice_id,
        })
        .collect();
    let cell = |status: Status, session: Option<SessionId>| {
        let n = count(&people, status, session);
        if n == 0 {
            return Cell::number(0);
        }
        let query = ListQuery {
            status: Some(status),
            session,
            ..ListQuery::default()
        };
        Cell::counted(n, query.filter_query())
    };
    let row = |name: String, session: Option<SessionId>| {
        std::iter::once(Cell::text(name))
            .chain(STATUSES.iter().map(|s| cell(*s, session)))
            .collect::<Vec<_>>()
    };
    let mut rows = vec![row(format!("All applicants ({})", people.len()), None)];
    rows.extend(sessions.iter().map(|s| row(s.name.clone(), Some(s.id))));
    Ok(Report {
        key: ReportKey::Statuses,
        lead: "Applicants in each status. A session's row counts whoever holds it or chose it, as the applicant list's session filter shows them, so one applicant can count in two sessions; the first row counts each once. Each number opens the list filtered to it.".into(),
        columns: std::iter::once("Applicants".to_string())
            .chain(STATUSES.iter().map(|s| s.label().to_string()))
            .collect(),
        rows,
        chart: None,
    })
}

pub(super) async fn invitations_report(state: &AppState, by: Staff) -> AppResult<Report> {
    let program = crate::programs::ssr::program_of(state, by).await?;
    let invited: Vec<Invited> = state
        .repo
        .report_invited(by.program_id)
        .await?
        .into_iter()
        .map(|r| Invited {
            sent_at: r.invitation_sent_at,
            status: r.status,
            opened: r.opened != 0,
        })
        .collect();
    let waves = waves(&invited, program.time_zone, state.clock.now());
    let rows = waves
        .iter()
        .map(|w| {
            vec![
                Cell::text(w.day.format("%a, %b %-d, %Y").to_string()),
                Cell::number(w.sent),
                Cell::number(w.opened),
                Cell::number(w.accepted),
                Cell::number(w.declined),
                Cell::number(w.withdrawn),
                Cell::number(w.waiting),
                Cell::text(days(w.longest_wait_days)),
            ]
        })
        .collect();
    Ok(Report {
        key: ReportKey::Invitations,
        lead: format!(
            "Invitations by the day they were sent (a wave; days in {}). Opened: logged in to the portal since. Accepted: chose a session, whatever happened after.",
            program.time_zone
        ),
        columns: [
            "Wave",
            "Sent",
            "Opened the portal",
            "Accepted",
            "Declined",
            "Withdrew",
            "No answer yet",
            "Longest without an answer",
        ]
        .map(String::from)
        .to_vec(),
        rows,
        chart: None,
    })
}

/// One interviewer across the published days.
#[derive(Default)]
struct Tally {
    name: String,
    by_day: BTreeMap<NaiveDate, i64>,
    submitted: i64,
    missing: i64,
}

pub(super) async fn interviewers_report(
    state: &AppState,
    by: Staff,
    sessions: &[SessionRow],
) -> AppResult<Report> {
    let mut tallies: BTreeMap<UserId, Tally> = BTreeMap::new();
    for s in sessions {
        let Some((_, day)) = crate::itinerary::ssr::out_now(state, s.id).await? else {
            continue;
        };
        let submitted: HashSet<(crate::ids::ApplicantId, UserId)> =
            state.repo.submitted_in(s.id).await?.into_iter().collect();
        for room in &day.rooms {
            for i in &room.interviewers {
                tallies.entry(i.id).or_default().name = i.name.clone();
            }
        }
        for pair in crate::scoring::domain::expected(&day) {
            let t = tallies.entry(pair.1).or_default();
            *t.by_day.entry(day.date).or_default() += 1;
            if submitted.contains(&pair) {
                t.submitted += 1;
            } else {
                t.missing += 1;
            }
        }
    }
    let ranks = crate::scoring::ssr::ranks(state, by, Default::default()).await?;
    let mut rows: Vec<(String, Vec<Cell>)> = tallies
        .into_iter()
        .map(|(id, t)| {
            let season = ranks.interviewers.iter().find(|i| i.id == id);
            let interviews: i64 = t.by_day.values().sum();
            let by_day = t
                .by_day
                .iter()
                .map(|(d, n)| format!("{}: {n}", d.format("%b %-d")))
                .collect::<Vec<_>>()
                .join("; ");
            (
                t.name.clone(),
                vec![
                    Cell::text(t.name),
                    Cell::text(by_day),
                    Cell::number(interviews),
                    Cell::number(t.submitted),
                    Cell::number(t.missing),
                    Cell::text(season.map(|i| i.mean.clone()).unwrap_or_default()),
                    Cell::text(season.map(|i| i.spread.clone()).unwrap_or_default()),
                ],
            )
        })
        .collect();
    rows.sort_by_key(|r| r.0.to_lowercase());
    Ok(Report {
        key: ReportKey::Interviewers,
        lead: "Interviews on the published days, by day, and the scores owed for them. Mean and spread: of each interviewer's scores this season, on the rank list's scale (what calibration uses).".into(),
        columns: [
            "Interviewer",
            "Interviews by day",
            "Interviews",
            "Scores submitted",
            "Scores missing",
            "Mean score",
            "Spread",
        ]
        .map(String::from)
        .to_vec(),
        rows: rows.into_iter().map(|(_, r)| r).collect(),
        chart: None,
    })
}
