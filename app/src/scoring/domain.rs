//! The score math of "scores and ranks": an interviewer's score sheet, an applicant's final
//! score, calibration of harsh and lenient interviewers, the rank list, the coordinator's manual
//! order and who is still missing a score.
//!
//! Everything here is pure: the caller loads the rows (criteria, sheets, exclusions, overrides)
//! and one call to [`rank`] gives the whole page. Scores are kept on 0–1 throughout and only
//! turned into the form's display scale (1–5 unless set otherwise) when shown. No function here
//! yields NaN: an empty input gives `None`.

use crate::ids::{ApplicantId, CriterionId, RoomId, UserId};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap, HashSet};

/// A criterion's weight when the form does not set one.
pub const DEFAULT_WEIGHT: f64 = 1.0;

/// An interviewer needs at least this many included scores in the season to be calibrated.
pub const MIN_SCORES_TO_CALIBRATE: usize = 3;

/// A standard deviation below this counts as no spread at all (every score the same).
pub const MIN_SPREAD: f64 = 1e-9;

/// Calibration is said to have moved an applicant when their rank changes by more than this
/// many places.
pub const MOVE_THRESHOLD: usize = 3;

/// Final scores are compared at this many steps per unit (nine decimals on 0–1): two finals that
/// differ by less are a tie, broken by name, so rounding noise never decides an order.
const TIE_STEPS: f64 = 1e9;

// ---------------------------------------------------------------------------------------------
// Criteria and answers
// ---------------------------------------------------------------------------------------------

/// One criterion of an evaluation form: scored as a whole number from `min` to `max` (both
/// included; any integer range with `min < max`, such as 1–5, 0–10 or −2..2), with a weight
/// (greater than 0, 1 unless set). A required criterion needs a response on every sheet, though
/// "unable to assess" is a response; an optional one may be left out. Criteria of every version
/// of a form can be passed together: answers find theirs by id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Criterion {
    pub id: CriterionId,
    pub name: String,
    pub min: i32,
    pub max: i32,
    pub weight: f64,
    pub required: bool,
}

impl Criterion {
    /// A required criterion with the default weight of 1.
    pub fn new(id: CriterionId, name: impl Into<String>, min: i32, max: i32) -> Self {
        Criterion {
            id,
            name: name.into(),
            min,
            max,
            weight: DEFAULT_WEIGHT,
            required: true,
        }
    }

    /// The same criterion with another weight.
    pub fn with_weight(mut self, weight: f64) -> Self {
        self.weight = weight;
        self
    }

    /// The same criterion, optional.
    pub fn optional(mut self) -> Self {
        self.required = false;
        self
    }

    /// Whether the criterion can be used in the math: its scale runs upwards and its weight is a
    /// positive number. A criterion that is not is left out of every score.
    pub fn is_usable(&self) -> bool {
        self.min < self.max && self.weight.is_finite() && self.weight > 0.0
    }

    /// An answer rescaled to 0–1 on this criterion's own scale: `(value − min) / (max − min)`,
    /// so the lowest score is 0 and the highest 1 whatever the range. `None` for a value
    /// outside the scale or an unusable criterion.
    pub fn rescale(&self, value: i32) -> Option<f64> {
        if !self.is_usable() || value < self.min || value > self.max {
            return None;
        }
        // i32 to f64 is exact, so a wide range such as i32::MIN..=i32::MAX cannot overflow.
        let span = f64::from(self.max) - f64::from(self.min);
        Some((f64::from(value) - f64::from(self.min)) / span)
    }
}

/// Checks a criterion when a form is edited: its lowest score must be below its highest and its
/// weight a number above 0.
pub fn validate_criterion(criterion: &Criterion) -> Result<(), String> {
    if criterion.min >= criterion.max {
        return Err(format!(
            "{}: the lowest score must be below the highest.",
            criterion.name
        ));
    }
    if !(criterion.weight.is_finite() && criterion.weight > 0.0) {
        return Err(format!(
            "{}: the weight must be a number above 0.",
            criterion.name
        ));
    }
    Ok(())
}

/// Checks one answer when an interviewer submits it: a value must lie on the criterion's scale
/// ("Communication takes 1 to 5."); "unable to assess" (`None`) is always accepted. The math
/// itself never fails on a bad answer, it leaves it out, so this is the place to refuse one.
pub fn validate_answer(criterion: &Criterion, answer: Option<i32>) -> Result<(), String> {
    match answer {
        Some(value) if value < criterion.min || value > criterion.max => Err(format!(
            "{} takes {} to {}.",
            criterion.name, criterion.min, criterion.max
        )),
        _ => Ok(()),
    }
}

/// Checks a whole sheet against its form's criteria: every answer must belong to the form and be
/// on its scale, and every required criterion needs a response (a value or "unable to assess").
/// Gives every problem found, in the form's order, or `Ok` when there is none.
pub fn validate_sheet(
    criteria: &[Criterion],
    answers: &[(CriterionId, Option<i32>)],
) -> Result<(), Vec<String>> {
    let mut errors = Vec::new();
    for (id, answer) in answers {
        match criteria.iter().find(|c| c.id == *id) {
            Some(criterion) => {
                if let Err(e) = validate_answer(criterion, *answer) {
                    errors.push(e);
                }
            }
            None => errors.push("An answer is for a criterion that is not on this form.".into()),
        }
    }
    for criterion in criteria.iter().filter(|c| c.required) {
        if !answers.iter().any(|(id, _)| *id == criterion.id) {
            errors.push(format!(
                "{} needs a score (or \"unable to assess\").",
                criterion.name
            ));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// The criteria indexed by id, built once per computation. Only usable criteria
/// ([`Criterion::is_usable`]) are kept; should two share an id, the first counts.
#[derive(Debug, Clone, Default)]
pub struct CriteriaIndex<'a> {
    by_id: HashMap<CriterionId, &'a Criterion>,
}

impl<'a> CriteriaIndex<'a> {
    pub fn new(criteria: &'a [Criterion]) -> Self {
        let mut by_id = HashMap::with_capacity(criteria.len());
        for criterion in criteria.iter().filter(|c| c.is_usable()) {
            by_id.entry(criterion.id).or_insert(criterion);
        }
        CriteriaIndex { by_id }
    }

    pub fn get(&self, id: CriterionId) -> Option<&'a Criterion> {
        self.by_id.get(&id).copied()
    }
}

/// An interviewer's score for one applicant, on 0–1: each answered criterion rescaled to 0–1 on
/// its own scale, then averaged with the criteria's weights, `Σ(score × weight) / Σ(weight)`,
/// over the answered criteria only. "Unable to assess" leaves the criterion out (its weight
/// too), and so does an answer for an unknown criterion or off its scale (refused at input by
/// [`validate_answer`]). `None` when nothing is left.
///
/// Example: weights 2, 1 and 1 scored 5, 3 and "unable to assess" on 1–5 give
/// `(2 × 1 + 1 × 0.5) / 3 = 0.833…`, shown as 4.33 on 1–5.
pub fn sheet_score(
    criteria: &CriteriaIndex,
    answers: &[(CriterionId, Option<i32>)],
) -> Option<f64> {
    let mut weighted = 0.0;
    let mut weights = 0.0;
    for (id, answer) in answers {
        let Some(value) = answer else { continue };
        let Some(criterion) = criteria.get(*id) else {
            continue;
        };
        let Some(score) = criterion.rescale(*value) else {
            continue;
        };
        weighted += score * criterion.weight;
        weights += criterion.weight;
    }
    // Weights are positive, so a positive sum means at least one answer counted. Clamping keeps
    // rounding from stepping outside 0–1.
    (weights > 0.0).then(|| (weighted / weights).clamp(0.0, 1.0))
}

// ---------------------------------------------------------------------------------------------
// Display
// ---------------------------------------------------------------------------------------------

/// The scale a form shows scores on (1–5 unless set). Scores are kept on 0–1; this only turns
/// them into what people read.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct DisplayScale {
    pub min: f64,
    pub max: f64,
}

impl Default for DisplayScale {
    fn default() -> Self {
        DisplayScale { min: 1.0, max: 5.0 }
    }
}

impl DisplayScale {
    /// A 0–1 score on this scale: `min + score × (max − min)`.
    pub fn to_display(&self, score: f64) -> f64 {
        self.min + score * (self.max - self.min)
    }

    /// A 0–1 score on this scale with two decimals, such as "4.33".
    pub fn format(&self, score: f64) -> String {
        format!("{:.2}", self.to_display(score))
    }

    /// A displayed score back on 0–1 (for a coordinator's override typed on the form's scale),
    /// clamped to 0–1. `None` when the scale is flat or the value is not a number.
    pub fn from_display(&self, shown: f64) -> Option<f64> {
        let span = self.max - self.min;
        if !shown.is_finite() || !span.is_finite() || span == 0.0 {
            return None;
        }
        Some(((shown - self.min) / span).clamp(0.0, 1.0))
    }
}

// ---------------------------------------------------------------------------------------------
// Aggregation and spread
// ---------------------------------------------------------------------------------------------

/// How an applicant's sheet scores make their final score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Aggregate {
    /// The mean over the interviewers' scores.
    #[default]
    Mean,
    /// The middle score; with an even count, the mean of the two middle ones.
    Median,
}

/// The mean or median of some scores; `None` for none.
pub fn aggregate(values: &[f64], how: Aggregate) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    Some(aggregate_sorted(&sorted, how))
}

/// [`aggregate`] over scores already sorted ascending and not empty. Summing in sorted order
/// makes the result independent of the order the rows came in.
fn aggregate_sorted(sorted: &[f64], how: Aggregate) -> f64 {
    match how {
        Aggregate::Mean => mean_of(sorted),
        Aggregate::Median => {
            let mid = sorted.len() / 2;
            if sorted.len() % 2 == 1 {
                sorted[mid]
            } else {
                (sorted[mid - 1] + sorted[mid]) / 2.0
            }
        }
    }
}

