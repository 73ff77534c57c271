//! The reports' workflows: each report read from the program's rows and written as a table of
//! cells ([`Report`]), for the page and for its CSV alike.

use super::domain::{
    count, days, fill_series, match_by_interviewer, match_by_session, match_overall,
    waiting_series, waves, Cell, DayState, FillChart, Invited, LineMove, MatchCount, Move, Placed,
    Report, ReportKey, Scored,
};
use crate::applicants::domain::Status;
use crate::applicants::list::query::ListQuery;
use crate::auth::ssr::Staff;
use crate::clock::types::ClockState;
use crate::error::{AppError, AppResult};
use crate::ids::{SessionId, UserId};
use crate::server::AppState;
use crate::sessions::repo::SessionRow;
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashSet};

/// What a page's or a file's address query says of `key` (`session=3`), if anything.
fn said(query: &str, key: &str) -> Option<String> {
    url::form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
}

/// The session a page's or a file's address query names (`session=3`), if any.
pub fn session_in(query: &str) -> Option<SessionId> {
    said(query, "session").and_then(|v| v.parse().ok())
}

/// Coordinators: every report, in the page's order; the fill over time of `session` (the
/// whole program for `None`, or a session not of the program).
pub async fn reports(
    state: &AppState,
    by: Staff,
    session: Option<SessionId>,
) -> AppResult<Vec<Report>> {
    let sessions = state.repo.sessions(by.program_id).await?;
    let mut out = Vec::new();
    for key in ReportKey::ALL {
        out.push(report_of(state, by, key, &sessions, session).await?);
    }
    Ok(out)
}

/// Coordinators: one report.
pub async fn report(
    state: &AppState,
    by: Staff,
    key: ReportKey,
    session: Option<SessionId>,
) -> AppResult<Report> {
    let sessions = state.repo.sessions(by.program_id).await?;
    report_of(state, by, key, &sessions, session).await
}

/// One report from the program's `sessions` (read once for a whole page).
async fn report_of(
    state: &AppState,
    by: Staff,
    key: ReportKey,
    sessions: &[SessionRow],
    session: Option<SessionId>,
) -> AppResult<Report> {
    match key {
        ReportKey::Sessions => sessions_report(state, by, sessions).await,
        ReportKey::Statuses => statuses_report(state, by, sessions).await,
        ReportKey::Invitations => invitations_report(state, by).await,
        ReportKey::Fill => fill_report(state, by, sessions, session).await,
        ReportKey::Interviewers => interviewers_report(state, by, sessions).await,
        ReportKey::MatchSessions => match_sessions_report(state, by, sessions).await,
        ReportKey::MatchInterviewers => match_interviewers_report(state, by).await,
    }
}

/// Coordinators: a report as a CSV file, with its file name; `query` is the address's
/// (`table=fill&session=3`; no table: the first report).
pub async fn csv(state: &AppState, by: Staff, query: &str) -> AppResult<(String, String)> {
    let table = said(query, "table").unwrap_or_else(|| ReportKey::Sessions.key().to_string());
    let session = session_in(query);
    let key = ReportKey::parse(&table).ok_or_else(|| {
        AppError::NotFound(format!(
            "There is no report called {table:?}: choose {}.",
            ReportKey::ALL.map(ReportKey::key).join(", ")
        ))
    })?;
    let report = report(state, by, key, session).await?;
    let body = crate::text::csv_text(&report.records())?;
    Ok((format!("report-{}.csv", key.key()), body))
}

fn session_day(s: &SessionRow) -> String {
    s.date.format("%a, %b %-d, %Y").to_string()
}

