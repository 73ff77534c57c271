//! Rows the score math's tests share: applicants, sheets, a one-criterion form, a rank input.

use super::*;

pub(super) fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

pub(super) fn a(id: i64) -> ApplicantId {
    ApplicantId(id)
}

pub(super) fn u(id: i64) -> UserId {
    UserId(id)
}

pub(super) fn cid(id: i64) -> CriterionId {
    CriterionId(id)
}

pub(super) fn applicant(id: i64, name: &str) -> Applicant {
    Applicant {
        id: a(id),
        name: name.into(),
    }
}

pub(super) fn sheet(applicant: i64, interviewer: i64, answers: &[(i64, Option<i32>)]) -> Sheet {
    Sheet {
        applicant: a(applicant),
        interviewer: u(interviewer),
        answers: answers.iter().map(|&(c, v)| (cid(c), v)).collect(),
    }
}

/// One criterion 1–5 (id 1): a sheet scoring `v` gives (v − 1) / 4.
pub(super) fn one_criterion() -> Vec<Criterion> {
    vec![Criterion::new(cid(1), "Overall", 1, 5)]
}

pub(super) fn simple(applicant: i64, interviewer: i64, v: i32) -> Sheet {
    sheet(applicant, interviewer, &[(1, Some(v))])
}

pub(super) fn input(applicants: Vec<Applicant>, sheets: Vec<Sheet>) -> RankInput {
    RankInput {
        applicants,
        criteria: one_criterion(),
        sheets,
        ..RankInput::default()
    }
}

pub(super) fn row(ranking: &Ranking, id: i64) -> &RankRow {
    ranking
        .rows
        .iter()
        .find(|r| r.applicant == a(id))
        .expect("row present")
}

pub(super) fn order(ranking: &Ranking) -> Vec<i64> {
    ranking.rows.iter().map(|r| r.applicant.0).collect()
}

pub(super) fn rows_of(ids: &[i64]) -> Vec<RankRow> {
    ids.iter()
        .enumerate()
        .map(|(i, &id)| RankRow {
            rank: i + 1,
            applicant: a(id),
            name: format!("Applicant {id}"),
            raw_final: Some(1.0 - i as f64 / 10.0),
            calibrated_final: None,
            override_score: None,
            overridden: false,
            final_score: Some(1.0 - i as f64 / 10.0),
            sheets_used: 1,
        })
        .collect()
}

pub(super) fn ids(rows: &[RankRow]) -> Vec<i64> {
    rows.iter().map(|r| r.applicant.0).collect()
}
