//! The template language of the portal's e-mails: plain text with placeholders written
//! `{{name}}` (spaces inside the braces allowed). A template is parsed once ([`Template::parse`]):
//! an unknown or misspelled placeholder, or braces left open, is refused with its line and
//! column (and the placeholder meant, when one is close). Rendering fills each placeholder with
//! its value; the HTML part is written from the rendered plain text ([`html_of`]), so both parts
//! say the same, with every value escaped.

use std::fmt;

/// A value a template can name. The words are what a coordinator writes between the braces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Placeholder {
    ApplicantName,
    ApplicantEmail,
    RecipientName,
    Role,
    Program,
    SessionName,
    SessionDate,
    SessionTime,
    SessionTimeApplicant,
    PreviousSession,
    PortalLink,
    SignUpLink,
    MyProgramsLink,
    TimetrackLink,
    ResponseDeadline,
    CoordinatorContact,
    ItineraryLink,
    ActionLink,
    LinkExpires,
    Details,
}

impl Placeholder {
    pub const ALL: &'static [Placeholder] = &[
        Placeholder::ApplicantName,
        Placeholder::ApplicantEmail,
        Placeholder::RecipientName,
        Placeholder::Role,
        Placeholder::Program,
        Placeholder::SessionName,
        Placeholder::SessionDate,
        Placeholder::SessionTime,
        Placeholder::SessionTimeApplicant,
        Placeholder::PreviousSession,
        Placeholder::PortalLink,
        Placeholder::SignUpLink,
        Placeholder::MyProgramsLink,
        Placeholder::TimetrackLink,
        Placeholder::ResponseDeadline,
        Placeholder::CoordinatorContact,
        Placeholder::ItineraryLink,
        Placeholder::ActionLink,
        Placeholder::LinkExpires,
        Placeholder::Details,
    ];

    /// The word written between the braces.
    pub fn word(self) -> &'static str {
        match self {
            Placeholder::ApplicantName => "applicant_name",
            Placeholder::ApplicantEmail => "applicant_email",
            Placeholder::RecipientName => "recipient_name",
            Placeholder::Role => "role",
            Placeholder::Program => "program",
            Placeholder::SessionName => "session_name",
            Placeholder::SessionDate => "session_date",
            Placeholder::SessionTime => "session_time",
            Placeholder::SessionTimeApplicant => "session_time_applicant",
            Placeholder::PreviousSession => "previous_session",
            Placeholder::PortalLink => "portal_link",
            Placeholder::SignUpLink => "sign_up_link",
            Placeholder::MyProgramsLink => "my_programs_link",
            Placeholder::TimetrackLink => "timetrack_link",
            Placeholder::ResponseDeadline => "response_deadline",
            Placeholder::CoordinatorContact => "coordinator_contact",
            Placeholder::ItineraryLink => "itinerary_link",
            Placeholder::ActionLink => "action_link",
            Placeholder::LinkExpires => "link_expires",
            Placeholder::Details => "details",
        }
    }

    /// What it is filled with, for the editor's list.
    pub fn meaning(self) -> &'static str {
        match self {
            Placeholder::ApplicantName => "the applicant's name",
            Placeholder::ApplicantEmail => "the e-mail of the applicant's application",
            Placeholder::RecipientName => "the name of the person the e-mail is to",
            Placeholder::Role => "the staff member's role, with its article (a coordinator)",
            Placeholder::Program => "the program's name",
            Placeholder::SessionName => "the interview session's name",
            Placeholder::SessionDate => "the session's date (e.g. Monday, January 12, 2026)",
            Placeholder::SessionTime => "the session's time in the session's time zone",
            Placeholder::SessionTimeApplicant => {
                "the session's time in the applicant's time zone when known (else the session's)"
            }
            Placeholder::PreviousSession => "the session the interview was moved from",
            Placeholder::PortalLink => "the link to the portal's log-in page",
            Placeholder::SignUpLink => "the link to create an account",
            Placeholder::MyProgramsLink => "the link to the applicant's My Programs page",
            Placeholder::TimetrackLink => "the link to TimeTrack, where interviewers score",
            Placeholder::ResponseDeadline => "the date by which to answer",
            Placeholder::CoordinatorContact => "the coordinator's name and e-mail",
            Placeholder::ItineraryLink => "the link to the interview day's itinerary",
            Placeholder::ActionLink => {
                "the message's own secret link (confirm, reset, set a password), hidden on the Communications page"
            }
            Placeholder::LinkExpires => "how long the secret link works (e.g. 7 days)",
            Placeholder::Details => "the lines the portal writes for this message",
        }
    }

    pub fn parse(word: &str) -> Option<Placeholder> {
        Placeholder::ALL.iter().copied().find(|p| p.word() == word)
    }
}

