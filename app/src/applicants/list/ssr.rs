//! The list's workflows: one page of it as the screen shows it, and a bulk action.
//!
//! A bulk action runs each applicant through the same workflow as its row's button (or, to
//! withdraw and move, as the applicant's page: `applicants::changes`), **one
//! transaction per applicant**: each is checked on its own, so one refusal (Ana is Confirmed)
//! never undoes the others' changes, and the action never holds SQLite's write lock for the
//! whole run (bookings and other coordinators' changes go on between two applicants). Each
//! change writes its audit line and publishes its live update, as a single one does.

use super::query::ListQuery;
use super::repo::ListRow;
use super::types::BulkForm;
use crate::applicants::changes::ssr as changes;
use crate::applicants::ssr::invite;
use crate::applicants::ssr::list::sent_stamps;
use crate::auth::ssr::Staff;
use crate::error::{AppError, AppResult};
use crate::ids::{ApplicantId, SessionId};
use crate::server::AppState;
use crate::sessions::api::SessionSummary;
use std::collections::HashMap;

/// One page of the list, as the screen writes it.
pub struct ListPage {
    pub rows: Vec<ListRow>,
    /// How many applicants the filter matches (every page), and in the whole program.
    pub matching: u64,
    pub page: u64,
    pub pages: u64,
    pub query: ListQuery,
    pub sessions: Vec<SessionSummary>,
    /// When each sent invitation on this page went out, in the program's zone, named.
    pub sent: HashMap<ApplicantId, String>,
}

/// The page of the list the address asks for (its query, read leniently: `ListQuery`).
pub async fn list_page(state: &AppState, by: Staff, query: &str) -> AppResult<ListPage> {
    let mut query = ListQuery::parse(query);
    let matching = state
        .repo
        .applicants_matching(by.program_id, &query)
        .await?;
    let (page, pages) = query.page_in(matching);
    query.page = page;
    let rows = state
        .repo
        .applicant_page(by.program_id, &query, page)
        .await?;
    let sent = sent_stamps(state, by.program_id, rows.iter().map(|r| &r.applicant)).await?;
    Ok(ListPage {
        rows,
        matching,
        page,
        pages,
        query,
        sessions: crate::applicants::ssr::sessions_of(state, by.program_id).await?,
        sent,
    })
}

/// How many applicants the filter of the address matches, and the sessions (the bar above
/// the list: "select all N matching", "move to").
pub async fn bar(
    state: &AppState,
    by: Staff,
    query: &str,
) -> AppResult<(ListQuery, u64, Vec<SessionSummary>)> {
    let query = ListQuery::parse(query);
    let matching = state
        .repo
        .applicants_matching(by.program_id, &query)
        .await?;
    let sessions = crate::applicants::ssr::sessions_of(state, by.program_id).await?;
    Ok((query, matching, sessions))
}

/// What a bulk action did: whom it changed, whom it refused and why.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BulkOutcome {
    pub done: Vec<String>,
    /// Each refused applicant's name and the refusal in words.
    pub refused: Vec<(String, String)>,
}

impl BulkOutcome {
    /// In words: "12 invited; 2 refused: Ana Lee is Confirmed: … Bo Chen: …".
    pub fn said(&self, verb: &str) -> String {
        let mut out = format!("{} {verb}", self.done.len());
        if !self.refused.is_empty() {
            let why: Vec<String> = self
                .refused
                .iter()
                .map(|(name, why)| {
                    if why.contains(name.as_str()) {
                        why.clone()
                    } else {
                        format!("{name}: {why}")
                    }
                })
                .collect();
            out.push_str(&format!(
                "; {} refused: {}",
                self.refused.len(),
                why.join(" ")
            ));
        }
        out
    }
}

/// A bulk action's kind, from the pressed button.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BulkAction {
    MarkInvited,
    SendInvitation,
    Withdraw,
    /// To this session of the program.
    Move(SessionId),
}

impl BulkAction {
    /// The pressed button's action; a move names its session (`session`), one of `sessions`.
    pub fn parse(text: &str, session: &str, sessions: &[SessionSummary]) -> AppResult<BulkAction> {
        match text {
            "invite" => Ok(BulkAction::MarkInvited),
            "send" => Ok(BulkAction::SendInvitation),
            "withdraw" => Ok(BulkAction::Withdraw),
            "move" => session
                .parse::<SessionId>()
                .ok()
                .filter(|id| sessions.iter().any(|s| s.id == *id))
                .map(BulkAction::Move)
                .ok_or_else(|| AppError::invalid("session", "Choose the session to move them to.")),
            _ => Err(AppError::BadRequest(
                "Choose what to do with the selected applicants.".into(),
            )),
        }
    }

    /// What the result says was done ("12 marked Invited & Ready").
    fn verb(self) -> &'static str {
        match self {
            BulkAction::MarkInvited => "marked Invited & Ready for Scheduling",
            BulkAction::SendInvitation => "sent the invitation",
            BulkAction::Withdraw => "withdrawn",
            BulkAction::Move(_) => "moved",
        }
    }
}

/// The most applicants one bulk action takes (a season's list, with room to spare).
pub const BULK_MAX: usize = 10_000;

/// Runs a bulk action on the ticked applicants, or on every one the filter matches; answers
/// what it changed and refused, in words.
pub async fn bulk(state: &AppState, by: Staff, form: BulkForm) -> AppResult<String> {
    let sessions = crate::applicants::ssr::sessions_of(state, by.program_id).await?;
    let action = BulkAction::parse(&form.action, &form.session, &sessions)?;
    let why = changes::reason(Some(&form.reason))?;
    let why = why.as_deref();
    let ids = if form.all_matching {
        let filter = ListQuery::parse(&form.filter);
        state
            .repo
            .applicant_ids_matching(by.program_id, &filter)
            .await?
    } else {
        form.ids.clone()
    };
    if ids.is_empty() {
        return Err(AppError::Invalid {
            field: None,
            message: "Select applicants first (tick their rows, or all matching the filter)."
                .into(),
        });
    }
    if ids.len() > BULK_MAX {
        return Err(AppError::TooLarge(format!(
            "Select at most {BULK_MAX} applicants at once."
        )));
    }
    let names = state.repo.applicant_names(by.program_id).await?;
    let mut outcome = BulkOutcome::default();
    let mut unknown = 0;
    for id in ids {
        let Some(name) = names.get(&id).cloned() else {
            unknown += 1;
            continue;
        };
        let result = match action {
            BulkAction::MarkInvited => invite::mark_invited(state, by, id).await,
            BulkAction::SendInvitation => invite::send_invitation(state, by, id).await,
            BulkAction::Withdraw => changes::withdraw(state, by, id, why).await,
            BulkAction::Move(to) => changes::move_to(state, by, id, to, why).await,
        };
        match result {
            Ok(()) => outcome.done.push(name),
            Err(AppError::NotFound(_)) => unknown += 1,
            Err(e) => outcome.refused.push((name, e.to_string())),
        }
    }
    // Ids of no applicant of the program (another program's, or deleted since) are not named:
    // when they are all there was, the answer is that of one unknown applicant.
    if unknown > 0 && outcome.done.is_empty() && outcome.refused.is_empty() {
        return Err(crate::applicants::ssr::not_found());
    }
    if unknown > 0 {
        outcome.refused.push((
            format!("{unknown} more"),
            format!("{unknown} more were not found (removed, or of another program)."),
        ));
    }
    Ok(outcome.said(action.verb()))
}
