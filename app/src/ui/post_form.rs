//! Forms that post to a server function: [`PostForm`] and its [`FormAction`].
//!
//! Leptos' `<ActionForm>` decodes the form's fields into the server function's arguments in the
//! browser, then encodes them again to post them: a decoder and an encoder per server function
//! in the WASM (about a fifth of the bundle's form code). A [`PostForm`] posts the fields as the
//! browser would without script (URL-encoded, the same body), and only the answer is decoded,
//! by one decoder per *output type* (most forms answer `()`, so they share one). Before
//! hydration, or without script, it is a plain `<form method="post">` to the same address.

use crate::error::AppError;
use leptos::form::form_data_from_event;
use leptos::prelude::*;
use leptos::server::ServerActionError;
use leptos::server_fn::client::Client;
use leptos::server_fn::error::ServerFnUrlError;
use leptos::server_fn::ServerFn;
use serde::de::DeserializeOwned;
use std::marker::PhantomData;

/// What a form's last post answered, what it sent, and whether one is under way.
pub struct FormAction<S: ServerFn> {
    action: Action<String, Result<S::Output, AppError>>,
    server_fn: PhantomData<fn() -> S>,
}

impl<S: ServerFn> Clone for FormAction<S> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<S: ServerFn> Copy for FormAction<S> {}

impl<S> FormAction<S>
where
    S: ServerFn<Error = AppError>,
    S::Client: Client<AppError> + 'static,
    S::Output: DeserializeOwned + Clone + Send + Sync + 'static,
{
    /// A form action for `S`; after a post without script, its error comes back in the address
    /// and is shown here as if the post had just answered.
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        let failed = use_context::<ServerActionError>()
            .filter(|e| e.path() == S::PATH)
            .map(|e| Err(ServerFnUrlError::<AppError>::decode_err(e.err())));
        let action = Action::new_with_value(failed, |body: &String| {
            post::<S::Output>(S::url(), body.clone())
        });
        Self {
            action,
            server_fn: PhantomData,
        }
    }

    /// The last answer.
    pub fn value(&self) -> Signal<Option<Result<S::Output, AppError>>> {
        let value = self.action.value();
        Signal::derive(move || value.get())
    }

    /// Counts the posts answered (a resource keyed on it reloads after each).
    pub fn version(&self) -> RwSignal<usize> {
        self.action.version()
    }

    /// A post is under way.
    pub fn pending(&self) -> Memo<bool> {
        self.action.pending()
    }

    /// The value of the field `name` in the last post (`None` before any).
    pub fn sent(&self, name: &str) -> Option<String> {
        self.action
            .input()
            .get()
            .and_then(|body| field_of(&body, name))
    }

    /// The underlying action (for the UI kit's outcome helpers).
    pub fn action(&self) -> Action<String, Result<S::Output, AppError>> {
        self.action
    }
}

impl<S: ServerFn> From<FormAction<S>> for Action<String, Result<S::Output, AppError>> {
    fn from(form: FormAction<S>) -> Self {
        form.action
    }
}

/// A form that posts its fields to `action`'s server function (see the module's notes).
#[component]
pub fn PostForm<S>(action: FormAction<S>, children: Children) -> impl IntoView
where
    S: ServerFn<Error = AppError>,
    S::Client: Client<AppError> + 'static,
    S::Output: DeserializeOwned + Clone + Send + Sync + 'static,
{
    let dispatch = action.action;
    form_view(
        S::url(),
        Callback::new(move |body| {
            dispatch.dispatch(body);
        }),
        children,
    )
}

/// The form itself, the same for every server function.
fn form_view(url: &'static str, send: Callback<String>, children: Children) -> AnyView {
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        if ev.default_prevented() {
            return;
        }
        ev.prevent_default();
        if let Some(body) = url_encoded(&ev) {
            send.run(body);
        }
    };
    view! {
        <form action=url method="post" on:submit=on_submit>
            {children()}
        </form>
    }
    .into_any()
}

/// The submitted form's fields (the pressed button's included), URL-encoded.
pub(super) fn url_encoded(ev: &leptos::ev::SubmitEvent) -> Option<String> {
    let data = form_data_from_event(ev).ok()?;
    let params = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data).ok()?;
    // Leptos adds the pressed button even without a name (`=`), which no form field is.
    params.delete("");
    params.to_string().as_string()
}

/// One field's value in a URL-encoded body.
fn field_of(body: &str, name: &str) -> Option<String> {
    let params = web_sys::UrlSearchParams::new_with_str(body).ok()?;
    params.get(name)
}

/// Posts `body` to the server function at `url` and decodes its answer.
async fn post<O: DeserializeOwned>(url: &'static str, body: String) -> Result<O, AppError> {
    crate::codec::decode(&super::call::post_form(url, body).await?)
}
