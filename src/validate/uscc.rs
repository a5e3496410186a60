//! Unified social credit codes (统一社会信用代码, GB 32100-2015): parsing, check character, region.
//! Pure functions of the text; whether the organisation exists is not checked here.

use super::normalize::normalize_code;

/// The 31 characters a code may use (no I, O, S, V, Z), in value order.
pub const USCC_ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/// Weights of positions 1..=17: 3^(i − 1) mod 31.
const WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/// A valid unified social credit code.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Uscc {
    /// Normalised: 18 upper-case ASCII characters from [`USCC_ALPHABET`].
    pub code: String,
}

impl Uscc {
    /// Characters 3–8: the 6-digit administrative division code of the registering authority.
    pub fn region_code(&self) -> &str {
        self.code.get(2..8).unwrap_or("")
    }

    /// Whether the region code starts with `prefix`, e.g. "14" 山西, "1406" 朔州, "1411" 吕梁.
    pub fn is_in_region(&self, prefix: &str) -> bool {
        self.region_code().starts_with(prefix)
    }
}

/// Why a text is not a valid unified social credit code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UsccError {
    #[error("统一社会信用代码未填写")]
    Empty,
    #[error("统一社会信用代码应为18位，现为{found}位")]
    WrongLength { found: usize },
    /// `position` is 1-based.
    #[error("统一社会信用代码第{position}位“{character}”无效：只能使用数字和除I、O、S、V、Z以外的大写字母")]
    BadCharacter { position: usize, character: char },
    #[error("统一社会信用代码第3至8位{text}应为6位数字的行政区划代码")]
    BadRegionCode { text: String },
    #[error("统一社会信用代码校验位错误：按前17位计算应为{expected}，现为{found}")]
    BadCheckCharacter { expected: char, found: char },
    #[error("统一社会信用代码中有连字符：请去掉连字符/空格")]
    Separators,
    #[error("统一社会信用代码第3至8位{code}不是登记管理机关的行政区划代码（GB/T 2260 现行及1980年以来的历史代码中都没有）")]
    UnknownRegion { code: String },
}

impl UsccError {
    /// The message without its subject, for use after a field label such as
    /// "依托单位第2家 统一社会信用代码：…"; it says what is wrong and how to fix it.
    pub fn detail(&self) -> String {
        match self {
            Self::Empty => "未填写，请按营业执照或登记证书填写18位统一社会信用代码".to_string(),
            Self::WrongLength { found } => {
                format!("应为18位，现为{found}位，请按营业执照或登记证书核对")
            }
            Self::BadCharacter { position, character } => format!(
                "第{position}位“{character}”无效，只能使用数字和除I、O、S、V、Z以外的大写字母，请按营业执照或登记证书核对"
            ),
            Self::BadRegionCode { text } => format!(
                "第3至8位{text}应为6位数字的行政区划代码，请按营业执照或登记证书核对"
            ),
            Self::BadCheckCharacter { expected, found } => {
                format!("校验位错误，按前17位计算应为{expected}，现为{found}")
            }
            Self::Separators => "中有连字符：请去掉连字符/空格，按营业执照或登记证书连续填写18位".to_string(),
            Self::UnknownRegion { code } => format!(
                "第3至8位{code}不是登记管理机关的行政区划代码（GB/T 2260 现行及1980年以来的历史代码中都没有），请按营业执照或登记证书核对"
            ),
        }
    }
}

/// Dashes people type between groups of a code (ASCII, full-width, Unicode hyphens and dashes).
const DASHES: &[char] = &['-', '－', '‐', '‑', '‒', '–', '—', '―', '﹣'];

/// The value (0..31) of a character in [`USCC_ALPHABET`].
fn value_of(c: char) -> Option<u32> {
    USCC_ALPHABET.chars().position(|a| a == c).and_then(|v| u32::try_from(v).ok())
}

/// The check character for the first 17 characters of a code, or `None` unless the input is
/// exactly 17 characters from [`USCC_ALPHABET`] (upper case, already normalised).
pub fn uscc_check_char(first17: &str) -> Option<char> {
    let values: Vec<u32> = first17.chars().map(value_of).collect::<Option<_>>()?;
    if values.len() != WEIGHTS.len() {
        return None;
    }
    let sum: u32 = values.iter().zip(WEIGHTS).map(|(v, w)| v * w).sum();
    // When sum mod 31 is 0 the check value is 0, not 31.
    let check = (31 - sum % 31) % 31;
    USCC_ALPHABET.chars().nth(check as usize)
}

