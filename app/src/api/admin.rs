//! What administrators read: the audit log.

use serde::{Deserialize, Serialize};

/// One entry of the audit log: who (an account id and its role), did what, to which record.
/// Entries carry no personal data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditLine {
    pub id: i64,
    pub at: i64,
    pub actor: Option<i64>,
    pub actor_role: Option<String>,
    /// e.g. `application.approved`.
    pub action: String,
    /// e.g. `application:12`.
    pub target: Option<String>,
    pub detail: Option<String>,
}

/// The groups the audit page filters by: `(action prefixes, label zh, label en)`.
pub const GROUPS: [(&[&str], &str, &str); 3] = [
    (&["application."], "注册审核", "Registration review"),
    (&["account.", "session.", "password."], "账号", "Accounts"),
    (&["office.", "case.", "filing.", "injury.", "unemployment."], "经办", "Back office"),
];

/// What each action is called: `(code, zh, en)`. An action not listed shows its code.
pub const ACTIONS: [(&str, &str, &str); 52] = [
    ("application.submit", "提交注册申请", "Application submitted"),
    ("application.resubmit", "修改后重新提交", "Application resubmitted"),
    ("application.view", "查看申请", "Application viewed"),
    ("application.in_review", "受理审核", "Taken up for review"),
    ("application.rejected", "退回", "Sent back"),
    ("application.approved", "审核通过", "Approved"),
    ("application.mobile_verified", "验证经办人手机", "Handler's mobile proved"),
    ("account.register", "个人注册", "Resident registered"),
    ("account.register_offline", "个人注册（离线）", "Resident registered (offline)"),
    ("account.register_assisted", "代为注册", "Registered by a field worker"),
    ("account.register_assisted_offline", "代为注册（离线）", "Registered by a field worker (offline)"),
    ("account.register_employer", "单位注册", "Employer registered"),
    ("account.phone_verified", "验证手机", "Phone verified"),
    ("account.addresses", "填写地址", "Addresses filled in"),
    ("account.staff_create", "创建工作人员账号", "Staff account created"),
    ("password.reset", "重置密码", "Password reset"),
    ("session.login", "登录", "Signed in"),
    ("office.find", "业务查询", "Looked up"),
    ("office.unit_view", "查看参保单位", "Unit's page viewed"),
    ("office.unit_class", "变更工伤行业类别", "Industry class changed"),
    ("office.unit_details", "单位信息变更", "Unit's details changed"),
    ("case.view", "查看待办业务", "Case viewed"),
    ("case.in_review", "受理待办业务", "Case taken up"),
    ("case.approved", "待办业务审核通过", "Case approved"),
    ("case.rejected", "待办业务退回", "Case returned"),
    ("case.file", "查看业务照片", "Case photo viewed"),
    ("injury.assess", "核算工伤待遇", "Work injury award computed"),
    ("injury.approve", "核准工伤待遇", "Work injury award approved"),
    ("injury.return", "退回工伤待遇", "Work injury award returned"),
    ("injury.stop", "停止工伤待遇", "Work injury benefits stopped"),
    ("unemployment.stop", "停发失业保险金", "Unemployment benefit stopped"),
    ("office.person_view", "查看参保人", "Person's page viewed"),
    ("office.person_reveal", "显示完整证件号码", "ID number revealed"),
    ("office.person_change", "人员信息变更", "Person's details changed"),
    ("office.payments_submit", "提交到账文件", "Payment file submitted"),
    ("office.payments_confirm", "复核入账", "Payment file confirmed"),
    ("office.payments_return", "退回到账文件", "Payment file returned"),
    ("office.adjust_submit", "提交基数调整", "Base adjustment submitted"),
    ("office.adjust_confirm", "复核基数调整", "Base adjustment confirmed"),
    ("office.adjust_return", "退回基数调整", "Base adjustment returned"),
    ("pension.claim_submit", "提交养老金申请", "Pension claim filed"),
    ("pension.claim_approve", "核准养老金申请", "Pension claim approved"),
    ("pension.claim_return", "退回养老金申请", "Pension claim returned"),
    ("pension.certify", "养老待遇资格认证", "Pension certification"),
    ("pension.due_list", "下载待认证名单", "Due list downloaded"),
    ("pension.visit_confirm", "确认协助认证", "Assisted certification confirmed"),
    ("pension.visit_return", "退回协助认证", "Assisted certification returned"),
    ("pension.visit_photo", "查看认证照片", "Certification photo viewed"),
    ("pension.face_check", "人脸识别认证", "Face check"),
    ("office.pension_estimate", "养老待遇测算", "Pension estimated"),
    ("notice.publish", "发布通知公告", "Notice published"),
    ("notice.withdraw", "撤回通知公告", "Notice withdrawn"),
];

/// The action's name, if it has one.
pub fn action_label(code: &str) -> Option<(&'static str, &'static str)> {
    ACTIONS.iter().find(|(c, ..)| *c == code).map(|(_, zh, en)| (*zh, *en))
}

impl AuditLine {
    /// Whether the action is in group `g` of [`GROUPS`] (`None`: every entry; a group that does
    /// not exist holds none).
    pub fn in_group(&self, g: Option<usize>) -> bool {
        match g {
            None => true,
            Some(g) => GROUPS.get(g).is_some_and(|(prefixes, ..)| prefixes.iter().any(|p| self.action.starts_with(p))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_match_by_prefix() {
        let line = |action: &str| AuditLine { id: 1, at: 0, actor: None, actor_role: None, action: action.into(), target: None, detail: None };
        assert!(line("application.approved").in_group(Some(0)));
        assert!(!line("application.approved").in_group(Some(1)));
        assert!(line("session.login").in_group(Some(1)));
        assert!(line("anything").in_group(None));
        assert!(!line("anything").in_group(Some(9)));
    }
}
