//! The signalling of the portal's video over a WebSocket, authenticated by the login session:
//! the browser's offer in, the media server's answer out, the participant kept while the socket
//! is open. The setup check (`/video/check/signal`), whose media comes back to it; a room's
//! members (`/video/{token}/signal`, [`room`]), let in by the door of its link ([`door_for`]):
//! who the caller is there and what the rules say now.

mod door;
mod room;

pub use door::{door_for, room_door};
pub use room::room;

use crate::error::AppError;
use crate::media::{Part, MAX_OFFER_BYTES};
use crate::server::AppState;
use axum::extract::ws::{Message, WebSocket};
use std::time::Duration;

// The browser offers as many receiving lines as the media server fills.
const _: () = assert!(crate::media::SLOTS == super::types::SLOTS);

/// How long a setup check's connection may stay open.
pub const CHECK_FOR: Duration = Duration::from_secs(120);

/// How long the browser has to send its offer once the socket is open.
pub(super) const OFFER_WITHIN: Duration = Duration::from_secs(20);

/// A refusal as the browser reads it: `{"type":"refused","why":…}`.
pub fn refused(why: &str) -> String {
    serde_json::json!({ "type": "refused", "why": why }).to_string()
}

/// The TURN relays for the caller's browser (`crate::media::relays`), by the real time: the
/// TURN server checks the credentials' expiry against its own clock, never the test clock.
pub fn relays(state: &AppState, caller: &crate::auth::caller::Caller) -> Vec<super::types::Relay> {
    state
        .config
        .turn
        .iter()
        .map(|turn| {
            let c = turn.relay_for(&caller.user_id.to_string(), chrono::Utc::now());
            super::types::Relay {
                urls: c.urls,
                username: c.username,
                credential: c.credential,
            }
        })
        .collect()
}

/// The setup check: takes the browser's offer, answers it, and echoes its media until the
/// socket closes (or [`CHECK_FOR`] has passed). A bad offer is answered with why, and the
/// socket closed.
pub async fn check(state: AppState, mut socket: WebSocket) {
    let offer = match tokio::time::timeout(OFFER_WITHIN, socket.recv()).await {
        Ok(Some(Ok(Message::Text(text)))) if text.len() <= MAX_OFFER_BYTES => text,
        Ok(Some(Ok(Message::Text(_)))) => {
            let _ = socket
                .send(Message::Text(
                    refused("The browser's offer is too large.").into(),
                ))
                .await;
            return;
        }
        _ => return,
    };
    let joined = match join(&state, offer.as_str()).await {
        Ok((answer, joined)) => {
            if socket.send(Message::Text(answer.into())).await.is_err() {
                return;
            }
            joined
        }
        Err(e) => {
            let _ = socket
                .send(Message::Text(refused(&e.to_string()).into()))
                .await;
            return;
        }
    };
    let _ = tokio::time::timeout(CHECK_FOR, async {
        while let Some(Ok(message)) = socket.recv().await {
            if matches!(message, Message::Close(_)) {
                break;
            }
        }
    })
    .await;
    drop(joined);
}

async fn join(state: &AppState, offer: &str) -> Result<(String, crate::media::Joined), AppError> {
    let sfu = state.sfu.get(state.config.video).await?;
    sfu.join(offer, Part::Echo).await
}
