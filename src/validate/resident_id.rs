//! Resident ID numbers (居民身份证号码, GB 11643-1999): parsing, check character, derived facts.
//! Pure functions of the text; the clock is never read, so future birth dates are not refused here.

use chrono::NaiveDate;

use crate::model::Gender;

use super::normalize::normalize_code;

/// A valid resident ID number and what it says about its holder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResidentId {
    /// Normalised: 18 ASCII characters, the last a digit or upper-case `X`.
    pub number: String,
    pub birth_date: NaiveDate,
    pub gender: Gender,
    /// The first 6 digits (administrative division code at registration).
    pub region_code: String,
}

/// Why a text is not a valid resident ID number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResidentIdError {
    #[error("身份证号码未填写")]
    Empty,
    #[error("身份证号码应为18位，现为{found}位")]
    WrongLength { found: usize },
    /// `position` is 1-based.
    #[error("身份证号码只能包含数字，最后一位可为X；第{position}位是“{character}”")]
    BadCharacter { position: usize, character: char },
    #[error("身份证号码前两位{code}不是有效的省级行政区划代码")]
    BadRegion { code: String },
    #[error("身份证号码前六位{code}不是行政区划代码（GB/T 2260 现行及1980年以来的历史代码中都没有）")]
    UnknownCounty { code: String },
    #[error("身份证号码中的出生日期{text}不是有效日期")]
    BadBirthDate { text: String },
    #[error("身份证号码校验位错误：按前17位计算应为{expected}，现为{found}")]
    BadCheckCharacter { expected: char, found: char },
}

impl ResidentIdError {
    /// The message without its subject, for use after a field label such as
    /// "人员名单第4行 身份证号码：…"; it says what is wrong and how to fix it.
    pub fn detail(&self) -> String {
        match self {
            Self::Empty => "未填写，请填写18位居民身份证号码".to_string(),
            Self::WrongLength { found } => {
                format!("应为18位，现为{found}位，请核对是否漏填或多填")
            }
            Self::BadCharacter { position, character } => {
                format!("只能包含数字，最后一位可为X；第{position}位是“{character}”，请改正")
            }
            Self::BadRegion { code } => format!("前两位{code}不是有效的省级行政区划代码，请核对号码"),
            Self::UnknownCounty { code } => format!(
                "前六位{code}不是行政区划代码（GB/T 2260 现行及1980年以来的历史代码中都没有），请按身份证核对号码"
            ),
            Self::BadBirthDate { text } => {
                format!("第7至14位的出生日期{text}不是有效日期（须为1900年1月1日以后的真实日期），请核对号码")
            }
            Self::BadCheckCharacter { expected, found } => {
                format!("校验位错误，按前17位计算应为{expected}，现为{found}")
            }
        }
    }
}

/// Weights of positions 1..=17: 2^(18 − i) mod 11.
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/// Check character indexed by the weighted sum mod 11.
const CHECK_CHARS: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// First two digits of every province-level division (including 71 Taiwan, 81 Hong Kong,
/// 82 Macao and 83 used on residence permits for Taiwan residents).
const PROVINCE_RANGES: [(u32, u32); 10] =
    [(11, 15), (21, 23), (31, 37), (41, 46), (50, 54), (61, 65), (71, 71), (81, 81), (82, 82), (83, 83)];

/// The check character for the first 17 characters of an ID number, or `None` unless the input
/// is exactly 17 ASCII digits.
pub fn check_char(first17: &str) -> Option<char> {
    let digits = digits_of(first17)?;
    if digits.len() != WEIGHTS.len() {
        return None;
    }
    let sum: u32 = digits.iter().zip(WEIGHTS).map(|(d, w)| d * w).sum();
    CHECK_CHARS.get((sum % 11) as usize).copied()
}

