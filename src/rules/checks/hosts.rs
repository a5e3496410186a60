//! Criteria about host units (依托单位): legal status, count (all members or core members),
//! registration region (the declared place decides, the USCC's division code confirms), the lead host's record,
//! share and co-builder rules, other hosts' staff, agreements, safety self-checks, flags.

use crate::model::{Achievement, AchievementKind, HostUnit, PlatformLevel, UnitKind};
use crate::rules::divisions::{self, Authority, Declared};
use crate::rules::engine::{attested, Ctx, Eval, Outcome};
use crate::rules::format::{area, list_some, money, percent};
use crate::rules::pack::{Criterion, HostFlag, Region, Scope};
use crate::validate::{parse_uscc, Uscc, UsccError};

fn no_hosts() -> Eval {
    Eval::missing("尚未填写依托单位")
}

pub fn legal_entity(ctx: &Ctx<'_>) -> Eval {
    if ctx.app.host_units.is_empty() {
        return no_hosts();
    }
    let not: Vec<String> =
        ctx.app.host_units.iter().filter(|h| !h.independent_legal_person).map(|h| h.name.clone()).collect();
    if !not.is_empty() {
        Eval::fail(format!("以下依托单位不具有独立法人资格：{}", not.join("、")))
            .found(format!("{} 家不具有独立法人资格", not.len()))
            .required("全部依托单位具有独立法人资格")
    } else {
        Eval::pass(format!("{} 家依托单位均具有独立法人资格", ctx.app.host_units.len()))
    }
}

pub fn count_max(ctx: &Ctx<'_>, max: i64) -> Eval {
    if ctx.app.host_units.is_empty() {
        return no_hosts();
    }
    let n = ctx.app.host_units.len() as i64;
    let e = if n <= max {
        Eval::pass(format!("依托（成员）单位 {n} 家，要求不超过 {max} 家"))
    } else {
        Eval::fail(format!("依托（成员）单位 {n} 家，要求不超过 {max} 家，超出 {} 家", n - max))
            .gap(format!("超出 {} 家", n - max))
    };
    e.found(format!("{n} 家")).required(format!("不超过 {max} 家"))
}

/// At least `min` units; with `core_only`, only units marked as core members (核心成员) count.
pub fn count_min(ctx: &Ctx<'_>, min: i64, core_only: bool) -> Eval {
    if ctx.app.host_units.is_empty() {
        return no_hosts().required(format!("不少于 {min} 家"));
    }
    let all = ctx.app.host_units.len() as i64;
    let (n, what, left_out) = if core_only {
        let core = ctx.app.host_units.iter().filter(|h| h.core_member).count() as i64;
        let rest = all - core;
        let left_out = if rest > 0 {
            format!("（另有 {rest} 家非核心成员，不计入）")
        } else {
            String::new()
        };
        (core, "核心成员单位", left_out)
    } else {
        (all, "依托（成员）单位", String::new())
    };
    let e = if n >= min {
        Eval::pass(format!("{what} {n} 家{left_out}，要求不少于 {min} 家"))
    } else {
        Eval::fail(format!("{what} {n} 家{left_out}，要求不少于 {min} 家，尚差 {} 家", min - n))
            .gap(format!("{} 家", min - n))
    };
    e.found(format!("{n} 家")).required(format!("不少于 {min} 家"))
}

fn registered_one(
    h: &HostUnit,
    uscc: &Uscc,
    region: &Region,
    require_legal_person: bool,
    kinds: &[UnitKind],
) -> (Outcome, String) {
    let mut problems = Vec::new();
    if require_legal_person && !h.independent_legal_person {
        problems.push("不具有独立法人资格".to_string());
    }
    if !kinds.is_empty() && !kinds.contains(&h.kind) {
        let allowed: Vec<&str> = kinds.iter().map(|k| k.label()).collect();
        problems.push(format!("单位类型为{}，要求为{}", h.kind.label(), allowed.join("、")));
    }
    let (mut outcome, text) = region_verdict(h, uscc.region_code(), region);
    if !problems.is_empty() {
        outcome = Outcome::Fail;
        return (outcome, format!("{}；{}", text, problems.join("；")));
    }
    (outcome, text)
}

