//! Small pieces of the browser's JavaScript objects the video pages share: a thrown value in
//! words, a property, the lists of cameras and microphones.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// A list of devices: (id, name).
pub type DeviceList = Vec<(String, String)>;

/// A thrown value (an `Error`, a string) in words.
pub fn text(e: JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown".into())
}

/// `obj[key]`, undefined when it cannot be read.
pub fn get(obj: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// The cameras and microphones, named ("Camera 2" where the browser gives no name yet);
/// `None` when the browser cannot list them.
pub async fn devices() -> Option<(DeviceList, DeviceList)> {
    let devices = leptos::prelude::window().navigator().media_devices().ok()?;
    let list = JsFuture::from(devices.enumerate_devices().ok()?)
        .await
        .ok()?;
    let (mut cameras, mut microphones) = (Vec::new(), Vec::new());
    for d in js_sys::Array::from(&list).iter() {
        let id = get(&d, "deviceId").as_string().unwrap_or_default();
        let label = get(&d, "label").as_string().unwrap_or_default();
        let (list, word) = match get(&d, "kind").as_string().as_deref() {
            Some("videoinput") => (&mut cameras, "Camera"),
            Some("audioinput") => (&mut microphones, "Microphone"),
            _ => continue,
        };
        let name = if label.is_empty() {
            format!("{word} {}", list.len() + 1)
        } else {
            label
        };
        list.push((id, name));
    }
    Some((cameras, microphones))
}

/// The camera and microphone, the chosen ones (by id) or the browser's own choice; the
/// refusal in words a person can act on.
pub async fn user_media(camera: &str, microphone: &str) -> Result<web_sys::MediaStream, String> {
    let devices = leptos::prelude::window()
        .navigator()
        .media_devices()
        .map_err(|_| "This browser cannot use a camera here: open the portal in a current browser, over https.".to_string())?;
    let pick = |id: &str| -> JsValue {
        if id.is_empty() {
            return JsValue::TRUE;
        }
        let exact = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&exact, &"exact".into(), &id.into());
        let wanted = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&wanted, &"deviceId".into(), &exact);
        wanted.into()
    };
    let asked = web_sys::MediaStreamConstraints::new();
    asked.set_video(&pick(camera));
    asked.set_audio(&pick(microphone));
    let promise = devices
        .get_user_media_with_constraints(&asked)
        .map_err(text)?;
    JsFuture::from(promise)
        .await
        .map(|s| s.unchecked_into::<web_sys::MediaStream>())
        .map_err(|e| match get(&e, "name").as_string().unwrap_or_default().as_str() {
            "NotAllowedError" => "The browser was not allowed to use them: allow the camera and microphone for this site (the icon in the address bar), then try again.".to_string(),
            "NotFoundError" => "No camera or microphone was found: plug one in, then try again.".to_string(),
            "NotReadableError" => "Another program is using the camera or microphone: close it, then try again.".to_string(),
            _ => format!("The camera and microphone could not be opened ({}).", text(e)),
        })
}

/// A new connection for the portal's video, with the program's TURN relays as its ICE servers
/// (none configured, or not answered: the media server's own UDP and TCP addresses only).
pub async fn new_peer() -> Result<web_sys::RtcPeerConnection, JsValue> {
    let relays = crate::ui::call(crate::video::api::VideoRelays {})
        .await
        .unwrap_or_default();
    if relays.is_empty() {
        return web_sys::RtcPeerConnection::new();
    }
    // `{iceServers: [{urls, username, credential}, …]}`, set as plain properties.
    let field = |o: &js_sys::Object, k: &str, v: &JsValue| {
        let _ = js_sys::Reflect::set(o, &JsValue::from_str(k), v);
    };
    let servers = js_sys::Array::new();
    for relay in relays {
        let server = js_sys::Object::new();
        let urls: js_sys::Array = relay.urls.iter().map(|u| JsValue::from_str(u)).collect();
        field(&server, "urls", &urls);
        field(&server, "username", &relay.username.into());
        field(&server, "credential", &relay.credential.into());
        servers.push(&server);
    }
    let config = js_sys::Object::new();
    field(&config, "iceServers", &servers);
    web_sys::RtcPeerConnection::new_with_configuration(config.unchecked_ref())
}

/// The address of a signalling socket on this portal (`path` from its root).
pub fn socket_url(path: &str) -> Result<String, JsValue> {
    let location = leptos::prelude::window().location();
    let scheme = if location.protocol()? == "https:" {
        "wss"
    } else {
        "ws"
    };
    Ok(format!("{scheme}://{}{path}", location.host()?))
}

/// Makes the connection's offer, sets it as its own, and sends it (its JSON) on `socket`.
pub async fn send_offer(
    peer: &web_sys::RtcPeerConnection,
    socket: &web_sys::WebSocket,
) -> Result<(), JsValue> {
    use web_sys::{RtcSdpType, RtcSessionDescriptionInit};
    let offer = JsFuture::from(peer.create_offer()).await?;
    let init = RtcSessionDescriptionInit::new(RtcSdpType::Offer);
    init.set_sdp(&get(&offer, "sdp").as_string().unwrap_or_default());
    JsFuture::from(peer.set_local_description(&init)).await?;
    let json = js_sys::JSON::stringify(&peer.local_description().into())?;
    socket.send_with_str(&String::from(json))
}
