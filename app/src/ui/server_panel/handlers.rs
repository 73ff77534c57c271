//! The container's state between writes of the panel ([`Handlers`]): what to reload after a
//! post, where the focus goes, what a form said or was refused; and what it does once the
//! panel is written.

use super::focus::{restore, Refocus};
use leptos::prelude::*;

/// Goes to an address in the app (the router's own navigation).
type Navigate = Box<dyn Fn(&str)>;

#[derive(Clone, Copy)]
pub struct Handlers {
    pub(super) reload: RwSignal<u64>,
    /// Where the focus goes after the rewrite (the element that had it when a post left).
    pub(super) focus: StoredValue<Option<Refocus>>,
    /// What a form said after its post (its key, the text): said again once rewritten.
    pub(super) said: StoredValue<Option<(String, String)>>,
    /// A post the server refused: shown once the panel is written again with it.
    pub(super) refused: StoredValue<Option<Refused>>,
    pub(super) navigate: StoredValue<Navigate, LocalStorage>,
    /// The field typed in of a `data-submit-on-input` form, and the pause before it is sent.
    pub(super) typing: StoredValue<Option<Typed>, LocalStorage>,
    pub(super) pause: StoredValue<Option<gloo_timers::callback::Timeout>, LocalStorage>,
}

impl Handlers {
    pub fn new(reload: RwSignal<u64>) -> Self {
        let navigate = leptos_router::hooks::use_navigate();
        let handlers = Self {
            reload,
            focus: StoredValue::new(None),
            said: StoredValue::new(None),
            refused: StoredValue::new(None),
            navigate: StoredValue::new_local(Box::new(move |to: &str| {
                navigate(to, Default::default())
            })),
            typing: StoredValue::new_local(None),
            pause: StoredValue::new_local(None),
        };
        handlers.send_when_online();
        handlers
    }

    /// The panel was written: say again what a form said, give the focus back (and what was
    /// typed while a form was on its way), refill a refused form, and fill and send kept drafts.
    pub fn after_render(self) {
        self.put_back_typing();
        request_animation_frame(move || {
            self.say_again();
            super::keep::restore();
            restore(self.focus);
            self.show_refusal();
            self.resume_drafts();
        });
    }
}

/// A refused post: which form (its key), what it sent, and the refusal in words.
#[derive(Clone)]
pub(super) struct Refused {
    pub key: String,
    pub body: String,
    pub message: String,
}

/// The field being typed in: the element, its id, its text and its caret.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Typed {
    pub node: web_sys::Element,
    pub id: String,
    pub value: String,
    pub start: u32,
    pub end: u32,
}