fn mean_of(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len() as f64
}

/// A set of scores summed up: how many, their mean and their population standard deviation.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Spread {
    pub count: usize,
    pub mean: f64,
    /// The population standard deviation, `√(Σ(x − mean)² / n)`: the scores are the whole
    /// season, not a sample of it, so it divides by n, not n − 1.
    pub sd: f64,
}

impl Spread {
    /// `None` for no scores.
    pub fn of(values: &[f64]) -> Option<Spread> {
        if values.is_empty() {
            return None;
        }
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        Some(Spread::of_sorted(&sorted))
    }

    /// Two passes (mean, then squared distances) over scores sorted ascending and not empty.
    fn of_sorted(sorted: &[f64]) -> Spread {
        let mean = mean_of(sorted);
        let variance =
            sorted.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / sorted.len() as f64;
        Spread {
            count: sorted.len(),
            mean,
            sd: variance.max(0.0).sqrt(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Calibration
// ---------------------------------------------------------------------------------------------

/// What calibration does with one interviewer's scores, from their season.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Calibration {
    /// Put on the pooled mean and spread ([`calibrate`]): a harsh and a lenient interviewer's
    /// best applicants land on the same score.
    Scaled,
    /// Every included score the same (a spread below [`MIN_SPREAD`]): the scores say nothing
    /// about order, only about the interviewer's level. That level is removed, so each score
    /// becomes the pooled mean, and such a sheet counts towards an applicant's calibrated final
    /// only when no sheet that does set an order (scaled or raw) scored them: a lenient
    /// interviewer who gives everyone 5 lifts nobody above another's applicants.
    Centred,
    /// Fewer than [`MIN_SCORES_TO_CALIBRATE`] included scores: too few to judge how they
    /// score, so their raw scores are used.
    TooFewScores { count: usize },
}

impl Calibration {
    /// What the interviewers' table says beside the interviewer ("Calibrated").
    pub fn label(&self) -> &'static str {
        match self {
            Calibration::Scaled => "Calibrated",
            Calibration::Centred => "Centred",
            Calibration::TooFewScores { .. } => "Raw scores",
        }
    }

    /// Why, in plain words, for the coordinator.
    pub fn message(&self) -> String {
        match self {
            Calibration::Scaled => "Scores put on the pooled mean and spread.".into(),
            Calibration::Centred => format!("Gave every applicant the same score, so their scores set no order: {CENTRED_COUNT}."),
            Calibration::TooFewScores { count } => format!(
                "Only {count} score{} this season; calibration needs {MIN_SCORES_TO_CALIBRATE}, so the raw scores are used.",
                if *count == 1 { "" } else { "s" }
            ),
        }
    }
}

/// How a centred interviewer's scores count, in the coordinator's words.
const CENTRED_COUNT: &str =
    "they count only for applicants no interviewer with varied scores has scored, at the average of all scores";

/// One interviewer's season: their included sheet scores summed up, and what calibration does
/// with them. Given whether or not calibration is switched on, so the page can show who is
/// harsh or lenient.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InterviewerStats {
    pub interviewer: UserId,
    pub count: usize,
    pub mean: f64,
    pub sd: f64,
    pub calibration: Calibration,
}

/// What calibration does with an interviewer's season: with fewer than
/// [`MIN_SCORES_TO_CALIBRATE`] scores nothing (raw), with no spread it centres them, else it
/// scales them.
pub fn calibration_check(season: &Spread) -> Calibration {
    if season.count < MIN_SCORES_TO_CALIBRATE {
        Calibration::TooFewScores {
            count: season.count,
        }
    } else if season.sd < MIN_SPREAD {
        Calibration::Centred
    } else {
        Calibration::Scaled
    }
}

/// What calibration did to a season's interviewers, said in one sentence for the rank page's
/// header: how many were calibrated, how many centred and how many left raw, with the reasons.
pub fn calibration_summary(interviewers: &[InterviewerStats]) -> String {
    let count =
        |f: fn(&Calibration) -> bool| interviewers.iter().filter(|i| f(&i.calibration)).count();
    let people = |n: usize| format!("{n} interviewer{}", if n == 1 { "" } else { "s" });
    let (scaled, centred, raw) = (
        count(|c| *c == Calibration::Scaled),
        count(|c| *c == Calibration::Centred),
        count(|c| matches!(c, Calibration::TooFewScores { .. })),
    );
    let mut parts = Vec::new();
    if scaled > 0 {
        parts.push(format!(
            "{} put on the pooled mean and spread",
            people(scaled)
        ));
    }
    if centred > 0 {
        parts.push(format!(
            "{} centred, as {} every applicant the same score ({CENTRED_COUNT})",
            people(centred),
            if centred == 1 {
                "they gave"
            } else {
                "each gave"
            }
        ));
    }
    if raw > 0 {
        parts.push(format!(
            "{} left raw, with fewer than {MIN_SCORES_TO_CALIBRATE} scores this season",
            people(raw)
        ));
    }
    if parts.is_empty() {
        return "Calibrated final scores: no interviewer has a score yet.".into();
    }
    format!("Calibrated final scores: {}.", parts.join("; "))
}

/// A sheet score calibrated, by its interviewer's [`Calibration`]:
/// - scaled: how far it lies from its interviewer's own mean, in their own standard deviations,
///   `z = (x − interviewer mean) / interviewer sd`, placed at the same distance from the pooled
///   mean of all interviewers, `pooled mean + z × pooled sd`. A harsh interviewer's best
///   applicant and a lenient one's best thus land on the same score;
/// - centred: the interviewer's level removed, `x − interviewer mean + pooled mean`, which is
///   the pooled mean (their scores have no spread);
///
/// clamped to 0–1. `None` (use the raw score) with too few scores to calibrate.
pub fn calibrate(score: f64, interviewer: &Spread, pooled: &Spread) -> Option<f64> {
    let calibrated = match calibration_check(interviewer) {
        Calibration::Scaled => {
            pooled.mean + (score - interviewer.mean) / interviewer.sd * pooled.sd
        }
        Calibration::Centred => score - interviewer.mean + pooled.mean,
        Calibration::TooFewScores { .. } => return None,
    };
    calibrated.is_finite().then(|| calibrated.clamp(0.0, 1.0))
}

// ---------------------------------------------------------------------------------------------
// The rank list
// ---------------------------------------------------------------------------------------------

/// An applicant as listed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Applicant {
    pub id: ApplicantId,
    pub name: String,
}

/// One interviewer's submitted score sheet for one applicant. The answers may come from any
/// version of the form: each finds its criterion by id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sheet {
    pub applicant: ApplicantId,
    pub interviewer: UserId,
    pub answers: Vec<(CriterionId, Option<i32>)>,
}

/// The coordinator's exclusions. An excluded sheet is left out of everything: the applicant's
/// final score and the interviewer's calibration alike.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Exclusions {
    /// One interviewer's sheet for one applicant.
    pub sheets: Vec<(ApplicantId, UserId)>,
    /// Every sheet of these interviewers.
    pub interviewers: Vec<UserId>,
}

impl Exclusions {
    pub fn excludes(&self, applicant: ApplicantId, interviewer: UserId) -> bool {
        self.interviewers.contains(&interviewer) || self.sheets.contains(&(applicant, interviewer))
    }
}

/// Which end of the list comes first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum RankOrder {
    #[default]
    HighestFirst,
    LowestFirst,
}

/// The page's switches.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct RankSettings {
    pub aggregate: Aggregate,
    /// Whether final scores come from calibrated sheet scores.
    pub calibrate: bool,
    pub order: RankOrder,
    pub display: DisplayScale,
}

/// Everything the rank page needs, as loaded rows.
///
/// Sheets of applicants not in `applicants` still count towards their interviewer's season
/// (calibration) but make no row. An override is a final score on 0–1 set by the coordinator;
/// one that is not a number is ignored, one off 0–1 is clamped, and for an applicant given two
/// the last counts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RankInput {
    pub applicants: Vec<Applicant>,
    pub criteria: Vec<Criterion>,
    pub sheets: Vec<Sheet>,
    pub exclusions: Exclusions,
    pub overrides: Vec<(ApplicantId, f64)>,
    pub settings: RankSettings,
}

/// One row of the rank list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RankRow {
    /// The 1-based position in the list.
    pub rank: usize,
    pub applicant: ApplicantId,
    pub name: String,
    /// The final score from the raw sheet scores.
    pub raw_final: Option<f64>,
    /// The final score from the calibrated sheet scores; `None` when calibration is off.
    pub calibrated_final: Option<f64>,
    /// The coordinator's override, when there is one.
    pub override_score: Option<f64>,
    /// Whether the override replaced the computed final.
    pub overridden: bool,
    /// What the list is sorted by: the override, or else the computed final (calibrated when
    /// calibration is on, raw otherwise). `None` when there is neither: such rows go last.
    pub final_score: Option<f64>,
    /// How many sheets made the score (included and with at least one answer).
    pub sheets_used: usize,
}

impl RankRow {
    /// The final score as computed, before any override.
    pub fn computed_final(&self) -> Option<f64> {
        self.calibrated_final.or(self.raw_final)
    }
}

/// An applicant whose rank calibration changed by more than [`MOVE_THRESHOLD`] places.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Move {
    pub applicant: ApplicantId,
    pub name: String,
    pub raw_rank: usize,
    pub calibrated_rank: usize,
}

