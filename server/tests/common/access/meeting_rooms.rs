//! Rows of the authorization matrix: meeting rooms.

use super::*;

pub(super) const ROWS: &[Access] = &[
    row(
        "/api/meeting-rooms-page",
        "POST",
        "The meeting rooms screen: the list and the form that adds one",
        false,
        COORDINATORS,
    ),
    row(
        "/api/add-meeting-room",
        "POST",
        "Add a meeting room to the program (or one of its sessions)",
        true,
        COORDINATORS,
    ),
    row(
        "/api/remove-meeting-room",
        "POST",
        "Remove a meeting room of this program",
        true,
        COORDINATORS_HERE,
    ),
];
