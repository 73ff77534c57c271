//! The staff and settings screens, written on the server as HTML for a
//! [`crate::ui::ServerPanel`] (none of this is in the browser's bundle).

use super::api::{AddStaff, SaveSettings, Settings, StaffMember};
use super::domain::InterviewSetup;
use crate::auth::domain::Role;
use crate::ui::{
    html_of, message_line, no_error, Badge, CheckField, Field, SelectField, Table, Tone,
};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// The staff list and the form that adds someone.
pub fn staff_page(rows: Vec<StaffMember>) -> String {
    let rows = rows
        .into_iter()
        .map(|m| {
            let (tone, account) = if m.active {
                (Tone::Ok, "Active")
            } else {
                (Tone::Neutral, "Invited")
            };
            view! {
                <tr>
                    <td data-label="Name">{m.name}</td>
                    <td data-label="Email">{m.email}</td>
                    <td data-label="Role">{m.role.label()}</td>
                    <td data-label="Account"><Badge tone text=account/></td>
                </tr>
            }
        })
        .collect_view();
    let roles = Role::ALL
        .iter()
        .rev()
        .map(|r| (r.as_str().to_string(), r.label().to_string()))
        .collect::<Vec<_>>();
    html_of(view! {
        <div class="split">
            <section class="card" aria-labelledby="staff-list">
                <h2 id="staff-list">"Program staff"</h2>
                <Table columns=&["Name", "Email", "Role", "Account"]>{rows}</Table>
            </section>
            <section class="card" aria-labelledby="add-staff">
                <h2 id="add-staff">"Add a staff member"</h2>
                <p class="muted">"New people get an email with a link to set their password."</p>
                <form
                    method="post"
                    action=AddStaff::PATH
                    class="stack"
                    novalidate
                    data-done="Added. The invitation is on its way."
                >
                    {message_line()}
                    <Field label="Full name" name="name" error=no_error()/>
                    <Field label="Email" name="email" kind="email" error=no_error()/>
                    <SelectField label="Role" name="role" options=roles error=no_error()/>
                    <button class="btn btn-primary" type="submit">"Add to staff"</button>
                </form>
            </section>
        </div>
    })
}

/// The scheduling settings form.
pub fn settings_page(s: Settings) -> String {
    let setups = InterviewSetup::ALL
        .iter()
        .map(|o| (o.as_str().to_string(), o.label().to_string()))
        .collect::<Vec<_>>();
    html_of(view! {
        <section class="card narrow" aria-labelledby="scheduling-heading">
            <h2 id="scheduling-heading">"Scheduling"</h2>
            <form method="post" action=SaveSettings::PATH class="stack" data-done="Settings saved.">
                {message_line()}
                <CheckField label="Self-scheduling" name="self_scheduling" checked=s.self_scheduling/>
                <p class="muted">
                    "On: an applicant's choice confirms them at once (first choice, else second). Off: they stay Pending until you assign one of their choices on the Applicants page."
                </p>
                <SelectField
                    label="Interview setup"
                    name="interview_setup"
                    options=setups
                    selected=s.interview_setup.as_str()
                    hint="Outside the portal: sessions keep only their confirmed list; the Day pages (rooms, rounds, the schedule) are hidden."
                    error=no_error()
                />
                <button class="btn btn-primary" type="submit">"Save settings"</button>
            </form>
        </section>
    })
}
