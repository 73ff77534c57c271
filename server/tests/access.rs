//! The authorization matrix (`crate::common::access::MATRIX`), walked cell by cell against the real
//! router on SQLite and PostgreSQL, with valid arguments: an allowed call succeeds and shows
//! nothing of this program to an outsider; a refused one answers 401, 403 or 404 and changes
//! nothing (every table is compared before and after). Every registered server function and
//! every plain route must have a row, and the README's table must be the matrix's. A server
//! function no screen calls must be in the README's "API for scripts".

use crate::common;

use crate::common::access::{Access, CallerKind, MATRIX};
use axum::body::Body;
use common::world::World;
use http_body_util::BodyExt;
use std::collections::BTreeSet;
use tower::ServiceExt;

/// A call as the browser makes it; the push stream's endless body is not read.
async fn send(w: &World, a: &Access, who: CallerKind) -> (u16, String) {
    let args = w
        .args(a.path)
        .unwrap_or_else(|| panic!("no valid arguments for {}: add them to World::args", a.path));
    let mut req = http::Request::builder()
        .method(a.method)
        .uri(w.uri(a.path))
        .header("accept", "application/json");
    // Uploads are multipart; everything else posts a URL-encoded form.
    let body = match common::access::files::multipart(a.path, &args)
        .or_else(|| common::access::imports::multipart(a.path))
        .or_else(|| common::access::staff::multipart(a.path))
        .or_else(|| common::access::scoring::multipart(a.path))
    {
        Some((kind, body)) => {
            req = req.header("content-type", kind);
            Body::from(body)
        }
        None if a.method == "POST" => {
            req = req.header("content-type", "application/x-www-form-urlencoded");
            Body::from(common::form_body(&args))
        }
        None => Body::from(common::form_body(&args)),
    };
    if let Some(cookie) = w.cookie(who) {
        req = req.header("cookie", cookie);
    }
    let res = w
        .app
        .router
        .clone()
        .oneshot(req.body(body).unwrap())
        .await
        .unwrap();
    let status = res.status().as_u16();
    if a.path == "/events" {
        return (status, String::new());
    }
    // A WebSocket route that let the caller through answers a plain request (no upgrade here)
    // with 426: that is its "allowed".
    if a.path.ends_with("/signal") && status == 426 {
        return (200, String::new());
    }
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

fn every_path() -> BTreeSet<String> {
    let mut paths: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_string())
        .collect();
    paths.extend(
        server::plain_routes()
            .into_iter()
            .map(|(p, _)| p.to_string()),
    );
    paths
}

#[tokio::test]
async fn every_server_function_and_route_has_a_row() {
    // Build the router once so every server function is registered.
    let _ = World::new("sqlite").await;
    let served = every_path();
    let rows: BTreeSet<String> = MATRIX.iter().map(|a| a.path.to_string()).collect();
    let missing: Vec<_> = served.difference(&rows).collect();
    assert!(
        missing.is_empty(),
        "no row in crate::common::access::MATRIX for {missing:?}: say who may call it"
    );
    let stale: Vec<_> = rows.difference(&served).collect();
    assert!(
        stale.is_empty(),
        "rows for calls that do not exist: {stale:?}"
    );
}

#[test]
fn the_readme_shows_the_matrix() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md"))
        .expect("the README");
    let table = crate::common::access::markdown();
    assert!(
        readme.contains(&table),
        "the README's who-may-do-what table differs from crate::common::access::MATRIX; paste this:\n\n{table}"
    );
}

/// The app's Rust source, without comments and string literals (a server function's type named
/// there is a call, a form's action or an import, not a word of prose).
fn app_code() -> Vec<(String, String)> {
    rust_files("app/src")
}

/// Every `.rs` file under `dir` (from the workspace's root), with its text.
pub(crate) fn rust_files(dir: &str) -> Vec<(String, String)> {
    fn walk(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).expect("a source folder") {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                out.push((path.display().to_string(), text));
            }
        }
    }
    let mut files = Vec::new();
    walk(
        &std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/..")).join(dir),
        &mut files,
    );
    files
}

