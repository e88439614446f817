//! `/` — the starting screen: the last unfinished draft to continue, and the doors into the app.

use leptos::prelude::*;

use crate::api::auth::Role;
use crate::api::sync::FilingKind;
use crate::components::Link;
use crate::engine;
use crate::i18n::{strings, tr, use_i18n, Text};
use crate::offline::drafts;
use crate::routes::Route;
use crate::state::{clock, elder, use_account, use_notices};

#[component]
pub fn Home() -> impl IntoView {
    let i18n = use_i18n();
    let latest = RwSignal::new(None::<drafts::DraftRecord>);
    let account = use_account();
    let me = Memo::new(move |_| account.me());
    let worker = Memo::new(move |_| account.role().is_some_and(Role::files_for_others));
    let reviewer = Memo::new(move |_| account.role() == Some(Role::Reviewer));
    let admin = Memo::new(move |_| account.role() == Some(Role::Admin));
    let logout = move |_| account.log_out();
    let offer_closed = RwSignal::new(false);
    let notices = use_notices();
    engine::latest_draft(latest);
    view! {
        <main class="page home">
            <p class="tagline">{tr(strings::APP_TAGLINE)}</p>
            {move || me.get().map(|m| view! {
                <section class="card signed-in" data-testid="signed-in">
                    <Link href=Route::Profile.href() class="signed-in-name">{tr(strings::SIGNED_IN_AS)}{m.name.clone()}" "{m.id_masked.clone()}</Link>
                    <button type="button" class="btn btn-secondary" data-testid="logout" on:click=logout>{tr(strings::LOGOUT)}</button>
                </section>
                {(m.senior && !elder::is_on() && !elder::offered()).then(|| view! {
                    <section class="card" data-testid="elder-offer" hidden=move || offer_closed.get()>
                        <p>{tr(strings::ELDER_OFFER)}</p>
                        <button type="button" class="btn" data-testid="elder-yes"
                            on:click=move |_| { elder::set(true); offer_closed.set(true); }>{tr(strings::ELDER_OFFER_YES)}</button>
                        " "
                        <button type="button" class="btn btn-secondary"
                            on:click=move |_| { elder::decline(); offer_closed.set(true); }>{tr(strings::ELDER_OFFER_NO)}</button>
                    </section>
                })}
                {m.needs_addresses.then(|| view! {
                    <Link href=Route::Addresses.href() class="card continue">
                        <span class="tile-title">{tr(strings::HOME_ADDRESSES_NEEDED)}</span>
                    </Link>
                })}
            })}
            // 通知公告: the newest title and how many are unread (kept on the device: offline too).
            {move || notices.newest_title().map(|newest| {
                let unread = notices.unread();
                view! {
                    <Link href=Route::Notices.href() class="card continue">
                        <span class="tile-title" data-testid="home-notices">
                            {tr(strings::NOTICES_TITLE)}
                            {(unread > 0).then(|| view! { " " <span class="unread-dot" data-testid="notices-unread">{unread}" "{tr(strings::NOTICES_UNREAD)}</span> })}
                        </span>
                        <span class="tile-note">{newest}</span>
                    </Link>
                }
            })}
            {move || latest.get().map(|d| {
                let title = if d.title.is_empty() { i18n.t(strings::UNTITLED).to_owned() } else { d.title.clone() };
                view! {
                    <Link href=Route::form(d.kind, &d.id).href() class="card continue">
                        <span class="tile-title">{tr(strings::CONTINUE_DRAFT)}": "{tr(crate::pages::kind_text(d.kind))}</span>
                        <span class="tile-note">{title}" · "{clock::format_ms(d.updated_at)}</span>
                    </Link>
                }
            })}
            <nav class="tiles">
                <Show when=move || me.with(Option::is_none)>
                    <Tile title=strings::NAV_REGISTER note=strings::HOME_PERSONAL href=Route::Form(FilingKind::PersonalRegistration, None).href()/>
                    <Tile title=strings::NAV_LOGIN note=strings::HOME_PERSONAL href=Route::Login.href()/>
                </Show>
                <Show when=move || worker.get()>
                    <Tile title=strings::NAV_ASSISTED note=strings::HOME_FIELD_WORK href=Route::Form(FilingKind::PersonalRegistration, None).href()/>
                </Show>
                <Show when=move || me.with(Option::is_none) || worker.get()>
                    <Tile title=strings::NAV_VERIFY_PHONE note=strings::HOME_PERSONAL href=Route::VerifyPhone.href()/>
                </Show>
                // Employers' doors: 长辈模式 leaves them out (a resident's few tiles remain).
                <Show when=move || me.with(Option::is_none)>
                    <div class="tiles-employer">
                        <Tile title=strings::KIND_EMPLOYER_REGISTRATION note=strings::HOME_EMPLOYER href=Route::Form(FilingKind::EmployerRegistration, None).href()/>
                        <Tile title=strings::NAV_EMPLOYER_STATUS note=strings::HOME_EMPLOYER href=Route::EmployerStatus.href()/>
                    </div>
                </Show>
                <Show when=move || reviewer.get()>
                    <Tile title=strings::NAV_REVIEW note=strings::HOME_AGENCY href=Route::ReviewQueue.href()/>
                </Show>
                <Show when=move || matches!(account.role(), Some(Role::Operator | Role::Supervisor))>
                    <Tile title=strings::NAV_OFFICE note=strings::HOME_AGENCY href=Route::Office.href()/>
                </Show>
                <Show when=move || admin.get()>
                    <Tile title=strings::NAV_AUDIT note=strings::HOME_AGENCY href=Route::AuditLog.href()/>
                    <Tile title=strings::NOTICE_ADMIN note=strings::HOME_AGENCY href=Route::AdminNotices.href()/>
                    <Tile title=strings::STATS_TITLE note=strings::HOME_AGENCY href=Route::OfficeStats.href()/>
                </Show>
                <Show when=move || account.role() == Some(Role::Resident)>
                    <Tile title=strings::HOME_MY_INSURANCE note=strings::RECORDS_TITLE href=Route::MyRecords.href()/>
                    <Tile title=strings::INJURY_SELF_TILE note=strings::INJURY_SELF_NOTE href=Route::Form(FilingKind::InjuryReport, None).href()/>
                </Show>
                <Show when=move || account.role() == Some(Role::EmployerHandler)>
                    <Tile title=strings::HOME_UNIT_BUSINESS note=strings::ROSTER_TITLE href=Route::UnitBusiness.href()/>
                </Show>
                // A unit's business: its own account, or staff naming the unit (in the field, at the counter).
                <Show when=move || account.role().is_some_and(Role::files_unit_forms)>
                    <Tile title=strings::NAV_NEW_ENROLMENT note=strings::HOME_EMPLOYER href=Route::Form(FilingKind::Enrolment, None).href()/>
                    <Tile title=strings::KIND_SEPARATION note=strings::HOME_EMPLOYER href=Route::Form(FilingKind::Separation, None).href()/>
                    <Tile title=strings::KIND_BASE_DECLARATION note=strings::HOME_EMPLOYER href=Route::Form(FilingKind::BaseDeclaration, None).href()/>
                    <Tile title=strings::KIND_INJURY_REPORT note=strings::HOME_EMPLOYER href=Route::Form(FilingKind::InjuryReport, None).href()/>
                    <Tile title=strings::KIND_UNIT_CHANGE note=strings::UNIT_CHANGE_TILE href=Route::Form(FilingKind::UnitChange, None).href()/>
                </Show>
                // 失业登记, 医疗费用报销, 新生儿参保 and 个人信息变更: the person, or staff for them.
                <Show when=move || account.role().is_some_and(|r| r == Role::Resident || r.files_for_others())>
                    <Tile title=strings::KIND_UNEMPLOYMENT note=strings::UNEMPLOYMENT_TITLE href=Route::Form(FilingKind::Unemployment, None).href()/>
                    <Tile title=strings::KIND_MEDICAL_CLAIM note=strings::MEDICAL_TITLE href=Route::Form(FilingKind::MedicalClaim, None).href()/>
                    <Tile title=strings::KIND_NEWBORN note=strings::NEWBORN_TILE href=Route::Form(FilingKind::Newborn, None).href()/>
                    <Tile title=strings::KIND_PERSON_CHANGE note=strings::PERSON_CHANGE_TILE href=Route::Form(FilingKind::PersonChange, None).href()/>
                </Show>
                <Show when=move || account.role() == Some(Role::FieldWorker)>
                    <Tile title=strings::KIND_PENSION_CERTIFICATION note=strings::FIELD_DUE_TITLE href=Route::Form(FilingKind::PensionCertification, None).href()/>
                </Show>
                <Tile title=strings::NAV_DRAFTS note=strings::DRAFTS_TITLE href=Route::Drafts.href()/>
                <Tile title=strings::SYNC_TITLE note=strings::SYNC_BADGE_LABEL href=Route::Sync.href()/>
                <Tile title=strings::HELP_TITLE note=strings::CONTACT_TITLE href=Route::Help.href()/>
            </nav>
        </main>
    }
}

#[component]
fn Tile(title: Text, note: Text, href: String) -> impl IntoView {
    view! {
        <Link href=href class="tile">
            <span class="tile-title">{tr(title)}</span>
            <span class="tile-note">{tr(note)}</span>
        </Link>
    }
}
