//! An applicant's change of plans in one program, as their My Programs card shows it: when
//! changing their confirmed interview closes, where they may move it now, whom to contact,
//! and the lines they are in with their place (an offer held for them, or a seat open).

use crate::applicants::domain::Status;
use crate::auth::ssr::Applicant;
use crate::booking::repo::ReleaseGate;
use crate::booking::rules::said_at;
use crate::booking::ssr::open::{locks_of, open_now};
use crate::error::{AppError, AppResult};
use crate::ids::ProgramId;
use crate::server::AppState;
use crate::waitlist::types::{LockSaid, MyPlace, MyPlans, Opens};

pub async fn my_plans(
    state: &AppState,
    me: &Applicant,
    program_id: ProgramId,
) -> AppResult<MyPlans> {
    let a = state
        .repo
        .invitations_for(&me.email)
        .await?
        .into_iter()
        .find(|r| r.program_id == program_id && r.invitation_sent_at.is_some())
        .ok_or_else(|| AppError::NotFound("That invitation was not found.".into()))?;
    // A read, in one transaction so every part is of one moment (nothing is written); every
    // query on it, so a call holds one connection (many tabs reloading at once would otherwise
    // empty the pool and wait on each other). The sessions with their fill and release in one.
    let mut tx = state.repo.begin().await?;
    let rules = state.repo.change_rules(&mut *tx, program_id).await?;
    let sessions = state.repo.gated_sessions(&mut tx, program_id, None).await?;
    let find = |id| sessions.iter().map(|g| &g.session).find(|s| s.id == id);
    let now = state.clock.now();
    let contact = state.repo.coordinator_contact(&mut tx, program_id).await?;
    let mut cancel_lock = None;
    let mut reschedule_to = Vec::new();
    if let (Status::Confirmed, Some(id)) = (a.status, a.session_id) {
        if let Some(row) = find(id) {
            let at = locks_of(&rules, row).cancel;
            let closed = now >= at;
            cancel_lock = Some(LockSaid {
                at,
                said: said_at(at, row.time_zone),
                closed,
            });
            if !closed {
                for g in &sessions {
                    let s = &g.session;
                    if s.id == id || s.fill().is_full() {
                        continue;
                    }
                    if open_now(Some(g), &rules, now, "session_id").is_ok() {
                        reschedule_to.push((s.id, super::named(s)));
                    }
                }
            }
        }
    }
    let mut places = Vec::new();
    for (session, place) in state.repo.places_of(&mut *tx, a.applicant_id).await? {
        let (Some(row), Some(e)) = (
            find(session),
            state.repo.entry(&mut tx, session, a.applicant_id).await?,
        ) else {
            continue;
        };
        places.push(MyPlace {
            session_id: session,
            session_name: super::named(row),
            place,
            seat_open: e.told_at.is_some(),
            offer_until: e.offer_expires_at,
            offer_until_said: e.offer_expires_at.map(|t| said_at(t, row.time_zone)),
        });
    }
    let mut opens = Vec::new();
    for g in &sessions {
        let s = &g.session;
        if let Some(r) = ReleaseGate::of(g) {
            if r.fair && r.drawn_at.is_none() {
                opens.push(Opens {
                    session_id: s.id,
                    at: r.closes_at,
                    said: format!(
                        "In a fair release: rank it above; booking opens after the draw on {}",
                        said_at(r.closes_at, s.time_zone)
                    ),
                });
            } else if now < r.opens_at {
                opens.push(Opens {
                    session_id: s.id,
                    at: r.opens_at,
                    said: format!("Opens for booking on {}", said_at(r.opens_at, s.time_zone)),
                });
            }
        }
    }
    tx.rollback().await?;
    Ok(MyPlans {
        opens,
        program_id,
        mode: rules.waitlist,
        cancel_lock,
        reschedule_to,
        contact,
        places,
    })
}

/// [`my_plans`] in every program whose invitation reached the applicant.
pub async fn all_my_plans(state: &AppState, me: &Applicant) -> AppResult<Vec<MyPlans>> {
    let mut out = Vec::new();
    for row in state.repo.invitations_for(&me.email).await? {
        if row.invitation_sent_at.is_some() {
            out.push(my_plans(state, me, row.program_id).await?);
        }
    }
    Ok(out)
}
