//! Typed ids, shared by the server and the browser: a `SessionId` can never be passed where an
//! `ApplicantId` is meant. Each is a 64-bit integer on the wire (JSON and form fields alike) and
//! in the database (the sqlx derive exists on the server only).

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
        )]
        #[serde(transparent)]
        #[cfg_attr(feature = "ssr", derive(sqlx::Type), sqlx(transparent))]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = std::num::ParseIntError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.trim().parse().map($name)
            }
        }
    };
}

id_type!(
    /// A program (the tenant).
    ProgramId
);
id_type!(
    /// A person's account (staff or applicant).
    UserId
);
id_type!(
    /// An interview session of a program.
    SessionId
);
id_type!(
    /// An applicant of one program (the same person in two programs has two).
    ApplicantId
);
id_type!(
    /// A room of a session's interview day.
    RoomId
);
id_type!(
    /// A saved day template of a program.
    TemplateId
);
id_type!(
    /// A criterion of a scoring form (any version of it).
    CriterionId
);
id_type!(
    /// A scoring form of a program's library.
    ScoringFormId
);
id_type!(
    /// A meeting room of a program (for one session or every one).
    MeetingRoomId
);
id_type!(
    /// A version of a scoring form (a scored form edited gets a new one).
    FormVersionId
);
id_type!(
    /// An interviewer's score sheet for one applicant of a session.
    ScoreId
);
id_type!(
    /// A rank list of a program (the main one or a named one).
    RankListId
);
id_type!(
    /// A coordinator's exclusion of an interviewer's scores from the ranks.
    ExclusionId
);
id_type!(
    /// The version of a session's draft day: every change of the draft takes the next one, and
    /// a generate, repair or publish names the version it was asked on.
    DraftVersion
);
id_type!(
    /// A published version of a session's day (1, 2, … as it is finalized again).
    ItineraryVersion
);
id_type!(
    /// A TimeTrack broadcast (a coordinator's message to a session's people).
    BroadcastId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_plain_numbers_on_the_wire() {
        assert_eq!(serde_json::to_string(&SessionId(7)).unwrap(), "7");
        assert_eq!(
            serde_json::from_str::<ApplicantId>("12").unwrap(),
            ApplicantId(12)
        );
        assert_eq!(" 5 ".parse::<ProgramId>().unwrap(), ProgramId(5));
        assert_eq!(UserId(3).to_string(), "3");
        assert!("five".parse::<SessionId>().is_err());
        assert_eq!(serde_json::to_string(&DraftVersion(4)).unwrap(), "4");
        assert_eq!(
            "2".parse::<ItineraryVersion>().unwrap(),
            ItineraryVersion(2)
        );
    }
}
