//! A session's times in the viewer's own zone.

use chrono::{DateTime, Utc};
use leptos::prelude::*;

/// The session's times in the viewer's own zone, added after hydration when it differs from
/// the session's (server and browser first render the same, empty, text).
#[component]
pub fn YourTime(starts_at: DateTime<Utc>, ends_at: DateTime<Utc>, zone: String) -> impl IntoView {
    let text = RwSignal::new(String::new());
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(t) = local::text(starts_at, ends_at, &zone) {
            text.set(t);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (starts_at, ends_at, &zone);
    });
    view! { <span class="your-time">{text}</span> }
}

#[cfg(feature = "hydrate")]
mod local {
    use chrono::{DateTime, Utc};
    use wasm_bindgen::JsValue;

    fn browser_zone() -> Option<String> {
        let fmt = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new());
        js_sys::Reflect::get(&fmt.resolved_options(), &JsValue::from_str("timeZone"))
            .ok()?
            .as_string()
    }

    fn format(at: DateTime<Utc>, weekday: bool) -> String {
        let opts = js_sys::Object::new();
        let set = |k: &str, v: &str| {
            let _ = js_sys::Reflect::set(&opts, &JsValue::from_str(k), &JsValue::from_str(v));
        };
        if weekday {
            set("weekday", "short");
        }
        set("hour", "numeric");
        set("minute", "2-digit");
        js_sys::Date::new(&JsValue::from_f64(at.timestamp_millis() as f64))
            .to_locale_string("en-US", &opts)
            .into()
    }

    pub fn text(start: DateTime<Utc>, end: DateTime<Utc>, zone: &str) -> Option<String> {
        let mine = browser_zone()?;
        if mine == zone {
            return None;
        }
        Some(format!(
            "Your time ({mine}): {} – {}",
            format(start, true),
            format(end, false)
        ))
    }
}
