//! The Reports screen, written on the server for a [`crate::ui::ServerPanel`]: each report as a
//! table under its title, what it counts in a sentence, and its CSV to download. The counts of
//! the Statuses report open the applicant list filtered to them.

use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::domain::{Cell, FillChart, Report},
    crate::ui::html_of,
};

/// Coordinators: the Reports screen; `query` is the page's address query (`session=3`: the
/// fill over time of that session; anything else is ignored).
#[server(output = crate::codec::Compact, endpoint = "reports-page")]
pub async fn reports_page(#[server(default)] query: String) -> Result<String, AppError> {
    let (state, staff) = crate::server::require_coordinator().await?;
    let session = super::ssr::session_in(&query);
    Ok(reports_html(
        super::ssr::reports(&state, staff, session).await?,
    ))
}

#[cfg(feature = "ssr")]
fn reports_html(reports: Vec<Report>) -> String {
    let nav = reports
        .iter()
        .map(|r| {
            let href = format!("#report-{}", r.key.key());
            view! { <li><a href=href>{r.key.title()}</a></li> }
        })
        .collect_view();
    let cards = reports.into_iter().map(report_card).collect_view();
    html_of(view! {
        <nav class="card report-nav no-print" aria-label="Reports on this page">
            <ul class="inline-list">{nav}</ul>
            <p class="muted">
                "The numbers follow every booking, cancellation and change while this page is open. Each table downloads as a CSV file; the page prints without its menus."
            </p>
        </nav>
        {cards}
    })
}

#[cfg(feature = "ssr")]
fn report_card(r: Report) -> impl IntoView {
    let id = format!("report-{}", r.key.key());
    let labelled_by = id.clone();
    let csv = match r.chart.as_ref().and_then(|c| c.session) {
        Some(s) => format!("/export/report.csv?table={}&session={s}", r.key.key()),
        None => format!("/export/report.csv?table={}", r.key.key()),
    };
    let chart = r.chart.clone().map(chart);
    let file = format!("report-{}.csv", r.key.key());
    let download = format!("Download {} as CSV", r.key.title().to_lowercase());
    let columns = r.columns.clone();
    let head = r
        .columns
        .iter()
        .map(|c| view! { <th scope="col">{c.clone()}</th> })
        .collect_view();
    let empty = r.rows.is_empty();
    let rows = r
        .rows
        .into_iter()
        .map(|row| {
            let cells = row
                .into_iter()
                .enumerate()
                .map(|(i, c)| cell(i, &columns[i.min(columns.len() - 1)], c))
                .collect_view();
            view! { <tr>{cells}</tr> }
        })
        .collect_view();
    view! {
        <section class="card report" aria-labelledby=labelled_by>
            <div class="card-head">
                <h2 id=id>{r.key.title()}</h2>
                <a class="btn btn-small no-print" href=csv download=file aria-label=download>
                    "Download CSV"
                </a>
            </div>
            <p class="muted">{r.lead}</p>
            {chart}
            {if empty {
                view! { <p>"Nothing to count yet."</p> }.into_any()
            } else {
                view! {
                    <div class="report-scroll">
                        <table class="table report-table">
                            <thead><tr>{head}</tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }
                    .into_any()
            }}
        </section>
    }
}

/// A row's first cell heads it; a number with a link opens the list filtered to it.
#[cfg(feature = "ssr")]
fn cell(i: usize, column: &str, c: Cell) -> impl IntoView {
    let label = column.to_string();
    if c.text.is_empty() {
        // Nothing in it: no line of its own on a phone (`td:empty`).
        return view! { <td data-label=label class="report-number"></td> }.into_any();
    }
    let content = match c.link {
        Some(href) => view! { <a href=href>{c.text}</a> }.into_any(),
        None => view! { {c.text} }.into_any(),
    };
    if i == 0 {
        view! { <th scope="row" data-label=label>{content}</th> }.into_any()
    } else {
        view! { <td data-label=label class="report-number">{content}</td> }.into_any()
    }
}

