//! Narrative similarity (一稿多报): per narrative section, the share of one text's character
//! 5-gram shingles (`crate::shingles`) found in another's, exactly; and the shared passages,
//! located in both original texts. Pure functions.

use serde::Serialize;
use ts_rs::TS;

pub use crate::shingles::Folded;
use crate::shingles::{hash, SHINGLE};

/// A passage both texts contain: char ranges `[start, end)` in each original text, and the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SharedPassage {
    pub first_start: usize,
    pub first_end: usize,
    pub second_start: usize,
    pub second_end: usize,
    /// The passage as written in the first text.
    pub text: String,
}

/// How much of `a` is found in `b`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Similarity {
    /// Share of `a`'s distinct shingles found in `b`, in whole percent (rounded down).
    pub percent: u32,
    pub passages: Vec<SharedPassage>,
}

/// Share of `a`'s shingles found in `b` (percent, rounded down) and the shared passages (runs of
/// consecutive shared shingles at consecutive places in `b`), longest first.
pub fn compare(a: &Folded, a_text: &str, b: &Folded) -> Similarity {
    if a.size() == 0 || b.size() == 0 {
        return Similarity { percent: 0, passages: Vec::new() };
    }
    let shared = a.hashes.iter().filter(|h| b.first.contains_key(h)).count();
    let percent = (shared * 100 / a.size()) as u32;
    let mut passages = Vec::new();
    let n = a.chars.len() + 1 - SHINGLE;
    let pos_in_b = |i: usize| b.first.get(&hash(&a.chars[i..i + SHINGLE])).copied();
    let mut i = 0;
    let original: Vec<char> = a_text.chars().collect();
    while i < n {
        let Some(start_b) = pos_in_b(i) else {
            i += 1;
            continue;
        };
        let mut j = i;
        while j + 1 < n && pos_in_b(j + 1) == Some(start_b + (j + 1 - i)) {
            j += 1;
        }
        let (fa, la) = (i, j + SHINGLE - 1);
        let (fb, lb) = (start_b, start_b + (j - i) + SHINGLE - 1);
        // Passages of at least two shingles' worth of text (shorter ones are common phrases).
        if la - fa + 1 >= 2 * SHINGLE {
            let (s, e) = (a.offsets[fa], a.offsets[la] + 1);
            passages.push(SharedPassage {
                first_start: s,
                first_end: e,
                second_start: b.offsets[fb],
                second_end: b.offsets[lb] + 1,
                text: original.get(s..e).map(|c| c.iter().collect()).unwrap_or_default(),
            });
        }
        i = j + 1;
    }
    passages.sort_by_key(|p| std::cmp::Reverse(p.first_end - p.first_start));
    Similarity { percent, passages }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_makes_full_width_spacing_and_punctuation_equal() {
        let a = Folded::new("面向煤基碳材料产业，开展ＡＢＣ关键技术攻关。");
        let b = Folded::new("面向 煤基碳材料产业 开展abc关键技术攻关");
        assert_eq!(a.chars, b.chars);
        assert_eq!(compare(&a, "", &b).percent, 100);
    }

    #[test]
    fn a_shared_passage_is_found_in_both_texts() {
        let shared = "突破中间相沥青基碳纤维连续化制备关键技术，建成千吨级中试线";
        let a_text = format!("本中心围绕氢能储运开展研究。{shared}。并培养青年人才。");
        let b_text = format!("我们的目标完全不同，聚焦于农业机械。{shared}！其余内容无关。");
        let (a, b) = (Folded::new(&a_text), Folded::new(&b_text));
        let s = compare(&a, &a_text, &b);
        assert!(s.percent > 20 && s.percent < 100, "{}", s.percent);
        let p = &s.passages[0];
        assert_eq!(p.text, shared);
        let b_chars: Vec<char> = b_text.chars().collect();
        assert_eq!(b_chars[p.second_start..p.second_end].iter().collect::<String>(), shared);
        assert_eq!(compare(&a, &a_text, &Folded::new("毫不相干的一段文字内容")).percent, 0);
    }

    /// A shared passage is shown from two shingles' worth of text (10 characters); a shorter run
    /// (a common phrase) is not.
    #[test]
    fn a_passage_is_shown_from_ten_shared_characters() {
        let passages = |shared: &str| {
            let a_text = format!("甲乙丙丁戊{shared}子丑寅卯辰");
            let b_text = format!("天地玄黄宇{shared}宙洪荒日月");
            let s = compare(&Folded::new(&a_text), &a_text, &Folded::new(&b_text));
            s.passages.into_iter().map(|p| (p.text, p.first_start, p.second_start)).collect::<Vec<_>>()
        };
        assert_eq!(passages("一二三四五六七八九十"), [("一二三四五六七八九十".to_string(), 5, 5)]);
        assert_eq!(passages("一二三四五六七八九"), []);
    }

    /// The longest shared passage comes first (the report prints the first three), wherever it
    /// stands in the text.
    #[test]
    fn the_longest_shared_passage_comes_first() {
        let long = "突破中间相沥青基碳纤维连续化制备关键技术";
        let short = "建成千吨级中试生产线";
        let a_text = format!("甲乙丙丁戊{long}子丑寅卯辰{short}巳午未申酉");
        let b_text = format!("{short}天地玄黄宇{long}宙洪荒日月");
        let s = compare(&Folded::new(&a_text), &a_text, &Folded::new(&b_text));
        let texts: Vec<&str> = s.passages.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, [long, short]);
    }

    /// A section shorter than one shingle ("见附件") shares nothing, on either side.
    #[test]
    fn a_text_shorter_than_a_shingle_shares_nothing() {
        let long = "见附件中的建设方案与实施计划";
        let (short, long_f) = (Folded::new("见附件"), Folded::new(long));
        assert_eq!(compare(&short, "见附件", &long_f), Similarity { percent: 0, passages: Vec::new() });
        assert_eq!(compare(&long_f, long, &short), Similarity { percent: 0, passages: Vec::new() });
    }
}
