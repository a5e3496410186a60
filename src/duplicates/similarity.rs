//! Closeness of centre names: the name's core (region prefix and platform suffix removed),
//! compared by shared character bigrams (Dice coefficient). Pure string functions.

use super::identity::normalize_text;

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
    for prefix in ["山西省", "山西"] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest.to_string();
            break;
        }
    }
    // A city prefix such as "吕梁市" / "太原市".
    if let Some(pos) = s.chars().take(5).position(|c| c == '市') {
        let rest: String = s.chars().skip(pos + 1).collect();
        if !rest.is_empty() {
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

/// Sorted, distinct character bigrams (a one-character text is its own "bigram").
pub fn bigrams(s: &str) -> Vec<(char, char)> {
    let chars: Vec<char> = s.chars().collect();
    let mut out: Vec<(char, char)> = match chars.len() {
        0 => Vec::new(),
        1 => vec![(chars[0], '\0')],
        _ => chars.windows(2).map(|w| (w[0], w[1])).collect(),
    };
    out.sort_unstable();
    out.dedup();
    out
}

/// Number of shared elements of two sorted, distinct lists.
pub fn shared(a: &[(char, char)], b: &[(char, char)]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Dice coefficient of two bigram lists, 0–1.
pub fn dice(a: &[(char, char)], b: &[(char, char)]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    2.0 * shared(a, b) as f64 / (a.len() + b.len()) as f64
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
}
