//! 个人信息变更 filed from a phone, at the intake and in the case queue. Who files: the person
//! for themselves, or a field worker or an operator for them (as for 失业登记). The person must
//! be in the ledger under that name; the refusal goes only to the person (or to staff), so it
//! tells no one anything they may not know. The desk sees each field's before (the mobile
//! masked) and after; approving sets the details as the counter does (`details_store`), with
//! the history and an audit line per field, in the case's own transaction.

use app::domain::forms::person_change::{field, PersonChange};
use app::domain::ledger::{Line, Working};
use app::domain::{Issue, MobileNumber};

use super::details::{address_bytes, address_text};
use super::details_store::{DetailField, DetailStore};
use crate::filings::{NotFiler, Verdict};
use crate::http::Internal;
use crate::medical::Asker;
use crate::vault::{bound, purpose, Vault};

/// What approving the case sets: each field's sealed value.
#[derive(Debug, Clone)]
pub struct Change {
    pub person_id: i64,
    pub changes: Vec<(DetailField, Vec<u8>)>,
}

/// Who the change is for (the ledger's person and the ID number's blind index), and whether the
/// asker may file it (the desk re-examines what the intake already let in).
pub async fn check(store: &dyn crate::ledger::Db, vault: &Vault, c: &PersonChange, asker: Asker<'_>) -> Result<Result<(i64, String), Verdict>, Internal> {
    let index = vault.blind_index(purpose::ID_NUMBER, c.id_number.as_str());
    if let Asker::Filer(by) = asker {
        if let Err(not) = crate::filings::files_for(by, &index) {
            let issue = match not {
                NotFiler::SignIn => Issue::new("person_change.sign_in", "请先登录再办理信息变更", "Sign in to change your details"),
                NotFiler::NotSelf => Issue::new("person_change.not_self", "只能变更登录本人的信息", "You can change only your own details"),
                NotFiler::Role => Issue::new("person_change.role", "该账号不能办理个人信息变更", "This account cannot change a person's details"),
            };
            return Ok(Err(not.verdict(field::ID_NUMBER, issue)));
        }
    }
    let person = store.person_entry(None, Some(&index)).await?;
    match person {
        Some(p) if p.name == c.name.as_str() => Ok(Ok((p.id, index))),
        _ => Ok(Err(Verdict::reject(
            field::NAME,
            Issue::new(
                "person_change.no_record",
                "未找到与该身份证号码和姓名一致的参保记录：请核对，或携带身份证件到经办窗口办理",
                "No insurance record under this ID number and name: check them, or bring your ID to the counter",
            ),
        ))),
    }
}

/// What the change sets, sealed for the person, and one line per field: before → after.
pub async fn change(store: &dyn DetailStore, vault: &Vault, person_id: i64, id_index: &str, c: &PersonChange) -> Result<(Change, Working), Internal> {
    let d = &c.details;
    let values: [(DetailField, Option<Vec<u8>>, &str, &str); 3] = [
        (DetailField::Mobile, d.mobile.as_ref().map(|m| m.as_str().as_bytes().to_vec()), "手机号码", "Mobile"),
        (DetailField::HouseholdAddress, d.household.as_ref().map(address_bytes), "户籍地址", "Household address"),
        (DetailField::ContactAddress, d.contact.as_ref().map(address_bytes), "联系地址", "Contact address"),
    ];
    let stored = store.details_get(person_id).await?;
    let shown = |f: DetailField, plain: &[u8]| match f {
        DetailField::Mobile => std::str::from_utf8(plain).ok().and_then(|s| MobileNumber::parse(s).ok()).map_or_else(|| "******".into(), |m| m.value.masked()),
        _ => address_text(plain),
    };
    let mut out = Change { person_id, changes: Vec::new() };
    let mut working = Vec::new();
    for (f, after, zh, en) in values {
        let Some(after) = after else { continue };
        let to = bound::person_detail(id_index, f.as_str());
        let before = stored.get(f).map(|sealed| vault.open(&to, sealed)).transpose()?.map_or_else(|| "—".to_owned(), |plain| shown(f, &plain));
        let now = shown(f, &after);
        working.push(Line { zh: format!("{zh}：{before} → {now}"), en: format!("{en}: {before} → {now}"), amount: None });
        out.changes.push((f, vault.seal(&to, &after)));
    }
    Ok((out, working))
}