/// The declared registration place decides; the USCC's registration-authority code confirms
/// it. A code of a higher authority that contains the region does not contradict a declared
/// place inside it; a code elsewhere against a declared place inside is a warning to check.
fn region_verdict(h: &HostUnit, code: &str, region: &Region) -> (Outcome, String) {
    let name = &h.name;
    let rn = &region.name;
    let place = h.registered_region.trim();
    let declared = divisions::declared(place, &region.code_prefix, rn);
    match (divisions::authority(code, &region.code_prefix), declared) {
        (Authority::Inside, Declared::Outside) => (
            Outcome::Warn,
            format!("{name}：统一社会信用代码区划码 {code} 属{rn}，但填写的登记地为“{place}”，请核对"),
        ),
        (Authority::Inside, _) => {
            (Outcome::Pass, format!("{name}：统一社会信用代码区划码 {code}，在{rn}注册"))
        }
        (Authority::Higher(level), Declared::Inside) => (
            Outcome::Pass,
            format!(
                "{name}：登记地“{place}”在{rn}；统一社会信用代码区划码 {code} 为{level}登记机关代码，与登记地不矛盾"
            ),
        ),
        (Authority::Higher(level), Declared::Outside) => (
            Outcome::Fail,
            format!("{name}：登记地“{place}”不在{rn}（统一社会信用代码区划码 {code} 为{level}登记机关代码）"),
        ),
        (Authority::Higher(_) | Authority::Outside, Declared::Unclear) => (
            Outcome::Missing,
            format!(
                "{name}：登记地“{place}”可指不同的市县，不能判断是否在{rn}，请写明所在市县（统一社会信用代码区划码 {code}）"
            ),
        ),
        (Authority::Higher(level), _) => (
            Outcome::Missing,
            format!(
                "{name}：统一社会信用代码区划码 {code} 为{level}登记机关代码，不能说明是否在{rn}注册，请填写登记地（到市县）"
            ),
        ),
        (Authority::Outside, Declared::Inside) => (
            Outcome::Warn,
            format!(
                "{name}：填写的登记地“{place}”在{rn}，但统一社会信用代码区划码 {code} 不属{rn}，请核对登记地与代码"
            ),
        ),
        (Authority::Outside, Declared::Empty) => (
            Outcome::Fail,
            format!("{name}：统一社会信用代码区划码 {code} 不属{rn}，且未填写登记地"),
        ),
        (Authority::Outside, Declared::TooCoarse) => (
            Outcome::Fail,
            format!("{name}：统一社会信用代码区划码 {code} 不属{rn}，登记地“{place}”未写明所在市县"),
        ),
        (Authority::Outside, Declared::Outside) => (
            Outcome::Fail,
            format!("{name}：统一社会信用代码区划码 {code} 不属{rn}，登记地“{place}”也不在{rn}"),
        ),
    }
}

/// A credit code the core refuses: the host cannot be judged registered anywhere until it is fixed.
fn refused_uscc(h: &HostUnit, e: UsccError) -> (Outcome, String) {
    let text = match e {
        UsccError::BadCheckCharacter { expected, found } => format!(
            "{}：统一社会信用代码校验位错误，请核对营业执照（按前17位计算应为{expected}，现为{found}），核对前不能判断注册地",
            h.name
        ),
        _ => format!("{}：统一社会信用代码{}", h.name, e.detail()),
    };
    (Outcome::Missing, text)
}

pub fn registered(
    ctx: &Ctx<'_>,
    region: &Region,
    scope: Scope,
    require_legal_person: bool,
    kinds: &[UnitKind],
) -> Eval {
    let hosts: &[HostUnit] = match scope {
        Scope::Lead => ctx.app.host_units.get(..1).unwrap_or(&[]),
        Scope::All => &ctx.app.host_units,
    };
    if hosts.is_empty() {
        return no_hosts();
    }
    let results: Vec<(Outcome, String)> = hosts
        .iter()
        // The code as the core reads it: half-width, without spaces, upper-case.
        .map(|h| match parse_uscc(&h.uscc) {
            Ok(uscc) => registered_one(h, &uscc, region, require_legal_person, kinds),
            Err(e) => refused_uscc(h, e),
        })
        .collect();
    let worst = [Outcome::Fail, Outcome::Missing, Outcome::Warn]
        .into_iter()
        .find(|o| results.iter().any(|(r, _)| r == o))
        .unwrap_or(Outcome::Pass);
    let text = results.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>().join("；");
    let required = format!(
        "在{}注册登记（以登记地为准；统一社会信用代码区划码以 {} 开头，或为上级登记机关代码）",
        region.name, region.code_prefix
    );
    Eval::new(worst, text).required(required)
}

