//! What the "Your calendar" card says once after a change. A link is shown once, right after
//! it is made, and only its hash is stored: the post that makes it leaves the link in a cookie
//! only the card's server function is sent (`Path=/api/calendar-panel`, `HttpOnly`, ten minutes
//! long), and the card's next writing shows it and clears that cookie. Turning the link off
//! leaves a word the same way.

use crate::server::AppState;
use leptos::prelude::*;

/// The card's server function (`super::pages::calendar_panel`), the only one sent the cookie.
const PANEL_PATH: &str = "/api/calendar-panel";

const SAID_COOKIE: &str = "portal_calendar_said";

/// What the card says once after a change.
pub enum Said {
    /// The link just made (its only showing).
    Made(String),
    /// The link was turned off.
    Off,
}

/// Leaves the card a word for its next writing (see the module's doc).
pub fn say_once(state: &AppState, said: &Said) {
    let value = match said {
        Said::Made(url) => url.as_str(),
        Said::Off => "off",
    };
    crate::server::set_cookie(&said_cookie(state, value, 10));
}

/// The word left for the card, if any; it is then cleared (said once).
pub fn take_said(state: &AppState) -> Option<Said> {
    let parts = use_context::<http::request::Parts>()?;
    let value = parts
        .headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == SAID_COOKIE)
        .map(|c| c.value().to_string())?;
    crate::server::set_cookie(&said_cookie(state, "", 0));
    match value.as_str() {
        "off" => Some(Said::Off),
        "" => None,
        url => Some(Said::Made(url.to_string())),
    }
}

fn said_cookie(state: &AppState, value: &str, minutes: i64) -> String {
    cookie::Cookie::build((SAID_COOKIE, value.to_string()))
        .path(PANEL_PATH)
        .http_only(true)
        .same_site(cookie::SameSite::Strict)
        .max_age(cookie::time::Duration::minutes(minutes))
        .secure(state.config.secure_cookies)
        .build()
        .to_string()
}

#[cfg(test)]
mod tests {
    use leptos::server_fn::ServerFn;

    #[test]
    fn the_word_goes_to_the_card_only() {
        assert_eq!(
            super::PANEL_PATH,
            crate::calendar::pages::CalendarPanel::PATH
        );
    }
}