async fn sessions_report(
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

async fn statuses_report(
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

async fn invitations_report(state: &AppState, by: Staff) -> AppResult<Report> {
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

async fn interviewers_report(
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

async fn fill_report(
    state: &AppState,
    by: Staff,
    sessions: &[SessionRow],
    session: Option<SessionId>,
) -> AppResult<Report> {
    let program = crate::programs::ssr::program_of(state, by).await?;
    let zone = program.time_zone;
    let session = session.filter(|s| sessions.iter().any(|x| x.id == *s));
    let moves: Vec<Move> = state
        .repo
        .report_moves(by.program_id)
        .await?
        .into_iter()
        .map(|m| Move {
            applicant: m.applicant_id,
            at: m.at,
            status: m.status,
            session: m.session_id,
        })
        .collect();
    let today = state.clock.now().with_timezone(&zone).date_naive();
    let first_invitation = state
        .repo
        .report_invited(by.program_id)
        .await?
        .iter()
        .map(|i| i.invitation_sent_at.with_timezone(&zone).date_naive())
        .min();
    // A week at least, so a season's first days still draw lines.
    let week_ago = today - chrono::Days::new(6);
    let from = first_invitation.unwrap_or(today).min(week_ago);
    let mut points = fill_series(&moves, session, zone, from, today);
    if let Some(session) = session {
        let lines: Vec<LineMove> = state
            .repo
            .report_line_moves(by.program_id)
            .await?
            .into_iter()
            .map(|m| LineMove {
                session: m.session_id,
                at: m.at,
                joined: m.joined,
            })
            .collect();
        let waiting = waiting_series(&lines, session, zone, from, today);
        for (p, n) in points.iter_mut().zip(waiting) {
            p.waitlisted = Some(n);
        }
    }
    let releases: Vec<(NaiveDate, String)> = state
        .repo
        .releases(by.program_id)
        .await?
        .into_iter()
        .map(|r| (r.opens_at.with_timezone(&zone).date_naive(), r.name))
        .filter(|(d, _)| *d >= from && *d <= today)
        .collect();
    let released = |d: NaiveDate| {
        releases
            .iter()
            .filter(|(r, _)| *r == d)
            .map(|(_, n)| n.clone())
            .collect::<Vec<_>>()
            .join("; ")
    };
    // A row for the first and last day and each day something changed (or a release opened).
    let mut rows = Vec::new();
    for (i, p) in points.iter().enumerate() {
        let changed = i == 0
            || i + 1 == points.len()
            || points[i - 1].booked != p.booked
            || points[i - 1].cancelled != p.cancelled
            || points[i - 1].waitlisted != p.waitlisted
            || !released(p.day).is_empty();
        if !changed {
            continue;
        }
        let mut row = vec![
            Cell::text(p.day.format("%a, %b %-d, %Y").to_string()),
            Cell::number(p.booked),
            Cell::number(p.cancelled),
            Cell::number(p.holding),
        ];
        if let Some(w) = p.waitlisted {
            row.push(Cell::number(w));
        }
        row.push(Cell::text(released(p.day)));
        rows.push(row);
    }
    let columns = vec![
        "Day",
        "Booked so far",
        "Cancelled so far",
        "Holding a seat",
        "Waitlisted",
        "Release",
    ];
    let whose = match session.and_then(|s| sessions.iter().find(|x| x.id == s)) {
        Some(s) => format!("{}: its seats and its waitlist", s.name),
        None => "The whole program: seats in every session, and the waitlist".to_string(),
    };
    Ok(Report {
        key: ReportKey::Fill,
        lead: format!(
            "{whose}, at the end of each day since the first invitation (days in {zone}). Booked: each time an applicant came to hold a seat; cancelled: each time one gave it up{}. The table lists the days something changed.",
            if session.is_some() { " or moved to another session" } else { "" }
        ),
        columns: columns.into_iter().map(String::from).collect(),
        rows,
        chart: Some(FillChart {
            points,
            releases,
            session,
            sessions: sessions.iter().map(|s| (s.id, s.name.clone())).collect(),
        }),
    })
}

/// Every submitted score sheet, with whether its applicant matched; and how many applicants
/// are marked matched in all (some may be on no rank list).
async fn scored_for_match(state: &AppState, by: Staff) -> AppResult<(Vec<Scored>, i64)> {
    let scored = state
        .repo
        .scored_for_match(by.program_id)
        .await?
        .into_iter()
        .map(|r| Scored {
            applicant: r.applicant_id,
            session: r.session_id,
            interviewer: r.interviewer_id,
            matched: r.matched_at.is_some(),
        })
        .collect();
    let marked = state
        .repo
        .match_marks(by.program_id)
        .await?
        .iter()
        .filter(|m| m.matched_at.is_some())
        .count() as i64;
    Ok((scored, marked))
}

/// The counts of a group as cells: ranked, matched, the rate.
fn match_cells(c: MatchCount) -> [Cell; 3] {
    [
        Cell::number(c.ranked),
        Cell::number(c.matched),
        Cell::text(c.rate()),
    ]
}

/// What both Match reports say first: what they count, and whether anyone is marked yet.
fn match_lead(marked: i64, of_what: &str) -> String {
    let start = format!(
        "Ranked: applicants on the rank list (a submitted score sheet), {of_what}; matched: of those, marked as matched on the Scores & ranks page after Match Day."
    );
    if marked == 0 {
        format!("{start} Nobody is marked as matched yet.")
    } else {
        start
    }
}

async fn match_sessions_report(
    state: &AppState,
    by: Staff,
    sessions: &[SessionRow],
) -> AppResult<Report> {
    let (scored, marked) = scored_for_match(state, by).await?;
    let overall = match_overall(&scored);
    let per_session = match_by_session(&scored);
    let mut rows = Vec::new();
    if !scored.is_empty() {
        let mut row = vec![Cell::text("All sessions"), Cell::text("")];
        row.extend(match_cells(overall));
        rows.push(row);
    }
    for s in sessions {
        let Some(c) = per_session.get(&s.id) else {
            continue;
        };
        let mut row = vec![Cell::text(s.name.clone()), Cell::text(session_day(s))];
        row.extend(match_cells(*c));
        rows.push(row);
    }
    let unranked = marked - overall.matched;
    if unranked > 0 {
        rows.push(vec![
            Cell::text("Matched, not on the rank list"),
            Cell::text(""),
            Cell::text(""),
            Cell::number(unranked),
            Cell::text(""),
        ]);
    }
    Ok(Report {
        key: ReportKey::MatchSessions,
        lead: match_lead(marked, "by the session they were interviewed in"),
        columns: ["Session", "Date", "Ranked", "Matched", "Match rate"]
            .map(String::from)
            .to_vec(),
        rows,
        chart: None,
    })
}

async fn match_interviewers_report(state: &AppState, by: Staff) -> AppResult<Report> {
    let (scored, marked) = scored_for_match(state, by).await?;
    let names: std::collections::HashMap<UserId, String> = state
        .repo
        .staff(by.program_id)
        .await?
        .into_iter()
        .map(|s| (s.user_id, s.name))
        .collect();
    let mut rows: Vec<(String, Vec<Cell>)> = match_by_interviewer(&scored)
        .into_iter()
        .map(|(id, c)| {
            let name = names
                .get(&id)
                .cloned()
                .unwrap_or_else(|| "A former interviewer".into());
            let mut row = vec![Cell::text(name.clone())];
            row.extend(match_cells(c));
            (name, row)
        })
        .collect();
    rows.sort_by_key(|r| r.0.to_lowercase());
    Ok(Report {
        key: ReportKey::MatchInterviewers,
        lead: match_lead(marked, "counted for each interviewer who scored them"),
        columns: ["Interviewer", "Ranked", "Matched", "Match rate"]
            .map(String::from)
            .to_vec(),
        rows: rows.into_iter().map(|(_, r)| r).collect(),
        chart: None,
    })
}
