//! Scoring's workflows: the form library (an edit of a scored form makes a new version), a
//! session's form, an interviewer's own sheet (who may score whom; drafts, submission, revisions
//! kept), and the ranks, computed in Rust over the loaded rows (`domain::rank`).

use super::api::{
    CriterionView, FormView, InterviewerLine, MissingLine, RankLine, RankPage, SheetView,
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

/// Whether `by` may score `applicant` in `session`: with a published schedule, the applicants
/// they met (an applicant in one of their rooms); without one (a program that runs its day
/// outside the portal), any applicant confirmed in the session.
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
            let met = day.slots.iter().any(|s| {
                s.applicant == applicant
                    && day.rooms.iter().any(|r| {
                        r.id == s.room && r.interviewers.iter().any(|i| i.id == by.user_id)
                    })
            });
            met.then_some(()).ok_or_else(not_yours)
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
    Ok(())
}

/// Coordinators: the rank list over every submitted sheet of the program.
pub async fn ranks(
    state: &AppState,
    by: Staff,
    calibrate: bool,
    median: bool,
    lowest_first: bool,
) -> AppResult<RankPage> {
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
    let display = DisplayScale::default();
    let input = RankInput {
        applicants,
        criteria,
        sheets: scores
            .iter()
            .map(|s| Sheet {
                applicant: s.applicant_id,
                interviewer: s.interviewer_id,
                answers: answers.remove(&s.id).unwrap_or_default(),
            })
            .collect(),
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
        settings: RankSettings {
            aggregate: if median {
                Aggregate::Median
            } else {
                Aggregate::Mean
            },
            calibrate,
            order: if lowest_first {
                RankOrder::LowestFirst
            } else {
                RankOrder::HighestFirst
            },
            display,
        },
    };
    let ranking = domain::rank(&input);
    let shown = |s: Option<f64>| s.map(|s| display.format(s)).unwrap_or_default();
    let staff = state.repo.staff(by.program_id).await?;
    let name_of = |u: crate::ids::UserId| {
        staff
            .iter()
            .find(|s| s.user_id == u)
            .map(|s| s.name.clone())
            .unwrap_or_else(|| "A former interviewer".into())
    };
    let span = display.max - display.min;
    Ok(RankPage {
        lines: ranking
            .rows
            .iter()
            .map(|r| RankLine {
                rank: r.rank,
                applicant: r.applicant,
                name: r.name.clone(),
                raw: shown(r.raw_final),
                calibrated: shown(r.calibrated_final),
                final_score: shown(r.final_score),
                sheets: r.sheets_used,
                override_reason: overrides
                    .iter()
                    .find(|(a, ..)| *a == r.applicant)
                    .map(|(_, _, why)| why.clone())
                    .unwrap_or_default(),
            })
            .collect(),
        interviewers: ranking
            .interviewers
            .iter()
            .map(|i| InterviewerLine {
                name: name_of(i.interviewer),
                mean: display.format(i.mean),
                spread: format!("{:.2}", i.sd * span),
                count: i.count,
                not_calibrated: i
                    .not_calibrated
                    .as_ref()
                    .map(|n| n.message())
                    .unwrap_or_default(),
            })
            .collect(),
        moved: ranking
            .moved
            .iter()
            .map(|m| format!("{}: {} → {}", m.name, m.raw_rank, m.calibrated_rank))
            .collect(),
        calibrated: ranking.calibrated,
        exclusions: exclusions
            .iter()
            .map(|(id, interviewer, applicant, reason)| {
                let whose = match applicant {
                    Some(a) => {
                        let name = page
                            .iter()
                            .find(|p| p.id == *a)
                            .map_or("an applicant", |p| p.name.as_str());
                        format!("{}'s scores of {name}", name_of(*interviewer))
                    }
                    None => format!("All of {}'s scores", name_of(*interviewer)),
                };
                (*id, format!("{whose} are left out: {reason}"))
            })
            .collect(),
    })
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

/// Coordinators: an applicant's final score by hand, typed on the display scale (1–5), with
/// the reason (required); an empty score clears it. Audited.
pub async fn override_score(
    state: &AppState,
    by: Staff,
    applicant: ApplicantId,
    score: &str,
    reason: &str,
) -> AppResult<()> {
    let reason = reason_of(reason)?;
    let display = DisplayScale::default();
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
pub async fn ranks_csv(
    state: &AppState,
    by: Staff,
    calibrate: bool,
    median: bool,
    lowest_first: bool,
) -> AppResult<String> {
    let page = ranks(state, by, calibrate, median, lowest_first).await?;
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
