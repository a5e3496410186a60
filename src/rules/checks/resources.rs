//! Criteria about research conditions: site area, instrument original value, and R&D
//! investment summed over the calendar years before the reference date's year. Exact sums.

use chrono::Datelike;

use crate::quantity::{AreaM2, Yuan};
use crate::rules::engine::{Ctx, Eval};
use crate::rules::format::{area, money, money_gap};

pub fn area_min(ctx: &Ctx<'_>, min: AreaM2) -> Eval {
    let required = format!("不少于 {}", area(i128::from(min.0)));
    if ctx.app.sites.is_empty() {
        return Eval::missing("尚未填写研发场地").required(required);
    }
    let total: i128 = ctx.app.sites.iter().map(|s| i128::from(s.area.0)).sum();
    let min = i128::from(min.0);
    let e = if total >= min {
        Eval::pass(format!("研发场地面积 {}，要求{required}", area(total)))
    } else {
        Eval::fail(format!("研发场地面积 {}，要求{required}，尚差 {}", area(total), area(min - total)))
            .gap(area(min - total))
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
        Eval::fail(format!(
            "科研仪器设备 {n} 台（套），原值合计 {}，要求{required}，尚差 {}",
            money(total),
            money_gap(min - total)
        ))
        .gap(money_gap(min - total))
    };
    e.found(money(total)).required(required)
}

pub fn rd_investment_min(ctx: &Ctx<'_>, min: Yuan, years: i32) -> Eval {
    let last = ctx.as_of.year() - 1;
    let first = last - years + 1;
    let required = format!("{first}—{last} 年合计不少于 {}", money(i128::from(min.0)));
    let in_period: Vec<_> =
        ctx.app.rd_investments.iter().filter(|r| (first..=last).contains(&r.year)).collect();
    let total: i128 = in_period.iter().map(|r| i128::from(r.amount.0)).sum();
    let absent: Vec<String> =
        (first..=last).filter(|y| !in_period.iter().any(|r| r.year == *y)).map(|y| y.to_string()).collect();
    let min = i128::from(min.0);
    let found = format!("{first}—{last} 年合计 {}", money(total));
    let e = if total >= min {
        Eval::pass(format!("近 {years} 年研发投入 {found}，要求不少于 {}", money(min)))
    } else if !absent.is_empty() {
        Eval::missing(format!(
            "近 {years} 年研发投入 {found}，缺少 {} 年数据，要求不少于 {}",
            absent.join("、"),
            money(min)
        ))
    } else {
        Eval::fail(format!(
            "近 {years} 年研发投入 {found}，要求不少于 {}，尚差 {}",
            money(min),
            money_gap(min - total)
        ))
        .gap(money_gap(min - total))
    };
    e.found(found).required(required)
}
