//! A program's screens written on the server as HTML for a [`crate::ui::ServerPanel`]: the
//! overview and the settings (the staff screens: `staff::pages`). Each screen's server function (which returns its
//! HTML) sits here beside its writer; the writers are compiled into the server only, so none
//! of this view code is in the browser's bundle.

use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::api::SaveSettings,
    super::domain::InterviewSetup,
    super::types::{Overview, Settings},
    crate::ui::{html_of, message_line, no_error, CheckField, PageHeader, SelectField, Stat},
    leptos::server_fn::ServerFn,
};

/// Any staff member of the active program (interviewers included): the overview's screen.
#[server(output = crate::codec::Compact, endpoint = "overview-page")]
pub async fn overview_page() -> Result<String, AppError> {
    let (state, staff) = crate::server::require_staff().await?;
    Ok(overview_html(super::ssr::overview(&state, staff).await?))
}

/// Coordinators: the settings screen.
#[server(output = crate::codec::Compact, endpoint = "settings-page")]
pub async fn settings_page() -> Result<String, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    let mut html = settings_html(super::ssr::settings(&state, staff).await?);
    html.push_str(&crate::booking::pages::rules_card(&state, staff).await?);
    Ok(html)
}

/// The overview: the program at a glance and, for coordinators, the season step by step.
#[cfg(feature = "ssr")]
fn overview_html(o: Overview) -> String {
    let runs = o.role.runs_program();
    let lead = format!(
        "You are working as {}. Times are shown in {}.",
        o.role.label(),
        o.time_zone
    );
    html_of(view! {
        <PageHeader eyebrow="Overview" title=o.program_name.clone() lead/>
        <section class="stats" aria-label="At a glance">
            <Stat label="Sessions">{o.sessions}</Stat>
            <Stat label="Applicants">{o.applicants}</Stat>
            <Stat label="Staff">{o.staff}</Stat>
            <Stat label="Self-scheduling" text=true>{if o.self_scheduling { "On" } else { "Off" }}</Stat>
        </section>
        {if runs {
            season_steps().into_any()
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
    })
}

/// The season in the order of the quick-start guide.
#[cfg(feature = "ssr")]
fn season_steps() -> impl IntoView {
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

/// The scheduling settings form.
#[cfg(feature = "ssr")]
fn settings_html(s: Settings) -> String {
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
                    hint="Video in the portal: people meet in the portal's own video rooms, linked from their itineraries (nothing is recorded). Outside the portal: sessions keep only their confirmed list; the Day pages (rooms, rounds, the schedule) are hidden."
                    error=no_error()
                />
                <button class="btn btn-primary" type="submit">"Save settings"</button>
            </form>
        </section>
    })
}
