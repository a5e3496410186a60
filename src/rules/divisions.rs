//! Administrative divisions (GB/T 2260) the registration-region check reads: the places of 山西
//! a declared registration place may name, and how a USCC's registration-authority code relates
//! to a region (inside it, issued by a higher authority, or elsewhere). The codes and names come
//! from the GB/T 2260 data in `validate::divisions`; none is typed here.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::validate::divisions as divisions_data;

/// The places of the region's province a declared registration place may name, by the name it
/// writes (without 省/市): the province, its prefecture-level cities and its county-level cities,
/// with their significant code digits ("14", "1401", "140181"). From the GB/T 2260 data
/// (`validate::divisions`), current codes only.
fn places(province: &str) -> &'static [(&'static str, String)] {
    static BY_PROVINCE: LazyLock<HashMap<&'static str, Vec<(&'static str, String)>>> =
        LazyLock::new(places_by_province);
    BY_PROVINCE.get(province).map_or(&[], Vec::as_slice)
}

/// [`places`] of every province, read once from the table.
fn places_by_province() -> HashMap<&'static str, Vec<(&'static str, String)>> {
    let mut out: HashMap<&'static str, Vec<(&'static str, String)>> = HashMap::new();
    for code in divisions_data::all_codes() {
        let Some(d) = divisions_data::division(code) else { continue };
        if !d.is_current() {
            continue;
        }
        let significant = code.trim_end_matches("00");
        let name = if significant.len() <= 4 {
            d.name.trim_end_matches('省').trim_end_matches('市')
        } else if let Some(n) = d.name.strip_suffix('市') {
            n
        } else {
            continue;
        };
        if name.chars().count() >= 2 {
            out.entry(code.get(..2).unwrap_or(code)).or_default().push((name, significant.to_string()));
        }
    }
    out
}

/// Registration-authority codes of central (national) authorities start with this.
const CENTRAL: &str = "1000";

/// Where a declared registration place lies relative to a region.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Declared {
    Empty,
    Inside,
    /// Names only a larger area that contains the region (e.g. "山西省" for 吕梁).
    TooCoarse,
    Outside,
}

/// Judges a declared place against a region given by its code prefix and name. The most precise
/// place named decides ("山西省太原市" is 太原); a place not in the table is inside when it
/// contains the region's name.
pub fn declared(place: &str, prefix: &str, region_name: &str) -> Declared {
    let place = place.trim();
    if place.is_empty() {
        return Declared::Empty;
    }
    let province = prefix.get(..2).unwrap_or(prefix);
    let places = places(province);
    let code =
        places.iter().filter(|(n, _)| place.contains(n)).map(|(_, c)| c.as_str()).max_by_key(|c| c.len());
    match code {
        Some(c) if c.starts_with(prefix) => Declared::Inside,
        Some(c) if prefix.starts_with(c) => Declared::TooCoarse,
        Some(_) => Declared::Outside,
        None if !region_name.is_empty() && place.contains(region_name) => Declared::Inside,
        None => Declared::Outside,
    }
}

/// What a USCC's registration-authority code (characters 3–8) says about a region.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Authority {
    Inside,
    /// Issued by an authority above the region that contains it: central (1000xx), or the
    /// province's (140000) for a city region. It neither confirms nor contradicts.
    Higher(&'static str),
    Outside,
}

pub fn authority(code: &str, prefix: &str) -> Authority {
    if code.starts_with(prefix) {
        return Authority::Inside;
    }
    if code.starts_with(CENTRAL) {
        return Authority::Higher("中央级");
    }
    let mut significant = code;
    while let Some(s) = significant.strip_suffix("00") {
        significant = s;
    }
    if significant.len() < prefix.len() && prefix.starts_with(significant) {
        return Authority::Higher(if significant.len() <= 2 { "省级" } else { "市级" });
    }
    Authority::Outside
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_precise_place_named_decides() {
        assert_eq!(declared("山西省太原市", "14", "山西"), Declared::Inside);
        assert_eq!(declared("太原市", "14", "山西"), Declared::Inside);
        assert_eq!(declared("山西省太原市", "1411", "吕梁"), Declared::Outside);
        assert_eq!(declared("山西省孝义市", "1411", "吕梁"), Declared::Inside);
        assert_eq!(declared("山西省", "1411", "吕梁"), Declared::TooCoarse);
        assert_eq!(declared("北京市海淀区", "14", "山西"), Declared::Outside);
        assert_eq!(declared("  ", "14", "山西"), Declared::Empty);
    }

    #[test]
    fn a_place_not_in_the_table_is_inside_when_it_names_the_region() {
        // A county or district is not in the table (only cities are): the region's name decides.
        assert_eq!(declared("清徐县", "140121", "清徐"), Declared::Inside);
        assert_eq!(declared("清徐县", "1411", "吕梁"), Declared::Outside);
        assert_eq!(declared("清徐县", "140121", ""), Declared::Outside, "a region without a name");
    }

    #[test]
    fn shanxi_places_come_from_the_division_data() {
        let places = places("14");
        for (name, code) in [
            ("山西", "14"),
            ("太原", "1401"),
            ("吕梁", "1411"),
            ("古交", "140181"),
            ("孝义", "141181"),
            ("怀仁", "140681"),
        ] {
            assert!(places.iter().any(|(n, c)| *n == name && c == code), "{name} {code}");
        }
        assert_eq!(places.len(), 1 + 11 + 11, "province, 11 prefecture-level and 11 county-level cities");
    }

    #[test]
    fn higher_authorities_contain_the_region() {
        assert_eq!(authority("100000", "14"), Authority::Higher("中央级"));
        assert_eq!(authority("140000", "1411"), Authority::Higher("省级"));
        assert_eq!(authority("140000", "14"), Authority::Inside);
        assert_eq!(authority("141100", "141102"), Authority::Higher("市级"));
        assert_eq!(authority("140105", "1411"), Authority::Outside);
        assert_eq!(authority("110000", "1411"), Authority::Outside);
    }
}
