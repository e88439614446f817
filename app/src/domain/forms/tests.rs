//! The four forms: a valid draft of each, then one change at a time, each expected to fail on
//! the named field with the named code (or to pass with the named warning).

use super::*;
use crate::domain::policy::{Insurance, PolicyTable};
use crate::domain::Date;

fn policy() -> PolicyTable {
    PolicyTable::from_json(include_str!("../../../../server/data/policy.json")).unwrap()
}

fn ctx(policy: &PolicyTable) -> Context<'_> {
    Context { today: Date::new(2026, 11, 22).unwrap(), policy: Some(policy) }
}

fn personal_ok() -> personal::PersonalRegistrationDraft {
    personal::PersonalRegistrationDraft {
        name: "王小明".into(),
        id_number: "320102199003071239".into(),
        mobile: "138 0013 8000".into(),
        email: "".into(),
        password: "Tea-garden7".into(),
        password_confirm: "Tea-garden7".into(),
        sms_code: "".into(),
        agreed: true,
    }
}

#[test]
fn personal_registration() {
    let p = policy();
    let ok = personal::validate(&personal_ok(), &ctx(&p)).unwrap();
    assert_eq!(ok.value.mobile.as_str(), "13800138000");
    assert!(ok.value.email.is_none() && ok.value.sms_code.is_none());

    type Change = Box<dyn Fn(&mut personal::PersonalRegistrationDraft)>;
    let cases: Vec<(Change, &str, &str)> = vec![
        (Box::new(|d| d.name = "王3".into()), "name", "name.digits"),
        (Box::new(|d| d.id_number = "320102199003071238".into()), "id_number", "id_number.checksum"),
        (Box::new(|d| d.mobile = "1234".into()), "mobile", "mobile.format"),
        (Box::new(|d| d.email = "wang@".into()), "email", "email.format"),
        (Box::new(|d| { d.password = "abc19900307".into(); d.password_confirm = d.password.clone(); }), "password", "password.birth_date"),
        (Box::new(|d| d.password_confirm = "Tea-garden8".into()), "password_confirm", "password.mismatch"),
        (Box::new(|d| d.sms_code = "12345".into()), "sms_code", "sms_code.format"),
        (Box::new(|d| d.agreed = false), "agreed", "consent.required"),
    ];
    for (change, field, code) in cases {
        let mut d = personal_ok();
        change(&mut d);
        let errors = personal::validate(&d, &ctx(&p)).unwrap_err();
        assert_eq!(errors.error_of(field).map(|i| i.code.as_ref()), Some(code), "{field}: {:?}", errors.codes());
        assert_eq!(errors.errors.len(), 1, "only {field} fails: {:?}", errors.codes());
    }
}

#[test]
fn every_empty_required_field_is_named() {
    let p = policy();
    let errors = personal::validate(&Default::default(), &ctx(&p)).unwrap_err();
    for field in ["name", "id_number", "mobile", "password", "password_confirm", "agreed"] {
        assert!(errors.error_of(field).is_some(), "{field} not reported: {:?}", errors.codes());
    }
    assert!(errors.error_of("email").is_none() && errors.error_of("sms_code").is_none(), "optional fields");
}

fn employer_ok() -> employer::EmployerRegistrationDraft {
    employer::EmployerRegistrationDraft {
        unit_name: "南京青禾科技有限公司".into(),
        credit_code: "91320100MA1MXXXX3J".into(),
        legal_rep_id: "320101198506150026".into(),
        handler_name: "王小明".into(),
        handler_id: "320102199003071239".into(),
        handler_mobile: "13800138000".into(),
        handler_email: "hr@qinghe.cn".into(),
        password: String::new(),
        password_confirm: String::new(),
        sms_code: "123456".into(),
        agreed: true,
    }
}

