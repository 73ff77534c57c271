//! Server functions of the import's forms (the upload, the confirm, the discard): posted by the
//! server-written screen only, so compiled into the server only. Each is a guard and one call.

use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

/// Coordinators: reads a CSV file and keeps it for its preview (multipart: a form with a file).
#[server(input = MultipartFormData, output = crate::codec::Compact, endpoint = "import-applicants-upload")]
pub async fn upload_import(data: MultipartData) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    let max = state.config.import_max_bytes;
    let (name, bytes) = crate::upload::read_upload(data, max).await?;
    super::ssr::upload(&state, staff, &name, &bytes).await
}

/// Coordinators: imports the previewed file, optionally marking everyone Invited & Ready.
#[server(output = crate::codec::Compact, endpoint = "import-applicants-confirm")]
pub async fn confirm_import(
    token: String,
    #[server(default)] invited: bool,
) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::import(&state, staff, &token, invited)
        .await
        .map(|_| ())
}

/// Coordinators: drops the previewed file.
#[server(output = crate::codec::Compact, endpoint = "import-applicants-discard")]
pub async fn discard_import(token: String) -> Result<(), AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    super::ssr::discard(&state, staff, &token).await
}
