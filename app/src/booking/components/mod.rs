//! Booking's pieces of the applicants' screens: the applicant's choice form (the booking picker
//! with live seats) and what submitting it did, on My Programs (the coordinator's assign form
//! is written on the server: `booking::pages`).

mod actions;
mod choice_form;
mod choice_result;

pub use actions::ChoiceActions;
pub use choice_form::Invited;
pub use choice_result::ChoiceResult;
