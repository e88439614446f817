//! Every interface text, in Simplified Chinese and English. Grouped by the screen that
//! first needs it; a text used in several places lives under "common".

use super::Text;

macro_rules! texts {
    ($($(#[$m:meta])* $name:ident = $zh:literal, $en:literal;)*) => {
        $($(#[$m])* pub const $name: Text = Text { zh: $zh, en: $en };)*
    };
}

// common
texts! {
    APP_NAME = "社保通", "Shebao";
    APP_TAGLINE = "离线也能办社保", "Social insurance, with or without signal";
    LOADING = "加载中…", "Loading…";
    BACK_HOME = "返回首页", "Back to home";
}

// status bar and network
texts! {
    NET_ONLINE = "在线", "Online";
    NET_OFFLINE = "离线", "Offline";
    NET_CHECKING = "检查网络…", "Checking…";
    NET_STATUS_LABEL = "网络状态", "Network status";
}

// updates
texts! {
    UPDATE_READY = "有新版本", "A new version is ready";
    UPDATE_APPLY = "立即更新", "Update now";
    UPDATE_AFTER_DRAFT = "有新版本：填完或离开当前表单后即可更新", "A new version is ready: finish or leave the open form to update";
}

// navigation and pages
texts! {
    NAV_HOME = "首页", "Home";
    NAV_SETTINGS = "设置", "Settings";
    HOME_PERSONAL = "个人服务", "For residents";
    HOME_EMPLOYER = "单位服务", "For employers";
    HOME_OPERATOR = "经办服务", "For agency staff";
    HOME_SOON = "即将开放", "Coming soon";
    SETTINGS_TITLE = "设置", "Settings";
    SETTINGS_LANGUAGE = "语言 / Language", "Language / 语言";
    SETTINGS_ABOUT = "关于", "About";
    SETTINGS_APP_VERSION = "应用版本", "App version";
    SETTINGS_SERVER_VERSION = "服务器版本", "Server version";
    SETTINGS_SERVER_UNKNOWN = "离线，暂不可知", "Unknown while offline";
    LANG_ZH = "简体中文", "简体中文";
    LANG_EN = "English", "English";
    NOT_FOUND_TITLE = "页面不存在", "Page not found";
    NOT_FOUND_BODY = "您要找的页面不存在或已移动。", "The page you are looking for does not exist or has moved.";
    NOT_DOWNLOADED_TITLE = "此页面还未下载", "This screen is not downloaded yet";
    NOT_DOWNLOADED_BODY = "联网后会自动下载，之后离线也能打开。", "It downloads by itself once the network is back, and then opens offline too.";
}

// form fields
texts! {
    FIELD_ID_NUMBER = "身份证号码", "ID number";
    FIELD_ID_OR_CREDIT_CODE = "身份证号码（单位：统一社会信用代码）", "ID number (a unit: its unified social credit code)";
    FIELD_ID_NUMBER_HINT = "18 位，最后一位可能是 X", "18 characters; the last may be X";
    ID_BIRTH = "出生日期", "Born";
    ID_SEX_MALE = "男", "male";
    ID_SEX_FEMALE = "女", "female";
    ID_REGION_UNKNOWN = "地区未知", "region unknown";
}

// filings and their states
texts! {
    KIND_PERSONAL_REGISTRATION = "个人用户注册", "Personal registration";
    KIND_EMPLOYER_REGISTRATION = "单位用户注册", "Employer registration";
    KIND_ENROLMENT = "参保登记（人员新增）", "Enrolment (new employee)";
    KIND_BASE_DECLARATION = "缴费基数申报", "Contribution base declaration";
    KIND_SEPARATION = "人员减员", "Separation (employee leaves)";
    HOME_MY_INSURANCE = "我的社保", "My insurance";
    RECORDS_TITLE = "缴费查询", "Contribution records";
    RECORDS_FROM = "起始月份", "From";
    RECORDS_TO = "截止月份", "To";
    RECORDS_QUERY = "查询", "Look up";
    RECORDS_KEPT = "（离线显示，上次查询结果）", "(offline: the last result)";
    RECORDS_AS_OF = "截至 ", "As of ";
    RECORDS_NONE = "所选期间没有缴费记录", "No contributions in this period";
    RECORDS_EMPLOYER = "单位缴费", "Employer";
    RECORDS_INDIVIDUAL = "个人缴费", "Individual";
    RECORDS_PAID = "已到账", "Paid";
    RECORDS_UNPAID = "未到账", "Unpaid";
    RECORDS_TOTAL = "合计", "Total";
    RECORDS_ACTIVE = "参保缴费", "Insured";
    RECORDS_SUSPENDED = "暂停缴费", "Suspended";
    RECORDS_ENDED = "终止", "Ended";
    RECORDS_ACCOUNT = "个人账户（养老）", "Personal pension account";
    RECORDS_WORKING = "计算过程", "How it was worked out";
    RECORDS_BAD_MONTH = "请按“年-月”填写，例如 2025-07", "Use year-month, e.g. 2025-07";
    YUAN = "元", "yuan";
    HOME_UNIT_BUSINESS = "单位业务", "Unit business";
    STATEMENT_MONTH = "所属期", "Month";
    STATEMENT_ARREARS = "欠费", "Arrears";
    STATEMENT_LATE_FEE = "滞纳金", "Late fee";
    STANDING_NOTHING = "无应缴", "Nothing due";
    STANDING_PARTLY = "部分到账", "Partly paid";
    STANDING_OVERPAID = "多缴", "Overpaid";
    ROSTER_TITLE = "在职参保人员", "Insured employees";
    RECORDS_PROOF = "打印参保缴费证明", "Print proof of contributions";
    FIELD_LAST_MONTH = "最后参保月份", "Last month insured";
    FIELD_REASON = "减员原因", "Reason";
    STATE_WAITING = "等待发送", "Waiting";
    STATE_SENDING = "发送中", "Sending";
    STATE_ACCEPTED = "已受理", "Accepted";
    STATE_NEEDS_ATTENTION = "需要处理", "Needs attention";
    STATE_RETRYING = "稍后重试", "Retrying";
    STATE_EDITING = "编辑中", "Editing";
    UNTITLED = "（未填姓名）", "(no name yet)";
}

// sync panel
texts! {
    SYNC_TITLE = "同步", "Sync";
    SYNC_BADGE_LABEL = "待同步的材料", "Filings waiting to sync";
    SYNC_NOW = "立即同步", "Sync now";
    SYNC_RUNNING = "正在同步…", "Syncing…";
    SYNC_WAITING_COUNT = "待同步", "Waiting";
    SYNC_ALL_SENT = "全部已同步", "All synced";
    SYNC_LAST_OK = "上次成功同步", "Last successful sync";
    SYNC_NEVER = "尚未同步", "Never";
    SYNC_NETWORK = "网络", "Network";
    SYNC_EMPTY = "还没有提交的材料。", "Nothing submitted yet.";
    SYNC_RECEIPT = "回执号", "Receipt";
    SYNC_NEXT_TRY = "下次尝试", "Next try";
    SYNC_LAST_ERROR = "原因", "Reason";
    SYNC_RETRY = "重试", "Retry";
    SYNC_EXPORT = "导出未同步的材料", "Export unsent filings";
    SYNC_OPEN = "查看", "Open";
    STORAGE_TITLE = "本机存储", "Device storage";
    STORAGE_PERSISTED = "已申请长期保存，浏览器不会自动清除", "Kept: the browser will not clear it on its own";
    STORAGE_NOT_PERSISTED = "未获长期保存：空间紧张时浏览器可能清除，请尽快同步", "Not guaranteed: the browser may clear it when space runs low; sync soon";
    STORAGE_USED = "已用 / 可用", "Used / available";
    STORAGE_LOW = "手机存储空间不足，拍照前请先清理空间", "The phone is low on storage; free some space before taking photos";
}

// drafts
texts! {
    DRAFTS_TITLE = "草稿", "Drafts";
    DRAFTS_EMPTY = "没有草稿。", "No drafts.";
    DRAFTS_DELETE = "删除", "Delete";
    DRAFTS_CONFIRM_DELETE = "确定删除这份草稿吗？", "Delete this draft?";
    DRAFTS_DELETED = "草稿已删除", "Draft deleted";
    DRAFTS_UNDO = "撤销", "Undo";
    DRAFTS_LAST_EDIT = "最后编辑", "Last edited";
    CONTINUE_DRAFT = "继续填写", "Continue";
    NAV_DRAFTS = "草稿", "Drafts";
    NAV_NEW_ENROLMENT = "参保登记", "Enrol an employee";
}

// 缴费基数申报
texts! {
    FIELD_EFFECTIVE_MONTH = "基数生效月份", "Bases apply from";
    BASE_ROWS = "职工月缴费基数", "Employees' monthly bases";
    BASE_ROW = "职工", "Employee";
    BASE_ADD_ROW = "添加职工", "Add an employee";
    BASE_REMOVE_ROW = "删除此行", "Remove this row";
    BASE_SIGN_IN_FIRST = "缴费基数申报由单位办理：请先以单位账号登录。", "A contribution base declaration is filed by the unit: sign in with the unit's account first.";
}

// the enrolment form
texts! {
    FIELD_NAME = "姓名", "Name";
    FIELD_NAME_HINT = "与身份证件一致", "As on the ID";
    FIELD_MOBILE_OPTIONAL = "手机号码（选填）", "Mobile (optional)";
    FIELD_CARD_NUMBER = "社会保障卡号（选填）", "Social security card no. (optional)";
    FIELD_REGION = "参保地", "Place of insurance";
    FIELD_START_MONTH = "参保起始月份", "First month insured";
    FIELD_MONTHLY_BASE = "月缴费基数（元）", "Monthly base (yuan)";
    FIELD_INSURANCES = "参保险种", "Insurances";
    INS_PENSION = "养老保险", "Pension";
    INS_MEDICAL = "医疗保险", "Medical";
    INS_UNEMPLOYMENT = "失业保险", "Unemployment";
    INS_WORK_INJURY = "工伤保险", "Work injury";
    PICK_PROVINCE = "省", "Province";
    PICK_CITY = "市", "City";
    PICK_COUNTY = "区县", "County";
    PICK_CHOOSE = "请选择", "Choose";
    ATTACH_ID_COPY = "身份证复印件（选填）", "Copy of the ID card (optional)";
    ATTACH_HOUSEHOLD = "户口本（选填）", "Household register (optional)";
    ATTACH_TAKE = "拍照", "Take a photo";
    ATTACH_PICK = "选择文件", "Choose a file";
    ATTACH_PDF = "PDF 文件", "PDF file";
    ATTACH_REPLACE = "更换", "Replace";
    ATTACH_REMOVE = "移除", "Remove";
    ATTACH_PROCESSING = "正在处理照片…", "Preparing the photo…";
    SUBMIT_AFTER_PHOTOS = "照片处理好后即可提交", "You can submit once the photos are ready";
    ATTACH_UPLOADED = "已上传", "Uploaded";
    SAVED_ON_DEVICE = "已保存在本机", "Saved on this device";
    SUBMIT = "提交", "Submit";
    PREVIEW = "预览", "Preview";
    PREVIEW_CHECK = "请核对以上每一项，确认无误后提交", "Check every field above, then submit";
    PREVIEW_BACK = "返回修改", "Back to edit";
    SUBMIT_FIX_FIRST = "请先修改标红的项目", "Fix the fields marked in red first";
    SUBMITTED_WAITING = "已提交，将在有网络时自动发送", "Submitted; it will be sent when there is a network";
    SUBMITTED_ACCEPTED = "已受理", "Accepted";
    FIX_AND_RESUBMIT = "修改后重新提交", "Fix and submit again";
    CASE_REVIEW = "审核状态", "Review";
    CASE_RETURNED = "经办机构已退回，请按以下意见修改后重新提交", "The agency sent it back: fix what it says below and submit again";
    CASE_RETURNED_TITLE = "本表修改的是被退回的申报，退回意见：", "This form fixes a filing the agency sent back. Its remarks:";
    VOUCHER_PRINT = "查看并打印办理凭证", "View and print the voucher";
    FORM_READ_ONLY = "已提交的材料不能修改", "A submitted filing cannot be changed";
    PROVISIONAL_RECEIPT = "临时凭证（同步后替换为正式回执）", "Provisional receipt (replaced by the server's after sync)";
    CLIENT_ID = "本机编号", "Device reference";
    CONTENT_HASH = "内容校验码", "Content checksum";
    SUBMITTED_AT = "提交时间", "Submitted at";
}

// accounts: registration, login, agreement pages
texts! {
    NAV_REGISTER = "个人用户注册", "Register as a resident";
    NAV_LOGIN = "登录", "Log in";
    FIELD_MOBILE = "手机号码", "Mobile";
    FIELD_MOBILE_HINT = "用于接收验证码和登录，需为本人实名手机号", "For codes and logging in; a phone in your own name";
    FIELD_EMAIL_OPTIONAL = "电子邮箱（选填）", "Email (optional)";
    FIELD_PASSWORD = "登录密码", "Password";
    FIELD_PASSWORD_HINT = "8–20 位，须包含字母和数字", "8 to 20 characters, with letters and digits";
    FIELD_PASSWORD_CONFIRM = "确认密码", "Confirm the password";
    PASSWORD_WEAK = "密码强度：弱", "Strength: weak";
    PASSWORD_FAIR = "密码强度：中", "Strength: fair";
    PASSWORD_STRONG = "密码强度：强", "Strength: strong";
    FIELD_SMS_CODE = "短信验证码", "SMS code";
    FIELD_SMS_CODE_HINT_EMPLOYER = "发给经办人手机；没有网络时可先留空，审核前在“审核进度查询”中验证", "Sent to the handler's mobile; without a network leave it empty and prove the number under “review progress” before the review";
    SMS_SEND = "获取验证码", "Get a code";
    SMS_SENT = "验证码已发送，5 分钟内有效", "Code sent; valid for 5 minutes";
    SMS_RESEND_IN = "秒后可重新获取", "s until you can ask again";
    SMS_NEEDS_NETWORK = "获取验证码需要网络", "Getting a code needs a network";
    AGREE_PREFIX = "我已阅读并同意", "I have read and agree to the ";
    AGREE_AND = "和", " and the ";
    AGREEMENT_TITLE = "用户协议", "User agreement";
    PRIVACY_TITLE = "隐私政策", "Privacy policy";
    AGREEMENT_BODY = "社保通用于办理社会保险业务。请如实填写信息，妥善保管账号和密码，不得冒用他人身份。因填写信息不实造成的后果由填写人承担。社保经办机构可在法律法规允许的范围内使用您提交的信息办理业务。", "Shebao is for social insurance business. Give true information, keep your account and password safe, and never act as someone else. Whoever gives false information bears its consequences. The agency uses what you submit to handle your business, as the law allows.";
    PRIVACY_BODY = "我们只收集办理业务所需的信息（姓名、身份证号、手机号等）。身份证号在服务器上加密保存，屏幕上除本人办理所需外均以掩码显示，不写入日志。草稿保存在您的设备上，提交后方发送至服务器。", "We collect only what the business needs (name, ID number, mobile…). ID numbers are encrypted on the server, masked on screen except where your own task needs them, and never logged. Drafts stay on your device until you submit them.";
    REGISTER_SUBMIT = "提交注册", "Register";
    REGISTER_DONE = "注册成功", "Registered";
    REGISTER_QUEUED = "已保存，将在有网络时提交。提交后验证码会发到登记的手机：在「验证手机」输入验证码并设置密码即可登录", "Saved: it will be sent when there is a network. Then a code goes to the registered phone: enter it under “verify the phone” and choose a password to log in";
    REGISTER_PASSWORD_LATER = "无需在此设置密码：注册提交后，验证码将发送到上面的手机号，在「验证手机」输入验证码时设置密码（手机号须为本人实名登记）", "No password here: once the registration is sent, a code goes to the mobile above; choose the password when you enter it under “verify the phone” (the mobile must be registered in your own name)";
    LOGIN_TITLE = "登录", "Log in";
    FIELD_LOGIN = "身份证号或手机号", "ID number or mobile";
    LOGIN_SUBMIT = "登录", "Log in";
    LOGIN_NEEDS_NETWORK = "登录需要网络，请在有信号时再试", "Logging in needs a network; try again with signal";
    LOGOUT = "退出登录", "Log out";
    SIGNED_IN_AS = "已登录：", "Signed in: ";
    NO_ACCOUNT = "还没有账号？个人用户注册", "No account yet? Register";
    NAV_FORGOT = "忘记密码？", "Forgot the password?";
}

// field workers, phone verification, recovery, first-login addresses
texts! {
    NAV_ASSISTED = "代为注册", "Register a resident";
    HOME_FIELD_WORK = "协助居民办理", "Helping residents";
    HOME_AGENCY = "经办机构", "For the agency";
    ASSISTED_TITLE = "代为注册（居民本人在场）", "Register a resident (with them present)";
    NAV_VERIFY_PHONE = "验证手机", "Verify the phone";
    VERIFY_PHONE_INTRO = "离线或代为注册的账号：输入注册手机收到的验证码，并设置登录密码（注册后 7 天内有效）", "An account registered offline or by a field worker: enter the code sent to its phone and choose a password (within 7 days of registering)";
    VERIFY_PHONE_SUBMIT = "完成验证", "Verify";
    VERIFY_PHONE_DONE = "手机已验证、密码已设置，现在可以登录", "The phone is verified and the password set; you can log in now";
    FORGOT_TITLE = "找回密码", "Reset the password";
    FORGOT_INTRO = "验证码将发送到注册时的手机号。单位请填写统一社会信用代码（审核通过后首次设置密码也在这里）。注册手机号已停用的，请携带本人身份证到参保地社保经办机构柜台办理。", "The code goes to the mobile you registered with. A unit enters its credit code (a newly approved unit sets its first password here too). If that mobile is gone, bring your ID card to the agency's counter.";
    FIELD_NEW_PASSWORD = "新密码", "New password";
    FORGOT_SUBMIT = "重设密码", "Reset the password";
    FORGOT_DONE = "密码已重设，请用新密码登录", "The password is reset; log in with the new one";
    NEEDS_NETWORK = "此项需要网络，请在有信号时再试", "This needs a network; try again with signal";
    ADDRESSES_TITLE = "完善地址信息", "Your addresses";
    ADDRESSES_INTRO = "首次登录请填写户籍地址和联系地址", "On first login, give your household registration and contact addresses";
    FIELD_HOUSEHOLD_ADDRESS = "户籍地址", "Household registration address";
    FIELD_CONTACT_ADDRESS = "联系地址", "Contact address";
    FIELD_ADDRESS_DETAIL = "详细地址（街道、门牌号）", "Street and number";
    SAME_AS_HOUSEHOLD = "与户籍地址相同", "Same as the household address";
    ADDRESSES_SUBMIT = "保存地址", "Save the addresses";
    HOME_ADDRESSES_NEEDED = "请完善户籍地址和联系地址", "Please add your household and contact addresses";
}

// employer registration, review progress, the review desk
texts! {
    FIELD_UNIT_NAME = "单位名称", "Unit name";
    FIELD_UNIT_NAME_HINT = "与营业执照或登记证上的名称完全一致", "Exactly as on the business licence or certificate";
    FIELD_CREDIT_CODE = "统一社会信用代码", "Unified social credit code";
    FIELD_CREDIT_CODE_HINT = "18 位，见营业执照", "18 characters, on the business licence";
    FIELD_LEGAL_REP_ID = "法定代表人身份证号", "Legal representative's ID number";
    FIELD_HANDLER_NAME = "经办人姓名", "Handler's name";
    FIELD_HANDLER_ID = "经办人身份证号", "Handler's ID number";
    FIELD_HANDLER_MOBILE = "经办人手机号", "Handler's mobile";
    FIELD_HANDLER_EMAIL = "经办人电子邮箱", "Handler's email";
    MATERIALS_TITLE = "上传材料（扫描件或清晰照片）", "Materials (scans or clear photos)";
    EMPLOYER_QUEUED = "提交后由社保经办机构在 1–3 个工作日内审核；可在“审核进度查询”查看结果", "The agency reviews it within 1 to 3 working days; follow it under “review progress”";
    REVIEW_OPINION = "审核意见", "The reviewer's remarks";
    NAV_EMPLOYER_STATUS = "审核进度查询", "Review progress";
    STATUS_QUERY = "查询", "Look up";
    STATUS_KEPT = "上次查询结果（离线时显示）", "The last answer (shown offline)";
    STATUS_HISTORY = "办理过程", "History";
    STATUS_SET_PASSWORD = "审核已通过。请在「忘记密码」中输入统一社会信用代码，用经办人手机收到的验证码设置登录密码，然后用信用代码登录", "Approved. Under “forgot the password”, enter the credit code and set the password with the code sent to the handler's mobile, then log in with the credit code";
    MOBILE_VERIFIED = "经办人手机已验证", "Handler's mobile proved";
    NAV_REVIEW = "审核工作台", "Review desk";
    NAV_AUDIT = "操作日志", "Audit log";
    AUDIT_GROUP = "类别", "Kind";
    ROLE_RESIDENT = "个人用户", "Resident";
    ROLE_EMPLOYER = "单位经办人", "Employer handler";
    ROLE_FIELD_WORKER = "外勤人员", "Field worker";
    ROLE_REVIEWER = "审核人员", "Reviewer";
    ROLE_OPERATOR = "经办员", "Operator";
    ROLE_SUPERVISOR = "复核员", "Supervisor";
    ROLE_ADMIN = "管理员", "Administrator";
    ROLE_NONE = "系统", "System";
    REVIEW_FILTER_STATUS = "状态", "Status";
    REVIEW_FILTER_OPEN = "待处理", "Open";
    REVIEW_FILTER_ALL = "全部", "All";
    REVIEW_FILTER_OVERDUE = "只看超过 3 个工作日的", "Only those older than 3 working days";
    REVIEW_FILTER_AGE = "已等待", "Waiting";
    REVIEW_AGE_FROM = "至少（工作日）", "At least (working days)";
    REVIEW_AGE_TO = "至多（工作日）", "At most (working days)";
    REVIEW_MOBILE_UNVERIFIED = "手机未验证", "Mobile not proved";
    REVIEW_HANDLER_UNMATCHED = "经办人实名核验未通过", "Handler failed the real-name check";
    REVIEW_HANDLER_MATCHED = "经办人实名核验通过", "Handler passed the real-name check";
    REVIEW_FILTER_REGION = "地区", "Region";
    REVIEW_TOTAL = "共", "Total";
    REVIEW_AGE = "个工作日", "working days";
    REVIEW_OVERDUE = "已超期", "Overdue";
    REVIEW_RESUBMITTED = "重新提交", "Resubmitted";
    REVIEW_EMPTY = "没有符合条件的申请", "No application matches";
    REVIEW_OPEN = "开始审核", "Take it up";
    REVIEW_APPROVE = "审核通过", "Approve";
    REVIEW_REJECT = "退回修改", "Send back";
    REVIEW_ADD_REASON = "添加退回原因", "Add a reason";
    REVIEW_TARGET = "针对", "About";
    REVIEW_REASON = "原因", "Reason";
    REVIEW_NOTE = "说明（选填）", "Note (optional)";
    REVIEW_DONE = "已处理", "Done";
    REVIEW_MATERIALS = "材料", "Materials";
    REVIEW_OPEN_FULL = "查看原件", "Open full size";
}


// 我的信息: the profile, 修改密码, 退出所有设备, 长辈模式
texts! {
    PROFILE_TITLE = "我的信息", "My information";
    PROFILE_ACCOUNT_TYPE = "账号类型", "Account type";
    PROFILE_EMAIL = "电子邮箱", "Email";
    PROFILE_NONE = "未填写", "Not given";
    PROFILE_EDIT_ADDRESSES = "修改地址", "Change the addresses";
    PROFILE_PREVIOUS_SIGN_IN = "上次登录", "Previous sign-in";
    PROFILE_FIRST_SIGN_IN = "这是首次登录", "This is the first sign-in";
    PROFILE_FROM_LOOPBACK = "本机", "this computer";
    PROFILE_FROM_PRIVATE = "内部网络", "a private network";
    PROFILE_FROM_INTERNET = "互联网", "the internet";
    PROFILE_NOT_YOU = "如果这不是您本人，请立即修改密码并退出所有设备。", "If this was not you, change the password and log out everywhere now.";
    PROFILE_SIGN_IN_FIRST = "请先登录", "Please log in first";
    PASSWORD_CHANGE_TITLE = "修改密码", "Change the password";
    PASSWORD_CHANGE_HINT = "建议定期更换密码。修改后，其他设备会退出登录，并以短信通知您的手机。", "Change it now and then. Other devices are logged out, and your phone is told by SMS.";
    FIELD_CURRENT_PASSWORD = "当前密码", "Current password";
    PASSWORD_CHANGE_SUBMIT = "确认修改", "Change it";
    PASSWORD_CHANGE_DONE = "密码已修改，其他设备已退出登录", "The password is changed; other devices are logged out";
    FORGOT_BY_EMAIL = "用注册时填写的电子邮箱接收验证码", "Get the code by the e-mail given at registration";
    FIELD_REGISTERED_EMAIL = "注册时填写的电子邮箱", "The e-mail given at registration";
    MOBILE_CHANGE_TITLE = "手机号变更", "Change the mobile";
    MOBILE_CHANGE_HINT = "新手机号须为本人实名登记的号码。更换后，原手机号将收到短信通知，其他设备会退出登录。", "The new mobile must be registered in your own name. The old one is told by SMS, and other devices are logged out.";
    FIELD_NEW_MOBILE = "新手机号码", "New mobile";
    MOBILE_CHANGE_SUBMIT = "确认更换", "Change it";
    MOBILE_CHANGE_DONE = "手机号已更换，今后用新号码登录和找回密码", "The mobile is changed: log in and recover the password with the new one";
    MOBILE_LOST = "原手机号已停用、无法登录？请携带本人身份证到参保地社保经办机构柜台办理手机号变更。", "The old number is gone and you cannot log in? Bring your ID card to the agency's counter to change it.";
    LOGOUT_ALL_TITLE = "账号安全", "Account security";
    LOGOUT_ALL = "退出所有设备", "Log out everywhere";
    ELDER_TITLE = "长辈模式", "Large mode for elders";
    ELDER_OFFER = "要开启长辈模式吗？字和按钮都会变大，首页更简洁。以后可在“设置”中更改。", "Turn on the large mode? Text and buttons get bigger and the home screen simpler. Change it any time in settings.";
    ELDER_OFFER_YES = "开启", "Turn it on";
    ELDER_OFFER_NO = "不用了", "No, thanks";
    ELDER_HINT = "字更大、按钮更大、首页更简洁，只在本机生效。", "Larger text and buttons and a simpler home screen, on this device only.";
    ELDER_ON = "已开启（点按关闭）", "On (tap to turn off)";
    ELDER_OFF = "已关闭（点按开启）", "Off (tap to turn on)";
    LOGOUT_ALL_HINT = "结束此账号在所有手机和电脑上的登录，包括本机。", "Ends this account's sign-ins on every phone and computer, this one too.";
}

// the back office (经办)
texts! {
    NAV_OFFICE = "经办工作台", "Back office";
    OFFICE_FIND = "业务查询", "Look up a person";
    OFFICE_FIND_NOTE = "按证件号码、信用代码或名称查找参保人和单位", "Find a person or a unit by ID number, credit code or name";
    OFFICE_DETAILS = "信息变更", "Change of details";
    OFFICE_BANK_CARD = "银行卡号", "Bank card number";
    OFFICE_SSC_NUMBER = "社会保障卡卡号", "Social security card number";
    OFFICE_DETAILS_SAVE = "保存变更", "Save the change";
    OFFICE_NAME_FIX = "姓名更正（须与实名核验库一致）", "Name correction (must match the registry)";
    OFFICE_CHANGES = "变更记录", "Changes";
    OFFICE_NOT_SET = "未登记", "Not on record";
    OFFICE_INDUSTRY_CLASS = "工伤行业类别", "work-injury class";
    OFFICE_CLASS_CHANGE = "变更工伤行业类别", "Change the work-injury class";
    OFFICE_CLASS_CHANGED = "已变更；已核定的月份不变", "Changed; months already assessed stay as they are";
    OFFICE_PAYMENTS = "到账导入", "Payment imports";
    OFFICE_PAYMENTS_NOTE = "税务征收到账文件，复核后入账", "The tax bureau's collection files, imported once confirmed";
    OFFICE_QUERY = "身份证号码、统一社会信用代码或名称", "ID number, credit code or name";
    OFFICE_SEARCH = "查询", "Search";
    OFFICE_NO_HITS = "台账中没有符合的人员或单位", "Nothing in the ledger matches";
    OFFICE_REVEAL = "显示完整证件号码", "Show the whole ID number";
    OFFICE_REVEAL_NOTE = "每次显示都记入操作日志", "Every reveal is recorded in the audit log";
    OFFICE_FILE = "到账文件（CSV 或 JSON）", "Collection file (CSV or JSON)";
    OFFICE_SUBMIT = "提交复核", "Submit for confirmation";
    OFFICE_BATCHES = "导入记录", "Files";
    OFFICE_ROWS = "笔", "rows";
    OFFICE_PENDING = "待复核", "Waiting for confirmation";
    OFFICE_APPLIED = "已入账", "Imported";
    OFFICE_RETURNED = "已退回", "Returned";
    OFFICE_CONFIRM = "复核通过并入账", "Confirm and import";
    OFFICE_RETURN = "退回", "Return";
    OFFICE_RETURN_REASON = "退回原因", "Reason for returning";
    OFFICE_SUBMITTED_BY = "提交人", "Submitted by";
    OFFICE_DECIDED_BY = "复核人", "Decided by";
    OFFICE_OWN_FILE = "本人提交的文件须由另一名复核员复核", "Another supervisor confirms a file you submitted";
    OFFICE_TAKEN = "新入账", "taken";
    OFFICE_ADJUST = "缴费基数调整", "Adjust a contribution base";
    OFFICE_ADJUST_NOTE = "经提交人以外的复核员确认后生效；已核定的月份在下次核定时按差额补差", "Takes effect once a supervisor other than you confirms it; months already assessed get the difference at the next assessment";
    OFFICE_ADJUST_UNIT = "参保单位", "Unit";
    OFFICE_YEAR = "年度", "Year";
    OFFICE_ADJUST_REASON = "调整原因", "Why";
    OFFICE_ADJUSTMENTS = "基数调整", "Base adjustments";
    OFFICE_IN_EFFECT = "已生效", "In effect";
    OFFICE_CONFIRM_ADJUST = "复核通过", "Confirm";
    OFFICE_NONE_DECLARED = "未申报", "none declared";
    OFFICE_PENSION = "养老待遇测算", "Pension estimate";
    OFFICE_REPORTS = "报表", "Reports";
    OFFICE_REPORTS_NOTE = "核定单、花名册、欠费、参保与业务统计：预览、打印、下载 Excel", "Statements, rosters, arrears, statistics: preview, print, download as Excel";
    REPORT_NAME = "报表", "Report";
    REPORT_FROM = "起始月", "From";
    REPORT_TO = "终止月", "To";
    REPORT_UNIT = "单位统一社会信用代码（可不填）", "Unit's credit code (optional)";
    REPORT_REGION = "行政区划代码（可不填，如 320102）", "Division code (optional, e.g. 320102)";
    REPORT_PREVIEW = "预览", "Preview";
    REPORT_XLSX = "下载 Excel", "Download Excel";
    REPORT_CSV = "下载 CSV", "Download CSV";
    REPORT_PRINT = "打印", "Print";
    REPORT_ROWS = "行；屏幕上显示前 100 行，下载与打印为全部", "rows; the first 100 on screen, all of them in the download";
    OFFICE_PENSION_CATEGORY = "原法定退休年龄（仅女职工）", "Original retirement age (women only)";
    OFFICE_FEMALE_50 = "50 周岁", "50";
    OFFICE_FEMALE_55 = "55 周岁（干部、管理和专业技术岗位）", "55 (cadres, managerial and technical posts)";
    OFFICE_RETIRE_IN = "拟退休月份（不填为法定退休月份）", "Retirement month (empty: the statutory one)";
    OFFICE_ESTIMATE = "测算", "Estimate";
    OFFICE_STATUTORY = "法定退休年龄", "Statutory retirement age";
    OFFICE_WINDOW = "可选择的退休月份", "May retire from – to";
    OFFICE_MIN_MONTHS = "最低缴费月数", "Minimum months of contributions";
    OFFICE_PAID_MONTHS = "台账中已缴月数", "Months paid in the ledger";
    OFFICE_ACCOUNT_PENSION = "个人账户养老金（元/月）", "Account pension (yuan a month)";
    OFFICE_ALREADY = "此前已入账", "already there";
    OFFICE_CASES = "待办业务", "Cases to handle";
    OFFICE_MODULE_UNIT = "单位", "Units";
    OFFICE_UNIT_DETAILS = "单位信息变更", "Change the unit's details";
    OFFICE_DETAILS_NOTE = "只填写要变更的项目；变更前后的信息都会保留", "Fill in only what changes; the before and after are both kept";
    OFFICE_CONTACT = "联系人", "Contact person";
    OFFICE_CONTACT_MOBILE = "联系人手机号", "Contact's mobile";
    OFFICE_MODULE_PERSON = "个人", "Persons";
    OFFICE_CASES_NOTE = "参保登记、减员、缴费基数申报：检查、预览、审核或退回", "Enrolments, separations, base declarations: check, preview, approve or return";
    OFFICE_CASES_COUNT = "件", "cases";
    OFFICE_CASE_KIND = "业务类型", "Kind";
    OFFICE_CASE_MODULE = "险种", "Insurance";
    OFFICE_CASE_FIXES = "本件是退回后重新提交的版本，上次的退回意见：", "This fixes a returned case; it was returned for:";
    OFFICE_CASE_CHECKS = "检查结果", "Checks";
    OFFICE_CASE_EFFECT = "批准后对台账的影响（预览）", "What approving does to the ledger (preview)";
    OFFICE_EFFECT_OPEN = "建立参保关系", "Opens";
    OFFICE_EFFECT_MONTH = "补核定月份", "Also assesses";
    OFFICE_EFFECT_END = "终止参保关系（最后参保月）", "Ends (last month insured)";
    OFFICE_EFFECT_BASE = "核定缴费基数", "Sets the base";
    OFFICE_EMPLOYER_PART = "单位每月", "employer a month";
    OFFICE_INDIVIDUAL_PART = "个人每月", "individual a month";
    OFFICE_WORKING = "计算过程", "Working";
    OFFICE_CASE_OWN = "本件由您本人受理录入，须由另一位经办人员审核", "You filed this case: another member of staff decides it";
    OFFICE_CASE_RETURN = "退回并告知原因", "Return with the reasons";
    NOTICES_TITLE = "通知公告", "Notices";
    NOTICES_ALL = "全部通知", "All notices";
    NOTICES_UNREAD = "未读", "unread";
    NOTICES_NONE = "暂无通知", "No notices";
    NOTICES_UNTIL = "有效期至", "Until";
    NOTICES_PUBLISHED = "发布于", "Published";
    NOTICES_KEPT = "已保存在本机，离线也可阅读", "Kept on this phone: readable offline";
    NOTICES_GONE = "这条通知已过期或已撤回", "This notice has expired or was withdrawn";
    NOTICE_ADMIN = "发布通知公告", "Publish a notice";
    NOTICE_ADMIN_NOTE = "标题、正文、通知对象与显示期限；发布后显示在首页，并保存在用户手机上供离线阅读", "Title, body, audience and dates: it shows on the home screen and is kept on phones for offline reading";
    NOTICE_FIELD_TITLE = "标题", "Title";
    NOTICE_FIELD_BODY = "正文", "Body";
    NOTICE_FIELD_AUDIENCE = "通知对象", "Audience";
    NOTICE_FIELD_FROM = "开始日期", "First day";
    NOTICE_FIELD_TO = "截止日期", "Last day";
    NOTICE_DATE_HINT = "年-月-日，如 2027-01-01", "YYYY-MM-DD, e.g. 2027-01-01";
    NOTICE_AUDIENCE_ALL = "所有人", "Everyone";
    NOTICE_AUDIENCE_RESIDENTS = "个人", "Residents";
    NOTICE_AUDIENCE_UNITS = "单位", "Units";
    NOTICE_AUDIENCE_STAFF = "工作人员", "Staff";
    NOTICE_PUBLISH = "发布", "Publish";
    NOTICE_PUBLISHED = "已发布", "Published";
    NOTICE_WITHDRAW = "撤回", "Withdraw";
    NOTICE_WITHDRAWN = "已撤回", "Withdrawn";
    NOTICE_FROM_POLICY = "用政策参数拟稿：本年度缴费基数上下限", "Draft from the policy data: this year's base limits";
    NOTICE_POLICY_MISSING = "本机尚无政策参数，请联网后再试", "The policy data has not reached this device yet: try again online";
    HELP_TITLE = "帮助中心", "Help";
    HELP_SEARCH = "搜索问题", "Search the help";
    HELP_SEARCH_HINT = "例如：忘记密码、审核要多久、没有信号", "For example: forgot password, how long is the review, no signal";
    HELP_FAQ = "常见问题", "Frequently asked";
    HELP_GUIDES = "操作指南", "Guides";
    HELP_FOUND = "搜索结果", "Results";
    HELP_NONE = "没有找到相关内容，换个说法试试，或联系我们", "Nothing found: try other words, or contact us";
    HELP_NOT_HERE = "帮助内容尚未下载到本机，联网后会自动载入", "The help has not reached this phone yet: it loads once online";
    HELP_OPEN = "去办理", "Go there";
    HELP_KEPT = "帮助内容已保存在本机，离线也可查阅", "The help is kept on this phone: readable offline";
    CONTACT_TITLE = "联系我们", "Contact us";
    CONTACT_WHERE = "我所在的地区", "Where I am";
    CONTACT_ANY = "全部地区", "Every region";
    CONTACT_CALL = "拨打", "Call";
    CONTACT_HOURS = "办公时间", "Hours";
    CONTACT_UNCONFIRMED = "信息待核实", "To be confirmed";
    CONTACT_NONE = "经办机构信息尚未下载到本机，联网后会自动更新", "The offices have not reached this phone yet: they load once online";
    STATS_TITLE = "数据统计", "Statistics";
    STATS_NOTE = "参保人数、核定与到账、欠费、每日受理、待办时长（图表）", "Insured, assessed and collected, arrears, cases per day, waiting (charts)";
    STATS_REGION = "地区（下钻）", "Region (drill down)";
    STATS_ALL = "本人权限内全部地区", "Every region I may see";
    STATS_INSURED = "参保人数（按月、险种）", "Insured persons by month and insurance";
    STATS_MONEY = "核定、到账与欠费（按月）", "Assessed, collected and arrears by month";
    STATS_CASES = "每日受理件数（期末 92 天内）", "Cases filed per day (the period's last 92 days)";
    STATS_AGES = "待办案件等候时长（当前）", "Open cases by days waiting (now)";
    STATS_TABLE_INSURED = "表格：参保统计报表", "Table: the insured statistics report";
    STATS_TABLE_ARREARS = "表格：欠费明细报表", "Table: the arrears report";
    STATS_TABLE_CASES = "表格：业务办理统计报表", "Table: the case statistics report";
    STATS_TABLE_QUEUE = "明细：待办队列", "Details: the case queue";
    STATEMENT_FILES = "本月核定单：", "This month's statement:";
    CLAIMS = "养老金申请", "Pension claims";
    CLAIM_NEW = "提交养老金申请", "File a pension claim";
    CLAIM_NOTE = "按退休月份、档案核定的历史及视同缴费计算养老金；须另一名复核员核准后按月发放", "The pension is computed from the retirement month and what the archive shows before the ledger; another supervisor approves it before the monthly payments start";
    CLAIM_BY_ID = "按身份证号码（女职工默认 50 周岁）", "By the ID number (a woman: 50 unless chosen)";
    CLAIM_RETIRE_IN = "退休月份（YYYY-MM）", "Retirement month (YYYY-MM)";
    CLAIM_ARCHIVE_MONTHS = "档案核定的历史及视同缴费月数", "Months before the ledger, per the archive (incl. deemed)";
    CLAIM_ARCHIVE_INDEX = "其平均缴费指数", "Their average index";
    CLAIM_ARCHIVE_REF = "档案编号或依据", "Archive reference";
    CLAIM_MONTHLY = "每月养老金", "Monthly pension";
    CLAIM_PAID_THROUGH = "已发放至", "Paid through";
    PENSION_TITLE = "待遇领取情况", "Pension payments";
    PENSION_PENDING = "养老金申请审核中", "Pension claim under review";
    PENSION_PAYING = "养老金发放中", "Pension being paid";
    PENSION_PER_MONTH = "/月", " a month";
    PENSION_FROM = "起始月份", "from";
    PENSION_PAID = "已发放", "Paid";
    CERT_UNTIL = "已认证至", "Certified until";
    CERT_DUE = "待认证：请在此日前完成养老待遇资格认证", "Certification due by";
    CERT_SUSPENDED = "已暂停发放（未按时认证），认证后补发。已发放至", "Suspended (not certified in time); certify to be paid the months skipped. Paid through";
    CERT_LAST = "最近认证", "Last certified";
    CERT_AT_COUNTER = "柜台认证（本人在场）", "Certify at the counter (person present)";
    KIND_PENSION_CERTIFICATION = "养老待遇资格认证（协助）", "Pension certification (assisted)";
    FIELD_DUE_TITLE = "待认证名单", "Pensioners due to certify";
    FIELD_DUE_DOWNLOAD = "下载本区域名单（需联网）", "Download my area's list (online)";
    FIELD_DUE_NONE = "手机上还没有名单：请在有网络时下载，下载后离线也可使用", "No list on this phone yet: download it while online, then it works offline";
    FIELD_DUE_TAKEN = "名单下载于", "List downloaded";
    FIELD_DUE_BY = "应认证日期", "Due";
    FIELD_DUE_STOPPED = "已暂停发放", "Payments suspended";
    FIELD_DUE_PICK = "为其认证", "Certify";
    FIELD_DUE_PASSWORD = "登录密码（名单加密保存在本机，凭密码打开）", "Your password (the list is kept encrypted on this phone and opens with it)";
    FIELD_DUE_OPEN = "打开本机名单", "Open the list on this phone";
    FIELD_DUE_LOCKED = "本机保存的名单已加密：输入登录密码打开，离线也可以", "The list on this phone is encrypted: type your password to open it, offline too";
    INJURY_SELF_TILE = "工伤认定申请", "Apply for work-injury recognition";
    INJURY_WHO_FILES = "单位应在事故之日起30日内申报；单位未申报的，职工本人可在一年内自行申请，并填写单位的统一社会信用代码", "The unit reports within 30 days of the accident; if it has not, the injured person may apply within a year, giving the unit's credit code";
    INJURY_SELF_NOTE = "单位未申报时，本人一年内可申请", "If your unit has not, within a year";
    FIELD_DUE_WRONG = "密码不正确，名单未能打开", "Wrong password: the list did not open";
    FIELD_PENSIONER = "领取人", "Pensioner";
    FIELD_PICK_AGAIN = "换一位", "Pick another";
    FIELD_SEEN_ON = "认证日期", "Day of the visit";
    FIELD_ATTEST = "本人已当面核实领取人身份，确认其本人健在", "I saw the pensioner in person and checked their identity";
    FIELD_ID_NOT_LISTED = "身份证号与名单中的号码不一致，请核对证件", "The ID number does not match the list: check the card";
    ATTACH_FACE = "领取人本人照片（正面、清晰）", "Photo of the pensioner (face, clear)";
    VISITS_TITLE = "待确认的协助认证", "Assisted certifications to confirm";
    VISITS_NONE = "暂无待确认的协助认证", "Nothing to confirm";
    VISIT_SEEN = "上门认证日期", "Visited on";
    VISIT_BY = "外勤人员账号", "Field worker's account";
    CERT_HISTORY = "认证记录", "Certifications";
    CERT_BY_APPROVAL = "待遇核准（首次认证）", "Claim approved (first certification)";
    CERT_BY_COUNTER = "经办窗口认证", "At the counter";
    CERT_BY_FIELD = "工作人员上门协助认证", "Visited by a field worker";
    CERT_BY_SELF = "本人认证", "By the person";
    STATS_CERT = "养老待遇资格认证覆盖（当前）", "Pension certification coverage (now)";
    STATS_TABLE_BENEFITS = "明细：待遇发放明细", "Details: benefit payments";
    FACE_PROMPT = "刷脸认证：请在光线充足处正对手机，眨眨眼，再用前置摄像头拍一张本人照片", "Certify with your face: in good light, face the phone, blink, then take a photo of yourself with the front camera";
    FACE_TAKE = "拍照认证", "Take the photo";
    FACE_ONLINE_ONLY = "刷脸认证需要联网", "The face check needs a network";
    FACE_CHECKING = "正在比对…", "Checking…";
    KIND_INJURY_REPORT = "工伤事故申报", "Work accident report";
    FIELD_ACCIDENT_ON = "事故日期", "Day of the accident";
    FIELD_ACCIDENT_AT = "事故时间", "Time of the accident";
    FIELD_ACCIDENT_AT_HINT = "时:分，例如 14:30", "Hours:minutes, e.g. 14:30";
    FIELD_ACCIDENT_PLACE = "事故地点", "Where it happened";
    FIELD_ACCIDENT_ACCOUNT = "事故经过（10 至 500 字）", "What happened (10 to 500 characters)";
    FIELD_INSTITUTION = "就诊医疗机构", "Where they are treated";
    ATTACH_SCENE = "事故现场照片", "Photo of the scene";
    ATTACH_MEDICAL_RECORD = "诊断证明或病历照片", "Photo of the diagnosis or medical record";
    OFFICE_EFFECT_RECOGNISE = "工伤认定", "Recognise the injury";
    INJURY_TITLE = "工伤待遇", "Work injury benefits";
    INJURY_OFFICE_TITLE = "工伤待遇核算", "Work injury awards";
    INJURY_NONE = "暂无待核算或待复核的工伤", "No work injury to assess or approve";
    INJURY_GRADE = "伤残等级", "Disability grade";
    INJURY_ASSESS = "核算待遇", "Compute the award";
    INJURY_LUMP_SUM = "一次性伤残补助金", "Lump sum";
    INJURY_ALLOWANCE = "伤残津贴", "Disability allowance";
    INJURY_LATE = "迟报天数", "Days late";
    INJURY_APPROVED = "工伤待遇已核定", "Award approved";
    INJURY_ASSESSING = "已认定为工伤，待遇核定中", "Recognised as a work injury; the award is being assessed";
    KIND_UNEMPLOYMENT = "失业登记", "Unemployment registration";
    UNEMPLOYMENT_FORM_NOTE = "因劳动合同期满、单位解除合同等非本人意愿失业，且单位已办理减员的，可办理失业登记并申领失业保险金。", "If you lost your job not by your own choice (the contract ran out, the unit ended it…) and the unit has filed the separation, register here to claim unemployment benefit.";
    FIELD_LEFT_ON = "离职日期", "Day the job ended";
    FIELD_CAUSE = "失业原因", "Why the job ended";
    FIELD_STATEMENT = "情况说明（选填，选“其他”时必填）", "Statement (optional; needed for “other”)";
    ATTACH_CONTRACT_END = "解除或终止劳动合同证明照片（单位减员原因未注明时需要）", "Photo of the paper ending the contract (needed unless the unit's separation says why)";
    OFFICE_EFFECT_UNEMPLOY = "失业登记：核定失业保险金", "Register: grant unemployment benefit";
    UNEMPLOYMENT_TITLE = "失业保险金", "Unemployment benefit";
    UNEMPLOYMENT_ACTIVE = "领取中", "Being paid";
    UNEMPLOYMENT_STOPPED = "已重新就业，停发自", "Re-employed: stopped from";
    UNEMPLOYMENT_ENDED = "已领取完毕", "Every month paid";
    UNEMPLOYMENT_GRANTED = "核定领取月数", "Months granted";
    UNEMPLOYMENT_PAID = "已领取月数", "Months paid";
    UNEMPLOYMENT_LEFT = "剩余月数", "Months left";
    UNEMPLOYMENT_MONTHLY = "每月金额", "A month";
    UNEMPLOYMENT_NONE = "暂无领取中的失业保险金", "No unemployment benefit being paid";
    BENEFIT_STOP_REASON = "停发原因", "Why it stops";
    BENEFIT_STOP_FROM = "停发月份", "Stops from";
    BENEFIT_STOP = "停发", "Stop";
    BENEFIT_STOPPED_FROM = "停发自", "Stopped from";
    KIND_MEDICAL_CLAIM = "医疗费用报销", "Medical expense claim";
    MEDICAL_TITLE = "住院费用报销", "Hospital costs reimbursed";
    MEDICAL_FORM_NOTE = "全额垫付的住院费用（如异地就医未直接结算）可在出院一年内申请报销：每张票据填写票据号码和金额并拍照，同一张票据只能报销一次。报销金额按医院等级的起付线、报销比例和年度最高支付限额计算，经办审核后显示在“我的社保”。", "Hospital stays paid in full (e.g. care elsewhere not settled directly) can be claimed within a year of discharge: enter each receipt's number and amount and photograph it; a receipt is paid back only once. The amount follows the hospital level's deductible and ratio and the yearly cap; once the agency approves it, it shows on My insurance.";
    FIELD_HOSPITAL = "医院名称", "Hospital";
    FIELD_HOSPITAL_LEVEL = "医院等级", "Hospital level";
    FIELD_ADMITTED_ON = "入院日期", "Admitted on";
    FIELD_DISCHARGED_ON = "出院日期", "Discharged on";
    MEDICAL_ADD_RECEIPT = "再添加一张票据", "Add another receipt";
    OFFICE_EFFECT_REIMBURSE = "医疗费用报销：核定报销金额", "Claim: the amount reimbursed";
    MEDICAL_CLAIMED = "票据合计", "Receipts total";
    MEDICAL_REIMBURSED = "报销金额", "Reimbursed";
    KIND_NEWBORN = "新生儿参保", "Newborn enrolment";
    NEWBORN_FORM_NOTE = "为一周岁以内的孩子办理城乡居民医保参保：按出生医学证明填写，已办理身份证的请一并填写。出生后 90 天内参保的，自出生当月起享受医保待遇（以当地规定为准）。", "Enrol a child under one in residents' medical insurance: fill in the birth certificate, and the ID number if issued. Enrolled within 90 days of birth, the child is covered from the month of birth (local rules apply).";
    FIELD_CHILD_NAME = "孩子姓名", "Child's name";
    FIELD_BIRTH_DATE = "出生日期", "Date of birth";
    FIELD_BIRTH_CERT = "出生医学证明编号", "Birth certificate number";
    FIELD_CHILD_ID_NUMBER = "孩子身份证号码（已办理的填写）", "Child's ID number (if issued)";
    FIELD_GUARDIAN_ID_NUMBER = "监护人身份证号码", "Guardian's ID number";
    FIELD_GUARDIAN_NAME = "监护人姓名", "Guardian's name";
    FIELD_RELATION = "与孩子的关系", "Relation to the child";
    OFFICE_EFFECT_NEWBORN = "新生儿参保：城乡居民医保", "Newborn: residents' medical insurance";
    NEWBORN_TILE = "孩子的城乡居民医保", "Residents' medical insurance for a child";
    NEWBORN_COVERED_FROM = "医保待遇起始月", "Covered from";
    UNEMPLOYMENT_OVERPAID = "多发待追回（再就业参保月起已发放的失业保险金）", "Overpaid, to recover (benefit paid from the month of re-employment)";
    OFFICE_SUSPEND_TITLE = "暂停 / 恢复缴费", "Suspend or resume contributions";
    OFFICE_SUSPEND = "暂停缴费", "Suspend";
    OFFICE_RESUME = "恢复缴费", "Resume";
    OFFICE_SUSPEND_FROM = "自该月起", "From the month";
    OFFICE_SUSPEND_REASON = "暂停原因", "Why";
    REPORT_PERSON = "身份证号码（个人参保缴费证明）", "ID number (personal record)";
    INJURY_LUMP_PAID = "一次性伤残补助金已发放，发放月份", "Lump sum paid in";
    INJURY_ALLOWANCE_PAID = "伤残津贴已发放月数", "Disability allowance: months paid";
    RECOVERED = "已追回", "Recovered";
    RECOVER_AMOUNT = "追回金额（元）", "Amount (yuan)";
    RECOVER_ON = "到账日期", "Came back on";
    RECOVER_REFERENCE = "缴款凭证号", "Slip reference";
    RECOVER_SUBMIT = "登记追回", "Record a recovery";
    CLAIM_AGREEMENT_REF = "延迟退休协议编号", "Late retirement agreement";
    CLAIM_AGREEMENT_HINT = "晚于法定退休月份领取时必填（单位与职工书面协商一致）", "Needed when retiring after the statutory month (the unit's and the worker's written agreement)";
    KIND_PERSON_CHANGE = "个人信息变更", "Change of personal details";
    PERSON_CHANGE_TILE = "手机号、户籍地址、联系地址", "Mobile, household and contact address";
    PERSON_CHANGE_NOTE = "只填写要变更的项目，未填写的保持不变；经办机构审核通过后生效。更正姓名、变更银行卡或社保卡号请携带身份证件到经办窗口办理。", "Fill in only what changes; the rest stays as it is. It takes effect once the agency approves it. To correct a name or change a bank card or social security card number, bring your ID to the counter.";
    OFFICE_EFFECT_DETAILS = "个人信息变更", "Details change";
    KIND_UNIT_CHANGE = "单位信息变更", "Change of the unit's details";
    UNIT_CHANGE_TILE = "单位地址、联系人", "The unit's address and contact";
    UNIT_CHANGE_NOTE = "只填写要变更的项目，未填写的保持不变；经办机构审核通过后生效。单位账号办理可不填统一社会信用代码。单位名称、行业类别的变更请持营业执照到经办窗口办理。", "Fill in only what changes; the rest stays as it is. It takes effect once the agency approves it. The unit's own account may leave the credit code empty. To change the unit's name or industry class, bring the business licence to the counter.";
    INJURY_CARE_NONE = "不需要生活护理", "No care needed";
    INJURY_CARE_FEE = "生活护理费", "Care allowance";
    INJURY_CARE_PAID = "生活护理费已发放月数", "Care allowance: months paid";
    INJURY_OVERPAID = "停发后已发放月数（待追回）", "Months paid past the stop (to recover)";
}

/// 医疗费用报销's receipts: each amount's label, each number's, then each photo's.
pub const RECEIPT_AMOUNTS: [Text; 6] = [
    Text { zh: "票据 1 金额（元）", en: "Receipt 1 amount (yuan)" },
    Text { zh: "票据 2 金额（元）", en: "Receipt 2 amount (yuan)" },
    Text { zh: "票据 3 金额（元）", en: "Receipt 3 amount (yuan)" },
    Text { zh: "票据 4 金额（元）", en: "Receipt 4 amount (yuan)" },
    Text { zh: "票据 5 金额（元）", en: "Receipt 5 amount (yuan)" },
    Text { zh: "票据 6 金额（元）", en: "Receipt 6 amount (yuan)" },
];
pub const RECEIPT_NUMBER_LABELS: [Text; 6] = [
    Text { zh: "票据 1 号码（票据代码加号码）", en: "Receipt 1 number (code and number)" },
    Text { zh: "票据 2 号码", en: "Receipt 2 number" },
    Text { zh: "票据 3 号码", en: "Receipt 3 number" },
    Text { zh: "票据 4 号码", en: "Receipt 4 number" },
    Text { zh: "票据 5 号码", en: "Receipt 5 number" },
    Text { zh: "票据 6 号码", en: "Receipt 6 number" },
];
pub const RECEIPT_PHOTOS: [Text; 6] = [
    Text { zh: "票据 1 照片", en: "Receipt 1 photo" },
    Text { zh: "票据 2 照片", en: "Receipt 2 photo" },
    Text { zh: "票据 3 照片", en: "Receipt 3 photo" },
    Text { zh: "票据 4 照片", en: "Receipt 4 photo" },
    Text { zh: "票据 5 照片", en: "Receipt 5 photo" },
    Text { zh: "票据 6 照片", en: "Receipt 6 photo" },
];
