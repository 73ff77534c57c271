//! After Match Day: which applicants a list of ids names. The ids come from the matching
//! program's results (a CSV with NRMP and AAMC/ERAS id columns among others) or are pasted one
//! per line; each is looked up among the program's applicants by either id, as the import
//! stored them.

use crate::ids::ApplicantId;

/// An applicant's ids, as imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownIds {
    pub applicant: ApplicantId,
    pub nrmp: Option<String>,
    pub aamc: Option<String>,
}

/// What a list of ids named: the applicants (each once, in the list's order) and the ids that
/// are no applicant's (each once).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    pub applicants: Vec<ApplicantId>,
    pub unknown: Vec<String>,
}

/// Which column of a table's header holds ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Header {
    /// An NRMP or AAMC/ERAS id column.
    Id,
    /// A column of something else (a name, an e-mail, a specialty).
    Other,
    /// Not a column name: the "header" is the first id of a bare list.
    Unknown,
}

/// The ids a table holds. With an id column in its header (`header_kind` of each header cell):
/// the cells of its id columns. A header of known columns without an id column names no ids
/// (`None`: the caller says which columns it found). A header of unknown words is no header:
/// every cell is an id, the first line's too (a list pasted one per line, or a few per line).
pub fn ids_in(
    header: &[String],
    rows: &[Vec<String>],
    header_kind: impl Fn(&str) -> Header,
) -> Option<Vec<String>> {
    let kinds: Vec<Header> = header.iter().map(|h| header_kind(h)).collect();
    let cleaned = |cells: &mut dyn Iterator<Item = &String>| -> Vec<String> {
        cells
            .map(|c| c.trim().trim_start_matches('\'').trim().to_string())
            .filter(|c| !c.is_empty())
            .collect()
    };
    if kinds.contains(&Header::Id) {
        let columns: Vec<usize> = (0..kinds.len())
            .filter(|&i| kinds[i] == Header::Id)
            .collect();
        return Some(cleaned(
            &mut rows
                .iter()
                .flat_map(|r| columns.iter().filter_map(move |&i| r.get(i))),
        ));
    }
    if kinds.contains(&Header::Other) {
        return None;
    }
    Some(cleaned(
        &mut header.iter().chain(rows.iter().flat_map(|r| r.iter())),
    ))
}

/// An id as it is compared: trimmed, without case, and a number without its leading zeros (a
/// spreadsheet drops them from an AAMC id it took for a number).
fn normal(id: &str) -> String {
    let id = id.trim().to_uppercase();
    if !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) {
        let short = id.trim_start_matches('0');
        return if short.is_empty() { "0" } else { short }.to_string();
    }
    id
}

/// The applicants `ids` name, by NRMP or AAMC/ERAS id; the ids no applicant has.
pub fn find(ids: &[String], known: &[KnownIds]) -> Found {
    let mut by_id: std::collections::HashMap<String, ApplicantId> = Default::default();
    for k in known {
        for id in [&k.aamc, &k.nrmp].into_iter().flatten() {
            let id = normal(id);
            if !id.is_empty() {
                by_id.insert(id, k.applicant);
            }
        }
    }
    let mut found = Found::default();
    for id in ids {
        match by_id.get(&normal(id)) {
            Some(a) if !found.applicants.contains(a) => found.applicants.push(*a),
            Some(_) => {}
            None if !found.unknown.contains(id) => found.unknown.push(id.clone()),
            None => {}
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(h: &str) -> Header {
        match h.to_lowercase().as_str() {
            "nrmp id" | "aamc id" => Header::Id,
            "name" | "email" => Header::Other,
            _ => Header::Unknown,
        }
    }

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    fn known() -> Vec<KnownIds> {
        vec![
            KnownIds {
                applicant: ApplicantId(1),
                nrmp: Some("N1234567".into()),
                aamc: Some("01234567".into()),
            },
            KnownIds {
                applicant: ApplicantId(2),
                nrmp: None,
                aamc: Some("22222222".into()),
            },
            KnownIds {
                applicant: ApplicantId(3),
                nrmp: Some(" ".into()),
                aamc: None,
            },
        ]
    }

    #[test]
    fn a_results_file_gives_its_id_columns_only() {
        let ids = ids_in(
            &row(&["Name", "NRMP ID", "AAMC ID"]),
            &[
                row(&["Ana Lee", "N1234567", "01234567"]),
                row(&["Bo Park", "", "22222222"]),
                row(&["Short row"]),
            ],
            kind,
        );
        assert_eq!(
            ids,
            Some(row(&["N1234567", "01234567", "22222222"])),
            "names are not ids; an empty cell and a short row are skipped"
        );
    }

    #[test]
    fn a_bare_list_is_all_ids_its_first_line_too() {
        let ids = ids_in(&row(&["N1234567"]), &[row(&["22222222", " 'X9 "])], kind);
        assert_eq!(ids, Some(row(&["N1234567", "22222222", "X9"])));
    }

    #[test]
    fn a_header_without_an_id_column_names_no_ids() {
        assert_eq!(
            ids_in(&row(&["Name", "Email"]), &[row(&["Ana", "a@x"])], kind),
            None
        );
    }

    #[test]
    fn ids_are_found_by_either_id_without_case_or_leading_zeros() {
        let found = find(
            &row(&["n1234567", "1234567", "22222222", "N404", "N404", "0"]),
            &known(),
        );
        assert_eq!(
            found.applicants,
            vec![ApplicantId(1), ApplicantId(2)],
            "one applicant named twice counts once"
        );
        assert_eq!(
            found.unknown,
            row(&["N404", "0"]),
            "an unknown id is said once; a blank id of an applicant matches nothing"
        );
    }
}
