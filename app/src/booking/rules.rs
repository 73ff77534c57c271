//! A program's rules for a change of plans: its waitlist (off, first-come or sequential offers
//! held for some hours) and its two locks, N days before a session's start: the **booking
//! lock** (no new booking or reschedule into it) and the **cancel lock** (no self-service
//! cancel or reschedule out of it). A lock falls at the session's own wall-clock start time N
//! days earlier on its own calendar (as a reminder does, `reminders::domain::due_at`), so it
//! reads the same in the session's zone across a daylight-saving change. Without a lock a
//! session still closes to changes when it starts.

use crate::error::AppError;
use serde::{Deserialize, Serialize};

/// The most days before a session a lock may be set.
pub const MAX_LOCK_DAYS: u32 = 60;
/// The longest an offer may be held.
pub const MAX_OFFER_HOURS: u32 = 168;

/// What happens when both choices are full and, later, when a seat is freed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WaitlistMode {
    /// No waitlist: a full session is full.
    #[default]
    Off,
    /// Everyone waiting is told of a freed seat at once; the first to claim it takes it.
    FirstCome,
    /// The first in line is offered the seat, held for them for some hours; then the next.
    Sequential,
}

crate::text_enum::text_enum!(WaitlistMode {
    Off => "off",
    FirstCome => "first_come",
    Sequential => "sequential",
});

impl WaitlistMode {
    pub fn label(self) -> &'static str {
        match self {
            WaitlistMode::Off => "Off",
            WaitlistMode::FirstCome => "First come, first served",
            WaitlistMode::Sequential => "In order, one offer at a time",
        }
    }

    pub fn is_on(self) -> bool {
        self != WaitlistMode::Off
    }
}

/// The program's rules for changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeRules {
    pub waitlist: WaitlistMode,
    /// How long a sequential offer holds its seat.
    pub offer_hours: u32,
    /// No booking or reschedule into a session this many days before it (none: at its start).
    pub booking_lock_days: Option<u32>,
    /// No self-service cancel this many days before it (none: at its start).
    pub cancel_lock_days: Option<u32>,
}

impl Default for ChangeRules {
    fn default() -> Self {
        ChangeRules {
            waitlist: WaitlistMode::Off,
            offer_hours: 24,
            booking_lock_days: None,
            cancel_lock_days: None,
        }
    }
}

impl ChangeRules {
    /// The rules in words, for the audit line of a change ("waitlist: Off; offers held 24
    /// hours; booking lock: 7 days; cancel lock: none").
    pub fn said(&self) -> String {
        let days = |d: Option<u32>| match d {
            None => "none".to_string(),
            Some(1) => "1 day".to_string(),
            Some(n) => format!("{n} days"),
        };
        format!(
            "waitlist: {}; offers held {} hours; booking lock: {}; cancel lock: {}",
            self.waitlist.label(),
            self.offer_hours,
            days(self.booking_lock_days),
            days(self.cancel_lock_days)
        )
    }

    /// The rules from the settings form: a lock blank is none; numbers out of range are
    /// refused under their field.
    pub fn from_form(
        waitlist: &str,
        offer_hours: &str,
        booking_lock_days: &str,
        cancel_lock_days: &str,
    ) -> Result<ChangeRules, AppError> {
        let waitlist = WaitlistMode::parse(waitlist.trim())
            .ok_or_else(|| AppError::invalid("waitlist", "Choose how the waitlist works."))?;
        let hours = offer_hours.trim();
        let offer_hours = if hours.is_empty() {
            24
        } else {
            hours
                .parse::<u32>()
                .ok()
                .filter(|h| (1..=MAX_OFFER_HOURS).contains(h))
                .ok_or_else(|| {
                    AppError::invalid(
                        "offer_hours",
                        format!("Enter a whole number of hours from 1 to {MAX_OFFER_HOURS}."),
                    )
                })?
        };
        let lock = |field: &str, raw: &str| -> Result<Option<u32>, AppError> {
            let raw = raw.trim();
            if raw.is_empty() {
                return Ok(None);
            }
            raw.parse::<u32>()
                .ok()
                .filter(|d| *d <= MAX_LOCK_DAYS)
                .map(Some)
                .ok_or_else(|| {
                    AppError::invalid(
                        field,
                        format!(
                            "Enter a whole number of days from 0 to {MAX_LOCK_DAYS}, or leave it blank for none."
                        ),
                    )
                })
        };
        Ok(ChangeRules {
            waitlist,
            offer_hours,
            booking_lock_days: lock("booking_lock_days", booking_lock_days)?,
            cancel_lock_days: lock("cancel_lock_days", cancel_lock_days)?,
        })
    }
}

/// Where one session stands for an applicant's changes at a moment: the instants its two
/// locks fall (both at or before its start).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Locks {
    #[serde(deserialize_with = "crate::wire::instant")]
    pub booking: chrono::DateTime<chrono::Utc>,
    #[serde(deserialize_with = "crate::wire::instant")]
    pub cancel: chrono::DateTime<chrono::Utc>,
}

