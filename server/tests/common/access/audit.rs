//! Rows of the authorization matrix: the audit log on screen: the program's page and its CSV export.

use super::*;

pub(super) const ROWS: &[Access] = &[
    row(
        "/api/audit-page",
        "POST",
        "The audit log screen: the program's changes, filtered by person, kind and days, paged",
        false,
        COORDINATORS,
    ),
    row(
        "/export/audit.csv",
        "GET",
        "The program's audit log as a CSV file, as filtered (formula-like cells escaped)",
        false,
        COORDINATORS,
    ),
];
