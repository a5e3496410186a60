//! Administrative divisions (GB/T 2260) the registration-region check reads: the places of 山西
//! a declared registration place may name, and how a USCC's registration-authority code relates
//! to a region (inside it, issued by a higher authority, or elsewhere). The codes and names come
//! from the GB/T 2260 data in `validate::divisions`; none is typed here.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::validate::divisions as divisions_data;

/// The places of the region's province a declared registration place may name, by the name it
/// writes: the province and its prefecture-level cities without 省/市, its districts, counties and
/// county-level cities by their full name and, where two characters or more remain, without the
/// 区/县/市/旗 ("离石区" and "离石", "孝义市" and "孝义", "城区" alone), with their significant code
/// digits ("14", "1401", "140181"). From the GB/T 2260 data (`validate::divisions`), current codes
/// only.
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
        let names = if significant.len() <= 4 {
            vec![d.name.trim_end_matches('省').trim_end_matches('市')]
        } else {
            std::iter::once(d.name).chain(d.name.strip_suffix(['区', '县', '市', '旗'])).collect()
        };
        let province = out.entry(code.get(..2).unwrap_or(code)).or_default();
        for name in names.into_iter().filter(|n| n.chars().count() >= 2) {
            province.push((name, significant.to_string()));
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
    /// Names a place that may lie inside or outside the region: a district name two cities share
    /// ("城区" of 阳泉 and of 晋城) with no city to tell them apart, or a district and a city that
    /// do not belong together.
    Unclear,
}

/// Judges a declared place against a region given by its code prefix and name. The most precise
/// place named decides ("山西省太原市小店区" is 小店区); of two places of one name, the one whose
/// city is also named ("阳泉市城区"). A place not in the table is inside when it contains the
/// region's name.
pub fn declared(place: &str, prefix: &str, region_name: &str) -> Declared {
    let place = place.trim();
    if place.is_empty() {
        return Declared::Empty;
    }
    let province = prefix.get(..2).unwrap_or(prefix);
    let matched: Vec<(&str, &str)> =
        places(province).iter().filter(|(n, _)| place.contains(n)).map(|(n, c)| (*n, c.as_str())).collect();
    // A name only met inside a longer name also named ("城区" in "平城区") is not named itself.
    let mut named: Vec<&str> = matched
        .iter()
        .filter(|(n, _)| !matched.iter().any(|(m, _)| m.len() > n.len() && m.contains(n)))
        .map(|(_, c)| *c)
        .collect();
    named.sort_unstable();
    named.dedup();
    if named.is_empty() {
        return if !region_name.is_empty() && place.contains(region_name) {
            Declared::Inside
        } else {
            Declared::Outside
        };
    }
    // The most precise places named: those no other named place lies in.
    let within = |outer: &str, inner: &str| inner.len() > outer.len() && inner.starts_with(outer);
    let precise: Vec<&str> = named.iter().copied().filter(|c| !named.iter().any(|d| within(c, d))).collect();
    // Of those, the ones the most larger places named contain ("阳泉" confirms 阳泉's 城区).
    let confirmed = |c: &str| named.iter().filter(|d| within(d, c)).count();
    let most = precise.iter().map(|c| confirmed(c)).max().unwrap_or(0);
    let mut judged = precise.iter().filter(|c| confirmed(c) == most).map(|c| {
        if c.starts_with(prefix) {
            Declared::Inside
        } else if prefix.starts_with(c) {
            Declared::TooCoarse
        } else {
            Declared::Outside
        }
    });
    let first = judged.next().unwrap_or(Declared::Outside);
    if judged.all(|j| j == first) {
        first
    } else {
        Declared::Unclear
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

    use Declared::{Empty, Inside, Outside, TooCoarse, Unclear};

    /// Each (place, region code prefix, region name) is judged as expected.
    fn judged(cases: &[(&str, &str, &str, Declared)]) {
        for &(place, prefix, region, want) in cases {
            assert_eq!(declared(place, prefix, region), want, "“{place}” for {region} ({prefix})");
        }
    }

    #[test]
    fn the_most_precise_place_named_decides() {
        judged(&[
            ("山西省太原市", "14", "山西", Inside),
            ("太原市", "14", "山西", Inside),
            ("山西省太原市", "1411", "吕梁", Outside),
            ("山西省孝义市", "1411", "吕梁", Inside),
            ("山西省", "1411", "吕梁", TooCoarse),
            ("北京市海淀区", "14", "山西", Outside),
            ("  ", "14", "山西", Empty),
        ]);
    }

    #[test]
    fn a_district_or_county_of_the_region_is_inside_it() {
        for place in ["离石区", "离石", "山西省吕梁市离石区", "交城县", "孝义市", "孝义", "兴县"]
        {
            judged(&[(place, "1411", "吕梁", Inside)]);
        }
        judged(&[
            ("小店区", "1411", "吕梁", Outside),
            ("山西省太原市小店区", "1401", "太原", Inside),
            ("山西转型综合改革示范区", "1401", "太原", Inside),
            ("离石区", "14", "山西", Inside),
        ]);
    }

    #[test]
    fn a_name_inside_a_longer_name_is_not_named_by_itself() {
        // 平城区 (大同) holds 城区 (阳泉, 晋城); 岢岚县 holds 岚县; 新绛县 holds 绛县.
        judged(&[
            ("大同市平城区", "1403", "阳泉", Outside),
            ("平城区", "1402", "大同", Inside),
            ("忻州市岢岚县", "1411", "吕梁", Outside),
            ("岚县", "1411", "吕梁", Inside),
            ("新绛县", "140826", "绛县", Outside),
        ]);
    }

    #[test]
    fn a_district_two_cities_share_is_told_apart_by_its_city_or_left_unclear() {
        judged(&[
            ("阳泉市城区", "1403", "阳泉", Inside),
            ("山西省晋城市城区", "1403", "阳泉", Outside),
            ("城区", "1403", "阳泉", Unclear),
            ("城区", "1405", "晋城", Unclear),
            ("城区", "1411", "吕梁", Outside), // neither 城区 is in 吕梁
            ("城区", "14", "山西", Inside),    // both are in 山西
            // A district and a city that do not belong together.
            ("吕梁市小店区", "1411", "吕梁", Unclear),
            ("吕梁市小店区", "1402", "大同", Outside),
        ]);
    }

    #[test]
    fn a_place_not_in_the_table_is_inside_when_it_names_the_region() {
        // Only a region outside every province of the table has no place to match.
        judged(&[
            ("示范区内", "99", "示范区", Inside),
            ("示范园", "99", "示范区", Outside),
            ("示范区", "99", "", Outside), // a region without a name
        ]);
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
            ("孝义市", "141181"),
            ("离石区", "141102"),
            ("离石", "141102"),
            ("城区", "140302"),
            ("城区", "140502"),
            ("兴县", "141123"),
            ("山西转型综合改革示范区", "140171"),
        ] {
            assert!(places.iter().any(|(n, c)| *n == name && c == code), "{name} {code}");
        }
        assert!(!places.iter().any(|(n, _)| ["城", "兴"].contains(n)), "a one-character stem");
        let counties = places
            .iter()
            .filter(|(_, c)| c.len() == 6)
            .map(|(_, c)| c)
            .collect::<std::collections::HashSet<_>>();
        assert_eq!(
            counties.len(),
            121,
            "117 districts, counties and county-level cities and 4 zones of 2023"
        );
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
