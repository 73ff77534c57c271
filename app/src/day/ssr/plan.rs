//! The day's plan: its rounds and lengths (checked and stored, the session's times following),
//! its breaks, and a session edit kept in step with it.

use super::{audit_day, session_for_day};
use crate::auth::ssr::Staff;
use crate::day::domain::grid::Round;
use crate::day::domain::timeline::{Break, DayPlan};
use crate::day::domain::Report;
use crate::day::repo::DayRow;
use crate::day::types::PlanForm;
use crate::error::{AppError, AppResult};
use crate::ids::{ProgramId, SessionId, UserId};
use crate::programs::domain::AuditAction;
use crate::server::AppState;
use crate::sessions::repo::SessionRow;
use crate::sessions::ssr::local_instant;
use crate::text::single_line;
use chrono::{DateTime, NaiveTime, Utc};

pub(super) fn plan_of(row: &DayRow, start: NaiveTime) -> DayPlan {
    let narrow = |v: i64| u16::try_from(v).unwrap_or(0);
    DayPlan {
        start,
        interview_minutes: narrow(row.interview_minutes),
        passing_minutes: narrow(row.passing_minutes),
        rounds: narrow(row.rounds),
        breaks: serde_json::from_str(&row.breaks).unwrap_or_default(),
    }
}

/// A plan as stored.
pub fn row_of(plan: &DayPlan, interviews: Option<u16>, report: Option<String>) -> DayRow {
    DayRow {
        interview_minutes: plan.interview_minutes.into(),
        passing_minutes: plan.passing_minutes.into(),
        rounds: plan.rounds.into(),
        interviews_per_applicant: interviews.map(i64::from),
        breaks: serde_json::to_string(&plan.breaks).unwrap_or_else(|_| "[]".into()),
        report,
    }
}

/// The session's plan as stored (`None`: not planned yet).
pub(super) async fn stored_plan(
    state: &AppState,
    session: &SessionRow,
) -> AppResult<Option<(DayPlan, Option<u16>, Option<Report>)>> {
    Ok(state.repo.day(session.id).await?.map(|row| {
        let plan = plan_of(&row, session.start);
        let interviews = row
            .interviews_per_applicant
            .and_then(|v| u16::try_from(v).ok());
        let report = row
            .report
            .as_deref()
            .and_then(|r| serde_json::from_str(r).ok());
        (plan, interviews, report)
    }))
}

pub(super) fn number(field: &str, text: &str, what: &str) -> AppResult<u16> {
    text.trim()
        .parse::<u16>()
        .map_err(|_| AppError::invalid(field, format!("{what} must be a whole number.")))
}

/// The plan's form, checked.
pub fn validate_plan(form: &PlanForm, breaks: Vec<Break>) -> AppResult<(DayPlan, Option<u16>)> {
    let start = NaiveTime::parse_from_str(form.start.trim(), "%H:%M")
        .map_err(|_| AppError::invalid("start", "Enter the day's start as HH:MM, e.g. 08:00."))?;
    let plan = DayPlan {
        start,
        interview_minutes: number(
            "interview_minutes",
            &form.interview_minutes,
            "The interview length",
        )?,
        passing_minutes: number("passing_minutes", &form.passing_minutes, "Passing time")?,
        rounds: number("rounds", &form.rounds, "The number of rounds")?,
        breaks,
    }
    .validate()?;
    let interviews = match form.interviews_per_applicant.trim() {
        "" => None,
        text => {
            let n = number("interviews_per_applicant", text, "Interviews per applicant")?;
            if n < 1 || n > plan.rounds {
                return Err(AppError::invalid(
                    "interviews_per_applicant",
                    format!(
                        "Interviews per applicant: 1 to {} (the number of rounds), or blank for one per room.",
                        plan.rounds
                    ),
                ));
            }
            Some(n)
        }
    };
    Ok((plan, interviews))
}

