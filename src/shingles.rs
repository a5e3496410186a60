//! Character 5-gram shingles of narrative text (punctuation, spacing and full-width forms
//! folded) and their MinHash signature cut into LSH bands. Pure functions, below the store
//! (which keeps each section's bands, computed on write) and `duplicates` (which compares).

use std::collections::HashMap;

/// Shingle length in characters (Chinese text: five characters are about two words).
pub const SHINGLE: usize = 5;
/// LSH bands of the MinHash signature, and MinHash values per band: a section 40% found in
/// another of about its length (Jaccard 0.25) shares a band with probability above 98%;
/// unrelated sections (Jaccard ≤ 0.03) with probability about 5%.
pub const BANDS: usize = 64;
pub const ROWS: usize = 2;

/// Full-width forms to half-width, ASCII lower case; punctuation, symbols and spaces dropped.
fn fold(c: char) -> Option<char> {
    let c = match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    if c.is_whitespace() || c.is_ascii_punctuation() || c.is_control() {
        return None;
    }
    if matches!(c as u32, 0x2000..=0x206F | 0x3000..=0x303F | 0xFE30..=0xFE4F | 0xFF00..=0xFF0F | 0x00B7) {
        return None;
    }
    Some(c.to_ascii_lowercase())
}

/// FNV-1a over the chars.
pub(crate) fn hash(chars: &[char]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for c in chars {
        h ^= u64::from(*c as u32);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// A 64-bit mixer (splitmix64's finaliser): one independent hash function per seed.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// A narrative as compared: folded characters, each with its char offset in the original.
#[derive(Debug, Clone)]
pub struct Folded {
    pub(crate) chars: Vec<char>,
    pub(crate) offsets: Vec<usize>,
    /// Shingle hash → first position.
    pub(crate) first: HashMap<u64, usize>,
    /// Distinct shingle hashes, in text order of first appearance.
    pub(crate) hashes: Vec<u64>,
}

impl Folded {
    pub fn new(text: &str) -> Folded {
        let mut chars = Vec::new();
        let mut offsets = Vec::new();
        for (i, c) in text.chars().enumerate() {
            if let Some(f) = fold(c) {
                chars.push(f);
                offsets.push(i);
            }
        }
        let mut first = HashMap::new();
        let mut hashes = Vec::new();
        if chars.len() >= SHINGLE {
            for (i, w) in chars.windows(SHINGLE).enumerate() {
                let h = hash(w);
                if let std::collections::hash_map::Entry::Vacant(e) = first.entry(h) {
                    e.insert(i);
                    hashes.push(h);
                }
            }
        }
        Folded { chars, offsets, first, hashes }
    }

    /// Number of distinct shingles.
    pub fn size(&self) -> usize {
        self.hashes.len()
    }

    /// The LSH band keys of the text's MinHash signature (`BANDS` of them; none for a text
    /// shorter than one shingle). Two texts sharing a band key are candidates to compare.
    pub fn bands(&self) -> Vec<i64> {
        if self.hashes.is_empty() {
            return Vec::new();
        }
        let mut signature = [u64::MAX; BANDS * ROWS];
        for &h in &self.hashes {
            for (i, m) in signature.iter_mut().enumerate() {
                let v = mix(h ^ mix(i as u64 + 1));
                if v < *m {
                    *m = v;
                }
            }
        }
        signature
            .chunks(ROWS)
            .enumerate()
            .map(|(b, rows)| {
                let key = rows.iter().fold(mix(b as u64 + 0x5eed), |acc, &v| mix(acc ^ v));
                key as i64
            })
            .collect()
    }
}

/// A hash of a section's text as stored, to know whether its bands are current.
pub fn content_hash(text: &str) -> i64 {
    let chars: Vec<char> = text.chars().collect();
    hash(&chars) as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_text_folded_alike_has_the_same_bands() {
        let a = Folded::new("面向煤基碳材料产业，开展ＡＢＣ关键技术攻关。");
        let b = Folded::new("面向 煤基碳材料产业 开展abc关键技术攻关");
        assert_eq!(a.bands(), b.bands());
        assert_eq!(a.bands().len(), BANDS);
        assert!(Folded::new("四个字").bands().is_empty());
    }
}
