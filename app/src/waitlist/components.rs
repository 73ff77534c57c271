//! The waitlists' screens in the browser: the coordinators' Waitlists page (a panel written on
//! the server), and the applicant's parts of a My Programs card, whose state lives in the
//! browser between server calls (their change of plans and their places in line, reloaded by
//! each live push): cancel or reschedule the confirmed interview until the locks, wait for full
//! sessions, take or decline a seat.

use super::api::{JoinWaitlist, LeaveWaitlist, LoadMyPlans as LoadPlans, TakeWaitlistSeat};
use super::domain::ordinal;
use super::pages::WaitlistsPage as WaitlistsScreen;
use super::types::{MyPlace, MyPlans};
use crate::booking::api::{CancelMyInterview, RescheduleMyInterview};
use crate::ids::{ProgramId, SessionId};
use crate::live::use_live;
use crate::shell::StaffShell;
use crate::ui::{
    action_error, action_succeeded, call, load, Data, FormAction, FormError, Loaded, PageHeader,
    PostForm, ServerPanel,
};
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn WaitlistsPage() -> impl IntoView {
    let reload = RwSignal::new(0u64);
    let live = use_live();
    let html = load(
        move || (reload.get(), live.version.get()),
        |_| call(WaitlistsScreen {}),
    );
    view! {
        <Title text="Waitlists · Interview Portal"/>
        <StaffShell>
            <PageHeader
                title="Waitlists"
                lead="Applicants waiting for a seat in a full session, in the order seats go to them."
            />
            <ServerPanel html reload/>
        </StaffShell>
    }
}

/// An instant in the viewer's own zone ("Your time: Tue, Mar 2, 9:00 AM EST"), added after
/// hydration (server and browser first render the same, empty, text).
#[component]
fn InYourZone(at: DateTime<Utc>) -> impl IntoView {
    let text = RwSignal::new(String::new());
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsValue;
            let opts = js_sys::Object::new();
            for (k, v) in [
                ("weekday", "short"),
                ("month", "short"),
                ("day", "numeric"),
                ("hour", "numeric"),
                ("minute", "2-digit"),
                ("timeZoneName", "short"),
            ] {
                let _ = js_sys::Reflect::set(&opts, &JsValue::from_str(k), &JsValue::from_str(v));
            }
            let said: String = js_sys::Date::new(&JsValue::from_f64(at.timestamp_millis() as f64))
                .to_locale_string("en-US", &opts)
                .into();
            text.set(format!(" (your time: {said})"));
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = at;
    });
    view! { <span class="your-time">{text}</span> }
}

/// The applicant's change of plans in every program, loaded by My Programs above its frame
/// (as every page's resources are, `crate::ui`) and read by each card's parts.
#[derive(Clone, Copy)]
pub struct PlansData {
    pub plans: Data<Vec<MyPlans>>,
    /// The cards' forms, made once by the page: a card written again by a live push (another
    /// applicant took the seat) keeps the answer of its last post.
    pub cancel: FormAction<CancelMyInterview>,
    pub reschedule: FormAction<RescheduleMyInterview>,
    pub take: FormAction<TakeWaitlistSeat>,
    pub leave: FormAction<LeaveWaitlist>,
}

impl PlansData {
    /// Loads them, again whenever `source` changes (the page's live version and its forms).
    pub fn load<S>(source: impl Fn() -> S + Send + Sync + 'static) -> PlansData
    where
        S: Send + Sync + Clone + PartialEq + 'static,
    {
        PlansData {
            plans: load(source, |_| call(LoadPlans {})),
            cancel: FormAction::new(),
            reschedule: FormAction::new(),
            take: FormAction::new(),
            leave: FormAction::new(),
        }
    }
}

/// `program_id`'s plans, once loaded (nothing without the page's [`PlansData`]).
fn with_plans<V: IntoView + 'static>(
    program_id: ProgramId,
    show: impl Fn(MyPlans) -> V + Clone + Send + Sync + 'static,
) -> AnyView {
    let Some(PlansData { plans, .. }) = use_context::<PlansData>() else {
        return ().into_any();
    };
    view! {
        <Loaded resource=plans let:all>
            {all.into_iter().find(|p| p.program_id == program_id).map(show.clone())}
        </Loaded>
    }
    .into_any()
}

