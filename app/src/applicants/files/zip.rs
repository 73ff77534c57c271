//! Reading a ZIP of application PDFs with the `zip` crate (central directory, data descriptors
//! and ZIP64 handled by a maintained reader rather than by hand), defended against a ZIP bomb:
//! the entries are counted as they are read and every byte inflated is counted against a budget,
//! whatever sizes the archive claims; past either limit the whole ZIP is refused. The archive
//! itself is bounded by the request's body limit, so its directory is too.

use super::domain::{base_name, is_ignored, is_pdf};
use crate::error::{AppError, AppResult};
use std::io::{Cursor, Read};

/// How much a ZIP may hold.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// One PDF's largest size.
    pub file_bytes: u64,
    /// All entries inflated together.
    pub total_bytes: u64,
    /// Entries read (folders and hidden files included).
    pub entries: usize,
}

/// The most entries a ZIP may have: a season's applicants, with room for folders.
pub const MAX_ENTRIES: usize = 6000;

/// One entry, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// A PDF within the size limit: its base name and content.
    Pdf(String, Vec<u8>),
    /// Not a PDF by its first bytes, or unreadable (encrypted, an unknown compression).
    NotPdf(String),
    /// Over the size limit (read no further than the limit).
    TooBig(String),
}

/// The entries of `zip`, in the archive's order, folders and hidden files left out.
pub fn read(zip: &[u8], limits: Limits) -> AppResult<Vec<Entry>> {
    let not_zip = || {
        AppError::invalid(
            "zip",
            "This file is not a ZIP archive: choose a .zip of PDFs.",
        )
    };
    let mut archive = zip::ZipArchive::new(Cursor::new(zip)).map_err(|_| not_zip())?;
    let mut budget = limits.total_bytes;
    let mut out = Vec::new();
    for (read, i) in (0..archive.len()).enumerate() {
        if read >= limits.entries {
            return Err(AppError::TooLarge(format!(
                "This ZIP holds more than {} files: split it into smaller ZIPs.",
                limits.entries
            )));
        }
        let listed = archive.name_for_index(i).unwrap_or("(unnamed)").to_string();
        let Ok(mut entry) = archive.by_index(i) else {
            if !is_ignored(&listed) {
                out.push(Entry::NotPdf(base_name(&listed).to_string()));
            }
            continue;
        };
        let path = entry.name().to_string();
        if entry.is_dir() || is_ignored(&path) {
            continue;
        }
        let name = base_name(&path).to_string();
        // One byte past what may be read tells "too big" from "just fits".
        let cap = limits.file_bytes.min(budget) + 1;
        let mut content = Vec::new();
        if (&mut entry).take(cap).read_to_end(&mut content).is_err() {
            out.push(Entry::NotPdf(name));
            continue;
        }
        let got = content.len() as u64;
        if got > budget {
            return Err(AppError::TooLarge(format!(
                "This ZIP inflates to more than {}: split it into smaller ZIPs.",
                super::domain::megabytes(limits.total_bytes)
            )));
        }
        budget -= got;
        out.push(if got > limits.file_bytes {
            Entry::TooBig(name)
        } else if is_pdf(&content) {
            Entry::Pdf(name, content)
        } else {
            Entry::NotPdf(name)
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use zip::write::SimpleFileOptions;

    fn zip_of(files: &[(&str, &[u8])], method: zip::CompressionMethod) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, body) in files {
            w.start_file(
                *name,
                SimpleFileOptions::default().compression_method(method),
            )
            .unwrap();
            w.write_all(body).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    const LIMITS: Limits = Limits {
        file_bytes: 1000,
        total_bytes: 5000,
        entries: 10,
    };

    #[test]
    fn entries_are_read_by_their_bytes_and_base_names() {
        let zip = zip_of(
            &[
                ("batch/ana@example.org.pdf", b"%PDF-1.4 ana"),
                ("__MACOSX/batch/._ana@example.org.pdf", b"junk"),
                ("batch/notes.pdf", b"<html>not a pdf"),
                ("big.pdf", &[b'%'; 1500]),
            ],
            zip::CompressionMethod::Stored,
        );
        assert_eq!(
            read(&zip, LIMITS).unwrap(),
            vec![
                Entry::Pdf("ana@example.org.pdf".into(), b"%PDF-1.4 ana".to_vec()),
                Entry::NotPdf("notes.pdf".into()),
                Entry::TooBig("big.pdf".into()),
            ]
        );
    }

    #[test]
    fn a_zip_bomb_is_refused_by_the_bytes_inflated() {
        // Six entries of 999 zeros each deflate to a few bytes; together they pass the budget.
        let zeros = [0u8; 999];
        let files: Vec<(String, &[u8])> =
            (0..6).map(|i| (format!("{i}.pdf"), &zeros[..])).collect();
        let files: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (n.as_str(), *b)).collect();
        let zip = zip_of(&files, zip::CompressionMethod::Deflated);
        assert!(zip.len() < 1500, "the bomb is small: {}", zip.len());
        assert!(matches!(read(&zip, LIMITS), Err(AppError::TooLarge(_))));
    }

    #[test]
    fn too_many_entries_are_refused() {
        let files: Vec<String> = (0..11).map(|i| format!("{i}.pdf")).collect();
        let files: Vec<(&str, &[u8])> = files.iter().map(|n| (n.as_str(), &b"%PDF-"[..])).collect();
        let zip = zip_of(&files, zip::CompressionMethod::Stored);
        assert!(matches!(read(&zip, LIMITS), Err(AppError::TooLarge(_))));
    }

    #[test]
    fn not_a_zip_is_refused() {
        assert!(matches!(
            read(b"%PDF-1.4 not a zip", LIMITS),
            Err(AppError::Invalid { .. })
        ));
    }
}
