//! An interviewer's screens: their list of sheets, and a sheet itself (the criteria as radio
//! groups, also the form library's preview).

use super::*;
use crate::ids::SessionId;
use crate::scoring::api::{FlagDoNotRank, SaveScore, UnflagDoNotRank};
use crate::scoring::types::{FormView, SheetState, SheetTodo, SheetView};
use crate::ui::{html_of, message_line, Table};
use leptos::server_fn::ServerFn;

// ---------------------------------------------------------------------------------------------
// Sheets
// ---------------------------------------------------------------------------------------------

/// The criteria of a form as radio groups (a score per value with its anchor, and "unable to
/// assess"), the answers checked, and the overall comment. `preview`: not a real sheet (the
/// inputs are disabled, so the preview's names cannot clash).
pub(super) fn sheet_fields(
    form: &FormView,
    answers: &[(crate::ids::CriterionId, Option<i32>)],
    comment: &str,
    submitted: bool,
    preview: bool,
) -> impl IntoView {
    let prefix = if preview {
        format!("preview-{}", form.id)
    } else {
        "answer".into()
    };
    let comment_id = format!("{prefix}-comment");
    let _ = submitted;
    view! {
        {form
            .criteria
            .iter()
            .map(|c| {
                let answer = answers.iter().find(|(id, _)| *id == c.id).map(|(_, v)| *v);
                let field = format!("answers[{}]", c.id);
                let group = format!("{prefix}-{}", c.id);
                let values = (c.min..=c.max)
                    .map(|v| {
                        let anchor = c
                            .anchors
                            .iter()
                            .find(|(a, _)| *a == v)
                            .map(|(_, t)| t.clone())
                            .unwrap_or_default();
                        let input_id = format!("{group}-{v}");
                        view! {
                            <label class="score-choice" for=input_id.clone()>
                                <input
                                    id=input_id.clone()
                                    type="radio"
                                    name=field.clone()
                                    value=v.to_string()
                                    checked=answer == Some(Some(v))
                                    disabled=preview
                                />
                                <span class="score-value">{v.to_string()}</span>
                                <span class="score-anchor">{anchor}</span>
                            </label>
                        }
                    })
                    .collect_view();
                let na_id = format!("{group}-na");
                view! {
                    <fieldset class="criterion">
                        <legend>
                            {c.name.clone()}
                            {(!c.required).then(|| view! { <span class="muted">" (optional)"</span> })}
                            {(c.weight != "1").then(|| view! { <span class="muted">{format!(" · weight {}", c.weight)}</span> })}
                        </legend>
                        {(!c.description.is_empty()).then(|| view! { <p class="muted">{c.description.clone()}</p> })}
                        <div class="score-choices">
                            {values}
                            <label class="score-choice score-na" for=na_id.clone()>
                                <input id=na_id.clone() type="radio" name=field.clone() value="na" checked=answer == Some(None) disabled=preview/>
                                <span class="score-anchor">"Unable to assess"</span>
                            </label>
                        </div>
                    </fieldset>
                }
            })
            .collect_view()}
        {form.overall_comment.then(|| view! {
            <div class="field">
                <label for=comment_id.clone()>"Overall comment"</label>
                <textarea id=comment_id name="comment" rows="4" disabled=preview>{comment.to_string()}</textarea>
            </div>
        })}
    }
}

/// An interviewer's own sheet for an applicant: drafts saved as they go (and kept on the
/// device when offline), then submitted; after submitting, a change is a new submission.
/// The applicant's application (its summary lines and the PDF) is shown above the form.
pub fn sheet_page(
    sheet: &SheetView,
    applicant: &str,
    session: &str,
    application: Option<&crate::applicants::files::types::Application>,
) -> String {
    let state = if sheet.submitted {
        let revisions = match sheet.revisions {
            0 => String::new(),
            1 => " · 1 earlier version kept".into(),
            n => format!(" · {n} earlier versions kept"),
        };
        view! { <p><span class="badge badge-ok">"Submitted"</span><span class="muted">{revisions}</span></p> }
            .into_any()
    } else {
        view! { <p><span class="badge">"Draft"</span><span class="muted">" · saved as you go"</span></p> }
            .into_any()
    };
    let key = format!("score-{}-{}", sheet.session, sheet.applicant);
    let button = if sheet.submitted {
        "Submit the change"
    } else {
        "Submit scores"
    };
    let lead = if sheet.submitted {
        "Submitted. A change you submit now is kept as a new version; the one before stays on record."
    } else {
        "Your answers are saved as a draft as you go, also without a connection (they are sent when it is back). Nobody else sees your scores."
    };
    html_of(view! {
        <section class="card score-sheet" aria-label=format!("Scores of {applicant}")>
            <div class="card-head">
                <h2>{applicant.to_string()}</h2>
                {state}
            </div>
            <p class="muted">{format!("{session} · {} (version {})", sheet.form.name, sheet.form.version)}</p>
            {application.and_then(crate::applicants::files::pages::application_view)}
            <p class="muted">{lead}</p>
            <form
                method="post"
                action=SaveScore::PATH
                data-autosave=(!sheet.submitted).then_some(key)
                data-done="Scores submitted."
                class="stack"
            >
                <input type="hidden" name="session_id" value=sheet.session.to_string()/>
                <input type="hidden" name="applicant_id" value=sheet.applicant.to_string()/>
                {sheet_fields(&sheet.form, &sheet.answers, &sheet.comment, sheet.submitted, false)}
                {message_line()}
                <div class="actions">
                    <button class="btn btn-primary" type="submit" name="submit" value="true">{button}</button>
                    <a class="btn" href="/scores">"Back to your list"</a>
                </div>
            </form>
        </section>
        {flag_card(sheet, applicant)}
    })
}

