//! Rows of the authorization matrix: applicants: the coordinator's list and actions, and the applicant's invitations and choices.

use super::*;

pub(super) const ROWS: &[Access] = &[
    for_scripts(row(
        "/api/list-applicants",
        "POST",
        "The applicants and their choices",
        false,
        COORDINATORS,
    )),
    row(
        "/api/applicants-page",
        "POST",
        "The applicants screen: the list with each one's next action",
        false,
        COORDINATORS,
    ),
    row(
        "/api/add-applicant-form",
        "POST",
        "The applicants screen's form that adds one",
        false,
        COORDINATORS,
    ),
    row(
        "/api/add-applicant",
        "POST",
        "Add an applicant",
        true,
        COORDINATORS,
    ),
    row(
        "/api/mark-invited",
        "POST",
        "Mark an applicant of this program Invited & Ready",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/api/send-invitation",
        "POST",
        "Send an applicant of this program the invitation",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/api/assign-session",
        "POST",
        "Confirm a pending applicant of this program",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/api/my-programs",
        "POST",
        "The programs whose invitation the caller may see",
        false,
        LOGGED_IN,
    ),
    row(
        "/api/submit-choices",
        "POST",
        "Choose first and second session",
        true,
        &[ApplicantHere],
    ),
    row(
        "/api/decline-invitation",
        "POST",
        "Decline the invitation",
        true,
        &[ApplicantHere],
    ),
];
