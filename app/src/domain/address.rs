//! Addresses: a division from the table (down to the county) plus the detail (street, number).

use super::{divisions, text, Checked, Issue, REQUIRED};

/// A postal address in China.
///
/// ```
/// use app::domain::Address;
/// let a = Address::parse("320102", " 中山路  1 号 ").unwrap().value;
/// assert_eq!(a.full(), "江苏省南京市玄武区中山路 1 号");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    pub division: u32,
    pub detail: String,
}

impl Address {
    /// Checks the picked division (a code from the table) and the typed detail.
    pub fn parse(division: &str, detail: &str) -> Result<Checked<Address>, Issue> {
        let code = text::identifier(division);
        if code.is_empty() {
            return Err(REQUIRED);
        }
        let code: u32 = code.parse().ok().filter(|c| divisions::is_known(*c)).ok_or(Issue::new(
            "address.division",
            "请从列表中选择省、市、区县",
            "Choose the province, city and county from the list",
        ))?;
        let detail = text::squeeze(detail);
        let len = detail.chars().count();
        if len == 0 {
            return Err(Issue::new("address.detail_required", "请填写详细地址（街道、门牌号）", "Enter the street and number"));
        }
        if !(2..=120).contains(&len) || text::has_markup_or_control(&detail) {
            return Err(Issue::new(
                "address.detail",
                "详细地址应为 2–120 个字，且不含特殊符号",
                "The street address has 2 to 120 characters and no special symbols",
            ));
        }
        let mut warnings = Vec::new();
        if !divisions::children(Some(code)).is_empty() {
            warnings.push(Issue::new(
                "address.division_coarse",
                "建议选择到区县一级",
                "Choosing down to the county helps the agency",
            ));
        }
        Ok(Checked { value: Address { division: code, detail }, warnings })
    }

    /// Division names and detail in one line.
    pub fn full(&self) -> String {
        format!("{}{}", divisions::full_name(self.division).unwrap_or_default(), self.detail)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn division_and_detail() {
        assert_eq!(Address::parse("", "x").unwrap_err().code, "required");
        assert_eq!(Address::parse("329999", "中山路1号").unwrap_err().code, "address.division");
        assert_eq!(Address::parse("320102", " ").unwrap_err().code, "address.detail_required");
        assert_eq!(Address::parse("320102", "<b>1号</b>").unwrap_err().code, "address.detail");
        let coarse = Address::parse("320100", "中山路1号").unwrap();
        assert_eq!(coarse.warnings[0].code, "address.division_coarse");
        assert!(Address::parse("320102", "中山路1号").unwrap().warnings.is_empty());
    }
}
