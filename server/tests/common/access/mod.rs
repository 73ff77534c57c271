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

mod applicant_changes;
mod applicant_list;
mod applicants;
mod audit;
mod auth;
mod calendar;
mod clock;
pub mod communications;
mod day;
/// Application files; its helpers make the uploads' multipart bodies.
pub mod files;
/// The applicant import; its helpers make the upload's body and the file waiting in Alpha.
pub mod imports;
mod itinerary;
mod meeting_rooms;
/// The Communications page and writing to a list; its helper puts a failed message in each program.
pub mod messages;
mod programs;
/// Reminders, the digest and staff alerts; its helper gives the rows' arguments.
pub mod reminders;
/// The Reports page and its CSV files.
mod reports;
/// The kinds of caller every row is checked against.
mod routes;
pub mod scoring;
mod sessions;
/// Staff management and the staff import; its helpers make the upload's body and what Alpha holds.
pub mod staff;
mod timetrack;
/// The portal's video rooms.
mod video;
pub mod waitlist;

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
    /// Part of the README's "API for scripts" (JSON for a coordinator's own tooling): a server
    /// function no screen calls must be (`server/tests/access.rs` checks both ways).
    pub for_scripts: bool,
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
        for_scripts: false,
    }
}

/// A row of the README's "API for scripts".
const fn for_scripts(access: Access) -> Access {
    Access {
        for_scripts: true,
        ..access
    }
}

/// The matrix: every feature's rows, in the README's order.
pub static MATRIX: std::sync::LazyLock<Vec<Access>> = std::sync::LazyLock::new(|| {
    [
        routes::ROWS,
        auth::ROWS,
        programs::ROWS,
        sessions::ROWS,
        day::ROWS,
        itinerary::ROWS,
        clock::ROWS,
        timetrack::ROWS,
        scoring::ROWS,
        meeting_rooms::ROWS,
        calendar::ROWS,
        applicants::ROWS,
        applicant_changes::ROWS,
        files::ROWS,
        applicant_list::ROWS,
        audit::ROWS,
        imports::ROWS,
        staff::ROWS,
        reminders::ROWS,
        communications::ROWS,
        messages::ROWS,
        waitlist::ROWS,
        reports::ROWS,
        video::ROWS,
    ]
    .concat()
});

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
    for a in MATRIX.iter() {
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
