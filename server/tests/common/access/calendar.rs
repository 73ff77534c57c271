//! Rows of the authorization matrix: calendar subscription links.

use super::*;

pub(super) const ROWS: &[Access] = &[
    row(
        "/api/new-calendar-link",
        "POST",
        "A new private calendar link for oneself (the old one stops working)",
        true,
        LOGGED_IN,
    ),
    row(
        "/api/calendar-panel",
        "POST",
        "The \"Your calendar\" card: whether one's link is on, the link just made (once)",
        false,
        LOGGED_IN,
    ),
    row(
        "/api/revoke-calendar-link",
        "POST",
        "Turn one's calendar link off",
        true,
        LOGGED_IN,
    ),
];