/// Code without `//` comments and `"…"` strings.
fn without_prose(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            // The character '"' is not a string.
            '\'' if chars.clone().take(2).collect::<String>() == "\"'" => {
                chars.nth(1);
            }
            '"' => {
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        _ => {}
                    }
                }
                out.push_str("\"\"");
            }
            _ => out.push(c),
        }
    }
    out
}

/// Each server function's endpoint (`/api/…`) and the type `#[server]` makes of it
/// (`list_staff` → `ListStaff`), read from the app's source.
fn server_function_types(files: &[(String, String)]) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for (_, text) in files {
        for (at, _) in text.match_indices("#[server(output") {
            let rest = &text[at..];
            let Some(fn_at) = rest.find("pub async fn ") else {
                continue;
            };
            let Some(endpoint) = rest[..fn_at]
                .split("endpoint = \"")
                .nth(1)
                .and_then(|e| e.split('"').next())
            else {
                continue;
            };
            let name: String = rest[fn_at + "pub async fn ".len()..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let ty = name
                .split('_')
                .map(|w| {
                    let mut c = w.chars();
                    c.next()
                        .map(|f| f.to_uppercase().chain(c).collect::<String>())
                        .unwrap_or_default()
                })
                .collect::<String>();
            found.push((format!("/api/{endpoint}"), ty));
        }
    }
    found
}

