//! Rows of the authorization matrix: an applicant's change of plans and waitlist places
//! (their own invitation only), the program's rules for changes and its Waitlists screen
//! (coordinators). `prepare` gives the applicant here (`ana`) a confirmed interview in a
//! program of its own (Gamma) and a place in a line with a seat held for her in another
//! (Delta), and Alpha's second day a line of two.

use super::*;
use crate::common::world::World;

pub(super) const ROWS: &[Access] = &[
    row(
        "/api/cancel-my-interview",
        "POST",
        "Cancel one's own confirmed interview (until the cancel lock)",
        true,
        &[ApplicantHere],
    ),
    row(
        "/api/reschedule-my-interview",
        "POST",
        "Move one's own confirmed interview to another session with a seat (until the locks)",
        true,
        &[ApplicantHere],
    ),
    row(
        "/api/load-my-plans",
        "POST",
        "One's own change of plans in a program: the locks, whom to contact, places in line",
        false,
        LOGGED_IN,
    ),
    row(
        "/api/join-waitlist",
        "POST",
        "Wait for a seat in one or both full sessions",
        true,
        &[ApplicantHere],
    ),
    row(
        "/api/leave-waitlist",
        "POST",
        "Leave a line (declining the seat held, if any)",
        true,
        &[ApplicantHere],
    ),
    row(
        "/api/take-waitlist-seat",
        "POST",
        "Take the seat held for one, or a freed seat first come",
        true,
        &[ApplicantHere],
    ),
    row(
        "/api/save-change-rules",
        "POST",
        "Set the program's waitlist, offer hours, booking and cancel locks",
        true,
        COORDINATORS,
    ),
    row(
        "/api/waitlists-page",
        "POST",
        "The Waitlists screen: each session's line in order",
        false,
        COORDINATORS,
    ),
    row(
        "/api/reorder-waitlist",
        "POST",
        "Move an applicant to another place of a session's line",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/api/offer-waitlist-seat",
        "POST",
        "Offer a session's free seat to an applicant in its line",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/api/releases-page",
        "POST",
        "The Releases screen: sessions that open for booking at a set time",
        false,
        COORDINATORS,
    ),
    row(
        "/api/save-release",
        "POST",
        "Make a release: sessions of this program that open at a set time",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/api/delete-release",
        "POST",
        "Remove a release of this program (its sessions open at once)",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/api/dry-run-release",
        "POST",
        "What a fair release's draw would give now, in words",
        false,
        COORDINATORS_HERE,
    ),
    row(
        "/api/rank-sessions",
        "POST",
        "Rank a fair release's sessions while its window is open",
        true,
        &[ApplicantHere],
    ),
    row(
        "/api/load-my-releases",
        "POST",
        "One's fair releases: the window, the sessions, one's ranking, the seed's hash",
        false,
        LOGGED_IN,
    ),
];

/// A release of Alpha's spare day (the one `delete-release` removes).
const ALPHA_RELEASE: i64 = 910_041;

/// Gamma: ana confirmed in its first day, a second day with seats.
const GAMMA: i64 = 910_001;
const G1: i64 = 910_011;
const G2: i64 = 910_012;
/// Delta (waitlist in order): its first day (2 seats: fred's and the one held for ana), its
/// second full (gil).
const DELTA: i64 = 910_002;
const D1: i64 = 910_013;
const D2: i64 = 910_014;
/// Two of Alpha's applicants in its second day's line.
const IN_LINE_1: i64 = 910_031;
const IN_LINE_2: i64 = 910_032;

/// The rows' arguments.
pub fn args(path: &str, w: &World) -> Option<Vec<(&'static str, String)>> {
    let s = |v: i64| v.to_string();
    Some(match path {
        "/api/cancel-my-interview" => vec![("program_id", s(GAMMA))],
        "/api/load-my-plans" => vec![],
        "/api/reschedule-my-interview" => {
            vec![("program_id", s(GAMMA)), ("session_id", s(G2))]
        }
        "/api/join-waitlist" => vec![("program_id", s(DELTA)), ("session_a", s(D2))],
        "/api/leave-waitlist" | "/api/take-waitlist-seat" => {
            vec![("program_id", s(DELTA)), ("session_id", s(D1))]
        }
        "/api/save-change-rules" => vec![
            ("waitlist", "sequential".into()),
            ("offer_hours", "12".into()),
            ("booking_lock_days", "3".into()),
            ("cancel_lock_days", String::new()),
        ],
        "/api/waitlists-page" => vec![],
        "/api/reorder-waitlist" => vec![
            ("session_id", w.s2.to_string()),
            ("moved", s(IN_LINE_2)),
            ("to", "0".into()),
        ],
        "/api/offer-waitlist-seat" => vec![
            ("session_id", w.s2.to_string()),
            ("applicant_id", s(IN_LINE_1)),
        ],
        "/api/releases-page" => vec![],
        "/api/save-release" => vec![
            ("release[name]", "January dates".into()),
            ("release[date]", "2026-10-01".into()),
            ("release[time]", "10:00".into()),
            ("release[sessions][0]", w.s3.to_string()),
        ],
        "/api/delete-release" | "/api/dry-run-release" => vec![("id", s(ALPHA_RELEASE))],
        "/api/rank-sessions" => vec![
            ("ranking[program_id]", w.alpha.to_string()),
            ("ranking[release_id]", s(ALPHA_RELEASE)),
            ("ranking[choices][0]", w.s3.to_string()),
        ],
        "/api/load-my-releases" => vec![],
        _ => return None,
    })
}

