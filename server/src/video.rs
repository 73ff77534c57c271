//! The portal's video routes outside the app's pages: the setup check's signalling WebSocket
//! (`/video/check/signal`), for anyone logged in. A plain request that passes the guard (no
//! upgrade) is told to open it as a WebSocket (426).

use app::auth::ssr::Caller;
use app::media::MAX_OFFER_BYTES;
use app::server::AppState;
use axum::extract::ws::{rejection::WebSocketUpgradeRejection, WebSocketUpgrade};
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

pub const CHECK_SIGNAL: &str = "/video/check/signal";

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

/// The setup check's signalling: the browser's offer in, the media server's answer out.
pub async fn check_signal(
    State(state): State<AppState>,
    _caller: Caller,
    headers: HeaderMap,
    ws: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> Response {
    if !same_origin(&headers, &state.config.public_url) {
        return (
            StatusCode::FORBIDDEN,
            "Open the video from the portal's own pages.",
        )
            .into_response();
    }
    match ws {
        Ok(ws) => ws
            .max_message_size(MAX_OFFER_BYTES + 1024)
            .on_upgrade(move |socket| app::video::ssr::check(state, socket)),
        Err(_) => (
            StatusCode::UPGRADE_REQUIRED,
            "This is the video's signalling: a browser opens it as a WebSocket.",
        )
            .into_response(),
    }
}