/// A confirmed applicant's change of plans: reschedule or cancel until the cancel lock; after
/// it, the buttons disabled with the reason and whom to contact.
#[component]
pub fn ChangeOfPlans(program_id: ProgramId) -> impl IntoView {
    let Some(PlansData {
        cancel, reschedule, ..
    }) = use_context::<PlansData>()
    else {
        return ().into_any();
    };
    with_plans(program_id, move |p| {
        view! { <ChangeForms p program_id cancel reschedule/> }
    })
}

#[component]
fn ChangeForms(
    p: MyPlans,
    program_id: ProgramId,
    cancel: FormAction<CancelMyInterview>,
    reschedule: FormAction<RescheduleMyInterview>,
) -> impl IntoView {
    let Some(lock) = p.cancel_lock else {
        return ().into_any();
    };
    let pid = program_id.to_string();
    let pid2 = pid.clone();
    let contact = p
        .contact
        .clone()
        .map(|c| format!("To change your interview now, contact the program: {c}."))
        .unwrap_or_else(|| "To change your interview now, contact the program.".into());
    let reason_id = format!("changes-closed-{program_id}");
    if lock.closed {
        return view! {
            <section class="change-plans" aria-label="Change of plans">
                <h3>"Change of plans"</h3>
                <p id=reason_id.clone()>
                    {format!("Changes to this interview closed on {}", lock.said)}
                    <InYourZone at=lock.at/>
                    ". " {contact}
                </p>
                <div class="actions">
                    <button class="btn btn-outline" type="button" disabled aria-describedby=reason_id.clone()>"Reschedule"</button>
                    <button class="btn btn-outline" type="button" disabled aria-describedby=reason_id>"Cancel my interview"</button>
                </div>
            </section>
        }
        .into_any();
    }
    let options = p
        .reschedule_to
        .iter()
        .map(|(id, name)| view! { <option value=id.to_string()>{name.clone()}</option> })
        .collect_view();
    let can_move = !p.reschedule_to.is_empty();
    let select_id = format!("reschedule-{program_id}");
    view! {
        <section class="change-plans" aria-label="Change of plans">
            <h3>"Change of plans"</h3>
            <p class="muted">
                {format!("You can reschedule or cancel until {}", lock.said)}
                <InYourZone at=lock.at/>
                "."
            </p>
            <FormError error=action_error(reschedule)/>
            {if can_move {
                view! {
                    <PostForm action=reschedule attr:class="inline-form reschedule-form">
                        <input type="hidden" name="program_id" value=pid2/>
                        <label for=select_id.clone()>"Move to"</label>
                        <select id=select_id name="session_id">{options}</select>
                        <button class="btn btn-outline" type="submit" disabled=reschedule.pending()>"Reschedule"</button>
                    </PostForm>
                }
                .into_any()
            } else {
                view! { <p class="muted small">"No other session has a free seat to move to."</p> }.into_any()
            }}
            <FormError error=action_error(cancel)/>
            <details class="cancel-details">
                <summary>"Cancel my interview"</summary>
                <p>"Your seat is given up at once and may go to another applicant. This cannot be undone from here."</p>
                <PostForm action=cancel attr:class="inline-form">
                    <input type="hidden" name="program_id" value=pid/>
                    <button class="btn btn-danger" type="submit" disabled=cancel.pending()>"Yes, cancel my interview"</button>
                </PostForm>
            </details>
        </section>
    }
    .into_any()
}

