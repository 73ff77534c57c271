//! Rows of the authorization matrix: the Communications page (the program's messages, one
//! message, resending) and writing to a list (coordinators; one message only of their program).

use super::*;
use crate::common::world::World;

pub(super) const ROWS: &[Access] = &[
    row(
        "/api/communications-page",
        "POST",
        "The Communications screen: the program's messages with where each stands, filtered, paged",
        false,
        COORDINATORS,
    ),
    row(
        "/api/message-page",
        "POST",
        "One message of this program, whole (its body as sent, secret links hidden)",
        false,
        COORDINATORS_HERE,
    ),
    row(
        "/api/resend-message",
        "POST",
        "Resend a message of this program (a sent one: as a new copy)",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/api/resend-failed",
        "POST",
        "Resend every message of the program the outbox gave up on",
        true,
        COORDINATORS,
    ),
    row(
        "/api/send-list-page",
        "POST",
        "The screen that writes to a list: the list, the message, its preview and count",
        false,
        COORDINATORS,
    ),
    row(
        "/api/send-to-list",
        "POST",
        "Send a one-off message to the applicants of a filter (one e-mail each)",
        true,
        COORDINATORS,
    ),
];

/// Alpha's message the outbox gave up on (the relay refused it), and Beta's.
pub const ALPHA_MESSAGE: i64 = 900_001;
pub const BETA_MESSAGE: i64 = 900_002;

/// The rows' arguments.
pub fn args(path: &str) -> Option<Vec<(&'static str, String)>> {
    let subject = "Parking on {{session_date}}".to_string();
    let body = "Dear {{applicant_name}},\n\nPark in lot B. {{coordinator_contact}}".to_string();
    Some(match path {
        "/api/communications-page" => vec![
            ("person", "alpha".into()),
            ("kind", "invitation".into()),
            ("state", "bounced".into()),
            ("from", "2026-01-01".into()),
            ("to", "2030-12-31".into()),
            ("q", "interview".into()),
            ("page", "1".into()),
        ],
        "/api/message-page" | "/api/resend-message" => vec![("id", ALPHA_MESSAGE.to_string())],
        "/api/resend-failed" => vec![],
        "/api/send-list-page" => vec![
            ("status", "invited_ready".into()),
            ("subject", subject),
            ("body", body),
        ],
        "/api/send-to-list" => vec![
            ("send[status]", "invited_ready".into()),
            ("send[subject]", subject),
            ("send[body]", body),
        ],
        _ => return None,
    })
}

/// A message of each program the relay refused for good (Alpha's to one of its applicants).
pub async fn prepare(w: &World) {
    let repo = &w.app.state.repo;
    for (id, program, to) in [
        (ALPHA_MESSAGE, w.alpha, "ana@alpha.test"),
        (BETA_MESSAGE, w.beta, "bob@beta.test"),
    ] {
        sqlx::query(
            "INSERT INTO outbox (id, program_id, to_email, subject, body, created_at,
                                 next_attempt_at, attempts, last_error, kind, failed_at, bounced,
                                 shown_body)
             VALUES ($1, $2, $3, 'Interview invitation', 'Dear applicant', $4, $4, 1,
                     '550 5.1.1 no such user', 'invitation', $4, 1, 'Dear applicant')",
        )
        .bind(id)
        .bind(program)
        .bind(to)
        .bind(app::db::now_ms())
        .execute(repo.pool())
        .await
        .unwrap();
    }
}
