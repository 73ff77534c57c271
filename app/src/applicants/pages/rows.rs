//! A row of the applicant list: the tick box of the bulk actions, the applicant (linked to
//! their page), status, session, choices, invitation and the next action.

use crate::applicants::api::{MarkInvited, SendInvitation};
use crate::applicants::components::StatusBadge;
use crate::applicants::domain::Status;
use crate::applicants::list::repo::ListRow;
use crate::applicants::types::ApplicantView;
use crate::booking::pages::assign_form;
use crate::ids::SessionId;
use crate::sessions::types::SessionSummary;
use crate::ui::{message_line, RefusedPost};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// One applicant's row; `n` is its place on the page (its tick box's index in `bulk[ids]`).
pub fn applicant_row(
    n: usize,
    row: ListRow,
    sent: Option<String>,
    all: &[SessionSummary],
    refused: Option<&RefusedPost>,
) -> impl IntoView {
    let ListRow {
        applicant: a,
        application_id,
    } = row;
    let choices = match (a.first_choice, a.second_choice) {
        (None, _) => "—".to_string(),
        (f, None) => format!("1st {}", session_name(all, f)),
        (f, s) => format!(
            "1st {} · 2nd {}",
            session_name(all, f),
            session_name(all, s)
        ),
    };
    let session = a
        .status
        .holds_seat()
        .then(|| session_name(all, a.session_id));
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
    let select = format!("Select {}", a.name);
    view! {
        <tr data-applicant=key>
            <td class="select-cell" data-label="Select">
                <input
                    type="checkbox"
                    form="bulk"
                    data-keep
                    name=format!("bulk[ids][{n}]")
                    value=a.id.to_string()
                    aria-label=select
                />
            </td>
            <td data-label="Applicant">
                <a href=format!("/applicants/{}", a.id)>
                    <strong>{a.name}</strong>
                </a>
                <br/>
                <span class="muted small">{a.email}</span>
                {application_id
                    .map(|id| {
                        view! {
                            <br/>
                            <span class="muted small">"Application " {id}</span>
                        }
                    })}
            </td>
            <td data-label="Status">
                <StatusBadge status=a.status/>
            </td>
            <td data-label="Session">{session.unwrap_or_else(|| "—".into())}</td>
            <td data-label="Choices">{choices}</td>
            <td data-label="Invitation">{invitation}</td>
            <td data-label="Actions">{next}</td>
        </tr>
    }
}

/// When the invitation was sent, and the button to send (or resend) it.
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
pub fn session_name(sessions: &[SessionSummary], id: Option<SessionId>) -> String {
    id.and_then(|id| sessions.iter().find(|s| s.id == id))
        .map(|s| s.name.clone())
        .unwrap_or_else(|| "—".into())
}
