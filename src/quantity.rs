//! Exact quantities: money in whole 元 and areas in hundredths of a square metre.
//! Never floats; parsing refuses what cannot be represented exactly.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use ts_rs::TS;

/// An amount of money in whole 元 (yuan). Serialised as a JSON integer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, TS)]
#[ts(type = "number")]
pub struct Yuan(pub i64);

impl Yuan {
    pub fn checked_add(self, other: Yuan) -> Option<Yuan> {
        self.0.checked_add(other.0).map(Yuan)
    }

    /// "2,000.5 万元"-style display used in messages: 万元 with up to four decimals, exact.
    pub fn as_wan(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let (whole, frac) = (abs / 10_000, abs % 10_000);
        if frac == 0 {
            format!("{sign}{whole}")
        } else {
            let frac = format!("{frac:04}");
            format!("{sign}{whole}.{}", frac.trim_end_matches('0'))
        }
    }
}

impl fmt::Display for Yuan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl Serialize for Yuan {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i64(self.0)
    }
}

impl<'de> Deserialize<'de> for Yuan {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v =
            i64::deserialize(d).map_err(|_| serde::de::Error::custom("金额须为整数元（不含小数与单位）"))?;
        Ok(Yuan(v))
    }
}

/// An area in hundredths of a square metre. Serialised as a decimal string, e.g. "1999.99".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, TS)]
#[ts(type = "string")]
pub struct AreaM2(pub i64);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("面积“{0}”格式不正确：应为平方米数，最多两位小数，例如 1999.99")]
pub struct AreaParseError(pub String);

impl AreaM2 {
    pub fn from_hundredths(h: i64) -> Self {
        AreaM2(h)
    }
    pub fn whole(m2: i64) -> Self {
        AreaM2(m2 * 100)
    }
}

impl FromStr for AreaM2 {
    type Err = AreaParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_decimal_hundredths(s.trim()).map(AreaM2).ok_or_else(|| AreaParseError(s.to_string()))
    }
}

/// Parses "123", "123.4", "123.45" (optionally negative) into hundredths, exactly.
fn parse_decimal_hundredths(s: &str) -> Option<i64> {
    let (neg, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let (int_part, frac_part) = match body.split_once('.') {
        Some((i, f)) => (i, f),
        None => (body, ""),
    };
    if int_part.is_empty() || int_part.len() > 15 || frac_part.len() > 2 {
        return None;
    }
    if !int_part.bytes().all(|b| b.is_ascii_digit()) || !frac_part.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if body.contains('.') && frac_part.is_empty() {
        return None;
    }
    let int: i64 = int_part.parse().ok()?;
    let mut frac: i64 = if frac_part.is_empty() { 0 } else { frac_part.parse().ok()? };
    if frac_part.len() == 1 {
        frac *= 10;
    }
    let v = int.checked_mul(100)?.checked_add(frac)?;
    Some(if neg { -v } else { v })
}

impl fmt::Display for AreaM2 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let (whole, frac) = (abs / 100, abs % 100);
        if frac == 0 {
            write!(f, "{sign}{whole}")
        } else if frac % 10 == 0 {
            write!(f, "{sign}{whole}.{}", frac / 10)
        } else {
            write!(f, "{sign}{whole}.{frac:02}")
        }
    }
}

impl Serialize for AreaM2 {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for AreaM2 {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Text(String),
            Int(i64),
            Float(f64),
        }
        let text = match Raw::deserialize(d)? {
            Raw::Text(s) => s,
            Raw::Int(i) => i.to_string(),
            // f64's Display is the shortest text that round-trips, i.e. what was written.
            Raw::Float(f) => f.to_string(),
        };
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn area_parses_and_prints_exactly() {
        for (text, h, back) in [
            ("1999.99", 199_999, "1999.99"),
            ("2000", 200_000, "2000"),
            ("2000.5", 200_050, "2000.5"),
            ("0.01", 1, "0.01"),
            ("2000.50", 200_050, "2000.5"),
        ] {
            let a: AreaM2 = text.parse().unwrap();
            assert_eq!(a.0, h, "{text}");
            assert_eq!(a.to_string(), back);
        }
        for bad in ["", "1.234", "abc", "1.", ".5", "1,000", "１２"] {
            assert!(bad.parse::<AreaM2>().is_err(), "{bad}");
        }
    }

    #[test]
    fn area_from_json_number_is_exact() {
        let a: AreaM2 = serde_json::from_str("1999.99").unwrap();
        assert_eq!(a.0, 199_999);
        let a: AreaM2 = serde_json::from_str("\"0.07\"").unwrap();
        assert_eq!(a.0, 7);
    }

    #[test]
    fn yuan_in_wan() {
        assert_eq!(Yuan(20_000_000).as_wan(), "2000");
        assert_eq!(Yuan(19_999_999).as_wan(), "1999.9999");
        assert_eq!(Yuan(12_345).as_wan(), "1.2345");
        assert!(serde_json::from_str::<Yuan>("12.5").is_err());
    }
}