/// The whole rank page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ranking {
    pub rows: Vec<RankRow>,
    /// Every interviewer with an included, answered sheet, by id.
    pub interviewers: Vec<InterviewerStats>,
    /// All included sheet scores of all interviewers; `None` when there are none.
    pub pooled: Option<Spread>,
    /// Whether the finals are calibrated.
    pub calibrated: bool,
    /// Empty unless calibration is on; in calibrated rank order.
    pub moved: Vec<Move>,
}

/// One included, answered sheet.
struct Scored {
    /// The applicant's index in the list, if listed.
    row: Option<usize>,
    interviewer: UserId,
    raw: f64,
}

/// Computes the rank page in one call.
///
/// 1. Each included sheet is scored ([`sheet_score`]); a sheet with nothing answered is left
///    out.
/// 2. Each interviewer's season is summed up ([`InterviewerStats`]) and, when calibration is on,
///    their scores calibrated ([`calibrate`], [`Calibration`]): scaled, centred (no spread), or
///    left raw (too few scores).
/// 3. Each applicant's final is the mean or median ([`Aggregate`]) of their sheet scores; the
///    calibrated final leaves out centred sheets unless the applicant has no other sheet. An
///    override replaces it in `final_score` while the computed finals stay visible.
/// 4. The list is sorted by final score (see [`RankOrder`]); ties (equal to nine decimals) go by
///    name ignoring case, then by id; applicants with no final go last by name.
/// 5. With calibration on, `moved` lists who is more than [`MOVE_THRESHOLD`] places away from
///    where the same list without calibration (overrides kept) puts them.
///
/// An applicant listed twice gets one row (the first). The result depends only on the rows'
/// contents, not on the order of the sheets.
pub fn rank(input: &RankInput) -> Ranking {
    let settings = input.settings;
    let criteria = CriteriaIndex::new(&input.criteria);

    let mut applicants: Vec<&Applicant> = Vec::with_capacity(input.applicants.len());
    let mut row_of: HashMap<ApplicantId, usize> = HashMap::with_capacity(input.applicants.len());
    for applicant in &input.applicants {
        if let std::collections::hash_map::Entry::Vacant(slot) = row_of.entry(applicant.id) {
            slot.insert(applicants.len());
            applicants.push(applicant);
        }
    }

    let excluded_interviewers: HashSet<UserId> =
        input.exclusions.interviewers.iter().copied().collect();
    let excluded_sheets: HashSet<(ApplicantId, UserId)> =
        input.exclusions.sheets.iter().copied().collect();

    let scored: Vec<Scored> = input
        .sheets
        .iter()
        .filter(|s| {
            !excluded_interviewers.contains(&s.interviewer)
                && !excluded_sheets.contains(&(s.applicant, s.interviewer))
        })
        .filter_map(|s| {
            sheet_score(&criteria, &s.answers).map(|raw| Scored {
                row: row_of.get(&s.applicant).copied(),
                interviewer: s.interviewer,
                raw,
            })
        })
        .collect();

    // Each interviewer's season, and everyone's together.
    let mut seasons: BTreeMap<UserId, Vec<f64>> = BTreeMap::new();
    for s in &scored {
        seasons.entry(s.interviewer).or_default().push(s.raw);
    }
    let mut spreads: HashMap<UserId, (Spread, Calibration)> = HashMap::with_capacity(seasons.len());
    let mut interviewers = Vec::with_capacity(seasons.len());
    for (interviewer, scores) in &mut seasons {
        scores.sort_by(f64::total_cmp);
        let spread = Spread::of_sorted(scores);
        let calibration = calibration_check(&spread);
        spreads.insert(*interviewer, (spread, calibration));
        interviewers.push(InterviewerStats {
            interviewer: *interviewer,
            count: spread.count,
            mean: spread.mean,
            sd: spread.sd,
            calibration,
        });
    }
    let mut all: Vec<f64> = scored.iter().map(|s| s.raw).collect();
    all.sort_by(f64::total_cmp);
    let pooled = (!all.is_empty()).then(|| Spread::of_sorted(&all));

    // Each listed applicant's sheet scores, raw and calibrated; the calibrated ones of centred
    // interviewers apart, as they count only when nothing else does.
    let mut raw_scores: Vec<Vec<f64>> = vec![Vec::new(); applicants.len()];
    let (mut calibrated_scores, mut centred_scores): (Vec<Vec<f64>>, Vec<Vec<f64>>) =
        if settings.calibrate {
            (
                vec![Vec::new(); applicants.len()],
                vec![Vec::new(); applicants.len()],
            )
        } else {
            (Vec::new(), Vec::new())
        };
    for s in &scored {
        let Some(row) = s.row else { continue };
        raw_scores[row].push(s.raw);
        if settings.calibrate {
            let own = spreads.get(&s.interviewer);
            let calibrated = match (own, pooled.as_ref()) {
                (Some((own, _)), Some(pooled)) => calibrate(s.raw, own, pooled),
                _ => None,
            };
            let into = match own {
                Some((_, Calibration::Centred)) => &mut centred_scores,
                _ => &mut calibrated_scores,
            };
            into[row].push(calibrated.unwrap_or(s.raw));
        }
    }

    let mut overrides: HashMap<ApplicantId, f64> = HashMap::new();
    for (applicant, score) in &input.overrides {
        if score.is_finite() {
            overrides.insert(*applicant, score.clamp(0.0, 1.0));
        }
    }

    let finals = |scores: &mut Vec<f64>| -> Option<f64> {
        if scores.is_empty() {
            return None;
        }
        scores.sort_by(f64::total_cmp);
        Some(aggregate_sorted(scores, settings.aggregate))
    };
    let mut rows: Vec<RankRow> = Vec::with_capacity(applicants.len());
    for (i, applicant) in applicants.iter().enumerate() {
        let raw_final = finals(&mut raw_scores[i]);
        let calibrated_final = if settings.calibrate {
            finals(&mut calibrated_scores[i]).or_else(|| finals(&mut centred_scores[i]))
        } else {
            None
        };
        let override_score = overrides.get(&applicant.id).copied();
        rows.push(RankRow {
            rank: 0,
            applicant: applicant.id,
            name: applicant.name.clone(),
            raw_final,
            calibrated_final,
            override_score,
            overridden: override_score.is_some(),
            final_score: override_score.or(calibrated_final).or(raw_final),
            sheets_used: raw_scores[i].len(),
        });
    }

    // Sort keys computed once: lower-cased names and quantised scores.
    let names: Vec<String> = rows.iter().map(|r| r.name.to_lowercase()).collect();
    let order_by = |score: fn(&RankRow) -> Option<f64>| -> Vec<usize> {
        let keys: Vec<Option<i64>> = rows.iter().map(|r| score(r).map(tie_key)).collect();
        let mut order: Vec<usize> = (0..rows.len()).collect();
        order.sort_by(|&a, &b| {
            compare_keys(keys[a], keys[b], settings.order)
                .then_with(|| names[a].cmp(&names[b]))
                .then_with(|| rows[a].applicant.cmp(&rows[b].applicant))
        });
        order
    };
    let order = order_by(|r| r.final_score);

    let mut moved = Vec::new();
    if settings.calibrate {
        let raw_order = order_by(|r| r.override_score.or(r.raw_final));
        let mut raw_rank = vec![0; rows.len()];
        for (position, &i) in raw_order.iter().enumerate() {
            raw_rank[i] = position + 1;
        }
        for (position, &i) in order.iter().enumerate() {
            let calibrated_rank = position + 1;
            if raw_rank[i].abs_diff(calibrated_rank) > MOVE_THRESHOLD {
                moved.push(Move {
                    applicant: rows[i].applicant,
                    name: rows[i].name.clone(),
                    raw_rank: raw_rank[i],
                    calibrated_rank,
                });
            }
        }
    }

    let mut slots: Vec<Option<RankRow>> = rows.into_iter().map(Some).collect();
    let rows: Vec<RankRow> = order
        .iter()
        .enumerate()
        .filter_map(|(position, &i)| {
            slots[i].take().map(|mut row| {
                row.rank = position + 1;
                row
            })
        })
        .collect();

    Ranking {
        rows,
        interviewers,
        pooled,
        calibrated: settings.calibrate,
        moved,
    }
}

/// A 0–1 score as a whole number of [`TIE_STEPS`], so that equal-looking scores compare equal.
fn tie_key(score: f64) -> i64 {
    // Scores are on 0–1 (and never NaN), so this fits easily; `as` saturates in any case.
    (score * TIE_STEPS).round() as i64
}

/// Scored rows first, in the list's order; unscored ones after (equal among themselves).
fn compare_keys(a: Option<i64>, b: Option<i64>, order: RankOrder) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => match order {
            RankOrder::HighestFirst => b.cmp(&a),
            RankOrder::LowestFirst => a.cmp(&b),
        },
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

// ---------------------------------------------------------------------------------------------
// Manual order
// ---------------------------------------------------------------------------------------------