#[test]
fn employer_registration() {
    let p = policy();
    let ok = employer::validate(&employer_ok(), &ctx(&p)).unwrap();
    // The organisation-code warning of this code and the legal rep's old address code show.
    assert_eq!(ok.warnings["credit_code"][0].code, "credit_code.org_code");
    assert_eq!(ok.warnings["legal_rep_id"][0].code, "id_number.region_unknown");

    let mut same = employer_ok();
    same.handler_id = same.legal_rep_id.clone();
    let errors = employer::validate(&same, &ctx(&p)).unwrap_err();
    assert_eq!(errors.error_of("handler_id").unwrap().code, "handler.is_legal_rep");

    // An individual business's operator may handle it in person.
    same.credit_code = "923201021234567886".into();
    assert!(employer::validate(&same, &ctx(&p)).is_ok());

    let mut young = employer_ok();
    young.legal_rep_id = "320102201001011238".into();
    young.legal_rep_id = fix_check(&young.legal_rep_id);
    assert_eq!(employer::validate(&young, &ctx(&p)).unwrap_err().error_of("legal_rep_id").unwrap().code, "legal_rep.minor");

    let mut no_email = employer_ok();
    no_email.handler_email.clear();
    assert_eq!(employer::validate(&no_email, &ctx(&p)).unwrap_err().error_of("handler_email").unwrap().code, "required");

    // A password in the filing (an app from before the rule) is refused, not stored.
    let mut old_app = employer_ok();
    old_app.password = "Tea-garden7".into();
    assert_eq!(employer::validate(&old_app, &ctx(&p)).unwrap_err().error_of("password").unwrap().code, "registration.password_in_filing");
    let json = serde_json::to_string(&employer_ok()).unwrap();
    assert!(!json.contains("password"), "an empty password is not even a key of the payload: {json}");
}

#[test]
fn a_personal_registration_kept_on_the_device_or_filed_holds_no_secret() {
    let p = policy();
    let full = personal_ok();
    let kept = full.without_secrets();
    let json = serde_json::to_string(&kept).unwrap();
    for secret in ["password", "sms_code", "Tea-garden7"] {
        assert!(!json.contains(secret), "{secret} in {json}");
    }
    assert!(personal::validate_filing(&kept, &ctx(&p)).is_ok());
    assert_eq!(
        personal::validate_filing(&full, &ctx(&p)).unwrap_err().error_of("password").unwrap().code,
        "registration.password_in_filing"
    );
}

/// The same 17 digits with the right check character.
fn fix_check(id: &str) -> String {
    let mut s = id[..17].to_owned();
    s.push(char::from(crate::domain::id_number::check_char(s.as_bytes())));
    s
}

fn enrolment_ok() -> enrolment::EnrolmentDraft {
    enrolment::EnrolmentDraft {
        id_number: "320102199003071239".into(),
        name: "王小明".into(),
        mobile: "".into(),
        card_number: "".into(),
        region: "320102".into(),
        start_month: "2026-11".into(),
        monthly_base: "6,000".into(),
        insurances: vec![Insurance::Pension, Insurance::Medical, Insurance::Unemployment, Insurance::WorkInjury],
        credit_code: "".into(),
    }
}

