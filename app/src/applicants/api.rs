//! Server functions of the applicant's side.

use super::domain::Status;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A program in the applicant's "My Programs".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyProgram {
    pub program_id: i64,
    pub program_name: String,
    pub status: Status,
}

/// The programs whose invitation the caller may see (all four gate conditions met).
#[server(endpoint = "my-programs")]
pub async fn my_programs() -> Result<Vec<MyProgram>, AppError> {
    use super::domain::{invitation_visible, GateFacts};
    use crate::server::state;
    let caller = crate::auth::ssr::caller().await?;
    let rows = state()?.repo.invitations_for(&caller.email).await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let status = Status::parse(&r.status)?;
            let facts = GateFacts {
                any_visible_session: r.visible_sessions > 0,
                status,
                invitation_sent: r.invitation_sent_at.is_some(),
            };
            invitation_visible(facts).then_some(MyProgram {
                program_id: r.program_id,
                program_name: r.program_name,
                status,
            })
        })
        .collect())
}
