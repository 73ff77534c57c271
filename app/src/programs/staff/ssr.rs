//! Server side of a program's staff: the list, adding someone, changing a role, deactivating
//! (their login sessions in the program and their push streams ended, their seats on the
//! program's coming days given up, each said before it happens) and reactivating, a new
//! set-password link. Each change writes its audit row in its own transaction.

use super::domain::{
    a_role, check_deactivate, check_password_link, check_reactivate, check_role_change, Member,
    StaffStatus,
};
use super::repo::{SeatRow, StaffRow};
use crate::auth::domain::{normalize_email, validate_person_name, Role};
use crate::auth::ssr::{set_password_link, Staff};
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::ids::{ProgramId, UserId};
use crate::mail::domain::{MailKind, Placeholder};
use crate::mail::ssr::Mail;
use crate::programs::domain::{check_may_grant, AuditAction, AuditEntity};
use crate::programs::repo::Audit;
use crate::programs::ssr::program_of;
use crate::programs::types::StaffMember;
use crate::server::AppState;

fn member_of(row: &StaffRow) -> Member {
    Member {
        name: row.name.clone(),
        role: row.role,
        deactivated: row.deactivated_at.is_some(),
    }
}

pub fn staff_member(r: StaffRow) -> StaffMember {
    StaffMember {
        user_id: r.user_id,
        status: StaffStatus::of(r.has_password, r.deactivated_at.is_some()),
        name: r.name,
        email: r.email,
        role: r.role,
        last_login_at: r.last_login_at,
    }
}

pub async fn list_staff(state: &AppState, by: Staff) -> AppResult<Vec<StaffMember>> {
    let rows = state.repo.staff(by.program_id).await?;
    Ok(rows.into_iter().map(staff_member).collect())
}

fn not_found() -> AppError {
    AppError::NotFound("That person is not on this program's staff.".into())
}

/// A member of the caller's program, read in the write (another program's member: not found).
async fn member_in(state: &AppState, tx: &mut Tx, by: Staff, user: UserId) -> AppResult<StaffRow> {
    state
        .repo
        .staff_member(&mut **tx, by.program_id, user)
        .await?
        .ok_or_else(not_found)
}

fn audit_line<'a>(by: Staff, user: UserId, action: AuditAction) -> Audit<'a> {
    Audit::new(
        by.program_id,
        Some(by.user_id),
        AuditEntity::Membership,
        user.0,
        action,
    )
}

/// Tells the member's open tabs in the program that their role changed (or that their login
/// is gone: the stream then ends).
fn rescope(state: &AppState, tokens: &[String]) {
    for t in tokens {
        crate::live::publish_rescope(state, t);
    }
}

/// Adds a staff member to the caller's program. A new person gets a set-password link by
/// e-mail; someone who already has an account is told they were added.
pub async fn add_staff(
    state: &AppState,
    by: Staff,
    name: &str,
    email: &str,
    role: Role,
) -> AppResult<()> {
    let name = validate_person_name(name)?;
    let email = normalize_email(email)?;
    check_may_grant(by.role, role)?;
    program_of(state, by).await?;
    let mut tx = state.repo.begin_write().await?;
    let existing = state.repo.user_by_email(&mut *tx, &email).await?;
    let user_id = state.repo.ensure_user(&mut tx, &email, &name).await?;
    let added = state
        .repo
        .add_membership(&mut tx, by.program_id, user_id, role)
        .await?;
    if !added {
        return Err(AppError::invalid(
            "email",
            "This person is already on the program's staff (a deactivated member is reactivated from the list).",
        ));
    }
    let line = Audit {
        to: Some(role.as_str()),
        ..audit_line(by, user_id, AuditAction::Added)
    };
    state.repo.audit(&mut tx, line).await?;
    let has_password = existing.is_some_and(|u| u.password_hash.is_some());
    welcome(
        state,
        &mut tx,
        by.program_id,
        (user_id, &name, &email),
        role,
        has_password,
    )
    .await?;
    tx.commit().await?;
    state.outbox_wake.notify_one();
    Ok(())
}

