//! A program's staff: the list (role, status, last log-in), adding someone, changing a role up
//! to one's own rank, deactivating (login sessions and push streams ended, seats on coming days
//! given up, said first) and reactivating, a new set-password link, the program's last active
//! director kept, and importing staff from a CSV file with a preview.
//!
//! `domain`: the rules; `csv`: a staff file's rows; `repo`, `ssr`, `import`: the server side;
//! `api`: the server functions of the forms; `pages`, `import_pages`: the screens written on the server;
//! `components`: the routes' page components.

#[cfg(feature = "ssr")]
pub mod api;
pub mod components;
#[cfg(feature = "ssr")]
pub mod csv;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod import;
pub mod import_pages;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod ssr;
