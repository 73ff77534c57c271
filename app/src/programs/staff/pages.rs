//! The staff screens written on the server as HTML for a [`crate::ui::ServerPanel`]: the list
//! (role, status, last log-in, and what the caller may do to each member), the confirm step of
//! a deactivation (the rooms they leave, before it happens), adding someone (the CSV
//! import's screen is `import_pages`). Each screen's server function (which returns its HTML) sits here beside
//! its writer; the writers are compiled into the server only.

use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::api::{AddStaff, ChangeStaffRole, DeactivateStaff, ReactivateStaff, SendPasswordLink},
    super::domain::StaffStatus,
    super::ssr::DeactivatePreview,
    crate::auth::domain::Role,
    crate::auth::ssr::Staff,
    crate::ids::UserId,
    crate::programs::types::StaffMember,
    crate::ui::{
        html_of, message_line, no_error, refused_post, Badge, Field, Notice, NoticeKind,
        RefusedPost, SelectField, Table, Tone,
    },
    leptos::server_fn::ServerFn,
};

/// Coordinators: the staff screen (the list, the form that adds someone); with `deactivate`
/// naming a member, the confirm step of their deactivation first.
#[server(output = crate::codec::Compact, endpoint = "staff-page")]
pub async fn staff_page(#[server(default)] deactivate: String) -> Result<String, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    let confirm = match deactivate.trim() {
        "" => None,
        id => Some(confirm_step(&state, staff, id).await?),
    };
    let program = crate::programs::ssr::program_of(&state, staff).await?;
    let rows = super::ssr::list_staff(&state, staff).await?;
    Ok(staff_html(staff, program.time_zone, rows, confirm))
}

/// What the top of the staff screen says about the member being deactivated.
#[cfg(feature = "ssr")]
enum Confirm {
    /// Before: what it would do.
    Ask(DeactivatePreview),
    /// After: done (what the audit line says of it).
    Done { name: String, said: String },
    /// Refused (the last director, out of reach, oneself): why.
    Refused(String),
}

#[cfg(feature = "ssr")]
async fn confirm_step(
    state: &crate::server::AppState,
    by: Staff,
    id: &str,
) -> Result<Confirm, AppError> {
    let not_found = || AppError::NotFound("That person is not on this program's staff.".into());
    let user = id.parse::<i64>().map(UserId).map_err(|_| not_found())?;
    let row = state
        .repo
        .staff_member(state.repo.pool(), by.program_id, user)
        .await?
        .ok_or_else(not_found)?;
    if row.deactivated_at.is_some() {
        let said = state
            .repo
            .last_deactivation(by.program_id, user)
            .await?
            .unwrap_or_default();
        return Ok(Confirm::Done {
            name: row.name,
            said,
        });
    }
    Ok(
        match super::ssr::deactivate_preview(state, by, user).await {
            Ok(p) => Confirm::Ask(p),
            Err(e @ (AppError::Conflict(_) | AppError::Forbidden(_))) => {
                Confirm::Refused(e.to_string())
            }
            Err(e) => return Err(e),
        },
    )
}

