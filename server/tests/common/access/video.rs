//! Rows of the authorization matrix: the portal's video rooms (the setup check's signalling is
//! with the other plain routes).

use super::*;

/// Whom Alpha's Room A lets in at any time: its interviewer and the program's coordinators
/// (an applicant only in their round; none of the world's is booked in it).
const ROOM_A: &[CallerKind] = &[Interviewer, Coordinator, Manager, Director];

pub(super) const ROWS: &[Access] = &[
    row(
        "/api/video-room",
        "POST",
        "The door of a video room's link for oneself: in, wait (until when, why) or refused, nothing of the room said to whom it is not for",
        false,
        LOGGED_IN,
    ),
    row(
        "/api/video-relays",
        "POST",
        "The TURN relays one's browser may use for the portal's video, with credentials good for a day (none when the program runs no TURN server); never the shared secret",
        false,
        LOGGED_IN,
    ),
    row(
        "/video/{room}/signal",
        "GET",
        "A video room's signalling, as a WebSocket: whom its door lets in now (its interviewers, the program's coordinators, an applicant in their round); others 403 with why (a plain request that passes: 426)",
        false,
        ROOM_A,
    ),
];
