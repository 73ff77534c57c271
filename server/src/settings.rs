//! Every setting the server reads from its environment, in one list: `server --help` shows it,
//! `server settings` writes the example environment file `make dist` ships, and
//! `server settings --markdown` the README's configuration table (a server test checks that
//! the README's table is this one and that every variable the code reads is in it).

/// One environment variable the server reads.
pub struct Setting {
    pub name: &'static str,
    pub default: Default,
    /// What it does, in the README's words (Markdown: backticks for literals).
    pub meaning: &'static str,
}

/// A setting's default: a value to write as it is, or words when it has none or depends on
/// something else.
pub enum Default {
    Value(&'static str),
    Words(&'static str),
}

const fn value(name: &'static str, default: &'static str, meaning: &'static str) -> Setting {
    Setting {
        name,
        default: Default::Value(default),
        meaning,
    }
}

const fn words(name: &'static str, default: &'static str, meaning: &'static str) -> Setting {
    Setting {
        name,
        default: Default::Words(default),
        meaning,
    }
}

/// Every setting, in the order the README and the example file list them.
pub const SETTINGS: &[Setting] = &[
    value(
        "DATABASE_URL",
        "sqlite://data/portal.db",
        "`sqlite://FILE` (created when missing) or `postgres://…`",
    ),
    value("LEPTOS_SITE_ADDR", "127.0.0.1:3000", "address to serve on"),
    value(
        "LEPTOS_SITE_ROOT",
        "target/site",
        "the folder of the site files (the package's `site/`)",
    ),
    value(
        "LEPTOS_HASH_FILE_NAME",
        "hash.txt",
        "the list of the site's hashed file names, relative to the server binary's folder (or an absolute path); written by the build, it must match `site/`",
    ),
    words(
        "PUBLIC_URL",
        "`http://` + site address",
        "the address in e-mailed links; `https://…` makes cookies `Secure`",
    ),
    value(
        "SEED_DEMO",
        "never",
        "`auto` seeds the demo program into an empty database (its passwords are public: for `make run` and the tests); `never` does not. Refused with an `https://` `PUBLIC_URL`",
    ),
    words(
        "TRUSTED_PROXIES",
        "(none)",
        "comma-separated IPs of reverse proxies whose `X-Forwarded-For` is believed",
    ),
    value(
        "LOGIN_LIMIT_PER_ACCOUNT",
        "5",
        "failed logins per account per window",
    ),
    value(
        "LOGIN_LIMIT_PER_CLIENT",
        "50",
        "failed logins per client address per window",
    ),
    value("LOGIN_LIMIT_WINDOW_MINUTES", "15", "the window"),
    value("DB_MAX_CONNECTIONS", "8", "pool size"),
    words(
        "HASH_CONCURRENCY",
        "the number of cores",
        "password hashes (argon2, 19 MiB each) running at once",
    ),
    value(
        "HASH_QUEUE",
        "4096",
        "logins, sign-ups and password changes waiting for a hash; beyond it the answer is 503 with `Retry-After: 5` at once",
    ),
    value(
        "HASH_QUEUE_SECONDS",
        "20",
        "how long one may wait before that same 503 (a 503 is not counted as a failed login)",
    ),
    words(
        "MAIL",
        "`smtp` when `SMTP_URL` is set; else none, and the server does not start",
        "where e-mail goes: `smtp` (through `SMTP_URL`), `log` (written to the server log with its links: `make run`, the tests) or `off` (none sent; messages wait in the outbox)",
    ),
    words(
        "SMTP_URL",
        "(none)",
        "the mail relay in lettre's URL form: `smtps://user:password@host:465` (TLS from the start) or `smtp://user:password@host:587?tls=required` (STARTTLS); plain `smtp://host:25` only for a relay on the same machine. Percent-encode special characters of the password (examples below)",
    ),
    words(
        "SMTP_CA_FILE",
        "(none: the system's certificates)",
        "a PEM file of certificates to trust for the relay beside the system's (a private CA)",
    ),
    value(
        "MAIL_FROM",
        "Interview Portal <no-reply@localhost>",
        "the sender address",
    ),
    value(
        "KEEP_SENT_MAIL_DAYS",
        "90",
        "delivered e-mails (the outbox's sent rows) older than this many days are deleted by the hourly housekeeping job; undelivered ones stay",
    ),
    value(
        "IMPORT_MAX_KB",
        "5120",
        "the largest CSV file an applicant import takes (a larger upload is refused with 413 before it is read)",
    ),
    value(
        "APPLICATION_FILE_MAX_MB",
        "10",
        "the largest application PDF a coordinator may upload for an applicant (a larger one is refused with 413)",
    ),
    value(
        "APPLICATION_ZIP_MAX_MB",
        "200",
        "the largest ZIP of application PDFs taken at once, and the most its files may inflate to (a ZIP bomb is refused as it is read)",
    ),
    value(
        "VIDEO_UDP_PORT",
        "10000",
        "the UDP port of the portal's video (every participant's camera and microphone): open it in the firewall; each instance on one machine needs its own",
    ),
    value(
        "VIDEO_TCP_PORT",
        "10000",
        "the TCP port browsers fall back to when their network blocks UDP (ICE over TCP): open it too; `off` for none",
    ),
    value(
        "VIDEO_PUBLIC_IP",
        "127.0.0.1",
        "the address browsers send video to: this machine's address as people reach it (its public one behind a NAT that forwards `VIDEO_UDP_PORT`); the default serves a browser on the same machine only",
    ),
    words(
        "VIDEO_TURN_URLS",
        "(none)",
        "TURN servers for networks that block both video ports (only a web proxy gets out), comma-separated: `turn:turn.example.org:3478,turns:turn.example.org:5349?transport=tcp`; needs `VIDEO_TURN_SECRET`",
    ),
    words(
        "VIDEO_TURN_SECRET",
        "(none)",
        "the secret those TURN servers share with the portal (coturn: `use-auth-secret` and `static-auth-secret`); browsers get credentials good for 24 hours, never the secret",
    ),
    value("RUST_LOG", "info,sqlx=warn,tower_http=warn", "log filter"),
    value(
        "LOG_FORMAT",
        "text",
        "`json`: one JSON object per log line (for a log collector); `text`: lines for people",
    ),
    words(
        "METRICS_ADDR",
        "(none: no metrics)",
        "e.g. `127.0.0.1:9100`: serve Prometheus metrics at `/metrics` on this separate address (keep it off the proxy)",
    ),
    words(
        "PORTAL_TEST_CLOCK",
        "(off)",
        "`1` lets the browser tests move the server's clock (`/test/clock`); never on a real server",
    ),
];

impl Default {
    fn markdown(&self) -> String {
        match self {
            Default::Value(v) => format!("`{v}`"),
            Default::Words(w) => w.to_string(),
        }
    }
}

/// The README's configuration table.
pub fn markdown_table() -> String {
    let mut out = String::from("| variable | default | meaning |\n|---|---|---|\n");
    for s in SETTINGS {
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            s.name,
            s.default.markdown(),
            s.meaning
        ));
    }
    out
}

