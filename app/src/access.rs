//! Who may call what: the authorization matrix. One row per server function and per plain
//! route, one column per kind of caller. `server/tests/access.rs` walks every cell against the
//! real router on both databases (an allowed call succeeds and shows no other program's data; a
//! refused one answers 401/403/404 and changes nothing), fails when a registered server
//! function or a plain route has no row, and checks that the README's table is
//! [`markdown`]'s. A new server function or route therefore starts with a row here.
//!
//! Calls are made on behalf of one program ("this program"), with valid arguments that name
//! its records. Callers whose active program is another one act on that program's records:
//! a list they may read shows their own program, and a call naming this program's records is
//! refused.

/// The kinds of caller every row is checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CallerKind {
    Anonymous,
    /// Invited to this program (Invited & Ready, invitation sent, a session visible).
    ApplicantHere,
    /// Invited to another program only.
    ApplicantElsewhere,
    /// Added to this program, not invited (Interview Candidate).
    ApplicantNotInvited,
    Interviewer,
    Coordinator,
    Manager,
    Director,
    DirectorAsInterviewer,
    ManagerAsInterviewer,
    /// Staff of this program, acting in their other program (coordinator in both).
    StaffInOtherProgram,
    /// Coordinator of another program only.
    CoordinatorElsewhere,
}

use CallerKind::*;

impl CallerKind {
    pub const ALL: [CallerKind; 12] = [
        Anonymous,
        ApplicantHere,
        ApplicantElsewhere,
        ApplicantNotInvited,
        Interviewer,
        Coordinator,
        Manager,
        Director,
        DirectorAsInterviewer,
        ManagerAsInterviewer,
        StaffInOtherProgram,
        CoordinatorElsewhere,
    ];

    /// The column heading in the README.
    pub fn short(self) -> &'static str {
        match self {
            Anonymous => "anon",
            ApplicantHere => "appl",
            ApplicantElsewhere => "appl other",
            ApplicantNotInvited => "appl not inv.",
            Interviewer => "intv",
            Coordinator => "coord",
            Manager => "mgr",
            Director => "dir",
            DirectorAsInterviewer => "dir as intv",
            ManagerAsInterviewer => "mgr as intv",
            StaffInOtherProgram => "staff in other prog.",
            CoordinatorElsewhere => "coord other",
        }
    }

    /// Is this caller outside this program (so nothing of it may reach them)?
    pub fn outsider(self) -> bool {
        matches!(
            self,
            Anonymous
                | ApplicantElsewhere
                | ApplicantNotInvited
                | StaffInOtherProgram
                | CoordinatorElsewhere
        )
    }
}

/// One row of the matrix.
#[derive(Debug, Clone, Copy)]
pub struct Access {
    /// `/api/<endpoint>` for a server function, or a plain route's path.
    pub path: &'static str,
    pub method: &'static str,
    /// What it does, as the README says it.
    pub what: &'static str,
    /// An allowed call writes (the test gives each one a fresh database).
    pub writes: bool,
    pub allowed: &'static [CallerKind],
}

const EVERYONE: &[CallerKind] = &CallerKind::ALL;
const LOGGED_IN: &[CallerKind] = &[
    ApplicantHere,
    ApplicantElsewhere,
    ApplicantNotInvited,
    Interviewer,
    Coordinator,
    Manager,
    Director,
    DirectorAsInterviewer,
    ManagerAsInterviewer,
    StaffInOtherProgram,
    CoordinatorElsewhere,
];
/// Any staff role in their active program, interviewers (and those switched) included.
const STAFF: &[CallerKind] = &[
    Interviewer,
    Coordinator,
    Manager,
    Director,
    DirectorAsInterviewer,
    ManagerAsInterviewer,
    StaffInOtherProgram,
    CoordinatorElsewhere,
];
/// Directors, managers and coordinators acting as such, in their active program.
const COORDINATORS: &[CallerKind] = &[
    Coordinator,
    Manager,
    Director,
    StaffInOtherProgram,
    CoordinatorElsewhere,
];
/// Coordinators of this program: the only ones who may touch its records.
const COORDINATORS_HERE: &[CallerKind] = &[Coordinator, Manager, Director];
const DIRECTORS_AND_MANAGERS: &[CallerKind] = &[
    Director,
    Manager,
    DirectorAsInterviewer,
    ManagerAsInterviewer,
];
/// Staff acting in this program: its interviewers (and those switched to interviewer) and
/// coordinators.
const STAFF_HERE: &[CallerKind] = &[
    Interviewer,
    Coordinator,
    Manager,
    Director,
    DirectorAsInterviewer,
    ManagerAsInterviewer,
];
const STAFF_OF_THIS_PROGRAM: &[CallerKind] = &[
    Interviewer,
    Coordinator,
    Manager,
    Director,
    DirectorAsInterviewer,
    ManagerAsInterviewer,
    StaffInOtherProgram,
];