/// A template refused: what is wrong and where (1-based line and column of the `{{`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    pub line: usize,
    pub column: usize,
    pub problem: Problem,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// `{{word}}` names no placeholder; the close one, if any.
    Unknown {
        word: String,
        did_you_mean: Option<Placeholder>,
    },
    /// `{{` with no `}}` after it on its line.
    Unclosed,
    /// A placeholder this kind of message has no value for.
    NotForThisKind(Placeholder),
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = format!("line {}, column {}", self.line, self.column);
        match &self.problem {
            Problem::Unknown { word, did_you_mean } => {
                write!(f, "Unknown placeholder {{{{{word}}}}} at {at}")?;
                match did_you_mean {
                    Some(p) => write!(f, ": did you mean {{{{{}}}}}?", p.word()),
                    None => write!(f, "."),
                }
            }
            Problem::Unclosed => write!(
                f,
                "A placeholder opened with {{{{ at {at} is not closed with }}}}."
            ),
            Problem::NotForThisKind(p) => write!(
                f,
                "{{{{{}}}}} at {at} has no value in this kind of message.",
                p.word()
            ),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Text(String),
    Slot {
        placeholder: Placeholder,
        line: usize,
        column: usize,
    },
}

/// A parsed template: text and the placeholders between it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    parts: Vec<Part>,
}

impl Template {
    /// Reads `source`; the first problem found is the answer.
    pub fn parse(source: &str) -> Result<Template, TemplateError> {
        let mut parts = Vec::new();
        let mut text = String::new();
        let mut rest = source;
        // Where `rest` starts, 1-based.
        let (mut line, mut column) = (1usize, 1usize);
        let advance = |s: &str, line: &mut usize, column: &mut usize| {
            for c in s.chars() {
                if c == '\n' {
                    *line += 1;
                    *column = 1;
                } else {
                    *column += 1;
                }
            }
        };
        while let Some(open) = rest.find("{{") {
            let before = &rest[..open];
            text.push_str(before);
            advance(before, &mut line, &mut column);
            let after = &rest[open + 2..];
            let end_of_line = after.find('\n').unwrap_or(after.len());
            let Some(close) = after[..end_of_line].find("}}") else {
                return Err(TemplateError {
                    line,
                    column,
                    problem: Problem::Unclosed,
                });
            };
            let word = after[..close].trim();
            let Some(placeholder) = Placeholder::parse(word) else {
                return Err(TemplateError {
                    line,
                    column,
                    problem: Problem::Unknown {
                        word: word.to_string(),
                        did_you_mean: closest(word),
                    },
                });
            };
            if !text.is_empty() {
                parts.push(Part::Text(std::mem::take(&mut text)));
            }
            parts.push(Part::Slot {
                placeholder,
                line,
                column,
            });
            let whole = &rest[open..open + 2 + close + 2];
            advance(whole, &mut line, &mut column);
            rest = &rest[open + 2 + close + 2..];
        }
        text.push_str(rest);
        if !text.is_empty() {
            parts.push(Part::Text(text));
        }
        Ok(Template { parts })
    }

