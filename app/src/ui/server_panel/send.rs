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
/// import); only whether it was taken matters.
pub(super) async fn post_multipart(url: &str, form: &HtmlFormElement) -> Result<(), AppError> {
    let data = web_sys::FormData::new_with_form(form)
        .map_err(|_| AppError::BadRequest("The form could not be read.".into()))?;
    crate::ui::call::post_multipart(url, data).await.map(|_| ())
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
