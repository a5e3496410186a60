//! Parameters of the cross checks: which checks each programme runs, with the pack's numbers.
//! Nothing legal is decided here; the rules engine fills these from the programme packs.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::{PlatformKind, PlatformLevel};

pub use crate::rules::pack::{PlatformScope, PlatformSet};

/// `no-concurrent`: members of these platforms, current or having left less than `years` full
/// years before the reference date, may not be director or fixed staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cooldown {
    pub scope: PlatformScope,
    /// From the pack (P4: `cooling_off = "3 年"`), never from code.
    pub years: u32,
}

/// The cross checks of one programme, as its pack declares them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeCross {
    /// The pack's default reference date, used when the application sets none.
    #[serde(default)]
    pub reference_date: Option<NaiveDate>,
    /// What the programme builds, for `one-per-year`: `key_lab` (省重点实验室) or `tic`
    /// (省技术创新中心). Programmes without a class never pair in `one-per-year`.
    #[serde(default)]
    pub platform_class: Option<PlatformKind>,
    /// The level of what the programme builds (from the pack's `level`), for `one-per-year`.
    #[serde(default)]
    pub platform_level: Option<PlatformLevel>,
    /// `one-per-year` for this programme's applications: its peers, by what their programme
    /// builds and its level (P1: provincial key labs and TICs).
    #[serde(default)]
    pub one_per_year: Option<PlatformScope>,
    /// `not-already-built`: the centre itself (same lead host, close name) is already one of these.
    #[serde(default)]
    pub not_already_built: Option<PlatformScope>,
    /// `staff-exclusive`: director and fixed staff may not be current members of these.
    #[serde(default)]
    pub staff_exclusive: Option<PlatformScope>,
    #[serde(default)]
    pub no_concurrent: Option<Cooldown>,
    /// `comprehensive-recommendation`: at most this many 综合类 applications per city and year.
    #[serde(default)]
    pub comprehensive_per_city: Option<u32>,
    /// `name-unique`: centre names identical to (exclusion) or close to (warning) this year's
    /// applications of the same programme and the registry platforms in this scope.
    #[serde(default)]
    pub name_unique: Option<PlatformScope>,
    /// `no-double-resources`: a resource also claimed by a registry platform in this scope is an
    /// exclusion; by any other registry platform, a warning to check. `None`: every claim excludes.
    #[serde(default)]
    pub no_double_resources: Option<PlatformScope>,
    /// The programme's narrative similarity threshold (whole percent) when its pack sets one
    /// (`[narrative_similarity]`); otherwise [`CrossParams::narrative_percent`] applies.
    #[serde(default)]
    pub narrative_percent: Option<u32>,
    /// The most (whole percent of a working year) one person's commitments to this year's
    /// applications and the existing platforms may add up to (`[commitment]`); `None`: the
    /// programme's pack sets none and commitment is not judged for its applications.
    #[serde(default)]
    pub commitment_percent: Option<u32>,
    /// The clause `commitment_percent` comes from, as printed: 《document》clause.
    #[serde(default)]
    pub commitment_citation: String,
}

/// Everything the duplicate finder needs besides the database.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CrossParams {
    /// Programme id → its checks. Every programme, listed or not, runs `no-double-resources`
    /// (the same person, instrument, site or achievement claimed twice) and the
    /// possible-duplicate warnings.
    #[serde(default)]
    pub programmes: BTreeMap<String, ProgrammeCross>,
    /// Similarity (0–1, shared character bigrams of the names without region prefix and platform
    /// suffix) from which two centre names are "close": `name-unique`, and the "same centre" test
    /// of `one-per-year` and `not-already-built`. A heuristic of the app, not a legal number.
    #[serde(default = "default_similarity")]
    pub name_similarity: f64,
    /// Share (whole percent) of a narrative section found in another application's same section
    /// from which it is a warning (一稿多报), for programmes whose pack sets none: a setting of the
    /// office (settings key `narrative_similarity_percent`), 40 by default.
    #[serde(default = "default_narrative_percent")]
    pub narrative_percent: u32,
}

fn default_narrative_percent() -> u32 {
    40
}

fn default_similarity() -> f64 {
    0.8
}

impl Default for CrossParams {
    fn default() -> Self {
        CrossParams {
            programmes: BTreeMap::new(),
            name_similarity: default_similarity(),
            narrative_percent: default_narrative_percent(),
        }
    }
}

impl CrossParams {
    pub fn programme(&self, id: &str) -> Option<&ProgrammeCross> {
        self.programmes.get(id)
    }

    /// The narrative similarity threshold for an application of `programme`: its pack's, else
    /// the office's setting, else 40%.
    pub fn narrative_percent_of(&self, programme: &str) -> u32 {
        self.programme(programme).and_then(|p| p.narrative_percent).unwrap_or(self.narrative_percent)
    }
}
