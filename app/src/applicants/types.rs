//! What applicants' server functions take and return: an applicant as the coordinator's list
//! shows it (and as the stored row), the list, an applicant's invitation.

use super::domain::Status;
use crate::ids::{ApplicantId, ProgramId, SessionId};
use crate::sessions::api::SessionSummary;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// An applicant of a program: the coordinator's list shows it, and on the server it is the
/// stored row that workflows lock, change and write back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ApplicantView {
    pub id: ApplicantId,
    pub name: String,
    pub email: String,
    pub status: Status,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "crate::db::columns::OptMillis"))]
    #[serde(default, deserialize_with = "crate::wire::opt_instant")]
    pub invitation_sent_at: Option<DateTime<Utc>>,
    #[cfg_attr(feature = "ssr", sqlx(rename = "first_choice_id"))]
    pub first_choice: Option<SessionId>,
    #[cfg_attr(feature = "ssr", sqlx(rename = "second_choice_id"))]
    pub second_choice: Option<SessionId>,
    /// The session they are confirmed in.
    pub session_id: Option<SessionId>,
}

impl ApplicantView {
    /// The sessions the applicant chose: first, then second.
    pub fn choices(&self) -> Vec<SessionId> {
        self.first_choice
            .into_iter()
            .chain(self.second_choice)
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicantsPage {
    pub applicants: Vec<ApplicantView>,
    pub sessions: Vec<SessionSummary>,
    /// When each sent invitation went out, in the program's zone, named ("Dec 3, 9:12 AM EST").
    pub sent: std::collections::HashMap<ApplicantId, String>,
}

/// One program's invitation, as the applicant sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invitation {
    pub program_id: ProgramId,
    pub program_name: String,
    pub status: Status,
    pub self_scheduling: bool,
    /// The program holds its interviews in the portal's own video rooms (the card links the
    /// setup check).
    pub portal_video: bool,
    /// The visible sessions, with seats left (pending counts are not shown to applicants).
    pub sessions: Vec<SessionSummary>,
    pub first_choice: Option<SessionId>,
    pub second_choice: Option<SessionId>,
    pub confirmed: Option<SessionSummary>,
    /// Once the confirmed session's schedule is finalized: their day in it.
    pub itinerary: Option<crate::itinerary::types::Itinerary>,
}
