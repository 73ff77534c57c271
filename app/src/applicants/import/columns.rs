//! Which column of a file is which: the header's names matched case-insensitively, ignoring
//! spaces and punctuation, against the spellings exports use ("Email Address", "E-mail",
//! "AAMC ID", "ERAS ID", "CAS ID", "Given name", "Surname", "Program Track" …). Every other
//! column is kept as the application summary.

use crate::upload::table::key;

/// A field of an applicant that a column can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Email,
    FirstName,
    LastName,
    /// One column with the whole name (used when there is no first and last name).
    FullName,
    ApplicationId,
    NrmpId,
    Track,
    Phone,
}

/// Spellings of each field, as [`key`] leaves them (lowercase letters and digits).
const SPELLINGS: &[(Field, &[&str])] = &[
    (
        Field::Email,
        &[
            "email",
            "emailaddress",
            "mail",
            "applicantemail",
            "applicantemailaddress",
            "preferredemail",
            "primaryemail",
            "contactemail",
        ],
    ),
    (
        Field::FirstName,
        &[
            "firstname",
            "givenname",
            "first",
            "forename",
            "applicantfirstname",
            "legalfirstname",
        ],
    ),
    (
        Field::LastName,
        &[
            "lastname",
            "surname",
            "familyname",
            "last",
            "applicantlastname",
            "legallastname",
        ],
    ),
    (
        Field::FullName,
        &["name", "fullname", "applicantname", "applicant"],
    ),
    (
        Field::ApplicationId,
        &[
            "aamcid",
            "aamcnumber",
            "aamc",
            "erasid",
            "erasnumber",
            "eras",
            "casid",
            "residencycasid",
            "casapplicantid",
            "applicationid",
            "applicantid",
        ],
    ),
    (Field::NrmpId, &["nrmpid", "nrmp", "nrmpnumber", "nrmpcode"]),
    (
        Field::Track,
        &[
            "track",
            "programtrack",
            "tracks",
            "programtracks",
            "trackapplied",
        ],
    ),
    (
        Field::Phone,
        &[
            "phone",
            "phonenumber",
            "mobile",
            "mobilephone",
            "mobilenumber",
            "cellphone",
            "cell",
            "telephone",
            "preferredphone",
            "contactphone",
        ],
    ),
];

/// The field a column name means, if any.
pub fn field_of(name: &str) -> Option<Field> {
    let k = key(name);
    SPELLINGS
        .iter()
        .find(|(_, names)| names.contains(&k.as_str()))
        .map(|(f, _)| *f)
}

/// Where each field is in the header (the first column of that meaning), and the columns kept
/// as the summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    pub email: usize,
    /// First and last name, or one column of the whole name.
    pub name: NameColumns,
    pub application_id: Option<usize>,
    pub nrmp_id: Option<usize>,
    pub track: Option<usize>,
    pub phone: Option<usize>,
    /// The other columns: (index, header name), in the file's order.
    pub summary: Vec<(usize, String)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameColumns {
    Split { first: usize, last: usize },
    Full(usize),
}

/// Why a header cannot be imported: what is missing and the columns that were found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmatched {
    /// The column missing ("e-mail", "name").
    pub missing: &'static str,
    /// How it may be spelled.
    pub spellings: &'static str,
    pub found: Vec<String>,
}

