//! Sending a panel's form body to a server function, and saying in the form how it went: the
//! two steps a post in place and a draft share.

use crate::error::AppError;
use leptos::prelude::*;
use web_sys::HtmlFormElement;

/// Posts a URL-encoded body to a server function; only whether it was taken matters.
pub(super) async fn post(url: &str, body: String) -> Result<(), AppError> {
    crate::ui::call::post_form(url, body).await.map(|_| ())
}

/// Posts a URL-encoded body to a server function that answers in words (a `String`: what a
/// bulk action changed and refused), and returns them.
pub(super) async fn post_for_words(url: &str, body: String) -> Result<String, AppError> {
    crate::codec::decode(&crate::ui::call::post_form(url, body).await?)
}

/// Posts a form with a file as multipart (`enctype="multipart/form-data"`: the applicant
/// import, application files, the Match results); with `in_words`, its server function answers
/// in words (as [`post_for_words`]), which are returned; otherwise only whether it was taken
/// matters. While the file goes up, the
/// form's `progress[data-upload]` shows how much has gone and its `[data-upload-words]` says it
/// ("Sending the file: 40 % of 2.1 MB"); once all of it is sent, the bar runs without a value
/// (the server is at work) and the words become the element's `data-upload-words`.
pub(super) async fn post_multipart(
    url: &str,
    form: &HtmlFormElement,
    in_words: bool,
) -> Result<Option<String>, AppError> {
    let data = web_sys::FormData::new_with_form(form)
        .map_err(|_| AppError::BadRequest("The form could not be read.".into()))?;
    let bar = form.query_selector("progress[data-upload]").ok().flatten();
    let words = form.query_selector("[data-upload-words]").ok().flatten();
    let body = crate::ui::call::post_multipart(url, data, move |sent, total| {
        let done = sent >= total;
        if let Some(bar) = &bar {
            if done {
                let _ = bar.remove_attribute("value");
            } else {
                let _ = bar.set_attribute("max", &total.to_string());
                let _ = bar.set_attribute("value", &sent.to_string());
            }
        }
        if let Some(words) = &words {
            let text = if done {
                words.get_attribute("data-upload-words").unwrap_or_default()
            } else {
                upload_words(sent, total)
            };
            words.set_text_content(Some(&text));
        }
    })
    .await?;
    if in_words {
        crate::codec::decode(&body).map(Some)
    } else {
        Ok(None)
    }
}

/// How much of an upload has gone, in words.
fn upload_words(sent: f64, total: f64) -> String {
    let percent = if total > 0.0 {
        (sent / total * 100.0).floor()
    } else {
        0.0
    };
    let size = if total >= 1_000_000.0 {
        format!("{:.1} MB", total / 1_000_000.0)
    } else {
        format!("{} KB", (total / 1000.0).ceil())
    };
    format!("Sending the file: {percent} % of {size}")
}

/// Writes `text` into the form's message line (an error is announced at once).
pub(super) fn say(form: &HtmlFormElement, text: &str, error: bool) {
    if let Ok(Some(line)) = form.query_selector("[data-message]") {
        line.set_text_content(Some(text));
        let _ = line.set_attribute(
            "class",
            if error {
                "form-message form-message-error"
            } else {
                "form-message"
            },
        );
        let _ = line.set_attribute("role", if error { "alert" } else { "status" });
    } else if error && !text.is_empty() {
        window().alert_with_message(text).ok();
    }
}
