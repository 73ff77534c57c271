//! An interviewer's score sheet: the form's criteria, checking answers and sheets, and the
//! sheet's score on 0–1 (weighted over the answered criteria).

use super::*;

/// A criterion's weight when the form does not set one.
pub const DEFAULT_WEIGHT: f64 = 1.0;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::domain::fixtures::*;

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
}
