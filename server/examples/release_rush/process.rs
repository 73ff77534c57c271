//! The server under the rush, in its own process: started on a free port on the rush's
//! database, its memory and CPU time read from /proc, stopped when dropped.

use crate::client;
use std::net::SocketAddr;
use std::process::{Child, Command};
use std::time::Duration;

/// The server in its own process, stopped when dropped.
pub struct Server {
    child: Child,
    pub addr: SocketAddr,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    pub async fn start(binary: &str, database: &str) -> anyhow::Result<Server> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")?
            .local_addr()?
            .port();
        let addr: SocketAddr = ([127, 0, 0, 1], port).into();
        let child = Command::new(binary)
            .env("DATABASE_URL", database)
            .env("LEPTOS_SITE_ADDR", addr.to_string())
            .env("SEED_DEMO", "never")
            .env("MAIL", "off")
            // Every login of the benchmark comes from this one address.
            .env("LOGIN_LIMIT_PER_CLIENT", "1000000")
            .env(
                "RUST_LOG",
                std::env::var("RUSH_SERVER_LOG").unwrap_or_else(|_| "warn".into()),
            )
            .stdout(std::fs::File::create(
                std::env::temp_dir().join(format!("release-rush-{port}.log")),
            )?)
            .spawn()
            .map_err(|e| {
                anyhow::anyhow!("starting {binary}: {e} (build it with `make run` first)")
            })?;
        let server = Server { child, addr };
        for _ in 0..600 {
            if let Ok(mut c) = client::Conn::open(addr).await {
                if c.status_of("/health").await.ok() == Some(200) {
                    return Ok(server);
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        anyhow::bail!("the server at {addr} did not answer within 60 s")
    }

    /// Resident memory now and at its peak, in MB.
    pub fn rss_mb(&self) -> (u64, u64) {
        let pid = self.child.id().to_string();
        let field = |name| crate::common::rss_mb_of(&pid, name);
        (field("VmRSS:"), field("VmHWM:"))
    }

    /// The CPU time the server has used, user and system (clock ticks of 10 ms).
    pub fn cpu(&self) -> Duration {
        let stat =
            std::fs::read_to_string(format!("/proc/{}/stat", self.child.id())).unwrap_or_default();
        let after = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or_default();
        let fields: Vec<u64> = after
            .split_whitespace()
            .map(|f| f.parse().unwrap_or(0))
            .collect();
        let ticks = fields.get(11).copied().unwrap_or(0) + fields.get(12).copied().unwrap_or(0);
        Duration::from_millis(ticks * 10)
    }
}
