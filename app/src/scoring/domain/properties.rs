//! Properties of the score math as a whole (proptest): sheet scores, finals and calibrated
//! scores stay on 0–1, the rank list is a permutation whatever the sheets' order, manual moves
//! keep every row.

use super::fixtures::*;
use super::*;
use proptest::prelude::*;

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
