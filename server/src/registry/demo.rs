//! A deterministic demo registry: the same `n` realistic people every time — valid ID numbers
//! over real Jiangsu county-level division codes, birth dates 1950–2007, common surnames and
//! given names, mostly insured, each with a mobile number of their own (the development stand-in
//! for the carriers' real-name check knows it). Person `i` is the same person whatever `n` is.

use app::domain::id_number::check_char;
use app::domain::{divisions, Date};

/// One demo person: name, ID number, status, mobile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoPerson {
    pub name: String,
    pub id_number: String,
    pub status: &'static str,
    /// `150` followed by eight digits unique to the person (for `i` below 10^8).
    pub mobile: String,
}

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗",
    "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡",
    "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金",
    "欧阳", "司马",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞", "平",
    "刚", "桂", "英", "华", "玉", "萍", "红", "建", "国", "文", "辉", "力", "斌", "宇", "浩", "凯", "鹏", "晨", "欣", "怡",
    "佳", "雪", "琳", "婷", "倩", "颖", "嘉", "俊", "志", "海", "云", "峰", "梅", "兰", "春", "晓", "东", "亮", "鑫", "博",
];

/// Jiangsu's county-level divisions (codes ending in neither `0000` nor `00`).
fn jiangsu_counties() -> Vec<u32> {
    let mut out = Vec::new();
    for (city, _) in divisions::children(Some(320_000)) {
        out.extend(divisions::children(Some(city)).into_iter().map(|(c, _)| c));
    }
    out
}

/// 1950-01-01 in days since 1970-01-01, and the days from then to 2007-12-31.
const FIRST_DAY: i64 = -7305;
const DAYS: u64 = 21_184;

fn date_of_day(day: i64) -> Date {
    Date::china_from_unix_ms(day * 86_400_000)
}

/// SplitMix64: a tiny, well-mixed, deterministic generator.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 { a } else { gcd(b, a % b) }
}

/// Generates people `0..n`, all distinct.
pub struct Demo {
    counties: Vec<u32>,
    first_day: i64,
    days: u64,
    capacity: u64,
    step: u64,
}

impl Default for Demo {
    fn default() -> Self {
        Self::new()
    }
}

impl Demo {
    pub fn new() -> Self {
        let counties = jiangsu_counties();
        let (first_day, days) = (FIRST_DAY, DAYS);
        let capacity = counties.len() as u64 * days * 1000;
        // A step coprime with the capacity walks every (county, day, sequence) once, scattered.
        let mut step = 2_654_435_761 % capacity;
        while gcd(step, capacity) != 1 {
            step += 1;
        }
        Self { counties, first_day, days, capacity, step }
    }

    /// How many distinct people this generator can make.
    pub fn capacity(&self) -> u64 {
        self.capacity
    }

    /// Person `i`.
    pub fn person(&self, i: u64) -> DemoPerson {
        let slot = ((u128::from(i) * u128::from(self.step)) % u128::from(self.capacity)) as u64;
        let seq = slot % 1000;
        let day = (slot / 1000) % self.days;
        let county = self.counties[(slot / 1000 / self.days) as usize];
        let birth = date_of_day(self.first_day + day as i64);
        let mut id = format!("{county:06}{:04}{:02}{:02}{seq:03}", birth.year, birth.month, birth.day);
        id.push(char::from(check_char(id.as_bytes())));
        let r = mix(i);
        let surname = SURNAMES[(r % SURNAMES.len() as u64) as usize];
        let g1 = GIVEN[((r >> 16) % GIVEN.len() as u64) as usize];
        let name = if (r >> 32).is_multiple_of(3) {
            format!("{surname}{g1}")
        } else {
            format!("{surname}{g1}{}", GIVEN[((r >> 40) % GIVEN.len() as u64) as usize])
        };
        let status = match (r >> 48) % 100 {
            0..=89 => "insured",
            90..=96 => "suspended",
            _ => "uninsured",
        };
        DemoPerson { name, id_number: id, status, mobile: format!("150{:08}", i % 100_000_000) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::domain::{IdNumber, PersonName};

    #[test]
    fn demo_people_are_valid_distinct_jiangsu_residents_and_stable() {
        let demo = Demo::new();
        assert!(demo.counties.len() > 90, "Jiangsu has about 95 county-level divisions");
        let today = Date::new(2026, 11, 23).unwrap();
        let mut seen = std::collections::HashSet::new();
        for i in 0..20_000 {
            let p = demo.person(i);
            let id = IdNumber::parse(&p.id_number, today).unwrap_or_else(|e| panic!("{i}: {} {e:?}", p.id_number)).value;
            assert!(id.as_str().starts_with("32"));
            assert!(PersonName::parse(&p.name).is_ok(), "{}", p.name);
            assert!(app::domain::MobileNumber::parse(&p.mobile).is_ok(), "{}", p.mobile);
            assert!(seen.insert(p.id_number), "person {i} repeats an ID number");
        }
        assert_eq!(demo.person(12_345), Demo::new().person(12_345));
        assert!(demo.capacity() > 1_000_000_000);
        assert_eq!(date_of_day(FIRST_DAY), Date::new(1950, 1, 1).unwrap());
        assert_eq!(date_of_day(FIRST_DAY + DAYS as i64 - 1), Date::new(2007, 12, 31).unwrap());
    }
}
