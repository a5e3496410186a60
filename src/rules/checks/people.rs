//! Criteria about people: fixed staff counts, the director (age in 周岁, title, record,
//! employer, honours), employers of the fixed staff, and team quality.

use chrono::{Datelike, NaiveDate};

use crate::model::{Education, IdKind, Person, Title};
use crate::rules::engine::{attested, Ctx, Eval, Outcome};
use crate::rules::format::{list_some, percent};
use crate::rules::pack::Criterion;
use crate::validate::parse_resident_id;

/// Age in 周岁 on `on`, per 《民法典》第二百零一、二百零二条 (and 法释〔2006〕1号 第二条): a year
/// of age is completed at the end of the birthday's anniversary, so one is 满N周岁 only from the
/// day after the Nth birthday; on the birthday itself the previous age holds. A 29 February
/// birthday's anniversary in a common year is 28 February (第二百零三条: the month's last day).
/// `None` when `on` is before the birth date.
pub fn age_on(birth: NaiveDate, on: NaiveDate) -> Option<i64> {
    if on < birth {
        return None;
    }
    let mut years = i64::from(on.year()) - i64::from(birth.year());
    if (on.month(), on.day()) <= (birth.month(), birth.day()) {
        years -= 1;
    }
    Some(years.max(0))
}

/// Whether `on` is a birthday anniversary of `birth` (the boundary day of `age_on`).
pub fn is_birthday(birth: NaiveDate, on: NaiveDate) -> bool {
    on > birth
        && ((on.month(), on.day()) == (birth.month(), birth.day())
            || ((birth.month(), birth.day()) == (2, 29)
                && (on.month(), on.day()) == (2, 28)
                && !on.leap_year()))
}

/// The birth date entered, else the one in a resident ID number the core accepts (a number that
/// fails validation gives none: a refused value never counts).
pub fn birth_date_of(p: &Person) -> Option<NaiveDate> {
    if p.birth_date.is_some() {
        return p.birth_date;
    }
    if p.id_doc.kind != IdKind::ResidentId {
        return None;
    }
    parse_resident_id(&p.id_doc.number).ok().map(|id| id.birth_date)
}

fn no_director() -> Eval {
    Eval::missing("尚未在人员名单中指定中心主任")
}

pub fn fixed_staff_min(ctx: &Ctx<'_>, min: i64) -> Eval {
    if ctx.app.people.is_empty() {
        return Eval::missing("尚未填写人员名单").required(format!("不少于 {min} 人"));
    }
    let n = ctx.fixed_staff().count() as i64;
    let e = if n >= min {
        Eval::pass(format!("固定人员 {n} 人，要求不少于 {min} 人"))
    } else {
        Eval::fail(format!("固定人员 {n} 人，要求不少于 {min} 人，尚差 {} 人", min - n))
            .gap(format!("{} 人", min - n))
    };
    e.found(format!("{n} 人")).required(format!("不少于 {min} 人"))
}

pub fn director_age_max(ctx: &Ctx<'_>, max: i64) -> Eval {
    let Some(d) = ctx.director() else { return no_director() };
    let required = format!("不超过 {max} 周岁");
    let Some(birth) = birth_date_of(d) else {
        let why = if d.id_doc.kind == IdKind::ResidentId && !d.id_doc.number.trim().is_empty() {
            "的出生日期未填写，身份证号码无效，无法推算"
        } else {
            "的出生日期未填写"
        };
        return Eval::missing(format!("中心主任 {}{why}", d.name)).required(required);
    };
    let Some(age) = age_on(birth, ctx.as_of) else {
        return Eval::missing(format!("中心主任 {} 的出生日期 {birth} 晚于参考日期 {}", d.name, ctx.as_of))
            .required(required);
    };
    let found = format!("{age} 周岁（{birth} 出生，按 {} 计）", ctx.as_of);
    let rule = if is_birthday(birth, ctx.as_of) {
        format!("（参考日期为其生日，按《民法典》第二百零一条，周岁自生日次日起算，当日仍为 {age} 周岁）")
    } else {
        String::new()
    };
    let e = if age <= max {
        Eval::pass(format!("中心主任 {} 于 {} 为 {age} 周岁{rule}，要求不超过 {max} 周岁", d.name, ctx.as_of))
    } else {
        Eval::fail(format!(
            "中心主任 {} 于 {} 为 {age} 周岁，要求不超过 {max} 周岁，超出 {} 岁",
            d.name,
            ctx.as_of,
            age - max
        ))
        .gap(format!("超出 {} 岁", age - max))
    };
    e.found(found).required(required)
}

