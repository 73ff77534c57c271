//! After Match Day, below the rank list: marking who matched, from the Match results file or
//! pasted ids (one by one: in an applicant's row, `rank_row`).

use crate::scoring::match_api::{MarkMatchedFile, MarkMatchedIds};
use crate::scoring::ssr::IDS_FIELD;
use crate::scoring::types::RankPage;
use crate::ui::{message_line, upload_note};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// The card: how many of the list are marked, the file form and the paste form (mark, or take
/// the marks back); each answers with what it changed and the ids it did not find.
pub(super) fn match_card(page: &RankPage) -> impl IntoView {
    let marked = page.lines.iter().filter(|l| l.matched).count();
    // Read from the address without a reactive owner: the rank list is also written outside
    // a server function (its tests).
    let refused = crate::ui::refused_post();
    let problem = |path: &str, key: &str| {
        refused
            .as_ref()
            .filter(|r| r.path == path)
            .and_then(|r| r.error.field_message(key))
    };
    let file = crate::upload::FILE_FIELD;
    let status = match marked {
        0 => "Nobody on this list is marked as matched yet.".to_string(),
        1 => "1 applicant on this list is marked as matched.".to_string(),
        n => format!("{n} applicants on this list are marked as matched."),
    };
    view! {
        <section class="card match-card" aria-label="After Match Day">
            <h2>"After Match Day"</h2>
            <p class="muted">
                "Mark who matched to the program, from the Match results file, from ids pasted below, or one by one in an applicant's scores above. The Reports page then counts matched against ranked, per session and per interviewer."
            </p>
            <p data-testid="matched-count">{status}</p>
            <form method="post" action=MarkMatchedFile::PATH enctype="multipart/form-data" data-done-answer class="stack" novalidate>
                {field(
                    ("Match results (CSV)", file),
                    "A column named NRMP ID or AAMC ID (other columns are ignored); or a file of ids, one per line.",
                    problem(MarkMatchedFile::PATH, file),
                    |id, described, invalid| view! {
                        <input id=id name=file type="file" accept=".csv,.tsv,.txt,text/csv,text/plain" aria-describedby=described aria-invalid=invalid/>
                    }.into_any(),
                )}
                <button class="btn" type="submit">"Mark the file's applicants as matched"</button>
                {upload_note("The file is sent: finding its applicants…")}
                {message_line()}
            </form>
            <form method="post" action=MarkMatchedIds::PATH data-done-answer class="stack">
                {field(
                    ("Or paste NRMP or AAMC ids", IDS_FIELD),
                    "One per line, or the results file's text with its header.",
                    problem(MarkMatchedIds::PATH, IDS_FIELD),
                    |id, described, invalid| view! {
                        <textarea id=id name=IDS_FIELD rows="4" aria-describedby=described aria-invalid=invalid></textarea>
                    }.into_any(),
                )}
                <div class="actions">
                    <button class="btn" type="submit" name="take_back" value="false">"Mark as matched"</button>
                    <button class="btn" type="submit" name="take_back" value="true">"Take their marks back"</button>
                </div>
                {message_line()}
            </form>
        </section>
    }
}

/// A labelled control with its hint and its refusal, with the panel's ids (`field-<key>`, so
/// the container finds a refused field and puts back what was typed).
fn field(
    (label, key): (&'static str, &'static str),
    hint: &'static str,
    problem: Option<String>,
    control: impl FnOnce(String, String, &'static str) -> AnyView,
) -> impl IntoView {
    let id = format!("field-{key}");
    let (hint_id, error_id) = (format!("{id}-hint"), format!("{id}-error"));
    let described = if problem.is_some() {
        format!("{hint_id} {error_id}")
    } else {
        hint_id.clone()
    };
    let invalid = if problem.is_some() { "true" } else { "false" };
    view! {
        <div class="field" class:field-invalid=problem.is_some()>
            <label for=id.clone()>{label}</label>
            <p class="field-hint" id=hint_id>{hint}</p>
            {control(id, described, invalid)}
            <p class="field-error" id=error_id aria-live="polite">{problem.clone()}</p>
        </div>
    }
}
