//! Server functions of a program: its overview, its staff and its settings. Each finds its
//! caller with one guard and calls one workflow in `ssr`.

use super::domain::InterviewSetup;
use crate::auth::domain::Role;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overview {
    pub program_name: String,
    pub time_zone: String,
    pub self_scheduling: bool,
    pub role: Role,
    pub staff: i64,
    pub applicants: i64,
    pub sessions: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMember {
    pub name: String,
    pub email: String,
    pub role: Role,
    /// Has set a password and can log in.
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    pub self_scheduling: bool,
    pub interview_setup: InterviewSetup,
    pub time_zone: String,
}

/// Any staff member of the active program (interviewers included).
#[server(output = crate::codec::Compact, endpoint = "program-overview")]
pub async fn program_overview() -> Result<Overview, AppError> {
    let (state, staff) = crate::server::require_staff().await?;
    super::ssr::overview(&state, staff).await
}

/// Coordinators (directors, managers, coordinators acting as such).
#[server(output = crate::codec::Compact, endpoint = "list-staff")]
pub async fn list_staff() -> Result<Vec<StaffMember>, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::list_staff(&state, staff).await
}

/// Coordinators: the staff screen (the list and the form that adds someone), written on the
/// server (`super::pages`).
#[server(output = crate::codec::Compact, endpoint = "staff-page")]
pub async fn staff_page() -> Result<String, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    Ok(super::pages::staff_page(
        super::ssr::list_staff(&state, staff).await?,
    ))
}

/// Coordinators, adding roles up to their own rank.
#[server(output = crate::codec::Compact, endpoint = "add-staff")]
pub async fn add_staff(name: String, email: String, role: Role) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::add_staff(&state, staff, &name, &email, role).await
}

/// Coordinators.
#[server(output = crate::codec::Compact, endpoint = "program-settings")]
pub async fn program_settings() -> Result<Settings, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::settings(&state, staff).await
}

/// Coordinators: the settings screen, written on the server (`super::pages`).
#[server(output = crate::codec::Compact, endpoint = "settings-page")]
pub async fn settings_page() -> Result<String, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    Ok(super::pages::settings_page(
        super::ssr::settings(&state, staff).await?,
    ))
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
