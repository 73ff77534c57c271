//! Rows of the authorization matrix: interview sessions.

use super::*;

pub(super) const ROWS: &[Access] = &[
    for_scripts(row(
        "/api/list-sessions",
        "POST",
        "The sessions with their fill",
        false,
        COORDINATORS,
    )),
    row(
        "/api/sessions-page",
        "POST",
        "The sessions screen: the list with its fill",
        false,
        COORDINATORS,
    ),
    row(
        "/api/new-session-form",
        "POST",
        "The sessions screen's form that creates one",
        false,
        COORDINATORS,
    ),
    row(
        "/api/session-page",
        "POST",
        "The screen of a session of this program: its heading and fill",
        false,
        COORDINATORS_HERE,
    ),
    row(
        "/api/session-forms",
        "POST",
        "The screen of a session of this program: its edit and delete forms",
        false,
        COORDINATORS_HERE,
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
