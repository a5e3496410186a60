//! Checking an application: the reference date, the cross view over the local database,
//! and who judges what (a co-builder's draft is judged for its own part).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::{choose_pack, choose_pack_in_store, cross_params_in_store, ServiceError};
use crate::duplicates::{self, Conflict};
use crate::model::{Application, RowId};
use crate::rules::{self, Assessment, CrossView, Pack};
use crate::store::Store;

/// Evaluates `app` against `pack` on the chosen, the application's or the pack's reference date;
/// year-round programmes without one are checked as of `today` (read by the caller).
pub fn check(
    app: &Application,
    pack: &Pack,
    cross: &dyn CrossView,
    as_of: Option<NaiveDate>,
    today: NaiveDate,
) -> Assessment {
    let date = rules::resolve_as_of(pack, app, as_of).unwrap_or(today);
    let mut assessment = rules::evaluate(pack, app, cross, date);
    say_past_end(pack, date, today, &mut assessment);
    assessment
}

/// A pack past its end date keeps judging applications dated inside its period, and says so at
/// the top (the engine itself never reads the clock; `today` comes from the edge).
fn say_past_end(pack: &Pack, date: NaiveDate, today: NaiveDate, assessment: &mut Assessment) {
    if let Some(until) = pack.effective_until {
        if today > until && date <= until {
            assessment.notices.push(format!(
                "本规则有效期已于 {until} 截止；本申报的参考日期 {date} 在有效期内，仍按本规则核对。新一年度的申报请导入新通知的规则包。"
            ));
        }
    }
}

/// A check against the local database: the assessment, with the cross criteria answered from
/// the other applications and the registry of existing platforms, and every conflict found.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
pub struct RegistryCheck {
    pub assessment: Assessment,
    pub conflicts: Vec<Conflict>,
    /// The supporting materials in 目录 order with their files (a required one without a file
    /// is 待补充 under the criteria it evidences); empty for an application not stored. Read from
    /// the files' descriptions only, never their contents.
    pub materials: Vec<crate::evidence::EvidenceItem>,
}

/// Checks `app` (stored under `id`, or not stored) with the cross view over `store`.
pub fn check_in_store(
    store: &Store,
    id: Option<RowId>,
    app: &Application,
    pack: &Pack,
    as_of: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<RegistryCheck, ServiceError> {
    // One reference date for every criterion, the cross ones included, and the cross checks of
    // the pack being evaluated (not of the application's own programme).
    let date = rules::resolve_as_of(pack, app, as_of).unwrap_or(today);
    let params = cross_params_in_store(store, Some(pack))?;
    let eval = duplicates::Evaluation { programme: pack.id.clone(), as_of: date };
    let findings = duplicates::cross_findings(store, id, app, &params, eval)?;
    // A co-builder's draft is judged for the unit's own part; the lead judges the centre.
    let judged = match id {
        Some(id) if store.package_link(id)?.is_some() => rules::Judged::CoBuilderPart,
        _ => rules::Judged::Centre,
    };
    let mut assessment = rules::evaluate_as(pack, app, &findings, date, judged);
    say_past_end(pack, date, today, &mut assessment);
    let conflicts = findings.all().cloned().collect();
    let materials = match id {
        Some(id) => super::evidence::items_for(store, id, &assessment)?,
        None => Vec::new(),
    };
    Ok(RegistryCheck { assessment, conflicts, materials })
}

/// What to check an application against: another programme, a run-time pack file, a reference
/// date. The default is the application's own programme as this database knows it.
#[derive(Debug, Clone, Copy, Default)]
pub struct CheckOptions<'a> {
    pub programme: Option<&'a str>,
    pub pack_file: Option<&'a Path>,
    pub as_of: Option<NaiveDate>,
}

/// An application checked: where it came from, the pack it was checked against, and the check.
#[derive(Debug, Clone)]
pub struct Checked {
    pub id: Option<RowId>,
    pub app: Application,
    pub pack: Pack,
    pub check: RegistryCheck,
}

/// The pack `options` choose for `app`: a pack file when given; else, with a database, the
/// version a stored application (`id`) keeps, or for another programme or an unstored
/// application the newest version there; without a database, the built-in one.
pub fn pack_for(
    store: Option<&Store>,
    id: Option<RowId>,
    app: &Application,
    options: &CheckOptions,
) -> Result<Pack, ServiceError> {
    match (options.pack_file, store, id, options.programme) {
        (Some(_), _, _, _) | (None, None, _, _) => choose_pack(app, options.programme, options.pack_file),
        (None, Some(store), Some(id), None) => super::kept_pack(store, id, app),
        (None, Some(store), _, _) => choose_pack_in_store(store, app, options.programme),
    }
}

/// Load → pack → check of a stored application, with the cross criteria answered from `store`.
pub fn check_stored(
    store: &Store,
    id: RowId,
    options: &CheckOptions,
    today: NaiveDate,
) -> Result<Checked, ServiceError> {
    let app = store.load_application(id)?;
    check_application(Some(store), Some(id), app, options, today)
}

