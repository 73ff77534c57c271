//! Searchable lists of checkboxes: the filter field (`data-filter-for`, with its count
//! `data-count-for`), the chips of what is checked (`data-chips-for`), and what is shown only
//! with script (`data-script-only`).

use super::dom::nodes;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement};

/// Typed in a `[data-filter-for]` field: the list shows the items holding the text.
pub fn typed(ev: &leptos::ev::Event) {
    let Some(field) = ev
        .target()
        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
    else {
        return;
    };
    let Some(id) = field.get_attribute("data-filter-for") else {
        return;
    };
    let Some(list) = document().get_element_by_id(&id) else {
        return;
    };
    let query = field.value().trim().to_lowercase();
    let items = list.children();
    let mut shown = 0;
    for item in (0..items.length()).filter_map(|i| items.item(i)) {
        let text = item.text_content().unwrap_or_default().to_lowercase();
        if text.contains(&query) {
            shown += 1;
            let _ = item.remove_attribute("hidden");
        } else {
            let _ = item.set_attribute("hidden", "");
        }
    }
    if let Ok(Some(count)) = document().query_selector(&format!("[data-count-for='{id}']")) {
        count.set_text_content(Some(&format!("{shown} of {} shown", items.length())));
    }
}

/// Writes every panel's chips from its checked boxes, and shows what needs script.
pub fn render() {
    let doc = document();
    for chips in nodes::<Element>(doc.query_selector_all(".server-panel [data-chips-for]")) {
        let Some(list) = chips
            .get_attribute("data-chips-for")
            .and_then(|id| doc.get_element_by_id(&id))
        else {
            continue;
        };
        chips.set_inner_html("");
        let checked = list.query_selector_all("input[type=checkbox]:checked");
        for input in nodes::<HtmlInputElement>(checked) {
            let label = input.closest("label").ok().flatten();
            let name = label.and_then(|l| l.text_content()).unwrap_or_default();
            let name = name.trim();
            let Ok(chip) = doc.create_element("button") else {
                continue;
            };
            for (key, value) in [
                ("type", "button"),
                ("class", "btn btn-small chip"),
                ("data-uncheck", &input.id()),
                ("aria-label", &format!("Remove {name}")),
            ] {
                let _ = chip.set_attribute(key, value);
            }
            chip.set_text_content(Some(&format!("{name} ×")));
            let _ = chips.append_child(&chip);
        }
    }
    for el in nodes::<Element>(doc.query_selector_all(".server-panel [data-script-only]")) {
        let _ = el.remove_attribute("hidden");
    }
}

/// A chip pressed: its box is unchecked; the focus goes to the chip now in its place (or
/// the one before), else to the list's filter.
pub fn clicked(ev: leptos::ev::MouseEvent) {
    let Some(chip) = ev
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|e| e.closest("[data-uncheck]").ok().flatten())
    else {
        return;
    };
    let doc = document();
    let Some(input) = chip
        .get_attribute("data-uncheck")
        .and_then(|id| doc.get_element_by_id(&id))
        .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
    else {
        return;
    };
    let Some(chips) = chip.parent_element() else {
        return;
    };
    let kids = chips.children();
    let at = (0..kids.length())
        .find(|i| kids.item(*i).as_ref() == Some(&chip))
        .unwrap_or(0);
    input.set_checked(false);
    render();
    let kids = chips.children();
    let list = chips.get_attribute("data-chips-for").unwrap_or_default();
    let next = kids
        .item(at)
        .or_else(|| at.checked_sub(1).and_then(|i| kids.item(i)))
        .or_else(|| {
            doc.query_selector(&format!("[data-filter-for='{list}']"))
                .ok()
                .flatten()
        });
    if let Some(el) = next.and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
        let _ = el.focus();
    }
}
