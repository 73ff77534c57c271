//! Matched against ranked, what a program is asked for before its next season: per session
//! (where the applicant was interviewed) and per interviewer (whom they scored). Ranked: on the
//! rank list, which holds everyone with a submitted score sheet. Each applicant counts once per
//! group, however many sheets they have in it.

use crate::ids::{ApplicantId, SessionId, UserId};
use std::collections::{BTreeMap, BTreeSet};

/// One submitted score sheet: who was scored, in which session, by whom, and whether they
/// matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scored {
    pub applicant: ApplicantId,
    pub session: SessionId,
    pub interviewer: UserId,
    pub matched: bool,
}

/// A group's count: its ranked applicants, and how many of them matched.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MatchCount {
    pub ranked: i64,
    pub matched: i64,
}

impl MatchCount {
    /// Matched of ranked as a share ("40 %"); "—" with nobody ranked.
    pub fn rate(self) -> String {
        if self.ranked == 0 {
            return "—".into();
        }
        format!(
            "{:.0} %",
            (self.matched as f64 / self.ranked as f64 * 100.0).round()
        )
    }
}

/// The counts by group (`group_of` a sheet), each applicant once per group.
fn by<K: Ord + Copy>(
    scored: &[Scored],
    group_of: impl Fn(&Scored) -> K,
) -> BTreeMap<K, MatchCount> {
    let mut seen: BTreeSet<(K, ApplicantId)> = BTreeSet::new();
    let mut out: BTreeMap<K, MatchCount> = BTreeMap::new();
    for s in scored {
        let k = group_of(s);
        if !seen.insert((k, s.applicant)) {
            continue;
        }
        let c = out.entry(k).or_default();
        c.ranked += 1;
        c.matched += i64::from(s.matched);
    }
    out
}

/// Per session.
pub fn match_by_session(scored: &[Scored]) -> BTreeMap<SessionId, MatchCount> {
    by(scored, |s| s.session)
}

/// Per interviewer.
pub fn match_by_interviewer(scored: &[Scored]) -> BTreeMap<UserId, MatchCount> {
    by(scored, |s| s.interviewer)
}

/// The whole rank list.
pub fn match_overall(scored: &[Scored]) -> MatchCount {
    by(scored, |_| ()).remove(&()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(a: i64, s: i64, i: i64, matched: bool) -> Scored {
        Scored {
            applicant: ApplicantId(a),
            session: SessionId(s),
            interviewer: UserId(i),
            matched,
        }
    }

    #[test]
    fn each_applicant_counts_once_per_group() {
        let scored = [
            // Ana: two interviewers in session 1, matched.
            sheet(1, 1, 10, true),
            sheet(1, 1, 11, true),
            // Bo: session 1, not matched.
            sheet(2, 1, 10, false),
            // Cy: session 2, matched; scored twice by the same interviewer's revision.
            sheet(3, 2, 11, true),
            sheet(3, 2, 11, true),
        ];
        let sessions = match_by_session(&scored);
        assert_eq!(
            sessions[&SessionId(1)],
            MatchCount {
                ranked: 2,
                matched: 1
            }
        );
        assert_eq!(
            sessions[&SessionId(2)],
            MatchCount {
                ranked: 1,
                matched: 1
            }
        );
        let interviewers = match_by_interviewer(&scored);
        assert_eq!(
            interviewers[&UserId(10)],
            MatchCount {
                ranked: 2,
                matched: 1
            }
        );
        assert_eq!(
            interviewers[&UserId(11)],
            MatchCount {
                ranked: 2,
                matched: 2
            }
        );
        assert_eq!(
            match_overall(&scored),
            MatchCount {
                ranked: 3,
                matched: 2
            }
        );
    }

    #[test]
    fn rates_in_words() {
        assert_eq!(MatchCount::default().rate(), "—");
        assert_eq!(
            MatchCount {
                ranked: 3,
                matched: 1
            }
            .rate(),
            "33 %"
        );
        assert_eq!(match_overall(&[]), MatchCount::default());
    }
}
