//! The fill over time: bookings, cancellations and the waitlist at each day's end, for the
//! program or one session, with the releases' moments.

use crate::auth::ssr::Staff;
use crate::error::AppResult;
use crate::ids::SessionId;
use crate::reports::domain::{
    fill_series, waiting_series, Cell, FillChart, LineMove, Move, Report, ReportKey,
};
use crate::server::AppState;
use crate::sessions::repo::SessionRow;
use chrono::NaiveDate;

pub(super) async fn fill_report(
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
