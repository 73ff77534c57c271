//! A file sent through an upload form (an import's CSV, a ZIP of applications, a PDF): the
//! form's file part read with a size limit ([`read_upload`], server side), and a text file read
//! into a table of cells ([`table`]), and kept between its preview and
//! its import ([`kept`]). Low in the layers: the applicant and staff imports both
//! use it.

#[cfg(feature = "ssr")]
pub mod kept;
#[cfg(feature = "ssr")]
pub mod table;

#[cfg(feature = "ssr")]
use crate::error::{AppError, AppResult};

/// The form field that carries the file.
pub const FILE_FIELD: &str = "file";

/// Reads the file of an upload form (the part named [`FILE_FIELD`]), refusing it past `max`
/// bytes as it arrives.
#[cfg(feature = "ssr")]
pub async fn read_upload(
    data: leptos::server_fn::codec::MultipartData,
    max: usize,
) -> AppResult<(String, Vec<u8>)> {
    let unreadable = |e: &dyn std::fmt::Display| {
        tracing::info!(error = %e, "unreadable upload");
        AppError::BadRequest("The upload could not be read. Choose the file again.".into())
    };
    let mut parts = data
        .into_inner()
        .ok_or_else(|| unreadable(&"not multipart"))?;
    let mut file = None;
    while let Some(mut part) = parts.next_field().await.map_err(|e| unreadable(&e))? {
        if part.name() != Some(FILE_FIELD) {
            continue;
        }
        let name = part.file_name().unwrap_or_default().to_string();
        let mut bytes = Vec::new();
        while let Some(chunk) = part.chunk().await.map_err(|e| unreadable(&e))? {
            if bytes.len() + chunk.len() > max {
                return Err(too_large(max));
            }
            bytes.extend_from_slice(&chunk);
        }
        file = Some((name, bytes));
    }
    match file {
        Some((name, bytes)) if !(name.is_empty() && bytes.is_empty()) => Ok((name, bytes)),
        _ => Err(AppError::invalid(
            FILE_FIELD,
            "Choose the CSV file to import.",
        )),
    }
}

/// The refusal of a file over the import's limit.
#[cfg(feature = "ssr")]
pub fn too_large(max: usize) -> AppError {
    AppError::TooLarge(format!(
        "That file is larger than an import takes ({} KB): split it, or leave out columns you do not need.",
        max / 1024
    ))
}
