//! The reports' workflows: each report read from the program's rows and written as a table of
//! cells ([`Report`]), for the page and for its CSV alike. The tables of the season (sessions,
//! statuses, invitations, interviewers) are in `tables`, the fill over time in `fill`, matched
//! against ranked in `matched`.

use super::domain::{Report, ReportKey};
use crate::auth::ssr::Staff;
use crate::error::{AppError, AppResult};
use crate::ids::SessionId;
use crate::server::AppState;
use crate::sessions::repo::SessionRow;

mod fill;
mod matched;
mod tables;

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
        ReportKey::Sessions => tables::sessions_report(state, by, sessions).await,
        ReportKey::Statuses => tables::statuses_report(state, by, sessions).await,
        ReportKey::Invitations => tables::invitations_report(state, by).await,
        ReportKey::Fill => fill::fill_report(state, by, sessions, session).await,
        ReportKey::Interviewers => tables::interviewers_report(state, by, sessions).await,
        ReportKey::MatchSessions => matched::match_sessions_report(state, by, sessions).await,
        ReportKey::MatchInterviewers => matched::match_interviewers_report(state, by).await,
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

pub(super) fn session_day(s: &SessionRow) -> String {
    s.date.format("%a, %b %-d, %Y").to_string()
}
