//! Workflows of finalizing: what a publish would change, publish, take down, the versions, and
//! each person's published day. A publish tells only the people whose day changed: one e-mail
//! each (their net change) and a notice on their open pages.

use super::api::{Itinerary, PersonChange, PublishReview, VersionInfo};
use super::api::{MeetingRoomForm, MeetingRoomView, MeetingRoomsPage};
use super::domain::{changes, Audience, MeetingRoom, Published, Room, Stop, Stretch};
use super::print::VersionSheet;
use super::repo::{MeetingRoomRow, NewMeetingRoom};
use crate::auth::ssr::Staff;
use crate::day::api::DayPage;
use crate::day::domain::grid::check;
use crate::day::domain::timeline::Stretch as PlanStretch;
use crate::day::ssr::audit_day_change;
use crate::error::{AppError, AppResult};
use crate::ids::{ApplicantId, MeetingRoomId, ProgramId, SessionId, UserId};
use crate::live::{Audience as Hears, Change, Event};
use crate::programs::domain::{AuditAction, InterviewSetup};
use crate::server::AppState;
use crate::sessions::domain::long_date;
use crate::sessions::ssr::local_instant;

/// The day a publish would put out now: the draft's cells of confirmed applicants, with the
/// rooms' places or links by the setup option.
fn published_of(
    page: &DayPage,
    setup: InterviewSetup,
    meeting_rooms: &[MeetingRoomRow],
    public_url: &str,
) -> Published {
    let s = &page.session;
    let zone: chrono_tz::Tz = s.time_zone.parse().unwrap_or(chrono_tz::UTC);
    let instant = |t| local_instant(s.date, t, zone);
    let stretches = page
        .timeline
        .iter()
        .map(|st| match st {
            PlanStretch::Round { round, start, end } => Stretch {
                round: Some(*round),
                label: format!("Round {}", round + 1),
                start: *start,
                end: *end,
                starts_at: instant(*start),
                ends_at: instant(*end),
            },
            PlanStretch::Break { label, start, end } => Stretch {
                round: None,
                label: label.clone(),
                start: *start,
                end: *end,
                starts_at: instant(*start),
                ends_at: instant(*end),
            },
        })
        .collect();
    let rooms = page
        .rooms
        .iter()
        .map(|r| {
            let (place, link) = match setup {
                InterviewSetup::ExternalVideo => (
                    String::new(),
                    Some(r.location.clone()).filter(|l| !l.is_empty()),
                ),
                _ => (r.location.clone(), r.video_link.clone()),
            };
            Room {
                id: r.id,
                name: r.name.clone(),
                place,
                link,
                interviewers: r.interviewers.clone(),
            }
        })
        .collect();
    let confirmed = |a: ApplicantId| page.applicants.iter().any(|p| p.id == a);
    let meeting_rooms = meeting_rooms
        .iter()
        .map(|m| {
            let (place, link) = place_and_link(setup, &m.location, &m.video_token, public_url);
            MeetingRoom {
                name: m.name.clone(),
                audience: m.audience,
                start: m.start_time,
                end: m.end_time,
                starts_at: instant(m.start_time),
                ends_at: instant(m.end_time),
                place,
                link,
            }
        })
        .collect();
    Published {
        meeting_rooms,
        session: s.id,
        name: s.name.clone(),
        date: s.date,
        time_zone: s.time_zone.clone(),
        stretches,
        rooms,
        applicants: page.applicants.clone(),
        slots: page
            .slots()
            .into_iter()
            .filter(|x| confirmed(x.applicant))
            .collect(),
    }
}

/// A room's place and link by the setup option: with external video its location is the
/// link; with portal video it keeps its place and gets the portal's link.
fn place_and_link(
    setup: InterviewSetup,
    location: &str,
    video_token: &str,
    public_url: &str,
) -> (String, Option<String>) {
    match setup {
        InterviewSetup::ExternalVideo => (
            String::new(),
            Some(location.to_string()).filter(|l| !l.is_empty()),
        ),
        InterviewSetup::PortalVideo => (
            location.to_string(),
            Some(format!("{public_url}/video/{video_token}")),
        ),
        InterviewSetup::OutsidePortal => (location.to_string(), None),
    }
}

