//! Assigning a pending applicant to a session.

use crate::applicants::components::RowActions;
use crate::applicants::types::ApplicantView;
use crate::sessions::api::SessionSummary;
use crate::ui::PostForm;
use leptos::prelude::*;

/// Assigns a pending applicant: their choices first; any other session with a seat after a
/// warning from the server ("did not choose this session: assign anyway?").
#[component]
pub fn AssignForm(
    a: ApplicantView,
    all: Vec<SessionSummary>,
    actions: RowActions,
) -> impl IntoView {
    let mine = a.id;
    let assign = actions.assign;
    let warning = Signal::derive(move || {
        let for_me = actions.last_assigned.get() == Some(mine);
        let error = assign.value().get().and_then(|r| r.err());
        error
            .filter(|_| for_me)
            .and_then(|e| e.field_message("session_id"))
    });
    let chosen = a.choices();
    let label =
        |s: &SessionSummary, tag: &str| format!("{tag}{} ({} left)", s.name, s.fill.seats_left());
    let options = chosen
        .iter()
        .filter_map(|id| all.iter().find(|s| s.id == *id))
        .zip(["1st: ", "2nd: "])
        .map(|(s, tag)| view! { <option value=s.id.to_string()>{label(s, tag)}</option> })
        .collect_view();
    let others = all
        .iter()
        .filter(|s| !chosen.contains(&s.id) && !s.fill.is_full())
        .map(|s| view! { <option value=s.id.to_string()>{label(s, "")}</option> })
        .collect_view();
    let select_id = format!("assign-{}", a.id);
    view! {
        <PostForm action=assign attr:class="assign-form">
            <input type="hidden" name="applicant_id" value=a.id.to_string()/>
            <label for=select_id.clone() class="visually-hidden">{format!("Session for {}", a.name)}</label>
            <select id=select_id name="session_id">
                {options}
                <optgroup label="Other sessions with seats">{others}</optgroup>
            </select>
            <Show when=move || warning.get().is_some()>
                <p class="field-error" role="alert">{move || warning.get()}</p>
                <input type="hidden" name="anyway" value="true"/>
            </Show>
            <button class="btn btn-small btn-primary" type="submit">
                {move || if warning.get().is_some() { "Assign anyway" } else { "Assign" }}
            </button>
        </PostForm>
    }
}
