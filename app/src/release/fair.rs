//! A fair release: during its window every invited applicant ranks the sessions they can
//! attend; at the window's close a job draws the seats by a seeded lottery
//! ([`crate::booking::lottery`]): each applicant in lottery order gets the highest-ranked
//! session with a seat, the rest wait in lottery order in the line of each session they ranked.
//! The seed's SHA-256 is shown from the release's creation, the seed after the draw, so anyone
//! can recompute the order (SHA-256 of the seed's text, `/`, the applicant's id). The draw is
//! claimed once (`drawn_at`), so two instances never draw twice; coordinators can see a dry
//! run before the close.

use crate::applicants::domain::{Status, Transition};
use crate::applicants::repo::ApplicantKey;
use crate::applicants::ssr::{ruled, save};
use crate::auth::ssr::{Applicant, Staff};
use crate::booking::lottery::{assign, lottery_order, Draw};
use crate::booking::rules::said_at;
use crate::error::{AppError, AppResult};
use crate::ids::{ApplicantId, SessionId};
use crate::live::{Audience, Change, Event};
use crate::mail::domain::{MailKind, Placeholder};
use crate::mail::ssr::{send, Mail};
use crate::server::AppState;
use crate::waitlist::domain::ordinal;
use std::collections::BTreeMap;

/// How often the job looks for a window that has closed.
pub const EVERY: std::time::Duration = std::time::Duration::from_secs(3);

/// The applicant's ranking of a fair release's sessions, while its window is open.
pub async fn rank(
    state: &AppState,
    me: &Applicant,
    form: &super::types::RankingForm,
) -> AppResult<()> {
    let invited = state.repo.invitations_for(&me.email).await?;
    let row = invited
        .iter()
        .find(|r| r.program_id == form.program_id && r.invitation_sent_at.is_some())
        .ok_or_else(|| AppError::NotFound("That invitation was not found.".into()))?;
    // Read before the transaction (a call holding a connection never waits for another).
    let program = state.repo.program(form.program_id).await?;
    let zone = program.map(|p| p.time_zone).unwrap_or(chrono_tz::UTC);
    let mut tx = state.repo.begin_write().await?;
    let release = state
        .repo
        .release_in(&mut *tx, form.program_id, form.release_id)
        .await?
        .filter(|r| r.fair)
        .ok_or_else(|| AppError::NotFound("That release was not found.".into()))?;
    let now = state.clock.now();
    if now < release.opens_at {
        return Err(AppError::Conflict(format!(
            "Ranking opens on {}.",
            said_at(release.opens_at, zone)
        )));
    }
    if release.drawn_at.is_some() || now >= release.closes_at() {
        return Err(AppError::Conflict(format!(
            "Ranking closed on {}: the seats are drawn.",
            said_at(release.closes_at(), zone)
        )));
    }
    if row.status != Status::InvitedReady {
        return Err(AppError::Conflict(format!(
            "Your status is {}: only an applicant still choosing ranks these sessions.",
            row.status.label()
        )));
    }
    let sessions = state.repo.sessions_of_release(&mut *tx, release.id).await?;
    let ranking = super::domain::validate_ranking(&form.choices, &sessions)?;
    state
        .repo
        .save_ranking(&mut tx, release.id, row.applicant_id, &ranking)
        .await?;
    tx.commit().await?;
    state.hub.publish(Event {
        audiences: vec![
            Audience::Person(me.email.clone()),
            Audience::Coordinators(form.program_id),
        ],
        change: Change::ApplicantsChanged,
    });
    Ok(())
}

/// The program's applicants still choosing (Invited & Ready), read before a draw's
/// transaction (a call holding a connection never waits for another).
async fn still_choosing(
    state: &AppState,
    program_id: crate::ids::ProgramId,
) -> AppResult<Vec<ApplicantId>> {
    Ok(state
        .repo
        .applicants(program_id)
        .await?
        .into_iter()
        .filter(|a| a.status == Status::InvitedReady)
        .map(|a| a.id)
        .collect())
}

