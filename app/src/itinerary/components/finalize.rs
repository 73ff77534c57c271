//! The Finalize card of a Day page: the version that is out, what publishing the draft would
//! change and for whom (before anything is sent), publish, take down, and every version.

use crate::error::AppError;
use crate::ids::SessionId;
use crate::itinerary::api::{
    review_publish, schedule_version, FinalizeDay, PublishReview, UnfinalizeDay, VersionInfo,
    VersionSheet,
};
use crate::sessions::domain::{clock, short_stamp};
use crate::ui::{action_error, FormAction, FormError, Loaded, Notice, NoticeKind, PostForm};
use leptos::prelude::*;

/// The card's resource and actions, made by the page above its shell (see the UI kit's rules).
#[derive(Clone, Copy)]
pub struct Publish {
    review: Resource<Result<PublishReview, AppError>>,
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
        let review = Resource::new(
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
                match session {
                    Some(id) => review_publish(id).await,
                    None => Err(AppError::NotFound("That session was not found.".into())),
                }
            },
        );
        Publish {
            review,
            finalize,
            unfinalize,
            again,
        }
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

/// Every published version, newest first; each can be opened as a day sheet.
#[component]
fn Versions(versions: Vec<VersionInfo>, session_id: SessionId) -> impl IntoView {
    if versions.is_empty() {
        return ().into_any();
    }
    let sheet = RwSignal::new(None::<Result<VersionSheet, AppError>>);
    let open = move |version: i64| {
        leptos::task::spawn_local(async move {
            sheet.set(Some(schedule_version(session_id, version).await));
        });
    };
    view! {
        <h3>"Versions"</h3>
        <ul class="versions">
            {versions.into_iter().map(|v| {
                let text = format!("Version {} · {} · {} UTC", v.version, v.by, short_stamp(v.at.naive_utc()));
                let version = v.version;
                view! {
                    <li>
                        {text}
                        " "
                        <button class="btn btn-small" type="button" on:click=move |_| open(version)>
                            {format!("View version {version}")}
                        </button>
                    </li>
                }
            }).collect_view()}
        </ul>
        {move || sheet.get().map(|s| match s {
            Ok(s) => view! { <Sheet s/> }.into_any(),
            Err(e) => view! { <Notice kind=NoticeKind::Error>{e.to_string()}</Notice> }.into_any(),
        })}
    }
    .into_any()
}

/// A published version as a day sheet: rounds down, rooms across (printable).
#[component]
fn Sheet(s: VersionSheet) -> impl IntoView {
    let title = format!("Version {} of {} — day sheet", s.info.version, s.session);
    let columns = s.rooms.len() + 1;
    view! {
        <div class="sheet-wrap" data-testid="version-sheet">
            <h4>{title}</h4>
            <table class="sheet">
                <thead>
                    <tr>
                        <th scope="col">"Time"</th>
                        {s.rooms.iter().map(|r| view! { <th scope="col">{r.clone()}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {s.rows.into_iter().map(|row| {
                        let time = format!("{} {}", row.label, clock(row.start));
                        if row.is_break {
                            view! { <tr class="sheet-break"><th scope="row" colspan=columns.to_string()>{time}</th></tr> }.into_any()
                        } else {
                            view! {
                                <tr>
                                    <th scope="row">{time}</th>
                                    {row.cells.into_iter().map(|c| view! { <td>{if c.is_empty() { "—".to_string() } else { c }}</td> }).collect_view()}
                                </tr>
                            }.into_any()
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
