//! Calling a server function from the browser through one shared request path.
//!
//! A server function's own client (`S::run_on_client`) carries the whole round trip (encode,
//! fetch, status, redirect, decode) for each function: one copy per function in the WASM.
//! [`call`] keeps per function only what differs (encoding its arguments) and per *output
//! type* the decoding; the fetch is [`send`], one copy for all.

use crate::codec::Compact;
use crate::error::AppError;
use leptos::server_fn::client::Client;
use leptos::server_fn::codec::{IntoReq, PostUrl};
use leptos::server_fn::error::FromServerFnError;
use leptos::server_fn::redirect::call_redirect_hook;
use leptos::server_fn::request::browser::Request as BrowserRequest;
use leptos::server_fn::response::ClientRes;
use leptos::server_fn::{Http, ServerFn};
use serde::de::DeserializeOwned;
use std::ops::Deref;

/// Calls `S` with `input`: its answer, or the error it answered with. On the server (a page
/// rendering) the function's body runs in place, as a direct call of the function would.
pub async fn call<S>(input: S) -> Result<S::Output, AppError>
where
    S: ServerFn<Error = AppError, Protocol = Http<PostUrl, Compact>>
        + IntoReq<PostUrl, <S::Client as Client<AppError>>::Request, AppError>,
    S::Client: Client<AppError>,
    <S::Client as Client<AppError>>::Request: Deref<Target = BrowserRequest>,
    S::Output: DeserializeOwned,
{
    #[cfg(feature = "ssr")]
    {
        input.run_body().await
    }
    #[cfg(not(feature = "ssr"))]
    {
        let url = match REFUSAL.with(|r| r.borrow_mut().take()) {
            Some(query) => format!("{}?{query}", S::url()),
            None => S::url().to_string(),
        };
        let request = input.into_req(&url, crate::codec::COMPACT)?;
        crate::codec::decode(&send::<S::Client>(request).await?)
    }
}

/// Sends a request to a server function, with the tab's build ([`super::build`]), and returns
/// its answer's body; an error status is decoded as the error; a redirect it asks for is
/// followed; a server of another build makes the tab reload.
pub async fn send<C: Client<AppError>>(
    request: C::Request,
) -> Result<leptos::server_fn::Bytes, AppError>
where
    C::Request: Deref<Target = BrowserRequest>,
{
    #[cfg(not(feature = "ssr"))]
    request
        .headers()
        .set(super::build::HEADER, &super::build::current());
    let response = C::send(request).await?;
    let status = response.status();
    #[cfg(not(feature = "ssr"))]
    if status == crate::error::UPDATED_STATUS {
        super::build::reload();
        return Err(AppError::Updated(crate::error::UPDATED.into()));
    }
    let location = response.location();
    let redirect = response.has_redirect();
    let body = if (400..=599).contains(&status) {
        Err(AppError::de(response.try_into_bytes().await?))
    } else {
        response.try_into_bytes().await
    };
    if (300..=399).contains(&status) || redirect {
        call_redirect_hook(&location);
    }
    body
}

/// Posts a URL-encoded form body to the server function at `url` (the way a form posted
/// without script does), through [`send`]: its answer's body.
pub async fn post_form(url: &str, body: String) -> Result<leptos::server_fn::Bytes, AppError> {
    use leptos::server_fn::client::browser::BrowserClient;
    use leptos::server_fn::request::ClientReq;
    let request =
        <<BrowserClient as Client<AppError>>::Request as ClientReq<AppError>>::try_new_post(
            url,
            "application/x-www-form-urlencoded",
            crate::codec::COMPACT,
            body,
        )?;
    send::<BrowserClient>(request).await
}

/// Posts a form with a file (`enctype="multipart/form-data"`) to the server function at `url`
/// as the browser would without script (multipart), with the headers [`send`] adds: its
/// answer's body. By `XMLHttpRequest`, not `fetch`, because only it tells how much of the body
/// has gone: `progress(sent, total)` hears it (bytes) while a large file goes up.
#[cfg(not(feature = "ssr"))]
pub async fn post_multipart(
    url: &str,
    form: web_sys::FormData,
    progress: impl Fn(f64, f64) + 'static,
) -> Result<leptos::server_fn::Bytes, AppError> {
    use wasm_bindgen::{closure::Closure, JsCast};
    let failed = |_| AppError::Network("the file did not go through; try again.".into());
    let xhr = web_sys::XmlHttpRequest::new().map_err(failed)?;
    xhr.open("POST", url).map_err(failed)?;
    xhr.set_response_type(web_sys::XmlHttpRequestResponseType::Arraybuffer);
    xhr.set_request_header("Accept", crate::codec::COMPACT)
        .map_err(failed)?;
    xhr.set_request_header(super::build::HEADER, &super::build::current())
        .map_err(failed)?;
    let heard = Closure::<dyn Fn(web_sys::ProgressEvent)>::new(move |e: web_sys::ProgressEvent| {
        if e.length_computable() {
            progress(e.loaded(), e.total());
        }
    });
    xhr.upload()
        .map_err(failed)?
        .set_onprogress(Some(heard.as_ref().unchecked_ref()));
    // Settles when the request ends, however it ends (the status says how).
    let ended = js_sys::Promise::new(&mut |resolve, _| xhr.set_onloadend(Some(&resolve)));
    xhr.send_with_opt_form_data(Some(&form)).map_err(failed)?;
    wasm_bindgen_futures::JsFuture::from(ended)
        .await
        .map_err(failed)?;
    drop(heard);
    let status = xhr.status().map_err(failed)?;
    if status == crate::error::UPDATED_STATUS {
        super::build::reload();
        return Err(AppError::Updated(crate::error::UPDATED.into()));
    }
    let body: leptos::server_fn::Bytes = xhr
        .response()
        .ok()
        .and_then(|r| r.dyn_into::<js_sys::ArrayBuffer>().ok())
        .map(|b| js_sys::Uint8Array::new(&b).to_vec())
        .unwrap_or_default()
        .into();
    match status {
        0 => Err(failed(wasm_bindgen::JsValue::NULL)),
        400..=599 => Err(AppError::de(body)),
        _ => Ok(body),
    }
}

#[cfg(not(feature = "ssr"))]
std::thread_local! {
    /// A refusal the next call carries in its address ([`carry_refusal`]).
    static REFUSAL: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// A panel's post to `path` was refused: the next call (the panel asking for its HTML again)
/// carries the refusal in its address as a form posted without script brings it back to the
/// page (`__path`, `__err`), so the server writes it under its field (`ui::refusal`); and the
/// refused form's hidden fields (`__form`), so a refusal of one row's form among alike ones is
/// written in that row ([`refused_post`](super::refused_post)).
#[cfg(not(feature = "ssr"))]
pub fn carry_refusal(path: &str, form: &[(String, String)], error: &AppError) {
    use base64::Engine;
    let (Ok(query), Ok(fields)) = (
        web_sys::UrlSearchParams::new(),
        web_sys::UrlSearchParams::new(),
    ) else {
        return;
    };
    for (name, value) in form {
        fields.append(name, value);
    }
    query.append("__path", path);
    query.append(
        "__err",
        &base64::engine::general_purpose::URL_SAFE.encode(error.ser()),
    );
    query.append("__form", &String::from(fields.to_string()));
    let query: String = query.to_string().into();
    REFUSAL.with(|r| *r.borrow_mut() = Some(query));
}
