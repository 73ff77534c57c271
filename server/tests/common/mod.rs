//! Test harness: the real router over a fresh SQLite file or a fresh PostgreSQL database, and
//! a small client that calls server functions the way the browser does.
#![allow(dead_code)]

/// Who may call what: the authorization matrix (test data, compiled into the tests only).
pub mod access;
mod builder;
/// A WebRTC peer on loopback, as a browser in a video room.
pub mod peer;
pub mod world;
#[allow(unused_imports)] // each test file uses a part
pub use builder::{as_applicant, free_move, session_form, Invitee, TestProgram};

use app::db::Repo;
use app::server::{AppState, Config};
use axum::body::Body;
use axum::Router;
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
use std::sync::atomic::{AtomicU32, Ordering};
use tower::ServiceExt;

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn unique(prefix: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    format!(
        "{prefix}_{}_{}_{nanos}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    )
}

/// A new, migrated SQLite file: a copy of a template this test binary migrated once (copying
/// a file is much faster than running the migrations).
pub async fn sqlite_url() -> String {
    let dir = std::env::temp_dir().join("interview-portal-tests");
    let path = dir.join(format!("{}.db", unique("t")));
    std::fs::copy(sqlite_template(&dir).await, &path).unwrap();
    format!("sqlite://{}", path.display())
}

/// The template of this test binary, created and migrated on first use, its journal folded
/// into the file (so the file alone is the whole database).
async fn sqlite_template(dir: &std::path::Path) -> &'static std::path::Path {
    static TEMPLATE: tokio::sync::OnceCell<std::path::PathBuf> = tokio::sync::OnceCell::const_new();
    TEMPLATE
        .get_or_init(|| async {
            std::fs::create_dir_all(dir).unwrap();
            let path = dir.join(format!("{}.db", unique("template")));
            let repo = Repo::connect(&format!("sqlite://{}", path.display()), 1)
                .await
                .expect("migrate the template");
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(repo.pool())
                .await
                .unwrap();
            repo.pool().close().await;
            path
        })
        .await
}

/// A new, migrated database on the PostgreSQL server named by `TEST_DATABASE_URL`: a copy of
/// a template this test binary migrated once (copying is much faster than migrating).
pub async fn postgres_url() -> String {
    use sqlx::Connection;
    let base = std::env::var("TEST_DATABASE_URL").expect(
        "TEST_DATABASE_URL is not set. `make test` starts a throwaway PostgreSQL and sets it; \
         to run cargo test by hand, point it at a server you may create databases on",
    );
    let template = postgres_template(&base).await;
    let mut conn = sqlx::postgres::PgConnection::connect(&base)
        .await
        .unwrap_or_else(|e| panic!("cannot connect to TEST_DATABASE_URL: {e}"));
    let name = unique("portal_test");
    sqlx::query(&format!("CREATE DATABASE {name} TEMPLATE {template}"))
        .execute(&mut conn)
        .await
        .unwrap();
    database_url(&base, &name)
}

/// The template of this test binary, created and migrated on first use. No connection to it
/// stays open (PostgreSQL copies a template only while nobody is connected to it).
async fn postgres_template(base: &str) -> &'static str {
    use sqlx::Connection;
    static TEMPLATE: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    TEMPLATE
        .get_or_init(|| async {
            let name = unique("portal_template");
            let mut conn = sqlx::postgres::PgConnection::connect(base)
                .await
                .unwrap_or_else(|e| panic!("cannot connect to TEST_DATABASE_URL: {e}"));
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(&mut conn)
                .await
                .unwrap();
            let repo = Repo::connect(&database_url(base, &name), 1)
                .await
                .expect("migrate the template");
            repo.pool().close().await;
            name
        })
        .await
}

fn database_url(base: &str, name: &str) -> String {
    let (head, tail) = base.split_at(base.rfind('/').expect("a URL with a database path"));
    let query = tail.find('?').map(|i| &tail[i..]).unwrap_or("");
    format!("{head}/{name}{query}")
}

#[derive(Clone)]
pub struct TestApp {
    pub db: &'static str,
    /// The database's URL (another instance can open the same one).
    pub url: String,
    pub state: AppState,
    pub router: Router,
}

pub struct Reply {
    pub status: u16,
    pub body: String,
    pub cookie: Option<String>,
}

