//! The Applicants screen, written on the server as HTML for two [`crate::ui::ServerPanel`]s:
//! the list (each applicant's status, choices, invitation and next action; written again on
//! each live push) and the add form (a panel of its own, so a push never rewrites what is
//! typed). Their server functions sit here beside the writers, which are compiled into the
//! server only.

use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::api::{AddApplicant, MarkInvited, SendInvitation},
    super::components::StatusBadge,
    super::domain::Status,
    super::types::{ApplicantView, ApplicantsPage},
    crate::booking::pages::assign_form,
    crate::ids::SessionId,
    crate::sessions::types::SessionSummary,
    crate::ui::{html_of, message_line, refusal, refused_post, Field, RefusedPost, Table},
    leptos::server_fn::ServerFn,
};

/// Coordinators: the applicant list.
#[server(output = crate::codec::Compact, endpoint = "applicants-page")]
pub async fn applicants_screen() -> Result<String, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    let page = super::ssr::list_applicants(&state, staff).await?;
    Ok(applicants_html(page, refused_post()))
}

/// Coordinators: the form that adds an applicant.
#[server(output = crate::codec::Compact, endpoint = "add-applicant-form")]
pub async fn add_applicant_form() -> Result<String, AppError> {
    crate::server::require_coordinator().await?;
    Ok(html_of(add_form()))
}

/// The list; a refused row action is written in its row (its form's fields come back with the
/// refusal, with script or without).
#[cfg(feature = "ssr")]
fn applicants_html(p: ApplicantsPage, refused: Option<RefusedPost>) -> String {
    if p.applicants.is_empty() {
        return html_of(
            view! { <p class="muted">"No applicants yet. Add them with the form."</p> },
        );
    }
    let ApplicantsPage {
        applicants,
        sessions,
        sent,
    } = p;
    let rows = applicants
        .into_iter()
        .map(|a| {
            let sent = sent.get(&a.id).cloned();
            applicant_row(a, sent, &sessions, refused.as_ref())
        })
        .collect_view();
    html_of(view! {
        <Table columns=&["Applicant", "Status", "Choices", "Invitation", "Actions"]>{rows}</Table>
    })
}

#[cfg(feature = "ssr")]
fn applicant_row(
    a: ApplicantView,
    sent: Option<String>,
    all: &[SessionSummary],
    refused: Option<&RefusedPost>,
) -> impl IntoView {
    let choices = match (a.first_choice, a.second_choice) {
        (None, _) => "—".to_string(),
        (f, None) => format!("1st {}", session_name(all, f)),
        (f, s) => format!(
            "1st {} · 2nd {}",
            session_name(all, f),
            session_name(all, s)
        ),
    };
    let confirmed_in = (a.status == Status::Confirmed).then(|| session_name(all, a.session_id));
    let invitation = invitation_cell(&a, sent);
    let key = a.email.clone();
    let next = match a.status {
        Status::InterviewCandidate => row_button(
            MarkInvited::PATH,
            &a,
            format!("Mark {} Invited & Ready for Scheduling", a.name),
            "Mark Invited & Ready",
            "btn btn-small",
        )
        .into_any(),
        Status::Pending => assign_form(&a, all, refused).into_any(),
        _ => ().into_any(),
    };
    view! {
        <tr data-applicant=key>
            <td data-label="Applicant">
                <strong>{a.name}</strong>
                <br/>
                <span class="muted small">{a.email}</span>
            </td>
            <td data-label="Status">
                <StatusBadge status=a.status/>
                {confirmed_in.map(|name| view! { <div class="small">{name}</div> })}
            </td>
            <td data-label="Choices">{choices}</td>
            <td data-label="Invitation">{invitation}</td>
            <td data-label="Actions">{next}</td>
        </tr>
    }
}

/// When the invitation was sent, and the button to send (or resend) it.
#[cfg(feature = "ssr")]
fn invitation_cell(a: &ApplicantView, sent: Option<String>) -> impl IntoView {
    let was_sent = a.invitation_sent_at.is_some();
    let said = match (was_sent, sent) {
        (true, Some(at)) => format!("Sent {at}"),
        (true, None) => "Sent".into(),
        (false, _) => "Not sent".into(),
    };
    let (verb, text) = if was_sent {
        ("Resend", "Resend")
    } else {
        ("Send", "Send invitation")
    };
    let button = (a.status != Status::InterviewCandidate).then(|| {
        let label = format!("{verb} invitation to {}", a.name);
        row_button(
            SendInvitation::PATH,
            a,
            label,
            text,
            "btn btn-small btn-outline",
        )
    });
    view! {
        <span class="small">{said}</span>
        {button}
    }
}

/// A row's one-button form for the applicant (`id`), named for whom it is about; its message
/// line says a refusal.
#[cfg(feature = "ssr")]
fn row_button(
    action: &'static str,
    a: &ApplicantView,
    label: String,
    text: &'static str,
    class: &'static str,
) -> impl IntoView {
    view! {
        <form class="inline-form" method="post" action=action>
            <input type="hidden" name="id" value=a.id.to_string()/>
            <button class=class type="submit" aria-label=label>{text}</button>
            {message_line()}
        </form>
    }
}

/// The name of a session in the list, or a dash.
#[cfg(feature = "ssr")]
fn session_name(sessions: &[SessionSummary], id: Option<SessionId>) -> String {
    id.and_then(|id| sessions.iter().find(|s| s.id == id))
        .map(|s| s.name.clone())
        .unwrap_or_else(|| "—".into())
}

#[cfg(feature = "ssr")]
fn add_form() -> impl IntoView {
    view! {
        <form method="post" action=AddApplicant::PATH class="row-form" novalidate data-done="Added.">
            <Field label="Full name" name="name" error=refusal()/>
            <Field
                label="Email"
                name="email"
                kind="email"
                hint="The email of their application: it is how they log in."
                error=refusal()
            />
            <button class="btn btn-primary" type="submit">"Add applicant"</button>
            {message_line()}
        </form>
    }
}
