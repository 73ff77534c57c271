//! The Day page of a session: its plan and breaks, rooms and interviewers, conflicts of
//! interest, templates, and the generated draft with the generator's report.

mod builder;
mod editors;
pub(crate) mod grid;
mod page;

pub use page::SessionDayPage;
