//! What the application files' screens and routes exchange: one applicant's file as listed, and
//! a ZIP's preview (kept as JSON between the preview and the commit).

use crate::ids::ApplicantId;
use serde::{Deserialize, Serialize};

/// An applicant's application file, as a list shows it (the content is fetched on its own).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileInfo {
    pub applicant: ApplicantId,
    pub applicant_name: String,
    pub file_name: String,
    pub size: i64,
    pub uploaded_by: Option<String>,
    /// UTC milliseconds.
    pub uploaded_at: i64,
}

/// A ZIP's entry matched to an applicant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Matched {
    /// The entry's name in the ZIP (its folders dropped).
    pub entry: String,
    pub applicant: ApplicantId,
    pub applicant_name: String,
    pub size: i64,
    /// The applicant has a file already, which this one replaces.
    pub replaces: bool,
}

/// A ZIP read and matched, before it is attached: every entry is on one line of it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ZipPreview {
    pub matched: Vec<Matched>,
    /// Names that point to no applicant of the program.
    pub unmatched: Vec<String>,
    /// Entries that are not PDFs (by their first bytes), or could not be read.
    pub not_pdf: Vec<String>,
    /// PDFs over the size limit.
    pub too_big: Vec<String>,
    /// A second file for an applicant already matched (the first one is kept).
    pub duplicates: Vec<String>,
}

/// The application summary interviewers see beside the file: the import's other columns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Application {
    pub applicant: ApplicantId,
    /// `[column, value]` pairs in the import file's order.
    pub summary: Vec<(String, String)>,
    /// A PDF is on file.
    pub has_file: bool,
}

/// The address an application PDF is downloaded from.
pub fn file_url(applicant: ApplicantId) -> String {
    format!("/files/application/{applicant}")
}
