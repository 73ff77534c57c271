//! The applicant's pages: My Programs.

use super::api::{my_programs, MyProgram};
use crate::error::AppError;
use crate::shell::ApplicantShell;
use crate::ui::or_error;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn MyProgramsPage() -> impl IntoView {
    // Above the shell's Suspense, like every page resource (see programs::components).
    let programs = Resource::new(|| (), |_| my_programs());
    view! {
        <Title text="My Programs · Interview Portal"/>
        <ApplicantShell>
            <MyProgramsBody programs/>
        </ApplicantShell>
    }
}

#[component]
fn MyProgramsBody(programs: Resource<Result<Vec<MyProgram>, AppError>>) -> impl IntoView {
    view! {
        <header class="page-header">
            <div>
                <h1>"My Programs"</h1>
                <p class="lead">"Programs that invited you to interview."</p>
            </div>
        </header>
        <Transition fallback=|| view! { <div class="loading" aria-busy="true"></div> }>
            {move || Suspend::new(async move {
                or_error(programs
                    .await
                    .map(|list| {
                        if list.is_empty() {
                            view! {
                                <section class="empty">
                                    <h2>"No invitations yet"</h2>
                                    <p>
                                        "When a program invites you to interview, it appears here and you can accept, decline and choose your session."
                                    </p>
                                    <p class="muted">
                                        "Programs find you by the email of your application. If you expected an invitation, check that it went to the address you log in with."
                                    </p>
                                </section>
                            }
                                .into_any()
                        } else {
                            view! {
                                <ul class="cards">
                                    {list
                                        .into_iter()
                                        .map(|p| {
                                            view! {
                                                <li class="card program-card">
                                                    <h2>{p.program_name}</h2>
                                                    <span class="badge">{p.status.label()}</span>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            }
                                .into_any()
                        }
                    }))
            })}
        </Transition>
    }
}
