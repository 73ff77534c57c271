//! The Releases page (coordinators): a panel written on the server (`release::pages`); and a
//! fair release's part of an applicant's My Programs card (its window, the ranking form, the
//! seed once drawn), a component: it opens and closes with the server's clock.

use super::api::{LoadMyReleases, RankSessions};
use super::pages::ReleasesPage as ReleasesScreen;
use super::types::FairView;
use crate::ids::ProgramId;
use crate::shell::StaffShell;
use crate::ui::{
    action_error, call, load, FormAction, FormError, Loaded, PageHeader, PostForm, ServerPanel,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ReleasesPage() -> impl IntoView {
    let reload = RwSignal::new(0u64);
    let html = load(move || reload.get(), |_| call(ReleasesScreen {}));
    view! {
        <Title text="Releases · Interview Portal"/>
        <StaffShell>
            <PageHeader
                title="Releases"
                lead="Sessions that open for booking together, at a set time."
            />
            <ServerPanel html reload/>
        </StaffShell>
    }
}

/// The applicant's fair releases, loaded by My Programs above its frame, with the ranking
/// form's action (made once, so a push keeps its answer).
#[derive(Clone, Copy)]
pub struct ReleasesData {
    pub releases: crate::ui::Data<Vec<FairView>>,
    pub rank: FormAction<RankSessions>,
}

impl ReleasesData {
    /// Loads them, again whenever `source` changes.
    pub fn load<S>(source: impl Fn() -> S + Send + Sync + 'static) -> ReleasesData
    where
        S: Send + Sync + Clone + PartialEq + 'static,
    {
        ReleasesData {
            releases: load(source, |_| call(LoadMyReleases {})),
            rank: FormAction::new(),
        }
    }
}

/// A program's fair releases on its card: when ranking opens, the ranking form while the
/// window is open (each place a select of the release's sessions), and the seed once drawn.
#[component]
pub fn FairRanking(program_id: ProgramId) -> impl IntoView {
    let Some(ReleasesData { releases, rank }) = use_context::<ReleasesData>() else {
        return ().into_any();
    };
    let now = crate::ui::server_now(1000);
    view! {
        <FormError error=action_error(rank)/>
        <Loaded resource=releases let:all>
            {all
                .into_iter()
                .filter(|f| f.program_id == program_id)
                .map(|f| view! { <FairRelease f now rank/> })
                .collect_view()}
        </Loaded>
    }
    .into_any()
}

#[component]
fn FairRelease(
    f: FairView,
    now: Signal<chrono::DateTime<chrono::Utc>>,
    rank: FormAction<RankSessions>,
) -> impl IntoView {
    let f = StoredValue::new(f);
    let body = move || {
        let f = f.get_value();
        let t = now.get();
        if let Some(seed) = f.seed.clone() {
            return view! {
                <p>{format!("{}: the seats were drawn.", f.name)}</p>
                <p class="muted small">
                    {format!("The draw's seed: {seed}. Its SHA-256, published before the window, was {}. Anyone can recompute the order: each applicant's ticket is SHA-256 of the seed, \"/\" and their number; smallest first.", f.seed_hash)}
                </p>
            }
            .into_any();
        }
        if t < f.opens_at {
            return view! {
                <p>
                    <strong>{format!("{}: a fair release.", f.name)}</strong>
                    {format!(" Ranking opens on {} and closes on {}.", f.opens, f.closes)}
                </p>
                <p class="muted small">{format!("The draw's seed is fixed now; its SHA-256: {}.", f.seed_hash)}</p>
            }
            .into_any();
        }
        if t >= f.closes_at {
            return view! { <p>{format!("{}: ranking closed; the seats are being drawn.", f.name)}</p> }
                .into_any();
        }
        ranking_form(&f, rank).into_any()
    };
    view! { <section class="fair-release" aria-label=move || f.with_value(|f| format!("Fair release {}", f.name))>{body}</section> }
}

/// The ranking form: a select per place, each the release's sessions or none.
fn ranking_form(f: &FairView, rank: FormAction<RankSessions>) -> impl IntoView {
    let (program_id, release_id) = (f.program_id.to_string(), f.release_id.to_string());
    let places = (0..f.sessions.len())
        .map(|i| {
            let picked = f.mine.get(i).copied();
            let options = f
                .sessions
                .iter()
                .map(|(id, name)| {
                    view! { <option value=id.to_string() selected=picked == Some(*id)>{name.clone()}</option> }
                })
                .collect_view();
            let select_id = format!("rank-{}-{i}", f.release_id);
            let label = if i == 0 {
                "Your first choice".to_string()
            } else {
                format!("Then, choice {}", i + 1)
            };
            view! {
                <div class="field">
                    <label for=select_id.clone()>{label}</label>
                    <select id=select_id name=format!("ranking[choices][{i}]")>
                        <option value="">"— none —"</option>
                        {options}
                    </select>
                </div>
            }
        })
        .collect_view();
    let ranked = (!f.mine.is_empty()).then(|| {
        let names: Vec<String> = f
            .mine
            .iter()
            .filter_map(|id| f.sessions.iter().find(|(s, _)| s == id).map(|(_, n)| n.clone()))
            .collect();
        view! { <p class="notice-ok" role="status">{format!("Your ranking is in: {}. You can change it until the close.", names.join(", then "))}</p> }
    });
    view! {
        <h3>{format!("{}: rank the sessions you can attend", f.name)}</h3>
        <p>
            {format!("Until {}, rank any number of these sessions, best first. At the close the seats are drawn by a lottery: in its order, each applicant gets their highest-ranked session with a seat; the others wait in line, in that order, for the sessions they ranked. Being quick gives no advantage.", f.closes)}
        </p>
        {ranked}
        <PostForm action=rank attr:class="stack ranking-form">
            <input type="hidden" name="ranking[program_id]" value=program_id/>
            <input type="hidden" name="ranking[release_id]" value=release_id/>
            {places}
            <button class="btn btn-primary" type="submit">"Save my ranking"</button>
        </PostForm>
        <p class="muted small">{format!("The draw's seed is fixed: its SHA-256 is {}; the seed is shown after the draw so anyone can check it.", f.seed_hash)}</p>
    }
}
