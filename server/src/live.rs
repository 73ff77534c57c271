//! The push route: `GET /events`, server-sent events for one browser tab. Authenticated by the
//! session cookie (a plain axum handler, not a server function). It delivers an event when the
//! viewer, as they act now, is in one of its audiences, and coalesces state: the first change
//! after a quiet spell goes out at once, later ones within the next 200 ms wait and go out
//! together (the latest fill of each session; one-off notices all kept, in order), so a tab
//! gets at most five messages a second in a rush and none is late when things are calm.

use app::auth::domain::Role;
use app::auth::ssr::Caller;
use app::clock::types::ClockView;
use app::ids::{ProgramId, SessionId};
use app::live::{Audience, Change, DraftChange, Editors, Event, LiveMessage};
use app::server::AppState;
use app::sessions::domain::Fill;
use app::timetrack::types::Broadcast;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::convert::Infallible;
use std::time::Duration;
use tokio::sync::broadcast::error::RecvError;
use tokio::time::Instant;

/// The shortest time between two messages to one tab.
pub const WINDOW: Duration = Duration::from_millis(200);

/// Who is watching, as they act now.
struct Viewer {
    token_hash: String,
    email: String,
    /// Their active program and the role the server treats them as there.
    acting: Option<(ProgramId, Role)>,
    /// Programs whose invitation reached them.
    invited: Vec<ProgramId>,
}

impl Viewer {
    async fn of(state: &AppState, caller: &Caller) -> Result<Viewer, sqlx::Error> {
        let invited = state
            .repo
            .invitations_for(&caller.email)
            .await?
            .into_iter()
            .filter(|r| r.invitation_sent_at.is_some())
            .map(|r| r.program_id)
            .collect();
        Ok(Viewer {
            token_hash: caller.token_hash.clone(),
            email: caller.email.clone(),
            acting: caller.staff().ok().map(|s| (s.program_id, s.role)),
            invited,
        })
    }

    fn hears(&self, audience: &Audience, change: &Change) -> bool {
        match audience {
            // Everyone hears a resync, which carries nothing; never data.
            Audience::Everyone => *change == Change::Resync,
            Audience::Coordinators(p) => {
                matches!(self.acting, Some((q, role)) if q == *p && role.runs_program())
            }
            Audience::Staff(p) => matches!(self.acting, Some((q, _)) if q == *p),
            Audience::Applicants(p) => self.invited.contains(p),
            Audience::Person(email) => *email == self.email,
            Audience::Login(token_hash) => *token_hash == self.token_hash,
        }
    }

    /// The viewer anew after their role or program changed; `None` once logged out.
    async fn reload(&self, state: &AppState) -> Option<Viewer> {
        let caller = state.repo.login_session(&self.token_hash).await.ok()??;
        Viewer::of(state, &caller).await.ok()
    }
}

/// What waits to be sent to one tab.
#[derive(Default)]
struct Pending {
    fills: HashMap<SessionId, Fill>,
    applicants_changed: bool,
    resync: bool,
    /// One-off notices, each kept (coalescing only batches them into one message).
    notices: Vec<String>,
    drafts: HashMap<SessionId, DraftChange>,
    editors: HashMap<SessionId, Editors>,
    clocks: HashMap<SessionId, ClockView>,
    /// Sessions whose TimeTrack changed.
    timetrack: std::collections::BTreeSet<SessionId>,
    /// Broadcasts, each kept, in order.
    broadcasts: Vec<Broadcast>,
}

impl Pending {
    fn is_empty(&self) -> bool {
        self.fills.is_empty()
            && !self.applicants_changed
            && !self.resync
            && self.notices.is_empty()
            && self.drafts.is_empty()
            && self.editors.is_empty()
            && self.clocks.is_empty()
            && self.timetrack.is_empty()
            && self.broadcasts.is_empty()
    }

