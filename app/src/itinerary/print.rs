//! Printable pages, written on the server as plain HTML (no script: nothing of them is in the
//! browser's bundle): a published day's sheet (the grid, then a page per room and one per
//! applicant, so a coordinator can print anyone's day) and an interviewer's own days.

use super::domain::{Published, Stop};
use super::types::{Itinerary, VersionInfo};
use crate::sessions::domain::{clock, long_date};
use chrono::{NaiveDate, NaiveTime};

/// A published version as a day sheet: rounds down, rooms across.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionSheet {
    pub info: VersionInfo,
    pub session: String,
    pub date: NaiveDate,
    pub rooms: Vec<String>,
    pub rows: Vec<SheetRow>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetRow {
    pub label: String,
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub is_break: bool,
    /// The applicant in each room (by the sheet's rooms), or empty.
    pub cells: Vec<String>,
}

/// The day sheet of a published day.
pub fn sheet_of(day: &Published, info: VersionInfo) -> VersionSheet {
    let name = |id| {
        day.applicants
            .iter()
            .find(|a| a.id == id)
            .map(|a| a.name.clone())
            .unwrap_or_default()
    };
    VersionSheet {
        info,
        session: day.name.clone(),
        date: day.date,
        rooms: day.rooms.iter().map(|r| r.name.clone()).collect(),
        rows: day
            .stretches
            .iter()
            .map(|st| SheetRow {
                label: st.label.clone(),
                start: st.start,
                end: st.end,
                is_break: st.round.is_none(),
                cells: match st.round {
                    None => Vec::new(),
                    Some(round) => day
                        .rooms
                        .iter()
                        .map(|r| {
                            day.slots
                                .iter()
                                .find(|s| s.round == round && s.room == r.id)
                                .map(|s| name(s.applicant))
                                .unwrap_or_default()
                        })
                        .collect(),
                },
            })
            .collect(),
    }
}

pub use crate::text::esc;

pub(crate) fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{} · Interview Portal</title><link rel=\"stylesheet\" href=\"/print.css\"></head>\
         <body><main>{body}</main></body></html>\n",
        esc(title)
    )
}

fn stops_table(stops: &[Stop], who: &str) -> String {
    let rows: String = stops
        .iter()
        .map(|s| {
            if s.is_break {
                format!(
                    "<tr class=\"break\"><td>{}–{}</td><td colspan=\"3\">{}</td></tr>",
                    clock(s.start),
                    clock(s.end),
                    esc(&s.label)
                )
            } else {
                let place = match (&s.place, &s.link) {
                    (p, Some(l)) if !p.is_empty() => format!("{} · {}", esc(p), esc(l)),
                    (_, Some(l)) => esc(l),
                    (p, None) => esc(p),
                };
                let with = if s.meeting {
                    "Meeting room".to_string()
                } else if s.with.is_empty() {
                    "—".to_string()
                } else {
                    esc(&s.with.join(", "))
                };
                let what = if s.room.is_empty() {
                    esc(&s.label)
                } else {
                    format!("{} · {}", esc(&s.label), esc(&s.room))
                };
                format!(
                    "<tr><td>{}–{}</td><td>{what}</td><td>{with}</td><td>{place}</td></tr>",
                    clock(s.start),
                    clock(s.end),
                )
            }
        })
        .collect();
    format!(
        "<table><thead><tr><th>Time</th><th>Round · room</th><th>{who}</th><th>Place or link</th></tr></thead><tbody>{rows}</tbody></table>"
    )
}

/// A published day: the grid, a page per room (its interviewers' day) and a page per applicant.
pub fn day_sheet(day: &Published, info: VersionInfo) -> String {
    let sheet = sheet_of(day, info.clone());
    let title = format!("{} — version {}", day.name, info.version);
    let head: String = sheet
        .rooms
        .iter()
        .map(|r| format!("<th>{}</th>", esc(r)))
        .collect();
    let rows: String = sheet
        .rows
        .iter()
        .map(|r| {
            let time = format!("{} {}", esc(&r.label), clock(r.start));
            if r.is_break {
                format!(
                    "<tr class=\"break\"><th colspan=\"{}\">{time}</th></tr>",
                    sheet.rooms.len() + 1
                )
            } else {
                let cells: String = r
                    .cells
                    .iter()
                    .map(|c| {
                        format!(
                            "<td>{}</td>",
                            if c.is_empty() { "—".into() } else { esc(c) }
                        )
                    })
                    .collect();
                format!("<tr><th>{time}</th>{cells}</tr>")
            }
        })
        .collect();
    let mut body = format!(
        "<h1>{}</h1><p class=\"muted\">{} · times in {} · published by {} on {}</p>\
         <p class=\"no-print\">Print with your browser (Ctrl+P): each room and each applicant starts a new page.</p>\
         <table class=\"grid\"><thead><tr><th>Time</th>{head}</tr></thead><tbody>{rows}</tbody></table>",
        esc(&title),
        esc(&long_date(day.date)),
        esc(&day.time_zone),
        esc(&info.by),
        esc(&info.when),
    );
    for room in &day.rooms {
        let names: Vec<&str> = room.interviewers.iter().map(|i| i.name.as_str()).collect();
        let Some(first) = room.interviewers.first() else {
            continue;
        };
        let stops: Vec<Stop> = day
            .interviewer_day(first.id)
            .into_iter()
            .filter(|s| s.is_break || s.room == room.name)
            .collect();
        body.push_str(&format!(
            "<section class=\"page\"><h2>{} · {}</h2>{}</section>",
            esc(&room.name),
            esc(&names.join(", ")),
            stops_table(&stops, "Applicant")
        ));
    }
    for a in &day.applicants {
        let stops = day.applicant_day(a.id);
        if stops.is_empty() {
            continue;
        }
        body.push_str(&format!(
            "<section class=\"page\"><h2>{}</h2>{}</section>",
            esc(&a.name),
            stops_table(&stops, "Interviewers")
        ));
    }
    page(&title, &body)
}

/// An interviewer's published days, across programs.
pub fn my_days(name: &str, days: &[Itinerary]) -> String {
    let mut body = format!("<h1>{}: interview days</h1>", esc(name));
    if days.is_empty() {
        body.push_str("<p>No finalized schedule has you in a room yet.</p>");
    }
    for it in days {
        body.push_str(&format!(
            "<section class=\"page\"><h2>{} · {}</h2><p class=\"muted\">{} · times in {} · version {}</p>{}</section>",
            esc(&it.program),
            esc(&it.session),
            esc(&long_date(it.date)),
            esc(&it.time_zone),
            it.version,
            stops_table(&it.stops, "Applicant")
        ));
    }
    page("My interview days", &body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_for_html() {
        assert_eq!(
            esc(r#"<script>alert("x") & 'y'</script>"#),
            "&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;"
        );
    }
}
