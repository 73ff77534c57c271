//! A rank list's manual order (a move, a revert to the computed order) and the extra named
//! lists. Each change is audited.

use super::audit_line;
use super::ranks::{computed, list_of, season_scale};
use crate::auth::ssr::Staff;
use crate::error::{AppError, AppResult};
use crate::ids::{ApplicantId, RankListId};
use crate::programs::domain::{AuditAction, AuditEntity};
use crate::scoring::domain::{self};
use crate::scoring::types::RankView;
use crate::server::AppState;

/// Coordinators: moves an applicant to place `to` (0-based) of a list as the page shows it
/// (with its settings); from then on the list keeps its manual order. Audited.
pub async fn move_rank(
    state: &AppState,
    by: Staff,
    view: RankView,
    applicant: ApplicantId,
    to: usize,
) -> AppResult<()> {
    let (_, chosen) = list_of(state, by, view.list).await?;
    let c = computed(state, by, view.settings(season_scale(state, by).await?)).await?;
    let mut tx = state.repo.begin_write().await?;
    let list = match chosen {
        Some((id, _)) => id,
        None => {
            state
                .repo
                .rank_list_named(&mut tx, by.program_id, "")
                .await?
        }
    };
    state.repo.lock_rank_list(&mut tx, list).await?;
    let stored = state.repo.rank_order(Some(&mut tx), list).await?;
    let shown: Vec<ApplicantId> = if stored.is_empty() {
        c.ranking.rows.iter().map(|r| r.applicant).collect()
    } else {
        domain::merge_manual(&stored, &c.ranking.rows)
            .iter()
            .map(|r| r.applicant)
            .collect()
    };
    let from = shown
        .iter()
        .position(|a| *a == applicant)
        .ok_or_else(|| AppError::NotFound("That applicant is not on the rank list.".into()))?;
    let to = to.min(shown.len().saturating_sub(1));
    let order = domain::move_row(&shown, from, to);
    state.repo.set_rank_order(&mut tx, list, &order).await?;
    let (from_text, to_text) = ((from + 1).to_string(), (to + 1).to_string());
    let what = format!("{} moved", c.applicant_name(applicant));
    let line = audit_line(
        by,
        (AuditEntity::RankList, list.0),
        AuditAction::Moved,
        (Some(&from_text), Some(&to_text)),
        Some(&what),
    );
    state.repo.audit(&mut tx, line).await?;
    tx.commit().await?;
    Ok(())
}

/// Coordinators: a list back to the computed order. Audited.
pub async fn revert_ranks(state: &AppState, by: Staff, list: Option<RankListId>) -> AppResult<()> {
    let (_, chosen) = list_of(state, by, list).await?;
    let Some((list, _)) = chosen else {
        return Ok(());
    };
    let mut tx = state.repo.begin_write().await?;
    state.repo.lock_rank_list(&mut tx, list).await?;
    state.repo.set_rank_order(&mut tx, list, &[]).await?;
    let line = audit_line(
        by,
        (AuditEntity::RankList, list.0),
        AuditAction::Reverted,
        (None, None),
        None,
    );
    state.repo.audit(&mut tx, line).await?;
    tx.commit().await?;
    Ok(())
}

/// Coordinators: an extra named list (it starts in the computed order); its id.
pub async fn add_rank_list(state: &AppState, by: Staff, name: &str) -> AppResult<RankListId> {
    let name = crate::text::single_line(name, "name", 80, "Name the list.")?;
    let (lists, _) = list_of(state, by, None).await?;
    if lists.iter().any(|(_, n, _)| n.eq_ignore_ascii_case(&name)) {
        return Err(AppError::Conflict(format!(
            "There is already a list named {name}."
        )));
    }
    let mut tx = state.repo.begin_write().await?;
    let id = state
        .repo
        .rank_list_named(&mut tx, by.program_id, &name)
        .await?;
    let line = audit_line(
        by,
        (AuditEntity::RankList, id.0),
        AuditAction::Created,
        (None, Some(&name)),
        None,
    );
    state.repo.audit(&mut tx, line).await?;
    tx.commit().await?;
    Ok(id)
}

/// Coordinators: deletes a named list (the main list stays). Audited.
pub async fn remove_rank_list(state: &AppState, by: Staff, list: RankListId) -> AppResult<()> {
    let mut tx = state.repo.begin_write().await?;
    if !state
        .repo
        .delete_rank_list(&mut tx, by.program_id, list)
        .await?
    {
        return Err(AppError::NotFound("That rank list was not found.".into()));
    }
    let line = audit_line(
        by,
        (AuditEntity::RankList, list.0),
        AuditAction::Deleted,
        (None, None),
        None,
    );
    state.repo.audit(&mut tx, line).await?;
    tx.commit().await?;
    Ok(())
}
