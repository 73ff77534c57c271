//! The account pages a person sees before they are logged in: log in, sign up, confirm the
//! e-mail, set a password. Each is the calm frame around its screen, written on the server
//! (`auth::pages`) and shown in a `ui::ServerPanel`.

mod forgot_password;
pub mod frame;
mod login;
mod set_password;
mod sign_up;
mod verify;

pub use forgot_password::ForgotPasswordPage;
pub use frame::AuthFrame;
pub use login::LoginPage;
pub use set_password::SetPasswordPage;
pub use sign_up::SignUpPage;
pub use verify::VerifyPage;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// A value of the page's query (`token` of an e-mailed link, …), empty when absent.
pub fn from_query(name: &'static str) -> Memo<String> {
    let query = use_query_map();
    Memo::new(move |_| query.read().get(name).unwrap_or_default())
}
