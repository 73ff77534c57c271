//! The Releases screen, written on the server for a [`crate::ui::ServerPanel`]: the program's
//! releases (when each opens, its sessions, remove), and the form that makes one.

use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::api::DryRunRelease,
    super::api::{DeleteRelease, SaveRelease},
    super::types::{ReleaseView, Releases},
    crate::ui::{html_of, message_line, refusal, Badge, CheckField, Field, Tone},
    leptos::server_fn::ServerFn,
};

/// Coordinators: the Releases screen.
#[server(output = crate::codec::Compact, endpoint = "releases-page")]
pub async fn releases_page() -> Result<String, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    Ok(releases_html(super::ssr::releases(&state, staff).await?))
}

#[cfg(feature = "ssr")]
fn releases_html(r: Releases) -> String {
    let list = if r.releases.is_empty() {
        view! { <p class="muted">"No release yet: every visible session takes bookings as soon as it is visible."</p> }.into_any()
    } else {
        view! { <ul class="plain-list">{r.releases.into_iter().map(release_item).collect_view()}</ul> }.into_any()
    };
    let boxes = r
        .sessions
        .into_iter()
        .enumerate()
        .map(|(n, (id, name, held))| {
            let box_id = format!("release-session-{id}");
            let for_id = box_id.clone();
            let held = held.map(|h| format!(" (now in {h})"));
            view! {
                <label class="check" for=for_id>
                    <input type="checkbox" id=box_id name=format!("release[sessions][{n}]") value=id.to_string()/>
                    {format!(" {name}")}
                    <span class="muted small">{held}</span>
                </label>
            }
        })
        .collect_view();
    let zone_hint = format!("The time in the program's zone, {}.", r.time_zone);
    html_of(view! {
        <section class="card" aria-labelledby="releases-heading">
            <h2 id="releases-heading">"Releases"</h2>
            <p class="muted">
                "A session in a release is shown to applicants with the time it opens, and takes no booking until then (the server's clock decides, to the second). An open My Programs page opens it at that moment, without a reload."
            </p>
            {list}
        </section>
        <section class="card narrow" aria-labelledby="new-release-heading">
            <h2 id="new-release-heading">"New release"</h2>
            <form method="post" action=SaveRelease::PATH class="stack" data-done="Release saved.">
                {message_line()}
                <Field label="Name" name="release[name]" hint="Such as \"January dates\"." error=refusal()/>
                <Field label="Opens on" name="release[date]" kind="date" error=refusal()/>
                <Field label="At" name="release[time]" kind="time" hint="24-hour, in the program's time zone." error=refusal()/>
                <p class="muted small">{zone_hint}</p>
                <CheckField label="A fair release: applicants rank the sessions during a window, then a lottery draws the seats" name="release[fair]" checked=false/>
                <Field label="Window (hours, fair release)" name="release[window_hours]" kind="number" value="48".to_string() hint="How long applicants have to rank: 48 hours by default (the rule of at least 48 hours to answer an interview offer)." error=refusal()/>
                <fieldset class="choices" aria-describedby="field-sessions-error">
                    <legend>"Sessions it opens"</legend>
                    {boxes}
                    <p class="field-error" id="field-sessions-error" aria-live="polite">
                        {move || refusal().get().and_then(|e| e.field_message("sessions"))}
                    </p>
                </fieldset>
                <button class="btn btn-primary" type="submit">"Save the release"</button>
            </form>
        </section>
    })
}

#[cfg(feature = "ssr")]
fn release_item(r: ReleaseView) -> impl IntoView {
    let (tone, state) = if r.open_now {
        (Tone::Ok, "Open")
    } else {
        (Tone::Info, "Scheduled")
    };
    view! {
        <li class="release">
            <p>
                <strong>{r.name.clone()}</strong>
                " "
                <Badge tone text=state/>
            </p>
            <p>{format!("Opens {}", r.opens)}</p>
            <p class="muted small">{r.sessions.join("; ")}</p>
            {r.fair.clone().map(|f| fair_said(r.id, f))}
            <form method="post" action=DeleteRelease::PATH class="inline-form" data-done="Release removed: its sessions take bookings now.">
                <input type="hidden" name="id" value=r.id.to_string()/>
                <button class="btn btn-small btn-danger" type="submit" aria-label=format!("Remove the release {}", r.name)>"Remove"</button>
                {message_line()}
            </form>
        </li>
    }
}

/// A fair release's window, seed and draw, and its dry run.
#[cfg(feature = "ssr")]
fn fair_said(id: i64, f: super::types::FairSaid) -> impl IntoView {
    let drawn = match (&f.drawn, &f.seed) {
        (Some(at), Some(seed)) => format!("Drawn on {at}. The seed: {seed}."),
        _ => format!(
            "Fair: applicants rank until {}; then the seats are drawn by a lottery. {} applicant(s) have ranked.",
            f.closes, f.ranked
        ),
    };
    view! {
        <p>{drawn}</p>
        <p class="muted small">{format!("The seed's SHA-256 (shown before the window): {}", f.seed_hash)}</p>
        {f.drawn.is_none().then(|| view! {
            <form method="post" action=DryRunRelease::PATH class="inline-form" data-done-answer>
                <input type="hidden" name="id" value=id.to_string()/>
                <button class="btn btn-small" type="submit">"Dry run the draw now"</button>
                {message_line()}
            </form>
        })}
    }
}
