//! The rules engine's registry view over the duplicate finder: cross checks declared in a pack
//! become [`CrossParams`], and precomputed [`CrossFindings`] answer the engine's cross criteria.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::conflict::{Conflict, Severity};
use super::findings::CrossFindings;
use super::judge;
use super::params::{Cooldown, CrossParams, ProgrammeCross};
use crate::model::{Application, PlatformKind, PlatformLevel};
use crate::rules::pack::{Check, PackLevel};
use crate::rules::{CrossAnswer, CrossCheck, CrossView, Duplicate, Pack, Unverified, VerifyAction};

impl ProgrammeCross {
    /// The cross checks a pack declares, with its numbers (cooling-off years, per-city quota),
    /// their legal scope (the criterion's `platforms` / `peers`) and its default reference date.
    /// `class` is what the programme builds, for `one-per-year`.
    pub fn from_pack(pack: &Pack, class: Option<PlatformKind>) -> ProgrammeCross {
        let mut p = ProgrammeCross {
            reference_date: pack.reference_date,
            platform_class: class,
            platform_level: Some(match pack.level {
                PackLevel::Provincial => PlatformLevel::Provincial,
                PackLevel::City => PlatformLevel::City,
            }),
            narrative_percent: pack.narrative_similarity.as_ref().map(|n| n.percent),
            commitment_percent: pack.commitment.as_ref().map(|c| c.max_percent),
            commitment_citation: pack.commitment.as_ref().map(|c| c.citation.to_string()).unwrap_or_default(),
            ..Default::default()
        };
        for c in &pack.criteria {
            let scope = || c.cross_scope.platforms.clone().unwrap_or_default();
            let check = match &c.check {
                Check::Cross(check) => *check,
                Check::RecommendationLetter { max_per_city } => {
                    p.comprehensive_per_city = Some(*max_per_city);
                    continue;
                }
                _ => continue,
            };
            match check {
                CrossCheck::OnePerYear => {
                    p.one_per_year = Some(c.cross_scope.peers.clone().unwrap_or_default())
                }
                CrossCheck::NotAlreadyBuilt => p.not_already_built = Some(scope()),
                CrossCheck::StaffExclusive => p.staff_exclusive = Some(scope()),
                CrossCheck::NameUnique => p.name_unique = Some(scope()),
                CrossCheck::NoConcurrent { cooling_off_years } => {
                    p.no_concurrent = Some(Cooldown { scope: scope(), years: cooling_off_years })
                }
                CrossCheck::RecommendationCount { max_per_city } => {
                    p.comprehensive_per_city = Some(max_per_city)
                }
                CrossCheck::NoDoubleResources => p.no_double_resources = Some(scope()),
            }
        }
        p
    }
}

impl CrossParams {
    /// Parameters for every pack; `classes` maps programme ids to what they build
    /// (e.g. P1, P2 → `tic`; a key-lab programme → `key_lab`).
    pub fn from_packs<'a>(
        packs: impl IntoIterator<Item = &'a Pack>,
        classes: &BTreeMap<String, PlatformKind>,
    ) -> Self {
        let mut params = CrossParams::default();
        for pack in packs {
            params.programmes.insert(
                pack.id.clone(),
                ProgrammeCross::from_pack(pack, classes.get(&pack.id).copied().or(pack.builds)),
            );
        }
        params
    }
}

fn criterion_of(check: CrossCheck) -> &'static str {
    match check {
        CrossCheck::OnePerYear => judge::ONE_PER_YEAR,
        CrossCheck::NotAlreadyBuilt => judge::NOT_ALREADY_BUILT,
        CrossCheck::NoDoubleResources => judge::NO_DOUBLE_RESOURCES,
        CrossCheck::StaffExclusive => judge::STAFF_EXCLUSIVE,
        CrossCheck::NameUnique => judge::NAME_UNIQUE,
        CrossCheck::NoConcurrent { .. } => judge::NO_CONCURRENT,
        CrossCheck::RecommendationCount { .. } => judge::COMPREHENSIVE_RECOMMENDATION,
    }
}

