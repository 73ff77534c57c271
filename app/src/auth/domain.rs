//! The rules of accounts and roles, as plain functions: e-mail and password checks, which role
//! may do what, whom a role may add, and which address a login attempt counts against.

use crate::error::AppError;
use serde::{Deserialize, Serialize};
use std::net::IpAddr;

/// A staff member's role in one program.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
/// In JSON a role is its name (`"Director"`); a form sends the stored word (`"director"`).
pub enum Role {
    #[serde(alias = "director")]
    Director,
    #[serde(alias = "manager")]
    Manager,
    #[serde(alias = "coordinator")]
    Coordinator,
    #[serde(alias = "interviewer")]
    Interviewer,
}

crate::text_enum::text_enum!(Role {
    Director => "director",
    Manager => "manager",
    Coordinator => "coordinator",
    Interviewer => "interviewer",
});

impl Role {
    pub fn label(self) -> &'static str {
        match self {
            Role::Director => "Program director",
            Role::Manager => "Program manager",
            Role::Coordinator => "Coordinator",
            Role::Interviewer => "Interviewer",
        }
    }

    /// Directors, managers and coordinators run the portal ("coordinators" in the seeds).
    pub fn runs_program(self) -> bool {
        !matches!(self, Role::Interviewer)
    }

    /// Directors and managers may switch to interviewer and back.
    pub fn may_switch_to_interviewer(self) -> bool {
        matches!(self, Role::Director | Role::Manager)
    }

    /// A coordinator may add staff up to their own rank: a director adds anyone, a manager
    /// anyone but a director, a coordinator coordinators and interviewers; interviewers nobody.
    pub fn may_grant(self, other: Role) -> bool {
        self.runs_program() && self <= other
    }
}

/// Where the role switcher goes: to interviewer, or back to one's own role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SwitchTo {
    Interviewer,
    Own,
}

/// What an e-mailed single-use link is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenPurpose {
    /// Confirms an applicant's sign-up (the chosen password's hash travels with it).
    VerifyEmail,
    /// Lets new staff (or a program's first director) set a password.
    SetPassword,
}

crate::text_enum::text_enum!(TokenPurpose {
    VerifyEmail => "verify_email",
    SetPassword => "set_password",
});

/// The role the server acts on: the switched role while a director or manager is switched to
/// interviewer, their own role otherwise. A stored switch the role may not make is ignored.
pub fn acting_role(own: Role, switched: Option<Role>) -> Role {
    match switched {
        Some(Role::Interviewer) if own.may_switch_to_interviewer() => Role::Interviewer,
        _ => own,
    }
}

/// Trims and lower-cases an e-mail address, and refuses what cannot be one.
pub fn normalize_email(input: &str) -> Result<String, AppError> {
    let email = input.trim().to_lowercase();
    if email.is_empty() {
        return Err(AppError::invalid("email", "Enter your email address."));
    }
    let valid = email.len() <= 254
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        && match email.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !domain.contains("..")
            }
            None => false,
        };
    if valid {
        Ok(email)
    } else {
        Err(AppError::invalid(
            "email",
            "Enter an email address like name@example.org.",
        ))
    }
}

pub const MIN_PASSWORD_LEN: usize = 10;

pub fn validate_new_password(password: &str, confirm: &str) -> Result<(), AppError> {
    let len = password.chars().count();
    if len < MIN_PASSWORD_LEN {
        return Err(AppError::invalid(
            "password",
            format!("Use at least {MIN_PASSWORD_LEN} characters."),
        ));
    }
    if len > 200 {
        return Err(AppError::invalid("password", "Use at most 200 characters."));
    }
    if password != confirm {
        return Err(AppError::invalid(
            "confirm",
            "The two passwords do not match.",
        ));
    }
    Ok(())
}

pub fn validate_person_name(input: &str) -> Result<String, AppError> {
    crate::text::single_line(input, "name", 120, "Enter a name.")
}

/// How many failed logins are allowed in the window, per account and per client address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoginLimits {
    pub per_account: i64,
    pub per_client: i64,
    pub window_minutes: i64,
}

impl Default for LoginLimits {
    fn default() -> Self {
        Self {
            per_account: 5,
            per_client: 50,
            window_minutes: 15,
        }
    }
}

/// Refuses a login attempt once the account or the client address has used up its failures.
/// Failed logins within the window, for the account and for the client address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct LoginFailures {
    pub by_account: i64,
    pub by_client: i64,
}

