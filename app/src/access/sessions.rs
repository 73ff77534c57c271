//! Rows of the authorization matrix: interview sessions.

use super::*;

pub(super) const ROWS: &[Access] = &[
    row(
        "/api/list-sessions",
        "POST",
        "The sessions with their fill",
        false,
        COORDINATORS,
    ),
    row(
        "/api/time-zones",
        "POST",
        "The zones a session can be in",
        false,
        COORDINATORS,
    ),
    row(
        "/api/save-session",
        "POST",
        "Create or edit a session of this program",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/api/delete-session",
        "POST",
        "Delete a session of this program",
        true,
        COORDINATORS_HERE,
    ),
];
