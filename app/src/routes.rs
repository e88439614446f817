//! Every screen's address. The app's own router (`state/router.rs`) turns the browser's
//! location into a [`Route`]; views link with [`Route::href`]. `leptos_router` was measured at
//! 42 KB (brotli) of wasm for two routes, a third of the shell budget, so routing is this enum.

use crate::api::sync::FilingKind;

/// A screen of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Home,
    Settings,
    Drafts,
    Sync,
    Login,
    Agreement,
    Privacy,
    /// 验证手机: the code that activates a registration made offline.
    VerifyPhone,
    /// 忘记密码.
    ForgotPassword,
    /// The household and contact addresses the first login asks for.
    Addresses,
    /// 审核进度查询: an employer's own application.
    EmployerStatus,
    /// The review desk's queue.
    ReviewQueue,
    /// One application on the review desk.
    ReviewApplication(i64),
    /// The audit log, for administrators.
    AuditLog,
    /// 发布通知公告, for administrators.
    AdminNotices,
    /// 通知公告: the notices in force, kept on the device.
    Notices,
    /// 帮助中心: the FAQs and guides, searchable, offline.
    Help,
    /// 联系我们: the offices to call or visit, from the policy data.
    Contact,
    /// One notice (opening it marks it read).
    Notice(i64),
    /// 经办工作台: the back office's modules and operations.
    Office,
    /// 业务查询: find a person or a unit.
    OfficeFind,
    /// A person's page in the back office.
    OfficePerson(i64),
    /// A unit's page in the back office.
    OfficeUnit(i64),
    /// 到账导入 and its 复核 (four eyes).
    OfficePayments,
    OfficeCases,
    OfficeCase(i64),
    /// 报表: a report previewed, printed, downloaded.
    OfficeReports,
    /// 数据统计与分析: the agency's charts.
    OfficeStats,
    /// 我的社保: a resident's contribution records, account and proof.
    MyRecords,
    /// 单位业务: a unit's roster and monthly statements.
    UnitBusiness,
    /// 我的信息: the signed-in person's profile, 修改密码, 退出所有设备.
    Profile,
    /// A form of `kind`: a new draft (`None`) or a stored draft (and, once submitted, its
    /// filing).
    Form(FilingKind, Option<String>),
    NotFound,
}

/// A group of screens built into a wasm module of its own (see [`Route::split_group`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SplitGroup {
    /// The four filing forms.
    Forms,
    /// The background work and every other screen but home: signing in and the account's own
    /// screens, the drafts, sync and settings panels.
    Common,
}

impl SplitGroup {
    /// The split point's module name (`split_<name>.wasm`), as `public/boot.js` names it.
    pub fn name(self) -> &'static str {
        match self {
            SplitGroup::Forms => "forms",
            SplitGroup::Common => "common",
        }
    }
}

/// The path segment of each kind's form.
fn segment(kind: FilingKind) -> &'static str {
    match kind {
        FilingKind::PersonalRegistration => "register",
        FilingKind::EmployerRegistration => "employer-register",
        FilingKind::Enrolment => "enrolment",
        FilingKind::BaseDeclaration => "base-declaration",
        FilingKind::Separation => "separation",
        FilingKind::PensionCertification => "certify",
        FilingKind::InjuryReport => "injury-report",
        FilingKind::Unemployment => "unemployment",
        FilingKind::MedicalClaim => "medical-claim",
        FilingKind::Newborn => "newborn",
        FilingKind::PersonChange => "person-change",
        FilingKind::UnitChange => "unit-change",
    }
}

const KINDS: [FilingKind; 12] = [
    FilingKind::PersonalRegistration,
    FilingKind::EmployerRegistration,
    FilingKind::Enrolment,
    FilingKind::BaseDeclaration,
    FilingKind::Separation,
    FilingKind::PensionCertification,
    FilingKind::InjuryReport,
    FilingKind::Unemployment,
    FilingKind::MedicalClaim,
    FilingKind::Newborn,
    FilingKind::PersonChange,
    FilingKind::UnitChange,
];

/// A draft id as the app makes them (a UUID).
fn is_draft_id(s: &str) -> bool {
    s.len() == 36 && s.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-')
}

