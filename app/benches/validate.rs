//! How long the rules take natively: a full registration (the goal is ≤ 50 µs), its parts, and
//! a 100-row base declaration. `cargo bench -p app --bench validate` prints the figures.

use app::domain::forms::{base_declaration, employer, personal, Context};
use app::domain::policy::PolicyTable;
use app::domain::{divisions, Date, IdNumber};
use divan::black_box;

fn main() {
    divan::main();
}

fn policy() -> PolicyTable {
    PolicyTable::from_json(include_str!("../../server/data/policy.json")).unwrap()
}

fn today() -> Date {
    Date::new(2026, 11, 22).unwrap()
}

fn registration() -> personal::PersonalRegistrationDraft {
    personal::PersonalRegistrationDraft {
        name: "阿依古丽·买买提".into(),
        id_number: "320102199003071239".into(),
        mobile: "+86 138 0013 8000".into(),
        email: "ayi@example.cn".into(),
        password: "Tea-garden7".into(),
        password_confirm: "Tea-garden7".into(),
        sms_code: "123456".into(),
        agreed: true,
    }
}

#[divan::bench]
fn personal_registration_valid(b: divan::Bencher) {
    let (p, d) = (policy(), registration());
    let ctx = Context { today: today(), policy: Some(&p) };
    b.bench(|| personal::validate(black_box(&d), &ctx).is_ok());
}

#[divan::bench]
fn personal_registration_all_wrong(b: divan::Bencher) {
    let p = policy();
    let d = personal::PersonalRegistrationDraft {
        name: "x1".into(),
        id_number: "320102199003071238".into(),
        mobile: "1234".into(),
        email: "a@".into(),
        password: "abc".into(),
        password_confirm: "abd".into(),
        sms_code: "1".into(),
        agreed: false,
    };
    let ctx = Context { today: today(), policy: Some(&p) };
    b.bench(|| personal::validate(black_box(&d), &ctx).is_err());
}

#[divan::bench]
fn employer_registration(b: divan::Bencher) {
    let p = policy();
    let d = employer::EmployerRegistrationDraft {
        unit_name: "南京青禾科技有限公司".into(),
        credit_code: "9144030071526726XG".into(),
        legal_rep_id: "11010519491231002X".into(),
        handler_name: "王小明".into(),
        handler_id: "320102199003071239".into(),
        handler_mobile: "13800138000".into(),
        handler_email: "hr@qinghe.cn".into(),
        password: "Tea-garden7".into(),
        password_confirm: "Tea-garden7".into(),
        sms_code: "123456".into(),
        agreed: true,
    };
    let ctx = Context { today: today(), policy: Some(&p) };
    b.bench(|| employer::validate(black_box(&d), &ctx).is_ok());
}

#[divan::bench]
fn id_number_alone() -> bool {
    IdNumber::parse(black_box("320102199003071239"), today()).is_ok()
}

#[divan::bench]
fn region_full_name() -> Option<String> {
    divisions::full_name(black_box(320102))
}

#[divan::bench]
fn base_declaration_100_rows(b: divan::Bencher) {
    let p = policy();
    let rows = (0..100)
        .map(|i| {
            let mut id = format!("32010219900307{i:03}");
            id.push(char::from(app::domain::id_number::check_char(id.as_bytes())));
            base_declaration::BaseRowDraft { id_number: id, name: "王小明".into(), monthly_base: "8000".into() }
        })
        .collect();
    let d = base_declaration::BaseDeclarationDraft {
        credit_code: "9144030071526726XG".into(),
        region: "320583".into(),
        effective_month: "2026-12".into(),
        rows,
    };
    let ctx = Context { today: today(), policy: Some(&p) };
    assert!(base_declaration::validate(&d, &ctx).is_ok());
    b.bench(|| base_declaration::validate(black_box(&d), &ctx).is_ok());
}
