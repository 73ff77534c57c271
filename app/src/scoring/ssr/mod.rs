//! Scoring's workflows on the server, one file each: the form library (`forms`), a session's
//! scoring and who still owes a score (`session`), an interviewer's own sheets (`sheets`), the
//! rank list (`ranks`), its manual order and named lists (`rank_lists`), and the coordinators'
//! exclusions and overrides (`corrections`), the interviewers' do-not-rank flags (`flags`) and
//! who matched (`matched`). The screens they write are in `super::pages`.

use crate::auth::ssr::Staff;
use crate::programs::domain::{AuditAction, AuditEntity};
use crate::programs::repo::Audit;

mod application;
mod corrections;
mod flags;
mod forms;
mod matched;
mod rank_lists;
mod ranks;
mod session;
mod sheets;

pub use application::*;
pub use corrections::*;
pub use flags::*;
pub use forms::*;
pub use matched::*;
pub use rank_lists::*;
pub use ranks::*;
pub use session::*;
pub use sheets::*;

/// An audit line of a coordinator's change to the ranks: what, on whom, from and to what, why.
pub(super) fn audit_line<'a>(
    by: Staff,
    (entity, id): (AuditEntity, i64),
    action: AuditAction,
    (from, to): (Option<&'a str>, Option<&'a str>),
    reason: Option<&'a str>,
) -> Audit<'a> {
    Audit {
        from,
        to,
        reason,
        ..Audit::new(by.program_id, Some(by.user_id), entity, id, action)
    }
}
