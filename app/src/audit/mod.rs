//! The audit log on screen: the lines every feature writes with its change (who, when, what,
//! from, to, why; `programs::repo::Audit`) read back as sentences ([`domain`]'s catalogue), on
//! the program's audit page (filtered by person, kind, days and applicant, paged, exported as
//! CSV) and as one applicant's history on their page ([`pages::history`]). It reads the
//! `audit_log` table and names no feature that writes it.

pub mod components;
pub mod domain;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod types;
