//! A file's bytes read into a table of text cells, with no I/O: the encoding (UTF-8 with or
//! without a BOM, UTF-16 as Excel's "Unicode text" writes it, or Windows-1252 when the bytes are
//! not UTF-8), the separator sniffed from the header line (`,`, `;` or tab; Excel's `sep=;` hint
//! line obeyed), then the `csv` crate reads quoted commas, quotes and newlines, CRLF or LF.

use std::fmt;

/// How the file's bytes were turned into text (said in the preview when converted).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
    /// Not valid UTF-8: read as Windows-1252 (a superset of Latin-1 for every printable
    /// byte), which is what Excel's plain "CSV" is on Windows.
    Windows1252,
}

impl Encoding {
    pub fn as_str(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16 => "utf-16",
            Encoding::Windows1252 => "windows-1252",
        }
    }

    pub fn parse(s: &str) -> Self {
        match s {
            "utf-16" => Encoding::Utf16,
            "windows-1252" => Encoding::Windows1252,
            _ => Encoding::Utf8,
        }
    }

    /// What the preview says about it (nothing for UTF-8).
    pub fn note(self) -> Option<&'static str> {
        match self {
            Encoding::Utf8 => None,
            Encoding::Utf16 => Some("The file was UTF-16 (Excel's Unicode text): converted."),
            Encoding::Windows1252 => Some(
                "The file was not UTF-8: it was read as Latin-1 (Windows-1252, Excel's plain CSV) and converted. Check the accented names below.",
            ),
        }
    }
}

/// Why a file cannot be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    Empty,
    /// Control characters or NUL bytes: a spreadsheet (.xlsx), a PDF, an image …
    NotText,
    /// No header line with at least one column name.
    NoHeader,
    /// The `csv` crate could not read a record (the line where it stopped).
    Broken {
        line: u64,
    },
}

impl fmt::Display for Unreadable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unreadable::Empty => write!(f, "The file is empty: choose the CSV file of your applicants."),
            Unreadable::NotText => write!(
                f,
                "This is not a text file (it holds bytes no CSV has: is it an .xlsx workbook?). In Excel, use File › Save As › CSV UTF-8."
            ),
            Unreadable::NoHeader => write!(
                f,
                "The file has no header line: its first line must name the columns (Email, First Name, Last Name …)."
            ),
            Unreadable::Broken { line } => write!(f, "The file could not be read as CSV at line {line}."),
        }
    }
}

/// The file as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: Encoding,
}

/// The bytes as text: a BOM says the encoding; otherwise UTF-8 when valid, else Windows-1252.
/// Text with control characters other than tab, CR and LF is not a CSV (binary, or a byte
/// Windows-1252 does not define).
pub fn decode(bytes: &[u8]) -> Result<Decoded, Unreadable> {
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        (
            String::from_utf8(rest.to_vec()).map_err(|_| Unreadable::NotText)?,
            Encoding::Utf8,
        )
    } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (text, _, bad) = encoding_rs::UTF_16LE.decode(bytes);
        if bad {
            return Err(Unreadable::NotText);
        }
        (text.into_owned(), Encoding::Utf16)
    } else {
        match std::str::from_utf8(bytes) {
            Ok(text) => (text.to_string(), Encoding::Utf8),
            Err(_) => {
                let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
                (text.into_owned(), Encoding::Windows1252)
            }
        }
    };
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\r' | '\n'))
    {
        return Err(Unreadable::NotText);
    }
    if text.trim().is_empty() {
        return Err(Unreadable::Empty);
    }
    Ok(Decoded { text, encoding })
}

/// A table read from a file: the header's names and the rows, each with the line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub separator: u8,
    pub header: Vec<String>,
    pub rows: Vec<(u64, Vec<String>)>,
}

/// The separator of the header line: the most frequent of `,` `;` tab outside quotes (a comma
/// when there is none: a one-column file).
pub fn sniff(header_line: &str) -> u8 {
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for b in header_line.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            _ if !quoted => {
                if let Some(c) = counts.iter_mut().find(|(s, _)| *s == b) {
                    c.1 += 1;
                }
            }
            _ => {}
        }
    }
    counts
        .iter()
        .fold((b',', 0), |best, &c| if c.1 > best.1 { c } else { best })
        .0
}

/// The text as a table: Excel's `sep=X` first line names the separator, else it is sniffed;
/// blank lines are skipped; rows may be shorter or longer than the header.
pub fn read_table(text: &str) -> Result<Table, Unreadable> {
    let (text, hinted, skipped) = match text.split_once('\n') {
        Some((first, rest)) if first.trim_end().len() == 5 && first.starts_with("sep=") => {
            (rest, Some(first.as_bytes()[4]), 1)
        }
        _ => (text, None, 0),
    };
    let separator = hinted.unwrap_or_else(|| sniff(text));
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = loop {
        match records.next() {
            None => return Err(Unreadable::NoHeader),
            Some(Err(e)) => return Err(broken(&e, &mut Lines::new(text, skipped))),
            Some(Ok(r)) if r.iter().all(|c| c.trim().is_empty()) => continue,
            Some(Ok(r)) => break r.iter().map(|c| c.trim().to_string()).collect::<Vec<_>>(),
        }
    };
    let mut rows = Vec::new();
    let mut lines = Lines::new(text, skipped);
    for record in records {
        let record = record.map_err(|e| broken(&e, &mut lines))?;
        if record.iter().all(str::is_empty) && record.len() <= 1 {
            continue;
        }
        let line = lines.at(record.position().map_or(0, |p| p.byte()));
        rows.push((line, record.iter().map(str::to_string).collect()));
    }
    Ok(Table {
        separator,
        header,
        rows,
    })
}