/// The list in the coordinator's manual order, kept until they revert to the computed one.
///
/// `manual` is the saved order and `computed` the list as [`rank`] sorts it now. Applicants of
/// the manual order who are no longer in the list are dropped (and repeats after the first).
/// Each applicant not in the manual order (scored since) goes just before the first manually
/// placed applicant who comes after them in the computed list, or at the end if none does;
/// several such applicants keep their computed order among themselves. Ranks are renumbered
/// 1, 2, 3…
pub fn merge_manual(manual: &[ApplicantId], computed: &[RankRow]) -> Vec<RankRow> {
    let position: HashMap<ApplicantId, usize> = computed
        .iter()
        .enumerate()
        .rev() // the first of a repeated id wins
        .map(|(i, row)| (row.applicant, i))
        .collect();

    // The manual order, as positions in `computed`, without stale ids or repeats.
    let mut placed = vec![false; computed.len()];
    let mut kept: Vec<usize> = Vec::with_capacity(manual.len());
    for id in manual {
        if let Some(&i) = position.get(id) {
            if !placed[i] {
                placed[i] = true;
                kept.push(i);
            }
        }
    }

    // Newcomers, in computed order, each into the gap before the first kept applicant who comes
    // after them in the computed list (gap `kept.len()` is the end).
    let mut before: Vec<Vec<usize>> = vec![Vec::new(); kept.len() + 1];
    for (i, row) in computed.iter().enumerate() {
        if placed[i] || position.get(&row.applicant) != Some(&i) {
            continue;
        }
        let gap = kept.iter().position(|&k| k > i).unwrap_or(kept.len());
        before[gap].push(i);
    }

    let mut merged = Vec::with_capacity(computed.len());
    for (gap, newcomers) in before.iter().enumerate() {
        merged.extend(newcomers.iter().map(|&i| &computed[i]));
        if let Some(&k) = kept.get(gap) {
            merged.push(&computed[k]);
        }
    }
    merged
        .into_iter()
        .enumerate()
        .map(|(position, row)| RankRow {
            rank: position + 1,
            ..row.clone()
        })
        .collect()
}

/// The order after dragging the row at `from` to `to` (or moving it with the keyboard): the row
/// ends up at index `to` (past the end means last) and the others keep their order. A `from`
/// outside the list changes nothing.
pub fn move_row(order: &[ApplicantId], from: usize, to: usize) -> Vec<ApplicantId> {
    let mut moved = order.to_vec();
    if from < moved.len() {
        let id = moved.remove(from);
        moved.insert(to.min(moved.len()), id);
    }
    moved
}

// ---------------------------------------------------------------------------------------------
// Who scores whom
// ---------------------------------------------------------------------------------------------

