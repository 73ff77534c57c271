//! Repairing the draft after a manual edit, on both databases: the whole draft's version is
//! checked, the edit stays, and an earlier cell placed by hand gives way to a newer change.

use crate::common;
use crate::schedule::{draft, generated, occupied_and_free, page};

use app::day::domain::edit::{Cell, CellsEdit, Draft};
use app::day::ssr as day;
use app::day::types::DayPage;
use app::error::AppError;
use app::server::Config;
use common::TestApp;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn regenerate_and_repair_check_the_whole_drafts_version() {
    for app in TestApp::each(Config::default()).await {
        let db = app.db;
        let (p, s) = generated(&app).await;
        let stale = page(&p, s).await;
        let (full, free) = occupied_and_free(&stale);
        let d = draft(&stale);
        let who = d.at(full).unwrap();
        let edit = d.moving(who, Some(full), Some(free)).unwrap();
        day::edit_cells(&p.state, p.director, s, &edit)
            .await
            .unwrap();
        assert!(matches!(
            day::generate(&p.state, p.director, s, stale.draft_version).await,
            Err(AppError::Conflict(_))
        ));
        assert!(matches!(
            day::repair(&p.state, p.director, s, stale.draft_version, &[free]).await,
            Err(AppError::Conflict(_))
        ));
        // On the current version: the repair keeps the edited cell and says what it moved.
        let now = page(&p, s).await;
        let report = day::repair(&p.state, p.director, s, now.draft_version, &[free])
            .await
            .unwrap();
        let after = page(&p, s).await;
        assert_eq!(draft(&after).at(free), Some(who), "[{db}] the edit is kept");
        assert!(report.violations.is_empty(), "[{db}] {report:?}");
        // Regenerate keeps pinned cells (the one placed by hand).
        day::generate(&p.state, p.director, s, after.draft_version)
            .await
            .unwrap();
        assert_eq!(
            draft(&page(&p, s).await).at(free),
            Some(who),
            "[{db}] pinned"
        );
    }
}

/// A swap that, with a cell placed by hand earlier, sends an applicant to one room twice: the
/// earlier placement and the swap, both by hand.
fn clashing_swap(d: &Draft, page: &DayPage, placed: Cell) -> Option<CellsEdit> {
    let x = d.at(placed)?;
    let rooms: Vec<_> = page.rooms.iter().map(|r| r.id).collect();
    for round in (0..page.plan.rounds).filter(|r| *r != placed.round) {
        let into = Cell {
            round,
            room: placed.room,
        };
        if d.at(into).is_none_or(|y| y == x) {
            continue;
        }
        for room in rooms.iter().filter(|r| **r != placed.room) {
            let from = Cell { round, room: *room };
            if d.at(from) == Some(x) {
                return d.moving(x, Some(from), Some(into));
            }
        }
    }
    None
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_repair_moves_an_earlier_hand_placed_cell_that_the_change_clashes_with() {
    for app in TestApp::each(Config::default()).await {
        let db = app.db;
        let (p, s) = generated(&app).await;
        // First by hand: an applicant to a free round of their room (that cell is pinned).
        let first = page(&p, s).await;
        let (full, free) = occupied_and_free(&first);
        let d = draft(&first);
        let x = d.at(full).unwrap();
        let edit = d.moving(x, Some(full), Some(free)).unwrap();
        day::edit_cells(&p.state, p.director, s, &edit)
            .await
            .unwrap();
        // Then a swap that puts them into that room again, in another round.
        let second = page(&p, s).await;
        let swap = clashing_swap(&draft(&second), &second, free)
            .unwrap_or_else(|| panic!("[{db}] a swap into the room of the placed cell"));
        let kept: Vec<Cell> = swap.cells.iter().map(|w| w.cell()).collect();
        day::edit_cells(&p.state, p.director, s, &swap)
            .await
            .unwrap();
        let now = page(&p, s).await;
        let report = day::repair(&p.state, p.director, s, now.draft_version, &kept)
            .await
            .unwrap();
        // The newest change wins: the draft breaks no rule, the swap stays, and the earlier
        // placement moved (and is listed among the moves).
        assert!(report.violations.is_empty(), "[{db}] {report:?}");
        let after = draft(&page(&p, s).await);
        for w in &swap.cells {
            assert_eq!(after.at(w.cell()), w.applicant, "[{db}] the swap stays");
        }
        assert_ne!(
            after.at(free),
            Some(x),
            "[{db}] the earlier placement gave way"
        );
        assert!(
            report
                .moved
                .iter()
                .any(|m| m.applicant == x && m.from == Some((free.round, free.room))),
            "[{db}] {:?}",
            report.moved
        );
    }
}
