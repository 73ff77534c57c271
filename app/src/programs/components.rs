//! The overview (where staff land) and the staff page.

use super::api::{
    list_staff, program_overview, program_settings, AddStaff, Overview, SaveSettings, StaffMember,
};
use crate::auth::domain::Role;
use crate::error::AppError;
use crate::shell::StaffShell;
use crate::ui::{action_error, or_error, Field, FormError, PageHeader};
use leptos::prelude::*;
use leptos_meta::Title;

/// Resources are created here, above the shell's `Suspense`: created inside it, after the
/// shell awaited the viewer, they could run without the request's context (leptos#3024).
#[component]
pub fn OverviewPage() -> impl IntoView {
    let overview = Resource::new(|| (), |_| program_overview());
    view! {
        <Title text="Overview · Interview Portal"/>
        <StaffShell>
            <OverviewBody overview/>
        </StaffShell>
    }
}

#[component]
fn OverviewBody(overview: Resource<Result<Overview, AppError>>) -> impl IntoView {
    view! {
        <Transition fallback=|| view! { <div class="loading" aria-busy="true"></div> }>
            {move || Suspend::new(async move {
                or_error(overview
                    .await
                    .map(|o| {
                        let runs = o.role.runs_program();
                        view! {
                            <header class="page-header">
                                <div>
                                    <p class="eyebrow">"Overview"</p>
                                    <h1>{o.program_name.clone()}</h1>
                                    <p class="lead">
                                        "You are working as " <strong>{o.role.label()}</strong>
                                        ". Times are shown in " {o.time_zone.clone()} "."
                                    </p>
                                </div>
                            </header>
                            <section class="stats" aria-label="At a glance">
                                <div class="stat">
                                    <span class="stat-value">{o.sessions}</span>
                                    <span class="stat-label">"Sessions"</span>
                                </div>
                                <div class="stat">
                                    <span class="stat-value">{o.applicants}</span>
                                    <span class="stat-label">"Applicants"</span>
                                </div>
                                <div class="stat">
                                    <span class="stat-value">{o.staff}</span>
                                    <span class="stat-label">"Staff"</span>
                                </div>
                                <div class="stat">
                                    <span class="stat-value stat-text">
                                        {if o.self_scheduling { "On" } else { "Off" }}
                                    </span>
                                    <span class="stat-label">"Self-scheduling"</span>
                                </div>
                            </section>
                            {runs.then(|| view! { <SeasonSteps/> })}
                            {(!runs).then(|| view! {
                                <section class="card">
                                    <h2>"Interview day"</h2>
                                    <p class="muted">
                                        "Your rooms, applicants and scoring forms appear here once the coordinators finalize the schedule."
                                    </p>
                                </section>
                            })}
                        }
                    }))
            })}
        </Transition>
    }
}

