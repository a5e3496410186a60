//! Chinese wording of quantities in messages: people, money in 万元, areas, percentages.
//! Exact integer arithmetic only; no floats.

/// "1999.9999 万元" from an amount in 元 (may exceed i64 when summed).
pub fn money(yuan: i128) -> String {
    let sign = if yuan < 0 { "-" } else { "" };
    let abs = yuan.unsigned_abs();
    let (whole, frac) = (abs / 10_000, abs % 10_000);
    if frac == 0 {
        format!("{sign}{whole} 万元")
    } else {
        let frac = format!("{frac:04}");
        format!("{sign}{whole}.{} 万元", frac.trim_end_matches('0'))
    }
}

/// A money gap, also in 元 when below one 万元 so "0.0001 万元" reads "1 元".
pub fn money_gap(yuan: i128) -> String {
    if yuan.unsigned_abs() < 10_000 {
        format!("{yuan} 元")
    } else {
        money(yuan)
    }
}

/// "1999.99 平方米" from hundredths of a square metre.
pub fn area(hundredths: i128) -> String {
    let sign = if hundredths < 0 { "-" } else { "" };
    let abs = hundredths.unsigned_abs();
    let (whole, frac) = (abs / 100, abs % 100);
    if frac == 0 {
        format!("{sign}{whole} 平方米")
    } else if frac % 10 == 0 {
        format!("{sign}{whole}.{} 平方米", frac / 10)
    } else {
        format!("{sign}{whole}.{frac:02} 平方米")
    }
}

/// "62.5%" of part / total, rounded to one decimal (11/12 is "91.7%"); "—" when total is 0.
/// A share just below a whole percent is never rounded up onto it (1999/4000 is "49.9%", not
/// "50%"): thresholds are whole percents, and a figure must not seem to reach one it misses.
pub fn percent(part: i128, total: i128) -> String {
    if total <= 0 {
        return "—".into();
    }
    let floor = part.saturating_mul(1000).div_euclid(total);
    let rest = part.saturating_mul(1000).rem_euclid(total);
    let up = rest.saturating_mul(2) >= total && (floor + 1) % 10 != 0;
    let per_mille = if up { floor + 1 } else { floor };
    if per_mille % 10 == 0 {
        format!("{}%", per_mille / 10)
    } else {
        format!("{}.{}%", per_mille / 10, (per_mille % 10).abs())
    }
}

/// At most `n` names joined by "、", with "等 N 人/项" when more.
pub fn list_some(items: &[String], n: usize, unit: &str) -> String {
    if items.len() <= n {
        items.join("、")
    } else {
        format!("{}等 {} {unit}", items[..n].join("、"), items.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wording() {
        assert_eq!(money(19_999_999), "1999.9999 万元");
        assert_eq!(money(20_000_000), "2000 万元");
        assert_eq!(money_gap(1), "1 元");
        // Nothing entered reads "0", never "-0"; a negative amount (a loss) keeps its sign.
        assert_eq!(money(0), "0 万元");
        assert_eq!(money(-15_000), "-1.5 万元");
        // A gap of one 万元 or more is in 万元; below it, in 元.
        assert_eq!(money_gap(9_999), "9999 元");
        assert_eq!(money_gap(10_000), "1 万元");
        assert_eq!(money_gap(-9_999), "-9999 元");
        assert_eq!(money_gap(-10_000), "-1 万元");
        assert_eq!(area(0), "0 平方米");
        assert_eq!(area(-150), "-1.5 平方米");
        assert_eq!(area(5), "0.05 平方米");
        assert_eq!(area(199_999), "1999.99 平方米");
        assert_eq!(area(200_050), "2000.5 平方米");
        assert_eq!(percent(1, 2), "50%");
        assert_eq!(percent(5, 8), "62.5%");
        // Rounded, not truncated: 11/12 = 91.66…%.
        assert_eq!(percent(11, 12), "91.7%");
        assert_eq!(percent(1, 3), "33.3%");
        // Below / at / above a whole percent: never rounded up onto it.
        assert_eq!(percent(1999, 4000), "49.9%");
        assert_eq!(percent(2000, 4000), "50%");
        assert_eq!(percent(2001, 4000), "50%");
        assert_eq!(percent(1, 0), "—");
        let names: Vec<String> = ["张三", "李四", "王五"].iter().map(|n| n.to_string()).collect();
        assert_eq!(list_some(&names[..2], 2, "人"), "张三、李四");
        assert_eq!(list_some(&names, 2, "人"), "张三、李四等 3 人");
    }
}