fn broken(e: &csv::Error, lines: &mut Lines) -> Unreadable {
    Unreadable::Broken {
        line: lines.at(e.position().map_or(0, |p| p.byte())),
    }
}

/// The line (from 1, in the file as uploaded) where a record starts, counted forward as records
/// are read. The csv crate gives a record the position where the one before it ended (before
/// its line end and any blank lines, which its own line count leaves out): the record starts
/// after them.
struct Lines<'a> {
    text: &'a [u8],
    byte: usize,
    line: u64,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str, skipped: u64) -> Self {
        Self {
            text: text.as_bytes(),
            byte: 0,
            line: 1 + skipped,
        }
    }

    fn at(&mut self, byte: u64) -> u64 {
        let mut to = (byte as usize).min(self.text.len());
        while self
            .text
            .get(to)
            .is_some_and(|b| matches!(b, b'\r' | b'\n'))
        {
            to += 1;
        }
        if to > self.byte {
            self.line += self.text[self.byte..to]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u64;
            self.byte = to;
        }
        self.line
    }
}

/// A header name as it is compared: lowercase letters and digits only.
pub fn key(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = decode("Email,Name\r\nané@x.org,Ané\r\n".as_bytes()).unwrap();
        assert_eq!(plain.encoding, Encoding::Utf8);
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice("Email,Name\r\nané@x.org,Ané\r\n".as_bytes());
        assert_eq!(decode(&bom).unwrap(), plain);
    }

    #[test]
    fn latin1_is_detected_and_converted() {
        let d = decode(b"Email;Last Name\r\njose@x.org;Mu\xf1oz \x96 Pe\xf1a\r\n").unwrap();
        assert_eq!(d.encoding, Encoding::Windows1252);
        assert!(d.text.contains("Muñoz – Peña"), "{}", d.text);
        assert!(d.encoding.note().unwrap().contains("Latin-1"));
    }

    #[test]
    fn utf16_from_excel_is_converted() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Email\tName\r\nzoë@x.org\tZoë\r\n".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, Encoding::Utf16);
        let t = read_table(&d.text).unwrap();
        assert_eq!(t.separator, b'\t');
        assert_eq!(t.rows[0].1, vec!["zoë@x.org", "Zoë"]);
    }

    #[test]
    fn empty_and_binary_files_are_refused() {
        assert_eq!(decode(b""), Err(Unreadable::Empty));
        assert_eq!(decode(b"\xEF\xBB\xBF \r\n\r\n"), Err(Unreadable::Empty));
        assert_eq!(
            decode(b"PK\x03\x04\x14\x00\x06\x00"),
            Err(Unreadable::NotText)
        );
        assert_eq!(decode(b"%PDF-1.7\n\x00\x01\x02"), Err(Unreadable::NotText));
        // 0x81 is not a Windows-1252 character: not text either.
        assert_eq!(decode(b"Email\n\x81\x8d\x90"), Err(Unreadable::NotText));
    }

    #[test]
    fn the_separator_is_sniffed_from_the_header_line() {
        assert_eq!(sniff("Email,First Name,Last Name\n1;2;3;4;5"), b',');
        assert_eq!(sniff("Email;First Name;Last Name"), b';');
        assert_eq!(sniff("Email\tFirst Name\tLast Name"), b'\t');
        assert_eq!(sniff("\"Name, full\";Email"), b';');
        assert_eq!(sniff("Email"), b',');
    }

    #[test]
    fn quoted_separators_and_newlines_and_excel_hint() {
        let t = read_table(
            "sep=;\r\nEmail;Note\r\na@x.org;\"one; two\r\nthree \"\"q\"\"\"\r\n\r\nb@x.org;\r\n",
        )
        .unwrap();
        assert_eq!(t.separator, b';');
        assert_eq!(t.header, vec!["Email", "Note"]);
        assert_eq!(
            t.rows[0],
            (3, vec!["a@x.org".into(), "one; two\r\nthree \"q\"".into()])
        );
        assert_eq!(t.rows[1], (6, vec!["b@x.org".into(), String::new()]));
    }

    #[test]
    fn a_file_with_no_header_is_refused() {
        assert_eq!(read_table("\n,,\n"), Err(Unreadable::NoHeader));
    }

    #[test]
    fn an_unclosed_quote_reads_to_the_end() {
        // The csv crate takes an unclosed quote to the end of the file: one long cell.
        let t = read_table("Email,Note\na@x.org,\"never closed\nb@x.org,x\n").unwrap();
        assert_eq!(t.rows.len(), 1);
    }
}
