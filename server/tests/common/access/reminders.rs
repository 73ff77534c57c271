//! Rows of the authorization matrix: reminders (the program's settings, coordinators) and each
//! staff member's own notifications (alerts of changes, the daily digest).

use super::*;

pub(super) const ROWS: &[Access] = &[
    row(
        "/api/reminders-page",
        "POST",
        "The reminders screen: reminders to applicants and interviewers, the digest's hour, who on the staff hears of what",
        false,
        COORDINATORS,
    ),
    row(
        "/api/save-reminders",
        "POST",
        "Set the program's reminders (days and/or hours before) and the digest's hour",
        true,
        COORDINATORS,
    ),
    row(
        "/api/notifications-page",
        "POST",
        "One's own notifications screen (alerts of changes to applicants, the digest)",
        false,
        STAFF,
    ),
    row(
        "/api/save-notifications",
        "POST",
        "Choose which changes to applicants one is told of, and the digest",
        true,
        STAFF,
    ),
];

/// The rows' arguments.
pub fn args(path: &str) -> Option<Vec<(&'static str, String)>> {
    Some(match path {
        "/api/reminders-page" | "/api/notifications-page" => vec![],
        "/api/save-reminders" => vec![
            ("reminders[first_days]", "2".into()),
            ("reminders[first_hours]", String::new()),
            ("reminders[second_days]", String::new()),
            ("reminders[second_hours]", "3".into()),
            ("reminders[staff_days]", "1".into()),
            ("reminders[staff_hours]", String::new()),
            ("reminders[digest_hour]", "8".into()),
        ],
        "/api/save-notifications" => vec![
            ("alerts[cancelled]", "true".into()),
            ("alerts[digest]", "true".into()),
        ],
        _ => return None,
    })
}
