//! The HTML part of a message, written from its rendered plain text so both parts say the
//! same words, every value escaped.

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
