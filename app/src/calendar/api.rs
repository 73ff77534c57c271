//! Server functions that change one's calendar link. Each also leaves the card a word to say
//! once, on its next writing (`super::said`): the link just made, or that it is off.

use crate::error::AppError;
use leptos::prelude::*;

/// Anyone logged in: a new private calendar subscription link (the previous one stops
/// working). Returns it; the card shows it once.
#[server(output = crate::codec::Compact, endpoint = "new-calendar-link")]
pub async fn new_calendar_link() -> Result<String, AppError> {
    let (state, caller) = crate::server::require_user().await?;
    let url = crate::itinerary::ssr::new_calendar_link(&state, caller.user_id).await?;
    super::said::say_once(&state, &super::said::Said::Made(url.clone()));
    Ok(url)
}

/// Anyone logged in: turns their calendar subscription link off.
#[server(output = crate::codec::Compact, endpoint = "revoke-calendar-link")]
pub async fn revoke_calendar_link() -> Result<(), AppError> {
    let (state, caller) = crate::server::require_user().await?;
    crate::itinerary::ssr::revoke_calendar_link(&state, caller.user_id).await?;
    super::said::say_once(&state, &super::said::Said::Off);
    Ok(())
}
