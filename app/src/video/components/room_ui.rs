//! What a video room shows, as the browser's call sets it ([`RoomUi`]), and the bandwidth rule.

use crate::video::types::SLOTS;
use leptos::prelude::*;

/// Someone else in the room, in one of one's receiving slots.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tile {
    pub name: String,
    pub role: String,
    pub speaking: bool,
}

/// What the room shows, set by the browser's call (`call.rs`).
#[derive(Clone, Copy)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub struct RoomUi {
    pub token: StoredValue<String>,
    /// Who is in each receiving slot.
    pub tiles: RwSignal<Vec<Option<Tile>>>,
    /// How the connection stands, in words.
    pub status: RwSignal<String>,
    pub connected: RwSignal<bool>,
    pub left: RwSignal<bool>,
    pub muted: RwSignal<bool>,
    pub camera_off: RwSignal<bool>,
    pub sharing: RwSignal<bool>,
    /// Said to screen readers and shown a moment: "Coordinator joined", "Dr Lee left".
    pub announce: RwSignal<String>,
    pub cameras: RwSignal<Vec<(String, String)>>,
    pub microphones: RwSignal<Vec<(String, String)>>,
    pub camera: RwSignal<String>,
    pub microphone: RwSignal<String>,
    /// One is speaking (one's own microphone's level).
    pub speaker_self: RwSignal<bool>,
}

impl RoomUi {
    pub fn new(token: String) -> Self {
        RoomUi {
            token: StoredValue::new(token),
            tiles: RwSignal::new(vec![None; SLOTS]),
            status: RwSignal::new("Connecting…".into()),
            connected: RwSignal::new(false),
            left: RwSignal::new(false),
            muted: RwSignal::new(false),
            camera_off: RwSignal::new(false),
            sharing: RwSignal::new(false),
            announce: RwSignal::new(String::new()),
            cameras: RwSignal::new(Vec::new()),
            microphones: RwSignal::new(Vec::new()),
            camera: RwSignal::new(String::new()),
            microphone: RwSignal::new(String::new()),
            speaker_self: RwSignal::new(false),
        }
    }
}

/// The bandwidth rule: how much smaller one's video is sent, and at most how fast (bits a
/// second), with `others` others in the room: full size for a conversation, smaller for a
/// panel, smaller still for a meeting room.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub fn video_budget(others: usize) -> (f64, u32) {
    match others {
        0..=2 => (1.0, 1_200_000),
        3..=5 => (2.0, 500_000),
        _ => (3.0, 250_000),
    }
}

#[cfg(test)]
mod tests {
    use super::video_budget;

    #[test]
    fn video_is_sent_smaller_and_slower_as_a_room_grows() {
        let mut before = video_budget(0);
        for others in 1..=11 {
            let now = video_budget(others);
            assert!(
                now.0 >= before.0 && now.1 <= before.1,
                "{others}: {now:?} after {before:?}"
            );
            before = now;
        }
        assert_eq!(video_budget(1), (1.0, 1_200_000));
        assert!(
            video_budget(11).1 * 11 <= 3_000_000,
            "a full room fits a home line"
        );
    }
}
