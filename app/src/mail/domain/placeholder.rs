//! The values a template can name ([`Placeholder`]): the word a coordinator writes between the
//! braces, and what it holds, said on the Templates page.

/// A value a template can name. The words are what a coordinator writes between the braces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Placeholder {
    ApplicantName,
    ApplicantEmail,
    RecipientName,
    Role,
    Program,
    SessionName,
    SessionDate,
    SessionTime,
    SessionTimeApplicant,
    PreviousSession,
    PortalLink,
    SignUpLink,
    MyProgramsLink,
    TimetrackLink,
    ResponseDeadline,
    CoordinatorContact,
    ItineraryLink,
    ActionLink,
    LinkExpires,
    Details,
}

impl Placeholder {
    pub const ALL: &'static [Placeholder] = &[
        Placeholder::ApplicantName,
        Placeholder::ApplicantEmail,
        Placeholder::RecipientName,
        Placeholder::Role,
        Placeholder::Program,
        Placeholder::SessionName,
        Placeholder::SessionDate,
        Placeholder::SessionTime,
        Placeholder::SessionTimeApplicant,
        Placeholder::PreviousSession,
        Placeholder::PortalLink,
        Placeholder::SignUpLink,
        Placeholder::MyProgramsLink,
        Placeholder::TimetrackLink,
        Placeholder::ResponseDeadline,
        Placeholder::CoordinatorContact,
        Placeholder::ItineraryLink,
        Placeholder::ActionLink,
        Placeholder::LinkExpires,
        Placeholder::Details,
    ];

    /// The word written between the braces.
    pub fn word(self) -> &'static str {
        match self {
            Placeholder::ApplicantName => "applicant_name",
            Placeholder::ApplicantEmail => "applicant_email",
            Placeholder::RecipientName => "recipient_name",
            Placeholder::Role => "role",
            Placeholder::Program => "program",
            Placeholder::SessionName => "session_name",
            Placeholder::SessionDate => "session_date",
            Placeholder::SessionTime => "session_time",
            Placeholder::SessionTimeApplicant => "session_time_applicant",
            Placeholder::PreviousSession => "previous_session",
            Placeholder::PortalLink => "portal_link",
            Placeholder::SignUpLink => "sign_up_link",
            Placeholder::MyProgramsLink => "my_programs_link",
            Placeholder::TimetrackLink => "timetrack_link",
            Placeholder::ResponseDeadline => "response_deadline",
            Placeholder::CoordinatorContact => "coordinator_contact",
            Placeholder::ItineraryLink => "itinerary_link",
            Placeholder::ActionLink => "action_link",
            Placeholder::LinkExpires => "link_expires",
            Placeholder::Details => "details",
        }
    }

    /// What it is filled with, for the editor's list.
    pub fn meaning(self) -> &'static str {
        match self {
            Placeholder::ApplicantName => "the applicant's name",
            Placeholder::ApplicantEmail => "the e-mail of the applicant's application",
            Placeholder::RecipientName => "the name of the person the e-mail is to",
            Placeholder::Role => "the staff member's role, with its article (a coordinator)",
            Placeholder::Program => "the program's name",
            Placeholder::SessionName => "the interview session's name",
            Placeholder::SessionDate => "the session's date (e.g. Monday, January 12, 2026)",
            Placeholder::SessionTime => "the session's time in the session's time zone",
            Placeholder::SessionTimeApplicant => {
                "the session's time in the applicant's time zone when known (else the session's)"
            }
            Placeholder::PreviousSession => "the session the interview was moved from",
            Placeholder::PortalLink => "the link to the portal's log-in page",
            Placeholder::SignUpLink => "the link to create an account",
            Placeholder::MyProgramsLink => "the link to the applicant's My Programs page",
            Placeholder::TimetrackLink => "the link to TimeTrack, where interviewers score",
            Placeholder::ResponseDeadline => "the date by which to answer",
            Placeholder::CoordinatorContact => "the coordinator's name and e-mail",
            Placeholder::ItineraryLink => "the link to the interview day's itinerary",
            Placeholder::ActionLink => {
                "the message's own secret link (confirm, reset, set a password), hidden on the Communications page"
            }
            Placeholder::LinkExpires => "how long the secret link works (e.g. 7 days)",
            Placeholder::Details => "the lines the portal writes for this message",
        }
    }

    pub fn parse(word: &str) -> Option<Placeholder> {
        Placeholder::ALL.iter().copied().find(|p| p.word() == word)
    }
}