impl Reply {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or(serde_json::Value::Null)
    }
}

pub fn options() -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("interview-portal")
        .site_root("target/site")
        .build()
}

impl TestApp {
    pub async fn new(db: &'static str, config: Config) -> TestApp {
        let _ = tracing_subscriber::fmt()
            .with_env_filter("warn,app=info")
            .with_test_writer()
            .try_init();
        let url = match db {
            "sqlite" => sqlite_url().await,
            _ => postgres_url().await,
        };
        TestApp::open(db, url, config).await
    }

    /// The server on an existing database (`url`), as a restarted server opens it.
    pub async fn open(db: &'static str, url: String, config: Config) -> TestApp {
        let repo = Repo::connect(&url, 8).await.expect("connect and migrate");
        let state = server::app_state(options(), repo, config);
        let router = server::router(state.clone());
        TestApp {
            db,
            url,
            state,
            router,
        }
    }

    /// A second server instance on the same database (its own pool, hub and streams).
    pub async fn another_instance(&self) -> TestApp {
        TestApp::open(self.db, self.url.clone(), (*self.state.config).clone()).await
    }

    /// A seeded app on each database: SQLite first, then PostgreSQL.
    pub async fn each(config: Config) -> Vec<TestApp> {
        let mut apps = Vec::new();
        for db in ["sqlite", "postgres"] {
            let app = TestApp::new(db, config.clone()).await;
            app::seed::seed_demo(&app.state).await.expect("seed");
            apps.push(app);
        }
        apps
    }

