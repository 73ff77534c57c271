//! What the server refuses to start without, or with: where e-mail goes (`MAIL`, `SMTP_URL`,
//! `SMTP_CA_FILE`, `MAIL_FROM`) and whether the demo program, whose passwords are public, is
//! seeded (`SEED_DEMO`). Safe by default: no demo unless asked, never on an https address, and no
//! silent mail: without a relay the operator says `MAIL=log` or `MAIL=off`.

use std::sync::Arc;

/// Where e-mail goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mail {
    /// Through the relay at this URL (lettre's form), trusting the certificates in the file too.
    Smtp {
        url: String,
        ca_file: Option<String>,
    },
    /// Written to the server log, links included (development, `make run`, the tests).
    Log,
    /// Not sent: messages wait in the outbox until a relay is configured.
    Off,
}

pub const NO_RELAY: &str =
    "No mail relay: set SMTP_URL (e.g. smtps://user:password@smtp.example.org:465), \
     or MAIL=log to write e-mails with their links to the log, or MAIL=off to send none";

impl Mail {
    /// `MAIL` (`smtp`, `log` or `off`; unset means `smtp` when `SMTP_URL` is set) and `SMTP_URL`.
    pub fn choose(
        mail: Option<&str>,
        smtp_url: Option<&str>,
        ca_file: Option<&str>,
    ) -> anyhow::Result<Mail> {
        let (smtp_url, ca_file) = (given(smtp_url), given(ca_file).map(str::to_owned));
        match (given(mail), smtp_url) {
            (None | Some("smtp"), Some(url)) => Ok(Mail::Smtp {
                url: url.to_owned(),
                ca_file,
            }),
            (None, None) => anyhow::bail!("{NO_RELAY}"),
            (Some("smtp"), None) => anyhow::bail!("MAIL=smtp needs SMTP_URL. {NO_RELAY}"),
            (Some("log"), _) => Ok(Mail::Log),
            (Some("off"), _) => Ok(Mail::Off),
            (Some(other), _) => anyhow::bail!("MAIL must be smtp, log or off, not {other:?}"),
        }
    }

    pub fn from_env() -> anyhow::Result<Mail> {
        Mail::choose(
            std::env::var("MAIL").ok().as_deref(),
            std::env::var("SMTP_URL").ok().as_deref(),
            std::env::var("SMTP_CA_FILE").ok().as_deref(),
        )
    }

    /// What delivers the outbox; `None` for `Off` (no worker: messages stay queued).
    pub fn mailer(&self, from: &str) -> anyhow::Result<Option<Arc<dyn app::outbox::Mailer>>> {
        Ok(match self {
            Mail::Smtp { url, ca_file } => {
                let ca = match ca_file {
                    Some(path) => Some(
                        std::fs::read(path)
                            .map_err(|e| anyhow::anyhow!("SMTP_CA_FILE {path}: {e}"))?,
                    ),
                    None => None,
                };
                let mailer = app::outbox::SmtpMailer::new(url, from, ca.as_deref())
                    .map_err(|e| anyhow::anyhow!(e))?;
                Some(Arc::new(mailer))
            }
            Mail::Log => Some(Arc::new(app::outbox::LogMailer)),
            Mail::Off => None,
        })
    }

    /// One line for the log at start (no password: the URL's is left out).
    pub fn describe(&self) -> String {
        match self {
            Mail::Smtp { url, .. } => {
                format!("E-mail goes through the relay {}.", crate::redact(url))
            }
            Mail::Log => "MAIL=log: e-mails (with their links) are written to this log.".into(),
            Mail::Off => "MAIL=off: no e-mail is sent; messages wait in the outbox.".into(),
        }
    }
}

/// A setting's value, when it has one (set and not blank).
fn given(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

/// Whether to seed the demo into an empty database: `SEED_DEMO=auto` asks for it (`make run`,
/// the tests); unset or `never` does not. Refused with an https `PUBLIC_URL`: a real address
/// must never get accounts whose password is in the README.
pub fn seed_demo(seed: Option<&str>, public_url: &str) -> anyhow::Result<bool> {
    match seed.map(str::trim).unwrap_or("") {
        "" | "never" => Ok(false),
        "auto" if public_url.starts_with("https://") => anyhow::bail!(
            "SEED_DEMO=auto is refused with PUBLIC_URL={public_url}: the demo's passwords are public; unset SEED_DEMO"
        ),
        "auto" => Ok(true),
        other => anyhow::bail!("SEED_DEMO must be auto or never, not {other:?}"),
    }
}