/// A waitlisted applicant's places: each line with their place, a seat held for them (accept
/// or decline) or open to the first to take it, and leaving a line.
#[component]
pub fn MyLines(program_id: ProgramId) -> impl IntoView {
    let Some(PlansData { take, leave, .. }) = use_context::<PlansData>() else {
        return ().into_any();
    };
    let places = with_plans(program_id, move |p| {
        if p.places.is_empty() {
            view! { <p class="muted">"You are not in any line now."</p> }.into_any()
        } else {
            view! {
                    <ul class="plain-list waitlist-places">
                        {p.places.into_iter().map(|place| view! { <Place place program_id take leave/> }).collect_view()}
                    </ul>
                }
                .into_any()
        }
    });
    view! {
        <FormError error=action_error(take)/>
        <FormError error=action_error(leave)/>
        {places}
    }
    .into_any()
}

#[component]
fn Place(
    place: MyPlace,
    program_id: ProgramId,
    take: FormAction<TakeWaitlistSeat>,
    leave: FormAction<LeaveWaitlist>,
) -> impl IntoView {
    let (pid, sid) = (program_id.to_string(), place.session_id.to_string());
    let form = move |take_it: bool, text: &'static str, class: &'static str| {
        let (pid, sid) = (pid.clone(), sid.clone());
        if take_it {
            view! {
                <PostForm action=take attr:class="inline-form">
                    <input type="hidden" name="program_id" value=pid/>
                    <input type="hidden" name="session_id" value=sid/>
                    <button class=class type="submit">{text}</button>
                </PostForm>
            }
            .into_any()
        } else {
            view! {
                <PostForm action=leave attr:class="inline-form">
                    <input type="hidden" name="program_id" value=pid/>
                    <input type="hidden" name="session_id" value=sid/>
                    <button class=class type="submit">{text}</button>
                </PostForm>
            }
            .into_any()
        }
    };
    let standing = match (place.offer_until, place.offer_until_said.clone(), place.seat_open) {
        (Some(at), Some(said), _) => view! {
            <p class="offer">
                <strong>"A seat is held for you"</strong>
                {format!(" until {said}")}
                <InYourZone at/>
                "."
            </p>
            <div class="actions">
                {form(true, "Accept the seat", "btn btn-primary")}
                {form(false, "Decline", "btn btn-outline")}
            </div>
        }
        .into_any(),
        (_, _, true) => view! {
            <p class="offer"><strong>"A seat is open now"</strong>": the first to take it gets it."</p>
            <div class="actions">
                {form(true, "Take the seat", "btn btn-primary")}
                {form(false, "Leave this line", "btn btn-outline")}
            </div>
        }
        .into_any(),
        _ => view! {
            <div class="actions">{form(false, "Leave this line", "btn btn-outline")}</div>
        }
        .into_any(),
    };
    view! {
        <li class="waitlist-place">
            <p data-testid="place-in-line">
                <strong>{format!("{} in line", ordinal(place.place as usize))}</strong>
                {format!(" for {}", place.session_name)}
            </p>
            {standing}
        </li>
    }
}

/// Both choices full and the waitlist on: wait for one or both of them.
#[component]
pub fn JoinWaitlist(program_id: ProgramId, full: Vec<(SessionId, String)>) -> impl IntoView {
    let join = FormAction::<JoinWaitlist>::new();
    let boxes = full
        .into_iter()
        .zip(["session_a", "session_b"])
        .map(|((id, name), field)| {
            let box_id = format!("wait-{id}");
            let for_id = box_id.clone();
            view! {
                <label class="check" for=for_id>
                    <input type="checkbox" id=box_id name=field value=id.to_string() checked/>
                    {format!(" Wait for {name}")}
                </label>
            }
        })
        .collect_view();
    let joined = action_succeeded(join);
    view! {
        <FormError error=action_error(join)/>
        <p class="muted" role="status" hidden=move || !joined.get()>"You are in line: your place is on this program's card."</p>
        <PostForm action=join attr:class="stack join-waitlist" attr:hidden=move || joined.get()>
            <input type="hidden" name="program_id" value=program_id.to_string()/>
            <fieldset>
                <legend>"Join the waitlist"</legend>
                {boxes}
            </fieldset>
            <button class="btn btn-primary" type="submit" disabled=join.pending()>"Join the waitlist"</button>
        </PostForm>
    }
}
