//! The coordinator's applicants page (add, invite, send the invitation, assign) and the
//! applicant's My Programs (accept or decline, choose sessions, see the confirmed session).

use super::api::{
    list_applicants, my_programs, AddApplicant, ApplicantView, ApplicantsPage, AssignSession,
    ChoiceOutcome, DeclineInvitation, Invitation, MarkInvited, SendInvitation, SubmitChoices,
};
use super::domain::{Booking, Status};
use crate::error::AppError;
use crate::live::use_live;
use crate::sessions::api::SessionSummary;
use crate::sessions::components::{when, YourTime};
use crate::shell::{ApplicantShell, StaffShell};
use crate::ui::{action_error, or_error, Field, FormError, PageHeader};
use leptos::prelude::*;
use leptos_meta::Title;

/// Status badges share one look per status.
fn badge(status: Status) -> impl IntoView {
    let class = match status {
        Status::Confirmed => "badge badge-ok",
        Status::Pending | Status::Waitlisted => "badge badge-warn",
        Status::InvitedReady => "badge badge-info",
        _ => "badge",
    };
    view! { <span class=class>{status.label()}</span> }
}

fn session_name(sessions: &[SessionSummary], id: Option<i64>) -> String {
    id.and_then(|id| sessions.iter().find(|s| s.id == id))
        .map(|s| s.name.clone())
        .unwrap_or_else(|| "—".into())
}

#[component]
pub fn ApplicantsListPage() -> impl IntoView {
    let add = ServerAction::<AddApplicant>::new();
    let invite = ServerAction::<MarkInvited>::new();
    let send = ServerAction::<SendInvitation>::new();
    let assign = ServerAction::<AssignSession>::new();
    let live = use_live();
    let page = Resource::new(
        move || {
            (
                add.version().get(),
                invite.version().get(),
                send.version().get(),
                assign.version().get(),
                live.version.get(),
            )
        },
        |_| list_applicants(),
    );
    let add_error = action_error(add);
    // Whose row the last assignment came from (the action's own input is cleared when it
    // resolves), so a warning shows in that row only.
    let last_assigned = RwSignal::new(None::<i64>);
    Effect::new(move |_| {
        if let Some(input) = assign.input().get() {
            last_assigned.set(Some(input.applicant_id));
        }
    });
    let row_error = Signal::derive(move || {
        invite
            .value()
            .get()
            .and_then(|r| r.err())
            .or_else(|| send.value().get().and_then(|r| r.err()))
            .filter(|e| e.field_message("session_id").is_none())
            .or_else(|| {
                assign
                    .value()
                    .get()
                    .and_then(|r| r.err())
                    .filter(|e| e.field_message("session_id").is_none())
            })
    });
    view! {
        <Title text="Applicants · Interview Portal"/>
        <StaffShell>
            <PageHeader
                title="Applicants"
                lead="An applicant sees your invitation once they are Invited & Ready for Scheduling, the invitation was sent, and a session is visible."
            />
            <section class="card" aria-labelledby="add-applicant">
                <h2 id="add-applicant">"Add an applicant"</h2>
                <FormError error=add_error/>
                <ActionForm action=add attr:class="row-form" attr:novalidate=true>
                    <Field label="Full name" name="name" error=add_error/>
                    <Field
                        label="Email"
                        name="email"
                        kind="email"
                        hint="The email of their application: it is how they log in."
                        error=add_error
                    />
                    <button class="btn btn-primary" type="submit" disabled=add.pending()>
                        "Add applicant"
                    </button>
                </ActionForm>
            </section>
            <FormError error=row_error/>
            <section class="card" aria-labelledby="applicant-list">
                <h2 id="applicant-list">"Applicants"</h2>
                <Transition fallback=|| view! { <div class="loading" aria-busy="true"></div> }>
                    {move || Suspend::new(async move {
                        or_error(page.await.map(|p| view! { <ApplicantTable p invite send assign last_assigned/> }))
                    })}
                </Transition>
            </section>
        </StaffShell>
    }
}

