//! Rows of the authorization matrix: the applicant import (its screen, the upload of a CSV file,
//! the import of the program's previewed file and its discard), and what the world holds for
//! them: a file waiting in Alpha under [`TOKEN`]. The upload is multipart, sent so by
//! [`multipart`].

use super::*;
use crate::common::world::World;

/// The token of the file waiting in Alpha.
pub const TOKEN: &str = "alpha-import-token";
const UPLOAD: &str = "/api/import-applicants-upload";

pub(super) const ROWS: &[Access] = &[
    row(
        "/api/import-applicants-page",
        "POST",
        "The import screen: the upload form, the program's file in preview, or what the last import did",
        false,
        COORDINATORS,
    ),
    row(
        UPLOAD,
        "POST",
        "Read a CSV file of applicants into the program's preview (multipart; size limited)",
        true,
        COORDINATORS,
    ),
    row(
        "/api/import-applicants-confirm",
        "POST",
        "Import the program's previewed file: every valid row in one transaction, or none",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/api/import-applicants-discard",
        "POST",
        "Discard the program's previewed file",
        true,
        COORDINATORS_HERE,
    ),
];

/// A small file to import.
pub const CSV: &str =
    "Email,First Name,Last Name,AAMC ID\r\nida.import@alpha.test,Ida,Import,12345678\r\n";

/// The upload as a multipart body (`None` for every other row).
pub fn multipart(path: &str) -> Option<(String, Vec<u8>)> {
    (path == UPLOAD)
        .then(|| super::files::multipart_body(&[], &[("file", "applicants.csv", CSV.as_bytes())]))
}

/// The valid arguments of the rows (the upload's file is added by [`multipart`]).
pub fn args(path: &str) -> Option<Vec<(&'static str, String)>> {
    Some(match path {
        "/api/import-applicants-page" | UPLOAD => vec![],
        "/api/import-applicants-confirm" | "/api/import-applicants-discard" => {
            vec![("token", TOKEN.to_string())]
        }
        _ => return None,
    })
}

/// Puts a file waiting for its import into Alpha, uploaded by its coordinator.
pub async fn prepare(w: &World) {
    use app::upload::kept::{KeptFile as StoredImport, Shelf};
    let repo = &w.app.state.repo;
    let cora = repo
        .user_by_email(repo.pool(), "cora@alpha.test")
        .await
        .unwrap()
        .unwrap()
        .id;
    let waiting = StoredImport {
        token: TOKEN.into(),
        file_name: "applicants.csv".into(),
        encoding: "utf-8".into(),
        content: CSV.into(),
        created_at: app::db::now_ms(),
        outcome: None,
    };
    repo.keep_file(Shelf::Applicants, w.alpha, cora, &waiting, 0)
        .await
        .unwrap();
}
