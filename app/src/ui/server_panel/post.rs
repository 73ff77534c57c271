//! Posting a panel's form in place (`method="post"`), or applying a `get` form as the page's
//! query; and how a post went: said in the form's message line, or a refusal shown under the
//! field it is about.

use super::autosave::forget;
use super::dom::{form_key, panel_forms, within};
use super::focus::{focused_id, Refocus};
use super::handlers::Handlers;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::client::browser::BrowserClient;
use leptos::server_fn::request::ClientReq;
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
        let url = form.action();
        let reload = self.reload;
        let said = self.said;
        let navigate = self.navigate;
        say(&form, "", false);
        let _ = form.set_attribute("aria-busy", "true");
        leptos::task::spawn_local(async move {
            let answer = post(&url, body).await;
            let _ = form.remove_attribute("aria-busy");
            match answer {
                Ok(()) => {
                    if let Some(key) = form.get_attribute("data-autosave") {
                        forget(&key);
                    }
                    let done = form.get_attribute("data-done").unwrap_or_default();
                    say(&form, &done, false);
                    said.set_value(Some((form_key(&form), done)));
                    if let Some(to) = form.get_attribute("data-after") {
                        navigate.with_value(|navigate| navigate(&to));
                    }
                    reload.update(|n| *n += 1);
                }
                Err(e) => refused(&form, &e),
            }
        });
    }

    /// Says again, in the form as rewritten, what it said after its post.
    pub(super) fn say_again(self) {
        let said = self.said;
        if let Some((key, text)) = said.get_value() {
            if let Some(form) = panel_forms("form").into_iter().find(|f| form_key(f) == key) {
                say(&form, &text, false);
            }
            said.set_value(None);
        }
    }
}

/// Posts a URL-encoded body to a server function; only whether it was taken matters.
pub(super) async fn post(url: &str, body: String) -> Result<(), AppError> {
    let request =
        <<BrowserClient as leptos::server_fn::client::Client<AppError>>::Request as ClientReq<
            AppError,
        >>::try_new_post(
            url,
            "application/x-www-form-urlencoded",
            crate::codec::COMPACT,
            body,
        )?;
    crate::ui::call::send::<BrowserClient>(request)
        .await
        .map(|_| ())
}

/// Shows a refusal: under the field it is about when that field has a place for it (the UI
/// kit's fields), else in the form's message line; marks the field and moves the focus there.
pub(super) fn refused(form: &HtmlFormElement, e: &AppError) {
    // What an earlier refusal marked.
    for el in within(form, "[aria-invalid='true']") {
        let _ = el.set_attribute("aria-invalid", "false");
    }
    for el in within(form, ".field-invalid") {
        let _ = el.set_attribute("class", "field");
    }
    for el in within(form, ".field-error") {
        el.set_text_content(None);
    }
    let message = e.to_string();
    let field = match e {
        AppError::Invalid {
            field: Some(field), ..
        } => form
            .query_selector(&format!("[name='{field}'], [name$='[{field}]']"))
            .ok()
            .flatten(),
        _ => None,
    };
    let Some(field) = field else {
        say(form, &message, true);
        return;
    };
    let _ = field.set_attribute("aria-invalid", "true");
    let place = field.closest(".field").ok().flatten().and_then(|frame| {
        let line = frame.query_selector(".field-error").ok().flatten()?;
        Some((frame, line))
    });
    match place {
        Some((frame, line)) => {
            say(form, "", false);
            let _ = frame.set_attribute("class", "field field-invalid");
            line.set_text_content(Some(&message));
            let described = field.get_attribute("aria-describedby").unwrap_or_default();
            if !described.split_whitespace().any(|id| id == line.id()) {
                let _ = field.set_attribute(
                    "aria-describedby",
                    format!("{described} {}", line.id()).trim(),
                );
            }
        }
        None => say(form, &message, true),
    }
    if let Ok(field) = field.dyn_into::<web_sys::HtmlElement>() {
        let _ = field.focus();
    }
}

/// Writes `text` into the form's message line (an error is announced at once).
pub(super) fn say(form: &HtmlFormElement, text: &str, error: bool) {
    if let Ok(Some(line)) = form.query_selector("[data-message]") {
        line.set_text_content(Some(text));
        let _ = line.set_attribute(
            "class",
            if error {
                "form-message form-message-error"
            } else {
                "form-message"
            },
        );
        let _ = line.set_attribute("role", if error { "alert" } else { "status" });
    } else if error && !text.is_empty() {
        window().alert_with_message(text).ok();
    }
}
