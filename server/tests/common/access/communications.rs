//! Rows of the authorization matrix: the program's e-mail templates (coordinators).

use super::*;

pub(super) const ROWS: &[Access] = &[
    row(
        "/api/templates-page",
        "POST",
        "The e-mail templates screen: the kinds of message, one in the editor, its preview with an applicant of the program",
        false,
        COORDINATORS,
    ),
    row(
        "/api/save-template",
        "POST",
        "Save the program's subject and body for a kind of message (unknown placeholders refused with their place)",
        true,
        COORDINATORS,
    ),
    row(
        "/api/reset-template",
        "POST",
        "Send the portal's default text for a kind of message again",
        true,
        COORDINATORS,
    ),
];

/// The rows' arguments.
pub fn args(path: &str) -> Option<Vec<(&'static str, String)>> {
    Some(match path {
        "/api/templates-page" => vec![("kind", "invitation".into())],
        "/api/save-template" => vec![
            ("kind", "invitation".into()),
            ("subject", "Come and interview: {{program}}".into()),
            (
                "body",
                "Dear {{applicant_name}},\n\nLog in at {{portal_link}}.".into(),
            ),
        ],
        "/api/reset-template" => vec![("kind", "invitation".into())],
        _ => return None,
    })
}
