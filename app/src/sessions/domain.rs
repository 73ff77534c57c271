//! The rules of interview sessions: what a valid session is, how full it is, and what may not
//! change once applicants are confirmed.

use crate::error::AppError;
use crate::ids::SessionId;
use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};
use serde::{Deserialize, Serialize};

/// The session form as posted (`session[name]`, `session[date]` …): text as typed, checked by
/// [`validate_session`] so each problem is named next to its field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionForm {
    /// Absent for a new session.
    #[serde(default)]
    pub id: Option<SessionId>,
    pub name: String,
    pub date: String,
    pub start: String,
    pub end: String,
    pub time_zone: String,
    pub capacity: String,
    /// The "visible" box: `true` when checked, absent otherwise.
    #[serde(default)]
    pub visible: bool,
}

/// A session as entered, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionInput {
    pub name: String,
    pub date: NaiveDate,
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub capacity: i64,
    pub visible: bool,
}

pub const MAX_CAPACITY: i64 = 500;

pub fn validate_session(form: &SessionForm) -> Result<SessionInput, AppError> {
    let name = crate::text::single_line(
        &form.name,
        "name",
        120,
        "Give the session a name, such as \"December interview day\".",
    )?;
    let date = NaiveDate::parse_from_str(form.date.trim(), "%Y-%m-%d")
        .map_err(|_| AppError::invalid("date", "Enter the date as YYYY-MM-DD."))?;
    // Time inputs send HH:MM, or HH:MM:SS when the browser shows seconds.
    let time = |field: &str, v: &str| {
        let v = v.trim();
        NaiveTime::parse_from_str(v, "%H:%M")
            .or_else(|_| NaiveTime::parse_from_str(v, "%H:%M:%S"))
            .map_err(|_| AppError::invalid(field, "Enter the time as HH:MM (24-hour)."))
    };
    let start = time("start", &form.start)?;
    let end = time("end", &form.end)?;
    if end <= start {
        return Err(AppError::invalid(
            "end",
            "The session must end after it starts.",
        ));
    }
    let capacity: i64 = form.capacity.trim().parse().map_err(|_| {
        AppError::invalid("capacity", "Enter the number of applicants, such as 12.")
    })?;
    if capacity < 1 {
        return Err(AppError::invalid(
            "capacity",
            "A session needs room for at least 1 applicant.",
        ));
    }
    if capacity > MAX_CAPACITY {
        return Err(AppError::invalid(
            "capacity",
            format!("At most {MAX_CAPACITY} applicants per session."),
        ));
    }
    Ok(SessionInput {
        name,
        date,
        start,
        end,
        capacity,
        visible: form.visible,
    })
}

/// A capacity may not drop below the applicants already confirmed.
pub fn check_capacity_cut(new_capacity: i64, confirmed: i64) -> Result<(), AppError> {
    if new_capacity < confirmed {
        return Err(AppError::invalid(
            "capacity",
            format!(
                "{confirmed} applicants are already confirmed for this session: the capacity cannot go below {confirmed}."
            ),
        ));
    }
    Ok(())
}

/// A session with confirmed applicants cannot be deleted.
pub fn check_delete(confirmed: i64) -> Result<(), AppError> {
    if confirmed > 0 {
        return Err(AppError::Conflict(format!(
            "{confirmed} applicants are confirmed for this session. Move or cancel them before deleting it."
        )));
    }
    Ok(())
}

/// How full a session is. Pending applicants hold no seat: they are shown beside.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fill {
    pub session_id: SessionId,
    pub capacity: i64,
    pub confirmed: i64,
    pub pending: i64,
}

impl Fill {
    pub fn seats_left(&self) -> i64 {
        (self.capacity - self.confirmed).max(0)
    }
    pub fn is_full(&self) -> bool {
        self.seats_left() == 0
    }
    /// Confirmed as a share of capacity, 0–100.
    pub fn percent(&self) -> i64 {
        if self.capacity <= 0 {
            return 100;
        }
        (self.confirmed * 100 / self.capacity).clamp(0, 100)
    }
}

// Dates and times are written out here rather than by chrono's `format`: its format-string
// interpreter is some 5 KB of the WASM (brotli) for four fixed shapes.
const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "Tuesday, December 8, 2026"
pub fn long_date(date: NaiveDate) -> String {
    format!(
        "{}, {} {}, {}",
        WEEKDAYS[date.weekday().num_days_from_monday() as usize],
        MONTHS[date.month0() as usize],
        date.day(),
        date.year()
    )
}

/// "8:00 AM"
pub fn clock(time: NaiveTime) -> String {
    let (pm, hour) = time.hour12();
    let half = if pm { "PM" } else { "AM" };
    format!("{hour}:{:02} {half}", time.minute())
}

/// "Dec 3, 9:12 AM EST": an instant in a zone, the zone named (the stamps staff read: when an
/// invitation went out, when a version was published). Server side only: the zone rules stay
/// out of the browser's bundle.
#[cfg(feature = "ssr")]
pub fn stamp_in(at: chrono::DateTime<chrono::Utc>, zone: chrono_tz::Tz) -> String {
    let local = at.with_timezone(&zone);
    format!(
        "{} {}, {} {}",
        &MONTHS[local.month0() as usize][..3],
        local.day(),
        clock(local.time()),
        local.format("%Z")
    )
}

