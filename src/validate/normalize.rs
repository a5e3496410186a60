//! Text normalisation for ID numbers and codes: full-width to half-width, whitespace, case.
//! Pure string functions; deciding whether a code is valid is not done here.

/// Converts full-width forms (U+FF01–U+FF5E) to their ASCII counterparts (U+0021–U+007E) and the
/// ideographic space (U+3000) to an ASCII space. Every other character is kept as it is.
pub fn to_half_width(s: &str) -> String {
    s.chars().map(half_width_char).collect()
}

/// The identity form of an ID number or code: half-width, with all whitespace (and invisible
/// zero-width characters pasted from documents) removed anywhere, ASCII letters in upper case.
pub fn normalize_code(s: &str) -> String {
    s.chars().map(half_width_char).filter(|&c| !is_blank(c)).map(|c| c.to_ascii_uppercase()).collect()
}

fn half_width_char(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Whitespace, plus the zero-width characters that word processors and web pages leave behind.
fn is_blank(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_half(input: &str, expected: &str) {
        assert_eq!(to_half_width(input), expected, "to_half_width({input:?})");
    }

    fn check_code(input: &str, expected: &str) {
        assert_eq!(normalize_code(input), expected, "normalize_code({input:?})");
    }

    #[test]
    fn half_width() {
        check_half("", "");
        check_half("abc 123", "abc 123");
        check_half("１２３ＡＢＣｘｙｚ", "123ABCxyz");
        check_half("！～", "!~");
        check_half("a\u{3000}b", "a b");
        check_half("申报通（１）", "申报通(1)");
        // Outside the full-width block: untouched.
        check_half("\u{FF00}\u{FF5F}\u{FFE5}", "\u{FF00}\u{FF5F}\u{FFE5}");
    }

    #[test]
    fn code() {
        check_code("", "");
        check_code("11010519491231002x", "11010519491231002X");
        check_code("１１０１０５１９４９１２３１００２ｘ", "11010519491231002X");
        check_code(" 110105 19491231 002X \t\n", "11010519491231002X");
        check_code("9111\u{3000}0108\u{00A0}5513\u{200B}85082q\u{FEFF}", "91110108551385082Q");
        check_code("统一 代码", "统一代码");
    }
}
