//! The push route: `GET /events`, server-sent events for one browser tab. Authenticated by the
//! session cookie (a plain axum handler, not a server function); forwards only events of the
//! caller's program(s) that their role may see, coalesced: at most one message per 200 ms,
//! holding the latest fill of each session that changed.

use app::auth::ssr::Caller;
use app::ids::{ProgramId, SessionId};
use app::live::{Event, LiveMessage};
use app::server::AppState;
use app::sessions::domain::Fill;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::convert::Infallible;
use std::time::Duration;
use tokio::sync::broadcast::error::RecvError;

/// What a connection may see.
enum Scope {
    /// Staff of this program: every session.
    Staff(ProgramId),
    /// An applicant (their e-mail): the visible sessions of the programs that invited them,
    /// and changes to their own record.
    Applicant(String, Vec<ProgramId>),
}

impl Scope {
    fn allows(&self, ev: &Event) -> bool {
        match (self, ev) {
            (Scope::Staff(p), ev) => ev.program_id() == *p,
            (
                Scope::Applicant(_, ps),
                Event::Fill {
                    program_id,
                    visible,
                    ..
                },
            ) => *visible && ps.contains(program_id),
            (Scope::Applicant(me, ps), Event::ApplicantsChanged { program_id, email }) => {
                ps.contains(program_id) && email.as_deref() == Some(me.as_str())
            }
        }
    }
}

pub async fn events(State(state): State<AppState>, caller: Caller) -> Response {
    let scope = match caller.staff() {
        Ok(staff) => Scope::Staff(staff.program_id),
        Err(_) => match state.repo.invitations_for(&caller.email).await {
            Ok(rows) => Scope::Applicant(
                caller.email.clone(),
                rows.into_iter()
                    .filter(|r| r.invitation_sent_at.is_some())
                    .map(|r| r.program_id)
                    .collect(),
            ),
            Err(e) => {
                tracing::error!(error = %e, "events: could not read invitations");
                return StatusCode::SERVICE_UNAVAILABLE.into_response();
            }
        },
    };
    let mut rx = state.hub.subscribe();
    let (tx, out) = tokio::sync::mpsc::channel::<String>(8);
    tokio::spawn(async move {
        let mut fills: HashMap<SessionId, Fill> = HashMap::new();
        let (mut changed, mut resync) = (false, false);
        let mut tick = tokio::time::interval(Duration::from_millis(200));
        loop {
            tokio::select! {
                ev = rx.recv() => match ev {
                    Ok(ev) if scope.allows(&ev) => match ev {
                        Event::Fill { fill, .. } => { fills.insert(fill.session_id, fill); }
                        Event::ApplicantsChanged { .. } => changed = true,
                    },
                    Ok(_) => {}
                    Err(RecvError::Lagged(_)) => resync = true,
                    Err(RecvError::Closed) => break,
                },
                _ = tick.tick() => {
                    if fills.is_empty() && !changed && !resync {
                        continue;
                    }
                    let msg = LiveMessage {
                        fills: fills.drain().map(|(_, f)| f).collect(),
                        applicants_changed: changed,
                        resync,
                    };
                    (changed, resync) = (false, false);
                    let Ok(text) = serde_json::to_string(&msg) else { continue };
                    if tx.send(text).await.is_err() {
                        break;
                    }
                }
                _ = tx.closed() => break,
            }
        }
    });
    let stream = futures::stream::unfold(out, |mut out| async move {
        out.recv()
            .await
            .map(|text| (Ok::<_, Infallible>(SseEvent::default().data(text)), out))
    });
    Sse::new(stream)
        .keep_alive(KeepAlive::default())
        .into_response()
}
