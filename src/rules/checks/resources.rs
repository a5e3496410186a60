//! Criteria about research conditions: site area (by usage and 本部 as the pack says), instrument
//! original value, and R&D investment summed over the calendar years before the reference date's
//! year. Exact sums.

use chrono::Datelike;

use crate::model::{Category, Site};
use crate::quantity::{AreaM2, Yuan};
use crate::rules::engine::{uscc_key, Ctx, Eval};
use crate::rules::format::{area, money, money_gap};

/// Site area: sites whose usage is excluded are left out, and for the `headquarters_only`
/// categories so are sites not marked 本部. The message says what was counted and what was not.
pub fn area_min(
    ctx: &Ctx<'_>,
    min: AreaM2,
    exclude_usages: &[String],
    headquarters_only: &[Category],
) -> Eval {
    let required = format!("不少于 {}", area(i128::from(min.0)));
    let sites = &ctx.app.sites;
    if sites.is_empty() {
        return Eval::missing("尚未填写研发场地").required(required);
    }
    let hq_only = headquarters_only.contains(&ctx.app.category);
    if hq_only && !sites.iter().any(|s| s.headquarters) {
        return Eval::missing("尚未标注中心本部场地：综合类只计中心本部的使用面积，请在研发场地中勾选“本部”")
            .required(format!("中心本部{required}"));
    }
    let sum = |v: &[&Site]| -> i128 { v.iter().map(|s| i128::from(s.area.0)).sum() };
    let excluded = |s: &Site| exclude_usages.iter().any(|u| u == s.usage.trim());
    let (by_usage, rest): (Vec<&Site>, Vec<&Site>) = sites.iter().partition(|s| excluded(s));
    let (not_hq, counted): (Vec<&Site>, Vec<&Site>) =
        rest.into_iter().partition(|s| hq_only && !s.headquarters);
    let total = sum(&counted);
    let mut left_out = Vec::new();
    if !by_usage.is_empty() {
        left_out.push(format!(
            "用途为{}的 {} 处 {}",
            exclude_usages.join("、"),
            by_usage.len(),
            area(sum(&by_usage))
        ));
    }
    if !not_hq.is_empty() {
        left_out.push(format!("非本部场地 {} 处 {}", not_hq.len(), area(sum(&not_hq))));
    }
    let what = if hq_only { "中心本部场地" } else { "场地" };
    let mut counted_text = format!("计入{what} {} 处", counted.len());
    if !left_out.is_empty() {
        counted_text.push_str(&format!("，不计入{}", left_out.join("、")));
    }
    let blank: Vec<&Site> =
        counted.iter().copied().filter(|s| !exclude_usages.is_empty() && s.usage.trim().is_empty()).collect();
    let min = i128::from(min.0);
    let e = if total >= min && !blank.is_empty() && total - sum(&blank) < min {
        Eval::missing(format!(
            "研发场地面积 {}（{counted_text}），其中 {} 处未填写用途，无法确认不是{}用房，请补填用途",
            area(total),
            blank.len(),
            exclude_usages.join("、")
        ))
    } else if total >= min {
        Eval::pass(format!("研发场地面积 {}（{counted_text}），要求{required}", area(total)))
    } else {
        let gap = area(min - total);
        Eval::fail(format!("研发场地面积 {}（{counted_text}），要求{required}，尚差 {gap}", area(total)))
            .gap(gap)
    };
    e.found(area(total)).required(required)
}

pub fn instruments_min(ctx: &Ctx<'_>, min: Yuan) -> Eval {
    let required = format!("不少于 {}", money(i128::from(min.0)));
    if ctx.app.instruments.is_empty() {
        return Eval::missing("尚未填写科研仪器设备").required(required);
    }
    let total: i128 = ctx.app.instruments.iter().map(|i| i128::from(i.original_value.0)).sum();
    let min = i128::from(min.0);
    let n = ctx.app.instruments.len();
    let e = if total >= min {
        Eval::pass(format!("科研仪器设备 {n} 台（套），原值合计 {}，要求{required}", money(total)))
    } else {
        let gap = money_gap(min - total);
        Eval::fail(format!(
            "科研仪器设备 {n} 台（套），原值合计 {}，要求{required}，尚差 {gap}",
            money(total)
        ))
        .gap(gap)
    };
    e.found(money(total)).required(required)
}

/// The calendar years an R&D criterion sums: the `years` years before the reference year.
pub fn rd_window(as_of: chrono::NaiveDate, years: i32) -> std::ops::RangeInclusive<i32> {
    let last = as_of.year() - 1;
    (last - years + 1)..=last
}

pub fn rd_investment_min(ctx: &Ctx<'_>, min: Yuan, years: i32) -> Eval {
    let window = rd_window(ctx.as_of, years);
    let (first, last) = (*window.start(), *window.end());
    let required = format!("{first}—{last} 年合计不少于 {}", money(i128::from(min.0)));
    // One row per unit and year: a second row for the same unit and year is not summed again.
    let mut seen: Vec<(String, i32, usize)> = Vec::new();
    let mut repeated = Vec::new();
    let mut in_period = Vec::new();
    for (i, r) in ctx.app.rd_investments.iter().enumerate() {
        let key = uscc_key(&r.owner_uscc);
        if let Some((_, _, j)) = seen.iter().find(|(k, y, _)| *k == key && *y == r.year) {
            if window.contains(&r.year) {
                repeated.push(format!("第{}行与第{}行", i + 1, j + 1));
            }
            continue;
        }
        seen.push((key, r.year, i));
        if window.contains(&r.year) {
            in_period.push(r);
        }
    }
    let total: i128 = in_period.iter().map(|r| i128::from(r.amount.0)).sum();
    let absent: Vec<String> =
        window.clone().filter(|y| !in_period.iter().any(|r| r.year == *y)).map(|y| y.to_string()).collect();
    let min = i128::from(min.0);
    let found = format!("{first}—{last} 年合计 {}", money(total));
    let mut e = if total >= min {
        Eval::pass(format!("近 {years} 年研发投入 {found}，要求不少于 {}", money(min)))
    } else if !absent.is_empty() {
        Eval::missing(format!(
            "近 {years} 年研发投入 {found}，缺少 {} 年数据，要求不少于 {}",
            absent.join("、"),
            money(min)
        ))
    } else {
        let gap = money_gap(min - total);
        Eval::fail(format!("近 {years} 年研发投入 {found}，要求不少于 {}，尚差 {gap}", money(min))).gap(gap)
    };
    if !repeated.is_empty() {
        e.text.push_str(&format!(
            "；研发投入{}为同一单位同一年度，只计前一行，请核对合并",
            repeated.join("、")
        ));
    }
    e.found(found).required(required)
}
