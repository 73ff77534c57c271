//! Matched against ranked, by session and by interviewer.

use super::session_day;
use crate::auth::ssr::Staff;
use crate::error::AppResult;
use crate::ids::UserId;
use crate::reports::domain::{
    match_by_interviewer, match_by_session, match_overall, Cell, MatchCount, Report, ReportKey,
    Scored,
};
use crate::server::AppState;
use crate::sessions::repo::SessionRow;

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

pub(super) async fn match_sessions_report(
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

pub(super) async fn match_interviewers_report(state: &AppState, by: Staff) -> AppResult<Report> {
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
