//! Login passwords: 8–20 characters with letters and digits (the registration guide's rule),
//! not a common password, and not built from the person's own birth date, ID number or phone.

use super::{common_passwords, Checked, Date, Issue, REQUIRED};

/// A password that passed the rules. Never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(********)")
    }
}

/// What is known about the person, to refuse passwords made of it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Personal<'a> {
    pub birth: Option<Date>,
    pub id_number: Option<&'a str>,
    pub mobile: Option<&'a str>,
}

/// How many consecutive characters of an ID or phone number make a password "contain" it.
const RUN: usize = 6;

impl Password {
    /// Checks `input` (taken as typed: passwords are not normalised).
    ///
    /// ```
    /// use app::domain::{Date, Password, password::Personal};
    /// let me = Personal { birth: Date::new(1990, 3, 7), ..Default::default() };
    /// assert!(Password::parse("Lanmei#2024", &me).is_ok());
    /// assert_eq!(Password::parse("abc19900307", &me).unwrap_err().code, "password.birth_date");
    /// assert_eq!(Password::parse("a1234567", &me).unwrap_err().code, "password.common");
    /// ```
    pub fn parse(input: &str, me: &Personal) -> Result<Checked<Password>, Issue> {
        if input.is_empty() {
            return Err(REQUIRED);
        }
        let len = input.chars().count();
        if !(8..=20).contains(&len) {
            return Err(Issue::formatted(
                "password.length",
                format!("密码长度应为 8–20 位，当前 {len} 位"),
                format!("A password has 8 to 20 characters; this has {len}"),
            ));
        }
        if !input.chars().all(|c| c.is_ascii_graphic()) {
            return Err(Issue::new(
                "password.chars",
                "密码只能使用英文字母、数字和英文符号，不能有空格或中文",
                "Use only English letters, digits and symbols, without spaces",
            ));
        }
        if !input.chars().any(|c| c.is_ascii_alphabetic()) || !input.chars().any(|c| c.is_ascii_digit()) {
            return Err(Issue::new("password.classes", "密码须同时包含字母和数字", "A password needs both letters and digits"));
        }
        if common_passwords::is_common(input) {
            return Err(Issue::new("password.common", "这是常见密码，很容易被猜中，请换一个", "This is a common password that is easy to guess"));
        }
        if let Some(born) = me.birth {
            let y = born.digits();
            let forms = [y.clone(), y[2..].to_owned(), format!("{}{}", &y[4..], &y[..4])];
            if forms.iter().any(|f| input.contains(f.as_str())) {
                return Err(Issue::new("password.birth_date", "密码不能包含您的出生日期", "A password cannot contain your birth date"));
            }
        }
        if me.id_number.is_some_and(|id| contains_run_of(&input.to_ascii_uppercase(), id)) {
            return Err(Issue::new("password.id_number", "密码不能包含您的身份证号码片段", "A password cannot contain part of your ID number"));
        }
        if me.mobile.is_some_and(|m| contains_run_of(input, m)) {
            return Err(Issue::new("password.mobile", "密码不能包含您的手机号码片段", "A password cannot contain part of your phone number"));
        }
        Ok(Checked::clean(Password(input.to_owned())))
    }

    /// The password itself, for hashing. Nothing else should read it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// Whether `haystack` contains any `RUN` consecutive characters of `source`.
fn contains_run_of(haystack: &str, source: &str) -> bool {
    source.len() >= RUN && (0..=source.len() - RUN).any(|i| source.get(i..i + RUN).is_some_and(|part| haystack.contains(part)))
}

/// A hint for the form while typing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strength {
    Weak,
    Fair,
    Strong,
}

/// A quick estimate from length, variety and obvious patterns (runs like `abc`/`123`, repeats).
///
/// ```
/// use app::domain::password::{strength, Strength};
/// assert_eq!(strength("abc12345"), Strength::Weak);
/// assert_eq!(strength("Lanmei2024x"), Strength::Fair);
/// assert_eq!(strength("Lan-mei#2024!tea"), Strength::Strong);
/// ```
pub fn strength(input: &str) -> Strength {
    let classes = [
        input.chars().any(|c| c.is_ascii_lowercase()),
        input.chars().any(|c| c.is_ascii_uppercase()),
        input.chars().any(|c| c.is_ascii_digit()),
        input.chars().any(|c| c.is_ascii_punctuation()),
    ]
    .iter()
    .filter(|&&b| b)
    .count() as i32;
    let len = input.chars().count() as i32;
    let b = input.as_bytes();
    let patterned = b.windows(3).filter(|w| {
        let ascending = w[1] == w[0].wrapping_add(1) && w[2] == w[1].wrapping_add(1);
        let repeated = w[0] == w[1] && w[1] == w[2];
        ascending || repeated
    }).count() as i32;
    let score = classes + i32::from(len >= 10) + i32::from(len >= 14) - (patterned + 1) / 2
        - i32::from(common_passwords::is_common(input));
    match score {
        i32::MIN..=2 => Strength::Weak,
        3..=4 => Strength::Fair,
        _ => Strength::Strong,
    }
}

impl Strength {
    /// The hint shown under the password field.
    pub fn hint(self) -> Issue {
        match self {
            Strength::Weak => Issue::new("password.strength.weak", "强度：弱 — 加长密码，混用大小写字母和符号", "Strength: weak — make it longer and mix cases and symbols"),
            Strength::Fair => Issue::new("password.strength.fair", "强度：中", "Strength: fair"),
            Strength::Strong => Issue::new("password.strength.strong", "强度：强", "Strength: strong"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn me() -> Personal<'static> {
        Personal { birth: Date::new(1990, 3, 7), id_number: Some("320102199003071239"), mobile: Some("13800138000") }
    }

    #[test]
    fn the_rules_in_order() {
        let cases = [
            ("", "required"), ("a1b2c3", "password.length"), ("a1b2c3d4e5f6g7h8i9j0k", "password.length"),
            ("abc 12345", "password.chars"), ("密码abc12345", "password.chars"), ("abcdefgh", "password.classes"),
            ("12345678", "password.classes"), ("Password1", "password.common"), ("woaini1314", "password.common"),
            ("x900307yz1", "password.birth_date"), ("ab03071990", "password.birth_date"),
            ("abc071239x", "password.id_number"), ("zz071239zz", "password.id_number"),
            ("mob138000xy", "password.mobile"),
        ];
        for (pw, code) in cases {
            assert_eq!(Password::parse(pw, &me()).err().map(|e| e.code.into_owned()).as_deref(), Some(code), "{pw}");
        }
        assert!(Password::parse("Tea-garden7", &me()).is_ok());
    }

    #[test]
    fn the_password_is_never_printed() {
        let p = Password::parse("Tea-garden7", &me()).unwrap().value;
        assert_eq!(format!("{p:?}"), "Password(********)");
    }

    proptest! {
        #[test]
        fn no_input_panics(input in ".{0,30}") {
            let _ = Password::parse(&input, &me());
            let _ = strength(&input);
        }
    }
}
