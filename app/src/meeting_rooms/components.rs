//! The Meeting Rooms page: the program's welcome rooms, lounges and debriefs — listed, added and
//! removed. A room reaches the itineraries of its audience with the next publish.

use super::api::{AddMeetingRoom, MeetingRoomView, MeetingRooms, RemoveMeetingRoom};
use crate::programs::domain::InterviewSetup;
use crate::sessions::domain::clock;
use crate::shell::StaffShell;
use crate::ui::{
    action_error, action_succeeded, call, Field, FormAction, FormError, Loaded, Notice, NoticeKind,
    PageHeader, PostForm, SelectField, Table,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn MeetingRoomsPage() -> impl IntoView {
    let add = FormAction::<AddMeetingRoom>::new();
    let remove = FormAction::<RemoveMeetingRoom>::new();
    let page = crate::ui::load(
        move || (add.version().get(), remove.version().get()),
        |_| call(MeetingRooms {}),
    );
    view! {
        <Title text="Meeting rooms · Interview Portal"/>
        <StaffShell>
            <PageHeader
                title="Meeting rooms"
                lead="Rooms where applicants, interviewers or both gather before, during or after interviews: a welcome, a lounge, a debrief. Each appears in its audience's itineraries at its time once the day is published."
            />
            <Loaded resource=page let:page>
                <div class="stack">
                    <RoomList rooms=page.rooms remove/>
                    <AddRoomForm add sessions=page.sessions setup=page.setup/>
                </div>
            </Loaded>
        </StaffShell>
    }
}

#[component]
fn RoomList(rooms: Vec<MeetingRoomView>, remove: FormAction<RemoveMeetingRoom>) -> impl IntoView {
    let empty = rooms.is_empty();
    let row = move |m: MeetingRoomView| {
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
                    <PostForm action=remove attr:class="inline-form">
                        <input type="hidden" name="id" value=m.id.to_string()/>
                        <button class="btn btn-quiet btn-small" type="submit">
                            {format!("Remove {}", m.name)}
                        </button>
                    </PostForm>
                </td>
            </tr>
        }
    };
    view! {
        <section class="card" aria-labelledby="meeting-rooms">
            <h2 id="meeting-rooms">"The program's meeting rooms"</h2>
            <FormError error=action_error(remove)/>
            {if empty {
                view! { <p class="muted">"No meeting rooms yet. Add a welcome room or a lounge."</p> }.into_any()
            } else {
                view! {
                    <Table columns=&["Room", "Session", "For", "Open", "Where", ""]>
                        {rooms.into_iter().map(row).collect_view()}
                    </Table>
                }
                .into_any()
            }}
        </section>
    }
}

#[component]
fn AddRoomForm(
    add: FormAction<AddMeetingRoom>,
    sessions: Vec<(crate::ids::SessionId, String)>,
    setup: InterviewSetup,
) -> impl IntoView {
    let error = action_error(add);
    let added = action_succeeded(add);
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
            "The portal gives the room a video link; add a place if people also meet in person.",
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
            <Show when=move || added.get()>
                <Notice kind=NoticeKind::Success>"Added. Publish the day to put it in itineraries."</Notice>
            </Show>
            <FormError error/>
            <PostForm action=add attr:class="stack" attr:novalidate=true>
                <Field label="Name" name="room[name]" hint="e.g. Welcome, Lounge, Debrief" error/>
                <SelectField label="For" name="room[audience]" options=audiences error/>
                <SelectField
                    label="Session"
                    name="room[session_id]"
                    options=sessions
                    placeholder="Every session"
                    error
                />
                <div class="field-row">
                    <Field label="Opens" name="room[start]" kind="time" error/>
                    <Field label="Closes" name="room[end]" kind="time" error/>
                </div>
                <Field label=where_label name="room[location]" hint=where_hint error/>
                <button class="btn btn-primary" type="submit" disabled=add.pending()>
                    "Add meeting room"
                </button>
            </PostForm>
        </section>
    }
}