#[cfg(feature = "ssr")]
fn confirm_html(c: Confirm) -> AnyView {
    match c {
        Confirm::Refused(why) => view! {
            <section class="card staff-confirm" aria-labelledby="staff-confirm">
                <h2 id="staff-confirm">"Deactivation refused"</h2>
                <Notice kind=NoticeKind::Error>{why}</Notice>
                <p><a class="btn btn-outline" href="/staff">"Back to the staff list"</a></p>
            </section>
        }
        .into_any(),
        Confirm::Done { name, said } => {
            let rooms = match said.strip_prefix("taken off ") {
                Some(list) => format!("They were taken off: {list}."),
                None => "They sat in no room on the program's coming days.".into(),
            };
            view! {
                <section class="card staff-confirm" aria-labelledby="staff-confirm">
                    <h2 id="staff-confirm">{format!("{name} is deactivated")}</h2>
                    <Notice kind=NoticeKind::Success>
                        <p>"Their login sessions in this program ended, and their open pages were logged out."</p>
                        <p>{rooms}</p>
                    </Notice>
                    <p><a class="btn btn-outline" href="/staff">"Back to the staff list"</a></p>
                </section>
            }
            .into_any()
        }
        Confirm::Ask(p) => {
            let seats = if p.seats.is_empty() {
                view! { <p>"They sit in no room on the program's coming days."</p> }.into_any()
            } else {
                let items = p
                    .seats
                    .iter()
                    .map(|s| view! { <li>{s.said()}</li> })
                    .collect_view();
                view! {
                    <div class="alert alert-warn" role="note">
                        <p><strong>{format!("They will be taken off {} room(s) of the program's coming days:", p.seats.len())}</strong></p>
                        <ul class="staff-seats">{items}</ul>
                        <p>"Reactivating them later does not put them back: assign the rooms again on each Day page."</p>
                    </div>
                }
                .into_any()
            };
            view! {
                <section class="card staff-confirm" aria-labelledby="staff-confirm">
                    <h2 id="staff-confirm">{format!("Deactivate {}?", p.name)}</h2>
                    <p>
                        {format!("{} ({}) will no longer be able to log in to this program. Their login sessions end at once and any page they have open is logged out.", p.name, p.email)}
                    </p>
                    {seats}
                    <form
                        method="post"
                        action=DeactivateStaff::PATH
                        class="staff-confirm-actions"
                        data-done="Deactivated."
                    >
                        <input type="hidden" name="user_id" value=p.user_id.to_string()/>
                        <button class="btn btn-danger" type="submit">{format!("Deactivate {}", p.name)}</button>
                        <a class="btn btn-outline" href="/staff">"Keep them active"</a>
                        {message_line()}
                    </form>
                </section>
            }
            .into_any()
        }
    }
}

#[cfg(feature = "ssr")]
fn when(at: Option<chrono::DateTime<chrono::Utc>>, tz: chrono_tz::Tz) -> String {
    match at {
        Some(t) => t
            .with_timezone(&tz)
            .format("%a %-d %b %Y, %-I:%M %p")
            .to_string(),
        None => "Never".into(),
    }
}

/// The role options `by` may give, highest first.
#[cfg(feature = "ssr")]
fn grantable(by: Role) -> impl Iterator<Item = Role> {
    Role::ALL.iter().copied().filter(move |r| by.may_grant(*r))
}

/// What the caller may do to one member: a role, a deactivation (its confirm step), a new
/// set-password link; a deactivated member reactivated. A refused action says why in the row.
#[cfg(feature = "ssr")]
fn actions(by: Staff, m: &StaffMember, refused: Option<&RefusedPost>) -> AnyView {
    if !by.role.may_grant(m.role) {
        return view! { <span class="muted small">"Above your role"</span> }.into_any();
    }
    let id = m.user_id.to_string();
    let refused = refused.filter(|r| {
        [
            ChangeStaffRole::PATH,
            DeactivateStaff::PATH,
            ReactivateStaff::PATH,
            SendPasswordLink::PATH,
        ]
        .iter()
        .any(|p| r.of(p, "user_id", &id))
    });
    let message = refused.map(|r| r.error.to_string());
    let said = message.map(|text| {
        view! { <p class="form-message form-message-error" role="alert">{text}</p> }
    });
    if m.status == StaffStatus::Deactivated {
        return view! {
            <form method="post" action=ReactivateStaff::PATH class="staff-action" data-done="Reactivated.">
                <input type="hidden" name="user_id" value=id/>
                <button class="btn btn-small" type="submit">{format!("Reactivate {}", m.name)}</button>
                {message_line()}
            </form>
            {said}
        }
        .into_any();
    }
    let select_id = format!("role-{id}");
    let options = grantable(by.role)
        .map(|r| {
            view! { <option value=r.as_str() selected=r == m.role>{r.label()}</option> }
        })
        .collect_view();
    let is_self = m.user_id == by.user_id;
    let link_label = match m.status {
        StaffStatus::Invited => "Send a new invitation link",
        _ => "Send a set-password link",
    };
    view! {
        <div class="staff-actions">
            <form method="post" action=ChangeStaffRole::PATH class="staff-action staff-role" data-done="Role changed.">
                <input type="hidden" name="user_id" value=id.clone()/>
                <label for=select_id.clone() class="visually-hidden">{format!("Role of {}", m.name)}</label>
                <select id=select_id name="role">{options}</select>
                <button class="btn btn-small" type="submit">"Change role"</button>
                {message_line()}
            </form>
            <form method="post" action=SendPasswordLink::PATH class="staff-action" data-done="Link sent.">
                <input type="hidden" name="user_id" value=id.clone()/>
                <button class="btn btn-small btn-outline" type="submit">{link_label}</button>
                {message_line()}
            </form>
            {(!is_self).then(|| view! {
                <a class="btn btn-small btn-outline staff-deactivate" href=format!("/staff?deactivate={id}")>
                    {format!("Deactivate {}…", m.name)}
                </a>
            })}
            {said}
        </div>
    }
    .into_any()
}