/// The programs, sessions, applicants and lines the rows act on.
pub async fn prepare(w: &World) {
    let pool = w.app.state.repo.pool();
    let now = app::db::now_ms();
    let run = |sql: String| async move {
        sqlx::query(&sql).execute(pool).await.unwrap();
    };
    run(format!(
        "INSERT INTO programs (id, name, time_zone, self_scheduling, created_at, waitlist_mode)
         VALUES ({GAMMA}, 'Gamma Program', 'America/New_York', 1, {now}, 'off'),
                ({DELTA}, 'Delta Program', 'America/New_York', 1, {now}, 'sequential')"
    ))
    .await;
    run(format!(
        "INSERT INTO interview_sessions (id, program_id, name, session_date, start_time, end_time,
                                         time_zone, capacity, visible, created_at, updated_at)
         VALUES ({G1}, {GAMMA}, 'Gamma first', '2027-01-12', '08:00', '16:00', 'America/New_York', 10, 1, {now}, {now}),
                ({G2}, {GAMMA}, 'Gamma second', '2027-01-13', '08:00', '16:00', 'America/New_York', 10, 1, {now}, {now}),
                ({D1}, {DELTA}, 'Delta first', '2027-01-12', '08:00', '16:00', 'America/New_York', 2, 1, {now}, {now}),
                ({D2}, {DELTA}, 'Delta second', '2027-01-13', '08:00', '16:00', 'America/New_York', 1, 1, {now}, {now})"
    ))
    .await;
    let alpha = w.alpha.0;
    run(format!(
        "INSERT INTO applicants (id, program_id, email, name, status, invitation_sent_at,
                                 first_choice_id, second_choice_id, session_id, created_at, updated_at)
         VALUES (910_021, {GAMMA}, 'ana@alpha.test', 'Ana Person', 'confirmed', {now}, {G1}, {G2}, {G1}, {now}, {now}),
                (910_022, {DELTA}, 'fred@delta.test', 'Fred Person', 'confirmed', {now}, {D1}, NULL, {D1}, {now}, {now}),
                (910_023, {DELTA}, 'gil@delta.test', 'Gil Person', 'confirmed', {now}, {D2}, NULL, {D2}, {now}, {now}),
                (910_024, {DELTA}, 'ana@alpha.test', 'Ana Person', 'waitlisted', {now}, {D1}, {D2}, NULL, {now}, {now}),
                ({IN_LINE_1}, {alpha}, 'lena@alpha.test', 'Lena Person', 'waitlisted', {now}, NULL, NULL, NULL, {now}, {now}),
                ({IN_LINE_2}, {alpha}, 'mo@alpha.test', 'Mo Person', 'waitlisted', {now}, NULL, NULL, NULL, {now}, {now})"
    )
    .replace("910_0", "9100"))
    .await;
    let s3 = w.s3.0;
    run(format!(
        "INSERT INTO releases (id, program_id, name, opens_at, fair, window_hours, seed, seed_hash,
                               created_at)
         VALUES ({ALPHA_RELEASE}, {alpha}, 'Alpha spare release', {now}, 1, 48, 'alpha-seed',
                 '{}', {now})",
        app::booking::lottery::commitment(b"alpha-seed")
    ))
    .await;
    run(format!(
        "UPDATE interview_sessions SET release_id = {ALPHA_RELEASE} WHERE id = {s3}"
    ))
    .await;
    let held = now + 24 * 3600 * 1000;
    let s2 = w.s2.0;
    run(format!(
        "INSERT INTO waitlist_entries (program_id, session_id, applicant_id, position, joined_at,
                                       offered_at, offer_expires_at)
         VALUES ({DELTA}, {D1}, 910024, 1, {now}, {now}, {held}),
                ({alpha}, {s2}, {IN_LINE_1}, 1, {now}, NULL, NULL),
                ({alpha}, {s2}, {IN_LINE_2}, 2, {now}, NULL, NULL)"
    ))
    .await;
}
