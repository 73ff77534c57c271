//! The coordinators' rank list: how it is computed (the settings), which list, the list itself
//! (drag or move with the keyboard), its manual order, export and print; the cards below it are
//! in `rank_cards`, one row in `rank_row`.

use super::match_card::match_card;
use super::rank_cards::{exclusions_card, interviewers_card, moved_card, named_lists_card};
use super::rank_row::rank_row;
use crate::scoring::api::{MoveRank, RevertRanks};
use crate::scoring::types::{RankPage, RankView};
use crate::ui::{html_of, message_line};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// The view's settings as a query (`calibrate=true&list=3`).
pub fn view_query(v: RankView) -> String {
    let mut parts = Vec::new();
    if v.calibrate {
        parts.push("calibrate=true".to_string());
    }
    if v.median {
        parts.push("median=true".into());
    }
    if v.lowest_first {
        parts.push("lowest_first=true".into());
    }
    if let Some(l) = v.list {
        parts.push(format!("list={l}"));
    }
    parts.join("&")
}

/// The coordinators' rank list: the settings, the list (drag or move with the keyboard), each
/// applicant's scores by interviewer with exclusion and override, the interviewers' seasons,
/// the moves calibration makes, the exclusions in force, the named lists, export and print, and
/// after Match Day who matched.
pub fn ranks_page(page: &RankPage, v: RankView) -> String {
    let query = view_query(v);
    let list_name = v
        .list
        .and_then(|l| page.lists.iter().find(|(id, _)| *id == l))
        .map_or("Main rank list".to_string(), |(_, n)| n.clone());
    let export = format!("/export/ranks.csv?{query}");
    let rank_order = format!("/export/rank-order.csv?{query}");
    let print = format!("/print/ranks?{query}");
    let calibrated_note = if page.calibrated {
        page.calibration_summary.clone()
    } else {
        "Raw scores: turn calibration on to correct for harsh and lenient interviewers.".into()
    };
    html_of(view! {
        <section class="card" aria-label="The list">
            {settings_form(v)}
            {list_nav(page, v)}
            <div class="card-head">
                <h2>{list_name.clone()}</h2>
                <div class="actions">
                    <a class="btn" href=export download="ranks.csv">"Export CSV"</a>
                    <a class="btn" href=rank_order download="rank-order.csv">"Rank order for the Match (CSV)"</a>
                    <a class="btn" href=print target="_blank" rel="noopener">"Printable view"</a>
                </div>
            </div>
            <p class="muted" data-testid="calibration-state">{calibrated_note}</p>
            {revert_form(page, v)}
            {rank_table(page, v, &list_name, &query)}
        </section>
        {moved_card(page)}
        {interviewers_card(page)}
        {exclusions_card(page)}
        {named_lists_card(v, &list_name)}
        {match_card(page)}
    })
}

/// How the list is computed: calibration, median, order. A get form, so a view can be linked;
/// it is sent as each option changes.
fn settings_form(v: RankView) -> impl IntoView {
    view! {
        <form method="get" class="rank-settings" aria-label="How the list is computed" data-submit-on-change>
            <label class="check">
                <input id="rank-calibrate" type="checkbox" name="calibrate" value="true" checked=v.calibrate/>
                " Calibrate for harsh and lenient interviewers"
            </label>
            <label class="check">
                <input id="rank-median" type="checkbox" name="median" value="true" checked=v.median/>
                " Median instead of mean"
            </label>
            <label class="check">
                <input id="rank-lowest-first" type="checkbox" name="lowest_first" value="true" checked=v.lowest_first/>
                " Lowest score first"
            </label>
            {v.list.map(|l| view! { <input type="hidden" name="list" value=l.to_string()/> })}
            // The list follows each option as it changes; without script, this button shows it.
            <noscript><button class="btn" type="submit">"Show"</button></noscript>
        </form>
    }
}

/// The main list and the named ones, the shown one marked (only once there are named lists).
fn list_nav(page: &RankPage, v: RankView) -> impl IntoView {
    (!page.lists.is_empty()).then(|| view! {
        <nav class="rank-lists" aria-label="Rank lists">
            <a href=format!("/ranks?{}", view_query(RankView { list: None, ..v })) aria-current=v.list.is_none().then_some("page")>
                "Main rank list"
            </a>
            {page
                .lists
                .iter()
                .map(|(id, name)| {
                    view! {
                        " · "
                        <a href=format!("/ranks?{}", view_query(RankView { list: Some(*id), ..v })) aria-current=(v.list == Some(*id)).then_some("page")>
                            {name.clone()}
                        </a>
                    }
                })
                .collect_view()}
        </nav>
    })
}

/// The list itself (rows dropped on it move an applicant), or why it is empty.
fn rank_table(page: &RankPage, v: RankView, list_name: &str, query: &str) -> AnyView {
    if page.lines.is_empty() {
        return view! { <p class="muted" data-testid="no-ranks">"No submitted scores yet: the list fills as interviewers submit their sheets."</p> }
            .into_any();
    }
    let n = page.lines.len();
    let rows = page
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| rank_row(i, n, l, v))
        .collect_view();
    view! {
        <table class="table rank-table">
            <caption class="visually-hidden">{list_name.to_string()}</caption>
            {rank_head("Order")}
            <tbody data-drop=MoveRank::PATH data-fields=query.to_string()>
                {rows}
            </tbody>
        </table>
    }
    .into_any()
}

/// While the list is in a manual order: says so, and offers the computed order back.
fn revert_form(page: &RankPage, v: RankView) -> impl IntoView {
    page.manual.then(|| {
        view! {
            <form method="post" action=RevertRanks::PATH data-done="Back to the computed order." class="inline-form">
                {v.list.map(|l| view! { <input type="hidden" name="list" value=l.to_string()/> })}
                <span class="badge badge-info">"Manual order"</span>
                " Applicants scored later are placed by their score. "
                <button class="btn" type="submit">"Revert to computed"</button>
                {message_line()}
            </form>
        }
    })
}

/// The rank table's column headings, on screen and in print (`last`: the screen's "Order", the
/// printout's "Note").
pub(super) fn rank_head(last: &'static str) -> impl IntoView {
    view! {
        <thead>
            <tr>
                <th scope="col">"Rank"</th>
                <th scope="col">"Applicant"</th>
                <th scope="col">"Final"</th>
                <th scope="col">"Raw"</th>
                <th scope="col">"Calibrated"</th>
                <th scope="col">"Sheets"</th>
                <th scope="col">{last}</th>
            </tr>
        </thead>
    }
}
