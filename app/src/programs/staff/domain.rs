//! The rules of a program's staff, as plain functions: whom a coordinator may change, to which
//! role, the program's last active director kept, deactivating and reactivating.

use crate::auth::domain::Role;
use crate::error::AppError;
use serde::{Deserialize, Serialize};

/// Where a member's account stands in the program.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StaffStatus {
    /// Has set a password and may log in.
    Active,
    /// Added, but has not set a password yet (their set-password link waits).
    Invited,
    /// Deactivated in this program: no access to it.
    Deactivated,
}

impl StaffStatus {
    pub fn of(has_password: bool, deactivated: bool) -> StaffStatus {
        match (deactivated, has_password) {
            (true, _) => StaffStatus::Deactivated,
            (false, true) => StaffStatus::Active,
            (false, false) => StaffStatus::Invited,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            StaffStatus::Active => "Active",
            StaffStatus::Invited => "Invited (no password yet)",
            StaffStatus::Deactivated => "Deactivated",
        }
    }
}

/// A member as the rules see them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub name: String,
    pub role: Role,
    pub deactivated: bool,
}

/// `role` lower-cased with its article, for a sentence ("a program director").
pub fn a_role(role: Role) -> String {
    let lower = role.label().to_lowercase();
    if lower.starts_with(['a', 'e', 'i', 'o', 'u']) {
        format!("an {lower}")
    } else {
        format!("a {lower}")
    }
}

pub(super) fn own(by: Role) -> String {
    by.label().to_lowercase()
}

/// A coordinator acts on members up to their own rank (a coordinator cannot touch a director
/// or a manager); `doing` says what, for the refusal ("change the role of").
fn check_reach(by: Role, member: &Member, doing: &str) -> Result<(), AppError> {
    if by.may_grant(member.role) {
        return Ok(());
    }
    Err(AppError::forbidden(format!(
        "As {} you cannot {doing} {}: {} is {}.",
        own(by),
        member.name,
        member.name,
        a_role(member.role)
    )))
}

/// The refusal when `member` is the program's last active director.
fn last_director(member: &Member, doing: &str) -> AppError {
    AppError::Conflict(format!(
        "{} is the program's only active director, and a program always keeps one: make someone else program director first, then {doing}.",
        member.name
    ))
}

/// Changing `member`'s role to `to`, by someone of role `by`, while the program has
/// `active_directors` active directors (the member counted when they are one).
pub fn check_role_change(
    by: Role,
    member: &Member,
    to: Role,
    active_directors: i64,
) -> Result<(), AppError> {
    check_reach(by, member, "change the role of")?;
    if member.deactivated {
        return Err(AppError::Conflict(format!(
            "{} is deactivated: reactivate them before changing their role.",
            member.name
        )));
    }
    if !by.may_grant(to) {
        return Err(AppError::invalid(
            "role",
            format!("As {} you cannot make someone {}.", own(by), a_role(to)),
        ));
    }
    if member.role == to {
        return Err(AppError::invalid(
            "role",
            format!("{} is {} already.", member.name, a_role(to)),
        ));
    }
    if member.role == Role::Director && active_directors <= 1 {
        return Err(last_director(member, "change this role"));
    }
    Ok(())
}

/// Deactivating `member` (not oneself: `is_self`).
pub fn check_deactivate(
    by: Role,
    member: &Member,
    is_self: bool,
    active_directors: i64,
) -> Result<(), AppError> {
    if is_self {
        return Err(AppError::Conflict(
            "You cannot deactivate yourself: ask another coordinator of the program.".into(),
        ));
    }
    check_reach(by, member, "deactivate")?;
    if member.deactivated {
        return Err(AppError::Conflict(format!(
            "{} is deactivated already.",
            member.name
        )));
    }
    if member.role == Role::Director && active_directors <= 1 {
        return Err(last_director(member, "deactivate them"));
    }
    Ok(())
}

pub fn check_reactivate(by: Role, member: &Member) -> Result<(), AppError> {
    check_reach(by, member, "reactivate")?;
    if !member.deactivated {
        return Err(AppError::Conflict(format!(
            "{} is active already.",
            member.name
        )));
    }
    Ok(())
}

