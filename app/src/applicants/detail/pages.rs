//! An applicant's page, written on the server: their record and history (`applicant-page`; the
//! history is the audit log's section) and the forms of the changes the rules allow now
//! (`applicant-changes`), each with an optional reason; a refused change answers in place with
//! its sentence.

use crate::error::AppError;
use crate::ids::ApplicantId;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::ssr::{applicant_page, ApplicantPage},
    crate::applicants::changes::api::{
        CancelBooking, DeleteApplicant, MoveApplicant, WithdrawApplicant,
    },
    crate::applicants::components::StatusBadge,
    crate::applicants::domain::Transition,
    crate::sessions::types::{when, SessionSummary},
    crate::ui::{html_of, message_line, refused_post, Notice, NoticeKind, PageHeader, RefusedPost},
    leptos::server_fn::ServerFn,
};

/// Coordinators: an applicant of their program, as it stands.
#[server(output = crate::codec::Compact, endpoint = "applicant-page")]
pub async fn applicant_screen(id: ApplicantId) -> Result<String, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    let page = applicant_page(&state, staff, id).await?;
    let history = crate::audit::pages::history(&state, staff, id).await?;
    let file = crate::applicants::files::pages::applicant_section(&state, id).await?;
    let messages = super::messages::messages_section(&state, staff, id, page.zone).await?;
    Ok(record_html(
        &page,
        view! { {file} {messages} {history} }.into_any(),
    ))
}

/// Coordinators: the changes open to an applicant of their program now.
#[server(output = crate::codec::Compact, endpoint = "applicant-changes")]
pub async fn applicant_changes(id: ApplicantId) -> Result<String, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    let page = applicant_page(&state, staff, id).await?;
    Ok(changes_html(&page, refused_post()))
}

/// Their name, ids, status (in words), session and choices, invitation, the summary, and their
/// history (the audit log's section).
#[cfg(feature = "ssr")]
fn record_html(p: &ApplicantPage, history: AnyView) -> String {
    let r = &p.record;
    let a = &r.view;
    let session = |id| {
        p.sessions
            .iter()
            .find(|s| Some(s.id) == id)
            .map(|s| format!("{} · {}", s.name, when(s)))
    };
    let fact = |term: &'static str, value: Option<String>| {
        value
            .filter(|v| !v.is_empty())
            .map(|v| view! { <dt>{term}</dt><dd>{v}</dd> })
    };
    let invitation = match &p.sent {
        Some(at) => format!("Sent {at}"),
        None if a.invitation_sent_at.is_some() => "Sent".into(),
        None => "Not sent".into(),
    };
    let summary = (!p.summary.is_empty()).then(|| {
        let rows = p
            .summary
            .iter()
            .map(|(k, v)| view! { <dt>{k.clone()}</dt><dd>{v.clone()}</dd> })
            .collect_view();
        view! {
            <section class="card" aria-labelledby="application-summary">
                <h2 id="application-summary">"Application summary"</h2>
                <dl class="facts">{rows}</dl>
            </section>
        }
    });
    // A change does not rewrite a day's schedule: the Day page marks the cells of someone who
    // left, and the coordinator takes them off (and publishes again, which tells the people).
    let placed = p
        .still_placed
        .iter()
        .map(|(s, published)| {
            let then = if *published {
                ", then publish the day again so its interviewers are told"
            } else {
                ""
            };
            let said = format!(
                "The {} schedule of {} · {} still places {}, who no longer holds a seat there. ",
                if *published { "published" } else { "draft" },
                s.name,
                when(s),
                a.name,
            );
            let day = format!("/sessions/{}/day", s.id);
            view! {
                <Notice kind=NoticeKind::Info>
                    <p data-testid="still-placed">
                        {said}
                        <a href=day>"Open the Day page"</a>
                        {format!(" to take them off{then}.")}
                    </p>
                </Notice>
            }
        })
        .collect_view();
    html_of(view! {
        <PageHeader eyebrow="Applicant" title=a.name.clone() lead=a.email.clone()/>
        {placed}
        <section class="card" aria-labelledby="applicant-record">
            <h2 id="applicant-record">"Where they stand"</h2>
            <dl class="facts">
                <dt>"Status"</dt>
                <dd data-testid="applicant-status"><StatusBadge status=a.status/></dd>
                // A cancelled, declined or withdrawn applicant's session is the one they left.
                {fact(
                    if a.status.holds_seat() { "Session" } else { "Session (seat given up)" },
                    session(a.session_id),
                )}
                {fact("1st choice", session(a.first_choice))}
                {fact("2nd choice", session(a.second_choice))}
                <dt>"Invitation"</dt>
                <dd>{invitation}</dd>
                <dt>"E-mail"</dt>
                <dd>{a.email.clone()}</dd>
                {fact("Application id", r.application_id.clone())}
                {fact("NRMP id", r.nrmp_id.clone())}
                {fact("Track", r.track.clone())}
                {fact("Phone", r.phone.clone())}
            </dl>
        </section>
        {summary}
        {history}
    })
}