/// The season in the order of the quick-start guide.
#[component]
fn SeasonSteps() -> impl IntoView {
    let steps = [
        ("Add interviewers and staff", "So you can assign them to sessions and rooms."),
        ("Create sessions and scoring forms", "Blocks of interview time with a capacity."),
        ("Invite applicants", "Make sessions visible, set applicants to Invited & Ready for Scheduling, send invitations."),
        ("Watch sessions fill", "Adjust as applicants choose their sessions."),
        ("Finalize the schedule", "Rounds, rooms and interviewers, shown to everyone."),
        ("Interview and score", "Run the day with TimeTrack, then read scores and ranks."),
    ];
    view! {
        <section class="card">
            <h2>"Your season, step by step"</h2>
            <ol class="steps">
                {steps
                    .into_iter()
                    .map(|(title, text)| {
                        view! {
                            <li>
                                <strong>{title}</strong>
                                <span class="muted">{text}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </section>
    }
}

#[component]
pub fn StaffPage() -> impl IntoView {
    let add = ServerAction::<AddStaff>::new();
    let staff = Resource::new(move || add.version().get(), |_| list_staff());
    view! {
        <Title text="Staff · Interview Portal"/>
        <StaffShell>
            <StaffBody add staff/>
        </StaffShell>
    }
}

#[component]
fn StaffBody(
    add: ServerAction<AddStaff>,
    staff: Resource<Result<Vec<StaffMember>, AppError>>,
) -> impl IntoView {
    let error = action_error(add);
    let added = move || matches!(add.value().get(), Some(Ok(())));
    view! {
        <PageHeader
            title="Staff"
            lead="Everyone who works in this program's portal: directors, managers, coordinators and interviewers."
        />
        <div class="split">
            <section class="card" aria-labelledby="staff-list">
                <h2 id="staff-list">"Program staff"</h2>
                <Transition fallback=|| view! { <div class="loading" aria-busy="true"></div> }>
                    {move || Suspend::new(async move {
                        or_error(staff
                            .await
                            .map(|rows| {
                                view! {
                                    <table class="table">
                                        <thead>
                                            <tr>
                                                <th scope="col">"Name"</th>
                                                <th scope="col">"Email"</th>
                                                <th scope="col">"Role"</th>
                                                <th scope="col">"Account"</th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {rows
                                                .into_iter()
                                                .map(|m| {
                                                    view! {
                                                        <tr>
                                                            <td data-label="Name">{m.name}</td>
                                                            <td data-label="Email">{m.email}</td>
                                                            <td data-label="Role">{m.role.label()}</td>
                                                            <td data-label="Account">
                                                                {if m.active {
                                                                    view! { <span class="badge badge-ok">"Active"</span> }
                                                                } else {
                                                                    view! { <span class="badge">"Invited"</span> }
                                                                }}
                                                            </td>
                                                        </tr>
                                                    }
                                                })
                                                .collect_view()}
                                        </tbody>
                                    </table>
                                }
                            }))
                    })}
                </Transition>
            </section>
            <section class="card" aria-labelledby="add-staff">
                <h2 id="add-staff">"Add a staff member"</h2>
                <p class="muted">"New people get an email with a link to set their password."</p>
                <Show when=added>
                    <div class="alert alert-success" role="status">"Added. The invitation is on its way."</div>
                </Show>
                <FormError error/>
                <ActionForm action=add attr:class="stack" attr:novalidate=true>
                    <Field label="Full name" name="name" autocomplete="off" error/>
                    <Field label="Email" name="email" kind="email" error/>
                    <div class="field">
                        <label for="field-role">"Role"</label>
                        <select id="field-role" name="role">
                            {Role::ALL
                                .into_iter()
                                .rev()
                                .map(|r| view! { <option value=r.as_str()>{r.label()}</option> })
                                .collect_view()}
                        </select>
                        <p class="field-error" aria-live="polite">
                            {move || error.get().and_then(|e| e.field_message("role"))}
                        </p>
                    </div>
                    <button class="btn btn-primary" type="submit" disabled=add.pending()>
                        "Add to staff"
                    </button>
                </ActionForm>
            </section>
        </div>
    }
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    let save = ServerAction::<SaveSettings>::new();
    let settings = Resource::new(move || save.version().get(), |_| program_settings());
    let error = action_error(save);
    let saved = move || matches!(save.value().get(), Some(Ok(())));
    view! {
        <Title text="Settings · Interview Portal"/>
        <StaffShell>
            <PageHeader title="Program settings"/>
            <section class="card narrow">
                <h2>"Scheduling"</h2>
                <Show when=saved>
                    <div class="alert alert-success" role="status">"Settings saved."</div>
                </Show>
                <FormError error/>
                <Transition fallback=|| view! { <div class="loading" aria-busy="true"></div> }>
                    {move || Suspend::new(async move {
                        or_error(settings.await.map(|s| view! {
                            <ActionForm action=save attr:class="stack">
                                <label class="check">
                                    <input type="checkbox" name="self_scheduling" value="on" checked=s.self_scheduling/>
                                    " Self-scheduling"
                                </label>
                                <p class="muted">
                                    "On: an applicant's choice confirms them at once (first choice, else second). Off: they stay Pending until you assign one of their choices on the Applicants page."
                                </p>
                                <button class="btn btn-primary" type="submit">"Save settings"</button>
                            </ActionForm>
                        }))
                    })}
                </Transition>
            </section>
        </StaffShell>
    }
}
