//! Server side of the interview day: the page it reads and the checked writes.

use super::api::{ConflictView, DayPage, Person, PlanForm, RoomForm, RoomView};
pub use super::components::grid::report_view;
use super::domain::edit::{Cell, CellState, CellsEdit, Draft};
use super::domain::generator::{self, Problem};
use super::domain::grid::{ConflictPair, Round, Slot};
use super::domain::timeline::{Break, DayPlan};
use super::domain::Report;
use super::repo::DayRow;
use crate::auth::ssr::Staff;
use crate::error::{AppError, AppResult};
use crate::ids::{ApplicantId, ProgramId, RoomId, SessionId, TemplateId, UserId};
use crate::programs::domain::{AuditAction, AuditEntity, InterviewSetup};
use crate::programs::repo::Audit;
use crate::server::AppState;
use crate::sessions::repo::SessionRow;
use crate::sessions::ssr::{local_instant, not_found, summary};
use crate::text::single_line;
use chrono::{DateTime, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

/// The most rooms a day may have.
pub const MAX_ROOMS: usize = 60;

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

/// The session of the caller's program, and the program's setup (refused when the schedule is
/// run outside the portal).
async fn session_for_day(
    state: &AppState,
    by: Staff,
    session: SessionId,
) -> AppResult<(SessionRow, InterviewSetup)> {
    let row = state
        .repo
        .session(by.program_id, session)
        .await?
        .ok_or_else(not_found)?;
    let program = crate::programs::ssr::program_of(state, by).await?;
    if !program.interview_setup.builds_the_day() {
        return Err(AppError::Conflict(
            "This program runs its schedule outside the portal (Settings): sessions keep only their confirmed list."
                .into(),
        ));
    }
    Ok((row, program.interview_setup))
}

fn plan_of(row: &DayRow, start: NaiveTime) -> DayPlan {
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
async fn stored_plan(
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

/// Interviews per applicant as they come out: as set, else one per room; never more than the
/// rounds.
pub fn interviews_wanted(set: Option<u16>, rooms: usize, rounds: Round) -> u16 {
    let rooms = u16::try_from(rooms).unwrap_or(u16::MAX);
    set.unwrap_or(rooms).min(rounds)
}

pub async fn day_page(state: &AppState, by: Staff, session_id: SessionId) -> AppResult<DayPage> {
    let (session, setup) = session_for_day(state, by, session_id).await?;
    let stored = stored_plan(state, &session).await?;
    let planned = stored.is_some();
    let (plan, interviews_set, report) = stored.unwrap_or_else(|| {
        (
            DayPlan {
                start: session.start,
                ..DayPlan::default()
            },
            None,
            None,
        )
    });
    let rooms = state.repo.rooms(session_id).await?;
    let seats = state.repo.seats(session_id).await?;
    let applicants = state.repo.confirmed_in(session_id).await?;
    let former: Vec<Person<ApplicantId>> = state
        .repo
        .on_draft(session_id)
        .await?
        .into_iter()
        .filter(|a| !applicants.iter().any(|c| c.id == a.id))
        .map(|a| Person {
            id: ApplicantId(a.id),
            name: a.name,
        })
        .collect();
    let conflicts: Vec<_> = state
        .repo
        .conflicts(by.program_id)
        .await?
        .into_iter()
        .filter(|c| applicants.iter().any(|a| a.id == c.applicant_id.0))
        .collect();
    let staff = state.repo.staff(by.program_id).await?;
    let templates = state.repo.templates(by.program_id).await?;
    let cells: Vec<CellState> = state
        .repo
        .slots(session_id)
        .await?
        .iter()
        .map(|s| s.cell())
        .collect();
    let draft_version = state.repo.draft_version(session_id).await?;
    let interviews = interviews_wanted(interviews_set, rooms.len(), plan.rounds);
    let public_url = state.config.public_url.clone();
    let mut page = DayPage {
        setup,
        planned,
        interviews_set,
        interviews_per_applicant: interviews,
        timeline: plan.timeline(),
        seats: u32::try_from(rooms.len()).unwrap_or(u32::MAX) * u32::from(plan.rounds),
        needed: u32::try_from(applicants.len()).unwrap_or(u32::MAX) * u32::from(interviews),
        rooms: rooms
            .into_iter()
            .map(|r| RoomView {
                video_link: (setup == InterviewSetup::PortalVideo)
                    .then(|| format!("{public_url}/video/{}", r.video_token)),
                interviewers: seats
                    .iter()
                    .filter(|s| s.room_id == r.id)
                    .map(|s| Person {
                        id: s.user_id,
                        name: s.name.clone(),
                    })
                    .collect(),
                id: r.id,
                name: r.name,
                location: r.location,
            })
            .collect(),
        staff: staff
            .into_iter()
            .map(|s| Person {
                id: s.user_id,
                name: s.name,
            })
            .collect(),
        applicants: applicants
            .into_iter()
            .map(|a| Person {
                id: ApplicantId(a.id),
                name: a.name,
            })
            .collect(),
        former,
        conflicts: conflicts
            .into_iter()
            .map(|c| ConflictView {
                interviewer: Person {
                    id: c.user_id,
                    name: c.interviewer,
                },
                applicant: Person {
                    id: c.applicant_id,
                    name: c.applicant,
                },
            })
            .collect(),
        templates: templates
            .into_iter()
            .map(|t| Person {
                id: t.id,
                name: t.name,
            })
            .collect(),
        cells,
        draft_version,
        report: None,
        plan,
        session: summary(session),
    };
    page.report = report.map(|r| report_view(&r, &page));
    Ok(page)
}

fn number(field: &str, text: &str, what: &str) -> AppResult<u16> {
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
async fn write_plan(
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

async fn audit_day(
    state: &AppState,
    tx: &mut crate::db::Tx,
    by: Staff,
    session: SessionId,
    action: AuditAction,
    to: Option<&str>,
) -> AppResult<()> {
    audit_day_change(state, tx, by, session, action, None, to).await
}

/// An audit line about a session's day: what it was (`from`) and became (`to`).
pub(crate) async fn audit_day_change(
    state: &AppState,
    tx: &mut crate::db::Tx,
    by: Staff,
    session: SessionId,
    action: AuditAction,
    from: Option<&str>,
    to: Option<&str>,
) -> AppResult<()> {
    let audit = Audit {
        from,
        to,
        ..Audit::new(
            by.program_id,
            Some(by.user_id),
            AuditEntity::Day,
            session.0,
            action,
        )
    };
    state.repo.audit(tx, audit).await?;
    Ok(())
}

/// Refuses when `user` sits in another session overlapping `times`: named when it is this
/// program's, "busy elsewhere" when another program's (nothing of it is told).
async fn check_free(
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

/// A room's location, checked against the setup: with external video, a meeting link.
fn validate_location(setup: InterviewSetup, text: &str) -> AppResult<String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(String::new());
    }
    let text = single_line(text, "location", 500, "")?;
    if setup == InterviewSetup::ExternalVideo && !text.starts_with("https://") {
        return Err(AppError::invalid(
            "location",
            "Enter the meeting link, starting with https:// (a Zoom, Teams or WebEx link).",
        ));
    }
    Ok(text)
}

pub async fn save_room(
    state: &AppState,
    by: Staff,
    session_id: SessionId,
    form: &RoomForm,
) -> AppResult<RoomId> {
    let (session, setup) = session_for_day(state, by, session_id).await?;
    let name = single_line(&form.name, "name", 80, "Give the room a name, e.g. Room 1.")?;
    let location = validate_location(setup, &form.location)?;
    let mut interviewers = form.interviewers.clone();
    interviewers.sort();
    interviewers.dedup();
    if interviewers.len() > 6 {
        return Err(AppError::invalid(
            "interviewers",
            "A panel has at most six interviewers.",
        ));
    }
    let staff = state.repo.staff(by.program_id).await?;
    if interviewers
        .iter()
        .any(|i| !staff.iter().any(|s| s.user_id == *i))
    {
        return Err(AppError::invalid(
            "interviewers",
            "Choose interviewers from the program's staff.",
        ));
    }
    let times = session_times(state, &session).await?;
    let mut tx = state.repo.begin_write().await?;
    let id = match form.id {
        Some(id) => {
            state
                .repo
                .room_in(&mut tx, session_id, id)
                .await?
                .ok_or_else(room_not_found)?;
            state
                .repo
                .update_room(&mut tx, id, &name, &location)
                .await?;
            id
        }
        None => {
            if state.repo.rooms(session_id).await?.len() >= MAX_ROOMS {
                return Err(AppError::Conflict(format!(
                    "A day has at most {MAX_ROOMS} rooms."
                )));
            }
            let token = crate::auth::ssr::new_token().0;
            state
                .repo
                .create_room(&mut tx, session_id, &name, &location, &token[..16])
                .await?
        }
    };
    for user in &interviewers {
        check_free(state, &mut tx, by.program_id, session_id, *user, times).await?;
    }
    state
        .repo
        .set_room_interviewers(&mut tx, id, &interviewers)
        .await?;
    audit_day(
        state,
        &mut tx,
        by,
        session_id,
        AuditAction::Saved,
        Some(&name),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The session's start and end as instants (by its plan when it has one).
async fn session_times(
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

fn room_not_found() -> AppError {
    AppError::NotFound("That room was not found.".into())
}

pub async fn remove_room(
    state: &AppState,
    by: Staff,
    session_id: SessionId,
    room: RoomId,
) -> AppResult<()> {
    session_for_day(state, by, session_id).await?;
    let mut tx = state.repo.begin_write().await?;
    let row = state
        .repo
        .room_in(&mut tx, session_id, room)
        .await?
        .ok_or_else(room_not_found)?;
    state.repo.delete_room(&mut tx, room).await?;
    state.repo.next_draft_version(&mut tx, session_id).await?;
    audit_day(
        state,
        &mut tx,
        by,
        session_id,
        AuditAction::Deleted,
        Some(&row.name),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The pair, both of the caller's program.
async fn conflict_pair(
    state: &AppState,
    by: Staff,
    interviewer: UserId,
    applicant: ApplicantId,
) -> AppResult<ConflictPair> {
    let staff = state.repo.staff(by.program_id).await?;
    if !staff.iter().any(|s| s.user_id == interviewer) {
        return Err(AppError::NotFound("That interviewer was not found.".into()));
    }
    let applicants = state.repo.applicants(by.program_id).await?;
    if !applicants.iter().any(|a| a.id == applicant) {
        return Err(AppError::NotFound("That applicant was not found.".into()));
    }
    Ok(ConflictPair {
        interviewer,
        applicant,
    })
}

pub async fn add_conflict(
    state: &AppState,
    by: Staff,
    interviewer: UserId,
    applicant: ApplicantId,
) -> AppResult<()> {
    let pair = conflict_pair(state, by, interviewer, applicant).await?;
    let mut tx = state.repo.begin_write().await?;
    state
        .repo
        .add_conflict(&mut tx, by.program_id, pair)
        .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn remove_conflict(
    state: &AppState,
    by: Staff,
    interviewer: UserId,
    applicant: ApplicantId,
) -> AppResult<()> {
    let pair = conflict_pair(state, by, interviewer, applicant).await?;
    let mut tx = state.repo.begin_write().await?;
    if !state
        .repo
        .remove_conflict(&mut tx, by.program_id, pair)
        .await?
    {
        return Err(AppError::NotFound(
            "That conflict of interest was not found.".into(),
        ));
    }
    tx.commit().await?;
    Ok(())
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
            .filter(|u| staff.iter().any(|s| s.user_id == *u))
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

/// The generator's problem for a session's day as its page shows it: its rooms, rounds,
/// conflicts and confirmed applicants; `pinned` the slots that stay.
fn problem_of(page: &DayPage, pinned: Vec<Slot>) -> Problem {
    Problem {
        day: page.shape(),
        applicants: page.applicants.iter().map(|a| a.id).collect(),
        interviews_per_applicant: page.interviews_per_applicant,
        pinned,
    }
}

/// Refuses an edit of the whole draft made on an older version of it.
fn check_draft_version(page: &DayPage, seen: i64) -> AppResult<()> {
    if page.draft_version != seen {
        return Err(stale_draft());
    }
    Ok(())
}

fn stale_draft() -> AppError {
    AppError::Conflict(
        "The draft changed a moment ago (another coordinator edited it). The grid now shows it as it is; try again."
            .into(),
    )
}

/// The draft's pinned slots of applicants still confirmed (they stay when it is rearranged).
fn pinned_slots(page: &DayPage) -> Vec<Slot> {
    page.cells
        .iter()
        .filter(|c| c.pinned)
        .filter_map(CellState::slot)
        .filter(|s| page.applicants.iter().any(|p| p.id == s.applicant))
        .collect()
}

/// Runs the generator off the async threads (it takes up to a tenth of a second).
async fn run_generator<F>(work: F) -> AppResult<(Vec<Slot>, Report)>
where
    F: FnOnce() -> (Vec<Slot>, Report) + Send + 'static,
{
    tokio::task::spawn_blocking(work).await.map_err(|e| {
        tracing::error!(error = %e, "the generator failed");
        AppError::Internal
    })
}

/// Saves a new arrangement of the whole draft: the cells whose occupant changes are written at
/// the draft's next version (so edits made on the old one are refused), with the report.
async fn save_arrangement(
    state: &AppState,
    by: Staff,
    page: &DayPage,
    slots: &[Slot],
    pinned: &[Slot],
    report: &Report,
    action: AuditAction,
) -> AppResult<i64> {
    let report_text = serde_json::to_string(report).map_err(|_| AppError::Internal)?;
    let session_id = page.session.id;
    let mut tx = state.repo.begin_write().await?;
    let version = state
        .repo
        .next_draft_version(&mut tx, session_id)
        .await?
        .ok_or_else(|| AppError::Conflict("Save the day's rounds first.".into()))?;
    // The check again under the draft's lock: nothing slipped in since the page was read.
    if version != page.draft_version + 1 {
        return Err(stale_draft());
    }
    let before = Draft::new(page.cells.iter().copied());
    let mut after: std::collections::BTreeMap<Cell, Option<ApplicantId>> =
        before.cells.keys().map(|c| (*c, None)).collect();
    for s in slots {
        after.insert(
            Cell {
                round: s.round,
                room: s.room,
            },
            Some(s.applicant),
        );
    }
    let writes: Vec<CellState> = after
        .into_iter()
        .filter(|(cell, applicant)| before.at(*cell) != *applicant)
        .map(|(cell, applicant)| CellState {
            cell,
            applicant,
            pinned: applicant.is_some_and(|a| {
                pinned.contains(&Slot {
                    round: cell.round,
                    room: cell.room,
                    applicant: a,
                })
            }),
            version,
        })
        .collect();
    state.repo.write_cells(&mut tx, session_id, &writes).await?;
    state
        .repo
        .set_day_report(&mut tx, session_id, Some(&report_text))
        .await?;
    audit_day(state, &mut tx, by, session_id, action, None).await?;
    tx.commit().await?;
    publish_draft(state, by.program_id, session_id, version, None);
    Ok(version)
}

/// Tells the program's coordinators that a draft changed: these cells, or (`None`) reload it.
fn publish_draft(
    state: &AppState,
    program: ProgramId,
    session: SessionId,
    version: i64,
    cells: Option<Vec<CellState>>,
) {
    state.hub.publish(crate::live::Event {
        audiences: vec![crate::live::Audience::Coordinators(program)],
        change: crate::live::Change::Draft(crate::live::DraftChange {
            session,
            version,
            cells,
        }),
    });
}

fn ready_to_generate(page: &DayPage) -> AppResult<()> {
    if !page.planned {
        return Err(AppError::Conflict("Save the day's rounds first.".into()));
    }
    if page.rooms.is_empty() {
        return Err(AppError::Conflict("Add a room first.".into()));
    }
    if page.applicants.is_empty() {
        return Err(AppError::Conflict(
            "No applicant is confirmed in this session yet.".into(),
        ));
    }
    Ok(())
}

/// (Re)generates the draft: pinned cells stay, everything else is arranged anew.
pub async fn generate(
    state: &AppState,
    by: Staff,
    session_id: SessionId,
    draft_version: i64,
) -> AppResult<Report> {
    let page = day_page(state, by, session_id).await?;
    check_draft_version(&page, draft_version)?;
    ready_to_generate(&page)?;
    let pinned = pinned_slots(&page);
    let problem = problem_of(&page, pinned.clone());
    let seed = u64::try_from(session_id.0).unwrap_or(0);
    let (slots, report) =
        run_generator(move || generator::generate(&problem, seed, generator::BUDGET)).await?;
    save_arrangement(
        state,
        by,
        &page,
        &slots,
        &pinned,
        &report,
        AuditAction::Generated,
    )
    .await?;
    Ok(report)
}

/// After a manual edit: makes the draft valid again, keeping the `keep` cells (the edit's) and
/// every pinned one, and moving as few others as the search finds. The report lists the moves.
pub async fn repair(
    state: &AppState,
    by: Staff,
    session_id: SessionId,
    draft_version: i64,
    keep: &[Cell],
) -> AppResult<Report> {
    let page = day_page(state, by, session_id).await?;
    check_draft_version(&page, draft_version)?;
    ready_to_generate(&page)?;
    let kept: Vec<Slot> = page
        .cells
        .iter()
        .filter(|c| keep.contains(&c.cell))
        .filter_map(CellState::slot)
        .collect();
    let pinned = pinned_slots(&page);
    let problem = problem_of(&page, pinned.clone());
    let slots = page.slots();
    let seed = u64::try_from(session_id.0).unwrap_or(0);
    let (repaired, report) =
        run_generator(move || generator::repair(&problem, &slots, &kept, seed, generator::BUDGET))
            .await?;
    save_arrangement(
        state,
        by,
        &page,
        &repaired,
        &pinned,
        &report,
        AuditAction::Generated,
    )
    .await?;
    Ok(report)
}

/// Records that the caller (a coordinator) has the session's Day page open; who has it open.
pub async fn enter_day(
    state: &AppState,
    caller: &crate::auth::ssr::Caller,
    session_id: SessionId,
) -> AppResult<super::api::Presence> {
    let by = caller.coordinator()?;
    session_for_day(state, by, session_id).await?;
    state.hub.enter(crate::live::Editor {
        program: by.program_id,
        session: session_id,
        token_hash: caller.token_hash.clone(),
        name: caller.name.clone(),
    });
    Ok(super::api::Presence {
        me: caller.name.clone(),
        editors: state.hub.editors(session_id),
    })
}

pub async fn leave_day(
    state: &AppState,
    caller: &crate::auth::ssr::Caller,
    session_id: SessionId,
) -> AppResult<()> {
    let by = caller.coordinator()?;
    state
        .repo
        .session(by.program_id, session_id)
        .await?
        .ok_or_else(not_found)?;
    state.hub.leave(&caller.token_hash, Some(session_id));
    Ok(())
}

/// The most cells one edit may write (a swap writes two; an undo of a swap, two).
pub const MAX_EDIT_CELLS: usize = 64;

/// Saves a manual edit when every cell it writes is still as its author saw it; the cells it
/// fills are pinned. Returns the draft's new version.
pub async fn edit_cells(
    state: &AppState,
    by: Staff,
    session_id: SessionId,
    edit: &CellsEdit,
) -> AppResult<i64> {
    // What the checks need, and no more: an edit is the builder's hot path.
    let (session, _) = session_for_day(state, by, session_id).await?;
    let rounds = stored_plan(state, &session)
        .await?
        .map_or(DayPlan::default().rounds, |(plan, _, _)| plan.rounds);
    let rooms = state.repo.rooms(session_id).await?;
    let applicants = state.repo.confirmed_in(session_id).await?;
    if edit.cells.is_empty() {
        return Err(AppError::invalid("cells", "The edit changes no cell."));
    }
    if edit.cells.len() > MAX_EDIT_CELLS {
        return Err(AppError::invalid(
            "cells",
            format!("One edit changes at most {MAX_EDIT_CELLS} cells."),
        ));
    }
    let mut seen = std::collections::BTreeSet::new();
    for w in &edit.cells {
        if !seen.insert(w.cell()) {
            return Err(AppError::invalid("cells", "The edit names a cell twice."));
        }
        if w.round >= rounds || !rooms.iter().any(|r| r.id == w.room) {
            return Err(AppError::NotFound(
                "That cell is not in this day (a room or round was removed).".into(),
            ));
        }
        if let Some(a) = w.applicant {
            if !applicants.iter().any(|p| p.id == a.0) {
                return Err(AppError::invalid(
                    "applicant",
                    "Only applicants confirmed in this session can be placed.",
                ));
            }
        }
    }
    let mut tx = state.repo.begin_write().await?;
    let version = state
        .repo
        .next_draft_version(&mut tx, session_id)
        .await?
        .ok_or_else(|| AppError::Conflict("Save the day's rounds first.".into()))?;
    let now = Draft::new(
        state
            .repo
            .slots_in(&mut *tx, session_id)
            .await?
            .iter()
            .map(|r| r.cell()),
    );
    if let Some(cell) = now.stale(edit).first() {
        let room = rooms
            .iter()
            .find(|r| r.id == cell.room)
            .map(|r| r.name.clone())
            .unwrap_or_default();
        let holds = match now.at(*cell) {
            Some(a) => applicants
                .iter()
                .find(|p| p.id == a.0)
                .map(|p| p.name.clone())
                .unwrap_or_else(|| "someone".into()),
            None => "nobody".into(),
        };
        return Err(AppError::Conflict(format!(
            "{room}, round {} was changed a moment ago by someone else (it now holds {holds}). Your edit was not saved; the grid shows the current draft.",
            cell.round + 1
        )));
    }
    let writes: Vec<CellState> = edit
        .cells
        .iter()
        .map(|w| CellState {
            cell: w.cell(),
            applicant: w.applicant,
            pinned: w.applicant.is_some(),
            version,
        })
        .collect();
    state.repo.write_cells(&mut tx, session_id, &writes).await?;
    tx.commit().await?;
    publish_draft(state, by.program_id, session_id, version, Some(writes));
    Ok(version)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interviews_default_to_one_per_room_within_the_rounds() {
        assert_eq!(interviews_wanted(None, 4, 6), 4);
        assert_eq!(interviews_wanted(None, 8, 6), 6);
        assert_eq!(interviews_wanted(Some(3), 8, 6), 3);
    }

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
