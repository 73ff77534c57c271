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

/// A member of the program's staff, as the staff list shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMember {
    pub user_id: crate::ids::UserId,
    pub name: String,
    pub email: String,
    pub role: Role,
    /// Active, invited (no password set yet) or deactivated.
    pub status: super::staff::domain::StaffStatus,
    /// Their last log-in (none yet: never).
    pub last_login_at: Option<chrono::DateTime<chrono::Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    pub self_scheduling: bool,
    pub interview_setup: InterviewSetup,
    pub time_zone: String,
}