pub async fn save_plan(
    state: &AppState,
    by: Staff,
    session_id: SessionId,
    form: &PlanForm,
) -> AppResult<()> {
    let (session, _) = session_for_day(state, by, session_id).await?;
    let stored = stored_plan(state, &session).await?;
    let breaks = stored
        .as_ref()
        .map(|(p, _, _)| p.breaks.clone())
        .unwrap_or_default();
    let rounds: Option<Round> = form.rounds.trim().parse().ok();
    // Breaks after rounds the day no longer has go with them.
    let breaks = breaks
        .into_iter()
        .filter(|b| rounds.is_none_or(|r| b.after_round < r))
        .collect();
    let (plan, interviews) = validate_plan(form, breaks)?;
    let report = stored.and_then(|(_, _, r)| r.and_then(|r| serde_json::to_string(&r).ok()));
    write_plan(state, by, &session, &plan, interviews, report).await
}

/// Stores a plan: the session's times follow it, slots beyond its rounds are freed, and its
/// interviewers' other sessions must not overlap the new times.
pub(super) async fn write_plan(
    state: &AppState,
    by: Staff,
    session: &SessionRow,
    plan: &DayPlan,
    interviews: Option<u16>,
    report: Option<String>,
) -> AppResult<()> {
    let mut tx = state.repo.begin_write().await?;
    let times = (
        local_instant(session.date, plan.start, session.time_zone),
        local_instant(session.date, plan.end(), session.time_zone),
    );
    for user in state.repo.session_interviewers(&mut tx, session.id).await? {
        check_free(state, &mut tx, by.program_id, session.id, user, times).await?;
    }
    state
        .repo
        .save_day(&mut tx, session.id, &row_of(plan, interviews, report))
        .await?;
    state
        .repo
        .set_session_times(&mut tx, session.id, plan.start, plan.end())
        .await?;
    state
        .repo
        .drop_slots_from_round(&mut tx, session.id, plan.rounds.into())
        .await?;
    // The draft's shape changed: edits made on the old one are refused.
    state.repo.next_draft_version(&mut tx, session.id).await?;
    audit_day(state, &mut tx, by, session.id, AuditAction::Saved, None).await?;
    tx.commit().await?;
    Ok(())
}

/// Refuses when `user` sits in another session overlapping `times`: named when it is this
/// program's, "busy elsewhere" when another program's (nothing of it is told).
pub(super) async fn check_free(
    state: &AppState,
    tx: &mut crate::db::Tx,
    program: ProgramId,
    session: SessionId,
    user: UserId,
    (starts, ends): (DateTime<Utc>, DateTime<Utc>),
) -> AppResult<()> {
    for other in state.repo.interviewer_sessions(tx, user, session).await? {
        let other_starts = local_instant(other.date, other.start, other.time_zone);
        let other_ends = local_instant(other.date, other.end, other.time_zone);
        if starts < other_ends && other_starts < ends {
            let name = state
                .repo
                .user_name(&mut **tx, user)
                .await?
                .unwrap_or_else(|| "This interviewer".into());
            let message = if other.program_id == program {
                format!(
                    "{name} already interviews in “{}” ({}, {}–{}), which overlaps this day.",
                    other.name,
                    other.date.format("%a %-d %b"),
                    other.start.format("%H:%M"),
                    other.end.format("%H:%M"),
                )
            } else {
                format!("{name} is busy elsewhere at that time.")
            };
            return Err(AppError::Conflict(message));
        }
    }
    Ok(())
}

/// The session's start and end as instants (by its plan when it has one).
pub(super) async fn session_times(
    state: &AppState,
    session: &SessionRow,
) -> AppResult<(DateTime<Utc>, DateTime<Utc>)> {
    let end = match stored_plan(state, session).await? {
        Some((plan, _, _)) => plan.end(),
        None => session.end,
    };
    Ok((
        local_instant(session.date, session.start, session.time_zone),
        local_instant(session.date, end, session.time_zone),
    ))
}

