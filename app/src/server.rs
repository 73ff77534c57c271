//! Server-only plumbing shared by every feature: the application state handed to server
//! functions and routes, its configuration, and the guards a server function starts with.
//!
//! Every server function begins with one guard — [`require_coordinator`], [`require_staff`],
//! [`require_applicant`], [`require_user`], [`optional_user`] (or [`state`] for the anonymous
//! account pages) — which finds the caller, checks what they may do and returns the state with
//! the typed caller; then it calls one workflow in its feature's `ssr.rs`.

use crate::auth::caller::{caller_from_headers, Applicant, Caller, Staff};
use crate::auth::domain::LoginLimits;
use crate::db::Repo;
use crate::error::{AppError, AppResult};
use crate::live::Hub;
use axum::extract::FromRef;
use leptos::prelude::*;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

#[derive(Clone, Debug)]
pub struct Config {
    /// The address people reach the portal at; links in e-mails start with it.
    pub public_url: String,
    pub login_limits: LoginLimits,
    /// Reverse proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<IpAddr>,
    /// Mark cookies `Secure` (on when `public_url` is https).
    pub secure_cookies: bool,
    /// Tests may move the server's clock (`PORTAL_TEST_CLOCK=1`; never in production).
    pub test_clock: bool,
    /// Delivered e-mail older than this many days is deleted by the housekeeping job
    /// (`KEEP_SENT_MAIL_DAYS`).
    pub keep_sent_mail_days: u32,
    /// The largest CSV file an applicant import reads (`IMPORT_MAX_KB`).
    pub import_max_bytes: usize,
    /// The largest application PDF taken (`APPLICATION_FILE_MAX_MB`).
    pub application_max_bytes: u64,
    /// The largest ZIP of applications taken, and the most its files may inflate to
    /// (`APPLICATION_ZIP_MAX_MB`).
    pub application_zip_max_bytes: u64,
    /// The media server's port and the address browsers send media to (`VIDEO_UDP_PORT`,
    /// `VIDEO_PUBLIC_IP`).
    pub video: crate::media::VideoConfig,
    /// The program's TURN relays, if any (`VIDEO_TURN_URLS`, `VIDEO_TURN_SECRET`).
    pub turn: Option<crate::media::relays::Turn>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            public_url: "http://127.0.0.1:3000".into(),
            login_limits: LoginLimits::default(),
            trusted_proxies: Vec::new(),
            secure_cookies: false,
            test_clock: false,
            keep_sent_mail_days: 90,
            import_max_bytes: 5 * 1024 * 1024,
            application_max_bytes: 10 * 1024 * 1024,
            application_zip_max_bytes: 200 * 1024 * 1024,
            video: Default::default(),
            turn: None,
        }
    }
}

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub repo: Repo,
    pub config: Arc<Config>,
    /// Live events for the push route (and, on Postgres, for other instances).
    pub hub: Hub,
    /// Wakes the outbox worker when a message is queued.
    pub outbox_wake: Arc<tokio::sync::Notify>,
    /// "Now" for the day clock (movable by tests with the test flag).
    pub clock: crate::clock::ssr::ServerClock,
    /// Wakes the day clock's ticker when a clock changed.
    pub clock_wake: Arc<tokio::sync::Notify>,
    /// Wakes the waitlists' job when a seat may have been freed (a cancel, a move, a
    /// withdrawal, a capacity raised), so the seat goes to the line at once.
    pub seats_wake: Arc<tokio::sync::Notify>,
    /// The portal's media server, started on first use.
    pub sfu: crate::media::SfuCell,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The application state, inside a server function.
pub fn state() -> AppResult<AppState> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the server function context");
        AppError::Internal
    })
}

/// The request being answered, inside a server function.
pub fn request_parts() -> AppResult<http::request::Parts> {
    use_context::<http::request::Parts>().ok_or(AppError::Internal)
}

/// The caller as an axum extractor, for plain routes (the push stream): 401 without a valid
/// session cookie.
impl axum::extract::FromRequestParts<AppState> for Caller {
    type Rejection = http::StatusCode;

    async fn from_request_parts(
        parts: &mut http::request::Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        caller_from_headers(&state.repo, &parts.headers)
            .await
            .map_err(|_| http::StatusCode::UNAUTHORIZED)
    }
}

/// Any logged-in person.
pub async fn require_user() -> AppResult<(AppState, Caller)> {
    let state = state()?;
    let caller = caller_from_headers(&state.repo, &request_parts()?.headers).await?;
    Ok((state, caller))
}

/// The logged-in person, or `None` for a visitor.
pub async fn optional_user() -> AppResult<(AppState, Option<Caller>)> {
    match require_user().await {
        Ok((state, caller)) => Ok((state, Some(caller))),
        Err(AppError::Unauthenticated) => Ok((state()?, None)),
        Err(e) => Err(e),
    }
}

/// Any staff member of the active program, interviewers included.
pub async fn require_staff() -> AppResult<(AppState, Staff)> {
    let (state, caller) = require_user().await?;
    Ok((state, caller.staff()?))
}

/// A director, manager or coordinator of the active program, acting as one.
pub async fn require_coordinator() -> AppResult<(AppState, Staff)> {
    let (state, caller) = require_user().await?;
    Ok((state, caller.coordinator()?))
}

/// Anyone logged in, acting as an applicant (programs find them by their e-mail).
pub async fn require_applicant() -> AppResult<(AppState, Applicant)> {
    let (state, caller) = require_user().await?;
    Ok((state, caller.applicant()))
}

/// The client address of the current request, honouring trusted proxies, as text.
pub fn client_ip(state: &AppState) -> AppResult<String> {
    Ok(client_address(state, &request_parts()?).to_string())
}

/// The client address of a request, honouring trusted proxies.
pub fn client_address(state: &AppState, parts: &http::request::Parts) -> IpAddr {
    let peer = parts
        .extensions
        .get::<axum::extract::ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip())
        .unwrap_or(IpAddr::from([127, 0, 0, 1]));
    let forwarded = parts
        .headers
        .get("x-forwarded-for")
        .and_then(|v| v.to_str().ok());
    crate::auth::domain::client_address(peer, forwarded, &state.config.trusted_proxies)
}

/// The Content-Security-Policy of a page with this nonce: scripts only from the portal or
/// carrying the nonce (Leptos puts it on its hydration and streaming scripts), WebAssembly
/// compiled, styles only from the stylesheet, no framing, forms only to the portal.
pub fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// The headers of a rendered page, set while it renders: its Content-Security-Policy with this
/// response's nonce, and `no-store` (a page holds the viewer's data and a nonce of its own).
pub fn page_headers() {
    let Some(res) = use_context::<leptos_axum::ResponseOptions>() else {
        return;
    };
    if let Some(nonce) = leptos::nonce::use_nonce() {
        if let Ok(v) = http::HeaderValue::from_str(&content_security_policy(&nonce)) {
            res.insert_header(http::header::CONTENT_SECURITY_POLICY, v);
        }
    }
    res.insert_header(
        http::header::CACHE_CONTROL,
        http::HeaderValue::from_static("no-store"),
    );
}

/// Adds a `Set-Cookie` header to the current server function's response.
pub fn set_cookie(value: &str) {
    if let (Some(opts), Ok(v)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(value),
    ) {
        opts.append_header(http::header::SET_COOKIE, v);
    }
}
