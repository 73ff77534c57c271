//! The template language of the portal's e-mails: plain text with placeholders written
//! `{{name}}` (spaces inside the braces allowed). A template is parsed once ([`Template::parse`]):
//! an unknown or misspelled placeholder, or braces left open, is refused with its line and
//! column (and the placeholder meant, when one is close). Rendering fills each placeholder with
//! its value; the HTML part is written from the rendered plain text ([`html_of`]), so both parts
//! say the same, with every value escaped.

#[cfg(feature = "ssr")]
pub use super::html::{escape, html_of};
pub use super::placeholder::Placeholder;
use std::fmt;

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