/// The e-mail to new staff, through the program's templates (`communications`), queued in the
/// caller's transaction: a set-password link for someone new (kind `set_password`); a note for
/// someone who can already log in (kind `staff_added`).
pub async fn welcome(
    state: &AppState,
    tx: &mut Tx,
    program_id: ProgramId,
    to: (UserId, &str, &str),
    role: Role,
    has_password: bool,
) -> AppResult<()> {
    let (user, name, email) = to;
    let mail = if has_password {
        Mail::new(MailKind::StaffAdded, Some(program_id), email)
    } else {
        set_password_mail(state, tx, program_id, email).await?
    };
    let mail = mail
        .user(Some(user), name)
        .with(Placeholder::Role, a_role(role));
    crate::mail::ssr::send(state, tx, mail).await?;
    Ok(())
}

/// A set-password mail with a new link (it works once, for 7 days).
async fn set_password_mail(
    state: &AppState,
    tx: &mut Tx,
    program_id: ProgramId,
    email: &str,
) -> AppResult<Mail> {
    let link = set_password_link(state, tx, email).await?;
    Ok(Mail::new(MailKind::SetPassword, Some(program_id), email)
        .with(Placeholder::ActionLink, link)
        .with(Placeholder::LinkExpires, "7 days"))
}

/// Changes a member's role, up to the caller's own rank; the last active director keeps theirs.
pub async fn change_role(state: &AppState, by: Staff, user: UserId, to: Role) -> AppResult<()> {
    let mut tx = state.repo.begin_write().await?;
    let row = member_in(state, &mut tx, by, user).await?;
    let directors = state.repo.active_directors(&mut tx, by.program_id).await?;
    check_role_change(by.role, &member_of(&row), to, directors)?;
    state
        .repo
        .set_member_role(&mut tx, by.program_id, user, to)
        .await?;
    let line = Audit {
        from: Some(row.role.as_str()),
        to: Some(to.as_str()),
        ..audit_line(by, user, AuditAction::RoleChanged)
    };
    state.repo.audit(&mut tx, line).await?;
    let tokens = state
        .repo
        .login_sessions_in(&mut tx, by.program_id, user)
        .await?;
    tx.commit().await?;
    rescope(state, &tokens);
    Ok(())
}

/// A day's room the member would leave, in words ("Tue 12 Jan 2027 · Alpha first day · Room A").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seat {
    pub date: String,
    pub session: String,
    pub room: String,
}

impl Seat {
    fn of(r: &SeatRow) -> Seat {
        let date = chrono::NaiveDate::parse_from_str(&r.session_date, "%Y-%m-%d")
            .map(|d| d.format("%a %-d %b %Y").to_string())
            .unwrap_or_else(|_| r.session_date.clone());
        Seat {
            date,
            session: r.session_name.clone(),
            room: r.room_name.clone(),
        }
    }

    pub fn said(&self) -> String {
        format!("{} · {} · {}", self.date, self.session, self.room)
    }
}

/// What deactivating a member would do, said before it happens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeactivatePreview {
    pub user_id: UserId,
    pub name: String,
    pub email: String,
    /// The rooms of the program's days from today on that they would leave.
    pub seats: Vec<Seat>,
}

/// The program's today (`YYYY-MM-DD` in its zone): days from it on are coming days.
async fn today(state: &AppState, by: Staff) -> AppResult<String> {
    let program = program_of(state, by).await?;
    Ok(chrono::Utc::now()
        .with_timezone(&program.time_zone)
        .date_naive()
        .format("%Y-%m-%d")
        .to_string())
}

