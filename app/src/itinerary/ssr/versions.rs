//! The published versions of a session as stored: the one out now, one version by number, and
//! how a version is named to staff.

use crate::auth::ssr::Staff;
use crate::error::{AppError, AppResult};
use crate::ids::{ItineraryVersion, SessionId};
use crate::itinerary::domain::Published;
use crate::itinerary::types::VersionInfo;
use crate::server::AppState;

pub(super) fn unreadable(e: serde_json::Error) -> AppError {
    tracing::error!("a published day could not be read or written: {e}");
    AppError::Internal
}

pub(crate) async fn out_now(
    state: &AppState,
    session: SessionId,
) -> AppResult<Option<(ItineraryVersion, Published)>> {
    let Some(row) = state.repo.published(session).await? else {
        return Ok(None);
    };
    let body = Published::read(&row.body).map_err(unreadable)?;
    Ok(Some((row.version, body)))
}

/// A published version as shown to staff, its time in the session's zone (`zone`, as stored).
pub(super) fn version_info(row: crate::itinerary::repo::VersionRow, zone: &str) -> VersionInfo {
    VersionInfo {
        version: row.version,
        by: row
            .published_by
            .unwrap_or_else(|| "a former staff member".into()),
        when: crate::sessions::domain::stamp_in(
            row.published_at,
            zone.parse().unwrap_or(chrono_tz::UTC),
        ),
    }
}

/// A published version of the session (`None`: the one out, else the newest).
pub(super) async fn load_version(
    state: &AppState,
    by: Staff,
    session_id: SessionId,
    version: Option<ItineraryVersion>,
) -> AppResult<(Published, VersionInfo)> {
    crate::day::ssr::day_page(state, by, session_id).await?;
    let versions = state.repo.versions(session_id).await?;
    let wanted = match version {
        Some(v) => Some(v),
        None => out_now(state, session_id)
            .await?
            .map(|o| o.0)
            .or_else(|| versions.first().map(|v| v.version)),
    };
    let info = versions
        .into_iter()
        .find(|v| Some(v.version) == wanted)
        .ok_or_else(|| AppError::NotFound("This day has no such published version.".into()))?;
    let body = state
        .repo
        .version_body(session_id, info.version)
        .await?
        .ok_or_else(crate::sessions::ssr::not_found)?;
    let day = Published::read(&body).map_err(unreadable)?;
    let info = version_info(info, &day.time_zone);
    Ok((day, info))
}
