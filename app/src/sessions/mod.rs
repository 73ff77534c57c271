//! Interview sessions: blocks of interview time with a capacity, created and edited by
//! coordinators, filling live as applicants book.
//!
//! `types` (what the server functions take and return) is what `api` (the data server
//! functions) and `ssr` (the workflows) share; `ssr` and `repo` never name `api`. The screens
//! are written on the server (`pages`, each beside its server function) and shown by
//! `components`. Sessions name no feature built on them: the Day page adds its rule to a
//! session's edit through `ssr::EditRule`.

pub mod api;
pub mod components;
pub mod domain;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod types;
