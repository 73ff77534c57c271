//! The Meeting Rooms screen, written on the server as HTML for a [`crate::ui::ServerPanel`]:
//! the program's rooms, each with its remove button, and the form that adds one. Its server
//! function (which returns the HTML) sits here beside the writer; the writer is compiled into
//! the server only, so none of this view code is in the browser's bundle.

use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::api::{AddMeetingRoom, RemoveMeetingRoom},
    super::types::{MeetingRoomView, MeetingRooms},
    crate::ids::SessionId,
    crate::programs::domain::InterviewSetup,
    crate::sessions::domain::clock,
    crate::ui::{html_of, message_line, no_error, Field, SelectField, Table},
    leptos::server_fn::ServerFn,
};

/// Coordinators: the Meeting Rooms screen.
#[server(output = crate::codec::Compact, endpoint = "meeting-rooms-page")]
pub async fn meeting_rooms_page() -> Result<String, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    Ok(meeting_rooms_html(
        super::ssr::meeting_rooms(&state, staff).await?,
    ))
}

/// The list above the form.
#[cfg(feature = "ssr")]
fn meeting_rooms_html(page: MeetingRooms) -> String {
    html_of(view! {
        <div class="stack">
            {room_list(page.rooms)}
            {add_room_form(page.sessions, page.setup)}
        </div>
    })
}

#[cfg(feature = "ssr")]
fn room_list(rooms: Vec<MeetingRoomView>) -> impl IntoView {
    let list = if rooms.is_empty() {
        view! { <p class="muted">"No meeting rooms yet. Add a welcome room or a lounge."</p> }
            .into_any()
    } else {
        view! {
            <Table columns=&["Room", "Session", "For", "Open", "Where", ""]>
                {rooms.into_iter().map(room_row).collect_view()}
            </Table>
        }
        .into_any()
    };
    view! {
        <section class="card" aria-labelledby="meeting-rooms">
            <h2 id="meeting-rooms">"The program's meeting rooms"</h2>
            {list}
        </section>
    }
}

/// A room's row: what it is, when and where, and its remove button.
#[cfg(feature = "ssr")]
fn room_row(m: MeetingRoomView) -> impl IntoView {
    let place = match (m.link, m.place.is_empty()) {
        (Some(link), _) => {
            let text = link.trim_start_matches("https://").to_string();
            view! { <a href=link>{text}</a> }.into_any()
        }
        (None, false) => m.place.into_any(),
        (None, true) => "—".into_any(),
    };
    view! {
        <tr>
            <td data-label="Room" class="keep-words"><strong>{m.name.clone()}</strong></td>
            <td data-label="Session" class="keep-words">{m.session.unwrap_or_else(|| "Every session".into())}</td>
            <td data-label="For" class="keep-words">{m.audience.label()}</td>
            <td data-label="Open" class="nowrap">{format!("{} – {}", clock(m.start), clock(m.end))}</td>
            <td data-label="Where">{place}</td>
            <td data-label="">
                <form class="inline-form" method="post" action=RemoveMeetingRoom::PATH>
                    <input type="hidden" name="id" value=m.id.to_string()/>
                    <button class="btn btn-quiet btn-small" type="submit">
                        {format!("Remove {}", m.name)}
                    </button>
                </form>
            </td>
        </tr>
    }
}

#[cfg(feature = "ssr")]
fn add_room_form(sessions: Vec<(SessionId, String)>, setup: InterviewSetup) -> impl IntoView {
    let sessions = sessions
        .into_iter()
        .map(|(id, name)| (id.to_string(), name))
        .collect();
    let audiences = [
        ("both", "Applicants and interviewers"),
        ("applicants", "Applicants"),
        ("interviewers", "Interviewers"),
    ]
    .map(|(v, t)| (v.to_string(), t.to_string()))
    .to_vec();
    let (where_label, where_hint) = match setup {
        InterviewSetup::ExternalVideo => (
            "Meeting link",
            "The room's Zoom, Teams or WebEx link, starting with https://.",
        ),
        InterviewSetup::PortalVideo => (
            "Place (optional)",
            "The room gets its own video room in the portal; add a place if people also meet in person.",
        ),
        InterviewSetup::OutsidePortal => (
            "Place (optional)",
            "Where people gather, e.g. Atrium, 2nd floor.",
        ),
    };
    view! {
        <section class="card narrow" aria-labelledby="add-meeting-room">
            <h2 id="add-meeting-room">"Add a meeting room"</h2>
            <p class="muted">"Times are in the session's time zone. People see the room after the next publish of their day."</p>
            <form
                method="post"
                action=AddMeetingRoom::PATH
                class="stack"
                novalidate
                data-done="Added. Publish the day to put it in itineraries."
            >
                {message_line()}
                <Field label="Name" name="room[name]" hint="e.g. Welcome, Lounge, Debrief" error=no_error()/>
                <SelectField label="For" name="room[audience]" options=audiences error=no_error()/>
                <SelectField
                    label="Session"
                    name="room[session_id]"
                    options=sessions
                    placeholder="Every session"
                    error=no_error()
                />
                <div class="field-row">
                    <Field label="Opens" name="room[start]" kind="time" error=no_error()/>
                    <Field label="Closes" name="room[end]" kind="time" error=no_error()/>
                </div>
                <Field label=where_label name="room[location]" hint=where_hint error=no_error()/>
                <button class="btn btn-primary" type="submit">"Add meeting room"</button>
            </form>
        </section>
    }
}
