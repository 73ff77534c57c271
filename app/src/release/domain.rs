//! A release's form checked: a name, a local date and time read in the program's zone (a time
//! in a daylight-saving gap is the first instant after it), and at least one session.

use super::types::ReleaseForm;
use crate::error::AppError;
use crate::ids::SessionId;

/// A checked release.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReleaseInput {
    pub name: String,
    pub date: chrono::NaiveDate,
    pub time: chrono::NaiveTime,
    pub sessions: Vec<SessionId>,
    /// A fair release's window in hours.
    pub fair_hours: Option<u32>,
}

/// The fair window by default: the rule that applicants get at least 48 hours to answer.
pub const FAIR_HOURS: u32 = 48;

pub fn validate_release(form: &ReleaseForm) -> Result<ReleaseInput, AppError> {
    let name = crate::text::single_line(
        &form.name,
        "name",
        120,
        "Name the release, such as \"January dates\".",
    )?;
    let date = chrono::NaiveDate::parse_from_str(form.date.trim(), "%Y-%m-%d")
        .map_err(|_| AppError::invalid("date", "Enter the date as YYYY-MM-DD."))?;
    let t = form.time.trim();
    let time = chrono::NaiveTime::parse_from_str(t, "%H:%M")
        .or_else(|_| chrono::NaiveTime::parse_from_str(t, "%H:%M:%S"))
        .map_err(|_| AppError::invalid("time", "Enter the time as HH:MM (24-hour)."))?;
    let mut sessions = form.sessions.clone();
    sessions.sort_by_key(|s| s.0);
    sessions.dedup();
    if sessions.is_empty() {
        return Err(AppError::invalid(
            "sessions",
            "Tick the sessions this release opens.",
        ));
    }
    let fair_hours = if form.fair {
        let raw = form.window_hours.trim();
        Some(if raw.is_empty() {
            FAIR_HOURS
        } else {
            raw.parse::<u32>()
                .ok()
                .filter(|h| (1..=336).contains(h))
                .ok_or_else(|| {
                    AppError::invalid(
                        "window_hours",
                        "Enter the window in whole hours, from 1 to 336 (two weeks).",
                    )
                })?
        })
    } else {
        None
    };
    Ok(ReleaseInput {
        name,
        date,
        time,
        sessions,
        fair_hours,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(name: &str, date: &str, time: &str, sessions: &[i64]) -> ReleaseForm {
        ReleaseForm {
            name: name.into(),
            date: date.into(),
            time: time.into(),
            sessions: sessions.iter().map(|s| SessionId(*s)).collect(),
            ..ReleaseForm::default()
        }
    }

    #[test]
    fn a_release_needs_a_name_a_time_and_sessions() {
        let ok =
            validate_release(&form(" January dates ", "2026-10-01", "10:00", &[3, 2, 3])).unwrap();
        assert_eq!(ok.name, "January dates");
        assert_eq!(ok.sessions, vec![SessionId(2), SessionId(3)]);
        let mut fair = form("A", "2026-10-01", "10:00", &[1]);
        fair.fair = true;
        assert_eq!(
            validate_release(&fair).unwrap().fair_hours,
            Some(FAIR_HOURS)
        );
        fair.window_hours = "400".into();
        assert!(validate_release(&fair)
            .unwrap_err()
            .field_message("window_hours")
            .is_some());
        for (f, field) in [
            (form("", "2026-10-01", "10:00", &[1]), "name"),
            (form("A", "2026-02-30", "10:00", &[1]), "date"),
            (form("A", "2026-10-01", "25:00", &[1]), "time"),
            (form("A", "2026-10-01", "10:00", &[]), "sessions"),
        ] {
            let e = validate_release(&f).unwrap_err();
            assert!(e.field_message(field).is_some(), "{f:?}");
        }
    }
}

/// An applicant's ranking checked against the release's sessions: in order, each once, at
/// least one (blank selects are skipped).
pub fn validate_ranking(
    choices: &[String],
    release: &[SessionId],
) -> Result<Vec<SessionId>, AppError> {
    let mut out = Vec::new();
    for raw in choices.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
        let id = raw
            .parse::<i64>()
            .ok()
            .map(SessionId)
            .filter(|id| release.contains(id))
            .ok_or_else(|| AppError::invalid("choices", "Choose among this release's sessions."))?;
        if out.contains(&id) {
            return Err(AppError::invalid(
                "choices",
                "Rank each session once: the same session is chosen twice.",
            ));
        }
        out.push(id);
    }
    if out.is_empty() {
        return Err(AppError::invalid(
            "choices",
            "Rank at least one session you can attend.",
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod ranking_tests {
    use super::*;

    #[test]
    fn a_ranking_is_each_session_once_in_order() {
        let release = [SessionId(4), SessionId(5), SessionId(6)];
        let c = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            validate_ranking(&c(&["6", "", "4"]), &release).unwrap(),
            vec![SessionId(6), SessionId(4)]
        );
        assert!(validate_ranking(&c(&["", ""]), &release).is_err());
        assert!(validate_ranking(&c(&["4", "4"]), &release).is_err());
        assert!(validate_ranking(&c(&["9"]), &release).is_err());
        assert!(validate_ranking(&c(&["x"]), &release).is_err());
    }
}
