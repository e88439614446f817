//! Names as written on documents: a person's name as on the ID card, and a unit's name as on
//! its licence.

use super::{text, Checked, Issue, REQUIRED};

/// The separator in transcribed minority and foreign names (`买买提·艾力`).
pub const MIDDLE_DOT: char = '\u{00B7}';
/// Look-alikes of the middle dot that keyboards produce; all become [`MIDDLE_DOT`].
const DOT_VARIANTS: &[char] = &['\u{00B7}', '\u{30FB}', '\u{2022}', '\u{2027}', '\u{FF65}', '\u{FE52}', '\u{22C5}', '\u{2219}'];

/// A person's name as on the identity document: Chinese characters (with `·` between the parts
/// of a transcribed name), or Latin letters for foreigners' documents.
///
/// ```
/// use app::domain::PersonName;
/// assert_eq!(PersonName::parse(" 买买提・艾力 ").unwrap().value.as_str(), "买买提·艾力");
/// assert!(PersonName::parse("张3").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PersonName(String);

impl PersonName {
    pub fn parse(input: &str) -> Result<Checked<PersonName>, Issue> {
        let s: String = text::squeeze(input)
            .chars()
            .map(|c| if DOT_VARIANTS.contains(&c) { MIDDLE_DOT } else { c })
            .collect();
        if s.is_empty() {
            return Err(REQUIRED);
        }
        if s.chars().any(|c| c.is_ascii_digit() || c.is_numeric()) {
            return Err(Issue::new("name.digits", "姓名中不能有数字", "A name cannot contain digits"));
        }
        let cjk = s.chars().filter(|&c| text::is_cjk(c)).count();
        let latin = s.chars().filter(|c| c.is_ascii_alphabetic()).count();
        let allowed = |c: char| {
            text::is_cjk(c) || c == MIDDLE_DOT || (cjk == 0 && (c.is_ascii_alphabetic() || " '-.,".contains(c)))
        };
        if cjk > 0 && latin > 0 || !s.chars().all(allowed) {
            return Err(Issue::new(
                "name.chars",
                "请按身份证件填写姓名：汉字（少数民族姓名可用“·”分隔），或外国人证件上的英文字母",
                "Write the name as on the ID: Chinese characters (parts of transcribed names separated by ·), or Latin letters for a foreigner's card",
            ));
        }
        if s.starts_with(MIDDLE_DOT) || s.ends_with(MIDDLE_DOT) || s.contains("··") {
            return Err(Issue::new("name.dots", "“·”只能用在姓名中间", "The · can only separate parts of a name"));
        }
        let len = s.chars().count();
        let (min, max) = if cjk > 0 { (2, 30) } else { (2, 70) };
        if len < min || len > max {
            return Err(Issue::formatted(
                "name.length",
                format!("姓名长度应为 {min}–{max} 个字"),
                format!("A name has {min} to {max} characters"),
            ));
        }
        Ok(Checked::clean(PersonName(s)))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A unit's full name as on its business licence or registration certificate.
///
/// ```
/// use app::domain::UnitName;
/// let n = UnitName::parse("南京某某科技有限公司(江宁分公司)").unwrap().value;
/// assert_eq!(n.as_str(), "南京某某科技有限公司（江宁分公司）");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UnitName(String);

impl UnitName {
    pub fn parse(input: &str) -> Result<Checked<UnitName>, Issue> {
        let s = text::squeeze(&text::to_half_width(input));
        if s.is_empty() {
            return Err(REQUIRED);
        }
        if text::has_markup_or_control(&s) {
            return Err(Issue::new("unit_name.chars", "单位名称含有不允许的字符", "The unit name has characters that are not allowed"));
        }
        // Licences print brackets full-width; the same unit typed either way is one unit.
        let s: String = if s.chars().any(text::is_cjk) {
            s.chars().map(|c| match c { '(' => '（', ')' => '）', _ => c }).collect()
        } else {
            s
        };
        let len = s.chars().count();
        if !(4..=100).contains(&len) {
            return Err(Issue::new("unit_name.length", "单位名称应为 4–100 个字", "A unit name has 4 to 100 characters"));
        }
        if !s.chars().any(|c| text::is_cjk(c) || c.is_alphabetic()) {
            return Err(Issue::new("unit_name.chars", "单位名称含有不允许的字符", "The unit name has characters that are not allowed"));
        }
        Ok(Checked::clean(UnitName(s)))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn person_names() {
        let ok = ["张三", "欧阳娜娜", "阿依古丽·买买提", "John Smith", "O'Neil-Brown", "𠮷野"];
        for name in ok {
            assert!(PersonName::parse(name).is_ok(), "{name}");
        }
        let bad = [
            ("张", "name.length"), ("张3", "name.digits"), ("张三<b>", "name.chars"), ("张 Smith", "name.chars"),
            ("·张三", "name.dots"), ("张··三", "name.dots"), ("张三😀", "name.chars"), ("", "required"),
        ];
        for (name, code) in bad {
            assert_eq!(PersonName::parse(name).unwrap_err().code, code, "{name}");
        }
    }

    #[test]
    fn unit_names() {
        assert!(UnitName::parse("江苏省南京市某某街道社区卫生服务中心").is_ok());
        assert!(UnitName::parse("ACME (China) Co., Ltd.").is_ok());
        assert_eq!(UnitName::parse("某厂").unwrap_err().code, "unit_name.length");
        assert_eq!(UnitName::parse("某某<script>公司").unwrap_err().code, "unit_name.chars");
        assert_eq!(UnitName::parse("1234").unwrap_err().code, "unit_name.chars");
    }

    proptest! {
        #[test]
        fn no_input_panics(input in ".{0,80}") {
            let _ = PersonName::parse(&input);
            let _ = UnitName::parse(&input);
        }
    }
}
