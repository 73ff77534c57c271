//! A part of a page written on the server as HTML: [`ServerPanel`].
//!
//! A screen that is mostly tables and forms (the scoring forms, the rank list, a score sheet)
//! costs the browser's bundle its whole view code when written as components: the TimeTrack
//! screens alone came to 24 KB. A panel's markup is written on the server by ordinary Leptos
//! views ([`html_of`], compiled into the server only) and handed over as one string; the
//! browser holds this one container, which gives the HTML inside it its behaviour by attribute:
//!
//! | markup | what the container does |
//! |---|---|
//! | `<form method="post" action="/api/…">` | posts it in place (URL-encoded, the pressed button included), then writes the panel again; a refusal shows under the field it is about (the UI kit's `.field-error`, the field marked `aria-invalid` and focused) or else in the form's `[data-message]`, and what was typed stays |
//! | `<form method="get">` | its fields become the page's query (the address follows, so the view can be linked) |
//! | `<form data-autosave="key">` | every change is kept on this device at once and sent as a draft; a draft the network did not take is sent again when the browser is back online or the panel opens again (its fields filled from it) |
//! | rows `[data-drag="id"][data-position="n"]` in `[data-drop="/api/…"][data-fields="a=1"]` | dropping one row on another posts `a=1&moved=id&to=n` |
//! | `data-done="Saved."` on a form | said in the form's `[data-message]` after a success |
//! | `data-after="/path"` on a form | after a success, goes there (an editor closes: `?room=` dropped) |
//! | `data-autofocus` on a form | when a `get` form has just opened it, the focus goes to its first field |
//! | `data-submit-on-change` on a form | a changed field sends the form at once (a `get` form: the address follows) and the focus stays on that field; its submit button can sit in a `<noscript>` for use without script |
//! | `<input data-filter-for="list">` | typing hides the items (children) of `#list` whose text does not hold what is typed; `[data-count-for="list"]` says how many are shown |
//! | `[data-chips-for="list"]` | holds a chip per checked box of `#list`, a button "Remove <its label>" that unchecks it (the focus then goes to the next chip, or the filter) |
//! | `data-script-only hidden` | shown once the container runs (a filter field is no use without script; the checkboxes work alone) |
//!
//! After the panel is written again the focus returns to the element with the same `id` (or,
//! when it is gone, to the one marked `data-focus-for="<that id>"`), so a keyboard user pressing
//! "Move up" three times stays on it. Without script, or before
//! hydration, the forms post to the server functions as plain forms, which send the browser
//! back to the page.

use super::Data;
use leptos::prelude::*;

/// The panel: `html` written on the server; `reload` is bumped after each successful post.
#[component]
pub fn ServerPanel(html: Data<String>, reload: RwSignal<u64>) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    let handlers = client::Handlers::new(reload);
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if let Some(Ok(_)) = html.get() {
            handlers.after_render();
            request_animation_frame(client::picker::render);
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = reload;
    view! {
        <super::Loaded resource=html let:markup>
            {
                #[cfg(feature = "hydrate")]
                {
                    view! {
                        <div
                            class="server-panel"
                            inner_html=markup
                            on:submit=move |ev| handlers.submit(ev)
                            on:change=move |ev| {
                                client::picker::render();
                                handlers.changed(ev, true)
                            }
                            on:input=move |ev| {
                                client::picker::typed(&ev);
                                handlers.changed(ev, false)
                            }
                            on:click=client::picker::clicked
                            on:dragstart=client::drag_start
                            on:dragover=client::drag_over
                            on:drop=move |ev| handlers.drop(ev)
                        ></div>
                    }
                }
                #[cfg(not(feature = "hydrate"))]
                {
                    view! { <div class="server-panel" inner_html=markup></div> }
                }
            }
        </super::Loaded>
    }
}

/// The line where a panel's form says how its last post went (filled in by the container).
#[cfg(feature = "ssr")]
pub fn message_line() -> impl IntoView {
    view! { <p class="form-message" data-message aria-live="polite"></p> }
}

