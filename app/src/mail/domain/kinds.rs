//! The kinds of e-mail the portal sends, each with its default subject and body (written in the
//! template language, [`super::template`]) and the placeholders it has values for. A program may
//! replace a kind's subject and body with its own (the Templates page); the defaults stay here,
//! and a template reset to the default is simply removed.

use super::template::Placeholder::{self, *};
use crate::text_enum::text_enum;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum MailKind {
    Invitation,
    Confirmation,
    Pending,
    Moved,
    Cancelled,
    Withdrawn,
    Reminder,
    ItineraryPublished,
    ItineraryChanged,
    ItineraryTakenDown,
    Waitlist,
    Offer,
    /// The applicant cancelled their own interview.
    CancelledByYou,
    /// The applicant moved their own interview to another session.
    Rescheduled,
    /// First-come waitlist: a seat opened, the first to claim it takes it.
    SeatOpen,
    /// A waitlist's seat went to someone else, or an offer ran out.
    SeatGone,
    StaffNotice,
    ScoresReminder,
    StaffAdded,
    SetPassword,
    SignUpConfirmation,
    AccountExists,
    PasswordReset,
    /// A password reset asked for an e-mail that has an application but no account yet.
    NoAccountYet,
    /// A new e-mail for an account, to confirm by its link.
    EmailChangeConfirmation,
    /// A new e-mail asked for that already has an account of its own.
    EmailTaken,
    /// The account's e-mail changed (to the old address).
    EmailChanged,
    /// A coordinator's one-off message to a list of applicants (no template).
    OneOff,
    /// Written by code without a template (and every message queued before templates).
    Other,
}

text_enum!(MailKind {
    Invitation => "invitation",
    Confirmation => "confirmation",
    Pending => "pending",
    Moved => "moved",
    Cancelled => "cancelled",
    Withdrawn => "withdrawn",
    Reminder => "reminder",
    ItineraryPublished => "itinerary_published",
    ItineraryChanged => "itinerary_changed",
    ItineraryTakenDown => "itinerary_taken_down",
    Waitlist => "waitlist",
    Offer => "offer",
    CancelledByYou => "cancelled_by_you",
    Rescheduled => "rescheduled",
    SeatOpen => "seat_open",
    SeatGone => "seat_gone",
    StaffNotice => "staff_notice",
    ScoresReminder => "scores_reminder",
    StaffAdded => "staff_added",
    SetPassword => "set_password",
    SignUpConfirmation => "sign_up_confirmation",
    AccountExists => "account_exists",
    PasswordReset => "password_reset",
    NoAccountYet => "no_account_yet",
    EmailChangeConfirmation => "email_change_confirmation",
    EmailTaken => "email_taken",
    EmailChanged => "email_changed",
    OneOff => "one_off",
    Other => "other",
});

/// Who a kind of message is written to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Applicant,
    Staff,
    /// Anyone with an account or asking for one (sent before any program is known).
    Account,
}

const APPLICANT: &[Placeholder] = &[
    ApplicantName,
    ApplicantEmail,
    RecipientName,
    Program,
    PortalLink,
    SignUpLink,
    MyProgramsLink,
    CoordinatorContact,
];
const SESSION: &[Placeholder] = &[SessionName, SessionDate, SessionTime, SessionTimeApplicant];

