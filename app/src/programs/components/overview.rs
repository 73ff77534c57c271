//! The overview: the program at a glance and, for coordinators, the season step by step.

use crate::programs::api::{Overview, ProgramOverview};
use crate::shell::StaffShell;
use crate::ui::call;
use crate::ui::{Loaded, PageHeader, Stat};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn OverviewPage() -> impl IntoView {
    let overview = crate::ui::load(|| (), |_| call(ProgramOverview {}));
    view! {
        <Title text="Overview · Interview Portal"/>
        <StaffShell>
            <Loaded resource=overview let:o>
                <OverviewBody o/>
            </Loaded>
        </StaffShell>
    }
}

#[component]
fn OverviewBody(o: Overview) -> impl IntoView {
    let runs = o.role.runs_program();
    let lead = format!(
        "You are working as {}. Times are shown in {}.",
        o.role.label(),
        o.time_zone
    );
    view! {
        <PageHeader eyebrow="Overview" title=o.program_name.clone() lead/>
        <section class="stats" aria-label="At a glance">
            <Stat label="Sessions">{o.sessions}</Stat>
            <Stat label="Applicants">{o.applicants}</Stat>
            <Stat label="Staff">{o.staff}</Stat>
            <Stat label="Self-scheduling" text=true>{if o.self_scheduling { "On" } else { "Off" }}</Stat>
        </section>
        {if runs {
            view! { <SeasonSteps/> }.into_any()
        } else {
            view! {
                <section class="card">
                    <h2>"Interview day"</h2>
                    <p class="muted">
                        "Your rooms, applicants and scoring forms appear here once the coordinators finalize the schedule."
                    </p>
                </section>
            }
            .into_any()
        }}
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
                    .map(|(title, text)| view! {
                        <li>
                            <strong>{title}</strong>
                            <span class="muted">{text}</span>
                        </li>
                    })
                    .collect_view()}
            </ol>
        </section>
    }
}
