//! The rules of interview sessions: what a valid session is, how full it is, and what may not
//! change once applicants are confirmed.

use crate::error::AppError;
use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

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

pub fn validate_session(
    name: &str,
    date: &str,
    start: &str,
    end: &str,
    capacity: &str,
    visible: bool,
) -> Result<SessionInput, AppError> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(AppError::invalid(
            "name",
            "Give the session a name, such as \"December interview day\".",
        ));
    }
    if name.chars().count() > 120 {
        return Err(AppError::invalid("name", "Use at most 120 characters."));
    }
    let date = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d")
        .map_err(|_| AppError::invalid("date", "Enter the date as YYYY-MM-DD."))?;
    let time = |field: &str, v: &str| {
        NaiveTime::parse_from_str(v.trim(), "%H:%M")
            .map_err(|_| AppError::invalid(field, "Enter the time as HH:MM (24-hour)."))
    };
    let start = time("start", start)?;
    let end = time("end", end)?;
    if end <= start {
        return Err(AppError::invalid(
            "end",
            "The session must end after it starts.",
        ));
    }
    let capacity: i64 = capacity.trim().parse().map_err(|_| {
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
        visible,
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
    pub session_id: i64,
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

/// "Tuesday, December 8, 2026"
pub fn long_date(date: &str) -> String {
    NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .map(|d| d.format("%A, %B %-d, %Y").to_string())
        .unwrap_or_else(|_| date.to_string())
}

/// "8:00 AM"
pub fn clock(time: &str) -> String {
    NaiveTime::parse_from_str(time, "%H:%M")
        .map(|t| t.format("%-I:%M %p").to_string())
        .unwrap_or_else(|_| time.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok() -> Result<SessionInput, AppError> {
        validate_session(" Dec  day ", "2026-12-08", "08:00", "16:00", "12", true)
    }

    #[test]
    fn a_valid_session_is_cleaned() {
        let s = ok().unwrap();
        assert_eq!(s.name, "Dec day");
        assert_eq!(s.capacity, 12);
    }

    #[test]
    fn bad_sessions_name_the_field() {
        let field =
            |r: Result<SessionInput, AppError>, f: &str| r.unwrap_err().field_message(f).is_some();
        assert!(field(
            validate_session("", "2026-12-08", "08:00", "16:00", "12", true),
            "name"
        ));
        assert!(field(
            validate_session("A", "12/08/2026", "08:00", "16:00", "12", true),
            "date"
        ));
        assert!(field(
            validate_session("A", "2026-02-30", "08:00", "16:00", "12", true),
            "date"
        ));
        assert!(field(
            validate_session("A", "2026-12-08", "8am", "16:00", "12", true),
            "start"
        ));
        assert!(field(
            validate_session("A", "2026-12-08", "16:00", "08:00", "12", true),
            "end"
        ));
        assert!(field(
            validate_session("A", "2026-12-08", "08:00", "08:00", "12", true),
            "end"
        ));
        assert!(field(
            validate_session("A", "2026-12-08", "08:00", "16:00", "0", true),
            "capacity"
        ));
        assert!(field(
            validate_session("A", "2026-12-08", "08:00", "16:00", "-3", true),
            "capacity"
        ));
        assert!(field(
            validate_session("A", "2026-12-08", "08:00", "16:00", "ten", true),
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
            session_id: 1,
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
        assert_eq!(long_date("2026-12-08"), "Tuesday, December 8, 2026");
        assert_eq!(clock("08:00"), "8:00 AM");
        assert_eq!(clock("16:30"), "4:30 PM");
    }
}
