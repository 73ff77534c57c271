//! A staff CSV (name, e-mail, role): its columns found by their names and each row checked.
//! The file itself is read by the shared reader (`upload::table`:
//! encodings, separators, quoting), called here, not copied.

use super::domain::{a_role, own};
use crate::auth::domain::{normalize_email, validate_person_name, Role};
use crate::upload::table::key;
use crate::upload::table::{read_table, Encoding, Unreadable};
use std::collections::{HashMap, HashSet};

/// A role as a staff CSV may write it: the stored word or the label, any case ("Program
/// director", "director", "PD"…).
pub fn role_of_cell(cell: &str) -> Option<Role> {
    let k = key(cell);
    match k.as_str() {
        "director" | "programdirector" | "pd" => Some(Role::Director),
        "manager" | "programmanager" | "pm" => Some(Role::Manager),
        "coordinator" | "programcoordinator" | "pc" => Some(Role::Coordinator),
        "interviewer" | "faculty" => Some(Role::Interviewer),
        _ => None,
    }
}

/// A staff CSV's columns: where the name, e-mail and role are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StaffColumns {
    pub name: usize,
    pub email: usize,
    pub role: usize,
}

/// Finds the three columns by their header names (as the applicant import compares them:
/// letters and digits, any case); a missing one is named.
pub fn staff_columns(header: &[String]) -> Result<StaffColumns, String> {
    let find = |names: &[&str]| header.iter().position(|h| names.contains(&key(h).as_str()));
    let name = find(&["name", "fullname", "staffname"]);
    let email = find(&["email", "emailaddress", "mail"]);
    let role = find(&["role", "staffrole", "position"]);
    match (name, email, role) {
        (Some(name), Some(email), Some(role)) => Ok(StaffColumns { name, email, role }),
        _ => {
            let missing: Vec<&str> = [(name, "Name"), (email, "Email"), (role, "Role")]
                .into_iter()
                .filter(|(i, _)| i.is_none())
                .map(|(_, n)| n)
                .collect();
            Err(format!(
                "The file needs the columns Name, Email and Role: {} not found (columns read: {}).",
                missing.join(", "),
                header.join(", ")
            ))
        }
    }
}

/// A valid row of a staff CSV.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffRow {
    pub line: u64,
    pub name: String,
    pub email: String,
    pub role: Role,
}

/// One row checked: its name, e-mail and a role the importer may grant.
pub fn check_staff_row(
    by: Role,
    c: StaffColumns,
    line: u64,
    cells: &[String],
) -> Result<StaffRow, String> {
    let cell = |i: usize| cells.get(i).map(|s| s.trim()).unwrap_or("");
    let name = validate_person_name(cell(c.name)).map_err(|e| format!("Name: {e}"))?;
    let email = normalize_email(cell(c.email)).map_err(|e| format!("Email: {e}"))?;
    let role = match role_of_cell(cell(c.role)) {
        Some(r) => r,
        None if cell(c.role).is_empty() => return Err("Role: enter a role.".into()),
        None => {
            return Err(format!(
                "Role: \"{}\" is not a role (director, manager, coordinator or interviewer).",
                cell(c.role).chars().take(40).collect::<String>()
            ))
        }
    };
    if !by.may_grant(role) {
        return Err(format!(
            "Role: as {} you cannot add {}.",
            own(by),
            a_role(role)
        ));
    }
    Ok(StaffRow {
        line,
        name,
        email,
        role,
    })
}

/// A staff file read and every row checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffFile {
    pub encoding: Encoding,
    pub separator: u8,
    pub columns: Vec<String>,
    pub valid: Vec<StaffRow>,
    /// Rows left out: their line and why.
    pub invalid: Vec<(u64, String)>,
}

/// Text already decoded: the table read, the columns found, each row checked (a row repeating
/// an earlier row's e-mail is invalid, its first line named). A file that cannot be imported at
/// all is refused with the reason.
pub fn check_staff_text(by: Role, text: &str, encoding: Encoding) -> Result<StaffFile, String> {
    let table = read_table(text).map_err(|e| match e {
        Unreadable::Empty => "The file is empty: choose a CSV file with the columns Name, Email and Role.".to_string(),
        Unreadable::NoHeader => "The file has no header line: its first line must name the columns Name, Email and Role.".to_string(),
        other => other.to_string(),
    })?;
    let columns = staff_columns(&table.header)?;
    let mut file = StaffFile {
        encoding,
        separator: table.separator,
        columns: table.header.clone(),
        valid: Vec::new(),
        invalid: Vec::new(),
    };
    let mut first_seen: HashMap<String, u64> = HashMap::new();
    for (line, cells) in &table.rows {
        match check_staff_row(by, columns, *line, cells) {
            Ok(r) => match first_seen.get(&r.email) {
                Some(first) => file.invalid.push((
                    r.line,
                    format!("Email: {} is on line {first} already.", r.email),
                )),
                None => {
                    first_seen.insert(r.email.clone(), r.line);
                    file.valid.push(r);
                }
            },
            Err(reason) => file.invalid.push((*line, reason)),
        }
    }
    Ok(file)
}

