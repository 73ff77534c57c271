//! `data-keep` on a checkbox: ticked, it stays ticked when its panel is written again (a live
//! push) while it is still there, until its form posts successfully or is written again. The
//! applicant list's row ticks are kept this way while other coordinators' changes rewrite the
//! list. What is kept lives on the box's form (`data-kept`: the ticked values), which the list
//! does not rewrite (the bar's form, `form="bulk"`); so a new address or the form's own rewrite
//! starts a fresh selection, and nothing is held in the WASM.

use super::dom::nodes;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlFormElement, HtmlInputElement};

const SELECTOR: &str = ".server-panel input[type=checkbox][data-keep]";
const KEPT: &str = "data-kept";

/// The values kept on `form`.
fn kept(form: &HtmlFormElement) -> Vec<String> {
    form.get_attribute(KEPT)
        .map(|v| {
            v.split(' ')
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

fn keep(form: &HtmlFormElement, values: &[String]) {
    let _ = form.set_attribute(KEPT, &values.join(" "));
}

/// A change on the page: a kept box ticked or unticked is noted on its form.
pub(super) fn changed(ev: &leptos::ev::Event) {
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        .filter(|i| i.has_attribute("data-keep"))
    else {
        return;
    };
    let Some(form) = input.form() else {
        return;
    };
    let value = input.value();
    let mut values = kept(&form);
    values.retain(|v| *v != value);
    if input.checked() {
        values.push(value);
    }
    keep(&form, &values);
}

/// After a panel is written: the kept boxes that are there are ticked again; values whose box
/// is gone are dropped (the row left the list).
pub(super) fn restore() {
    let boxes: Vec<HtmlInputElement> = nodes(document().query_selector_all(SELECTOR));
    let mut forms: Vec<(HtmlFormElement, Vec<String>)> = Vec::new();
    for input in &boxes {
        let Some(form) = input.form() else {
            continue;
        };
        let values = kept(&form);
        if values.contains(&input.value()) {
            input.set_checked(true);
        }
        match forms.iter_mut().find(|(f, _)| *f == form) {
            Some((_, present)) => present.push(input.value()),
            None => forms.push((form, vec![input.value()])),
        }
    }
    for (form, present) in forms {
        let values: Vec<String> = kept(&form)
            .into_iter()
            .filter(|v| present.contains(v))
            .collect();
        keep(&form, &values);
    }
}

/// `form` posted successfully: its kept boxes are done with.
pub(super) fn forget(form: &HtmlFormElement) {
    let _ = form.remove_attribute(KEPT);
}
