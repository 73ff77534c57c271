//! What booking's server functions return.

use super::domain::Booking;
use serde::{Deserialize, Serialize};

/// What submitting choices did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoiceOutcome {
    pub booking: Booking,
    /// When both choices were full: the sessions that still have seats.
    pub open_sessions: Vec<String>,
    pub program_id: crate::ids::ProgramId,
    /// When both choices were full and the program has a waitlist: the full choices, to wait
    /// for.
    pub can_wait: Vec<(crate::ids::SessionId, String)>,
}
