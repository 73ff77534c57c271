//! The reports' pure rules: a report as a table of cells (what the page shows and the CSV
//! writes), where an interview day stands in words, how an invitation was answered, and the
//! waves of invitations; after Match Day, matched against ranked (`matched`).

use crate::applicants::domain::Status;
use crate::ids::{ApplicantId, SessionId};
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

mod matched;
pub use matched::*;

/// Which report: its key in the export's address (`/export/report.csv?table=sessions`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportKey {
    Sessions,
    Statuses,
    Invitations,
    Fill,
    Interviewers,
    MatchSessions,
    MatchInterviewers,
}

impl ReportKey {
    pub const ALL: [ReportKey; 7] = [
        ReportKey::Sessions,
        ReportKey::Statuses,
        ReportKey::Invitations,
        ReportKey::Fill,
        ReportKey::Interviewers,
        ReportKey::MatchSessions,
        ReportKey::MatchInterviewers,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ReportKey::Sessions => "sessions",
            ReportKey::Statuses => "statuses",
            ReportKey::Invitations => "invitations",
            ReportKey::Fill => "fill",
            ReportKey::Interviewers => "interviewers",
            ReportKey::MatchSessions => "match-sessions",
            ReportKey::MatchInterviewers => "match-interviewers",
        }
    }

    pub fn parse(text: &str) -> Option<ReportKey> {
        Self::ALL.into_iter().find(|k| k.key() == text)
    }

    pub fn title(self) -> &'static str {
        match self {
            ReportKey::Sessions => "Sessions",
            ReportKey::Statuses => "Statuses",
            ReportKey::Invitations => "Invitations",
            ReportKey::Fill => "Fill over time",
            ReportKey::Interviewers => "Interviewers",
            ReportKey::MatchSessions => "Match by session",
            ReportKey::MatchInterviewers => "Match by interviewer",
        }
    }
}

/// One cell: its text, and where the number leads (the applicant list filtered to it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub link: Option<String>,
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            link: None,
        }
    }

    pub fn number(n: i64) -> Cell {
        Cell::text(n.to_string())
    }

    /// A number that leads to the applicant list filtered by `query` (`status=…&session=…`).
    pub fn counted(n: i64, query: String) -> Cell {
        Cell {
            text: n.to_string(),
            link: Some(format!("/applicants?{query}")),
        }
    }
}

/// A report as the page shows it and the CSV writes it: the first cell of each row heads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub key: ReportKey,
    /// What the numbers count, in a sentence under the title.
    pub lead: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// The fill over time's chart (its table is `rows`).
    pub chart: Option<FillChart>,
}

/// The fill over time as a chart: a point a day, and the releases' moments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FillChart {
    pub points: Vec<FillPoint>,
    /// When a release opened its sessions (in the program's calendar), named.
    pub releases: Vec<(NaiveDate, String)>,
    /// The session charted (`None`: the whole program) and the sessions to choose from.
    pub session: Option<SessionId>,
    pub sessions: Vec<(SessionId, String)>,
}

impl Report {
    /// The CSV's records: the columns, then each row's texts.
    pub fn records(&self) -> Vec<Vec<String>> {
        std::iter::once(self.columns.clone())
            .chain(
                self.rows
                    .iter()
                    .map(|r| r.iter().map(|c| c.text.clone()).collect()),
            )
            .collect()
    }
}

/// Where a session's interview day stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayState {
    NoDay,
    Draft,
    /// Finalized (published) as this version, not started.
    Published(i64),
    Running,
    Paused,
    Done,
}

impl DayState {
    pub fn label(self) -> String {
        match self {
            DayState::NoDay => "No day yet".into(),
            DayState::Draft => "Draft".into(),
            DayState::Published(v) => format!("Published, version {v}"),
            DayState::Running => "Running".into(),
            DayState::Paused => "Running (paused)".into(),
            DayState::Done => "Done".into(),
        }
    }
}

/// How an invited applicant answered, by where they stand now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// They chose a session (pending, confirmed, waitlisted, and what follows from it).
    Accepted,
    Declined,
    Withdrawn,
    NoAnswer,
}

pub fn answer(status: Status) -> Answer {
    match status {
        Status::InterviewCandidate | Status::InvitedReady => Answer::NoAnswer,
        Status::Declined => Answer::Declined,
        Status::Withdrawn => Answer::Withdrawn,
        Status::Pending
        | Status::Confirmed
        | Status::Waitlisted
        | Status::Cancelled
        | Status::Interviewed
        | Status::NoShow => Answer::Accepted,
    }
}

/// An applicant the invitation was sent to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invited {
    pub sent_at: DateTime<Utc>,
    pub status: Status,
    /// They logged in to the portal at or after the invitation.
    pub opened: bool,
}

