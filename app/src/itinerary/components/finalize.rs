//! The Finalize card of a Day page: the version that is out, what publishing the draft would
//! change and for whom (before anything is sent), publish, take down, and every version.

use crate::ids::SessionId;
use crate::itinerary::api::{FinalizeDay, ReviewPublish, UnfinalizeDay};
use crate::itinerary::types::{PublishReview, VersionInfo};
use crate::sessions::components::session_found;
use crate::ui::call;
use crate::ui::{action_error, FormAction, FormError, Loaded, Notice, NoticeKind, PostForm};
use leptos::prelude::*;

/// The card's resource and actions, made by the page above its shell (see the UI kit's rules).
#[derive(Clone, Copy)]
pub struct Publish {
    review: crate::ui::Data<PublishReview>,
    finalize: FormAction<FinalizeDay>,
    unfinalize: FormAction<UnfinalizeDay>,
    again: RwSignal<u32>,
}

impl Publish {
    /// `changed` bumps when the page reloads (an edit, a live update): the review follows.
    pub fn new(
        session: impl Fn() -> Option<SessionId> + Copy + Send + Sync + 'static,
        changed: Signal<u64>,
    ) -> Self {
        let finalize = FormAction::<FinalizeDay>::new();
        let unfinalize = FormAction::<UnfinalizeDay>::new();
        let again = RwSignal::new(0u32);
        let review = crate::ui::load(
            move || {
                (
                    session(),
                    again.get(),
                    finalize.version().get(),
                    unfinalize.version().get(),
                    changed.get(),
                )
            },
            |(session, ..)| async move {
                call(ReviewPublish {
                    session_id: session_found(session)?,
                })
                .await
            },
        );
        Publish {
            review,
            finalize,
            unfinalize,
            again,
        }
    }

    /// Counts publishes and take-downs (a clock follows the version that is out).
    pub fn version(&self) -> u64 {
        (self.finalize.version().get() + self.unfinalize.version().get()) as u64
    }
}

#[component]
pub fn FinalizeCard(publish: Publish, session_id: SessionId) -> impl IntoView {
    let Publish {
        review,
        finalize,
        unfinalize,
        again,
    } = publish;
    let published = move || {
        finalize.value().get().and_then(|r| r.ok()).map(|v| {
            view! {
                <Notice kind=NoticeKind::Success>
                    {format!("Version {v} is published. The people whose day changed were told by e-mail and on their open pages.")}
                </Notice>
            }
        })
    };
    view! {
        <section class="card" aria-labelledby="finalize-heading">
            <div class="card-head">
                <h2 id="finalize-heading">"Finalize"</h2>
                <button class="btn btn-small" type="button" on:click=move |_| again.update(|n| *n += 1)>
                    "Review again"
                </button>
            </div>
            <FormError error=action_error(finalize)/>
            <FormError error=action_error(unfinalize)/>
            {published}
            <Loaded resource=review let:r>
                <ReviewBody r session_id finalize unfinalize/>
            </Loaded>
        </section>
    }
}

#[component]
fn ReviewBody(
    r: PublishReview,
    session_id: SessionId,
    finalize: FormAction<FinalizeDay>,
    unfinalize: FormAction<UnfinalizeDay>,
) -> impl IntoView {
    let status = match r.out {
        Some(v) => format!("Finalized: version {v} is out. Applicants and interviewers see it, never the draft."),
        None => "Not finalized: applicants see only their confirmed session; interviewers see no rounds.".to_string(),
    };
    let body = if !r.problems.is_empty() {
        view! {
            <Notice kind=NoticeKind::Error>
                <p>"Before publishing:"</p>
                <ul>{r.problems.iter().map(|p| view! { <li>{p.clone()}</li> }).collect_view()}</ul>
            </Notice>
        }
        .into_any()
    } else if r.changes.is_empty() {
        view! { <p class="muted">"The draft is the same as the version that is out: nothing to publish."</p> }
            .into_any()
    } else {
        let count = r.changes.len();
        let lead = format!(
            "Publishing version {} changes the day of {} — only they are told:",
            r.next,
            if count == 1 {
                "one person".to_string()
            } else {
                format!("{count} people")
            }
        );
        let pending = finalize.pending();
        view! {
            <p>{lead}</p>
            <ul class="changes" data-testid="publish-changes">
                {r.changes.iter().map(|c| view! {
                    <li>
                        <strong>{c.name.clone()}</strong>
                        <span class="muted">{format!(" ({})", c.role)}</span>
                        <ul>{c.lines.iter().map(|l| view! { <li>{l.clone()}</li> }).collect_view()}</ul>
                    </li>
                }).collect_view()}
            </ul>
            <PostForm action=finalize attr:class="inline-form">
                <input type="hidden" name="session_id" value=session_id.to_string()/>
                <input type="hidden" name="draft_version" value=r.draft_version.to_string()/>
                <button class="btn btn-primary" type="submit" disabled=move || pending.get()>
                    {format!("Publish version {}", r.next)}
                </button>
            </PostForm>
        }
        .into_any()
    };
    let take_down = r.out.map(|_| {
        view! {
            <PostForm action=unfinalize attr:class="inline-form">
                <input type="hidden" name="session_id" value=session_id.to_string()/>
                <button class="btn" type="submit">"Take the itineraries down"</button>
            </PostForm>
        }
    });
    view! {
        <p data-testid="finalize-status">{status}</p>
        {body}
        <div class="actions">{take_down}</div>
        <Versions versions=r.versions session_id/>
    }
}

/// Every published version, newest first; each opens as a printable day sheet.
#[component]
fn Versions(versions: Vec<VersionInfo>, session_id: SessionId) -> impl IntoView {
    (!versions.is_empty()).then(|| {
        view! {
            <h3>"Versions"</h3>
            <ul class="versions">
                {versions.into_iter().map(|v| {
                    let text = format!("Version {} · {} · {} · ", v.version, v.by, v.when);
                    let href = format!("/print/day/{session_id}?version={}", v.version);
                    view! {
                        <li>
                            {text}
                            <a href=href target="_blank" rel="noopener">{format!("Day sheet of version {} (printable)", v.version)}</a>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
    })
}