impl Route {
    /// The route for a location path (the query string is not part of it).
    ///
    /// ```
    /// use app::routes::Route;
    /// use app::api::sync::FilingKind;
    /// assert_eq!(Route::parse("/"), Route::Home);
    /// assert_eq!(Route::parse("/settings/"), Route::Settings);
    /// assert_eq!(Route::parse("/enrolment"), Route::Form(FilingKind::Enrolment, None));
    /// assert_eq!(Route::parse("/nowhere"), Route::NotFound);
    /// ```
    pub fn parse(path: &str) -> Route {
        let path = path.split(['?', '#']).next().unwrap_or("");
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        match segments.as_slice() {
            [] => Route::Home,
            ["settings"] => Route::Settings,
            ["drafts"] => Route::Drafts,
            ["sync"] => Route::Sync,
            ["login"] => Route::Login,
            ["agreement"] => Route::Agreement,
            ["privacy"] => Route::Privacy,
            ["verify-phone"] => Route::VerifyPhone,
            ["forgot-password"] => Route::ForgotPassword,
            ["addresses"] => Route::Addresses,
            ["employer-status"] => Route::EmployerStatus,
            ["my-records"] => Route::MyRecords,
            ["unit"] => Route::UnitBusiness,
            ["profile"] => Route::Profile,
            ["review"] => Route::ReviewQueue,
            ["admin", "audit"] => Route::AuditLog,
            ["admin", "notices"] => Route::AdminNotices,
            ["notices"] => Route::Notices,
            ["help"] => Route::Help,
            ["contact"] => Route::Contact,
            ["notices", id] => id.parse().ok().filter(|n: &i64| *n > 0).map_or(Route::NotFound, Route::Notice),
            ["office"] => Route::Office,
            ["office", "find"] => Route::OfficeFind,
            ["office", "units", id] => id.parse().ok().filter(|n: &i64| *n > 0).map_or(Route::NotFound, Route::OfficeUnit),
            ["office", "persons", id] => id.parse().ok().filter(|n: &i64| *n > 0).map_or(Route::NotFound, Route::OfficePerson),
            ["office", "payments"] => Route::OfficePayments,
            ["office", "reports"] => Route::OfficeReports,
            ["office", "stats"] => Route::OfficeStats,
            ["office", "cases"] => Route::OfficeCases,
            ["office", "cases", id] => id.parse().ok().filter(|n: &i64| *n > 0).map_or(Route::NotFound, Route::OfficeCase),
            ["review", id] => id.parse().ok().filter(|n: &i64| *n > 0).map_or(Route::NotFound, Route::ReviewApplication),
            [form] => KINDS.into_iter().find(|k| segment(*k) == *form).map_or(Route::NotFound, |k| Route::Form(k, None)),
            [form, id] if is_draft_id(id) => {
                KINDS.into_iter().find(|k| segment(*k) == *form).map_or(Route::NotFound, |k| Route::Form(k, Some((*id).to_owned())))
            }
            _ => Route::NotFound,
        }
    }

    /// An agency screen: in the staff bundle, which `public/boot.js` starts on these addresses
    /// (its rule is checked against this one by a test below).
    pub fn is_staff(&self) -> bool {
        matches!(
            self,
            Route::ReviewQueue | Route::ReviewApplication(_) | Route::AuditLog | Route::AdminNotices | Route::Office | Route::OfficeFind | Route::OfficePerson(_) | Route::OfficeUnit(_) | Route::OfficePayments
            | Route::OfficeCases | Route::OfficeCase(_) | Route::OfficeReports | Route::OfficeStats
        )
    }

    /// The wasm module group this route's screen lives in, when the public bundle is split
    /// (`app/src/split.rs`); `None`: in the main module. `public/boot.js` keeps the same
    /// grouping by first path segment, to fetch a group's modules beside the main one on a first
    /// visit straight to one of its screens (a test below keeps the two in step).
    pub fn split_group(&self) -> Option<SplitGroup> {
        match self {
            Route::Form(..) => Some(SplitGroup::Forms),
            Route::Login
            | Route::Agreement
            | Route::Privacy
            | Route::VerifyPhone
            | Route::ForgotPassword
            | Route::Addresses
            | Route::EmployerStatus
            | Route::MyRecords
            | Route::UnitBusiness
            | Route::Profile
            | Route::Drafts
            | Route::Sync
            | Route::Notices
            | Route::Notice(_)
            | Route::Help
            | Route::Contact
            | Route::Settings => Some(SplitGroup::Common),
            Route::Home
            | Route::ReviewQueue
            | Route::ReviewApplication(_)
            | Route::AuditLog
            | Route::AdminNotices
            | Route::Office
            | Route::OfficeFind
            | Route::OfficePerson(_)
            | Route::OfficeUnit(_)
            | Route::OfficePayments
            | Route::OfficeCases
            | Route::OfficeCase(_)
            | Route::OfficeReports
            | Route::OfficeStats
            | Route::NotFound => None,
        }
    }

    /// The form of `kind` for draft `id`.
    pub fn form(kind: FilingKind, id: &str) -> Route {
        Route::Form(kind, Some(id.to_owned()))
    }