pub fn check_login_limits(limits: &LoginLimits, failed: LoginFailures) -> Result<(), AppError> {
    if failed.by_account >= limits.per_account || failed.by_client >= limits.per_client {
        return Err(AppError::RateLimited(format!(
            "Too many failed attempts. Please wait {} minutes and try again. If you have forgotten your password, ask your program's coordinator.",
            limits.window_minutes
        )));
    }
    Ok(())
}

/// The address a request counts against. Behind trusted reverse proxies the client is the
/// right-most `X-Forwarded-For` entry that is not itself a trusted proxy; a request that did
/// not come through a trusted proxy is its peer, whatever headers it carries.
pub fn client_address(peer: IpAddr, forwarded_for: Option<&str>, trusted: &[IpAddr]) -> IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    let Some(header) = forwarded_for else {
        return peer;
    };
    let mut client = peer;
    for hop in header.rsplit(',') {
        match hop.trim().parse::<IpAddr>() {
            Ok(ip) => {
                client = ip;
                if !trusted.contains(&ip) {
                    break;
                }
            }
            Err(_) => break,
        }
    }
    client
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalized_and_checked() {
        assert_eq!(
            normalize_email("  Ana.Ruiz@Example.ORG ").unwrap(),
            "ana.ruiz@example.org"
        );
        for bad in [
            "",
            "ana",
            "ana@",
            "@example.org",
            "ana@example",
            "a b@example.org",
            "a@b@c.org",
            "ana@.org",
            "ana@example..org",
        ] {
            let err = normalize_email(bad).unwrap_err();
            assert!(err.field_message("email").is_some(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn passwords_need_length_and_a_matching_confirmation() {
        assert!(validate_new_password("short", "short")
            .unwrap_err()
            .field_message("password")
            .is_some());
        assert!(validate_new_password("long enough pw", "long enough pX")
            .unwrap_err()
            .field_message("confirm")
            .is_some());
        assert!(validate_new_password("long enough pw", "long enough pw").is_ok());
    }

    #[test]
    fn names_are_trimmed_and_required() {
        assert_eq!(validate_person_name("  Ana   Ruiz ").unwrap(), "Ana Ruiz");
        assert!(validate_person_name("   ").is_err());
    }

    #[test]
    fn only_directors_and_managers_switch_to_interviewer() {
        assert_eq!(
            acting_role(Role::Director, Some(Role::Interviewer)),
            Role::Interviewer
        );
        assert_eq!(
            acting_role(Role::Manager, Some(Role::Interviewer)),
            Role::Interviewer
        );
        assert_eq!(
            acting_role(Role::Coordinator, Some(Role::Interviewer)),
            Role::Coordinator
        );
        assert_eq!(
            acting_role(Role::Director, Some(Role::Manager)),
            Role::Director
        );
        assert_eq!(acting_role(Role::Director, None), Role::Director);
    }

    #[test]
    fn roles_grant_up_to_their_own_rank() {
        assert!(Role::Director.may_grant(Role::Director));
        assert!(Role::Manager.may_grant(Role::Coordinator));
        assert!(!Role::Manager.may_grant(Role::Director));
        assert!(Role::Coordinator.may_grant(Role::Interviewer));
        assert!(!Role::Coordinator.may_grant(Role::Manager));
        assert!(!Role::Interviewer.may_grant(Role::Interviewer));
        for &r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert_eq!(Role::parse("admin"), None);
    }

    #[test]
    fn limits_count_account_and_client_separately() {
        let failed = |by_account, by_client| LoginFailures {
            by_account,
            by_client,
        };
        let l = LoginLimits {
            per_account: 3,
            per_client: 10,
            window_minutes: 15,
        };
        assert!(check_login_limits(&l, failed(2, 9)).is_ok());
        assert!(matches!(
            check_login_limits(&l, failed(3, 0)),
            Err(AppError::RateLimited(_))
        ));
        assert!(matches!(
            check_login_limits(&l, failed(0, 10)),
            Err(AppError::RateLimited(_))
        ));
    }

    #[test]
    fn client_address_trusts_only_configured_proxies() {
        let proxy: IpAddr = "10.0.0.1".parse().unwrap();
        let client: IpAddr = "203.0.113.7".parse().unwrap();
        let spoofed = Some("198.51.100.1, 203.0.113.7");
        // Not through a proxy: the header is ignored.
        assert_eq!(client_address(client, Some("1.2.3.4"), &[proxy]), client);
        // Through the proxy: the right-most untrusted hop, not a spoofed left-most one.
        assert_eq!(client_address(proxy, spoofed, &[proxy]), client);
        assert_eq!(client_address(proxy, None, &[proxy]), proxy);
        assert_eq!(client_address(proxy, Some("garbage"), &[proxy]), proxy);
    }
}
