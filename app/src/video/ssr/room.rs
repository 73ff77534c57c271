//! A member's signalling in a room: their browser's offer in, the media server's answer out,
//! then the room's news (who is in which of their receiving slots, who left) as it happens,
//! until the socket closes; leaving the room with it.
//!
//! Messages to the browser, as JSON:
//! - `{"type":"answer","sdp":…}` once;
//! - `{"type":"arrived","slot":n,"name":…,"role":…}` and `{"type":"left","slot":n}`;
//! - `{"type":"refused","why":…}` before closing, when the offer could not be used.

use super::{refused, OFFER_WITHIN};
use crate::auth::ssr::Caller;
use crate::media::{Part, RoomNews, Shown, MAX_OFFER_BYTES};
use crate::server::AppState;
use crate::video::domain::Part as RoomPart;
use axum::extract::ws::{Message, WebSocket};

/// The room news as the browser reads it.
pub fn news_json(news: &RoomNews) -> String {
    match news {
        RoomNews::Arrived { slot, shown } => serde_json::json!({
            "type": "arrived",
            "slot": slot,
            "name": shown.name,
            "role": shown.role,
        }),
        RoomNews::Left { slot } => serde_json::json!({ "type": "left", "slot": slot }),
    }
    .to_string()
}

/// How a member is shown to the others: a coordinator by their role only ("Coordinator
/// joined"), anyone else by their name and part.
pub fn shown(caller: &Caller, part: RoomPart) -> Shown {
    let role = super::door::part_word(part).to_string();
    let name = match part {
        RoomPart::Coordinator => "Coordinator".to_string(),
        _ => caller.name.clone(),
    };
    Shown { name, role }
}

/// The signalling of `caller`, let in at the door as `part`, in the room of the link `token`.
pub async fn room(
    state: AppState,
    caller: Caller,
    token: String,
    part: RoomPart,
    mut socket: WebSocket,
) {
    let offer = match tokio::time::timeout(OFFER_WITHIN, socket.recv()).await {
        Ok(Some(Ok(Message::Text(text)))) if text.len() <= MAX_OFFER_BYTES => text,
        Ok(Some(Ok(Message::Text(_)))) => {
            let why = refused("The browser's offer is too large.");
            let _ = socket.send(Message::Text(why.into())).await;
            return;
        }
        _ => return,
    };
    tracing::debug!(bytes = offer.len(), "a video room's offer");
    let member = Part::Member {
        room: token,
        shown: shown(&caller, part),
    };
    let joined = match state.sfu.get(state.config.video).await {
        Ok(sfu) => sfu.join(offer.as_str(), member).await,
        Err(e) => Err(e),
    };
    let mut joined = match joined {
        Ok((answer, joined)) => {
            if socket.send(Message::Text(answer.into())).await.is_err() {
                return;
            }
            joined
        }
        Err(e) => {
            tracing::info!(error = %e, "a video room's offer was refused");
            let why = refused(&e.to_string());
            let _ = socket.send(Message::Text(why.into())).await;
            return;
        }
    };
    loop {
        tokio::select! {
            news = joined.news.recv() => match news {
                Some(news) => {
                    if socket.send(Message::Text(news_json(&news).into())).await.is_err() {
                        break;
                    }
                }
                None => break,
            },
            message = socket.recv() => match message {
                Some(Ok(Message::Close(_))) | Some(Err(_)) | None => break,
                Some(Ok(_)) => {}
            },
        }
    }
}
