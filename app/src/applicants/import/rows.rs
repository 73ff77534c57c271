//! A table's rows as applicants: each checked (an e-mail that is one, a name), the same e-mail
//! twice in the file found, and what an import would do against the program's applicants (add,
//! or update by e-mail). Plain functions; the workflow (`super::ssr`) reads and writes.

use super::columns::{match_columns, Columns, NameColumns};
use crate::applicants::domain::{Facts, Status, Transition};
use crate::auth::domain::{normalize_email, validate_person_name};
use crate::upload::table::{decode, read_table, Encoding};
use std::collections::{HashMap, HashSet};

/// One valid row of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRow {
    pub line: u64,
    /// Lowercased, as the portal keeps e-mails.
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    /// The name shown everywhere: "First Last", or the file's full name.
    pub name: String,
    pub application_id: Option<String>,
    pub nrmp_id: Option<String>,
    pub track: Option<String>,
    pub phone: Option<String>,
    /// The file's other columns with a value: (column, value).
    pub summary: Vec<(String, String)>,
}

impl ImportRow {
    /// The summary as stored: JSON `[[column, value], …]`, none when empty.
    pub fn summary_json(&self) -> Option<String> {
        (!self.summary.is_empty()).then(|| serde_json::to_string(&self.summary).unwrap_or_default())
    }
}

/// A row that cannot be imported, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    pub line: u64,
    pub reason: String,
}

/// A row whose e-mail an earlier row of the file has: left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    pub line: u64,
    pub email: String,
    pub first_line: u64,
}

/// The file read and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub encoding: Encoding,
    pub separator: u8,
    pub columns: Vec<String>,
    pub valid: Vec<ImportRow>,
    pub duplicates: Vec<Duplicate>,
    pub invalid: Vec<Invalid>,
}

/// The bytes of a file, read and checked; refused with the reason a person can act on.
pub fn check_file(bytes: &[u8]) -> Result<Checked, String> {
    let decoded = decode(bytes).map_err(|e| e.to_string())?;
    check_text(&decoded.text, decoded.encoding)
}

/// Text already decoded (as stored between the preview and the import).
pub fn check_text(text: &str, encoding: Encoding) -> Result<Checked, String> {
    let table = read_table(text).map_err(|e| e.to_string())?;
    let columns = match_columns(&table.header).map_err(|e| e.to_string())?;
    let mut checked = Checked {
        encoding,
        separator: table.separator,
        columns: table.header.clone(),
        valid: Vec::new(),
        duplicates: Vec::new(),
        invalid: Vec::new(),
    };
    let mut first_seen: HashMap<String, u64> = HashMap::new();
    for (line, cells) in &table.rows {
        match row(&columns, &table.header, *line, cells) {
            Ok(r) => match first_seen.get(&r.email) {
                Some(&first_line) => checked.duplicates.push(Duplicate {
                    line: r.line,
                    email: r.email,
                    first_line,
                }),
                None => {
                    first_seen.insert(r.email.clone(), r.line);
                    checked.valid.push(r);
                }
            },
            Err(reason) => checked.invalid.push(Invalid {
                line: *line,
                reason,
            }),
        }
    }
    Ok(checked)
}

/// One row checked.
fn row(c: &Columns, header: &[String], line: u64, cells: &[String]) -> Result<ImportRow, String> {
    let cell = |i: usize| cells.get(i).map(|s| s.trim()).unwrap_or("");
    let optional = |i: Option<usize>| {
        i.map(cell)
            .filter(|s| !s.is_empty())
            .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
    };
    let raw_email = cell(c.email);
    let email = match normalize_email(raw_email) {
        Ok(e) => e,
        Err(_) if raw_email.is_empty() => return Err("no e-mail".into()),
        Err(_) => return Err(format!("“{raw_email}” is not an e-mail address")),
    };
    let named = |s: &str, what: &str| {
        validate_person_name(s).map_err(|e| {
            if s.trim().is_empty() {
                format!("no {what}")
            } else {
                format!("{what}: {e}")
            }
        })
    };
    let (first_name, last_name, name) = match c.name {
        NameColumns::Split { first, last } => {
            let first = named(cell(first), "first name")?;
            let last = named(cell(last), "last name")?;
            let name = named(&format!("{first} {last}"), "name")?;
            (first, last, name)
        }
        NameColumns::Full(i) => {
            let name = named(cell(i), "name")?;
            let (first, last) = name.rsplit_once(' ').unwrap_or(("", &name));
            (first.to_string(), last.to_string(), name.clone())
        }
    };
    let summary = c
        .summary
        .iter()
        .filter_map(|(i, column)| {
            let v = cell(*i);
            (!v.is_empty()).then(|| (column.clone(), v.to_string()))
        })
        .collect();
    // A row longer than the header has cells under no column: kept, named by position.
    let extra = cells
        .iter()
        .enumerate()
        .skip(header.len())
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(i, v)| (format!("Column {}", i + 1), v.trim().to_string()));
    Ok(ImportRow {
        line,
        email,
        first_name,
        last_name,
        name,
        application_id: optional(c.application_id),
        nrmp_id: optional(c.nrmp_id),
        track: optional(c.track),
        phone: optional(c.phone),
        summary: summary_with(summary, extra),
    })
}

