//! The rush's world, made in process through the app's own repository before the server starts
//! (not measured): a program with its director, S visible sessions sharing K seats, N applicants
//! with accounts, Invited & Ready with their invitation sent, logged in (a login session each,
//! the row a login writes), and their first and second choices drawn from a seeded distribution.

use app::applicants::domain::Status;
use app::ids::{ProgramId, SessionId};
use app::server::AppState;
use app::sessions::domain::SessionForm;
use rand::{Rng, SeedableRng};

/// One applicant of the rush: their login cookie and their two choices.
pub struct Person {
    pub email: String,
    pub cookie: String,
    pub first: SessionId,
    pub second: SessionId,
}

impl Person {
    /// Their "Submit choices" form for `program`, as the booking picker posts it.
    pub fn choices_form(&self, program: ProgramId) -> String {
        format!(
            "program_id={}&first_choice={}&second_choice={}",
            program.0, self.first.0, self.second.0
        )
    }
}

/// The session a "Submit choices" answer (JSON) confirmed, if it did.
pub fn confirmed_in(answer: &[u8]) -> Option<i64> {
    serde_json::from_slice::<serde_json::Value>(answer)
        .ok()
        .and_then(|v| v["booking"]["Confirmed"]["session_id"].as_i64())
}

pub struct World {
    pub program: ProgramId,
    pub director_cookie: String,
    /// Each session and its seats.
    pub sessions: Vec<(SessionId, i64)>,
    pub people: Vec<Person>,
}

fn fail(e: app::error::AppError) -> anyhow::Error {
    anyhow::anyhow!("{e}")
}

/// The weights of the sessions' popularity: session `i` (from 0) is chosen in proportion to
/// 1 / (i + 1), a Zipf law, so the first few sessions are wanted by many (as in life: the
/// earliest dates, a Friday) and the last by few.
pub fn popularity(sessions: usize) -> Vec<f64> {
    (0..sessions).map(|i| 1.0 / (i as f64 + 1.0)).collect()
}

/// A first choice by popularity, then a second among the others, by popularity too; the same
/// for the same `seed` on every machine (ChaCha8).
pub fn draw_choices(n: usize, sessions: usize, seed: u64) -> Vec<(usize, usize)> {
    let weights = popularity(sessions);
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let mut pick = |skip: Option<usize>| {
        let total: f64 = weights
            .iter()
            .enumerate()
            .filter(|(i, _)| Some(*i) != skip)
            .map(|(_, w)| w)
            .sum();
        let mut at = rng.gen::<f64>() * total;
        for (i, w) in weights.iter().enumerate() {
            if Some(i) == skip {
                continue;
            }
            if at < *w {
                return i;
            }
            at -= w;
        }
        (0..sessions).rev().find(|i| Some(*i) != skip).unwrap_or(0)
    };
    (0..n)
        .map(|_| {
            let first = pick(None);
            (first, pick(Some(first)))
        })
        .collect()
}

