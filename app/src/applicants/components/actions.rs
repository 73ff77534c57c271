//! The actions the applicant list's rows share, made once by the page and handed down (so a
//! row's form and the page's notices read the same action).

use crate::applicants::api::{MarkInvited, SendInvitation};
use crate::booking::api::AssignSession;
use crate::ids::ApplicantId;
use crate::ui::FormAction;
use leptos::prelude::*;

/// The actions of the list's rows, shared by every row.
#[derive(Clone, Copy)]
pub struct RowActions {
    pub invite: FormAction<MarkInvited>,
    pub send: FormAction<SendInvitation>,
    pub assign: FormAction<AssignSession>,
    /// Whose row the last assignment came from (the action's own input is cleared when it
    /// resolves), so a warning shows in that row only.
    pub last_assigned: RwSignal<Option<ApplicantId>>,
}
