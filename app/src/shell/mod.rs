//! The frame around every logged-in page: the header (program switcher, role switcher, the
//! person and log-out) and the left menu of the seed, showing only sections that work.

use crate::auth::api::{current_user, Logout, Me, SwitchProgram, SwitchRole};
use crate::auth::domain::Role;
use crate::error::AppError;
use leptos::prelude::*;
use leptos_router::components::{Redirect, A};
use leptos_router::hooks::use_location;

/// The logged-in person, loaded once per page load (blocking, so a redirect happens before
/// any HTML is sent).
pub type MeResource = Resource<Result<Option<Me>, AppError>>;

pub fn provide_me() {
    let me: MeResource = Resource::new_blocking(|| (), |_| current_user());
    provide_context(me);
    // Logged in: open the tab's push stream (effects run in the browser only).
    let live = crate::live::use_live();
    Effect::new(move |_| {
        if matches!(me.get(), Some(Ok(Some(_)))) {
            crate::live::connect(live);
        }
    });
}

fn use_me() -> MeResource {
    expect_context::<MeResource>()
}

/// Wraps a page for a program's staff; others are sent where they belong.
#[component]
pub fn StaffShell(children: ChildrenFn) -> impl IntoView {
    let me = use_me();
    let children = StoredValue::new(children);
    view! {
        <Suspense fallback=|| view! { <div class="loading" aria-busy="true"></div> }>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(Some(me)) if me.is_staff() => {
                        view! {
                            <Header me=me.clone()/>
                            <div class="layout">
                                <SideNav me=me.clone()/>
                                <main class="content" id="main">
                                    {children.read_value()()}
                                </main>
                            </div>
                        }
                            .into_any()
                    }
                    Ok(Some(_)) => view! { <Redirect path="/my-programs"/> }.into_any(),
                    Ok(None) => view! { <Redirect path="/login"/> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Wraps a page for applicants (anyone logged in).
#[component]
pub fn ApplicantShell(children: ChildrenFn) -> impl IntoView {
    let me = use_me();
    let children = StoredValue::new(children);
    view! {
        <Suspense fallback=|| view! { <div class="loading" aria-busy="true"></div> }>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(Some(me)) => {
                        view! {
                            <Header me=me.clone()/>
                            <main class="content content-narrow" id="main">
                                {children.read_value()()}
                            </main>
                        }
                            .into_any()
                    }
                    Ok(None) => view! { <Redirect path="/login"/> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/`: wherever the person belongs.
#[component]
pub fn HomeRedirect() -> impl IntoView {
    let me = use_me();
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let path = match me.await {
                    Ok(Some(me)) if me.is_staff() => "/overview",
                    Ok(Some(_)) => "/my-programs",
                    _ => "/login",
                };
                view! { <Redirect path=path/> }
            })}
        </Suspense>
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

#[component]
fn Header(me: Me) -> impl IntoView {
    let logout = ServerAction::<Logout>::new();
    let switched = me.is_switched();
    let own = me.program.as_ref().map(|p| p.role);
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <header class="topbar">
            <a class="brand" href="/">
                <span class="brand-mark" aria-hidden="true">"IP"</span>
                <span class="brand-name">"Interview Portal"</span>
            </a>
            <ProgramSwitcher me=me.clone()/>
            <div class="topbar-end">
                {own
                    .filter(|r| r.may_switch_to_interviewer())
                    .map(|own| view! { <RoleSwitcher own switched/> })}
                <span class="who">
                    <span class="who-name">{me.name.clone()}</span>
                    {me.role.map(|r| view! { <span class="who-role">{r.label()}</span> })}
                </span>
                <ActionForm action=logout attr:class="inline-form">
                    <button class="btn btn-quiet" type="submit">"Log out"</button>
                </ActionForm>
            </div>
        </header>
        {switched
            .then(|| {
                view! {
                    <div class="banner" role="status">
                        "You are working as an interviewer. Coordinator tools are hidden until you switch back."
                    </div>
                }
            })}
    }
}

#[component]
fn ProgramSwitcher(me: Me) -> impl IntoView {
    let switch = ServerAction::<SwitchProgram>::new();
    let current = me.program.as_ref().map(|p| p.id);
    match (me.programs.len(), me.program.clone()) {
        (0, _) => ().into_any(),
        (1, Some(p)) => view! { <span class="program-name">{p.name}</span> }.into_any(),
        _ => view! {
            <ActionForm action=switch attr:class="program-switcher">
                <label for="program-switch" class="visually-hidden">"Program"</label>
                <select id="program-switch" name="program_id">
                    {me
                        .programs
                        .iter()
                        .map(|p| {
                            view! {
                                <option value=p.id.to_string() selected=Some(p.id) == current>
                                    {p.name.clone()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <button class="btn btn-small" type="submit">"Switch program"</button>
            </ActionForm>
        }
        .into_any(),
    }
}

#[component]
fn RoleSwitcher(own: Role, switched: bool) -> impl IntoView {
    let switch = ServerAction::<SwitchRole>::new();
    let (to, label) = if switched {
        ("own", format!("Back to {}", own.label().to_lowercase()))
    } else {
        ("interviewer", "Switch to interviewer".to_string())
    };
    view! {
        <ActionForm action=switch attr:class="inline-form">
            <input type="hidden" name="to" value=to/>
            <button class="btn btn-small btn-outline" type="submit">{label}</button>
        </ActionForm>
    }
}

#[component]
fn SideNav(me: Me) -> impl IntoView {
    let runs = me.runs_program();
    let location = use_location();
    let link = move |href: &'static str, label: &'static str| {
        let current = move || location.pathname.get().starts_with(href);
        view! {
            <li>
                <A href=href attr:aria-current=move || current().then_some("page")>
                    {label}
                </A>
            </li>
        }
    };
    view! {
        <nav class="sidenav" aria-label="Main menu">
            <ul>
                {link("/overview", "Overview")}
                {runs.then(|| link("/sessions", "Sessions"))}
                {runs.then(|| link("/applicants", "Applicants"))}
                {runs.then(|| link("/staff", "Staff"))}
                {runs.then(|| link("/settings", "Settings"))}
            </ul>
        </nav>
    }
}