/// Parses and checks a resident ID number. Full-width characters, spaces anywhere and a
/// lower-case `x` are accepted; the result carries the normalised number.
pub fn parse_resident_id(input: &str) -> Result<ResidentId, ResidentIdError> {
    let number = normalize_code(input);
    let chars: Vec<char> = number.chars().collect();
    if chars.is_empty() {
        return Err(ResidentIdError::Empty);
    }
    if chars.len() != 18 {
        return Err(ResidentIdError::WrongLength { found: chars.len() });
    }
    for (i, &c) in chars.iter().enumerate() {
        let ok = c.is_ascii_digit() || (i == 17 && c == 'X');
        if !ok {
            return Err(ResidentIdError::BadCharacter { position: i + 1, character: c });
        }
    }
    // From here on every character is ASCII, so byte slicing is on char boundaries.
    let region_code = number[..6].to_string();
    let province: u32 = number[..2].parse().unwrap_or(0);
    if !PROVINCE_RANGES.iter().any(|&(lo, hi)| (lo..=hi).contains(&province)) {
        return Err(ResidentIdError::BadRegion { code: number[..2].to_string() });
    }
    let birth_text = &number[6..14];
    let birth_date = parse_birth_date(birth_text)
        .ok_or_else(|| ResidentIdError::BadBirthDate { text: birth_text.to_string() })?;
    let expected = check_char(&number[..17]).unwrap_or('?');
    let found = chars[17];
    if expected != found {
        return Err(ResidentIdError::BadCheckCharacter { expected, found });
    }
    // The county code of first registration: current or historical (abolished since) alike.
    // Taiwan, Hong Kong and Macao (71, 81, 82) and residence permits (83) have no county list.
    if province < 71 && super::divisions::division(&region_code).is_none() {
        return Err(ResidentIdError::UnknownCounty { code: region_code });
    }
    let sequence_digit = chars[16].to_digit(10).unwrap_or(0);
    let gender = if sequence_digit % 2 == 1 { Gender::Male } else { Gender::Female };
    Ok(ResidentId { number, birth_date, gender, region_code })
}

/// YYYYMMDD, a real calendar date not before 1900-01-01.
fn parse_birth_date(text: &str) -> Option<NaiveDate> {
    let year: i32 = text.get(..4)?.parse().ok()?;
    let month: u32 = text.get(4..6)?.parse().ok()?;
    let day: u32 = text.get(6..8)?.parse().ok()?;
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    let earliest = NaiveDate::from_ymd_opt(1900, 1, 1)?;
    (date >= earliest).then_some(date)
}

