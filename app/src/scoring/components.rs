//! Scoring's pages: each is a heading around a [`ServerPanel`] whose HTML the server writes
//! (`super::pages`), so the screens' view code stays out of the browser's bundle.

use super::api::{MyScoresPage, RanksPage, ScoreSheetPage, ScoringFormsPage, SessionScoringPage};
use super::types::RankView;
use crate::error::AppError;
use crate::ids::{ApplicantId, RankListId, ScoringFormId, SessionId};
use crate::sessions::components::session_found;
use crate::shell::StaffShell;
use crate::ui::{call, load, PageHeader, ServerPanel};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// A query value as a flag (`calibrate=true`).
fn flag(q: &leptos_router::params::ParamsMap, name: &str) -> bool {
    q.get(name).is_some_and(|v| v == "true")
}

/// Coordinators: the library of scoring forms, the editor and preview, and each session's form.
#[component]
pub fn ScoringFormsPage() -> impl IntoView {
    let query = use_query_map();
    let reload = RwSignal::new(0u64);
    let html = load(
        move || {
            (
                query.with(|q| q.get("edit").and_then(|v| v.parse::<ScoringFormId>().ok())),
                reload.get(),
            )
        },
        |(edit, _)| call(ScoringFormsPage { edit }),
    );
    view! {
        <Title text="Scoring forms · Interview Portal"/>
        <StaffShell>
            <PageHeader
                title="Scoring forms"
                lead="The forms interviewers score on: criteria with what each score looks like, weights, and the scale final scores are shown on."
            />
            <ServerPanel html reload/>
        </StaffShell>
    }
}

/// Coordinators: the rank list.
#[component]
pub fn RanksPage() -> impl IntoView {
    let query = use_query_map();
    let reload = RwSignal::new(0u64);
    // A sheet submitted anywhere reloads the list.
    let live = crate::live::use_live();
    let html = load(
        move || {
            let view = query.with(|q| {
                (
                    flag(q, "calibrate"),
                    flag(q, "median"),
                    flag(q, "lowest_first"),
                    q.get("list").and_then(|v| v.parse::<RankListId>().ok()),
                )
            });
            (view, reload.get(), live.version.get())
        },
        |((calibrate, median, lowest_first, list), ..)| {
            call(RanksPage {
                view: RankView {
                    calibrate,
                    median,
                    lowest_first,
                    list,
                },
            })
        },
    );
    view! {
        <Title text="Scores and ranks · Interview Portal"/>
        <StaffShell>
            <PageHeader
                title="Scores and ranks"
                lead="Every submitted sheet of the season, the final scores and the rank list. Interviewers never see each other's scores; applicants never see scores."
            />
            <ServerPanel html reload/>
        </StaffShell>
    }
}

/// Staff: the applicants they may score.
#[component]
pub fn MyScoresPage() -> impl IntoView {
    let reload = RwSignal::new(0u64);
    let html = load(move || reload.get(), |_| call(MyScoresPage {}));
    view! {
        <Title text="Scoring · Interview Portal"/>
        <StaffShell>
            <PageHeader
                title="Scoring"
                lead="The applicants you interviewed, with your score sheets. Only you and the coordinators see your scores."
            />
            <ServerPanel html reload/>
        </StaffShell>
    }
}

/// Staff who met the applicant: their score sheet.
#[component]
pub fn ScoreSheetPage() -> impl IntoView {
    let params = use_params_map();
    let reload = RwSignal::new(0u64);
    let html = load(
        move || {
            let ids = params.with(|p| {
                (
                    p.get("session").and_then(|v| v.parse::<SessionId>().ok()),
                    p.get("applicant")
                        .and_then(|v| v.parse::<ApplicantId>().ok()),
                )
            });
            (ids, reload.get())
        },
        |(ids, _)| async move {
            match ids {
                (Some(session_id), Some(applicant_id)) => {
                    call(ScoreSheetPage {
                        session_id,
                        applicant_id,
                    })
                    .await
                }
                _ => Err(AppError::NotFound("That score sheet was not found.".into())),
            }
        },
    );
    view! {
        <Title text="Score sheet · Interview Portal"/>
        <StaffShell>
            <PageHeader title="Score sheet"/>
            <ServerPanel html reload/>
        </StaffShell>
    }
}

/// Coordinators, on a session's page: its scoring (the form, missing scores, the reminder).
/// The page creates the resource above its shell and passes it down.
pub fn session_scoring(
    session: impl Fn() -> Option<SessionId> + Send + Sync + 'static,
) -> (crate::ui::Data<String>, RwSignal<u64>) {
    let reload = RwSignal::new(0u64);
    let live = crate::live::use_live();
    let html = load(
        move || (session(), reload.get(), live.version.get()),
        |(session, ..)| async move {
            call(SessionScoringPage {
                session_id: session_found(session)?,
            })
            .await
        },
    );
    (html, reload)
}
