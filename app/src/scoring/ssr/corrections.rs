//! A coordinator's corrections to the ranks, each with its reason and audited: an
//! interviewer's scores left out (and taken back in), and a final score set by hand.

use super::audit_line;
use super::ranks::season_scale;
use crate::auth::ssr::Staff;
use crate::error::{AppError, AppResult};
use crate::ids::{ApplicantId, ExclusionId, UserId};
use crate::programs::domain::{AuditAction, AuditEntity};
use crate::server::AppState;

/// The reason a coordinator gives (required, one line).
fn reason_of(text: &str) -> AppResult<String> {
    crate::text::single_line(text, "reason", 500, "Say why.")
}

/// Coordinators: leave an interviewer's scores out of the ranks, for one applicant or
/// (`applicant` none) altogether, with the reason; audited.
pub async fn exclude(
    state: &AppState,
    by: Staff,
    interviewer: UserId,
    applicant: Option<ApplicantId>,
    reason: &str,
) -> AppResult<()> {
    let reason = reason_of(reason)?;
    if !state
        .repo
        .staff(by.program_id)
        .await?
        .iter()
        .any(|s| s.user_id == interviewer)
    {
        return Err(AppError::NotFound("That interviewer was not found.".into()));
    }
    if let Some(a) = applicant {
        if !state
            .repo
            .applicants(by.program_id)
            .await?
            .iter()
            .any(|p| p.id == a)
        {
            return Err(AppError::NotFound("That applicant was not found.".into()));
        }
    }
    let mut tx = state.repo.begin_write().await?;
    state
        .repo
        .add_exclusion(
            &mut tx,
            by.program_id,
            interviewer,
            applicant,
            &reason,
            by.user_id,
        )
        .await?;
    let to = applicant.map(|a| a.to_string());
    let line = audit_line(
        by,
        (AuditEntity::Scores, interviewer.0),
        AuditAction::Excluded,
        (None, to.as_deref().or(Some("all"))),
        Some(&reason),
    );
    state.repo.audit(&mut tx, line).await?;
    tx.commit().await?;
    Ok(())
}

/// Coordinators: take an exclusion back; audited.
pub async fn include(state: &AppState, by: Staff, exclusion: ExclusionId) -> AppResult<()> {
    let mut tx = state.repo.begin_write().await?;
    let (interviewer, applicant) = state
        .repo
        .remove_exclusion(&mut tx, by.program_id, exclusion)
        .await?
        .ok_or_else(|| AppError::NotFound("That exclusion was not found.".into()))?;
    let to = applicant.map(|a| a.to_string());
    let line = audit_line(
        by,
        (AuditEntity::Scores, interviewer.0),
        AuditAction::Included,
        (None, to.as_deref().or(Some("all"))),
        None,
    );
    state.repo.audit(&mut tx, line).await?;
    tx.commit().await?;
    Ok(())
}

/// Coordinators: an applicant's final score by hand, typed on the display scale, with
/// the reason (required); an empty score clears it. Audited.
pub async fn override_score(
    state: &AppState,
    by: Staff,
    applicant: ApplicantId,
    score: &str,
    reason: &str,
) -> AppResult<()> {
    let reason = reason_of(reason)?;
    let display = season_scale(state, by).await?;
    let micro = match score.trim() {
        "" => None,
        typed => {
            let shown: f64 = typed
                .parse()
                .ok()
                .filter(|v: &f64| v.is_finite())
                .ok_or_else(|| {
                    AppError::invalid("score", "Type the final score as a number, such as 4.25.")
                })?;
            if shown < display.min || shown > display.max {
                return Err(AppError::invalid(
                    "score",
                    format!(
                        "A final score runs from {} to {}.",
                        display.min, display.max
                    ),
                ));
            }
            display
                .from_display(shown)
                .map(|s| (s * 1e6).round() as i64)
        }
    };
    if !state
        .repo
        .applicants(by.program_id)
        .await?
        .iter()
        .any(|p| p.id == applicant)
    {
        return Err(AppError::NotFound("That applicant was not found.".into()));
    }
    let mut tx = state.repo.begin_write().await?;
    let before = state
        .repo
        .set_override(
            &mut tx,
            by.program_id,
            applicant,
            micro.map(|m| (m, reason.as_str())),
            by.user_id,
        )
        .await?;
    let text = |m: Option<i64>| m.map(|m| display.format(m as f64 / 1e6));
    let (from, to) = (text(before), text(micro));
    let line = audit_line(
        by,
        (AuditEntity::Applicant, applicant.0),
        AuditAction::Overridden,
        (from.as_deref(), to.as_deref()),
        Some(&reason),
    );
    state.repo.audit(&mut tx, line).await?;
    tx.commit().await?;
    Ok(())
}