#[component]
fn ApplicantTable(
    p: ApplicantsPage,
    invite: ServerAction<MarkInvited>,
    send: ServerAction<SendInvitation>,
    assign: ServerAction<AssignSession>,
    last_assigned: RwSignal<Option<i64>>,
) -> impl IntoView {
    if p.applicants.is_empty() {
        return view! { <p class="muted">"No applicants yet. Add them with the form."</p> }
            .into_any();
    }
    let sessions = StoredValue::new(p.sessions.clone());
    let rows = p
        .applicants
        .into_iter()
        .map(|a| view! { <ApplicantRow a sessions invite send assign last_assigned/> })
        .collect_view();
    view! {
        <table class="table">
            <thead>
                <tr>
                    <th scope="col">"Applicant"</th>
                    <th scope="col">"Status"</th>
                    <th scope="col">"Choices"</th>
                    <th scope="col">"Invitation"</th>
                    <th scope="col">"Actions"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

#[component]
fn ApplicantRow(
    a: ApplicantView,
    sessions: StoredValue<Vec<SessionSummary>>,
    invite: ServerAction<MarkInvited>,
    send: ServerAction<SendInvitation>,
    assign: ServerAction<AssignSession>,
    last_assigned: RwSignal<Option<i64>>,
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
    let sent = a
        .invitation_sent_at
        .and_then(chrono::DateTime::from_timestamp_millis)
        .map(|t| format!("Sent {} UTC", t.format("%b %-d, %H:%M")))
        .unwrap_or_else(|| "Not sent".into());
    let id = a.id.to_string();
    let name = a.name.clone();
    let actions = match a.status {
        Status::InterviewCandidate => view! {
            <ActionForm action=invite attr:class="inline-form">
                <input type="hidden" name="id" value=id.clone()/>
                <button class="btn btn-small" type="submit" aria-label=format!("Mark {name} Invited & Ready for Scheduling")>
                    "Mark Invited & Ready"
                </button>
            </ActionForm>
        }
        .into_any(),
        Status::Pending => view! { <AssignForm a=a.clone() all=all.clone() assign last_assigned/> }.into_any(),
        _ => ().into_any(),
    };
    let can_send = a.status != Status::InterviewCandidate;
    let resend = a.invitation_sent_at.is_some();
    view! {
        <tr data-applicant=a.email.clone()>
            <td data-label="Applicant">
                <strong>{a.name.clone()}</strong>
                <br/>
                <span class="muted small">{a.email.clone()}</span>
            </td>
            <td data-label="Status">
                {badge(a.status)}
                {(a.status == Status::Confirmed).then(|| view! { <div class="small">{session_name(&all, a.session_id)}</div> })}
            </td>
            <td data-label="Choices">{choices}</td>
            <td data-label="Invitation">
                <span class="small">{sent}</span>
                {can_send.then(|| view! {
                    <ActionForm action=send attr:class="inline-form">
                        <input type="hidden" name="id" value=a.id.to_string()/>
                        <button class="btn btn-small btn-outline" type="submit" aria-label=format!("{} invitation to {}", if resend { "Resend" } else { "Send" }, a.name)>
                            {if resend { "Resend" } else { "Send invitation" }}
                        </button>
                    </ActionForm>
                })}
            </td>
            <td data-label="Actions">{actions}</td>
        </tr>
    }
}

/// Assigns a pending applicant: their choices first; any other session with a seat after a
/// warning from the server ("did not choose this session: assign anyway?").
#[component]
fn AssignForm(
    a: ApplicantView,
    all: Vec<SessionSummary>,
    assign: ServerAction<AssignSession>,
    last_assigned: RwSignal<Option<i64>>,
) -> impl IntoView {
    let mine = a.id;
    let warning = Signal::derive(move || {
        assign
            .value()
            .get()
            .and_then(|r| r.err())
            .and_then(|e| e.field_message("session_id"))
    });
    let for_me = move || last_assigned.get() == Some(mine);
    let chosen: Vec<i64> = a.first_choice.into_iter().chain(a.second_choice).collect();
    let label =
        |s: &SessionSummary, tag: &str| format!("{tag}{} ({} left)", s.name, s.fill.seats_left());
    let options = chosen
        .iter()
        .filter_map(|id| all.iter().find(|s| s.id == *id))
        .enumerate()
        .map(|(i, s)| {
            let tag = if i == 0 { "1st: " } else { "2nd: " };
            view! { <option value=s.id.to_string()>{label(s, tag)}</option> }
        })
        .collect_view();
    let others = all
        .iter()
        .filter(|s| !chosen.contains(&s.id) && !s.fill.is_full())
        .map(|s| view! { <option value=s.id.to_string()>{label(s, "")}</option> })
        .collect_view();
    let select_id = format!("assign-{}", a.id);
    view! {
        <ActionForm action=assign attr:class="assign-form">
            <input type="hidden" name="applicant_id" value=a.id.to_string()/>
            <label for=select_id.clone() class="visually-hidden">{format!("Session for {}", a.name)}</label>
            <select id=select_id name="session_id">
                {options}
                <optgroup label="Other sessions with seats">{others}</optgroup>
            </select>
            <Show when=move || for_me() && warning.get().is_some()>
                <p class="field-error" role="alert">{move || warning.get()}</p>
                <input type="hidden" name="anyway" value="1"/>
            </Show>
            <button class="btn btn-small btn-primary" type="submit">
                {move || if for_me() && warning.get().is_some() { "Assign anyway" } else { "Assign" }}
            </button>
        </ActionForm>
    }
}

#[component]
pub fn MyProgramsPage() -> impl IntoView {
    let choose = ServerAction::<SubmitChoices>::new();
    let decline = ServerAction::<DeclineInvitation>::new();
    let live = use_live();
    // Reload after a submission that did something: a refused one (its message shows next to
    // the field) leaves the form as the applicant filled it.
    let succeeded = RwSignal::new(0u64);
    Effect::new(move |_| {
        if matches!(choose.value().get(), Some(Ok(_))) {
            succeeded.update(|n| *n += 1);
        }
    });
    // Which invitations the applicant has opened to choose: kept here, above the list, so a
    // reload of the list does not close the form.
    let accepted = RwSignal::new(Vec::<i64>::new());
    // Above the shell's Suspense, like every page resource (see programs::components).
    let programs = Resource::new(
        move || (succeeded.get(), decline.version().get(), live.version.get()),
        |_| my_programs(),
    );
    view! {
        <Title text="My Programs · Interview Portal"/>
        <ApplicantShell>
            <MyProgramsBody programs choose decline accepted/>
        </ApplicantShell>
    }
}

#[component]
fn MyProgramsBody(
    programs: Resource<Result<Vec<Invitation>, AppError>>,
    choose: ServerAction<SubmitChoices>,
    decline: ServerAction<DeclineInvitation>,
    accepted: RwSignal<Vec<i64>>,
) -> impl IntoView {
    view! {
        <header class="page-header">
            <div>
                <h1>"My Programs"</h1>
                <p class="lead">"Programs that invited you to interview."</p>
            </div>
        </header>
        <ChoiceResult choose/>
        <Transition fallback=|| view! { <div class="loading" aria-busy="true"></div> }>
            {move || Suspend::new(async move {
                or_error(programs.await.map(|list| {
                    if list.is_empty() {
                        view! {
                            <section class="empty">
                                <h2>"No invitations yet"</h2>
                                <p>
                                    "When a program invites you to interview, it appears here and you can accept, decline and choose your session."
                                </p>
                                <p class="muted">
                                    "Programs find you by the email of your application. If you expected an invitation, check that it went to the address you log in with."
                                </p>
                            </section>
                        }
                        .into_any()
                    } else {
                        view! {
                            <ul class="cards">
                                {list
                                    .into_iter()
                                    .map(|inv| view! { <InvitationCard inv choose decline accepted/> })
                                    .collect_view()}
                            </ul>
                        }
                        .into_any()
                    }
                }))
            })}
        </Transition>
    }
}

/// What the last submission of choices did, said plainly.
#[component]
fn ChoiceResult(choose: ServerAction<SubmitChoices>) -> impl IntoView {
    move || match choose.value().get() {
        Some(Ok(ChoiceOutcome {
            booking: Booking::BothFull,
            open_sessions,
        })) => {
            let rest = if open_sessions.is_empty() {
                "No session has seats left at the moment.".to_string()
            } else {
                format!(
                    "Sessions that still have seats: {}.",
                    open_sessions.join(", ")
                )
            };
            view! {
                <div class="alert alert-error" role="alert">
                    <strong>"Both of your choices are full, so nothing was booked. "</strong>
                    {rest}
                    " Please choose again."
                </div>
            }
            .into_any()
        }
        Some(Ok(ChoiceOutcome {
            booking:
                Booking::Confirmed {
                    first_choice: false,
                    ..
                },
            ..
        })) => view! {
            <div class="alert alert-info" role="status">
                "Your first choice filled up, so you are confirmed for your second choice."
            </div>
        }
        .into_any(),
        _ => ().into_any(),
    }
}

#[component]
fn InvitationCard(
    inv: Invitation,
    choose: ServerAction<SubmitChoices>,
    decline: ServerAction<DeclineInvitation>,
    accepted: RwSignal<Vec<i64>>,
) -> impl IntoView {
    let heading_id = format!("program-{}", inv.program_id);
    let body = match inv.status {
        Status::InvitedReady => view! { <Invited inv=inv.clone() choose decline accepted/> }.into_any(),
        Status::Pending => {
            let names: Vec<String> = [inv.first_choice, inv.second_choice]
                .into_iter()
                .flatten()
                .filter_map(|id| inv.sessions.iter().find(|s| s.id == id).map(|s| s.name.clone()))
                .collect();
            view! {
                <p>"Your choices are with the program, which will confirm one of them: " <strong>{names.join(", then ")}</strong> "."</p>
            }
            .into_any()
        }
        Status::Confirmed => match inv.confirmed.clone() {
            Some(s) => view! {
                <div class="confirmed">
                    <p class="confirmed-label">"Your interview session"</p>
                    <p class="confirmed-name">{s.name.clone()}</p>
                    <p>{when(&s)}</p>
                    <p class="muted"><YourTime starts_at_ms=s.starts_at_ms ends_at_ms=s.ends_at_ms zone=s.time_zone.clone()/></p>
                </div>
            }
            .into_any(),
            None => view! { <p>"You are confirmed."</p> }.into_any(),
        },
        Status::Declined => view! { <p class="muted">"You declined this invitation."</p> }.into_any(),
        _ => ().into_any(),
    };
    let labelled_by = heading_id.clone();
    view! {
        <li class="card program-card-full" aria-labelledby=labelled_by>
            <div class="program-card-head">
                <h2 id=heading_id>{inv.program_name.clone()}</h2>
                {badge(inv.status)}
            </div>
            {body}
        </li>
    }
}

#[component]
fn Invited(
    inv: Invitation,
    choose: ServerAction<SubmitChoices>,
    decline: ServerAction<DeclineInvitation>,
    accepted: RwSignal<Vec<i64>>,
) -> impl IntoView {
    let mine = inv.program_id;
    let error = action_error(choose);
    let decline_error = action_error(decline);
    let program_id = StoredValue::new(inv.program_id.to_string());
    let two = inv.sessions.len() >= 2;
    let live = use_live();
    let sessions = StoredValue::new(inv.sessions.clone());
    view! {
        <FormError error=decline_error/>
        <Show
            when=move || accepted.with(|a| a.contains(&mine))
            fallback=move || {
                view! {
                    <p>"You are invited to interview. Accept to choose your session, or decline."</p>
                    <div class="actions">
                        <button class="btn btn-primary" type="button" on:click=move |_| accepted.update(|a| a.push(mine))>
                            "Accept invitation"
                        </button>
                        <ActionForm action=decline attr:class="inline-form">
                            <input type="hidden" name="program_id" value=program_id.get_value()/>
                            <button class="btn btn-outline" type="submit">"Decline"</button>
                        </ActionForm>
                    </div>
                }
            }
        >
            <FormError error/>
            <ActionForm action=choose attr:class="stack choice-form">
                <input type="hidden" name="program_id" value=program_id.get_value()/>
                <fieldset class="choices" aria-describedby="first-choice-error">
                    <legend>"First choice"</legend>
                    {sessions
                        .get_value()
                        .into_iter()
                        .map(|s| {
                            let loaded = s.fill;
                            let fill = Signal::derive(move || live.fill(loaded));
                            let id = format!("first-{}", s.id);
                            let for_id = id.clone();
                            view! {
                                <label class="choice" for=for_id>
                                    <input type="radio" id=id name="first_choice" value=s.id.to_string()/>
                                    <span class="choice-text">
                                        <strong>{s.name.clone()}</strong>
                                        <span class="muted">{when(&s)}</span>
                                        <span class="muted"><YourTime starts_at_ms=s.starts_at_ms ends_at_ms=s.ends_at_ms zone=s.time_zone.clone()/></span>
                                    </span>
                                    <span class="seats" data-testid="seats-left">
                                        {move || {
                                            let left = fill.get().seats_left();
                                            if left == 0 { "Full".to_string() } else if left == 1 { "1 seat left".to_string() } else { format!("{left} seats left") }
                                        }}
                                    </span>
                                </label>
                            }
                        })
                        .collect_view()}
                    <p class="field-error" id="first-choice-error" aria-live="polite">
                        {move || error.get().and_then(|e| e.field_message("first_choice"))}
                    </p>
                </fieldset>
                {two.then(|| view! {
                    <div class="field">
                        <label for="second-choice">"Second choice"</label>
                        <p class="field-hint">"In case your first choice fills up. It must be a different session."</p>
                        <select id="second-choice" name="second_choice">
                            <option value="">"Choose a session"</option>
                            {sessions
                                .get_value()
                                .into_iter()
                                .map(|s| view! { <option value=s.id.to_string()>{format!("{} — {}", s.name, when(&s))}</option> })
                                .collect_view()}
                        </select>
                        <p class="field-error" aria-live="polite">
                            {move || error.get().and_then(|e| e.field_message("second_choice"))}
                        </p>
                    </div>
                })}
                <p class="muted small">
                    {if inv.self_scheduling {
                        "You are confirmed at once in your first choice, or your second if the first is full."
                    } else {
                        "The program confirms one of your choices; until then your status is Pending."
                    }}
                </p>
                <button class="btn btn-primary" type="submit" disabled=choose.pending()>
                    "Submit my choices"
                </button>
            </ActionForm>
        </Show>
    }
}