/// The fill over time: which series (the program or one session, a get form sent on change),
/// the chart drawn here as SVG (each line with its own dash pattern and its name written at its
/// end, so it reads without colour), and a summary for screen readers, who read the table.
#[cfg(feature = "ssr")]
fn chart(c: FillChart) -> impl IntoView {
    let options = std::iter::once((
        String::new(),
        "The whole program".to_string(),
        c.session.is_none(),
    ))
    .chain(
        c.sessions
            .iter()
            .map(|(id, n)| (id.to_string(), n.clone(), c.session == Some(*id))),
    )
    .map(|(v, n, on)| view! { <option value=v selected=on>{n}</option> })
    .collect_view();
    let (w, h, left, right, top, bottom) = (720.0, 240.0, 44.0, 150.0, 16.0, 28.0);
    let n = c.points.len().max(1);
    let most = c
        .points
        .iter()
        .map(|p| p.booked.max(p.cancelled).max(p.waitlisted.unwrap_or(0)))
        .max()
        .unwrap_or(0)
        .max(1);
    let x = move |i: usize| left + (w - left - right) * i as f64 / (n.max(2) - 1) as f64;
    let y = move |v: i64| top + (h - top - bottom) * (1.0 - v as f64 / most as f64);
    let line = |f: &dyn Fn(&super::domain::FillPoint) -> Option<i64>| {
        c.points
            .iter()
            .enumerate()
            .filter_map(|(i, p)| f(p).map(|v| format!("{:.1},{:.1}", x(i), y(v))))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let last = c.points.last().copied();
    let mut series = vec![
        (
            "chart-booked",
            "Booked",
            line(&|p| Some(p.booked)),
            last.map(|p| p.booked),
        ),
        (
            "chart-cancelled",
            "Cancelled",
            line(&|p| Some(p.cancelled)),
            last.map(|p| p.cancelled),
        ),
    ];
    if c.session.is_none() {
        series.push((
            "chart-waitlisted",
            "Waitlisted",
            line(&|p| p.waitlisted),
            last.and_then(|p| p.waitlisted),
        ));
    }
    // Names at the lines' ends, kept apart when the lines end close together.
    let mut ends: Vec<(f64, usize)> = series
        .iter()
        .enumerate()
        .map(|(k, s)| (y(s.3.unwrap_or(0)), k))
        .collect();
    ends.sort_by(|a, b| a.0.total_cmp(&b.0));
    for k in 1..ends.len() {
        if ends[k].0 - ends[k - 1].0 < 15.0 {
            ends[k].0 = ends[k - 1].0 + 15.0;
        }
    }
    let end_x = x(n - 1) + 8.0;
    let lines = series
        .iter()
        .enumerate()
        .map(|(k, (class, name, points, value))| {
            let ly = ends.iter().find(|e| e.1 == k).map_or(0.0, |e| e.0) + 4.0;
            let label = format!("{name} {}", value.unwrap_or(0));
            let text_class = format!("chart-label {class}");
            let class = format!("chart-line {class}");
            view! {
                <polyline class=class points=points.clone() fill="none"/>
                <text class=text_class x=format!("{end_x:.1}") y=format!("{ly:.1}")>{label}</text>
            }
        })
        .collect_view();
    // The same names under the chart, for a phone, where the lines' ends are too small to read.
    let legend = series
        .iter()
        .map(|(class, name, _, value)| {
            let class = format!("chart-line {class}");
            let label = format!("{name} {}", value.unwrap_or(0));
            view! {
                <li>
                    <svg viewBox="0 0 28 8" class="chart-key"><line class=class x1="0" x2="28" y1="4" y2="4"/></svg>
                    {label}
                </li>
            }
        })
        .collect_view();
    let day_x = |d: chrono::NaiveDate| c.points.iter().position(|p| p.day == d).map(x);
    let releases = c
        .releases
        .iter()
        .filter_map(|(d, name)| {
            let rx = day_x(*d)?;
            let label = format!("Release: {name}");
            Some(view! {
                <line class="chart-release" x1=format!("{rx:.1}") x2=format!("{rx:.1}") y1=format!("{top:.1}") y2=format!("{:.1}", h - bottom)/>
                <text class="chart-axis" x=format!("{:.1}", rx + 4.0) y=format!("{:.1}", top + 10.0)>{label}</text>
            })
        })
        .collect_view();
    let first = c
        .points
        .first()
        .map(|p| p.day.format("%b %-d").to_string())
        .unwrap_or_default();
    let last_day = c
        .points
        .last()
        .map(|p| p.day.format("%b %-d").to_string())
        .unwrap_or_default();
    let summary = match last {
        Some(p) => format!(
            "Chart from {first} to {last_day}: {} booked, {} cancelled, {} holding a seat{}. The table below gives the numbers.",
            p.booked,
            p.cancelled,
            p.holding,
            p.waitlisted.map(|w| format!(", {w} waitlisted")).unwrap_or_default()
        ),
        None => "No days to chart yet.".into(),
    };
    let view_box = format!("0 0 {w} {h}");
    view! {
        <form method="get" class="chart-choice no-print" data-submit-on-change>
            <label for="fill-session">"Chart"</label>
            <select id="fill-session" name="session">{options}</select>
            <noscript><button class="btn btn-small" type="submit">"Show"</button></noscript>
        </form>
        <figure class="chart">
            <svg viewBox=view_box role="img" aria-label=summary.clone() class="chart-svg">
                <line class="chart-axis-line" x1=format!("{left}") x2=format!("{left}") y1=format!("{top}") y2=format!("{}", h - bottom)/>
                <line class="chart-axis-line" x1=format!("{left}") x2=format!("{}", w - right) y1=format!("{}", h - bottom) y2=format!("{}", h - bottom)/>
                <text class="chart-axis" x=format!("{}", left - 6.0) y=format!("{}", top + 4.0) text-anchor="end">{most.to_string()}</text>
                <text class="chart-axis" x=format!("{}", left - 6.0) y=format!("{}", h - bottom + 4.0) text-anchor="end">"0"</text>
                <text class="chart-axis" x=format!("{left}") y=format!("{}", h - 8.0)>{first}</text>
                <text class="chart-axis" x=format!("{}", w - right) y=format!("{}", h - 8.0) text-anchor="end">{last_day}</text>
                {releases}
                {lines}
            </svg>
            <ul class="chart-legend" aria-hidden="true">{legend}</ul>
            <figcaption class="muted">{summary}</figcaption>
        </figure>
    }
}