pub fn lead_led_tasks(ctx: &Ctx<'_>) -> Eval {
    let Some(lead) = ctx.lead() else { return no_hosts() };
    if lead.led_national_or_provincial_tasks {
        Eval::pass(format!("第一依托单位 {} 牵头承担过国家或省部级科技任务", lead.name))
    } else {
        Eval::fail(format!("第一依托单位 {} 未填写牵头承担过国家或省部级科技任务", lead.name))
    }
}

fn is_ip(k: AchievementKind) -> bool {
    matches!(
        k,
        AchievementKind::InventionPatent
            | AchievementKind::UtilityPatent
            | AchievementKind::DesignPatent
            | AchievementKind::Software
    )
}

/// An achievement row counts once it has a title: a row just added (empty) is not yet one.
fn is_entered(a: &Achievement) -> bool {
    !a.title.trim().is_empty()
}

pub fn lead_own_ip(ctx: &Ctx<'_>, require_applied: bool) -> Eval {
    let Some(lead) = ctx.lead() else { return no_hosts() };
    let own: Vec<_> = ctx
        .app
        .achievements
        .iter()
        .filter(|a| is_entered(a) && ctx.host_index(&a.owner_uscc) == Some(0))
        .collect();
    let ip = own.iter().filter(|a| is_ip(a.kind)).count();
    let applied = own.iter().filter(|a| a.applied).count();
    let has_ip = lead.own_ip || ip > 0;
    let has_applied = lead.applied_results || applied > 0;
    let found = format!("名下专利、软件著作权等 {ip} 项，已应用成果 {applied} 项");
    let mut missing = Vec::new();
    if !has_ip {
        missing.push("自主知识产权");
    }
    if require_applied && !has_applied {
        missing.push("获得应用的创新成果");
    }
    if missing.is_empty() {
        Eval::pass(format!("第一依托单位 {}：{found}", lead.name)).found(found)
    } else {
        Eval::fail(format!("第一依托单位 {} 缺少{}（{found}）", lead.name, missing.join("和"))).found(found)
    }
}

struct Share {
    what: &'static str,
    lead: i128,
    total: i128,
    show: fn(i128) -> String,
}

pub fn lead_share_min(ctx: &Ctx<'_>, min_percent: i64) -> Eval {
    if ctx.lead().is_none() {
        return no_hosts();
    }
    let app = ctx.app;
    let is_lead = |uscc: &str| ctx.host_index(uscc) == Some(0);
    let fixed: Vec<_> = ctx.fixed_staff().collect();
    let shares = [
        Share {
            what: "固定人员",
            lead: fixed.iter().filter(|p| ctx.employer_index(p) == Some(0)).count() as i128,
            total: fixed.len() as i128,
            show: |v| format!("{v} 人"),
        },
        Share {
            what: "仪器设备原值",
            lead: app
                .instruments
                .iter()
                .filter(|i| is_lead(&i.owner_uscc))
                .map(|i| i128::from(i.original_value.0))
                .sum(),
            total: app.instruments.iter().map(|i| i128::from(i.original_value.0)).sum(),
            show: money,
        },
        Share {
            what: "研发场地面积",
            lead: app.sites.iter().filter(|s| is_lead(&s.owner_uscc)).map(|s| i128::from(s.area.0)).sum(),
            total: app.sites.iter().map(|s| i128::from(s.area.0)).sum(),
            show: area,
        },
        Share {
            what: "研发成果",
            lead: app.achievements.iter().filter(|a| is_entered(a) && is_lead(&a.owner_uscc)).count() as i128,
            total: app.achievements.iter().filter(|a| is_entered(a)).count() as i128,
            show: |v| format!("{v} 项"),
        },
    ];
    let min = i128::from(min_percent);
    let mut parts = Vec::new();
    let mut below = Vec::new();
    let mut empty = Vec::new();
    for s in &shares {
        if s.total <= 0 {
            empty.push(s.what);
            parts.push(format!("{} 未填写", s.what));
            continue;
        }
        parts.push(format!(
            "{} {}/{}（{}）",
            s.what,
            (s.show)(s.lead),
            (s.show)(s.total),
            percent(s.lead, s.total)
        ));
        if s.lead * 100 < s.total * min {
            below.push(s.what);
        }
    }
    let found = parts.join("；");
    let required = format!("各项均不低于 {min_percent}%");
    let e = if !below.is_empty() {
        Eval::fail(format!("第一依托单位占比不足 {min_percent}%：{}（{found}）", below.join("、")))
            .gap(format!("{}低于 {min_percent}%", below.join("、")))
    } else if !empty.is_empty() {
        Eval::missing(format!("无法计算第一依托单位占比：{}未填写（{found}）", empty.join("、")))
    } else {
        Eval::pass(format!("第一依托单位占比：{found}"))
    };
    e.found(found).required(required)
}

