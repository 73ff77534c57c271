//! Scoring's workflows: the form library (an edit of a scored form makes a new version), a
//! session's form, an interviewer's own sheet (who may score whom; drafts, submission, revisions
//! kept), and the ranks, computed in Rust over the loaded rows (`domain::rank`).

use super::api::{
    CriterionView, FormView, InterviewerLine, MissingLine, RankLine, RankPage, SheetLine, SheetView,
};
use super::domain::{
    self, validate_sheet, Aggregate, Applicant as RankApplicant, DisplayScale, Exclusions,
    RankInput, RankOrder, RankSettings, Sheet,
};
use super::form::{validate, FormInput};
use super::repo::{CriterionRow, FormRow};
use crate::auth::ssr::Staff;
use crate::error::{AppError, AppResult};
use crate::ids::{ApplicantId, CriterionId, ScoringFormId, SessionId, UserId};
use crate::live::{Audience, Change, Event};
use crate::programs::domain::{AuditAction, AuditEntity};
use crate::programs::repo::Audit;
use crate::server::AppState;
use crate::sessions::ssr::own_session;
use std::collections::{BTreeMap, HashMap};

fn weight_text(milli: i64) -> String {
    if milli % 1000 == 0 {
        (milli / 1000).to_string()
    } else {
        format!("{}", milli as f64 / 1000.0)
    }
}

fn criterion_view(c: &CriterionRow) -> CriterionView {
    CriterionView {
        id: c.id,
        name: c.name.clone(),
        description: c.description.clone(),
        min: c.scale_min as i32,
        max: c.scale_max as i32,
        weight: weight_text(c.weight_milli),
        required: c.required,
        anchors: c.anchors(),
    }
}

fn form_view(row: &FormRow, criteria: &[CriterionRow], sessions: Vec<String>) -> FormView {
    FormView {
        id: row.form_id,
        name: row.name.clone(),
        version: row.version,
        display_min: row.display_min as i32,
        display_max: row.display_max as i32,
        overall_comment: row.overall_comment,
        criteria: criteria
            .iter()
            .filter(|c| c.version_id == row.version_id)
            .map(criterion_view)
            .collect(),
        sessions,
        scored: row.scored > 0,
    }
}

/// Coordinators: the library.
pub async fn forms(state: &AppState, by: Staff) -> AppResult<Vec<FormView>> {
    let rows = state.repo.scoring_forms(by.program_id).await?;
    let versions: Vec<i64> = rows.iter().map(|r| r.version_id).collect();
    let criteria = state.repo.criteria_of(&versions).await?;
    let sessions = state.repo.form_sessions(by.program_id).await?;
    Ok(rows
        .iter()
        .map(|r| {
            let names = sessions
                .iter()
                .filter(|(f, _)| *f == r.form_id)
                .map(|(_, n)| n.clone())
                .collect();
            form_view(r, &criteria, names)
        })
        .collect())
}

/// Coordinators: a new form, or an edit of one. A version no score reads yet is rewritten; one
/// that has scores is kept as it is and the edit becomes the next version.
pub async fn save_form(state: &AppState, by: Staff, input: &FormInput) -> AppResult<ScoringFormId> {
    let spec = validate(input).map_err(|(field, message)| AppError::invalid(field, message))?;
    let mut tx = state.repo.begin_write().await?;
    let id = match input.id {
        None => {
            state
                .repo
                .create_scoring_form(&mut tx, by.program_id, &spec)
                .await?
        }
        Some(id) => {
            let current = state
                .repo
                .scoring_form(by.program_id, ScoringFormId(id))
                .await?
                .ok_or_else(|| AppError::NotFound("That form was not found.".into()))?;
            state
                .repo
                .rename_scoring_form(&mut tx, current.form_id, &spec.name)
                .await?;
            if current.scored > 0 {
                state
                    .repo
                    .add_form_version(&mut tx, current.form_id, current.version + 1, &spec)
                    .await?;
            } else {
                state
                    .repo
                    .rewrite_form_version(&mut tx, current.version_id, &spec)
                    .await?;
            }
            current.form_id
        }
    };
    tx.commit().await?;
    Ok(id)
}