/// A form for each change the rules allow now; none open says so. A refused change whose form
/// is no longer open (another tab changed the applicant meanwhile) is said above them.
#[cfg(feature = "ssr")]
fn changes_html(p: &ApplicantPage, refused: Option<RefusedPost>) -> String {
    let a = &p.record.view;
    let open = |t| p.allows(t);
    let mut forms = Vec::new();
    let mut shown = Vec::new();
    if open(Transition::Move) {
        forms.push(move_form(p).into_any());
        shown.push(MoveApplicant::PATH);
    }
    let name = &a.name;
    // (the rule, the server function, the fields' key, the heading, what it does, the button)
    let simple = [
        (
            Transition::Cancel,
            CancelBooking::PATH,
            "cancel",
            "Cancel the booking",
            "Cancels the booking and frees the seat at once; they are told by e-mail.",
            format!("Cancel {name}'s booking"),
        ),
        (
            Transition::Withdraw,
            WithdrawApplicant::PATH,
            "withdraw",
            "Withdraw",
            "The program withdraws its invitation (a seat held is freed); they are told by e-mail if the invitation reached them.",
            format!("Withdraw {name}"),
        ),
        (
            Transition::Delete,
            DeleteApplicant::PATH,
            "delete",
            "Delete",
            "Removes them from the program: they never booked a session. The history keeps who deleted them and why.",
            format!("Delete {name}"),
        ),
    ];
    for (t, action, key, title, text, button) in simple {
        if open(t) {
            forms.push(change_form(action, key, title, text, button, p).into_any());
            shown.push(action);
        }
    }
    let gone = refused
        .filter(|r| !shown.contains(&r.path.as_str()))
        .map(|r| view! { <p class="alert alert-error" role="alert">{r.error.to_string()}</p> });
    let body = if forms.is_empty() {
        let said = format!("{} is {}: no change is open now.", a.name, a.status.label());
        view! { <p class="muted">{said}</p> }.into_any()
    } else {
        view! { <div class="change-forms">{forms}</div> }.into_any()
    };
    html_of(view! {
        <section class="card" aria-labelledby="applicant-changes">
            <h2 id="applicant-changes">"Changes"</h2>
            <p class="muted small">"A reason is optional; it stays in the history and is not sent to the applicant."</p>
            {gone}
            {body}
        </section>
    })
}

/// The reason field of a change's form (`key` keeps its id apart from the other forms').
#[cfg(feature = "ssr")]
fn reason_field(key: &'static str) -> impl IntoView {
    let id = format!("{key}-reason");
    view! {
        <div class="field">
            <label for=id.clone()>"Reason (optional)"</label>
            <input id=id name="reason" type="text" maxlength="500" autocomplete="off"/>
        </div>
    }
}

/// A change with only a reason: withdraw, cancel, delete (after it, the list). `key` names its
/// fields' ids; `button` says what it does to whom.
#[cfg(feature = "ssr")]
fn change_form(
    action: &'static str,
    key: &'static str,
    title: &'static str,
    text: &'static str,
    button: String,
    p: &ApplicantPage,
) -> impl IntoView {
    let a = &p.record.view;
    let (heading, labelled_by) = (format!("{key}-heading"), format!("{key}-heading"));
    let after = (key == "delete").then_some("/applicants");
    let class = match key {
        "delete" => "btn btn-danger",
        _ => "btn btn-outline",
    };
    view! {
        <form method="post" action=action class="change-form" aria-labelledby=labelled_by data-after=after>
            <h3 id=heading>{title}</h3>
            <p class="muted small">{text}</p>
            <input type="hidden" name="id" value=a.id.to_string()/>
            {reason_field(key)}
            <button class=class type="submit">{button}</button>
            {message_line()}
        </form>
    }
}

/// Moving a confirmed applicant: the program's other sessions with a seat.
#[cfg(feature = "ssr")]
fn move_form(p: &ApplicantPage) -> impl IntoView {
    let a = &p.record.view;
    let options = p
        .sessions
        .iter()
        .filter(|s| Some(s.id) != a.session_id && !s.fill.is_full())
        .map(|s: &SessionSummary| {
            let text = format!("{} · {} ({} left)", s.name, when(s), s.fill.seats_left());
            view! { <option value=s.id.to_string()>{text}</option> }
        })
        .collect_view();
    view! {
        <form method="post" action=MoveApplicant::PATH class="change-form" aria-labelledby="move-heading">
            <h3 id="move-heading">"Move to another session"</h3>
            <p class="muted small">"The seat is checked as they move; they are told by e-mail."</p>
            <input type="hidden" name="id" value=a.id.to_string()/>
            <div class="field">
                <label for="move-session">"Session"</label>
                <select id="move-session" name="session_id">
                    <option value="">"Choose a session"</option>
                    {options}
                </select>
            </div>
            {reason_field("move")}
            <button class="btn btn-primary" type="submit">{format!("Move {}", a.name)}</button>
            {message_line()}
        </form>
    }
}
