//! Where the focus goes after the panel is written again: back to the element with the same
//! `id` (or its stand-in, `data-focus-for`), or to the first field of an editor a `get` form
//! just opened (`data-autofocus`).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Where the focus goes once the panel is written again.
#[derive(Clone)]
pub(super) enum Refocus {
    /// The element with this id (or the one standing in for it: `data-focus-for`).
    Element(String),
    /// A `get` form opened an editor (`data-autofocus`): its first field.
    Opened,
}

/// Gives the focus back after a rewrite (an editor not there yet is waited for: the focus is
/// kept for the next rewrite).
pub(super) fn restore(focus: StoredValue<Option<Refocus>>) {
    match focus.get_value() {
        Some(Refocus::Opened) => {
            let first = document()
                .query_selector(
                    ".server-panel form[data-autofocus] :is(input:not([type=hidden]), select, textarea)",
                )
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            // Until the editor is there (the old panel may be written first).
            if let Some(el) = first {
                let _ = el.focus();
                focus.set_value(None);
            }
        }
        Some(Refocus::Element(id)) => {
            // The element itself, or the one that stands in for it when it is gone
            // (a "Move up" button on the row now at the top: its "Move down").
            if let Some(el) = document()
                .get_element_by_id(&id)
                .or_else(|| {
                    document()
                        .query_selector(&format!("[data-focus-for='{id}']"))
                        .ok()
                        .flatten()
                })
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = el.focus();
            }
        }
        None => {}
    }
}

/// The id of the element that has the focus, if it has one.
pub(super) fn focused_id() -> Option<String> {
    document()
        .active_element()
        .map(|e| e.id())
        .filter(|id| !id.is_empty())
}
