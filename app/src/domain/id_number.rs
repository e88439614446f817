//! 居民身份证号码 — the resident identity card number (GB 11643-1999), and the numbers that
//! share its form: residence permits for Hong Kong, Macao and Taiwan residents (81/82/83) and
//! the 2023 foreigner's permanent residence ID (9…).

use super::{divisions, text, Checked, Date, Issue, REQUIRED};

/// ISO 7064 MOD 11-2 weights of the first 17 digits.
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/// Check character for each `sum mod 11`.
const CHECK: &[u8; 11] = b"10X98765432";
/// The earliest plausible birth date.
const EARLIEST_BIRTH: Date = Date { year: 1900, month: 1, day: 1 };

/// What kind of document the number belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdKind {
    Resident,
    HongKongResidencePermit,
    MacaoResidencePermit,
    TaiwanResidencePermit,
    ForeignPermanentResident,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sex {
    Male,
    Female,
}

/// A valid 18-character ID number (legacy 15-digit numbers are upgraded on parsing).
///
/// ```
/// use app::domain::{Date, IdNumber, Sex};
/// let today = Date::new(2026, 11, 22).unwrap();
/// // The example printed in GB 11643-1999 itself.
/// let id = IdNumber::parse("11010519491231002x", today).unwrap().value;
/// assert_eq!(id.as_str(), "11010519491231002X");
/// assert_eq!(id.birth_date(), Date::new(1949, 12, 31).unwrap());
/// assert_eq!(id.sex(), Sex::Female);
/// assert_eq!(id.region().as_deref(), Some("北京市朝阳区"));
/// assert_eq!(id.masked(), "1101**********002X");
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct IdNumber(String);

/// The check character for the first 17 digits (ASCII digits only).
pub fn check_char(first17: &[u8]) -> u8 {
    let sum: u32 = first17.iter().zip(WEIGHTS).map(|(d, w)| u32::from(d - b'0') * w).sum();
    CHECK[(sum % 11) as usize]
}

impl IdNumber {
    /// Normalises `input` (trim, full-width to half-width, spaces and dashes out, `x` to `X`)
    /// and checks it. `today` bounds the birth date.
    pub fn parse(input: &str, today: Date) -> Result<Checked<IdNumber>, Issue> {
        let s = text::identifier(input);
        if s.is_empty() {
            return Err(REQUIRED);
        }
        let b = s.as_bytes();
        let digits_then_check = b.iter().enumerate().all(|(i, &c)| c.is_ascii_digit() || (c == b'X' && i == b.len() - 1));
        if !digits_then_check {
            return Err(Issue::new(
                "id_number.chars",
                "身份证号码只能由数字组成，最后一位可以是 X",
                "An ID number has only digits; the last character may be X",
            ));
        }
        let mut warnings = Vec::new();
        let full = match b.len() {
            18 => s,
            15 if !s.ends_with('X') => {
                let mut up = format!("{}19{}", &s[..6], &s[6..]);
                up.push(char::from(check_char(up.as_bytes())));
                warnings.push(Issue::formatted(
                    "id_number.upgraded",
                    format!("15 位旧号码已升级为 18 位：{up}"),
                    format!("The old 15-digit number was upgraded to 18 digits: {up}"),
                ));
                up
            }
            n => {
                return Err(Issue::formatted(
                    "id_number.length",
                    format!("身份证号码应为 18 位（旧证 15 位），您输入了 {n} 位"),
                    format!("An ID number has 18 characters (old cards 15); this has {n}"),
                ))
            }
        };
        let id = IdNumber(full);
        id.check_region(&mut warnings)?;
        id.check_birth(today)?;
        if check_char(&id.0.as_bytes()[..17]) != id.0.as_bytes()[17] {
            return Err(Issue::new(
                "id_number.checksum",
                "身份证号码校验位不符，请逐位核对",
                "The ID number's check character does not match; check each digit",
            ));
        }
        Ok(Checked { value: id, warnings })
    }

