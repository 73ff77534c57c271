//! The rank list: computed in Rust over the program's submitted sheets (`domain::rank`), in a
//! list's manual order when it has one; its screen, its printable view and its CSV.

use crate::auth::ssr::Staff;
use crate::error::{AppError, AppResult};
use crate::ids::{ApplicantId, CriterionId, ExclusionId, RankListId, UserId};
use crate::ids::{FormVersionId, ScoreId};
use crate::scoring::domain::{
    self, Aggregate, Applicant as RankApplicant, DisplayScale, Exclusions, RankInput, RankOrder,
    RankSettings, Sheet,
};
use crate::scoring::repo::CriterionRow;
use crate::scoring::types::{InterviewerLine, RankLine, RankPage, RankView, SheetLine};
use crate::server::AppState;
use std::collections::HashMap;

/// The scale the program's final scores are shown on: its newest form's display scale (1–5
/// before any form).
pub(super) async fn season_scale(state: &AppState, by: Staff) -> AppResult<DisplayScale> {
    Ok(state
        .repo
        .scoring_forms(by.program_id)
        .await?
        .iter()
        .max_by_key(|f| f.version_id)
        .map(|f| DisplayScale {
            min: f.display_min as f64,
            max: f.display_max as f64,
        })
        .unwrap_or_default())
}

impl RankView {
    pub(super) fn settings(self, display: DisplayScale) -> RankSettings {
        RankSettings {
            aggregate: if self.median {
                Aggregate::Median
            } else {
                Aggregate::Mean
            },
            calibrate: self.calibrate,
            order: if self.lowest_first {
                RankOrder::LowestFirst
            } else {
                RankOrder::HighestFirst
            },
            display,
        }
    }
}

/// The ranking as computed over the program's submitted sheets, with what the page names.
pub(super) struct Computed {
    pub(super) ranking: domain::Ranking,
    /// Each included or excluded sheet: (applicant, interviewer, its score on 0–1).
    sheets: Vec<(ApplicantId, UserId, Option<f64>)>,
    applicants: Vec<(ApplicantId, String)>,
    staff: Vec<(UserId, String)>,
    exclusions: Vec<(ExclusionId, UserId, Option<ApplicantId>, String)>,
    overrides: Vec<(ApplicantId, i64, String)>,
}

impl Computed {
    pub(super) fn staff_name(&self, u: UserId) -> String {
        self.staff
            .iter()
            .find(|(id, _)| *id == u)
            .map(|(_, n)| n.clone())
            .unwrap_or_else(|| "A former interviewer".into())
    }

    pub(super) fn applicant_name(&self, a: ApplicantId) -> &str {
        self.applicants
            .iter()
            .find(|(id, _)| *id == a)
            .map_or("an applicant", |(_, n)| n.as_str())
    }
}

pub(super) async fn computed(
    state: &AppState,
    by: Staff,
    settings: RankSettings,
) -> AppResult<Computed> {
    let scores = state.repo.submitted_scores(by.program_id).await?;
    let mut versions: Vec<FormVersionId> = scores.iter().map(|s| s.version_id).collect();
    versions.sort_unstable();
    versions.dedup();
    let criteria: Vec<domain::Criterion> = state
        .repo
        .criteria_of(&versions)
        .await?
        .iter()
        .map(CriterionRow::criterion)
        .collect();
    let ids: Vec<ScoreId> = scores.iter().map(|s| s.id).collect();
    let mut answers: HashMap<ScoreId, Vec<(CriterionId, Option<i32>)>> = HashMap::new();
    for (score, criterion, value) in state.repo.answers_of(None, &ids).await? {
        answers
            .entry(score)
            .or_default()
            .push((criterion, value.map(|v| v as i32)));
    }
    let page = state.repo.applicants(by.program_id).await?;
    let exclusions = state.repo.exclusions(by.program_id).await?;
    let overrides = state.repo.overrides(by.program_id).await?;
    let applicants: Vec<RankApplicant> = page
        .iter()
        .filter(|a| scores.iter().any(|s| s.applicant_id == a.id))
        .map(|a| RankApplicant {
            id: a.id,
            name: a.name.clone(),
        })
        .collect();
    let sheets: Vec<Sheet> = scores
        .iter()
        .map(|s| Sheet {
            applicant: s.applicant_id,
            interviewer: s.interviewer_id,
            answers: answers.remove(&s.id).unwrap_or_default(),
        })
        .collect();
    let index = domain::CriteriaIndex::new(&criteria);
    let sheet_scores = sheets
        .iter()
        .map(|s| {
            (
                s.applicant,
                s.interviewer,
                domain::sheet_score(&index, &s.answers),
            )
        })
        .collect();
    let input = RankInput {
        applicants,
        criteria: criteria.clone(),
        sheets,
        exclusions: Exclusions {
            sheets: exclusions
                .iter()
                .filter_map(|(_, i, a, _)| a.map(|a| (a, *i)))
                .collect(),
            interviewers: exclusions
                .iter()
                .filter(|(_, _, a, _)| a.is_none())
                .map(|(_, i, _, _)| *i)
                .collect(),
        },
        overrides: overrides
            .iter()
            .map(|(a, micro, _)| (*a, *micro as f64 / 1e6))
            .collect(),
        settings,
    };
    let ranking = domain::rank(&input);
    Ok(Computed {
        ranking,
        sheets: sheet_scores,
        applicants: page.iter().map(|a| (a.id, a.name.clone())).collect(),
        staff: state
            .repo
            .staff(by.program_id)
            .await?
            .into_iter()
            .map(|s| (s.user_id, s.name))
            .collect(),
        exclusions,
        overrides,
    })
}

