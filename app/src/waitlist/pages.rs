//! The coordinators' Waitlists screen, written on the server for a [`crate::ui::ServerPanel`]:
//! each session with its line in order (place, applicant, joined, where they stand), rows
//! dragged to a new place or moved by the Up and Down buttons (the keyboard's way), and "Offer
//! the seat" by hand while a seat is free.

use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::api::{OfferWaitlistSeat, ReorderWaitlist},
    super::domain::ordinal,
    super::types::{LineEntry, SessionLine, Waitlists},
    crate::booking::rules::WaitlistMode,
    crate::ui::{html_of, message_line, Badge, Tone},
    leptos::server_fn::ServerFn,
};

/// Coordinators: the Waitlists screen.
#[server(output = crate::codec::Compact, endpoint = "waitlists-page")]
pub async fn waitlists_page() -> Result<String, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    Ok(waitlists_html(
        super::ssr::line::waitlists(&state, staff).await?,
    ))
}

#[cfg(feature = "ssr")]
fn waitlists_html(w: Waitlists) -> String {
    let how = match w.mode {
        WaitlistMode::Off => "The waitlist is off: applicants whose choices are full are not offered a place in line, and nobody in a line is offered a seat. Turn it on under Settings.".to_string(),
        WaitlistMode::FirstCome => "First come: when a seat is freed, everyone in its line is told at once and the first to take it gets it.".to_string(),
        WaitlistMode::Sequential => format!("In order: a freed seat is offered to the first in line and held for them for {} hours, then offered to the next.", w.offer_hours),
    };
    let waiting: usize = w.lines.iter().map(|l| l.line.len()).sum();
    let lines = w
        .lines
        .into_iter()
        .filter(|l| !l.line.is_empty())
        .map(session_line)
        .collect_view();
    html_of(view! {
        <section class="card">
            <p>{how}</p>
            <p class="muted">
                {match waiting {
                    0 => "Nobody is waiting.".to_string(),
                    1 => "1 applicant is waiting.".to_string(),
                    n => format!("{n} places are taken in lines."),
                }}
                " Drag a row to a new place, or use its Up and Down buttons. Every change is in the audit log."
            </p>
            <p><a href="/settings">"Waitlist settings"</a></p>
        </section>
        {lines}
    })
}

#[cfg(feature = "ssr")]
fn session_line(l: SessionLine) -> impl IntoView {
    let n = l.line.len();
    let heading = format!("line-{}", l.session_id);
    let labelled_by = heading.clone();
    let seats = match l.seats_left {
        0 if l.capacity == 1 => "Full (1 seat)".to_string(),
        0 => format!("Full ({} seats)", l.capacity),
        1 => "1 seat free".to_string(),
        k => format!("{k} seats free"),
    };
    let free = l.seats_left > 0;
    let session = l.session_id;
    let rows = l
        .line
        .iter()
        .enumerate()
        .map(|(i, e)| line_row(session, i, n, e, free))
        .collect_view();
    view! {
        <section class="card" aria-labelledby=labelled_by>
            <div class="program-card-head">
                <h2 id=heading>{l.name.clone()}</h2>
                <Badge tone=if free { Tone::Ok } else { Tone::Neutral } text=seats/>
            </div>
            {message_line()}
            <table class="table">
                <caption class="visually-hidden">{format!("Line for {}", l.name)}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Place"</th>
                        <th scope="col">"Applicant"</th>
                        <th scope="col">"Joined"</th>
                        <th scope="col">"Now"</th>
                        <th scope="col">"Actions"</th>
                    </tr>
                </thead>
                <tbody data-drop=ReorderWaitlist::PATH data-fields=format!("session_id={session}")>
                    {rows}
                </tbody>
            </table>
        </section>
    }
}

#[cfg(feature = "ssr")]
fn line_row(
    session: crate::ids::SessionId,
    i: usize,
    n: usize,
    e: &LineEntry,
    free: bool,
) -> impl IntoView {
    let id = e.applicant_id;
    let key = format!("{session}-{id}");
    let move_form = |to: usize, label: String, text: &'static str, ids: (String, String)| {
        view! {
            <form method="post" action=ReorderWaitlist::PATH class="inline-form">
                <input type="hidden" name="session_id" value=session.to_string()/>
                <input type="hidden" name="moved" value=id.to_string()/>
                <input type="hidden" name="to" value=to.to_string()/>
                <button class="btn btn-small" type="submit" id=ids.0 data-focus-for=ids.1 aria-label=label>{text}</button>
            </form>
        }
    };
    let up = (i > 0).then(|| {
        move_form(
            i - 1,
            format!("Move {} up", e.name),
            "↑ Up",
            (format!("up-{key}"), format!("down-{key}")),
        )
    });
    let down = (i + 1 < n).then(|| {
        move_form(
            i + 1,
            format!("Move {} down", e.name),
            "↓ Down",
            (format!("down-{key}"), format!("up-{key}")),
        )
    });
    let now = match (&e.offer_until, e.told) {
        (Some(until), _) => {
            view! { <Badge tone=Tone::Info text=format!("Seat held until {until}")/> }.into_any()
        }
        (None, true) => view! { <Badge tone=Tone::Info text="Told a seat is open"/> }.into_any(),
        (None, false) => view! { <span class="muted">"Waiting"</span> }.into_any(),
    };
    let offer = (free && e.offer_until.is_none()).then(|| {
        view! {
            <form method="post" action=OfferWaitlistSeat::PATH class="inline-form" data-done="Offered.">
                <input type="hidden" name="session_id" value=session.to_string()/>
                <input type="hidden" name="applicant_id" value=id.to_string()/>
                <button class="btn btn-small btn-primary" type="submit" aria-label=format!("Offer the seat to {}", e.name)>
                    "Offer the seat"
                </button>
            </form>
        }
    });
    view! {
        <tr data-drag=id.to_string() data-position=i.to_string() draggable="true">
            <td data-label="Place">{ordinal(i + 1)}</td>
            <td data-label="Applicant">
                <a href=format!("/applicants/{id}")>{e.name.clone()}</a>
                <span class="muted small">{format!(" {}", e.email)}</span>
            </td>
            <td data-label="Joined">{e.joined.clone()}</td>
            <td data-label="Now">{now}</td>
            <td data-label="Actions"><div class="actions">{up}{down}{offer}</div></td>
        </tr>
    }
}
