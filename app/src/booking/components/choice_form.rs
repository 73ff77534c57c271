//! An open invitation: accept or decline, then choose a first and a second session.

use super::actions::ChoiceActions;
use crate::applicants::types::Invitation;
use crate::error::AppError;
use crate::ids::{ProgramId, SessionId};
use crate::live::use_live;
use crate::sessions::api::SessionSummary;
use crate::sessions::components::{when, YourTime};
use crate::ui::PostForm;
use crate::ui::{action_error, FormError, SelectField};
use leptos::prelude::*;

/// Accept or decline; once accepted, the choice form.
#[component]
pub fn Invited(inv: Invitation, actions: ChoiceActions) -> impl IntoView {
    let mine = inv.program_id;
    let accepted = actions.accepted;
    let program_id = inv.program_id.to_string();
    let inv = StoredValue::new(inv);
    view! {
        <FormError error=action_error(actions.decline)/>
        <Show
            when=move || accepted.with(|a| a.contains(&mine))
            fallback=move || {
                let program_id = program_id.clone();
                view! {
                    <p>"You are invited to interview. Accept to choose your session, or decline."</p>
                    <div class="actions">
                        <button class="btn btn-primary" type="button" on:click=move |_| accepted.update(|a| a.push(mine))>
                            "Accept invitation"
                        </button>
                        <PostForm action=actions.decline attr:class="inline-form">
                            <input type="hidden" name="program_id" value=program_id/>
                            <button class="btn btn-outline" type="submit">"Decline"</button>
                        </PostForm>
                    </div>
                }
            }
        >
            <ChoiceForm inv=inv.get_value() actions/>
        </Show>
    }
}

/// The first choice (radios with live seats left) and, with two or more sessions, the second.
#[component]
fn ChoiceForm(inv: Invitation, actions: ChoiceActions) -> impl IntoView {
    let choose = actions.choose;
    let error = action_error(choose);
    let how = if inv.self_scheduling {
        "You are confirmed at once in your first choice, or your second if the first is full."
    } else {
        "The program confirms one of your choices; until then your status is Pending."
    };
    let second = (inv.sessions.len() >= 2).then(|| {
        let options = inv
            .sessions
            .iter()
            .map(|s| (s.id.to_string(), format!("{} — {}", s.name, when(s))))
            .collect();
        view! {
            <SelectField
                label="Second choice"
                name="second_choice"
                id="second-choice"
                hint="In case your first choice fills up. It must be a different session."
                placeholder="Choose a session"
                options
                error
            />
        }
    });
    view! {
        <FormError error/>
        <PostForm action=choose attr:class="stack choice-form">
            <input type="hidden" name="program_id" value=inv.program_id.to_string()/>
            <FirstChoices program_id=inv.program_id sessions=inv.sessions error/>
            {second}
            <p class="muted small">{how}</p>
            <button class="btn btn-primary" type="submit" disabled=choose.pending()>
                "Submit my choices"
            </button>
        </PostForm>
    }
}

/// The first choice: one radio per session, with its time and live seats left; a session of a
/// release not open yet is shown with when it opens, and opens at that moment by the server's
/// clock (the tab's estimate of it), without a reload.
#[component]
fn FirstChoices(
    program_id: ProgramId,
    sessions: Vec<SessionSummary>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let now = crate::ui::server_now(500);
    let plans = use_context::<crate::waitlist::components::PlansData>();
    let opens = move |id: SessionId| {
        Signal::derive(move || {
            let all = plans?.plans.get()?.ok()?;
            let mine = all.into_iter().find(|p| p.program_id == program_id)?;
            mine.opens.into_iter().find(|o| o.session_id == id)
        })
    };
    view! {
        <fieldset class="choices" aria-describedby="first-choice-error">
            <legend>"First choice"</legend>
            {sessions
                .into_iter()
                .map(|s| {
                    let opens = opens(s.id);
                    view! { <SessionChoice s opens now/> }
                })
                .collect_view()}
            <p class="field-error" id="first-choice-error" aria-live="polite">
                {move || error.get().and_then(|e| e.field_message("first_choice"))}
            </p>
        </fieldset>
    }
}

#[component]
fn SessionChoice(
    s: SessionSummary,
    opens: Signal<Option<crate::waitlist::types::Opens>>,
    now: Signal<chrono::DateTime<chrono::Utc>>,
) -> impl IntoView {
    let closed = move || opens.get().is_some_and(|o| now.get() < o.at);
    let opens_note = move || opens.get().filter(|o| now.get() < o.at).map(|o| o.said);
    let live = use_live();
    let loaded = s.fill;
    let fill = Signal::derive(move || live.fill(loaded));
    let seats = move || match fill.get().seats_left() {
        0 => "Full".to_string(),
        1 => "1 seat left".to_string(),
        n => format!("{n} seats left"),
    };
    let id = format!("first-{}", s.id);
    let for_id = id.clone();
    view! {
        <label class="choice" for=for_id>
            <input type="radio" id=id name="first_choice" value=s.id.to_string() disabled=closed/>
            <span class="choice-text">
                <strong>{s.name.clone()}</strong>
                <span class="muted">{when(&s)}</span>
                <span class="muted">
                    <YourTime starts_at=s.starts_at ends_at=s.ends_at zone=s.time_zone.clone()/>
                </span>
                <span class="opens-note" data-testid="opens-note">{opens_note}</span>
            </span>
            <span class="seats" data-testid="seats-left">{seats}</span>
        </label>
    }
}
