//! A message rendered from its kind's template and its values: the subject, the plain text,
//! the HTML part written from it, and the plain text as the Communications page shows it (its
//! secret links hidden).

use super::kinds::MailKind;
use super::template::{html_of, Placeholder, Template, TemplateError};
use std::collections::BTreeMap;

/// What the message's placeholders are filled with.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Values(BTreeMap<Placeholder, String>);

impl Values {
    pub fn with(mut self, p: Placeholder, value: impl Into<String>) -> Self {
        self.0.insert(p, value.into());
        self
    }

    pub fn set(&mut self, p: Placeholder, value: impl Into<String>) {
        self.0.insert(p, value.into());
    }

    /// Sets `p` unless it has a value already.
    pub fn or(&mut self, p: Placeholder, value: impl FnOnce() -> Option<String>) {
        if let std::collections::btree_map::Entry::Vacant(slot) = self.0.entry(p) {
            if let Some(v) = value() {
                slot.insert(v);
            }
        }
    }

    pub fn get(&self, p: Placeholder) -> Option<String> {
        self.0.get(&p).cloned()
    }
}

/// What a secret link reads as on the Communications page.
pub const HIDDEN_LINK: &str = "[secret link hidden]";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub body: String,
    pub html: String,
    pub shown: String,
}

/// Reads a subject and body written for `kind`: each must parse and name only the kind's
/// placeholders. The error says which field (`"subject"` or `"body"`) and why.
pub fn check(
    kind: MailKind,
    subject: &str,
    body: &str,
) -> Result<(Template, Template), (&'static str, TemplateError)> {
    let allowed = kind.placeholders();
    let read = |field: &'static str, src: &str| {
        Template::parse(src)
            .and_then(|t| t.check_allowed(&allowed).map(|()| t))
            .map_err(|e| (field, e))
    };
    Ok((read("subject", subject)?, read("body", body)?))
}

/// The message of `kind` from `own` (a program's subject and body) or, when it has none or it
/// no longer reads, the kind's default. `None` for a kind without a template.
pub fn render(kind: MailKind, own: Option<(&str, &str)>, values: &Values) -> Option<Rendered> {
    let (subject, body) = own.and_then(|(s, b)| check(kind, s, b).ok()).or_else(|| {
        let (s, b) = kind.default_template()?;
        check(kind, s, b).ok()
    })?;
    Some(fill(&subject, &body, values))
}

/// The parts of a message from its parsed subject and body.
pub fn fill(subject: &Template, body: &Template, values: &Values) -> Rendered {
    let value = |p: Placeholder| values.get(p);
    let plain = body.render(value);
    let shown = body.render(|p| match p {
        Placeholder::ActionLink => values.get(p).map(|_| HIDDEN_LINK.to_string()),
        _ => values.get(p),
    });
    Rendered {
        subject: subject.render_line(value),
        html: html_of(&plain),
        body: plain,
        shown: redact(&shown),
    }
}

/// `text` with the values of `token=` in links hidden (messages written without a template
/// carry their secret links that way).
pub fn redact(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("token=") {
        let after = &rest[at + 6..];
        let end = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '%'))
            .unwrap_or(after.len());
        out.push_str(&rest[..at + 6]);
        if end > 0 {
            out.push_str("[hidden]");
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kind_renders_its_default_when_the_program_has_none() {
        let v = Values::default()
            .with(Placeholder::ApplicantName, "Ana Lee")
            .with(Placeholder::Program, "Cardiology")
            .with(Placeholder::PortalLink, "https://p.org/login");
        let r = render(MailKind::Invitation, None, &v).unwrap();
        assert_eq!(r.subject, "Interview invitation: Cardiology");
        assert!(r
            .body
            .starts_with("Dear Ana Lee,\n\nCardiology invites you to interview."));
        assert!(
            r.html.contains("<a href=\"https://p.org/login\">"),
            "{}",
            r.html
        );
        assert_eq!(r.shown, r.body, "nothing secret");
    }

    #[test]
    fn a_programs_own_template_is_used_and_a_broken_one_falls_back() {
        let v = Values::default().with(Placeholder::Program, "Cardio");
        let own = render(
            MailKind::Withdrawn,
            Some(("Sorry, {{program}}", "Body")),
            &v,
        )
        .unwrap();
        assert_eq!(
            (own.subject.as_str(), own.body.as_str()),
            ("Sorry, Cardio", "Body")
        );
        let broken = render(MailKind::Withdrawn, Some(("{{nope}}", "Body")), &v).unwrap();
        assert_eq!(broken.subject, "Interview invitation withdrawn: Cardio");
        assert!(render(MailKind::OneOff, None, &v).is_none());
    }

    #[test]
    fn secret_links_are_hidden_in_the_shown_body_only() {
        let v = Values::default()
            .with(Placeholder::ActionLink, "https://p.org/verify?token=abc123")
            .with(Placeholder::LinkExpires, "24 hours");
        let r = render(MailKind::SignUpConfirmation, None, &v).unwrap();
        assert!(r.body.contains("https://p.org/verify?token=abc123"));
        assert!(r.html.contains("token=abc123"));
        assert!(
            !r.shown.contains("abc123") && r.shown.contains(HIDDEN_LINK),
            "{}",
            r.shown
        );
        assert!(r.shown.contains("expires in 24 hours."));
    }

    #[test]
    fn tokens_in_links_are_redacted() {
        assert_eq!(
            redact("go https://p.org/reset?token=9f8e7d. Or https://p.org/x?a=1&token=Zz_-9&b=2"),
            "go https://p.org/reset?token=[hidden]. Or https://p.org/x?a=1&token=[hidden]&b=2"
        );
        assert_eq!(redact("token= alone"), "token= alone");
        assert_eq!(redact("no secrets"), "no secrets");
    }

    #[test]
    fn check_says_which_field() {
        let (field, e) =
            check(MailKind::Withdrawn, "ok {{program}}", "Hi {{session_date}}").unwrap_err();
        assert_eq!(field, "body");
        assert!(e.to_string().contains("has no value in this kind"), "{e}");
        let (field, _) = check(MailKind::Withdrawn, "{{progam}}", "").unwrap_err();
        assert_eq!(field, "subject");
    }
}
