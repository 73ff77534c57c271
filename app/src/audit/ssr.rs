//! The audit log's workflows: a page of the program's lines (filtered, newest first), the same
//! lines as CSV, and one applicant's history. Coordinators of the program only: the callers
//! pass a coordinator ([`Staff`] from `Caller::coordinator`), and every query is of their
//! program.

use super::domain::{kind_label, sentence, Criteria, PAGE_SIZE};
use super::types::{AuditFilter, Entry};
use crate::auth::ssr::Staff;
use crate::error::{AppError, AppResult};
use crate::ids::{ApplicantId, UserId};
use crate::server::AppState;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

/// What the audit page shows: a page of lines and what the filter offers.
pub struct AuditPage {
    pub entries: Vec<Entry>,
    pub zone: Tz,
    pub criteria: Criteria,
    /// The lines the filter chooses, on every page.
    pub total: i64,
    pub people: Vec<(UserId, String)>,
    /// Action words in the log, with the kind each is.
    pub kinds: Vec<(String, String)>,
    /// The applicant the page is narrowed to, by name.
    pub applicant: Option<String>,
}

/// The program's zone and its day `d` at midnight, in UTC milliseconds.
pub fn midnight(zone: Tz, d: NaiveDate) -> Option<i64> {
    let local = d.and_hms_opt(0, 0, 0)?;
    zone.from_local_datetime(&local)
        .earliest()
        .or_else(|| {
            zone.from_local_datetime(&(local + chrono::Duration::hours(1)))
                .earliest()
        })
        .map(|t| t.with_timezone(&Utc).timestamp_millis())
}

/// The criteria's days as UTC milliseconds: from the first's midnight to the midnight after
/// the last.
fn window(zone: Tz, c: &Criteria) -> (Option<i64>, Option<i64>) {
    (
        c.from.and_then(|d| midnight(zone, d)),
        c.to.and_then(|d| d.succ_opt())
            .and_then(|d| midnight(zone, d)),
    )
}

/// The program's zone (times in words) and an applicant's name in the program, if they are one
/// of it (the Communications page reads them so too).
pub async fn zone_and_name(
    state: &AppState,
    by: Staff,
    applicant: Option<i64>,
) -> AppResult<(Tz, Option<String>)> {
    let (zone, name) = state.repo.audit_context(by.program_id, applicant).await?;
    Ok((zone.parse().unwrap_or(chrono_tz::UTC), name))
}

/// A page of the program's lines the filter chooses, newest first.
pub async fn page(state: &AppState, by: Staff, f: &AuditFilter) -> AppResult<AuditPage> {
    let criteria = Criteria::read(f)?;
    let (zone, applicant) = zone_and_name(state, by, criteria.applicant).await?;
    if criteria.applicant.is_some() && applicant.is_none() {
        return Err(AppError::NotFound("That applicant was not found.".into()));
    }
    let w = window(zone, &criteria);
    let repo = &state.repo;
    let total = repo.audit_count(by.program_id, &criteria, w).await?;
    let entries = repo
        .audit_entries(
            by.program_id,
            &criteria,
            w,
            Some((PAGE_SIZE, criteria.offset())),
        )
        .await?;
    let people = repo.audit_people(by.program_id).await?;
    let kinds = repo
        .audit_kinds(by.program_id)
        .await?
        .into_iter()
        .map(|k| {
            let label = kind_label(&k);
            (k, label)
        })
        .collect();
    Ok(AuditPage {
        entries,
        zone,
        criteria,
        total,
        people,
        kinds,
        applicant,
    })
}

/// One applicant's lines, newest first, and the program's zone to show them in.
pub async fn applicant_history(
    state: &AppState,
    by: Staff,
    applicant: ApplicantId,
) -> AppResult<(Vec<Entry>, Tz)> {
    let criteria = Criteria {
        applicant: Some(applicant.0),
        page: 1,
        ..Criteria::default()
    };
    let (zone, _) = zone_and_name(state, by, None).await?;
    let entries = state
        .repo
        .audit_entries(by.program_id, &criteria, (None, None), None)
        .await?;
    Ok((entries, zone))
}

/// An instant in the program's zone, as a spreadsheet reads it (`2026-11-12 14:03 EST`).
fn sheet_time(at_ms: i64, zone: Tz) -> String {
    DateTime::<Utc>::from_timestamp_millis(at_ms)
        .map(|t| {
            t.with_timezone(&zone)
                .format("%Y-%m-%d %H:%M %Z")
                .to_string()
        })
        .unwrap_or_default()
}

/// The lines the filter chooses (every page), as CSV: when, who, kind, about, from, to, why and
/// the sentence. A cell a spreadsheet would read as a formula is escaped as the rank list's
/// export escapes it.
pub async fn csv(state: &AppState, by: Staff, f: &AuditFilter) -> AppResult<String> {
    let criteria = Criteria::read(f)?;
    let (zone, _) = zone_and_name(state, by, criteria.applicant).await?;
    let entries = state
        .repo
        .audit_entries(by.program_id, &criteria, window(zone, &criteria), None)
        .await?;
    let mut out = csv::Writer::from_writer(Vec::new());
    let mut write = |cells: &[&str]| {
        let safe: Vec<String> = cells.iter().map(|c| crate::text::csv_cell(c)).collect();
        out.write_record(&safe).map_err(|_| AppError::Internal)
    };
    write(&[
        "When",
        "Who",
        "Kind",
        "About",
        "From",
        "To",
        "Why",
        "What happened",
    ])?;
    for e in &entries {
        write(&[
            &sheet_time(e.at_ms, zone),
            &super::domain::actor(e),
            &kind_label(&e.action),
            &super::domain::subject(e),
            e.from.as_deref().unwrap_or(""),
            e.to.as_deref().unwrap_or(""),
            e.reason.as_deref().unwrap_or(""),
            &sentence(e),
        ])?;
    }
    let bytes = out.into_inner().map_err(|_| AppError::Internal)?;
    String::from_utf8(bytes).map_err(|_| AppError::Internal)
}
