//! The server: configuration, the database pool and its migrations, the routes, the outbox
//! worker, and the command-line subcommands. Everything else lives in the `app` crate.

use anyhow::Context;
use app::auth::domain::LoginLimits;
use app::db::Repo;
use app::server::{AppState, Config};
use axum::{extract::State, http::StatusCode, routing::get, Router};
use clap::{Parser, Subcommand};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

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
}

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> anyhow::Result<T> {
    match std::env::var(name) {
        Ok(v) if !v.trim().is_empty() => v
            .trim()
            .parse()
            .map_err(|_| anyhow::anyhow!("{name} has an invalid value: {v:?}")),
        _ => Ok(default),
    }
}

fn config(site_addr: SocketAddr) -> anyhow::Result<Config> {
    let defaults = LoginLimits::default();
    let public_url = std::env::var("PUBLIC_URL")
        .unwrap_or_else(|_| format!("http://{site_addr}"))
        .trim_end_matches('/')
        .to_string();
    let trusted_proxies = std::env::var("TRUSTED_PROXIES")
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<IpAddr>()
                .with_context(|| format!("TRUSTED_PROXIES: {s:?} is not an IP address"))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    Ok(Config {
        secure_cookies: public_url.starts_with("https://"),
        public_url,
        login_limits: LoginLimits {
            per_account: env_or("LOGIN_LIMIT_PER_ACCOUNT", defaults.per_account)?,
            per_client: env_or("LOGIN_LIMIT_PER_CLIENT", defaults.per_client)?,
            window_minutes: env_or("LOGIN_LIMIT_WINDOW_MINUTES", defaults.window_minutes)?,
        },
        trusted_proxies,
    })
}

/// Defaults for the settings cargo-leptos passes in the environment, so the built binary also
/// runs on its own (`LEPTOS_*` variables still win).
fn leptos_env_defaults() {
    for (key, value) in [
        ("LEPTOS_OUTPUT_NAME", "interview-portal"),
        ("LEPTOS_SITE_ROOT", "target/site"),
        ("LEPTOS_SITE_PKG_DIR", "pkg"),
        ("LEPTOS_SITE_ADDR", "127.0.0.1:3000"),
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
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn,tower_http=warn".into()),
        )
        .init();
    let cli = Cli::parse();
    let leptos_options = get_configuration(None)
        .context("reading the Leptos configuration")?
        .leptos_options;
    let pool_size = env_or("DB_MAX_CONNECTIONS", 8u32)?;
    let repo = Repo::connect(&cli.database_url, pool_size)
        .await
        .with_context(|| format!("opening the database {}", redact(&cli.database_url)))?;
    let state = AppState {
        config: Arc::new(config(leptos_options.site_addr)?),
        leptos_options,
        repo,
        hub: app::live::Hub::new(),
        outbox_wake: Arc::new(tokio::sync::Notify::new()),
    };
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(state).await,
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
    }
}

async fn serve(state: AppState) -> anyhow::Result<()> {
    let seed = std::env::var("SEED_DEMO").unwrap_or_else(|_| "auto".into());
    if seed != "never" && state.repo.is_empty().await? {
        let logins = app::seed::seed_demo(&state)
            .await
            .map_err(|e| anyhow::anyhow!("seeding the demo program: {e}"))?;
        println!(
            "\nSeeded the demo program. Log in with password \"{}\" as:",
            app::seed::DEMO_PASSWORD
        );
        for l in logins {
            println!("  {:<18} {}", l.who, l.email);
        }
        println!();
    }

    tokio::spawn(app::outbox::run_worker(
        state.repo.clone(),
        Arc::new(app::outbox::LogMailer),
        state.outbox_wake.clone(),
    ));

    let addr = state.leptos_options.site_addr;
    let routes = generate_route_list(app::App);
    let router = Router::new()
        .route("/health", get(health))
        .leptos_routes_with_context(&state, routes, || (), {
            let options = state.leptos_options.clone();
            move || app::shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(
            app::shell,
        ))
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .with_state(state);

    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("binding {addr}"))?;
    println!("Interview Portal listening on http://{addr}");
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await?;
    Ok(())
}

async fn health(State(state): State<AppState>) -> (StatusCode, &'static str) {
    match state.repo.ping().await {
        Ok(()) => (StatusCode::OK, "ok"),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}

/// A database URL without its password, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => format!("{}://…@{}", &url[..s], &url[at + 1..]),
        _ => url.to_string(),
    }
}
