//! The frame around every logged-in page: who the viewer is (loaded once per page load), the
//! staff and applicant frames that send everyone else where they belong, the header and the
//! left menu.

mod frame;
mod header;
mod side_nav;

pub use frame::{ApplicantShell, StaffShell};

use crate::auth::api::{CurrentUser, Me};
use crate::ui::call;
use leptos::prelude::*;
use leptos_router::components::Redirect;

/// The logged-in person, loaded once per page load (blocking, so a redirect happens before
/// any HTML is sent).
pub type MeResource = crate::ui::Data<Option<Me>>;

pub fn provide_me() {
    let me: MeResource = Resource::new_with_options(|| (), |_| call(CurrentUser {}), true);
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
