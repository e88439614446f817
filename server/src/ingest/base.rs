//! 缴费基数申报 is the unit's own business: it is filed by the unit's approved account, or by an
//! agency field worker on the unit's behalf. A declaration made offline may reach the server
//! after its session ended; it then waits (a retry, not a refusal) until the person signs in
//! again on that phone.

use app::api::auth::Role;
use app::domain::forms::base_declaration::{field, BaseDeclarationDraft};
use app::domain::{CreditCode, FieldErrors, Issue};

use super::checks::Verdict;
use crate::accounts::session::Principal;
use crate::accounts::{ACTIVE, CREDIT_INDEX};
use crate::AppState;

/// Who may file `payload` (already validated by the shared rules).
pub fn check(state: &AppState, payload: &str, by: Option<&Principal>) -> Verdict {
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
            let Ok(draft) = serde_json::from_str::<BaseDeclarationDraft>(payload) else {
                // The shared rules parsed it a moment ago; nothing else can reach here.
                return refuse(field::CREDIT_CODE, not_yours());
            };
            let code = CreditCode::parse(&draft.credit_code).map(|c| c.value.as_str().to_owned()).unwrap_or_default();
            if state.vault.blind_index(CREDIT_INDEX, &code) == by.account.id_index {
                Verdict::Pass
            } else {
                refuse(field::CREDIT_CODE, not_yours())
            }
        }
        _ => refuse(
            "form",
            Issue::new("base.not_employer", "缴费基数申报须由单位账号办理", "A contribution base declaration is filed by the unit's account"),
        ),
    }
}

fn not_yours() -> Issue {
    Issue::new("base.not_your_unit", "只能为本单位申报缴费基数", "You can declare contribution bases only for your own unit")
}

fn refuse(field: &str, issue: Issue) -> Verdict {
    let mut e = FieldErrors::default();
    e.error(field, issue);
    Verdict::Reject(e)
}
