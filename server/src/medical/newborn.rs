//! 新生儿参保 at the intake and in the case queue. Who files: the guardian for themselves, or a
//! field worker or an operator for them. The duplicate check is on the child: a birth
//! certificate, or an ID number, already enrolled refuses the filing (the guardian holds the
//! certificate: the answer tells them nothing they do not know); two filings waiting for one
//! child cannot both be approved ([`keep_newborn!`](super::newborn_store::keep_newborn), a
//! unique index). The first month covered is the shared rule's (`domain::benefits::newborn`)
//! on the day of the check.

use app::domain::benefits::newborn::{first_month, rule_for};
use app::domain::forms::newborn::{field, Newborn};
use app::domain::ledger::Working;
use app::domain::{Date, Issue};

use super::newborn_store::NewbornStore;
use super::Asker;
use crate::filings::{NotFiler, Verdict};
use crate::http::Internal;
use crate::vault::purpose;

/// What approving the case keeps.
#[derive(Debug, Clone)]
pub struct Enrol {
    pub cert_index: String,
    pub child_index: Option<String>,
    pub child_name: String,
    pub birth_date: Date,
    pub region: i64,
    pub guardian_index: String,
    pub relation: &'static str,
    /// `YYYY-MM`.
    pub first_month: String,
    pub working: Working,
}

/// The check. `filed_on`: the day the guardian filed (the window counts to it).
pub async fn check(cx: &crate::ledger::Cx, store: &dyn NewbornStore, n: &Newborn, asker: Asker<'_>, filed_on: Date) -> Result<Result<Enrol, Verdict>, Internal> {
    let reject = |field: &str, issue: Issue| Ok(Err(Verdict::reject(field, issue)));
    let guardian_index = cx.vault.blind_index(purpose::ID_NUMBER, n.guardian_id_number.as_str());
    if let Asker::Filer(by) = asker {
        if let Err(not) = crate::filings::files_for(by, &guardian_index) {
            let issue = match not {
                NotFiler::SignIn => Issue::new("newborn.sign_in", "请先登录再为新生儿参保", "Sign in to enrol a newborn"),
                NotFiler::NotSelf => Issue::new("newborn.not_self", "监护人须为登录本人", "The guardian must be the person signed in"),
                NotFiler::Role => Issue::new("newborn.role", "该账号不能办理新生儿参保", "This account cannot enrol a newborn"),
            };
            return Ok(Err(not.verdict(field::GUARDIAN_ID_NUMBER, issue)));
        }
    }
    let cert_index = cx.vault.blind_index(purpose::BIRTH_CERT, &n.birth_cert);
    let child_index = n.child_id_number.as_ref().map(|id| cx.vault.blind_index(purpose::ID_NUMBER, id.as_str()));
    if store.newborn_enrolled(&cert_index, child_index.as_deref()).await? {
        return reject(
            field::BIRTH_CERT,
            Issue::new("newborn.enrolled", "该孩子已办理新生儿参保，无需重复办理", "This child is already enrolled: there is nothing more to do"),
        );
    }
    let Some(rule) = rule_for(&cx.benefits.newborn, n.birth_date) else {
        return reject(field::BIRTH_DATE, Issue::new("newborn.no_rule", "本地新生儿参保标准尚未录入，请联系经办机构", "The local newborn rules are not entered yet: contact the agency"));
    };
    let (month, working) = first_month(n.birth_date, filed_on, rule);
    Ok(Ok(Enrol {
        cert_index,
        child_index,
        child_name: n.child_name.as_str().to_owned(),
        birth_date: n.birth_date,
        region: i64::from(n.region),
        guardian_index,
        relation: n.relation,
        first_month: month.to_string(),
        working,
    }))
}