#[test]
fn enrolment_limits_and_ages() {
    let p = policy();
    let ok = enrolment::validate(&enrolment_ok(), &ctx(&p)).unwrap();
    assert_eq!(ok.value.monthly_base, crate::domain::Fen(600_000));

    let mut low = enrolment_ok();
    low.monthly_base = "3000".into();
    let issue = enrolment::validate(&low, &ctx(&p)).unwrap_err().error_of("monthly_base").cloned().unwrap();
    assert_eq!(issue.code, "base.out_of_range");
    assert!(issue.zh.contains("4,879.00") && issue.en.contains("24,396.00"), "{issue}");

    // Born 1960 (66, statutory age 60 in 2020-03): unemployment refused, pension a continuation only.
    let mut retired = enrolment_ok();
    retired.id_number = fix_check("32010219600307123");
    let errors = enrolment::validate(&retired, &ctx(&p)).unwrap_err();
    assert_eq!(errors.error_of("insurances").unwrap().code, "age.unemployment_retired");
    retired.insurances = vec![Insurance::Pension, Insurance::Medical];
    let ok = enrolment::validate(&retired, &ctx(&p)).unwrap();
    assert_eq!(ok.warnings["insurances"][0].code, "age.pension_retired");

    // The 2025 reform: a man born 1966-10 reaches his statutory age (60 years 6 months) only in
    // 2027-04, so at 60 in 2026-11 he keeps unemployment insurance (the flat 60 refused him).
    let mut sixty = enrolment_ok();
    sixty.id_number = fix_check("32010219661001123");
    let ok = enrolment::validate(&sixty, &ctx(&p)).unwrap();
    assert!(!ok.warnings.contains_key("insurances"), "{:?}", ok.warnings);
    // …but enrolled from 2027-04 on, he is past it.
    sixty.start_month = "2027-04".into();
    let c = Context { today: Date::new(2027, 4, 1).unwrap(), policy: Some(&p) };
    assert_eq!(enrolment::validate(&sixty, &c).unwrap_err().error_of("insurances").unwrap().code, "age.unemployment_retired");
    // A woman of 52 (born 1974-06) is past a worker's 50 but not a cadre's 56 years 2 months
    // (2030-08): a warning for the agency to check her post, not a refusal (the flat 50 refused her).
    let mut woman = enrolment_ok();
    woman.id_number = fix_check("32010219740615124");
    let ok = enrolment::validate(&woman, &ctx(&p)).unwrap();
    let warning = &ok.warnings["insurances"][0];
    assert_eq!(warning.code, "age.retirement_by_post");
    assert!(warning.zh.contains("2030-08") && warning.zh.contains("56岁2个月"), "{warning}");
    // A woman born 1968-01 is past 55 too: refused whatever her post.
    woman.id_number = fix_check("32010219680115124");
    let errors = enrolment::validate(&woman, &ctx(&p)).unwrap_err();
    assert_eq!(errors.error_of("insurances").unwrap().code, "age.unemployment_retired");
    // A table a device kept from before the pension figures were sent leaves the rule to the server.
    let old = PolicyTable { retirement: Vec::new(), ..p.clone() };
    assert!(enrolment::validate(&woman, &ctx(&old)).is_ok());

    // The unit's credit code is optional; given, it must be a valid one.
    let mut unit = enrolment_ok();
    unit.credit_code = "91320102MA1X2Y3Z4A".into();
    assert!(enrolment::validate(&unit, &ctx(&p)).unwrap_err().error_of("credit_code").is_some());
    assert_eq!(enrolment::validate(&enrolment_ok(), &ctx(&p)).unwrap().value.credit_code, None);

    let mut child = enrolment_ok();
    child.id_number = fix_check("32010220150307123");
    assert_eq!(enrolment::validate(&child, &ctx(&p)).unwrap_err().error_of("id_number").unwrap().code, "age.below_working_age");

    let mut past = enrolment_ok();
    past.start_month = "2026-06".into();
    assert_eq!(enrolment::validate(&past, &ctx(&p)).unwrap().warnings["start_month"][0].code, "month.past");
    past.start_month = "2027-02".into();
    assert_eq!(enrolment::validate(&past, &ctx(&p)).unwrap_err().error_of("start_month").unwrap().code, "month.range");

    let mut none = enrolment_ok();
    none.insurances.clear();
    assert_eq!(enrolment::validate(&none, &ctx(&p)).unwrap_err().error_of("insurances").unwrap().code, "insurances.none");

    // Without a policy table on the device, limits are left to the server.
    let offline = Context { today: Date::new(2026, 11, 22).unwrap(), policy: None };
    assert!(enrolment::validate(&low, &offline).is_ok());
    // Outside the regions the table covers, a warning says the agency will check.
    let mut beijing = enrolment_ok();
    beijing.region = "110105".into();
    assert_eq!(enrolment::validate(&beijing, &ctx(&p)).unwrap().warnings["monthly_base"][0].code, "base.no_policy");
}

