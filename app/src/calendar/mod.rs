//! "Your calendar" (on My Programs and My day): a private subscription link to one's interviews,
//! made, remade or turned off, shown once (only its hash is kept), and a one-off `.ics`
//! download. `api` posts the changes; `pages` writes the card on the server for a
//! [`crate::ui::ServerPanel`] (the feed itself is itinerary's: `itinerary::ssr::calendar`).

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
mod said;
