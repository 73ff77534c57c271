//! Scoring's screens, written on the server as HTML for a [`crate::ui::ServerPanel`] (none of
//! this is in the browser's bundle), one file each: the form library with its editor and
//! preview (`forms`), a session's scoring (`session`), an interviewer's list of sheets and the
//! sheet itself (`sheets`), the rank list (`ranks`, one row in `rank_row`, its side cards in
//! `rank_cards`, marking who matched in `match_card`), and the printable rank list (`print`).

use leptos::prelude::*;

mod forms;
mod match_card;
mod print;
mod rank_cards;
mod rank_row;
mod ranks;
mod session;
mod sheets;

pub use forms::*;
pub use print::*;
pub use ranks::*;
pub use session::*;
pub use sheets::*;

/// A labelled text input with the panel's ids (`field-…`).
pub(super) fn text_field(label: String, name: String, value: String, id: String) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input id=id name=name type="text" value=value autocomplete="off"/>
        </div>
    }
}
