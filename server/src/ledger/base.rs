//! 缴费基数申报 is the unit's own business: it is filed by the unit's approved account, or by an
//! agency field worker on the unit's behalf. A declaration made offline may reach the server
//! after its session ended; it then waits (a retry, not a refusal) until the person signs in
//! again on that phone.

use app::api::auth::Role;
use app::domain::forms::base_declaration::{field, BaseDeclaration};
use app::domain::Issue;

use crate::accounts::session::Principal;
use crate::accounts::ACTIVE;
use crate::filings::Verdict;
use crate::vault::{purpose, Vault};

/// Who may file `declaration`.
pub fn check(vault: &Vault, declaration: &BaseDeclaration, by: Option<&Principal>) -> Verdict {
    let Some(by) = by else {
        return Verdict::Retry(Issue::new(
            "base.sign_in",
            "请以本单位账号登录后发送缴费基数申报",
            "Sign in with the unit's account to send the contribution base declaration",
        ));
    };
    match by.role {
        Role::FieldWorker => Verdict::Pass,
        Role::EmployerHandler if by.account.status == ACTIVE => {
            if vault.blind_index(purpose::CREDIT_CODE, declaration.credit_code.as_str()) == by.account.id_index {
                Verdict::Pass
            } else {
                Verdict::reject(field::CREDIT_CODE, not_yours())
            }
        }
        _ => Verdict::reject(
            "form",
            Issue::new("base.not_employer", "缴费基数申报须由单位账号办理", "A contribution base declaration is filed by the unit's account"),
        ),
    }
}

fn not_yours() -> Issue {
    Issue::new("base.not_your_unit", "只能为本单位申报缴费基数", "You can declare contribution bases only for your own unit")
}
