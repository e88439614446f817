//! Mainland mobile numbers, email addresses and 6-digit SMS codes.

use super::{text, Checked, Issue, REQUIRED};

/// An 11-digit mainland mobile number (`1[3-9]` + 9 digits).
///
/// ```
/// use app::domain::MobileNumber;
/// let m = MobileNumber::parse("+86 138-0013-8000").unwrap().value;
/// assert_eq!(m.as_str(), "13800138000");
/// assert_eq!(m.masked(), "138****8000");
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct MobileNumber(String);

impl MobileNumber {
    /// Accepts `+86`, `86` and `0086` prefixes, spaces, dashes and brackets.
    pub fn parse(input: &str) -> Result<Checked<MobileNumber>, Issue> {
        let digits: String = text::to_half_width(input)
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '(' | ')' | '+'))
            .collect();
        if digits.is_empty() {
            return Err(REQUIRED);
        }
        let national = ["0086", "86"]
            .iter()
            .find_map(|p| digits.strip_prefix(p).filter(|rest| rest.len() == 11))
            .unwrap_or(&digits);
        let b = national.as_bytes();
        let ok = b.len() == 11 && b.iter().all(u8::is_ascii_digit) && b[0] == b'1' && (b'3'..=b'9').contains(&b[1]);
        if !ok {
            return Err(Issue::new(
                "mobile.format",
                "请输入 11 位大陆手机号码（以 13–19 开头）",
                "Enter an 11-digit mainland mobile number (starting 13–19)",
            ));
        }
        Ok(Checked::clean(MobileNumber(national.to_owned())))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `138****8000`.
    pub fn masked(&self) -> String {
        format!("{}****{}", &self.0[..3], &self.0[7..])
    }
}

impl std::fmt::Debug for MobileNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "MobileNumber({})", self.masked())
    }
}

/// An email address (shape only: the mailbox is proven by the code sent to it, not here).
///
/// ```
/// use app::domain::Email;
/// assert_eq!(Email::parse(" Li.Ming@Example.COM ").unwrap().value.as_str(), "Li.Ming@example.com");
/// assert!(Email::parse("li@localhost").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    pub fn parse(input: &str) -> Result<Checked<Email>, Issue> {
        let s = text::to_half_width(input).trim().to_owned();
        if s.is_empty() {
            return Err(REQUIRED);
        }
        let invalid = || Issue::new("email.format", "电子邮箱格式不正确", "Not a valid email address");
        let (local, domain) = s.rsplit_once('@').ok_or_else(invalid)?;
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && local.chars().all(|c| c.is_ascii_alphanumeric() || "._%+-".contains(c));
        let labels: Vec<&str> = domain.split('.').collect();
        let domain_ok = labels.len() >= 2
            && labels.iter().all(|l| {
                !l.is_empty() && l.len() <= 63 && !l.starts_with('-') && !l.ends_with('-')
                    && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            })
            && labels.last().is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
        if !local_ok || !domain_ok || s.len() > 254 {
            return Err(invalid());
        }
        Ok(Checked::clean(Email(format!("{local}@{}", domain.to_ascii_lowercase()))))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A 6-digit verification code as received by SMS.
///
/// ```
/// use app::domain::SmsCode;
/// assert_eq!(SmsCode::parse(" ０１２ ３４５").unwrap().value.as_str(), "012345");
/// assert!(SmsCode::parse("12345").is_err());
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct SmsCode(String);

impl SmsCode {
    pub fn parse(input: &str) -> Result<Checked<SmsCode>, Issue> {
        let s: String = text::to_half_width(input).chars().filter(|c| !c.is_whitespace()).collect();
        if s.is_empty() {
            return Err(REQUIRED);
        }
        if s.len() != 6 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Issue::new("sms_code.format", "验证码为 6 位数字", "The code has 6 digits"));
        }
        Ok(Checked::clean(SmsCode(s)))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for SmsCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SmsCode(******)")
    }
}

/// `w***@example.com`: the first character of the local part and the domain.
///
/// ```
/// assert_eq!(app::domain::contact::mask_email("wang@example.com"), "w***@example.com");
/// assert_eq!(app::domain::contact::mask_email("no-at-sign"), "***");
/// ```
pub fn mask_email(email: &str) -> String {
    match email.split_once('@') {
        Some((local, domain)) if !local.is_empty() => format!("{}***@{domain}", local.chars().next().unwrap_or('*')),
        _ => "***".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn mobile_numbers() {
        for ok in ["13800138000", "0086 199 1234 5678", "86-150-0000-0000", "(+86)17712345678", "１３８００１３８０００"] {
            assert!(MobileNumber::parse(ok).is_ok(), "{ok}");
        }
        for bad in ["12800138000", "1380013800", "138001380001", "021-12345678", "13800l38000"] {
            assert_eq!(MobileNumber::parse(bad).unwrap_err().code, "mobile.format", "{bad}");
        }
        assert_eq!(MobileNumber::parse("  ").unwrap_err().code, "required");
    }

    #[test]
    fn emails() {
        for ok in ["a@b.cn", "wang_xiao-ming+sb@mail.jiangsu.gov.cn", "x%y@qq.com"] {
            assert!(Email::parse(ok).is_ok(), "{ok}");
        }
        for bad in ["a@b", "@qq.com", "a..b@qq.com", "a@-qq.com", "a@qq.c0m", "张三@qq.com", "a b@qq.com", "a@qq..com"] {
            assert_eq!(Email::parse(bad).unwrap_err().code, "email.format", "{bad}");
        }
    }

    #[test]
    fn secrets_are_not_printed() {
        assert_eq!(format!("{:?}", SmsCode::parse("123456").unwrap().value), "SmsCode(******)");
        assert_eq!(format!("{:?}", MobileNumber::parse("13800138000").unwrap().value), "MobileNumber(138****8000)");
    }

    proptest! {
        #[test]
        fn no_input_panics(input in ".{0,64}") {
            let _ = MobileNumber::parse(&input);
            let _ = Email::parse(&input);
            let _ = SmsCode::parse(&input);
        }

        #[test]
        fn every_mainland_number_parses(second in 3u8..=9, rest in "[0-9]{9}") {
            let n = format!("1{second}{rest}");
            let parsed = MobileNumber::parse(&format!("+86 {n}")).unwrap().value;
            prop_assert_eq!(parsed.as_str(), n.as_str());
        }
    }
}