/// The invitations sent on one day (the program's calendar): a wave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wave {
    pub day: NaiveDate,
    pub sent: i64,
    pub opened: i64,
    pub accepted: i64,
    pub declined: i64,
    pub withdrawn: i64,
    pub waiting: i64,
    /// The longest an applicant of the wave has left it unanswered, in whole days.
    pub longest_wait_days: Option<i64>,
}

/// The waves of `invited`, oldest first, days read in `zone`.
pub fn waves(invited: &[Invited], zone: Tz, now: DateTime<Utc>) -> Vec<Wave> {
    let mut out: Vec<Wave> = Vec::new();
    let mut sorted: Vec<&Invited> = invited.iter().collect();
    sorted.sort_by_key(|i| i.sent_at);
    for i in sorted {
        let day = i.sent_at.with_timezone(&zone).date_naive();
        if out.last().is_none_or(|w| w.day != day) {
            out.push(Wave {
                day,
                sent: 0,
                opened: 0,
                accepted: 0,
                declined: 0,
                withdrawn: 0,
                waiting: 0,
                longest_wait_days: None,
            });
        }
        let w = out.last_mut().expect("pushed above");
        w.sent += 1;
        w.opened += i64::from(i.opened);
        match answer(i.status) {
            Answer::Accepted => w.accepted += 1,
            Answer::Declined => w.declined += 1,
            Answer::Withdrawn => w.withdrawn += 1,
            Answer::NoAnswer => {
                w.waiting += 1;
                let days = (now - i.sent_at).num_days().max(0);
                w.longest_wait_days = Some(w.longest_wait_days.unwrap_or(0).max(days));
            }
        }
    }
    out
}

/// An applicant as the Statuses report counts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placed {
    pub status: Status,
    pub session: Option<SessionId>,
    pub first_choice: Option<SessionId>,
    pub second_choice: Option<SessionId>,
}

impl Placed {
    /// Whether the applicant list's session filter shows them under `session`: they hold it or
    /// chose it.
    pub fn in_session(&self, session: SessionId) -> bool {
        [self.session, self.first_choice, self.second_choice].contains(&Some(session))
    }
}

/// How many of `people` have `status`, in `session` (by the list's rule) or overall.
pub fn count(people: &[Placed], status: Status, session: Option<SessionId>) -> i64 {
    people
        .iter()
        .filter(|p| p.status == status && session.is_none_or(|s| p.in_session(s)))
        .count() as i64
}

/// A noted change: an applicant's status and seat from `at` on (`applicant_moves`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Move {
    pub applicant: ApplicantId,
    pub at: DateTime<Utc>,
    pub status: Status,
    pub session: Option<SessionId>,
}

/// The fill at the end of one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FillPoint {
    pub day: NaiveDate,
    /// Seats taken so far (each time an applicant came to hold one).
    pub booked: i64,
    /// Seats given up so far (cancelled, declined, withdrawn, or moved to another session when
    /// the series is one session's).
    pub cancelled: i64,
    /// Seats held at the day's end: `booked - cancelled`.
    pub holding: i64,
    /// Applicants waiting at the day's end: the program's (by status), or one session's line
    /// ([`waiting_series`]); `None` until it is filled in.
    pub waitlisted: Option<i64>,
}

/// Whether a status and seat hold a seat in `session` (in any, for `None`).
fn holds(status: Status, seat: Option<SessionId>, session: Option<SessionId>) -> bool {
    status.holds_seat() && seat.is_some() && session.is_none_or(|s| seat == Some(s))
}

/// The fill of `session` (the whole program for `None`) at the end of each day from `from` to
/// `to` (days read in `zone`), replaying `moves` in the order noted; moves before `from` are in
/// its point.
pub fn fill_series(
    moves: &[Move],
    session: Option<SessionId>,
    zone: Tz,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<FillPoint> {
    let mut state: std::collections::HashMap<ApplicantId, (Status, Option<SessionId>)> =
        std::collections::HashMap::new();
    let (mut booked, mut cancelled, mut waitlisted) = (0i64, 0i64, 0i64);
    let mut order: Vec<&Move> = moves.iter().collect();
    order.sort_by_key(|m| m.at);
    let mut next = order.into_iter().peekable();
    let mut out = Vec::new();
    let mut day = from;
    while day <= to {
        while let Some(m) = next.next_if(|m| m.at.with_timezone(&zone).date_naive() <= day) {
            let before = state.insert(m.applicant, (m.status, m.session));
            let was = before.is_some_and(|(st, seat)| holds(st, seat, session));
            let is = holds(m.status, m.session, session);
            booked += i64::from(!was && is);
            cancelled += i64::from(was && !is);
            waitlisted -= i64::from(before.is_some_and(|(st, _)| st == Status::Waitlisted));
            waitlisted += i64::from(m.status == Status::Waitlisted);
        }
        out.push(FillPoint {
            day,
            booked,
            cancelled,
            holding: booked - cancelled,
            waitlisted: session.is_none().then_some(waitlisted),
        });
        day = match day.succ_opt() {
            Some(d) => d,
            None => break,
        };
    }
    out
}

/// An applicant joining (or leaving) a session's waitlist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineMove {
    pub session: SessionId,
    pub at: DateTime<Utc>,
    pub joined: bool,
}