/// What the draw gives now, in words, for coordinators before the close.
pub async fn dry_run(state: &AppState, by: Staff, id: i64) -> AppResult<String> {
    let choosing = still_choosing(state, by.program_id).await?;
    let mut tx = state.repo.begin().await?;
    let release = state
        .repo
        .release_in(&mut *tx, by.program_id, id)
        .await?
        .filter(|r| r.fair)
        .ok_or_else(|| AppError::NotFound("That release was not found.".into()))?;
    let (draw, names, ranked) = draw_of(state, &mut tx, &release, &choosing).await?;
    tx.rollback().await?;
    let mut parts = vec![format!(
        "If the draw were now, with the {ranked} ranking(s) in:"
    )];
    for (s, name) in &names {
        let seated = draw.seated.values().filter(|x| *x == s).count();
        let waiting = draw.waiting.get(s).map_or(0, Vec::len);
        parts.push(format!("{name}: {seated} seated, {waiting} waiting."));
    }
    if release.drawn_at.is_some() {
        parts.insert(0, "This release is drawn already.".into());
    }
    Ok(parts.join(" "))
}

/// The draw of `release` as things stand: its sessions' free seats, the rankings of applicants
/// still choosing, the lottery order by its seed. With the sessions' names and how many ranked.
async fn draw_of(
    state: &AppState,
    tx: &mut crate::db::Tx,
    release: &super::repo::ReleaseRow,
    still_choosing: &[ApplicantId],
) -> AppResult<(Draw, Vec<(SessionId, String)>, usize)> {
    let sessions = state
        .repo
        .sessions_of_release(&mut **tx, release.id)
        .await?;
    let mut seats = BTreeMap::new();
    let mut names = Vec::new();
    for s in &sessions {
        if let Some(row) = state
            .repo
            .session_in(&mut **tx, release.program_id, *s)
            .await?
        {
            let free = (row.capacity - row.confirmed).max(0);
            seats.insert(*s, u32::try_from(free).unwrap_or(0));
            names.push((*s, row.name));
        }
    }
    let mut ranked: BTreeMap<ApplicantId, Vec<SessionId>> = BTreeMap::new();
    for (a, s) in state.repo.rankings(&mut **tx, release.id).await? {
        if still_choosing.contains(&a) {
            ranked.entry(a).or_default().push(s);
        }
    }
    let seed = release.seed.clone().unwrap_or_default();
    let who: Vec<ApplicantId> = ranked.keys().copied().collect();
    let order = lottery_order(seed.as_bytes(), &who);
    Ok((assign(&seats, &ranked, &order), names, who.len()))
}

/// Runs [`draw_due`] now and every [`EVERY`], for as long as the server runs.
pub async fn run(state: AppState) {
    loop {
        match draw_due(&state).await {
            Ok(0) => {}
            Ok(_) => {
                state.outbox_wake.notify_one();
                state.seats_wake.notify_one();
            }
            Err(e) => {
                tracing::warn!(error = %e, "fair releases: a draw failed (tried again shortly)")
            }
        }
        tokio::time::sleep(EVERY).await;
    }
}

/// Draws every fair release whose window has closed; returns how many were drawn.
pub async fn draw_due(state: &AppState) -> AppResult<usize> {
    let now = state.clock.now();
    let mut drawn = 0;
    for release in state.repo.fair_releases_due(now).await? {
        if draw(state, &release, now).await? {
            drawn += 1;
        }
    }
    Ok(drawn)
}

