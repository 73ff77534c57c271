//! Calibration of harsh and lenient interviewers: what it does with each interviewer's season
//! (scaled, centred or left raw), a calibrated score, and the rank page's summary of it.

use super::*;

/// An interviewer needs at least this many included scores in the season to be calibrated.
pub const MIN_SCORES_TO_CALIBRATE: usize = 3;

/// A standard deviation below this counts as no spread at all (every score the same).
pub const MIN_SPREAD: f64 = 1e-9;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::domain::fixtures::*;

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
}
