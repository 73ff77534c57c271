//! TimeTrack's workflows, a file each: `rooms.rs` the coordinator's overview (every room in
//! every round, read from the published day, the day clock, the stored room statuses),
//! `days.rs` an interviewer's and an applicant's days, `status.rs` a room's status set (and the
//! applicant marked Interviewed when their last room completes) and No-show, `broadcasts.rs`
//! a coordinator's message; `published.rs` the published day they all read.

mod broadcasts;
mod days;
mod published;
mod rooms;
mod status;

pub use broadcasts::broadcast;
pub use days::{applicant_days, interviewer_days};
pub use rooms::overview;
pub use status::{mark_no_show, set_room_status};