/// The list asked for, if it is the program's: (id, name); `None` asked: the main list, if
/// it exists yet.
pub(super) async fn list_of(
    state: &AppState,
    by: Staff,
    list: Option<RankListId>,
) -> AppResult<(Vec<(RankListId, String, i64)>, Option<(RankListId, String)>)> {
    let lists = state.repo.rank_lists(by.program_id).await?;
    let chosen = match list {
        Some(id) => Some(
            lists
                .iter()
                .find(|(l, ..)| *l == id)
                .map(|(l, n, _)| (*l, n.clone()))
                .ok_or_else(|| AppError::NotFound("That rank list was not found.".into()))?,
        ),
        None => lists
            .iter()
            .find(|(_, n, _)| n.is_empty())
            .map(|(l, n, _)| (*l, n.clone())),
    };
    Ok((lists, chosen))
}

/// Coordinators: the rank list over every submitted sheet of the program, in the list's manual
/// order when it has one.
pub async fn ranks(state: &AppState, by: Staff, view: RankView) -> AppResult<RankPage> {
    let (lists, chosen) = list_of(state, by, view.list).await?;
    let display = season_scale(state, by).await?;
    let c = computed(state, by, view.settings(display)).await?;
    let manual = match &chosen {
        Some((id, _)) => state.repo.rank_order(None, *id).await?,
        None => Vec::new(),
    };
    let rows = if manual.is_empty() {
        c.ranking.rows.clone()
    } else {
        domain::merge_manual(&manual, &c.ranking.rows)
    };
    let shown = |s: Option<f64>| s.map(|s| display.format(s)).unwrap_or_default();
    let flags = state.repo.flags(by.program_id).await?;
    let flags_of = |a: ApplicantId| {
        flags
            .iter()
            .filter(|f| f.applicant_id == a)
            .map(|f| format!("{}: {}", f.interviewer, f.reason))
            .collect::<Vec<_>>()
    };
    let matched: std::collections::HashSet<ApplicantId> = state
        .repo
        .match_marks(by.program_id)
        .await?
        .into_iter()
        .filter(|m| m.matched_at.is_some())
        .map(|m| m.id)
        .collect();
    let span = display.max - display.min;
    let excluded = |a: ApplicantId, i: UserId| {
        c.exclusions
            .iter()
            .any(|(_, u, x, _)| *u == i && x.is_none_or(|x| x == a))
    };
    Ok(RankPage {
        lines: rows
            .iter()
            .map(|r| RankLine {
                rank: r.rank,
                applicant: r.applicant,
                name: r.name.clone(),
                raw: shown(r.raw_final),
                calibrated: shown(r.calibrated_final),
                final_score: shown(r.final_score),
                sheets: r.sheets_used,
                override_reason: c
                    .overrides
                    .iter()
                    .find(|(a, ..)| *a == r.applicant)
                    .map(|(_, _, why)| why.clone())
                    .unwrap_or_default(),
                scores: c
                    .sheets
                    .iter()
                    .filter(|(a, ..)| *a == r.applicant)
                    .map(|(a, i, s)| SheetLine {
                        interviewer: *i,
                        name: c.staff_name(*i),
                        score: shown(*s),
                        excluded: excluded(*a, *i),
                    })
                    .collect(),
                flags: flags_of(r.applicant),
                matched: matched.contains(&r.applicant),
            })
            .collect(),
        interviewers: c
            .ranking
            .interviewers
            .iter()
            .map(|i| InterviewerLine {
                id: i.interviewer,
                name: c.staff_name(i.interviewer),
                mean: display.format(i.mean),
                spread: format!("{:.2}", i.sd * span),
                count: i.count,
                calibration: i.calibration,
            })
            .collect(),
        moved: c
            .ranking
            .moved
            .iter()
            .map(|m| format!("{}: {} → {}", m.name, m.raw_rank, m.calibrated_rank))
            .collect(),
        calibrated: c.ranking.calibrated,
        calibration_summary: if c.ranking.calibrated {
            domain::calibration_summary(&c.ranking.interviewers)
        } else {
            String::new()
        },
        exclusions: c
            .exclusions
            .iter()
            .map(|(id, interviewer, applicant, reason)| {
                let whose = match applicant {
                    Some(a) => format!(
                        "{}'s scores of {}",
                        c.staff_name(*interviewer),
                        c.applicant_name(*a)
                    ),
                    None => format!("All of {}'s scores", c.staff_name(*interviewer)),
                };
                (*id, format!("{whose} are left out: {reason}"))
            })
            .collect(),
        manual: !manual.is_empty(),
        list: chosen.filter(|(_, n)| !n.is_empty()).map(|(id, _)| id),
        lists: lists
            .into_iter()
            .filter(|(_, n, _)| !n.is_empty())
            .map(|(id, n, _)| (id, n))
            .collect(),
    })
}

