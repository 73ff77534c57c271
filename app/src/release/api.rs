//! Server functions of releases (the screen's own is in `pages`): each a guard and one
//! workflow of `ssr`.

use super::types::ReleaseForm;
use crate::error::AppError;
use leptos::prelude::*;

/// Coordinators: a release of sessions of this program that open at a set time.
#[server(output = crate::codec::Compact, endpoint = "save-release")]
pub async fn save_release(release: ReleaseForm) -> Result<i64, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::save(&state, staff, &release).await
}

/// Coordinators: removes a release of this program (its sessions open at once).
#[server(output = crate::codec::Compact, endpoint = "delete-release")]
pub async fn delete_release(id: i64) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::delete(&state, staff, id).await
}

/// Coordinators: what a fair release's draw would give now, in words.
#[server(output = crate::codec::Compact, endpoint = "dry-run-release")]
pub async fn dry_run_release(id: i64) -> Result<String, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::fair::dry_run(&state, staff, id).await
}

/// Applicants: their ranking of a fair release's sessions, while its window is open.
#[server(output = crate::codec::Compact, endpoint = "rank-sessions")]
pub async fn rank_sessions(ranking: super::types::RankingForm) -> Result<(), AppError> {
    let (state, me) = crate::server::require_applicant().await?;
    super::fair::rank(&state, &me, &ranking).await
}

/// Applicants: the fair releases of the programs that invited them (window, sessions, their
/// ranking, the seed's hash, and the seed once drawn).
#[server(output = crate::codec::Compact, endpoint = "load-my-releases")]
pub async fn load_my_releases() -> Result<Vec<super::types::FairView>, AppError> {
    let (state, me) = crate::server::require_applicant().await?;
    super::fair::mine(&state, &me).await
}
