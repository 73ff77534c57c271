//! The releases' workflows: the Releases screen's data, a release made (its time read in the
//! program's zone) or removed, each with its audit line and a push (open My Programs pages
//! reload, so applicants see the new time at once).

use super::domain::validate_release;
use super::repo::NewRelease;
use super::types::{FairSaid, ReleaseForm, ReleaseView, Releases};
use crate::auth::ssr::Staff;
use crate::booking::rules::said_at;
use crate::error::{AppError, AppResult};
use crate::live::{Audience, Change, Event};
use crate::programs::domain::{AuditAction, AuditEntity};
use crate::programs::repo::Audit;
use crate::server::AppState;

pub async fn releases(state: &AppState, by: Staff) -> AppResult<Releases> {
    let program = crate::programs::ssr::program_of(state, by).await?;
    let zone = program.time_zone;
    let rows = state.repo.releases(by.program_id).await?;
    let held = state.repo.released_sessions(by.program_id).await?;
    let sessions = state.repo.sessions(by.program_id).await?;
    let now = state.clock.now();
    let name_of = |id: crate::ids::SessionId| {
        sessions
            .iter()
            .find(|s| s.id == id)
            .map(crate::waitlist::ssr::named)
            .unwrap_or_default()
    };
    let mut releases = Vec::new();
    for r in &rows {
        let fair = match r.fair {
            false => None,
            true => {
                let rankings = state.repo.rankings(state.repo.pool(), r.id).await?;
                let mut who: Vec<_> = rankings.iter().map(|(a, _)| *a).collect();
                who.dedup();
                Some(FairSaid {
                    closes: said_at(r.closes_at(), zone),
                    seed_hash: r.seed_hash.clone().unwrap_or_default(),
                    seed: r.drawn_at.and(r.seed.clone()),
                    drawn: r.drawn_at.map(|t| said_at(t, zone)),
                    ranked: who.len() as i64,
                })
            }
        };
        releases.push(ReleaseView {
            id: r.id,
            name: r.name.clone(),
            opens: said_at(r.opens_at, zone),
            open_now: now >= r.opens_at,
            sessions: held
                .iter()
                .filter(|(_, rid)| *rid == r.id)
                .map(|(s, _)| name_of(*s))
                .collect(),
            fair,
        });
    }
    let sessions = sessions
        .iter()
        .map(|s| {
            let release = held
                .iter()
                .find(|(id, _)| *id == s.id)
                .and_then(|(_, rid)| rows.iter().find(|r| r.id == *rid))
                .map(|r| r.name.clone());
            (s.id, crate::waitlist::ssr::named(s), release)
        })
        .collect();
    Ok(Releases {
        releases,
        sessions,
        time_zone: zone.name().to_string(),
    })
}

/// Makes a release: its sessions (each of the program) open at its time, in the program's zone.
pub async fn save(state: &AppState, by: Staff, form: &ReleaseForm) -> AppResult<i64> {
    let input = validate_release(form)?;
    let program = crate::programs::ssr::program_of(state, by).await?;
    let opens_at =
        crate::reminders::domain::instant(program.time_zone, input.date.and_time(input.time));
    let mut tx = state.repo.begin_write().await?;
    for s in &input.sessions {
        state
            .repo
            .session_in(&mut *tx, by.program_id, *s)
            .await?
            .ok_or_else(crate::sessions::ssr::not_found)?;
    }
    // A fair release's seed: drawn now, its SHA-256 shown from now on, itself after the draw.
    let seed = hex::encode(rand::random::<[u8; 32]>());
    let hash = crate::booking::lottery::commitment(seed.as_bytes());
    let new = NewRelease {
        name: &input.name,
        opens_at,
        fair: input.fair_hours.map(|h| (h, seed.as_str(), hash.as_str())),
    };
    let id = state
        .repo
        .create_release(&mut tx, by.program_id, &new, &input.sessions)
        .await?;
    let said = match input.fair_hours {
        None => format!(
            "{}: {} session(s) open on {}",
            input.name,
            input.sessions.len(),
            said_at(opens_at, program.time_zone)
        ),
        Some(h) => format!(
            "{}: a fair release of {} session(s), ranked for {h} hours from {}; seed SHA-256 {hash}",
            input.name,
            input.sessions.len(),
            said_at(opens_at, program.time_zone)
        ),
    };
    audit(state, &mut tx, by, id, None, Some(&said)).await?;
    tx.commit().await?;
    pushed(state, by);
    Ok(id)
}

/// Removes a release: its sessions take bookings at once.
pub async fn delete(state: &AppState, by: Staff, id: i64) -> AppResult<()> {
    let mut tx = state.repo.begin_write().await?;
    let name = state
        .repo
        .delete_release(&mut tx, by.program_id, id)
        .await?
        .ok_or_else(|| AppError::NotFound("That release was not found.".into()))?;
    audit(state, &mut tx, by, id, Some(&name), None).await?;
    tx.commit().await?;
    state.seats_wake.notify_one();
    pushed(state, by);
    Ok(())
}

async fn audit(
    state: &AppState,
    tx: &mut crate::db::Tx,
    by: Staff,
    id: i64,
    from: Option<&str>,
    to: Option<&str>,
) -> AppResult<()> {
    let line = Audit {
        from,
        to,
        ..Audit::new(
            by.program_id,
            Some(by.user_id),
            AuditEntity::Program,
            id,
            AuditAction::Release,
        )
    };
    state.repo.audit(tx, line).await?;
    Ok(())
}

/// Open pages of the program reload: applicants see the new opening time.
fn pushed(state: &AppState, by: Staff) {
    state.hub.publish(Event {
        audiences: vec![
            Audience::Applicants(by.program_id),
            Audience::Coordinators(by.program_id),
        ],
        change: Change::ApplicantsChanged,
    });
}