    /// The placeholders named, in order of appearance, with their place.
    pub fn placeholders(&self) -> impl Iterator<Item = (Placeholder, usize, usize)> + '_ {
        self.parts.iter().filter_map(|p| match p {
            Part::Slot {
                placeholder,
                line,
                column,
            } => Some((*placeholder, *line, *column)),
            Part::Text(_) => None,
        })
    }

    /// Refuses the first placeholder not in `allowed`.
    pub fn check_allowed(&self, allowed: &[Placeholder]) -> Result<(), TemplateError> {
        match self.placeholders().find(|(p, ..)| !allowed.contains(p)) {
            Some((p, line, column)) => Err(TemplateError {
                line,
                column,
                problem: Problem::NotForThisKind(p),
            }),
            None => Ok(()),
        }
    }

    /// The text with each placeholder replaced by `value(placeholder)` (empty when it has none).
    pub fn render(&self, value: impl Fn(Placeholder) -> Option<String>) -> String {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Text(t) => out.push_str(t),
                Part::Slot { placeholder, .. } => {
                    out.push_str(&value(*placeholder).unwrap_or_default())
                }
            }
        }
        out
    }

    /// A one-line render, for a subject: line breaks in values become spaces.
    pub fn render_line(&self, value: impl Fn(Placeholder) -> Option<String>) -> String {
        let text = self.render(value);
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// The placeholder a misspelled word most likely meant: within two edits (or three for long
/// words), or the only one that contains it.
fn closest(word: &str) -> Option<Placeholder> {
    let lower = word.to_lowercase().replace([' ', '-'], "_");
    let best = Placeholder::ALL
        .iter()
        .map(|p| (distance(&lower, p.word()), *p))
        .min_by_key(|(d, _)| *d)?;
    let limit = if lower.len() > 10 { 3 } else { 2 };
    if best.0 <= limit {
        return Some(best.1);
    }
    let containing: Vec<_> = Placeholder::ALL
        .iter()
        .filter(|p| lower.len() >= 4 && (p.word().contains(&lower) || lower.contains(p.word())))
        .collect();
    match containing.as_slice() {
        [only] => Some(**only),
        _ => None,
    }
}

/// Levenshtein distance (words are short).
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// `s` with `& < > " '` escaped for HTML text and attributes (the itinerary sheet's own).
#[cfg(feature = "ssr")]
pub use crate::text::esc as escape;

/// The HTML part of a rendered plain text: a paragraph per block (blank lines between), line
/// breaks kept, `http(s)://` addresses as links; everything else escaped. Both parts say the
/// same words.
#[cfg(feature = "ssr")]
pub fn html_of(plain: &str) -> String {
    let mut body = String::new();
    let normalized = plain.replace("\r\n", "\n");
    for block in normalized.split("\n\n") {
        let block = block.trim_matches('\n');
        if block.trim().is_empty() {
            continue;
        }
        let lines: Vec<String> = block.lines().map(linked).collect();
        body.push_str("<p>");
        body.push_str(&lines.join("<br>\n"));
        body.push_str("</p>\n");
    }
    format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head>\n<body style=\"font-family: sans-serif; line-height: 1.5;\">\n{body}</body></html>\n"
    )
}

/// One line escaped, its web addresses made links.
#[cfg(feature = "ssr")]
fn linked(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(start) = find_url(rest) {
        out.push_str(&escape(&rest[..start]));
        let url_and_more = &rest[start..];
        let mut end = url_and_more
            .find(|c: char| c.is_whitespace() || c == '<' || c == '>' || c == '"')
            .unwrap_or(url_and_more.len());
        // A sentence's closing punctuation is not part of the address.
        while end > 0 && url_and_more[..end].ends_with(['.', ',', ';', ':', ')', '!', '?']) {
            end -= 1;
        }
        let url = &url_and_more[..end];
        out.push_str(&format!("<a href=\"{0}\">{0}</a>", escape(url)));
        rest = &url_and_more[end..];
    }
    out.push_str(&escape(rest));
    out
}

