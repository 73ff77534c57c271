//! Posting a panel's form in place (`method="post"`), or applying a `get` form as the page's
//! query; and how a post went: said in the form's message line, or, refused, the panel asked
//! for again with the refusal (the server writes it under the field it is about, as for a form
//! posted without script) and the form refilled with what was typed.

use super::autosave::{fill, forget};
use super::dom::{form_key, hidden_fields, panel_forms, within};
use super::focus::{focused_id, Refocus};
use super::handlers::{Handlers, Refused};
use super::send::{post, post_for_words, post_multipart, say};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlFormElement;

impl Handlers {
    pub fn submit(self, ev: leptos::ev::SubmitEvent) {
        let Some(form) = ev
            .target()
            .and_then(|t| t.dyn_into::<HtmlFormElement>().ok())
        else {
            return;
        };
        ev.prevent_default();
        super::typing::copy_fields(&form);
        let Some(body) = crate::ui::post_form::url_encoded(&ev) else {
            return;
        };
        if form
            .get_attribute("method")
            .is_some_and(|m| m.eq_ignore_ascii_case("get"))
        {
            let path = window().location().pathname().unwrap_or_default();
            // An option applied as it changed keeps the focus; else an editor opens.
            let refocus = if form.has_attribute("data-submit-on-change") {
                focused_id().map(Refocus::Element)
            } else {
                Some(Refocus::Opened)
            };
            self.focus.set_value(refocus);
            self.navigate
                .with_value(|navigate| navigate(&format!("{path}?{body}")));
            return;
        }
        self.focus.set_value(focused_id().map(Refocus::Element));
        self.said.set_value(None);
        // A post (a "Save") takes what is in the fields: the preview a pause in typing would
        // have asked for is not wanted after it.
        self.stop_typing();
        let url = form.action();
        let reload = self.reload;
        let said = self.said;
        let refused = self.refused;
        let path = form.get_attribute("action").unwrap_or_default();
        let navigate = self.navigate;
        say(&form, "", false);
        let _ = form.set_attribute("aria-busy", "true");
        leptos::task::spawn_local(async move {
            // A form with a file is posted as multipart, as the browser would without script.
            let answer = if form.enctype().eq_ignore_ascii_case("multipart/form-data") {
                post_multipart(&url, &form, form.has_attribute("data-done-answer")).await
            } else if form.has_attribute("data-done-answer") {
                post_for_words(&url, body.clone()).await.map(Some)
            } else {
                post(&url, body.clone()).await.map(|()| None)
            };
            let _ = form.remove_attribute("aria-busy");
            match answer {
                Ok(words) => {
                    super::keep::forget(&form);
                    if let Some(key) = form.get_attribute("data-autosave") {
                        forget(&key);
                    }
                    let done = words
                        .or_else(|| form.get_attribute("data-done"))
                        .unwrap_or_default();
                    say(&form, &done, false);
                    said.set_value(Some((form_key(&form), done)));
                    if let Some(to) = form.get_attribute("data-after") {
                        navigate.with_value(|navigate| navigate(&to));
                    }
                    reload.update(|n| *n += 1);
                }
                Err(e) => {
                    crate::ui::call::carry_refusal(&path, &hidden_fields(&form), &e);
                    refused.set_value(Some(Refused {
                        key: form_key(&form),
                        body,
                        message: e.to_string(),
                    }));
                    reload.update(|n| *n += 1);
                }
            }
        });
    }

    /// Says again, in the form as rewritten, what it said after its post, once the form is
    /// there: a panel is told it was written while its markup may not be in the page yet (every
    /// panel of the page loading at once), and is not told again when it is.
    pub(super) fn say_again(self) {
        say_when_there(self.said, 60);
    }

    /// The panel was written again after a refusal (the server wrote it under its field): the
    /// refused form gets back what was typed and the focus goes to the field; a refusal no
    /// field of the form shows is said in the form's message line.
    pub(super) fn show_refusal(self) {
        let Some(r) = self.refused.get_value() else {
            return;
        };
        self.refused.set_value(None);
        let Some(form) = panel_forms("form")
            .into_iter()
            .find(|f| form_key(f) == r.key)
        else {
            return;
        };
        fill(&form, &r.body);
        open_around(&form);
        match within(&form, "[aria-invalid='true']").into_iter().next() {
            Some(field) => {
                if let Ok(field) = field.dyn_into::<web_sys::HtmlElement>() {
                    let _ = field.focus();
                }
            }
            None => say(&form, &r.message, true),
        }
    }
}

/// Says `said` in its form once the form is in the page, looking again on each of the next
/// `frames` animation frames. It is kept, and said again each time the panel is written (a
/// live push rewrites it a moment after a post's own rewrite: a bulk action's answer, such as
/// the ids it did not find, stays to be read), until the panel's next post.
fn say_when_there(said: StoredValue<Option<(String, String)>>, frames: u32) {
    let Some((key, text)) = said.get_value() else {
        return;
    };
    if let Some(form) = panel_forms("form").into_iter().find(|f| form_key(f) == key) {
        say(&form, &text, false);
    } else if frames > 0 {
        request_animation_frame(move || say_when_there(said, frames - 1));
    }
}

/// Opens every closed `<details>` the form sits in: a refused form written again inside a
/// collapsed part (a rank row's scores) would otherwise hide its message and its field.
fn open_around(form: &HtmlFormElement) {
    let mut at = form.parent_element();
    while let Some(el) = at {
        if el.tag_name().eq_ignore_ascii_case("details") {
            let _ = el.set_attribute("open", "");
        }
        at = el.parent_element();
    }
}
