//! The rules of application files, as plain functions: what counts as a PDF, the name a file is
//! known by (a ZIP's folders dropped), the name it is downloaded as, and which applicant a name
//! in a ZIP points to (`<application id>.pdf` or `<e-mail>.pdf`).

/// Is this a PDF? By its first bytes (`%PDF-`), never by its name or the type the browser
/// claims: a page renamed `.pdf` is refused.
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes.starts_with(b"%PDF-")
}

/// The file's own name, folders dropped (`2027/batch 1/ana@example.org.pdf` →
/// `ana@example.org.pdf`; either slash, so `..\..\x.pdf` is `x.pdf`).
pub fn base_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path).trim()
}

/// Entries of a ZIP that are not anyone's application: folders, macOS' resource forks
/// (`__MACOSX/`, `._name`) and other hidden files.
pub fn is_ignored(path: &str) -> bool {
    let base = base_name(path);
    path.ends_with('/')
        || base.is_empty()
        || base.starts_with('.')
        || path.split(['/', '\\']).any(|part| part == "__MACOSX")
}

/// The name a file is stored and downloaded under: its base name, with only letters, digits
/// and `.-_@ ` kept (anything else, quotes and control characters included, becomes `_`), at
/// most 120 characters, ending in `.pdf`. Safe inside `Content-Disposition: attachment;
/// filename="…"`.
pub fn stored_name(path: &str) -> String {
    let base = base_name(path);
    let name: String = base
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '@' | ' ') {
                c
            } else {
                '_'
            }
        })
        .take(120)
        .collect();
    let mut name = name.trim_matches(['.', ' ']).to_string();
    if name.is_empty() {
        name = "application".into();
    }
    if !name.to_ascii_lowercase().ends_with(".pdf") {
        name.push_str(".pdf");
    }
    name
}

/// What a ZIP entry's name says about whose it is: an e-mail (it holds `@`) or an application
/// id, from the base name without `.pdf`; `None` for a name without either.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameKey {
    Email(String),
    ApplicationId(String),
}

pub fn name_key(path: &str) -> Option<NameKey> {
    let base = base_name(path);
    let stem = match base.len().checked_sub(4) {
        Some(at) if base.is_char_boundary(at) && base[at..].eq_ignore_ascii_case(".pdf") => {
            &base[..at]
        }
        _ => base,
    }
    .trim();
    if stem.is_empty() {
        None
    } else if stem.contains('@') {
        Some(NameKey::Email(stem.to_lowercase()))
    } else {
        Some(NameKey::ApplicationId(stem.to_string()))
    }
}

/// Megabytes as people read them on a limit ("10 MB").
pub fn megabytes(bytes: u64) -> String {
    let mb = bytes as f64 / (1024.0 * 1024.0);
    if mb >= 10.0 || mb.fract() == 0.0 {
        format!("{mb:.0} MB")
    } else {
        format!("{mb:.1} MB")
    }
}

/// A file's size as shown in a list ("812 KB", "2.4 MB").
pub fn size_text(bytes: i64) -> String {
    if bytes < 1024 * 1024 {
        format!("{} KB", (bytes + 1023) / 1024)
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pdf_is_known_by_its_first_bytes_not_its_name() {
        assert!(is_pdf(b"%PDF-1.7\n..."));
        assert!(!is_pdf(b"<html>%PDF-"));
        assert!(!is_pdf(b"%PD"));
        assert!(!is_pdf(b""));
    }

    #[test]
    fn folders_are_dropped_from_names() {
        assert_eq!(
            base_name("2027/batch 1/ana@example.org.pdf"),
            "ana@example.org.pdf"
        );
        assert_eq!(base_name("..\\..\\evil.pdf"), "evil.pdf");
        assert_eq!(base_name("/etc/passwd"), "passwd");
        assert_eq!(base_name("plain.pdf"), "plain.pdf");
    }

    #[test]
    fn folders_and_resource_forks_are_ignored() {
        assert!(is_ignored("batch/"));
        assert!(is_ignored("__MACOSX/batch/._ana.pdf"));
        assert!(is_ignored("batch/.DS_Store"));
        assert!(!is_ignored("batch/ana.pdf"));
    }

    #[test]
    fn a_stored_name_is_safe_in_a_header() {
        assert_eq!(stored_name("a/b/Ana Lee.pdf"), "Ana Lee.pdf");
        assert_eq!(
            stored_name("x\"; filename=evil.html"),
            "x__ filename_evil.html.pdf"
        );
        assert_eq!(stored_name("r\u{e9}sum\u{e9}\r\n.PDF"), "r_sum___.PDF");
        assert_eq!(stored_name("..."), "application.pdf");
        assert!(stored_name(&"a".repeat(500)).len() <= 124);
    }

    #[test]
    fn a_name_points_to_an_email_or_an_application_id() {
        assert_eq!(
            name_key("batch/Ana@Example.org.PDF"),
            Some(NameKey::Email("ana@example.org".into()))
        );
        assert_eq!(
            name_key("2027123456.pdf"),
            Some(NameKey::ApplicationId("2027123456".into()))
        );
        assert_eq!(name_key(".pdf"), None);
        assert_eq!(
            name_key("notes.txt"),
            Some(NameKey::ApplicationId("notes.txt".into()))
        );
    }

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(megabytes(10 * 1024 * 1024), "10 MB");
        assert_eq!(megabytes(1536 * 1024), "1.5 MB");
        assert_eq!(size_text(1000), "1 KB");
        assert_eq!(size_text(3 * 1024 * 1024), "3.0 MB");
    }
}
