//! Every server test file in one test binary: one crate to compile and one executable to link
//! instead of one per file (each linked the whole app; see README, "Measured"). Run one file's
//! tests with a filter: `cargo test -p server --test all booking::`. `login_storm.rs` stays a
//! binary of its own: it configures the hashing gate from the environment, once per process.
//! `server/Cargo.toml` turns cargo's automatic test binaries off, so a file added to
//! `server/tests/` must be named here (the test below fails otherwise).

mod common;

#[path = "access.rs"]
mod access;
#[path = "accounts.rs"]
mod accounts;
#[path = "applicant_list.rs"]
mod applicant_list;
#[path = "audit.rs"]
mod audit;
#[path = "backup.rs"]
mod backup;
#[path = "bad_input.rs"]
mod bad_input;
#[path = "booking.rs"]
mod booking;
#[path = "calendar.rs"]
mod calendar;
#[path = "cancel.rs"]
mod cancel;
#[path = "changes.rs"]
mod changes;
#[path = "clock.rs"]
mod clock;
#[path = "communications.rs"]
mod communications;
#[path = "day.rs"]
mod day;
#[path = "fanout.rs"]
mod fanout;
#[path = "files.rs"]
mod files;
#[path = "headers.rs"]
mod headers;
#[path = "housekeeping.rs"]
mod housekeeping;
#[path = "import.rs"]
mod import;
#[path = "itinerary.rs"]
mod itinerary;
#[path = "kill.rs"]
mod kill;
#[path = "links.rs"]
mod links;
#[path = "live.rs"]
mod live;
#[path = "messages.rs"]
mod messages;
#[path = "metrics.rs"]
mod metrics;
#[path = "outbox.rs"]
mod outbox;
#[path = "reminders.rs"]
mod reminders;
#[path = "repair.rs"]
mod repair;
#[path = "reports.rs"]
mod reports;
#[path = "schedule.rs"]
mod schedule;
#[path = "scoring.rs"]
mod scoring;
#[path = "self_service.rs"]
mod self_service;
#[path = "settings.rs"]
mod settings;
#[path = "staff.rs"]
mod staff;
#[path = "startup.rs"]
mod startup;
#[path = "timetrack.rs"]
mod timetrack;
#[path = "turn.rs"]
mod turn;
#[path = "upgrades.rs"]
mod upgrades;
#[path = "video.rs"]
mod video;
#[path = "video_moves.rs"]
mod video_moves;
#[path = "video_room.rs"]
mod video_room;
#[path = "waitlist.rs"]
mod waitlist;

/// Runs alone (its own process), not through this binary.
const ALONE: &[&str] = &["all.rs", "login_storm.rs"];

#[test]
fn every_test_file_is_in_this_binary() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests");
    let this = std::fs::read_to_string(format!("{dir}/all.rs")).unwrap();
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.ends_with(".rs")
            && !ALONE.contains(&name.as_str())
            && !this.contains(&format!("#[path = \"{name}\"]"))
        {
            missing.push(name);
        }
    }
    assert!(
        missing.is_empty(),
        "server/tests/all.rs does not name {missing:?}: add `#[path = \"…\"] mod …;` there, or \
         `make test` never runs them"
    );
}