/// A field's error in a panel: none when written; the container marks the field a refusal is
/// about (`aria-invalid`) and says why under it (its `.field-error` line).
#[cfg(feature = "ssr")]
pub fn no_error() -> Signal<Option<crate::error::AppError>> {
    Signal::stored(None)
}

/// A view written out as HTML, for a panel (the server's side).
#[cfg(feature = "ssr")]
pub fn html_of(view: impl IntoView) -> String {
    use leptos::tachys::view::RenderHtml;
    view.into_view().to_html()
}

#[cfg(feature = "hydrate")]
mod client {
    use crate::error::AppError;
    use leptos::prelude::*;
    use leptos::server_fn::client::browser::BrowserClient;
    use leptos::server_fn::request::ClientReq;
    use wasm_bindgen::JsCast;
    use web_sys::{Element, HtmlFormElement, UrlSearchParams};

    /// The drafts kept on this device are filed under this prefix and the form's key.
    const DRAFT: &str = "draft:";

    /// Where the focus goes once the panel is written again.
    #[derive(Clone)]
    enum Refocus {
        /// The element with this id (or the one standing in for it: `data-focus-for`).
        Element(String),
        /// A `get` form opened an editor (`data-autofocus`): its first field.
        Opened,
    }

    /// Goes to an address in the app (the router's own navigation).
    type Navigate = Box<dyn Fn(&str)>;

    #[derive(Clone, Copy)]
    pub struct Handlers {
        reload: RwSignal<u64>,
        /// Where the focus goes after the rewrite (the element that had it when a post left).
        focus: StoredValue<Option<Refocus>>,
        /// What a form said after its post (its key, the text): said again once rewritten.
        said: StoredValue<Option<(String, String)>>,
        navigate: StoredValue<Navigate, LocalStorage>,
    }

    impl Handlers {
        pub fn new(reload: RwSignal<u64>) -> Self {
            let navigate = leptos_router::hooks::use_navigate();
            let handlers = Self {
                reload,
                focus: StoredValue::new(None),
                said: StoredValue::new(None),
                navigate: StoredValue::new_local(Box::new(move |to: &str| {
                    navigate(to, Default::default())
                })),
            };
            // Back online: send what the network did not take.
            let online = window_event_listener(leptos::ev::online, move |_| {
                for form in autosave_forms() {
                    handlers.send_draft(form);
                }
            });
            on_cleanup(move || online.remove());
            handlers
        }

        /// The panel was written: give the focus back, and fill and send kept drafts.
        pub fn after_render(self) {
            let focus = self.focus;
            let said = self.said;
            request_animation_frame(move || {
                if let Some((key, text)) = said.get_value() {
                    if let Some(form) = panel_forms("form").into_iter().find(|f| form_key(f) == key)
                    {
                        say(&form, &text, false);
                    }
                    said.set_value(None);
                }
                match focus.get_value() {
                    Some(Refocus::Opened) => {
                        let first = document()
                            .query_selector(
                                ".server-panel form[data-autofocus] :is(input:not([type=hidden]), select, textarea)",
                            )
                            .ok()
                            .flatten()
                            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
                        // Until the editor is there (the old panel may be written first).
                        if let Some(el) = first {
                            let _ = el.focus();
                            focus.set_value(None);
                        }
                    }
                    Some(Refocus::Element(id)) => {
                        // The element itself, or the one that stands in for it when it is gone
                        // (a "Move up" button on the row now at the top: its "Move down").
                        if let Some(el) = document()
                            .get_element_by_id(&id)
                            .or_else(|| {
                                document()
                                    .query_selector(&format!("[data-focus-for='{id}']"))
                                    .ok()
                                    .flatten()
                            })
                            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                        {
                            let _ = el.focus();
                        }
                    }
                    None => {}
                }
                for form in autosave_forms() {
                    if let Some(body) = kept(&form) {
                        fill(&form, &body);
                        self.send_draft(form);
                    }
                }
            });
        }

