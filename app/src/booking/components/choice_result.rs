//! What the last submission of choices did, said plainly.

use crate::booking::api::SubmitChoices;
use crate::booking::domain::Booking;
use crate::booking::types::ChoiceOutcome;
use crate::ui::FormAction;
use crate::ui::{Notice, NoticeKind};
use leptos::prelude::*;

/// Both choices full (nothing booked, and where seats are), or confirmed in the second choice.
#[component]
pub fn ChoiceResult(choose: FormAction<SubmitChoices>) -> impl IntoView {
    move || match choose.value().get() {
        Some(Ok(ChoiceOutcome {
            booking: Booking::BothFull,
            open_sessions,
            program_id,
            can_wait,
        })) => {
            let wait = (!can_wait.is_empty()).then(|| {
                view! {
                    <p>"Or wait for a seat: if one is freed, it comes to you in your turn."</p>
                    <crate::waitlist::components::JoinWaitlist program_id full=can_wait/>
                }
            });
            let rest = if open_sessions.is_empty() {
                "No session has seats left at the moment.".to_string()
            } else {
                format!(
                    "Sessions that still have seats: {}.",
                    open_sessions.join(", ")
                )
            };
            view! {
                <Notice kind=NoticeKind::Error>
                    <strong>"Both of your choices are full, so nothing was booked. "</strong>
                    {rest}
                    " Please choose again."
                </Notice>
                {wait}
            }
            .into_any()
        }
        Some(Ok(ChoiceOutcome {
            booking:
                Booking::Confirmed {
                    first_choice: false,
                    ..
                },
            ..
        })) => view! {
            <Notice kind=NoticeKind::Info>
                "Your first choice filled up, so you are confirmed for your second choice."
            </Notice>
        }
        .into_any(),
        _ => ().into_any(),
    }
}
