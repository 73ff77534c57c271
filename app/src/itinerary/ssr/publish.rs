//! Publishing a session's day: the Finalize card's review (what a publish would change, for
//! whom), publishing the draft as the next version, and taking the published day down.

use super::affected::{affected, email_of, notify, person_changes, reach, Affected};
use super::draft::{next_day, problems};
use super::versions::{out_now, unreadable, version_info};
use crate::auth::ssr::Staff;
use crate::day::ssr::audit_day_change;
use crate::day::types::DayPage;
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::ids::{DraftVersion, ItineraryVersion, SessionId};
use crate::itinerary::domain::Published;
use crate::itinerary::types::{PublishReview, VersionInfo};
use crate::mail::domain::{MailKind, Placeholder};
use crate::mail::ssr::Mail;
use crate::programs::domain::AuditAction;
use crate::server::AppState;
use crate::sessions::domain::long_date;

/// What publishing the draft now would do: the Day page, the version out, the day that would
/// go out and who it changes.
struct Prospect {
    page: DayPage,
    out: Option<(ItineraryVersion, Published)>,
    next: Published,
    affected: Vec<Affected>,
}

async fn prospect(state: &AppState, by: Staff, session_id: SessionId) -> AppResult<Prospect> {
    let page = crate::day::ssr::day_page(state, by, session_id).await?;
    let out = out_now(state, session_id).await?;
    let next = next_day(state, by, &page).await?;
    let affected = affected(out.as_ref().map(|o| &o.1), Some(&next));
    Ok(Prospect {
        page,
        out,
        next,
        affected,
    })
}

fn reviewed_stale() -> AppError {
    AppError::Conflict(
        "The draft changed since you reviewed it: review the changes again before publishing."
            .into(),
    )
}

/// Coordinators: the Finalize card: the version out, every version, and what publishing the
/// draft now would change, for whom (or why it cannot be published).
pub async fn review(
    state: &AppState,
    by: Staff,
    session_id: SessionId,
) -> AppResult<PublishReview> {
    let p = prospect(state, by, session_id).await?;
    let versions: Vec<VersionInfo> = state
        .repo
        .versions(session_id)
        .await?
        .into_iter()
        .map(|row| version_info(row, &p.page.session.time_zone))
        .collect();
    Ok(PublishReview {
        out: p.out.map(|o| o.0),
        next: versions
            .first()
            .map_or(ItineraryVersion(1), |v| ItineraryVersion(v.version.0 + 1)),
        versions,
        draft_version: p.page.draft_version,
        changes: person_changes(&p.affected),
        problems: problems(&p.page),
    })
}

/// Coordinators: publishes the draft as the next version, when it is still the one reviewed
/// (`draft_version`) and breaks no rule; tells each person whose day changed.
pub async fn finalize(
    state: &AppState,
    by: Staff,
    session_id: SessionId,
    draft_version: DraftVersion,
) -> AppResult<ItineraryVersion> {
    let Prospect {
        page,
        next,
        affected,
        ..
    } = prospect(state, by, session_id).await?;
    if page.draft_version != draft_version {
        return Err(reviewed_stale());
    }
    if let Some(first) = problems(&page).into_iter().next() {
        return Err(AppError::Conflict(format!("Not published: {first}")));
    }
    let body = serde_json::to_string(&next).map_err(unreadable)?;
    let (_, interviewers) = next.people();
    let reached = reach(state, by.program_id, affected).await?;
    let mut tx = state.repo.begin_write().await?;
    // Two coordinators publishing at once: the draft's version is read again under the write.
    if state.repo.draft_version_locked(&mut tx, session_id).await? != draft_version {
        return Err(reviewed_stale());
    }
    let version = state
        .repo
        .publish_version(&mut tx, session_id, &body, by.user_id, &interviewers)
        .await?;
    let to = format!("version {version}");
    audit_day_change(
        state,
        &mut tx,
        by,
        session_id,
        AuditAction::Published,
        None,
        Some(&to),
    )
    .await?;
    let date = long_date(next.date);
    let what = format!("{} ({date})", next.name);
    tell(state, tx, &what, &reached, |a, email| {
        email_of(state, by.program_id, (&next.name, &date), a, email, version)
    })
    .await?;
    Ok(version)
}

/// Coordinators: takes the published day down: applicants see only their confirmed session
/// again, interviewers no rounds; everyone who had a day is told.
pub async fn unfinalize(state: &AppState, by: Staff, session_id: SessionId) -> AppResult<()> {
    // The coordinator guard and the setup option, as for any Day function.
    crate::day::ssr::day_page(state, by, session_id).await?;
    let Some((version, out)) = out_now(state, session_id).await? else {
        return Err(AppError::Conflict("This day is not finalized.".into()));
    };
    let mut affected = affected(Some(&out), None);
    let date = long_date(out.date);
    let what = format!("{} ({date})", out.name);
    for a in &mut affected {
        a.lines = vec![format!(
            "Your itinerary for {what} was taken down while the schedule changes; you will hear when it is published again."
        )];
    }
    let reached = reach(state, by.program_id, affected).await?;
    let mut tx = state.repo.begin_write().await?;
    state.repo.set_out(&mut tx, session_id, None, &[]).await?;
    let from = format!("version {version}");
    audit_day_change(
        state,
        &mut tx,
        by,
        session_id,
        AuditAction::Unpublished,
        Some(&from),
        None,
    )
    .await?;
    tell(state, tx, &what, &reached, |a, email| {
        a.mail(state, MailKind::ItineraryTakenDown, by.program_id, email)
            .with(Placeholder::SessionName, &out.name)
            .with(Placeholder::SessionDate, &date)
            .with(Placeholder::Details, a.lines.join("\n"))
    })
    .await
}

/// The end of a publish or a take-down: an e-mail to each person reached (`mail` writes its
/// message) in the change's transaction, then the commit, the outbox woken and a live
/// notice to each of them.
async fn tell(
    state: &AppState,
    mut tx: Tx,
    what: &str,
    reached: &[(Affected, String)],
    mail: impl Fn(&Affected, &str) -> Mail,
) -> AppResult<()> {
    for (a, email) in reached {
        crate::mail::ssr::send(state, &mut tx, mail(a, email)).await?;
    }
    tx.commit().await?;
    state.outbox_wake.notify_one();
    notify(state, what, reached);
    Ok(())
}
