//! The Day clock card of a Day page: where the running day is (the phase under way and its
//! countdown, what comes next, how far behind or ahead of the plan), and the coordinator's
//! controls: start, pause and resume, extend, end the round early, skip to the next.

use super::api::{ClockAction, ClockAutoStart, DayClock as LoadClock};
use super::types::{ClockState, ClockView};
use crate::ids::SessionId;
use crate::live::use_live;
use crate::sessions::components::session_found;
use crate::ui::{action_error, call, Countdown, Field, FormAction, FormError, Loaded, PostForm};
use leptos::prelude::*;

/// The card's resource and actions, made by the page above its shell (see the UI kit's rules).
#[derive(Clone, Copy)]
pub struct DayClock {
    view: crate::ui::Data<ClockView>,
    act: FormAction<ClockAction>,
    auto: FormAction<ClockAutoStart>,
}

impl DayClock {
    /// `changed` bumps when the page reloads (a publish, a reconnect): the clock is read anew.
    pub fn new(
        session: impl Fn() -> Option<SessionId> + Copy + Send + Sync + 'static,
        changed: Signal<u64>,
    ) -> Self {
        let act = FormAction::<ClockAction>::new();
        let auto = FormAction::<ClockAutoStart>::new();
        let view = crate::ui::load(
            move || {
                (
                    session(),
                    changed.get(),
                    act.version().get() + auto.version().get(),
                )
            },
            |(session, ..)| async move {
                call(LoadClock {
                    session_id: session_found(session)?,
                })
                .await
            },
        );
        DayClock { view, act, auto }
    }
}

/// "On schedule", "4 min behind schedule", "2 min ahead of schedule".
pub fn schedule_text(behind_s: i64) -> String {
    let minutes = behind_s.abs() / 60;
    match behind_s {
        b if b.abs() < 60 => "On schedule".to_string(),
        b if b > 0 => format!("{minutes} min behind schedule"),
        _ => format!("{minutes} min ahead of schedule"),
    }
}

#[component]
pub fn DayClockCard(clock: DayClock, session_id: SessionId) -> impl IntoView {
    let DayClock { view, act, auto } = clock;
    view! {
        <section class="card" aria-labelledby="clock-heading">
            <h2 id="clock-heading">"Day clock"</h2>
            <FormError error=action_error(act)/>
            <Loaded resource=view let:loaded>
                <ClockBody loaded act auto session_id/>
            </Loaded>
        </section>
    }
}

#[component]
fn ClockBody(
    loaded: ClockView,
    act: FormAction<ClockAction>,
    auto: FormAction<ClockAutoStart>,
    session_id: SessionId,
) -> impl IntoView {
    let live = use_live();
    // The latest word: a push (pushes are cleared when the tab reconnects and the page
    // reloads), or what the page loaded (again after each of our own actions).
    let current = Memo::new(move |_| {
        live.clocks
            .with(|m| m.get(&session_id).cloned())
            .unwrap_or_else(|| loaded.clone())
    });
    if current.with_untracked(|c| c.state == ClockState::NotFinalized) {
        return view! {
            <p class="muted">"Finalize the schedule to run the day on the clock: rounds and breaks then advance by themselves, and every screen counts down together."</p>
        }
        .into_any();
    }
    let state = Memo::new(move |_| current.with(|c| c.state));
    let state = move || state.get();
    let button = move |action: &'static str, minutes: &'static str, text: &'static str| {
        view! {
            <PostForm action=act attr:class="inline-form">
                <input type="hidden" name="session_id" value=session_id.to_string()/>
                <input type="hidden" name="action" value=action/>
                <input type="hidden" name="minutes" value=minutes/>
                <button class="btn" type="submit" disabled=move || act.pending().get()>{text}</button>
            </PostForm>
        }
    };
    let status = move || {
        current.with(|c| match c.state {
            ClockState::Waiting => "Not started".to_string(),
            ClockState::Finished => "The day is over".to_string(),
            ClockState::Paused => format!("Paused · {}", schedule_text(c.behind_s)),
            _ => format!("Running · {}", schedule_text(c.behind_s)),
        })
    };
    let running = move || matches!(state(), ClockState::Running | ClockState::Paused);
    // The commands that make sense now (rebuilt only when the state changes, so a push does
    // not take the focus off a button).
    let buttons = move || {
        /// A command's form: its action, the minutes it extends by, its button's words.
        type Command = (&'static str, &'static str, &'static str);
        const WHILE_RUNNING: [Command; 4] = [
            ("extend", "1", "+1 min"),
            ("extend", "5", "+5 min"),
            ("end_early", "", "End this early"),
            ("skip", "", "Skip to the next"),
        ];
        let (first, rest): (&[Command], &[Command]) = match state() {
            ClockState::Waiting => (&[("start", "", "Start the day")], &[]),
            ClockState::Running => (&[("pause", "", "Pause")], &WHILE_RUNNING),
            ClockState::Paused => (&[("resume", "", "Resume")], &WHILE_RUNNING),
            _ => (&[], &[]),
        };
        let list = first.iter().chain(rest);
        list.map(|&(action, minutes, text)| button(action, minutes, text))
            .collect_view()
    };
    view! {
        <p class="clock-status" data-testid="clock-status">
            <strong>{status}</strong>
            {move || {
                let next = current.with(|c| c.next.clone());
                (!next.is_empty()).then(|| format!(" · Next: {next}"))
            }}
        </p>
        <Show when=running>
            <Countdown
                deadline=Signal::derive(move || current.with(|c| c.deadline))
                paused_left=Signal::derive(move || {
                    current.with(|c| (c.state == ClockState::Paused).then_some(c.left_ms))
                })
                label=Signal::derive(move || current.with(|c| c.phase.clone()))
            />
        </Show>
        <div class="actions clock-actions">{buttons}</div>
        <Show when=running>
            <PostForm action=act attr:class="row-form clock-extend">
                <input type="hidden" name="session_id" value=session_id.to_string()/>
                <input type="hidden" name="action" value="extend"/>
                <Field label="Extend by (minutes)" name="minutes" kind="number" error=action_error(act)/>
                <button class="btn" type="submit">"Extend"</button>
            </PostForm>
        </Show>
        <Show when=move || state() == ClockState::Waiting>
            <PostForm action=auto attr:class="inline-form">
                <input type="hidden" name="session_id" value=session_id.to_string()/>
                <input type="hidden" name="on" value=move || (!current.with(|c| c.auto_start)).to_string()/>
                <button class="btn btn-quiet btn-small" type="submit">
                    {move || if current.with(|c| c.auto_start) {
                        "Starts by itself at the planned time · Turn off"
                    } else {
                        "Start by itself at the planned time"
                    }}
                </button>
            </PostForm>
        </Show>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::schedule_text;

    #[test]
    fn the_schedule_figure_reads_in_minutes() {
        assert_eq!(schedule_text(30), "On schedule");
        assert_eq!(schedule_text(-59), "On schedule");
        assert_eq!(schedule_text(600), "10 min behind schedule");
        assert_eq!(schedule_text(-125), "2 min ahead of schedule");
    }
}
