//! A chart component: creates the ECharts instance once with charming's `WasmRenderer` and
//! updates it whenever the options change (never re-initialising it). ECharts is loaded
//! by index.html from `/echarts.min.js`, served by the app itself.

use charming::{Chart, Echarts, WasmRenderer};
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// Calls a no-argument method of the ECharts instance (`resize`, `dispose`).
fn call(e: &Echarts, method: &str) {
    let obj: &JsValue = e.as_ref();
    if let Ok(f) = js_sys::Reflect::get(obj, &JsValue::from_str(method)) {
        if let Some(f) = wasm_bindgen::JsCast::dyn_ref::<js_sys::Function>(&f) {
            let _ = f.call0(obj);
        }
    }
}

#[component]
pub fn EChart(
    /// DOM id of the chart container (unique on the page).
    #[prop(into)]
    id: String,
    /// The options; the chart updates when they change.
    #[prop(into)]
    chart: Signal<Chart>,
    /// Height in pixels (the width follows the container).
    #[prop(default = 360)]
    height: u32,
) -> impl IntoView {
    let el = NodeRef::<Div>::new();
    let handle: StoredValue<Option<Echarts>, LocalStorage> = StoredValue::new_local(None);
    let dom_id = id.clone();
    Effect::new(move |_| {
        let options = chart.get();
        if el.get().is_none() {
            return;
        }
        handle.update_value(|h| match h {
            Some(e) => WasmRenderer::update(e, &options),
            None => match WasmRenderer::new_opt(None, Some(height)).render(&dom_id, &options) {
                Ok(e) => *h = Some(e),
                Err(err) => leptos::logging::error!("chart {dom_id}: {err:?}"),
            },
        });
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| {
        handle.with_value(|h| {
            if let Some(e) = h {
                call(e, "resize");
            }
        });
    });
    on_cleanup(move || {
        resize.remove();
        handle.update_value(|h| {
            if let Some(e) = h.take() {
                call(&e, "dispose");
            }
        });
    });
    view! {
        <div
            node_ref=el
            id=id.clone()
            data-testid=id
            class="chart"
            style=format!("height: {height}px; width: 100%;")
        ></div>
    }
}
