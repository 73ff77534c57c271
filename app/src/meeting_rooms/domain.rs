//! The rules of meeting rooms: who a room is for ([`Audience`]), a room as a publish keeps it
//! ([`MeetingRoom`]) and where it is by the program's setup option ([`place_and_link`]).

use crate::programs::domain::InterviewSetup;
use chrono::{DateTime, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

/// Who a meeting room is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Audience {
    Applicants,
    Interviewers,
    #[default]
    Both,
}

crate::text_enum::text_enum!(Audience {
    Applicants => "applicants",
    Interviewers => "interviewers",
    Both => "both",
});

impl Audience {
    pub fn label(self) -> &'static str {
        match self {
            Audience::Applicants => "Applicants",
            Audience::Interviewers => "Interviewers",
            Audience::Both => "Applicants and interviewers",
        }
    }
}

/// A meeting room as published with a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingRoom {
    pub name: String,
    pub audience: Audience,
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub place: String,
    pub link: Option<String>,
}

/// A room's place and link by the setup option: with external video its location is the
/// link; otherwise it keeps its place and has no link (the portal's own video, whose links
/// would lead nowhere, is not available yet).
pub fn place_and_link(setup: InterviewSetup, location: &str) -> (String, Option<String>) {
    match setup {
        InterviewSetup::ExternalVideo => (
            String::new(),
            Some(location.to_string()).filter(|l| !l.is_empty()),
        ),
        InterviewSetup::PortalVideo | InterviewSetup::OutsidePortal => (location.to_string(), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_room_gets_a_link_only_with_external_video() {
        let zoom = "https://zoom.example.test/j/1";
        assert_eq!(
            place_and_link(InterviewSetup::ExternalVideo, zoom),
            (String::new(), Some(zoom.to_string()))
        );
        assert_eq!(
            place_and_link(InterviewSetup::ExternalVideo, ""),
            (String::new(), None)
        );
        // A program still on the portal's own video (not available yet): its place, no link.
        for setup in [InterviewSetup::PortalVideo, InterviewSetup::OutsidePortal] {
            assert_eq!(
                place_and_link(setup, "Atrium"),
                ("Atrium".to_string(), None)
            );
        }
    }
}
