//! The server crate's library: configuration from the environment, the application state and
//! the router, so the binary and the server tests build exactly the same service.

use anyhow::Context;
use app::auth::domain::LoginLimits;
use app::db::Repo;
use app::server::{AppState, Config};
use axum::response::IntoResponse;
use axum::routing::{get, post, MethodRouter};
use axum::{extract::State, http::StatusCode, Router};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

pub mod backup;
pub mod body;
pub use body::{body_limit, MAX_BODY_BYTES};
pub mod build;
pub mod clock;
pub mod exports;
pub mod fanout;
pub mod files;
pub mod housekeeping;
pub mod itinerary;
pub mod live;
pub mod metrics;
pub mod precompress;
pub mod refusal;
pub mod settings;
pub mod startup;
pub mod video;

pub fn env_or<T: std::str::FromStr>(name: &str, default: T) -> anyhow::Result<T> {
    match std::env::var(name) {
        Ok(v) if !v.trim().is_empty() => v
            .trim()
            .parse()
            .map_err(|_| anyhow::anyhow!("{name} has an invalid value: {v:?}")),
        _ => Ok(default),
    }
}

pub fn config(site_addr: SocketAddr) -> anyhow::Result<Config> {
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
        test_clock: std::env::var("PORTAL_TEST_CLOCK").is_ok_and(|v| v == "1"),
        keep_sent_mail_days: env_or("KEEP_SENT_MAIL_DAYS", 90)?,
        import_max_bytes: env_or("IMPORT_MAX_KB", 5120usize)?.saturating_mul(1024),
        application_max_bytes: env_or("APPLICATION_FILE_MAX_MB", 10u64)?.saturating_mul(1 << 20),
        application_zip_max_bytes: env_or("APPLICATION_ZIP_MAX_MB", 200u64)?
            .saturating_mul(1 << 20),
        video: app::media::VideoConfig {
            udp_port: env_or("VIDEO_UDP_PORT", 10000u16)?,
            tcp_port: match std::env::var("VIDEO_TCP_PORT")
                .ok()
                .as_deref()
                .map(str::trim)
            {
                Some("off") => None,
                _ => Some(env_or("VIDEO_TCP_PORT", 10000u16)?),
            },
            public_ip: env_or("VIDEO_PUBLIC_IP", IpAddr::from([127, 0, 0, 1]))?,
        },
        turn: app::media::relays::Turn::from_settings(
            &std::env::var("VIDEO_TURN_URLS").unwrap_or_default(),
            &std::env::var("VIDEO_TURN_SECRET").unwrap_or_default(),
        )
        .map_err(|e| anyhow::anyhow!(e))?,
    })
}

/// The application state around an open repository.
pub fn app_state(leptos_options: LeptosOptions, repo: Repo, config: Config) -> AppState {
    AppState {
        clock: app::clock::ssr::ServerClock::new(config.test_clock),
        config: Arc::new(config),
        leptos_options,
        repo,
        hub: app::live::Hub::new(),
        outbox_wake: Arc::new(tokio::sync::Notify::new()),
        clock_wake: Arc::new(tokio::sync::Notify::new()),
        seats_wake: Arc::new(tokio::sync::Notify::new()),
        sfu: Default::default(),
    }
}

/// The plain axum routes (everything but server functions, pages and files): the router is
/// built from this table, and the authorization matrix test walks the same table.
pub fn plain_routes() -> Vec<(&'static str, MethodRouter<AppState>)> {
    vec![
        ("/health", get(health)),
        ("/events", get(live::events)),
        ("/calendar/{token}", get(itinerary::feed)),
        ("/calendar.ics", get(itinerary::download)),
        ("/print/day/{session}", get(itinerary::print_day)),
        ("/print/my-day", get(itinerary::print_my_day)),
        ("/export/ranks.csv", get(exports::ranks_csv)),
        ("/export/rank-order.csv", get(exports::rank_order_csv)),
        ("/export/applicants.csv", get(exports::applicants_csv)),
        ("/export/audit.csv", get(exports::audit_csv)),
        ("/export/report.csv", get(exports::report_csv)),
        ("/print/ranks", get(exports::print_ranks)),
        (files::DOWNLOAD, get(files::download)),
        (files::UPLOAD_ONE, files::upload_one_route()),
        (files::UPLOAD_ZIP, files::upload_zip_route()),
        ("/test/clock", post(clock::move_test_clock)),
        (video::CHECK_SIGNAL, get(video::check_signal)),
        (video::ROOM_SIGNAL, get(video::room_signal)),
    ]
}

