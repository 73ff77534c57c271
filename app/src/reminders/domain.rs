//! When a reminder is due: an offset of days and hours before a session's start, read in the
//! session's own time zone. The days are counted on the session's calendar (a reminder "1 day
//! before" a 9:00 session comes at 9:00 the day before, even when a daylight-saving change falls
//! between, so 23 or 25 hours before), then the hours are taken off as elapsed time (a reminder
//! "2 hours before" always comes two hours before). The digest's day and hour in a zone.

use crate::error::AppError;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {
    chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Timelike, Utc},
    chrono_tz::Tz,
};

/// The most days before a session a reminder may be set.
pub const MAX_DAYS: u32 = 60;

/// Days and hours before a start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Offset {
    pub days: u32,
    pub hours: u32,
}

impl Offset {
    /// "2 days and 3 hours", "1 day", "4 hours", "at the start".
    pub fn said(self) -> String {
        let unit =
            |n: u32, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        match (self.days, self.hours) {
            (0, 0) => "at the start".into(),
            (d, 0) => unit(d, "day", "days"),
            (0, h) => unit(h, "hour", "hours"),
            (d, h) => format!(
                "{} and {}",
                unit(d, "day", "days"),
                unit(h, "hour", "hours")
            ),
        }
    }

    /// An offset from a form's two fields (`<prefix>_days`, `<prefix>_hours`): both blank is
    /// none; a number out of range, or not a number, is refused under its field.
    pub fn parse(prefix: &str, days: &str, hours: &str) -> Result<Option<Offset>, AppError> {
        let (days, hours) = (days.trim(), hours.trim());
        if days.is_empty() && hours.is_empty() {
            return Ok(None);
        }
        let number = |field: &str, raw: &str, max: u32, what: &str| -> Result<u32, AppError> {
            if raw.is_empty() {
                return Ok(0);
            }
            raw.parse::<u32>()
                .ok()
                .filter(|n| *n <= max)
                .ok_or_else(|| {
                    AppError::invalid(
                        &format!("{prefix}_{field}"),
                        format!("Enter a whole number of {what} from 0 to {max}."),
                    )
                })
        };
        let offset = Offset {
            days: number("days", days, MAX_DAYS, "days")?,
            hours: number("hours", hours, 23, "hours")?,
        };
        if offset == (Offset { days: 0, hours: 0 }) {
            return Err(AppError::invalid(
                &format!("{prefix}_hours"),
                "A reminder comes at least an hour before: enter days or hours, or leave both blank for none.",
            ));
        }
        Ok(Some(offset))
    }
}

#[cfg(feature = "ssr")]
/// A wall-clock time in `zone` as an instant: in a gap (clocks moved forward) the first instant
/// after it, in an overlap (clocks moved back) the earlier of the two.
pub fn instant(zone: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    let mut probe = local;
    for _ in 0..4 {
        if let Some(at) = zone.from_local_datetime(&probe).earliest() {
            return at.with_timezone(&Utc);
        }
        probe += Duration::minutes(30);
    }
    Utc.from_utc_datetime(&local)
}

#[cfg(feature = "ssr")]
/// A session's start as an instant.
pub fn start_of(zone: Tz, date: NaiveDate, start: NaiveTime) -> DateTime<Utc> {
    instant(zone, date.and_time(start))
}

#[cfg(feature = "ssr")]
/// When a reminder `offset` before a session starting at `date` `start` in `zone` is due.
pub fn due_at(zone: Tz, date: NaiveDate, start: NaiveTime, offset: Offset) -> DateTime<Utc> {
    let day = date - Duration::days(i64::from(offset.days));
    instant(zone, day.and_time(start)) - Duration::hours(i64::from(offset.hours))
}

#[cfg(feature = "ssr")]
/// The day whose digest is due at `now` in `zone` when it goes at `hour`: today's once its hour
/// has come, else none yet.
pub fn digest_day(zone: Tz, hour: u32, now: DateTime<Utc>) -> Option<NaiveDate> {
    let local = now.with_timezone(&zone);
    (local.hour() >= hour).then(|| local.date_naive())
}

/// An hour of the day for the digest from a form ("" is none).
pub fn parse_hour(raw: &str) -> Result<Option<u32>, AppError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    raw.parse::<u32>()
        .ok()
        .filter(|h| *h <= 23)
        .map(Some)
        .ok_or_else(|| AppError::invalid("digest_hour", "Choose an hour of the day, or none."))
}

