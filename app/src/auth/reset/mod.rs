//! "Forgot your password?": a person asks for a link by e-mail (the same answer whether or not
//! the e-mail has an account, limited per e-mail and per client address like failed logins),
//! and the e-mailed single-use link, which expires within the hour, opens the set-password page
//! (`auth::pages`), whose new password ends the person's other login sessions.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod ssr;
