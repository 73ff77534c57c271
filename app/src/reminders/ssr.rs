//! The reminders' workflows: the settings and a staff member's own choices saved, a change's
//! alert queued with the change, and the background job.
//!
//! # The job
//! Every few seconds (and at start, so nothing is lost to a restart) [`run_due`] reads, by the
//! server's clock (which the test clock moves), every program whose reminders are on, and for
//! each of its sessions still ahead works out when each reminder is due from the session's
//! stored date, time and zone ([`super::domain::due_at`]). A reminder whose time has come is
//! recorded in `reminders_sent` under its key and its e-mail queued **in the same
//! transaction**; the insert that finds the key already there (another instance, an earlier
//! run) queues nothing. So each goes once, whatever the number of instances. A cancelled
//! applicant is no longer confirmed and gets none; a moved one is reminded of the new session
//! (its own key). When both of an applicant's reminders have come (booked late, or the server
//! was down), only the later one is sent and both are recorded.

use super::domain::{self, due_at, start_of, Offset};
use super::repo::{applicant_key, digest_key, staff_key, Reminding};
use super::types::{AlertKind, Alerts, ReminderForm, ReminderSettings};
use crate::applicants::types::ApplicantView;
use crate::auth::ssr::Staff;
use crate::db::Tx;
use crate::error::AppResult;
use crate::ids::ProgramId;
use crate::ids::UserId;
use crate::mail::domain::{MailKind, Placeholder};
use crate::mail::ssr::{send as queue_mail, Mail};
use crate::programs::domain::{AuditAction, AuditEntity};
use crate::programs::repo::Audit;
use crate::server::AppState;
use crate::sessions::domain::{clock, long_date};
use crate::sessions::repo::SessionRow;
use chrono::{DateTime, Duration, Utc};

/// How often the job looks for what has come due.
pub const EVERY: std::time::Duration = std::time::Duration::from_secs(3);

pub async fn settings(state: &AppState, by: Staff) -> AppResult<ReminderSettings> {
    Ok(state.repo.reminder_settings(by.program_id).await?)
}

/// The settings a posted form says, each number checked under its field.
pub fn read_form(f: &ReminderForm) -> AppResult<ReminderSettings> {
    Ok(ReminderSettings {
        first: Offset::parse("first", &f.first_days, &f.first_hours)?,
        second: Offset::parse("second", &f.second_days, &f.second_hours)?,
        staff: Offset::parse("staff", &f.staff_days, &f.staff_hours)?,
        digest_hour: domain::parse_hour(&f.digest_hour)?,
    })
}