    /// Calls a server function with form fields, as an enhanced `<PostForm>` does.
    pub async fn call(
        &self,
        endpoint: &str,
        form: &[(&str, &str)],
        cookie: Option<&str>,
        forwarded_for: Option<&str>,
    ) -> Reply {
        let pairs: Vec<(String, String)> = form
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let body = form_body(&pairs);
        let mut req = http::Request::post(format!("/api/{endpoint}"))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "application/json");
        if let Some(c) = cookie {
            req = req.header("cookie", c);
        }
        let mut req = req.body(Body::from(body)).unwrap();
        if let Some(ip) = forwarded_for {
            req.headers_mut()
                .insert("x-forwarded-for", ip.parse().unwrap());
            let proxy: std::net::SocketAddr = "10.0.0.1:5000".parse().unwrap();
            req.extensions_mut()
                .insert(axum::extract::ConnectInfo(proxy));
        }
        self.send(req).await
    }

    pub async fn send(&self, req: http::Request<Body>) -> Reply {
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status().as_u16();
        let cookie = res
            .headers()
            .get("set-cookie")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .map(str::to_string);
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        Reply {
            status,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            cookie,
        }
    }

    /// Opens a push stream (`/events`) with `cookie`; the response, whatever its status.
    pub async fn events(&self, cookie: Option<&str>) -> http::Response<Body> {
        let mut req = http::Request::get("/events");
        if let Some(c) = cookie {
            req = req.header("cookie", c);
        }
        self.router
            .clone()
            .oneshot(req.body(Body::empty()).unwrap())
            .await
            .unwrap()
    }

    /// An open push stream of a logged-in tab, to read with [`read_messages`].
    pub async fn open_events(&self, cookie: &str) -> Body {
        let res = self.events(Some(cookie)).await;
        assert_eq!(res.status(), 200, "[{}] the push stream opens", self.db);
        res.into_body()
    }

    /// Logs in and returns the session cookie.
    pub async fn login(&self, email: &str, password: &str) -> String {
        let r = self
            .call(
                "login",
                &[("email", email), ("password", password)],
                None,
                None,
            )
            .await;
        assert_eq!(r.status, 200, "[{}] login of {email}: {}", self.db, r.body);
        r.cookie.expect("a session cookie")
    }

    /// Signs up through the link e-mailed to an applicant's address; returns the session cookie.
    pub async fn sign_up(&self, email: &str) -> String {
        let form = [
            ("email", email),
            ("password", "a good long pass"),
            ("confirm", "a good long pass"),
        ];
        let r = self.call("sign-up", &form, None, None).await;
        assert_eq!(
            r.status, 200,
            "[{}] sign-up of {email}: {}",
            self.db, r.body
        );
        let token = token_in(&self.last_email(email).await.expect("a confirmation link"));
        self.call("confirm-email", &[("token", &token)], None, None)
            .await
            .cookie
            .expect("a session cookie")
    }

    /// Every table's rows, as text: equal before and after means nothing was written. One
    /// query for the whole database (each row written out and the rows sorted by the database
    /// itself), not one per table: the matrix and bad-input tests read it twice per call.
    pub async fn digest(&self) -> Vec<(String, String)> {
        let pool = self.state.repo.pool();
        // (table, the expression of one row as text)
        let tables: Vec<(String, String)> = match self.db {
            "sqlite" => {
                let columns: Vec<(String, String)> = sqlx::query_as(
                    "SELECT m.name, c.name FROM sqlite_master m, pragma_table_info(m.name) c \
                     WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' \
                     AND m.name <> '_sqlx_migrations' ORDER BY m.name, c.cid",
                )
                .fetch_all(pool)
                .await
                .unwrap();
                let mut tables: Vec<(String, String)> = Vec::new();
                for (table, column) in columns {
                    let cell = format!("quote(\"{column}\")");
                    match tables.last_mut() {
                        Some((t, row)) if *t == table => *row = format!("{row} || '|' || {cell}"),
                        _ => tables.push((table, cell)),
                    }
                }
                tables
            }
            _ => {
                let names: Vec<(String,)> = sqlx::query_as(
                    "SELECT tablename::text FROM pg_tables WHERE schemaname = 'public' \
                     AND tablename <> '_sqlx_migrations' ORDER BY tablename",
                )
                .fetch_all(pool)
                .await
                .unwrap();
                names
                    .into_iter()
                    .map(|(t,)| (t, "r::text".to_string()))
                    .collect()
            }
        };
        // Rows sorted by their text: `ORDER BY 1` would leave rows that share their first
        // column (a session's room statuses) in whatever order PostgreSQL's heap has them after
        // an update. An empty table reads as ''.
        let sql = tables
            .iter()
            .map(|(table, row)| match self.db {
                "sqlite" => format!(
                    "SELECT '{table}', coalesce((SELECT group_concat(x, char(10) ORDER BY x) \
                     FROM (SELECT {row} AS x FROM \"{table}\")), '')"
                ),
                _ => format!(
                    "SELECT '{table}'::text, coalesce((SELECT string_agg({row}, E'\\n' \
                     ORDER BY {row} COLLATE \"C\") FROM \"{table}\" r), '')"
                ),
            })
            .collect::<Vec<_>>()
            .join(" UNION ALL ");
        let mut out: Vec<(String, String)> = sqlx::query_as(&sql).fetch_all(pool).await.unwrap();
        out.sort();
        out
    }

    /// The newest e-mail in the outbox to `to`.
    pub async fn last_email(&self, to: &str) -> Option<String> {
        let row: Option<(String,)> =
            sqlx::query_as("SELECT body FROM outbox WHERE to_email = $1 ORDER BY id DESC LIMIT 1")
                .bind(to)
                .fetch_optional(self.state.repo.pool())
                .await
                .unwrap();
        row.map(|r| r.0)
    }
}

/// Reads a push stream's body for `for_ms` and returns the messages it carried.
pub async fn read_messages(body: &mut Body, for_ms: u64) -> Vec<app::live::LiveMessage> {
    let mut text = String::new();
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_millis(for_ms);
    while let Ok(Some(Ok(frame))) = tokio::time::timeout_at(deadline, body.frame()).await {
        if let Some(data) = frame.data_ref() {
            text.push_str(&String::from_utf8_lossy(data));
        }
    }
    text.lines()
        .filter_map(|l| l.strip_prefix("data: "))
        .filter_map(app::live::LiveMessage::from_wire)
        .collect()
}

/// Form fields as a `<PostForm>` posts them.
pub fn form_body(pairs: &[(String, String)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// The token in the first link of an e-mail.
pub fn token_in(body: &str) -> String {
    let at = body.find("token=").expect("a link with a token") + "token=".len();
    body[at..]
        .chars()
        .take_while(|c| c.is_ascii_hexdigit())
        .collect()
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

pub const PW: &str = app::seed::DEMO_PASSWORD;
