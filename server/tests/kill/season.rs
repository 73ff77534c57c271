//! The season around the kill test's rush: a waitlist offer held for the first of two in line,
//! and an interview day under way; made in process before the server starts, then read back
//! from the server (its day clock) and the database (the offer) after the restart.

use super::client::Conn;
use super::eventually;
use crate::common::{as_applicant, TestApp, TestProgram};
use app::auth::ssr::Applicant;
use app::booking::rules::WaitlistMode;
use app::clock::types::{ClockState, ClockView};
use app::ids::SessionId;
use chrono::{DateTime, Utc};
use std::net::SocketAddr;
use std::time::Duration;

pub struct Season {
    pub wait: TestProgram,
    waiting: Vec<Applicant>,
    offer_until: DateTime<Utc>,
    pub session: SessionId,
    /// The day's director logged in (a login session made in the database).
    pub day_cookie: String,
}

pub async fn season(app: &TestApp) -> Season {
    let (wait, _, waiting) = crate::waitlist::full_program(app, WaitlistMode::Sequential, 2).await;
    app::booking::ssr::change::cancel(&wait.state, &as_applicant("ana@wait.test"), wait.id())
        .await
        .unwrap();
    app::waitlist::ssr::job::run_due(&wait.state).await.unwrap();
    let offer_until = offer_of(&wait, &waiting[0]).await.expect("an offer");
    let (day, session, _) = crate::clock::published_day(app).await;
    app::clock::ssr::act(&day.state, day.director, session, "start", "")
        .await
        .unwrap();
    let day_cookie = super::common::login_cookie(&app.state, day.director)
        .await
        .unwrap();
    Season {
        wait,
        waiting,
        offer_until,
        session,
        day_cookie,
    }
}

async fn offer_of(p: &TestProgram, who: &Applicant) -> Option<DateTime<Utc>> {
    let plans = app::waitlist::ssr::mine::my_plans(&p.state, who, p.id())
        .await
        .unwrap();
    plans.places.first().and_then(|place| place.offer_until)
}

/// The day's clock as the server at `addr` answers it to its director.
pub async fn day_clock(addr: SocketAddr, cookie: &str, session: SessionId) -> ClockView {
    let mut conn = Conn::open(addr).await.unwrap();
    let (status, body) = conn
        .call("day-clock", cookie, format!("session_id={}", session.0))
        .await
        .unwrap();
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    let view: ClockView = serde_json::from_slice(&body).unwrap();
    assert_eq!(view.state, ClockState::Running);
    view
}

/// Moves the clock of every instance by `ms` (as time passes for all of them).
pub async fn advance(addrs: &[SocketAddr], ms: i64) {
    for addr in addrs {
        let (status, body) = Conn::open(*addr)
            .await
            .unwrap()
            .post("/test/clock", "", format!("advance_ms={ms}"))
            .await
            .unwrap();
        assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    }
}

impl Season {
    /// After the restart, before time moves: the day runs the same round to the same end, was
    /// started once; the offer is held to the same end, made once, the next in line not offered.
    pub async fn as_it_was(&self, db: &str, app: &TestApp, addr: SocketAddr, before: &ClockView) {
        let after = day_clock(addr, &self.day_cookie, self.session).await;
        assert_eq!(
            (&after.phase, after.deadline),
            (&before.phase, before.deadline),
            "[{db}] the same round, ending when it did"
        );
        let events = app
            .state
            .repo
            .clock_events(None, self.session)
            .await
            .unwrap();
        assert_eq!(events.len(), 1, "[{db}] started once: {events:?}");
        let (w0, w1) = (&self.waiting[0], &self.waiting[1]);
        assert_eq!(
            offer_of(&self.wait, w0).await,
            Some(self.offer_until),
            "[{db}]"
        );
        assert_eq!(offer_of(&self.wait, w1).await, None, "[{db}]");
        let to_w0 = crate::waitlist::subjects_to(&self.wait, &w0.email).await;
        let offers = to_w0
            .iter()
            .filter(|s| s.starts_with("A seat is held for you"));
        assert_eq!(offers.count(), 1, "[{db}] offered once: {to_w0:?}");
    }

    /// Twenty minutes on: the round's end is announced to the day's screens (a push stream on
    /// `addr`, opened before).
    pub async fn round_ends(&self, db: &str, addrs: &[SocketAddr], addr: SocketAddr) {
        let mut screen = super::client::stream(&addr.into(), &self.day_cookie)
            .await
            .unwrap();
        advance(addrs, 20 * 60_000 + 5_000).await;
        let announced = tokio::time::timeout(Duration::from_secs(20), async {
            while let Some((_, m)) = screen.recv().await {
                if m.clocks.iter().any(|c| c.phase == "Passing time") {
                    return true;
                }
            }
            false
        })
        .await;
        assert_eq!(announced, Ok(true), "[{db}] the round's end announced");
    }

    /// A day on, the offer has run out: it goes to the next in line, and the first is told.
    pub async fn offer_runs_out(&self, db: &str, addrs: &[SocketAddr]) {
        advance(addrs, 86_400_000).await;
        let (w0, w1) = (&self.waiting[0], &self.waiting[1]);
        assert!(
            eventually(30, || async { offer_of(&self.wait, w1).await.is_some() }).await,
            "[{db}] the next in line is offered the seat"
        );
        let to_w0 = crate::waitlist::subjects_to(&self.wait, &w0.email).await;
        assert!(
            to_w0
                .iter()
                .any(|s| s.starts_with("Seat no longer available")),
            "[{db}] {to_w0:?}"
        );
    }
}
