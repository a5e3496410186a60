//! A criterion's check written back as the pack author wrote it: its name and parameters
//! (`fixed_staff_min 50 人`), for `packs check` and `packs diff`. Text only; no judgement.

use crate::rules::pack::{Check, Criterion, HostFlag, Scope};
use crate::rules::{CrossCheck, Kind};

fn snake<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::from("?"),
    }
}

fn list<T: serde::Serialize>(v: &[T]) -> String {
    v.iter().map(snake).collect::<Vec<_>>().join(", ")
}

pub fn kind_name(k: Kind) -> String {
    snake(&k)
}

/// The check's name in the pack (`check = "…"`).
pub fn check_name(c: &Check) -> &'static str {
    match c {
        Check::Attest => "attest",
        Check::DirectorFullTime => "director_full_time",
        Check::Note => "note",
        Check::HostsAgreement => "hosts_agreement",
        Check::FixedStaffMin { .. } => "fixed_staff_min",
        Check::DirectorAgeMax { .. } => "director_age_max",
        Check::DirectorTitle { .. } => "director_title",
        Check::DirectorRecord => "director_record",
        Check::DirectorEmployer => "director_employer",
        Check::DirectorHonours => "director_honours",
        Check::StaffEmployer => "staff_employer",
        Check::TeamQualityMin { .. } => "team_quality_min",
        Check::HostsLegalEntity => "hosts_legal_entity",
        Check::HostsCountMax { .. } => "hosts_count_max",
        Check::HostsCountMin { .. } => "hosts_count_min",
        Check::Registered { .. } => "registered_in_region",
        Check::LeadLedTasks => "lead_led_tasks",
        Check::LeadOwnIp { .. } => "lead_own_ip",
        Check::LeadShareMin { .. } => "lead_share_min",
        Check::OtherHostsStaffMin { .. } => "other_hosts_staff_min",
        Check::EnterpriseLead => "enterprise_lead",
        Check::NonEnterpriseLead => "non_enterprise_lead",
        Check::SafetySelfCheck => "safety_self_check",
        Check::AreaMin { .. } => "area_min",
        Check::InstrumentsMin { .. } => "instruments_min",
        Check::RdInvestmentMin { .. } => "rd_investment_min",
        Check::DirectionsRange { .. } => "directions_range",
        Check::NameCharacters => "name_characters",
        Check::NameNoEnterprise { .. } => "name_no_enterprise",
        Check::NamePattern => "name_pattern",
        Check::FieldMembership => "field_membership",
        Check::FieldInList => "field_in_list",
        Check::RecommendationLetter { .. } => "recommendation_letter",
        Check::AnyHostFlag { .. } => "any_host_flag",
        Check::HostKindsPresent { .. } => "host_kinds_present",
        Check::Cross(CrossCheck::OnePerYear) => "registry_one_per_year",
        Check::Cross(CrossCheck::NotAlreadyBuilt) => "registry_not_already_built",
        Check::Cross(CrossCheck::NoDoubleResources) => "registry_no_double_resources",
        Check::Cross(CrossCheck::StaffExclusive) => "registry_staff_exclusive",
        Check::Cross(CrossCheck::NameUnique) => "registry_name_unique",
        Check::Cross(CrossCheck::NoConcurrent { .. }) => "registry_no_concurrent",
        Check::Cross(CrossCheck::RecommendationCount { .. }) => "recommendation_letter",
    }
}

fn scope(s: Scope) -> &'static str {
    match s {
        Scope::Lead => "lead",
        Scope::All => "all",
    }
}

fn flag(f: HostFlag) -> &'static str {
    match f {
        HostFlag::ChainLeader => "chain_leader",
        HostFlag::CityKeyLab => "city_key_lab",
        HostFlag::OutOfProvinceWithNationalPlatform => "out_of_province_with_national_platform",
        HostFlag::JingjinjiXiongan => "jingjinji_xiongan",
        HostFlag::ProvincialOrNationalTechCentre => "provincial_or_national_tech_centre",
        HostFlag::HighTechEnterprise => "high_tech_enterprise",
    }
}

