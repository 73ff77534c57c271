//! The reminder screens written on the server as HTML for a [`crate::ui::ServerPanel`]: the
//! program's Reminders page (the reminders to applicants and interviewers, the digest's hour,
//! and who on the staff hears of what), and each staff member's own Notifications page (the
//! changes they are told of, and the digest). Each screen's server function sits beside it.

use super::types::{Alerts, ReminderForm};
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::domain::{hour_said, Offset},
    super::types::{ReminderSettings, StaffChoices},
    crate::ui::{
        html_of, message_line, refusal, Badge, CheckField, Field, SelectField, Table, Tone,
    },
    leptos::server_fn::ServerFn,
};

/// Coordinators: the Reminders screen.
#[server(output = crate::codec::Compact, endpoint = "reminders-page")]
pub async fn reminders_page() -> Result<String, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    let settings = super::ssr::settings(&state, staff).await?;
    let staff_choices = state.repo.staff_choices(staff.program_id).await?;
    let zone = crate::programs::ssr::program_of(&state, staff)
        .await?
        .time_zone;
    Ok(reminders_html(settings, &staff_choices, zone.name()))
}

/// Coordinators: the program's reminders (each offset days and/or hours before; blank is off)
/// and the digest's hour.
#[server(output = crate::codec::Compact, endpoint = "save-reminders")]
pub async fn save_reminders(reminders: ReminderForm) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    let settings = super::ssr::read_form(&reminders)?;
    super::ssr::save_settings(&state, staff, settings).await
}

/// Any staff member: their own Notifications screen.
#[server(output = crate::codec::Compact, endpoint = "notifications-page")]
pub async fn notifications_page() -> Result<String, AppError> {
    let (state, staff) = crate::server::require_staff().await?;
    let alerts = super::ssr::my_alerts(&state, staff).await?;
    Ok(notifications_html(alerts, staff.role.runs_program()))
}

/// Any staff member: the changes they are told of by e-mail, and the daily digest (boxes left
/// unchecked are off).
#[server(output = crate::codec::Compact, endpoint = "save-notifications")]
pub async fn save_notifications(#[server(default)] alerts: Alerts) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_staff().await?;
    super::ssr::save_my_alerts(&state, staff, alerts).await
}

#[cfg(feature = "ssr")]
fn number(o: Option<Offset>, days: bool) -> String {
    o.map(|o| if days { o.days } else { o.hours }.to_string())
        .unwrap_or_default()
}

/// One reminder's two fields (days, hours) under a legend.
#[cfg(feature = "ssr")]
fn offset_fields(
    legend: &'static str,
    names: (&'static str, &'static str),
    o: Option<Offset>,
) -> impl IntoView {
    view! {
        <fieldset class="choices">
            <legend>{legend}</legend>
            <div class="field-row">
                <Field label="Days before" name=names.0 kind="number" value=number(o, true) error=refusal()/>
                <Field label="Hours before" name=names.1 kind="number" value=number(o, false) error=refusal()/>
            </div>
        </fieldset>
    }
}

