//! The platform copy's text made searchable: full-width forms folded, spacing ignored for
//! names and codes, numbers read with their units whatever their separators.

/// Full-width ASCII forms and the ideographic space as their ASCII twins; letters upper-case.
pub fn fold_char(c: char) -> char {
    let c = match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{2014}' | '\u{2013}' | '\u{2212}' => '-',
        _ => c,
    };
    c.to_ascii_uppercase()
}

/// A needle as searched: folded, without any whitespace.
pub fn compact(s: &str) -> String {
    s.chars().map(fold_char).filter(|c| !c.is_whitespace()).collect()
}

/// The folded text twice: with each run of whitespace as one space (numbers stay apart), and
/// without any whitespace (names and codes broken across lines or letter-spaced still match).
pub struct Haystack {
    spaced: Vec<char>,
    compact: String,
    /// For each byte of `compact`, the index in `spaced` of the character it belongs to.
    at: Vec<usize>,
}

/// A number read from the text, exactly: `mantissa / 10^scale`, and the unit written after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Number {
    pub mantissa: i128,
    pub scale: u32,
    pub unit: Unit,
    /// Its digits belong to a code or a model ("JEM-2100F", "ZC-2019-54"): never an amount.
    pub in_code: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    None,
    Yuan,
    WanYuan,
    SquareMetre,
    Persons,
}

impl Number {
    /// Whether the number is `value / 10^value_scale` after multiplying it by `factor`.
    pub fn equals(&self, factor: i128, value: i128, value_scale: u32) -> bool {
        // a / 10^s * f == v / 10^t  ⇔  a * f * 10^t == v * 10^s
        let (Some(l), Some(r)) = (
            self.mantissa.checked_mul(factor).and_then(|x| x.checked_mul(10i128.pow(value_scale))),
            value.checked_mul(10i128.pow(self.scale)),
        ) else {
            return false;
        };
        l == r
    }

    /// As written, with separators dropped: "1234.5万元".
    pub fn display(&self) -> String {
        let digits = self.mantissa.abs().to_string();
        let s = self.scale as usize;
        let body = if s == 0 {
            digits
        } else {
            let padded = format!("{digits:0>width$}", width = s + 1);
            let (w, f) = padded.split_at(padded.len() - s);
            format!("{w}.{f}")
        };
        let unit = match self.unit {
            Unit::None => "",
            Unit::Yuan => "元",
            Unit::WanYuan => "万元",
            Unit::SquareMetre => "m²",
            Unit::Persons => "人",
        };
        format!("{}{body}{unit}", if self.mantissa < 0 { "-" } else { "" })
    }
}

impl Haystack {
    pub fn new(text: &str) -> Self {
        let mut spaced = Vec::with_capacity(text.len());
        for c in text.chars().map(fold_char) {
            if c.is_whitespace() {
                if spaced.last() != Some(&' ') {
                    spaced.push(' ');
                }
            } else {
                spaced.push(c);
            }
        }
        let mut compact = String::with_capacity(text.len());
        let mut at = Vec::with_capacity(text.len());
        for (i, c) in spaced.iter().enumerate() {
            if *c != ' ' {
                compact.push(*c);
                at.resize(compact.len(), i);
            }
        }
        Haystack { spaced, compact, at }
    }

    /// Where each occurrence of the (compacted) needle ends (the index after its last
    /// character in the spaced text).
    pub fn find_all_ends(&self, needle: &str) -> Vec<usize> {
        let needle = compact(needle);
        if needle.is_empty() {
            return Vec::new();
        }
        let last = needle.len() - needle.chars().last().map_or(1, char::len_utf8);
        self.compact.match_indices(&needle).map(|(b, _)| self.at[b + last] + 1).collect()
    }

    pub fn contains(&self, needle: &str) -> bool {
        let needle = compact(needle);
        !needle.is_empty() && self.compact.contains(&needle)
    }

    /// Up to `len` characters of the spaced text from `start`.
    pub fn window(&self, start: usize, len: usize) -> &[char] {
        let end = (start + len).min(self.spaced.len());
        &self.spaced[start.min(end)..end]
    }

    pub fn all(&self) -> &[char] {
        &self.spaced
    }
}