/// The day a publish would put out now, meeting rooms included.
async fn next_day(state: &AppState, by: Staff, page: &DayPage) -> AppResult<Published> {
    let program = crate::programs::ssr::program_of(state, by).await?;
    let meeting = state
        .repo
        .meeting_rooms(by.program_id, Some(page.session.id))
        .await?;
    Ok(published_of(
        page,
        program.interview_setup,
        &meeting,
        &state.config.public_url,
    ))
}

/// Why the draft cannot be published as it is (empty: it can).
fn problems(page: &DayPage) -> Vec<String> {
    let slots = page.slots();
    if slots.is_empty() {
        return vec!["The draft has no interviews yet: generate it first.".into()];
    }
    let mut out = Vec::new();
    let names = crate::day::components::grid::Names(page);
    for v in check(&page.shape(), &slots) {
        out.push(names.violation(&v));
    }
    let mut gone: Vec<ApplicantId> = slots
        .iter()
        .map(|s| s.applicant)
        .filter(|a| !page.applicants.iter().any(|p| p.id == *a))
        .collect();
    gone.sort_unstable();
    gone.dedup();
    for a in gone {
        out.push(format!(
            "{} is no longer confirmed for this session: take them off the draft.",
            names.applicant(a)
        ));
    }
    out
}

fn unreadable(e: serde_json::Error) -> AppError {
    tracing::error!("a published day could not be read or written: {e}");
    AppError::Internal
}

