//! The actions a page's rows or cards share, made once by the page and handed down (so a row's
//! form and the page's notices read the same action).

use crate::applicants::api::{
    AssignSession, DeclineInvitation, MarkInvited, SendInvitation, SubmitChoices,
};
use crate::ids::{ApplicantId, ProgramId};
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

/// What the program cards share: the two actions, and which invitations the applicant has
/// opened to choose (kept above the list, so a reload of the list does not close the form).
#[derive(Clone, Copy)]
pub struct ChoiceActions {
    pub choose: FormAction<SubmitChoices>,
    pub decline: FormAction<DeclineInvitation>,
    pub accepted: RwSignal<Vec<ProgramId>>,
}
