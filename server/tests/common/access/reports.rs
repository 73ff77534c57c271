//! Rows of the authorization matrix: the Reports page and each of its tables as CSV.

use super::*;

pub(super) const ROWS: &[Access] = &[
    row(
        "/api/reports-page",
        "POST",
        "The Reports screen: sessions, statuses, invitations by wave, interviewers",
        false,
        COORDINATORS,
    ),
    row(
        "/export/report.csv",
        "GET",
        "One report of the Reports screen as a CSV file (`?table=`; formula-like cells escaped)",
        false,
        COORDINATORS,
    ),
];
