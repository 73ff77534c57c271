//! The wire between the portal's server and its own browser code.
//!
//! JSON names every field, so decoding it needs, per type, code that matches names, and a JSON
//! parser besides: together about a tenth of the WASM. Between our server and our own WASM, both built from these types, the
//! names carry nothing, so answers and page data travel in postcard (serde's data model, fields
//! in order, no names). Anyone else — a test, `curl`, a script — gets JSON as before: a server
//! function answers postcard only to a request that asks for [`COMPACT`] (as [`crate::ui::call`]
//! and the forms do).
//!
//! - [`Compact`]: the output encoding of every server function (`#[server(output = Compact)]`),
//!   and of their errors ([`crate::error::AppError`]'s encoder).
//! - [`CompactCodec`]: the codec of the page data a server-rendered page hands to the browser
//!   ([`crate::ui::Data`]).

use leptos::server_fn::codec::Post;
use leptos::server_fn::error::{FromServerFnError, IntoAppError, ServerFnErrorErr};
use leptos::server_fn::{Bytes, ContentType, Decodes, Encodes, Format, FormatType};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// The content type of a compact answer (what the portal's browser code asks for).
pub const COMPACT: &str = "application/x-postcard";

/// Whether a request's `Accept` asks for [`COMPACT`] (the portal's own calls do).
pub fn asks_compact(accept: Option<&http::HeaderValue>) -> bool {
    accept.is_some_and(|a| a.as_bytes() == COMPACT.as_bytes())
}

/// A server function's output: postcard to the portal's own browser code, JSON to anyone else.
pub type Compact = Post<CompactEncoding>;

/// The encoding behind [`Compact`].
pub struct CompactEncoding;

impl ContentType for CompactEncoding {
    const CONTENT_TYPE: &'static str = COMPACT;
}

impl FormatType for CompactEncoding {
    const FORMAT_TYPE: Format = Format::Binary;
}

/// Whether the request being answered is the portal's own: a call asking for [`COMPACT`], or a
/// form posted without script (it accepts HTML; its answer is a redirect, and an error rides in
/// the address for the page to read). Otherwise the answer is JSON, labelled so (Leptos applies
/// the page's response options after the function's own).
#[cfg(feature = "ssr")]
fn compact_wanted() -> bool {
    use leptos::prelude::use_context;
    let compact = use_context::<http::request::Parts>().is_some_and(|parts| {
        let accept = parts.headers.get(http::header::ACCEPT);
        asks_compact(accept)
            || accept
                .and_then(|a| a.to_str().ok())
                .is_some_and(|a| a.contains("text/html"))
    });
    if !compact {
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.insert_header(
                http::header::CONTENT_TYPE,
                http::HeaderValue::from_static("application/json"),
            );
        }
    }
    compact
}

impl<T: Serialize> Encodes<T> for CompactEncoding {
    type Error = String;

    fn encode(value: &T) -> Result<Bytes, String> {
        #[cfg(feature = "ssr")]
        if !compact_wanted() {
            return serde_json::to_vec(value)
                .map(Bytes::from)
                .map_err(|e| e.to_string());
        }
        postcard::to_allocvec(value)
            .map(Bytes::from)
            .map_err(|e| e.to_string())
    }
}

impl<T: DeserializeOwned> Decodes<T> for CompactEncoding {
    type Error = postcard::Error;

    fn decode(bytes: Bytes) -> Result<T, postcard::Error> {
        postcard::from_bytes(&bytes)
    }
}

/// Reads a compact answer.
pub fn decode<T: DeserializeOwned, E: FromServerFnError>(bytes: &[u8]) -> Result<T, E> {
    postcard::from_bytes(bytes)
        .map_err(|e| ServerFnErrorErr::Deserialization(e.to_string()).into_app_error())
}

/// The codec of page data handed from the server-rendered page to the browser (base64 of
/// postcard in the page, by Leptos).
pub struct CompactCodec;

impl<T: Serialize> codee::Encoder<T> for CompactCodec {
    type Error = postcard::Error;
    type Encoded = Vec<u8>;

    fn encode(value: &T) -> Result<Vec<u8>, postcard::Error> {
        postcard::to_allocvec(value)
    }
}

impl<T: DeserializeOwned> codee::Decoder<T> for CompactCodec {
    type Error = postcard::Error;
    type Encoded = [u8];

    fn decode(bytes: &[u8]) -> Result<T, postcard::Error> {
        postcard::from_bytes(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::AppError;
    use crate::ids::SessionId;
    use chrono::{NaiveDate, NaiveTime};
    use serde::Deserialize;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Sample {
        id: SessionId,
        name: String,
        #[serde(deserialize_with = "crate::wire::date")]
        date: NaiveDate,
        #[serde(deserialize_with = "crate::wire::time")]
        start: NaiveTime,
        seats: Option<u32>,
        outcome: Result<Vec<i64>, AppError>,
    }

    #[test]
    fn what_the_server_writes_the_browser_reads_back() {
        let sample = Sample {
            id: SessionId(7),
            name: "Tuesday, full day".into(),
            date: NaiveDate::from_ymd_opt(2027, 2, 16).unwrap(),
            start: NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
            seats: Some(12),
            outcome: Err(AppError::invalid("capacity", "Enter a number.")),
        };
        let bytes = <CompactCodec as codee::Encoder<Sample>>::encode(&sample).unwrap();
        let back: Sample = <CompactCodec as codee::Decoder<Sample>>::decode(&bytes).unwrap();
        assert_eq!(back, sample);
        let answered: Result<Sample, AppError> = decode(&bytes);
        assert_eq!(answered.unwrap(), sample);
    }

    #[test]
    fn a_truncated_answer_is_an_error_not_a_panic() {
        let bytes = postcard::to_allocvec(&("a name".to_string(), 5u32)).unwrap();
        let cut: Result<(String, u32), AppError> = decode(&bytes[..3]);
        assert!(cut.is_err());
    }
}
