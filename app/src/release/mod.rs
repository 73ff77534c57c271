//! Sessions that open at a set time: a coordinator puts several sessions in a release ("all
//! January dates open on 1 October, 10:00 Eastern"); until then applicants see when they open
//! and the server refuses a booking into them, by its own clock (`booking::ssr::open`); an open
//! My Programs enables them at that moment without a reload (`booking::components`).

pub mod api;
pub mod components;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod fair;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod types;