/// The confirm step of a deactivation: refused as the deactivation would be, or what it does.
pub async fn deactivate_preview(
    state: &AppState,
    by: Staff,
    user: UserId,
) -> AppResult<DeactivatePreview> {
    let from = today(state, by).await?;
    let mut tx = state.repo.begin_write().await?;
    let row = member_in(state, &mut tx, by, user).await?;
    let directors = state.repo.active_directors(&mut tx, by.program_id).await?;
    check_deactivate(by.role, &member_of(&row), by.user_id == user, directors)?;
    let seats = state
        .repo
        .seats_from(&mut *tx, by.program_id, user, &from)
        .await?;
    tx.rollback().await?;
    Ok(DeactivatePreview {
        user_id: user,
        name: row.name,
        email: row.email,
        seats: seats.iter().map(Seat::of).collect(),
    })
}

/// Deactivates a member: no access to the program from now on, their login sessions in it
/// ended and their open tabs told at once (the push stream ends), and their seats on the
/// program's days from today on given up. Returns what was said: who and which rooms.
pub async fn deactivate(state: &AppState, by: Staff, user: UserId) -> AppResult<String> {
    let from = today(state, by).await?;
    let mut tx = state.repo.begin_write().await?;
    let row = member_in(state, &mut tx, by, user).await?;
    let directors = state.repo.active_directors(&mut tx, by.program_id).await?;
    check_deactivate(by.role, &member_of(&row), by.user_id == user, directors)?;
    state
        .repo
        .set_member_deactivated(&mut tx, by.program_id, user, true)
        .await?;
    let seats = state
        .repo
        .seats_from(&mut *tx, by.program_id, user, &from)
        .await?;
    for s in &seats {
        state.repo.leave_room(&mut tx, s.room_id, user).await?;
    }
    let said: Vec<String> = seats.iter().map(|s| Seat::of(s).said()).collect();
    let reason = (!said.is_empty()).then(|| format!("taken off {}", said.join("; ")));
    let line = Audit {
        from: Some(row.role.as_str()),
        reason: reason.as_deref(),
        ..audit_line(by, user, AuditAction::Deactivated)
    };
    state.repo.audit(&mut tx, line).await?;
    let tokens = state
        .repo
        .end_login_sessions_in(&mut tx, by.program_id, user)
        .await?;
    tx.commit().await?;
    rescope(state, &tokens);
    Ok(match said.len() {
        0 => format!("{} was deactivated.", row.name),
        _ => format!(
            "{} was deactivated and taken off {}.",
            row.name,
            said.join("; ")
        ),
    })
}

/// Reactivates a member: they may log in to the program again (their rooms are not given back).
pub async fn reactivate(state: &AppState, by: Staff, user: UserId) -> AppResult<()> {
    let mut tx = state.repo.begin_write().await?;
    let row = member_in(state, &mut tx, by, user).await?;
    check_reactivate(by.role, &member_of(&row))?;
    state
        .repo
        .set_member_deactivated(&mut tx, by.program_id, user, false)
        .await?;
    let line = Audit {
        to: Some(row.role.as_str()),
        ..audit_line(by, user, AuditAction::Reactivated)
    };
    state.repo.audit(&mut tx, line).await?;
    tx.commit().await?;
    Ok(())
}

/// E-mails a member a new set-password link (an earlier one still works until it expires).
pub async fn send_password_link(state: &AppState, by: Staff, user: UserId) -> AppResult<()> {
    program_of(state, by).await?;
    let mut tx = state.repo.begin_write().await?;
    let row = member_in(state, &mut tx, by, user).await?;
    check_password_link(by.role, &member_of(&row))?;
    let mail = set_password_mail(state, &mut tx, by.program_id, &row.email)
        .await?
        .user(Some(user), &row.name)
        .with(Placeholder::Role, a_role(row.role));
    crate::mail::ssr::send(state, &mut tx, mail).await?;
    state
        .repo
        .audit(&mut tx, audit_line(by, user, AuditAction::PasswordLinkSent))
        .await?;
    tx.commit().await?;
    state.outbox_wake.notify_one();
    Ok(())
}
