//! The rules engine's registry view over the duplicate finder: cross checks declared in a pack
//! become [`CrossParams`], and precomputed [`CrossFindings`] answer the engine's cross criteria.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::conflict::{Conflict, Severity};
use super::findings::CrossFindings;
use super::judge;
use super::params::{Cooldown, CrossParams, PlatformScope, ProgrammeCross};
use crate::model::{Application, PlatformKind, PlatformLevel};
use crate::rules::pack::Check;
use crate::rules::{CrossAnswer, CrossCheck, Duplicate, Pack, RegistryView};

/// Platforms `staff-exclusive` and `not-already-built` look at (二（一）, 二（四）3): national and
/// provincial key labs, TICs and clinical medical research centres.
fn existing_major_platforms() -> PlatformScope {
    PlatformScope::new(
        &[PlatformKind::KeyLab, PlatformKind::Tic, PlatformKind::ClinicalCentre],
        &[PlatformLevel::National, PlatformLevel::Provincial],
    )
}

/// Platforms `no-concurrent` looks at (吕梁 二（二）5): key labs, TICs, engineering centres.
fn concurrent_platforms() -> PlatformScope {
    PlatformScope::new(&[PlatformKind::KeyLab, PlatformKind::Tic, PlatformKind::EngineeringCentre], &[])
}

impl ProgrammeCross {
    /// The cross checks a pack declares, with its numbers (cooling-off years, per-city quota)
    /// and its default reference date. `class` is what the programme builds, for `one-per-year`.
    pub fn from_pack(pack: &Pack, class: Option<PlatformKind>) -> ProgrammeCross {
        let mut p = ProgrammeCross {
            reference_date: pack.reference_date,
            platform_class: class,
            ..Default::default()
        };
        for c in &pack.criteria {
            let Check::Registry(check) = &c.check else { continue };
            match *check {
                CrossCheck::OnePerYear => p.one_per_year = true,
                CrossCheck::NotAlreadyBuilt => p.not_already_built = Some(existing_major_platforms()),
                CrossCheck::StaffExclusive => p.staff_exclusive = Some(existing_major_platforms()),
                CrossCheck::NameUnique => p.name_unique = true,
                CrossCheck::NoConcurrent { cooling_off_years } => {
                    p.no_concurrent =
                        Some(Cooldown { scope: concurrent_platforms(), years: cooling_off_years })
                }
                CrossCheck::RecommendationCount { max_per_city } => {
                    p.comprehensive_per_city = Some(max_per_city)
                }
                CrossCheck::NoDoubleResources => {}
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
/// A criterion fails on excluding conflicts only; `name-unique` (itself a warning criterion)
/// reports its warnings. Possible duplicates stay in the conflict list, never failing a criterion.
/// The findings were computed with the pack's numbers and reference date, so `as_of` and the
/// numbers carried in `check` are the same ones already applied.
impl RegistryView for CrossFindings {
    fn answer(&self, check: CrossCheck, _app: &Application, _as_of: NaiveDate) -> CrossAnswer {
        let criterion = criterion_of(check);
        let found: Vec<Duplicate> = self
            .for_criterion(criterion)
            .iter()
            .filter(|c| c.severity == Severity::Excludes || check == CrossCheck::NameUnique)
            .map(|c| duplicate(check, c))
            .collect();
        if found.is_empty() {
            CrossAnswer::Clear
        } else {
            CrossAnswer::Found(found)
        }
    }
}
