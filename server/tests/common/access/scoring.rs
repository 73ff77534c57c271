//! Rows of the authorization matrix: scoring forms, score sheets, the rank lists and the Match
//! marks (the results file is multipart, sent so by [`multipart`]).

use super::*;

const MATCH_FILE: &str = "/api/mark-matched-file";

pub(super) const ROWS: &[Access] = &[
    for_scripts(row(
        "/api/scoring-forms",
        "POST",
        "The program's scoring forms, each at its newest version",
        false,
        COORDINATORS,
    )),
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
    for_scripts(row(
        "/api/score-sheet",
        "POST",
        "One's own score sheet for an applicant one interviewed (never another's)",
        false,
        &[Interviewer],
    )),
    row(
        "/api/save-score",
        "POST",
        "Save or submit one's own score sheet for an applicant one interviewed",
        true,
        &[Interviewer],
    ),
    row(
        "/api/flag-do-not-rank",
        "POST",
        "Flag an applicant one interviewed \"do not rank\", with the reason (coordinators see it)",
        true,
        &[Interviewer],
    ),
    row(
        "/api/unflag-do-not-rank",
        "POST",
        "Take back one's own \"do not rank\" flag",
        true,
        &[Interviewer],
    ),
    for_scripts(row(
        "/api/ranks",
        "POST",
        "The program's rank list from its submitted scores, raw or calibrated",
        false,
        COORDINATORS,
    )),
    for_scripts(row(
        "/api/missing-scores",
        "POST",
        "Who still owes which score in a session of this program",
        false,
        COORDINATORS_HERE,
    )),
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
        "/api/mark-matched",
        "POST",
        "Mark an applicant of this program as matched after Match Day, or take the mark back",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/api/mark-matched-ids",
        "POST",
        "Mark as matched (or unmark) the program's applicants whose NRMP or AAMC ids are pasted; answers what changed and the ids not found",
        true,
        COORDINATORS,
    ),
    row(
        MATCH_FILE,
        "POST",
        "Mark as matched the program's applicants a Match results file names (multipart; size limited)",
        true,
        COORDINATORS,
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
];

/// The Match results file as a multipart body (`None` for every other row).
pub fn multipart(path: &str) -> Option<(String, Vec<u8>)> {
    (path == MATCH_FILE).then(|| {
        super::files::multipart_body(
            &[],
            &[(
                "file",
                "match-results.csv",
                b"NRMP ID,Name\r\nN0000001,Nobody\r\n",
            )],
        )
    })
}