#[cfg(feature = "ssr")]
fn find_url(s: &str) -> Option<usize> {
    let a = s.find("https://");
    let b = s.find("http://");
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    fn value(p: Placeholder) -> Option<String> {
        Some(format!("<{}>", p.word()))
    }

    #[test]
    fn every_placeholder_is_read_and_filled() {
        for p in Placeholder::ALL {
            let t = Template::parse(&format!("a {{{{{}}}}} b", p.word())).unwrap();
            assert_eq!(t.render(value), format!("a <{}> b", p.word()), "{p:?}");
            assert_eq!(Placeholder::parse(p.word()), Some(*p));
            assert!(!p.meaning().is_empty());
            // Spaces inside the braces are allowed.
            let t = Template::parse(&format!("{{{{ {} }}}}", p.word())).unwrap();
            assert_eq!(t.render(value), format!("<{}>", p.word()));
        }
        let words: std::collections::HashSet<_> =
            Placeholder::ALL.iter().map(|p| p.word()).collect();
        assert_eq!(words.len(), Placeholder::ALL.len(), "distinct words");
    }

    #[test]
    fn text_without_placeholders_stays_as_written() {
        let src = "Dear all,\n\nNo braces here { or } or }} either.\n";
        assert_eq!(Template::parse(src).unwrap().render(value), src);
        assert_eq!(Template::parse("").unwrap().render(value), "");
    }

    #[test]
    fn a_missing_value_is_empty() {
        let t = Template::parse("[{{session_name}}]").unwrap();
        assert_eq!(t.render(|_| None), "[]");
    }

    #[test]
    fn an_unknown_placeholder_is_refused_with_its_place() {
        let e =
            Template::parse("Dear {{applicant_name}},\n\nSee you on {{sesion_date}}.").unwrap_err();
        assert_eq!((e.line, e.column), (3, 12));
        assert_eq!(
            e.problem,
            Problem::Unknown {
                word: "sesion_date".into(),
                did_you_mean: Some(Placeholder::SessionDate)
            }
        );
        assert_eq!(
            e.to_string(),
            "Unknown placeholder {{sesion_date}} at line 3, column 12: did you mean {{session_date}}?"
        );
    }

    #[test]
    fn a_far_word_gets_no_suggestion() {
        let e = Template::parse("{{favourite_colour}}").unwrap_err();
        assert_eq!((e.line, e.column), (1, 1));
        assert_eq!(
            e.problem,
            Problem::Unknown {
                word: "favourite_colour".into(),
                did_you_mean: None
            }
        );
        assert!(e.to_string().ends_with("column 1."), "{e}");
    }

    #[test]
    fn close_spellings_are_suggested() {
        for (typed, meant) in [
            ("Applicant_Name", Placeholder::ApplicantName),
            ("applicantname", Placeholder::ApplicantName),
            ("programme", Placeholder::Program),
            ("portal link", Placeholder::PortalLink),
            ("itinerary", Placeholder::ItineraryLink),
            ("deadline", Placeholder::ResponseDeadline),
        ] {
            let e = Template::parse(&format!("{{{{{typed}}}}}")).unwrap_err();
            assert_eq!(
                e.problem,
                Problem::Unknown {
                    word: typed.into(),
                    did_you_mean: Some(meant)
                },
                "{typed}"
            );
        }
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let e = Template::parse("Chère Zoë, {{nope}}").unwrap_err();
        assert_eq!((e.line, e.column), (1, 12));
    }

    #[test]
    fn open_braces_are_refused() {
        let e = Template::parse("Hello {{applicant_name\n}}").unwrap_err();
        assert_eq!((e.line, e.column, e.problem), (1, 7, Problem::Unclosed));
        let e = Template::parse("x\n  {{").unwrap_err();
        assert_eq!((e.line, e.column), (2, 3));
        assert!(e.to_string().contains("not closed"), "{e}");
    }

    #[test]
    fn a_placeholder_not_for_the_kind_is_refused() {
        let t = Template::parse("Hi {{recipient_name}}\n{{action_link}}").unwrap();
        assert!(t
            .check_allowed(&[Placeholder::RecipientName, Placeholder::ActionLink])
            .is_ok());
        let e = t.check_allowed(&[Placeholder::RecipientName]).unwrap_err();
        assert_eq!((e.line, e.column), (2, 1));
        assert_eq!(e.problem, Problem::NotForThisKind(Placeholder::ActionLink));
        assert_eq!(
            e.to_string(),
            "{{action_link}} at line 2, column 1 has no value in this kind of message."
        );
    }

    #[test]
    fn a_subject_is_one_line() {
        let t = Template::parse("Interview: {{program}}").unwrap();
        assert_eq!(
            t.render_line(|_| Some("Cardio\r\nBcc: x@y.org".into())),
            "Interview: Cardio Bcc: x@y.org"
        );
    }

    #[test]
    fn values_are_escaped_in_the_html_part() {
        let t = Template::parse("Dear {{applicant_name}},\n\nWelcome.").unwrap();
        let plain = t.render(|_| Some("<script>alert('x')</script> & \"co\"".into()));
        assert!(plain.contains("<script>"), "plain text is as given");
        let html = html_of(&plain);
        assert!(!html.contains("<script>"), "{html}");
        assert!(
            html.contains(
                "Dear &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;co&quot;,"
            ),
            "{html}"
        );
    }

    #[test]
    fn the_html_part_says_what_the_plain_part_says() {
        let plain =
            "Dear Ana,\n\nLog in at https://portal.example.org/login.\nThen choose.\n\n\nBye";
        let html = html_of(plain);
        assert!(html.contains("<p>Dear Ana,</p>"), "{html}");
        assert!(
            html.contains(
                "<p>Log in at <a href=\"https://portal.example.org/login\">https://portal.example.org/login</a>.<br>\nThen choose.</p>"
            ),
            "{html}"
        );
        assert!(html.contains("<p>Bye</p>"), "{html}");
        assert_eq!(html.matches("<p>").count(), 3);
    }

    #[test]
    fn a_link_with_markup_in_it_is_escaped() {
        let html = html_of("go http://x.org/?a=1&b=\"2\"><img src=x>");
        assert!(html.contains("<a href=\"http://x.org/?a=1&amp;b=\">http://x.org/?a=1&amp;b=</a>&quot;2&quot;&gt;&lt;img src=x&gt;"), "{html}");
    }
}
