//! Money, exactly: amounts are integer fen (分), rates integer basis points (万分之一).
//! **The rounding rule lives here and only here:** a contribution is rounded half up to the
//! fen (四舍五入到分).

use serde::{Deserialize, Serialize};

use super::{text, Checked, Issue, REQUIRED};

/// An amount of money in fen (1 元 = 100 分).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Fen(pub i64);

/// A rate in basis points: 800 = 8 %.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct BasisPoints(pub u32);

/// The largest amount a form accepts: 100 million 元.
const MAX_FEN: i64 = 10_000_000_000;

impl Fen {
    /// Parses an amount in 元 as typed: `4879`, `4,879.5`, `４８７９.００元`, `¥4879`.
    ///
    /// ```
    /// use app::domain::Fen;
    /// assert_eq!(Fen::parse_yuan("4,879.5").unwrap().value, Fen(487_950));
    /// assert_eq!(Fen::parse_yuan("¥24396元").unwrap().value, Fen(2_439_600));
    /// assert!(Fen::parse_yuan("12.345").is_err());
    /// ```
    pub fn parse_yuan(input: &str) -> Result<Checked<Fen>, Issue> {
        let s: String = text::to_half_width(input)
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, ',' | '¥' | '￥' | '元'))
            .collect();
        if s.is_empty() {
            return Err(REQUIRED);
        }
        let invalid = || Issue::new("money.format", "请输入金额（元），最多两位小数", "Enter an amount in yuan, with at most two decimals");
        let (whole, frac) = s.split_once('.').unwrap_or((&s, ""));
        let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || whole.len() > 12 || !digits(whole) || frac.len() > 2 || !digits(frac) {
            return Err(invalid());
        }
        let whole: i64 = whole.parse().map_err(|_| invalid())?;
        let frac: i64 = format!("{frac:0<2}").parse().map_err(|_| invalid())?;
        let fen = whole * 100 + frac;
        if fen > MAX_FEN {
            return Err(invalid());
        }
        Ok(Checked::clean(Fen(fen)))
    }

    /// Exact yuan without grouping, as files carry it: `-1234` → `-12.34`.
    ///
    /// ```
    /// use app::domain::Fen;
    /// assert_eq!(Fen(0).decimal(), "0.00");
    /// assert_eq!(Fen(5).decimal(), "0.05");
    /// assert_eq!(Fen(-1234).decimal(), "-12.34");
    /// assert_eq!(Fen(i64::MIN).decimal(), "-92233720368547758.08");
    /// ```
    pub fn decimal(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.unsigned_abs();
        format!("{sign}{}.{:02}", a / 100, a % 100)
    }

    /// `4,879.00`.
    pub fn yuan(self) -> String {
        let (sign, v) = if self.0 < 0 { ("-", -self.0) } else { ("", self.0) };
        let whole = (v / 100).to_string();
        let mut grouped = String::new();
        for (i, c) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(c);
        }
        format!("{sign}{grouped}.{:02}", v % 100)
    }

    /// `base × rate`, rounded half up to the fen — the one rounding rule.
    ///
    /// ```
    /// use app::domain::{BasisPoints, Fen};
    /// // 8 % of 4,879.00 元 is 390.32 元.
    /// assert_eq!(Fen(487_900).times(BasisPoints(800)), Fen(39_032));
    /// // 0.5 % of 4,879.01 元 is 24.39505 元 → 24.40 元.
    /// assert_eq!(Fen(487_901).times(BasisPoints(50)), Fen(2_440));
    /// ```
    pub fn times(self, rate: BasisPoints) -> Fen {
        let product = i128::from(self.0) * i128::from(rate.0);
        Fen(((product + 5_000) / 10_000) as i64)
    }
}

impl BasisPoints {
    /// `8 %`, `0.5 %`.
    pub fn percent(self) -> String {
        let (whole, frac) = (self.0 / 100, self.0 % 100);
        if frac == 0 {
            format!("{whole}%")
        } else {
            format!("{whole}.{}%", format!("{frac:02}").trim_end_matches('0'))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn formatting() {
        assert_eq!(Fen(2_439_600).yuan(), "24,396.00");
        assert_eq!(Fen(5).yuan(), "0.05");
        assert_eq!(Fen(100_000_000).yuan(), "1,000,000.00");
        assert_eq!(BasisPoints(50).percent(), "0.5%");
        assert_eq!(BasisPoints(1600).percent(), "16%");
        assert_eq!(BasisPoints(190).percent(), "1.9%");
    }

    #[test]
    fn bad_amounts() {
        for bad in ["-1", "1.234", "abc", "1e5", ".5", "1..2", "9999999999999"] {
            assert!(Fen::parse_yuan(bad).is_err(), "{bad}");
        }
    }

    proptest! {
        #[test]
        fn yuan_round_trips(fen in 0i64..MAX_FEN) {
            let shown = Fen(fen).yuan();
            prop_assert_eq!(Fen::parse_yuan(&shown).unwrap().value, Fen(fen));
        }

        #[test]
        fn rounding_is_half_up_and_exact(fen in 0i64..MAX_FEN, bp in 0u32..10_000) {
            let exact = i128::from(fen) * i128::from(bp);
            let rounded = i128::from(Fen(fen).times(BasisPoints(bp)).0) * 10_000;
            prop_assert!(rounded - exact <= 5_000 && exact - rounded < 5_000);
        }
    }
}
