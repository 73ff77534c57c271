//! Dates and times read off the wire (`#[serde(deserialize_with = "crate::wire::…")]` on the
//! fields the browser decodes). chrono's own `Deserialize` goes through its general format
//! parser, a few kilobytes of the WASM for the three fixed shapes chrono itself writes:
//! `2027-02-16`, `08:00:00` (with an optional fraction), `2027-02-16T13:00:00Z`.
//! Serializing is left to chrono; the unit tests read back what it writes.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::de::{Deserializer, Error};
use serde::Deserialize;

fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn parse_date(s: &str) -> Option<NaiveDate> {
    let mut parts = s.splitn(3, '-');
    let year = i32::try_from(digits(parts.next()?)?).ok()?;
    NaiveDate::from_ymd_opt(year, digits(parts.next()?)?, digits(parts.next()?)?)
}

fn parse_time(s: &str) -> Option<NaiveTime> {
    let (hms, fraction) = s.split_once('.').unwrap_or((s, ""));
    let mut parts = hms.splitn(3, ':');
    let (h, m) = (digits(parts.next()?)?, digits(parts.next()?)?);
    let sec = parts.next().map_or(Some(0), digits)?;
    let nanos = if fraction.is_empty() {
        0
    } else if fraction.len() <= 9 {
        digits(fraction)? * 10u32.pow(9 - u32::try_from(fraction.len()).ok()?)
    } else {
        return None;
    };
    NaiveTime::from_hms_nano_opt(h, m, sec, nanos)
}

fn parse_instant(s: &str) -> Option<DateTime<Utc>> {
    let s = s.strip_suffix('Z').or_else(|| s.strip_suffix("+00:00"))?;
    let (date, time) = s.split_once('T')?;
    let naive = parse_date(date)?.and_time(parse_time(time)?);
    Some(DateTime::from_naive_utc_and_offset(naive, Utc))
}

fn read<'de, D, T>(d: D, parse: fn(&str) -> Option<T>, what: &str) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    let text = String::deserialize(d)?;
    parse(&text).ok_or_else(|| D::Error::custom(format!("“{text}” is not a {what}")))
}

pub fn date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    read(d, parse_date, "date (YYYY-MM-DD)")
}

pub fn time<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveTime, D::Error> {
    read(d, parse_time, "time (HH:MM:SS)")
}

pub fn instant<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
    read(d, parse_instant, "UTC instant")
}

pub fn opt_instant<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
    match Option::<String>::deserialize(d)? {
        None => Ok(None),
        Some(text) => parse_instant(&text)
            .map(Some)
            .ok_or_else(|| D::Error::custom(format!("“{text}” is not a UTC instant"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    #[test]
    fn what_chrono_writes_is_read_back() {
        let day = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        for d in day.iter_days().take(800).step_by(7) {
            let json = serde_json::to_string(&d).unwrap();
            assert_eq!(parse_date(json.trim_matches('"')), Some(d));
        }
        let start = Utc.with_ymd_and_hms(2027, 3, 14, 6, 59, 58).unwrap();
        for ms in [0, 1, 7, 120, 999, 1_000, 61_001, 86_399_999] {
            let at = start + Duration::milliseconds(ms);
            let json = serde_json::to_string(&at).unwrap();
            assert_eq!(parse_instant(json.trim_matches('"')), Some(at), "{json}");
            let t = at.time();
            let json = serde_json::to_string(&t).unwrap();
            assert_eq!(parse_time(json.trim_matches('"')), Some(t), "{json}");
        }
        let micros = start + Duration::microseconds(123_456);
        let json = serde_json::to_string(&micros).unwrap();
        assert_eq!(
            parse_instant(json.trim_matches('"')),
            Some(micros),
            "{json}"
        );
    }

    #[test]
    fn anything_else_is_refused() {
        for bad in [
            "",
            "2027-02",
            "2027-13-01",
            "2027-02-30",
            "27-2-1x",
            "-1-01-01",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        for bad in ["8", "25:00:00", "08:60", "08:00:00.1234567891", "08:00:0a"] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
        for bad in [
            "2027-02-16T13:00:00",
            "2027-02-16 13:00:00Z",
            "2027-02-16T13:00:00+01:00",
        ] {
            assert_eq!(parse_instant(bad), None, "{bad}");
        }
        assert_eq!(parse_time("08:05"), NaiveTime::from_hms_opt(8, 5, 0));
        let refused = serde_json::from_str::<Wrapped>(r#"{"at":"tomorrow"}"#).unwrap_err();
        assert!(refused
            .to_string()
            .contains("“tomorrow” is not a UTC instant"));
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Wrapped {
        #[serde(deserialize_with = "instant")]
        at: DateTime<Utc>,
    }
}
