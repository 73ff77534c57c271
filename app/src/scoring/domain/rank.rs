//! The rank list: the loaded rows in, every applicant's raw, calibrated and final score out,
//! sorted, with who calibration moved.

use super::*;

/// Calibration is said to have moved an applicant when their rank changes by more than this
/// many places.
pub const MOVE_THRESHOLD: usize = 3;

/// Final scores are compared at this many steps per unit (nine decimals on 0–1): two finals that
/// differ by less are a tie, broken by name, so rounding noise never decides an order.
const TIE_STEPS: f64 = 1e9;

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

    let (spreads, interviewers, pooled) = seasons(&scored);

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

    let moved = if settings.calibrate {
        moves(
            &rows,
            &order,
            &order_by(|r| r.override_score.or(r.raw_final)),
        )
    } else {
        Vec::new()
    };

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

/// Each interviewer's season summed up with what calibration does with it (by interviewer, and
/// as the page lists them), and everyone's scores together (`None`: no score at all).
#[allow(clippy::type_complexity)]
fn seasons(
    scored: &[Scored],
) -> (
    HashMap<UserId, (Spread, Calibration)>,
    Vec<InterviewerStats>,
    Option<Spread>,
) {
    let mut seasons: BTreeMap<UserId, Vec<f64>> = BTreeMap::new();
    for s in scored {
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
    (spreads, interviewers, pooled)
}

/// Who is more than [`MOVE_THRESHOLD`] places away in `order` (calibrated) from where
/// `raw_order` puts them; both are indices into `rows`.
fn moves(rows: &[RankRow], order: &[usize], raw_order: &[usize]) -> Vec<Move> {
    let mut raw_rank = vec![0; rows.len()];
    for (position, &i) in raw_order.iter().enumerate() {
        raw_rank[i] = position + 1;
    }
    let mut moved = Vec::new();
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
    moved
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::domain::fixtures::*;

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
}