#[test]
fn base_declaration_rows() {
    let p = policy();
    let row = |id: &str, base: &str| base_declaration::BaseRowDraft { id_number: id.into(), name: "王小明".into(), monthly_base: base.into() };
    let mut d = base_declaration::BaseDeclarationDraft {
        credit_code: "9144030071526726XG".into(),
        region: "320583".into(),
        effective_month: "2026-12".into(),
        rows: vec![row("320102199003071239", "8000"), row("11010519491231002X", "5000.50")],
    };
    let ok = base_declaration::validate(&d, &ctx(&p)).unwrap();
    assert_eq!(ok.value.rows.len(), 2);

    d.rows.push(row("320102199003071239", "30000"));
    let errors = base_declaration::validate(&d, &ctx(&p)).unwrap_err();
    assert_eq!(errors.error_of("rows.2.id_number").unwrap().code, "rows.duplicate");
    assert_eq!(errors.error_of("rows.2.monthly_base").unwrap().code, "base.out_of_range");
    assert!(errors.error_of("rows.0.monthly_base").is_none());

    d.rows.clear();
    assert_eq!(base_declaration::validate(&d, &ctx(&p)).unwrap_err().error_of("rows").unwrap().code, "rows.none");
}

mod arbitrary_input {
    //! No draft, however odd, makes a validator panic (the same property the fuzz targets in
    //! `fuzz/` search for, run here on every test run).
    use super::*;
    use proptest::prelude::*;

    fn s() -> impl Strategy<Value = String> {
        prop_oneof![".{0,24}", "[0-9Xx ]{0,20}", "[0-9.,-]{0,12}"]
    }

    proptest! {
        #[test]
        fn personal(name in s(), id in s(), mobile in s(), email in s(), pw in s(), code in s(), agreed: bool) {
            let p = policy();
            let d = personal::PersonalRegistrationDraft { name, id_number: id, mobile, email, password: pw.clone(), password_confirm: pw, sms_code: code, agreed };
            let _ = personal::validate(&d, &ctx(&p));
        }

        #[test]
        fn personal_filing(name in s(), id in s(), mobile in s(), email in s(), agreed: bool) {
            let p = policy();
            let d = personal::PersonalRegistrationDraft { name, id_number: id, mobile, email, agreed, ..Default::default() };
            let _ = personal::validate_filing(&d, &ctx(&p));
        }

        #[test]
        fn employer(fields in prop::collection::vec(s(), 10), agreed: bool) {
            let p = policy();
            let f = |i: usize| fields[i].clone();
            let d = employer::EmployerRegistrationDraft {
                unit_name: f(0), credit_code: f(1), legal_rep_id: f(2), handler_name: f(3), handler_id: f(4),
                handler_mobile: f(5), handler_email: f(6), password: f(7), password_confirm: f(8), sms_code: f(9), agreed,
            };
            let _ = employer::validate(&d, &ctx(&p));
        }

        #[test]
        fn enrolment(fields in prop::collection::vec(s(), 8)) {
            let p = policy();
            let f = |i: usize| fields[i].clone();
            let d = enrolment::EnrolmentDraft {
                id_number: f(0), name: f(1), mobile: f(2), card_number: f(3), region: f(4), start_month: f(5), monthly_base: f(6),
                insurances: vec![Insurance::Pension], credit_code: f(7),
            };
            let _ = enrolment::validate(&d, &ctx(&p));
        }

        #[test]
        fn base_declaration(fields in prop::collection::vec(s(), 6)) {
            let p = policy();
            let f = |i: usize| fields[i].clone();
            let row = base_declaration::BaseRowDraft { id_number: f(3), name: f(4), monthly_base: f(5) };
            let d = base_declaration::BaseDeclarationDraft { credit_code: f(0), region: f(1), effective_month: f(2), rows: vec![row.clone(), row] };
            let _ = base_declaration::validate(&d, &ctx(&p));
        }

        #[test]
        fn money_address_and_months(a in s(), b in s()) {
            let _ = crate::domain::Fen::parse_yuan(&a);
            let _ = crate::domain::Address::parse(&a, &b);
            let _ = super::super::parse_month(&a);
        }
    }
}