const fn row(
    path: &'static str,
    method: &'static str,
    what: &'static str,
    writes: bool,
    allowed: &'static [CallerKind],
) -> Access {
    Access {
        path,
        method,
        what,
        writes,
        allowed,
    }
}

/// The matrix.
pub const MATRIX: &[Access] = &[
    row(
        "/health",
        "GET",
        "Is the database reachable?",
        false,
        EVERYONE,
    ),
    row(
        "/events",
        "GET",
        "The tab's push stream (what the caller may see)",
        false,
        LOGGED_IN,
    ),
    row(
        "/calendar/{token}",
        "GET",
        "A person's calendar feed (the token is the credential; unknown or revoked: 404)",
        false,
        EVERYONE,
    ),
    row(
        "/calendar.ics",
        "GET",
        "One's own calendar feed as a file to import",
        false,
        LOGGED_IN,
    ),
    row(
        "/print/day/{session}",
        "GET",
        "A published day of this program, printable: the grid, each room, each applicant",
        false,
        COORDINATORS_HERE,
    ),
    row(
        "/print/my-day",
        "GET",
        "One's own interview days, printable",
        false,
        STAFF,
    ),
    row(
        "/api/clock-now",
        "POST",
        "The server's time, for countdowns to keep in step",
        false,
        EVERYONE,
    ),
    row(
        "/export/ranks.csv",
        "GET",
        "The program's rank list as a CSV file (formula-like cells escaped)",
        false,
        COORDINATORS,
    ),
    row(
        "/print/ranks",
        "GET",
        "The program's rank list, printable",
        false,
        COORDINATORS,
    ),
    row(
        "/test/clock",
        "POST",
        "Move the server's clock (only when started with the test flag; otherwise 404)",
        true,
        EVERYONE,
    ),
    row(
        "/api/current-user",
        "POST",
        "Who am I (nothing for a visitor)",
        false,
        EVERYONE,
    ),
    row("/api/login", "POST", "Log in", true, EVERYONE),
    row("/api/logout", "POST", "Log out", true, EVERYONE),
    row(
        "/api/sign-up",
        "POST",
        "Applicant sign-up (same answer for every e-mail)",
        true,
        EVERYONE,
    ),
    row(
        "/api/confirm-email",
        "POST",
        "Confirm a sign-up link",
        true,
        EVERYONE,
    ),
    row(
        "/api/set-password",
        "POST",
        "Set a password through a link",
        true,
        EVERYONE,
    ),
    row(
        "/api/switch-role",
        "POST",
        "Switch to interviewer and back",
        true,
        DIRECTORS_AND_MANAGERS,
    ),
    row(
        "/api/switch-program",
        "POST",
        "Act in another program one is staff of",
        true,
        STAFF_OF_THIS_PROGRAM,
    ),
    row(
        "/api/program-overview",
        "POST",
        "The program at a glance",
        false,
        STAFF,
    ),
    row(
        "/api/list-staff",
        "POST",
        "The program's staff",
        false,
        COORDINATORS,
    ),
    row(
        "/api/staff-page",
        "POST",
        "The staff screen: the list and the form that adds someone",
        false,
        COORDINATORS,
    ),
    row(
        "/api/add-staff",
        "POST",
        "Add a staff member (up to one's own rank)",
        true,
        COORDINATORS,
    ),
    row(
        "/api/program-settings",
        "POST",
        "The program's settings",
        false,
        COORDINATORS,
    ),
    row(
        "/api/settings-page",
        "POST",
        "The settings screen",
        false,
        COORDINATORS,
    ),
    row(
        "/api/save-settings",
        "POST",
        "Change self-scheduling",
        true,
        COORDINATORS,
    ),
    row(
        "/api/list-sessions",
        "POST",
        "The sessions with their fill",
        false,
        COORDINATORS,
    ),
    row(
        "/api/time-zones",
        "POST",
        "The zones a session can be in",
        false,
        COORDINATORS,
    ),
    row(
        "/api/save-session",
        "POST",
        "Create or edit a session of this program",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/api/delete-session",
        "POST",
        "Delete a session of this program",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/api/session-day",
        "POST",
        "A session's day: plan, rooms, conflicts, templates, the draft",
        false,
        COORDINATORS_HERE,
    ),
    row(
        "/api/day-setup-page",
        "POST",
        "A session's Day page in one load: its day (grid, draft, people) and the setup screen (rooms, rounds and breaks, conflicts, templates)",
        false,
        COORDINATORS_HERE,
    ),
    row(
        "/api/save-day-plan",
        "POST",
        "Save a day's rounds and lengths",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/api/add-break",
        "POST",
        "Add a break to a day",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/api/remove-break",
        "POST",
        "Remove a break",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/api/save-room",
        "POST",
        "Add or change a room and its interviewers",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/api/remove-room",
        "POST",
        "Remove a room (its slots go back to unscheduled)",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/api/add-conflict",
        "POST",
        "Record a conflict of interest",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/api/remove-conflict",
        "POST",
        "Remove a conflict of interest",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/api/save-day-template",
        "POST",
        "Save a day as a template",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/api/apply-day-template",
        "POST",
        "Apply a template to a day",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/api/generate-day",
        "POST",
        "Generate a day's draft schedule",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/api/enter-day",
        "POST",
        "Say one has a day's page open (who else is editing)",
        false,
        COORDINATORS_HERE,
    ),
    row(
        "/api/leave-day",
        "POST",
        "Say one left a day's page",
        false,
        COORDINATORS_HERE,
    ),
    row(
        "/api/edit-draft",
        "POST",
        "Move or swap applicants in a day's draft (saved when still as seen)",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/api/repair-day",
        "POST",
        "Repair a day's draft after a manual edit",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/api/review-publish",
        "POST",
        "Review a day before finalizing: the versions, who a publish would affect and how",
        false,
        COORDINATORS_HERE,
    ),
    row(
        "/api/finalize-day",
        "POST",
        "Finalize a day: publish its draft as the next version, tell those affected",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/api/unfinalize-day",
        "POST",
        "Take a finalized day down (everyone who had an itinerary is told)",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/api/my-day",
        "POST",
        "The caller's own published days as an interviewer, across programs",
        false,
        STAFF,
    ),
    row(
        "/api/day-clock",
        "POST",
        "A session's day clock: the phase under way, its deadline, the rounds' times",
        false,
        STAFF_HERE,
    ),
    row(
        "/api/clock-action",
        "POST",
        "Start, pause, resume, extend, end early or skip a session's running day",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/api/clock-auto-start",
        "POST",
        "Whether a session's day starts by itself at its planned time",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/api/day-overview",
        "POST",
        "TimeTrack overview of a session's running day: every room, its status, who is present, the broadcasts",
        false,
        COORDINATORS_HERE,
    ),
    row(
        "/api/my-timetrack",
        "POST",
        "The caller's own rooms on TimeTrack, as an interviewer (opening it on the day counts them present)",
        false,
        STAFF,
    ),
    row(
        "/api/my-interview-day",
        "POST",
        "The caller's own interview days as they run, as an applicant (join links once their room is ready)",
        false,
        LOGGED_IN,
    ),
    row(
        "/api/set-room-status",
        "POST",
        "A room's status in a round: its interviewers (forward only) or a coordinator",
        true,
        &[Interviewer, Coordinator, Manager, Director],
    ),
    row(
        "/api/mark-no-show",
        "POST",
        "Mark an applicant No-show: an interviewer who meets them, or a coordinator",
        true,
        &[Interviewer, Coordinator, Manager, Director],
    ),
    row(
        "/api/broadcast",
        "POST",
        "A message to a session's people, on their screens at once",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/api/scoring-forms",
        "POST",
        "The program's scoring forms, each at its newest version",
        false,
        COORDINATORS,
    ),
    row(
        "/api/save-scoring-form",
        "POST",
        "Add a scoring form, or edit one (a new version once it has scores)",
        true,
        COORDINATORS,
    ),
    row(
        "/api/assign-scoring-form",
        "POST",
        "The form a session of this program is scored on",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/api/score-sheet",
        "POST",
        "One's own score sheet for an applicant one interviewed (never another's)",
        false,
        &[Interviewer],
    ),
    row(
        "/api/save-score",
        "POST",
        "Save or submit one's own score sheet for an applicant one interviewed",
        true,
        &[Interviewer],
    ),
    row(
        "/api/ranks",
        "POST",
        "The program's rank list from its submitted scores, raw or calibrated",
        false,
        COORDINATORS,
    ),
    row(
        "/api/missing-scores",
        "POST",
        "Who still owes which score in a session of this program",
        false,
        COORDINATORS_HERE,
    ),
    row(
        "/api/remind-scorers",
        "POST",
        "E-mail each interviewer who still owes scores in a session",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/api/exclude-scores",
        "POST",
        "Leave an interviewer's scores out of the ranks (one applicant or all), with the reason",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/api/include-scores",
        "POST",
        "Take an exclusion of scores back",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/api/override-score",
        "POST",
        "Set (or clear) an applicant's final score by hand, with the reason",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/api/open-scoring",
        "POST",
        "Let every interviewer of a session's day score every applicant of it, or only those they met",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/api/scoring-forms-page",
        "POST",
        "The scoring forms screen: the library, the editor and preview, each session's form",
        false,
        COORDINATORS,
    ),
    row(
        "/api/session-scoring-page",
        "POST",
        "A session's scoring screen: its form, the missing scores, the reminder",
        false,
        COORDINATORS_HERE,
    ),
    row(
        "/api/ranks-page",
        "POST",
        "The rank list screen: final scores raw and calibrated, interviewers, exclusions",
        false,
        COORDINATORS,
    ),
    row(
        "/api/my-scores-page",
        "POST",
        "One's own list of applicants to score, with how far each sheet is",
        false,
        STAFF,
    ),
    row(
        "/api/score-sheet-page",
        "POST",
        "One's own score sheet screen for an applicant one interviewed",
        false,
        &[Interviewer],
    ),
    row(
        "/api/move-rank",
        "POST",
        "Move an applicant on a rank list of this program (kept as a manual order)",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/api/revert-ranks",
        "POST",
        "Put a rank list of this program back in the computed order",
        true,
        COORDINATORS,
    ),
    row(
        "/api/add-rank-list",
        "POST",
        "Add an extra named rank list",
        true,
        COORDINATORS,
    ),
    row(
        "/api/remove-rank-list",
        "POST",
        "Delete an extra named rank list of this program",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/api/meeting-rooms",
        "POST",
        "The program's meeting rooms",
        false,
        COORDINATORS,
    ),
    row(
        "/api/add-meeting-room",
        "POST",
        "Add a meeting room to the program (or one of its sessions)",
        true,
        COORDINATORS,
    ),
    row(
        "/api/remove-meeting-room",
        "POST",
        "Remove a meeting room of this program",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/api/new-calendar-link",
        "POST",
        "A new private calendar link for oneself (the old one stops working)",
        true,
        LOGGED_IN,
    ),
    row(
        "/api/calendar-link",
        "POST",
        "Whether one has a calendar link on",
        false,
        LOGGED_IN,
    ),
    row(
        "/api/revoke-calendar-link",
        "POST",
        "Turn one's calendar link off",
        true,
        LOGGED_IN,
    ),
    row(
        "/api/list-applicants",
        "POST",
        "The applicants and their choices",
        false,
        COORDINATORS,
    ),
    row(
        "/api/add-applicant",
        "POST",
        "Add an applicant",
        true,
        COORDINATORS,
    ),
    row(
        "/api/mark-invited",
        "POST",
        "Mark an applicant of this program Invited & Ready",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/api/send-invitation",
        "POST",
        "Send an applicant of this program the invitation",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/api/assign-session",
        "POST",
        "Confirm a pending applicant of this program",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/api/my-programs",
        "POST",
        "The programs whose invitation the caller may see",
        false,
        LOGGED_IN,
    ),
    row(
        "/api/submit-choices",
        "POST",
        "Choose first and second session",
        true,
        &[ApplicantHere],
    ),
    row(
        "/api/decline-invitation",
        "POST",
        "Decline the invitation",
        true,
        &[ApplicantHere],
    ),
];

