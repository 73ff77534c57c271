//! The whole rank page: 600 applicants × 6 interviewers × 10 criteria, calibrated.

use app::ids::{ApplicantId, CriterionId, UserId};
use app::scoring::domain::{
    rank, Aggregate, Applicant, Criterion, DisplayScale, Exclusions, RankInput, RankOrder,
    RankSettings, Sheet,
};
use criterion::{black_box, criterion_group, criterion_main, Criterion as Bench};

/// A tiny deterministic generator (Knuth's MMIX LCG).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn input() -> RankInput {
    const APPLICANTS: i64 = 600;
    const INTERVIEWERS: i64 = 30;
    const PER_APPLICANT: i64 = 6;
    const CRITERIA: i64 = 10;
    let mut rng = Lcg(42);
    let criteria: Vec<Criterion> = (0..CRITERIA)
        .map(|c| {
            Criterion::new(CriterionId(c), format!("Criterion {c}"), 1, 5)
                .with_weight(1.0 + (c % 3) as f64)
        })
        .collect();
    let applicants: Vec<Applicant> = (0..APPLICANTS)
        .map(|i| Applicant {
            id: ApplicantId(i),
            name: format!("Applicant {:04}", rng.below(10_000)),
        })
        .collect();
    // Each interviewer leans harsh or lenient by up to a point.
    let bias: Vec<i64> = (0..INTERVIEWERS).map(|_| rng.below(3) as i64 - 1).collect();
    let mut sheets = Vec::new();
    for i in 0..APPLICANTS {
        let merit = rng.below(5) as i64;
        let first = rng.below(INTERVIEWERS as u64) as i64;
        for k in 0..PER_APPLICANT {
            let interviewer = (first + k * 5) % INTERVIEWERS;
            let answers = (0..CRITERIA)
                .map(|c| {
                    let value = if rng.below(20) == 0 {
                        None
                    } else {
                        let noise = rng.below(3) as i64 - 1;
                        Some((1 + merit + bias[interviewer as usize] + noise).clamp(1, 5) as i32)
                    };
                    (CriterionId(c), value)
                })
                .collect();
            sheets.push(Sheet {
                applicant: ApplicantId(i),
                interviewer: UserId(interviewer),
                answers,
            });
        }
    }
    RankInput {
        applicants,
        criteria,
        sheets,
        exclusions: Exclusions {
            sheets: vec![(ApplicantId(3), UserId(3))],
            interviewers: vec![UserId(29)],
        },
        overrides: vec![(ApplicantId(7), 0.95)],
        settings: RankSettings {
            aggregate: Aggregate::Mean,
            calibrate: true,
            order: RankOrder::HighestFirst,
            display: DisplayScale::default(),
        },
    }
}

fn ranks(c: &mut Bench) {
    let input = input();
    c.bench_function("rank 600 x 6 x 10, calibrated", |b| {
        b.iter(|| rank(black_box(&input)))
    });
}

criterion_group!(benches, ranks);
criterion_main!(benches);
