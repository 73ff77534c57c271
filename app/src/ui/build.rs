//! Which build of the portal a tab runs, so an upgrade never leaves an open tab mis-reading the
//! server. The browser code and the server speak a compact wire without field names
//! ([`crate::codec`]): a tab's old code cannot read a newer server's answers and pushes.
//!
//! - The build's id is the hash of the browser code the server serves (the `wasm:` line of
//!   the hash file cargo-leptos writes beside the server, `hash.txt`): a new build of the front
//!   end has a new id, with no setting to keep in step. Without a hash file there is no id and
//!   nothing is checked.
//! - Every page carries it in its head ([`meta`], `<meta name="portal-build">`); the tab
//!   sends it with every server function call ([`HEADER`], in `ui::call::send`, the one path
//!   the browser's calls take) and in its push stream's address (`/events?portal-build=…`).
//! - The server answers a call from another build with [`AppError::Updated`] (412) and a push
//!   stream from another build with one `updated` event (an `EventSource` cannot read a
//!   status); the tab then reloads itself ([`reload`]). Drafts kept on the device (a panel's
//!   autosaved form) are filled in again after the reload; the builder's draft is on the server.
//! - A request without an id (a form posted without script, a script's `curl`) is served as
//!   ever.
//!
//! [`AppError::Updated`]: crate::error::AppError::Updated

/// The request header a tab's calls carry the build id in.
pub const HEADER: &str = "x-portal-build";

/// The name of the page's `<meta>` that carries the build id, and of the push stream's query
/// parameter.
pub const META: &str = "portal-build";

/// The id of the build the server serves (`options`' hash file, read once per file), empty
/// when there is none.
#[cfg(feature = "ssr")]
pub fn id(options: &leptos::prelude::LeptosOptions) -> std::sync::Arc<str> {
    use std::collections::HashMap;
    use std::path::PathBuf;
    use std::sync::{Arc, Mutex};
    static IDS: Mutex<Option<HashMap<PathBuf, Arc<str>>>> = Mutex::new(None);
    if !options.hash_files {
        return Arc::from("");
    }
    // Where Leptos reads it too: beside the server's binary, or the path given.
    let path = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|p| p.to_path_buf()))
        .unwrap_or_default()
        .join(options.hash_file.as_ref());
    let mut ids = IDS.lock().unwrap_or_else(|e| e.into_inner());
    ids.get_or_insert_with(HashMap::new)
        .entry(path)
        .or_insert_with_key(|path| {
            let text = std::fs::read_to_string(path).unwrap_or_default();
            Arc::from(
                text.lines()
                    .filter_map(|l| l.split_once(':'))
                    .find(|(file, _)| file.trim() == "wasm")
                    .map(|(_, hash)| hash.trim())
                    .unwrap_or_default(),
            )
        })
        .clone()
}

/// The page's build id, in its head (written on the server only: the head is not hydrated).
#[cfg(feature = "ssr")]
pub fn meta(options: &leptos::prelude::LeptosOptions) -> impl leptos::prelude::IntoView {
    use leptos::prelude::*;
    view! { <meta name=META content=id(options).to_string()/> }
}

#[cfg(not(feature = "ssr"))]
pub fn meta(_: &leptos::prelude::LeptosOptions) {}

/// The build id of the page this tab loaded (empty when it carries none).
#[cfg(not(feature = "ssr"))]
pub fn current() -> String {
    leptos::prelude::document()
        .query_selector(&format!("meta[name={META}]"))
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
        .unwrap_or_default()
}

/// The portal was updated: load the page again, from the new build. Not twice within ten
/// seconds (instances of two builds behind one proxy during an upgrade would bounce the tab).
#[cfg(not(feature = "ssr"))]
pub fn reload() {
    let window = leptos::prelude::window();
    let now = js_sys::Date::now();
    let store = window.session_storage().ok().flatten();
    let last = store
        .as_ref()
        .and_then(|s| s.get_item(META).ok().flatten())
        .and_then(|t| t.parse::<f64>().ok());
    if last.is_some_and(|t| now - t < 10_000.0) {
        return;
    }
    if let Some(s) = store {
        let _ = s.set_item(META, &now.to_string());
    }
    let _ = window.location().reload();
}
