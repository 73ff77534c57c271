//! What accounts' server functions return: the logged-in person as the shell needs them
//! ([`Me`]) and the programs they are staff of ([`ProgramRef`]). `api` and `ssr` both import it,
//! so neither needs the other for its types.

use super::domain::Role;
use crate::ids::ProgramId;
use serde::{Deserialize, Serialize};

/// A program the viewer is staff of, with their own role there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgramRef {
    pub id: ProgramId,
    pub name: String,
    pub role: Role,
}

/// The logged-in person, as the page header needs them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub name: String,
    pub email: String,
    /// The active program, when they are staff of it.
    pub program: Option<ProgramRef>,
    /// The role the server acts on (differs from `program.role` while switched).
    pub role: Option<Role>,
    /// Every program they are staff of.
    pub programs: Vec<ProgramRef>,
}

impl Me {
    pub fn is_staff(&self) -> bool {
        self.role.is_some()
    }
    pub fn runs_program(&self) -> bool {
        self.role.is_some_and(Role::runs_program)
    }
    pub fn is_switched(&self) -> bool {
        matches!((&self.program, self.role), (Some(p), Some(r)) if p.role != r)
    }
}
