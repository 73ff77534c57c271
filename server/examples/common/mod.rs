//! What the in-process benchmarks share: a program of their own with its director, one visible
//! session, and invited applicants, made through the same workflows the server functions call.

use app::auth::domain::Role;
use app::auth::ssr::Staff;
use app::ids::SessionId;
use app::server::AppState;
use app::sessions::domain::SessionForm;

#[allow(dead_code)] // The release rush makes a world of its own.
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
#[allow(dead_code)] // The release rush makes a world of its own.
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
    let by = new_program(&state, &format!("{name} Program"), &director).await?;
    let program_id = by.program_id;
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

/// Makes the program `name` (New York time) with `director` as its director.
pub async fn new_program(state: &AppState, name: &str, director: &str) -> anyhow::Result<Staff> {
    let (program_id, _) =
        app::programs::ssr::create_program(state, name, "America/New_York", director, "D")
            .await
            .map_err(fail)?;
    let user = state
        .repo
        .user_by_email(state.repo.pool(), director)
        .await?
        .expect("the director just created");
    Ok(Staff {
        user_id: user.id,
        program_id,
        role: Role::Director,
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

/// Opens `tabs` push streams (`/events` with `cookie`) on the router, each read by its own task
/// that hands every message it decodes, with its tab and arrival, to `heard`.
#[allow(dead_code)] // Not every benchmark holds tabs open.
pub async fn open_tabs<F>(
    router: &axum::Router,
    cookie: &str,
    tabs: usize,
    heard: F,
) -> anyhow::Result<()>
where
    F: Fn(usize, app::live::LiveMessage, std::time::Instant) + Clone + Send + 'static,
{
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    for tab in 0..tabs {
        let req = http::Request::get("/events")
            .header("cookie", cookie)
            .body(axum::body::Body::empty())?;
        let mut body = router.clone().oneshot(req).await?.into_body();
        let heard = heard.clone();
        tokio::spawn(async move {
            let mut text = String::new();
            while let Some(Ok(frame)) = body.frame().await {
                let Some(data) = frame.data_ref() else {
                    continue;
                };
                let at = std::time::Instant::now();
                for msg in push_messages(&mut text, data) {
                    heard(tab, msg, at);
                }
            }
        });
    }
    Ok(())
}

/// The push messages complete in `text` once `data` (a chunk of the event stream) is added to
/// it; what is left of an event stays in `text` for the next chunk.
#[allow(dead_code)] // Only the benchmarks that hold push streams.
pub fn push_messages(text: &mut String, data: &[u8]) -> Vec<app::live::LiveMessage> {
    text.push_str(&String::from_utf8_lossy(data));
    let mut out = Vec::new();
    while let Some(end) = text.find("\n\n") {
        let event: String = text.drain(..end + 2).collect();
        out.extend(
            event
                .lines()
                .find_map(|l| l.strip_prefix("data: "))
                .and_then(app::live::LiveMessage::from_wire),
        );
    }
    out
}

/// Generates the session's draft from its plan and rooms (as "Generate" does).
#[allow(dead_code)] // Not every benchmark builds a day.
pub async fn generate_draft(
    state: &AppState,
    by: Staff,
    session: app::ids::SessionId,
) -> anyhow::Result<()> {
    let fail = |e: app::error::AppError| anyhow::anyhow!("{e}");
    let page = app::day::ssr::day_page(state, by, session)
        .await
        .map_err(fail)?;
    app::day::ssr::generate(state, by, session, page.draft_version)
        .await
        .map_err(fail)?;
    Ok(())
}

/// A memory figure of this process (`VmRSS`, `VmHWM`: the peak), in MB.
#[allow(dead_code)] // Not every benchmark reports memory.
pub fn rss_mb(field: &str) -> u64 {
    rss_mb_of("self", field)
}

/// [`rss_mb`] of the process `pid` (`self`: this one).
#[allow(dead_code)] // Not every benchmark reports memory.
pub fn rss_mb_of(pid: &str, field: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(0)
        / 1024
}

/// Posts `query` to a server function as the browser's panel does; the answer's bytes.
#[allow(dead_code)] // The benchmarks of server-written screens.
pub async fn post(
    router: &axum::Router,
    cookie: &str,
    endpoint: &str,
    query: &str,
) -> anyhow::Result<Vec<u8>> {
    let body = form_urlencoded::Serializer::new(String::new())
        .append_pair("query", query)
        .finish();
    let req = http::Request::post(format!("/api/{endpoint}"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", app::codec::COMPACT)
        .header("cookie", cookie)
        .body(axum::body::Body::from(body))?;
    let res = tower::ServiceExt::oneshot(router.clone(), req).await?;
    anyhow::ensure!(res.status() == 200, "{endpoint}: {}", res.status());
    Ok(http_body_util::BodyExt::collect(res.into_body())
        .await?
        .to_bytes()
        .to_vec())
}

/// `n` applicants in one transaction: "Person 0000" …, e-mails `p0000@list.test`, application
/// ids `AAMC0000`; a third Interview Candidate, a third Invited & Ready (sent), a third
/// Confirmed in one of the sessions (chosen first, another second).
#[allow(dead_code)] // The benchmarks of a season's applicants.
pub async fn seed(
    state: &app::server::AppState,
    program: app::ids::ProgramId,
    n: usize,
    sessions: &[SessionId],
) -> anyhow::Result<()> {
    let repo = &state.repo;
    let mut tx = repo.begin_write().await?;
    for i in 0..n {
        let (email, name) = (format!("p{i:04}@list.test"), format!("Person {i:04}"));
        let id = repo.add_applicant(&mut tx, program, &email, &name).await?;
        sqlx::query("UPDATE applicants SET application_id = $1, first_name = $2, last_name = $3 WHERE id = $4")
            .bind(format!("AAMC{i:04}"))
            .bind("Person")
            .bind(format!("{i:04}"))
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let (first, second) = (
            sessions[i % sessions.len()],
            sessions[(i + 1) % sessions.len()],
        );
        let row = match i % 3 {
            0 => continue,
            1 => app::applicants::types::ApplicantView {
                id,
                name,
                email,
                status: app::applicants::domain::Status::InvitedReady,
                invitation_sent_at: Some(chrono::Utc::now()),
                first_choice: None,
                second_choice: None,
                session_id: None,
            },
            _ => app::applicants::types::ApplicantView {
                id,
                name,
                email,
                status: app::applicants::domain::Status::Confirmed,
                invitation_sent_at: Some(chrono::Utc::now()),
                first_choice: Some(first),
                second_choice: Some(second),
                session_id: Some(first),
            },
        };
        repo.update_applicant(&mut tx, &row).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// `count` more visible sessions of 400 seats ("<name> 01" …), on the days of March 2027 in
/// turn.
#[allow(dead_code)] // The benchmarks of a season's applicants.
pub async fn more_sessions(
    state: &AppState,
    director: Staff,
    name: &str,
    count: usize,
) -> anyhow::Result<Vec<SessionId>> {
    let mut out = Vec::new();
    for i in 1..=count {
        let form = SessionForm {
            id: None,
            name: format!("{name} {i:02}"),
            date: format!("2027-03-{:02}", 1 + i % 28),
            start: "08:00".into(),
            end: "16:00".into(),
            time_zone: "America/New_York".into(),
            capacity: "400".into(),
            visible: true,
        };
        out.push(
            app::sessions::ssr::save_session(state, director, &form)
                .await
                .map_err(fail)?,
        );
    }
    Ok(out)
}
