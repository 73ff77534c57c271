//! The server: configuration, the database pool and its migrations, the routes, the outbox
//! worker, and the command-line subcommands. Everything else lives in the `app` crate.

use anyhow::Context;
use app::db::Repo;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use leptos::prelude::*;
use server::{app_state, config, env_or, redact, serve};

/// mimalloc instead of glibc's malloc: argon2 takes 19 MiB per hash, and glibc kept those
/// blocks in its per-thread arenas after a login storm (peak and settled RSS in the README).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "server", about = "The Interview Portal server")]
struct Cli {
    /// Database: `sqlite://path/to/file.db` (created when missing) or `postgres://…`.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/portal.db",
        global = true
    )]
    database_url: String,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the portal (the default).
    Serve,
    /// Create a program and its director; prints a one-time link to set the password.
    CreateProgram {
        /// The program's name, e.g. "Internal Medicine Residency".
        #[arg(long)]
        name: String,
        /// The program's IANA time zone, e.g. America/New_York.
        #[arg(long, default_value = "America/New_York")]
        time_zone: String,
        #[arg(long)]
        director_email: String,
        #[arg(long)]
        director_name: String,
    },
    /// Copy the SQLite database to PATH (a new file) while the server runs: a consistent copy
    /// as of one moment. With PostgreSQL, use pg_dump (README, "Backups").
    Backup {
        /// Where the copy goes, e.g. /var/backups/portal-2027-01-12.db
        path: std::path::PathBuf,
    },
    /// Put the backup at PATH in place of the SQLite database (stop the server first); the
    /// database it replaces is kept beside it as FILE.before-restore.
    Restore {
        /// A file written by `server backup`.
        path: std::path::PathBuf,
    },
    /// Print every setting as an example environment file (what `make dist` ships).
    Settings {
        /// The README's configuration table instead.
        #[arg(long)]
        markdown: bool,
    },
}

/// Defaults for the settings cargo-leptos passes in the environment, so the built binary also
/// runs on its own (`LEPTOS_*` variables still win).
fn leptos_env_defaults() {
    for (key, value) in [
        ("LEPTOS_OUTPUT_NAME", "interview-portal"),
        ("LEPTOS_SITE_ROOT", "target/site"),
        ("LEPTOS_SITE_PKG_DIR", "pkg"),
        ("LEPTOS_SITE_ADDR", "127.0.0.1:3000"),
        // Hashed file names (cargo-leptos writes hash.txt beside this binary), so the app's
        // files can be cached for a year however the server is started.
        ("LEPTOS_HASH_FILES", "true"),
    ] {
        if std::env::var_os(key).is_none() {
            std::env::set_var(key, value);
        }
    }
}

fn main() -> anyhow::Result<()> {
    // Before the runtime starts any thread: changing the environment is only sound then.
    leptos_env_defaults();
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?
        .block_on(run())
}

async fn run() -> anyhow::Result<()> {
    let filter = || {
        tracing_subscriber::EnvFilter::try_from_default_env()
            .unwrap_or_else(|_| "info,sqlx=warn,tower_http=warn".into())
    };
    match std::env::var("LOG_FORMAT").as_deref() {
        Ok("json") => tracing_subscriber::fmt()
            .json()
            .with_env_filter(filter())
            .init(),
        Ok("text") | Err(_) => tracing_subscriber::fmt().with_env_filter(filter()).init(),
        Ok(other) => anyhow::bail!("LOG_FORMAT is `json` or `text`, not {other:?}"),
    }
    // Every setting in --help, from the one list (server::settings).
    let cli = Cli::from_arg_matches(
        &Cli::command()
            .after_help(server::settings::help())
            .get_matches(),
    )
    .unwrap_or_else(|e| e.exit());
    if let Some(Command::Settings { markdown }) = &cli.command {
        match markdown {
            true => print!("{}", server::settings::markdown_table()),
            false => print!("{}", server::settings::env_example()),
        }
        return Ok(());
    }
    // Backup and restore open the database file themselves, before any pool: its migrations
    // would write to a database about to be replaced, and hold it open.
    match &cli.command {
        Some(Command::Backup { path }) => {
            let copy = server::backup::backup(&cli.database_url, path).await?;
            println!("Backed up to {copy}");
            return Ok(());
        }
        Some(Command::Restore { path }) => {
            let done = server::backup::restore(&cli.database_url, path).await?;
            println!("Restored {} from {}", done.database, path.display());
            if let Some(kept) = done.kept {
                println!("The database it replaced is kept as {}", kept.display());
            }
            return Ok(());
        }
        _ => {}
    }
    let leptos_options = get_configuration(None)
        .context("reading the Leptos configuration")?
        .leptos_options;
    let pool_size = env_or("DB_MAX_CONNECTIONS", 8u32)?;
    let repo = Repo::connect(&cli.database_url, pool_size)
        .await
        .with_context(|| format!("opening the database {}", redact(&cli.database_url)))?;
    let config = config(leptos_options.site_addr)?;
    let state = app_state(leptos_options, repo, config);
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            server::fanout::start(&state.hub, &cli.database_url)
                .await
                .context("listening for the other instances' live updates")?;
            serve(state).await
        }
        Command::CreateProgram {
            name,
            time_zone,
            director_email,
            director_name,
        } => {
            let (id, link) = app::programs::ssr::create_program(
                &state,
                &name,
                &time_zone,
                &director_email,
                &director_name,
            )
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!("Created program {id}: {name}");
            match link {
                Some(link) => println!(
                    "The director sets a password here (works once, expires in 7 days):\n{link}"
                ),
                None => println!("{director_email} already has a password and can log in."),
            }
            Ok(())
        }
        Command::Backup { .. } | Command::Restore { .. } => {
            unreachable!("done before the database was opened")
        }
        Command::Settings { .. } => Ok(()),
    }
}
