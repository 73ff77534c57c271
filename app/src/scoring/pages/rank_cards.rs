//! The cards below the rank list: who calibration moved, each interviewer's season (with
//! "leave out all of their scores"), the scores left out, and the named lists.

use crate::scoring::api::{AddRankList, ExcludeScores, IncludeScores, RemoveRankList};
use crate::scoring::domain::Calibration;
use crate::scoring::types::{RankPage, RankView};
use crate::ui::{message_line, Table};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// Applicants calibration moves by more than three places (only with calibration on).
pub(super) fn moved_card(page: &RankPage) -> impl IntoView {
    (page.calibrated && !page.moved.is_empty()).then(|| {
        view! {
            <section class="card" aria-label="Moved by calibration">
                <h2>"Moved by calibration"</h2>
                <p class="muted">"Applicants whose rank moves by more than three places (raw → calibrated):"</p>
                <ul class="plain-list" data-testid="moved">
                    {page.moved.iter().map(|m| view! { <li>{m.clone()}</li> }).collect_view()}
                </ul>
            </section>
        }
    })
}

/// Each interviewer's season on the display scale, what calibration does with it, and a form
/// to leave all of their scores out.
pub(super) fn interviewers_card(page: &RankPage) -> impl IntoView {
    let rows = page
        .interviewers
        .iter()
        .map(|i| {
            let reason_id = format!("exclude-all-{}", i.id);
            view! {
                <tr>
                    <td data-label="Interviewer">{i.name.clone()}</td>
                    <td data-label="Mean">{i.mean.clone()}</td>
                    <td data-label="Spread">{i.spread.clone()}</td>
                    <td data-label="Sheets">{i.count}</td>
                    <td data-label="Calibration">{calibration_cell(i.calibration)}</td>
                    <td data-label="">
                        <details>
                            <summary>{format!("Leave out all of {}'s scores", i.name)}</summary>
                            <form method="post" action=ExcludeScores::PATH data-done="Left out." class="stack">
                                <input type="hidden" name="interviewer_id" value=i.id.to_string()/>
                                <label for=reason_id.clone()>"Reason"</label>
                                <input id=reason_id name="reason" type="text" required/>
                                <button class="btn btn-danger" type="submit">"Leave them out"</button>
                                {message_line()}
                            </form>
                        </details>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-label="Interviewers">
            <h2>"Interviewers"</h2>
            <p class="muted">"Each interviewer's season on the display scale. Calibration puts each score on the pooled mean and spread, so a harsh and a lenient interviewer weigh the same; an interviewer who gave everyone the same score is centred instead."</p>
            <Table columns=&["Interviewer", "Mean", "Spread", "Sheets", "Calibration", ""]>
                {rows}
            </Table>
        </section>
    }
}

/// What calibration does with an interviewer's scores, in words beside a badge.
fn calibration_cell(calibration: Calibration) -> impl IntoView {
    let tone = match calibration {
        Calibration::Scaled => "badge badge-ok",
        Calibration::Centred => "badge badge-info",
        Calibration::TooFewScores { .. } => "badge badge-warn",
    };
    let why = (calibration != Calibration::Scaled)
        .then(|| view! { " " <span class="muted">{calibration.message()}</span> });
    view! { <span class=tone>{calibration.label()}</span> {why} }
}

/// The exclusions in force, each with "Take back in" (only when there are some).
pub(super) fn exclusions_card(page: &RankPage) -> impl IntoView {
    (!page.exclusions.is_empty()).then(|| {
        view! {
            <section class="card" aria-label="Scores left out">
                <h2>"Scores left out"</h2>
                <ul class="plain-list">
                    {page
                        .exclusions
                        .iter()
                        .map(|(id, text)| {
                            view! {
                                <li>
                                    <form method="post" action=IncludeScores::PATH data-done="Taken back in." class="inline-form">
                                        <input type="hidden" name="exclusion_id" value=id.to_string()/>
                                        <span>{text.clone()}</span>
                                        " "
                                        <button class="btn" type="submit">"Take back in"</button>
                                        {message_line()}
                                    </form>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        }
    })
}

/// A new named list, and deleting the named list shown.
pub(super) fn named_lists_card(v: RankView, list_name: &str) -> impl IntoView {
    let delete = format!("Delete the list {list_name}");
    view! {
        <section class="card" aria-label="Named lists">
            <h2>"Named lists"</h2>
            <p class="muted">"Extra lists (alternates, a couples match) start in the computed order and keep their own manual order."</p>
            <form method="post" action=AddRankList::PATH data-done="List added." class="inline-form">
                <label for="new-list-name">"New list"</label>
                <input id="new-list-name" name="name" type="text"/>
                <button class="btn" type="submit">"Add the list"</button>
                {message_line()}
            </form>
            {v.list.map(|l| view! {
                <form method="post" action=RemoveRankList::PATH data-done="List deleted." class="inline-form">
                    <input type="hidden" name="list" value=l.to_string()/>
                    <button class="btn btn-danger" type="submit">{delete}</button>
                    {message_line()}
                </form>
            })}
        </section>
    }
}
