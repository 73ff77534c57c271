//! The reverse proxy of the self-hosting issue in front of the two instances (`--proxy`): nginx
//! with `deploy/nginx.conf`, as `scripts/nginx-example.sh` sets it up (the proxy's browser test
//! uses the same script), reached over TLS with a certificate for 127.0.0.1 made here (rcgen),
//! stopped when dropped.

use crate::client::Target;
use crate::process::{free_port, Server};
use std::path::PathBuf;
use std::process::Command;

pub struct Proxy {
    dir: PathBuf,
    pub target: Target,
}

impl Drop for Proxy {
    fn drop(&mut self) {
        if let Ok(pid) = std::fs::read_to_string(self.dir.join("nginx.pid")) {
            let _ = Command::new("kill").arg(pid.trim()).status();
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

impl Proxy {
    /// How many requests nginx passed to each instance (its access log: the upstream first).
    pub fn spread(&self) -> Vec<(String, usize)> {
        let log = std::fs::read_to_string(self.dir.join("nginx-access.log")).unwrap_or_default();
        let mut counts = std::collections::BTreeMap::new();
        for upstream in log.lines().filter_map(|l| l.split_whitespace().next()) {
            *counts.entry(upstream.to_string()).or_insert(0) += 1;
        }
        counts.into_iter().collect()
    }

    /// nginx in front of `servers` (two), with worker processes and connections enough for
    /// `connections` clients (each is two connections to nginx: the client's and the upstream's).
    pub fn start(servers: &[Server], connections: usize) -> anyhow::Result<Proxy> {
        anyhow::ensure!(
            servers.len() == 2,
            "--proxy is for two instances (--instances 2)"
        );
        let dir = std::env::temp_dir().join(format!("release-rush-proxy-{}", std::process::id()));
        std::fs::create_dir_all(&dir)?;
        let key = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_string()])?;
        std::fs::write(dir.join("cert.pem"), key.cert.pem())?;
        std::fs::write(dir.join("key.pem"), key.signing_key.serialize_pem())?;
        let (http, https) = (free_port()?, free_port()?);
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../scripts/nginx-example.sh");
        let status = Command::new("bash")
            .arg(script)
            .arg(&dir)
            .args(
                [servers[0].addr.port(), servers[1].addr.port(), http, https]
                    .map(|p| p.to_string()),
            )
            .env("NGINX_WORKERS", "2")
            .env("NGINX_CONNECTIONS", (2 * connections + 64).to_string())
            .status()?;
        anyhow::ensure!(
            status.success(),
            "nginx did not start (see {})",
            dir.display()
        );
        let target = Target::tls(([127, 0, 0, 1], https).into(), key.cert.der().to_vec())?;
        Ok(Proxy { dir, target })
    }
}
