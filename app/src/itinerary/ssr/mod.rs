//! Workflows of finalizing: what a publish would change, publish, take down, the versions, and
//! each person's published day. A publish tells only the people whose day changed: one e-mail
//! each (their net change) and a notice on their open pages.
//!
//! One file per workflow: [`draft`] (the day a publish would put out), [`affected`] (who it
//! reaches and how), [`publish`], [`versions`], [`itineraries`], [`print`] and [`calendar`].

mod affected;
mod calendar;
mod draft;
mod itineraries;
mod print;
mod publish;
mod versions;

pub use calendar::{
    calendar_link_on, feed, feed_by_token, new_calendar_link, revoke_calendar_link,
};
pub use itineraries::{applicant_itinerary, my_days};
pub use print::{print_day, print_my_days, version_sheet};
pub use publish::{finalize, review, unfinalize};
pub(crate) use versions::out_now;
