//! Files to download: the rank list as CSV (`/export/ranks.csv`, coordinators), written on the
//! server from the same ranks the page shows, the rank list to print (`/print/ranks`), and the
//! audit log as CSV (`/export/audit.csv`, as its page's filter chooses), and each report of the
//! Reports page as CSV (`/export/report.csv?table=…`).

use app::audit::types::AuditFilter;
use app::auth::ssr::Caller;
use app::scoring::types::RankView;
use app::server::AppState;
use axum::extract::{Query, RawQuery, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

/// Coordinators: the rank list as a CSV file.
pub async fn ranks_csv(
    State(state): State<AppState>,
    caller: Caller,
    Query(view): Query<RankView>,
) -> Response {
    let state = &state;
    coordinators_csv(&caller, "ranks.csv", |staff| {
        app::scoring::ssr::ranks_csv(state, staff, view)
    })
    .await
}

/// Coordinators: the rank order for the Match as a CSV file (NRMP and AAMC ids, flags; those
/// without an NRMP id listed apart).
pub async fn rank_order_csv(
    State(state): State<AppState>,
    caller: Caller,
    Query(view): Query<RankView>,
) -> Response {
    let state = &state;
    coordinators_csv(&caller, "rank-order.csv", |staff| {
        app::scoring::ssr::rank_order_csv(state, staff, view)
    })
    .await
}

/// Coordinators: the program's applicant list as a CSV file, as filtered (the list's address
/// query: `status`, `session`, `q`, `sort`, `dir`; the page is not a filter).
pub async fn applicants_csv(
    State(state): State<AppState>,
    caller: Caller,
    RawQuery(query): RawQuery,
) -> Response {
    let (state, query) = (&state, query.unwrap_or_default());
    coordinators_csv(&caller, "applicants.csv", |staff| async move {
        app::applicants::list::export::applicants_csv(state, staff, &query).await
    })
    .await
}

/// Coordinators: one of the Reports page's tables as a CSV file (`?table=sessions`; absent,
/// the first; the fill over time of one session with `&session=3`).
pub async fn report_csv(
    State(state): State<AppState>,
    caller: Caller,
    RawQuery(query): RawQuery,
) -> Response {
    let staff = match caller.coordinator() {
        Ok(s) => s,
        Err(e) => return error(e),
    };
    let query = query.unwrap_or_default();
    match app::reports::ssr::csv(&state, staff, &query).await {
        Ok((name, body)) => csv_file(&name, Ok(body)),
        Err(e) => error(e),
    }
}

/// A file only the program's coordinators may have (directors, managers and coordinators acting
/// as such): `make` writes it for the caller's program, or the refusal is answered.
async fn coordinators_csv<Made>(
    caller: &Caller,
    name: &str,
    make: impl FnOnce(app::auth::ssr::Staff) -> Made,
) -> Response
where
    Made: std::future::Future<Output = app::error::AppResult<String>>,
{
    match caller.coordinator() {
        Ok(staff) => csv_file(name, make(staff).await),
        Err(e) => error(e),
    }
}

/// A CSV file to download, or the refusal.
fn csv_file(name: &str, body: app::error::AppResult<String>) -> Response {
    match body {
        Ok(body) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{name}\""),
                ),
                (header::CACHE_CONTROL, "private, no-store".to_string()),
            ],
            body,
        )
            .into_response(),
        Err(e) => error(e),
    }
}

/// Coordinators, managers and directors: the program's audit log as a CSV file, as the page's
/// filter chooses (every page of it).
pub async fn audit_csv(
    State(state): State<AppState>,
    caller: Caller,
    Query(filter): Query<AuditFilter>,
) -> Response {
    let (state, filter) = (&state, &filter);
    coordinators_csv(&caller, "audit.csv", |staff| {
        app::audit::ssr::csv(state, staff, filter)
    })
    .await
}

fn error(e: app::error::AppError) -> Response {
    (
        StatusCode::from_u16(e.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        e.to_string(),
    )
        .into_response()
}

/// Coordinators: the rank list as a page to print.
pub async fn print_ranks(
    State(state): State<AppState>,
    caller: Caller,
    Query(view): Query<RankView>,
) -> Response {
    let staff = match caller.coordinator() {
        Ok(s) => s,
        Err(e) => return crate::itinerary::html(Err(e)),
    };
    crate::itinerary::html(app::scoring::ssr::print_ranks(&state, staff, view).await)
}
