//! Generated bad input for every server function, on SQLite and PostgreSQL: from a call with
//! valid arguments (`World::args`), one thing is broken at a time — a field missing, a value
//! that is long (10 KB), has control characters, is not UTF-8, names an unknown record or
//! another program's, is an impossible date, a zone that does not exist, an out-of-range
//! number — or the whole body is broken (JSON, bad percent-encoding, bytes that are not text,
//! nesting, over 256 KB). Every answer must come within 10 s, never be a 5xx, and a refused call
//! must carry a message and change nothing.
//!
//! One test per database; for each function, on a world of its own, first a deterministic sweep
//! (every field broken in every way, one at a time, and every broken body), then generated
//! combinations (proptest) of two or three broken fields, which the sweep does not make:
//! `PROPTEST_CASES` sets the cases per function (default 8, as in CI) and `PROPTEST_SEED` the
//! seed (a fixed default, so a run can be repeated). A deep run:
//! `PROPTEST_CASES=1000 cargo test -p server --test all bad_input::`.
//! To see what one function answers, `TRACE_BAD=/api/save-session` prints each of its calls.

use crate::common;

use crate::common::access::{Access, CallerKind, MATRIX};
use app::error::AppError;
use axum::body::Body;
use common::world::World;
use http_body_util::BodyExt;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use std::cell::{Cell, RefCell};
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

/// A call broken in two or three places at once. One broken place, a broken body and a body
/// too large are each a call of the sweep ([`sweep`]), made on every run: generated, they would
/// only repeat it.
fn bad_combination() -> impl Strategy<Value = Vec<Bad>> {
    let one = prop_oneof![
        1 => (0..10usize).prop_map(Bad::Missing),
        6 => (0..10usize, bad_value()).prop_map(|(i, v)| Bad::Value(i, v)),
    ];
    prop::collection::vec(one, 2..=3)
}

/// Every field broken in every way, one at a time; every broken body; a body too large.
fn sweep(w: &World, a: &Access) -> Vec<Vec<Bad>> {
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
    calls
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

/// Every table's rows (`TestApp::digest`).
type Digest = Vec<(String, String)>;

/// Makes the broken call and checks its answer. `known` is what the world's tables held after
/// the last call when that call was refused (it changed nothing, as checked): then it is this
/// call's "before", read once instead of twice. An accepted call leaves it unknown.
async fn check(
    w: &World,
    a: &Access,
    bad: &[Bad],
    known: &RefCell<Option<Digest>>,
) -> Result<(), String> {
    let args = w.args(a.path).expect("valid arguments");
    let (body, kind) = build(w, &args, bad);
    let mut req = http::Request::post(a.path)
        .header("content-type", kind)
        .header("content-length", body.len())
        .header("accept", "application/json");
    if let Some(cookie) = w.cookie(caller(a)) {
        req = req.header("cookie", cookie);
    }
    let before = match known.take() {
        Some(digest) => digest,
        None => w.app.digest().await,
    };
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
        known.replace(Some(after));
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

/// Every server function on `db`, each on a world of its own (what one function's calls change
/// never blocks the next's): the sweep, deterministic, so what it covers is covered on every
/// run; then `PROPTEST_CASES` generated combinations, on the same world when the sweep left
/// every table as it found it, else on a new one (as before, when they were a test of their own).
fn every_function_refuses_bad_input_on(db: &'static str) {
    let rt = runtime();
    let (mut swept, generated, mut worlds) = (0, Cell::new(0), 0);
    for a in server_functions() {
        let mut w = rt.block_on(World::new(db));
        let fresh = rt.block_on(w.app.digest());
        let known = RefCell::new(Some(fresh.clone()));
        for bad in sweep(&w, a) {
            swept += 1;
            if let Err(e) = rt.block_on(check(&w, a, &bad, &known)) {
                panic!("[{db}] {e}");
            }
        }
        if known.borrow().as_ref() != Some(&fresh) {
            worlds += 1;
            w = rt.block_on(World::new(db));
            known.replace(None);
        }
        let config = Config {
            cases: cases(),
            failure_persistence: None,
            ..Config::default()
        };
        let mut runner = TestRunner::new_with_rng(
            config,
            TestRng::from_seed(RngAlgorithm::ChaCha, &seed(a.path)),
        );
        let result = runner.run(&bad_combination(), |bad| {
            generated.set(generated.get() + 1);
            rt.block_on(check(&w, a, &bad, &known))
                .map_err(|e| TestCaseError::fail(format!("[{db}] {e}")))
        });
        if let Err(e) = result {
            panic!("{e}");
        }
    }
    println!(
        "[{db}] {swept} swept and {} generated calls, none a 5xx; {worlds} of {} functions \
         needed a second world",
        generated.get(),
        server_functions().count()
    );
}

#[test]
fn every_function_refuses_bad_input_on_sqlite() {
    every_function_refuses_bad_input_on("sqlite");
}

#[test]
fn every_function_refuses_bad_input_on_postgres() {
    every_function_refuses_bad_input_on("postgres");
}