/// Pack → check of `app` (stored under `id`, or not stored). With a database the cross criteria
/// are answered from its applications and registry; without one they are `missing_data`.
pub fn check_application(
    store: Option<&Store>,
    id: Option<RowId>,
    app: Application,
    options: &CheckOptions,
    today: NaiveDate,
) -> Result<Checked, ServiceError> {
    let pack = pack_for(store, id, &app, options)?;
    let check = match store {
        Some(store) => check_in_store(store, id, &app, &pack, options.as_of, today)?,
        None => RegistryCheck {
            assessment: check(&app, &pack, &rules::UnknownCross, options.as_of, today),
            conflicts: Vec::new(),
            materials: Vec::new(),
        },
    };
    Ok(Checked { id, app, pack, check })
}

/// An application named on the command line: a database id, or a JSON interchange file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Stored(RowId),
    File(PathBuf),
}

impl Target {
    /// A number is an id, unless a file of that name exists.
    pub fn parse(text: &str) -> Target {
        let path = PathBuf::from(text);
        match text.parse::<RowId>() {
            Ok(id) if !path.exists() => Target::Stored(id),
            _ => Target::File(path),
        }
    }
}

/// Checks `target`: a stored application in the database at `db`, or a file — checked against
/// that database when it exists (a file checked where there is none creates none). Only reads:
/// works beside an open window.
pub fn check_target(
    db: &Path,
    target: &Target,
    options: &CheckOptions,
    today: NaiveDate,
) -> Result<Checked, ServiceError> {
    match target {
        Target::Stored(id) => check_stored(&Store::open_for_reading(db)?, *id, options, today),
        Target::File(path) => {
            let app = crate::interchange::application_from_json(&super::read_text_file(path)?)?;
            let store = if db.exists() { Some(Store::open_for_reading(db)?) } else { None };
            check_application(store.as_ref(), None, app, options, today)
        }
    }
}

/// One application's verdict as the home screen shows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct HomeVerdict {
    pub id: RowId,
    pub verdict: rules::Verdict,
    /// e.g. "不完全满足".
    pub verdict_label: String,
    /// What the verdict does not cover, shown with it: "但未与已建平台名录比对" when a cross
    /// criterion had nothing to compare with (a 符合 the list shows is never more than was checked).
    pub verdict_caveat: Option<String>,
}

/// Every stored application's verdict, as [`check_in_store`] would give it one by one, in one
/// call: the packs are loaded once, the store is read in one pass and the cross criteria are
/// judged in memory (`duplicates::cross_findings_of_stored`). An application whose programme has
/// no pack or whose kept pack version is gone gets no verdict; the list shows it without one.
pub fn home_verdicts(store: &Store, today: NaiveDate) -> Result<Vec<HomeVerdict>, ServiceError> {
    // Each application's kept pack version (as `kept_pack`), judged with the cross-check
    // parameters a single check of it uses: the newest versions, its kept version in its
    // programme's place. One pass over the store per distinct kept version (usually one).
    let all = super::pack_versions::available(store)?;
    let kept: std::collections::HashMap<RowId, Option<String>> =
        store.pack_versions()?.into_iter().map(|(id, _, v)| (id, v)).collect();
    let mut subjects = Vec::new();
    for (id, app) in store.load_all_applications()? {
        let recorded = kept.get(&id).cloned().flatten();
        let Ok(pack) = super::pack_versions::kept_of(&all, id, &app, recorded.as_deref()) else { continue };
        let date = rules::resolve_as_of(pack, &app, None).unwrap_or(today);
        let eval = duplicates::Evaluation { programme: pack.id.clone(), as_of: date };
        subjects.push((id, app, pack, eval));
    }
    let mut findings: Vec<Option<duplicates::CrossFindings>> = subjects.iter().map(|_| None).collect();
    let mut versions: Vec<(&Pack, String)> = Vec::new();
    for (_, _, pack, _) in &subjects {
        let key = pack.version();
        if !versions.iter().any(|(p, v)| p.id == pack.id && *v == key) {
            versions.push((pack, key));
        }
    }
    for (pack, key) in &versions {
        let params = cross_params_in_store(store, Some(pack))?;
        let members: Vec<usize> = (0..subjects.len())
            .filter(|&i| subjects[i].2.id == pack.id && subjects[i].2.version() == *key)
            .collect();
        let evals: Vec<_> = members.iter().map(|&i| (subjects[i].0, subjects[i].3.clone())).collect();
        for (i, found) in
            members.into_iter().zip(duplicates::cross_findings_of_stored(store, &params, &evals)?)
        {
            findings[i] = Some(found);
        }
    }
    let drafts = store.package_drafts()?;
    let judged: Vec<_> = subjects.iter().zip(findings).collect();
    // Each verdict is a pure function of its application and findings: spread over the cores.
    let out = crate::parallel::map(&judged, |((id, app, pack, eval), findings)| {
        let findings = findings.as_ref()?;
        let judged = match drafts.contains(id) {
            true => rules::Judged::CoBuilderPart,
            false => rules::Judged::Centre,
        };
        let assessment = rules::evaluate_as(pack, app, findings, eval.as_of, judged);
        Some(HomeVerdict {
            id: *id,
            verdict: assessment.verdict,
            verdict_label: assessment.verdict_label,
            verdict_caveat: assessment.verdict_caveat,
        })
    })
    .into_iter()
    .flatten()
    .collect();
    Ok(out)
}
