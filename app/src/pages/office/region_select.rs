//! The region a staff screen filters by (报表, 统计): every region first, then each province the
//! policy data covers followed by its cities. What a member of staff may see at all is the
//! server's business; a region outside theirs is refused there.

use leptos::prelude::*;

use crate::domain::divisions;
use crate::i18n::{strings, tr, Text};
use crate::state::use_policy;

#[component]
pub fn RegionSelect(id: &'static str, label: Text, value: RwSignal<String>) -> impl IntoView {
    let policy = use_policy();
    let regions = move || {
        let mut provinces: Vec<u32> = policy.table().map(|t| t.base_limits.iter().map(|l| l.region / 10_000 * 10_000).collect()).unwrap_or_default();
        provinces.sort_unstable();
        provinces.dedup();
        provinces.into_iter().flat_map(|p| std::iter::once(p).chain(divisions::children(Some(p)).into_iter().map(|(c, _)| c))).collect::<Vec<_>>()
    };
    view! {
        <div class="field">
            <label for=id>{tr(label)}</label>
            <select id=id data-testid=id prop:value=move || value.get() on:change=move |ev| value.set(event_target_value(&ev))>
                <option value="">{tr(strings::STATS_ALL)}</option>
                {move || regions().into_iter().map(|code| {
                    let name = divisions::full_name(code).unwrap_or_default();
                    view! { <option value=code.to_string()>{name}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}