        pub fn submit(self, ev: leptos::ev::SubmitEvent) {
            let Some(form) = ev
                .target()
                .and_then(|t| t.dyn_into::<HtmlFormElement>().ok())
            else {
                return;
            };
            ev.prevent_default();
            let Some(body) = super::super::post_form::url_encoded(&ev) else {
                return;
            };
            if form
                .get_attribute("method")
                .is_some_and(|m| m.eq_ignore_ascii_case("get"))
            {
                let path = window().location().pathname().unwrap_or_default();
                // An option applied as it changed keeps the focus; else an editor opens.
                let refocus = if form.has_attribute("data-submit-on-change") {
                    focused_id().map(Refocus::Element)
                } else {
                    Some(Refocus::Opened)
                };
                self.focus.set_value(refocus);
                self.navigate
                    .with_value(|navigate| navigate(&format!("{path}?{body}")));
                return;
            }
            self.focus.set_value(focused_id().map(Refocus::Element));
            let url = form.action();
            let reload = self.reload;
            let said = self.said;
            let navigate = self.navigate;
            say(&form, "", false);
            let _ = form.set_attribute("aria-busy", "true");
            leptos::task::spawn_local(async move {
                let answer = post(&url, body).await;
                let _ = form.remove_attribute("aria-busy");
                match answer {
                    Ok(()) => {
                        if let Some(key) = form.get_attribute("data-autosave") {
                            forget(&key);
                        }
                        let done = form.get_attribute("data-done").unwrap_or_default();
                        say(&form, &done, false);
                        said.set_value(Some((form_key(&form), done)));
                        if let Some(to) = form.get_attribute("data-after") {
                            navigate.with_value(|navigate| navigate(&to));
                        }
                        reload.update(|n| *n += 1);
                    }
                    Err(e) => refused(&form, &e),
                }
            });
        }

        /// A field of an autosaved form changed: keep the form on this device at once, and
        /// send it as a draft when the change is done (`sent`; typing only keeps it).
        /// A field of a `data-submit-on-change` form changed: the form is sent.
        pub fn changed(self, ev: leptos::ev::Event, send: bool) {
            if send {
                if let Some(form) = form_of(&ev, "form[data-submit-on-change]") {
                    let _ = form.request_submit();
                    return;
                }
            }
            let Some(form) = form_of(&ev, "form[data-autosave]") else {
                return;
            };
            let (Some(key), Some(body)) = (form.get_attribute("data-autosave"), fields(&form))
            else {
                return;
            };
            if let Some(store) = storage() {
                let _ = store.set_item(&format!("{DRAFT}{key}"), &body);
            }
            if send {
                self.send_draft(form);
            }
        }

        /// Sends the draft kept for `form`; forgets it once the server has it.
        fn send_draft(self, form: HtmlFormElement) {
            let Some(key) = form.get_attribute("data-autosave") else {
                return;
            };
            let Some(body) = kept(&form) else {
                return;
            };
            let url = form.action();
            leptos::task::spawn_local(async move {
                match post(&url, body.clone()).await {
                    Ok(()) => {
                        if kept(&form).as_deref() == Some(body.as_str()) {
                            forget(&key);
                        }
                        say(&form, &format!("Draft saved at {}.", now_hm()), false);
                    }
                    Err(e) => say(
                        &form,
                        &format!(
                            "Not sent yet ({e}). Your answers are kept on this device and sent when the connection is back."
                        ),
                        true,
                    ),
                }
            });
        }