    fn check_region(&self, warnings: &mut Vec<Issue>) -> Result<(), Issue> {
        let bad_province = || {
            Issue::new("id_number.region", "身份证号码前两位不是有效的省级代码", "The first two digits are not a province code")
        };
        match self.kind() {
            IdKind::ForeignPermanentResident => {
                // 9 + the issuing province's two digits + a nationality code.
                let province: u32 = self.0[1..3].parse().unwrap_or(0) * 10_000;
                if !divisions::is_province(province) {
                    return Err(bad_province());
                }
            }
            IdKind::Resident => {
                let code = self.address_code();
                if !divisions::is_province(code / 10_000 * 10_000) {
                    return Err(bad_province());
                }
                if !divisions::is_known(code) {
                    warnings.push(Issue::formatted(
                        "id_number.region_unknown",
                        format!("地址码 {code} 不在现行区划表中（旧证上的地址码仍然有效），请核对"),
                        format!("Address code {code} is not in the current division list (old codes stay valid); please double-check"),
                    ));
                }
            }
            _ if !self.address_code().is_multiple_of(10_000) => {
                return Err(Issue::new(
                    "id_number.permit_region",
                    "港澳台居民居住证号码以 810000、820000 或 830000 开头",
                    "Residence permit numbers start with 810000, 820000 or 830000",
                ));
            }
            _ => {}
        }
        Ok(())
    }

    fn check_birth(&self, today: Date) -> Result<(), Issue> {
        let digits = &self.0[6..14];
        let Some(born) = Date::from_digits(digits) else {
            return Err(Issue::formatted(
                "id_number.birth_date",
                format!("号码中的出生日期 {digits} 不是有效日期"),
                format!("The birth date in the number, {digits}, is not a real date"),
            ));
        };
        if born > today {
            return Err(Issue::formatted(
                "id_number.birth_future",
                format!("号码中的出生日期 {born} 晚于今天"),
                format!("The birth date in the number, {born}, is in the future"),
            ));
        }
        if born < EARLIEST_BIRTH {
            return Err(Issue::formatted(
                "id_number.birth_too_early",
                format!("号码中的出生日期 {born} 早于 1900 年"),
                format!("The birth date in the number, {born}, is before 1900"),
            ));
        }
        Ok(())
    }

    /// The 18 characters.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn kind(&self) -> IdKind {
        match &self.0[..2] {
            "81" => IdKind::HongKongResidencePermit,
            "82" => IdKind::MacaoResidencePermit,
            "83" => IdKind::TaiwanResidencePermit,
            p if p.starts_with('9') => IdKind::ForeignPermanentResident,
            _ => IdKind::Resident,
        }
    }

    /// The six-digit address code (for a foreigner's ID, the issuing province and nationality).
    pub fn address_code(&self) -> u32 {
        self.0[..6].parse().unwrap_or(0)
    }

    pub fn birth_date(&self) -> Date {
        Date::from_digits(&self.0[6..14]).expect("checked when parsed")
    }

    /// Odd sequence digit: male; even: female.
    pub fn sex(&self) -> Sex {
        if (self.0.as_bytes()[16] - b'0') % 2 == 1 { Sex::Male } else { Sex::Female }
    }

    /// The region named by the address code, when the division table knows it.
    pub fn region(&self) -> Option<String> {
        match self.kind() {
            IdKind::Resident => divisions::full_name(self.address_code()),
            IdKind::ForeignPermanentResident => divisions::full_name(self.0[1..3].parse::<u32>().ok()? * 10_000),
            _ => divisions::name(self.address_code()).map(str::to_owned),
        }
    }

    /// For screens: the first four and last four characters (`3201**********1234`).
    pub fn masked(&self) -> String {
        format!("{}**********{}", &self.0[..4], &self.0[14..])
    }

    /// A stored number as screens, reports and vouchers show it: [`IdNumber::masked`], or all
    /// stars for text that is not a valid number (nothing of it is shown).
    ///
    /// ```
    /// use app::domain::{Date, IdNumber};
    /// let today = Date::new(2026, 12, 4).unwrap();
    /// assert_eq!(IdNumber::mask("11010519491231002X", today), "1101**********002X");
    /// assert_eq!(IdNumber::mask("110105194912310021", today), "******");
    /// ```
    pub fn mask(text: &str, today: Date) -> String {
        IdNumber::parse(text, today).map(|c| c.value.masked()).unwrap_or_else(|_| "******".into())
    }
}

impl std::fmt::Debug for IdNumber {
    /// Masked too: `{:?}` in a log line must not leak the number either.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "IdNumber({})", self.masked())
    }
}

impl std::fmt::Display for IdNumber {
    /// Masked: an ID number is never printed whole by accident.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.masked())
    }
}

#[cfg(test)]
#[path = "id_number_tests.rs"]
mod tests;
