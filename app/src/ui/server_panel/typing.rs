//! Forms sent as one types (`data-submit-on-input`): a pause in typing sends the form (a
//! `get` form: the address follows, and the panel is written again for it). What was typed
//! while the answer was on its way is not lost: the field the person types in is remembered
//! at each keystroke, and once the panel is written again its new field gets that text and
//! caret back, and the form is sent again for the rest.
//!
//! A form that posts what another form holds (the Templates page's "Save" beside its editor)
//! names it, `data-copy-from="<form id>"`: its hidden fields take that form's values of the
//! same names as it is sent, so what is saved is what is in the fields, typed a moment ago or
//! not.

use super::dom::form_of;
use super::handlers::{Handlers, Typed};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};

/// How long typing pauses before the form is sent.
const PAUSE_MS: u32 = 350;

/// How many microtasks a put-back waits for the panel's new markup to be in the page.
const MICROTASKS: u16 = 200;
const FRAMES: u16 = 30;

/// A text field (an input or a text area), read and written alike.
enum TextField {
    Input(HtmlInputElement),
    Area(HtmlTextAreaElement),
}

impl TextField {
    fn of(target: Option<web_sys::EventTarget>) -> Option<Self> {
        let target = target?;
        if let Some(area) = target.dyn_ref::<HtmlTextAreaElement>() {
            return Some(Self::Area(area.clone()));
        }
        target
            .dyn_into::<HtmlInputElement>()
            .ok()
            .filter(|i| matches!(i.type_().as_str(), "text" | "search" | "email" | ""))
            .map(Self::Input)
    }

    fn by_id(id: &str) -> Option<Self> {
        Self::of(document().get_element_by_id(id).map(Into::into))
    }

    fn element(&self) -> &web_sys::Element {
        match self {
            Self::Input(i) => i,
            Self::Area(a) => a,
        }
    }

    fn read(&self) -> Option<Typed> {
        let (id, value, start, end) = match self {
            Self::Input(i) => (
                i.id(),
                i.value(),
                i.selection_start().ok().flatten(),
                i.selection_end().ok().flatten(),
            ),
            Self::Area(a) => (
                a.id(),
                a.value(),
                a.selection_start().ok().flatten(),
                a.selection_end().ok().flatten(),
            ),
        };
        (!id.is_empty()).then(|| Typed {
            node: self.element().clone(),
            id,
            start: start.unwrap_or(0),
            end: end.unwrap_or(0),
            value,
        })
    }

    fn write(&self, t: &Typed) {
        match self {
            Self::Input(i) => {
                if i.value() != t.value {
                    i.set_value(&t.value);
                }
                let _ = i.set_selection_range(t.start, t.end);
            }
            Self::Area(a) => {
                if a.value() != t.value {
                    a.set_value(&t.value);
                }
                let _ = a.set_selection_range(t.start, t.end);
            }
        }
    }

    fn value(&self) -> String {
        match self {
            Self::Input(i) => i.value(),
            Self::Area(a) => a.value(),
        }
    }
}

/// Whether an event's target is a text field (typed in, so sent after a pause).
pub(super) fn is_text_field(target: Option<web_sys::EventTarget>) -> bool {
    TextField::of(target).is_some()
}

impl Handlers {
    /// A field of a `data-submit-on-input` form was typed in: remember it, and send the form
    /// once typing pauses.
    pub(super) fn typed(self, ev: &leptos::ev::Event) {
        if form_of(ev, "form[data-submit-on-input]").is_none() {
            return;
        }
        let Some(field) = TextField::of(ev.target()) else {
            return;
        };
        self.typing.set_value(field.read());
        self.send_after_pause(field.read().map(|t| t.id));
    }

    /// Forgets the typing: no form is sent after the pause.
    pub(super) fn stop_typing(self) {
        self.pause.set_value(None);
        self.typing.set_value(None);
    }

    /// Sends the form of the field `id` after a pause (a new keystroke starts it again).
    fn send_after_pause(self, id: Option<String>) {
        let Some(id) = id else { return };
        let timer = gloo_timers::callback::Timeout::new(PAUSE_MS, move || {
            let form = document()
                .get_element_by_id(&id)
                .and_then(|e| e.closest("form[data-submit-on-input]").ok().flatten())
                .and_then(|f| f.dyn_into::<web_sys::HtmlFormElement>().ok());
            if let Some(form) = form {
                let _ = form.request_submit();
            }
        });
        // The previous pause's timer is dropped, so cancelled.
        self.pause.update_value(|t| *t = Some(timer));
    }

    /// The panel was written again: the field typed in gets back what was typed since the form
    /// was sent, its caret and the focus (gone with the old field); if that is more than the
    /// server saw, the form is sent again. The new field is waited for in microtasks, so no
    /// key pressed in between can fall outside it.
    pub(super) fn put_back_typing(self) {
        if self.typing.with_value(Option::is_none) {
            return;
        }
        leptos::task::spawn_local(async move {
            for _ in 0..MICROTASKS {
                if self.try_put_back() {
                    return;
                }
                let tick = js_sys::Promise::resolve(&wasm_bindgen::JsValue::NULL);
                let _ = wasm_bindgen_futures::JsFuture::from(tick).await;
            }
            // Not written in this task after all: a few frames more.
            for _ in 0..FRAMES {
                gloo_timers::future::TimeoutFuture::new(16).await;
                if self.try_put_back() {
                    return;
                }
            }
        });
    }

    /// Puts the typing back into the new field, if it is there yet (true when done).
    fn try_put_back(self) -> bool {
        let Some(typed) = self.typing.get_value() else {
            return true;
        };
        let Some(field) = TextField::by_id(&typed.id) else {
            self.typing.set_value(None);
            return true;
        };
        if field.element() == &typed.node {
            return false;
        }
        let behind = field.value() != typed.value;
        let active = document().active_element();
        let lost = active
            .as_ref()
            .is_none_or(|e| e == &typed.node || e.tag_name().eq_ignore_ascii_case("body"));
        if lost {
            if let Some(el) = field.element().dyn_ref::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
        if lost || behind {
            field.write(&typed);
        }
        self.typing.set_value(None);
        if behind {
            self.typing.set_value(field.read());
            self.send_after_pause(Some(typed.id));
        }
        true
    }
}

/// Before `form` is sent: its hidden fields take the values of the same names in the form its
/// `data-copy-from` names.
pub(super) fn copy_fields(form: &web_sys::HtmlFormElement) {
    let Some(from) = form
        .get_attribute("data-copy-from")
        .and_then(|id| document().get_element_by_id(&id))
        .and_then(|f| f.dyn_into::<web_sys::HtmlFormElement>().ok())
    else {
        return;
    };
    let Ok(data) = web_sys::FormData::new_with_form(&from) else {
        return;
    };
    for hidden in super::dom::within(form, "input[type=hidden]") {
        let Ok(input) = hidden.dyn_into::<HtmlInputElement>() else {
            continue;
        };
        if let Some(value) = data.get(&input.name()).as_string() {
            input.set_value(&value);
        }
    }
}
