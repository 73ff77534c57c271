//! A session's scoring screen: the form it is scored on, who still owes which score, and the
//! reminder.

use super::*;
use crate::ids::SessionId;
use crate::scoring::api::{OpenScoring, RemindScorers};
use crate::scoring::types::MissingLine;
use crate::ui::{html_of, message_line, Table};
use leptos::server_fn::ServerFn;

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