/// "08:00", as a time field holds it.
pub fn hh_mm(time: NaiveTime) -> String {
    format!("{:02}:{:02}", time.hour(), time.minute())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(name: &str, date: &str, start: &str, end: &str, capacity: &str) -> SessionForm {
        SessionForm {
            id: None,
            name: name.into(),
            date: date.into(),
            start: start.into(),
            end: end.into(),
            time_zone: "America/New_York".into(),
            capacity: capacity.into(),
            visible: true,
        }
    }

    fn ok() -> Result<SessionInput, AppError> {
        validate_session(&form(" Dec  day ", "2026-12-08", "08:00", "16:00", "12"))
    }

    #[test]
    fn a_valid_session_is_cleaned() {
        let s = ok().unwrap();
        assert_eq!(s.name, "Dec day");
        assert_eq!(s.capacity, 12);
        assert!(s.visible);
        // Seconds, as some browsers' time inputs send them, are accepted.
        let with_seconds = validate_session(&form("A", "2026-12-08", "08:00:00", "16:00:00", "1"));
        assert_eq!(
            with_seconds.unwrap().start,
            NaiveTime::from_hms_opt(8, 0, 0).unwrap()
        );
    }

    #[test]
    fn bad_sessions_name_the_field() {
        let field =
            |r: Result<SessionInput, AppError>, f: &str| r.unwrap_err().field_message(f).is_some();
        assert!(field(
            validate_session(&form("", "2026-12-08", "08:00", "16:00", "12")),
            "name"
        ));
        assert!(field(
            validate_session(&form("A", "12/08/2026", "08:00", "16:00", "12")),
            "date"
        ));
        assert!(field(
            validate_session(&form("A", "2026-02-30", "08:00", "16:00", "12")),
            "date"
        ));
        assert!(field(
            validate_session(&form("A", "2026-12-08", "8am", "16:00", "12")),
            "start"
        ));
        assert!(field(
            validate_session(&form("A", "2026-12-08", "16:00", "08:00", "12")),
            "end"
        ));
        assert!(field(
            validate_session(&form("A", "2026-12-08", "08:00", "08:00", "12")),
            "end"
        ));
        assert!(field(
            validate_session(&form("A", "2026-12-08", "08:00", "16:00", "0")),
            "capacity"
        ));
        assert!(field(
            validate_session(&form("A", "2026-12-08", "08:00", "16:00", "-3")),
            "capacity"
        ));
        assert!(field(
            validate_session(&form("A", "2026-12-08", "08:00", "16:00", "ten")),
            "capacity"
        ));
        assert!(ok().is_ok());
    }

    #[test]
    fn capacity_cannot_drop_below_confirmed() {
        assert!(check_capacity_cut(5, 5).is_ok());
        assert!(check_capacity_cut(4, 5)
            .unwrap_err()
            .field_message("capacity")
            .is_some());
        assert!(check_delete(0).is_ok());
        assert!(matches!(check_delete(1), Err(AppError::Conflict(_))));
    }

    #[test]
    fn fill_counts_confirmed_only() {
        let f = Fill {
            session_id: SessionId(1),
            capacity: 10,
            confirmed: 4,
            pending: 7,
        };
        assert_eq!(f.seats_left(), 6);
        assert_eq!(f.percent(), 40);
        assert!(!f.is_full());
        let full = Fill { confirmed: 10, ..f };
        assert!(full.is_full());
        assert_eq!(full.percent(), 100);
    }

    #[test]
    fn dates_and_times_read_naturally() {
        let date = NaiveDate::from_ymd_opt(2026, 12, 8).unwrap();
        assert_eq!(long_date(date), "Tuesday, December 8, 2026");
        assert_eq!(long_date(date), date.format("%A, %B %-d, %Y").to_string());
        assert_eq!(clock(NaiveTime::from_hms_opt(8, 0, 0).unwrap()), "8:00 AM");
        assert_eq!(
            clock(NaiveTime::from_hms_opt(16, 30, 0).unwrap()),
            "4:30 PM"
        );
    }

    #[test]
    fn written_out_dates_and_times_match_chronos_formats() {
        let first = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        for day in first.iter_days().take(400) {
            assert_eq!(long_date(day), day.format("%A, %B %-d, %Y").to_string());
        }
        for minute in (0..24 * 60).step_by(7) {
            let t = NaiveTime::from_hms_opt(minute / 60, minute % 60, 0).unwrap();
            assert_eq!(clock(t), t.format("%-I:%M %p").to_string());
            assert_eq!(hh_mm(t), t.format("%H:%M").to_string());
        }
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn a_stamp_is_in_the_programs_zone_and_names_it() {
        use chrono::TimeZone;
        let at = chrono::Utc
            .with_ymd_and_hms(2026, 12, 3, 14, 12, 0)
            .unwrap();
        assert_eq!(
            stamp_in(at, chrono_tz::America::New_York),
            "Dec 3, 9:12 AM EST"
        );
        let summer = chrono::Utc.with_ymd_and_hms(2027, 7, 1, 0, 5, 0).unwrap();
        assert_eq!(
            stamp_in(summer, chrono_tz::America::Chicago),
            "Jun 30, 7:05 PM CDT"
        );
        assert_eq!(stamp_in(at, chrono_tz::UTC), "Dec 3, 2:12 PM UTC");
    }
}
