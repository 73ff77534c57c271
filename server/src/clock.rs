//! The day clock's plain route: only when started with the test flag, the one that moves the
//! server's clock (`/test/clock`). (The browsers' countdowns read the server's time through the
//! `clock-now` server function.)

use app::server::AppState;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Form;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Move {
    /// Milliseconds to move forward (0 to a day).
    #[serde(default)]
    advance_ms: Option<i64>,
    /// Back to the system's time.
    #[serde(default)]
    reset: Option<String>,
}

/// Moves the test clock (only with `PORTAL_TEST_CLOCK=1`; otherwise there is no such page) and
/// answers its time; the ticker wakes to run what fell due.
pub async fn move_test_clock(
    State(state): State<AppState>,
    form: Result<Form<Move>, axum::extract::rejection::FormRejection>,
) -> Response {
    if !state.clock.movable() {
        return (StatusCode::NOT_FOUND, "No such page.").into_response();
    }
    let m = match form {
        Ok(Form(m)) => m,
        Err(e) => return (StatusCode::BAD_REQUEST, e.body_text()).into_response(),
    };
    if m.reset.is_some() {
        state.clock.reset();
    }
    if let Some(ms) = m.advance_ms {
        if !(0..=86_400_000).contains(&ms) {
            return (
                StatusCode::BAD_REQUEST,
                "advance_ms: move forward by 0 to 86,400,000 milliseconds.",
            )
                .into_response();
        }
        state.clock.advance(ms);
    }
    state.clock_wake.notify_one();
    (
        [(header::CACHE_CONTROL, "no-store")],
        state.clock.now().timestamp_millis().to_string(),
    )
        .into_response()
}
