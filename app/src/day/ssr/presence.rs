//! Who has a session's Day page open: entering and leaving it.

use super::session_for_day;
use crate::error::AppResult;
use crate::ids::SessionId;
use crate::server::AppState;
use crate::sessions::ssr::not_found;

/// Records that the caller (a coordinator) has the session's Day page open; who has it open.
pub async fn enter_day(
    state: &AppState,
    caller: &crate::auth::ssr::Caller,
    session_id: SessionId,
) -> AppResult<crate::day::types::Presence> {
    let by = caller.coordinator()?;
    session_for_day(state, by, session_id).await?;
    state.hub.enter(crate::live::Editor {
        program: by.program_id,
        session: session_id,
        token_hash: caller.token_hash.clone(),
        name: caller.name.clone(),
    });
    Ok(crate::day::types::Presence {
        me: caller.name.clone(),
        editors: state.hub.editors(session_id),
    })
}

pub async fn leave_day(
    state: &AppState,
    caller: &crate::auth::ssr::Caller,
    session_id: SessionId,
) -> AppResult<()> {
    let by = caller.coordinator()?;
    state
        .repo
        .session(by.program_id, session_id)
        .await?
        .ok_or_else(not_found)?;
    state.hub.leave(&caller.token_hash, Some(session_id));
    Ok(())
}