/// Parses and checks a unified social credit code. Full-width characters, spaces anywhere and
/// lower-case letters are accepted; the result carries the normalised code.
pub fn parse_uscc(input: &str) -> Result<Uscc, UsccError> {
    // A whole code typed in groups ("9111-0108-…"): name the dashes, not the 9th character.
    if input.contains(DASHES) && normalize_code(&input.replace(DASHES, "")).chars().count() == 18 {
        return Err(UsccError::Separators);
    }
    let code = normalize_code(input);
    let chars: Vec<char> = code.chars().collect();
    if chars.is_empty() {
        return Err(UsccError::Empty);
    }
    if chars.len() != 18 {
        return Err(UsccError::WrongLength { found: chars.len() });
    }
    if let Some((i, &c)) = chars.iter().enumerate().find(|(_, &c)| value_of(c).is_none()) {
        return Err(UsccError::BadCharacter { position: i + 1, character: c });
    }
    // Every character is now ASCII, so byte slicing is on char boundaries.
    let region = &code[2..8];
    if !region.bytes().all(|b| b.is_ascii_digit()) {
        return Err(UsccError::BadRegionCode { text: region.to_string() });
    }
    let expected = uscc_check_char(&code[..17]).unwrap_or('?');
    let found = chars[17];
    if expected != found {
        return Err(UsccError::BadCheckCharacter { expected, found });
    }
    // The registering authority's division code: current or historical, or a central authority.
    if !super::divisions::is_central_authority(region) && super::divisions::division(region).is_none() {
        return Err(UsccError::UnknownRegion { code: region.to_string() });
    }
    Ok(Uscc { code })
}

#[cfg(test)]
mod tests {
    use super::*;
    use UsccError as E;

    /// Appends the correct check character to 17 alphabet characters.
    fn with_check(first17: &str) -> String {
        let c = uscc_check_char(first17).expect("17 alphabet characters");
        format!("{first17}{c}")
    }

    /// `Ok(normalised code)` or the exact error.
    fn check(input: &str, expected: Result<&str, E>) {
        let got = parse_uscc(input).map(|u| u.code);
        assert_eq!(got, expected.map(str::to_string), "{input:?}");
    }

    #[test]
    fn the_registration_authority_code_must_be_a_division_code() {
        // 140199 was never a division code; 142301 (孝义市 until 2003) was; 100000 is central.
        let bad = with_check("91140199317584622");
        check(&bad, Err(E::UnknownRegion { code: "140199".into() }));
        assert!(parse_uscc(&bad).unwrap_err().detail().contains("140199"));
        let old = with_check("91142301317584622");
        check(&old, Ok(&old));
        let central = with_check("12100000405719363");
        check(&central, Ok(&central));
    }

    #[test]
    fn weights_are_powers_of_three() {
        let mut w = 1;
        for weight in WEIGHTS {
            assert_eq!(weight, w);
            w = w * 3 % 31;
        }
        assert_eq!(USCC_ALPHABET.chars().count(), 31);
    }

    #[test]
    fn valid_codes() {
        check("91110000600037341L", Ok("91110000600037341L"));
        check("91110108551385082Q", Ok("91110108551385082Q"));
        check("91110108551385082q", Ok("91110108551385082Q"));
        check("９１１１０１０８５５１３８５０８２Ｑ", Ok("91110108551385082Q"));
        check("９１１１０１０８５５１３８５０８２ｑ", Ok("91110108551385082Q"));
        check(" 9111 0108 5513 8508 2Q ", Ok("91110108551385082Q"));
        check("911101085513\u{3000}85082Q\n", Ok("91110108551385082Q"));
        let luliang = with_check("91141100MA0K00000");
        check(&luliang, Ok(&luliang));
    }

    #[test]
    fn wrong_check_character() {
        check("91110108551385082R", Err(E::BadCheckCharacter { expected: 'Q', found: 'R' }));
        check("91110000600037341M", Err(E::BadCheckCharacter { expected: 'L', found: 'M' }));
        check("91110000600037341０", Err(E::BadCheckCharacter { expected: 'L', found: '0' }));
    }

