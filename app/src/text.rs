//! Rules for the free text people type (names of people, programs and sessions), a cell
//! of an exported file made safe to open, and text made safe inside HTML.

use crate::error::AppError;

/// A one-line text as it is stored: runs of white space (new lines included) become one space,
/// the ends are trimmed. Refused, with the field named: empty (`empty` says what to enter),
/// longer than `max` characters, or holding control characters (a NUL, a bell …) or the
/// invisible characters that reverse or isolate text direction (they can disguise a name).
pub fn single_line(input: &str, field: &str, max: usize, empty: &str) -> Result<String, AppError> {
    let text = input.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        return Err(AppError::invalid(field, empty));
    }
    if text.chars().count() > max {
        return Err(AppError::invalid(
            field,
            format!("Use at most {max} characters."),
        ));
    }
    if text.chars().any(hidden) {
        return Err(AppError::invalid(
            field,
            "Use letters, numbers, spaces and punctuation only: this has an invisible control character.",
        ));
    }
    Ok(text)
}

/// A text of several lines as it is stored (a comment, a description): trimmed, line ends as
/// `\n`; refused, with the field named, when longer than `max` characters or holding a control
/// character other than a line end or a tab, or a direction override. Empty is allowed.
pub fn multi_line(input: &str, field: &str, max: usize) -> Result<String, AppError> {
    let text = input.replace("\r\n", "\n").trim().to_string();
    if text.chars().count() > max {
        return Err(AppError::invalid(
            field,
            format!("Use at most {max} characters."),
        ));
    }
    if let Some(why) = refusal_of_lines(&text) {
        return Err(AppError::invalid(field, why));
    }
    Ok(text)
}

/// Why a text of several lines cannot be stored (`None`: it can).
pub fn refusal_of_lines(text: &str) -> Option<&'static str> {
    text.chars()
        .any(|c| c != '\n' && c != '\t' && hidden(c))
        .then_some("Use letters, numbers, spaces and punctuation only: this has an invisible control character.")
}

/// Control characters, and the bidirectional overrides and isolates.
/// A CSV file of `records` (the first the header), each cell made safe by [`csv_cell`].
#[cfg(feature = "ssr")]
pub fn csv_text(records: &[Vec<String>]) -> Result<String, AppError> {
    let mut out = csv::Writer::from_writer(Vec::new());
    for record in records {
        let safe: Vec<String> = record.iter().map(|c| csv_cell(c)).collect();
        out.write_record(&safe).map_err(|_| AppError::Internal)?;
    }
    let bytes = out.into_inner().map_err(|_| AppError::Internal)?;
    String::from_utf8(bytes).map_err(|_| AppError::Internal)
}

/// A cell of an exported file (the rank list, the applicant list, the audit log) as a
/// spreadsheet may open it safely: text that starts like a formula (`=`, `+`, `-`, `@`, a tab or
/// a carriage return) gets a leading apostrophe, so it is shown, never run.
pub fn csv_cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

fn hidden(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{feff}')
}

/// `text` safe inside HTML text and attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exported_cells_that_look_like_formulas_are_escaped() {
        for risky in ["=SUM(A1:A9)", "+1", "-2", "@cmd", "\tx", "\rx"] {
            assert_eq!(csv_cell(risky), format!("'{risky}"));
        }
        assert_eq!(csv_cell("Ana Ruiz"), "Ana Ruiz");
        assert_eq!(csv_cell("4.33"), "4.33");
        assert_eq!(csv_cell(""), "");
    }

    #[test]
    fn one_line_texts_are_cleaned_or_refused_with_the_field_named() {
        let ok = |s| single_line(s, "name", 10, "Enter a name.");
        assert_eq!(ok("  Ana \n  Ruiz ").unwrap(), "Ana Ruiz");
        assert_eq!(ok("Zoë Ørsted").unwrap(), "Zoë Ørsted");
        for bad in [
            "",
            "  ",
            "A\u{0}B",
            "A\u{7}",
            "\u{202e}nA",
            "A\u{feff}",
            "elevenchars",
        ] {
            assert!(
                ok(bad).unwrap_err().field_message("name").is_some(),
                "{bad:?}"
            );
        }
    }
}