/// The applicants of a published day `user` may score: those they met (an applicant in one of
/// their rooms, by `slots` (applicant, room) and `seated` (room, interviewer)), or, when the
/// coordinators opened the session's scoring, everyone of the day if they interview in it at
/// all. In the order of `slots`, each once.
pub fn scoreable(
    slots: &[(ApplicantId, RoomId)],
    seated: &[(RoomId, UserId)],
    user: UserId,
    open: bool,
) -> Vec<ApplicantId> {
    let sits = |room: RoomId| seated.iter().any(|(r, u)| *r == room && *u == user);
    let interviews = slots.iter().any(|(_, room)| sits(*room));
    let mut out: Vec<ApplicantId> = Vec::new();
    for (applicant, room) in slots {
        if (sits(*room) || (open && interviews)) && !out.contains(applicant) {
            out.push(*applicant);
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Missing scores
// ---------------------------------------------------------------------------------------------

/// Who still owes which score: the expected (applicant, interviewer) pairs with no submitted
/// sheet, in the expected order, each once.
pub fn missing(
    expected: &[(ApplicantId, UserId)],
    submitted: &[(ApplicantId, UserId)],
) -> Vec<(ApplicantId, UserId)> {
    let mut seen: HashSet<(ApplicantId, UserId)> = submitted.iter().copied().collect();
    expected
        .iter()
        .copied()
        .filter(|pair| seen.insert(*pair))
        .collect()
}

/// A cell of an exported file as a spreadsheet may open it safely: text that starts like a
/// formula (`=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading apostrophe, so it is
/// shown, never run.
pub fn csv_cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn an_interviewer_scores_whom_they_met_or_everyone_of_the_day_when_opened() {
        let (a1, a2, a3) = (ApplicantId(1), ApplicantId(2), ApplicantId(3));
        let (r1, r2) = (RoomId(10), RoomId(20));
        let (u1, u2, u3) = (UserId(100), UserId(200), UserId(300));
        let slots = [(a1, r1), (a2, r2), (a1, r2), (a3, r2)];
        let seated = [(r1, u1), (r2, u2)];
        assert_eq!(scoreable(&slots, &seated, u1, false), vec![a1]);
        assert_eq!(scoreable(&slots, &seated, u2, false), vec![a2, a1, a3]);
        assert_eq!(scoreable(&slots, &seated, u1, true), vec![a1, a2, a3]);
        // Someone who interviews nobody that day scores nobody, open or not.
        assert!(scoreable(&slots, &seated, u3, true).is_empty());
        assert!(scoreable(&[], &seated, u1, true).is_empty());
    }
    use super::*;
    use proptest::prelude::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    fn a(id: i64) -> ApplicantId {
        ApplicantId(id)
    }

    fn u(id: i64) -> UserId {
        UserId(id)
    }

    fn cid(id: i64) -> CriterionId {
        CriterionId(id)
    }

    fn applicant(id: i64, name: &str) -> Applicant {
        Applicant {
            id: a(id),
            name: name.into(),
        }
    }

    fn sheet(applicant: i64, interviewer: i64, answers: &[(i64, Option<i32>)]) -> Sheet {
        Sheet {
            applicant: a(applicant),
            interviewer: u(interviewer),
            answers: answers.iter().map(|&(c, v)| (cid(c), v)).collect(),
        }
    }

    /// One criterion 1–5 (id 1): a sheet scoring `v` gives (v − 1) / 4.
    fn one_criterion() -> Vec<Criterion> {
        vec![Criterion::new(cid(1), "Overall", 1, 5)]
    }

    fn simple(applicant: i64, interviewer: i64, v: i32) -> Sheet {
        sheet(applicant, interviewer, &[(1, Some(v))])
    }

    fn input(applicants: Vec<Applicant>, sheets: Vec<Sheet>) -> RankInput {
        RankInput {
            applicants,
            criteria: one_criterion(),
            sheets,
            ..RankInput::default()
        }
    }

    fn row(ranking: &Ranking, id: i64) -> &RankRow {
        ranking
            .rows
            .iter()
            .find(|r| r.applicant == a(id))
            .expect("row present")
    }

    fn order(ranking: &Ranking) -> Vec<i64> {
        ranking.rows.iter().map(|r| r.applicant.0).collect()
    }

    // Rule 2: the sheet score.

    #[test]
    fn the_worked_example_weights_two_one_one_give_4_33() {
        let criteria = vec![
            Criterion::new(cid(1), "Communication", 1, 5).with_weight(2.0),
            Criterion::new(cid(2), "Knowledge", 1, 5),
            Criterion::new(cid(3), "Teamwork", 1, 5),
        ];
        let index = CriteriaIndex::new(&criteria);
        let answers = [(cid(1), Some(5)), (cid(2), Some(3)), (cid(3), None)];
        let score = sheet_score(&index, &answers).expect("answered");
        assert!(close(score, (2.0 * 1.0 + 1.0 * 0.5) / 3.0));
        assert!(close(score, 0.833_333_333_3));
        let scale = DisplayScale::default();
        assert!(close(scale.to_display(score), 4.0 + 1.0 / 3.0));
        assert_eq!(scale.format(score), "4.33");
    }

    #[test]
    fn unable_to_assess_leaves_the_criterion_and_its_weight_out() {
        let criteria = vec![
            Criterion::new(cid(1), "A", 1, 5).with_weight(10.0),
            Criterion::new(cid(2), "B", 1, 5),
        ];
        let index = CriteriaIndex::new(&criteria);
        // The heavy criterion unassessed: the score is B's alone.
        assert_eq!(
            sheet_score(&index, &[(cid(1), None), (cid(2), Some(5))]),
            Some(1.0)
        );
        // Nothing assessed, or nothing at all: no score.
        assert_eq!(sheet_score(&index, &[(cid(1), None), (cid(2), None)]), None);
        assert_eq!(sheet_score(&index, &[]), None);
    }

    #[test]
    fn weights_pull_the_score_towards_the_heavier_criterion() {
        let criteria = vec![
            Criterion::new(cid(1), "A", 1, 5).with_weight(3.0),
            Criterion::new(cid(2), "B", 1, 5),
        ];
        let index = CriteriaIndex::new(&criteria);
        let score = sheet_score(&index, &[(cid(1), Some(5)), (cid(2), Some(1))]);
        assert_eq!(score, Some(0.75));
    }

    #[test]
    fn each_criterion_is_rescaled_on_its_own_range() {
        let ten = Criterion::new(cid(1), "Ten", 0, 10);
        assert_eq!(ten.rescale(0), Some(0.0));
        assert_eq!(ten.rescale(7), Some(0.7));
        assert_eq!(ten.rescale(10), Some(1.0));
        let balance = Criterion::new(cid(2), "Balance", -2, 2);
        assert_eq!(balance.rescale(-2), Some(0.0));
        assert_eq!(balance.rescale(0), Some(0.5));
        assert_eq!(balance.rescale(1), Some(0.75));
        assert_eq!(balance.rescale(2), Some(1.0));
        let wide = Criterion::new(cid(3), "Wide", i32::MIN, i32::MAX);
        assert_eq!(wide.rescale(i32::MAX), Some(1.0));
        assert_eq!(wide.rescale(i32::MIN), Some(0.0));

        let criteria = vec![ten, balance];
        let index = CriteriaIndex::new(&criteria);
        // 0.7 and 0.5, equal weights.
        let score = sheet_score(&index, &[(cid(1), Some(7)), (cid(2), Some(0))]);
        assert!(close(score.expect("answered"), 0.6));
    }

    #[test]
    fn unknown_criteria_and_values_off_the_scale_are_left_out_of_the_math() {
        let criteria = vec![
            Criterion::new(cid(1), "A", 1, 5),
            Criterion::new(cid(2), "B", 1, 5),
        ];
        let index = CriteriaIndex::new(&criteria);
        let answers = [
            (cid(1), Some(5)),
            (cid(2), Some(9)),
            (cid(2), Some(0)),
            (cid(99), Some(1)),
        ];
        assert_eq!(sheet_score(&index, &answers), Some(1.0));
        assert_eq!(sheet_score(&index, &[(cid(99), Some(3))]), None);
    }

    #[test]
    fn unusable_criteria_are_left_out_rather_than_dividing_by_zero() {
        let criteria = vec![
            Criterion::new(cid(1), "Flat", 3, 3),
            Criterion::new(cid(2), "Weightless", 1, 5).with_weight(0.0),
            Criterion::new(cid(3), "Broken", 1, 5).with_weight(f64::NAN),
            Criterion::new(cid(4), "Fine", 1, 5),
        ];
        let index = CriteriaIndex::new(&criteria);
        let answers = [
            (cid(1), Some(3)),
            (cid(2), Some(1)),
            (cid(3), Some(1)),
            (cid(4), Some(4)),
        ];
        assert_eq!(sheet_score(&index, &answers), Some(0.75));
        assert!(validate_criterion(&criteria[0]).is_err());
        assert!(validate_criterion(&criteria[1]).is_err());
        assert!(validate_criterion(&criteria[2]).is_err());
        assert_eq!(validate_criterion(&criteria[3]), Ok(()));
    }

    #[test]
    fn validation_names_the_scale() {
        let communication = Criterion::new(cid(1), "Communication", 1, 5);
        assert_eq!(
            validate_answer(&communication, Some(6)),
            Err("Communication takes 1 to 5.".to_string())
        );
        assert_eq!(
            validate_answer(&communication, Some(0)),
            Err("Communication takes 1 to 5.".to_string())
        );
        assert_eq!(validate_answer(&communication, Some(5)), Ok(()));
        assert_eq!(validate_answer(&communication, None), Ok(()));
        let balance = Criterion::new(cid(2), "Balance", -2, 2);
        assert_eq!(
            validate_answer(&balance, Some(3)),
            Err("Balance takes -2 to 2.".to_string())
        );
    }

    #[test]
    fn a_sheet_must_answer_every_required_criterion_unable_to_assess_counting() {
        let criteria = vec![
            Criterion::new(cid(1), "Communication", 1, 5),
            Criterion::new(cid(2), "Research", 1, 5).optional(),
        ];
        assert_eq!(validate_sheet(&criteria, &[(cid(1), None)]), Ok(()));
        assert_eq!(
            validate_sheet(&criteria, &[(cid(2), Some(3))]),
            Err(vec![
                "Communication needs a score (or \"unable to assess\").".to_string()
            ])
        );
        let errors = validate_sheet(&criteria, &[(cid(1), Some(7)), (cid(9), Some(1))])
            .expect_err("two problems");
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0], "Communication takes 1 to 5.");
    }

    #[test]
    fn sheets_of_different_form_versions_find_their_criteria_by_id() {
        let criteria = vec![
            Criterion::new(cid(1), "Overall (v1)", 1, 5),
            Criterion::new(cid(2), "Overall (v2)", 0, 10),
        ];
        let ranking = rank(&RankInput {
            applicants: vec![applicant(1, "Ann"), applicant(2, "Ben")],
            criteria,
            sheets: vec![sheet(1, 10, &[(1, Some(4))]), sheet(2, 10, &[(2, Some(9))])],
            ..RankInput::default()
        });
        assert_eq!(row(&ranking, 1).raw_final, Some(0.75));
        assert_eq!(row(&ranking, 2).raw_final, Some(0.9));
        assert_eq!(order(&ranking), vec![2, 1]);
    }

    #[test]
    fn the_display_scale_converts_both_ways() {
        let default = DisplayScale::default();
        assert_eq!(default.to_display(0.0), 1.0);
        assert_eq!(default.to_display(1.0), 5.0);
        assert_eq!(default.format(0.5), "3.00");
        let ten = DisplayScale {
            min: 0.0,
            max: 10.0,
        };
        assert_eq!(ten.format(0.8333333), "8.33");
        assert_eq!(ten.from_display(7.5), Some(0.75));
        assert_eq!(ten.from_display(12.0), Some(1.0));
        assert_eq!(ten.from_display(f64::NAN), None);
        assert_eq!(DisplayScale { min: 3.0, max: 3.0 }.from_display(3.0), None);
    }

    // Rule 3: the final score.

    #[test]
    fn mean_and_median() {
        assert_eq!(aggregate(&[], Aggregate::Mean), None);
        assert_eq!(aggregate(&[], Aggregate::Median), None);
        assert!(close(
            aggregate(&[0.2, 0.9, 0.4], Aggregate::Mean).unwrap_or(-1.0),
            0.5
        ));
        assert_eq!(aggregate(&[0.2, 0.9, 0.4], Aggregate::Median), Some(0.4));
        // Even count: the mean of the two middle ones.
        let even = aggregate(&[0.9, 0.1, 0.6, 0.2], Aggregate::Median).unwrap_or(-1.0);
        assert!(close(even, 0.4));
    }

    #[test]
    fn the_final_is_the_mean_or_the_median_over_interviewers() {
        // Scores 0, 0.25 and 1.
        let sheets = vec![simple(1, 10, 1), simple(1, 11, 2), simple(1, 12, 5)];
        let mut input = input(vec![applicant(1, "Ann")], sheets);
        let ranking = rank(&input);
        assert!(close(
            row(&ranking, 1).raw_final.unwrap_or(-1.0),
            1.25 / 3.0
        ));
        assert_eq!(row(&ranking, 1).sheets_used, 3);
        input.settings.aggregate = Aggregate::Median;
        assert_eq!(row(&rank(&input), 1).raw_final, Some(0.25));
    }

    #[test]
    fn excluding_one_interviewers_sheet_for_one_applicant() {
        let sheets = vec![
            simple(1, 10, 5),
            simple(1, 11, 1),
            simple(2, 11, 1),
            simple(3, 11, 3),
        ];
        let mut input = input(vec![applicant(1, "Ann"), applicant(2, "Ben")], sheets);
        input.exclusions.sheets = vec![(a(1), u(11))];
        let ranking = rank(&input);
        assert_eq!(row(&ranking, 1).raw_final, Some(1.0));
        assert_eq!(row(&ranking, 1).sheets_used, 1);
        // Interviewer 11's other sheets still count, for Ben and for their season.
        assert_eq!(row(&ranking, 2).raw_final, Some(0.0));
        let eleven = ranking
            .interviewers
            .iter()
            .find(|s| s.interviewer == u(11))
            .expect("listed");
        assert_eq!(eleven.count, 2);
        assert!(close(eleven.mean, 0.25));
        assert_eq!(ranking.pooled.map(|p| p.count), Some(3));
    }

    #[test]
    fn excluding_an_interviewer_altogether() {
        let sheets = vec![
            simple(1, 10, 5),
            simple(1, 11, 1),
            simple(2, 11, 1),
            simple(2, 12, 3),
        ];
        let mut input = input(vec![applicant(1, "Ann"), applicant(2, "Ben")], sheets);
        input.exclusions.interviewers = vec![u(11)];
        input.settings.calibrate = true;
        let ranking = rank(&input);
        assert_eq!(row(&ranking, 1).raw_final, Some(1.0));
        assert_eq!(row(&ranking, 2).raw_final, Some(0.5));
        assert_eq!(row(&ranking, 2).sheets_used, 1);
        assert!(ranking.interviewers.iter().all(|s| s.interviewer != u(11)));
        assert_eq!(ranking.pooled.map(|p| p.count), Some(2));
        assert!(close(ranking.pooled.map(|p| p.mean).unwrap_or(-1.0), 0.75));
    }

    #[test]
    fn an_override_replaces_the_final_but_both_stay_visible() {
        let sheets = vec![simple(1, 10, 5), simple(2, 10, 3), simple(3, 10, 1)];
        let mut input = input(
            vec![
                applicant(1, "Ann"),
                applicant(2, "Ben"),
                applicant(3, "Cy"),
                applicant(4, "Dee"),
            ],
            sheets,
        );
        input.overrides = vec![
            (a(3), 0.9),
            (a(4), 1.7),      // clamped to 1
            (a(2), f64::NAN), // ignored
        ];
        let ranking = rank(&input);
        let cy = row(&ranking, 3);
        assert_eq!(cy.raw_final, Some(0.0));
        assert_eq!(cy.computed_final(), Some(0.0));
        assert_eq!(cy.override_score, Some(0.9));
        assert!(cy.overridden);
        assert_eq!(cy.final_score, Some(0.9));
        let dee = row(&ranking, 4);
        assert_eq!(
            (dee.raw_final, dee.final_score, dee.sheets_used),
            (None, Some(1.0), 0)
        );
        let ben = row(&ranking, 2);
        assert!(!ben.overridden);
        assert_eq!(ben.final_score, Some(0.5));
        // Dee 1.0 ties Ann 1.0 (by name), then Cy 0.9, then Ben.
        assert_eq!(order(&ranking), vec![1, 4, 3, 2]);
    }

    // Rule 4: calibration.

    /// A harsh interviewer (10) scores applicants 1–4 at 1, 2, 3, 4; a lenient one (20) scores
    /// applicants 5–8 at 2, 3, 4, 5.
    fn harsh_and_lenient() -> RankInput {
        let mut sheets = Vec::new();
        for k in 0..4 {
            sheets.push(simple(1 + k, 10, 1 + k as i32));
            sheets.push(simple(5 + k, 20, 2 + k as i32));
        }
        let applicants = (1..=8)
            .map(|i| applicant(i, &format!("Applicant {i}")))
            .collect();
        let mut input = input(applicants, sheets);
        input.settings.calibrate = true;
        input
    }

    #[test]
    fn a_harsh_and_a_lenient_interviewer_give_equal_calibrated_finals() {
        let ranking = rank(&harsh_and_lenient());
        assert!(ranking.calibrated);
        for k in 1..=4 {
            let harsh = row(&ranking, k);
            let lenient = row(&ranking, k + 4);
            assert!(lenient.raw_final > harsh.raw_final);
            let (h, l) = (
                harsh.calibrated_final.unwrap_or(-1.0),
                lenient.calibrated_final.unwrap_or(-2.0),
            );
            assert!(close(h, l), "{h} vs {l}");
            assert!((0.0..=1.0).contains(&h));
            assert_eq!(harsh.final_score, harsh.calibrated_final);
        }
        // Equal finals tie, and ties go by name.
        assert_eq!(order(&ranking), vec![4, 8, 3, 7, 2, 6, 1, 5]);
        for stats in &ranking.interviewers {
            assert_eq!(stats.calibration, Calibration::Scaled);
            assert_eq!(stats.count, 4);
            // Population SD of 0, .25, .5, .75: √(0.078125).
            assert!(close(stats.sd, 0.078125f64.sqrt()));
        }
        // Pooled over all 8 sheets.
        let pooled = ranking.pooled.expect("scores");
        assert_eq!(pooled.count, 8);
        assert!(close(pooled.mean, 0.5));
    }

    #[test]
    fn calibration_maps_z_scores_onto_the_pooled_spread_and_centres_a_flat_season() {
        let own = Spread {
            count: 4,
            mean: 0.2,
            sd: 0.1,
        };
        let pooled = Spread {
            count: 10,
            mean: 0.6,
            sd: 0.2,
        };
        assert!(close(calibrate(0.3, &own, &pooled).unwrap_or(-1.0), 0.8));
        assert!(close(calibrate(0.2, &own, &pooled).unwrap_or(-1.0), 0.6));
        // No spread: centred, the level removed, so the score is the pooled mean.
        let flat = Spread { sd: 0.0, ..own };
        assert_eq!(calibration_check(&flat), Calibration::Centred);
        assert!(close(calibrate(0.2, &flat, &pooled).unwrap_or(-1.0), 0.6));
        // Too few scores: none (the raw score is used).
        let few = Spread { count: 2, ..own };
        assert_eq!(
            calibration_check(&few),
            Calibration::TooFewScores { count: 2 }
        );
        assert_eq!(calibrate(0.2, &few, &pooled), None);
        // Clamped to 0–1.
        assert_eq!(calibrate(0.5, &own, &pooled), Some(1.0));
        assert!(close(calibrate(0.0, &own, &pooled).unwrap_or(-1.0), 0.2));
        assert_eq!(
            calibrate(
                -0.2,
                &own,
                &Spread {
                    mean: 0.1,
                    ..pooled
                }
            ),
            Some(0.0)
        );
    }

    #[test]
    fn the_spread_is_the_population_standard_deviation() {
        let spread = Spread::of(&[0.0, 1.0]).expect("scores");
        assert_eq!(spread.sd, 0.5); // not 0.707…, the sample SD
        assert_eq!(spread.mean, 0.5);
        assert_eq!(Spread::of(&[]), None);
    }

    #[test]
    fn too_few_scores_leave_an_interviewer_uncalibrated() {
        let mut input = harsh_and_lenient();
        // A third interviewer with two sheets.
        input.applicants.push(applicant(9, "Applicant 9"));
        input.sheets.push(simple(9, 30, 5));
        input.sheets.push(simple(1, 30, 4));
        let ranking = rank(&input);
        let thirty = ranking
            .interviewers
            .iter()
            .find(|s| s.interviewer == u(30))
            .expect("listed");
        assert_eq!(thirty.calibration, Calibration::TooFewScores { count: 2 });
        assert_eq!(thirty.calibration.label(), "Raw scores");
        assert_eq!(
            thirty.calibration.message(),
            "Only 2 scores this season; calibration needs 3, so the raw scores are used."
        );
        // Applicant 9's only sheet is theirs: the raw score is used.
        assert_eq!(row(&ranking, 9).calibrated_final, Some(1.0));
        assert_eq!(row(&ranking, 9).raw_final, Some(1.0));
    }

    #[test]
    fn no_spread_centres_an_interviewer_and_says_so() {
        let mut input = harsh_and_lenient();
        for i in 1..=3 {
            input.sheets.push(simple(i, 30, 4));
        }
        let ranking = rank(&input);
        let thirty = ranking
            .interviewers
            .iter()
            .find(|s| s.interviewer == u(30))
            .expect("listed");
        assert_eq!(thirty.calibration, Calibration::Centred);
        assert_eq!(thirty.sd, 0.0);
        assert_eq!(thirty.calibration.label(), "Centred");
        assert!(thirty
            .calibration
            .message()
            .starts_with("Gave every applicant the same score, so their scores set no order"));
        assert!(ranking
            .interviewers
            .iter()
            .filter(|s| s.interviewer != u(30))
            .all(|s| s.calibration == Calibration::Scaled));
        // Applicants 1–3 get exactly the calibrated score the harsh interviewer (10) gives
        // them: the constant 4s are left out. Their raw finals still count the 4s.
        let ten = ranking
            .interviewers
            .iter()
            .find(|s| s.interviewer == u(10))
            .expect("listed");
        let ten = Spread {
            count: ten.count,
            mean: ten.mean,
            sd: ten.sd,
        };
        let pooled = ranking.pooled.expect("scores");
        for i in 1..=3 {
            let alone = calibrate((i as f64 - 1.0) / 4.0, &ten, &pooled);
            assert_eq!(row(&ranking, i).calibrated_final, alone);
            assert_eq!(row(&ranking, i).sheets_used, 2);
        }
    }

    /// The case: one interviewer (20) gives everyone 2, another (30) everyone 5, and a
    /// third (10) has spread. Applicants 1–3 met the lenient one, 4–6 the harsh one; the one with
    /// spread rates 4–6 above 1–3.
    fn two_constant_scorers() -> RankInput {
        let mut sheets = Vec::new();
        for (applicant, spread_score) in [(1, 1), (2, 2), (3, 2), (4, 3), (5, 3), (6, 3)] {
            sheets.push(simple(applicant, 10, spread_score));
            let (constant, score) = if applicant <= 3 { (30, 5) } else { (20, 2) };
            sheets.push(simple(applicant, constant, score));
        }
        let applicants = (1..=7)
            .map(|i| applicant(i, &format!("Applicant {i}")))
            .collect();
        let mut input = input(applicants, sheets);
        // Applicant 7 met only the constant scorers.
        input.sheets.push(simple(7, 20, 2));
        input.sheets.push(simple(7, 30, 5));
        input.settings.calibrate = true;
        input
    }

    #[test]
    fn constant_scorers_no_longer_keep_the_lenient_ones_applicants_above_the_harsh_ones() {
        let mut input = two_constant_scorers();
        input.settings.calibrate = false;
        // Raw: the lenient one's applicants (1–3) all above the harsh one's (4–6).
        let raw = rank(&input);
        for (lenient, harsh) in (1..=3).flat_map(|l| (4..=6).map(move |h| (l, h))) {
            assert!(row(&raw, lenient).raw_final > row(&raw, harsh).raw_final);
        }
        for how in [Aggregate::Mean, Aggregate::Median] {
            input.settings.calibrate = true;
            input.settings.aggregate = how;
            let ranking = rank(&input);
            // Calibrated: the order of the interviewer with spread (ties by name), applicant 7
            // at the pooled mean between.
            assert_eq!(order(&ranking), vec![4, 5, 6, 7, 2, 3, 1], "{how:?}");
            // Applicant 7, scored by constant scorers only, gets the pooled mean.
            let pooled = ranking.pooled.expect("scores").mean;
            assert!(close(
                row(&ranking, 7).calibrated_final.unwrap_or(-1.0),
                pooled
            ));
            // Raw finals stay as they were.
            for r in &ranking.rows {
                assert_eq!(r.raw_final, row(&raw, r.applicant.0).raw_final);
            }
            let centred: Vec<UserId> = ranking
                .interviewers
                .iter()
                .filter(|i| i.calibration == Calibration::Centred)
                .map(|i| i.interviewer)
                .collect();
            assert_eq!(centred, vec![u(20), u(30)]);
        }
    }

    #[test]
    fn the_summary_says_how_many_were_calibrated_centred_and_left_raw() {
        let stats = |calibration| InterviewerStats {
            interviewer: u(1),
            count: 3,
            mean: 0.5,
            sd: 0.1,
            calibration,
        };
        assert_eq!(
            calibration_summary(&[
                stats(Calibration::Scaled),
                stats(Calibration::Centred),
                stats(Calibration::Centred),
                stats(Calibration::TooFewScores { count: 1 }),
            ]),
            "Calibrated final scores: 1 interviewer put on the pooled mean and spread; \
             2 interviewers centred, as each gave every applicant the same score (they count \
             only for applicants no interviewer with varied scores has scored, at the average \
             of all scores); 1 interviewer left raw, with fewer than 3 scores this season."
        );
        assert_eq!(
            calibration_summary(&[stats(Calibration::Scaled), stats(Calibration::Scaled)]),
            "Calibrated final scores: 2 interviewers put on the pooled mean and spread."
        );
        assert_eq!(
            calibration_summary(&[]),
            "Calibrated final scores: no interviewer has a score yet."
        );
    }

    #[test]
    fn calibration_off_gives_no_calibrated_finals_and_no_moves() {
        let mut input = harsh_and_lenient();
        input.settings.calibrate = false;
        let ranking = rank(&input);
        assert!(!ranking.calibrated);
        assert!(ranking.rows.iter().all(|r| r.calibrated_final.is_none()));
        assert!(ranking.moved.is_empty());
        assert_eq!(row(&ranking, 8).final_score, Some(1.0));
        // The seasons are still summed up.
        assert_eq!(ranking.interviewers.len(), 2);
    }

    #[test]
    fn sheets_of_unlisted_applicants_count_for_calibration_only() {
        let mut input = harsh_and_lenient();
        input.applicants.retain(|x| x.id != a(1));
        let ranking = rank(&input);
        assert_eq!(ranking.rows.len(), 7);
        assert_eq!(ranking.pooled.map(|p| p.count), Some(8));
    }

    // Rule 5: the rank list.

    #[test]
    fn ties_go_by_name_ignoring_case_then_by_id() {
        let sheets = (1..=4).map(|i| simple(i, 10, 3)).collect();
        let ranking = rank(&input(
            vec![
                applicant(1, "bob"),
                applicant(2, "alice"),
                applicant(3, "Alice"),
                applicant(4, "Carl"),
            ],
            sheets,
        ));
        assert_eq!(order(&ranking), vec![2, 3, 1, 4]);
        let ranks: Vec<usize> = ranking.rows.iter().map(|r| r.rank).collect();
        assert_eq!(ranks, vec![1, 2, 3, 4]);
    }

    #[test]
    fn lowest_first_and_the_unscored_last_by_name() {
        let sheets = vec![
            simple(1, 10, 5),
            simple(2, 10, 2),
            simple(3, 10, 4),
            // All unable to assess: no score.
            sheet(4, 10, &[(1, None)]),
        ];
        let mut input = input(
            vec![
                applicant(1, "Ann"),
                applicant(2, "Ben"),
                applicant(3, "Cy"),
                applicant(4, "Zed"),
                applicant(5, "Abe"),
            ],
            sheets,
        );
        assert_eq!(order(&rank(&input)), vec![1, 3, 2, 5, 4]);
        input.settings.order = RankOrder::LowestFirst;
        let ranking = rank(&input);
        assert_eq!(order(&ranking), vec![2, 3, 1, 5, 4]);
        assert_eq!(row(&ranking, 4).sheets_used, 0);
        assert_eq!(row(&ranking, 4).final_score, None);
    }

    #[test]
    fn an_applicant_listed_twice_gets_one_row() {
        let ranking = rank(&input(
            vec![applicant(1, "Ann"), applicant(1, "Ann again")],
            vec![simple(1, 10, 5)],
        ));
        assert_eq!(ranking.rows.len(), 1);
        assert_eq!(ranking.rows[0].name, "Ann");
    }

    #[test]
    fn moves_of_more_than_three_places_are_listed() {
        // A harsh interviewer (10) scores H1–H5 at 0–4 on 0–10; a lenient one (20) L1–L5 at 6–10.
        let criteria = vec![Criterion::new(cid(1), "Overall", 0, 10)];
        let mut applicants = Vec::new();
        let mut sheets = Vec::new();
        for k in 1..=5 {
            applicants.push(applicant(k, &format!("H{k}")));
            applicants.push(applicant(10 + k, &format!("L{k}")));
            sheets.push(sheet(k, 10, &[(1, Some(k as i32 - 1))]));
            sheets.push(sheet(10 + k, 20, &[(1, Some(k as i32 + 5))]));
        }
        let ranking = rank(&RankInput {
            applicants,
            criteria,
            sheets,
            settings: RankSettings {
                calibrate: true,
                ..RankSettings::default()
            },
            ..RankInput::default()
        });
        // Raw: L5 L4 L3 L2 L1 H5 H4 H3 H2 H1. Calibrated: H5 L5 H4 L4 H3 L3 H2 L2 H1 L1.
        assert_eq!(order(&ranking), vec![5, 15, 4, 14, 3, 13, 2, 12, 1, 11]);
        let moved: Vec<(&str, usize, usize)> = ranking
            .moved
            .iter()
            .map(|m| (m.name.as_str(), m.raw_rank, m.calibrated_rank))
            .collect();
        assert_eq!(
            moved,
            vec![("H5", 6, 1), ("H4", 7, 3), ("L2", 4, 8), ("L1", 5, 10)]
        );
    }

    // Rule 6: manual order.

    fn rows_of(ids: &[i64]) -> Vec<RankRow> {
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

    fn ids(rows: &[RankRow]) -> Vec<i64> {
        rows.iter().map(|r| r.applicant.0).collect()
    }

    #[test]
    fn merge_manual_keeps_the_manual_order_and_slots_newcomers_in_by_score() {
        let computed = rows_of(&[1, 2, 3, 4, 5]);
        // 99 has left the list; 2 and 4 are new.
        let manual = [a(3), a(1), a(99), a(5)];
        let merged = merge_manual(&manual, &computed);
        // 2 ranks above 3 (the first manual one it beats); 4 above 5 only.
        assert_eq!(ids(&merged), vec![2, 3, 1, 4, 5]);
        let ranks: Vec<usize> = merged.iter().map(|r| r.rank).collect();
        assert_eq!(ranks, vec![1, 2, 3, 4, 5]);
        // Scores travel with their rows.
        assert_eq!(merged[0].final_score, Some(0.9));
    }

    #[test]
    fn merge_manual_edge_cases() {
        let computed = rows_of(&[1, 2, 3]);
        // No manual order: the computed one.
        assert_eq!(ids(&merge_manual(&[], &computed)), vec![1, 2, 3]);
        // Newcomers ranking below every manual one go last, in computed order.
        assert_eq!(ids(&merge_manual(&[a(1)], &computed)), vec![1, 2, 3]);
        // A newcomer above everyone goes first.
        assert_eq!(ids(&merge_manual(&[a(3), a(2)], &computed)), vec![1, 3, 2]);
        // Repeats in the manual order count once.
        assert_eq!(
            ids(&merge_manual(&[a(2), a(3), a(2), a(1)], &computed)),
            vec![2, 3, 1]
        );
        // Several newcomers before the same manual one keep their computed order.
        let computed = rows_of(&[1, 2, 3, 4]);
        assert_eq!(
            ids(&merge_manual(&[a(4), a(3)], &computed)),
            vec![1, 2, 4, 3]
        );
    }

    #[test]
    fn move_row_drags_one_row() {
        let order = [a(1), a(2), a(3), a(4)];
        assert_eq!(move_row(&order, 0, 2), vec![a(2), a(3), a(1), a(4)]);
        assert_eq!(move_row(&order, 3, 0), vec![a(4), a(1), a(2), a(3)]);
        assert_eq!(move_row(&order, 1, 1), order.to_vec());
        assert_eq!(move_row(&order, 0, 99), vec![a(2), a(3), a(4), a(1)]);
        assert_eq!(move_row(&order, 7, 0), order.to_vec());
        assert_eq!(move_row(&[], 0, 0), Vec::<ApplicantId>::new());
    }

    // Rule 7: missing scores.

    #[test]
    fn missing_lists_the_expected_scores_not_submitted_in_order() {
        let expected = [
            (a(2), u(10)),
            (a(1), u(10)),
            (a(1), u(11)),
            (a(3), u(11)),
            (a(2), u(10)),
        ];
        let submitted = [(a(1), u(10)), (a(9), u(9))];
        assert_eq!(
            missing(&expected, &submitted),
            vec![(a(2), u(10)), (a(1), u(11)), (a(3), u(11))]
        );
        assert!(missing(&expected[1..2], &submitted).is_empty());
    }

    // Properties.

    /// Criteria 1–5 (weight 2), 0–10 (weight 1) and −2..2 (weight 0.5).
    fn mixed_criteria() -> Vec<Criterion> {
        vec![
            Criterion::new(cid(1), "A", 1, 5).with_weight(2.0),
            Criterion::new(cid(2), "B", 0, 10),
            Criterion::new(cid(3), "C", -2, 2).with_weight(0.5),
        ]
    }

    /// Answers for criteria 1–3 and an unknown 4, some off the scale.
    fn answers() -> impl Strategy<Value = Vec<(CriterionId, Option<i32>)>> {
        proptest::collection::vec((1i64..=4, proptest::option::of(-3i32..=12)), 0..6)
            .prop_map(|v| v.into_iter().map(|(c, x)| (cid(c), x)).collect())
    }

    fn rank_input() -> impl Strategy<Value = RankInput> {
        let sheets = proptest::collection::vec((0i64..10, 0i64..5, answers()), 0..40);
        let names = proptest::collection::vec("[a-cA-C]{1,2}", 1..10);
        let overrides = proptest::collection::vec((0i64..10, -0.5f64..1.5), 0..3);
        (
            names,
            sheets,
            overrides,
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            proptest::collection::vec(0i64..5, 0..2),
        )
            .prop_map(
                |(names, sheets, overrides, calibrate, median, lowest, excluded)| RankInput {
                    applicants: names
                        .iter()
                        .enumerate()
                        .map(|(i, n)| applicant(i as i64, n))
                        .collect(),
                    criteria: mixed_criteria(),
                    sheets: sheets
                        .into_iter()
                        .map(|(ap, iv, answers)| Sheet {
                            applicant: a(ap),
                            interviewer: u(iv),
                            answers,
                        })
                        .collect(),
                    exclusions: Exclusions {
                        sheets: vec![(a(0), u(0))],
                        interviewers: excluded.into_iter().map(u).collect(),
                    },
                    overrides: overrides.into_iter().map(|(ap, x)| (a(ap), x)).collect(),
                    settings: RankSettings {
                        aggregate: if median {
                            Aggregate::Median
                        } else {
                            Aggregate::Mean
                        },
                        calibrate,
                        order: if lowest {
                            RankOrder::LowestFirst
                        } else {
                            RankOrder::HighestFirst
                        },
                        display: DisplayScale::default(),
                    },
                },
            )
    }

    /// A season of 2–11 applicants on one 1–5 criterion: interviewers 10, 11… (up to three)
    /// score whom they like as they like, interviewers 20, 21… (up to three) each give everyone
    /// they score one same value; calibration on, mean or median.
    fn season_with_constant_scorers() -> impl Strategy<Value = RankInput> {
        (
            2usize..12,
            1usize..4,
            proptest::collection::vec(1i32..=5, 1..4),
            any::<bool>(),
        )
            .prop_flat_map(|(n, spread, constants, median)| {
                let by_spread = proptest::collection::vec(
                    proptest::collection::vec(proptest::option::of(1i32..=5), spread),
                    n,
                );
                let by_constant = proptest::collection::vec(
                    proptest::collection::vec(any::<bool>(), constants.len()),
                    n,
                );
                (Just(constants), by_spread, by_constant, Just(median))
            })
            .prop_map(|(constants, by_spread, by_constant, median)| {
                let mut sheets = Vec::new();
                for (ap, (spread, constant)) in by_spread.iter().zip(&by_constant).enumerate() {
                    let ap = ap as i64;
                    for (k, v) in spread.iter().enumerate() {
                        if let Some(v) = v {
                            sheets.push(simple(ap, 10 + k as i64, *v));
                        }
                    }
                    for (k, scored) in constant.iter().enumerate() {
                        if *scored {
                            sheets.push(simple(ap, 20 + k as i64, constants[k]));
                        }
                    }
                }
                let mut input = input(
                    (0..by_spread.len() as i64)
                        .map(|i| applicant(i, &format!("Applicant {i}")))
                        .collect(),
                    sheets,
                );
                input.settings.calibrate = true;
                if median {
                    input.settings.aggregate = Aggregate::Median;
                }
                input
            })
    }

    proptest! {
        #[test]
        fn a_sheet_score_is_on_0_to_1_and_none_iff_nothing_counts(answers in answers()) {
            let criteria = mixed_criteria();
            let index = CriteriaIndex::new(&criteria);
            let counts = answers.iter().any(|(id, v)| match (index.get(*id), v) {
                (Some(c), Some(v)) => c.rescale(*v).is_some(),
                _ => false,
            });
            let score = sheet_score(&index, &answers);
            prop_assert_eq!(score.is_some(), counts);
            if let Some(s) = score {
                prop_assert!((0.0..=1.0).contains(&s));
            }
        }

        #[test]
        fn scaling_every_weight_changes_nothing(answers in answers(), k in 0.001f64..1000.0) {
            let criteria = mixed_criteria();
            let scaled: Vec<Criterion> = criteria
                .iter()
                .map(|c| c.clone().with_weight(c.weight * k))
                .collect();
            let before = sheet_score(&CriteriaIndex::new(&criteria), &answers);
            let after = sheet_score(&CriteriaIndex::new(&scaled), &answers);
            prop_assert_eq!(before.is_some(), after.is_some());
            if let (Some(x), Some(y)) = (before, after) {
                prop_assert!(close(x, y), "{} vs {}", x, y);
            }
        }

        #[test]
        fn raising_an_answer_never_lowers_the_score(answers in answers(), pick in any::<prop::sample::Index>()) {
            let criteria = mixed_criteria();
            let index = CriteriaIndex::new(&criteria);
            if answers.is_empty() {
                return Ok(());
            }
            let i = pick.index(answers.len());
            let (id, Some(v)) = answers[i] else { return Ok(()) };
            let Some(c) = index.get(id) else { return Ok(()) };
            if v < c.min || v >= c.max {
                return Ok(());
            }
            let mut raised = answers.clone();
            raised[i] = (id, Some(v + 1));
            let before = sheet_score(&index, &answers).unwrap_or(0.0);
            let after = sheet_score(&index, &raised).unwrap_or(0.0);
            prop_assert!(after >= before - 1e-12, "{} then {}", before, after);
        }

        #[test]
        fn the_mean_and_median_lie_between_the_lowest_and_highest(
            values in proptest::collection::vec(0.0f64..=1.0, 1..20)
        ) {
            let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            for how in [Aggregate::Mean, Aggregate::Median] {
                let x = aggregate(&values, how).unwrap_or(f64::NAN);
                prop_assert!(x >= lo - 1e-12 && x <= hi + 1e-12);
            }
        }

        #[test]
        fn calibrated_scores_stay_on_0_to_1(
            x in 0.0f64..=1.0,
            mean in 0.0f64..=1.0,
            sd in 0.0f64..=1.0,
            pooled_mean in 0.0f64..=1.0,
            pooled_sd in 0.0f64..=1.0,
            count in 0usize..10,
        ) {
            let own = Spread { count, mean, sd };
            let pooled = Spread { count: 20, mean: pooled_mean, sd: pooled_sd };
            match calibrate(x, &own, &pooled) {
                Some(c) => prop_assert!((0.0..=1.0).contains(&c)),
                None => prop_assert!(count < MIN_SCORES_TO_CALIBRATE),
            }
        }

        #[test]
        fn a_constant_scorer_never_lifts_an_applicant_above_one_rated_higher_by_an_interviewer_with_spread(
            input in season_with_constant_scorers()
        ) {
            let ranking = rank(&input);
            let centred: HashSet<UserId> = ranking
                .interviewers
                .iter()
                .filter(|i| i.calibration == Calibration::Centred)
                .map(|i| i.interviewer)
                .collect();
            // Each applicant's sheets from interviewers whose scores set an order.
            let mut ordering: BTreeMap<ApplicantId, Vec<(UserId, Option<i32>)>> = BTreeMap::new();
            for s in input.sheets.iter().filter(|s| !centred.contains(&s.interviewer)) {
                ordering.entry(s.applicant).or_default().push((s.interviewer, s.answers[0].1));
            }
            for lower in &ranking.rows {
                for higher in &ranking.rows {
                    let (Some([(x, Some(low))]), Some([(y, Some(high))])) = (
                        ordering.get(&lower.applicant).map(Vec::as_slice),
                        ordering.get(&higher.applicant).map(Vec::as_slice),
                    ) else {
                        continue;
                    };
                    if x == y && high > low {
                        prop_assert!(
                            higher.calibrated_final >= lower.calibrated_final,
                            "{} rated {} by {:?} ends at {:?}, below {} rated {} at {:?}",
                            higher.name, high, x, higher.calibrated_final,
                            lower.name, low, lower.calibrated_final
                        );
                    }
                }
            }
        }

        #[test]
        fn the_rank_list_is_a_permutation_with_finals_on_0_to_1(input in rank_input()) {
            let ranking = rank(&input);
            let mut listed: Vec<ApplicantId> = ranking.rows.iter().map(|r| r.applicant).collect();
            listed.sort();
            let mut expected: Vec<ApplicantId> = input.applicants.iter().map(|x| x.id).collect();
            expected.sort();
            expected.dedup();
            prop_assert_eq!(listed, expected);
            for (i, row) in ranking.rows.iter().enumerate() {
                prop_assert_eq!(row.rank, i + 1);
                for score in [row.raw_final, row.calibrated_final, row.final_score].into_iter().flatten() {
                    prop_assert!((0.0..=1.0).contains(&score));
                }
                prop_assert_eq!(row.calibrated_final.is_some(), input.settings.calibrate && row.raw_final.is_some());
            }
            // Unscored rows come last.
            let first_unscored = ranking.rows.iter().position(|r| r.final_score.is_none());
            if let Some(p) = first_unscored {
                prop_assert!(ranking.rows[p..].iter().all(|r| r.final_score.is_none()));
            }
            for stats in &ranking.interviewers {
                prop_assert!(stats.mean.is_finite() && stats.sd.is_finite());
            }
        }

        #[test]
        fn the_order_of_the_sheets_does_not_matter(
            (input, shuffled) in rank_input().prop_flat_map(|input| {
                let sheets = input.sheets.clone();
                (Just(input), Just(sheets).prop_shuffle())
            })
        ) {
            let mut reordered = input.clone();
            reordered.sheets = shuffled;
            reordered.applicants.reverse();
            let (x, y) = (rank(&input), rank(&reordered));
            // Applicants listed twice keep their first name; leave those out of the comparison.
            let mut ids: Vec<ApplicantId> = input.applicants.iter().map(|x| x.id).collect();
            ids.sort();
            ids.dedup();
            if ids.len() == input.applicants.len() {
                prop_assert_eq!(x, y);
            }
        }

        #[test]
        fn merging_and_moving_keep_every_row(
            n in 0usize..12,
            manual in proptest::collection::vec(0i64..15, 0..15),
            from in 0usize..14,
            to in 0usize..14,
        ) {
            let ids_in: Vec<i64> = (0..n as i64).collect();
            let computed = rows_of(&ids_in);
            let manual: Vec<ApplicantId> = manual.into_iter().map(a).collect();
            let mut merged = ids(&merge_manual(&manual, &computed));
            merged.sort();
            prop_assert_eq!(merged, ids_in.clone());
            let order: Vec<ApplicantId> = ids_in.iter().copied().map(a).collect();
            let mut moved = move_row(&order, from, to);
            if from < n {
                prop_assert_eq!(moved[to.min(n - 1)], order[from]);
            }
            moved.sort();
            prop_assert_eq!(moved, order);
        }
    }

    #[test]
    fn exported_cells_that_look_like_formulas_are_escaped() {
        for risky in ["=SUM(A1:A9)", "+1", "-2", "@cmd", "\tx", "\rx"] {
            assert_eq!(csv_cell(risky), format!("'{risky}"));
        }
        assert_eq!(csv_cell("Ana Ruiz"), "Ana Ruiz");
        assert_eq!(csv_cell("4.33"), "4.33");
        assert_eq!(csv_cell(""), "");
    }
}