#[cfg(feature = "ssr")]
fn reminders_html(s: ReminderSettings, staff: &[StaffChoices], zone: &str) -> String {
    let hours = std::iter::once((String::new(), "No digest".to_string()))
        .chain((0..24).map(|h| (h.to_string(), hour_said(h))))
        .collect::<Vec<_>>();
    let selected = s.digest_hour.map(|h| h.to_string()).unwrap_or_default();
    let summary = |o: Option<Offset>| match o {
        Some(o) => format!("{} before", o.said()),
        None => "Off".to_string(),
    };
    let now_on = view! {
        <ul class="plain-list">
            <li>"First reminder to applicants: " {summary(s.first)}</li>
            <li>"Second reminder to applicants: " {summary(s.second)}</li>
            <li>"Reminder to interviewers: " {summary(s.staff)}</li>
            <li>
                "Daily digest: "
                {s.digest_hour.map(|h| format!("at {} ({zone})", hour_said(h))).unwrap_or_else(|| "Off".into())}
            </li>
        </ul>
    };
    let yes = |on: bool| {
        let (tone, text) = if on {
            (Tone::Ok, "Yes")
        } else {
            (Tone::Neutral, "No")
        };
        view! { <Badge tone text/> }
    };
    let rows = staff
        .iter()
        .map(|m| {
            let a = m.alerts;
            view! {
                <tr>
                    <td data-label="Name">{m.name.clone()}<br/><span class="muted small">{m.email.clone()}</span></td>
                    <td data-label="Role">{role_label(&m.role)}</td>
                    <td data-label="Declined">{yes(a.declined)}</td>
                    <td data-label="Cancelled">{yes(a.cancelled)}</td>
                    <td data-label="Withdrawn">{yes(a.withdrawn)}</td>
                    <td data-label="Moved">{yes(a.moved)}</td>
                    <td data-label="Digest">{yes(a.digest)}</td>
                </tr>
            }
        })
        .collect_view();
    html_of(view! {
        <div class="split">
            <section class="card" aria-labelledby="reminders-heading">
                <h2 id="reminders-heading">"Reminders"</h2>
                <p class="muted">
                    "Reminders go by e-mail to confirmed applicants before their session, and to the interviewers on a day's rooms before the day. Days count on the session's calendar at its start time (in its own time zone); hours are taken off after. Leave both boxes blank to turn a reminder off."
                </p>
                <form method="post" action=SaveReminders::PATH class="stack" novalidate data-done="Reminders saved.">
                    {message_line()}
                    {offset_fields("First reminder to applicants", ("reminders[first_days]", "reminders[first_hours]"), s.first)}
                    {offset_fields("Second reminder to applicants", ("reminders[second_days]", "reminders[second_hours]"), s.second)}
                    {offset_fields("Reminder to interviewers", ("reminders[staff_days]", "reminders[staff_hours]"), s.staff)}
                    <SelectField
                        label="Daily digest to coordinators"
                        name="reminders[digest_hour]"
                        options=hours
                        selected=selected
                        hint="Sent once a day, at this hour in the program's time zone, to those who chose it on their Notifications page: bookings and cancellations since the last one, seats left, scores missing."
                        error=refusal()
                    />
                    <button class="btn btn-primary" type="submit">"Save reminders"</button>
                </form>
            </section>
            <section class="card" aria-labelledby="reminders-now">
                <h2 id="reminders-now">"Now set"</h2>
                {now_on}
            </section>
        </div>
        <section class="card" aria-labelledby="staff-alerts">
            <div class="card-head">
                <h2 id="staff-alerts">"Who on the staff is told of changes"</h2>
                <a class="btn btn-small btn-outline" href="/notifications">"Your notifications"</a>
            </div>
            <p class="muted">"Each staff member chooses on their own Notifications page which changes to an applicant they hear of by e-mail."</p>
            <Table columns=&["Name", "Role", "Declined", "Cancelled", "Withdrawn", "Moved", "Digest"]>{rows}</Table>
        </section>
    })
}

#[cfg(feature = "ssr")]
fn role_label(role: &str) -> String {
    crate::auth::domain::Role::parse(role)
        .map(|r| r.label().to_string())
        .unwrap_or_else(|| role.to_string())
}

#[cfg(feature = "ssr")]
fn notifications_html(a: Alerts, runs_program: bool) -> String {
    let digest = runs_program.then(|| {
        view! {
            <fieldset class="choices">
                <legend>"Daily digest"</legend>
                <CheckField label="Send me the program's daily digest" name="alerts[digest]" checked=a.digest/>
                <p class="muted small">"At the hour set on the Reminders page (none set: no digest)."</p>
            </fieldset>
        }
    });
    html_of(view! {
        <section class="card narrow" aria-labelledby="alerts-heading">
            <h2 id="alerts-heading">"E-mail me when an applicant…"</h2>
            <form method="post" action=SaveNotifications::PATH class="stack" data-done="Notifications saved.">
                {message_line()}
                <fieldset class="choices">
                    <legend>"Changes to applicants"</legend>
                    <CheckField label="declines the invitation" name="alerts[declined]" checked=a.declined/>
                    <CheckField label="has their booking cancelled" name="alerts[cancelled]" checked=a.cancelled/>
                    <CheckField label="has their invitation withdrawn" name="alerts[withdrawn]" checked=a.withdrawn/>
                    <CheckField label="is moved to another session" name="alerts[moved]" checked=a.moved/>
                </fieldset>
                {digest}
                <button class="btn btn-primary" type="submit">"Save notifications"</button>
            </form>
        </section>
    })
}
