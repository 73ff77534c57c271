//! `server backup PATH` and `server restore PATH`: a consistent copy of the SQLite database taken
//! while the server runs, and putting one back while it is stopped. With PostgreSQL both say to
//! use `pg_dump` / `pg_restore` (README, "Backups") instead of doing anything.
//!
//! Both copy with SQLite's `VACUUM INTO`: one read transaction, so the copy is the database as
//! of one moment (every booking whole or absent) even while writers go on in WAL mode, and the
//! copy is a single compact file with nothing in a `-wal` beside it.

use anyhow::{bail, Context};
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection, SqliteLockingMode};
use sqlx::{ConnectOptions, Connection};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

/// Tables every portal database has: a file without them is refused.
const PORTAL_TABLES: &[&str] = &["_sqlx_migrations", "programs", "users", "applicants"];

/// What a backup or a restore did, for the operator.
#[derive(Debug)]
pub struct Copied {
    pub path: PathBuf,
    pub bytes: u64,
    pub programs: i64,
    pub applicants: i64,
}

impl std::fmt::Display for Copied {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} ({} bytes: {} programs, {} applicants)",
            self.path.display(),
            self.bytes,
            self.programs,
            self.applicants
        )
    }
}

/// Copies the database named by `database_url` to `to` (a new file) while the server may be
/// running: readers and writers go on; the copy holds the database as of one moment.
pub async fn backup(database_url: &str, to: &Path) -> anyhow::Result<Copied> {
    let from = sqlite_file(
        database_url,
        "back up",
        "pg_dump -Fc -f portal.dump \"$DATABASE_URL\"",
    )?;
    if to.exists() {
        bail!(
            "{} exists already: choose a new name (or delete it first)",
            to.display()
        );
    }
    let mut conn = open_portal_db(&from, false).await?;
    vacuum_into(&mut conn, to).await?;
    conn.close().await.ok();
    describe(to).await
}

/// Puts the backup `from` in place of the database named by `database_url`, which no server may
/// be using. The file it replaces is kept beside it (`portal.db.before-restore`, numbered when
/// that name is taken), with its `-wal` and `-shm` when present.
pub async fn restore(database_url: &str, from: &Path) -> anyhow::Result<Restored> {
    let target = sqlite_file(
        database_url,
        "restore",
        "pg_restore --clean --if-exists -d \"$DATABASE_URL\" portal.dump",
    )?;
    // Refused before anything moves: not a portal database, or a damaged one.
    let mut source = open_portal_db(from, true).await?;
    let (check,): (String,) = sqlx::query_as("PRAGMA quick_check")
        .fetch_one(&mut source)
        .await
        .with_context(|| format!("checking {}", from.display()))?;
    if check != "ok" {
        bail!(
            "{} is damaged (SQLite's check says: {check}); not restored",
            from.display()
        );
    }
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    // Copied under another name first and renamed last: the database's name never holds half a
    // copy, and a refusal below leaves everything as it was.
    let ready = with_suffix(&target, ".restoring");
    vacuum_into(&mut source, &ready).await?;
    source.close().await.ok();
    let kept = match target.exists() {
        true => match set_aside(&target).await {
            Ok(kept) => Some(kept),
            Err(e) => {
                let _ = std::fs::remove_file(&ready);
                return Err(e);
            }
        },
        false => None,
    };
    std::fs::rename(&ready, &target)
        .with_context(|| format!("moving the copy to {}", target.display()))?;
    Ok(Restored {
        database: describe(&target).await?,
        kept,
    })
}

/// What a restore did: the database now in place, and where the one it replaced went.
#[derive(Debug)]
pub struct Restored {
    pub database: Copied,
    pub kept: Option<PathBuf>,
}

/// The SQLite file of `database_url`; with PostgreSQL, the one line that says what to use.
fn sqlite_file(database_url: &str, what: &str, postgres_way: &str) -> anyhow::Result<PathBuf> {
    if database_url.starts_with("postgres:") || database_url.starts_with("postgresql:") {
        bail!(
            "With PostgreSQL, {what} with PostgreSQL's own tools, e.g. `{postgres_way}` \
             (README, \"Backups\")"
        );
    }
    if !database_url.starts_with("sqlite:") || database_url.contains(":memory:") {
        bail!("DATABASE_URL must name a SQLite file (sqlite://FILE) or PostgreSQL");
    }
    let options = SqliteConnectOptions::from_str(database_url)
        .with_context(|| format!("reading DATABASE_URL {database_url:?}"))?;
    Ok(options.get_filename().to_path_buf())
}

