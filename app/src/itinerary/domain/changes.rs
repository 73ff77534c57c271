//! What changed for a person between two published versions of their day, in words: the
//! lines of the e-mail a publish sends and of the Finalize review.

use super::Stop;
use crate::sessions::domain::clock;

/// What changed in a person's day from `before` to `after`, in words, in the day's order
/// (empty: nothing). A first publish (`before` empty) says the day is out.
pub fn changes(before: &[Stop], after: &[Stop]) -> Vec<String> {
    if before.is_empty() && after.is_empty() {
        return Vec::new();
    }
    if before.is_empty() {
        return first_publish(after);
    }
    if after.is_empty() {
        return vec!["You are no longer on this day's schedule.".to_string()];
    }
    let mut lines = Vec::new();
    let key = |s: &Stop| (s.label.clone(), s.room.clone());
    for now in after {
        let was = before.iter().find(|b| b.label == now.label);
        let same_room = before.iter().find(|b| key(b) == key(now));
        match (was, same_room) {
            (None, _) => lines.push(added(now)),
            (Some(b), None) => lines.push(format!(
                "{} moved from {} to {}{}.",
                now.label,
                b.room,
                now.room,
                with_text(&now.with)
            )),
            (Some(_), Some(b)) => lines.extend(changed(b, now)),
        }
    }
    lines.extend(
        before
            .iter()
            .filter(|b| !after.iter().any(|a| a.label == b.label))
            .map(removed),
    );
    lines
}

/// A first publish: the day is out, how many rounds from when, and its meeting rooms.
fn first_publish(after: &[Stop]) -> Vec<String> {
    let interviews = after.iter().filter(|s| !s.is_break && !s.meeting).count();
    let first = after.iter().find(|s| !s.is_break && !s.meeting);
    let published = format!(
        "Your day is published: {} starting at {}.",
        plural(interviews, "round"),
        first.map(|s| clock(s.start)).unwrap_or_default()
    );
    let rooms = after.iter().filter(|s| s.meeting).map(|s| {
        format!(
            "Meeting room: {}, {}–{}.",
            s.label,
            clock(s.start),
            clock(s.end)
        )
    });
    std::iter::once(published).chain(rooms).collect()
}

/// A stop the day did not have before.
fn added(now: &Stop) -> String {
    if now.meeting {
        format!(
            "New meeting room: {}, {}–{}.",
            now.label,
            clock(now.start),
            clock(now.end)
        )
    } else if now.is_break {
        format!("New break: {} at {}.", now.label, clock(now.start))
    } else {
        format!(
            "{} added: {}, {}{}.",
            now.label,
            now.room,
            clock(now.start),
            with_text(&now.with)
        )
    }
}

/// A stop still in the same room: what moved in its times, who is in it, and where it is.
fn changed(b: &Stop, now: &Stop) -> Vec<String> {
    let mut lines = Vec::new();
    if b.start != now.start || b.end != now.end {
        lines.push(format!(
            "{} now {}–{} (was {}–{}).",
            now.label,
            clock(now.start),
            clock(now.end),
            clock(b.start),
            clock(b.end)
        ));
    }
    if b.with != now.with && !now.is_break {
        lines.push(format!(
            "{} in {}: {} (was {}).",
            now.label,
            now.room,
            names_or(&now.with, "no interview"),
            names_or(&b.with, "no interview")
        ));
    }
    if b.place != now.place || b.link != now.link {
        lines.push(format!(
            "{}: {} has a new place or link.",
            now.label, now.room
        ));
    }
    lines
}

/// A stop the day no longer has.
fn removed(b: &Stop) -> String {
    if b.meeting {
        format!("Meeting room removed: {}.", b.label)
    } else if b.is_break {
        format!("Break removed: {}.", b.label)
    } else {
        format!("{} removed (was {}).", b.label, b.room)
    }
}

fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

fn names_or(names: &[String], none: &str) -> String {
    if names.is_empty() {
        none.to_string()
    } else {
        names.join(", ")
    }
}

fn with_text(with: &[String]) -> String {
    if with.is_empty() {
        String::new()
    } else {
        format!(" with {}", with.join(", "))
    }
}
