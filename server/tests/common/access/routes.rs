//! Rows of the authorization matrix: routes outside the app's server functions: health, the push stream, the video's signalling, feeds, printable pages, exports, the test clock.

use super::*;

pub(super) const ROWS: &[Access] = &[
    row(
        "/health",
        "GET",
        "Is the database reachable?",
        false,
        EVERYONE,
    ),
    row(
        "/events",
        "GET",
        "The tab's push stream (what the caller may see)",
        false,
        LOGGED_IN,
    ),
    row(
        "/video/check/signal",
        "GET",
        "The setup check's video signalling, as a WebSocket: one's own media sent to the portal's video server and back (a plain request that passes: 426)",
        false,
        LOGGED_IN,
    ),
    row(
        "/calendar/{token}",
        "GET",
        "A person's calendar feed (the token is the credential; unknown or revoked: 404)",
        false,
        EVERYONE,
    ),
    row(
        "/calendar.ics",
        "GET",
        "One's own calendar feed as a file to import",
        false,
        LOGGED_IN,
    ),
    row(
        "/print/day/{session}",
        "GET",
        "A published day of this program, printable: the grid, each room, each applicant",
        false,
        COORDINATORS_HERE,
    ),
    row(
        "/print/my-day",
        "GET",
        "One's own interview days, printable",
        false,
        STAFF,
    ),
    row(
        "/api/clock-now",
        "POST",
        "The server's time, for countdowns to keep in step",
        false,
        EVERYONE,
    ),
    row(
        "/export/ranks.csv",
        "GET",
        "The program's rank list as a CSV file (formula-like cells escaped)",
        false,
        COORDINATORS,
    ),
    row(
        "/export/rank-order.csv",
        "GET",
        "The rank order for the Match as a CSV file: NRMP and AAMC ids, flags; no NRMP id listed apart",
        false,
        COORDINATORS,
    ),
    row(
        "/print/ranks",
        "GET",
        "The program's rank list, printable",
        false,
        COORDINATORS,
    ),
    row(
        "/test/clock",
        "POST",
        "Move the server's clock (only when started with the test flag; otherwise 404)",
        true,
        EVERYONE,
    ),
];