/// The numbers of a piece of spaced text, with the unit written right after each:
/// "1,234.5 万元", "６１ 人", "520.5㎡". Digits inside words (a model "JEM-2100F") count too;
/// the caller compares, it never guesses.
pub fn numbers(text: &[char]) -> Vec<Number> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        if !text[i].is_ascii_digit() || (i > 0 && text[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let mut mantissa: i128 = 0;
        let mut scale = 0u32;
        let mut j = i;
        let mut in_fraction = false;
        let mut overflow = false;
        while j < text.len() {
            let c = text[j];
            if let Some(d) = c.to_digit(10) {
                match mantissa.checked_mul(10).and_then(|m| m.checked_add(i128::from(d))) {
                    Some(m) => mantissa = m,
                    None => overflow = true,
                }
                if in_fraction {
                    scale += 1;
                }
                j += 1;
            } else if c == ',' && !in_fraction && group_of_three(text, j + 1) {
                j += 1;
            } else if c == '.' && !in_fraction && text.get(j + 1).is_some_and(char::is_ascii_digit) {
                in_fraction = true;
                j += 1;
            } else {
                break;
            }
        }
        if !overflow && scale <= 8 {
            let glued =
                |c: Option<&char>| c.is_some_and(|c| c.is_ascii_alphabetic() || *c == '-' || *c == '_');
            let in_code = glued(i.checked_sub(1).and_then(|k| text.get(k))) || glued(text.get(j));
            out.push(Number { mantissa, scale, unit: unit_after(text, j), in_code });
        }
        i = j.max(i + 1);
    }
    out
}

/// Three digits at `at` not followed by a fourth: a thousands group.
fn group_of_three(text: &[char], at: usize) -> bool {
    (at..at + 3).all(|k| text.get(k).is_some_and(char::is_ascii_digit))
        && !text.get(at + 3).is_some_and(char::is_ascii_digit)
}

fn unit_after(text: &[char], mut at: usize) -> Unit {
    while text.get(at) == Some(&' ') {
        at += 1;
    }
    let rest: String = text[at.min(text.len())..].iter().take(3).collect();
    if rest.starts_with("万元") {
        Unit::WanYuan
    } else if rest.starts_with('元') {
        Unit::Yuan
    } else if rest.starts_with("M²")
        || rest.starts_with("M2")
        || rest.starts_with('㎡')
        || rest.starts_with("平方米")
    {
        Unit::SquareMetre
    } else if rest.starts_with('人') {
        Unit::Persons
    } else {
        Unit::None
    }
}

/// The document-number-like tokens of a piece of spaced text that are `len` characters long:
/// letters, digits and the "*" a platform masks with, at least four of them digits.
pub fn id_tokens(text: &[char], len: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut token = String::new();
    let flush = |token: &mut String, out: &mut Vec<String>| {
        let n = token.chars().count();
        if n == len && token.chars().filter(char::is_ascii_digit).count() >= 4 {
            out.push(std::mem::take(token));
        }
        token.clear();
    };
    for c in text {
        if c.is_ascii_alphanumeric() || *c == '*' {
            token.push(*c);
        } else {
            flush(&mut token, &mut out);
        }
    }
    flush(&mut token, &mut out);
    out
}

/// A number as the platform may print it, masked or not, agrees with the expected one.
pub fn id_agrees(expected: &str, token: &str) -> bool {
    let (e, t): (Vec<char>, Vec<char>) = (expected.chars().collect(), token.chars().collect());
    e.len() == t.len() && e.iter().zip(&t).all(|(a, b)| *b == '*' || a == b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        Haystack::new(s).all().to_vec()
    }

    #[test]
    fn folds_full_width_and_spacing() {
        let h = Haystack::new("中 心 名 称：山西省煤基碳材料技术\n创新中心（ＡＢ）");
        assert!(h.contains("中心名称"));
        assert!(h.contains("山西省煤基碳材料技术创新中心(AB)"));
        assert!(!h.contains("山西省煤基碳材料技术创新中心(AC)"));
    }

    #[test]
    fn reads_numbers_with_separators_units_and_full_width_digits() {
        let n = numbers(&chars("研发投入 1,234.5 万元，固定人员６１人，面积 520.50㎡，型号 JEM-2100F"));
        let shown: Vec<String> = n.iter().map(Number::display).collect();
        assert_eq!(shown, ["1234.5万元", "61人", "520.50m²", "2100"]);
        assert_eq!(n.iter().map(|n| n.in_code).collect::<Vec<_>>(), [false, false, false, true]);
        assert!(n[0].equals(10_000, 12_345_000, 0));
        assert!(n[2].equals(1, 52_050, 2));
        assert!(!n[2].equals(1, 52_051, 2));
        // "1,2345" is not a thousands group: two numbers.
        assert_eq!(numbers(&chars("1,2345")).len(), 2);
    }

    #[test]
    fn masked_ids_agree_on_what_they_show() {
        let t = id_tokens(&chars("贾振宇 1401**********2673 男"), 18);
        assert_eq!(t, ["1401**********2673"]);
        assert!(id_agrees("140107197203152673", &t[0]));
        assert!(!id_agrees("140107197203152674", &t[0]));
    }
}
