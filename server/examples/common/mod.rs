//! What the in-process benchmarks share: a program of their own with its director, one visible
//! session, and invited applicants, made through the same workflows the server functions call.

use app::auth::domain::Role;
use app::auth::ssr::Staff;
use app::ids::SessionId;
use app::server::AppState;
use app::sessions::domain::SessionForm;

pub struct Bench {
    pub state: AppState,
    pub director: Staff,
    pub session: SessionId,
}

fn fail(e: app::error::AppError) -> anyhow::Error {
    anyhow::anyhow!("{e}")
}

/// Connects to `url`, then makes the program ("<name> Program", a director unique to this
/// process), a visible session of `seats` seats on 1 March 2027, and `invited` applicants
/// (added, Invited & Ready, invitation sent).
pub async fn bench(url: &str, name: &str, seats: i64, invited: &[String]) -> anyhow::Result<Bench> {
    let repo = app::db::Repo::connect(url, 8).await?;
    let options = leptos::prelude::LeptosOptions::builder()
        .output_name("interview-portal")
        .build();
    let state = server::app_state(options, repo, app::server::Config::default());
    let director = format!(
        "director{}@{}.test",
        std::process::id(),
        name.to_lowercase()
    );
    let program = format!("{name} Program");
    let (program_id, _) =
        app::programs::ssr::create_program(&state, &program, "America/New_York", &director, "D")
            .await
            .map_err(fail)?;
    let user = state
        .repo
        .user_by_email(state.repo.pool(), &director)
        .await?
        .expect("the director just created");
    let by = Staff {
        user_id: user.id,
        program_id,
        role: Role::Director,
    };
    let form = SessionForm {
        id: None,
        name: format!("{name} day"),
        date: "2027-03-01".into(),
        start: "08:00".into(),
        end: "16:00".into(),
        time_zone: "America/New_York".into(),
        capacity: seats.to_string(),
        visible: true,
    };
    let session = app::sessions::ssr::save_session(&state, by, &form)
        .await
        .map_err(fail)?;
    for email in invited {
        app::applicants::ssr::add_applicant(&state, by, "Bench Applicant", email)
            .await
            .map_err(fail)?;
    }
    for a in state.repo.applicants(program_id).await? {
        app::applicants::ssr::mark_invited(&state, by, a.id)
            .await
            .map_err(fail)?;
        app::applicants::ssr::send_invitation(&state, by, a.id)
            .await
            .map_err(fail)?;
    }
    Ok(Bench {
        state,
        director: by,
        session,
    })
}

/// A login session of `by` in their program, as the cookie a browser tab sends.
#[allow(dead_code)] // Only the push benchmarks open tabs.
pub async fn login_cookie(state: &AppState, by: Staff) -> anyhow::Result<String> {
    let (token, hash) = app::auth::ssr::new_token();
    state
        .repo
        .create_login_session(
            &hash,
            by.user_id,
            Some(by.program_id),
            app::db::now_ms() + 3_600_000,
        )
        .await?;
    Ok(format!("{}={token}", app::auth::ssr::SESSION_COOKIE))
}

/// The `q` quantile of sorted durations, in milliseconds.
#[allow(dead_code)] // Not every benchmark reports latencies.
pub fn quantile(sorted: &[std::time::Duration], q: f64) -> f64 {
    sorted[((sorted.len() as f64 * q) as usize).min(sorted.len() - 1)].as_secs_f64() * 1000.0
}