fn summary_with(
    mut summary: Vec<(String, String)>,
    extra: impl Iterator<Item = (String, String)>,
) -> Vec<(String, String)> {
    summary.extend(extra);
    summary
}

/// What an import does: the valid rows split into those to add and those that update an
/// applicant the program has (by e-mail).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan<'a> {
    pub add: Vec<&'a ImportRow>,
    pub update: Vec<&'a ImportRow>,
}

pub fn plan<'a>(checked: &'a Checked, existing: &HashSet<String>) -> Plan<'a> {
    let (update, add) = checked
        .valid
        .iter()
        .partition(|r| existing.contains(&r.email));
    Plan { add, update }
}

/// The status an applicant the import updates takes with the invited option: the state
/// machine's Mark invited (an Interview Candidate becomes Invited & Ready for Scheduling); where
/// it refuses (anyone further along) they keep theirs: an import never undoes a booking or a
/// withdrawal.
pub fn invited_status(s: Status) -> Status {
    s.change(Transition::MarkInvited, Facts { booked: false })
        .unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str =
        "Email Address,First Name,Last Name,AAMC ID,NRMP ID,Track,Phone Number,Medical School\r\n\
ana@x.org,Ana,Lima,1234,N1,Categorical,555-0100,UCSF\r\n\
BEN@X.ORG, Ben , Okafor ,,,,,\r\n\
not-an-email,Cy,Doe,,,,,\r\n\
,Dee,Roe,,,,,\r\n\
dee@x.org,,Roe,,,,,\r\n\
Ana@x.org,Ana,Again,,,,,\r\n";

    #[test]
    fn rows_are_checked_with_their_line_and_reason() {
        let c = check_text(FILE, Encoding::Utf8).unwrap();
        assert_eq!(c.valid.len(), 2);
        let ana = &c.valid[0];
        assert_eq!(
            (ana.line, ana.email.as_str(), ana.name.as_str()),
            (2, "ana@x.org", "Ana Lima")
        );
        assert_eq!(ana.application_id.as_deref(), Some("1234"));
        assert_eq!(ana.nrmp_id.as_deref(), Some("N1"));
        assert_eq!(ana.track.as_deref(), Some("Categorical"));
        assert_eq!(ana.phone.as_deref(), Some("555-0100"));
        assert_eq!(
            ana.summary_json().as_deref(),
            Some(r#"[["Medical School","UCSF"]]"#)
        );
        let ben = &c.valid[1];
        assert_eq!(
            (ben.email.as_str(), ben.first_name.as_str()),
            ("ben@x.org", "Ben")
        );
        assert_eq!(ben.summary_json(), None);
        let reasons: Vec<_> = c
            .invalid
            .iter()
            .map(|i| (i.line, i.reason.as_str()))
            .collect();
        assert_eq!(
            reasons,
            vec![
                (4, "“not-an-email” is not an e-mail address"),
                (5, "no e-mail"),
                (6, "no first name"),
            ]
        );
        assert_eq!(
            c.duplicates,
            vec![Duplicate {
                line: 7,
                email: "ana@x.org".into(),
                first_line: 2
            }]
        );
    }

    #[test]
    fn rows_update_by_email_whatever_its_case() {
        let c = check_text(FILE, Encoding::Utf8).unwrap();
        let existing = HashSet::from(["ben@x.org".to_string()]);
        let p = plan(&c, &existing);
        assert_eq!(p.add.len(), 1);
        assert_eq!(p.update[0].email, "ben@x.org");
    }

    #[test]
    fn the_invited_option_moves_interview_candidates_only() {
        assert_eq!(
            invited_status(Status::InterviewCandidate),
            Status::InvitedReady
        );
        for kept in [
            Status::InvitedReady,
            Status::Confirmed,
            Status::Withdrawn,
            Status::Interviewed,
        ] {
            assert_eq!(invited_status(kept), kept);
        }
    }

    #[test]
    fn a_full_name_is_split_at_its_last_space() {
        let c = check_text("Name;Email\nMaria de la Cruz;m@x.org\n", Encoding::Utf8).unwrap();
        let r = &c.valid[0];
        assert_eq!(
            (r.first_name.as_str(), r.last_name.as_str()),
            ("Maria de la", "Cruz")
        );
    }

    #[test]
    fn a_long_name_and_a_control_character_are_refused() {
        let long = "x".repeat(121);
        let c = check_text(
            &format!("Email,First Name,Last Name\na@x.org,{long},L\nb@x.org,B\u{202e},L\n"),
            Encoding::Utf8,
        )
        .unwrap();
        assert_eq!(c.invalid.len(), 2, "{:?}", c.invalid);
        assert!(c.invalid[0]
            .reason
            .starts_with("first name: Use at most 120"));
    }

    #[test]
    fn files_that_cannot_be_imported_say_why() {
        assert!(check_file(b"").unwrap_err().contains("empty"));
        assert!(check_file(b"\x00\x01PK")
            .unwrap_err()
            .contains("not a text file"));
        assert!(check_file(b"First,Last\nA,B\n")
            .unwrap_err()
            .contains("No e-mail column"));
        assert!(check_file(b"Email,School\na@x.org,B\n")
            .unwrap_err()
            .contains("“Email”, “School”"));
    }
}
