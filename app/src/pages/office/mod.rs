//! The back office (经办) for operators and supervisors, in the staff bundle: the workbench,
//! 待办 (the case queue and one case), 业务查询 (find a person or a unit, their pages) and
//! payment imports and base adjustments under four eyes; 报表 (reports).

mod adjust;
mod claim;
mod case;
mod cases;
mod find;
mod payments;
mod pension;
mod person;
mod recover;
mod region_select;
mod reports;
mod stats;
mod stop_form;
mod suspend;
mod unit;
mod visits;
mod injuries;
mod unemployment;
mod workbench;

pub use case::Case;
pub use cases::Cases;
pub use payments::Payments;
pub use person::Person;
pub use reports::Reports;
pub use stats::Stats;
pub use unit::Unit;
pub use find::Find;
pub use workbench::Workbench;

use leptos::prelude::*;

/// Back to the workbench, above every back-office screen.
fn to_workbench() -> impl IntoView {
    view! {
        <nav class="crumbs">
            <crate::components::Link href=crate::routes::Route::Office.href()>"← "{crate::i18n::tr(crate::i18n::strings::NAV_OFFICE)}</crate::components::Link>
        </nav>
    }
}
