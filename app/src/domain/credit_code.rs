//! 统一社会信用代码 — the unified social credit code of organisations (GB 32100-2015):
//! registration authority (1), entity type (1), division (6), organisation code (9, GB 11714),
//! check character (1).

use super::{divisions, text, Checked, Issue, REQUIRED};

/// The code's alphabet: digits and capitals without I, O, S, V, Z (values 0–30).
pub const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/// GB 11714 weights of the organisation code's eight body characters.
const ORG_WEIGHTS: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];
/// Codes registered at national level use this division code.
const NATIONAL: u32 = 100_000;

/// Registration authorities and the entity types each may register (GB 32100 table 1).
const AUTHORITIES: &[(u8, &[u8], &str)] = &[
    (b'1', b"1239", "机构编制"),
    (b'2', b"19", "外交"),
    (b'3', b"12345679", "司法行政"),
    (b'4', b"19", "文化"),
    (b'5', b"1239", "民政"),
    (b'6', b"129", "旅游"),
    (b'7', b"129", "宗教"),
    (b'8', b"19", "工会"),
    (b'9', b"123", "市场监管"),
    (b'A', b"19", "中央军委改革和编制办公室"),
    (b'N', b"1239", "农业"),
    (b'Y', b"1", "其他"),
];

/// A valid unified social credit code.
///
/// ```
/// use app::domain::CreditCode;
/// // A real, published code (a Shenzhen company).
/// let code = CreditCode::parse("9144030071526726xg").unwrap().value;
/// assert_eq!(code.as_str(), "9144030071526726XG");
/// assert_eq!(code.division(), 440300);
/// assert!(code.is_individual_business() == false);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CreditCode(String);

fn value(c: u8) -> Option<u32> {
    ALPHABET.iter().position(|&a| a == c).map(|p| p as u32)
}

/// The check character for the first 17 characters (all from [`ALPHABET`]).
pub fn check_char(first17: &[u8]) -> u8 {
    let sum: u32 = first17.iter().zip(WEIGHTS).map(|(&c, w)| value(c).unwrap_or(0) * w).sum();
    ALPHABET[((31 - sum % 31) % 31) as usize]
}

/// The GB 11714 check character of an organisation code's eight body characters.
pub fn org_check_char(body: &[u8]) -> u8 {
    let v = |c: u8| if c.is_ascii_digit() { u32::from(c - b'0') } else { u32::from(c - b'A') + 10 };
    let sum: u32 = body.iter().zip(ORG_WEIGHTS).map(|(&c, w)| v(c) * w).sum();
    match 11 - sum % 11 {
        10 => b'X',
        11 => b'0',
        n => b'0' + n as u8,
    }
}

impl CreditCode {
    /// Normalises `input` (trim, full-width to half-width, spaces out, upper case) and checks it.
    pub fn parse(input: &str) -> Result<Checked<CreditCode>, Issue> {
        let s = text::identifier(input);
        if s.is_empty() {
            return Err(REQUIRED);
        }
        if let Some(bad) = s.chars().find(|c| !c.is_ascii() || value(*c as u8).is_none()) {
            return Err(Issue::formatted(
                "credit_code.chars",
                format!("统一社会信用代码不含字符“{bad}”（只有数字和除 I、O、S、V、Z 以外的大写字母）"),
                format!("A credit code cannot contain \u{201c}{bad}\u{201d} (only digits and capitals other than I, O, S, V, Z)"),
            ));
        }
        if s.len() != 18 {
            return Err(Issue::formatted(
                "credit_code.length",
                format!("统一社会信用代码应为 18 位，您输入了 {} 位", s.len()),
                format!("A credit code has 18 characters; this has {}", s.len()),
            ));
        }
        let b = s.as_bytes();
        if !b[2..8].iter().all(u8::is_ascii_digit) {
            return Err(Issue::new(
                "credit_code.division",
                "统一社会信用代码第 3–8 位应为行政区划代码（数字）",
                "Characters 3–8 of a credit code are a division code (digits)",
            ));
        }
        if check_char(&b[..17]) != b[17] {
            return Err(Issue::new(
                "credit_code.checksum",
                "统一社会信用代码校验位不符，请逐位核对",
                "The credit code's check character does not match; check each character",
            ));
        }
        let code = CreditCode(s);
        let warnings = code.structure_warnings();
        Ok(Checked { value: code, warnings })
    }

    /// Structure the checksum cannot vouch for. Warnings only: authorities add codes, and real,
    /// valid codes exist whose organisation-code check fails.
    fn structure_warnings(&self) -> Vec<Issue> {
        let b = self.0.as_bytes();
        let mut warnings = Vec::new();
        match AUTHORITIES.iter().find(|(a, _, _)| *a == b[0]) {
            None => warnings.push(Issue::new(
                "credit_code.authority_unknown",
                "第 1 位登记管理部门代码不在国家标准列表中，请核对",
                "The first character is not a registration authority in the standard; please double-check",
            )),
            Some((_, types, _)) if !types.contains(&b[1]) => warnings.push(Issue::new(
                "credit_code.type_unknown",
                "第 2 位机构类别与登记管理部门不匹配，请核对",
                "The second character is not an entity type of that authority; please double-check",
            )),
            Some(_) => {}
        }
        let division = self.division();
        if division != NATIONAL && !divisions::is_known(division) {
            warnings.push(Issue::formatted(
                "credit_code.division_unknown",
                format!("行政区划代码 {division} 不在现行区划表中，请核对"),
                format!("Division code {division} is not in the current list; please double-check"),
            ));
        }
        let org = &b[8..17];
        let org_ok = org[..8].iter().all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
            && org_check_char(&org[..8]) == org[8];
        if !org_ok {
            warnings.push(Issue::new(
                "credit_code.org_code",
                "其中的组织机构代码校验不符（部分有效代码如此），请与营业执照核对",
                "The embedded organisation code fails its check (some valid codes do); compare with the licence",
            ));
        }
        warnings
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The division code of the registering authority (characters 3–8).
    pub fn division(&self) -> u32 {
        self.0[2..8].parse().unwrap_or(0)
    }

    /// 个体工商户 (registered by market regulation as type 2): the operator is the legal
    /// representative and usually handles the unit's affairs in person.
    pub fn is_individual_business(&self) -> bool {
        self.0.starts_with("92")
    }
}

#[cfg(test)]
#[path = "credit_code_tests.rs"]
mod tests;
