//! Rows of the authorization matrix: finalize and itineraries.

use super::*;

pub(super) const ROWS: &[Access] = &[
    row(
        "/api/review-publish",
        "POST",
        "Review a day before finalizing: the versions, who a publish would affect and how",
        false,
        COORDINATORS_HERE,
    ),
    row(
        "/api/finalize-day",
        "POST",
        "Finalize a day: publish its draft as the next version, tell those affected",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/api/unfinalize-day",
        "POST",
        "Take a finalized day down (everyone who had an itinerary is told)",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/api/my-day",
        "POST",
        "The caller's own published days as an interviewer, across programs",
        false,
        STAFF,
    ),
];
