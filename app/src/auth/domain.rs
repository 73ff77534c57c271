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
    /// A forgotten password: sets a new one (shorter-lived than a set-password link).
    ResetPassword,
    /// Confirms a new e-mail for an account (the link goes to the new address; the account's
    /// id travels in the payload).
    ChangeEmail,
}

crate::text_enum::text_enum!(TokenPurpose {
    VerifyEmail => "verify_email",
    SetPassword => "set_password",
    ResetPassword => "reset_password",
    ChangeEmail => "change_email",
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
            "Too many failed attempts. Please wait {} minutes and try again, or choose a new password: use \u{201c}Forgot your password?\u{201d} below the form.",
            limits.window_minutes
        )));
    }
    Ok(())
}

/// How many password-reset requests are allowed in the login window, per e-mail and per client
/// address (counted whether or not the e-mail has an account, so the limit tells nothing).
pub const RESETS_PER_ACCOUNT: i64 = 3;
pub const RESETS_PER_CLIENT: i64 = 20;

/// Refuses a password-reset request once the e-mail or the client address has asked too often.
pub fn check_reset_limits(window_minutes: i64, asked: LoginFailures) -> Result<(), AppError> {
    if asked.by_account >= RESETS_PER_ACCOUNT || asked.by_client >= RESETS_PER_CLIENT {
        return Err(AppError::RateLimited(format!(
            "Too many password reset requests. Please wait {window_minutes} minutes, then check your inbox (and spam folder) for the link we sent."
        )));
    }
    Ok(())
}

/// A login session's device in words ("Firefox on Windows"), from its browser's User-Agent.
pub fn device_label(user_agent: Option<&str>) -> String {
    let Some(ua) = user_agent.filter(|u| !u.trim().is_empty()) else {
        return "Unknown browser".into();
    };
    let browser = if ua.contains("Edg/") || ua.contains("Edge/") {
        "Edge"
    } else if ua.contains("OPR/") || ua.contains("Opera") {
        "Opera"
    } else if ua.contains("Firefox/") || ua.contains("FxiOS/") {
        "Firefox"
    } else if ua.contains("Chrome/") || ua.contains("CriOS/") || ua.contains("Chromium/") {
        "Chrome"
    } else if ua.contains("Safari/") {
        "Safari"
    } else {
        "A browser"
    };
    let system = if ua.contains("iPhone") {
        Some("iPhone")
    } else if ua.contains("iPad") {
        Some("iPad")
    } else if ua.contains("Android") {
        Some("Android")
    } else if ua.contains("CrOS") {
        Some("ChromeOS")
    } else if ua.contains("Windows") {
        Some("Windows")
    } else if ua.contains("Mac OS X") || ua.contains("Macintosh") {
        Some("macOS")
    } else if ua.contains("Linux") {
        Some("Linux")
    } else {
        None
    };
    match system {
        Some(system) => format!("{browser} on {system}"),
        None => browser.to_string(),
    }
}

/// How long ago `then` was, in words ("5 minutes ago"); both in milliseconds.
pub fn time_ago(now: i64, then: i64) -> String {
    let minutes = (now - then).max(0) / 60_000;
    let plural = |n: i64, unit: &str| {
        if n == 1 {
            format!("1 {unit} ago")
        } else {
            format!("{n} {unit}s ago")
        }
    };
    match minutes {
        0 => "just now".into(),
        m if m < 60 => plural(m, "minute"),
        m if m < 60 * 24 => plural(m / 60, "hour"),
        m => plural(m / (60 * 24), "day"),
    }
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
    fn reset_requests_are_limited_per_email_and_client() {
        let asked = |by_account, by_client| LoginFailures {
            by_account,
            by_client,
        };
        assert!(check_reset_limits(15, asked(RESETS_PER_ACCOUNT - 1, 0)).is_ok());
        assert!(matches!(
            check_reset_limits(15, asked(RESETS_PER_ACCOUNT, 0)),
            Err(AppError::RateLimited(_))
        ));
        assert!(matches!(
            check_reset_limits(15, asked(0, RESETS_PER_CLIENT)),
            Err(AppError::RateLimited(_))
        ));
    }

    #[test]
    fn devices_are_named_from_the_user_agent() {
        let chrome_linux = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36";
        assert_eq!(device_label(Some(chrome_linux)), "Chrome on Linux");
        let firefox =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
        assert_eq!(device_label(Some(firefox)), "Firefox on Windows");
        let safari_iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
        assert_eq!(device_label(Some(safari_iphone)), "Safari on iPhone");
        let edge = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0";
        assert_eq!(device_label(Some(edge)), "Edge on macOS");
        assert_eq!(device_label(Some("curl/8.5.0")), "A browser");
        assert_eq!(device_label(None), "Unknown browser");
        assert_eq!(device_label(Some("  ")), "Unknown browser");
    }

    #[test]
    fn times_ago_are_words() {
        let m = 60_000;
        assert_eq!(time_ago(100 * m, 100 * m), "just now");
        assert_eq!(time_ago(100 * m, 99 * m), "1 minute ago");
        assert_eq!(time_ago(100 * m, 55 * m), "45 minutes ago");
        assert_eq!(time_ago(200 * m, 80 * m), "2 hours ago");
        assert_eq!(time_ago(5000 * m, 0), "3 days ago");
        assert_eq!(time_ago(0, 10 * m), "just now");
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
