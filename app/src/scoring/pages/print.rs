//! The rank list as a page to print (no script, no controls).

use super::*;
use crate::scoring::types::{RankPage, RankView};
use crate::ui::html_of;

/// The rank list as a page to print (no script, no controls).
pub fn print_ranks(page: &RankPage, v: RankView, program: &str) -> String {
    let title = if page.calibrated {
        "Rank list (calibrated)"
    } else {
        "Rank list"
    };
    let body = html_of(view! {
        <h1>{format!("{program} · {title}")}</h1>
        {v.median.then(|| view! { <p>"Final score: the median over interviewers."</p> })}
        <table class="sheet">
            {rank_head("Note")}
            <tbody>
                {page
                    .lines
                    .iter()
                    .map(|l| {
                        view! {
                            <tr>
                                <td>{l.rank}</td>
                                <td>{l.name.clone()}</td>
                                <td>{l.final_score.clone()}</td>
                                <td>{l.raw.clone()}</td>
                                <td>{l.calibrated.clone()}</td>
                                <td>{l.sheets}</td>
                                <td>{l.override_reason.clone()}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    });
    crate::itinerary::print::page(title, &body)
}
