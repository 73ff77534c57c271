//! Server functions of a program's staff (the screens' own, which return their HTML, are in
//! `pages`). Each finds its caller with one guard and calls one workflow in `ssr` or `import`.

pub use super::super::types::StaffMember;
use crate::auth::domain::Role;
use crate::error::AppError;
use crate::ids::UserId;
use leptos::prelude::*;

/// Coordinators (directors, managers, coordinators acting as such).
#[server(output = crate::codec::Compact, endpoint = "list-staff")]
pub async fn list_staff() -> Result<Vec<StaffMember>, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::list_staff(&state, staff).await
}

/// Coordinators, adding roles up to their own rank.
#[server(output = crate::codec::Compact, endpoint = "add-staff")]
pub async fn add_staff(name: String, email: String, role: Role) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::add_staff(&state, staff, &name, &email, role).await
}

/// Coordinators: a member's role, up to their own rank (the last active director keeps theirs).
#[server(output = crate::codec::Compact, endpoint = "change-staff-role")]
pub async fn change_staff_role(user_id: UserId, role: Role) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::change_role(&state, staff, user_id, role).await
}

/// Coordinators: deactivates a member (after the confirm step showing the rooms they leave);
/// answers what was done in words.
#[server(output = crate::codec::Compact, endpoint = "deactivate-staff")]
pub async fn deactivate_staff(user_id: UserId) -> Result<String, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::deactivate(&state, staff, user_id).await
}

/// Coordinators: reactivates a member (they may log in again; their rooms are not given back).
#[server(output = crate::codec::Compact, endpoint = "reactivate-staff")]
pub async fn reactivate_staff(user_id: UserId) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::reactivate(&state, staff, user_id).await
}

/// Coordinators: e-mails a member a new set-password link.
#[server(output = crate::codec::Compact, endpoint = "send-password-link")]
pub async fn send_password_link(user_id: UserId) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::send_password_link(&state, staff, user_id).await
}
