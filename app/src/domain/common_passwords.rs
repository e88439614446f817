//! Passwords people choose most often that still have letters and digits (so the letters-and-
//! digits rule alone would let them through): common English-language choices and the
//! favourites seen in Chinese password leaks (pinyin, 520/1314 "I love you (forever)", qq, …).

/// Lower-case; compared case-insensitively.
const LIST: &[&str] = &[
    "a123456", "a1234567", "a12345678", "a123456789", "a111111", "a000000", "a123123", "aa123456",
    "aaa111", "aaa123", "abc123", "abc1234", "abc12345", "abc123456", "abc123456789", "abcd1234",
    "abcd123456", "abc123abc", "a1b2c3d4", "a1b2c3d4e5", "admin123", "admin1234", "admin888",
    "root123", "root1234", "test123", "test1234", "password1", "password12", "password123",
    "passw0rd", "p@ssw0rd", "p@ssword1", "pass1234", "qwe123", "qwe123456", "qwer1234",
    "qwerty123", "qwerty1", "qweasd123", "1qaz2wsx", "1qaz2wsx3edc", "1q2w3e4r", "1q2w3e4r5t",
    "1q2w3e", "q1w2e3r4", "q1w2e3r4t5", "qaz123", "qazwsx123", "zxc123", "zxc123456",
    "zxcv1234", "asd123", "asd123456", "asdf1234", "asdfgh123", "iloveyou1", "iloveyou2",
    "woaini1314", "woaini520", "woaini123", "woaini521", "5201314a", "a5201314", "1314520a",
    "a1314520", "love1314", "love520", "qq123456", "qq5201314", "qq111111", "wang123456",
    "zhang123456", "li123456", "liu123456", "chen123456", "yang123456", "huang123456",
    "zhao123456", "wu123456", "zhou123456", "woaini", "baobao123", "baobei123", "nihao123",
    "aini1314", "7758521a", "a7758521", "shebao123", "shebao2024", "jiangsu123", "nanjing123",
    "china123", "china2008", "beijing2008", "welcome1", "monkey123", "dragon123", "master123",
    "sunshine1", "football1", "superman1", "letmein1", "hello123", "hello1234", "abc12345678",
    "1a2b3c4d", "123456a", "1234567a", "12345678a", "123456789a", "123456aa", "123456abc",
    "123abc", "123qwe", "123qweasd", "123456qq", "111111a", "000000a", "888888a", "666666a",
];

/// Whether `password` is on the list (ignoring case).
pub fn is_common(password: &str) -> bool {
    let lower = password.to_ascii_lowercase();
    LIST.contains(&lower.as_str())
}
