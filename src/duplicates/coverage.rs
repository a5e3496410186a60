//! What each cross check of one application could compare with: a check with nothing to compare
//! (an empty registry of the kinds it concerns, no other application, a blank city or lead, a
//! registry platform without its host's credit code) is not verified, never "checked and clear".

use std::collections::{BTreeMap, BTreeSet};

use super::judge::{
    is_name_peer, is_peer, AppInfo, PlatformInfo, COMPREHENSIVE_RECOMMENDATION, NAME_UNIQUE,
    NOT_ALREADY_BUILT, NO_CONCURRENT, NO_DOUBLE_RESOURCES, ONE_PER_YEAR, STAFF_EXCLUSIVE,
};
use super::params::{CrossParams, PlatformScope};
use super::similarity::dice;
use super::source::Source;
use super::DuplicatesError;
use crate::rules::{Unverified, VerifyAction};

/// Per criterion of the subject's programme: run (and on what), not verified, or missing data.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Coverage {
    /// Criteria whose check ran against something.
    pub checked: BTreeSet<String>,
    pub unverified: BTreeMap<String, Unverified>,
    /// Criteria the application lacks a fact for (blank lead credit code, blank city).
    pub missing: BTreeMap<String, String>,
}

const REGISTRY: &str = "已建平台名录";
const APPLICATIONS: &str = "其他申报书";

/// "国家级、省级重点实验室、技术创新中心" — the platforms a scope names, in Chinese.
pub(crate) fn scope_text(scope: &PlatformScope) -> String {
    let sets: Vec<String> = scope
        .sets
        .iter()
        .map(|s| {
            let levels: Vec<&str> = s.levels.iter().map(|l| l.label()).collect();
            let kinds: Vec<&str> = s.kinds.iter().map(|k| k.label()).collect();
            let kinds = if kinds.is_empty() { "科技创新平台".to_string() } else { kinds.join("、") };
            format!("{}{kinds}", levels.join("、"))
        })
        .collect();
    sets.join("，")
}

fn no_registry(scope: &PlatformScope) -> Unverified {
    Unverified {
        reason: format!("已建平台名录中没有{}的记录，无从比对", scope_text(scope)),
        remedy: "导入已建平台名录（含其固定人员、仪器设备和场地）后重新核对".into(),
        action: VerifyAction::ImportRegistry,
        against: REGISTRY.into(),
    }
}

fn no_applications(what: &str) -> Unverified {
    Unverified {
        reason: format!("本地库中没有{what}，无从比对"),
        remedy: format!("录入或导入{what}后重新核对"),
        action: VerifyAction::AddApplications,
        against: APPLICATIONS.into(),
    }
}

/// The coverage of `subject`'s cross checks over the store's applications and registry.
pub(crate) fn of(
    store: &dyn Source,
    subject: &AppInfo,
    params: &CrossParams,
) -> Result<Coverage, DuplicatesError> {
    let platforms: Vec<PlatformInfo> =
        store.platform_headers()?.iter().map(PlatformInfo::from_header).collect();
    let apps: Vec<AppInfo> =
        store.application_headers()?.iter().map(|h| AppInfo::from_header(h, params)).collect();
    Ok(over(&apps, &platforms, subject, params))
}

