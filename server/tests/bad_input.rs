//! Generated bad input for every server function, on SQLite and PostgreSQL: from a call with
//! valid arguments (`World::args`), one thing is broken at a time — a field missing, a value
//! that is long (10 KB), has control characters, is not UTF-8, names an unknown record or
//! another program's, is an impossible date, a zone that does not exist, an out-of-range
//! number — or the whole body is broken (JSON, bad percent-encoding, bytes that are not text,
//! nesting, over 256 KB). Every answer must come within 10 s, never be a 5xx, and a refused call
//! must carry a message and change nothing.
//!
//! Two tests: a deterministic sweep (every field of every function broken in every way, one at
//! a time, and every broken body), and generated combinations (proptest): `PROPTEST_CASES` sets
//! the cases per function (default 8, as in CI) and `PROPTEST_SEED` the seed (a fixed default,
//! so a run can be repeated). A deep run:
//! `PROPTEST_CASES=1000 cargo test -p server --test bad_input generated`.
//! To see what one function answers, `TRACE_BAD=/api/save-session` prints each of its calls.

mod common;

use app::access::{Access, CallerKind, MATRIX};
use app::error::AppError;
use axum::body::Body;
use common::world::World;
use http_body_util::BodyExt;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use std::time::Duration;
use tower::ServiceExt;

