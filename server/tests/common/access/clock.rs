//! Rows of the authorization matrix: the day clock.

use super::*;

pub(super) const ROWS: &[Access] = &[
    row(
        "/api/day-clock",
        "POST",
        "A session's day clock: the phase under way, its deadline, the rounds' times",
        false,
        STAFF_HERE,
    ),
    row(
        "/api/clock-action",
        "POST",
        "Start, pause, resume, extend, end early or skip a session's running day",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/api/clock-auto-start",
        "POST",
        "Whether a session's day starts by itself at its planned time",
        true,
        COORDINATORS_HERE,
    ),
];