/// "08:00" for an hour.
pub fn hour_said(hour: u32) -> String {
    format!("{hour:02}:00")
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use chrono_tz::America::New_York;
    use chrono_tz::Europe::London;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }
    fn time(s: &str) -> NaiveTime {
        NaiveTime::parse_from_str(s, "%H:%M").unwrap()
    }
    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }
    const ONE_DAY: Offset = Offset { days: 1, hours: 0 };

    #[test]
    fn a_day_before_is_the_same_wall_clock_time_across_the_spring_change() {
        // New York moves to daylight time on Sunday 14 March 2027 at 2:00.
        let start = start_of(New_York, date("2027-03-15"), time("09:00"));
        assert_eq!(start, utc("2027-03-15T13:00:00Z"), "EDT: UTC-4");
        let due = due_at(New_York, date("2027-03-15"), time("09:00"), ONE_DAY);
        assert_eq!(due, utc("2027-03-14T13:00:00Z"), "9:00 EDT on Sunday");
        // The day before Sunday's session is Saturday, still on standard time: 25 hours.
        let due = due_at(New_York, date("2027-03-14"), time("09:00"), ONE_DAY);
        assert_eq!(due, utc("2027-03-13T14:00:00Z"), "9:00 EST on Saturday");
        assert_eq!(
            start_of(New_York, date("2027-03-14"), time("09:00")) - due,
            Duration::hours(23)
        );
    }

    #[test]
    fn a_day_before_across_the_autumn_change_is_25_hours() {
        // New York goes back to standard time on Sunday 7 November 2027 at 2:00.
        let start = start_of(New_York, date("2027-11-07"), time("10:00"));
        let due = due_at(New_York, date("2027-11-07"), time("10:00"), ONE_DAY);
        assert_eq!(due, utc("2027-11-06T14:00:00Z"), "10:00 EDT on Saturday");
        assert_eq!(start - due, Duration::hours(25));
    }

    #[test]
    fn hours_are_elapsed_time_even_across_a_change() {
        // London moves forward on 28 March 2027 at 1:00 (to 2:00). A session at 3:00 BST with a
        // 3-hour reminder: 3:00 BST is 2:00 UTC, the reminder at 23:00 UTC the night before.
        let two_hours = Offset { days: 0, hours: 3 };
        let due = due_at(London, date("2027-03-28"), time("03:00"), two_hours);
        assert_eq!(due, utc("2027-03-27T23:00:00Z"));
        assert_eq!(
            start_of(London, date("2027-03-28"), time("03:00")) - due,
            Duration::hours(3)
        );
        // Days, then hours: 2 days and 1 hour before Monday 9:00 BST is Saturday 8:00 GMT.
        let both = Offset { days: 2, hours: 1 };
        let due = due_at(London, date("2027-03-29"), time("09:00"), both);
        assert_eq!(due, utc("2027-03-27T08:00:00Z"));
    }

    #[test]
    fn a_wall_clock_time_in_a_gap_or_an_overlap_is_still_an_instant() {
        // 2:30 on 14 March 2027 does not exist in New York: the first instant after the gap.
        let gap = instant(New_York, date("2027-03-14").and_time(time("02:30")));
        assert_eq!(gap, utc("2027-03-14T07:00:00Z"), "3:00 EDT");
        // 1:30 on 7 November 2027 happens twice: the first (EDT).
        let twice = instant(New_York, date("2027-11-07").and_time(time("01:30")));
        assert_eq!(twice, utc("2027-11-07T05:30:00Z"));
        // A reminder a day before a session whose wall-clock time the day before is in the gap.
        let due = due_at(New_York, date("2027-03-15"), time("02:30"), ONE_DAY);
        assert_eq!(due, utc("2027-03-14T07:00:00Z"));
    }

    #[test]
    fn the_digest_day_begins_at_its_local_hour() {
        // 12:30 UTC is 7:30 in New York in winter: not yet 8:00.
        assert_eq!(digest_day(New_York, 8, utc("2027-01-12T12:30:00Z")), None);
        assert_eq!(
            digest_day(New_York, 8, utc("2027-01-12T13:00:00Z")),
            Some(date("2027-01-12"))
        );
        // 03:00 UTC on the 13th is still the 12th in New York.
        assert_eq!(
            digest_day(New_York, 8, utc("2027-01-13T03:00:00Z")),
            Some(date("2027-01-12"))
        );
        // In summer the same local hour is an hour earlier in UTC.
        assert_eq!(
            digest_day(New_York, 8, utc("2027-07-12T12:00:00Z")),
            Some(date("2027-07-12"))
        );
    }

    #[test]
    fn offsets_from_a_form() {
        assert_eq!(Offset::parse("first", "", " ").unwrap(), None);
        assert_eq!(
            Offset::parse("first", "2", "").unwrap(),
            Some(Offset { days: 2, hours: 0 })
        );
        assert_eq!(
            Offset::parse("first", "", "5").unwrap(),
            Some(Offset { days: 0, hours: 5 })
        );
        let field = |r: Result<Option<Offset>, AppError>| match r {
            Err(AppError::Invalid { field, .. }) => field.unwrap_or_default(),
            other => panic!("expected a refusal, got {other:?}"),
        };
        assert_eq!(field(Offset::parse("first", "61", "")), "first_days");
        assert_eq!(field(Offset::parse("second", "x", "")), "second_days");
        assert_eq!(field(Offset::parse("staff", "1", "24")), "staff_hours");
        assert_eq!(field(Offset::parse("first", "0", "0")), "first_hours");
        assert_eq!(field(Offset::parse("first", "-1", "")), "first_days");
        assert_eq!(Offset { days: 2, hours: 1 }.said(), "2 days and 1 hour");
        assert_eq!(Offset { days: 1, hours: 0 }.said(), "1 day");
        assert_eq!(parse_hour("").unwrap(), None);
        assert_eq!(parse_hour("8").unwrap(), Some(8));
        assert!(parse_hour("24").is_err());
    }
}
