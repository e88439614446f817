//! 缴费基数申报 is the unit's own business: it is filed by the unit's approved account, or by
//! agency staff naming the unit ([`super::unit_of`]); every row must be one of the unit's own
//! people. Once its case is approved it sets the declared bases of the declaration's year
//! ([`rows`]); a month already assessed gets its difference as an adjustment at the next run,
//! never an edited row.

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

/// Who may file `declaration`, and whether its people are the unit's: the unit's id, or the
/// verdict.
pub async fn check(
    store: &dyn super::Db,
    vault: &Vault,
    declaration: &BaseDeclaration,
    by: Option<&Principal>,
) -> Result<Result<i64, Verdict>, Internal> {
    let unit = match unit_of(store, vault, by, Some(&declaration.credit_code), field::CREDIT_CODE, &WORDING).await? {
        Ok((unit, _)) => unit,
        Err(verdict) => return Ok(Err(verdict)),
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
    Ok(if errors.errors.is_empty() { Ok(unit.id) } else { Err(Verdict::Reject(errors)) })
}

/// What an approval sets: `(id_index, fen)` per row, and the year.
pub fn rows(vault: &Vault, declaration: &BaseDeclaration) -> (i64, Vec<(String, i64)>) {
    let rows = declaration.rows.iter().map(|r| (vault.blind_index(purpose::ID_NUMBER, r.id_number.as_str()), r.monthly_base.0)).collect();
    (i64::from(declaration.effective_month.year), rows)
}