    #[test]
    fn check_character_zero_when_sum_divisible_by_31() {
        // Weight 28 is invertible mod 31, so exactly one last character gives sum ≡ 0.
        let found: Vec<String> = USCC_ALPHABET
            .chars()
            .map(|c| format!("9114110000000000{c}"))
            .filter(|first17| uscc_check_char(first17) == Some('0'))
            .collect();
        assert_eq!(found.len(), 1, "{found:?}");
        let first17 = &found[0];
        let sum: u32 = first17.chars().zip(WEIGHTS).map(|(c, w)| value_of(c).unwrap() * w).sum();
        assert_eq!(sum % 31, 0);
        let code = format!("{first17}0");
        check(&code, Ok(&code));
        check(&format!("{first17}1"), Err(E::BadCheckCharacter { expected: '0', found: '1' }));
    }

    #[test]
    fn wrong_length_and_characters() {
        check("", Err(E::Empty));
        check(" \u{3000} ", Err(E::Empty));
        check("91110108551385082", Err(E::WrongLength { found: 17 }));
        check("91110108551385082QQ", Err(E::WrongLength { found: 19 }));
        check("91110108551385082I", Err(E::BadCharacter { position: 18, character: 'I' }));
        check("9111010855138508OQ", Err(E::BadCharacter { position: 17, character: 'O' }));
        check("S1110108551385082Q", Err(E::BadCharacter { position: 1, character: 'S' }));
        check("91110108-51385082Q", Err(E::BadCharacter { position: 9, character: '-' }));
        // A whole code typed in groups: the dashes are named, not a character position.
        check("9114-0105-3175-8462-2R", Err(E::Separators));
        check("9114 0105－3175 8462 2R", Err(E::Separators));
        check("91140105 3175 84622R", Ok("91140105317584622R"));
        assert!(E::Separators.detail().contains("请去掉连字符/空格"));
        check(&with_check("91A10108551385082"), Err(E::BadRegionCode { text: "A10108".to_string() }));
        check(&with_check("9111010Y551385082"), Err(E::BadRegionCode { text: "11010Y".to_string() }));
    }

    #[test]
    fn non_ascii_garbage_does_not_panic() {
        check("统一社会信用代码统一社会信用代码统一", Err(E::BadCharacter { position: 1, character: '统' }));
        check("91110108551385082码", Err(E::BadCharacter { position: 18, character: '码' }));
        check("ü", Err(E::WrongLength { found: 1 }));
        for s in [
            "😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀",
            "91ΩΩΩΩΩΩ5513850820",
            "\u{0}\u{FFFF}",
            "ＩＩＩＩＩＩＩＩＩＩＩＩＩＩＩＩＩＩ",
        ] {
            assert!(parse_uscc(s).is_err(), "{s:?}");
        }
        assert_eq!(uscc_check_char("统一社会信用代码统一社会信用代码统"), None);
        assert_eq!(uscc_check_char("9111010855138508"), None);
    }

    #[test]
    fn region_code() {
        let u = parse_uscc("91110108551385082Q").unwrap();
        assert_eq!(u.region_code(), "110108");
        for (prefix, inside) in [
            ("11", true),
            ("1101", true),
            ("110108", true),
            ("", true),
            ("14", false),
            ("1102", false),
            ("1101080", false),
        ] {
            assert_eq!(u.is_in_region(prefix), inside, "{prefix}");
        }
        let luliang = parse_uscc(&with_check("91141100MA0K00000")).unwrap();
        assert_eq!(luliang.region_code(), "141100");
        assert!(luliang.is_in_region("14") && luliang.is_in_region("1411") && !luliang.is_in_region("1406"));
        // A hand-built value never panics.
        assert_eq!(Uscc { code: "统一".to_string() }.region_code(), "");
    }

    #[test]
    fn messages() {
        let e = E::BadCheckCharacter { expected: 'Q', found: 'R' };
        assert_eq!(e.to_string(), "统一社会信用代码校验位错误：按前17位计算应为Q，现为R");
        assert_eq!(e.detail(), "校验位错误，按前17位计算应为Q，现为R");
        let e = E::BadCharacter { position: 18, character: 'I' };
        assert!(e.to_string().contains("第18位“I”"));
    }
}