fn separation_ok() -> separation::SeparationDraft {
    separation::SeparationDraft {
        id_number: "320102199003071239".into(),
        name: "王小明".into(),
        insurances: vec![Insurance::Pension, Insurance::Medical],
        last_month: "2026-10".into(),
        left_on: "2026-11-10".into(),
        reason: "resigned".into(),
        credit_code: String::new(),
    }
}

#[test]
fn separation_fields() {
    let p = policy();
    let ok = separation::validate(&separation_ok(), &ctx(&p)).unwrap().value;
    assert_eq!((ok.reason, ok.last_month, ok.credit_code), (separation::Reason::Resigned, Date::new(2026, 10, 1).unwrap(), None));
    let fails = |change: &dyn Fn(&mut separation::SeparationDraft), field: &str, code: &str| {
        let mut d = separation_ok();
        change(&mut d);
        let e = separation::validate(&d, &ctx(&p)).unwrap_err();
        assert_eq!(e.error_of(field).map(|i| &*i.code), Some(code), "{field}: {e:?}");
    };
    fails(&|d| d.reason = String::new(), separation::field::REASON, "required");
    fails(&|d| d.reason = "fired".into(), separation::field::REASON, "reason.unknown");
    fails(&|d| d.insurances.clear(), separation::field::INSURANCES, "insurances.none");
    fails(&|d| d.last_month = "2027-02".into(), separation::field::LAST_MONTH, "month.range");
    fails(&|d| d.last_month = "2026/10".into(), separation::field::LAST_MONTH, "month.format");
    fails(&|d| d.credit_code = "91320102MA1XXXXX0".into(), separation::field::CREDIT_CODE, "credit_code.length");
    fails(&|d| d.left_on = String::new(), separation::field::LEFT_ON, "required");
    fails(&|d| d.left_on = "2026-11-31".into(), separation::field::LEFT_ON, "date.invalid");
    fails(&|d| d.left_on = "2027-01-01".into(), separation::field::LEFT_ON, "separation.left_later");
    fails(&|d| d.left_on = "2025-11-20".into(), separation::field::LEFT_ON, "separation.too_old");
    assert_eq!(ok.left_on, Date::new(2026, 11, 10).unwrap());
    // Next month's last day is the latest; a year back the earliest.
    for edge in ["2026-12-31", "2025-11-21"] {
        assert!(separation::validate(&separation::SeparationDraft { left_on: edge.into(), ..separation_ok() }, &ctx(&p)).is_ok(), "{edge}");
    }
    // The notice of 第50条: filed on the 12th day it is in time; on the 22nd, 7 days late, a
    // warning and no error — but not for a retirement, which leaves no one unemployed.
    let warned = |left_on: &str, reason: &str| {
        let v = separation::validate(&separation::SeparationDraft { left_on: left_on.into(), reason: reason.into(), ..separation_ok() }, &ctx(&p)).unwrap();
        v.warnings.get(separation::field::LEFT_ON).and_then(|w| w.first()).map(|i| i.code.to_string())
    };
    assert_eq!(warned("2026-11-10", "resigned"), None);
    assert_eq!(warned("2026-10-31", "dismissed").as_deref(), Some("separation.late"));
    assert_eq!(warned("2026-10-31", "retired"), None);
    for r in separation::Reason::ALL {
        assert_eq!(separation::Reason::parse(r.code()), Some(r));
    }
}