/// The settings for `server --help`.
pub fn help() -> String {
    let mut out = String::from("Settings (environment variables; see README, Configuration):\n");
    for s in SETTINGS {
        let default = match &s.default {
            Default::Value(v) => v.to_string(),
            Default::Words(w) => w.replace('`', ""),
        };
        out.push_str(&format!(
            "  {}  [default: {}]\n      {}\n",
            s.name,
            default,
            s.meaning.replace('`', "")
        ));
    }
    out
}

/// The example environment file: every setting, commented out at its default, with its meaning.
pub fn env_example() -> String {
    let mut out = String::from(
        "# Interview Portal settings: every one the server reads, at its default (commented out).\n\
         # Written by `server settings` from the server's own list (README, Configuration).\n\
         # Uncomment a line to change it; systemd reads this file (EnvironmentFile=).\n",
    );
    for s in SETTINGS {
        out.push_str(&format!("\n# {}\n", s.meaning.replace('`', "")));
        match &s.default {
            Default::Value(v) if v.contains([' ', '<', '>', ',']) => {
                out.push_str(&format!("#{}=\"{v}\"\n", s.name))
            }
            Default::Value(v) => out.push_str(&format!("#{}={v}\n", s.name)),
            Default::Words(w) => out.push_str(&format!(
                "# default: {}\n#{}=\n",
                w.replace('`', ""),
                s.name
            )),
        }
    }
    out
}