fn duplicate(check: CrossCheck, c: &Conflict) -> Duplicate {
    Duplicate::new(check, c.subject.clone(), c.second.owner.display(), c.message.clone())
}

/// Findings computed for one application (see [`super::cross_findings`]) answer the engine.
/// A criterion fails on excluding conflicts; warnings (a close name, a resource also under a
/// platform outside the pack's scope) make it a warning; possible duplicates stay in the conflict
/// list. A criterion the findings did not check is not verified, never met — also when the
/// findings were computed for another programme or reference date than the one evaluated.
impl CrossView for CrossFindings {
    fn answer(&self, check: CrossCheck, _app: &Application, as_of: NaiveDate) -> CrossAnswer {
        let criterion = criterion_of(check);
        let conflicts = self.for_criterion(criterion);
        let excluding: Vec<Duplicate> = conflicts
            .iter()
            .filter(|c| c.severity == Severity::Excludes)
            .map(|c| duplicate(check, c))
            .collect();
        let stale = self.evaluation.as_ref().is_some_and(|e| e.as_of != as_of);
        if stale {
            return CrossAnswer::NotVerified(Unverified {
                reason: "交叉核对结果不是按本次申报类型和参考日期计算的".into(),
                remedy: "重新核对".into(),
                action: VerifyAction::AddApplications,
                against: "其他申报书和已建平台名录".into(),
            });
        }
        if !excluding.is_empty() {
            return CrossAnswer::Found(excluding);
        }
        if let Some(m) = self.missing.get(criterion) {
            return CrossAnswer::Missing(m.clone());
        }
        if let Some(u) = self.unverified.get(criterion) {
            return CrossAnswer::NotVerified(u.clone());
        }
        if !self.checked.contains(criterion) {
            return CrossAnswer::NotVerified(Unverified {
                reason: "本申报类型的这项交叉核对未运行".into(),
                remedy: "按本申报类型重新核对".into(),
                action: VerifyAction::AddApplications,
                against: "其他申报书和已建平台名录".into(),
            });
        }
        let warnings: Vec<Duplicate> = conflicts
            .iter()
            .filter(|c| c.severity == Severity::Warning && warns(check, c))
            .map(|c| duplicate(check, c))
            .collect();
        if warnings.is_empty() {
            CrossAnswer::Clear
        } else {
            CrossAnswer::Warning(warnings)
        }
    }

    fn director_commitment(&self, _app: &Application, as_of: NaiveDate) -> Vec<Duplicate> {
        self.director_conflicts(as_of)
    }
}

impl CrossFindings {
    /// The over-commitment conflicts of the application's director (see
    /// [`CrossView::director_commitment`]); none when these findings are for another date.
    fn director_conflicts(&self, as_of: NaiveDate) -> Vec<Duplicate> {
        if self.evaluation.as_ref().is_some_and(|e| e.as_of != as_of) {
            return Vec::new();
        }
        self.all()
            .filter(|c| c.kind == super::conflict::ConflictKind::OverCommitted)
            .filter(|c| c.first.record.as_ref().and_then(|r| r.role.as_deref()) == Some("director"))
            .map(|c| duplicate(CrossCheck::NoDoubleResources, c))
            .collect()
    }
}

/// Warnings that make a criterion a warning: close names, and resources also claimed by a
/// platform outside the pack's exclusion scope. Possible-duplicate hints stay in the list only.
fn warns(check: CrossCheck, c: &Conflict) -> bool {
    use super::conflict::ConflictKind as K;
    match check {
        CrossCheck::NameUnique => true,
        CrossCheck::NoDoubleResources => {
            matches!(c.kind, K::SameInstrument | K::SameSite | K::SameAchievement)
        }
        _ => c.kind == K::OnePerYear,
    }
}
