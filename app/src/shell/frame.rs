//! The staff and applicant frames: the header, the menu for staff, and the page inside. A
//! `Transition`, not a `Suspense`: once shown, the frame and the page stay while a page's
//! data loads again (a filter, a `get` form of a panel), so nothing flashes and the field being
//! typed in keeps the focus.

use super::header::Header;
use super::side_nav::SideNav;
use super::use_me;
use crate::auth::api::Me;
use crate::error::AppError;
use leptos::prelude::*;
use leptos_router::components::Redirect;

/// Wraps a page for a program's staff; applicants go to My Programs, visitors to log in.
#[component]
pub fn StaffShell(children: ChildrenFn) -> impl IntoView {
    framed(children, true)
}

/// Wraps a page for applicants (anyone logged in); visitors go to log in.
#[component]
pub fn ApplicantShell(children: ChildrenFn) -> impl IntoView {
    framed(children, false)
}

fn framed(children: ChildrenFn, staff_only: bool) -> impl IntoView {
    let me = use_me();
    let children = StoredValue::new(children);
    view! {
        <Transition fallback=|| view! { <div class="loading" aria-busy="true"></div> }>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(Some(me)) if staff_only && !me.is_staff() => {
                        view! { <Redirect path="/my-programs"/> }.into_any()
                    }
                    Ok(Some(me)) => layout(me, staff_only, children.read_value()()),
                    Ok(None) => view! { <Redirect path="/login"/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// Staff pages have the menu beside them; applicant pages are one narrow column.
fn layout(me: Me, staff: bool, page: AnyView) -> AnyView {
    if staff {
        view! {
            <Header me=me.clone()/>
            <div class="layout">
                <SideNav me/>
                <main class="content" id="main"><Notices/>{page}</main>
            </div>
        }
        .into_any()
    } else {
        view! {
            <Header me/>
            <main class="content content-narrow" id="main"><Notices/>{page}</main>
        }
        .into_any()
    }
}

/// Notices pushed to this viewer (their itinerary changed, …), each until dismissed; read out
/// as they arrive.
#[component]
fn Notices() -> impl IntoView {
    let live = crate::live::use_live();
    view! {
        <div class="live-notices" role="status" aria-live="polite" data-testid="live-notices">
            {move || {
                live.notices
                    .get()
                    .into_iter()
                    .enumerate()
                    .map(|(i, text)| view! {
                        <div class="alert alert-info live-notice">
                            <p>{text}</p>
                            <button class="btn btn-small" type="button"
                                on:click=move |_| live.notices.update(|n| { if i < n.len() { n.remove(i); } })>
                                "Dismiss"
                            </button>
                        </div>
                    })
                    .collect_view()
            }}
        </div>
    }
}

#[component]
fn ErrorPage(error: AppError) -> impl IntoView {
    view! {
        <main class="auth" id="main">
            <div class="auth-card">
                <h1>"Something went wrong"</h1>
                <p>{error.to_string()}</p>
                <a class="btn" href="/">"Try again"</a>
            </div>
        </main>
    }
}
