//! Server side of programs: the overview and settings a program's pages read, creating a
//! program with its first director, changing settings (its staff: `staff::ssr`).

use super::domain::{
    validate_program_name, validate_time_zone, AuditAction, AuditEntity, InterviewSetup,
};
use super::repo::{Audit, ProgramRow};
use super::types::{Overview, Settings};
use crate::auth::domain::{normalize_email, validate_person_name, Role};
use crate::auth::ssr::{set_password_link, Staff};
use crate::error::{AppError, AppResult};
use crate::ids::ProgramId;
use crate::server::AppState;

/// The staff member's program (it exists while they have a login session in it).
pub async fn program_of(state: &AppState, by: Staff) -> AppResult<ProgramRow> {
    state
        .repo
        .program(by.program_id)
        .await?
        .ok_or_else(|| AppError::NotFound("That program was not found.".into()))
}

pub async fn overview(state: &AppState, by: Staff) -> AppResult<Overview> {
    let program = program_of(state, by).await?;
    let counts = state.repo.program_counts(by.program_id).await?;
    Ok(Overview {
        program_name: program.name,
        time_zone: program.time_zone.name().to_string(),
        self_scheduling: program.self_scheduling,
        role: by.role,
        staff: counts.staff,
        applicants: counts.applicants,
        sessions: counts.sessions,
    })
}

pub async fn settings(state: &AppState, by: Staff) -> AppResult<Settings> {
    let program = program_of(state, by).await?;
    Ok(Settings {
        self_scheduling: program.self_scheduling,
        interview_setup: program.interview_setup,
        time_zone: program.time_zone.name().to_string(),
    })
}

/// Creates a program and its director; returns the program id and a one-time link for the
/// director to set their password (when they have none yet).
pub async fn create_program(
    state: &AppState,
    name: &str,
    time_zone: &str,
    director_email: &str,
    director_name: &str,
) -> AppResult<(ProgramId, Option<String>)> {
    let name = validate_program_name(name)?;
    let time_zone = validate_time_zone(time_zone)?;
    let email = normalize_email(director_email)?;
    let director_name = validate_person_name(director_name)?;
    let mut tx = state.repo.begin_write().await?;
    let existing = state.repo.user_by_email(&mut *tx, &email).await?;
    let program_id = state
        .repo
        .create_program(&mut tx, &name, &time_zone)
        .await?;
    let user_id = state
        .repo
        .ensure_user(&mut tx, &email, &director_name)
        .await?;
    state
        .repo
        .add_membership(&mut tx, program_id, user_id, Role::Director)
        .await?;
    state
        .repo
        .audit(
            &mut tx,
            Audit {
                to: Some(&name),
                reason: Some("created from the command line"),
                ..Audit::new(
                    program_id,
                    None,
                    AuditEntity::Program,
                    program_id.0,
                    AuditAction::Created,
                )
            },
        )
        .await?;
    let link = match existing.and_then(|u| u.password_hash) {
        Some(_) => None,
        None => Some(set_password_link(state, &mut tx, &email).await?),
    };
    tx.commit().await?;
    Ok((program_id, link))
}

pub async fn save_settings(
    state: &AppState,
    by: Staff,
    on: bool,
    setup: InterviewSetup,
) -> AppResult<()> {
    let before = program_of(state, by).await?;
    let mut tx = state.repo.begin_write().await?;
    if before.interview_setup != setup {
        state
            .repo
            .set_interview_setup(&mut tx, by.program_id, setup)
            .await?;
        let audit = Audit {
            from: Some(before.interview_setup.as_str()),
            to: Some(setup.as_str()),
            ..Audit::new(
                by.program_id,
                Some(by.user_id),
                AuditEntity::Program,
                by.program_id.0,
                AuditAction::InterviewSetup,
            )
        };
        state.repo.audit(&mut tx, audit).await?;
    }
    state
        .repo
        .set_self_scheduling(&mut tx, by.program_id, on)
        .await?;
    state
        .repo
        .audit(
            &mut tx,
            Audit {
                to: Some(if on { "on" } else { "off" }),
                ..Audit::new(
                    by.program_id,
                    Some(by.user_id),
                    AuditEntity::Program,
                    by.program_id.0,
                    AuditAction::SelfScheduling,
                )
            },
        )
        .await?;
    tx.commit().await?;
    Ok(())
}
