//! Small readings of the page the behaviours share: a query's nodes, the forms of the panels,
//! the form around an event, and what tells a form from the others after a rewrite.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlFormElement};

/// The nodes of a query's answer that are `T`s (none when the query failed).
pub(super) fn nodes<T: JsCast>(list: Result<web_sys::NodeList, wasm_bindgen::JsValue>) -> Vec<T> {
    let Ok(list) = list else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<T>().ok())
        .collect()
}

/// The elements inside `form` that match `selector`.
pub(super) fn within(form: &HtmlFormElement, selector: &str) -> Vec<Element> {
    nodes(form.query_selector_all(selector))
}

/// The form matching `selector` around an event's target.
pub(super) fn form_of(ev: &leptos::ev::Event, selector: &str) -> Option<HtmlFormElement> {
    ev.target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|e| e.closest(selector).ok().flatten())
        .and_then(|f| f.dyn_into::<HtmlFormElement>().ok())
}

/// The panels' forms that match `selector`.
pub(super) fn panel_forms(selector: &str) -> Vec<HtmlFormElement> {
    nodes(document().query_selector_all(&format!(".server-panel {selector}")))
}

/// What tells a form from the others after a rewrite: its address and hidden fields.
pub(super) fn form_key(form: &HtmlFormElement) -> String {
    let mut key = form.action();
    for (name, value) in hidden_fields(form) {
        key.push_str(&format!("&{name}={value}"));
    }
    key
}

/// A form's hidden fields, name and value: which row's form it is, among alike ones.
pub(super) fn hidden_fields(form: &HtmlFormElement) -> Vec<(String, String)> {
    nodes::<web_sys::HtmlInputElement>(form.query_selector_all("input[type=hidden]"))
        .into_iter()
        .map(|input| (input.name(), input.value()))
        .collect()
}
