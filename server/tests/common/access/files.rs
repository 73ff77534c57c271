//! Rows of the authorization matrix: application files (the upload page, one PDF uploaded, a
//! ZIP previewed, attached or discarded, and a PDF downloaded), and what the world holds for
//! them: `carl` (confirmed, on Alpha's published day in ivan's room) has a file, and Alpha has
//! a ZIP waiting. The uploads are `multipart/form-data`, sent so by [`multipart`].

use super::*;
use crate::common::world::World;

/// Who may read an applicant's application: the program's coordinators, and the interviewers
/// the published day places with the applicant (ivan: not the director or manager switched to
/// interviewer, who are in no room).
const READERS: &[CallerKind] = &[Interviewer, Coordinator, Manager, Director];

pub(super) const ROWS: &[Access] = &[
    row(
        "/api/application-files-page",
        "POST",
        "The Application files screen: upload forms, the ZIP waiting, the files on record",
        false,
        COORDINATORS,
    ),
    row(
        "/files/application",
        "POST",
        "Upload (or replace) one applicant's application PDF (multipart; checked to be a PDF, size limited)",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/files/applications",
        "POST",
        "Read a ZIP of application PDFs into the program's preview (multipart; a ZIP bomb refused)",
        true,
        COORDINATORS,
    ),
    row(
        "/api/commit-application-files",
        "POST",
        "Attach the program's waiting ZIP in one transaction",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/api/discard-application-files",
        "POST",
        "Discard the program's waiting ZIP",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/files/application/{applicant}",
        "GET",
        "An applicant's application PDF, as a download (their interviewers and the program's coordinators)",
        false,
        READERS,
    ),
];

/// A small PDF (its first bytes are what makes it one).
pub fn pdf(text: &str) -> Vec<u8> {
    format!("%PDF-1.4\n% {text}\n%%EOF\n").into_bytes()
}

/// A ZIP of `files` (stored, not compressed).
pub fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, body) in files {
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        w.start_file(*name, options).unwrap();
        w.write_all(body).unwrap();
    }
    w.finish().unwrap().into_inner()
}

pub const BOUNDARY: &str = "portal-test-boundary";

/// A multipart body of text fields and files (name, file name, content), and its content type.
pub fn multipart_body(fields: &[(&str, &str)], files: &[(&str, &str, &[u8])]) -> (String, Vec<u8>) {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                .as_bytes(),
        );
    }
    for (name, file_name, content) in files {
        body.extend(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\nContent-Type: application/pdf\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend(*content);
        body.extend(b"\r\n");
    }
    body.extend(format!("--{BOUNDARY}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={BOUNDARY}"), body)
}

/// The matrix's uploads as multipart bodies (`None` for every other row).
pub fn multipart(path: &str, args: &[(String, String)]) -> Option<(String, Vec<u8>)> {
    let fields: Vec<(&str, &str)> = args
        .iter()
        .filter(|(k, _)| k != "file" && k != "zip")
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    match path {
        "/files/application" => {
            let file = pdf("an application");
            Some(multipart_body(&fields, &[("file", "carl.pdf", &file)]))
        }
        "/files/applications" => {
            let file = pdf("carl's application");
            let zip = zip_of(&[("batch/carl@alpha.test.pdf", &file)]);
            Some(multipart_body(
                &fields,
                &[("zip", "applications.zip", &zip)],
            ))
        }
        _ => None,
    }
}

/// The valid arguments of the rows (the files themselves are added by [`multipart`]).
pub fn args(w: &World, path: &str) -> Option<Vec<(&'static str, String)>> {
    Some(match path {
        "/files/application" => vec![("applicant_id", w.confirmed.to_string())],
        "/api/application-files-page"
        | "/files/applications"
        | "/api/commit-application-files"
        | "/api/discard-application-files"
        | "/files/application/{applicant}" => vec![],
        _ => return None,
    })
}

/// Puts into the world what the rows read: carl's file, and a ZIP waiting in Alpha with
/// carl's next file.
pub async fn prepare(w: &World) {
    use app::applicants::files::repo::NewFile;
    use app::applicants::files::types::{Matched, ZipPreview};
    let repo = &w.app.state.repo;
    let cora = repo
        .user_by_email(repo.pool(), "cora@alpha.test")
        .await
        .unwrap()
        .unwrap()
        .id;
    let content = pdf("carl's application");
    let file = NewFile {
        applicant: w.confirmed,
        file_name: "carl.pdf",
        content: &content,
    };
    let mut tx = repo.begin_write().await.unwrap();
    repo.put_file(&mut tx, &file, cora).await.unwrap();
    let preview = ZipPreview {
        matched: vec![Matched {
            entry: "carl@alpha.test.pdf".into(),
            applicant: w.confirmed,
            applicant_name: "Applicant Person".into(),
            size: content.len() as i64,
            replaces: true,
        }],
        ..ZipPreview::default()
    };
    repo.stage_files(&mut tx, w.alpha, cora, &preview, &[file])
        .await
        .unwrap();
    tx.commit().await.unwrap();
}