pub fn director_title(ctx: &Ctx<'_>, titles: &[Title]) -> Eval {
    let Some(d) = ctx.director() else { return no_director() };
    let wanted: Vec<&str> = titles.iter().map(|t| t.label()).collect();
    let required = format!("{}职称", wanted.join("或"));
    Eval::when(
        titles.contains(&d.title),
        format!("中心主任 {} 的职称为{}，要求{required}", d.name, d.title.label()),
    )
    .found(d.title.label())
    .required(required)
}

/// The director's 全职全时 attestation against what the registry view found: confirmed and not
/// contradicted is met; contradicted stays 待确认 with the conflict named (never 不可申报: the
/// shares may be wrong rather than the person over-committed).
pub fn director_full_time(ctx: &Ctx<'_>, c: &Criterion) -> Eval {
    if !attested(ctx, &c.id) {
        return Eval::new(Outcome::Unconfirmed, format!("{}：申请人尚未确认", c.title));
    }
    let found = ctx.cross.director_commitment(ctx.app, ctx.as_of);
    let Some(first) = found.first() else { return Eval::pass("申请人已确认") };
    let mut e = Eval::new(
        Outcome::Unconfirmed,
        format!("申请人已确认中心主任全职全时在本中心工作，但{}", first.detail),
    )
    .found("主任在其他申报或已建平台另有全职、主任或投入");
    e.duplicates = found;
    e
}

pub fn director_record(ctx: &Ctx<'_>) -> Eval {
    let Some(d) = ctx.director() else { return no_director() };
    let (a, p) = (d.awards_first_completer.len(), d.projects_first_pi.len());
    let found = format!("第一完成人科技奖励 {a} 项，第一负责人科技计划项目 {p} 项");
    let e = if a + p > 0 {
        Eval::pass(format!("中心主任 {}：{found}", d.name))
    } else {
        Eval::fail(format!(
            "中心主任 {} 未填写作为第一完成人的省部级以上科技奖励或作为第一负责人的省部级以上科技计划项目",
            d.name
        ))
    };
    e.found(found).required("至少 1 项省部级（含）以上科技奖励（第一完成人）或科技计划项目（第一负责人）")
}

pub fn director_employer(ctx: &Ctx<'_>) -> Eval {
    let Some(d) = ctx.director() else { return no_director() };
    match ctx.employer_index(d) {
        Some(i) => {
            Eval::pass(format!("中心主任 {} 的人事关系在依托单位 {}", d.name, ctx.app.host_units[i].name))
                .found(ctx.app.host_units[i].name.clone())
        }
        None => {
            let employer = if d.employer_name.trim().is_empty() {
                "未填写".to_string()
            } else {
                d.employer_name.clone()
            };
            Eval::fail(format!("中心主任 {} 的人事关系不在任何依托单位（工作单位：{employer}）", d.name))
                .found(employer)
                .required("人事关系在依托单位")
        }
    }
}

pub fn director_honours(ctx: &Ctx<'_>) -> Eval {
    let Some(d) = ctx.director() else { return no_director() };
    if d.honours.is_empty() {
        Eval::fail(format!("中心主任 {} 未填写院士、国家杰出青年科学基金获得者等称号", d.name))
    } else {
        Eval::pass(format!("中心主任 {} 为高层次人才（{} 项称号）", d.name, d.honours.len()))
    }
}