/// Coordinators: lets every interviewer of the session's day score every applicant of it (or,
/// `open` false, only those they met).
pub async fn open_scoring(
    state: &AppState,
    by: Staff,
    session: SessionId,
    open: bool,
) -> AppResult<()> {
    own_session(state, by, session).await?;
    if !state.repo.set_open_scoring(session, open).await? {
        return Err(AppError::Conflict(
            "Choose the session's scoring form first.".into(),
        ));
    }
    Ok(())
}

/// Coordinators: the form a session is scored on.
pub async fn assign_form(
    state: &AppState,
    by: Staff,
    session: SessionId,
    form: Option<ScoringFormId>,
) -> AppResult<()> {
    own_session(state, by, session).await?;
    if let Some(form) = form {
        state
            .repo
            .scoring_form(by.program_id, form)
            .await?
            .ok_or_else(|| AppError::invalid("form_id", "Choose one of the program's forms."))?;
    }
    state.repo.set_session_form(session, form).await?;
    Ok(())
}

/// The applicants of a published day `user` may score ([`domain::scoreable`]).
fn scoreable(
    day: &crate::itinerary::domain::Published,
    user: UserId,
    open: bool,
) -> Vec<ApplicantId> {
    let slots: Vec<_> = day.slots.iter().map(|s| (s.applicant, s.room)).collect();
    let seated: Vec<_> = day
        .rooms
        .iter()
        .flat_map(|r| r.interviewers.iter().map(move |i| (r.id, i.id)))
        .collect();
    domain::scoreable(&slots, &seated, user, open)
}

/// Whether `by` may score `applicant` in `session`: with a published schedule, the applicants
/// they met (or everyone of the day, when the session's scoring is open); without one (a
/// program that runs its day outside the portal), any applicant confirmed in the session.
async fn may_score(
    state: &AppState,
    by: Staff,
    session: SessionId,
    applicant: ApplicantId,
) -> AppResult<()> {
    own_session(state, by, session).await?;
    let not_yours = || AppError::forbidden("You can score only the applicants you interviewed.");
    match crate::itinerary::ssr::out_now(state, session).await? {
        Some((_, day)) => {
            let open = state
                .repo
                .session_scoring(session)
                .await?
                .is_some_and(|(_, open)| open);
            scoreable(&day, by.user_id, open)
                .contains(&applicant)
                .then_some(())
                .ok_or_else(not_yours)
        }
        None => state
            .repo
            .session_applicants(session)
            .await?
            .into_iter()
            .any(|(id, _, status)| id == applicant && status.holds_seat())
            .then_some(())
            .ok_or_else(not_yours),
    }
}

/// The version a sheet is on: its own once started, else the session's form now.
async fn sheet_version(
    state: &AppState,
    session: SessionId,
    existing: Option<i64>,
) -> AppResult<i64> {
    match existing {
        Some(v) => Ok(v),
        None => state
            .repo
            .session_form_version(session)
            .await?
            .ok_or_else(|| {
                AppError::Conflict(
                    "This session has no scoring form yet: ask a coordinator.".into(),
                )
            }),
    }
}

async fn version_view(state: &AppState, version: i64) -> AppResult<FormView> {
    let criteria = state.repo.criteria_of(&[version]).await?;
    let row = state
        .repo
        .form_version(version)
        .await?
        .ok_or(AppError::Internal)?;
    Ok(form_view(&row, &criteria, Vec::new()))
}

/// An interviewer's own sheet for an applicant (a blank one on the session's form before any).
pub async fn sheet(
    state: &AppState,
    by: Staff,
    session: SessionId,
    applicant: ApplicantId,
) -> AppResult<SheetView> {
    may_score(state, by, session, applicant).await?;
    let existing = state.repo.score(session, applicant, by.user_id).await?;
    let version = sheet_version(state, session, existing.as_ref().map(|s| s.version_id)).await?;
    let form = version_view(state, version).await?;
    let (answers, comment, submitted, revisions) = match existing {
        Some(s) => (
            state
                .repo
                .answers_of(None, &[s.id])
                .await?
                .into_iter()
                .map(|(_, c, v)| (c, v.map(|v| v as i32)))
                .collect(),
            s.comment,
            s.submitted_at.is_some(),
            state.repo.revision_count(s.id).await?,
        ),
        None => (Vec::new(), String::new(), false, 0),
    };
    Ok(SheetView {
        session,
        applicant,
        form,
        answers,
        comment,
        submitted,
        revisions,
    })
}