/// Every endpoint serves a screen or is part of the README's "API for scripts": a server
/// function that the app's code never names (no call, no form posting to it, no import) is a
/// leftover unless its row says it is for scripts; and one marked for scripts is in the
/// README's section.
#[test]
fn every_server_function_serves_a_screen_or_the_api_for_scripts() {
    let files = app_code();
    let types = server_function_types(&files);
    assert!(types.len() > 50, "server functions not found in app/src");
    let code: Vec<String> = files
        .iter()
        .filter(|(path, _)| !path.contains("/access/"))
        .map(|(_, text)| without_prose(text))
        .collect();
    let named = |ty: &str| {
        code.iter().any(|text| {
            text.match_indices(ty).any(|(at, _)| {
                let before = text[..at].chars().next_back();
                let after = text[at + ty.len()..].chars().next();
                let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
                !word(before) && !word(after)
            })
        })
    };
    let leftovers: Vec<_> = types
        .iter()
        .filter(|(path, ty)| {
            let scripts = MATRIX.iter().any(|a| a.path == path && a.for_scripts);
            !scripts && !named(ty)
        })
        .collect();
    assert!(
        leftovers.is_empty(),
        "server functions no screen calls and not in the API for scripts: {leftovers:?} \
         (remove them, or mark their rows for_scripts and list them in the README)"
    );
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md"))
        .expect("the README");
    let section = readme
        .split("## API for scripts")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .expect("the README's section \"API for scripts\"");
    for a in MATRIX.iter() {
        let listed = section.contains(&format!("`{}`", a.path));
        assert_eq!(
            listed, a.for_scripts,
            "{}: the README's \"API for scripts\" and the row's for_scripts disagree",
            a.path
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_cell_of_the_matrix_holds() {
    for db in ["sqlite", "postgres"] {
        let shared = World::new(db).await;
        let mut cells = 0;
        for a in MATRIX.iter() {
            for who in CallerKind::ALL {
                cells += 1;
                let allowed = a.allowed.contains(&who);
                if allowed {
                    // A write changes the world: give it one of its own.
                    let fresh;
                    let w = if a.writes {
                        fresh = World::new(db).await;
                        &fresh
                    } else {
                        &shared
                    };
                    let (status, body) = send(w, a, who).await;
                    assert_eq!(
                        status, 200,
                        "[{db}] {} as {who:?} is allowed: {body}",
                        a.path
                    );
                    if who.outsider() {
                        if let Some(secret) = w.leaked(who, &body) {
                            panic!("[{db}] {} as {who:?} showed {secret:?}: {body}", a.path);
                        }
                    }
                } else {
                    let before = shared.app.digest().await;
                    let (status, body) = send(&shared, a, who).await;
                    assert!(
                        matches!(status, 401 | 403 | 404),
                        "[{db}] {} as {who:?} must be refused with 401/403/404, got {status}: {body}",
                        a.path
                    );
                    if who == CallerKind::Anonymous {
                        assert_eq!(status, 401, "[{db}] {} for a visitor", a.path);
                    }
                    let after = shared.app.digest().await;
                    for ((table, b), (_, a2)) in before.iter().zip(&after) {
                        assert_eq!(
                            b, a2,
                            "[{db}] refused {} as {who:?} changed {table}",
                            a.path
                        );
                    }
                }
            }
        }
        println!("[{db}] {cells} cells walked");
    }
}

/// Reads a push stream for `ms` and returns the sessions whose fill it carried.
async fn fills_heard(body: &mut Body, ms: u64) -> Vec<i64> {
    common::read_messages(body, ms)
        .await
        .into_iter()
        .flat_map(|m| m.fills.into_iter().map(|f| f.session_id.0))
        .collect()
}

async fn open_stream(w: &World, who: CallerKind) -> Body {
    let res = w.app.events(w.cookie(who)).await;
    assert_eq!(res.status(), 200, "{who:?} opens the stream");
    res.into_body()
}

/// An event for one audience of this program: a fill of a session id that names the audience.
fn event_for(
    w: &World,
    i: usize,
    audience: crate::common::access::StreamAudience,
) -> app::live::Event {
    use crate::common::access::StreamAudience as S;
    use app::live::Audience;
    let audience = match audience {
        S::Coordinators => Audience::Coordinators(w.alpha),
        S::Staff => Audience::Staff(w.alpha),
        S::Applicants => Audience::Applicants(w.alpha),
        S::Person => Audience::Person("ana@alpha.test".into()),
    };
    app::live::Event {
        audiences: vec![audience],
        change: app::live::Change::Fill(app::sessions::domain::Fill {
            session_id: app::ids::SessionId(9000 + i as i64),
            capacity: 1,
            confirmed: 0,
            pending: 0,
        }),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_tab_hears_exactly_its_audiences() {
    for db in ["sqlite", "postgres"] {
        let w = World::new(db).await;
        let kinds: Vec<CallerKind> = CallerKind::ALL
            .into_iter()
            .filter(|k| *k != CallerKind::Anonymous)
            .collect();
        let mut tabs = Vec::new();
        for k in &kinds {
            tabs.push(open_stream(&w, *k).await);
        }
        for (i, (audience, _, _)) in crate::common::access::STREAM.iter().enumerate() {
            w.app.state.hub.publish(event_for(&w, i, *audience));
        }
        for (k, tab) in kinds.iter().zip(tabs.iter_mut()) {
            let mut heard = fills_heard(tab, 400).await;
            heard.sort();
            let expected: Vec<i64> = crate::common::access::STREAM
                .iter()
                .enumerate()
                .filter(|(_, (_, _, hears))| hears.contains(k))
                .map(|(i, _)| 9000 + i as i64)
                .collect();
            assert_eq!(heard, expected, "[{db}] what {k:?}'s tab heard");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_director_who_switches_to_interviewer_stops_hearing_coordinator_events_at_once() {
    use crate::common::access::StreamAudience;
    for db in ["sqlite", "postgres"] {
        let w = World::new(db).await;
        let mut tab = open_stream(&w, CallerKind::Director).await;
        w.app
            .state
            .hub
            .publish(event_for(&w, 0, StreamAudience::Coordinators));
        assert_eq!(
            fills_heard(&mut tab, 300).await,
            vec![9000],
            "[{db}] as director"
        );
        let cookie = w.cookie(CallerKind::Director).unwrap();
        let r = w
            .app
            .call("switch-role", &[("to", "interviewer")], Some(cookie), None)
            .await;
        assert_eq!(r.status, 200);
        w.app
            .state
            .hub
            .publish(event_for(&w, 1, StreamAudience::Coordinators));
        w.app
            .state
            .hub
            .publish(event_for(&w, 2, StreamAudience::Staff));
        assert_eq!(
            fills_heard(&mut tab, 500).await,
            vec![9002],
            "[{db}] as interviewer"
        );
    }
}
