//! One program's card in My Programs: the invitation, the pending choices, the confirmed
//! session, or the decline.

use super::StatusBadge;
use crate::applicants::domain::Status;
use crate::applicants::types::Invitation;
use crate::booking::components::{ChoiceActions, Invited};
use crate::itinerary::components::{CheckSetupLink, ItineraryView};
use crate::sessions::api::SessionSummary;
use crate::sessions::components::{when, YourTime};
use crate::waitlist::components::{ChangeOfPlans, MyLines};
use leptos::prelude::*;

#[component]
pub fn InvitationCard(inv: Invitation, actions: ChoiceActions) -> impl IntoView {
    let heading_id = format!("program-{}", inv.program_id);
    let body = match inv.status {
        Status::InvitedReady => view! {
            <crate::release::components::FairRanking program_id=inv.program_id/>
            <Invited inv=inv.clone() actions/>
        }
        .into_any(),
        Status::Pending => view! { <PendingChoices inv=inv.clone()/> }.into_any(),
        Status::Confirmed => match (inv.confirmed.clone(), inv.itinerary.clone()) {
            (Some(s), Some(it)) => view! {
                <ConfirmedSession s/>
                <ChangeOfPlans program_id=inv.program_id/>
                <h3 class="itinerary-heading">"Your interview day"</h3>
                <p><a class="btn btn-primary" href="/interview-day">"Open your interview day screen"</a></p>
                <ItineraryView it applicant=true/>
            }
            .into_any(),
            (Some(s), None) => view! {
                <ConfirmedSession s/>
                <ChangeOfPlans program_id=inv.program_id/>
            }
            .into_any(),
            (None, _) => view! { <p>"You are confirmed."</p> }.into_any(),
        },
        Status::Waitlisted => view! {
            <p>"Your choices were full, so you are waiting for a seat. Your place in each line is kept current here."</p>
            <MyLines program_id=inv.program_id/>
        }
        .into_any(),
        Status::Declined => {
            view! { <p class="muted">"You declined this invitation."</p> }.into_any()
        }
        Status::Cancelled => view! {
            <p class="muted">"The program cancelled your interview. Contact the program with any question."</p>
        }
        .into_any(),
        Status::Withdrawn => {
            view! { <p class="muted">"The program withdrew its invitation."</p> }.into_any()
        }
        _ => ().into_any(),
    };
    // Before the day is published (the itinerary links it then), the setup check.
    let check = (inv.portal_video
        && inv.itinerary.is_none()
        && matches!(
            inv.status,
            Status::InvitedReady | Status::Pending | Status::Confirmed | Status::Waitlisted
        ))
    .then(|| view! { <CheckSetupLink/> });
    let labelled_by = heading_id.clone();
    view! {
        <li class="card program-card-full" aria-labelledby=labelled_by>
            <div class="program-card-head">
                <h2 id=heading_id>{inv.program_name.clone()}</h2>
                <StatusBadge status=inv.status/>
            </div>
            {body}
            {check}
        </li>
    }
}

/// Pending: the choices, in order, waiting for the program.
#[component]
fn PendingChoices(inv: Invitation) -> impl IntoView {
    let names: Vec<String> = [inv.first_choice, inv.second_choice]
        .into_iter()
        .flatten()
        .filter_map(|id| {
            inv.sessions
                .iter()
                .find(|s| s.id == id)
                .map(|s| s.name.clone())
        })
        .collect();
    view! {
        <p>
            "Your choices are with the program, which will confirm one of them: "
            <strong>{names.join(", then ")}</strong>
            "."
        </p>
    }
}

/// Confirmed: the session in its own zone, and in the applicant's own when that differs.
#[component]
fn ConfirmedSession(s: SessionSummary) -> impl IntoView {
    view! {
        <div class="confirmed">
            <p class="confirmed-label">"Your interview session"</p>
            <p class="confirmed-name">{s.name.clone()}</p>
            <p>{when(&s)}</p>
            <p class="muted">
                <YourTime starts_at=s.starts_at ends_at=s.ends_at zone=s.time_zone.clone()/>
            </p>
        </div>
    }
}