/// The check's thresholds and parameters, empty when it has none.
pub fn check_params(c: &Check) -> String {
    match c {
        Check::FixedStaffMin { min } | Check::OtherHostsStaffMin { min } => format!("≥ {min} 人"),
        Check::DirectorAgeMax { max_years } => format!("≤ {max_years} 周岁"),
        Check::DirectorTitle { titles } => format!("titles = [{}]", list(titles)),
        Check::TeamQualityMin { min_percent, education_min, title_min } => format!(
            "≥ {min_percent}%，education_min = {}，title_min = {}",
            snake(education_min),
            snake(title_min)
        ),
        Check::HostsCountMax { max } => format!("≤ {max} 家"),
        Check::HostsCountMin { min, core_only } => {
            format!("≥ {min} 家{}", if *core_only { "（只计核心成员）" } else { "" })
        }
        Check::Registered { region, scope: s, require_legal_person, unit_kinds } => {
            let mut t = format!("region = {}（{}），scope = {}", region.name, region.code_prefix, scope(*s));
            if *require_legal_person {
                t.push_str("，require_legal_person");
            }
            if !unit_kinds.is_empty() {
                t.push_str(&format!("，unit_kinds = [{}]", list(unit_kinds)));
            }
            t
        }
        Check::LeadOwnIp { require_applied: true } => "require_applied".into(),
        Check::LeadShareMin { min_percent } => format!("≥ {min_percent}%"),
        Check::AreaMin { min, exclude_usages, headquarters_only } => {
            let mut t = format!("≥ {min} 平方米");
            if !exclude_usages.is_empty() {
                t.push_str(&format!("，不计 {}", exclude_usages.join("、")));
            }
            if !headquarters_only.is_empty() {
                t.push_str(&format!("，headquarters_only = [{}]", list(headquarters_only)));
            }
            t
        }
        Check::InstrumentsMin { min } => format!("≥ {min} 元"),
        Check::RdInvestmentMin { min, years } => format!("近 {years} 年 ≥ {min} 元"),
        Check::DirectionsRange { min, max } => format!("{min}–{max} 个"),
        Check::NameNoEnterprise { strip_suffixes } if !strip_suffixes.is_empty() => {
            format!("strip_suffixes = [{}]", strip_suffixes.join(", "))
        }
        Check::RecommendationLetter { max_per_city } => format!("每市 ≤ {max_per_city} 个"),
        Check::Cross(CrossCheck::RecommendationCount { max_per_city }) => {
            format!("每市 ≤ {max_per_city} 个")
        }
        Check::AnyHostFlag { flag: f, scope: s } => format!("flag = {}，scope = {}", flag(*f), scope(*s)),
        Check::HostKindsPresent { kinds } => format!("unit_kinds = [{}]", list(kinds)),
        Check::Cross(CrossCheck::NoConcurrent { cooling_off_years }) => {
            format!("cooling_off = {cooling_off_years} 年")
        }
        _ => String::new(),
    }
}

/// `name params` of a criterion's check, e.g. `fixed_staff_min ≥ 50 人`.
pub fn check_text(c: &Check) -> String {
    let p = check_params(c);
    if p.is_empty() {
        check_name(c).to_string()
    } else {
        format!("{} {p}", check_name(c))
    }
}

/// The criterion's scope (category, lead kind) and bar, for the report.
pub fn scope_text(c: &Criterion) -> String {
    let mut parts = Vec::new();
    if !c.applies.category.is_empty() {
        parts.push(format!("仅 {}", list(&c.applies.category)));
    }
    if !c.applies.lead_kind.is_empty() {
        parts.push(format!("牵头单位为 {}", list(&c.applies.lead_kind)));
    }
    if c.exclusion {
        parts.push("不满足即不可申报".into());
    }
    parts.join("；")
}

/// An enum value's name as the pack writes it (e.g. `field`).
pub fn kind_name_of<T: serde::Serialize>(v: &T) -> String {
    snake(v)
}