/// The typed answers against the form's criteria: a score, `na` (unable to assess) or empty
/// (not yet).
fn read_answers(
    typed: &BTreeMap<String, String>,
    criteria: &[CriterionRow],
) -> AppResult<Vec<(CriterionId, Option<i32>)>> {
    let mut out = Vec::new();
    for (key, value) in typed {
        let id: CriterionId = key.parse().map_err(|_| {
            AppError::invalid(
                "answers",
                "An answer is for a criterion that is not on this form.",
            )
        })?;
        let criterion = criteria.iter().find(|c| c.id == id).ok_or_else(|| {
            AppError::invalid(
                "answers",
                "An answer is for a criterion that is not on this form.",
            )
        })?;
        let value = value.trim();
        let answer = match value {
            "" => continue,
            "na" => None,
            v => Some(v.parse::<i32>().map_err(|_| {
                AppError::invalid(
                    "answers",
                    format!("{}: choose a score or “unable to assess”.", criterion.name),
                )
            })?),
        };
        domain::validate_answer(&criterion.criterion(), answer)
            .map_err(|m| AppError::invalid("answers", m))?;
        out.push((id, answer));
    }
    Ok(out)
}

/// Saves an interviewer's sheet: a draft, or submitted (every required criterion answered).
/// Once submitted, a change is a new submission and the one before is kept as a revision.
pub async fn save_score(
    state: &AppState,
    by: Staff,
    session: SessionId,
    applicant: ApplicantId,
    typed: &BTreeMap<String, String>,
    comment: &str,
    submit: bool,
) -> AppResult<()> {
    may_score(state, by, session, applicant).await?;
    let comment = crate::text::multi_line(comment, "comment", 5000)?;
    let comment = comment.as_str();
    let mut tx = state.repo.begin_write().await?;
    let existing = state
        .repo
        .lock_score(&mut tx, session, applicant, by.user_id)
        .await?;
    let version = sheet_version(state, session, existing.as_ref().map(|s| s.version_id)).await?;
    let criteria = state.repo.criteria_of(&[version]).await?;
    let answers = read_answers(typed, &criteria)?;
    // Once submitted, every save is a submission.
    let submit = submit || existing.as_ref().is_some_and(|s| s.submitted_at.is_some());
    if submit {
        let form: Vec<domain::Criterion> = criteria.iter().map(CriterionRow::criterion).collect();
        validate_sheet(&form, &answers)
            .map_err(|problems| AppError::invalid("answers", problems.join(" ")))?;
    }
    let now = crate::db::now_ms();
    match existing {
        None => {
            let id = state
                .repo
                .insert_score(
                    &mut tx,
                    by.program_id,
                    session,
                    applicant,
                    by.user_id,
                    version,
                    comment,
                    submit,
                )
                .await?;
            state.repo.write_answers(&mut tx, id, &answers).await?;
        }
        Some(s) => {
            if let Some(submitted_at) = s.submitted_at {
                let before: Vec<(CriterionId, Option<i64>)> = state
                    .repo
                    .answers_of(Some(&mut tx), &[s.id])
                    .await?
                    .into_iter()
                    .map(|(_, c, v)| (c, v))
                    .collect();
                let mut sorted_new: Vec<(CriterionId, Option<i64>)> = answers
                    .iter()
                    .map(|(c, v)| (*c, v.map(i64::from)))
                    .collect();
                sorted_new.sort();
                let mut sorted_old = before.clone();
                sorted_old.sort();
                if sorted_new == sorted_old && s.comment == comment {
                    return Ok(());
                }
                let text = serde_json::to_string(&before).unwrap_or_else(|_| "[]".into());
                state
                    .repo
                    .add_revision(&mut tx, s.id, &text, &s.comment, submitted_at)
                    .await?;
            }
            state
                .repo
                .update_score(&mut tx, s.id, comment, submit.then_some(now), &answers)
                .await?;
        }
    }
    tx.commit().await?;
    if submit {
        // The coordinators' rank list and missing scores reload.
        state.hub.publish(Event {
            audiences: vec![Audience::Coordinators(by.program_id)],
            change: Change::ApplicantsChanged,
        });
    }
    Ok(())
}