    fn take(&mut self) -> LiveMessage {
        let taken = std::mem::take(self);
        LiveMessage {
            fills: taken.fills.into_values().collect(),
            applicants_changed: taken.applicants_changed,
            resync: taken.resync,
            notices: taken.notices,
            drafts: taken.drafts.into_values().collect(),
            editors: taken.editors.into_values().collect(),
            clocks: taken.clocks.into_values().collect(),
            timetrack: taken.timetrack.into_iter().collect(),
            broadcasts: taken.broadcasts,
            logged_out: false,
        }
    }
}

pub async fn events(State(state): State<AppState>, caller: Caller) -> Response {
    let mut viewer = match Viewer::of(&state, &caller).await {
        Ok(v) => v,
        Err(e) => {
            tracing::error!(error = %e, "events: could not read the viewer");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let mut rx = state.hub.subscribe();
    let (tx, out) = tokio::sync::mpsc::channel::<String>(8);
    tokio::spawn(async move {
        let _open = crate::metrics::OpenStream::new();
        let mut pending = Pending::default();
        // The end of the current coalescing window; `None` while the tab is idle.
        let mut window: Option<Instant> = None;
        loop {
            let window_ends = async {
                match window {
                    Some(at) => tokio::time::sleep_until(at).await,
                    None => std::future::pending().await,
                }
            };
            tokio::select! {
                ev = rx.recv() => {
                    match ev {
                        Ok(Event { audiences, change }) => {
                            if !audiences.iter().any(|a| viewer.hears(a, &change)) {
                                continue;
                            }
                            match change {
                                Change::Fill(fill) => {
                                    pending.fills.insert(fill.session_id, fill);
                                }
                                Change::ApplicantsChanged => pending.applicants_changed = true,
                                Change::Resync => pending.resync = true,
                                Change::Notice(text) => pending.notices.push(text),
                                Change::Editors(e) => {
                                    pending.editors.insert(e.session, e);
                                }
                                Change::Clock(c) => {
                                    pending.clocks.insert(c.session, *c);
                                }
                                Change::TimeTrack(s) => {
                                    pending.timetrack.insert(s);
                                }
                                Change::Broadcast(b) => pending.broadcasts.push(*b),
                                Change::Draft(d) => match pending.drafts.get_mut(&d.session) {
                                    Some(p) => p.merge(d),
                                    None => {
                                        pending.drafts.insert(d.session, d);
                                    }
                                },
                                Change::Rescope => match viewer.reload(&state).await {
                                    Some(v) => {
                                        viewer = v;
                                        pending.resync = true;
                                    }
                                    None => {
                                        // Logged out: the tab is told, then the stream ends.
                                        let bye = LiveMessage {
                                            logged_out: true,
                                            ..LiveMessage::default()
                                        };
                                        let _ = tx.send(bye.to_wire()).await;
                                        break;
                                    }
                                },
                            }
                        }
                        // Missed messages: the tab reloads the true state.
                        Err(RecvError::Lagged(_)) => pending.resync = true,
                        Err(RecvError::Closed) => break,
                    }
                    // Idle: the leading edge goes out at once and opens a window.
                    if window.is_none() {
                        if !send(&tx, pending.take()).await {
                            break;
                        }
                        window = Some(Instant::now() + WINDOW);
                    }
                }
                _ = window_ends => {
                    if pending.is_empty() {
                        window = None;
                    } else {
                        if !send(&tx, pending.take()).await {
                            break;
                        }
                        window = Some(Instant::now() + WINDOW);
                    }
                }
                _ = tx.closed() => break,
            }
        }
        // The tab is gone: so are its open Day pages.
        state.hub.leave(&viewer.token_hash, None);
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

/// Sends one message; `false` once the tab has gone.
async fn send(tx: &tokio::sync::mpsc::Sender<String>, msg: LiveMessage) -> bool {
    tx.send(msg.to_wire()).await.is_ok()
}
