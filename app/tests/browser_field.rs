//! A form field in a real browser: typing an invalid ID number and leaving the field shows the
//! rules' Chinese message; correcting it clears the message and shows what the number tells.
#![cfg(all(target_arch = "wasm32", feature = "csr"))]

use app::components::{FieldIssues, IdNumberField};
use app::domain::IdNumber;
use app::i18n::{provide_i18n, Lang};
use app::state::clock;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Lets the reactive system and the DOM catch up.
async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

fn type_into(input: &web_sys::HtmlInputElement, text: &str) {
    input.set_value(text);
    input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
}

fn text_of(selector: &str) -> String {
    document().query_selector(selector).unwrap().map(|e| e.text_content().unwrap_or_default()).unwrap_or_default()
}

#[wasm_bindgen_test]
async fn the_id_number_field_shows_and_clears_the_chinese_error() {
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone().unchecked_into(), || {
        provide_i18n().set(Lang::Zh);
        let value = RwSignal::new(String::new());
        let issues = Signal::derive(move || FieldIssues::from_parse(&IdNumber::parse(&value.get(), clock::today())));
        view! { <IdNumberField name="id_number" value=value issues=issues/> }
    });

    let input: web_sys::HtmlInputElement = document().get_element_by_id("id_number").unwrap().unchecked_into();
    type_into(&input, "110101199003078671");
    settle().await;
    assert_eq!(text_of(".field-error"), "", "no error before the field is left");

    input.dispatch_event(&web_sys::Event::new("blur").unwrap()).unwrap();
    settle().await;
    assert_eq!(text_of(".field-error"), "身份证号码校验位不符，请逐位核对");
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));

    type_into(&input, "110101199003078670");
    settle().await;
    assert_eq!(text_of(".field-error"), "", "the error clears as soon as the number is right");
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("false"));
    assert_eq!(text_of("[data-testid=id-facts]"), "出生日期 1990-03-07 · 男 · 北京市东城区");
    drop(handle);
}
