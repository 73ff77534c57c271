//! The applicant list as CSV, as filtered (`/export/applicants.csv?status=…`): each one's ids,
//! names, e-mail, status, session and choices, track, phone and when the invitation was sent.
//! Written by the `csv` crate (quoting of commas, quotes and new lines done by a well-kept
//! writer, as the rank list's export and the import's reader use it), every cell made safe for
//! a spreadsheet by the one rule of every export ([`crate::text::csv_cell`]).

use super::query::ListQuery;
use crate::auth::ssr::Staff;
use crate::error::{AppError, AppResult};
use crate::ids::SessionId;
use crate::server::AppState;
use std::collections::HashMap;

const HEADER: [&str; 14] = [
    "Application ID",
    "NRMP ID",
    "First name",
    "Last name",
    "Name",
    "Email",
    "Status",
    "Session",
    "First choice",
    "Second choice",
    "Track",
    "Phone",
    "Invitation sent (UTC)",
    "Portal ID",
];

/// Coordinators: every applicant of the program the filter (the address's query) matches, in
/// the list's order, as CSV.
pub async fn applicants_csv(state: &AppState, by: Staff, query: &str) -> AppResult<String> {
    let query = ListQuery::parse(query);
    let rows = state
        .repo
        .applicants_to_export(by.program_id, &query)
        .await?;
    let sessions: HashMap<SessionId, String> = state
        .repo
        .sessions(by.program_id)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let session = |id: Option<SessionId>| {
        id.and_then(|id| sessions.get(&id).cloned())
            .unwrap_or_default()
    };
    let mut out = csv::Writer::from_writer(Vec::new());
    let mut write = |cells: &[&str]| {
        let safe: Vec<String> = cells.iter().map(|c| crate::text::csv_cell(c)).collect();
        out.write_record(&safe).map_err(|_| AppError::Internal)
    };
    write(&HEADER)?;
    for r in rows {
        let sent = r
            .invitation_sent_at
            .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_default();
        // A session only while it is held (Confirmed and after); choices as chosen.
        let held = r.status.holds_seat().then_some(r.session_id).flatten();
        write(&[
            r.application_id.as_deref().unwrap_or_default(),
            r.nrmp_id.as_deref().unwrap_or_default(),
            &r.first_name,
            &r.last_name,
            &r.name,
            &r.email,
            r.status.label(),
            &session(held),
            &session(r.first_choice_id),
            &session(r.second_choice_id),
            r.track.as_deref().unwrap_or_default(),
            r.phone.as_deref().unwrap_or_default(),
            &sent,
            &r.id.to_string(),
        ])?;
    }
    let bytes = out.into_inner().map_err(|_| AppError::Internal)?;
    String::from_utf8(bytes).map_err(|_| AppError::Internal)
}
