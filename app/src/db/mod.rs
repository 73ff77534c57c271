//! The repository: one type, [`Repo`], that talks to SQLite or PostgreSQL through sqlx's `Any`
//! driver. Each feature adds its queries in its own `repo.rs` as `impl Repo` blocks.
//!
//! Portable SQL throughout: `$1…$n` placeholders (sqlx's SQLite driver binds `$N` by its number,
//! as PostgreSQL does), `RETURNING id`, integers as 64-bit, flags as 0/1 integers, timestamps
//! as UTC milliseconds since the epoch. Rows are read into typed values at this edge
//! ([`columns`]); statuses and other fixed words are bound from their enums, never written in
//! SQL. Where the dialects differ (row locks, `BEGIN IMMEDIATE`) the repository asks
//! [`Backend`].

pub mod args;
pub mod columns;
pub mod housekeeping;

use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{Any, AnyPool, Executor, Transaction};
use std::str::FromStr;
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Clone, Debug)]
pub struct Repo {
    pool: AnyPool,
    backend: Backend,
}

pub type Tx = Transaction<'static, Any>;

static SQLITE_MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/postgres");

impl Repo {
    /// Connects to `url` (`sqlite:…` or `postgres:…`), creating a SQLite file and its folder
    /// when missing, and runs the migrations.
    pub async fn connect(url: &str, max_connections: u32) -> Result<Self, sqlx::Error> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else {
            return Err(sqlx::Error::Configuration(
                format!("DATABASE_URL must start with sqlite: or postgres:, got {url:?}").into(),
            ));
        };
        let url = match backend {
            Backend::Sqlite => prepare_sqlite_url(url)?,
            Backend::Postgres => url.to_string(),
        };
        let mut options = AnyPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(Duration::from_secs(10));
        if backend == Backend::Sqlite {
            // WAL lets readers run beside the writer; the busy timeout makes a second writer wait
            // for the lock instead of failing at once.
            options = options.after_connect(|conn, _| {
                Box::pin(async move {
                    conn.execute("PRAGMA journal_mode = WAL").await?;
                    conn.execute("PRAGMA busy_timeout = 10000").await?;
                    conn.execute("PRAGMA foreign_keys = ON").await?;
                    conn.execute("PRAGMA synchronous = NORMAL").await?;
                    Ok(())
                })
            });
        }
        let pool = options.connect(&url).await?;
        let repo = Self { pool, backend };
        repo.migrate().await?;
        Ok(repo)
    }

    async fn migrate(&self) -> Result<(), sqlx::Error> {
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATOR,
            Backend::Postgres => &POSTGRES_MIGRATOR,
        };
        migrator.run(&self.pool).await?;
        Ok(())
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// A transaction for a write that first reads what it checks (a seat count, a token, a
    /// limit). SQLite: `BEGIN IMMEDIATE` takes the write lock up front, so two racing
    /// transactions queue on the busy timeout instead of failing with "database is locked" at
    /// their first write. Postgres: a plain `BEGIN`; the queries lock rows with
    /// [`Repo::for_update`].
    ///
    /// Inside the transaction, run every query on it (`&mut *tx`), never on the pool: a pool
    /// query needs a second connection, and when every connection is queued for the write lock
    /// none is free, so the lock holder would wait for a connection that waits for it.
    pub async fn begin_write(&self) -> Result<Tx, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => self.begin_detached(Some("BEGIN IMMEDIATE")).await,
            Backend::Postgres => self.begin_detached(None).await,
        }
    }

    /// A transaction for reads that must agree with each other (a deferred `BEGIN` on both
    /// databases). Writes that first check what they read take [`Repo::begin_write`].
    pub async fn begin(&self) -> Result<Tx, sqlx::Error> {
        self.begin_detached(None).await
    }

    /// Starts a transaction in a task of its own, so that the caller may be dropped at any
    /// point: a browser that closes its tab drops its request's future, a job's task may be
    /// aborted. sqlx 0.8's `begin` is not safe to cancel (transact-rs/sqlx#3932, #4393): dropped
    /// while its `BEGIN` is under way, it put the connection back in the pool inside a
    /// transaction nothing ends. On SQLite the connection's worker then waited for good, holding
    /// the write lock ("database is locked" for every other writer); on PostgreSQL the next
    /// borrower's writes ran inside the stale transaction, uncommitted. Here the start always
    /// finishes; if nobody waits for the transaction any more, it is dropped in its task and
    /// rolled back like any other. Tested by `server/tests/cancel.rs`.
    async fn begin_detached(&self, statement: Option<&'static str>) -> Result<Tx, sqlx::Error> {
        let pool = self.pool.clone();
        tokio::spawn(async move {
            match statement {
                Some(statement) => pool.begin_with(statement).await,
                None => pool.begin().await,
            }
        })
        .await
        .map_err(|_| sqlx::Error::WorkerCrashed)?
    }

    /// The row-lock suffix for a `SELECT` inside [`Repo::begin_write`]: on Postgres `FOR NO KEY
    /// UPDATE`, the lock a plain `UPDATE` of the row takes, which orders the writers of the row
    /// but lets foreign-key checks of rows that reference it through (`FOR UPDATE` blocked them:
    /// two bookings, each holding its session while writing an applicant whose choices name
    /// the other's, deadlocked); nothing on SQLite, whose immediate transaction already holds
    /// the write lock. Every caller updates the row's other columns, never its key.
    pub fn for_update(&self) -> &'static str {
        match self.backend {
            Backend::Sqlite => "",
            Backend::Postgres => " FOR NO KEY UPDATE",
        }
    }

    /// Is the database reachable? (used by the health route)
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        let _: AnyRow = sqlx::query("SELECT 1").fetch_one(&self.pool).await?;
        Ok(())
    }

    /// Is this a database without any program yet (a fresh install)?
    pub async fn is_empty(&self) -> Result<bool, sqlx::Error> {
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM programs")
            .fetch_one(&self.pool)
            .await?;
        Ok(n == 0)
    }
}

/// SQLite URLs: make sure the folder exists and that the file is created when missing.
fn prepare_sqlite_url(url: &str) -> Result<String, sqlx::Error> {
    let opts = sqlx::sqlite::SqliteConnectOptions::from_str(url)?;
    let path = opts.get_filename();
    if let Some(dir) = path.parent() {
        if !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(dir).map_err(sqlx::Error::Io)?;
        }
    }
    Ok(if url.contains("mode=") || url.contains(":memory:") {
        url.to_string()
    } else if url.contains('?') {
        format!("{url}&mode=rwc")
    } else {
        format!("{url}?mode=rwc")
    })
}

/// Now, as stored: UTC milliseconds since the epoch.
pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}