pub fn other_hosts_staff_min(ctx: &Ctx<'_>, min: i64) -> Eval {
    // In a co-builder's draft every unit is a co-builder.
    let first = if ctx.part { 0 } else { 1 };
    let others = ctx.app.host_units.get(first..).unwrap_or(&[]);
    if ctx.app.host_units.is_empty() {
        return no_hosts();
    }
    if others.is_empty() {
        return Eval::new(Outcome::NotApplicable, "只有一家依托单位");
    }
    let mut counts = vec![0i64; ctx.app.host_units.len()];
    for p in ctx.fixed_staff() {
        if let Some(i) = ctx.employer_index(p) {
            counts[i] += 1;
        }
    }
    let mut lines = Vec::new();
    let mut short = Vec::new();
    for (i, h) in others.iter().enumerate() {
        let n = counts[i + first];
        if n < min {
            short.push(format!("{} {n} 人，尚差 {} 人", h.name, min - n));
        }
        lines.push(format!("{} {n} 人", h.name));
    }
    let found = lines.join("；");
    let required = format!("每家不少于 {min} 人");
    let e = if short.is_empty() {
        Eval::pass(format!("其他依托单位固定人员：{found}，要求每家不少于 {min} 人"))
    } else {
        Eval::fail(format!("其他依托单位固定人员不足：{}，要求每家不少于 {min} 人", short.join("；")))
            .gap(short.join("；"))
    };
    e.found(found).required(required)
}

fn co_builders<'a>(ctx: &Ctx<'a>) -> impl Iterator<Item = &'a HostUnit> {
    ctx.app.host_units.iter().skip(1)
}

pub fn enterprise_lead(ctx: &Ctx<'_>) -> Eval {
    let Some(lead) = ctx.lead() else { return no_hosts() };
    if lead.kind != UnitKind::Enterprise {
        return Eval::new(Outcome::NotApplicable, "第一依托单位不是企业");
    }
    let qualified = lead.high_tech_enterprise || lead.above_scale_with_rd_institution;
    let university = co_builders(ctx).find(|h| h.kind == UnitKind::University);
    let mut missing = Vec::new();
    if !qualified {
        missing.push(format!("{} 既不是高新技术企业，也不是建有专门研发机构的规模以上企业", lead.name));
    }
    if university.is_none() {
        missing.push("共建单位中没有高校".to_string());
    }
    let found = format!(
        "{}；共建高校：{}",
        if lead.high_tech_enterprise {
            "高新技术企业"
        } else if lead.above_scale_with_rd_institution {
            "建有专门研发机构的规模以上企业"
        } else {
            "非高新技术企业、未建专门研发机构"
        },
        university.map_or("无".to_string(), |u| u.name.clone())
    );
    let required = "高新技术企业或建有专门研发机构的规模以上企业，且有高校共建";
    if missing.is_empty() {
        Eval::pass(format!("第一依托单位为企业：{found}")).found(found).required(required)
    } else {
        Eval::fail(format!("第一依托单位为企业，但{}", missing.join("；"))).found(found).required(required)
    }
}

pub fn non_enterprise_lead(ctx: &Ctx<'_>) -> Eval {
    let Some(lead) = ctx.lead() else { return no_hosts() };
    if lead.kind == UnitKind::Enterprise {
        return Eval::new(Outcome::NotApplicable, "第一依托单位是企业");
    }
    let enterprise = co_builders(ctx).find(|h| h.kind == UnitKind::Enterprise);
    let mut missing = Vec::new();
    if !lead.key_discipline_or_doctoral {
        missing.push(format!("{} 未填写省级以上重点学科（临床重点专科）或博士学位授予点", lead.name));
    }
    if enterprise.is_none() {
        missing.push("共建单位中没有企业".to_string());
    }
    let found = format!(
        "{}；共建企业：{}",
        if lead.key_discipline_or_doctoral {
            "有重点学科或博士学位授予点"
        } else {
            "无重点学科或博士学位授予点"
        },
        enterprise.map_or("无".to_string(), |u| u.name.clone())
    );
    let required = "省级以上重点学科（临床重点专科）或博士学位授予点，且有企业共建";
    if missing.is_empty() {
        Eval::pass(format!("第一依托单位为{}：{found}", lead.kind.label())).found(found).required(required)
    } else {
        Eval::fail(format!("第一依托单位为{}，但{}", lead.kind.label(), missing.join("；")))
            .found(found)
            .required(required)
    }
}

