//! Importing applicants from a CSV file (ERAS, ResidencyCAS or a spreadsheet's export): a
//! preview first (rows to add, rows that update an applicant by e-mail, duplicates inside the
//! file, invalid rows with their line and reason), then every valid row in one transaction or
//! none. The reading is plain functions (`crate::upload::table`: bytes to a table; `columns`:
//! which column is which; `rows`: each row checked, the plan); `ssr` holds the upload kept between the two steps
//! and the import itself; `pages` the page, `view` its HTML and `api` its forms' server functions. All of it but the screen's page component is
//! compiled into the server only.

#[cfg(feature = "ssr")]
pub mod api;
#[cfg(feature = "ssr")]
pub mod columns;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(all(test, feature = "ssr"))]
mod roundtrip;
#[cfg(feature = "ssr")]
pub mod rows;
#[cfg(feature = "ssr")]
pub mod ssr;
#[cfg(feature = "ssr")]
mod view;
