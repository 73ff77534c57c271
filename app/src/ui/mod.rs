//! The small UI kit every page is built from, so loading states, forms, messages and headings
//! look and behave the same everywhere.
//!
//! # Which side a screen is written on
//! The portal is one hydrated single-page app; every screen is a route of it. A screen (or a
//! part of one) is written where its state lives between clicks:
//! - **State on the server between clicks** (lists, forms, settings, the rank list, reports,
//!   imports, templates): the screen is written on the server, by Leptos views compiled into
//!   the server only (a feature's `pages.rs`), and shown in a [`ServerPanel`]. A click posts a
//!   form; the server answers with the screen as it now is. Its behaviour in the browser comes
//!   from the panel's documented attributes (posting in place, drafts, drag, filters, focus),
//!   never from per-screen browser code. Live pushes reload the panel.
//! - **State in the browser between server calls** (the schedule builder, countdowns, the
//!   TimeTrack screens' live parts, the booking picker with live seats, video): a component,
//!   whose signals hold what the person is doing until it is sent.
//!
//! A new screen picks its side by this rule, not by the bundle's size; a screen with both kinds
//! of state is a component around a panel (the Day page: the builder is a component, the
//! setup a panel). Before adding a mechanism, reuse Leptos' own (resources, actions, `Transition`)
//! and the kit's (a panel attribute, [`PostForm`], [`Loaded`]). The README's "Screens and their
//! side" lists every screen with its side.
//!
//! | piece | what |
//! |---|---|
//! | [`Loaded`] | a resource's view, with one loading state and one error block |
//! | [`Field`], [`SelectField`], [`CheckField`] | labelled inputs with their error right under them |
//! | [`Notice`], [`FormError`] | success, information and error messages |
//! | [`PageHeader`] | a page's eyebrow, title, lead and actions |
//! | [`Stat`] | a figure with its label (the tiles of the overview and session pages) |
//! | [`Badge`] | a status in words, with a tone (never colour alone) |
//! | [`Table`] | rows under column headers; labelled blocks on a phone |
//! | [`ServerPanel`] | a part of a page written on the server as HTML (its view code is not in the bundle), its forms posted in place |
//!
//! # Rules that matter
//! - **Create a page's resources in the page component, above its shell**
//!   (`StaffShell`/`ApplicantShell`): the shell suspends until it knows the viewer, and a
//!   resource created inside that `Suspense` can run without the request's context on the
//!   server (leptos#3024). Pass the resource down to the body component as a prop.
//! - **Forms post through [`PostForm`]** (with a [`FormAction`]) so they work before hydration
//!   and cost the WASM no decoder of their arguments; a form with more than
//!   three fields posts one struct (`name="session[capacity]"`), and a field's error is found
//!   by the last bracketed part of its name (`capacity`), which is also its id (`field-capacity`).
//! - **Reload after a success, not after every run** ([`count_successes`]) when a page's forms
//!   are rebuilt by the reload: a refused form then keeps what was typed.
//! - **Checkboxes send `true`** (see [`CheckField`]), so a server function takes them as `bool`
//!   with `#[server(default)]`.

mod badge;
pub mod build;
mod call;
mod check_field;
mod countdown;
mod field;
mod loaded;
mod notice;
mod page_header;
mod post_form;
mod select_field;
mod server_panel;
mod stat;
mod table;

pub use badge::{Badge, Tone};
pub use call::call;
pub use check_field::CheckField;
#[cfg(feature = "hydrate")]
pub use countdown::tone_now;
pub use countdown::{clock_text, server_now, Countdown};
pub use field::Field;
pub use loaded::{load, or_error, Data, Loaded};
pub use notice::{FormError, Notice, NoticeKind};
pub use page_header::PageHeader;
pub use post_form::{FormAction, PostForm};
pub use select_field::SelectField;
/// [`refusal`]'s former name, kept while the screens moving to panels are written with it.
#[cfg(feature = "ssr")]
pub use server_panel::refusal as no_error;
pub use server_panel::{after_rewrite, ServerPanel};
#[cfg(feature = "ssr")]
pub use server_panel::{html_of, message_line, refusal, refused_post, upload_note, RefusedPost};
pub use stat::Stat;
pub use table::Table;

use crate::error::AppError;
use leptos::prelude::*;

/// The error of a form's last post, if it failed.
pub fn action_error<O>(action: impl Into<FormOutcome<O>>) -> Signal<Option<AppError>>
where
    O: Clone + Send + Sync + 'static,
{
    let value = action.into().value();
    Signal::derive(move || value.get().and_then(|r| r.err()))
}

/// Did the form's last post succeed?
pub fn action_succeeded<O>(action: impl Into<FormOutcome<O>>) -> Signal<bool>
where
    O: Clone + Send + Sync + 'static,
{
    let value = action.into().value();
    Signal::derive(move || matches!(value.get(), Some(Ok(_))))
}

/// Bumps `saved` each time `action` succeeds. A page whose resource is keyed on `saved`
/// reloads after a success only: a refused form stays as typed, its message beside the field.
pub fn count_successes<O>(action: impl Into<FormOutcome<O>>, saved: RwSignal<u64>)
where
    O: Clone + Send + Sync + 'static,
{
    let action = action.into();
    let ok = action_succeeded(action);
    let version = action.version();
    Effect::new(move |_| {
        version.track();
        if ok.get() {
            saved.update(|n| *n += 1);
        }
    });
}

/// What the outcome helpers read of a form's action: it posts the form's fields as they are.
pub type FormOutcome<O> = Action<String, Result<O, AppError>>;

/// The key a form field's errors are filed under: the last bracketed part of its name
/// (`session[capacity]` → `capacity`), or the whole name.
pub fn field_key(name: &str) -> &str {
    name.rsplit_once('[')
        .map(|(_, rest)| rest.trim_end_matches(']'))
        .unwrap_or(name)
}

/// The message of `error` for the field `name`, if it has one.
pub fn field_message(error: Signal<Option<AppError>>, name: &str) -> Option<String> {
    error.get().and_then(|e| e.field_message(field_key(name)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_field_names_file_errors_under_their_last_part() {
        assert_eq!(field_key("session[capacity]"), "capacity");
        assert_eq!(field_key("email"), "email");
    }
}
