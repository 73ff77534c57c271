//! Autosaved forms (`data-autosave="key"`): every change is kept on this device at once and
//! sent as a draft; a draft the network did not take is sent again when the browser is back
//! online or the panel opens again. Also forms sent as a field changes (`data-submit-on-change`).

use super::dom::{form_of, panel_forms};
use super::handlers::Handlers;
use super::send::{post, say};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlFormElement, UrlSearchParams};

/// The drafts kept on this device are filed under this prefix and the form's key.
const DRAFT: &str = "draft:";

impl Handlers {
    /// Back online: send what the network did not take (for as long as the panel is there).
    pub(super) fn send_when_online(self) {
        let online = window_event_listener(leptos::ev::online, move |_| {
            for form in autosave_forms() {
                self.send_draft(form);
            }
        });
        on_cleanup(move || online.remove());
    }

    /// A field of an autosaved form changed: keep the form on this device at once, and
    /// send it as a draft when the change is done (`sent`; typing only keeps it).
    /// A field of a `data-submit-on-change` form changed: the form is sent.
    pub fn changed(self, ev: leptos::ev::Event, send: bool) {
        if send {
            if let Some(form) = form_of(&ev, "form[data-submit-on-change]") {
                let _ = form.request_submit();
                return;
            }
            // Typed text is sent after its pause (a "Save" clicked meanwhile is not raced by a
            // rewrite of the panel); a select or a box at once.
            if let Some(form) = form_of(&ev, "form[data-submit-on-input]") {
                if !super::typing::is_text_field(ev.target()) {
                    let _ = form.request_submit();
                }
                return;
            }
        }
        let Some(form) = form_of(&ev, "form[data-autosave]") else {
            return;
        };
        let (Some(key), Some(body)) = (form.get_attribute("data-autosave"), fields(&form)) else {
            return;
        };
        if let Some(store) = storage() {
            let _ = store.set_item(&format!("{DRAFT}{key}"), &body);
        }
        if send {
            self.send_draft(form);
        }
    }

    /// Sends the draft kept for `form`; forgets it once the server has it.
    pub(super) fn send_draft(self, form: HtmlFormElement) {
        let Some(key) = form.get_attribute("data-autosave") else {
            return;
        };
        let Some(body) = kept(&form) else {
            return;
        };
        let url = form.action();
        leptos::task::spawn_local(async move {
            match post(&url, body.clone()).await {
                Ok(()) => {
                    if kept(&form).as_deref() == Some(body.as_str()) {
                        forget(&key);
                    }
                    say(&form, &format!("Draft saved at {}.", now_hm()), false);
                }
                Err(e) => say(
                    &form,
                    &format!(
                        "Not sent yet ({e}). Your answers are kept on this device and sent when the connection is back."
                    ),
                    true,
                ),
            }
        });
    }

    /// Fills each autosaved form from the draft kept for it, and sends that draft.
    pub(super) fn resume_drafts(self) {
        for form in autosave_forms() {
            if let Some(body) = kept(&form) {
                fill(&form, &body);
                self.send_draft(form);
            }
        }
    }
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// The draft kept on this device for an autosaved form.
fn kept(form: &HtmlFormElement) -> Option<String> {
    let key = form.get_attribute("data-autosave")?;
    storage()?.get_item(&format!("{DRAFT}{key}")).ok().flatten()
}

pub(super) fn forget(key: &str) {
    if let Some(store) = storage() {
        let _ = store.remove_item(&format!("{DRAFT}{key}"));
    }
}

fn autosave_forms() -> Vec<HtmlFormElement> {
    panel_forms("form[data-autosave]")
}

/// A form's fields, URL-encoded (no button: a draft).
fn fields(form: &HtmlFormElement) -> Option<String> {
    let data = web_sys::FormData::new_with_form(form).ok()?;
    let params = UrlSearchParams::new_with_str_sequence_sequence(&data).ok()?;
    params.to_string().as_string()
}

/// Puts a kept draft's (or a refused post's) values back into the form's fields.
pub(super) fn fill(form: &HtmlFormElement, body: &str) {
    let Ok(params) = UrlSearchParams::new_with_str(body) else {
        return;
    };
    let elements = form.elements();
    for i in 0..elements.length() {
        let Some(el) = elements.item(i) else { continue };
        if let Some(input) = el.dyn_ref::<web_sys::HtmlInputElement>() {
            let name = input.name();
            match input.type_().as_str() {
                "radio" | "checkbox" => {
                    let values = params.get_all(&name);
                    let on = values
                        .iter()
                        .any(|v| v.as_string().as_deref() == Some(input.value().as_str()));
                    input.set_checked(on);
                }
                // A file cannot be put back (the browser refuses a value): chosen again.
                "hidden" | "submit" | "file" => {}
                _ => {
                    if let Some(v) = params.get(&name) {
                        input.set_value(&v);
                    }
                }
            }
        } else if let Some(area) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
            if let Some(v) = params.get(&area.name()) {
                area.set_value(&v);
            }
        } else if let Some(select) = el.dyn_ref::<web_sys::HtmlSelectElement>() {
            if let Some(v) = params.get(&select.name()) {
                select.set_value(&v);
            }
        }
    }
}

/// The tab's time of day, "14:05".
fn now_hm() -> String {
    let d = js_sys::Date::new_0();
    format!("{:02}:{:02}", d.get_hours(), d.get_minutes())
}
