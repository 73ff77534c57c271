//! Scoring's shared types: what its server functions take and return (the forms, an
//! interviewer's sheet, the rank list and how it is looked at, who still owes a score). The
//! server functions (`api`), the workflows (`ssr`) and the screens (`pages`) all use these, so
//! none of them imports another.

use crate::ids::{
    ApplicantId, CriterionId, ExclusionId, RankListId, ScoringFormId, SessionId, UserId,
};
use serde::{Deserialize, Serialize};

/// A criterion as the form shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriterionView {
    pub id: CriterionId,
    pub name: String,
    pub description: String,
    pub min: i32,
    pub max: i32,
    /// "1", "1.5".
    pub weight: String,
    pub required: bool,
    /// (value, what it looks like).
    pub anchors: Vec<(i32, String)>,
}

/// A form of the library at a version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormView {
    pub id: ScoringFormId,
    pub name: String,
    pub version: i64,
    pub display_min: i32,
    pub display_max: i32,
    pub overall_comment: bool,
    pub criteria: Vec<CriterionView>,
    /// The sessions scored on it.
    pub sessions: Vec<String>,
    /// Scores were given on this version (an edit makes a new one).
    pub scored: bool,
}

/// An interviewer's own sheet for an applicant: the form it is on, the answers so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetView {
    pub session: SessionId,
    pub applicant: ApplicantId,
    pub form: FormView,
    /// The answered criteria (`None`: unable to assess).
    pub answers: Vec<(CriterionId, Option<i32>)>,
    pub comment: String,
    pub submitted: bool,
    /// Earlier submitted versions kept.
    pub revisions: i64,
    /// The interviewer's own "do not rank" reason, if they flagged the applicant.
    pub flag: Option<String>,
}

/// One applicant on the rank list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RankLine {
    pub rank: usize,
    pub applicant: ApplicantId,
    pub name: String,
    /// Scores on the display scale ("4.33"; empty: none).
    pub raw: String,
    pub calibrated: String,
    pub final_score: String,
    pub sheets: usize,
    /// Why a coordinator set the final score by hand (empty: computed).
    pub override_reason: String,
    /// Each interviewer's score of the applicant (coordinators see all).
    pub scores: Vec<SheetLine>,
    /// The interviewers' "do not rank" flags ("Dr. Ash: unprofessional with staff").
    pub flags: Vec<String>,
    /// Marked as matched to the program after Match Day.
    pub matched: bool,
}

/// One interviewer's score of an applicant on the rank list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetLine {
    pub interviewer: UserId,
    pub name: String,
    /// On the display scale; empty: nothing answered.
    pub score: String,
    /// Left out of the ranks by a coordinator.
    pub excluded: bool,
}

/// An interviewer's season: mean and spread on the display scale, count, and what calibration
/// does with their scores (calibrated, centred or left raw).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InterviewerLine {
    pub id: UserId,
    pub name: String,
    pub mean: String,
    pub spread: String,
    pub count: usize,
    pub calibration: super::domain::Calibration,
}

/// The coordinators' rank list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RankPage {
    pub lines: Vec<RankLine>,
    pub interviewers: Vec<InterviewerLine>,
    /// "Ana Ruiz: 9th → 4th", for moves of more than three places under calibration.
    pub moved: Vec<String>,
    pub calibrated: bool,
    /// What calibration did, for the page's header (empty when it is off).
    pub calibration_summary: String,
    /// The exclusions in force: (id, "Dr. Ash's scores of Ana Ruiz are left out: …").
    pub exclusions: Vec<(ExclusionId, String)>,
    /// The list is in a manual order (until reverted to the computed one).
    pub manual: bool,
    /// The named list shown (`None`: the main list).
    pub list: Option<RankListId>,
    /// The program's extra named lists: (id, name).
    pub lists: Vec<(RankListId, String)>,
}

/// An interviewer who still owes scores in a session, and for whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissingLine {
    pub interviewer: String,
    pub applicants: Vec<String>,
}

/// How the rank list is looked at: the settings of the computation and which list. The query
/// of `/ranks`, `/export/ranks.csv` and `/print/ranks` (`?calibrate=true&list=3`, each off when
/// absent), and the same fields of the rank list's server functions, which take it flattened.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RankView {
    #[serde(deserialize_with = "lenient::flag")]
    pub calibrate: bool,
    #[serde(deserialize_with = "lenient::flag")]
    pub median: bool,
    #[serde(deserialize_with = "lenient::flag")]
    pub lowest_first: bool,
    /// A named list (`None`: the main one).
    #[serde(
        deserialize_with = "lenient::list",
        skip_serializing_if = "Option::is_none"
    )]
    pub list: Option<RankListId>,
}

/// The view's fields read from text or typed values alike: flattened into a server function's
/// arguments, form fields reach them as untyped text ("true", "3"), which serde's own `bool`
/// and integer readers refuse.
mod lenient {
    use crate::ids::RankListId;
    use serde::de::{Deserializer, Error, Unexpected, Visitor};
    use std::fmt;

    struct Flag;

    impl Visitor<'_> for Flag {
        type Value = bool;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("true or false")
        }
        fn visit_bool<E: Error>(self, v: bool) -> Result<bool, E> {
            Ok(v)
        }
        fn visit_str<E: Error>(self, v: &str) -> Result<bool, E> {
            v.parse()
                .map_err(|_| E::invalid_value(Unexpected::Str(v), &self))
        }
    }

    pub fn flag<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
        d.deserialize_any(Flag)
    }

    struct List;

    impl<'de> Visitor<'de> for List {
        type Value = Option<RankListId>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a rank list's id")
        }
        fn visit_i64<E: Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some(RankListId(v)))
        }
        fn visit_u64<E: Error>(self, v: u64) -> Result<Self::Value, E> {
            i64::try_from(v)
                .map(|v| Some(RankListId(v)))
                .map_err(|_| E::invalid_value(Unexpected::Unsigned(v), &self))
        }
        fn visit_str<E: Error>(self, v: &str) -> Result<Self::Value, E> {
            if v.trim().is_empty() {
                return Ok(None);
            }
            v.parse()
                .map(Some)
                .map_err(|_| E::invalid_value(Unexpected::Str(v), &self))
        }
        fn visit_none<E: Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self)
        }
    }

    pub fn list<'de, D: Deserializer<'de>>(d: D) -> Result<Option<RankListId>, D::Error> {
        d.deserialize_any(List)
    }
}

/// How far an interviewer is with a sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetState {
    NotStarted,
    Draft,
    Submitted,
}

impl SheetState {
    /// The state in words, as the interviewer's list shows it.
    pub fn label(self) -> &'static str {
        match self {
            SheetState::NotStarted => "Not started",
            SheetState::Draft => "Draft",
            SheetState::Submitted => "Submitted",
        }
    }
}

/// A session as the form library lists it, with the form it is scored on.
pub struct SessionForm {
    pub id: SessionId,
    pub name: String,
    pub form: Option<ScoringFormId>,
}

/// One sheet an interviewer may fill in.
pub struct SheetTodo {
    pub session: SessionId,
    pub session_name: String,
    pub applicant: ApplicantId,
    pub name: String,
    pub state: SheetState,
}