/// Sending a new set-password link to `member`.
pub fn check_password_link(by: Role, member: &Member) -> Result<(), AppError> {
    check_reach(by, member, "send a set-password link to")?;
    if member.deactivated {
        return Err(AppError::Conflict(format!(
            "{} is deactivated: reactivate them first.",
            member.name
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use Role::*;

    fn m(role: Role) -> Member {
        Member {
            name: "Ana Lee".into(),
            role,
            deactivated: false,
        }
    }

    #[test]
    fn a_role_is_changed_up_to_ones_own_rank() {
        assert!(check_role_change(Director, &m(Interviewer), Director, 1).is_ok());
        assert!(check_role_change(Manager, &m(Interviewer), Manager, 1).is_ok());
        assert!(check_role_change(Coordinator, &m(Interviewer), Coordinator, 1).is_ok());
        assert!(check_role_change(Coordinator, &m(Coordinator), Interviewer, 1).is_ok());
        let e = check_role_change(Coordinator, &m(Interviewer), Director, 1).unwrap_err();
        assert_eq!(
            e.field_message("role").as_deref(),
            Some("As coordinator you cannot make someone a program director.")
        );
        let e = check_role_change(Manager, &m(Interviewer), Director, 1).unwrap_err();
        assert!(e
            .to_string()
            .contains("cannot make someone a program director"));
    }

    #[test]
    fn a_member_above_ones_rank_is_out_of_reach() {
        let e = check_role_change(Coordinator, &m(Manager), Interviewer, 1).unwrap_err();
        assert_eq!(
            e.to_string(),
            "As coordinator you cannot change the role of Ana Lee: Ana Lee is a program manager."
        );
        assert!(matches!(e, AppError::Forbidden(_)));
        assert!(check_deactivate(Coordinator, &m(Director), false, 2).is_err());
        assert!(check_reactivate(Manager, &m(Director)).is_err());
        assert!(check_password_link(Coordinator, &m(Manager)).is_err());
        // Interviewers reach nobody.
        assert!(check_role_change(Interviewer, &m(Interviewer), Interviewer, 1).is_err());
    }

    #[test]
    fn the_last_active_director_is_kept() {
        let e = check_role_change(Director, &m(Director), Manager, 1).unwrap_err();
        assert_eq!(
            e.to_string(),
            "Ana Lee is the program's only active director, and a program always keeps one: make someone else program director first, then change this role."
        );
        assert!(check_role_change(Director, &m(Director), Manager, 2).is_ok());
        let e = check_deactivate(Director, &m(Director), false, 1).unwrap_err();
        assert!(e.to_string().contains("only active director"));
        assert!(e.to_string().ends_with("then deactivate them."));
        assert!(check_deactivate(Director, &m(Director), false, 2).is_ok());
    }

    #[test]
    fn the_same_role_again_is_said() {
        let e = check_role_change(Director, &m(Coordinator), Coordinator, 1).unwrap_err();
        assert_eq!(
            e.field_message("role").as_deref(),
            Some("Ana Lee is a coordinator already.")
        );
    }

    #[test]
    fn deactivating_and_reactivating() {
        assert!(check_deactivate(Coordinator, &m(Interviewer), false, 1).is_ok());
        let e = check_deactivate(Director, &m(Interviewer), true, 1).unwrap_err();
        assert!(e.to_string().starts_with("You cannot deactivate yourself"));
        let gone = Member {
            deactivated: true,
            ..m(Interviewer)
        };
        assert_eq!(
            check_deactivate(Coordinator, &gone, false, 1)
                .unwrap_err()
                .to_string(),
            "Ana Lee is deactivated already."
        );
        assert!(check_reactivate(Coordinator, &gone).is_ok());
        assert_eq!(
            check_reactivate(Coordinator, &m(Interviewer))
                .unwrap_err()
                .to_string(),
            "Ana Lee is active already."
        );
        assert!(check_role_change(Director, &gone, Coordinator, 1).is_err());
        assert!(check_password_link(Director, &gone).is_err());
        assert!(check_password_link(Coordinator, &m(Interviewer)).is_ok());
    }

    #[test]
    fn statuses_in_words() {
        assert_eq!(StaffStatus::of(true, false), StaffStatus::Active);
        assert_eq!(StaffStatus::of(false, false), StaffStatus::Invited);
        assert_eq!(StaffStatus::of(true, true), StaffStatus::Deactivated);
        assert_eq!(StaffStatus::of(false, true).label(), "Deactivated");
    }
}