/// A connection to an existing portal database (never created), refused with a clear message
/// when the file is missing, is not SQLite, or lacks the portal's tables.
async fn open_portal_db(path: &Path, read_only: bool) -> anyhow::Result<SqliteConnection> {
    if !path.is_file() {
        bail!("{} does not exist", path.display());
    }
    let not_portal = || format!("{} is not a portal database", path.display());
    let mut conn = SqliteConnectOptions::new()
        .filename(path)
        .read_only(read_only)
        .busy_timeout(Duration::from_secs(10))
        .disable_statement_logging()
        .connect()
        .await
        .with_context(not_portal)?;
    let tables: Vec<(String,)> =
        sqlx::query_as("SELECT name FROM sqlite_master WHERE type = 'table'")
            .fetch_all(&mut conn)
            .await
            .with_context(|| format!("{} (not a SQLite file)", not_portal()))?;
    let missing: Vec<&str> = PORTAL_TABLES
        .iter()
        .copied()
        .filter(|t| !tables.iter().any(|(name,)| name == t))
        .collect();
    if !missing.is_empty() {
        bail!("{} (no table {})", not_portal(), missing.join(", "));
    }
    Ok(conn)
}

/// `VACUUM INTO` a file of another name, renamed to `to` when whole.
async fn vacuum_into(conn: &mut SqliteConnection, to: &Path) -> anyhow::Result<()> {
    let partial = with_suffix(to, ".partial");
    let _ = std::fs::remove_file(&partial);
    let name = partial
        .to_str()
        .context("the backup's path must be valid UTF-8")?;
    let copied = sqlx::query("VACUUM INTO $1")
        .bind(name)
        .execute(&mut *conn)
        .await;
    if let Err(e) = copied {
        let _ = std::fs::remove_file(&partial);
        return Err(e).with_context(|| format!("copying the database to {}", to.display()));
    }
    std::fs::rename(&partial, to).with_context(|| format!("naming the copy {}", to.display()))
}

/// Moves the database at `target` aside, after making sure no server has it open: a server's
/// connections (even idle ones) keep SQLite's shared memory open, so an exclusive lock is
/// refused while one runs. The write-ahead log is folded into the file first.
async fn set_aside(target: &Path) -> anyhow::Result<PathBuf> {
    let mut conn = SqliteConnectOptions::new()
        .filename(target)
        .locking_mode(SqliteLockingMode::Exclusive)
        .busy_timeout(Duration::from_millis(500))
        .disable_statement_logging()
        .connect()
        .await
        .with_context(|| format!("opening {}", target.display()))?;
    let locked = async {
        sqlx::query("BEGIN EXCLUSIVE").execute(&mut conn).await?;
        sqlx::query("COMMIT").execute(&mut conn).await?;
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&mut conn)
            .await
    }
    .await;
    conn.close().await.ok();
    if locked.is_err() {
        bail!(
            "{} is in use: stop the server that has it open (e.g. systemctl stop interview-portal), \
             then restore",
            target.display()
        );
    }
    let kept = (1..)
        .map(|n| match n {
            1 => with_suffix(target, ".before-restore"),
            n => with_suffix(target, &format!(".before-restore.{n}")),
        })
        .find(|p| !p.exists())
        .expect("a free name");
    std::fs::rename(target, &kept)
        .with_context(|| format!("moving {} aside to {}", target.display(), kept.display()))?;
    for side in ["-wal", "-shm"] {
        let file = with_suffix(target, side);
        if file.exists() {
            let aside = with_suffix(&kept, side);
            std::fs::rename(&file, &aside)
                .with_context(|| format!("moving {} aside", file.display()))?;
        }
    }
    Ok(kept)
}

/// The size of the copy at `path` and what it holds.
async fn describe(path: &Path) -> anyhow::Result<Copied> {
    let mut conn = open_portal_db(path, false).await?;
    let (programs,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM programs")
        .fetch_one(&mut conn)
        .await?;
    let (applicants,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM applicants")
        .fetch_one(&mut conn)
        .await?;
    conn.close().await.ok();
    Ok(Copied {
        path: path.to_path_buf(),
        bytes: std::fs::metadata(path)?.len(),
        programs,
        applicants,
    })
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}