/// One broken value of a field.
#[derive(Debug, Clone, Copy)]
enum BadValue {
    Long,
    Control(char),
    /// Percent-encoded bytes that are not UTF-8.
    NotUtf8,
    UnknownId,
    /// An id of the other program's records (index into `World::elsewhere`).
    OtherProgram(usize),
    Text(&'static str),
}

/// One broken call.
#[derive(Debug, Clone, Copy)]
enum Bad {
    Missing(usize),
    Value(usize, BadValue),
    Body(&'static [u8], &'static str),
    TooLarge,
}

const CONTROLS: [char; 6] = ['\0', '\u{7}', '\u{1b}', '\u{202e}', '\u{feff}', '\n'];
const TEXTS: [&str; 15] = [
    "",
    " ",
    "2027-02-30",
    "12/08/2026",
    "25:61",
    "Mars/Base",
    "99999999999999999999",
    "-5",
    "0",
    "1e9",
    "true",
    "null",
    "[]",
    "a[b]=c",
    "ﬀ𝓧 ё",
];
const BODIES: [(&[u8], &str); 7] = [
    (b"{\"email\": \"x@y.z\", ", "application/json"),
    (
        b"{\"email\": \"x@y.z\"}",
        "application/x-www-form-urlencoded",
    ),
    (b"%zz=%%&=&&name", "application/x-www-form-urlencoded"),
    (
        b"\xff\xfe\x00name=\xc3\x28",
        "application/x-www-form-urlencoded",
    ),
    (
        b"a[b][c][d][e][f][g][h][i][j]=1&session[[[=2",
        "application/x-www-form-urlencoded",
    ),
    (
        b"name=x&name=y&email=a@b.c&email=d@e.f",
        "application/x-www-form-urlencoded",
    ),
    (
        b"--x\r\nContent-Disposition: form-data\r\n\r\n",
        "multipart/form-data; boundary=x",
    ),
];

/// Every broken value, for the sweep.
fn every_bad_value() -> Vec<BadValue> {
    let mut all = vec![BadValue::Long, BadValue::NotUtf8, BadValue::UnknownId];
    all.extend(CONTROLS.map(BadValue::Control));
    all.extend((0..3).map(BadValue::OtherProgram));
    all.extend(TEXTS.map(BadValue::Text));
    all
}

fn bad_value() -> impl Strategy<Value = BadValue> {
    prop::sample::select(every_bad_value())
}

/// A call broken in one to three places at once (or its whole body).
fn bad_call() -> impl Strategy<Value = Vec<Bad>> {
    let one = prop_oneof![
        1 => (0..10usize).prop_map(Bad::Missing),
        6 => (0..10usize, bad_value()).prop_map(|(i, v)| Bad::Value(i, v)),
    ];
    prop_oneof![
        8 => prop::collection::vec(one, 1..=3),
        1 => prop::sample::select(BODIES.to_vec()).prop_map(|(b, k)| vec![Bad::Body(b, k)]),
        1 => Just(vec![Bad::TooLarge]),
    ]
}

fn enc(s: &str) -> String {
    common::form_body(&[("k".into(), s.into())])[2..].to_string()
}

/// The body and content type of the broken call.
fn build(w: &World, args: &[(String, String)], bad: &[Bad]) -> (Vec<u8>, &'static str) {
    let form = "application/x-www-form-urlencoded";
    // Each field as `key=value`, already encoded; `None` once removed.
    let mut fields: Vec<Option<String>> = args
        .iter()
        .map(|(k, v)| Some(format!("{}={}", enc(k), enc(v))))
        .collect();
    for b in bad {
        match b {
            Bad::Body(body, kind) => return (body.to_vec(), kind),
            Bad::TooLarge => return (vec![b'a'; 300 * 1024], form),
            // A call without fields gets an unexpected one instead.
            Bad::Missing(_) | Bad::Value(..) if args.is_empty() => {
                fields.push(Some("unexpected=%FF".into()))
            }
            Bad::Missing(i) => fields[i % args.len()] = None,
            Bad::Value(i, value) => {
                let i = i % args.len();
                let key = enc(&args[i].0);
                let value = match value {
                    BadValue::Long => "x".repeat(10 * 1024),
                    BadValue::Control(c) => enc(&format!("A{c}B")),
                    BadValue::NotUtf8 => "%FF%FE%80".into(),
                    BadValue::UnknownId => "987654321".into(),
                    BadValue::OtherProgram(j) => w.elsewhere[j % w.elsewhere.len()].to_string(),
                    BadValue::Text(t) => enc(t),
                };
                fields[i] = Some(format!("{key}={value}"));
            }
        }
    }
    (
        fields
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join("&")
            .into_bytes(),
        form,
    )
}

/// Whom the call is made as: a caller the matrix allows, so the input reaches the checks (a
/// visitor for the account calls anyone may make, so no session is logged out).
fn caller(a: &Access) -> CallerKind {
    use CallerKind::*;
    [Anonymous, Director, ApplicantHere, Coordinator]
        .into_iter()
        .find(|k| a.allowed.contains(k))
        .unwrap_or(a.allowed[0])
}

async fn check(w: &World, a: &Access, bad: &[Bad]) -> Result<(), String> {
    let args = w.args(a.path).expect("valid arguments");
    let (body, kind) = build(w, &args, bad);
    let mut req = http::Request::post(a.path)
        .header("content-type", kind)
        .header("content-length", body.len())
        .header("accept", "application/json");
    if let Some(cookie) = w.cookie(caller(a)) {
        req = req.header("cookie", cookie);
    }
    let before = w.app.digest().await;
    let call = w
        .app
        .router
        .clone()
        .oneshot(req.body(Body::from(body)).unwrap());
    let res = tokio::time::timeout(Duration::from_secs(10), call)
        .await
        .map_err(|_| format!("{} {bad:?}: no answer within 10 s", a.path))?
        .unwrap();
    let status = res.status().as_u16();
    if status == 401 && caller(a) != CallerKind::Anonymous {
        return Err(format!(
            "{} {bad:?}: 401 for a logged-in caller: the session was lost, so the call proved nothing",
            a.path
        ));
    }
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    let text = String::from_utf8_lossy(&bytes);
    if std::env::var("TRACE_BAD").is_ok_and(|p| p == a.path) {
        eprintln!(
            "TRACE {bad:?} -> {status} {}",
            text.chars().take(120).collect::<String>()
        );
    }
    if status >= 500 {
        return Err(format!("{} {bad:?}: {status} {text}", a.path));
    }
    if status >= 400 {
        let message = serde_json::from_slice::<AppError>(&bytes)
            .map(|e| e.to_string())
            .map_err(|_| format!("{} {bad:?}: {status} without a message: {text}", a.path))?;
        if message.trim().is_empty() {
            return Err(format!(
                "{} {bad:?}: {status} with an empty message",
                a.path
            ));
        }
        // A failed login is recorded on purpose: the rate limiter counts it.
        let may_write: &[&str] = match a.path {
            "/api/login" => &["login_failures"],
            _ => &[],
        };
        let after = w.app.digest().await;
        for ((table, b), (_, a2)) in before.iter().zip(&after) {
            if b != a2 && !may_write.contains(&table.as_str()) {
                return Err(format!(
                    "{} {bad:?}: refused ({status}) but wrote {table}",
                    a.path
                ));
            }
        }
    }
    Ok(())
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(8)
}

/// The seed of one function's cases: `PROPTEST_SEED` (or a fixed default) and its path, so
/// every function gets cases of its own and a run can be repeated.
fn seed(path: &str) -> [u8; 32] {
    let n: u64 = std::env::var("PROPTEST_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_261_125);
    let mut seed = [0u8; 32];
    seed[..8].copy_from_slice(&n.to_le_bytes());
    for (i, b) in path.bytes().enumerate() {
        seed[8 + i % 24] ^= b;
    }
    seed
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

fn server_functions() -> impl Iterator<Item = &'static Access> {
    MATRIX.iter().filter(|a| a.path.starts_with("/api/"))
}

/// Every field of every server function, broken in every way, one at a time; every broken
/// body. Deterministic: what it covers is covered on every run.
#[test]
fn every_field_broken_every_way_gets_a_4xx() {
    let rt = runtime();
    let mut total = 0;
    for db in ["sqlite", "postgres"] {
        for a in server_functions() {
            // A world per function: what one function's calls change never blocks the next's.
            let w = rt.block_on(World::new(db));
            let fields = w.args(a.path).expect("valid arguments").len().max(1);
            let mut calls: Vec<Vec<Bad>> = (0..fields).map(|i| vec![Bad::Missing(i)]).collect();
            for i in 0..fields {
                calls.extend(
                    every_bad_value()
                        .into_iter()
                        .map(|v| vec![Bad::Value(i, v)]),
                );
            }
            calls.extend(BODIES.map(|(b, k)| vec![Bad::Body(b, k)]));
            calls.push(vec![Bad::TooLarge]);
            for bad in calls {
                total += 1;
                if let Err(e) = rt.block_on(check(&w, a, &bad)) {
                    panic!("[{db}] {e}");
                }
            }
        }
    }
    println!("{total} swept calls, none a 5xx");
}

/// Random combinations: up to three fields broken at once, or the body; `PROPTEST_CASES` per
/// function.
#[test]
fn generated_bad_input_gets_a_4xx_with_a_message_and_changes_nothing() {
    let rt = runtime();
    let total = std::sync::atomic::AtomicUsize::new(0);
    for db in ["sqlite", "postgres"] {
        for a in server_functions() {
            let w = rt.block_on(World::new(db));
            let config = Config {
                cases: cases(),
                failure_persistence: None,
                ..Config::default()
            };
            let mut runner = TestRunner::new_with_rng(
                config,
                TestRng::from_seed(RngAlgorithm::ChaCha, &seed(a.path)),
            );
            let result = runner.run(&bad_call(), |bad| {
                total.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                rt.block_on(check(&w, a, &bad))
                    .map_err(|e| TestCaseError::fail(format!("[{db}] {e}")))
            });
            if let Err(e) = result {
                panic!("{e}");
            }
        }
    }
    println!("{total:?} generated calls, none a 5xx");
}
