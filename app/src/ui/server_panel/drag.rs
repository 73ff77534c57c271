//! Rows moved by drag and drop: a row `[data-drag="id"][data-position="n"]` dropped on another
//! in `[data-drop="/api/…"][data-fields="a=1"]` posts `a=1&moved=id&to=n`.

use super::handlers::Handlers;
use super::send::{post, say};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlFormElement};

impl Handlers {
    /// A row dropped on another: posts the move to the list's address.
    pub fn drop(self, ev: leptos::ev::DragEvent) {
        let target = ev
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|e| e.closest("[data-drag]").ok().flatten());
        let moved = ev
            .data_transfer()
            .and_then(|d| d.get_data("text/plain").ok())
            .filter(|m| !m.is_empty());
        let (Some(target), Some(moved)) = (target, moved) else {
            return;
        };
        let Some(list) = target.closest("[data-drop]").ok().flatten() else {
            return;
        };
        ev.prevent_default();
        let url = list.get_attribute("data-drop").unwrap_or_default();
        let body = format!(
            "{}&moved={}&to={}",
            list.get_attribute("data-fields").unwrap_or_default(),
            moved,
            target.get_attribute("data-position").unwrap_or_default()
        );
        let reload = self.reload;
        leptos::task::spawn_local(async move {
            match post(&url, body).await {
                Ok(()) => reload.update(|n| *n += 1),
                Err(e) => {
                    if let Some(form) = list
                        .closest("form")
                        .ok()
                        .flatten()
                        .and_then(|f| f.dyn_into::<HtmlFormElement>().ok())
                    {
                        say(&form, &e.to_string(), true);
                    } else {
                        window().alert_with_message(&e.to_string()).ok();
                    }
                }
            }
        });
    }
}

pub fn drag_start(ev: leptos::ev::DragEvent) {
    let id = ev
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|e| e.get_attribute("data-drag"));
    if let (Some(id), Some(data)) = (id, ev.data_transfer()) {
        let _ = data.set_data("text/plain", &id);
        data.set_effect_allowed("move");
    }
}

pub fn drag_over(ev: leptos::ev::DragEvent) {
    let over_row = ev
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|e| e.closest("[data-drop] [data-drag]").ok().flatten())
        .is_some();
    if over_row {
        ev.prevent_default();
    }
}
