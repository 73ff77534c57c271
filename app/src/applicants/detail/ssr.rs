//! What an applicant's page shows, read for a coordinator of their program.

use crate::applicants::domain::Transition;
use crate::applicants::ssr::{not_found, ruled, sessions_of};
use crate::applicants::types::ApplicantView;
use crate::auth::ssr::Staff;
use crate::error::AppResult;
use crate::ids::ApplicantId;
use crate::server::AppState;
use crate::sessions::domain::stamp_in;
use crate::sessions::types::SessionSummary;

/// The stored applicant with the import's columns.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ApplicantRecord {
    #[sqlx(flatten)]
    pub view: ApplicantView,
    pub application_id: Option<String>,
    pub nrmp_id: Option<String>,
    pub track: Option<String>,
    pub phone: Option<String>,
    /// JSON `[[column, value], …]`: the import's other columns.
    pub summary: Option<String>,
}

/// The page's data.
pub struct ApplicantPage {
    pub record: ApplicantRecord,
    pub sessions: Vec<SessionSummary>,
    /// When the invitation went out, in the program's zone.
    pub sent: Option<String>,
    /// The application summary as (column, value) pairs, in the file's order.
    pub summary: Vec<(String, String)>,
    /// Days whose schedule still places the applicant though they hold no seat there any more
    /// (cancelled, moved, withdrawn): the session and whether the day is published.
    pub still_placed: Vec<(SessionSummary, bool)>,
    /// The program's zone (times in words).
    pub zone: chrono_tz::Tz,
}

impl ApplicantPage {
    /// Whether the rules allow `t` now.
    pub fn allows(&self, t: Transition) -> bool {
        ruled(&self.record.view, t).is_ok()
    }
}

pub async fn applicant_page(
    state: &AppState,
    by: Staff,
    id: ApplicantId,
) -> AppResult<ApplicantPage> {
    let record = state
        .repo
        .applicant_record(by.program_id, id)
        .await?
        .ok_or_else(not_found)?;
    let zone = state
        .repo
        .program(by.program_id)
        .await?
        .map_or(chrono_tz::UTC, |p| p.time_zone);
    let sent = record.view.invitation_sent_at.map(|at| stamp_in(at, zone));
    let summary = record
        .summary
        .as_deref()
        .and_then(|s| serde_json::from_str::<Vec<(String, String)>>(s).ok())
        .unwrap_or_default();
    let sessions = sessions_of(state, by.program_id).await?;
    let a = &record.view;
    let still_placed = state
        .repo
        .days_placing(id)
        .await?
        .into_iter()
        .filter(|(s, _)| !(a.session_id == Some(*s) && a.status.holds_seat()))
        .filter_map(|(s, published)| {
            let s = sessions.iter().find(|x| x.id == s)?;
            Some((s.clone(), published))
        })
        .collect();
    Ok(ApplicantPage {
        record,
        sessions,
        sent,
        summary,
        still_placed,
        zone,
    })
}
