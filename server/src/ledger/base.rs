//! 缴费基数申报 is the unit's own business: it is filed by the unit's approved account, or by
//! agency staff naming the unit ([`super::unit_of`]); every row must be one of the unit's own
//! people. Its effect sets the declared bases of the declaration's year; a month already
//! assessed gets its difference as an adjustment at the next run, never an edited row.

use app::domain::forms::base_declaration::{field, BaseDeclaration};
use app::domain::Issue;

use super::unit_of::{unit_of, Wording};
use crate::accounts::session::Principal;
use crate::filings::Verdict;
use crate::http::Internal;
use crate::vault::{purpose, Vault};

const WORDING: Wording = Wording {
    sign_in: "base.sign_in",
    not_your_unit: "base.not_your_unit",
    not_employer: "base.not_employer",
    zh: "缴费基数申报",
    en: "contribution base declaration",
};

/// Who may file `declaration`, and whether its people are the unit's.
pub async fn check(
    store: &dyn super::Db,
    vault: &Vault,
    declaration: &BaseDeclaration,
    by: Option<&Principal>,
) -> Result<Verdict, Internal> {
    let unit = match unit_of(store, vault, by, Some(&declaration.credit_code), field::CREDIT_CODE, &WORDING).await? {
        Ok((unit, _)) => unit,
        Err(verdict) => return Ok(verdict),
    };
    let indexes: Vec<String> = declaration.rows.iter().map(|r| vault.blind_index(purpose::ID_NUMBER, r.id_number.as_str())).collect();
    let mut errors = app::domain::FieldErrors::default();
    for (i, ours) in store.in_unit(unit.id, &indexes).await?.into_iter().enumerate() {
        if !ours {
            errors.error(
                field::row(i, "id_number"),
                Issue::new("base.not_in_unit", "该人员不是本单位的参保人员，请先办理参保登记", "This person is not insured by the unit; enrol them first"),
            );
        }
    }
    Ok(if errors.errors.is_empty() { Verdict::Pass } else { Verdict::Reject(errors) })
}

/// Once stored: the declared bases of the year (idempotent: a retry sets the same values).
pub async fn apply(
    store: &dyn super::Db,
    vault: &Vault,
    declaration: &BaseDeclaration,
    client_id: &str,
    by: Option<&Principal>,
    now: i64,
) -> Result<(), Internal> {
    let Some(unit) = store.unit_by_code(declaration.credit_code.as_str()).await? else { return Ok(()) };
    let rows: Vec<(String, i64)> =
        declaration.rows.iter().map(|r| (vault.blind_index(purpose::ID_NUMBER, r.id_number.as_str()), r.monthly_base.0)).collect();
    let year = i64::from(declaration.effective_month.year);
    store.declare_bases(unit.id, year, &rows, Some(client_id), by.map(|p| p.account.id), now).await?;
    Ok(())
}
