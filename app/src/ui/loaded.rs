//! One loading state and one error block for every resource a page awaits.

use super::server_panel::in_page::PageCodec;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{de::DeserializeOwned, Serialize};
use std::future::Future;

/// Data a page loads from the server: rendered there, then handed to the browser in the compact
/// wire ([`crate::codec`]) instead of JSON, less the HTML of its panels, which the page holds
/// already ([`PageCodec`]).
pub type Data<T> = Resource<Result<T, AppError>, PageCodec>;

/// Loads a page's data: `fetch(source())`, again whenever `source` changes.
#[track_caller]
pub fn load<S, T, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetch: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> Data<T>
where
    S: Send + Sync + Clone + PartialEq + 'static,
    T: Send + Sync + Serialize + DeserializeOwned + 'static,
    Fut: Future<Output = Result<T, AppError>> + Send + 'static,
{
    Resource::new_with_options(source, fetch, false)
}

/// Shows `children(value)` once the resource has loaded, a quiet placeholder until then, and
/// the error said plainly if it failed. While it reloads (a live change, a saved form) the old
/// view stays on screen (`Transition`).
///
/// ```ignore
/// let staff = load(|| (), |_| call(ListStaff {}));
/// view! { <Loaded resource=staff let:rows> <StaffTable rows/> </Loaded> }
/// ```
#[component]
pub fn Loaded<T, V, F>(resource: Data<T>, children: F) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    view! {
        <Transition fallback=|| view! { <div class="loading" aria-busy="true"></div> }>
            {move || {
                let children = children.clone();
                Suspend::new(async move { or_error(resource.await.map(children)) })
            }}
        </Transition>
    }
}

/// A loaded view, or the error that stopped it from loading, said plainly.
pub fn or_error<V: IntoView + 'static>(result: Result<V, AppError>) -> AnyView {
    match result {
        Ok(view) => view.into_any(),
        Err(e) => view! {
            <div class="alert alert-error" role="alert">
                {e.to_string()}
            </div>
        }
        .into_any(),
    }
}
