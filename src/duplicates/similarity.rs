//! Closeness of centre names: the name's core (province, national or city prefix and platform
//! suffix removed), compared by shared character bigrams (Dice coefficient). Pure string functions.

use std::collections::HashSet;
use std::sync::LazyLock;

use super::identity::normalize_text;
use crate::validate::divisions;

/// Platform suffixes removed before comparing names, longest first.
const SUFFIXES: &[&str] = &[
    "临床医学研究中心",
    "工程技术研究中心",
    "技术创新中心",
    "工程研究中心",
    "重点实验室",
    "创新中心",
    "研究中心",
    "中试基地",
    "实验室",
];

/// The distinctive part of a centre name: "山西省煤基碳材料技术创新中心" → "煤基碳材料".
pub fn core_name(name: &str) -> String {
    let mut s = normalize_text(name);
    for prefix in ["山西省", "山西", "国家"] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest.to_string();
            break;
        }
    }
    // A city prefix such as "吕梁市" / "孝义市": a city of the division table, not any 市 near the
    // start ("智慧城市" is the name itself).
    if let Some(pos) = s.chars().take(5).position(|c| c == '市') {
        let prefix: String = s.chars().take(pos + 1).collect();
        let rest: String = s.chars().skip(pos + 1).collect();
        if !rest.is_empty() && is_city(&prefix) {
            s = rest;
        }
    }
    for suffix in SUFFIXES {
        if let Some(rest) = s.strip_suffix(suffix) {
            if !rest.is_empty() {
                s = rest.to_string();
            }
            break;
        }
    }
    if s.is_empty() {
        normalize_text(name)
    } else {
        s
    }
}

/// Whether `name` is a city of the GB/T 2260 table ("太原市", "孝义市"), current or former.
fn is_city(name: &str) -> bool {
    static CITIES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
        divisions::all_codes()
            .filter_map(divisions::division)
            .map(|d| d.name)
            .filter(|n| n.ends_with('市'))
            .collect()
    });
    CITIES.contains(name)
}

/// Sorted, distinct character bigrams (a one-character text is its own "bigram").
pub fn bigrams(s: &str) -> Vec<(char, char)> {
    let chars: Vec<char> = s.chars().collect();
    // An empty text has no window of two, hence no bigram.
    let mut out: Vec<(char, char)> = match chars.as_slice() {
        [one] => vec![(*one, '\0')],
        _ => chars.windows(2).map(|w| (w[0], w[1])).collect(),
    };
    out.sort_unstable();
    out.dedup();
    out
}

/// Number of shared elements of two sorted, distinct lists.
pub fn shared(a: &[(char, char)], b: &[(char, char)]) -> usize {
    a.iter().filter(|x| b.binary_search(x).is_ok()).count()
}

/// Dice coefficient of two bigram lists, 0–1 (0 for two empty lists).
pub fn dice(a: &[(char, char)], b: &[(char, char)]) -> f64 {
    let total = a.len() + b.len();
    if total == 0 {
        return 0.0;
    }
    2.0 * shared(a, b) as f64 / total as f64
}

/// Similarity of two centre names, 0–1.
pub fn name_similarity(a: &str, b: &str) -> f64 {
    dice(&bigrams(&core_name(a)), &bigrams(&core_name(b)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cores() {
        assert_eq!(core_name("山西省煤基碳材料技术创新中心"), "煤基碳材料");
        assert_eq!(core_name("吕梁市氢能中试基地"), "氢能");
        assert_eq!(core_name("山西省重点实验室"), "重点实验室");
        assert_eq!(core_name(""), "");
    }

    #[test]
    fn similarity() {
        assert!(
            (name_similarity("山西省煤基碳材料技术创新中心", "山西省煤基碳材料重点实验室") - 1.0).abs()
                < 1e-9
        );
        assert!(name_similarity("山西省煤基碳材料技术创新中心", "山西省智能制造技术创新中心") < 0.1);
        assert_eq!(name_similarity("", "x"), 0.0);
    }

    /// The province (with or without 省), the national level and a city of the division table
    /// are not part of the core; any other 市 belongs to the name.
    #[test]
    fn region_prefixes_are_removed_and_a_later_shi_is_kept() {
        assert_eq!(core_name("山西煤基碳材料技术创新中心"), "煤基碳材料");
        assert_eq!(core_name("国家生物制造技术创新中心"), "生物制造");
        assert_eq!(core_name("太原市氢能中试基地"), "氢能");
        assert_eq!(core_name("山西省太原市氢能中试基地"), "氢能");
        assert_eq!(core_name("山西省智慧城市技术创新中心"), "智慧城市");
        assert_eq!(core_name("山西省煤基碳材料城市技术创新中心"), "煤基碳材料城市");
    }

    /// A name that is only a region, or only a platform kind, keeps what it has rather than
    /// becoming empty (an empty core would make every such name "the same").
    #[test]
    fn a_name_without_a_distinctive_part_keeps_what_it_has() {
        assert_eq!(core_name("太原市"), "太原市");
        assert_eq!(core_name("太原市技术创新中心"), "技术创新中心");
        assert_eq!(core_name("技术创新中心"), "技术创新中心");
        assert_eq!(core_name("山西省"), "山西省");
    }

    /// The longest platform suffix is removed, and only one.
    #[test]
    fn the_longest_suffix_is_removed_once() {
        assert_eq!(core_name("山西省煤机工程技术研究中心"), "煤机");
        assert_eq!(core_name("山西省煤机研究中心实验室"), "煤机研究中心");
    }

    #[test]
    fn bigrams_are_sorted_and_distinct_and_a_single_character_is_its_own() {
        assert_eq!(bigrams(""), vec![]);
        assert_eq!(bigrams("镁"), vec![('镁', '\0')]);
        assert_eq!(bigrams("abab"), vec![('a', 'b'), ('b', 'a')]);
        assert_eq!(bigrams("cba"), vec![('b', 'a'), ('c', 'b')]);
    }

    #[test]
    fn shared_counts_the_common_elements_of_two_sorted_lists() {
        let a = bigrams("煤基碳材料");
        let b = bigrams("煤基碳材料装备");
        assert_eq!(shared(&a, &b), 4);
        assert_eq!(shared(&b, &a), 4);
        assert_eq!(shared(&a, &bigrams("智能制造")), 0);
        assert_eq!(shared(&bigrams("ace"), &bigrams("bce")), 1);
        assert_eq!(shared(&a, &[]), 0);
    }

    /// Dice: twice the shared bigrams over the bigrams of both, exactly.
    #[test]
    fn dice_is_twice_the_shared_over_the_total() {
        let a = bigrams("煤基碳材料");
        let b = bigrams("煤基碳材料装备");
        assert_eq!(dice(&a, &b), 0.8);
        assert_eq!(dice(&a, &a), 1.0);
        assert_eq!(dice(&bigrams("ab"), &bigrams("bc")), 0.0);
        assert_eq!(dice(&[], &a), 0.0);
        assert_eq!(dice(&[], &[]), 0.0);
        assert_eq!(name_similarity("山西省煤基碳材料技术创新中心", "山西省煤基碳材料装备技术创新中心"), 0.8);
    }
}
