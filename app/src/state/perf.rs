//! User Timing marks for the benchmark command: how long the device store took to commit a
//! draft or a submission. Cheap, local, read only by `cargo xtask bench` (never sent anywhere).

use wasm_bindgen::JsValue;

/// Milliseconds on the page's monotonic clock.
pub fn now() -> f64 {
    web_sys::window().and_then(|w| js_sys::Reflect::get(&w, &"performance".into()).ok())
        .and_then(|p| js_sys::Reflect::get(&p, &"now".into()).ok().map(|f| (p, f)))
        .and_then(|(p, f)| wasm_bindgen::JsCast::dyn_ref::<js_sys::Function>(&f).and_then(|f| f.call0(&p).ok()))
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0)
}

/// Records `performance.measure(name, {start, end: now})`.
pub fn measure(name: &str, start: f64) {
    let Some(perf) = web_sys::window().and_then(|w| js_sys::Reflect::get(&w, &"performance".into()).ok()) else { return };
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"start".into(), &JsValue::from_f64(start));
    let _ = js_sys::Reflect::set(&options, &"end".into(), &JsValue::from_f64(now()));
    if let Ok(f) = js_sys::Reflect::get(&perf, &"measure".into()) {
        if let Some(f) = wasm_bindgen::JsCast::dyn_ref::<js_sys::Function>(&f) {
            let _ = f.call2(&perf, &name.into(), &options);
        }
    }
}
