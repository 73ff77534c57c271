//! A form posted without script and refused comes back to its page with what was typed.
//!
//! Leptos answers a refused server function posted by a plain form (the browser asked for HTML)
//! with a redirect to the page it came from, the refusal in the address (`__path`, `__err`).
//! This layer adds the form's fields (`__form`), as the panel container does for a post in
//! place with script: the page is written again with the refusal in the row it is about
//! (`app::ui::RefusedPost::of`) and the fields filled with what was typed (`app::ui::Field`).
//! Secrets never go into an address: a field whose name holds "password", "confirm" or "token"
//! is left out, and so is whatever would make the address longer than [`MAX_CARRIED`].

use axum::http::{header, HeaderValue, Method};

/// The most of a form's fields carried back in the address (bytes, encoded).
pub const MAX_CARRIED: usize = 2048;

pub async fn carry_typed(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let plain_form = req.method() == Method::POST
        && req.uri().path().starts_with("/api/")
        && header_has(
            &req,
            header::CONTENT_TYPE,
            "application/x-www-form-urlencoded",
        )
        && header_has(&req, header::ACCEPT, "text/html");
    if !plain_form {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, crate::MAX_BODY_BYTES).await else {
        // Over the limit: refused as the limit refuses it (said by `error_status`).
        return axum::response::IntoResponse::into_response(
            axum::http::StatusCode::PAYLOAD_TOO_LARGE,
        );
    };
    let fields = carried(&bytes);
    let req = axum::extract::Request::from_parts(parts, axum::body::Body::from(bytes));
    let mut res = next.run(req).await;
    let location = res
        .headers()
        .get(header::LOCATION)
        .and_then(|l| l.to_str().ok())
        .filter(|l| l.contains("__err="))
        .map(str::to_owned);
    if let (Some(location), false) = (location, fields.is_empty()) {
        let with_form = form_urlencoded::Serializer::new(String::new())
            .append_pair("__form", &fields)
            .finish();
        if let Ok(value) = HeaderValue::from_str(&format!("{location}&{with_form}")) {
            res.headers_mut().insert(header::LOCATION, value);
        }
    }
    res
}

/// The fields of a form body worth carrying back (no secrets), encoded, within the limit.
fn carried(body: &[u8]) -> String {
    let mut out = form_urlencoded::Serializer::new(String::new());
    let mut length = 0;
    for (name, value) in form_urlencoded::parse(body) {
        let lower = name.to_ascii_lowercase();
        if ["password", "confirm", "token"]
            .iter()
            .any(|s| lower.contains(s))
        {
            continue;
        }
        let piece = name.len() + value.len() + 2;
        if length + piece > MAX_CARRIED {
            break;
        }
        length += piece;
        out.append_pair(&name, &value);
    }
    out.finish()
}

fn header_has(req: &axum::extract::Request, name: header::HeaderName, part: &str) -> bool {
    req.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains(part))
}

#[cfg(test)]
mod tests {
    use super::carried;

    #[test]
    fn secrets_stay_out_of_the_address() {
        let body = b"email=ana%40x.test&password=hunter2&confirm=hunter2&name=Ana+Ruiz&token=abc";
        assert_eq!(carried(body), "email=ana%40x.test&name=Ana+Ruiz");
    }

    #[test]
    fn a_long_form_is_cut_at_the_limit() {
        let long = format!("id=7&comment={}", "x".repeat(super::MAX_CARRIED));
        assert_eq!(carried(long.as_bytes()), "id=7");
    }
}