/// How the rank list is looked at: the settings of the computation and which list (also the
/// query of `/export/ranks.csv` and `/print/ranks`: `?calibrate=true&list=3`, each off when
/// absent).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default)]
pub struct RankView {
    pub calibrate: bool,
    pub median: bool,
    pub lowest_first: bool,
    /// A named list (`None`: the main one).
    pub list: Option<i64>,
}

/// The scale the program's final scores are shown on: its newest form's display scale (1–5
/// before any form).
async fn season_scale(state: &AppState, by: Staff) -> AppResult<DisplayScale> {
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
    fn settings(self, display: DisplayScale) -> RankSettings {
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
struct Computed {
    ranking: domain::Ranking,
    /// Each included or excluded sheet: (applicant, interviewer, its score on 0–1).
    sheets: Vec<(ApplicantId, UserId, Option<f64>)>,
    applicants: Vec<(ApplicantId, String)>,
    staff: Vec<(UserId, String)>,
    exclusions: Vec<(i64, UserId, Option<ApplicantId>, String)>,
    overrides: Vec<(ApplicantId, i64, String)>,
}

impl Computed {
    fn staff_name(&self, u: UserId) -> String {
        self.staff
            .iter()
            .find(|(id, _)| *id == u)
            .map(|(_, n)| n.clone())
            .unwrap_or_else(|| "A former interviewer".into())
    }

    fn applicant_name(&self, a: ApplicantId) -> &str {
        self.applicants
            .iter()
            .find(|(id, _)| *id == a)
            .map_or("an applicant", |(_, n)| n.as_str())
    }
}

async fn computed(state: &AppState, by: Staff, settings: RankSettings) -> AppResult<Computed> {
    let scores = state.repo.submitted_scores(by.program_id).await?;
    let mut versions: Vec<i64> = scores.iter().map(|s| s.version_id).collect();
    versions.sort_unstable();
    versions.dedup();
    let criteria: Vec<domain::Criterion> = state
        .repo
        .criteria_of(&versions)
        .await?
        .iter()
        .map(CriterionRow::criterion)
        .collect();
    let ids: Vec<i64> = scores.iter().map(|s| s.id).collect();
    let mut answers: HashMap<i64, Vec<(CriterionId, Option<i32>)>> = HashMap::new();
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
async fn list_of(
    state: &AppState,
    by: Staff,
    list: Option<i64>,
) -> AppResult<(Vec<(i64, String, i64)>, Option<(i64, String)>)> {
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

/// Coordinators: moves an applicant to place `to` (0-based) of a list as the page shows it
/// (with its settings); from then on the list keeps its manual order. Audited.
pub async fn move_rank(
    state: &AppState,
    by: Staff,
    view: RankView,
    applicant: ApplicantId,
    to: usize,
) -> AppResult<()> {
    let (_, chosen) = list_of(state, by, view.list).await?;
    let c = computed(state, by, view.settings(season_scale(state, by).await?)).await?;
    let mut tx = state.repo.begin_write().await?;
    let list = match chosen {
        Some((id, _)) => id,
        None => {
            state
                .repo
                .rank_list_named(&mut tx, by.program_id, "")
                .await?
        }
    };
    state.repo.lock_rank_list(&mut tx, list).await?;
    let stored = state.repo.rank_order(Some(&mut tx), list).await?;
    let shown: Vec<ApplicantId> = if stored.is_empty() {
        c.ranking.rows.iter().map(|r| r.applicant).collect()
    } else {
        domain::merge_manual(&stored, &c.ranking.rows)
            .iter()
            .map(|r| r.applicant)
            .collect()
    };
    let from = shown
        .iter()
        .position(|a| *a == applicant)
        .ok_or_else(|| AppError::NotFound("That applicant is not on the rank list.".into()))?;
    let to = to.min(shown.len().saturating_sub(1));
    let order = domain::move_row(&shown, from, to);
    state.repo.set_rank_order(&mut tx, list, &order).await?;
    let (from_text, to_text) = ((from + 1).to_string(), (to + 1).to_string());
    let what = format!("{} moved", c.applicant_name(applicant));
    let line = audit_line(
        by,
        (AuditEntity::RankList, list),
        AuditAction::Moved,
        (Some(&from_text), Some(&to_text)),
        Some(&what),
    );
    state.repo.audit(&mut tx, line).await?;
    tx.commit().await?;
    Ok(())
}

/// Coordinators: a list back to the computed order. Audited.
pub async fn revert_ranks(state: &AppState, by: Staff, list: Option<i64>) -> AppResult<()> {
    let (_, chosen) = list_of(state, by, list).await?;
    let Some((list, _)) = chosen else {
        return Ok(());
    };
    let mut tx = state.repo.begin_write().await?;
    state.repo.lock_rank_list(&mut tx, list).await?;
    state.repo.set_rank_order(&mut tx, list, &[]).await?;
    let line = audit_line(
        by,
        (AuditEntity::RankList, list),
        AuditAction::Reverted,
        (None, None),
        None,
    );
    state.repo.audit(&mut tx, line).await?;
    tx.commit().await?;
    Ok(())
}

/// Coordinators: an extra named list (it starts in the computed order); its id.
pub async fn add_rank_list(state: &AppState, by: Staff, name: &str) -> AppResult<i64> {
    let name = crate::text::single_line(name, "name", 80, "Name the list.")?;
    let (lists, _) = list_of(state, by, None).await?;
    if lists.iter().any(|(_, n, _)| n.eq_ignore_ascii_case(&name)) {
        return Err(AppError::Conflict(format!(
            "There is already a list named {name}."
        )));
    }
    let mut tx = state.repo.begin_write().await?;
    let id = state
        .repo
        .rank_list_named(&mut tx, by.program_id, &name)
        .await?;
    let line = audit_line(
        by,
        (AuditEntity::RankList, id),
        AuditAction::Created,
        (None, Some(&name)),
        None,
    );
    state.repo.audit(&mut tx, line).await?;
    tx.commit().await?;
    Ok(id)
}

/// Coordinators: deletes a named list (the main list stays). Audited.
pub async fn remove_rank_list(state: &AppState, by: Staff, list: i64) -> AppResult<()> {
    let mut tx = state.repo.begin_write().await?;
    if !state
        .repo
        .delete_rank_list(&mut tx, by.program_id, list)
        .await?
    {
        return Err(AppError::NotFound("That rank list was not found.".into()));
    }
    let line = audit_line(
        by,
        (AuditEntity::RankList, list),
        AuditAction::Deleted,
        (None, None),
        None,
    );
    state.repo.audit(&mut tx, line).await?;
    tx.commit().await?;
    Ok(())
}

/// An audit line of a coordinator's change to the ranks: what, on whom, from and to what, why.
fn audit_line<'a>(
    by: Staff,
    (entity, id): (AuditEntity, i64),
    action: AuditAction,
    (from, to): (Option<&'a str>, Option<&'a str>),
    reason: Option<&'a str>,
) -> Audit<'a> {
    Audit {
        from,
        to,
        reason,
        ..Audit::new(by.program_id, Some(by.user_id), entity, id, action)
    }
}

/// The reason a coordinator gives (required, one line).
fn reason_of(text: &str) -> AppResult<String> {
    crate::text::single_line(text, "reason", 500, "Say why.")
}

/// Coordinators: leave an interviewer's scores out of the ranks, for one applicant or
/// (`applicant` none) altogether, with the reason; audited.
pub async fn exclude(
    state: &AppState,
    by: Staff,
    interviewer: UserId,
    applicant: Option<ApplicantId>,
    reason: &str,
) -> AppResult<()> {
    let reason = reason_of(reason)?;
    if !state
        .repo
        .staff(by.program_id)
        .await?
        .iter()
        .any(|s| s.user_id == interviewer)
    {
        return Err(AppError::NotFound("That interviewer was not found.".into()));
    }
    if let Some(a) = applicant {
        if !state
            .repo
            .applicants(by.program_id)
            .await?
            .iter()
            .any(|p| p.id == a)
        {
            return Err(AppError::NotFound("That applicant was not found.".into()));
        }
    }
    let mut tx = state.repo.begin_write().await?;
    state
        .repo
        .add_exclusion(
            &mut tx,
            by.program_id,
            interviewer,
            applicant,
            &reason,
            by.user_id,
        )
        .await?;
    let to = applicant.map(|a| a.to_string());
    let line = audit_line(
        by,
        (AuditEntity::Scores, interviewer.0),
        AuditAction::Excluded,
        (None, to.as_deref().or(Some("all"))),
        Some(&reason),
    );
    state.repo.audit(&mut tx, line).await?;
    tx.commit().await?;
    Ok(())
}

/// Coordinators: take an exclusion back; audited.
pub async fn include(state: &AppState, by: Staff, exclusion: i64) -> AppResult<()> {
    let mut tx = state.repo.begin_write().await?;
    let (interviewer, applicant) = state
        .repo
        .remove_exclusion(&mut tx, by.program_id, exclusion)
        .await?
        .ok_or_else(|| AppError::NotFound("That exclusion was not found.".into()))?;
    let to = applicant.map(|a| a.to_string());
    let line = audit_line(
        by,
        (AuditEntity::Scores, interviewer.0),
        AuditAction::Included,
        (None, to.as_deref().or(Some("all"))),
        None,
    );
    state.repo.audit(&mut tx, line).await?;
    tx.commit().await?;
    Ok(())
}

/// Coordinators: an applicant's final score by hand, typed on the display scale, with
/// the reason (required); an empty score clears it. Audited.
pub async fn override_score(
    state: &AppState,
    by: Staff,
    applicant: ApplicantId,
    score: &str,
    reason: &str,
) -> AppResult<()> {
    let reason = reason_of(reason)?;
    let display = season_scale(state, by).await?;
    let micro = match score.trim() {
        "" => None,
        typed => {
            let shown: f64 = typed
                .parse()
                .ok()
                .filter(|v: &f64| v.is_finite())
                .ok_or_else(|| {
                    AppError::invalid("score", "Type the final score as a number, such as 4.25.")
                })?;
            if shown < display.min || shown > display.max {
                return Err(AppError::invalid(
                    "score",
                    format!(
                        "A final score runs from {} to {}.",
                        display.min, display.max
                    ),
                ));
            }
            display
                .from_display(shown)
                .map(|s| (s * 1e6).round() as i64)
        }
    };
    if !state
        .repo
        .applicants(by.program_id)
        .await?
        .iter()
        .any(|p| p.id == applicant)
    {
        return Err(AppError::NotFound("That applicant was not found.".into()));
    }
    let mut tx = state.repo.begin_write().await?;
    let before = state
        .repo
        .set_override(
            &mut tx,
            by.program_id,
            applicant,
            micro.map(|m| (m, reason.as_str())),
            by.user_id,
        )
        .await?;
    let text = |m: Option<i64>| m.map(|m| display.format(m as f64 / 1e6));
    let (from, to) = (text(before), text(micro));
    let line = audit_line(
        by,
        (AuditEntity::Applicant, applicant.0),
        AuditAction::Overridden,
        (from.as_deref(), to.as_deref()),
        Some(&reason),
    );
    state.repo.audit(&mut tx, line).await?;
    tx.commit().await?;
    Ok(())
}

/// Coordinators: the rank list as CSV (rank, name, final, raw, calibrated, sheets, override
/// reason). A cell that a spreadsheet would read as a formula (starting with `=`, `+`, `-`,
/// `@`, a tab or a carriage return) is written with a leading apostrophe.
pub async fn ranks_csv(state: &AppState, by: Staff, view: RankView) -> AppResult<String> {
    let page = ranks(state, by, view).await?;
    let mut out = csv::Writer::from_writer(Vec::new());
    let write = |out: &mut csv::Writer<Vec<u8>>, cells: &[&str]| {
        let safe: Vec<String> = cells.iter().map(|c| domain::csv_cell(c)).collect();
        out.write_record(&safe).map_err(|_| AppError::Internal)
    };
    write(
        &mut out,
        &[
            "Rank",
            "Applicant",
            "Final score",
            "Raw",
            "Calibrated",
            "Score sheets",
            "Override reason",
        ],
    )?;
    for l in &page.lines {
        let rank = l.rank.to_string();
        let sheets = l.sheets.to_string();
        write(
            &mut out,
            &[
                &rank,
                &l.name,
                &l.final_score,
                &l.raw,
                &l.calibrated,
                &sheets,
                &l.override_reason,
            ],
        )?;
    }
    let bytes = out.into_inner().map_err(|_| AppError::Internal)?;
    String::from_utf8(bytes).map_err(|_| AppError::Internal)
}

/// Who still owes which score in a session, by interviewer: with a published day, each
/// applicant an interviewer met without a submitted sheet (none expected without one).
/// (interviewer, their e-mail, the line shown).
async fn owed(
    state: &AppState,
    by: Staff,
    session: SessionId,
) -> AppResult<Vec<(String, MissingLine)>> {
    own_session(state, by, session).await?;
    let Some((_, day)) = crate::itinerary::ssr::out_now(state, session).await? else {
        return Ok(Vec::new());
    };
    let mut expected = Vec::new();
    for slot in &day.slots {
        if let Some(room) = day.rooms.iter().find(|r| r.id == slot.room) {
            for i in &room.interviewers {
                if !expected.contains(&(slot.applicant, i.id)) {
                    expected.push((slot.applicant, i.id));
                }
            }
        }
    }
    let submitted = state.repo.submitted_in(session).await?;
    let missing = domain::missing(&expected, &submitted);
    let emails = state.repo.day_interviewer_emails(session).await?;
    let name_of = |a: ApplicantId| {
        day.applicants
            .iter()
            .find(|p| p.id == a)
            .map(|p| p.name.clone())
            .unwrap_or_default()
    };
    let mut out: Vec<(String, MissingLine)> = Vec::new();
    for room in &day.rooms {
        for i in &room.interviewers {
            if out.iter().any(|(_, l)| l.interviewer == i.name) {
                continue;
            }
            let applicants: Vec<String> = missing
                .iter()
                .filter(|(_, u)| *u == i.id)
                .map(|(a, _)| name_of(*a))
                .collect();
            if applicants.is_empty() {
                continue;
            }
            let email = emails
                .iter()
                .find(|(u, _)| *u == i.id)
                .map(|(_, e)| e.clone())
                .unwrap_or_default();
            out.push((
                email,
                MissingLine {
                    interviewer: i.name.clone(),
                    applicants,
                },
            ));
        }
    }
    Ok(out)
}

/// Coordinators: who still owes which score in a session.
pub async fn missing_scores(
    state: &AppState,
    by: Staff,
    session: SessionId,
) -> AppResult<Vec<MissingLine>> {
    Ok(owed(state, by, session)
        .await?
        .into_iter()
        .map(|(_, line)| line)
        .collect())
}

/// Coordinators: a reminder through the outbox to each interviewer who owes scores, naming the
/// applicants; how many were queued.
pub async fn remind_scorers(state: &AppState, by: Staff, session: SessionId) -> AppResult<usize> {
    let owed = owed(state, by, session).await?;
    let name = own_session(state, by, session).await?.name;
    let mut tx = state.repo.begin_write().await?;
    let mut sent = 0;
    for (email, line) in &owed {
        if email.is_empty() {
            continue;
        }
        let subject = format!("Scores to submit: {name}");
        let body = format!(
            "Hello {},\n\nYour scores for these applicants of {name} are not submitted yet:\n\n{}\n\nScore them from TimeTrack: {}/timetrack\n",
            line.interviewer,
            line.applicants
                .iter()
                .map(|a| format!("- {a}"))
                .collect::<Vec<_>>()
                .join("\n"),
            state.config.public_url,
        );
        state
            .repo
            .enqueue_email(&mut tx, Some(by.program_id), email, &subject, &body)
            .await?;
        sent += 1;
    }
    tx.commit().await?;
    state.outbox_wake.notify_one();
    Ok(sent)
}

// ---------------------------------------------------------------------------------------------
// The screens (written here as HTML: `super::pages`)
// ---------------------------------------------------------------------------------------------

/// Coordinators: the form library's screen (`edit`: the form in the editor).
pub async fn forms_html(
    state: &AppState,
    by: Staff,
    edit: Option<ScoringFormId>,
) -> AppResult<String> {
    let forms = forms(state, by).await?;
    let edit = match edit {
        Some(id) => Some(
            forms
                .iter()
                .find(|f| f.id == id)
                .ok_or_else(|| AppError::NotFound("That form was not found.".into()))?,
        ),
        None => None,
    };
    let scoring = state.repo.program_scoring(by.program_id).await?;
    let sessions = state
        .repo
        .sessions(by.program_id)
        .await?
        .into_iter()
        .map(|s| super::pages::SessionForm {
            form: scoring
                .iter()
                .find(|(id, ..)| *id == s.id)
                .map(|(_, form, _)| *form),
            id: s.id,
            name: s.name,
        })
        .collect::<Vec<_>>();
    Ok(super::pages::forms_page(&forms, &sessions, edit))
}

/// Coordinators: a session's scoring (its form, the missing scores, the reminder).
pub async fn session_html(state: &AppState, by: Staff, session: SessionId) -> AppResult<String> {
    own_session(state, by, session).await?;
    let scoring = state.repo.session_scoring(session).await?;
    let form = match scoring {
        Some((id, _)) => state
            .repo
            .scoring_form(by.program_id, id)
            .await?
            .map(|f| f.name),
        None => None,
    };
    let missing = missing_scores(state, by, session).await?;
    Ok(super::pages::session_panel(
        session,
        form.as_deref(),
        scoring.is_some_and(|(_, open)| open),
        &missing,
    ))
}

/// Coordinators: the rank list's screen.
pub async fn ranks_html(state: &AppState, by: Staff, view: RankView) -> AppResult<String> {
    let page = ranks(state, by, view).await?;
    Ok(super::pages::ranks_page(&page, view))
}

/// Coordinators: the rank list to print.
pub async fn print_ranks(state: &AppState, by: Staff, view: RankView) -> AppResult<String> {
    let page = ranks(state, by, view).await?;
    let program = crate::programs::ssr::program_of(state, by).await?;
    Ok(super::pages::print_ranks(&page, view, &program.name))
}

/// The sheets `by` may fill in: per session with a scoring form, the applicants they met on a
/// published day, or (a day run outside the portal) everyone confirmed in it.
pub async fn my_sheets(state: &AppState, by: Staff) -> AppResult<Vec<super::pages::SheetTodo>> {
    let mut out = Vec::new();
    let everyone = state.repo.applicants(by.program_id).await?;
    let name_of = |id: ApplicantId| {
        everyone
            .iter()
            .find(|a| a.id == id)
            .map(|a| a.name.clone())
            .unwrap_or_default()
    };
    let scoring = state.repo.program_scoring(by.program_id).await?;
    for session in state.repo.sessions(by.program_id).await? {
        let Some(&(_, _, open)) = scoring.iter().find(|(id, ..)| *id == session.id) else {
            continue;
        };
        let people: Vec<(ApplicantId, String)> =
            match crate::itinerary::ssr::out_now(state, session.id).await? {
                Some((_, day)) => scoreable(&day, by.user_id, open)
                    .into_iter()
                    .map(|a| (a, name_of(a)))
                    .collect(),
                None => state
                    .repo
                    .session_applicants(session.id)
                    .await?
                    .into_iter()
                    .filter(|(_, _, status)| status.holds_seat())
                    .map(|(id, ..)| (id, name_of(id)))
                    .collect(),
            };
        for (applicant, name) in people {
            let state_text = match state.repo.score(session.id, applicant, by.user_id).await? {
                Some(s) if s.submitted_at.is_some() => "Submitted",
                Some(_) => "Draft",
                None => "Not started",
            };
            out.push(super::pages::SheetTodo {
                session: session.id,
                session_name: session.name.clone(),
                applicant,
                name,
                state: state_text,
            });
        }
    }
    Ok(out)
}

/// Staff: their list of sheets.
pub async fn my_scores_html(state: &AppState, by: Staff) -> AppResult<String> {
    Ok(super::pages::my_scores_page(&my_sheets(state, by).await?))
}

/// Staff who met the applicant: their sheet's screen.
pub async fn sheet_html(
    state: &AppState,
    by: Staff,
    session: SessionId,
    applicant: ApplicantId,
) -> AppResult<String> {
    let sheet = sheet(state, by, session, applicant).await?;
    let session_name = own_session(state, by, session).await?.name;
    let name = state
        .repo
        .applicants(by.program_id)
        .await?
        .into_iter()
        .find(|a| a.id == applicant)
        .map(|a| a.name)
        .unwrap_or_default();
    Ok(super::pages::sheet_page(&sheet, &name, &session_name))
}
