//! Queries of a session's interview day: its plan, rooms and interviewers, conflicts of
//! interest, templates and the draft schedule.

mod conflicts;
mod draft;
mod people;
mod plan;
mod rooms;
mod templates;

pub use conflicts::ConflictRow;
pub use draft::SlotRow;
pub use people::{BusyRow, NamedRow};
pub use plan::DayRow;
pub use rooms::{RoomRow, SeatRow};
pub use templates::TemplateRow;
