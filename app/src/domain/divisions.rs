//! Administrative divisions (GB/T 2260, county level and above, as of 2024-12-31): names for
//! codes, and the tree for the division picker. Old and abolished codes are not here; a code
//! missing from this table is not wrong by itself (ID cards keep their birth-time codes).

use std::sync::OnceLock;

/// `delta name` lines made by `build.rs` from `app/data/divisions.csv`.
static COMPACT: &str = include_str!(concat!(env!("OUT_DIR"), "/divisions.txt"));

fn table() -> &'static [(u32, &'static str)] {
    static TABLE: OnceLock<Vec<(u32, &'static str)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut code = 0u32;
        COMPACT
            .lines()
            .map(|line| {
                let split = line.find(|c: char| !c.is_ascii_digit()).unwrap_or(line.len());
                code += line[..split].parse::<u32>().unwrap_or(0);
                (code, &line[split..])
            })
            .collect()
    })
}

/// The name of a division (`320102` → `玄武区`).
///
/// ```
/// use app::domain::divisions;
/// assert_eq!(divisions::name(320102), Some("玄武区"));
/// assert_eq!(divisions::name(320199), None);
/// ```
pub fn name(code: u32) -> Option<&'static str> {
    let t = table();
    t.binary_search_by_key(&code, |&(c, _)| c).ok().map(|i| t[i].1)
}

pub fn is_known(code: u32) -> bool {
    name(code).is_some()
}

/// A province-level code (`320000`).
pub fn is_province(code: u32) -> bool {
    code.is_multiple_of(10_000) && is_known(code)
}

/// The division above `code`: its prefecture (`XXYY00`) when that exists, else its province.
/// Municipality districts and province-administered cities hang under the province.
///
/// ```
/// use app::domain::divisions;
/// assert_eq!(divisions::parent(320102), Some(320100));
/// assert_eq!(divisions::parent(110105), Some(110000));
/// assert_eq!(divisions::parent(320000), None);
/// ```
pub fn parent(code: u32) -> Option<u32> {
    if code.is_multiple_of(10_000) {
        return None;
    }
    let prefecture = code / 100 * 100;
    if prefecture != code && is_known(prefecture) {
        Some(prefecture)
    } else {
        Some(code / 10_000 * 10_000)
    }
}

/// The divisions directly under `parent` (`None`: the provinces), in code order.
pub fn children(parent_code: Option<u32>) -> Vec<(u32, &'static str)> {
    table()
        .iter()
        .filter(|&&(c, _)| parent(c) == parent_code)
        .copied()
        .collect()
}

/// The full name from the province down (`江苏省南京市玄武区`), when `code` is known; for a
/// code missing from the table, the names of its known ancestors.
///
/// ```
/// use app::domain::divisions;
/// assert_eq!(divisions::full_name(320102).as_deref(), Some("江苏省南京市玄武区"));
/// assert_eq!(divisions::full_name(110105).as_deref(), Some("北京市朝阳区"));
/// assert_eq!(divisions::full_name(320101).as_deref(), Some("江苏省南京市"));
/// ```
pub fn full_name(code: u32) -> Option<String> {
    let province = code / 10_000 * 10_000;
    let prefecture = code / 100 * 100;
    let mut out = String::from(name(province)?);
    if prefecture != province {
        if let Some(p) = name(prefecture) {
            out.push_str(p);
        }
    }
    if code != prefecture {
        if let Some(c) = name(code) {
            out.push_str(c);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_whole_table_decodes() {
        let t = table();
        assert_eq!(t.len(), 3213);
        assert_eq!(t.first(), Some(&(110000, "北京市")));
        assert!(t.windows(2).all(|w| w[0].0 < w[1].0), "sorted, no duplicates");
        assert_eq!(t.iter().filter(|(c, _)| c % 10_000 == 0).count(), 34);
    }

    #[test]
    fn the_tree_matches_the_source_file() {
        // The CSV's parent_code column was derived by the same rule; check every row against it.
        let csv = include_str!("../../data/divisions.csv");
        for line in csv.lines().skip(1) {
            let cols: Vec<&str> = line.split(',').collect();
            let code: u32 = cols[0].parse().unwrap();
            let expected = cols[2].parse::<u32>().ok();
            assert_eq!(parent(code), expected, "parent of {code}");
            assert_eq!(name(code), Some(cols[1]));
        }
    }

    #[test]
    fn jiangsu_has_its_thirteen_cities() {
        let cities = children(Some(320000));
        assert_eq!(cities.len(), 13);
        assert_eq!(cities[0], (320100, "南京市"));
        assert!(children(None).iter().any(|&(c, n)| c == 810000 && n.contains("香港")));
    }
}