fn digits_of(s: &str) -> Option<Vec<u32>> {
    s.chars().map(|c| c.to_digit(10)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ResidentIdError as E;

    /// Appends the correct check character to 17 digits.
    fn with_check(first17: &str) -> String {
        let c = check_char(first17).expect("17 digits");
        format!("{first17}{c}")
    }

    /// `Ok((number, birth date, gender))` or the exact error.
    fn check(input: &str, expected: Result<(&str, &str, Gender), E>) {
        let got = parse_resident_id(input);
        match expected {
            Ok((number, birth, gender)) => {
                let id = got.unwrap_or_else(|e| panic!("{input:?}: unexpected error {e}"));
                assert_eq!(id.number, number, "{input:?}");
                assert_eq!(id.birth_date.to_string(), birth, "{input:?}");
                assert_eq!(id.gender, gender, "{input:?}");
                assert_eq!(id.region_code, number[..6], "{input:?}");
            }
            Err(e) => assert_eq!(got, Err(e), "{input:?}"),
        }
    }

    #[test]
    fn valid_numbers() {
        use Gender::*;
        check("11010519491231002X", Ok(("11010519491231002X", "1949-12-31", Female)));
        check("360426199101010071", Ok(("360426199101010071", "1991-01-01", Male)));
        check("11010519491231002x", Ok(("11010519491231002X", "1949-12-31", Female)));
        check("１１０１０５１９４９１２３１００２ｘ", Ok(("11010519491231002X", "1949-12-31", Female)));
        check(" 110105 1949 1231 002X ", Ok(("11010519491231002X", "1949-12-31", Female)));
        check("110105\u{3000}19491231002X", Ok(("11010519491231002X", "1949-12-31", Female)));
        check(&with_check("11010519000101001"), Ok((&with_check("11010519000101001"), "1900-01-01", Male)));
        check(&with_check("14110020000229003"), Ok((&with_check("14110020000229003"), "2000-02-29", Male)));
        check(&with_check("83000019800101004"), Ok((&with_check("83000019800101004"), "1980-01-01", Female)));
        // Taiwan (71): no county list, so any county code (65 is the last province with one).
        check(&with_check("71010019800101003"), Ok((&with_check("71010019800101003"), "1980-01-01", Male)));
    }

    #[test]
    fn wrong_check_character() {
        check("110105194912310021", Err(E::BadCheckCharacter { expected: 'X', found: '1' }));
        check("360426199101010070", Err(E::BadCheckCharacter { expected: '1', found: '0' }));
        check("36042619910101007X", Err(E::BadCheckCharacter { expected: '1', found: 'X' }));
    }

    #[test]
    fn bad_birth_dates() {
        let bad = |text: &str| Err(E::BadBirthDate { text: text.to_string() });
        check(&with_check("11010519490230002"), bad("19490230"));
        check(&with_check("11010518991231002"), bad("18991231"));
        check(&with_check("11010519491301002"), bad("19491301"));
        check(&with_check("11010519490000002"), bad("19490000"));
        check(&with_check("11010519010229002"), bad("19010229"));
        check(&with_check("11010500000101002"), bad("00000101"));
    }

    /// 200 numbers with valid check characters whose county codes were never GB/T 2260 codes are
    /// refused, each message naming its code.
    #[test]
    fn two_hundred_made_up_county_codes_are_refused() {
        let mut seed: u64 = 0x5eed_2260;
        let mut refused = 0;
        while refused < 200 {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let province = [11, 14, 21, 32, 37, 41, 44, 51, 61, 65][(seed >> 33) as usize % 10];
            let code = format!("{province}{:04}", (seed >> 40) % 10000);
            if crate::validate::divisions::division(&code).is_some() {
                continue;
            }
            let number = with_check(&format!("{code}19850214{:03}", (seed >> 20) % 1000));
            let err = parse_resident_id(&number).expect_err(&number);
            assert_eq!(err, E::UnknownCounty { code: code.clone() }, "{number}");
            assert!(err.detail().contains(&code), "{}", err.detail());
            refused += 1;
        }
    }

    /// A county code abolished after the holder's birth is still real: 孝义市 was 142301 until
    /// 2003 (now 141181), 太原市南城区 140102 until 1997.
    #[test]
    fn historical_county_codes_are_accepted() {
        for first17 in ["14230119800512001", "14010219650301002", "14118119900101003"] {
            let number = with_check(first17);
            let id = parse_resident_id(&number).unwrap_or_else(|e| panic!("{number}: {e}"));
            assert_eq!(id.region_code, &first17[..6]);
        }
        assert!(!crate::validate::divisions::division("142301").expect("孝义市").is_current());
    }

    #[test]
    fn bad_regions() {
        let bad = |code: &str| Err(E::BadRegion { code: code.to_string() });
        check(&with_check("00010519491231002"), bad("00"));
        check(&with_check("10010519491231002"), bad("10"));
        check(&with_check("16010519491231002"), bad("16"));
        check(&with_check("38010519491231002"), bad("38"));
        check(&with_check("47010519491231002"), bad("47"));
        check(&with_check("91010519491231002"), bad("91"));
    }

    #[test]
    fn wrong_length_and_characters() {
        check("", Err(E::Empty));
        check("   ", Err(E::Empty));
        check("11010519491231002", Err(E::WrongLength { found: 17 }));
        check("11010519491231002X1", Err(E::WrongLength { found: 19 }));
        check("1101051949123100X2", Err(E::BadCharacter { position: 17, character: 'X' }));
        check("X10105194912310021", Err(E::BadCharacter { position: 1, character: 'X' }));
        check("11010519491231002Y", Err(E::BadCharacter { position: 18, character: 'Y' }));
        check("11010519491231002-", Err(E::BadCharacter { position: 18, character: '-' }));
    }

    #[test]
    fn non_ascii_garbage_does_not_panic() {
        check("身份证身份证身份证身份证身份证身份证", Err(E::BadCharacter { position: 1, character: '身' }));
        check("11010519491231002号", Err(E::BadCharacter { position: 18, character: '号' }));
        check("1101051949123100２号", Err(E::BadCharacter { position: 18, character: '号' }));
        check("é", Err(E::WrongLength { found: 1 }));
        for s in [
            "😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀",
            "ΩΩΩΩΩΩΩΩΩΩΩΩΩΩΩΩΩX",
            "\u{0}\u{FFFF}",
            "١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦٧٨",
        ] {
            assert!(parse_resident_id(s).is_err(), "{s:?}");
        }
    }

    #[test]
    fn check_char_helper() {
        assert_eq!(check_char("11010519491231002"), Some('X'));
        assert_eq!(check_char("36042619910101007"), Some('1'));
        assert_eq!(check_char("1101051949123100"), None);
        assert_eq!(check_char("1101051949123100X"), None);
        assert_eq!(check_char("１１０１０５１９４９１２３１００２"), None);
    }

    #[test]
    fn messages() {
        let e = E::BadCheckCharacter { expected: 'X', found: '1' };
        assert_eq!(e.to_string(), "身份证号码校验位错误：按前17位计算应为X，现为1");
        assert_eq!(e.detail(), "校验位错误，按前17位计算应为X，现为1");
        assert_eq!(E::WrongLength { found: 17 }.to_string(), "身份证号码应为18位，现为17位");
    }
}
