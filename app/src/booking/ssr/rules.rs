//! The program's rules for changes read and saved (the Settings page's "Changes and waitlist"
//! card), with an audit line saying the rules before and after in words.

use crate::auth::ssr::Staff;
use crate::booking::rules::ChangeRules;
use crate::error::AppResult;
use crate::programs::domain::{AuditAction, AuditEntity};
use crate::programs::repo::Audit;
use crate::server::AppState;

pub async fn rules(state: &AppState, by: Staff) -> AppResult<ChangeRules> {
    Ok(state
        .repo
        .change_rules(state.repo.pool(), by.program_id)
        .await?)
}

/// Saves the rules; a waitlist turned on (or its mode changed) may give free seats to lines at
/// once, so the waitlists' job is woken.
pub async fn save(state: &AppState, by: Staff, new: ChangeRules) -> AppResult<()> {
    let mut tx = state.repo.begin_write().await?;
    let before = state.repo.change_rules(&mut *tx, by.program_id).await?;
    if before == new {
        return Ok(());
    }
    state
        .repo
        .save_change_rules(&mut tx, by.program_id, &new)
        .await?;
    let (from, to) = (before.said(), new.said());
    let line = Audit {
        from: Some(&from),
        to: Some(&to),
        ..Audit::new(
            by.program_id,
            Some(by.user_id),
            AuditEntity::Program,
            by.program_id.0,
            AuditAction::ChangeRules,
        )
    };
    state.repo.audit(&mut tx, line).await?;
    tx.commit().await?;
    state.seats_wake.notify_one();
    Ok(())
}