/// The interviewer's "do not rank" flag on the applicant: set with a reason, or taken back.
/// Only the program's coordinators see it (on the rank list), and they decide.
fn flag_card(sheet: &SheetView, applicant: &str) -> impl IntoView {
    let ids = view! {
        <input type="hidden" name="session_id" value=sheet.session.to_string()/>
        <input type="hidden" name="applicant_id" value=sheet.applicant.to_string()/>
    };
    let body = match &sheet.flag {
        Some(reason) => view! {
            <p>
                <span class="badge badge-danger">"Flagged: do not rank"</span>
                " "
                {reason.clone()}
            </p>
            <p class="muted">"Only the program's coordinators see your flag, on the rank list; they decide."</p>
            <form method="post" action=UnflagDoNotRank::PATH data-done="Flag taken back.">
                {ids}
                <button class="btn" type="submit">"Take the flag back"</button>
                {message_line()}
            </form>
        }
        .into_any(),
        None => view! {
            <p class="muted">
                {format!("If {applicant} should not be ranked, say why. Only the program's coordinators see it, on the rank list; they decide, and nobody leaves the list by a flag alone.")}
            </p>
            <form method="post" action=FlagDoNotRank::PATH data-done="Flagged: do not rank." class="stack">
                {ids}
                <div class="field">
                    <label for="field-reason">"Why not rank them"</label>
                    <textarea id="field-reason" name="reason" rows="2" maxlength="500" required></textarea>
                </div>
                <div class="actions">
                    <button class="btn btn-danger" type="submit">"Flag: do not rank"</button>
                </div>
                {message_line()}
            </form>
        }
        .into_any(),
    };
    view! {
        <section class="card" aria-labelledby="do-not-rank">
            <h2 id="do-not-rank">"Do not rank"</h2>
            {body}
        </section>
    }
}

/// An interviewer's sheets: each applicant they may score, by session, with how far they are.
pub fn my_scores_page(todo: &[SheetTodo]) -> String {
    if todo.is_empty() {
        return html_of(view! {
            <section class="card">
                <p class="muted" data-testid="no-sheets">
                    "Nobody to score yet: applicants appear here once you have met them on an interview day with a scoring form."
                </p>
            </section>
        });
    }
    let mut sessions: Vec<(SessionId, &str)> = Vec::new();
    for t in todo {
        if !sessions.iter().any(|(s, _)| *s == t.session) {
            sessions.push((t.session, &t.session_name));
        }
    }
    html_of(
        sessions
            .into_iter()
            .map(|(session, name)| {
                let rows = todo
                                .iter()
                                .filter(|t| t.session == session)
                                .map(|t| {
                                    let tone = match t.state {
                                        SheetState::Submitted => "badge badge-ok",
                                        SheetState::Draft => "badge badge-warn",
                                        SheetState::NotStarted => "badge",
                                    };
                                    view! {
                                        <tr>
                                            <td data-label="Applicant">{t.name.clone()}</td>
                                            <td data-label="Your scores"><span class=tone>{t.state.label()}</span></td>
                                            <td data-label="">
                                                <a class="btn" href=format!("/scores/{}/{}", t.session, t.applicant)>
                                                    {format!("Score {}", t.name)}
                                                </a>
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view();
view! {
                    <section class="card" aria-label=name.to_string()>
                        <h2>{name.to_string()}</h2>
                        <Table columns=&["Applicant", "Your scores", ""]>
                            {rows}
                        </Table>
                    </section>
                }
            })
            .collect_view(),
    )
}