/// One release's draw, in one transaction: claimed (once), then the seated confirmed and the
/// rest put in line, each e-mailed and told on screen.
async fn draw(
    state: &AppState,
    release: &super::repo::ReleaseRow,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<bool> {
    let program_id = release.program_id;
    let choosing = still_choosing(state, program_id).await?;
    let mut tx = state.repo.begin_write().await?;
    if !state.repo.claim_draw(&mut tx, release.id, now).await? {
        return Ok(false);
    }
    // The sessions' rows locked first (in id order), then each applicant's (the lock order of
    // every waitlist workflow).
    let sessions = state.repo.sessions_of_release(&mut *tx, release.id).await?;
    for s in &sessions {
        state.repo.lock_session(&mut tx, program_id, *s).await?;
    }
    let (draw, names, _) = draw_of(state, &mut tx, release, &choosing).await?;
    let name = |s: SessionId| {
        names
            .iter()
            .find(|(id, _)| *id == s)
            .map(|(_, n)| n.clone())
            .unwrap_or_default()
    };
    let mut told = Vec::new();
    for (applicant, session) in &draw.seated {
        let Some(mut a) = state
            .repo
            .lock_applicant(&mut tx, program_id, ApplicantKey::Id(*applicant))
            .await?
        else {
            continue;
        };
        if a.status != Status::InvitedReady {
            continue; // they answered otherwise since (declined, withdrawn …)
        }
        let before = a.status;
        a.status = ruled(&a, Transition::Confirm)?;
        a.session_id = Some(*session);
        let reason = Some("the fair release's draw");
        save(state, &mut tx, program_id, None, before, &a, reason).await?;
        crate::booking::ssr::audit::assigned(state, &mut tx, program_id, None, &a, reason).await?;
        crate::booking::ssr::mail::tell(state, &mut tx, program_id, before, &a).await?;
        told.push((
            a.email.clone(),
            format!(
                "The draw is done: you are confirmed for {}.",
                name(*session)
            ),
        ));
    }
    let mut lines: BTreeMap<ApplicantId, Vec<String>> = BTreeMap::new();
    for (session, waiting) in &draw.waiting {
        for (i, applicant) in waiting.iter().enumerate() {
            state
                .repo
                .join_line(&mut tx, program_id, *session, *applicant, now)
                .await?;
            lines.entry(*applicant).or_default().push(format!(
                "{}: {} in line",
                name(*session),
                ordinal(i + 1)
            ));
        }
    }
    for (applicant, places) in &lines {
        let Some(mut a) = state
            .repo
            .lock_applicant(&mut tx, program_id, ApplicantKey::Id(*applicant))
            .await?
        else {
            continue;
        };
        if a.status != Status::InvitedReady {
            continue;
        }
        let before = a.status;
        a.status = ruled(&a, Transition::Waitlist)?;
        save(
            state,
            &mut tx,
            program_id,
            None,
            before,
            &a,
            Some("the fair release's draw"),
        )
        .await?;
        let mail = Mail::new(MailKind::Waitlist, Some(program_id), &a.email)
            .applicant(a.id, &a.name, &a.email)
            .with(Placeholder::Details, places.join("\n"));
        send(state, &mut tx, mail).await?;
        told.push((
            a.email.clone(),
            format!(
                "The draw is done: every session you ranked is full, so you wait in line ({}).",
                places.join("; ")
            ),
        ));
    }
    let fills = crate::live::changes(&state.repo, &mut tx, program_id, &sessions, None).await?;
    tx.commit().await?;
    crate::waitlist::ssr::publish(state, program_id, fills, &told);
    Ok(true)
}

/// The fair releases of every program whose invitation reached the applicant.
pub async fn mine(state: &AppState, me: &Applicant) -> AppResult<Vec<super::types::FairView>> {
    let mut out = Vec::new();
    for row in state.repo.invitations_for(&me.email).await? {
        if row.invitation_sent_at.is_none() {
            continue;
        }
        let zone = state
            .repo
            .program(row.program_id)
            .await?
            .map(|p| p.time_zone)
            .unwrap_or(chrono_tz::UTC);
        let sessions = state.repo.sessions(row.program_id).await?;
        let ranked = |r: i64| async move { state.repo.rankings(state.repo.pool(), r).await };
        for r in state.repo.releases(row.program_id).await? {
            if !r.fair {
                continue;
            }
            let held = state
                .repo
                .sessions_of_release(state.repo.pool(), r.id)
                .await?;
            let mine = ranked(r.id)
                .await?
                .into_iter()
                .filter(|(a, _)| *a == row.applicant_id)
                .map(|(_, s)| s)
                .collect();
            out.push(super::types::FairView {
                program_id: row.program_id,
                release_id: r.id,
                name: r.name.clone(),
                opens_at: r.opens_at,
                closes_at: r.closes_at(),
                opens: said_at(r.opens_at, zone),
                closes: said_at(r.closes_at(), zone),
                sessions: sessions
                    .iter()
                    .filter(|s| held.contains(&s.id) && s.visible)
                    .map(|s| (s.id, crate::waitlist::ssr::named(s)))
                    .collect(),
                mine,
                seed_hash: r.seed_hash.clone().unwrap_or_default(),
                seed: r.drawn_at.and(r.seed.clone()),
            });
        }
    }
    Ok(out)
}
