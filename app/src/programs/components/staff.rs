//! The staff page: who works in the program's portal, and adding someone.

use crate::auth::domain::Role;
use crate::programs::api::{AddStaff, ListStaff, StaffMember};
use crate::shell::StaffShell;
use crate::ui::call;
use crate::ui::{
    action_error, action_succeeded, Badge, Field, FormError, Loaded, Notice, NoticeKind,
    PageHeader, SelectField, Table, Tone,
};
use crate::ui::{FormAction, PostForm};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn StaffPage() -> impl IntoView {
    let add = FormAction::<AddStaff>::new();
    let staff = crate::ui::load(move || add.version().get(), |_| call(ListStaff {}));
    view! {
        <Title text="Staff · Interview Portal"/>
        <StaffShell>
            <PageHeader
                title="Staff"
                lead="Everyone who works in this program's portal: directors, managers, coordinators and interviewers."
            />
            <div class="split">
                <section class="card" aria-labelledby="staff-list">
                    <h2 id="staff-list">"Program staff"</h2>
                    <Loaded resource=staff let:rows>
                        <StaffTable rows/>
                    </Loaded>
                </section>
                <AddStaffForm add/>
            </div>
        </StaffShell>
    }
}

#[component]
fn StaffTable(rows: Vec<StaffMember>) -> impl IntoView {
    let row = |m: StaffMember| {
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
    };
    view! {
        <Table columns=&["Name", "Email", "Role", "Account"]>
            {rows.into_iter().map(row).collect_view()}
        </Table>
    }
}

#[component]
fn AddStaffForm(add: FormAction<AddStaff>) -> impl IntoView {
    let error = action_error(add);
    let added = action_succeeded(add);
    let roles = Role::ALL
        .iter()
        .rev()
        .map(|r| (r.as_str().to_string(), r.label().to_string()))
        .collect();
    view! {
        <section class="card" aria-labelledby="add-staff">
            <h2 id="add-staff">"Add a staff member"</h2>
            <p class="muted">"New people get an email with a link to set their password."</p>
            <Show when=move || added.get()>
                <Notice kind=NoticeKind::Success>"Added. The invitation is on its way."</Notice>
            </Show>
            <FormError error/>
            <PostForm action=add attr:class="stack" attr:novalidate=true>
                <Field label="Full name" name="name" error/>
                <Field label="Email" name="email" kind="email" error/>
                <SelectField label="Role" name="role" options=roles error/>
                <button class="btn btn-primary" type="submit" disabled=add.pending()>
                    "Add to staff"
                </button>
            </PostForm>
        </section>
    }
}
