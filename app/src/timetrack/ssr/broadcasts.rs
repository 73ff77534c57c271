//! A coordinator's message to the session's people, stored and pushed at once.

use crate::auth::ssr::Staff;
use crate::clock::ssr::people_reached;
use crate::error::{AppError, AppResult};
use crate::ids::SessionId;
use crate::live::{Change, Event};
use crate::server::AppState;
use crate::timetrack::domain::{self, BroadcastAudience};
use crate::timetrack::types::Broadcast;

/// Coordinators: a message to the session's people, stored and pushed at once.
pub async fn broadcast(
    state: &AppState,
    by: Staff,
    session: SessionId,
    audience: &str,
    body: &str,
) -> AppResult<()> {
    let audience = BroadcastAudience::parse(audience.trim())
        .ok_or_else(|| AppError::invalid("audience", "Choose who the message is for."))?;
    let body = crate::text::single_line(body, "body", domain::BROADCAST_MAX, "Write the message.")?;
    let session_row = crate::sessions::ssr::own_session(state, by, session).await?;
    let (id, at) = state
        .repo
        .add_broadcast(session, audience, &body, by.user_id)
        .await?;
    let from = state
        .repo
        .user_name(state.repo.pool(), by.user_id)
        .await?
        .unwrap_or_else(|| "A coordinator".into());
    let message = Broadcast {
        id,
        session,
        audience,
        body,
        from,
        at: crate::timetrack::repo::sent_at(at, session_row.time_zone.name()),
    };
    state.hub.publish(Event {
        audiences: people_reached(
            state,
            by.program_id,
            session,
            audience.reaches(false),
            audience.reaches(true),
        )
        .await?,
        change: Change::Broadcast(Box::new(message)),
    });
    Ok(())
}
