//! Line breaking for Chinese text with 避头尾 (kinsoku): where a line may end, and how the
//! slack of a justified line is spread. Pure: widths come from a caller's function.

use std::ops::Range;

/// Characters that may not start a line (行首禁则).
pub const NO_LINE_START: &str = "，。、；：？！）」』》…”’〕】〉〗｝］,.;:?!)]}%·～‰℃";
/// Characters that may not end a line (行尾禁则).
pub const NO_LINE_END: &str = "（「『《“‘〔【〈〖｛［([{";

/// One broken line: a byte range of the paragraph, without surrounding spaces.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub range: Range<usize>,
    /// Natural width (sum of advances) of the characters in `range`.
    pub width: f32,
    /// The paragraph's last line (set flush left, not justified).
    pub last: bool,
}

/// Letters and digits of a Latin word or number, which are never split.
pub fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c, '.' | ',' | '-' | '_' | '/' | '%' | '@' | ':' | '+' | '#' | '&' | '\'')
        || (c.is_alphanumeric() && !is_cjk(c) && !c.is_whitespace())
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FFF | 0x3000..=0x303F | 0x3040..=0x30FF | 0x3100..=0x312F | 0x3190..=0x31FF
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF
        | 0x20000..=0x3FFFF)
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\u{3000}' || c == '\t'
}

/// Whether a line may break between `prev` and `next`.
pub fn may_break_between(prev: char, next: char) -> bool {
    if is_space(next) {
        return false; // spaces hang at the end of the line they follow
    }
    if is_space(prev) {
        return true;
    }
    if NO_LINE_START.contains(next) || NO_LINE_END.contains(prev) {
        return false;
    }
    if prev == next && matches!(prev, '…' | '—') {
        return false; // ……  and —— are one mark
    }
    // A Latin word or number stays whole, ASCII punctuation inside it included.
    !(is_word_char(prev) && is_word_char(next))
}

/// Breaks one paragraph (no newlines) into lines; the first line is `first_width` wide
/// (for an indent), the others `width`. Unbreakable runs longer than a line are cut.
pub fn break_lines(
    text: &str,
    first_width: f32,
    width: f32,
    mut advance: impl FnMut(char) -> f32,
) -> Vec<Line> {
    let chars: Vec<(usize, char, f32)> = text.char_indices().map(|(i, c)| (i, c, advance(c))).collect();
    let n = chars.len();
    let byte_at = |k: usize| if k < n { chars[k].0 } else { text.len() };
    let mut lines = Vec::new();
    let mut s = 0;
    while s < n && is_space(chars[s].1) {
        s += 1;
    }
    while s < n {
        let avail = if lines.is_empty() { first_width } else { width };
        let mut w = 0.0;
        let mut last_break = None;
        let mut end = n;
        let mut i = s;
        while i < n {
            let (_, c, cw) = chars[i];
            if i > s && may_break_between(chars[i - 1].1, c) {
                last_break = Some(i);
            }
            if !is_space(c) && i > s && w + cw > avail + 0.01 {
                end = last_break.unwrap_or(i);
                break;
            }
            w += cw;
            i += 1;
        }
        let mut e = end;
        while e > s && is_space(chars[e - 1].1) {
            e -= 1;
        }
        let width: f32 = chars[s..e].iter().map(|c| c.2).sum();
        lines.push(Line { range: byte_at(s)..byte_at(e), width, last: end >= n });
        s = end;
        while s < n && is_space(chars[s].1) {
            s += 1;
        }
    }
    if let Some(l) = lines.last_mut() {
        l.last = true;
    }
    lines
}

/// Width of the widest piece of `text` that may not be broken: a code, date, number or Latin
/// word with the punctuation that may not start or end a line next to it. A column needs at
/// least this much room, or its type must step down, for nothing to be cut in the middle.
pub fn min_width(text: &str, mut advance: impl FnMut(char) -> f32) -> f32 {
    let mut widest: f32 = 0.0;
    let mut run = 0.0;
    let mut prev: Option<char> = None;
    for c in text.chars() {
        if let Some(p) = prev {
            if may_break_between(p, c) {
                run = 0.0;
            }
        }
        if !is_space(c) {
            run += advance(c);
            widest = widest.max(run);
        }
        prev = Some(c);
    }
    widest
}

/// Short text set as one piece in a table cell: a name or a header of up to four characters
/// (e.g. 吕𠮷龘䶮, 已应用) reads wrongly when it wraps.
pub fn keep_whole(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty() && t.chars().count() <= 4 && !t.chars().any(|c| c.is_whitespace())
}

/// The most a justified line is stretched between two characters, in em. A line that would need
/// more (in a table cell, a bracketed clause carried down leaves two or three characters of
/// slack on a line of fifteen: 0.17 em gaps a reader sees) is set flush left instead.
pub const MAX_STRETCH_EM: f32 = 0.125;

