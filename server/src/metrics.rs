//! Prometheus metrics, off unless `METRICS_ADDR` is set, and then served on that separate
//! address (`GET /metrics`), never on the portal's own: the reverse proxy only forwards the
//! portal's address, so the figures are not public. Request counts and latencies per server
//! function (and per plain route), open push streams, the outbox's unsent messages and the
//! password-hash queue. The figures are kept whether or not they are served (a counter is an
//! atomic add under a read lock).

use app::server::AppState;
use axum::extract::{MatchedPath, State};
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;
use std::sync::LazyLock;
use std::time::Instant;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Call {
    /// The server function's name (`/api/<name>`), a route's path (a plain route's such as
    /// `/events`, a page's such as `/sessions/{id}`), or `other` (files, unknown paths).
    function: String,
    /// The answer's class: `2xx`, `4xx` …
    status: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Function {
    function: String,
}

type Latencies = Family<Function, Histogram, fn() -> Histogram>;

struct Metrics {
    registry: Registry,
    requests: Family<Call, Counter>,
    latency: Latencies,
    streams: Gauge,
    outbox: Gauge,
    hash_queue: Gauge,
}

static METRICS: LazyLock<Metrics> = LazyLock::new(|| {
    let mut registry = Registry::with_prefix("portal");
    let requests = Family::<Call, Counter>::default();
    registry.register(
        "requests",
        "Requests answered, per server function (or plain route) and status class",
        requests.clone(),
    );
    // 1 ms to 8 s.
    let latency: Latencies =
        Family::new_with_constructor(|| Histogram::new(exponential_buckets(0.001, 2.0, 14)));
    registry.register(
        "request_duration_seconds",
        "Time to the answer's headers, per server function (or plain route)",
        latency.clone(),
    );
    let streams = Gauge::default();
    registry.register(
        "push_streams",
        "Push streams (/events) open on this instance",
        streams.clone(),
    );
    let outbox = Gauge::default();
    registry.register(
        "outbox_unsent",
        "E-mails in the outbox not sent yet (all instances: read from the database)",
        outbox.clone(),
    );
    let hash_queue = Gauge::default();
    registry.register(
        "hash_queue",
        "Logins, sign-ups and password changes waiting for a password hash on this instance",
        hash_queue.clone(),
    );
    Metrics {
        registry,
        requests,
        latency,
        streams,
        outbox,
        hash_queue,
    }
});

/// Counts and times every request (a layer of the portal's router).
pub async fn count(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let path = req.uri().path();
    let named = match path.strip_prefix("/api/") {
        Some(name) => Some(name.to_string()),
        None => req
            .extensions()
            .get::<MatchedPath>()
            .map(|p| p.as_str().to_string()),
    };
    let started = Instant::now();
    let res = next.run(req).await;
    // An unknown /api/ name is not a label of its own (anyone could make up millions).
    let function = match named {
        Some(name) if res.status() != StatusCode::NOT_FOUND => name,
        _ => "other".to_string(),
    };
    let m = &*METRICS;
    m.latency
        .get_or_create(&Function {
            function: function.clone(),
        })
        .observe(started.elapsed().as_secs_f64());
    m.requests
        .get_or_create(&Call {
            function,
            status: format!("{}xx", res.status().as_u16() / 100),
        })
        .inc();
    res
}

/// Held by an open push stream: counts it while it lives.
pub struct OpenStream(());

impl OpenStream {
    pub fn new() -> Self {
        METRICS.streams.inc();
        OpenStream(())
    }
}

impl Default for OpenStream {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for OpenStream {
    fn drop(&mut self) {
        METRICS.streams.dec();
    }
}

/// The figures in Prometheus' text format (OpenMetrics), the queues read now.
pub async fn render(state: &AppState) -> String {
    let m = &*METRICS;
    match sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL")
        .fetch_one(state.repo.pool())
        .await
    {
        Ok(n) => {
            m.outbox.set(n);
        }
        Err(e) => tracing::warn!(error = %e, "metrics: could not count the outbox"),
    }
    m.hash_queue
        .set(app::auth::ssr::secrets::hashes_waiting() as i64);
    let mut out = String::new();
    if let Err(e) = prometheus_client::encoding::text::encode(&mut out, &m.registry) {
        tracing::error!(error = %e, "metrics: could not encode");
    }
    out
}

async fn scrape(State(state): State<AppState>) -> impl IntoResponse {
    (
        [(
            header::CONTENT_TYPE,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
        )],
        render(&state).await,
    )
}

/// The metrics' own router: `GET /metrics` and nothing else.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/metrics", get(scrape))
        .with_state(state)
}

/// Serves [`router`] on `addr` until the process ends.
pub async fn serve(addr: std::net::SocketAddr, state: AppState) -> anyhow::Result<()> {
    use anyhow::Context;
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("METRICS_ADDR: binding {addr}"))?;
    println!("Metrics on http://{addr}/metrics");
    tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, router(state)).await {
            tracing::error!(error = %e, "metrics: the listener stopped");
        }
    });
    Ok(())
}
