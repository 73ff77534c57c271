//! What the reminder screens and the job share: a program's reminder settings and a staff
//! member's alert choices.

use super::domain::Offset;
use serde::{Deserialize, Serialize};

/// A program's reminders (all off by default).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReminderSettings {
    /// To confirmed applicants, before their session.
    pub first: Option<Offset>,
    pub second: Option<Offset>,
    /// To the interviewers on a day's rooms, before the day.
    pub staff: Option<Offset>,
    /// The local hour (program's zone) of the coordinators' daily digest.
    pub digest_hour: Option<u32>,
}

impl ReminderSettings {
    /// The applicants' reminders that are on, with their number (1 or 2).
    pub fn applicant_offsets(&self) -> Vec<(u8, Offset)> {
        [(1, self.first), (2, self.second)]
            .into_iter()
            .filter_map(|(n, o)| o.map(|o| (n, o)))
            .collect()
    }

    /// The settings in words, for the audit log: "applicants 3 days and 1 day before;
    /// interviewers 1 day before; digest at 08:00", or "none".
    pub fn said(&self) -> String {
        let before = |o: Offset| match (o.days, o.hours) {
            (0, 0) => o.said(),
            _ => format!("{} before", o.said()),
        };
        let applicants: Vec<String> = self
            .applicant_offsets()
            .into_iter()
            .map(|(_, o)| before(o))
            .collect();
        let mut parts = Vec::new();
        if !applicants.is_empty() {
            parts.push(format!("applicants {}", applicants.join(" and ")));
        }
        if let Some(o) = self.staff {
            parts.push(format!("interviewers {}", before(o)));
        }
        if let Some(h) = self.digest_hour {
            parts.push(format!("digest at {}", super::domain::hour_said(h)));
        }
        if parts.is_empty() {
            "none".into()
        } else {
            parts.join("; ")
        }
    }

    /// The most days any reminder looks ahead.
    pub fn horizon_days(&self) -> u32 {
        [self.first, self.second, self.staff]
            .into_iter()
            .flatten()
            .map(|o| o.days + 1)
            .max()
            .unwrap_or(0)
    }
}

/// The changes a staff member is told of by e-mail, and whether they get the daily digest.
/// Posted as `alerts[declined]=true` …: a box left unchecked is absent, so false.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Alerts {
    pub declined: bool,
    pub cancelled: bool,
    pub withdrawn: bool,
    pub moved: bool,
    pub digest: bool,
}

/// A change to an applicant that staff may be alerted of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AlertKind {
    Declined,
    Cancelled,
    Withdrawn,
    Moved,
}

impl AlertKind {
    /// The `staff_alerts` column that says who hears of it.
    pub fn column(self) -> &'static str {
        match self {
            AlertKind::Declined => "declined",
            AlertKind::Cancelled => "cancelled",
            AlertKind::Withdrawn => "withdrawn",
            AlertKind::Moved => "moved",
        }
    }

    /// "declined the invitation", "was cancelled", …: the e-mail's verb phrase.
    pub fn said(self) -> &'static str {
        match self {
            AlertKind::Declined => "declined the invitation",
            AlertKind::Cancelled => "had their booking cancelled",
            AlertKind::Withdrawn => "had their invitation withdrawn",
            AlertKind::Moved => "was moved to another session",
        }
    }
}

/// One staff member's choices as a director sees them on the reminders page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffChoices {
    pub name: String,
    pub email: String,
    pub role: String,
    pub alerts: Alerts,
}

/// The reminders form as posted (`reminders[first_days]` …): text as typed, each number
/// checked by [`super::domain::Offset::parse`] so a problem is named under its field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReminderForm {
    pub first_days: String,
    pub first_hours: String,
    pub second_days: String,
    pub second_hours: String,
    pub staff_days: String,
    pub staff_hours: String,
    pub digest_hour: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_in_words_for_the_audit_log() {
        assert_eq!(ReminderSettings::default().said(), "none");
        let s = ReminderSettings {
            first: Some(Offset { days: 3, hours: 0 }),
            second: Some(Offset { days: 0, hours: 2 }),
            staff: Some(Offset { days: 1, hours: 0 }),
            digest_hour: Some(8),
        };
        assert_eq!(
            s.said(),
            "applicants 3 days before and 2 hours before; interviewers 1 day before; digest at 08:00"
        );
    }
}
