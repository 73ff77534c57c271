//! Server functions of a program: its overview and its staff.

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

#[server(endpoint = "program-overview")]
pub async fn program_overview() -> Result<Overview, AppError> {
    use crate::server::state;
    let staff = crate::auth::ssr::caller().await?.staff()?;
    let repo = state()?.repo;
    let program = repo
        .program(staff.program_id)
        .await?
        .ok_or_else(|| AppError::NotFound("That program was not found.".into()))?;
    let (staff_count, applicants, sessions) = repo.program_counts(staff.program_id).await?;
    Ok(Overview {
        program_name: program.name,
        time_zone: program.time_zone,
        self_scheduling: program.self_scheduling != 0,
        role: staff.role,
        staff: staff_count,
        applicants,
        sessions,
    })
}

#[server(endpoint = "list-staff")]
pub async fn list_staff() -> Result<Vec<StaffMember>, AppError> {
    use crate::server::state;
    let staff = crate::auth::ssr::caller().await?.coordinator()?;
    let rows = state()?.repo.staff(staff.program_id).await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(StaffMember {
                role: Role::parse(&r.role)?,
                name: r.name,
                email: r.email,
                active: r.active != 0,
            })
        })
        .collect())
}

#[server(endpoint = "add-staff")]
pub async fn add_staff(name: String, email: String, role: String) -> Result<(), AppError> {
    use crate::server::state;
    let staff = crate::auth::ssr::caller().await?.coordinator()?;
    super::ssr::add_staff(&state()?, staff, &name, &email, &role).await
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    pub self_scheduling: bool,
    pub time_zone: String,
}

#[server(endpoint = "program-settings")]
pub async fn program_settings() -> Result<Settings, AppError> {
    let state = crate::server::state()?;
    let staff = crate::auth::ssr::caller().await?.coordinator()?;
    let p = state
        .repo
        .program(staff.program_id)
        .await?
        .ok_or(AppError::Internal)?;
    Ok(Settings {
        self_scheduling: p.self_scheduling != 0,
        time_zone: p.time_zone,
    })
}

/// Self-scheduling on (`self_scheduling` present, as a checked box sends it) or off.
#[server(endpoint = "save-settings")]
pub async fn save_settings(#[server(default)] self_scheduling: String) -> Result<(), AppError> {
    let state = crate::server::state()?;
    let staff = crate::auth::ssr::caller().await?.coordinator()?;
    super::ssr::set_self_scheduling(&state, staff, !self_scheduling.is_empty()).await
}
