//! The rank list's export: a cell a spreadsheet opens safely (the shared rule of every export,
//! `crate::text::csv_cell`, kept under its first name here).

pub use crate::text::csv_cell;
