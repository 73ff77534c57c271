//! The account pages a person sees before they are logged in: log in, sign up, confirm the
//! e-mail, set a password.

mod frame;
mod login;
mod new_password;
mod set_password;
mod sign_up;
mod verify;

pub use login::LoginPage;
pub use set_password::SetPasswordPage;
pub use sign_up::SignUpPage;
pub use verify::VerifyPage;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The `token` of an e-mailed link, from the page's query.
fn token_from_query() -> Memo<String> {
    let query = use_query_map();
    Memo::new(move |_| query.read().get("token").unwrap_or_default())
}
