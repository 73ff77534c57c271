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
/// link; with the portal's own video it keeps its place and gets its video room's link
/// (`public_url`/video/`video_token`); outside the portal, its place only.
pub fn place_and_link(
    setup: InterviewSetup,
    location: &str,
    video_token: &str,
    public_url: &str,
) -> (String, Option<String>) {
    match setup {
        InterviewSetup::ExternalVideo => (
            String::new(),
            Some(location.to_string()).filter(|l| !l.is_empty()),
        ),
        InterviewSetup::PortalVideo => (
            location.to_string(),
            Some(video_room_link(public_url, video_token)),
        ),
        InterviewSetup::OutsidePortal => (location.to_string(), None),
    }
}

/// The link of a video room of the portal's own (the route `/video/:token`).
pub fn video_room_link(public_url: &str, video_token: &str) -> String {
    format!("{}/video/{video_token}", public_url.trim_end_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_room_gets_its_link_by_the_setup_option() {
        let zoom = "https://zoom.example.test/j/1";
        let (token, url) = ("0123456789abcdef", "https://portal.example.org/");
        assert_eq!(
            place_and_link(InterviewSetup::ExternalVideo, zoom, token, url),
            (String::new(), Some(zoom.to_string()))
        );
        assert_eq!(
            place_and_link(InterviewSetup::ExternalVideo, "", token, url),
            (String::new(), None)
        );
        assert_eq!(
            place_and_link(InterviewSetup::PortalVideo, "Atrium", token, url),
            (
                "Atrium".to_string(),
                Some("https://portal.example.org/video/0123456789abcdef".to_string())
            )
        );
        assert_eq!(
            place_and_link(InterviewSetup::OutsidePortal, "Atrium", token, url),
            ("Atrium".to_string(), None)
        );
    }
}
