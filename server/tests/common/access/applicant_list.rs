//! Rows of the authorization matrix: the applicant list at a season's size: its bar (filter,
//! bulk actions), a bulk action, and the list as CSV.

use super::*;

pub(super) const ROWS: &[Access] = &[
    row(
        "/api/applicants-bar",
        "POST",
        "The applicants screen's bar: filter, search, sort, select all matching, bulk actions",
        false,
        COORDINATORS,
    ),
    row(
        "/api/bulk-applicants",
        "POST",
        "A bulk action (mark invited, send invitations, withdraw, move) on applicants of this program, each checked on its own",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/export/applicants.csv",
        "GET",
        "The applicant list as CSV, as filtered",
        false,
        COORDINATORS,
    ),
];