        /// A row dropped on another: posts the move to the list's address.
        pub fn drop(self, ev: leptos::ev::DragEvent) {
            let target = ev
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|e| e.closest("[data-drag]").ok().flatten());
            let moved = ev
                .data_transfer()
                .and_then(|d| d.get_data("text/plain").ok())
                .filter(|m| !m.is_empty());
            let (Some(target), Some(moved)) = (target, moved) else {
                return;
            };
            let Some(list) = target.closest("[data-drop]").ok().flatten() else {
                return;
            };
            ev.prevent_default();
            let url = list.get_attribute("data-drop").unwrap_or_default();
            let body = format!(
                "{}&moved={}&to={}",
                list.get_attribute("data-fields").unwrap_or_default(),
                moved,
                target.get_attribute("data-position").unwrap_or_default()
            );
            let reload = self.reload;
            leptos::task::spawn_local(async move {
                match post(&url, body).await {
                    Ok(()) => reload.update(|n| *n += 1),
                    Err(e) => {
                        if let Some(form) = list
                            .closest("form")
                            .ok()
                            .flatten()
                            .and_then(|f| f.dyn_into::<HtmlFormElement>().ok())
                        {
                            refused(&form, &e);
                        } else {
                            window().alert_with_message(&e.to_string()).ok();
                        }
                    }
                }
            });
        }
    }

    pub fn drag_start(ev: leptos::ev::DragEvent) {
        let id = ev
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|e| e.get_attribute("data-drag"));
        if let (Some(id), Some(data)) = (id, ev.data_transfer()) {
            let _ = data.set_data("text/plain", &id);
            data.set_effect_allowed("move");
        }
    }

    pub fn drag_over(ev: leptos::ev::DragEvent) {
        let over_row = ev
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|e| e.closest("[data-drop] [data-drag]").ok().flatten())
            .is_some();
        if over_row {
            ev.prevent_default();
        }
    }

    /// The id of the element that has the focus, if it has one.
    fn focused_id() -> Option<String> {
        document()
            .active_element()
            .map(|e| e.id())
            .filter(|id| !id.is_empty())
    }

    /// The form matching `selector` around an event's target.
    fn form_of(ev: &leptos::ev::Event, selector: &str) -> Option<HtmlFormElement> {
        ev.target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|e| e.closest(selector).ok().flatten())
            .and_then(|f| f.dyn_into::<HtmlFormElement>().ok())
    }

    /// Posts a URL-encoded body to a server function; only whether it was taken matters.
    async fn post(url: &str, body: String) -> Result<(), AppError> {
        let request = <<BrowserClient as leptos::server_fn::client::Client<AppError>>::Request as ClientReq<AppError>>::try_new_post(
            url,
            "application/x-www-form-urlencoded",
            crate::codec::COMPACT,
            body,
        )?;
        super::super::call::send::<BrowserClient>(request)
            .await
            .map(|_| ())
    }

    /// Shows a refusal: under the field it is about when that field has a place for it (the UI
    /// kit's fields), else in the form's message line; marks the field and moves the focus there.
    fn refused(form: &HtmlFormElement, e: &AppError) {
        // What an earlier refusal marked.
        for el in within(form, "[aria-invalid='true']") {
            let _ = el.set_attribute("aria-invalid", "false");
        }
        for el in within(form, ".field-invalid") {
            let _ = el.set_attribute("class", "field");
        }
        for el in within(form, ".field-error") {
            el.set_text_content(None);
        }
        let message = e.to_string();
        let field = match e {
            AppError::Invalid {
                field: Some(field), ..
            } => form
                .query_selector(&format!("[name='{field}'], [name$='[{field}]']"))
                .ok()
                .flatten(),
            _ => None,
        };
        let Some(field) = field else {
            say(form, &message, true);
            return;
        };
        let _ = field.set_attribute("aria-invalid", "true");
        let place = field.closest(".field").ok().flatten().and_then(|frame| {
            let line = frame.query_selector(".field-error").ok().flatten()?;
            Some((frame, line))
        });
        match place {
            Some((frame, line)) => {
                say(form, "", false);
                let _ = frame.set_attribute("class", "field field-invalid");
                line.set_text_content(Some(&message));
                let described = field.get_attribute("aria-describedby").unwrap_or_default();
                if !described.split_whitespace().any(|id| id == line.id()) {
                    let _ = field.set_attribute(
                        "aria-describedby",
                        format!("{described} {}", line.id()).trim(),
                    );
                }
            }
            None => say(form, &message, true),
        }
        if let Ok(field) = field.dyn_into::<web_sys::HtmlElement>() {
            let _ = field.focus();
        }
    }

    /// The elements inside `form` that match `selector`.
    fn within(form: &HtmlFormElement, selector: &str) -> Vec<Element> {
        nodes(form.query_selector_all(selector))
    }

    /// The nodes of a query's answer that are `T`s (none when the query failed).
    fn nodes<T: JsCast>(list: Result<web_sys::NodeList, wasm_bindgen::JsValue>) -> Vec<T> {
        let Ok(list) = list else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.dyn_into::<T>().ok())
            .collect()
    }

    /// Writes `text` into the form's message line (an error is announced at once).
    fn say(form: &HtmlFormElement, text: &str, error: bool) {
        if let Ok(Some(line)) = form.query_selector("[data-message]") {
            line.set_text_content(Some(text));
            let _ = line.set_attribute(
                "class",
                if error {
                    "form-message form-message-error"
                } else {
                    "form-message"
                },
            );
            let _ = line.set_attribute("role", if error { "alert" } else { "status" });
        } else if error && !text.is_empty() {
            window().alert_with_message(text).ok();
        }
    }

    fn storage() -> Option<web_sys::Storage> {
        window().local_storage().ok().flatten()
    }

    /// The draft kept on this device for an autosaved form.
    fn kept(form: &HtmlFormElement) -> Option<String> {
        let key = form.get_attribute("data-autosave")?;
        storage()?.get_item(&format!("{DRAFT}{key}")).ok().flatten()
    }

    fn forget(key: &str) {
        if let Some(store) = storage() {
            let _ = store.remove_item(&format!("{DRAFT}{key}"));
        }
    }

    fn autosave_forms() -> Vec<HtmlFormElement> {
        panel_forms("form[data-autosave]")
    }

    /// The panels' forms that match `selector`.
    fn panel_forms(selector: &str) -> Vec<HtmlFormElement> {
        nodes(document().query_selector_all(&format!(".server-panel {selector}")))
    }

    /// What tells a form from the others after a rewrite: its address and hidden fields.
    fn form_key(form: &HtmlFormElement) -> String {
        let mut key = form.action();
        for input in
            nodes::<web_sys::HtmlInputElement>(form.query_selector_all("input[type=hidden]"))
        {
            key.push_str(&format!("&{}={}", input.name(), input.value()));
        }
        key
    }

    /// A form's fields, URL-encoded (no button: a draft).
    fn fields(form: &HtmlFormElement) -> Option<String> {
        let data = web_sys::FormData::new_with_form(form).ok()?;
        let params = UrlSearchParams::new_with_str_sequence_sequence(&data).ok()?;
        params.to_string().as_string()
    }

    /// Puts a kept draft's values back into the form's fields.
    fn fill(form: &HtmlFormElement, body: &str) {
        let Ok(params) = UrlSearchParams::new_with_str(body) else {
            return;
        };
        let elements = form.elements();
        for i in 0..elements.length() {
            let Some(el) = elements.item(i) else { continue };
            if let Some(input) = el.dyn_ref::<web_sys::HtmlInputElement>() {
                let name = input.name();
                match input.type_().as_str() {
                    "radio" | "checkbox" => {
                        let values = params.get_all(&name);
                        let on = values
                            .iter()
                            .any(|v| v.as_string().as_deref() == Some(input.value().as_str()));
                        input.set_checked(on);
                    }
                    "hidden" | "submit" => {}
                    _ => {
                        if let Some(v) = params.get(&name) {
                            input.set_value(&v);
                        }
                    }
                }
            } else if let Some(area) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
                if let Some(v) = params.get(&area.name()) {
                    area.set_value(&v);
                }
            }
        }
    }

    /// The tab's time of day, "14:05".
    fn now_hm() -> String {
        let d = js_sys::Date::new_0();
        format!("{:02}:{:02}", d.get_hours(), d.get_minutes())
    }

    /// Searchable lists of checkboxes: the filter field, and chips of what is checked.
    pub mod picker {
        use super::nodes;
        use leptos::prelude::*;
        use wasm_bindgen::JsCast;
        use web_sys::{Element, HtmlElement, HtmlInputElement};

        /// Typed in a `[data-filter-for]` field: the list shows the items holding the text.
        pub fn typed(ev: &leptos::ev::Event) {
            let Some(field) = ev
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            else {
                return;
            };
            let Some(id) = field.get_attribute("data-filter-for") else {
                return;
            };
            let Some(list) = document().get_element_by_id(&id) else {
                return;
            };
            let query = field.value().trim().to_lowercase();
            let items = list.children();
            let mut shown = 0;
            for item in (0..items.length()).filter_map(|i| items.item(i)) {
                let text = item.text_content().unwrap_or_default().to_lowercase();
                if text.contains(&query) {
                    shown += 1;
                    let _ = item.remove_attribute("hidden");
                } else {
                    let _ = item.set_attribute("hidden", "");
                }
            }
            if let Ok(Some(count)) = document().query_selector(&format!("[data-count-for='{id}']"))
            {
                count.set_text_content(Some(&format!("{shown} of {} shown", items.length())));
            }
        }

        /// Writes every panel's chips from its checked boxes, and shows what needs script.
        pub fn render() {
            let doc = document();
            for chips in nodes::<Element>(doc.query_selector_all(".server-panel [data-chips-for]"))
            {
                let Some(list) = chips
                    .get_attribute("data-chips-for")
                    .and_then(|id| doc.get_element_by_id(&id))
                else {
                    continue;
                };
                chips.set_inner_html("");
                let checked = list.query_selector_all("input[type=checkbox]:checked");
                for input in nodes::<HtmlInputElement>(checked) {
                    let label = input.closest("label").ok().flatten();
                    let name = label.and_then(|l| l.text_content()).unwrap_or_default();
                    let name = name.trim();
                    let Ok(chip) = doc.create_element("button") else {
                        continue;
                    };
                    for (key, value) in [
                        ("type", "button"),
                        ("class", "btn btn-small chip"),
                        ("data-uncheck", &input.id()),
                        ("aria-label", &format!("Remove {name}")),
                    ] {
                        let _ = chip.set_attribute(key, value);
                    }
                    chip.set_text_content(Some(&format!("{name} ×")));
                    let _ = chips.append_child(&chip);
                }
            }
            for el in nodes::<Element>(doc.query_selector_all(".server-panel [data-script-only]")) {
                let _ = el.remove_attribute("hidden");
            }
        }

        /// A chip pressed: its box is unchecked; the focus goes to the chip now in its place (or
        /// the one before), else to the list's filter.
        pub fn clicked(ev: leptos::ev::MouseEvent) {
            let Some(chip) = ev
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|e| e.closest("[data-uncheck]").ok().flatten())
            else {
                return;
            };
            let doc = document();
            let Some(input) = chip
                .get_attribute("data-uncheck")
                .and_then(|id| doc.get_element_by_id(&id))
                .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
            else {
                return;
            };
            let Some(chips) = chip.parent_element() else {
                return;
            };
            let kids = chips.children();
            let at = (0..kids.length())
                .find(|i| kids.item(*i).as_ref() == Some(&chip))
                .unwrap_or(0);
            input.set_checked(false);
            render();
            let kids = chips.children();
            let list = chips.get_attribute("data-chips-for").unwrap_or_default();
            let next = kids
                .item(at)
                .or_else(|| at.checked_sub(1).and_then(|i| kids.item(i)))
                .or_else(|| {
                    doc.query_selector(&format!("[data-filter-for='{list}']"))
                        .ok()
                        .flatten()
                });
            if let Some(el) = next.and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
                let _ = el.focus();
            }
        }
    }
}
