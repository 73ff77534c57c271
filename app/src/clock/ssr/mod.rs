//! The day clock's workflows: reading a session's clock, a coordinator's action on it, and the
//! ticker that executes transitions when they fall due (once, whichever instance claims them).
//! A file per workflow: `server_clock.rs` the server's (movable in tests) clock, `view.rs` the
//! clock as screens show it, `running.rs` where a published day is now (for TimeTrack and the
//! itineraries), `commands.rs` a coordinator's reading and commands, `ticker.rs` the
//! transitions falling due, `people.rs` whom a session's push reaches.

mod commands;
mod people;
mod running;
mod server_clock;
mod ticker;
mod view;

pub use commands::{act, day_clock, set_auto_start};
pub use people::{people_reached, session_people};
pub use running::{running, times_now, Running};
pub use server_clock::ServerClock;
pub use ticker::{run_ticker, tick};
