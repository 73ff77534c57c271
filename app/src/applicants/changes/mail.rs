//! The e-mails of a coordinator's changes, as (subject, body). The coordinator's reason stays in
//! the applicant's history and is not sent: it may be an internal note.

/// The program withdrew its invitation (or removed the applicant, whose invitation was sent).
pub fn withdrawn(name: &str, program: &str, url: &str) -> (String, String) {
    (
        format!("Interview invitation withdrawn: {program}"),
        format!(
            "Dear {name},\n\n{program} has withdrawn its interview invitation. \
             Any interview you had booked with the program is cancelled.\n\n\
             My Programs at {url}/my-programs shows where you stand."
        ),
    )
}

/// The confirmed interview `when` was cancelled.
pub fn cancelled(name: &str, program: &str, when: &str, url: &str) -> (String, String) {
    (
        format!("Interview cancelled: {program}"),
        format!(
            "Dear {name},\n\n{program} has cancelled your interview on {when}.\n\n\
             My Programs at {url}/my-programs shows where you stand; contact the program with \
             any question."
        ),
    )
}

/// The confirmed interview moved from one session to another.
pub fn moved(name: &str, program: &str, from: &str, to: &str, url: &str) -> (String, String) {
    (
        format!("Interview moved: {program}"),
        format!(
            "Dear {name},\n\n{program} has moved your interview.\n\n\
             It was: {from}\nIt is now: {to}\n\n\
             My Programs at {url}/my-programs shows your session."
        ),
    )
}
