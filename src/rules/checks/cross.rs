//! Cross criteria: questions put to the cross view (other applications, existing
//! platforms). An unknown answer is missing data, never met.

use crate::rules::cross::{CrossAnswer, Duplicate, Unverified};
use crate::rules::engine::{Ctx, Eval, Outcome};
use crate::rules::pack::CrossCheck;

fn subject(q: CrossCheck) -> &'static str {
    match q {
        CrossCheck::OnePerYear => "本年度同一平台申报次数",
        CrossCheck::NotAlreadyBuilt => "平台及其人员是否已建",
        CrossCheck::NoDoubleResources => "人员、成果、仪器设备、场所是否多头或重复申请",
        CrossCheck::StaffExclusive => "固定人员是否在其他平台任固定人员",
        CrossCheck::NameUnique => "名称是否与已建平台重复或近似",
        CrossCheck::NoConcurrent { .. } => "主任及固定人员是否兼任已建平台主任或固定人员",
        CrossCheck::RecommendationCount { .. } => "本市推荐数量",
    }
}

/// 未核验: the reason and what would make the criterion checkable.
fn not_verified(subject: &str, u: Unverified) -> Eval {
    let mut e = Eval::new(Outcome::NotVerified, format!("{subject}：未核验——{}；{}", u.reason, u.remedy));
    e.unverified = Some(u);
    e
}

fn warned(subject: &str, dups: Vec<Duplicate>) -> Eval {
    let n = dups.len();
    let first = dups.first().map(|d| d.detail.clone()).unwrap_or_default();
    let mut e = Eval::new(Outcome::Warn, format!("{subject}：有 {n} 处需核对，如：{first}"))
        .found(format!("{n} 处需核对"));
    e.duplicates = dups;
    e
}

pub fn answer(ctx: &Ctx<'_>, q: CrossCheck) -> Eval {
    match ctx.cross.answer(q, ctx.app, ctx.as_of) {
        CrossAnswer::Unknown => {
            Eval::missing(format!("{}：尚无本地已建平台和其他申报数据，无法核对", subject(q)))
        }
        CrossAnswer::Missing(what) => Eval::missing(format!("{}：{what}，无法核对", subject(q))),
        CrossAnswer::NotVerified(u) => not_verified(subject(q), u),
        CrossAnswer::Warning(dups) => warned(subject(q), dups),
        CrossAnswer::Clear => Eval::pass(format!("{}：已与本地库核对，未发现冲突", subject(q))),
        CrossAnswer::Found(dups) => {
            let n = dups.len();
            let first = dups.first().map(|d| d.detail.clone()).unwrap_or_default();
            let mut e = Eval::fail(format!("{}：发现 {n} 处冲突，如：{first}", subject(q)))
                .found(format!("{n} 处冲突"));
            e.duplicates = dups;
            e
        }
    }
}

pub fn recommendation_letter(ctx: &Ctx<'_>, max_per_city: u32) -> Eval {
    let required = format!("市政府出函推荐，每市不超过 {max_per_city} 个");
    if !ctx.app.recommendation_letter {
        return Eval::fail("综合类须由所在市政府出函推荐，尚未附推荐函").found("无推荐函").required(required);
    }
    let q = CrossCheck::RecommendationCount { max_per_city };
    let e = match ctx.cross.answer(q, ctx.app, ctx.as_of) {
        CrossAnswer::Unknown => Eval::missing(format!(
            "已附市政府推荐函；本市推荐数量（不超过 {max_per_city} 个）尚无本地数据核对"
        )),
        CrossAnswer::Missing(what) => Eval::missing(format!(
            "已附市政府推荐函；{what}，无法核对本市推荐数量（不超过 {max_per_city} 个）"
        )),
        CrossAnswer::NotVerified(u) => not_verified("已附市政府推荐函；本市推荐数量", u),
        CrossAnswer::Warning(dups) => warned("已附市政府推荐函；本市推荐数量", dups),
        CrossAnswer::Clear => Eval::pass("已附市政府推荐函，本市推荐数量未超出"),
        CrossAnswer::Found(dups) => {
            let mut e = Eval::new(
                Outcome::Fail,
                format!("本市推荐数量超过 {max_per_city} 个（另有 {} 个）", dups.len()),
            );
            e.duplicates = dups;
            e
        }
    };
    e.found("已附推荐函").required(required)
}
