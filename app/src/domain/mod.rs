//! The rules, in plain Rust: compiled into the app (checked as the person types) and into the
//! server (checked again on what arrives) — one set, never two. No leptos, web-sys or sqlx
//! here.
//!
//! Glossary (Chinese term → type):
//! - 居民身份证号码 → [`IdNumber`]; 港澳台居民居住证, 外国人永久居留身份证 → [`IdKind`]
//! - 统一社会信用代码 → [`CreditCode`]
//! - 手机号码 → [`MobileNumber`]; 电子邮箱 → [`Email`]; 短信验证码 → [`SmsCode`]
//! - 姓名 → [`PersonName`]; 单位名称 → [`UnitName`]; 地址 → [`Address`]; 行政区划 → [`divisions`]
//! - 登录密码 → [`Password`]
//! - 缴费基数 → monthly base in [`Fen`]; 费率 → [`BasisPoints`]; 政策参数 → [`policy::PolicyTable`]
//! - 养老/医疗/失业/工伤保险 → [`policy::Insurance`]
//! - 个人用户注册 → [`forms::personal`]; 单位用户注册 → [`forms::employer`];
//!   参保登记（人员新增）→ [`forms::enrolment`]; 缴费基数申报 → [`forms::base_declaration`]
//! - 审核（状态、材料、退回原因、工作日）→ [`review`]
//! - 核定、滞纳金、个人账户记账 → [`ledger`]
//! - 校验错误 / 提示 → [`FieldErrors`] (errors block, warnings inform), each an [`Issue`]

pub mod address;
pub mod benefits;
pub mod cards;
pub mod common_passwords;
pub mod contact;
pub mod credit_code;
pub mod date;
pub mod divisions;
pub mod forms;
pub mod id_number;
pub mod image_quality;
pub mod issue;
pub mod ledger;
pub mod money;
pub mod names;
pub mod password;
pub mod pension;
pub mod policy;
pub mod review;
pub mod text;

pub use address::Address;
pub use contact::{Email, MobileNumber, SmsCode};
pub use credit_code::CreditCode;
pub use date::Date;
pub use id_number::{IdKind, IdNumber, Sex};
pub use issue::{Checked, FieldErrors, Issue, Valid, REQUIRED};
pub use money::{BasisPoints, Fen};
pub use names::{PersonName, UnitName};
pub use password::Password;
