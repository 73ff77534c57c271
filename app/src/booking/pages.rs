//! Booking's part of the coordinator's Applicants screen, written on the server (inside
//! `applicants::pages`' panel): the form that assigns a pending applicant to a session.

#[cfg(feature = "ssr")]
use {
    super::api::AssignSession,
    crate::applicants::types::ApplicantView,
    crate::sessions::types::SessionSummary,
    crate::ui::RefusedPost,
    leptos::{prelude::*, server_fn::ServerFn},
};

/// Assigns a pending applicant: their choices first, then any other session with a seat. A
/// session they did not choose is refused once with a warning in this row ("did not choose this
/// session. Assign anyway?"), the session still chosen, after which the button sends `anyway`
/// (with script or without: the refused form's fields come back with the refusal).
#[cfg(feature = "ssr")]
pub fn assign_form(
    a: &ApplicantView,
    all: &[SessionSummary],
    refused: Option<&RefusedPost>,
) -> impl IntoView {
    let id = a.id.to_string();
    let refused = refused.filter(|r| r.of(AssignSession::PATH, "applicant_id", &id));
    let warning = refused.and_then(|r| r.error.field_message("session_id"));
    let message = refused.map(|r| r.error.to_string()).unwrap_or_default();
    let picked = refused
        .and_then(|r| r.field("session_id"))
        .map(str::to_owned);
    let option = move |s: &SessionSummary, text: String| {
        let value = s.id.to_string();
        let selected = picked.as_deref() == Some(value.as_str());
        view! { <option value=value selected=selected>{text}</option> }
    };
    let chosen = a.choices();
    let label = |s: &SessionSummary, tag: &str| {
        let left = s.fill.seats_left();
        format!("{tag}{} ({left} left)", s.name)
    };
    let options = chosen
        .iter()
        .filter_map(|id| all.iter().find(|s| s.id == *id))
        .zip(["1st: ", "2nd: "])
        .map(|(s, tag)| option(s, label(s, tag)))
        .collect_view();
    let others = all
        .iter()
        .filter(|s| !chosen.contains(&s.id) && !s.fill.is_full())
        .map(|s| option(s, label(s, "")))
        .collect_view();
    let (select_id, message_id) = (format!("assign-{id}"), format!("assign-{id}-message"));
    let (role, class) = match refused {
        Some(_) => ("alert", "form-message form-message-error"),
        None => ("status", "form-message"),
    };
    let button = match warning {
        Some(_) => view! {
            <button class="btn btn-small btn-primary" type="submit" name="anyway" value="true">
                "Assign anyway"
            </button>
        }
        .into_any(),
        None => view! {
            <button class="btn btn-small btn-primary" type="submit">"Assign"</button>
        }
        .into_any(),
    };
    view! {
        <form class="assign-form" method="post" action=AssignSession::PATH>
            <input type="hidden" name="applicant_id" value=id/>
            <label for=select_id.clone() class="visually-hidden">{format!("Session for {}", a.name)}</label>
            <select
                id=select_id
                name="session_id"
                aria-invalid=if warning.is_some() { "true" } else { "false" }
                aria-describedby=message_id.clone()
            >
                {options}
                <optgroup label="Other sessions with seats">{others}</optgroup>
            </select>
            {button}
            <p class=class id=message_id role=role data-message>{message}</p>
        </form>
    }
}

/// The Settings page's "Changes and waitlist" card, written on the server: the waitlist's mode,
/// how long an offer is held, and the two locks.
#[cfg(feature = "ssr")]
pub async fn rules_card(
    state: &crate::server::AppState,
    by: crate::auth::ssr::Staff,
) -> crate::error::AppResult<String> {
    let r = super::ssr::rules::rules(state, by).await?;
    Ok(crate::ui::html_of(rules_view(r)))
}

#[cfg(feature = "ssr")]
fn rules_view(r: super::rules::ChangeRules) -> impl IntoView {
    use super::api::SaveChangeRules;
    use super::rules::WaitlistMode;
    use crate::ui::{message_line, refusal, Field, SelectField};
    let modes = WaitlistMode::ALL
        .iter()
        .map(|m| (m.as_str().to_string(), m.label().to_string()))
        .collect::<Vec<_>>();
    let days = |d: Option<u32>| d.map(|d| d.to_string()).unwrap_or_default();
    view! {
        <section class="card narrow" aria-labelledby="changes-heading">
            <h2 id="changes-heading">"Changes and waitlist"</h2>
            <form method="post" action=SaveChangeRules::PATH class="stack" data-done="Saved.">
                {message_line()}
                <SelectField
                    label="Waitlist"
                    name="waitlist"
                    options=modes
                    selected=r.waitlist.as_str()
                    hint="When both of an applicant's choices are full, they may wait for a seat. First come: everyone waiting is told of a freed seat and the first to take it gets it. In order: the first in line is offered the seat, held for them, then the next."
                    error=refusal()
                />
                <Field
                    label="Hours an offer is held"
                    name="offer_hours"
                    kind="number"
                    value=r.offer_hours.to_string()
                    hint="In order only: how long the seat is kept for the applicant it was offered to, 1 to 168."
                    error=refusal()
                />
                <Field
                    label="Booking lock (days before a session)"
                    name="booking_lock_days"
                    kind="number"
                    value=days(r.booking_lock_days)
                    hint="From this many days before a session, no one books or reschedules into it. Blank: until it starts."
                    error=refusal()
                />
                <Field
                    label="Cancel lock (days before a session)"
                    name="cancel_lock_days"
                    kind="number"
                    value=days(r.cancel_lock_days)
                    hint="From this many days before a session, applicants cannot cancel or reschedule it themselves; they are shown whom to contact. Blank: until it starts."
                    error=refusal()
                />
                <p class="muted small">"Locks fall at the session's own start time, in its time zone."</p>
                <button class="btn btn-primary" type="submit">"Save changes and waitlist"</button>
            </form>
        </section>
    }
}
