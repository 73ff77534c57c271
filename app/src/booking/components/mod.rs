//! Booking's pieces of the applicants' screens: the applicant's choice form (the booking picker
//! with live seats) and what submitting it did, on My Programs; a coordinator's assign form in
//! a pending applicant's row of the applicant list.

mod actions;
mod assign_form;
mod choice_form;
mod choice_result;

pub use actions::ChoiceActions;
pub use assign_form::AssignForm;
pub use choice_form::Invited;
pub use choice_result::ChoiceResult;
