//! Scoring's screens, written on the server as HTML for a [`crate::ui::ServerPanel`] (none of
//! this is in the browser's bundle): the form library with its editor and preview, a session's
//! scoring (its form, who still owes which score, the reminder), the rank list, an
//! interviewer's list of sheets and the sheet itself, and the printable rank list.

use super::api::{
    AddRankList, AssignScoringForm, CriterionView, ExcludeScores, FormView, IncludeScores,
    MissingLine, MoveRank, OpenScoring, OverrideScore, RankLine, RankPage, RemindScorers,
    RemoveRankList, RevertRanks, SaveScore, SaveScoringForm, SheetView,
};
use super::domain::Calibration;
use super::ssr::RankView;
use crate::ids::{ApplicantId, ScoringFormId, SessionId};
use crate::ui::{html_of, message_line, Table};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// A session as the form library lists it, with the form it is scored on.
pub struct SessionForm {
    pub id: SessionId,
    pub name: String,
    pub form: Option<ScoringFormId>,
}

/// One sheet an interviewer may fill in.
pub struct SheetTodo {
    pub session: SessionId,
    pub session_name: String,
    pub applicant: ApplicantId,
    pub name: String,
    /// "Not started", "Draft" or "Submitted".
    pub state: &'static str,
}

/// A labelled text input with the panel's ids (`field-…`).
fn text_field(label: String, name: String, value: String, id: String) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input id=id name=name type="text" value=value autocomplete="off"/>
        </div>
    }
}

// ---------------------------------------------------------------------------------------------
// The form library
// ---------------------------------------------------------------------------------------------

