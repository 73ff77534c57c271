//! The coordinator's list of applicants: status, choices, invitation and the next action.

use super::actions::RowActions;
use super::{session_name, StatusBadge};
use crate::applicants::domain::Status;
use crate::applicants::types::{ApplicantView, ApplicantsPage};
use crate::booking::components::AssignForm;
use crate::sessions::api::SessionSummary;
use crate::ui::PostForm;
use crate::ui::Table;
use leptos::prelude::*;

#[component]
pub fn ApplicantTable(p: ApplicantsPage, actions: RowActions) -> impl IntoView {
    if p.applicants.is_empty() {
        return view! { <p class="muted">"No applicants yet. Add them with the form."</p> }
            .into_any();
    }
    let sessions = StoredValue::new(p.sessions);
    let sent = StoredValue::new(p.sent);
    view! {
        <Table columns=&["Applicant", "Status", "Choices", "Invitation", "Actions"]>
            {p.applicants
                .into_iter()
                .map(|a| {
                    let sent = sent.with_value(|m| m.get(&a.id).cloned());
                    view! { <ApplicantRow a sent sessions actions/> }
                })
                .collect_view()}
        </Table>
    }
    .into_any()
}

#[component]
fn ApplicantRow(
    a: ApplicantView,
    sent: Option<String>,
    sessions: StoredValue<Vec<SessionSummary>>,
    actions: RowActions,
) -> impl IntoView {
    let all = sessions.get_value();
    let choices = match (a.first_choice, a.second_choice) {
        (None, _) => "—".to_string(),
        (f, None) => format!("1st {}", session_name(&all, f)),
        (f, s) => format!(
            "1st {} · 2nd {}",
            session_name(&all, f),
            session_name(&all, s)
        ),
    };
    let confirmed_in = (a.status == Status::Confirmed).then(|| session_name(&all, a.session_id));
    let (name, email, status) = (a.name.clone(), a.email.clone(), a.status);
    let key = email.clone();
    let invitation = view! { <InvitationCell a=a.clone() sent actions/> };
    let next = view! { <NextAction a all actions/> };
    view! {
        <tr data-applicant=key>
            <td data-label="Applicant">
                <strong>{name}</strong>
                <br/>
                <span class="muted small">{email}</span>
            </td>
            <td data-label="Status">
                <StatusBadge status/>
                {confirmed_in.map(|name| view! { <div class="small">{name}</div> })}
            </td>
            <td data-label="Choices">{choices}</td>
            <td data-label="Invitation">{invitation}</td>
            <td data-label="Actions">{next}</td>
        </tr>
    }
}

/// When the invitation was sent, and the button to send (or resend) it.
#[component]
fn InvitationCell(a: ApplicantView, sent: Option<String>, actions: RowActions) -> impl IntoView {
    let sent = match (a.invitation_sent_at, sent) {
        (Some(_), Some(at)) => format!("Sent {at}"),
        (Some(_), None) => "Sent".into(),
        (None, _) => "Not sent".into(),
    };
    let verb = if a.invitation_sent_at.is_some() {
        "Resend"
    } else {
        "Send"
    };
    let can_send = a.status != Status::InterviewCandidate;
    view! {
        <span class="small">{sent}</span>
        {can_send.then(|| view! {
            <PostForm action=actions.send attr:class="inline-form">
                <input type="hidden" name="id" value=a.id.to_string()/>
                <button class="btn btn-small btn-outline" type="submit" aria-label=format!("{verb} invitation to {}", a.name)>
                    {if a.invitation_sent_at.is_some() { "Resend" } else { "Send invitation" }}
                </button>
            </PostForm>
        })}
    }
}

/// What the coordinator does next: mark a candidate invited, or assign a pending applicant.
#[component]
fn NextAction(a: ApplicantView, all: Vec<SessionSummary>, actions: RowActions) -> impl IntoView {
    match a.status {
        Status::InterviewCandidate => view! {
            <PostForm action=actions.invite attr:class="inline-form">
                <input type="hidden" name="id" value=a.id.to_string()/>
                <button class="btn btn-small" type="submit" aria-label=format!("Mark {} Invited & Ready for Scheduling", a.name)>
                    "Mark Invited & Ready"
                </button>
            </PostForm>
        }
        .into_any(),
        Status::Pending => view! { <AssignForm a all actions/> }.into_any(),
        _ => ().into_any(),
    }
}
