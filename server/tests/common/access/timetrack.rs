//! Rows of the authorization matrix: timeTrack.

use super::*;

pub(super) const ROWS: &[Access] = &[
    row(
        "/api/day-overview",
        "POST",
        "TimeTrack overview of a session's running day: every room, its status, who is present, the broadcasts",
        false,
        COORDINATORS_HERE,
    ),
    row(
        "/api/my-timetrack",
        "POST",
        "The caller's own rooms on TimeTrack, as an interviewer (opening it on the day counts them present)",
        false,
        STAFF,
    ),
    row(
        "/api/my-interview-day",
        "POST",
        "The caller's own interview days as they run, as an applicant (join links once their room is ready)",
        false,
        LOGGED_IN,
    ),
    row(
        "/api/set-room-status",
        "POST",
        "A room's status in a round: its interviewers (forward only) or a coordinator",
        true,
        &[Interviewer, Coordinator, Manager, Director],
    ),
    row(
        "/api/mark-no-show",
        "POST",
        "Mark an applicant No-show: an interviewer who meets them, or a coordinator",
        true,
        &[Interviewer, Coordinator, Manager, Director],
    ),
    row(
        "/api/broadcast",
        "POST",
        "A message to a session's people, on their screens at once",
        true,
        COORDINATORS_HERE,
    ),
];
