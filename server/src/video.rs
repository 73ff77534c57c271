//! The portal's video routes outside the app's pages: the signalling WebSockets of the setup
//! check (`/video/check/signal`, anyone logged in) and of a room (`/video/{room}/signal`, whom
//! its door lets in now). A plain request that passes the guards (no upgrade) is told to open it
//! as a WebSocket (426).

use app::auth::ssr::Caller;
use app::media::MAX_OFFER_BYTES;
use app::server::AppState;
use axum::extract::ws::{rejection::WebSocketUpgradeRejection, WebSocketUpgrade};
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

pub const CHECK_SIGNAL: &str = "/video/check/signal";
pub const ROOM_SIGNAL: &str = "/video/{room}/signal";

/// Whether the request comes from a page of this portal: a browser names the page's origin
/// (another site's page could otherwise open the socket with the person's cookie). The portal's
/// origin is its `PUBLIC_URL`, or the host the request was sent to.
fn same_origin(headers: &HeaderMap, public_url: &str) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        // Not a browser's page (a script of the person's own): nothing to guard against.
        return true;
    };
    if origin.eq_ignore_ascii_case(public_url.trim_end_matches('/')) {
        return true;
    }
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    origin
        .split_once("://")
        .is_some_and(|(_, rest)| rest.eq_ignore_ascii_case(host))
}

fn other_origin() -> Response {
    (
        StatusCode::FORBIDDEN,
        "Open the video from the portal's own pages.",
    )
        .into_response()
}

fn plain_request() -> Response {
    (
        StatusCode::UPGRADE_REQUIRED,
        "This is the video's signalling: a browser opens it as a WebSocket.",
    )
        .into_response()
}

/// The setup check's signalling: the browser's offer in, the media server's answer out.
pub async fn check_signal(
    State(state): State<AppState>,
    _caller: Caller,
    headers: HeaderMap,
    ws: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> Response {
    if !same_origin(&headers, &state.config.public_url) {
        return other_origin();
    }
    match ws {
        Ok(ws) => ws
            .max_message_size(2 * MAX_OFFER_BYTES)
            .on_upgrade(move |socket| app::video::ssr::check(state, socket)),
        Err(_) => plain_request(),
    }
}

/// A room's signalling: the door first (refused, or asked to wait: 403 with why, nothing of
/// the room said), then the member's offer, the answer and the room's news.
pub async fn room_signal(
    State(state): State<AppState>,
    caller: Caller,
    Path(token): Path<String>,
    headers: HeaderMap,
    ws: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> Response {
    use app::video::domain::Door;
    if !same_origin(&headers, &state.config.public_url) {
        return other_origin();
    }
    let part = match app::video::ssr::door_for(&state, &caller, &token).await {
        Ok(Door::Enter(part)) => part,
        Ok(Door::Wait { why, .. } | Door::Refused(why) | Door::Over(why)) => {
            return (StatusCode::FORBIDDEN, why).into_response()
        }
        Err(e) => {
            let status =
                StatusCode::from_u16(e.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            return (status, e.to_string()).into_response();
        }
    };
    match ws {
        Ok(ws) => ws
            .max_message_size(2 * MAX_OFFER_BYTES)
            .on_upgrade(move |socket| app::video::ssr::room(state, caller, token, part, socket)),
        Err(_) => plain_request(),
    }
}
