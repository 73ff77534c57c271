//! Rows of the authorization matrix: an applicant's page and a coordinator's changes to an
//! applicant (withdraw, cancel, move, delete).

use super::*;

pub(super) const ROWS: &[Access] = &[
    row(
        "/api/applicant-page",
        "POST",
        "An applicant's page: their record, status, session and application summary",
        false,
        COORDINATORS_HERE,
    ),
    row(
        "/api/applicant-changes",
        "POST",
        "An applicant's page: the changes open to them now",
        false,
        COORDINATORS_HERE,
    ),
    row(
        "/api/withdraw-applicant",
        "POST",
        "Withdraw the invitation of an applicant of this program",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/api/cancel-booking",
        "POST",
        "Cancel the confirmed booking of an applicant of this program",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/api/move-applicant",
        "POST",
        "Move a confirmed applicant of this program to another session",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/api/delete-applicant",
        "POST",
        "Delete an applicant of this program who never booked",
        true,
        COORDINATORS_HERE,
    ),
];
