//! A session's scoring: the form it is scored on, whether everyone of the day may score
//! everyone, who still owes which score, and the reminder to them.

use crate::auth::ssr::Staff;
use crate::error::{AppError, AppResult};
use crate::ids::{ApplicantId, ScoringFormId, SessionId};
use crate::mail::domain::{MailKind, Placeholder};
use crate::mail::ssr::Mail;
use crate::scoring::domain::{self};
use crate::scoring::types::MissingLine;
use crate::server::AppState;
use crate::sessions::ssr::own_session;

/// Coordinators: lets every interviewer of the session's day score every applicant of it (or,
/// `open` false, only those they met).
pub async fn open_scoring(
    state: &AppState,
    by: Staff,
    session: SessionId,
    open: bool,
) -> AppResult<()> {
    own_session(state, by, session).await?;
    if !state.repo.set_open_scoring(session, open).await? {
        return Err(AppError::Conflict(
            "Choose the session's scoring form first.".into(),
        ));
    }
    Ok(())
}

/// Coordinators: the form a session is scored on.
pub async fn assign_form(
    state: &AppState,
    by: Staff,
    session: SessionId,
    form: Option<ScoringFormId>,
) -> AppResult<()> {
    own_session(state, by, session).await?;
    if let Some(form) = form {
        state
            .repo
            .scoring_form(by.program_id, form)
            .await?
            .ok_or_else(|| AppError::invalid("form_id", "Choose one of the program's forms."))?;
    }
    state.repo.set_session_form(session, form).await?;
    Ok(())
}

/// Who still owes which score in a session, by interviewer: with a published day, each
/// applicant an interviewer met without a submitted sheet (none expected without one).
/// (interviewer, their e-mail, the line shown).
async fn owed(
    state: &AppState,
    by: Staff,
    session: SessionId,
) -> AppResult<Vec<(String, MissingLine)>> {
    own_session(state, by, session).await?;
    let Some((_, day)) = crate::itinerary::ssr::out_now(state, session).await? else {
        return Ok(Vec::new());
    };
    let expected = domain::expected(&day);
    let submitted = state.repo.submitted_in(session).await?;
    let missing = domain::missing(&expected, &submitted);
    let emails = state.repo.day_interviewer_emails(session).await?;
    let name_of = |a: ApplicantId| {
        day.applicants
            .iter()
            .find(|p| p.id == a)
            .map(|p| p.name.clone())
            .unwrap_or_default()
    };
    let mut out: Vec<(String, MissingLine)> = Vec::new();
    for room in &day.rooms {
        for i in &room.interviewers {
            if out.iter().any(|(_, l)| l.interviewer == i.name) {
                continue;
            }
            let applicants: Vec<String> = missing
                .iter()
                .filter(|(_, u)| *u == i.id)
                .map(|(a, _)| name_of(*a))
                .collect();
            if applicants.is_empty() {
                continue;
            }
            let email = emails
                .iter()
                .find(|(u, _)| *u == i.id)
                .map(|(_, e)| e.clone())
                .unwrap_or_default();
            out.push((
                email,
                MissingLine {
                    interviewer: i.name.clone(),
                    applicants,
                },
            ));
        }
    }
    Ok(out)
}

/// Coordinators: who still owes which score in a session.
pub async fn missing_scores(
    state: &AppState,
    by: Staff,
    session: SessionId,
) -> AppResult<Vec<MissingLine>> {
    Ok(owed(state, by, session)
        .await?
        .into_iter()
        .map(|(_, line)| line)
        .collect())
}

/// Coordinators: a reminder through the outbox to each interviewer who owes scores, naming the
/// applicants; how many were queued.
pub async fn remind_scorers(state: &AppState, by: Staff, session: SessionId) -> AppResult<usize> {
    let owed = owed(state, by, session).await?;
    let name = own_session(state, by, session).await?.name;
    let mut tx = state.repo.begin_write().await?;
    let mut sent = 0;
    for (email, line) in &owed {
        if email.is_empty() {
            continue;
        }
        let mail = Mail::new(MailKind::ScoresReminder, Some(by.program_id), email)
            .user(None, &line.interviewer)
            .with(Placeholder::SessionName, &name)
            .with(
                Placeholder::Details,
                line.applicants
                    .iter()
                    .map(|a| format!("- {a}"))
                    .collect::<Vec<_>>()
                    .join("\n"),
            );
        crate::mail::ssr::send(state, &mut tx, mail).await?;
        sent += 1;
    }
    tx.commit().await?;
    state.outbox_wake.notify_one();
    Ok(sent)
}

/// Coordinators: a session's scoring (its form, the missing scores, the reminder).
pub async fn session_html(state: &AppState, by: Staff, session: SessionId) -> AppResult<String> {
    own_session(state, by, session).await?;
    let scoring = state.repo.session_scoring(session).await?;
    let form = match scoring {
        Some((id, _)) => state
            .repo
            .scoring_form(by.program_id, id)
            .await?
            .map(|f| f.name),
        None => None,
    };
    let missing = missing_scores(state, by, session).await?;
    Ok(crate::scoring::pages::session_panel(
        session,
        form.as_deref(),
        scoring.is_some_and(|(_, open)| open),
        &missing,
    ))
}
