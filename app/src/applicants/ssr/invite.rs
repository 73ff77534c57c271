//! The invitation gate's coordinator steps: marking an applicant Invited & Ready (step 3) and
//! sending the invitation e-mail (step 4).

use super::{locked, ruled, save};
use crate::applicants::domain::Transition;
use crate::auth::ssr::Staff;
use crate::error::AppResult;
use crate::ids::ApplicantId;
use crate::mail::domain::{MailKind, Placeholder};
use crate::mail::ssr::Mail;
use crate::programs::domain::InterviewSetup;
use crate::server::AppState;

/// Interview Candidate → Invited & Ready for Scheduling (step 3 of the gate).
pub async fn mark_invited(state: &AppState, by: Staff, id: ApplicantId) -> AppResult<()> {
    let mut tx = state.repo.begin_write().await?;
    let mut a = locked(state, &mut tx, by, id).await?;
    let before = a.status;
    a.status = ruled(&a, Transition::MarkInvited)?;
    save(state, &mut tx, by.program_id, Some(by), before, &a, None).await?;
    let changes =
        crate::live::changes(&state.repo, &mut tx, by.program_id, &[], Some(&a.email)).await?;
    tx.commit().await?;
    changes.publish(state);
    Ok(())
}

/// Sends (or re-sends) the invitation e-mail (step 4 of the gate).
pub async fn send_invitation(state: &AppState, by: Staff, id: ApplicantId) -> AppResult<()> {
    let program = crate::programs::ssr::program_of(state, by).await?;
    let mut tx = state.repo.begin_write().await?;
    let mut a = locked(state, &mut tx, by, id).await?;
    ruled(&a, Transition::SendInvitation)?;
    let mail = Mail::new(MailKind::Invitation, Some(by.program_id), &a.email)
        .applicant(a.id, &a.name, &a.email)
        .with(Placeholder::Program, &program.name)
        .with(
            Placeholder::Details,
            invitation_details(state, program.interview_setup),
        );
    crate::mail::ssr::send(state, &mut tx, mail).await?;
    a.invitation_sent_at = Some(chrono::Utc::now());
    state.repo.update_applicant(&mut tx, &a).await?;
    let changes =
        crate::live::changes(&state.repo, &mut tx, by.program_id, &[], Some(&a.email)).await?;
    tx.commit().await?;
    state.outbox_wake.notify_one();
    changes.publish(state);
    Ok(())
}

/// The invitation's own lines after the default text: with the portal's own video, where to
/// check one's camera, microphone and connection before the day (nothing otherwise).
fn invitation_details(state: &AppState, setup: InterviewSetup) -> String {
    if setup != InterviewSetup::PortalVideo {
        return String::new();
    }
    format!(
        "\n\nThe interviews are by video in the Interview Portal. Before the day, check your \
         camera, microphone and connection at {}/video/check.",
        state.config.public_url.trim_end_matches('/')
    )
}
