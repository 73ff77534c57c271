//! The generator against its targets: a 50-room × 50-round day under 100 ms, a season of 600
//! applicants over 30 sessions under 1 s (`cargo bench -p app --features ssr --bench
//! generator`). Besides the full square (solved as built), three harder days show the cost of
//! a search that runs its whole budget: shared interviewers and conflicts, more applicants
//! than seats, and pins that leave an interview out that no bound foresees (the slowest).

use app::day::domain::generator::{generate, repair, Problem, BUDGET};
use app::day::domain::grid::{ConflictPair, DayShape, RoomSeats, Slot};
use app::ids::{ApplicantId, RoomId, UserId};
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use std::time::Duration;

/// `rooms` rooms with an interviewer each, `rounds` rounds, `applicants` applicants wanting
/// `interviews` each; `session` keeps ids apart between the days of a season.
fn day(session: i64, rooms: i64, rounds: u16, applicants: i64, interviews: u16) -> Problem {
    Problem {
        day: DayShape {
            rooms: (0..rooms)
                .map(|k| RoomSeats {
                    id: RoomId(session * 1000 + k),
                    interviewers: vec![UserId(session * 1000 + k)],
                })
                .collect(),
            rounds,
            conflicts: Vec::new(),
        },
        applicants: (0..applicants)
            .map(|a| ApplicantId(session * 1000 + a))
            .collect(),
        interviews_per_applicant: interviews,
        pinned: Vec::new(),
    }
}

/// The full 50 × 50 day made awkward: every fifth interviewer also sits on the next room's
/// panel, a few conflicts of interest, and 40 interviews each — no rotation fits, so the local
/// search runs (often to the end of its budget).
fn awkward_day() -> Problem {
    let mut p = day(0, 50, 50, 50, 40);
    for k in (0..50).step_by(5) {
        let shared = p.day.rooms[k].interviewers[0];
        p.day.rooms[k + 1].interviewers.push(shared);
    }
    p.day.conflicts = (0..10)
        .map(|k| ConflictPair {
            interviewer: UserId(k * 3),
            applicant: ApplicantId(k * 7 % 50),
        })
        .collect();
    p
}

fn benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("generator");
    group.measurement_time(Duration::from_secs(10));
    group.sample_size(20);

    let square = day(0, 50, 50, 50, 50);
    group.bench_function("day 50 rooms x 50 rounds, 50 applicants x 50", |b| {
        b.iter(|| generate(black_box(&square), 1, BUDGET))
    });

    let awkward = awkward_day();
    group.bench_function("day 50 x 50, shared interviewers and conflicts", |b| {
        b.iter(|| generate(black_box(&awkward), 1, BUDGET))
    });

    let crowded = day(0, 50, 50, 52, 49);
    group.bench_function("day 50 x 50, 52 applicants x 49 (over capacity)", |b| {
        b.iter(|| generate(black_box(&crowded), 1, BUDGET))
    });

    // Round 0 pinned for applicants 0..49 in rooms 0..49, applicant 49 pinned in room 49 in
    // round 1: nobody may take room 49 in round 0, so one interview is missing, which no
    // bound foresees: the search spends its whole budget on ejection chains.
    let mut stuck = day(0, 50, 50, 50, 50);
    stuck.pinned = (0..49)
        .map(|k| Slot {
            round: 0,
            room: RoomId(k),
            applicant: ApplicantId(k),
        })
        .chain([Slot {
            round: 1,
            room: RoomId(49),
            applicant: ApplicantId(49),
        }])
        .collect();
    group.bench_function("day 50 x 50, pins that leave one interview out", |b| {
        b.iter(|| generate(black_box(&stuck), 1, BUDGET))
    });

    // 30 sessions of 20 applicants: 10 rooms × 20 rounds, 8 interviews each (160 of 200 seats).
    let season: Vec<Problem> = (0..30).map(|s| day(s + 1, 10, 20, 20, 8)).collect();
    group.bench_function("season 600 applicants over 30 days", |b| {
        b.iter(|| {
            season
                .iter()
                .map(|p| generate(black_box(p), 1, BUDGET).0.len())
                .sum::<usize>()
        })
    });

    let (draft, _) = generate(&awkward, 1, BUDGET);
    let mut change = draft[draft.len() / 2];
    change.applicant = draft
        .iter()
        .find(|s| s.round == change.round && s.applicant != change.applicant)
        .map_or(change.applicant, |s| s.applicant);
    group.bench_function("repair of the awkward day after one change", |b| {
        b.iter(|| repair(black_box(&awkward), &draft, &[change], 1, BUDGET))
    });
    group.finish();
}

criterion_group!(generator, benches);
criterion_main!(generator);
