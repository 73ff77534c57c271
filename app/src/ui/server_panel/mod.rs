//! A part of a page written on the server as HTML: [`ServerPanel`].
//!
//! A screen that is mostly tables and forms (the scoring forms, the rank list, a score sheet)
//! costs the browser's bundle its whole view code when written as components: the TimeTrack
//! screens alone came to 24 KB. A panel's markup is written on the server by ordinary Leptos
//! views ([`html_of`], compiled into the server only) and handed over as one string; the
//! browser holds this one container, which gives the HTML inside it its behaviour by attribute:
//!
//! | markup | what the container does |
//! |---|---|
//! | `<form method="post" action="/api/…">` | posts it in place (URL-encoded, the pressed button included), then writes the panel again; refused, it asks for the panel again with the refusal, which the server writes under the field it is about ([`refusal`]), puts back what was typed and focuses that field; a refusal no field of the form shows is said in its `[data-message]` |
//! | `<form method="post" enctype="multipart/form-data">` | the same, posted as multipart with its files (an import's CSV); its `aria-busy` (set while any post is on its way) shows a `.busy-note` |
//! | `progress[data-upload]`, `[data-upload-words="…"]` in a multipart form ([`upload_note`]) | filled with how much of the file has gone up ("Sending the file: 40 % of 2.1 MB"); once it is all sent the bar runs without a value and the words become the attribute's (the server is reading it) |
//! | `<form method="get">` | its fields become the page's query (the address follows, so the view can be linked) |
//! | `<form data-autosave="key">` | every change is kept on this device at once and sent as a draft; a draft the network did not take is sent again when the browser is back online or the panel opens again (its fields filled from it) |
//! | rows `[data-drag="id"][data-position="n"]` in `[data-drop="/api/…"][data-fields="a=1"]` | dropping one row on another posts `a=1&moved=id&to=n` |
//! | `data-done="Saved."` on a form | said in the form's `[data-message]` after a success |
//! | `data-done-answer` on a form | its server function answers in words (a `String`: a bulk action's changes and refusals; a multipart form's too), said in its `[data-message]` after a success |
//! | `data-after="/path"` on a form | after a success, goes there (an editor closes: `?room=` dropped) |
//! | `data-autofocus` on a form | when a `get` form has just opened it, the focus goes to its first field |
//! | `data-submit-on-change` on a form | a changed field sends the form at once (a `get` form: the address follows) and the focus stays on that field; its submit button can sit in a `<noscript>` for use without script |
//! | `data-submit-on-input` on a form | a pause in typing in one of its text fields sends the form (a `get` form: the address follows, a preview is written again); what is typed while the answer is on its way is kept, with the caret, and sent next (leaving the field does not send it again, so a "Save" clicked at once is not raced by a rewrite); a changed select or box sends it at once |
//! | `data-copy-from="<form id>"` on a form | as it is sent, its hidden fields take the values of the same names in that form (a "Save" beside an editor saves what is typed) |
//! | `<input data-filter-for="list">` | typing hides the items (children) of `#list` whose text does not hold what is typed; `[data-count-for="list"]` says how many are shown |
//! | `[data-chips-for="list"]` | holds a chip per checked box of `#list`, a button "Remove <its label>" that unchecks it (the focus then goes to the next chip, or the filter) |
//! | `<input type="checkbox" data-keep>` | ticked, it stays ticked when the panel is written again (a live push) while it is still there, until its form posts successfully (the applicant list's row ticks) |
//! | `data-script-only hidden` | shown once the container runs (a filter field is no use without script; the checkboxes work alone) |
//!
//! After the panel is written again the focus returns to the element with the same `id` (or,
//! when it is gone, to the one marked `data-focus-for="<that id>"`), so a keyboard user pressing
//! "Move up" three times stays on it. Without script, or before
//! hydration, the forms post to the server functions as plain forms, which send the browser
//! back to the page (a refusal in its address).
//!
//! # A refusal under its field: one way
//! The UI kit's [`Field`](super::Field) (and `SelectField`, `CheckField`) draws a field's
//! refusal, given it as a signal. A component gives it its action's last answer
//! ([`FormAction`](super::FormAction)). A panel's page gives it [`refusal`]: the refusal the
//! page or panel is written after, read from the address as Leptos writes it for a form
//! posted without script (`__path`, `__err`; `no_error` is its former name). With script the container asks for the panel
//! again with the refusal in that same form in its request's address
//! ([`carry_refusal`](super::call)), so both are written by the server, the same way.

