//! Property test: any table the `csv` crate writes (random cells with separators, quotes,
//! newlines and any Unicode; a random separator; with or without a BOM; CRLF or LF) reads back
//! through the import's reader the same. Header names are name-like (letters, digits, spaces):
//! the separator is sniffed from the header line, which real exports never fill with `;` or tabs.

use super::rows::check_file;
use crate::upload::table::{decode, read_table};
use proptest::prelude::*;

fn cell() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => any::<char>().prop_filter("printable", |c| !c.is_control()),
            1 => prop::sample::select(vec![',', ';', '\t', '"', '\n', '\r', ' ']),
        ],
        0..12,
    )
    .prop_map(|cs| cs.into_iter().collect())
}

fn header_name() -> impl Strategy<Value = String> {
    "[A-Za-z][A-Za-z0-9 ]{0,10}[A-Za-z0-9]".prop_map(String::from)
}

/// A table: a header of `2..6` columns and up to 20 rows of as many cells (a row of nothing but
/// empty cells is a blank line to the reader, so each row has a cell with something in it).
fn table() -> impl Strategy<Value = (Vec<String>, Vec<Vec<String>>)> {
    (2usize..6).prop_flat_map(|n| {
        (
            prop::collection::vec(header_name(), n),
            prop::collection::vec(
                prop::collection::vec(cell(), n)
                    .prop_filter("not blank", |r| r.iter().any(|c| !c.is_empty())),
                0..20,
            ),
        )
    })
}

fn write(header: &[String], rows: &[Vec<String>], separator: u8, bom: bool, crlf: bool) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(separator)
        .terminator(if crlf {
            csv::Terminator::CRLF
        } else {
            csv::Terminator::Any(b'\n')
        })
        .from_writer(if bom {
            b"\xEF\xBB\xBF".to_vec()
        } else {
            Vec::new()
        });
    w.write_record(header).unwrap();
    for r in rows {
        w.write_record(r).unwrap();
    }
    w.into_inner().unwrap()
}

proptest! {
    #[test]
    fn what_the_csv_crate_writes_reads_back_the_same(
        (header, rows) in table(),
        separator in prop::sample::select(vec![b',', b';', b'\t']),
        bom in any::<bool>(),
        crlf in any::<bool>(),
    ) {
        let bytes = write(&header, &rows, separator, bom, crlf);
        let text = decode(&bytes).unwrap().text;
        let table = read_table(&text).unwrap();
        prop_assert_eq!(table.separator, separator);
        prop_assert_eq!(&table.header, &header);
        let cells: Vec<Vec<String>> = table.rows.into_iter().map(|(_, r)| r).collect();
        prop_assert_eq!(cells, rows);
    }

    /// Through the whole import: e-mail, names and the summary of the other columns come back
    /// as written (cells trimmed, as the import trims them).
    #[test]
    fn applicants_read_back_the_same(
        people in prop::collection::vec(("[a-z]{1,8}", "[A-Za-zÀ-ÿ]{1,10}", "[A-Za-zÀ-ÿ' -]{0,8}[A-Za-z]", cell()), 1..30),
        separator in prop::sample::select(vec![b',', b';', b'\t']),
        bom in any::<bool>(),
        crlf in any::<bool>(),
    ) {
        let header: Vec<String> = ["E-mail", "First Name", "Last Name", "Medical School"]
            .map(String::from).to_vec();
        let rows: Vec<Vec<String>> = people
            .iter()
            .enumerate()
            .map(|(i, (user, first, last, school))| {
                vec![format!("{user}{i}@example.org"), first.clone(), last.clone(), school.clone()]
            })
            .collect();
        let checked = check_file(&write(&header, &rows, separator, bom, crlf)).unwrap();
        prop_assert!(checked.invalid.is_empty(), "{:?}", checked.invalid);
        prop_assert_eq!(checked.valid.len(), rows.len());
        for (r, written) in checked.valid.iter().zip(&rows) {
            prop_assert_eq!(&r.email, &written[0]);
            prop_assert_eq!(&r.first_name, written[1].trim());
            let last = written[2].split_whitespace().collect::<Vec<_>>().join(" ");
            prop_assert_eq!(&r.last_name, &last);
            let school = written[3].trim();
            let expected: Vec<(String, String)> = if school.is_empty() {
                vec![]
            } else {
                vec![("Medical School".into(), school.to_string())]
            };
            prop_assert_eq!(&r.summary, &expected);
        }
    }
}
