//! The applicant's My Programs: the programs whose invitation they may see, each with its
//! visible sessions and, once confirmed, their session and its itinerary.

use super::sessions_of;
use crate::applicants::domain::{invitation_visible, GateFacts, Status};
use crate::applicants::repo::InvitationRow;
use crate::applicants::types::Invitation;
use crate::auth::ssr::Applicant;
use crate::error::AppResult;
use crate::programs::domain::InterviewSetup;
use crate::server::AppState;
use crate::sessions::api::SessionSummary;

/// The programs whose invitation the applicant may see (all four gate conditions met).
pub async fn my_programs(state: &AppState, me: &Applicant) -> AppResult<Vec<Invitation>> {
    let mut out = Vec::new();
    for row in state.repo.invitations_for(&me.email).await? {
        let facts = GateFacts {
            any_visible_session: row.visible_sessions > 0,
            status: row.status,
            invitation_sent: row.invitation_sent_at.is_some(),
        };
        if invitation_visible(facts) {
            out.push(invitation(state, row).await?);
        }
    }
    Ok(out)
}

/// One program's invitation: its visible sessions (pending counts are not the applicant's
/// business) and, when confirmed, their session.
async fn invitation(state: &AppState, row: InvitationRow) -> AppResult<Invitation> {
    let all: Vec<SessionSummary> = sessions_of(state, row.program_id)
        .await?
        .into_iter()
        .map(|mut s| {
            s.fill.pending = 0;
            s
        })
        .collect();
    let confirmed = match row.status {
        Status::Confirmed => all.iter().find(|s| Some(s.id) == row.session_id).cloned(),
        _ => None,
    };
    let itinerary = match &confirmed {
        Some(s) => {
            crate::itinerary::ssr::applicant_itinerary(
                state,
                &row.program_name,
                s.id,
                row.applicant_id,
            )
            .await?
        }
        None => None,
    };
    Ok(Invitation {
        itinerary,
        program_id: row.program_id,
        program_name: row.program_name,
        status: row.status,
        self_scheduling: row.self_scheduling,
        portal_video: row.interview_setup == InterviewSetup::PortalVideo,
        sessions: all.into_iter().filter(|s| s.visible).collect(),
        first_choice: row.first_choice_id,
        second_choice: row.second_choice_id,
        confirmed,
    })
}
