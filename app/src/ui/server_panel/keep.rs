//! `data-keep` on a checkbox: ticked, it stays ticked when its panel is written again (a live
//! push, or a post of the form beside it), as long as it is still there, until its form posts
//! successfully. The applicant list's row ticks are kept this way while other coordinators'
//! changes rewrite the list.

use super::dom::nodes;
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::HashSet;
use wasm_bindgen::JsCast;
use web_sys::{HtmlFormElement, HtmlInputElement};

const SELECTOR: &str = ".server-panel input[type=checkbox][data-keep]";

std::thread_local! {
    /// The ticked kept boxes, by [`key`].
    static KEPT: RefCell<HashSet<String>> = RefCell::new(HashSet::new());
}

/// A kept box's form (its `form` attribute, or its form's id) and value.
fn key(input: &HtmlInputElement) -> String {
    let form = input
        .get_attribute("form")
        .or_else(|| input.form().map(|f| f.id()))
        .unwrap_or_default();
    format!("{form}|{}", input.value())
}

/// A change on the page: a kept box ticked or unticked is remembered.
pub(super) fn changed(ev: &leptos::ev::Event) {
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        .filter(|i| i.has_attribute("data-keep"))
    else {
        return;
    };
    KEPT.with(|k| {
        let mut k = k.borrow_mut();
        if input.checked() {
            k.insert(key(&input));
        } else {
            k.remove(&key(&input));
        }
    });
}

/// After a panel is written: the kept boxes that are there are ticked again; the others are
/// forgotten (their row is gone, or the view changed).
pub(super) fn restore() {
    let here: Vec<HtmlInputElement> = nodes(document().query_selector_all(SELECTOR));
    KEPT.with(|k| {
        let mut k = k.borrow_mut();
        let present: HashSet<String> = here.iter().map(key).collect();
        k.retain(|key| present.contains(key));
        for input in &here {
            if k.contains(&key(input)) {
                input.set_checked(true);
            }
        }
    });
}

/// `form` posted successfully: its kept boxes are done with.
pub(super) fn forget(form: &HtmlFormElement) {
    let prefix = format!("{}|", form.id());
    KEPT.with(|k| k.borrow_mut().retain(|key| !key.starts_with(&prefix)));
}
