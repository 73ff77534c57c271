//! One applicant's row of the rank list: their scores, each interviewer's sheet with
//! "leave out", the override, and the buttons that move them.

use super::*;
use crate::scoring::api::{ExcludeScores, MoveRank, OverrideScore};
use crate::scoring::match_api::MarkMatched;
use crate::scoring::types::{RankLine, RankView};
use crate::ui::message_line;
use leptos::server_fn::ServerFn;

/// The view's settings as hidden fields, so a post acts on the list as shown.
fn view_fields(view_of: RankView) -> impl IntoView {
    view! {
        {view_of.calibrate.then(|| view! { <input type="hidden" name="calibrate" value="true"/> })}
        {view_of.median.then(|| view! { <input type="hidden" name="median" value="true"/> })}
        {view_of.lowest_first.then(|| view! { <input type="hidden" name="lowest_first" value="true"/> })}
        {view_of.list.map(|l| view! { <input type="hidden" name="list" value=l.to_string()/> })}
    }
}

/// Row `i` of `n`, for the list as `v` shows it.
pub(super) fn rank_row(i: usize, n: usize, l: &RankLine, v: RankView) -> impl IntoView {
    let move_form = |to: usize,
                     label: String,
                     text: &'static str,
                     (id, stands_for): (String, String),
                     shown: bool| {
        shown.then(|| {
            view! {
                <form method="post" action=MoveRank::PATH class="inline-form">
                    {view_fields(v)}
                    <input type="hidden" name="moved" value=l.applicant.to_string()/>
                    <input type="hidden" name="to" value=to.to_string()/>
                    <button class="btn btn-small" type="submit" id=id data-focus-for=stands_for aria-label=label>{text}</button>
                </form>
            }
        })
    };
    let up = move_form(
        i.saturating_sub(1),
        format!("Move {} up", l.name),
        "↑ Up",
        (
            format!("up-{}", l.applicant),
            format!("down-{}", l.applicant),
        ),
        i > 0,
    );
    let down = move_form(
        i + 1,
        format!("Move {} down", l.name),
        "↓ Down",
        (
            format!("down-{}", l.applicant),
            format!("up-{}", l.applicant),
        ),
        i + 1 < n,
    );
    let override_id = format!("override-{}", l.applicant);
    let why_id = format!("override-why-{}", l.applicant);
    let final_cell = if l.override_reason.is_empty() {
        view! { <strong>{l.final_score.clone()}</strong> }.into_any()
    } else {
        view! {
            <strong>{l.final_score.clone()}</strong>
            " "
            <span class="badge badge-info">"Set by hand"</span>
            <span class="muted small">{format!(" {}", l.override_reason)}</span>
        }
        .into_any()
    };
    view! {
        <tr data-drag=l.applicant.to_string() data-position=i.to_string() draggable="true">
            <td data-label="Rank">{l.rank}</td>
            <td data-label="Applicant">
                {l.name.clone()}
                {l.matched.then(|| view! { " " <span class="badge badge-ok">"Matched"</span> })}
                {(!l.flags.is_empty()).then(|| view! {
                    " "
                    <span class="badge badge-danger">"Do not rank"</span>
                    <ul class="plain-list rank-flags">
                        {l.flags.iter().map(|f| view! { <li class="muted small">{f.clone()}</li> }).collect_view()}
                    </ul>
                })}
                <details class="rank-details">
                    <summary>{format!("Scores of {}", l.name)}</summary>
                    <ul class="plain-list">
                        {l.scores
                            .iter()
                            .map(|s| {
                                let reason_id = format!("exclude-{}-{}", l.applicant, s.interviewer);
                                view! {
                                    <li>
                                        {format!("{}: {}", s.name, if s.score.is_empty() { "—" } else { &s.score })}
                                        {if s.excluded {
                                            view! { " " <span class="badge badge-warn">"Left out"</span> }.into_any()
                                        } else {
                                            view! {
                                                <form method="post" action=ExcludeScores::PATH data-done="Left out." class="inline-form">
                                                    <input type="hidden" name="interviewer_id" value=s.interviewer.to_string()/>
                                                    <input type="hidden" name="applicant_id" value=l.applicant.to_string()/>
                                                    <label class="visually-hidden" for=reason_id.clone()>{format!("Why leave out {}'s score", s.name)}</label>
                                                    <input id=reason_id name="reason" type="text" placeholder="Reason" required/>
                                                    <button class="btn btn-small" type="submit" aria-label=format!("Leave out {}'s score of {}", s.name, l.name)>"Leave out"</button>
                                                    {message_line()}
                                                </form>
                                            }
                                            .into_any()
                                        }}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                    {match_form(l)}
                    <form method="post" action=OverrideScore::PATH data-done="Final score set." class="stack">
                        <input type="hidden" name="applicant_id" value=l.applicant.to_string()/>
                        <div class="field-row">
                            <div class="field">
                                <label for=override_id.clone()>"Final score by hand (empty: computed)"</label>
                                <input id=override_id name="score" type="text" inputmode="decimal"/>
                            </div>
                            <div class="field">
                                <label for=why_id.clone()>"Reason"</label>
                                <input id=why_id name="reason" type="text"/>
                            </div>
                        </div>
                        <button class="btn" type="submit">"Set the final score"</button>
                        {message_line()}
                    </form>
                </details>
            </td>
            <td data-label="Final">{final_cell}</td>
            <td data-label="Raw">{l.raw.clone()}</td>
            <td data-label="Calibrated">{if l.calibrated.is_empty() { "—".to_string() } else { l.calibrated.clone() }}</td>
            <td data-label="Sheets">{l.sheets}</td>
            <td data-label="Order"><div class="actions">{up} {down}</div></td>
        </tr>
    }
}

/// Marks the applicant as matched after Match Day, or takes the mark back.
fn match_form(l: &RankLine) -> impl IntoView {
    let (label, done, matched) = if l.matched {
        (
            format!("Take back the mark that {} matched", l.name),
            "Mark taken back.",
            None,
        )
    } else {
        (
            format!("Mark {} as matched", l.name),
            "Marked as matched.",
            Some(view! { <input type="hidden" name="matched" value="true"/> }),
        )
    };
    let text = if l.matched {
        "Not matched after all"
    } else {
        "Mark as matched"
    };
    view! {
        <form method="post" action=MarkMatched::PATH data-done=done class="inline-form">
            <input type="hidden" name="applicant_id" value=l.applicant.to_string()/>
            {matched}
            <button class="btn btn-small" type="submit" id=format!("matched-{}", l.applicant) aria-label=label>{text}</button>
            {message_line()}
        </form>
    }
}
