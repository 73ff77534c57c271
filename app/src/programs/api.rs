//! Server functions of a program's settings (its staff's: `staff::api`) (the screens' own, which return their
//! HTML, are in `pages`). Each finds its caller with one guard and calls one workflow in `ssr`.

use super::domain::InterviewSetup;
pub use super::types::{Settings, StaffMember};
use crate::error::AppError;
use leptos::prelude::*;

/// Coordinators.
#[server(output = crate::codec::Compact, endpoint = "program-settings")]
pub async fn program_settings() -> Result<Settings, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::settings(&state, staff).await
}

/// Coordinators: self-scheduling on (the box checked: `self_scheduling=true`) or off (absent),
/// and the interview setup option.
#[server(output = crate::codec::Compact, endpoint = "save-settings")]
pub async fn save_settings(
    #[server(default)] self_scheduling: bool,
    interview_setup: InterviewSetup,
) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::save_settings(&state, staff, self_scheduling, interview_setup).await
}
