//! After Match Day: coordinators mark the applicants who matched to the program, one by one on
//! the rank list, or all at once from the ids of the matching program's results (a file or
//! pasted text, by NRMP or AAMC/ERAS id). Each mark, and each taken back, has its audit line;
//! the Reports page counts matched against ranked.

use super::audit_line;
use crate::applicants::import::columns::{field_of, Field};
use crate::auth::ssr::Staff;
use crate::error::{AppError, AppResult};
use crate::ids::ApplicantId;
use crate::live::{Audience, Change, Event};
use crate::programs::domain::{AuditAction, AuditEntity};
use crate::scoring::domain::matched::{find, ids_in, Header, KnownIds};
use crate::server::AppState;
use crate::upload::table::{decode, read_table};

/// The field the pasted ids are typed in.
pub const IDS_FIELD: &str = "ids";

/// Marks one applicant matched, or (`matched` false) takes the mark back; nothing to change
/// (marked already, or not marked) is no error and writes no audit line.
pub async fn mark_matched(
    state: &AppState,
    by: Staff,
    applicant: ApplicantId,
    matched: bool,
) -> AppResult<()> {
    if !state
        .repo
        .match_marks(by.program_id)
        .await?
        .iter()
        .any(|a| a.id == applicant)
    {
        return Err(AppError::NotFound("That applicant was not found.".into()));
    }
    set(state, by, &[applicant], matched, "by hand").await?;
    Ok(())
}

/// Marks matched (or, `take_back`, unmarks) the applicants whose ids are pasted in `text`: the
/// text of the Match results (a CSV with NRMP or AAMC id columns) or ids one per line. The
/// answer says how many changed and which ids are no applicant's.
pub async fn mark_matched_text(
    state: &AppState,
    by: Staff,
    text: &str,
    take_back: bool,
) -> AppResult<String> {
    if text.trim().is_empty() {
        return Err(AppError::invalid(
            IDS_FIELD,
            "Paste the matched applicants' NRMP or AAMC ids, or the Match results file's text.",
        ));
    }
    if text.len() > state.config.import_max_bytes {
        return Err(crate::upload::too_large(state.config.import_max_bytes));
    }
    mark_from(state, by, IDS_FIELD, text, !take_back, "from pasted ids").await
}

/// Marks matched the applicants whose ids a Match results file names (as [`mark_matched_text`]
/// reads pasted text).
pub async fn mark_matched_file(
    state: &AppState,
    by: Staff,
    file_name: &str,
    bytes: &[u8],
) -> AppResult<String> {
    let field = crate::upload::FILE_FIELD;
    let text = decode(bytes).map_err(|e| AppError::invalid(field, e.to_string()))?;
    let name: String = file_name.chars().take(100).collect();
    let from = if name.trim().is_empty() {
        "from a Match results file".to_string()
    } else {
        format!("from {}", name.trim())
    };
    mark_from(state, by, field, &text.text, true, &from).await
}

async fn mark_from(
    state: &AppState,
    by: Staff,
    field: &str,
    text: &str,
    matched: bool,
    from: &str,
) -> AppResult<String> {
    let table = read_table(text).map_err(|e| AppError::invalid(field, e.to_string()))?;
    let rows: Vec<Vec<String>> = table.rows.into_iter().map(|(_, r)| r).collect();
    let kind = |h: &str| match field_of(h) {
        Some(Field::NrmpId | Field::ApplicationId) => Header::Id,
        Some(_) => Header::Other,
        None => Header::Unknown,
    };
    let ids = ids_in(&table.header, &rows, kind).ok_or_else(|| {
        AppError::invalid(
            field,
            format!(
                "No column of NRMP or AAMC ids was found (the columns are {}): add one named \"NRMP ID\" or \"AAMC ID\", or paste the ids one per line.",
                table.header.join(", ")
            ),
        )
    })?;
    let marks = state.repo.match_marks(by.program_id).await?;
    let known: Vec<KnownIds> = marks
        .iter()
        .map(|m| KnownIds {
            applicant: m.id,
            nrmp: m.nrmp_id.clone(),
            aamc: m.application_id.clone(),
        })
        .collect();
    let found = find(&ids, &known);
    let changed = set(state, by, &found.applicants, matched, from).await?;
    let already = found.applicants.len() - changed.len();
    let name = |a: &ApplicantId| {
        marks
            .iter()
            .find(|m| m.id == *a)
            .map_or(String::new(), |m| m.name.clone())
    };
    let mut said = vec![match (matched, changed.len()) {
        (true, 1) => format!("Marked 1 applicant as matched: {}.", name(&changed[0])),
        (true, n) => format!("Marked {n} applicants as matched."),
        (false, 1) => format!("Took back the mark of 1 applicant: {}.", name(&changed[0])),
        (false, n) => format!("Took back the marks of {n} applicants."),
    }];
    if already > 0 {
        said.push(if matched {
            format!("{already} were marked already.")
        } else {
            format!("{already} were not marked.")
        });
    }
    if !found.unknown.is_empty() {
        let shown: Vec<&str> = found.unknown.iter().take(20).map(String::as_str).collect();
        let more = found.unknown.len() - shown.len();
        said.push(format!(
            "Not found ({}): {}{}. Check those ids on the applicants' pages, or import them.",
            found.unknown.len(),
            shown.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        ));
    }
    Ok(said.join(" "))
}

/// Sets (or takes back) the mark of each of `applicants` in one transaction, an audit line for
/// each that changed; those that changed. The coordinators' open pages reload.
async fn set(
    state: &AppState,
    by: Staff,
    applicants: &[ApplicantId],
    matched: bool,
    how: &str,
) -> AppResult<Vec<ApplicantId>> {
    let at = matched.then(|| state.clock.now().timestamp_millis());
    let mut changed = Vec::new();
    let mut tx = state.repo.begin_write().await?;
    for &a in applicants {
        if !state
            .repo
            .set_matched(&mut tx, by.program_id, a, at)
            .await?
        {
            continue;
        }
        let line = audit_line(
            by,
            (AuditEntity::Applicant, a.0),
            AuditAction::Matched,
            if matched {
                (None, Some("matched"))
            } else {
                (Some("matched"), None)
            },
            Some(how),
        );
        state.repo.audit(&mut tx, line).await?;
        changed.push(a);
    }
    tx.commit().await?;
    if !changed.is_empty() {
        state.hub.publish(Event {
            audiences: vec![Audience::Coordinators(by.program_id)],
            change: Change::ApplicantsChanged,
        });
    }
    Ok(changed)
}