    /// The path that opens this route.
    pub fn href(&self) -> String {
        match self {
            Route::Home => "/".into(),
            Route::Settings => "/settings".into(),
            Route::Drafts => "/drafts".into(),
            Route::Sync => "/sync".into(),
            Route::Login => "/login".into(),
            Route::Agreement => "/agreement".into(),
            Route::Privacy => "/privacy".into(),
            Route::VerifyPhone => "/verify-phone".into(),
            Route::ForgotPassword => "/forgot-password".into(),
            Route::Addresses => "/addresses".into(),
            Route::EmployerStatus => "/employer-status".into(),
            Route::MyRecords => "/my-records".into(),
            Route::UnitBusiness => "/unit".into(),
            Route::Profile => "/profile".into(),
            Route::ReviewQueue => "/review".into(),
            Route::ReviewApplication(id) => format!("/review/{id}"),
            Route::AuditLog => "/admin/audit".into(),
            Route::AdminNotices => "/admin/notices".into(),
            Route::Notices => "/notices".into(),
            Route::Help => "/help".into(),
            Route::Contact => "/contact".into(),
            Route::Notice(id) => format!("/notices/{id}"),
            Route::Office => "/office".into(),
            Route::OfficeFind => "/office/find".into(),
            Route::OfficeUnit(id) => format!("/office/units/{id}"),
            Route::OfficePerson(id) => format!("/office/persons/{id}"),
            Route::OfficePayments => "/office/payments".into(),
            Route::OfficeReports => "/office/reports".into(),
            Route::OfficeStats => "/office/stats".into(),
            Route::OfficeCases => "/office/cases".into(),
            Route::OfficeCase(id) => format!("/office/cases/{id}"),
            Route::Form(kind, None) => format!("/{}", segment(*kind)),
            Route::Form(kind, Some(id)) => format!("/{}/{id}", segment(*kind)),
            Route::NotFound => "/not-found".into(),
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn every_route() -> Vec<Route> {
        let id = "0190f3a2-7c4e-7b1a-9c3d-1234567890ab".to_owned();
        let mut routes = vec![Route::Home, Route::Settings, Route::Drafts, Route::Sync, Route::Login, Route::Agreement, Route::Privacy];
        routes.extend([Route::VerifyPhone, Route::ForgotPassword, Route::Addresses, Route::EmployerStatus, Route::MyRecords, Route::UnitBusiness, Route::Profile, Route::ReviewQueue, Route::ReviewApplication(42), Route::AuditLog]);
        routes.extend([Route::AdminNotices, Route::Notices, Route::Notice(5), Route::Help, Route::Contact]);
        routes.extend([Route::Office, Route::OfficeFind, Route::OfficePerson(7), Route::OfficeUnit(8), Route::OfficePayments, Route::OfficeCases, Route::OfficeCase(9), Route::OfficeReports, Route::OfficeStats]);
        for k in KINDS {
            routes.push(Route::Form(k, None));
            routes.push(Route::Form(k, Some(id.clone())));
        }
        routes
    }

    #[test]
    fn every_route_round_trips_through_its_href() {
        for route in every_route() {
            assert_eq!(Route::parse(&route.href()), route);
        }
    }

    #[test]
    fn queries_fragments_and_bad_ids() {
        assert_eq!(Route::parse("/settings?x=1#top"), Route::Settings);
        assert_eq!(Route::parse("/?lang=en"), Route::Home);
        assert_eq!(Route::parse("/enrolment/../../etc"), Route::NotFound);
        assert_eq!(Route::parse("/enrolment/short"), Route::NotFound);
        assert_eq!(Route::parse("/review/0"), Route::NotFound);
        assert_eq!(Route::parse("/review/x"), Route::NotFound);
        assert_eq!(Route::parse("/office/persons/-3"), Route::NotFound);
    }

    /// `public/boot.js` fetches a split group's modules on a first visit to one of its screens,
    /// by the address's first segment: its table must group exactly as `Route::split_group`.
    #[test]
    fn boot_preloads_the_split_group_each_route_is_in() {
        let boot = include_str!("../../public/boot.js");
        let rule = boot.lines().find(|l| l.starts_with("const SPLIT = {")).expect("boot.js has its SPLIT table");
        let table = rule.trim_start_matches("const SPLIT = {").trim_end_matches("};");
        let pairs: Vec<(&str, &str)> = table
            .split(',')
            .map(|pair| {
                let (k, v) = pair.split_once(':').expect("segment: 'group'");
                (k.trim().trim_matches('\''), v.trim().trim_matches('\''))
            })
            .collect();
        for route in every_route() {
            let href = route.href();
            let first = href.trim_start_matches('/').split('/').next().unwrap_or("");
            let boot_group = pairs.iter().find(|(k, _)| *k == first).map(|(_, v)| *v);
            assert_eq!(boot_group, route.split_group().map(SplitGroup::name), "{href}: boot.js and Route::split_group disagree");
        }
    }

    /// `public/boot.js` picks the bundle before any wasm runs, by the address's first segment:
    /// its list must name exactly the staff routes' segments.
    #[test]
    fn boot_starts_the_staff_bundle_on_exactly_the_staff_routes() {
        let boot = include_str!("../../public/boot.js");
        let rule = boot.lines().find(|l| l.starts_with("const STAFF = ")).expect("boot.js has its STAFF rule");
        let group = rule.split_once("^\\/(").and_then(|(_, r)| r.split_once(')')).expect("the rule is /^\\/(a|b)(\\/|$)/").0;
        let segments: Vec<&str> = group.split('|').collect();
        for route in every_route() {
            let href = route.href();
            let first = href.trim_start_matches('/').split('/').next().unwrap_or("");
            assert_eq!(segments.contains(&first), route.is_staff(), "{href}: boot.js and Route::is_staff disagree");
        }
    }
}
