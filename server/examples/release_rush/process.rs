//! The server under the rush, in its own process: started on a free port on the rush's
//! database, its memory and CPU time read from /proc, stopped when dropped.

use super::client;
use std::net::SocketAddr;
use std::process::{Child, Command};
use std::time::Duration;

/// A port of 127.0.0.1 free now (the system's pick, let go at once).
pub fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

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
    /// The server on a free port, with the rush's settings.
    pub async fn start(binary: &str, database: &str) -> anyhow::Result<Server> {
        Server::start_at(binary, database, ([127, 0, 0, 1], free_port()?).into(), &[]).await
    }

    /// The server at `addr` (a restarted one takes its old address), with the rush's settings
    /// and `settings` over them; answers once its `/health` does.
    pub async fn start_at(
        binary: &str,
        database: &str,
        addr: SocketAddr,
        settings: &[(&str, &str)],
    ) -> anyhow::Result<Server> {
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
            .envs(settings.iter().copied())
            .stdout(std::fs::File::create(
                std::env::temp_dir().join(format!("release-rush-{}.log", addr.port())),
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

    /// Kills the server with SIGKILL (as a crash or the kernel's out-of-memory killer would:
    /// nothing of it runs after) and waits until it is gone: what dropping it does, said.
    #[allow(dead_code)] // The kill test's (server/tests/kill.rs), not the benchmark's.
    pub fn kill(self) {
        drop(self);
    }

    /// Resident memory now and at its peak, in MB.
    pub fn rss_mb(&self) -> (u64, u64) {
        let pid = self.child.id().to_string();
        let field = |name| super::common::rss_mb_of(&pid, name);
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