/// Per-character advances for a line set to `target` width: the slack goes into the gaps
/// where a Chinese line may stretch (never inside a Latin word). Left-aligned when `target`
/// is `None`, when there is no such gap, or when the stretch would exceed [`MAX_STRETCH_EM`]
/// per gap.
pub fn justify(text: &str, advances: &[f32], target: Option<f32>, em: f32) -> Vec<f32> {
    let mut out = advances.to_vec();
    let Some(target) = target else { return out };
    let chars: Vec<char> = text.chars().collect();
    let natural: f32 = advances.iter().sum();
    let slack = target - natural;
    if slack <= 0.0 || chars.len() < 2 {
        return out;
    }
    let stretchable: Vec<usize> =
        (0..chars.len() - 1).filter(|&k| !(is_word_char(chars[k]) && is_word_char(chars[k + 1]))).collect();
    if stretchable.is_empty() || slack / stretchable.len() as f32 > em * MAX_STRETCH_EM {
        return out;
    }
    let extra = slack / stretchable.len() as f32;
    for k in stretchable {
        out[k] += extra;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// CJK 1.0, everything else 0.5, in units where a line is `width` wide.
    fn lines(text: &str, width: f32) -> Vec<String> {
        break_lines(text, width, width, |c| if c.is_ascii() { 0.5 } else { 1.0 })
            .into_iter()
            .map(|l| text[l.range].to_string())
            .collect()
    }

    fn check(text: &str, width: f32, expected: &[&str]) {
        assert_eq!(lines(text, width), expected, "{text} @ {width}");
    }

    #[test]
    fn breaks_between_hanzi() {
        check("一二三四五六七", 3.0, &["一二三", "四五六", "七"]);
        check("一二三", 3.0, &["一二三"]);
        check("", 3.0, &[]);
    }

    #[test]
    fn no_line_starts_with_closing_punctuation() {
        // "。" would start line 2: "三" is carried down with it.
        check("一二三。四五", 3.0, &["一二", "三。四", "五"]);
        check("一二三，」四", 3.0, &["一二", "三，」", "四"]);
        check("一二三……四", 3.0, &["一二", "三……", "四"]);
        for text in ["甲乙丙丁，戊己、庚辛；壬癸。子丑！寅卯？辰巳）午未", "研究方向：碳基新材料、半导体。"]
        {
            for w in 2..8 {
                for l in lines(text, w as f32).iter().skip(1) {
                    let first = l.chars().next().unwrap();
                    assert!(!NO_LINE_START.contains(first), "{l:?} starts a line at {w}");
                }
            }
        }
    }

    #[test]
    fn no_line_ends_with_opening_punctuation() {
        check("一二《三四》", 3.0, &["一二", "《三", "四》"]);
        check("一二（三）", 3.0, &["一二", "（三）"]);
        for w in 2..8 {
            for l in lines("甲乙（丙丁）「戊己」《庚辛》“壬癸”", w as f32) {
                let last = l.chars().last().unwrap();
                assert!(!NO_LINE_END.contains(last), "{l:?} ends a line at {w}");
            }
        }
    }

    #[test]
    fn latin_words_and_numbers_stay_whole() {
        check("原值2000万元", 4.0, &["原值2000", "万元"]);
        check("型号SEM-5000X扫描", 5.0, &["型号", "SEM-5000X", "扫描"]);
        check("high modulus fibre", 4.0, &["high", "modulus", "fibre"]);
        check("ZL202011034782.2号", 5.0, &["ZL20201103", "4782.2号"]);
    }

    #[test]
    fn min_width_is_the_widest_unbreakable_piece() {
        let w = |t: &str| min_width(t, |c| if c.is_ascii() { 0.5 } else { 1.0 });
        assert_eq!(w("2022-03-18"), 5.0);
        assert_eq!(w("ZL202011034782.2号"), 8.0);
        assert_eq!(w("SEM-5000X 扫描电镜"), 4.5);
        assert_eq!(w("山西示例碳材科技有限公司"), 1.0);
        // Brackets stay with what they enclose, a full stop with what it ends.
        assert_eq!(w("（2022-03-18）"), 7.0);
        assert_eq!(w("一二。"), 2.0);
        assert_eq!(w(""), 0.0);
    }

    #[test]
    fn a_line_as_wide_as_the_min_width_never_cuts_a_code() {
        for text in ["专利ZL202011034782.2，授权2022-03-18", "资产编号ZC-2019-5414", "日期2023-07-07"]
        {
            let mw = min_width(text, |c| if c.is_ascii() { 0.5 } else { 1.0 });
            let got = lines(text, mw);
            for code in ["ZL202011034782.2，", "2022-03-18", "ZC-2019-5414", "2023-07-07"] {
                if text.contains(code) {
                    assert!(got.iter().any(|l| l.contains(code)), "{code} cut in {got:?}");
                }
            }
        }
        // Half a character narrower, the widest piece is cut: that is why cells widen or
        // step their type down.
        let text = "专利ZL202011034782.2，授权2022-03-18";
        assert!(lines(text, 8.5).iter().all(|l| !l.contains("ZL202011034782.2，")));
    }

    #[test]
    fn short_names_and_headers_are_kept_whole() {
        assert!(keep_whole("吕𠮷龘䶮"));
        assert!(keep_whole("已应用"));
        assert!(keep_whole(" 贾䶮 "));
        assert!(!keep_whole("山西示例碳材"));
        assert!(!keep_whole("张 三"));
        assert!(!keep_whole(""));
    }

    #[test]
    fn justify_spreads_slack_outside_words() {
        let adv = justify("中文AB", &[1.0, 1.0, 0.5, 0.5], Some(3.25), 1.0);
        assert_eq!(adv, vec![1.125, 1.125, 0.5, 0.5]);
        assert_eq!(justify("中文", &[1.0, 1.0], None, 1.0), vec![1.0, 1.0]);
        // At the limit a line stretches; beyond it, it is left flush left.
        assert_eq!(justify("中文", &[1.0, 1.0], Some(2.125), 1.0), vec![1.125, 1.0]);
        assert_eq!(justify("中文", &[1.0, 1.0], Some(2.13), 1.0), vec![1.0, 1.0]);
    }
}
