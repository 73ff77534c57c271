//! What a program's server functions take and return, and what its screens are written from:
//! the overview's figures, a staff member, the settings. `api`, `ssr` and `pages` import it, so
//! none of them needs another for its types.

use crate::auth::domain::Role;
use serde::{Deserialize, Serialize};

use super::domain::InterviewSetup;

/// The program at a glance (the overview's figures).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overview {
    pub program_name: String,
    pub time_zone: String,
    pub self_scheduling: bool,
    pub role: Role,
    pub staff: i64,
    pub applicants: i64,
    pub sessions: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMember {
    pub name: String,
    pub email: String,
    pub role: Role,
    /// Has set a password and can log in.
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    pub self_scheduling: bool,
    pub interview_setup: InterviewSetup,
    pub time_zone: String,
}