use super::Data;
use leptos::prelude::*;
use serde::{de::DeserializeOwned, Serialize};

// A panel's HTML sent once on a first visit: page data leaves it out.
pub(super) mod in_page;

// The container's behaviours, in the browser only: one file per behaviour of the table above.
#[cfg(feature = "hydrate")]
mod autosave;
#[cfg(feature = "hydrate")]
mod dom;
#[cfg(feature = "hydrate")]
mod drag;
#[cfg(feature = "hydrate")]
mod focus;
#[cfg(feature = "hydrate")]
mod handlers;
#[cfg(feature = "hydrate")]
mod keep;
#[cfg(feature = "hydrate")]
mod picker;
#[cfg(feature = "hydrate")]
mod post;
#[cfg(feature = "hydrate")]
mod send;
#[cfg(feature = "hydrate")]
mod typing;

/// The panel: `html` written on the server (or a loaded value that carries it: the Day page
/// loads its data and its setup in one call); `reload` is bumped after each successful post.
#[component]
pub fn ServerPanel<T>(html: Data<T>, reload: RwSignal<u64>) -> impl IntoView
where
    T: Into<String> + Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
{
    #[cfg(feature = "hydrate")]
    let handlers = handlers::Handlers::new(reload);
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if let Some(Ok(_)) = html.get() {
            handlers.after_render();
            request_animation_frame(picker::render);
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = reload;
    view! {
        <super::Loaded resource=html let:markup>
            {
                #[cfg(feature = "hydrate")]
                {
                    view! {
                        <div
                            class="server-panel"
                            inner_html=in_page::markup(markup.into(), move || html.refetch())
                            on:submit=move |ev| handlers.submit(ev)
                            on:change=move |ev| {
                                keep::changed(&ev);
                                picker::render();
                                handlers.changed(ev, true)
                            }
                            on:input=move |ev| {
                                picker::typed(&ev);
                                handlers.typed(&ev);
                                handlers.changed(ev, false)
                            }
                            on:click=picker::clicked
                            on:dragstart=drag::drag_start
                            on:dragover=drag::drag_over
                            on:drop=move |ev| handlers.drop(ev)
                        ></div>
                    }
                }
                #[cfg(not(feature = "hydrate"))]
                {
                    view! { <div class="server-panel" inner_html={Into::<String>::into(markup)}></div> }
                }
            }
        </super::Loaded>
    }
}

/// Once a form's panel is written again (a post taken or refused), the panel beside it follows
/// (`reload`): after, not with it, so the form's own call is the one that carries a refusal
/// back to its field ([`carry_refusal`](super::call)). A list beside its add form (sessions,
/// applicants) is written again this way.
pub fn after_rewrite(form: Data<String>, reload: RwSignal<u64>) {
    Effect::new(move |written: Option<()>| {
        form.track();
        if written.is_some() {
            reload.update(|n| *n += 1);
        }
    });
}

/// The line where a panel's form says how its last post went (filled in by the container).
#[cfg(feature = "ssr")]
pub fn message_line() -> impl IntoView {
    view! { <p class="form-message" data-message aria-live="polite"></p> }
}

/// A multipart form's note while its file goes up: a bar and words the container fills with
/// the upload's progress, then `after` (what the server does with the file) until it answers.
/// Hidden unless the form is busy; without script the browser shows its own progress.
#[cfg(feature = "ssr")]
pub fn upload_note(after: &'static str) -> impl IntoView {
    view! {
        <div class="busy-note upload-note">
            <progress data-upload aria-label="Upload"></progress>
            <p data-upload-words=after aria-live="polite">"Sending the file…"</p>
        </div>
    }
}

/// A field's refusal in a panel: the refusal this page or panel is written after, read from
/// the address (`__path`, `__err`): the page's address after a form posted without script, the
/// panel's request address after a refused post in place. A field shows it when it is about
/// that field (its key, as in a component).
#[cfg(feature = "ssr")]
pub fn refusal() -> Signal<Option<crate::error::AppError>> {
    Signal::stored(refused_in_address())
}

/// The refusal named in the request's address, if any.
#[cfg(feature = "ssr")]
fn refused_in_address() -> Option<crate::error::AppError> {
    refused_post().map(|r| r.error)
}

/// A refused post the page or panel is written after (the request's address names it): which
/// server function refused it, the refusal, and, when the container carried them, the refused
/// form's fields (with script the container carries its hidden fields; without script the
/// server carries them all but secrets). A screen with one form alike in each row writes the
/// refusal in the row it is [`of`](RefusedPost::of).
#[cfg(feature = "ssr")]
#[derive(Debug, Clone)]
pub struct RefusedPost {
    pub path: String,
    pub error: crate::error::AppError,
    form: Option<std::collections::HashMap<String, String>>,
}

#[cfg(feature = "ssr")]
impl RefusedPost {
    /// Whether this is the refusal of the form posting to `path` whose hidden `field` is `value`.
    pub fn of(&self, path: &str, field: &str, value: &str) -> bool {
        self.path == path
            && self
                .form
                .as_ref()
                .and_then(|f| f.get(field))
                .is_some_and(|v| v == value)
    }

    /// What the refused form sent in its field `name` (when it was carried back).
    pub fn field(&self, name: &str) -> Option<&str> {
        self.form.as_ref()?.get(name).map(String::as_str)
    }
}

/// What was typed into the field `name` of a refused form posted without script (the server
/// carries its fields back in the address, secrets left out: `server/src/refusal.rs`), so the
/// page is written with it. With script the container puts it back itself.
#[cfg(feature = "ssr")]
pub fn typed(name: &str) -> Option<String> {
    refused_post()?.form?.remove(name)
}

/// The refused post named in the request's address, if any ([`RefusedPost`]).
#[cfg(feature = "ssr")]
pub fn refused_post() -> Option<RefusedPost> {
    use axum::extract::Query;
    use leptos::server_fn::error::ServerFnUrlError;
    use std::collections::HashMap;
    let parts = use_context::<axum::http::request::Parts>()?;
    let Query(mut query) = Query::<HashMap<String, String>>::try_from_uri(&parts.uri).ok()?;
    let error = ServerFnUrlError::<crate::error::AppError>::decode_err(query.get("__err")?);
    // The hidden fields travel as one query inside the address's: read the same way.
    let form = query.remove("__form").and_then(|f| {
        let uri = format!("/?{f}").parse().ok()?;
        Query::<HashMap<String, String>>::try_from_uri(&uri)
            .ok()
            .map(|Query(fields)| fields)
    });
    Some(RefusedPost {
        path: query.remove("__path").unwrap_or_default(),
        error,
        form,
    })
}

/// A view written out as HTML, for a panel (the server's side). It begins with a mark (an
/// HTML comment) by which the page data of a first visit leaves it out, as it is in the page
/// already (`in_page.rs`).
#[cfg(feature = "ssr")]
pub fn html_of(view: impl IntoView) -> String {
    use leptos::tachys::view::RenderHtml;
    format!("{}{}", in_page::MARK, view.into_view().to_html())
}
