//! The Interview Portal: components, server functions and domain rules, shared by the server
//! (feature `ssr`) and the hydrated front end (feature `hydrate`). One folder per feature.

pub mod account;
pub mod applicants;
pub mod audit;
pub mod auth;
pub mod booking;
pub mod calendar;
pub mod clock;
pub mod codec;
pub mod communications;
pub mod day;
pub mod error;
pub mod ids;
pub mod itinerary;
pub mod live;
pub mod mail;
pub mod meeting_rooms;
pub mod programs;
pub mod release;
pub mod reminders;
pub mod reports;
pub mod scoring;
pub mod sessions;
pub mod shell;
pub mod text;
pub(crate) mod text_enum;
pub mod timetrack;
pub mod ui;
pub mod upload;
pub mod video;
pub mod waitlist;
pub mod wire;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod media;
#[cfg(feature = "ssr")]
pub mod outbox;
#[cfg(feature = "ssr")]
pub mod seed;
#[cfg(feature = "ssr")]
pub mod server;

// A session's edit follows its planned day: the Day page fills the extension point sessions
// offers (sessions::ssr::EditRule), so sessions never names day (the layering in the README).
#[cfg(feature = "ssr")]
inventory::submit! {
    sessions::ssr::EditRule(|state, tx, program, session, zone, input| {
        Box::pin(day::ssr::follow_plan(state, tx, program, session, zone, input))
    })
}

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, Link, Meta, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

/// The HTML document around the app (rendered on the server only). Its headers are set while
/// it renders: the Content-Security-Policy carries this response's nonce.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    server::page_headers();
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <HashedStylesheet options=options.clone() id="leptos"/>
                <AutoReload options=options.clone()/>
                {ui::build::meta(&options)}
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    live::provide_live();
    shell::provide_me();
    view! {
        <Link rel="icon" href="/favicon.svg" type_="image/svg+xml"/>
        <Meta name="description" content="Run your residency or fellowship interview season."/>
        <Title text="Interview Portal"/>
        <Router>
            // Screens written on the server (ui::ServerPanel) are sent whole (SsrMode::Async):
            // out-of-order streaming would hold their HTML in a template that only script puts
            // in place, so without script (or before it loads) they would show nothing.
            <Routes fallback=NotFound>
                <Route path=path!("/") view=shell::HomeRedirect/>
                <Route path=path!("/login") view=auth::components::LoginPage ssr=SsrMode::Async/>
                <Route path=path!("/signup") view=auth::components::SignUpPage ssr=SsrMode::Async/>
                <Route path=path!("/verify") view=auth::components::VerifyPage ssr=SsrMode::Async/>
                <Route path=path!("/set-password") view=auth::components::SetPasswordPage ssr=SsrMode::Async/>
                <Route path=path!("/forgot-password") view=auth::components::ForgotPasswordPage ssr=SsrMode::Async/>
                <Route path=path!("/confirm-email-change") view=account::components::EmailChangePage ssr=SsrMode::Async/>
                <Route path=path!("/account") view=account::components::AccountPage ssr=SsrMode::Async/>
                <Route path=path!("/overview") view=programs::components::OverviewPage ssr=SsrMode::Async/>
                <Route path=path!("/staff") view=programs::components::StaffPage ssr=SsrMode::Async/>
                <Route path=path!("/staff/import") view=programs::components::StaffImportPage ssr=SsrMode::Async/>
                <Route path=path!("/sessions") view=sessions::components::SessionsListPage ssr=SsrMode::Async/>
                <Route path=path!("/sessions/:id") view=sessions::components::SessionPage ssr=SsrMode::Async/>
                <Route path=path!("/sessions/:id/day") view=day::components::SessionDayPage/>
                <Route path=path!("/sessions/:id/timetrack") view=timetrack::components::OverviewPage/>
                <Route path=path!("/timetrack") view=timetrack::components::InterviewerPage/>
                <Route path=path!("/interview-day") view=timetrack::components::ApplicantPage/>
                <Route path=path!("/scores") view=scoring::components::MyScoresPage ssr=SsrMode::Async/>
                <Route path=path!("/scores/:session/:applicant") view=scoring::components::ScoreSheetPage ssr=SsrMode::Async/>
                <Route path=path!("/scoring-forms") view=scoring::components::ScoringFormsPage ssr=SsrMode::Async/>
                <Route path=path!("/ranks") view=scoring::components::RanksPage ssr=SsrMode::Async/>
                <Route path=path!("/applicants") view=applicants::components::ApplicantsListPage ssr=SsrMode::Async/>
                <Route path=path!("/applicants/import") view=applicants::import::pages::ImportPage ssr=SsrMode::Async/>
                <Route path=path!("/applicants/files") view=applicants::files::components::ApplicationFilesPage ssr=SsrMode::Async/>
                <Route path=path!("/applicants/:id") view=applicants::detail::ApplicantPage ssr=SsrMode::Async/>
                <Route path=path!("/settings") view=programs::components::SettingsPage ssr=SsrMode::Async/>
                <Route path=path!("/audit") view=audit::components::AuditLogPage ssr=SsrMode::Async/>
                <Route path=path!("/templates") view=communications::components::TemplatesPage ssr=SsrMode::Async/>
                <Route path=path!("/communications") view=communications::messages::components::CommunicationsPage ssr=SsrMode::Async/>
                <Route path=path!("/communications/send") view=communications::send_list::components::SendListPage ssr=SsrMode::Async/>
                <Route path=path!("/communications/messages/:id") view=communications::messages::components::MessagePage ssr=SsrMode::Async/>
                <Route path=path!("/reminders") view=reminders::components::RemindersPage ssr=SsrMode::Async/>
                <Route path=path!("/waitlists") view=waitlist::components::WaitlistsPage ssr=SsrMode::Async/>
                <Route path=path!("/reports") view=reports::components::ReportsPage ssr=SsrMode::Async/>
                <Route path=path!("/releases") view=release::components::ReleasesPage ssr=SsrMode::Async/>
                <Route path=path!("/notifications") view=reminders::components::NotificationsPage ssr=SsrMode::Async/>
                <Route path=path!("/my-programs") view=applicants::components::MyProgramsPage/>
                <Route path=path!("/my-day") view=itinerary::components::MyDayPage/>
                <Route path=path!("/meeting-rooms") view=meeting_rooms::components::MeetingRoomsPage ssr=SsrMode::Async/>
                <Route path=path!("/video/check") view=video::components::CheckSetupPage/>
                <Route path=path!("/video/:token") view=video::components::VideoRoomPage/>
            </Routes>
        </Router>
    }
}

#[component]
fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(opts) = use_context::<leptos_axum::ResponseOptions>() {
        opts.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <main class="auth" id="main">
            <div class="auth-card">
                <h1>"Page not found"</h1>
                <p class="muted">"The page you asked for does not exist."</p>
                <a class="btn btn-primary" href="/">"Go to your start page"</a>
            </div>
        </main>
    }
}
