//! The rules of programs: names and time zones.

use crate::auth::domain::Role;
use crate::error::AppError;
use serde::{Deserialize, Serialize};

/// What an audit line is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditEntity {
    Program,
    Membership,
    Session,
    Applicant,
    /// A session's interview day (its id is the session's).
    Day,
    /// An interviewer's scores in the ranks (its id is the interviewer's).
    Scores,
    /// A rank list (main or named) of the program.
    RankList,
    /// A message of the outbox (its id), or the program's messages (no id: a bulk resend, a
    /// message to a list).
    Message,
}

crate::text_enum::text_enum!(AuditEntity {
    Program => "program",
    Membership => "membership",
    Session => "session",
    Applicant => "applicant",
    Day => "day",
    Scores => "scores",
    RankList => "rank_list",
    Message => "message",
});

/// How a program runs its interviews (the seed's three setup options).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InterviewSetup {
    /// Video in the portal: each interview room and meeting room gets its own video room, at
    /// `/video/{token}` (the `video` feature).
    PortalVideo,
    /// Each room has its own Zoom, Teams or WebEx link: a new program's setup.
    #[default]
    ExternalVideo,
    /// The schedule is run outside the portal: sessions keep only their confirmed list.
    OutsidePortal,
}

crate::text_enum::text_enum!(InterviewSetup {
    PortalVideo => "portal_video",
    ExternalVideo => "external_video",
    OutsidePortal => "outside_portal",
});

impl InterviewSetup {
    pub fn label(self) -> &'static str {
        match self {
            InterviewSetup::PortalVideo => {
                "Video in the portal (each room gets its own video room)"
            }
            InterviewSetup::ExternalVideo => "External video links (Zoom, Teams, WebEx)",
            InterviewSetup::OutsidePortal => "Schedule run outside the portal",
        }
    }

    /// Whether the portal builds the day (rooms, rounds, the schedule).
    pub fn builds_the_day(self) -> bool {
        self != InterviewSetup::OutsidePortal
    }
}

/// What was done to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditAction {
    Created,
    Added,
    Saved,
    Deleted,
    /// An applicant's status changed (`from` and `to` are the statuses).
    Status,
    SelfScheduling,
    InterviewSetup,
    Generated,
    Published,
    Unpublished,
    /// Scores left out of the ranks, or taken back in (`to` names whose).
    Excluded,
    Included,
    /// A final score set by hand, or cleared (`from`/`to` on the display scale).
    Overridden,
    /// An applicant moved on a rank list (`from`/`to` are places).
    Moved,
    /// A rank list back to the computed order.
    Reverted,
    /// An applicant given a seat (`to`: the session in words), by a coordinator or by their own
    /// choice (no actor); the status line beside it says Pending or Invited → Confirmed.
    Assigned,
    /// Applicants imported from a file (`to`: how many added, updated, invited; `reason`: the
    /// file's name).
    Imported,
    /// An applicant's application file uploaded (`to` is its name; `reason` says "ZIP" when it
    /// came in one).
    FileUploaded,
    /// A staff member's role changed (`from`/`to` are roles).
    RoleChanged,
    /// A staff member deactivated (`from`: their role; `reason`: the rooms they were taken
    /// off), or reactivated (`to`: their role).
    Deactivated,
    Reactivated,
    /// A new set-password link e-mailed to a staff member.
    PasswordLinkSent,
    /// A failed, bounced or retrying message queued again now (`from`: its state; `to`: the
    /// recipient, or how many for "resend all failed"; `reason`: the relay's last answer).
    Resent,
    /// A sent message queued again as a new one (`to`: the recipient; `reason`: the new
    /// message's number).
    SentAgain,
    /// A one-off message written to the applicants of a filter (`to`: how many; `reason`: its
    /// subject and the filter in words).
    SentToList,
    /// The program's reminders and digest hour changed (`from`/`to`: the settings in words).
    Reminders,
    /// The program's rules for changes (waitlist, offers, locks) changed (`from`/`to`: in
    /// words).
    ChangeRules,
    /// A waitlist: an applicant joined or left a session's line, was moved in it, was offered
    /// its seat (by the line or by hand), took it, or an offer ran out (`to`/`from`: the line
    /// and the place in words).
    Waitlist,
    /// A release of sessions made (`to`: its name, sessions and time) or removed (`from`: its
    /// name).
    Release,
    /// An interviewer flagged an applicant "do not rank" (`to`: "flagged"; `reason`: theirs),
    /// or took the flag back (`from`: "flagged").
    DoNotRank,
    /// An applicant marked as matched to the program after Match Day (`to`: "matched"; `reason`:
    /// "by hand" or the Match results' file), or the mark taken back (`from`: "matched").
    Matched,
}

crate::text_enum::text_enum!(AuditAction {
    Created => "created",
    Added => "added",
    Saved => "saved",
    Deleted => "deleted",
    Status => "status",
    SelfScheduling => "self_scheduling",
    InterviewSetup => "interview_setup",
    Generated => "generated",
    Published => "published",
    Unpublished => "unpublished",
    Excluded => "excluded",
    Included => "included",
    Overridden => "overridden",
    Moved => "moved",
    Reverted => "reverted",
    Assigned => "assigned",
    Imported => "imported",
    FileUploaded => "file_uploaded",
    RoleChanged => "role_changed",
    Deactivated => "deactivated",
    Reactivated => "reactivated",
    PasswordLinkSent => "password_link_sent",
    Resent => "resent",
    SentAgain => "sent_again",
    SentToList => "sent_to_list",
    Reminders => "reminders",
    ChangeRules => "change_rules",
    Waitlist => "waitlist",
    Release => "release",
    DoNotRank => "do_not_rank",
    Matched => "matched",
});

/// A coordinator adds staff up to their own rank ([`Role::may_grant`]); otherwise the role
/// field says why.
pub fn check_may_grant(by: Role, role: Role) -> Result<(), AppError> {
    if by.may_grant(role) {
        return Ok(());
    }
    Err(AppError::invalid(
        "role",
        format!(
            "As {} you cannot add a {}.",
            by.label().to_lowercase(),
            role.label().to_lowercase()
        ),
    ))
}

pub fn validate_program_name(input: &str) -> Result<String, AppError> {
    crate::text::single_line(input, "name", 150, "Enter the program's name.")
}

/// An IANA time zone name such as `America/New_York`.
#[cfg(feature = "ssr")]
pub fn validate_time_zone(input: &str) -> Result<String, AppError> {
    input
        .trim()
        .parse::<chrono_tz::Tz>()
        .map(|tz| tz.name().to_string())
        .map_err(|_| {
            AppError::invalid(
                "time_zone",
                "Choose a time zone from the list, such as America/New_York.",
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_coordinator_cannot_add_a_director() {
        assert!(check_may_grant(Role::Director, Role::Director).is_ok());
        let e = check_may_grant(Role::Coordinator, Role::Director).unwrap_err();
        assert_eq!(
            e.field_message("role").as_deref(),
            Some("As coordinator you cannot add a program director.")
        );
    }

    #[test]
    fn program_names_are_trimmed_and_required() {
        assert_eq!(
            validate_program_name("  Internal  Medicine ").unwrap(),
            "Internal Medicine"
        );
        assert!(validate_program_name(" ").is_err());
        assert!(validate_program_name(&"x".repeat(151)).is_err());
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn time_zones_come_from_the_iana_list() {
        assert_eq!(
            validate_time_zone("America/Chicago").unwrap(),
            "America/Chicago"
        );
        assert!(validate_time_zone("Mars/Olympus").is_err());
        assert!(validate_time_zone("").is_err());
    }
}
