//! Which unit a filing is for: a unit's own account files for its unit (a credit code on the
//! form must be its own); agency staff name the unit by its credit code. Anyone else, and a
//! filing that arrives without a session, is turned away — the latter to wait for the sender to
//! sign in again (a retry, not a refusal).

use app::api::auth::Role;
use app::domain::{CreditCode, Issue};

use super::units::Unit;
use crate::accounts::session::Principal;
use crate::accounts::ACTIVE;
use crate::filings::Verdict;
use crate::http::Internal;
use crate::vault::{purpose, Vault};

/// What a kind says when turning a sender away.
pub struct Wording {
    /// The issue codes: no session, another unit's code, not a unit or staff.
    pub sign_in: &'static str,
    pub not_your_unit: &'static str,
    pub not_employer: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
}

/// The unit `by` files for, or why not. `named` is the credit code on the form, and `field` its
/// field name.
pub async fn unit_of(
    store: &dyn super::Db,
    vault: &Vault,
    by: Option<&Principal>,
    named: Option<&CreditCode>,
    field: &str,
    w: &Wording,
) -> Result<Result<(Unit, i64), Verdict>, Internal> {
    let Some(by) = by else {
        return Ok(Err(Verdict::Retry(Issue::formatted(
            w.sign_in,
            format!("请以本单位账号登录后发送{}", w.zh),
            format!("Sign in with the unit's account to send the {}", w.en),
        ))));
    };
    let unit = match by.role {
        Role::EmployerHandler if by.account.status == ACTIVE => {
            if named.is_some_and(|c| vault.blind_index(purpose::CREDIT_CODE, c.as_str()) != by.account.id_index) {
                return Ok(Err(Verdict::reject(
                    field,
                    Issue::formatted(
                        w.not_your_unit,
                        format!("只能为本单位办理{}", w.zh),
                        format!("A unit files the {} only for itself", w.en),
                    ),
                )));
            }
            store.unit_by_index(&by.account.id_index).await?
        }
        role if role.is_staff() => {
            let Some(code) = named else {
                return Ok(Err(Verdict::reject(
                    field,
                    Issue::new("unit.required", "经办人员代为办理时，请填写单位的统一社会信用代码", "Staff filing for a unit give the unit's credit code"),
                )));
            };
            store.unit_by_code(code.as_str()).await?
        }
        _ => {
            return Ok(Err(Verdict::reject(
                "form",
                Issue::formatted(
                    w.not_employer,
                    format!("{}须由单位账号办理", w.zh),
                    format!("The {} is filed by the unit's account", w.en),
                ),
            )))
        }
    };
    Ok(match unit {
        Some(u) => Ok((u, by.account.id)),
        None => Err(Verdict::reject(
            field,
            Issue::new(
                "unit.not_in_ledger",
                "该单位尚未建立参保单位档案，请联系经办机构",
                "The unit has no record in the ledger yet; contact the agency",
            ),
        )),
    })
}