/// Someone whose day a publish changes, and how.
struct Affected {
    name: String,
    who: Who,
    lines: Vec<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Who {
    Applicant(ApplicantId),
    Interviewer(UserId),
}

impl Affected {
    fn applicant(&self) -> bool {
        matches!(self.who, Who::Applicant(_))
    }
}

/// Who is affected from `before` (the version out, if any) to `after`, and how.
fn affected(before: Option<&Published>, after: Option<&Published>) -> Vec<Affected> {
    let day_of = |p: Option<&Published>, who: Who| {
        p.map(|p| match who {
            Who::Applicant(a) => p.applicant_day(a),
            Who::Interviewer(u) => p.interviewer_day(u),
        })
        .unwrap_or_default()
    };
    let mut people: Vec<(Who, String)> = Vec::new();
    for p in before.into_iter().chain(after) {
        let (applicants, interviewers) = p.people();
        people.extend(applicants.into_iter().filter_map(|id| {
            let a = p.applicants.iter().find(|x| x.id == id)?;
            Some((Who::Applicant(id), a.name.clone()))
        }));
        people.extend(interviewers.into_iter().filter_map(|id| {
            let i = p
                .rooms
                .iter()
                .flat_map(|r| r.interviewers.iter())
                .find(|x| x.id == id)?;
            Some((Who::Interviewer(id), i.name.clone()))
        }));
    }
    people.sort_by_key(|p| p.0);
    people.dedup_by_key(|p| p.0);
    let mut out: Vec<Affected> = Vec::new();
    for (who, name) in people {
        let lines = changes(&day_of(before, who), &day_of(after, who));
        if !lines.is_empty() {
            out.push(Affected { name, who, lines });
        }
    }
    out.sort_by(|a, b| (!a.applicant(), &a.name).cmp(&(!b.applicant(), &b.name)));
    out
}

/// The affected people with the e-mail they are reached at (only those who have one).
async fn reach(
    state: &AppState,
    program: ProgramId,
    affected: Vec<Affected>,
) -> AppResult<Vec<(Affected, String)>> {
    let mut out = Vec::with_capacity(affected.len());
    for a in affected {
        let email = match a.who {
            Who::Applicant(id) => state.repo.applicant_email(program, id).await?,
            Who::Interviewer(id) => state.repo.user_email(id).await?,
        };
        out.extend(email.map(|e| (a, e)));
    }
    Ok(out)
}

/// What publishing the draft now would do: the Day page, the version out, the day that would
/// go out and who it changes.
struct Prospect {
    page: DayPage,
    out: Option<(i64, Published)>,
    next: Published,
    affected: Vec<Affected>,
}

async fn prospect(state: &AppState, by: Staff, session_id: SessionId) -> AppResult<Prospect> {
    let page = crate::day::ssr::day_page(state, by, session_id).await?;
    let out = out_now(state, session_id).await?;
    let next = next_day(state, by, &page).await?;
    let affected = affected(out.as_ref().map(|o| &o.1), Some(&next));
    Ok(Prospect {
        page,
        out,
        next,
        affected,
    })
}

fn reviewed_stale() -> AppError {
    AppError::Conflict(
        "The draft changed since you reviewed it: review the changes again before publishing."
            .into(),
    )
}

fn person_changes(list: &[Affected]) -> Vec<PersonChange> {
    list.iter()
        .map(|a| PersonChange {
            name: a.name.clone(),
            role: if a.applicant() {
                "Applicant"
            } else {
                "Interviewer"
            }
            .into(),
            lines: a.lines.clone(),
        })
        .collect()
}

pub(crate) async fn out_now(
    state: &AppState,
    session: SessionId,
) -> AppResult<Option<(i64, Published)>> {
    let Some(row) = state.repo.published(session).await? else {
        return Ok(None);
    };
    let body = serde_json::from_str(&row.body).map_err(unreadable)?;
    Ok(Some((row.version, body)))
}

/// A published version as shown to staff, its time in the session's zone (`zone`, as stored).
fn version_info(row: crate::itinerary::repo::VersionRow, zone: &str) -> VersionInfo {
    VersionInfo {
        version: row.version,
        by: row
            .published_by
            .unwrap_or_else(|| "a former staff member".into()),
        when: crate::sessions::domain::stamp_in(
            row.published_at,
            zone.parse().unwrap_or(chrono_tz::UTC),
        ),
    }
}

/// Coordinators: the Finalize card: the version out, every version, and what publishing the
/// draft now would change, for whom (or why it cannot be published).
pub async fn review(
    state: &AppState,
    by: Staff,
    session_id: SessionId,
) -> AppResult<PublishReview> {
    let p = prospect(state, by, session_id).await?;
    let versions: Vec<VersionInfo> = state
        .repo
        .versions(session_id)
        .await?
        .into_iter()
        .map(|row| version_info(row, &p.page.session.time_zone))
        .collect();
    Ok(PublishReview {
        out: p.out.map(|o| o.0),
        next: versions.first().map_or(1, |v| v.version + 1),
        versions,
        draft_version: p.page.draft_version,
        changes: person_changes(&p.affected),
        problems: problems(&p.page),
    })
}

/// Coordinators: publishes the draft as the next version, when it is still the one reviewed
/// (`draft_version`) and breaks no rule; tells each person whose day changed.
pub async fn finalize(
    state: &AppState,
    by: Staff,
    session_id: SessionId,
    draft_version: i64,
) -> AppResult<i64> {
    let Prospect {
        page,
        next,
        affected,
        ..
    } = prospect(state, by, session_id).await?;
    if page.draft_version != draft_version {
        return Err(reviewed_stale());
    }
    if let Some(first) = problems(&page).into_iter().next() {
        return Err(AppError::Conflict(format!("Not published: {first}")));
    }
    let body = serde_json::to_string(&next).map_err(unreadable)?;
    let (_, interviewers) = next.people();
    let reached = reach(state, by.program_id, affected).await?;
    let mut tx = state.repo.begin_write().await?;
    // Two coordinators publishing at once: the draft's version is read again under the write.
    if state.repo.draft_version_locked(&mut tx, session_id).await? != draft_version {
        return Err(reviewed_stale());
    }
    let version = state
        .repo
        .publish_version(&mut tx, session_id, &body, by.user_id, &interviewers)
        .await?;
    let to = format!("version {version}");
    audit_day_change(
        state,
        &mut tx,
        by,
        session_id,
        AuditAction::Published,
        None,
        Some(&to),
    )
    .await?;
    let what = format!("{} ({})", next.name, long_date(next.date));
    for (a, email) in &reached {
        let (subject, body) = email_of(state, &what, a, version);
        state
            .repo
            .enqueue_email(&mut tx, Some(by.program_id), email, &subject, &body)
            .await?;
    }
    tx.commit().await?;
    state.outbox_wake.notify_one();
    notify(state, &what, &reached);
    Ok(version)
}

/// Coordinators: takes the published day down: applicants see only their confirmed session
/// again, interviewers no rounds; everyone who had a day is told.
pub async fn unfinalize(state: &AppState, by: Staff, session_id: SessionId) -> AppResult<()> {
    // The coordinator guard and the setup option, as for any Day function.
    crate::day::ssr::day_page(state, by, session_id).await?;
    let Some((version, out)) = out_now(state, session_id).await? else {
        return Err(AppError::Conflict("This day is not finalized.".into()));
    };
    let mut affected = affected(Some(&out), None);
    let what = format!("{} ({})", out.name, long_date(out.date));
    for a in &mut affected {
        a.lines = vec![format!(
            "Your itinerary for {what} was taken down while the schedule changes; you will hear when it is published again."
        )];
    }
    let reached = reach(state, by.program_id, affected).await?;
    let mut tx = state.repo.begin_write().await?;
    state.repo.set_out(&mut tx, session_id, None, &[]).await?;
    let from = format!("version {version}");
    audit_day_change(
        state,
        &mut tx,
        by,
        session_id,
        AuditAction::Unpublished,
        Some(&from),
        None,
    )
    .await?;
    for (a, email) in &reached {
        let subject = format!("Itinerary taken down: {what}");
        let body = format!("Hello {},\n\n{}\n", a.name, a.lines.join("\n"));
        state
            .repo
            .enqueue_email(&mut tx, Some(by.program_id), email, &subject, &body)
            .await?;
    }
    tx.commit().await?;
    state.outbox_wake.notify_one();
    notify(state, &what, &reached);
    Ok(())
}

fn email_of(state: &AppState, what: &str, a: &Affected, version: i64) -> (String, String) {
    let page = if a.applicant() {
        "my-programs"
    } else {
        "my-day"
    };
    let subject = format!("Your interview day: {what}");
    let body = format!(
        "Hello {},\n\nThe schedule of {what} was published (version {version}). For you:\n\n{}\n\nYour itinerary: {}/{page}\n",
        a.name,
        a.lines
            .iter()
            .map(|l| format!("- {l}"))
            .collect::<Vec<_>>()
            .join("\n"),
        state.config.public_url
    );
    (subject, body)
}

/// A notice on each affected person's open pages (a page that hears a notice reloads what it
/// shows, their itinerary included).
fn notify(state: &AppState, what: &str, reached: &[(Affected, String)]) {
    for (a, email) in reached {
        state.hub.publish(Event {
            audiences: vec![Hears::Person(email.clone())],
            change: Change::Notice(format!("{what}: {}", a.lines.join(" "))),
        });
    }
}

/// A published version of the session (`None`: the one out, else the newest).
async fn load_version(
    state: &AppState,
    by: Staff,
    session_id: SessionId,
    version: Option<i64>,
) -> AppResult<(Published, VersionInfo)> {
    crate::day::ssr::day_page(state, by, session_id).await?;
    let versions = state.repo.versions(session_id).await?;
    let wanted = match version {
        Some(v) => Some(v),
        None => out_now(state, session_id)
            .await?
            .map(|o| o.0)
            .or_else(|| versions.first().map(|v| v.version)),
    };
    let info = versions
        .into_iter()
        .find(|v| Some(v.version) == wanted)
        .ok_or_else(|| AppError::NotFound("This day has no such published version.".into()))?;
    let body = state
        .repo
        .version_body(session_id, info.version)
        .await?
        .ok_or_else(crate::sessions::ssr::not_found)?;
    let day: Published = serde_json::from_str(&body).map_err(unreadable)?;
    let info = version_info(info, &day.time_zone);
    Ok((day, info))
}

/// Coordinators: one published version as a day sheet: rounds down, rooms across.
pub async fn version_sheet(
    state: &AppState,
    by: Staff,
    session_id: SessionId,
    version: i64,
) -> AppResult<VersionSheet> {
    let (day, info) = load_version(state, by, session_id, Some(version)).await?;
    Ok(super::print::sheet_of(&day, info))
}

/// An applicant's published day in a session (`None`: not finalized, or not on it).
pub async fn applicant_itinerary(
    state: &AppState,
    program_name: &str,
    session: SessionId,
    applicant: ApplicantId,
) -> AppResult<Option<Itinerary>> {
    let Some((version, day)) = out_now(state, session).await? else {
        return Ok(None);
    };
    let stops = day.applicant_day(applicant);
    if stops.is_empty() {
        return Ok(None);
    }
    itinerary(state, program_name, version, &day, stops)
        .await
        .map(Some)
}

/// The caller's published days as an interviewer, across sessions and programs.
pub async fn my_days(state: &AppState, me: UserId) -> AppResult<Vec<Itinerary>> {
    let mut out = Vec::new();
    for row in state.repo.interviewer_days(me).await? {
        let Ok(day) = serde_json::from_str::<Published>(&row.body) else {
            continue;
        };
        let stops = day.interviewer_day(me);
        if !stops.is_empty() {
            out.push(itinerary(state, &row.program_name, row.version, &day, stops).await?);
        }
    }
    Ok(out)
}

async fn itinerary(
    state: &AppState,
    program: &str,
    version: i64,
    day: &Published,
    stops: Vec<Stop>,
) -> AppResult<Itinerary> {
    Ok(Itinerary {
        program: program.to_string(),
        session_id: day.session,
        session: day.name.clone(),
        date: day.date,
        time_zone: day.time_zone.clone(),
        version,
        stops,
        times: crate::clock::ssr::times_now(state, day.session, &day.stretches).await?,
    })
}

/// The person's calendar feed as iCalendar text: their interviews as applicant and as
/// interviewer, across programs, from the published versions only.
pub async fn feed(state: &AppState, user: UserId, email: &str) -> AppResult<String> {
    use super::calendar::{feed_events, ics, Role, SessionHistory};
    let records = state.repo.applicant_records(email).await?;
    let memberships: Vec<ProgramId> = state
        .repo
        .memberships(user)
        .await?
        .into_iter()
        .map(|m| m.program_id)
        .collect();
    let mut sessions: Vec<SessionHistory> = Vec::new();
    for row in state.repo.calendar_history(user, email).await? {
        let program = row.program_id;
        let Ok(day) = serde_json::from_str::<Published>(&row.body) else {
            continue;
        };
        let roles: Vec<Role> = records
            .iter()
            .filter(|r| r.program_id == program)
            .map(|r| Role::Applicant {
                id: r.id,
                confirmed: r.session_id == Some(row.session_id)
                    && r.status == crate::applicants::domain::Status::Confirmed,
            })
            .chain(
                memberships
                    .contains(&program)
                    .then_some(Role::Interviewer(user)),
            )
            .collect();
        for role in roles {
            match sessions
                .iter_mut()
                .find(|h| h.session == row.session_id && h.role == role)
            {
                Some(h) => h.versions.push((row.version, day.clone())),
                None => sessions.push(SessionHistory {
                    session: row.session_id,
                    program: row.program_name.clone(),
                    versions: vec![(row.version, day.clone())],
                    out: row.published_version,
                    role,
                }),
            }
        }
    }
    Ok(ics(&feed_events(user, &sessions, chrono::Utc::now())))
}

/// The feed of a calendar token (`None`: unknown or revoked).
pub async fn feed_by_token(state: &AppState, token: &str) -> AppResult<Option<String>> {
    let hash = crate::auth::ssr::hash_token(token);
    match state.repo.calendar_owner(&hash).await? {
        Some((user, email)) => Ok(Some(feed(state, user, &email).await?)),
        None => Ok(None),
    }
}

/// Makes the caller a new private calendar link (the old one stops working); returns it.
pub async fn new_calendar_link(state: &AppState, user: UserId) -> AppResult<String> {
    let (token, hash) = crate::auth::ssr::new_token();
    state.repo.set_calendar_token(user, &hash).await?;
    Ok(format!("{}/calendar/{token}", state.config.public_url))
}

/// Whether the caller has a calendar link on (the card offers to turn it off only then).
pub async fn calendar_link_on(state: &AppState, user: UserId) -> AppResult<bool> {
    Ok(state.repo.has_calendar_token(user).await?)
}

/// Turns the caller's calendar link off.
pub async fn revoke_calendar_link(state: &AppState, user: UserId) -> AppResult<()> {
    state.repo.delete_calendar_token(user).await?;
    Ok(())
}

/// Coordinators: the printable sheet of a published version (`None`: the one out, else the
/// newest).
pub async fn print_day(
    state: &AppState,
    by: Staff,
    session_id: SessionId,
    version: Option<i64>,
) -> AppResult<String> {
    let (day, info) = load_version(state, by, session_id, version).await?;
    Ok(super::print::day_sheet(&day, info))
}

/// Staff: their own published days, printable.
pub async fn print_my_days(state: &AppState, user: UserId, name: &str) -> AppResult<String> {
    Ok(super::print::my_days(name, &my_days(state, user).await?))
}

/// Coordinators: the program's meeting rooms, with its sessions to choose from.
pub async fn meeting_rooms(state: &AppState, by: Staff) -> AppResult<MeetingRoomsPage> {
    let program = crate::programs::ssr::program_of(state, by).await?;
    let sessions = state.repo.sessions(by.program_id).await?;
    let rooms = state
        .repo
        .meeting_rooms(by.program_id, None)
        .await?
        .into_iter()
        .map(|m| {
            let (place, link) = place_and_link(
                program.interview_setup,
                &m.location,
                &m.video_token,
                &state.config.public_url,
            );
            MeetingRoomView {
                id: m.id,
                session: m
                    .session_id
                    .and_then(|id| sessions.iter().find(|s| s.id == id))
                    .map(|s| s.name.clone()),
                name: m.name,
                audience: m.audience,
                start: m.start_time,
                end: m.end_time,
                place,
                link,
            }
        })
        .collect();
    Ok(MeetingRoomsPage {
        rooms,
        sessions: sessions.into_iter().map(|s| (s.id, s.name)).collect(),
        setup: program.interview_setup,
    })
}

/// Coordinators: adds a meeting room to one session (`session_id`) or to every session; it
/// reaches itineraries with the next publish.
pub async fn add_meeting_room(
    state: &AppState,
    by: Staff,
    form: &MeetingRoomForm,
) -> AppResult<MeetingRoomId> {
    let program = crate::programs::ssr::program_of(state, by).await?;
    let name = crate::text::single_line(
        &form.name,
        "name",
        80,
        "Give the room a name, e.g. Welcome or Lounge.",
    )?;
    let audience = Audience::parse(form.audience.trim())
        .ok_or_else(|| AppError::invalid("audience", "Choose applicants, interviewers or both."))?;
    let time = |field: &str, text: &str| {
        chrono::NaiveTime::parse_from_str(text.trim(), "%H:%M")
            .map_err(|_| AppError::invalid(field, "Enter a time as HH:MM, e.g. 07:30."))
    };
    let (start, end) = (time("start", &form.start)?, time("end", &form.end)?);
    if end <= start {
        return Err(AppError::invalid("end", "The room closes after it opens."));
    }
    let session = match form.session_id.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => {
            let id: SessionId = text
                .parse()
                .map_err(|_| AppError::invalid("session_id", "Choose a session."))?;
            state
                .repo
                .session(by.program_id, id)
                .await?
                .ok_or_else(|| {
                    AppError::invalid("session_id", "Choose a session of this program.")
                })?;
            Some(id)
        }
    };
    let location = form.location.trim();
    let location = if location.is_empty() {
        String::new()
    } else {
        crate::text::single_line(location, "location", 500, "")?
    };
    if program.interview_setup == InterviewSetup::ExternalVideo && !location.starts_with("https://")
    {
        return Err(AppError::invalid(
            "location",
            "Enter the meeting link, starting with https:// (a Zoom, Teams or WebEx link).",
        ));
    }
    let token = crate::auth::ssr::new_token().0;
    let id = state
        .repo
        .create_meeting_room(
            by.program_id,
            &NewMeetingRoom {
                session,
                name: &name,
                audience,
                start,
                end,
                location: &location,
                video_token: &token[..16],
            },
        )
        .await?;
    Ok(id)
}

/// Coordinators: removes a meeting room (itineraries lose it with the next publish).
pub async fn remove_meeting_room(state: &AppState, by: Staff, id: MeetingRoomId) -> AppResult<()> {
    if !state.repo.delete_meeting_room(by.program_id, id).await? {
        return Err(AppError::NotFound(
            "That meeting room was not found.".into(),
        ));
    }
    Ok(())
}