/// The library: each form with its preview, the editor (a new form, or `edit`), and the form
/// each session is scored on.
pub fn forms_page(forms: &[FormView], sessions: &[SessionForm], edit: Option<&FormView>) -> String {
    let library = if forms.is_empty() {
        view! { <p class="muted">"No scoring form yet: write the first one below."</p> }.into_any()
    } else {
        forms
            .iter()
            .map(|f| {
                let used = if f.sessions.is_empty() {
                    "Not assigned to a session yet.".to_string()
                } else {
                    format!("Scores {}.", f.sessions.join(", "))
                };
                let scored = if f.scored {
                    " Has scores: an edit makes a new version."
                } else {
                    ""
                };
                view! {
                    <article class="card scoring-form-card" aria-label=f.name.clone()>
                        <div class="card-head">
                            <h3>{f.name.clone()}</h3>
                            <span class="badge">{format!("Version {}", f.version)}</span>
                        </div>
                        <p class="muted">
                            {format!("{} criteria · final scores on {}–{}. ", f.criteria.len(), f.display_min, f.display_max)}
                            {used}
                            {scored}
                        </p>
                        <details class="form-preview">
                            <summary>"Preview as interviewers see it"</summary>
                            {sheet_fields(f, &[], "", false, true)}
                        </details>
                        <div class="actions">
                            <a class="btn" href=format!("/scoring-forms?edit={}", f.id)>
                                {format!("Edit {}", f.name)}
                            </a>
                        </div>
                    </article>
                }
            })
            .collect_view()
            .into_any()
    };
    let rows = sessions
                        .iter()
                        .map(|s| {
                            let select_id = format!("form-of-{}", s.id);
                            view! {
                                <tr>
                                    <td data-label="Session">{s.name.clone()}</td>
                                    <td data-label="Scoring form">
                                        <form class="inline-form" method="post" action=AssignScoringForm::PATH data-done="Saved.">
                                            <input type="hidden" name="session_id" value=s.id.to_string()/>
                                            <label class="visually-hidden" for=select_id.clone()>
                                                {format!("Scoring form of {}", s.name)}
                                            </label>
                                            <select id=select_id name="form_id">
                                                <option value="" selected=s.form.is_none()>"None"</option>
                                                {forms
                                                    .iter()
                                                    .map(|f| {
                                                        view! {
                                                            <option value=f.id.to_string() selected=s.form == Some(f.id)>
                                                                {f.name.clone()}
                                                            </option>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </select>
                                            <button class="btn" type="submit">"Set"</button>
                                            {message_line()}
                                        </form>
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view();
    let assign = (!sessions.is_empty()).then(|| {
        view! {
            <section class="card">
                <h2>"Sessions and their forms"</h2>
                <p class="muted">"Each session is scored on one form; a sheet started on an older version keeps it."</p>
                <Table columns=&["Session", "Scoring form"]>
                    {rows}
                </Table>
            </section>
        }
    });
    html_of(view! {
        <section class="stack">
            <h2>"Library"</h2>
            {library}
        </section>
        {assign}
        {editor(edit)}
    })
}

/// The editor of a form: its name, display scale, comment, and criteria (those it has and
/// three blank ones; a blank one is left out).
fn editor(edit: Option<&FormView>) -> impl IntoView {
    let (heading, id, name, dmin, dmax, comment) = match edit {
        Some(f) => (
            format!("Edit {}", f.name),
            Some(f.id),
            f.name.clone(),
            f.display_min.to_string(),
            f.display_max.to_string(),
            f.overall_comment,
        ),
        None => (
            "New scoring form".to_string(),
            None,
            String::new(),
            "1".into(),
            "5".into(),
            true,
        ),
    };
    let mut criteria: Vec<Option<&CriterionView>> = edit
        .map(|f| f.criteria.iter().map(Some).collect())
        .unwrap_or_default();
    criteria.extend([None, None, None]);
    let note = edit.filter(|f| f.scored).map(|_| {
        view! { <p class="alert alert-info" role="status">"This form has scores: saving makes a new version for future scores; sheets already started keep theirs."</p> }
    });
    view! {
        <section class="card" aria-label="Form editor">
            <h2 id="form-editor">{heading}</h2>
            {note}
            <form method="post" action=SaveScoringForm::PATH data-done="Form saved." class="stack">
                {id.map(|id| view! { <input type="hidden" name="form[id]" value=id.to_string()/> })}
                {text_field("Form name".into(), "form[name]".into(), name, "field-name".into())}
                <div class="field-row">
                    {text_field("Final scores shown from".into(), "form[display_min]".into(), dmin, "field-display-min".into())}
                    {text_field("to".into(), "form[display_max]".into(), dmax, "field-display-max".into())}
                </div>
                <label class="check">
                    <input type="checkbox" name="form[no_comment]" value="true" checked=!comment/>
                    " No overall comment"
                </label>
                {criteria
                    .into_iter()
                    .enumerate()
                    .map(|(i, c)| criterion_editor(i, c))
                    .collect_view()}
                {message_line()}
                <div class="actions">
                    <button class="btn btn-primary" type="submit">"Save the form"</button>
                    {edit.map(|_| view! { <a class="btn" href="/scoring-forms">"Write a new form instead"</a> })}
                </div>
            </form>
        </section>
    }
}

fn criterion_editor(i: usize, c: Option<&CriterionView>) -> impl IntoView {
    let name = |part: &str| format!("form[criteria][{i}][{part}]");
    let id = |part: &str| format!("criterion-{i}-{part}");
    let legend = match c {
        Some(c) => format!("Criterion {}: {}", i + 1, c.name),
        None => format!("Criterion {} (new; left out while blank)", i + 1),
    };
    let anchors = c
        .map(|c| {
            c.anchors
                .iter()
                .map(|(v, t)| format!("{v}: {t}"))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_default();
    let description_id = id("description");
    let anchors_id = id("anchors");
    view! {
        <fieldset class="criterion-editor">
            <legend>{legend}</legend>
            {text_field("Name".into(), name("name"), c.map(|c| c.name.clone()).unwrap_or_default(), id("name"))}
            <div class="field">
                <label for=description_id.clone()>"Description"</label>
                <textarea id=description_id name=name("description") rows="2">
                    {c.map(|c| c.description.clone()).unwrap_or_default()}
                </textarea>
            </div>
            <div class="field-row">
                {text_field("Lowest score".into(), name("min"), c.map_or("1".into(), |c| c.min.to_string()), id("min"))}
                {text_field("Highest score".into(), name("max"), c.map_or("5".into(), |c| c.max.to_string()), id("max"))}
                {text_field("Weight".into(), name("weight"), c.map_or("1".into(), |c| c.weight.clone()), id("weight"))}
            </div>
            <label class="check">
                <input type="checkbox" name=name("optional") value="true" checked=c.is_some_and(|c| !c.required)/>
                " Optional (a sheet can be submitted without it)"
            </label>
            <div class="field">
                <label for=anchors_id.clone()>"What each score looks like"</label>
                <p class="field-hint">"One line per score: “5: Clear, concise, checks understanding”."</p>
                <textarea id=anchors_id name=name("anchors") rows="3">{anchors}</textarea>
            </div>
        </fieldset>
    }
}

// ---------------------------------------------------------------------------------------------
// Sheets
// ---------------------------------------------------------------------------------------------

/// The criteria of a form as radio groups (a score per value with its anchor, and "unable to
/// assess"), the answers checked, and the overall comment. `preview`: not a real sheet (the
/// inputs are disabled, so the preview's names cannot clash).
fn sheet_fields(
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
pub fn sheet_page(sheet: &SheetView, applicant: &str, session: &str) -> String {
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
    })
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
                                        "Submitted" => "badge badge-ok",
                                        "Draft" => "badge badge-warn",
                                        _ => "badge",
                                    };
                                    view! {
                                        <tr>
                                            <td data-label="Applicant">{t.name.clone()}</td>
                                            <td data-label="Your scores"><span class=tone>{t.state}</span></td>
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

// ---------------------------------------------------------------------------------------------
// A session's scoring
// ---------------------------------------------------------------------------------------------

/// A session's scoring: the form it is scored on, who still owes which score, the reminder.
pub fn session_panel(
    session: SessionId,
    form: Option<&str>,
    open: bool,
    missing: &[MissingLine],
) -> String {
    let form_line = match form {
        Some(name) => format!("Scored on {name}."),
        None => "No scoring form yet.".into(),
    };
    let owed = if missing.is_empty() {
        view! { <p class="muted" data-testid="no-missing">"Nobody owes a score (with a published day, everyone an interviewer met has a submitted sheet)."</p> }
            .into_any()
    } else {
        let rows = missing
                    .iter()
                    .map(|m| {
                        view! {
                            <tr>
                                <td data-label="Interviewer">{m.interviewer.clone()}</td>
                                <td data-label="Scores still to submit">
                                    <span class="badge badge-warn">{format!("{} missing", m.applicants.len())}</span>
                                    {format!(" {}", m.applicants.join(", "))}
                                </td>
                            </tr>
                        }
                    })
                    .collect_view();
        view! {
            <Table columns=&["Interviewer", "Scores still to submit"]>
                {rows}
            </Table>
            <form method="post" action=RemindScorers::PATH data-done="Reminders sent." class="inline-form">
                <input type="hidden" name="session_id" value=session.to_string()/>
                <button class="btn" type="submit">"E-mail a reminder to each of them"</button>
                {message_line()}
            </form>
        }
        .into_any()
    };
    let who = form.is_some().then(|| {
        view! {
            <form method="post" action=OpenScoring::PATH data-done="Saved." class="stack">
                <input type="hidden" name="session_id" value=session.to_string()/>
                <label class="check">
                    <input type="checkbox" name="open" value="true" checked=open/>
                    " Every interviewer of this day may score every applicant of it (not only those they met)"
                </label>
                <div>
                    <button class="btn" type="submit">"Save who may score"</button>
                    {message_line()}
                </div>
            </form>
        }
    });
    html_of(view! {
        <p>{form_line} " " <a href="/scoring-forms">"Scoring forms"</a> " · " <a href="/ranks">"Scores and ranks"</a></p>
        {who}
        <h3>"Missing scores"</h3>
        {owed}
    })
}

// ---------------------------------------------------------------------------------------------
// Ranks
// ---------------------------------------------------------------------------------------------

/// The view's settings as hidden fields, so a post acts on the list as shown.
fn view_fields(view_of: RankView) -> impl IntoView {
    view! {
        {view_of.calibrate.then(|| view! { <input type="hidden" name="calibrate" value="true"/> })}
        {view_of.median.then(|| view! { <input type="hidden" name="median" value="true"/> })}
        {view_of.lowest_first.then(|| view! { <input type="hidden" name="lowest_first" value="true"/> })}
        {view_of.list.map(|l| view! { <input type="hidden" name="list" value=l.to_string()/> })}
    }
}

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
/// the moves calibration makes, the exclusions in force, the named lists, export and print.
pub fn ranks_page(page: &RankPage, v: RankView) -> String {
    let query = view_query(v);
    let list_name = v
        .list
        .and_then(|l| page.lists.iter().find(|(id, _)| *id == l))
        .map_or("Main rank list".to_string(), |(_, n)| n.clone());
    let settings = view! {
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
    };
    let lists = (!page.lists.is_empty()).then(|| view! {
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
    });
    let n = page.lines.len();
    let rows = page
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| rank_row(i, n, l, v))
        .collect_view();
    let table = if page.lines.is_empty() {
        view! { <p class="muted" data-testid="no-ranks">"No submitted scores yet: the list fills as interviewers submit their sheets."</p> }
            .into_any()
    } else {
        view! {
            <table class="table rank-table">
                <caption class="visually-hidden">{list_name.clone()}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Rank"</th>
                        <th scope="col">"Applicant"</th>
                        <th scope="col">"Final"</th>
                        <th scope="col">"Raw"</th>
                        <th scope="col">"Calibrated"</th>
                        <th scope="col">"Sheets"</th>
                        <th scope="col">"Order"</th>
                    </tr>
                </thead>
                <tbody data-drop=MoveRank::PATH data-fields=query.clone()>
                    {rows}
                </tbody>
            </table>
        }
        .into_any()
    };
    let revert = page.manual.then(|| {
        view! {
            <form method="post" action=RevertRanks::PATH data-done="Back to the computed order." class="inline-form">
                {v.list.map(|l| view! { <input type="hidden" name="list" value=l.to_string()/> })}
                <span class="badge badge-info">"Manual order"</span>
                " Applicants scored later are placed by their score. "
                <button class="btn" type="submit">"Revert to computed"</button>
                {message_line()}
            </form>
        }
    });
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
    let interviewers = view! {
        <section class="card" aria-label="Interviewers">
            <h2>"Interviewers"</h2>
            <p class="muted">"Each interviewer's season on the display scale. Calibration puts each score on the pooled mean and spread, so a harsh and a lenient interviewer weigh the same; an interviewer who gave everyone the same score is centred instead."</p>
            <Table columns=&["Interviewer", "Mean", "Spread", "Sheets", "Calibration", ""]>
                {rows}
            </Table>
        </section>
    };
    let moved = (page.calibrated && !page.moved.is_empty()).then(|| {
        view! {
            <section class="card" aria-label="Moved by calibration">
                <h2>"Moved by calibration"</h2>
                <p class="muted">"Applicants whose rank moves by more than three places (raw → calibrated):"</p>
                <ul class="plain-list" data-testid="moved">
                    {page.moved.iter().map(|m| view! { <li>{m.clone()}</li> }).collect_view()}
                </ul>
            </section>
        }
    });
    let exclusions = (!page.exclusions.is_empty()).then(|| {
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
    });
    let named = view! {
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
                    <button class="btn btn-danger" type="submit">{format!("Delete the list {list_name}")}</button>
                    {message_line()}
                </form>
            })}
        </section>
    };
    let export = format!("/export/ranks.csv?{query}");
    let print = format!("/print/ranks?{query}");
    let calibrated_note = if page.calibrated {
        page.calibration_summary.clone()
    } else {
        "Raw scores: turn calibration on to correct for harsh and lenient interviewers.".into()
    };
    html_of(view! {
        <section class="card" aria-label="The list">
            {settings}
            {lists}
            <div class="card-head">
                <h2>{list_name.clone()}</h2>
                <div class="actions">
                    <a class="btn" href=export download="ranks.csv">"Export CSV"</a>
                    <a class="btn" href=print target="_blank" rel="noopener">"Printable view"</a>
                </div>
            </div>
            <p class="muted" data-testid="calibration-state">{calibrated_note}</p>
            {revert}
            {table}
        </section>
        {moved}
        {interviewers}
        {exclusions}
        {named}
    })
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

fn rank_row(i: usize, n: usize, l: &RankLine, v: RankView) -> impl IntoView {
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

/// The rank list as a page to print (no script, no controls).
pub fn print_ranks(page: &RankPage, v: RankView, program: &str) -> String {
    let title = if page.calibrated {
        "Rank list (calibrated)"
    } else {
        "Rank list"
    };
    let body = html_of(view! {
        <h1>{format!("{program} · {title}")}</h1>
        {v.median.then(|| view! { <p>"Final score: the median over interviewers."</p> })}
        <table class="sheet">
            <thead>
                <tr>
                    <th scope="col">"Rank"</th>
                    <th scope="col">"Applicant"</th>
                    <th scope="col">"Final"</th>
                    <th scope="col">"Raw"</th>
                    <th scope="col">"Calibrated"</th>
                    <th scope="col">"Sheets"</th>
                    <th scope="col">"Note"</th>
                </tr>
            </thead>
            <tbody>
                {page
                    .lines
                    .iter()
                    .map(|l| {
                        view! {
                            <tr>
                                <td>{l.rank}</td>
                                <td>{l.name.clone()}</td>
                                <td>{l.final_score.clone()}</td>
                                <td>{l.raw.clone()}</td>
                                <td>{l.calibrated.clone()}</td>
                                <td>{l.sheets}</td>
                                <td>{l.override_reason.clone()}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    });
    crate::itinerary::print::page(title, &body)
}