/// A session's edit as the day's plan has it: once planned, the day's start is the session's
/// start and the end follows from the plan (not the hand-entered end); the interviewers must
/// be free at the new times.
pub async fn follow_plan(
    state: &AppState,
    tx: &mut crate::db::Tx,
    program: ProgramId,
    session: SessionId,
    time_zone: chrono_tz::Tz,
    mut input: crate::sessions::domain::SessionInput,
) -> AppResult<crate::sessions::domain::SessionInput> {
    let Some(row) = state.repo.day(session).await? else {
        return Ok(input);
    };
    let plan = plan_of(&row, input.start).validate().map_err(|_| {
        AppError::invalid(
            "start",
            "With this start the interview day would run past midnight.",
        )
    })?;
    input.end = plan.end();
    let times = (
        local_instant(input.date, input.start, time_zone),
        local_instant(input.date, input.end, time_zone),
    );
    for user in state.repo.session_interviewers(tx, session).await? {
        check_free(state, tx, program, session, user, times).await?;
    }
    Ok(input)
}

pub async fn add_break(
    state: &AppState,
    by: Staff,
    session_id: SessionId,
    after_round: &str,
    minutes: &str,
    label: &str,
) -> AppResult<()> {
    let (session, _) = session_for_day(state, by, session_id).await?;
    let (mut plan, interviews, report) = stored_plan(state, &session)
        .await?
        .ok_or_else(|| AppError::Conflict("Save the day's rounds first.".into()))?;
    let label = match label.trim() {
        "" => "Break".to_string(),
        l => single_line(l, "label", 60, "")?,
    };
    plan.breaks.push(Break {
        after_round: number("after_round", after_round, "The round")?,
        minutes: number("minutes", minutes, "The break's length")?,
        label,
    });
    let plan = plan.validate().map_err(|e| match e {
        AppError::Invalid { message, .. } => AppError::invalid("after_round", message),
        other => other,
    })?;
    let report = report.and_then(|r| serde_json::to_string(&r).ok());
    write_plan(state, by, &session, &plan, interviews, report).await
}

pub async fn remove_break(
    state: &AppState,
    by: Staff,
    session_id: SessionId,
    after_round: u16,
) -> AppResult<()> {
    let (session, _) = session_for_day(state, by, session_id).await?;
    let (mut plan, interviews, report) = stored_plan(state, &session)
        .await?
        .ok_or_else(|| AppError::NotFound("That break was not found.".into()))?;
    let before = plan.breaks.len();
    plan.breaks.retain(|b| b.after_round != after_round);
    if plan.breaks.len() == before {
        return Err(AppError::NotFound("That break was not found.".into()));
    }
    let report = report.and_then(|r| serde_json::to_string(&r).ok());
    write_plan(state, by, &session, &plan, interviews, report).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plan_form_is_checked_field_by_field() {
        let form = PlanForm {
            start: "08:00".into(),
            interview_minutes: "20".into(),
            passing_minutes: "5".into(),
            rounds: "6".into(),
            interviews_per_applicant: String::new(),
        };
        let (plan, interviews) = validate_plan(&form, vec![]).unwrap();
        assert_eq!(plan.rounds, 6);
        assert_eq!(interviews, None);
        let bad = |f: PlanForm| match validate_plan(&f, vec![]) {
            Err(AppError::Invalid { field, .. }) => field.unwrap(),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            bad(PlanForm {
                start: "8am".into(),
                ..form.clone()
            }),
            "start"
        );
        assert_eq!(
            bad(PlanForm {
                rounds: "six".into(),
                ..form.clone()
            }),
            "rounds"
        );
        assert_eq!(
            bad(PlanForm {
                interviews_per_applicant: "7".into(),
                ..form
            }),
            "interviews_per_applicant"
        );
    }
}
