//! The score math of "scores and ranks": an interviewer's score sheet, an applicant's final
//! score, calibration of harsh and lenient interviewers, the rank list, the coordinator's manual
//! order, who is still missing a score, and which applicants a Match Day list of ids names
//! (`matched`).
//!
//! Everything here is pure: the caller loads the rows (criteria, sheets, exclusions, overrides)
//! and one call to [`rank`] gives the whole page. Scores are kept on 0–1 throughout and only
//! turned into the form's display scale (1–5 unless set otherwise) when shown. No function here
//! yields NaN: an empty input gives `None`.

use crate::ids::{ApplicantId, CriterionId, RoomId, UserId};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap, HashSet};

mod calibration;
mod export;
#[cfg(test)]
mod fixtures;
mod manual;
pub mod matched;
mod missing;
#[cfg(test)]
mod properties;
mod rank;
mod scale;
mod sheet;

pub use calibration::*;
pub use export::*;
pub use manual::*;
pub use missing::*;
pub use rank::*;
pub use scale::*;
pub use sheet::*;
