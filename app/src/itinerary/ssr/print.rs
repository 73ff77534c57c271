//! The printable sheets: a published version as a day sheet (rounds down, rooms across), and a
//! person's own published days.

use super::itineraries::my_days;
use super::versions::load_version;
use crate::auth::ssr::Staff;
use crate::error::AppResult;
use crate::ids::{ItineraryVersion, SessionId, UserId};
use crate::itinerary::print::VersionSheet;
use crate::server::AppState;

/// Coordinators: one published version as a day sheet: rounds down, rooms across.
pub async fn version_sheet(
    state: &AppState,
    by: Staff,
    session_id: SessionId,
    version: ItineraryVersion,
) -> AppResult<VersionSheet> {
    let (day, info) = load_version(state, by, session_id, Some(version)).await?;
    Ok(crate::itinerary::print::sheet_of(&day, info))
}

/// Coordinators: the printable sheet of a published version (`None`: the one out, else the
/// newest).
pub async fn print_day(
    state: &AppState,
    by: Staff,
    session_id: SessionId,
    version: Option<ItineraryVersion>,
) -> AppResult<String> {
    let (day, info) = load_version(state, by, session_id, version).await?;
    Ok(crate::itinerary::print::day_sheet(&day, info))
}

/// Staff: their own published days, printable.
pub async fn print_my_days(state: &AppState, user: UserId, name: &str) -> AppResult<String> {
    Ok(crate::itinerary::print::my_days(
        name,
        &my_days(state, user).await?,
    ))
}