/// The app's page routes, listed once per process. Listing them runs the app with resource
/// loading suppressed by a flag that is global to the process (leptos_server's
/// `SuppressResourceLoad`): a page's resource first polled meanwhile, in another server of the
/// same process, never loads, and its page never ends (leptos-rs/leptos#4773). The tests build a
/// server per test beside the pages other tests are loading, and a page hung that way about once
/// in twenty runs of the suite; a second instance in one process (the tests' PostgreSQL fan-out)
/// would too. Listed once, before any server of the process serves, no page can be under way.
fn app_routes() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(app::App)).clone()
}

/// Every route: the plain ones, server functions, pages, static files.
pub fn router(state: AppState) -> Router {
    let routes = app_routes();
    plain_routes()
        .into_iter()
        .fold(Router::new(), |router, (path, route)| {
            router.route(path, route)
        })
        .leptos_routes_with_context(&state, routes, || (), {
            let options = state.leptos_options.clone();
            move || app::shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(
            app::shell,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            body::limit_body,
        ))
        .layer(axum::middleware::from_fn(refusal::carry_typed))
        .layer(axum::middleware::from_fn(error_status))
        // A tab of another build is told to reload (build.rs).
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            build::refuse_other_builds,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            response_headers,
        ))
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .layer(axum::middleware::from_fn(metrics::count))
        .with_state(state)
}

/// Refuses to start without a word on where e-mail goes (startup.rs), seeds the demo into an
/// empty database when asked (`SEED_DEMO=auto`, never on https), starts the outbox worker and
/// serves until Ctrl-C or SIGTERM.
pub async fn serve(state: AppState) -> anyhow::Result<()> {
    let mail = startup::Mail::from_env()?;
    let from = std::env::var("MAIL_FROM")
        .unwrap_or_else(|_| "Interview Portal <no-reply@localhost>".into());
    let mailer = mail.mailer(&from)?;
    let https = state.config.public_url.starts_with("https://");
    let seed = startup::seed_demo(
        std::env::var("SEED_DEMO").ok().as_deref(),
        &state.config.public_url,
    )?;
    if seed && state.repo.is_empty().await? {
        app::seed::seed_demo(&state)
            .await
            .map_err(|e| anyhow::anyhow!("seeding the demo program: {e}"))?;
        println!("Seeded the demo programs into the new database.");
    }
    if app::seed::demo_present(&state).await.unwrap_or(false) {
        if https {
            tracing::warn!("this database holds the demo program, whose passwords are public, and PUBLIC_URL is https: use a new database for a real season");
        } else {
            println!("\nDemo logins (password \"{}\"):", app::seed::DEMO_PASSWORD);
            for l in app::seed::demo_logins() {
                println!("  {:<18} {}", l.who, l.email);
            }
            println!();
        }
    }

    println!("{}", mail.describe());
    if let Some(mailer) = mailer {
        let clock = state.clock.clone();
        tokio::spawn(app::outbox::run_worker(
            state.repo.clone(),
            mailer,
            state.outbox_wake.clone(),
            move || clock.now().timestamp_millis(),
        ));
    }
    // The day clocks: transitions executed when due (each by one instance).
    tokio::spawn(app::clock::ssr::run_ticker(state.clone()));
    // Rows past their stored time deleted, now and hourly (housekeeping.rs).
    tokio::spawn(housekeeping::run(state.clone()));
    // Reminders and digests sent when their stored time comes (each once: reminders::ssr).
    tokio::spawn(app::reminders::ssr::run(state.clone()));
    // Freed seats given to the waitlists, and offers that ran out taken back (waitlist::ssr::job).
    tokio::spawn(app::waitlist::ssr::job::run(state.clone()));
    // Fair releases drawn when their window closes (release::fair).
    tokio::spawn(app::release::fair::run(state.clone()));
    if state.clock.movable() {
        println!("PORTAL_TEST_CLOCK=1: tests may move the server's clock (/test/clock).");
    }

    let metrics_addr = env_or("METRICS_ADDR", String::new())?;
    if !metrics_addr.is_empty() {
        let addr = metrics_addr
            .parse()
            .with_context(|| format!("METRICS_ADDR: {metrics_addr:?} is not an address"))?;
        metrics::serve(addr, state.clone()).await?;
    }
    let options = &state.leptos_options;
    precompress::spawn(std::path::Path::new(&*options.site_root).join(&*options.site_pkg_dir));
    let addr = state.leptos_options.site_addr;
    let router = router(state);

    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("binding {addr}"))?;
    println!("Interview Portal listening on http://{addr}");
    let stopping = Arc::new(tokio::sync::Notify::new());
    let server = axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown({
        let stopping = stopping.clone();
        async move {
            shutdown_signal().await;
            stopping.notify_one();
        }
    });
    // Push streams never end by themselves: give requests in flight two seconds, then stop.
    tokio::select! {
        result = server => result?,
        _ = async {
            stopping.notified().await;
            tokio::time::sleep(std::time::Duration::from_secs(2)).await;
        } => {}
    }
    Ok(())
}

