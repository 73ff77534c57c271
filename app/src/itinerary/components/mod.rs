//! The pages of finalized days: a person's itinerary (shared by applicants and interviewers),
//! the interviewer's "My day", and the Finalize card of the Day page.

mod calendar;
mod finalize;
mod itinerary;
mod my_day;

pub use calendar::{Calendar, CalendarCard};
pub use finalize::{FinalizeCard, Publish};
pub use itinerary::{CheckSetupLink, ItineraryView};
pub use my_day::MyDayPage;