/// Makes the program "`name`": `sessions` sessions over `seats` seats, `n` applicants.
pub async fn make(
    state: &AppState,
    name: &str,
    n: usize,
    seats: i64,
    sessions: usize,
    seed: u64,
) -> anyhow::Result<World> {
    let tag = format!(
        "{}-{}",
        name.to_lowercase().replace(' ', "-"),
        std::process::id()
    );
    let director = format!("director-{tag}@rush.test");
    let by = super::common::new_program(state, name, &director).await?;
    let program = by.program_id;
    let mut made = Vec::new();
    for i in 0..sessions {
        let capacity = seats / sessions as i64 + i64::from((i as i64) < seats % sessions as i64);
        let form = SessionForm {
            id: None,
            name: format!("Session {}", i + 1),
            date: (chrono::NaiveDate::from_ymd_opt(2027, 3, 1).unwrap()
                + chrono::Days::new(i as u64))
            .to_string(),
            start: "08:00".into(),
            end: "16:00".into(),
            time_zone: "America/New_York".into(),
            capacity: capacity.to_string(),
            visible: true,
        };
        let id = app::sessions::ssr::save_session(state, by, &form)
            .await
            .map_err(fail)?;
        made.push((id, capacity));
    }

    // Accounts and applicants, 500 to a transaction; one password hash for all (a login's
    // cost is measured on its own).
    let hash = app::auth::ssr::hash_password("rush-password".into())
        .await
        .map_err(fail)?;
    let emails: Vec<String> = (0..n).map(|i| format!("a{i}-{tag}@rush.test")).collect();
    let mut users = Vec::with_capacity(n);
    for chunk in emails.chunks(500) {
        let mut tx = state.repo.begin_write().await?;
        for email in chunk {
            state
                .repo
                .add_applicant(&mut tx, program, email, "Rush Applicant")
                .await?;
            let user = state
                .repo
                .ensure_user(&mut tx, email, "Rush Applicant")
                .await?;
            state
                .repo
                .set_password_verified(&mut tx, user, &hash)
                .await?;
            users.push(user);
        }
        tx.commit().await?;
    }
    let sent = chrono::Utc::now();
    let mut views = state.repo.applicants(program).await?;
    for chunk in views.chunks_mut(500) {
        let mut tx = state.repo.begin_write().await?;
        for a in chunk {
            a.status = Status::InvitedReady;
            a.invitation_sent_at = Some(sent);
            state.repo.update_applicant(&mut tx, a).await?;
        }
        tx.commit().await?;
    }

    let expires = app::db::now_ms() + 86_400_000;
    let mut cookies = Vec::with_capacity(n);
    for user in &users {
        let (token, hash) = app::auth::ssr::new_token();
        state
            .repo
            .create_login_session(&hash, *user, None, expires)
            .await?;
        cookies.push(format!("{}={token}", app::auth::ssr::SESSION_COOKIE));
    }
    let (token, hash) = app::auth::ssr::new_token();
    state
        .repo
        .create_login_session(&hash, by.user_id, Some(program), expires)
        .await?;
    let director_cookie = format!("{}={token}", app::auth::ssr::SESSION_COOKIE);

    let choices = draw_choices(n, sessions, seed);
    let people = emails
        .into_iter()
        .zip(cookies)
        .zip(choices)
        .map(|((email, cookie), (first, second))| Person {
            email,
            cookie,
            first: made[first].0,
            second: made[second].0,
        })
        .collect();
    Ok(World {
        program,
        director_cookie,
        sessions: made,
        people,
    })
}

/// Holds the sessions closed in a release that opens at `at` (a new release takes them from
/// the one before, as the release feature does).
pub async fn release_at(
    state: &AppState,
    world: &World,
    at: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<()> {
    let ids: Vec<SessionId> = world.sessions.iter().map(|(id, _)| *id).collect();
    let mut tx = state.repo.begin_write().await?;
    state
        .repo
        .create_release(
            &mut tx,
            world.program,
            &app::release::repo::NewRelease {
                name: "Release day",
                opens_at: at,
                fair: None,
            },
            &ids,
        )
        .await?;
    tx.commit().await?;
    Ok(())
}

/// After the rush, from the database: the seats taken in each session (status Confirmed), and
/// the applicants' sessions by e-mail.
pub async fn stored(
    state: &AppState,
    world: &World,
) -> anyhow::Result<(
    Vec<i64>,
    std::collections::HashMap<String, Option<SessionId>>,
)> {
    let views = state.repo.applicants(world.program).await?;
    let taken = world
        .sessions
        .iter()
        .map(|(id, _)| {
            views
                .iter()
                .filter(|a| a.status == Status::Confirmed && a.session_id == Some(*id))
                .count() as i64
        })
        .collect();
    let by_email = views
        .into_iter()
        .map(|a| {
            let confirmed = (a.status == Status::Confirmed)
                .then_some(a.session_id)
                .flatten();
            (a.email, confirmed)
        })
        .collect();
    Ok((taken, by_email))
}

/// Seats taken beyond each session's capacity, summed (`taken` in the order of the sessions).
pub fn overbooked(world: &World, taken: &[i64]) -> i64 {
    taken
        .iter()
        .zip(&world.sessions)
        .map(|(t, (_, seats))| (t - seats).max(0))
        .sum()
}
