//! Rows of the authorization matrix: accounts: who is logged in, sign-up, set password, switching role and program.

use super::*;

pub(super) const ROWS: &[Access] = &[
    row(
        "/api/current-user",
        "POST",
        "Who am I (nothing for a visitor)",
        false,
        EVERYONE,
    ),
    row(
        "/api/login-page",
        "POST",
        "The log-in screen",
        false,
        EVERYONE,
    ),
    row("/api/login", "POST", "Log in", true, EVERYONE),
    row("/api/logout", "POST", "Log out", true, EVERYONE),
    row(
        "/api/sign-up-page",
        "POST",
        "The sign-up screen (or, after one, where the link went)",
        false,
        EVERYONE,
    ),
    row(
        "/api/sign-up",
        "POST",
        "Applicant sign-up (same answer for every e-mail)",
        true,
        EVERYONE,
    ),
    row(
        "/api/verify-page",
        "POST",
        "The screen of a sign-up link",
        false,
        EVERYONE,
    ),
    row(
        "/api/confirm-email",
        "POST",
        "Confirm a sign-up link",
        true,
        EVERYONE,
    ),
    row(
        "/api/set-password-page",
        "POST",
        "The screen of a set-password link",
        false,
        EVERYONE,
    ),
    row(
        "/api/set-password",
        "POST",
        "Set a password through a link",
        true,
        EVERYONE,
    ),
    row(
        "/api/switch-role",
        "POST",
        "Switch to interviewer and back",
        true,
        DIRECTORS_AND_MANAGERS,
    ),
    row(
        "/api/switch-program",
        "POST",
        "Act in another program one is staff of",
        true,
        STAFF_OF_THIS_PROGRAM,
    ),
];
