//! Day templates: a session's plan and rooms saved under a name, and applied to another session.

use super::plan::{check_free, row_of, stored_plan};
use super::{audit_day, session_for_day};
use crate::auth::ssr::Staff;
use crate::day::domain::timeline::DayPlan;
use crate::error::{AppError, AppResult};
use crate::ids::{SessionId, TemplateId, UserId};
use crate::programs::domain::AuditAction;
use crate::server::AppState;
use crate::sessions::ssr::local_instant;
use crate::text::single_line;
use serde::{Deserialize, Serialize};

/// A day template as stored.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct TemplateBody {
    plan: DayPlan,
    interviews_per_applicant: Option<u16>,
    rooms: Vec<TemplateRoom>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct TemplateRoom {
    name: String,
    location: String,
    interviewers: Vec<UserId>,
}

pub async fn save_template(
    state: &AppState,
    by: Staff,
    session_id: SessionId,
    name: &str,
) -> AppResult<TemplateId> {
    let (session, _) = session_for_day(state, by, session_id).await?;
    let name = single_line(
        name,
        "template_name",
        80,
        "Name the template, e.g. Full day, 6 rooms.",
    )?;
    let (plan, interviews, _) = stored_plan(state, &session)
        .await?
        .ok_or_else(|| AppError::Conflict("Save the day's rounds first.".into()))?;
    let rooms = state.repo.rooms(session_id).await?;
    let seats = state.repo.seats(session_id).await?;
    let body = TemplateBody {
        plan,
        interviews_per_applicant: interviews,
        rooms: rooms
            .iter()
            .map(|r| TemplateRoom {
                name: r.name.clone(),
                location: r.location.clone(),
                interviewers: seats
                    .iter()
                    .filter(|s| s.room_id == r.id)
                    .map(|s| s.user_id)
                    .collect(),
            })
            .collect(),
    };
    let body = serde_json::to_string(&body).map_err(|_| AppError::Internal)?;
    let mut tx = state.repo.begin_write().await?;
    let id = state
        .repo
        .save_template(&mut tx, by.program_id, &name, &body)
        .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn apply_template(
    state: &AppState,
    by: Staff,
    session_id: SessionId,
    template: TemplateId,
) -> AppResult<()> {
    let (session, _) = session_for_day(state, by, session_id).await?;
    let row = state
        .repo
        .template(by.program_id, template)
        .await?
        .ok_or_else(|| AppError::NotFound("That template was not found.".into()))?;
    let body: TemplateBody = serde_json::from_str(&row.body).map_err(|e| {
        tracing::error!(error = %e, "a day template could not be read");
        AppError::Internal
    })?;
    // A template carries the whole day, its start included.
    let plan = body.plan.clone().validate()?;
    let staff = state.repo.staff(by.program_id).await?;
    let times = (
        local_instant(session.date, plan.start, session.time_zone),
        local_instant(session.date, plan.end(), session.time_zone),
    );
    let mut tx = state.repo.begin_write().await?;
    for old in state.repo.rooms(session_id).await? {
        state.repo.delete_room(&mut tx, old.id).await?;
    }
    for room in &body.rooms {
        let token = crate::auth::ssr::new_token().0;
        let id = state
            .repo
            .create_room(
                &mut tx,
                session_id,
                &room.name,
                &room.location,
                &token[..16],
            )
            .await?;
        // Staff who left the program since are left out.
        let seated: Vec<UserId> = room
            .interviewers
            .iter()
            .copied()
            .filter(|u| {
                staff
                    .iter()
                    .any(|s| s.user_id == *u && s.deactivated_at.is_none())
            })
            .collect();
        for user in &seated {
            check_free(state, &mut tx, by.program_id, session_id, *user, times).await?;
        }
        state
            .repo
            .set_room_interviewers(&mut tx, id, &seated)
            .await?;
    }
    state
        .repo
        .save_day(
            &mut tx,
            session_id,
            &row_of(&plan, body.interviews_per_applicant, None),
        )
        .await?;
    state.repo.set_day_report(&mut tx, session_id, None).await?;
    state.repo.next_draft_version(&mut tx, session_id).await?;
    state
        .repo
        .set_session_times(&mut tx, session_id, plan.start, plan.end())
        .await?;
    audit_day(
        state,
        &mut tx,
        by,
        session_id,
        AuditAction::Saved,
        Some(&row.name),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
