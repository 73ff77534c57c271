//! What the list's bulk action posts: the form of the bar above the list (`bulk[action]` …),
//! with the rows ticked in the list (`bulk[ids][n]`, by their `form="bulk"`).

use crate::ids::ApplicantId;
use serde::{Deserialize, Serialize};

/// A bulk action on the ticked rows, or on every applicant the filter matches.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkForm {
    /// The pressed button: `invite`, `send`, `withdraw` or `move`.
    #[serde(default)]
    pub action: String,
    /// The ticked rows (sparse indexes: unticked rows send nothing).
    #[serde(default)]
    pub ids: Vec<ApplicantId>,
    /// "Select all matching the filter": the filter below is the selection, not a list of ids,
    /// so it also takes applicants on other pages (and none of another program).
    #[serde(default)]
    pub all_matching: bool,
    /// The list's filter as a query (`status=pending&q=ana`), as the bar was written with it.
    #[serde(default)]
    pub filter: String,
    /// The session to move to (`move`).
    #[serde(default)]
    pub session: String,
    /// Why (withdraw, move), kept in the audit log and told to the applicant.
    #[serde(default)]
    pub reason: String,
}