/// Saves the program's reminders, with an audit line of the change (none when nothing changed).
pub async fn save_settings(state: &AppState, by: Staff, s: ReminderSettings) -> AppResult<()> {
    let before = state.repo.reminder_settings(by.program_id).await?;
    let mut tx = state.repo.begin_write().await?;
    let now = state.clock.now().timestamp_millis();
    state
        .repo
        .save_reminder_settings(&mut tx, by.program_id, &s, now)
        .await?;
    if before != s {
        let (from, to) = (before.said(), s.said());
        state
            .repo
            .audit(
                &mut tx,
                Audit {
                    from: Some(&from),
                    to: Some(&to),
                    ..Audit::new(
                        by.program_id,
                        Some(by.user_id),
                        AuditEntity::Program,
                        by.program_id.0,
                        AuditAction::Reminders,
                    )
                },
            )
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

pub async fn my_alerts(state: &AppState, by: Staff) -> AppResult<Alerts> {
    Ok(state.repo.alerts_of(by.program_id, by.user_id).await?)
}

pub async fn save_my_alerts(state: &AppState, by: Staff, a: Alerts) -> AppResult<()> {
    let mut tx = state.repo.begin_write().await?;
    let now = state.clock.now().timestamp_millis();
    state
        .repo
        .save_alerts(&mut tx, by.program_id, by.user_id, a, now)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Queues, inside the change's own transaction, the alert of `kind` to each staff member of the
/// program who chose it (`details`: lines of what the change said, e.g. its sessions and reason). Called
/// by the change workflows (an applicant's decline, a coordinator's cancel, withdraw and move).
pub async fn alert_staff(
    state: &AppState,
    tx: &mut Tx,
    program: ProgramId,
    a: &ApplicantView,
    kind: AlertKind,
    details: &[String],
) -> AppResult<()> {
    let to = state.repo.alert_recipients(tx, program, kind).await?;
    if to.is_empty() {
        return Ok(());
    }
    let url = &state.config.public_url;
    let detail: String = details.iter().map(|d| format!("\n{d}")).collect();
    for r in &to {
        let details = format!(
            "{} <{}> {}.\n{detail}\n\nTheir page: {url}/applicants/{}\n\n\
             You get this because you chose to be told of this change on your Notifications page ({url}/notifications).",
            a.name,
            a.email,
            kind.said(),
            a.id
        );
        let mail = Mail::new(MailKind::StaffNotice, Some(program), &r.email)
            .user(Some(UserId(r.id)), &r.name)
            .applicant(a.id, &a.name, &a.email)
            .with(Placeholder::Details, details);
        queue_mail(state, tx, mail).await?;
    }
    Ok(())
}

/// An alert's lines: the session (or the move, "from → to") and the reason given.
pub fn lines(session: Option<&str>, reason: Option<&str>) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(s) = session {
        out.push(format!("Session: {s}"));
    }
    if let Some(r) = reason {
        out.push(format!("Reason given: {r}"));
    }
    out
}

/// Runs [`run_due`] now and then every [`EVERY`], for as long as the server runs.
pub async fn run(state: AppState) {
    loop {
        match run_due(&state).await {
            Ok(0) => {}
            Ok(_) => state.outbox_wake.notify_one(),
            Err(e) => tracing::warn!(error = %e, "reminders: a run failed (tried again shortly)"),
        }
        tokio::time::sleep(EVERY).await;
    }
}

/// Queues every reminder and digest whose time has come by the server's clock; returns how
/// many e-mails were queued.
pub async fn run_due(state: &AppState) -> AppResult<usize> {
    let now = state.clock.now();
    let mut queued = 0;
    for p in state.repo.reminding_programs().await? {
        queued += program_due(state, &p, now).await?;
    }
    Ok(queued)
}

async fn program_due(state: &AppState, p: &Reminding, now: DateTime<Utc>) -> AppResult<usize> {
    let mut queued = 0;
    let s = &p.settings;
    if s.horizon_days() > 0 {
        let last_day = (now + Duration::days(i64::from(s.horizon_days()) + 1)).date_naive();
        let first_day = (now - Duration::days(1)).date_naive();
        for session in state.repo.sessions(p.program_id).await? {
            if session.date < first_day || session.date > last_day {
                continue;
            }
            let start = start_of(session.time_zone, session.date, session.start);
            if start <= now {
                continue;
            }
            queued += applicants_due(state, p, &session, now).await?;
            queued += staff_due(state, p, &session, now).await?;
        }
    }
    if let Some(hour) = s.digest_hour {
        queued += digests_due(state, p, hour, now).await?;
    }
    Ok(queued)
}

/// The session's start as its key says it ("2027-03-15T09:00 America/New_York").
fn start_key(s: &SessionRow) -> String {
    format!("{}T{} {}", s.date, s.start.format("%H:%M"), s.time_zone)
}

fn session_said(s: &SessionRow) -> String {
    format!(
        "{}, {} – {} ({})",
        long_date(s.date),
        clock(s.start),
        clock(s.end),
        s.time_zone
    )
}

async fn applicants_due(
    state: &AppState,
    p: &Reminding,
    session: &SessionRow,
    now: DateTime<Utc>,
) -> AppResult<usize> {
    let due: Vec<(u8, DateTime<Utc>)> = p
        .settings
        .applicant_offsets()
        .into_iter()
        .map(|(n, o)| (n, due_at(session.time_zone, session.date, session.start, o)))
        .filter(|(_, at)| *at <= now)
        .collect();
    // The one to send: the latest come (nearest the session).
    let Some(&(send_n, _)) = due.iter().max_by_key(|(_, at)| *at) else {
        return Ok(0);
    };
    let start = start_key(session);
    let mut queued = 0;
    for a in state.repo.confirmed_in_session(session.id).await? {
        let id = crate::ids::ApplicantId(a.id);
        let mut tx = state.repo.begin_write().await?;
        let mut send = false;
        for (n, at) in &due {
            let key = applicant_key(id, session.id, &start, *n);
            let recorded = state
                .repo
                .record_sent(
                    &mut tx,
                    p.program_id,
                    "applicant",
                    &key,
                    &a.email,
                    at.timestamp_millis(),
                    now.timestamp_millis(),
                )
                .await?;
            send |= recorded && *n == send_n;
        }
        if send {
            let mail = Mail::new(MailKind::Reminder, Some(p.program_id), &a.email)
                .applicant(id, &a.name, &a.email)
                .session(&crate::sessions::ssr::summary(session.clone()));
            queue_mail(state, &mut tx, mail).await?;
            queued += 1;
        }
        tx.commit().await?;
    }
    Ok(queued)
}

async fn staff_due(
    state: &AppState,
    p: &Reminding,
    session: &SessionRow,
    now: DateTime<Utc>,
) -> AppResult<usize> {
    let Some(offset) = p.settings.staff else {
        return Ok(0);
    };
    let at = due_at(session.time_zone, session.date, session.start, offset);
    if at > now {
        return Ok(0);
    }
    let start = start_key(session);
    let url = &state.config.public_url;
    let mut queued = 0;
    for person in state.repo.staff_on_day(p.program_id, session.id).await? {
        let mut tx = state.repo.begin_write().await?;
        let key = staff_key(person.id, session.id, &start);
        let ms = |t: DateTime<Utc>| t.timestamp_millis();
        if state
            .repo
            .record_sent(
                &mut tx,
                p.program_id,
                "staff",
                &key,
                &person.email,
                ms(at),
                ms(now),
            )
            .await?
        {
            let details = format!(
                "A reminder: you are on the rooms of {} for {}:\n\n  {}\n\n\
                 Your day (rooms, rounds and applicants): {url}/my-day",
                session.name,
                p.name,
                session_said(session)
            );
            let mail = Mail::new(MailKind::StaffNotice, Some(p.program_id), &person.email)
                .user(Some(UserId(person.id)), &person.name)
                .with(Placeholder::SessionName, session.name.clone())
                .with(Placeholder::SessionDate, long_date(session.date))
                .with(Placeholder::Details, details);
            queue_mail(state, &mut tx, mail).await?;
            queued += 1;
        }
        tx.commit().await?;
    }
    Ok(queued)
}

async fn digests_due(
    state: &AppState,
    p: &Reminding,
    hour: u32,
    now: DateTime<Utc>,
) -> AppResult<usize> {
    let Some(day) = domain::digest_day(p.time_zone, hour, now) else {
        return Ok(0);
    };
    let day_text = day.to_string();
    let recipients = state.repo.digest_recipients(p.program_id).await?;
    if recipients.is_empty() {
        return Ok(0);
    }
    let sessions = state.repo.sessions(p.program_id).await?;
    let mut queued = 0;
    for r in recipients {
        let mut tx = state.repo.begin_write().await?;
        let now_ms = now.timestamp_millis();
        let key = digest_key(r.id, &day_text);
        if !state
            .repo
            .record_sent(
                &mut tx,
                p.program_id,
                "digest",
                &key,
                &r.email,
                now_ms,
                now_ms,
            )
            .await?
        {
            tx.commit().await?;
            continue;
        }
        let from = state
            .repo
            .last_digest(&mut tx, p.program_id, &r.email, now_ms)
            .await?
            .unwrap_or(now_ms - 24 * 60 * 60 * 1000);
        let since = state
            .repo
            .changes_since(&mut tx, p.program_id, from)
            .await?;
        let missing = state
            .repo
            .scores_missing(&mut tx, p.program_id, &day_text)
            .await?;
        let details = digest_text(state, p, &day, since, missing, &sessions);
        let mail = Mail::new(MailKind::StaffNotice, Some(p.program_id), &r.email)
            .user(Some(UserId(r.id)), &r.name)
            .with(Placeholder::Details, details);
        queue_mail(state, &mut tx, mail).await?;
        tx.commit().await?;
        queued += 1;
    }
    Ok(queued)
}

fn digest_text(
    state: &AppState,
    p: &Reminding,
    day: &chrono::NaiveDate,
    since: super::repo::Since,
    missing: i64,
    sessions: &[SessionRow],
) -> String {
    let url = &state.config.public_url;
    let seats = sessions
        .iter()
        .filter(|s| s.visible && s.date >= *day)
        .map(|s| {
            let left = (s.capacity - s.confirmed).max(0);
            format!(
                "  {} ({}): {left} of {} seats left",
                s.name,
                long_date(s.date),
                s.capacity
            )
        })
        .collect::<Vec<_>>();
    let seats = if seats.is_empty() {
        "  No upcoming visible sessions.".to_string()
    } else {
        seats.join("\n")
    };
    format!(
        "Daily digest of {} for {}.\n\nSince the last digest:\n  Bookings: {}\n  Cancellations, declines and withdrawals: {}\n\n\
         Seats in upcoming sessions:\n{seats}\n\nScores missing from days already held: {missing}\n\n\
         Applicants: {url}/applicants\nTo stop this digest, change your Notifications: {url}/notifications",
        p.name,
        long_date(*day),
        since.bookings,
        since.cancellations
    )
}
