//! The account page and the page of a new e-mail's confirmation link, written on the server
//! for a [`crate::ui::ServerPanel`].

use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::api::{
        ChangeAccountEmail, ConfirmEmailChange, EndLoginSession, EndOtherLoginSessions,
        SaveAccountName,
    },
    super::types::AccountView,
    crate::ui::{html_of, message_line, refusal, Badge, Field, Notice, NoticeKind, Table, Tone},
    leptos::server_fn::ServerFn,
};

/// Anyone logged in: their account.
#[server(output = crate::codec::Compact, endpoint = "account-page")]
pub async fn account_page() -> Result<String, AppError> {
    let (state, caller) = crate::server::require_user().await?;
    Ok(account_html(super::ssr::account(&state, &caller).await?))
}

/// Anyone holding a new e-mail's link: the button that confirms it, or (`done`) that it did.
#[server(output = crate::codec::Compact, endpoint = "email-change-page")]
pub async fn email_change_page(
    #[server(default)] token: String,
    #[server(default)] done: bool,
) -> Result<String, AppError> {
    if done {
        return Ok(html_of(view! {
            <Notice kind=NoticeKind::Success>
                <p><strong>"Your email is changed."</strong>" From now on, log in with your new email."</p>
            </Notice>
            <p><a class="btn btn-primary btn-block" href="/account">"Go to your account"</a></p>
        }));
    }
    Ok(html_of(view! {
        <form method="post" action=ConfirmEmailChange::PATH class="stack">
            {message_line()}
            <input type="hidden" name="token" value=token/>
            <button class="btn btn-primary btn-block" type="submit">"Confirm my new email"</button>
        </form>
    }))
}

#[cfg(feature = "ssr")]
fn account_html(a: AccountView) -> String {
    let others = a.sessions.iter().filter(|s| !s.this).count();
    let rows = a
        .sessions
        .into_iter()
        .map(|s| {
            let action = if s.this {
                view! { <Badge tone=Tone::Info text="This device"/> }.into_any()
            } else {
                let label = format!("Log out {}, last used {}", s.device, s.last_used);
                view! {
                    <form method="post" action=EndLoginSession::PATH class="inline-form">
                        {message_line()}
                        <input type="hidden" name="session" value=s.id/>
                        <button class="btn btn-small btn-outline" type="submit" aria-label=label>"Log out"</button>
                    </form>
                }
                .into_any()
            };
            view! {
                <tr>
                    <td data-label="Device">{s.device}</td>
                    <td data-label="Logged in">{s.opened}</td>
                    <td data-label="Last used">{s.last_used}</td>
                    <td data-label="">{action}</td>
                </tr>
            }
        })
        .collect_view();
    let current = a.email.clone();
    let pending = a.pending_email.map(|new| {
        view! {
            <Notice kind=NoticeKind::Info>
                <p>
                    {format!("Waiting for you to confirm {new}: open the link we sent there. Until then you log in with {current}.")}
                </p>
            </Notice>
        }
    });
    html_of(view! {
        <section class="card stack" aria-labelledby="account-name">
            <h2 id="account-name">"Your name"</h2>
            <form method="post" action=SaveAccountName::PATH class="stack" novalidate data-done="Name saved.">
                {message_line()}
                <Field
                    label="Full name"
                    name="name"
                    autocomplete="name"
                    hint="Shown at the top of each page and to the staff you work with. Programs keep the name on your application as they have it."
                    value=a.name
                    error=refusal()
                />
                <button class="btn btn-primary" type="submit">"Save name"</button>
            </form>
        </section>
        <section class="card stack" aria-labelledby="account-email">
            <h2 id="account-email">"Your email"</h2>
            <p>"You log in with " <strong>{a.email.clone()}</strong> ". Programs find your applications by it."</p>
            {pending}
            <form
                method="post"
                action=ChangeAccountEmail::PATH
                class="stack"
                novalidate
                data-done="Sent. Open the link in the email we sent to the new address to finish."
            >
                {message_line()}
                <Field
                    label="New email"
                    name="email"
                    kind="email"
                    autocomplete="email"
                    hint="We send a link to the new address; your email changes once you open it, and your applications move with it. Your current address is told."
                    error=refusal()
                />
                <button class="btn btn-primary" type="submit">"Send confirmation link"</button>
            </form>
        </section>
        <section class="card stack" aria-labelledby="account-sessions">
            <h2 id="account-sessions">"Where you are logged in"</h2>
            <p class="muted">"Log out any device you do not recognise or no longer use. Setting a new password logs out all of them."</p>
            <Table columns=&["Device", "Logged in", "Last used", "Action"]>{rows}</Table>
            {(others > 0).then(|| view! {
                <form method="post" action=EndOtherLoginSessions::PATH class="stack" data-done="Logged out everywhere else.">
                    {message_line()}
                    <button class="btn btn-outline" type="submit">"Log out all other sessions"</button>
                </form>
            })}
        </section>
    })
}