pub fn agreement(ctx: &Ctx<'_>, c: &Criterion) -> Eval {
    if ctx.app.host_units.is_empty() {
        return no_hosts();
    }
    let unsigned: Vec<String> =
        ctx.app.host_units.iter().filter(|h| !h.agreement_signed).map(|h| h.name.clone()).collect();
    if unsigned.is_empty() || attested(ctx, &c.id) {
        Eval::pass(format!("{} 家依托单位均已签署共建协议", ctx.app.host_units.len()))
    } else {
        Eval::new(Outcome::Unconfirmed, format!("以下依托单位尚未确认签署共建协议：{}", unsigned.join("、")))
    }
}

/// Whether the 安全自查自纠 condition concerns host unit `h`: only units that already host a
/// provincial platform. The check and the printed unit grid both ask here.
pub fn safety_self_check_applies(h: &HostUnit) -> bool {
    h.has_provincial_platform
}

pub fn safety_self_check(ctx: &Ctx<'_>) -> Eval {
    let concerned: Vec<&HostUnit> =
        ctx.app.host_units.iter().filter(|h| safety_self_check_applies(h)).collect();
    if concerned.is_empty() {
        return Eval::new(Outcome::NotApplicable, "依托单位均未建设省重点实验室或技术创新中心");
    }
    let undone: Vec<String> =
        concerned.iter().filter(|h| !h.safety_self_check_done).map(|h| h.name.clone()).collect();
    if undone.is_empty() {
        Eval::pass(format!("已建省级平台的 {} 家依托单位均已完成安全自查自纠", concerned.len()))
    } else {
        Eval::fail(format!("以下依托单位已建省级平台，但未完成安全自查自纠：{}", list_some(&undone, 5, "家")))
            .required("完成安全自查自纠")
    }
}

fn has_flag(h: &HostUnit, flag: HostFlag) -> bool {
    match flag {
        HostFlag::ChainLeader => h.chain_leader,
        HostFlag::CityKeyLab => h.city_key_lab,
        HostFlag::OutOfProvinceWithNationalPlatform => h.out_of_province_with_national_platform,
        HostFlag::JingjinjiXiongan => h.jingjinji_xiongan,
        HostFlag::ProvincialOrNationalTechCentre => {
            matches!(h.tech_centre_level, Some(PlatformLevel::National | PlatformLevel::Provincial))
        }
        HostFlag::HighTechEnterprise => h.high_tech_enterprise,
    }
}

pub fn any_host_flag(ctx: &Ctx<'_>, c: &Criterion, flag: HostFlag, scope: Scope) -> Eval {
    let hosts: &[HostUnit] = match scope {
        Scope::Lead => ctx.app.host_units.get(..1).unwrap_or(&[]),
        Scope::All => &ctx.app.host_units,
    };
    let with: Vec<String> = hosts.iter().filter(|h| has_flag(h, flag)).map(|h| h.name.clone()).collect();
    if with.is_empty() {
        Eval::fail(format!("未满足：{}", c.title))
    } else {
        Eval::pass(format!("{}：{}", c.title, with.join("、"))).found(with.join("、"))
    }
}

/// Every kind in `kinds` is among the host (member) units, e.g. a 产学研 alliance.
pub fn kinds_present(ctx: &Ctx<'_>, kinds: &[UnitKind]) -> Eval {
    if ctx.app.host_units.is_empty() {
        return no_hosts();
    }
    let wanted: Vec<&str> = kinds.iter().map(|k| k.label()).collect();
    let required = format!("成员单位包括{}", wanted.join("、"));
    let count = |k: UnitKind| ctx.app.host_units.iter().filter(|h| h.kind == k).count();
    let found =
        kinds.iter().map(|k| format!("{} {} 家", k.label(), count(*k))).collect::<Vec<_>>().join("，");
    let absent: Vec<&str> = kinds.iter().filter(|k| count(**k) == 0).map(|k| k.label()).collect();
    let e = if absent.is_empty() {
        Eval::pass(format!("成员单位：{found}"))
    } else {
        Eval::fail(format!("成员单位中没有{}（{found}）", absent.join("、")))
            .gap(format!("缺少{}", absent.join("、")))
    };
    e.found(found).required(required)
}
