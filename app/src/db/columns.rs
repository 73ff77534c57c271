//! How stored values become typed ones at the repository's edge. The `Any` driver knows no
//! chrono types and decodes `bool` only from a real boolean, so each stored form has a small
//! newtype that row structs name in `#[sqlx(try_from = "…")]`:
//!
//! | stored | newtype | read as |
//! |---|---|---|
//! | INTEGER 0/1 | [`IntFlag`] | `bool` |
//! | INTEGER ms since the epoch | [`Millis`], [`OptMillis`] | `DateTime<Utc>`, `Option<…>` |
//! | TEXT `YYYY-MM-DD` / `HH:MM` | [`DateText`], [`TimeText`] | `NaiveDate`, `NaiveTime` |
//! | TEXT IANA zone | [`ZoneText`] | `chrono_tz::Tz` |
//!
//! Text enums (statuses, roles, token purposes, audit kinds) implement sqlx's traits through
//! [`sql_text_enum!`], so they are read straight into the enum (an unknown value is an error)
//! and bound as values, never written as literals in SQL.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

/// A stored value that does not fit its type (an out-of-range instant, a malformed date).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ColumnError(String);

#[derive(Debug, Default, sqlx::Type)]
#[sqlx(transparent)]
pub struct IntFlag(pub i64);

impl From<IntFlag> for bool {
    fn from(v: IntFlag) -> bool {
        v.0 != 0
    }
}

#[derive(Debug, sqlx::Type)]
#[sqlx(transparent)]
pub struct Millis(pub i64);

impl TryFrom<Millis> for DateTime<Utc> {
    type Error = ColumnError;
    fn try_from(v: Millis) -> Result<Self, ColumnError> {
        DateTime::from_timestamp_millis(v.0)
            .ok_or_else(|| ColumnError(format!("instant out of range: {}", v.0)))
    }
}

#[derive(Debug, sqlx::Type)]
#[sqlx(transparent)]
pub struct OptMillis(pub Option<i64>);

impl TryFrom<OptMillis> for Option<DateTime<Utc>> {
    type Error = ColumnError;
    fn try_from(v: OptMillis) -> Result<Self, ColumnError> {
        v.0.map(|ms| Millis(ms).try_into()).transpose()
    }
}

#[derive(Debug, sqlx::Type)]
#[sqlx(transparent)]
pub struct DateText(pub String);

impl TryFrom<DateText> for NaiveDate {
    type Error = ColumnError;
    fn try_from(v: DateText) -> Result<Self, ColumnError> {
        NaiveDate::parse_from_str(&v.0, DATE_FORMAT)
            .map_err(|e| ColumnError(format!("date {:?}: {e}", v.0)))
    }
}

#[derive(Debug, sqlx::Type)]
#[sqlx(transparent)]
pub struct TimeText(pub String);

impl TryFrom<TimeText> for NaiveTime {
    type Error = ColumnError;
    fn try_from(v: TimeText) -> Result<Self, ColumnError> {
        NaiveTime::parse_from_str(&v.0, TIME_FORMAT)
            .map_err(|e| ColumnError(format!("time {:?}: {e}", v.0)))
    }
}

#[derive(Debug, sqlx::Type)]
#[sqlx(transparent)]
pub struct ZoneText(pub String);

impl TryFrom<ZoneText> for chrono_tz::Tz {
    type Error = ColumnError;
    fn try_from(v: ZoneText) -> Result<Self, ColumnError> {
        v.0.parse()
            .map_err(|_| ColumnError(format!("unknown time zone {:?}", v.0)))
    }
}

pub const DATE_FORMAT: &str = "%Y-%m-%d";
pub const TIME_FORMAT: &str = "%H:%M";

/// A date as stored.
pub fn date_text(d: NaiveDate) -> String {
    d.format(DATE_FORMAT).to_string()
}

/// A wall-clock time as stored.
pub fn time_text(t: NaiveTime) -> String {
    t.format(TIME_FORMAT).to_string()
}

/// Implements sqlx's `Type`, `Encode` and `Decode` for the `Any` driver on an enum stored as
/// TEXT. The enum needs `fn as_str(self) -> &'static str` and
/// `fn parse(&str) -> Option<Self>`; an unknown stored value is a decode error.
macro_rules! sql_text_enum {
    ($ty:ty) => {
        impl sqlx::Type<sqlx::Any> for $ty {
            fn type_info() -> <sqlx::Any as sqlx::Database>::TypeInfo {
                <str as sqlx::Type<sqlx::Any>>::type_info()
            }
        }

        impl<'q> sqlx::Encode<'q, sqlx::Any> for $ty {
            fn encode_by_ref(
                &self,
                buf: &mut <sqlx::Any as sqlx::Database>::ArgumentBuffer<'q>,
            ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
                <&str as sqlx::Encode<'q, sqlx::Any>>::encode(self.as_str(), buf)
            }
        }

        impl<'r> sqlx::Decode<'r, sqlx::Any> for $ty {
            fn decode(
                value: <sqlx::Any as sqlx::Database>::ValueRef<'r>,
            ) -> Result<Self, sqlx::error::BoxDynError> {
                let text = <String as sqlx::Decode<'r, sqlx::Any>>::decode(value)?;
                <$ty>::parse(&text).ok_or_else(|| {
                    format!("unknown {} {:?} in the database", stringify!($ty), text).into()
                })
            }
        }
    };
}
pub(crate) use sql_text_enum;
