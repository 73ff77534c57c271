//! After Match Day, below the rank list: marking who matched, from the Match results file or
//! pasted ids (one by one: in an applicant's row, `rank_row`).

use crate::scoring::match_api::{MarkMatchedFile, MarkMatchedIds};
use crate::scoring::ssr::IDS_FIELD;
use crate::scoring::types::RankPage;
use crate::ui::{field_message, message_line, refusal, upload_note, Field};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// The card: how many of the list are marked, the file form and the paste form (mark, or take
/// the marks back); each answers with what it changed and the ids it did not find.
pub(super) fn match_card(page: &RankPage) -> impl IntoView {
    let marked = page.lines.iter().filter(|l| l.matched).count();
    let refused = refusal();
    let problem = field_message(refused, IDS_FIELD);
    let ids_id = format!("field-{IDS_FIELD}");
    let error_id = format!("field-{IDS_FIELD}-error");
    let hint_id = format!("field-{IDS_FIELD}-hint");
    let described = if problem.is_some() {
        format!("{hint_id} {error_id}")
    } else {
        hint_id.clone()
    };
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
                <Field
                    label="Match results (CSV)"
                    name=crate::upload::FILE_FIELD
                    kind="file"
                    accept=".csv,.tsv,.txt,text/csv,text/plain"
                    hint="A column named NRMP ID or AAMC ID (other columns are ignored); or a file of ids, one per line."
                    error=refused
                />
                <button class="btn" type="submit">"Mark the file's applicants as matched"</button>
                {upload_note("The file is sent: finding its applicants…")}
                {message_line()}
            </form>
            <form method="post" action=MarkMatchedIds::PATH data-done-answer class="stack">
                <div class="field" class:field-invalid=problem.is_some()>
                    <label for=ids_id.clone()>"Or paste NRMP or AAMC ids"</label>
                    <p class="field-hint" id=hint_id>"One per line, or the results file's text with its header."</p>
                    <textarea id=ids_id name=IDS_FIELD rows="4" aria-invalid=problem.is_some().then_some("true") aria-describedby=described></textarea>
                    <p class="field-error" id=error_id aria-live="polite">{problem.clone()}</p>
                </div>
                <div class="actions">
                    <button class="btn" type="submit" name="take_back" value="false">"Mark as matched"</button>
                    <button class="btn" type="submit" name="take_back" value="true">"Take their marks back"</button>
                </div>
                {message_line()}
            </form>
        </section>
    }
}
