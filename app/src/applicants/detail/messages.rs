//! The messages section of an applicant's page: the latest ten sent to and about them (kind,
//! subject, where each stands, when), each linking to the message on the Communications page,
//! and a link to all of them there. Read through the mail core's query (`mail::repo`), so the
//! applicant's page names no later feature.

use crate::auth::ssr::Staff;
use crate::error::AppResult;
use crate::ids::ApplicantId;
use crate::server::AppState;
use crate::ui::Badge;
use leptos::prelude::*;

/// How many of an applicant's messages their page lists.
pub const SHOWN: i64 = 10;

pub async fn messages_section(
    state: &AppState,
    by: Staff,
    applicant: ApplicantId,
    zone: chrono_tz::Tz,
) -> AppResult<AnyView> {
    let (lines, total) = state
        .repo
        .applicant_messages(by.program_id, applicant, SHOWN)
        .await?;
    let when = |ms: i64| {
        chrono::DateTime::from_timestamp_millis(ms)
            .map(|t| crate::sessions::domain::stamp_in(t, zone))
            .unwrap_or_default()
    };
    let list = if lines.is_empty() {
        view! { <p class="muted" data-testid="no-applicant-messages">"No messages to them yet."</p> }.into_any()
    } else {
        let items = lines
            .iter()
            .map(|m| {
                let state = m.state();
                view! {
                    <li>
                        <time class="muted small">{when(m.created_at)}</time>
                        " "
                        <Badge tone=state.tone() text=state.label()/>
                        <span class="muted small">{format!(" {}", m.kind.label())}</span>
                        <p><a href=format!("/communications/messages/{}", m.id)>{m.subject.clone()}</a></p>
                    </li>
                }
            })
            .collect_view();
        view! { <ol class="message-history" data-testid="applicant-messages">{items}</ol> }
            .into_any()
    };
    let all = match total {
        1 => "The message on the Communications page".to_string(),
        n => format!("All {n} messages"),
    };
    Ok(view! {
        <section class="card" aria-labelledby="applicant-messages">
            <div class="card-head">
                <h2 id="applicant-messages">"Messages"</h2>
                {(total > 0).then(|| view! {
                    <a class="btn btn-small btn-outline" href=format!("/communications?applicant={applicant}")>{all}</a>
                })}
            </div>
            {list}
        </section>
    }
    .into_any())
}
