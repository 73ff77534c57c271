//! The actions My Programs' cards share, made once by the page and handed down (so a card's
//! form and the page's notice read the same action).

use crate::booking::api::{DeclineInvitation, SubmitChoices};
use crate::ids::ProgramId;
use crate::ui::FormAction;
use leptos::prelude::*;

/// What the program cards share: the two actions, and which invitations the applicant has
/// opened to choose (kept above the list, so a reload of the list does not close the form).
#[derive(Clone, Copy)]
pub struct ChoiceActions {
    pub choose: FormAction<SubmitChoices>,
    pub decline: FormAction<DeclineInvitation>,
    pub accepted: RwSignal<Vec<ProgramId>>,
}