/// The push stream's audiences, as the matrix tests them: an event for this program's
/// audience reaches exactly these callers' open tabs (as they act now).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StreamAudience {
    /// The program's directors, managers and coordinators, acting as such.
    Coordinators,
    /// The program's staff, interviewers included.
    Staff,
    /// Applicants whose invitation from the program was sent.
    Applicants,
    /// One person: the invited applicant (a session's interviewers and applicants hear its day
    /// this way).
    Person,
}

/// Who hears each audience of the push stream.
pub const STREAM: &[(StreamAudience, &str, &[CallerKind])] = &[
    (
        StreamAudience::Coordinators,
        "the program's coordinators (fill, applicants changed, draft schedules)",
        COORDINATORS_HERE,
    ),
    (
        StreamAudience::Staff,
        "the program's staff",
        &[
            Interviewer,
            Coordinator,
            Manager,
            Director,
            DirectorAsInterviewer,
            ManagerAsInterviewer,
        ],
    ),
    (
        StreamAudience::Applicants,
        "applicants the program invited (fill of visible sessions)",
        &[ApplicantHere],
    ),
    (
        StreamAudience::Person,
        "one person (their own record changed; a session's day clock, TimeTrack and broadcasts reach its interviewers and applicants this way, each by e-mail)",
        &[ApplicantHere],
    ),
];