/// Gives a failed server function the status code of its [`AppError`] (server_fn answers every
/// error with 500): a 4xx for whatever the person can fix, in one place for every function,
/// including arguments that could not be read.
/// Headers every answer gets, and how long each kind may be kept: the app's files for a year
/// when their names carry their hash (a new build has new names), else revalidated; server
/// functions and the push stream never (pages set their own while they render).
async fn response_headers(
    State(state): State<AppState>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::http::{header, HeaderValue};
    let path = req.uri().path().to_owned();
    let mut res = next.run(req).await;
    let ok = res.status().is_success();
    let h = res.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    let pkg = format!("/{}/", state.leptos_options.site_pkg_dir);
    let cache = if path.starts_with(&pkg) && ok {
        if state.leptos_options.hash_files {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        }
    } else if path.starts_with("/api/") || path == "/events" {
        "no-store"
    } else {
        return res;
    };
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    res
}

/// A body over the limit is refused (413) before any handler runs; it is said like every other
/// error.
async fn error_status(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use app::error::AppError;
    // The portal's own code reads errors in the compact wire (app::codec), anyone else JSON.
    let compact = app::codec::asks_compact(req.headers().get(axum::http::header::ACCEPT));
    let res = next.run(req).await;
    // A refusal already said (limit_body's) is left as it is.
    if res.status() == StatusCode::PAYLOAD_TOO_LARGE
        && !res.headers().contains_key(axum::http::header::CONTENT_TYPE)
    {
        let err = AppError::TooLarge(format!(
            "That is more than the portal accepts at once ({} KB).",
            MAX_BODY_BYTES / 1024
        ));
        return error_answer(&err, compact);
    }
    if res.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !res.headers().contains_key("serverfnerror")
    {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let bytes = axum::body::to_bytes(body, 64 * 1024)
        .await
        .unwrap_or_default();
    let err = serde_json::from_slice::<AppError>(&bytes)
        .ok()
        .or_else(|| app::codec::decode::<AppError, AppError>(&bytes).ok());
    if let Some(err) = err {
        if let Ok(code) = StatusCode::from_u16(err.status_code()) {
            parts.status = code;
        }
        // A busy portal says when to come back.
        if matches!(err, AppError::Busy(_)) {
            parts.headers.insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from_static("5"),
            );
        }
    }
    axum::response::Response::from_parts(parts, axum::body::Body::from(bytes))
}

/// An error said by the server itself (not a server function), with its status: compact to the
/// portal's own code, JSON to anyone else, as server functions say theirs.
pub fn error_answer(err: &app::error::AppError, compact: bool) -> axum::response::Response {
    let (kind, body) = if compact {
        (
            app::codec::COMPACT,
            postcard::to_allocvec(err).unwrap_or_default(),
        )
    } else {
        (
            "application/json",
            serde_json::to_vec(err).unwrap_or_default(),
        )
    };
    let status = StatusCode::from_u16(err.status_code()).unwrap_or(StatusCode::BAD_REQUEST);
    let mut res = (status, body).into_response();
    res.headers_mut().insert(
        axum::http::header::CONTENT_TYPE,
        axum::http::HeaderValue::from_static(kind),
    );
    res
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
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => format!("{}://…@{}", &url[..s], &url[at + 1..]),
        _ => url.to_string(),
    }
}
