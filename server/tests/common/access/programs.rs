//! Rows of the authorization matrix: a program: its overview, staff and settings.

use super::*;

pub(super) const ROWS: &[Access] = &[
    row(
        "/api/overview-page",
        "POST",
        "The overview screen: the program at a glance",
        false,
        STAFF,
    ),
    for_scripts(row(
        "/api/list-staff",
        "POST",
        "The program's staff",
        false,
        COORDINATORS,
    )),
    row(
        "/api/staff-page",
        "POST",
        "The staff screen: the list and the form that adds someone",
        false,
        COORDINATORS,
    ),
    row(
        "/api/add-staff",
        "POST",
        "Add a staff member (up to one's own rank)",
        true,
        COORDINATORS,
    ),
    for_scripts(row(
        "/api/program-settings",
        "POST",
        "The program's settings",
        false,
        COORDINATORS,
    )),
    row(
        "/api/settings-page",
        "POST",
        "The settings screen",
        false,
        COORDINATORS,
    ),
    row(
        "/api/save-settings",
        "POST",
        "Change self-scheduling",
        true,
        COORDINATORS,
    ),
];