/// How many wait in `session`'s line at the end of each day from `from` to `to` (days read in
/// `zone`), replaying `moves` (joins and leavings, each noted once); moves before `from` are in
/// its count.
pub fn waiting_series(
    moves: &[LineMove],
    session: SessionId,
    zone: Tz,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<i64> {
    let mut order: Vec<&LineMove> = moves.iter().filter(|m| m.session == session).collect();
    order.sort_by_key(|m| m.at);
    let mut next = order.into_iter().peekable();
    let mut waiting = 0i64;
    let mut out = Vec::new();
    let mut day = from;
    while day <= to {
        while let Some(m) = next.next_if(|m| m.at.with_timezone(&zone).date_naive() <= day) {
            waiting += if m.joined { 1 } else { -1 };
        }
        out.push(waiting);
        day = match day.succ_opt() {
            Some(d) => d,
            None => break,
        };
    }
    out
}

/// "3 d" for a wait, "" for none.
pub fn days(n: Option<i64>) -> String {
    match n {
        None => String::new(),
        Some(1) => "1 day".into(),
        Some(n) => format!("{n} days"),
    }
}

/// Mean and spread as the rank page shows them ("" when there are no scores).
pub fn figure(x: Option<f64>) -> String {
    x.map(|x| format!("{x:.2}")).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 10, d, h, 0, 0).unwrap()
    }

    #[test]
    fn a_wave_is_a_day_in_the_programs_zone_and_counts_every_answer_once() {
        let ny: Tz = "America/New_York".parse().unwrap();
        let invited = [
            // 01:00 UTC on the 2nd is the evening of the 1st in New York.
            Invited {
                sent_at: at(2, 1),
                status: Status::Confirmed,
                opened: true,
            },
            Invited {
                sent_at: at(1, 15),
                status: Status::InvitedReady,
                opened: false,
            },
            Invited {
                sent_at: at(2, 15),
                status: Status::Declined,
                opened: true,
            },
            Invited {
                sent_at: at(2, 16),
                status: Status::Withdrawn,
                opened: false,
            },
        ];
        let w = waves(&invited, ny, at(9, 15));
        assert_eq!(w.len(), 2);
        assert_eq!(w[0].day, NaiveDate::from_ymd_opt(2026, 10, 1).unwrap());
        assert_eq!(
            (w[0].sent, w[0].opened, w[0].accepted, w[0].waiting),
            (2, 1, 1, 1)
        );
        assert_eq!(w[0].longest_wait_days, Some(8));
        assert_eq!(
            (w[1].sent, w[1].declined, w[1].withdrawn, w[1].waiting),
            (2, 1, 1, 0)
        );
        assert_eq!(w[1].longest_wait_days, None);
        for wave in &w {
            assert_eq!(
                wave.sent,
                wave.accepted + wave.declined + wave.withdrawn + wave.waiting
            );
        }
    }

    #[test]
    fn a_session_counts_whom_the_list_shows_under_it() {
        let (s1, s2) = (SessionId(1), SessionId(2));
        let people = [
            Placed {
                status: Status::Pending,
                session: None,
                first_choice: Some(s1),
                second_choice: Some(s2),
            },
            Placed {
                status: Status::Confirmed,
                session: Some(s2),
                first_choice: Some(s1),
                second_choice: None,
            },
            Placed {
                status: Status::Confirmed,
                session: Some(s2),
                first_choice: Some(s2),
                second_choice: None,
            },
        ];
        assert_eq!(count(&people, Status::Pending, Some(s1)), 1);
        assert_eq!(count(&people, Status::Pending, Some(s2)), 1);
        assert_eq!(count(&people, Status::Confirmed, Some(s1)), 1);
        assert_eq!(count(&people, Status::Confirmed, Some(s2)), 2);
        assert_eq!(count(&people, Status::Confirmed, None), 2);
    }

    #[test]
    fn a_move_to_another_session_is_a_cancellation_of_the_one_and_a_booking_of_the_other() {
        let utc: Tz = "UTC".parse().unwrap();
        let (a, s1, s2) = (ApplicantId(1), SessionId(1), SessionId(2));
        let m = |d, status, session| Move {
            applicant: a,
            at: at(d, 12),
            status,
            session,
        };
        let moves = [
            m(1, Status::InvitedReady, None),
            m(2, Status::Confirmed, Some(s1)),
            m(3, Status::Confirmed, Some(s2)),
            m(4, Status::Cancelled, Some(s2)),
        ];
        let day = |d| NaiveDate::from_ymd_opt(2026, 10, d).unwrap();
        let one = fill_series(&moves, Some(s1), utc, day(1), day(4));
        assert_eq!(
            one.iter()
                .map(|p| (p.booked, p.cancelled))
                .collect::<Vec<_>>(),
            [(0, 0), (1, 0), (1, 1), (1, 1)]
        );
        let all = fill_series(&moves, None, utc, day(1), day(4));
        assert_eq!(
            all.iter().map(|p| p.holding).collect::<Vec<_>>(),
            [0, 1, 1, 0]
        );
        assert_eq!(
            all[3].cancelled, 1,
            "a move is no cancellation of the program's"
        );
    }

    proptest::proptest! {
        /// Whatever happened, the last day's point is today's counts: the seats held and the
        /// applicants waiting, as the applicants' last moves leave them.
        #[test]
        fn the_last_point_is_todays_counts(
            raw in proptest::collection::vec((0i64..6, 0u32..30, 0usize..10, 0i64..4), 0..60),
            of_one in proptest::bool::ANY,
        ) {
            let utc: Tz = "UTC".parse().unwrap();
            let moves: Vec<Move> = raw
                .iter()
                .map(|&(a, d, st, s)| Move {
                    applicant: ApplicantId(a),
                    at: Utc.with_ymd_and_hms(2026, 9, 1, 0, 0, 0).unwrap() + chrono::Duration::hours(i64::from(d) * 7),
                    status: Status::ALL[st],
                    session: (s > 0).then_some(SessionId(s)),
                })
                .collect();
            let session = of_one.then_some(SessionId(1));
            let from = NaiveDate::from_ymd_opt(2026, 9, 3).unwrap();
            let to = NaiveDate::from_ymd_opt(2026, 10, 20).unwrap();
            let series = fill_series(&moves, session, utc, from, to);
            let mut last: std::collections::HashMap<ApplicantId, Move> = std::collections::HashMap::new();
            let mut sorted = moves.clone();
            sorted.sort_by_key(|m| m.at);
            for m in sorted {
                last.insert(m.applicant, m);
            }
            let end = series.last().unwrap();
            let holding = last.values().filter(|m| holds(m.status, m.session, session)).count() as i64;
            proptest::prop_assert_eq!(end.holding, holding);
            proptest::prop_assert_eq!(end.booked - end.cancelled, end.holding);
            if session.is_none() {
                let waiting = last.values().filter(|m| m.status == Status::Waitlisted).count() as i64;
                proptest::prop_assert_eq!(end.waitlisted, Some(waiting));
            }
            proptest::prop_assert!(series.windows(2).all(|w| w[0].booked <= w[1].booked && w[0].cancelled <= w[1].cancelled));
        }
    }

    proptest::proptest! {
        /// Whatever joins and leavings happened, one session's line at the last day's end is
        /// who is in it then, and it is never negative.
        #[test]
        fn the_line_at_the_end_is_who_waits_now(
            raw in proptest::collection::vec((0i64..6, 0u32..30, 1i64..3), 0..60),
        ) {
            let utc: Tz = "UTC".parse().unwrap();
            let mut sorted = raw.clone();
            sorted.sort_by_key(|r| r.1);
            // Each event flips whether the applicant is in that session's line.
            let mut inside: std::collections::HashSet<(i64, i64)> = Default::default();
            let mut moves = Vec::new();
            for (a, d, s) in sorted {
                let joined = inside.insert((a, s));
                if !joined {
                    inside.remove(&(a, s));
                }
                moves.push(LineMove {
                    session: SessionId(s),
                    at: Utc.with_ymd_and_hms(2026, 9, 1, 0, 0, 0).unwrap() + chrono::Duration::hours(i64::from(d) * 7),
                    joined,
                });
            }
            let from = NaiveDate::from_ymd_opt(2026, 9, 3).unwrap();
            let to = NaiveDate::from_ymd_opt(2026, 10, 20).unwrap();
            let series = waiting_series(&moves, SessionId(1), utc, from, to);
            let now = inside.iter().filter(|(_, s)| *s == 1).count() as i64;
            proptest::prop_assert_eq!(*series.last().unwrap(), now);
            proptest::prop_assert!(series.iter().all(|n| *n >= 0));
        }
    }

    #[test]
    fn every_report_has_a_key_that_reads_back() {
        for k in ReportKey::ALL {
            assert_eq!(ReportKey::parse(k.key()), Some(k));
        }
        assert_eq!(ReportKey::parse("nope"), None);
    }
}