impl std::fmt::Display for Unmatched {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let found = if self.found.is_empty() {
            "none".to_string()
        } else {
            self.found
                .iter()
                .map(|c| format!("“{c}”"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        write!(
            f,
            "No {} column was found ({}). The columns in the file: {found}.",
            self.missing, self.spellings
        )
    }
}

/// Matches a header: an e-mail column and a name (first and last, or full) are required.
pub fn match_columns(header: &[String]) -> Result<Columns, Unmatched> {
    let mut found: Vec<(Field, usize)> = Vec::new();
    let mut summary = Vec::new();
    for (i, name) in header.iter().enumerate() {
        match field_of(name) {
            Some(f) if !found.iter().any(|(g, _)| *g == f) => found.push((f, i)),
            _ if name.trim().is_empty() => {}
            _ => summary.push((i, name.trim().to_string())),
        }
    }
    let at = |f: Field| found.iter().find(|(g, _)| *g == f).map(|(_, i)| *i);
    let unmatched = |missing, spellings| Unmatched {
        missing,
        spellings,
        found: header
            .iter()
            .filter(|h| !h.trim().is_empty())
            .cloned()
            .collect(),
    };
    let email = at(Field::Email)
        .ok_or_else(|| unmatched("e-mail", "“Email”, “Email Address”, “E-mail”"))?;
    let name = match (
        at(Field::FirstName),
        at(Field::LastName),
        at(Field::FullName),
    ) {
        (Some(first), Some(last), full) => {
            // A full-name column beside first and last is one more column of the summary.
            if let Some(i) = full {
                summary.push((i, header[i].trim().to_string()));
                summary.sort();
            }
            NameColumns::Split { first, last }
        }
        (_, _, Some(full)) => NameColumns::Full(full),
        _ => return Err(unmatched("name", "“First Name” and “Last Name”, or “Name”")),
    };
    Ok(Columns {
        email,
        name,
        application_id: at(Field::ApplicationId),
        nrmp_id: at(Field::NrmpId),
        track: at(Field::Track),
        phone: at(Field::Phone),
        summary,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn common_spellings_match_whatever_their_case() {
        for (name, field) in [
            ("Email Address", Field::Email),
            ("E-mail", Field::Email),
            ("EMAIL", Field::Email),
            ("AAMC ID", Field::ApplicationId),
            ("ERAS ID", Field::ApplicationId),
            ("CAS ID", Field::ApplicationId),
            ("ResidencyCAS ID", Field::ApplicationId),
            ("First Name", Field::FirstName),
            ("Given name", Field::FirstName),
            ("first_name", Field::FirstName),
            ("Last Name", Field::LastName),
            ("Surname", Field::LastName),
            ("NRMP ID", Field::NrmpId),
            ("Phone Number", Field::Phone),
            ("Track", Field::Track),
            ("Program Track", Field::Track),
            ("Full Name", Field::FullName),
        ] {
            assert_eq!(field_of(name), Some(field), "{name}");
        }
        assert_eq!(field_of("Medical School"), None);
    }

    #[test]
    fn other_columns_are_the_summary_in_file_order() {
        let c = match_columns(&header(&[
            "Medical School",
            "Email Address",
            "Last Name",
            "First Name",
            "USMLE Step 1",
            "AAMC ID",
            "",
            "Email",
        ]))
        .unwrap();
        assert_eq!(c.email, 1);
        assert_eq!(c.name, NameColumns::Split { first: 3, last: 2 });
        assert_eq!(c.application_id, Some(5));
        assert_eq!((c.nrmp_id, c.track, c.phone), (None, None, None));
        // A second e-mail column is kept, not used.
        assert_eq!(
            c.summary,
            vec![
                (0, "Medical School".into()),
                (4, "USMLE Step 1".into()),
                (7, "Email".into())
            ]
        );
    }

    #[test]
    fn one_name_column_is_enough() {
        let c = match_columns(&header(&["Name", "E-mail"])).unwrap();
        assert_eq!(c.name, NameColumns::Full(0));
        assert!(c.summary.is_empty());
    }

    #[test]
    fn a_file_without_email_is_refused_with_its_columns() {
        let e = match_columns(&header(&["First Name", "Last Name", "School"])).unwrap_err();
        assert_eq!(e.found, header(&["First Name", "Last Name", "School"]));
        let said = e.to_string();
        assert!(said.starts_with("No e-mail column"), "{said}");
        assert!(
            said.contains("“First Name”, “Last Name”, “School”"),
            "{said}"
        );
    }

    #[test]
    fn a_file_without_a_name_is_refused_with_its_columns() {
        let e = match_columns(&header(&["Email", "First Name", "School"])).unwrap_err();
        assert!(e.to_string().starts_with("No name column"), "{e}");
        assert_eq!(e.found.len(), 3);
    }
}