/// Coordinators: the rank list as CSV (rank, name, final, raw, calibrated, sheets, override
/// reason, flags, matched). A cell that a spreadsheet would read as a formula (starting with `=`, `+`, `-`,
/// `@`, a tab or a carriage return) is written with a leading apostrophe.
pub async fn ranks_csv(state: &AppState, by: Staff, view: RankView) -> AppResult<String> {
    let page = ranks(state, by, view).await?;
    let header = [
        "Rank",
        "Applicant",
        "Final score",
        "Raw",
        "Calibrated",
        "Score sheets",
        "Override reason",
        "Do not rank",
        "Matched",
    ];
    let records: Vec<Vec<String>> = std::iter::once(header.map(String::from).to_vec())
        .chain(page.lines.iter().map(|l| {
            vec![
                l.rank.to_string(),
                l.name.clone(),
                l.final_score.clone(),
                l.raw.clone(),
                l.calibrated.clone(),
                l.sheets.to_string(),
                l.override_reason.clone(),
                l.flags.join("; "),
                if l.matched { "Matched" } else { "" }.to_string(),
            ]
        }))
        .collect();
    crate::text::csv_text(&records)
}

/// Coordinators: the rank order for the Match as CSV: the list as shown (the manual order where
/// set), each applicant with their NRMP and AAMC/ERAS ids (from the import), final score and
/// do-not-rank flags, ranked 1… in that order; those without an NRMP id, who cannot be entered
/// in the matching program, listed apart after them with their place on the list.
pub async fn rank_order_csv(state: &AppState, by: Staff, view: RankView) -> AppResult<String> {
    let page = ranks(state, by, view).await?;
    let ids: std::collections::HashMap<ApplicantId, (Option<String>, Option<String>)> = state
        .repo
        .applicants_to_export(by.program_id, &Default::default())
        .await?
        .into_iter()
        .map(|r| (r.id, (r.nrmp_id, r.application_id)))
        .collect();
    let id_of = |a: ApplicantId| {
        let (nrmp, aamc) = ids.get(&a).cloned().unwrap_or_default();
        let clean = |v: Option<String>| v.map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        (clean(nrmp), clean(aamc))
    };
    let mut records = vec![[
        "Rank",
        "NRMP id",
        "AAMC id",
        "Applicant",
        "Final score",
        "Do not rank",
        "Note",
    ]
    .map(String::from)
    .to_vec()];
    let mut apart = Vec::new();
    for (place, l) in page.lines.iter().enumerate() {
        let (nrmp, aamc) = id_of(l.applicant);
        let flags = l.flags.join("; ");
        match nrmp {
            Some(nrmp) => {
                let rank = records.len().to_string();
                records.push(vec![
                    rank,
                    nrmp,
                    aamc.unwrap_or_default(),
                    l.name.clone(),
                    l.final_score.clone(),
                    flags,
                    String::new(),
                ]);
            }
            None => apart.push(vec![
                String::new(),
                String::new(),
                aamc.unwrap_or_default(),
                l.name.clone(),
                l.final_score.clone(),
                flags,
                format!(
                    "No NRMP id: add it to enter this applicant (place {} on the list)",
                    place + 1
                ),
            ]),
        }
    }
    records.extend(apart);
    crate::text::csv_text(&records)
}

/// Coordinators: the rank list's screen.
pub async fn ranks_html(state: &AppState, by: Staff, view: RankView) -> AppResult<String> {
    let page = ranks(state, by, view).await?;
    Ok(crate::scoring::pages::ranks_page(&page, view))
}

/// Coordinators: the rank list to print.
pub async fn print_ranks(state: &AppState, by: Staff, view: RankView) -> AppResult<String> {
    let page = ranks(state, by, view).await?;
    let program = crate::programs::ssr::program_of(state, by).await?;
    Ok(crate::scoring::pages::print_ranks(
        &page,
        view,
        &program.name,
    ))
}
