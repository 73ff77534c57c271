//! The program's settings: self-scheduling and the interview setup option.

use crate::programs::api::{ProgramSettings, SaveSettings, Settings};
use crate::programs::domain::InterviewSetup;
use crate::shell::StaffShell;
use crate::ui::call;
use crate::ui::{
    action_error, action_succeeded, CheckField, FormError, Loaded, Notice, NoticeKind, PageHeader,
    SelectField,
};
use crate::ui::{FormAction, PostForm};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let save = FormAction::<SaveSettings>::new();
    let settings = crate::ui::load(move || save.version().get(), |_| call(ProgramSettings {}));
    let saved = action_succeeded(save);
    view! {
        <Title text="Settings · Interview Portal"/>
        <StaffShell>
            <PageHeader title="Program settings"/>
            <section class="card narrow">
                <h2>"Scheduling"</h2>
                <Show when=move || saved.get()>
                    <Notice kind=NoticeKind::Success>"Settings saved."</Notice>
                </Show>
                <FormError error=action_error(save)/>
                <Loaded resource=settings let:s>
                    <SchedulingForm s save/>
                </Loaded>
            </section>
        </StaffShell>
    }
}

#[component]
fn SchedulingForm(s: Settings, save: FormAction<SaveSettings>) -> impl IntoView {
    let setups = InterviewSetup::ALL
        .iter()
        .map(|o| (o.as_str().to_string(), o.label().to_string()))
        .collect();
    view! {
        <PostForm action=save attr:class="stack">
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
                error=action_error(save)
            />
            <button class="btn btn-primary" type="submit">"Save settings"</button>
        </PostForm>
    }
}