/// The row of a path, if it has one.
pub fn row_of(path: &str) -> Option<&'static Access> {
    MATRIX.iter().find(|a| a.path == path)
}

/// The matrix as the README's Markdown table.
pub fn markdown() -> String {
    let mut out = String::from("| call | what |");
    for k in CallerKind::ALL {
        out.push_str(&format!(" {} |", k.short()));
    }
    out.push_str("\n|---|---|");
    out.push_str(&"---|".repeat(CallerKind::ALL.len()));
    for a in MATRIX {
        let name = a.path.trim_start_matches("/api/");
        out.push_str(&format!("\n| `{name}` | {} |", a.what));
        for k in CallerKind::ALL {
            out.push_str(cell(a.allowed.contains(&k)));
        }
    }
    out.push_str("\n\n| push stream: an event for … reaches | |");
    for k in CallerKind::ALL {
        out.push_str(&format!(" {} |", k.short()));
    }
    out.push_str("\n|---|---|");
    out.push_str(&"---|".repeat(CallerKind::ALL.len()));
    for (_, what, hears) in STREAM {
        out.push_str(&format!("\n| {what} | |"));
        for k in CallerKind::ALL {
            out.push_str(cell(hears.contains(&k)));
        }
    }
    out.push('\n');
    out
}

fn cell(yes: bool) -> &'static str {
    if yes {
        " ✓ |"
    } else {
        " — |"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_is_unique_and_the_table_has_every_row() {
        for (i, a) in MATRIX.iter().enumerate() {
            assert!(
                MATRIX[i + 1..].iter().all(|b| b.path != a.path),
                "{} twice",
                a.path
            );
        }
        let tables = MATRIX.len() + 2 + 1 + STREAM.len() + 2;
        assert_eq!(markdown().lines().count(), tables);
        assert!(row_of("/api/list-staff")
            .unwrap()
            .allowed
            .contains(&Director));
        assert!(!row_of("/api/list-staff")
            .unwrap()
            .allowed
            .contains(&Interviewer));
    }
}
