//! The coordinator's applicants page: add an applicant, and the list with its actions.

use super::actions::RowActions;
use super::table::ApplicantTable;
use crate::applicants::api::{AddApplicant, ListApplicants};
use crate::error::AppError;
use crate::live::use_live;
use crate::shell::StaffShell;
use crate::ui::call;
use crate::ui::{action_error, Field, FormError, Loaded, PageHeader};
use crate::ui::{FormAction, PostForm};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ApplicantsListPage() -> impl IntoView {
    let add = FormAction::<AddApplicant>::new();
    let actions = RowActions {
        invite: FormAction::new(),
        send: FormAction::new(),
        assign: FormAction::new(),
        last_assigned: RwSignal::new(None),
    };
    let live = use_live();
    let page = crate::ui::load(
        move || {
            (
                add.version().get(),
                actions.invite.version().get(),
                actions.send.version().get(),
                actions.assign.version().get(),
                live.version.get(),
            )
        },
        |_| call(ListApplicants {}),
    );
    Effect::new(move |_| {
        if let Some(id) = actions.assign.sent("applicant_id") {
            actions.last_assigned.set(id.parse().ok());
        }
    });
    view! {
        <Title text="Applicants · Interview Portal"/>
        <StaffShell>
            <PageHeader
                title="Applicants"
                lead="An applicant sees your invitation once they are Invited & Ready for Scheduling, the invitation was sent, and a session is visible."
            />
            <AddApplicantForm add/>
            <FormError error=row_error(actions)/>
            <section class="card" aria-labelledby="applicant-list">
                <h2 id="applicant-list">"Applicants"</h2>
                <Loaded resource=page let:p>
                    <ApplicantTable p actions/>
                </Loaded>
            </section>
        </StaffShell>
    }
}

/// The last failure of a row's action, except an assignment's warning (shown in its row).
fn row_error(a: RowActions) -> Signal<Option<AppError>> {
    let (invite, send, assign) = (
        action_error(a.invite),
        action_error(a.send),
        action_error(a.assign),
    );
    let not_a_warning = |e: &AppError| e.field_message("session_id").is_none();
    Signal::derive(move || {
        invite
            .get()
            .or_else(|| send.get())
            .filter(not_a_warning)
            .or_else(|| assign.get().filter(not_a_warning))
    })
}

#[component]
fn AddApplicantForm(add: FormAction<AddApplicant>) -> impl IntoView {
    let error = action_error(add);
    view! {
        <section class="card" aria-labelledby="add-applicant">
            <h2 id="add-applicant">"Add an applicant"</h2>
            <FormError error/>
            <PostForm action=add attr:class="row-form" attr:novalidate=true>
                <Field label="Full name" name="name" error/>
                <Field
                    label="Email"
                    name="email"
                    kind="email"
                    hint="The email of their application: it is how they log in."
                    error
                />
                <button class="btn btn-primary" type="submit" disabled=add.pending()>
                    "Add applicant"
                </button>
            </PostForm>
        </section>
    }
}
