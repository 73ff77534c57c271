//! The header of logged-in pages: brand, program switcher, role switcher, who is logged in.

use crate::auth::api::{Logout, Me, SwitchProgram, SwitchRole};
use crate::auth::domain::Role;
use crate::ui::{FormAction, PostForm};
use leptos::prelude::*;

#[component]
pub fn Header(me: Me) -> impl IntoView {
    let logout = FormAction::<Logout>::new();
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
                <a class="btn btn-quiet" href="/account">"Your account"</a>
                <PostForm action=logout attr:class="inline-form">
                    <button class="btn btn-quiet" type="submit">"Log out"</button>
                </PostForm>
            </div>
        </header>
        {switched.then(|| view! {
            <div class="banner" role="status">
                "You are working as an interviewer. Coordinator tools are hidden until you switch back."
            </div>
        })}
    }
}

/// The active program; a select to change it for people on several programs.
#[component]
fn ProgramSwitcher(me: Me) -> impl IntoView {
    let switch = FormAction::<SwitchProgram>::new();
    let current = me.program.as_ref().map(|p| p.id);
    match (me.programs.len(), me.program.clone()) {
        (0, _) => ().into_any(),
        (1, Some(p)) => view! { <span class="program-name">{p.name}</span> }.into_any(),
        _ => view! {
            <PostForm action=switch attr:class="program-switcher">
                <label for="program-switch" class="visually-hidden">"Program"</label>
                <select id="program-switch" name="program_id">
                    {me
                        .programs
                        .iter()
                        .map(|p| view! {
                            <option value=p.id.to_string() selected=Some(p.id) == current>
                                {p.name.clone()}
                            </option>
                        })
                        .collect_view()}
                </select>
                <button class="btn btn-small" type="submit">"Switch program"</button>
            </PostForm>
        }
        .into_any(),
    }
}

#[component]
fn RoleSwitcher(own: Role, switched: bool) -> impl IntoView {
    let switch = FormAction::<SwitchRole>::new();
    // The values of `SwitchTo` as a form sends them.
    let (to, label) = if switched {
        ("own", format!("Back to {}", own.label().to_lowercase()))
    } else {
        ("interviewer", "Switch to interviewer".to_string())
    };
    view! {
        <PostForm action=switch attr:class="inline-form">
            <input type="hidden" name="to" value=to/>
            <button class="btn btn-small btn-outline" type="submit">{label}</button>
        </PostForm>
    }
}