impl Locks {
    /// No booking or reschedule into the session from this moment.
    pub fn booking_closed(&self, now: chrono::DateTime<chrono::Utc>) -> bool {
        now >= self.booking
    }

    /// No self-service cancel (or reschedule away) from this moment.
    pub fn cancel_closed(&self, now: chrono::DateTime<chrono::Utc>) -> bool {
        now >= self.cancel
    }
}

#[cfg(feature = "ssr")]
impl ChangeRules {
    /// The locks of a session starting at `date` `start` in `zone`.
    pub fn locks(
        &self,
        zone: chrono_tz::Tz,
        date: chrono::NaiveDate,
        start: chrono::NaiveTime,
    ) -> Locks {
        use crate::reminders::domain::{due_at, Offset};
        let at = |days: Option<u32>| {
            due_at(
                zone,
                date,
                start,
                Offset {
                    days: days.unwrap_or(0),
                    hours: 0,
                },
            )
        };
        Locks {
            booking: at(self.booking_lock_days),
            cancel: at(self.cancel_lock_days),
        }
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn rules(booking: Option<u32>, cancel: Option<u32>) -> ChangeRules {
        ChangeRules {
            booking_lock_days: booking,
            cancel_lock_days: cancel,
            ..ChangeRules::default()
        }
    }

    const NY: chrono_tz::Tz = chrono_tz::America::New_York;

    fn march_9() -> (NaiveDate, NaiveTime) {
        // The Monday after the spring change (2026-03-08): a 9:00 session.
        (
            NaiveDate::from_ymd_opt(2026, 3, 9).unwrap(),
            NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
        )
    }

    #[test]
    fn a_lock_falls_at_the_sessions_own_wall_clock_time_n_days_before() {
        let (date, start) = march_9();
        let locks = rules(Some(7), Some(2)).locks(NY, date, start);
        // 2 March 9:00 EST (before the change), 7 March 9:00 EST.
        assert_eq!(locks.booking, utc("2026-03-02T14:00:00Z"));
        assert_eq!(locks.cancel, utc("2026-03-07T14:00:00Z"));
        // One day before across the change is 23 hours, on the clock of the session's zone.
        let one = rules(Some(1), None).locks(NY, date, start);
        assert_eq!(one.booking, utc("2026-03-08T13:00:00Z"));
    }

    #[test]
    fn without_a_lock_the_session_closes_at_its_start() {
        let (date, start) = march_9();
        let locks = rules(None, None).locks(NY, date, start);
        assert_eq!(locks.booking, utc("2026-03-09T13:00:00Z"));
        assert_eq!(locks.cancel, locks.booking);
    }

    #[test]
    fn a_lock_is_closed_from_its_instant_on_not_a_second_before() {
        let (date, start) = march_9();
        let locks = rules(Some(3), Some(3)).locks(NY, date, start);
        let at = utc("2026-03-06T14:00:00Z");
        assert_eq!(locks.cancel, at);
        assert!(!locks.cancel_closed(at - chrono::Duration::seconds(1)));
        assert!(locks.cancel_closed(at));
        assert!(!locks.booking_closed(at - chrono::Duration::milliseconds(1)));
        assert!(locks.booking_closed(at + chrono::Duration::days(1)));
    }

    #[test]
    fn rules_from_the_form() {
        let r = ChangeRules::from_form("sequential", "12", "7", "").unwrap();
        assert_eq!(r.waitlist, WaitlistMode::Sequential);
        assert_eq!(r.offer_hours, 12);
        assert_eq!(r.booking_lock_days, Some(7));
        assert_eq!(r.cancel_lock_days, None);
        let blank = ChangeRules::from_form("off", "", "", "").unwrap();
        assert_eq!(blank, ChangeRules::default());
        for (w, h, b, c, field) in [
            ("sometimes", "", "", "", "waitlist"),
            ("off", "0", "", "", "offer_hours"),
            ("off", "169", "", "", "offer_hours"),
            ("off", "x", "", "", "offer_hours"),
            ("off", "", "61", "", "booking_lock_days"),
            ("off", "", "", "-1", "cancel_lock_days"),
        ] {
            let e = ChangeRules::from_form(w, h, b, c).unwrap_err();
            assert!(e.field_message(field).is_some(), "{w} {h} {b} {c}");
        }
        assert_eq!(
            ChangeRules::from_form("first_come", "24", "0", "1")
                .unwrap()
                .said(),
            "waitlist: First come, first served; offers held 24 hours; booking lock: 0 days; cancel lock: 1 day"
        );
    }
}

/// "Tuesday, March 2, 2026 at 9:00 AM (America/New_York)": an instant in a session's zone.
#[cfg(feature = "ssr")]
pub fn said_at(at: chrono::DateTime<chrono::Utc>, zone: chrono_tz::Tz) -> String {
    use crate::sessions::domain::{clock, long_date};
    let local = at.with_timezone(&zone);
    format!(
        "{} at {} ({})",
        long_date(local.date_naive()),
        clock(local.time()),
        zone.name()
    )
}