/// The valid rows split by the program's staff as it is now: to add, and already members (by
/// e-mail, left as they are).
pub fn split_members<'a>(
    file: &'a StaffFile,
    members: &HashSet<String>,
) -> (Vec<&'a StaffRow>, Vec<&'a StaffRow>) {
    file.valid.iter().partition(|r| !members.contains(&r.email))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Role::*;

    fn header(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_staff_csv_names_its_three_columns() {
        let c = staff_columns(&header(&["E-mail", "Full Name", "Role"])).unwrap();
        assert_eq!(
            c,
            StaffColumns {
                name: 1,
                email: 0,
                role: 2
            }
        );
        let e = staff_columns(&header(&["Name", "Phone"])).unwrap_err();
        assert!(e.contains("Email, Role not found"), "{e}");
    }

    #[test]
    fn staff_rows_are_checked_one_by_one() {
        let c = StaffColumns {
            name: 0,
            email: 1,
            role: 2,
        };
        let cells = |a: &str, b: &str, r: &str| vec![a.to_string(), b.to_string(), r.to_string()];
        let ok = check_staff_row(
            Coordinator,
            c,
            2,
            &cells(" Dr. Kim ", "KIM@Example.org", "Interviewer"),
        )
        .unwrap();
        assert_eq!(
            ok,
            StaffRow {
                line: 2,
                name: "Dr. Kim".into(),
                email: "kim@example.org".into(),
                role: Interviewer
            }
        );
        assert_eq!(role_of_cell("Program Director"), Some(Director));
        assert_eq!(role_of_cell("coordinator"), Some(Coordinator));
        assert_eq!(role_of_cell("boss"), None);
        let e = check_staff_row(Coordinator, c, 3, &cells("A", "a@b.org", "Director")).unwrap_err();
        assert_eq!(e, "Role: as coordinator you cannot add a program director.");
        let e =
            check_staff_row(Director, c, 4, &cells("A", "not-an-email", "manager")).unwrap_err();
        assert!(e.starts_with("Email: "), "{e}");
        let e = check_staff_row(Director, c, 5, &cells("", "a@b.org", "manager")).unwrap_err();
        assert_eq!(e, "Name: Enter a name.");
        let e = check_staff_row(Director, c, 6, &cells("A", "a@b.org", "boss")).unwrap_err();
        assert!(e.contains("\"boss\" is not a role"), "{e}");
        let e = check_staff_row(Director, c, 7, &cells("A", "a@b.org", "")).unwrap_err();
        assert_eq!(e, "Role: enter a role.");
    }

    #[test]
    fn a_staff_file_is_read_by_the_applicant_reader() {
        let text = "Name;Email;Role\nDr. Kim;kim@x.org;Interviewer\nBad;nope;Interviewer\nKim Again;KIM@x.org;coordinator\nLee;lee@x.org;director\n";
        let f = check_staff_text(Coordinator, text, Encoding::Utf8).unwrap();
        assert_eq!(f.separator, b';');
        assert_eq!(f.valid.len(), 1);
        assert_eq!(f.invalid.len(), 3);
        assert_eq!(f.invalid[0].0, 3);
        assert_eq!(
            f.invalid[1],
            (4, "Email: kim@x.org is on line 2 already.".into())
        );
        assert!(f.invalid[2].1.contains("cannot add a program director"));
        let members: HashSet<String> = ["kim@x.org".to_string()].into();
        let (add, already) = split_members(&f, &members);
        assert!(add.is_empty());
        assert_eq!(already.len(), 1);
        assert!(check_staff_text(Director, " ", Encoding::Utf8).is_err());
        assert!(
            check_staff_text(Director, "Email,Phone\na@b.org,1\n", Encoding::Utf8)
                .unwrap_err()
                .contains("Name, Role not found")
        );
    }
}
