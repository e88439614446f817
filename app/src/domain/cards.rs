//! The cards a person's benefits are paid through: the bank card (银行卡号, 12–19 digits ending in
//! a Luhn check digit, ISO/IEC 7812-1) and the social security card's number (社会保障卡卡号, 9
//! letters and digits as printed on the card). Both are checked on the device as typed and by
//! the server; both are masked wherever they are shown.

use super::{text, Checked, Issue, REQUIRED};

/// The Luhn check (ISO/IEC 7812-1): from the right, every second digit doubled.
///
/// ```
/// use app::domain::cards::luhn_ok;
/// assert!(luhn_ok("6222020200112233446"));
/// assert!(!luhn_ok("6222020200112233447"));
/// ```
pub fn luhn_ok(digits: &str) -> bool {
    let mut sum = 0u32;
    for (i, b) in digits.bytes().rev().enumerate() {
        let Some(d) = (b as char).to_digit(10) else { return false };
        sum += if !i.is_multiple_of(2) { if d * 2 > 9 { d * 2 - 9 } else { d * 2 } } else { d };
    }
    !digits.is_empty() && sum.is_multiple_of(10)
}

/// A bank card number.
///
/// ```
/// use app::domain::cards::BankCard;
/// let c = BankCard::parse("6222 0202 0011 2233 446").unwrap().value;
/// assert_eq!(c.as_str(), "6222020200112233446");
/// assert_eq!(c.masked(), "622202*********3446");
/// assert_eq!(BankCard::parse("6222020200112233447").unwrap_err().code, "bank_card.check");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct BankCard(String);

impl BankCard {
    /// Spaces and dashes are ignored; full-width digits are taken.
    pub fn parse(input: &str) -> Result<Checked<BankCard>, Issue> {
        let digits: String = text::to_half_width(input).chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
        if digits.is_empty() {
            return Err(REQUIRED);
        }
        if !(12..=19).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Issue::new("bank_card.format", "银行卡号应为 12–19 位数字", "A bank card number has 12 to 19 digits"));
        }
        if !luhn_ok(&digits) {
            return Err(Issue::new("bank_card.check", "银行卡号校验位不符，请核对卡面号码", "The card number's check digit does not match: check it against the card"));
        }
        Ok(Checked::clean(BankCard(digits)))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The first six (the issuer) and the last four digits.
    pub fn masked(&self) -> String {
        format!("{}{}{}", &self.0[..6], "*".repeat(self.0.len() - 10), &self.0[self.0.len() - 4..])
    }
}

impl std::fmt::Debug for BankCard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "BankCard({})", self.masked())
    }
}

/// A social security card's number (社会保障卡卡号): 9 letters and digits, upper case.
///
/// ```
/// use app::domain::cards::SscNumber;
/// assert_eq!(SscNumber::parse(" a1234567 8").unwrap().value.as_str(), "A12345678");
/// assert_eq!(SscNumber::parse("A1234567").unwrap_err().code, "ssc_number.format");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct SscNumber(String);

impl SscNumber {
    pub fn parse(input: &str) -> Result<Checked<SscNumber>, Issue> {
        let s: String = text::to_half_width(input).chars().filter(|c| !c.is_whitespace()).map(|c| c.to_ascii_uppercase()).collect();
        if s.is_empty() {
            return Err(REQUIRED);
        }
        if s.len() != 9 || !s.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(Issue::new("ssc_number.format", "社会保障卡卡号应为 9 位字母或数字", "A social security card number has 9 letters or digits"));
        }
        Ok(Checked::clean(SscNumber(s)))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The first and the last two characters.
    pub fn masked(&self) -> String {
        format!("{}******{}", &self.0[..1], &self.0[7..])
    }
}

impl std::fmt::Debug for SscNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SscNumber({})", self.masked())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_single_digit_error_is_caught() {
        let good = "6222020200112233446";
        assert!(luhn_ok(good));
        for i in 0..good.len() {
            for d in b'0'..=b'9' {
                let mut b = good.as_bytes().to_vec();
                if b[i] == d {
                    continue;
                }
                b[i] = d;
                assert!(!luhn_ok(std::str::from_utf8(&b).unwrap()), "{i}: {d}");
            }
        }
    }

    #[test]
    fn full_width_and_separators() {
        assert_eq!(BankCard::parse("６２２２-0202-0011-2233-446").unwrap().value.as_str(), "6222020200112233446");
        assert_eq!(BankCard::parse("12345").unwrap_err().code, "bank_card.format");
        assert_eq!(BankCard::parse("").unwrap_err(), REQUIRED);
    }
}