/// The staff list, the form that adds someone, and (first) a deactivation's confirm step.
#[cfg(feature = "ssr")]
fn staff_html(
    by: Staff,
    tz: chrono_tz::Tz,
    rows: Vec<StaffMember>,
    confirm: Option<Confirm>,
) -> String {
    let refused = refused_post();
    let rows = rows
        .into_iter()
        .map(|m| {
            let tone = match m.status {
                StaffStatus::Active => Tone::Ok,
                StaffStatus::Invited => Tone::Info,
                StaffStatus::Deactivated => Tone::Neutral,
            };
            let actions = actions(by, &m, refused.as_ref());
            let key = m.email.clone();
            view! {
                <tr data-member=key>
                    <td data-label="Name" class="keep-words">{m.name}</td>
                    <td data-label="Email">{m.email}</td>
                    <td data-label="Role" class="keep-words">{m.role.label()}</td>
                    <td data-label="Status"><Badge tone text=m.status.label()/></td>
                    <td data-label="Last log-in">{when(m.last_login_at, tz)}</td>
                    <td data-label="Actions">{actions}</td>
                </tr>
            }
        })
        .collect_view();
    let roles = grantable(by.role)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .map(|r| (r.as_str().to_string(), r.label().to_string()))
        .collect::<Vec<_>>();
    html_of(view! {
        {confirm.map(confirm_html)}
        <section class="card" aria-labelledby="staff-list">
            <h2 id="staff-list">"Program staff"</h2>
            <p class="muted small">
                "You can change the role of, deactivate or send a link to anyone up to your own role. A program always keeps one active program director."
            </p>
            <Table columns=&["Name", "Email", "Role", "Status", "Last log-in", "Actions"]>{rows}</Table>
        </section>
        <div class="split">
            <section class="card" aria-labelledby="add-staff">
                <h2 id="add-staff">"Add a staff member"</h2>
                <p class="muted">"New people get an email with a link to set their password."</p>
                <form
                    method="post"
                    action=AddStaff::PATH
                    class="stack"
                    novalidate
                    data-done="Added. The invitation is on its way."
                >
                    {message_line()}
                    <Field label="Full name" name="name" error=no_error()/>
                    <Field label="Email" name="email" kind="email" error=no_error()/>
                    <SelectField label="Role" name="role" options=roles error=no_error()/>
                    <button class="btn btn-primary" type="submit">"Add to staff"</button>
                </form>
            </section>
            <section class="card" aria-labelledby="import-staff">
                <h2 id="import-staff">"Add many at once"</h2>
                <p class="muted">"A CSV file with the columns Name, Email and Role: you see who would be added before anything is written."</p>
                <p><a class="btn btn-outline" href="/staff/import">"Import staff from a CSV file"</a></p>
            </section>
        </div>
    })
}
