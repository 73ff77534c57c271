//! Messages above a form or a page: done, for your information, or what went wrong.

use crate::error::AppError;
use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    Success,
    Info,
    Error,
}

/// A message in a box: errors are announced at once (`role="alert"`), the rest politely
/// (`role="status"`).
///
/// ```ignore
/// <Notice kind=NoticeKind::Success>"Settings saved."</Notice>
/// ```
#[component]
pub fn Notice(kind: NoticeKind, children: Children) -> impl IntoView {
    let (class, role) = match kind {
        NoticeKind::Success => ("alert alert-success", "status"),
        NoticeKind::Info => ("alert alert-info", "status"),
        NoticeKind::Error => ("alert alert-error", "alert"),
    };
    view! {
        <div class=class role=role>
            {children()}
        </div>
    }
}

/// The message of an error that belongs to no single field (shown above the form).
///
/// ```ignore
/// <FormError error=action_error(save)/>
/// ```
#[component]
pub fn FormError(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    move || {
        error
            .get()
            .and_then(|e| e.form_message())
            .map(|m| view! { <Notice kind=NoticeKind::Error>{m}</Notice> })
    }
}