/// The coverage of `subject`'s cross checks over `apps` (the subject among them or not) and
/// the registry's `platforms`, all as stored.
pub(crate) fn over(
    apps: &[AppInfo],
    platforms: &[PlatformInfo],
    subject: &AppInfo,
    params: &CrossParams,
) -> Coverage {
    let r = &subject.rules;
    let mut cov = Coverage::default();
    let others: Vec<&AppInfo> = apps.iter().filter(|a| subject.id.is_none() || a.id != subject.id).collect();
    let in_scope =
        |scope: &PlatformScope| platforms.iter().filter(|p| scope.contains(p.kind, p.level)).count();
    let same_year = |a: &AppInfo| matches!((a.year, subject.year), (Some(x), Some(y)) if x == y);
    let lead_blank = subject.lead_key.is_empty();

    if let Some(scope) = &r.one_per_year {
        if lead_blank {
            cov.missing.insert(ONE_PER_YEAR.into(), "尚未填写第一依托单位统一社会信用代码".into());
        } else if !others.iter().any(|a| same_year(a) && is_peer(scope, a)) {
            let year = subject.year.map(|y| format!("{y}年")).unwrap_or_default();
            let what = format!("{year}{}的其他申报书", peer_text(scope));
            cov.unverified.insert(ONE_PER_YEAR.into(), no_applications(&what));
        } else {
            cov.checked.insert(ONE_PER_YEAR.into());
        }
    }
    if r.comprehensive_per_city.is_some() {
        if !subject.comprehensive {
            cov.checked.insert(COMPREHENSIVE_RECOMMENDATION.into());
        } else if subject.city_key.is_empty() {
            cov.missing.insert(COMPREHENSIVE_RECOMMENDATION.into(), "尚未填写所在市".into());
        } else if !others.iter().any(|a| a.programme == subject.programme && same_year(a) && a.comprehensive)
        {
            let year = subject.year.map(|y| format!("{y}年")).unwrap_or_default();
            let what = format!("{year}本申报类型的其他综合类申报书");
            cov.unverified.insert(COMPREHENSIVE_RECOMMENDATION.into(), no_applications(&what));
        } else {
            cov.checked.insert(COMPREHENSIVE_RECOMMENDATION.into());
        }
    }
    if let Some(scope) = &r.not_already_built {
        let without_host: Vec<&PlatformInfo> = platforms
            .iter()
            .filter(|p| {
                scope.contains(p.kind, p.level)
                    && p.host_key.is_empty()
                    && dice(&subject.bigrams, &p.bigrams) >= params.name_similarity
            })
            .collect();
        if lead_blank {
            cov.missing.insert(NOT_ALREADY_BUILT.into(), "尚未填写第一依托单位统一社会信用代码".into());
        } else if in_scope(scope) == 0 {
            cov.unverified.insert(NOT_ALREADY_BUILT.into(), no_registry(scope));
        } else if let Some(p) = without_host.first() {
            cov.unverified.insert(
                NOT_ALREADY_BUILT.into(),
                Unverified {
                    reason: format!(
                        "已建平台「{}」名称相近，但名录中未填写其依托单位统一社会信用代码，无法确认是否为同一平台",
                        p.name
                    ),
                    remedy: "在已建平台名录中补充该平台依托单位的统一社会信用代码后重新核对".into(),
                    action: VerifyAction::CompleteRegistry,
                    against: REGISTRY.into(),
                },
            );
        } else {
            cov.checked.insert(NOT_ALREADY_BUILT.into());
        }
    }
    for (criterion, scope) in [
        (STAFF_EXCLUSIVE, r.staff_exclusive.as_ref()),
        (NO_CONCURRENT, r.no_concurrent.as_ref().map(|c| &c.scope)),
    ] {
        let Some(scope) = scope else { continue };
        if in_scope(scope) == 0 {
            cov.unverified.insert(criterion.into(), no_registry(scope));
        } else {
            cov.checked.insert(criterion.into());
        }
    }
    if let Some(scope) = &r.name_unique {
        let peers = others.iter().filter(|a| is_name_peer(subject, a)).count();
        if in_scope(scope) == 0 && peers == 0 {
            let mut u = no_registry(scope);
            u.reason = format!(
                "已建平台名录中没有{}的记录，本地库中也没有本年度同类申报书，无从比对",
                scope_text(scope)
            );
            cov.unverified.insert(NAME_UNIQUE.into(), u);
        } else {
            cov.checked.insert(NAME_UNIQUE.into());
        }
    }
    // Every programme runs no-double-resources; it is reported where the pack declares it.
    let same_year_apps = others.iter().filter(|a| same_year(a)).count();
    if platforms.is_empty() && same_year_apps == 0 {
        let mut u = no_registry(r.no_double_resources.as_ref().unwrap_or(&PlatformScope::default()));
        u.reason = "已建平台名录为空，本地库中也没有本年度其他申报书，无从比对".into();
        cov.unverified.insert(NO_DOUBLE_RESOURCES.into(), u);
    } else {
        cov.checked.insert(NO_DOUBLE_RESOURCES.into());
    }
    cov
}

/// "省级重点实验室、技术创新中心" for a peers scope.
fn peer_text(scope: &PlatformScope) -> String {
    let t = scope_text(scope);
    if t.is_empty() {
        "同类".into()
    } else {
        t
    }
}
