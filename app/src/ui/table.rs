//! A table of rows with a header, that turns into labelled blocks on a phone.

use leptos::prelude::*;

/// A table with one header per column; `children` are the `<tr>` rows. On a phone each row
/// becomes a block whose cells show their column's name: give every `<td>` the matching
/// `data-label`.
///
/// ```ignore
/// <Table columns=&["Name", "Role"]>
///     <tr><td data-label="Name">"Ana"</td><td data-label="Role">"Coordinator"</td></tr>
/// </Table>
/// ```
#[component]
pub fn Table(columns: &'static [&'static str], children: Children) -> impl IntoView {
    view! {
        <table class="table">
            <thead>
                <tr>
                    {columns.iter().map(|c| view! { <th scope="col">{*c}</th> }).collect_view()}
                </tr>
            </thead>
            <tbody>{children()}</tbody>
        </table>
    }
}