pub fn staff_employer(ctx: &Ctx<'_>) -> Eval {
    let fixed: Vec<&Person> = ctx.fixed_staff().collect();
    if fixed.is_empty() {
        return Eval::missing("尚未填写固定人员");
    }
    let outside: Vec<String> =
        fixed.iter().filter(|p| ctx.employer_index(p).is_none()).map(|p| p.name.clone()).collect();
    if outside.is_empty() {
        Eval::pass(format!("固定人员 {} 人均为依托单位工作人员", fixed.len()))
            .found(format!("{} 人均在依托单位", fixed.len()))
    } else {
        Eval::fail(format!(
            "{} 名固定人员不是依托单位工作人员：{}",
            outside.len(),
            list_some(&outside, 5, "人")
        ))
        .found(format!("{} 人不在依托单位", outside.len()))
        .required("全部固定人员为依托单位工作人员")
        .gap(format!("{} 人", outside.len()))
    }
}

pub fn team_quality_min(ctx: &Ctx<'_>, min_percent: i64, education_min: Education, title_min: Title) -> Eval {
    let fixed: Vec<&Person> = ctx.fixed_staff().collect();
    let required = format!(
        "{}及以上学历或{}及以上职称者不低于 {min_percent}%",
        education_min.short(),
        title_min.label()
    );
    if fixed.is_empty() {
        return Eval::missing("尚未填写固定人员").required(required);
    }
    let total = fixed.len() as i128;
    let ok = fixed.iter().filter(|p| p.education >= education_min || p.title >= title_min).count() as i128;
    let found = format!("{ok}/{total} 人（{}）", percent(ok, total));
    let pass = ok * 100 >= total * i128::from(min_percent);
    let mut e = Eval::when(pass, format!("符合学历或职称要求的 {found}，要求{required}"));
    if !pass {
        let min = i128::from(min_percent);
        // Existing members to qualify: smallest n with (ok + n) * 100 >= total * min.
        let upgrade = (total * min + 99) / 100 - ok;
        let mut gap = format!("现有人员中尚需 {upgrade} 人达到要求");
        // Or qualified members to add: smallest m with (ok + m) * 100 >= (total + m) * min.
        if min < 100 {
            let add = (total * min - ok * 100 + (100 - min - 1)) / (100 - min);
            gap.push_str(&format!("，或新增 {add} 名符合条件的人员"));
        }
        e = Eval::fail(format!("符合学历或职称要求的 {found}，要求{required}，{gap}")).gap(gap);
    }
    e.found(found).required(required)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn age_in_zhousui() {
        assert_eq!(age_on(d("1963-05-07"), d("2024-05-06")), Some(60));
        // On the 61st birthday still 60 (满61周岁 from the day after).
        assert_eq!(age_on(d("1963-05-06"), d("2024-05-06")), Some(60));
        assert_eq!(age_on(d("1963-05-05"), d("2024-05-06")), Some(61));
        assert_eq!(age_on(d("1963-05-06"), d("1963-05-06")), Some(0));
        assert!(is_birthday(d("1963-05-06"), d("2024-05-06")));
        // The day of birth itself starts no year of age: it is not an anniversary.
        assert!(!is_birthday(d("1963-05-06"), d("1963-05-06")));
        assert!(is_birthday(d("2000-02-29"), d("2001-02-28")));
        assert!(!is_birthday(d("2000-02-29"), d("2004-02-28")));
        assert_eq!(age_on(d("2000-02-29"), d("2001-02-28")), Some(0));
        assert_eq!(age_on(d("2000-02-29"), d("2001-03-01")), Some(1));
        assert_eq!(age_on(d("2025-01-01"), d("2024-05-06")), None);
    }
}
