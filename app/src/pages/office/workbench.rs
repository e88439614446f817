//! `/office` — 经办工作台: the four insurance modules (养老 / 医疗 / 失业 / 工伤), each with its
//! operations — 参保登记 at the counter, its cases waiting (待办), 业务查询, 缴费管理 — and 单位 and
//! 个人 beside them; and the latest 养老金申请, where a supervisor approves or returns them.

use leptos::prelude::*;

use crate::components::Link;
use crate::i18n::{strings, tr, Text};
use crate::api::sync::FilingKind;
use crate::domain::policy::Insurance;
use crate::routes::Route;

use super::cases::insurance_text;

#[component]
pub fn Workbench() -> impl IntoView {
    let tile = |title: Text, note: Text, route: Route| {
        view! {
            <Link href=route.href() class="tile">
                <span class="tile-title">{tr(title)}</span>
                <span class="tile-note">{tr(note)}</span>
            </Link>
        }
    };
    view! {
        <main class="page office">
            <h1>{tr(strings::NAV_OFFICE)}</h1>
            <nav class="tiles" data-testid="workbench">
                {tile(strings::OFFICE_CASES, strings::OFFICE_CASES_NOTE, Route::OfficeCases)}
                {tile(strings::OFFICE_FIND, strings::OFFICE_FIND_NOTE, Route::OfficeFind)}
                {tile(strings::OFFICE_PAYMENTS, strings::OFFICE_PAYMENTS_NOTE, Route::OfficePayments)}
                {tile(strings::OFFICE_REPORTS, strings::OFFICE_REPORTS_NOTE, Route::OfficeReports)}
                {tile(strings::STATS_TITLE, strings::STATS_NOTE, Route::OfficeStats)}
            </nav>
            <div class="modules" data-testid="modules">
                {Insurance::ALL.into_iter().map(|i| view! {
                    <section class="card module" data-module=i.code()>
                        <h2>{tr(insurance_text(i))}</h2>
                        <ul class="plain">
                            <li><Link href=format!("{}?module={}", Route::OfficeCases.href(), i.code()) class="link">{tr(strings::OFFICE_CASES)}</Link></li>
                            <li><Link href=Route::Form(FilingKind::Enrolment, None).href() class="link">{tr(strings::KIND_ENROLMENT)}</Link></li>
                            <li><Link href=Route::Form(FilingKind::Separation, None).href() class="link">{tr(strings::KIND_SEPARATION)}</Link></li>
                            <li><Link href=Route::Form(FilingKind::BaseDeclaration, None).href() class="link">{tr(strings::KIND_BASE_DECLARATION)}</Link></li>
                            <li><Link href=Route::OfficePayments.href() class="link">{tr(strings::OFFICE_PAYMENTS)}</Link></li>
                        </ul>
                    </section>
                }).collect_view()}
                <section class="card module" data-module="unit">
                    <h2>{tr(strings::OFFICE_MODULE_UNIT)}</h2>
                    <ul class="plain">
                        <li><Link href=Route::OfficeFind.href() class="link">{tr(strings::OFFICE_FIND)}</Link></li>
                        <li><Link href=Route::Form(FilingKind::EmployerRegistration, None).href() class="link">{tr(strings::KIND_EMPLOYER_REGISTRATION)}</Link></li>
                    </ul>
                </section>
                <section class="card module" data-module="person">
                    <h2>{tr(strings::OFFICE_MODULE_PERSON)}</h2>
                    <ul class="plain">
                        <li><Link href=Route::OfficeFind.href() class="link">{tr(strings::OFFICE_FIND)}</Link></li>
                        <li><Link href=Route::Form(FilingKind::PersonalRegistration, None).href() class="link">{tr(strings::KIND_PERSONAL_REGISTRATION)}</Link></li>
                    </ul>
                </section>
            </div>
            <super::visits::VisitCard/>
            <super::injuries::InjuryCard/>
            <super::unemployment::UnemploymentCard/>
            <super::claim::ClaimCard person=None/>
        </main>
    }
}
