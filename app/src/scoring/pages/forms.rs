//! The form library's screen: each form with its preview, the editor (a new form or an edit),
//! and the form each session is scored on.

use super::*;
use crate::scoring::api::{AssignScoringForm, SaveScoringForm};
use crate::scoring::types::{CriterionView, FormView, SessionForm};
use crate::ui::{html_of, message_line, Table};
use leptos::server_fn::ServerFn;

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
                            {super::sheets::sheet_fields(f, &[], "", false, true)}
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