impl MailKind {
    /// What the kind is, in words (the Templates and Communications pages).
    pub fn label(self) -> &'static str {
        match self {
            MailKind::Invitation => "Invitation to interview",
            MailKind::Confirmation => "Interview confirmed",
            MailKind::Pending => "Choices received (pending)",
            MailKind::Moved => "Interview moved",
            MailKind::Cancelled => "Interview cancelled",
            MailKind::Withdrawn => "Invitation withdrawn",
            MailKind::Reminder => "Interview reminder",
            MailKind::ItineraryPublished => "Itinerary published",
            MailKind::ItineraryChanged => "Itinerary changed",
            MailKind::ItineraryTakenDown => "Itinerary taken down",
            MailKind::Waitlist => "On the waitlist",
            MailKind::Offer => "Seat offered",
            MailKind::CancelledByYou => "Interview cancelled by the applicant",
            MailKind::Rescheduled => "Interview rescheduled by the applicant",
            MailKind::SeatOpen => "A seat opened (first come)",
            MailKind::SeatGone => "Seat no longer available",
            MailKind::StaffNotice => "Staff notice",
            MailKind::ScoresReminder => "Scores to submit",
            MailKind::StaffAdded => "Added to the staff",
            MailKind::SetPassword => "Set your password",
            MailKind::SignUpConfirmation => "Sign-up confirmation",
            MailKind::AccountExists => "Account already exists",
            MailKind::PasswordReset => "Password reset",
            MailKind::NoAccountYet => "No account yet",
            MailKind::EmailChangeConfirmation => "New e-mail to confirm",
            MailKind::EmailTaken => "E-mail already has an account",
            MailKind::EmailChanged => "Account e-mail changed",
            MailKind::OneOff => "Message to a list",
            MailKind::Other => "Other",
        }
    }

    pub fn audience(self) -> Audience {
        match self {
            MailKind::StaffNotice
            | MailKind::ScoresReminder
            | MailKind::StaffAdded
            | MailKind::SetPassword => Audience::Staff,
            MailKind::SignUpConfirmation
            | MailKind::AccountExists
            | MailKind::PasswordReset
            | MailKind::NoAccountYet
            | MailKind::EmailChangeConfirmation
            | MailKind::EmailTaken
            | MailKind::EmailChanged => Audience::Account,
            _ => Audience::Applicant,
        }
    }

    /// Kinds a program may write its own template for (sent on behalf of a program, from a
    /// template). The account kinds are sent before any program is known, so they keep the
    /// portal's text.
    pub fn editable(self) -> bool {
        self.default_template().is_some() && self.audience() != Audience::Account
    }

    /// The placeholders a template of this kind may name (the others have no value).
    pub fn placeholders(self) -> Vec<Placeholder> {
        let mut out: Vec<Placeholder> = match self.audience() {
            Audience::Applicant => APPLICANT.to_vec(),
            Audience::Staff => vec![RecipientName, Program, PortalLink, CoordinatorContact],
            Audience::Account => vec![RecipientName, PortalLink],
        };
        let more: &[Placeholder] = match self {
            MailKind::Invitation => &[ResponseDeadline, Details],
            MailKind::Confirmation
            | MailKind::Pending
            | MailKind::Cancelled
            | MailKind::CancelledByYou => SESSION,
            MailKind::Reminder => &[
                SessionName,
                SessionDate,
                SessionTime,
                SessionTimeApplicant,
                ItineraryLink,
            ],
            MailKind::Moved | MailKind::Rescheduled => &[
                SessionName,
                SessionDate,
                SessionTime,
                SessionTimeApplicant,
                PreviousSession,
            ],
            MailKind::ItineraryPublished
            | MailKind::ItineraryChanged
            | MailKind::ItineraryTakenDown => &[SessionName, SessionDate, ItineraryLink, Details],
            MailKind::Waitlist => &[Details],
            MailKind::Offer => &[SessionName, SessionDate, SessionTime, ResponseDeadline],
            MailKind::SeatOpen => &[SessionName, SessionDate, SessionTime],
            MailKind::SeatGone => &[SessionName, SessionDate, Details],
            MailKind::StaffNotice => &[Details, ApplicantName, SessionName, SessionDate],
            MailKind::ScoresReminder => &[SessionName, SessionDate, Details, TimetrackLink],
            MailKind::StaffAdded => &[Role],
            MailKind::SetPassword => &[Role, ActionLink, LinkExpires],
            MailKind::SignUpConfirmation
            | MailKind::PasswordReset
            | MailKind::EmailChangeConfirmation => &[ActionLink, LinkExpires],
            MailKind::NoAccountYet => &[SignUpLink],
            MailKind::EmailChanged => &[Details],
            MailKind::EmailTaken => &[],
            MailKind::AccountExists | MailKind::Withdrawn => &[],
            // A message to a list: the session each recipient holds (empty for one without).
            MailKind::OneOff => &[SessionName, SessionDate, SessionTime],
            MailKind::Other => &[],
        };
        out.extend_from_slice(more);
        out
    }

    /// The portal's own subject and body for this kind (`None` for the kinds without a
    /// template: a one-off message, other).
    pub fn default_template(self) -> Option<(&'static str, &'static str)> {
        Some(match self {
            MailKind::Invitation => (
                "Interview invitation: {{program}}",
                "Dear {{applicant_name}},\n\n\
                 {{program}} invites you to interview.\n\n\
                 Log in to the Interview Portal at {{portal_link}} with this email address \
                 ({{applicant_email}}), the same e-mail as your application. If you have no \
                 account yet, create one at {{sign_up_link}} with this same address.\n\n\
                 Under My Programs, accept the invitation and choose your first and second \
                 choice of session.{{details}}\n\n\
                 Questions: {{coordinator_contact}}",
            ),
            MailKind::Confirmation => (
                "Interview confirmed: {{program}}, {{session_date}}",
                "Dear {{applicant_name}},\n\n\
                 Your interview with {{program}} is confirmed: {{session_name}}, \
                 {{session_date}} at {{session_time}} ({{session_time_applicant}} your time).\n\n\
                 My Programs at {{my_programs_link}} shows your session.",
            ),
            MailKind::Pending => (
                "Session choices received: {{program}}",
                "Dear {{applicant_name}},\n\n\
                 {{program}} has your session choices and will confirm your interview. \
                 You will get an e-mail once it is confirmed.\n\n\
                 My Programs at {{my_programs_link}} shows where you stand.",
            ),
            MailKind::Moved => (
                "Interview moved: {{program}}",
                "Dear {{applicant_name}},\n\n\
                 {{program}} has moved your interview.\n\n\
                 It was: {{previous_session}}\n\
                 It is now: {{session_name}} ({{session_date}}, {{session_time}})\n\n\
                 My Programs at {{my_programs_link}} shows your session.",
            ),
            MailKind::Cancelled => (
                "Interview cancelled: {{program}}",
                "Dear {{applicant_name}},\n\n\
                 {{program}} has cancelled your interview on {{session_name}} \
                 ({{session_date}}, {{session_time}}).\n\n\
                 My Programs at {{my_programs_link}} shows where you stand; contact the program \
                 with any question: {{coordinator_contact}}",
            ),
            MailKind::Withdrawn => (
                "Interview invitation withdrawn: {{program}}",
                "Dear {{applicant_name}},\n\n\
                 {{program}} has withdrawn its interview invitation. \
                 Any interview you had booked with the program is cancelled.\n\n\
                 My Programs at {{my_programs_link}} shows where you stand.",
            ),
            MailKind::Reminder => (
                "Reminder: your interview on {{session_date}}",
                "Dear {{applicant_name}},\n\n\
                 A reminder of your interview with {{program}}: {{session_name}}, \
                 {{session_date}} at {{session_time}} ({{session_time_applicant}} your time).\n\n\
                 Your itinerary: {{itinerary_link}}",
            ),
            MailKind::ItineraryPublished => (
                "Your interview day: {{session_name}} ({{session_date}})",
                "Hello {{recipient_name}},\n\n\
                 The schedule of {{session_name}} ({{session_date}}) was published. For you:\n\n\
                 {{details}}\n\n\
                 Your itinerary: {{itinerary_link}}",
            ),
            MailKind::ItineraryChanged => (
                "Your interview day changed: {{session_name}} ({{session_date}})",
                "Hello {{recipient_name}},\n\n\
                 The schedule of {{session_name}} ({{session_date}}) was published again with \
                 changes. For you:\n\n\
                 {{details}}\n\n\
                 Your itinerary: {{itinerary_link}}",
            ),
            MailKind::ItineraryTakenDown => (
                "Itinerary taken down: {{session_name}} ({{session_date}})",
                "Hello {{recipient_name}},\n\n{{details}}",
            ),
            MailKind::Waitlist => (
                "On the waitlist: {{program}}",
                "Dear {{applicant_name}},\n\n\
                 You are on the waitlist of {{program}}:\n\n{{details}}\n\n\
                 If a seat opens for you, you will get an e-mail. My Programs at \
                 {{my_programs_link}} shows your place in line.",
            ),
            MailKind::Offer => (
                "A seat is held for you: {{program}}, {{session_date}}",
                "Dear {{applicant_name}},\n\n\
                 A seat opened in {{session_name}} ({{session_date}}, {{session_time}}) of \
                 {{program}}, and it is held for you until {{response_deadline}}. Accept or \
                 decline it under My Programs at {{my_programs_link}}. If you do not answer by \
                 then, it is offered to the next applicant in line.",
            ),
            MailKind::CancelledByYou => (
                "You cancelled your interview: {{program}}",
                "Dear {{applicant_name}},\n\n\
                 As you asked, your interview with {{program}} on {{session_name}} \
                 ({{session_date}}, {{session_time}}) is cancelled and its seat given up.\n\n\
                 If this was a mistake, contact the program: {{coordinator_contact}}",
            ),
            MailKind::Rescheduled => (
                "Interview rescheduled: {{program}}, {{session_date}}",
                "Dear {{applicant_name}},\n\n\
                 As you asked, your interview with {{program}} has moved.\n\n\
                 It was: {{previous_session}}\n\
                 It is now: {{session_name}} ({{session_date}}, {{session_time}})\n\n\
                 My Programs at {{my_programs_link}} shows your session.",
            ),
            MailKind::SeatOpen => (
                "A seat opened: {{program}}, {{session_date}}",
                "Dear {{applicant_name}},\n\n\
                 A seat opened in {{session_name}} ({{session_date}}, {{session_time}}) of \
                 {{program}}, for which you are on the waitlist. Everyone waiting is told at \
                 once: the first to take it under My Programs at {{my_programs_link}} gets it.",
            ),
            MailKind::SeatGone => (
                "Seat no longer available: {{program}}, {{session_date}}",
                "Dear {{applicant_name}},\n\n\
                 {{details}}\n\n\
                 My Programs at {{my_programs_link}} shows where you stand.",
            ),
            MailKind::StaffNotice => (
                "Notice from {{program}}",
                "Hello {{recipient_name}},\n\n{{details}}",
            ),
            MailKind::ScoresReminder => (
                "Scores to submit: {{session_name}}",
                "Hello {{recipient_name}},\n\n\
                 Your scores for these applicants of {{session_name}} are not submitted yet:\n\n\
                 {{details}}\n\n\
                 Score them from TimeTrack: {{timetrack_link}}",
            ),
            MailKind::StaffAdded => (
                "You were added to {{program}}",
                "You are now {{role}} of {{program}} in the Interview Portal.\n\n\
                 Log in at {{portal_link}}",
            ),
            MailKind::SetPassword => (
                "You are invited to the Interview Portal of {{program}}",
                "You were added as {{role}} of {{program}}.\n\n\
                 Set your password to log in:\n\n\
                 {{action_link}}\n\n\
                 The link works once and expires in {{link_expires}}.",
            ),
            MailKind::SignUpConfirmation => (
                "Confirm your email for the Interview Portal",
                "Welcome! Confirm your email to finish creating your account:\n\n\
                 {{action_link}}\n\n\
                 The link works once and expires in {{link_expires}}.",
            ),
            MailKind::AccountExists => (
                "You already have an Interview Portal account",
                "Someone (hopefully you) tried to sign up with this email, but it already has \
                 an account.\n\n\
                 Log in at {{portal_link}}",
            ),
            MailKind::PasswordReset => (
                "Reset your Interview Portal password",
                "Someone (hopefully you) asked to reset the password of this account.\n\n\
                 Choose a new password here:\n\n\
                 {{action_link}}\n\n\
                 The link works once and expires in {{link_expires}}. If you did not ask, \
                 ignore this e-mail: your password stays as it is.",
            ),
            MailKind::NoAccountYet => (
                "You have no Interview Portal account yet",
                "Someone (hopefully you) asked to reset the password of an Interview Portal \
                 account for this email, but it has no account yet.\n\n\
                 To create one with the email of your application, go to {{sign_up_link}}",
            ),
            MailKind::EmailChangeConfirmation => (
                "Confirm your new email for the Interview Portal",
                "{{recipient_name}} asked to use this email for their Interview Portal account. \
                 Confirm it here:\n\n\
                 {{action_link}}\n\n\
                 The link works once and expires in {{link_expires}}. Until you open it, the \
                 account keeps its current email. If you did not ask for this, ignore this email.",
            ),
            MailKind::EmailTaken => (
                "This email already has an Interview Portal account",
                "Someone (hopefully you) asked to move another Interview Portal account to this \
                 email, but this email already has its own account, so nothing was changed.\n\n\
                 Log in at {{portal_link}}",
            ),
            MailKind::EmailChanged => (
                "The email of your Interview Portal account changed",
                "Hello {{recipient_name}},\n\n\
                 {{details}}\n\n\
                 If you did not do this, contact your program's coordinator at once.",
            ),
            MailKind::OneOff | MailKind::Other => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::template::Template;
    use super::*;

    #[test]
    fn every_default_parses_and_names_only_its_placeholders() {
        for kind in MailKind::ALL {
            let Some((subject, body)) = kind.default_template() else {
                continue;
            };
            let allowed = kind.placeholders();
            for src in [subject, body] {
                let t = Template::parse(src).unwrap_or_else(|e| panic!("{kind:?}: {e}"));
                t.check_allowed(&allowed)
                    .unwrap_or_else(|e| panic!("{kind:?}: {e}"));
            }
            assert_eq!(MailKind::parse(kind.as_str()), Some(*kind));
        }
    }

    #[test]
    fn default_subjects_are_distinct() {
        let subjects: Vec<_> = MailKind::ALL
            .iter()
            .filter_map(|k| k.default_template().map(|t| t.0))
            .collect();
        let distinct: std::collections::HashSet<_> = subjects.iter().collect();
        assert_eq!(distinct.len(), subjects.len(), "{subjects:?}");
    }

    #[test]
    fn the_invitation_says_to_use_the_applications_email_and_links_the_portal() {
        let (_, body) = MailKind::Invitation.default_template().unwrap();
        assert!(body.contains("the same e-mail as your application"));
        assert!(body.contains("{{portal_link}}") && body.contains("{{sign_up_link}}"));
    }

    #[test]
    fn account_kinds_are_not_edited_per_program() {
        assert!(MailKind::Invitation.editable());
        assert!(MailKind::SetPassword.editable());
        assert!(!MailKind::PasswordReset.editable());
        assert!(!MailKind::EmailChanged.editable());
        assert!(!MailKind::OneOff.editable());
        assert!(!MailKind::Other.editable());
    }
}
