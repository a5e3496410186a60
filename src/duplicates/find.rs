//! Finding conflicts in the store: indexed look-ups of one application's (or one row's) identity
//! keys, and the whole-database sweep. Judgement is delegated to `judge`; SQL lives in the store.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};

use super::conflict::NarrativeMatch;
use super::conflict::{Conflict, ConflictKind, Owner, Severity};
use super::coverage::{self, Coverage};
use super::identity::{self, KeyFacts, Resource};
use super::judge::{self, AppInfo, Claim, Evaluation, OwnerRef, PlatformInfo};
use super::narrative::{self, Folded};
use super::params::CrossParams;
use super::similarity::dice;
use super::source::{NameForms, Shared, Snapshot, Source};
use super::DuplicatesError;
use crate::model::{Application, RowId};
use crate::store::identity::{KeyRow, MatchOn};
use crate::store::Store;

type Result<T> = std::result::Result<T, DuplicatesError>;

/// Linked ID documents: each document key's canonical key (the smallest of its component).
#[derive(Debug, Default)]
pub(crate) struct Links {
    canonical: HashMap<String, String>,
    components: HashMap<String, Vec<String>>,
}

impl Links {
    pub fn load(store: &dyn Source) -> Result<Links> {
        Ok(Links::from_pairs(store.document_links()?))
    }

    /// Union-find over the links. A root's parent is itself; every other key's parent is
    /// smaller than the key, so following parents always ends (no cycle can form).
    pub fn from_pairs(pairs: Vec<(String, String)>) -> Links {
        let mut parent: HashMap<String, String> = HashMap::new();
        fn root(parent: &HashMap<String, String>, k: &str) -> String {
            let mut cur = k;
            while let Some(p) = parent.get(cur).filter(|p| p.as_str() != cur) {
                cur = p;
            }
            cur.to_string()
        }
        for (a, b) in &pairs {
            parent.entry(a.clone()).or_insert_with(|| a.clone());
            parent.entry(b.clone()).or_insert_with(|| b.clone());
            let (ra, rb) = (root(&parent, a), root(&parent, b));
            if ra != rb {
                let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
                parent.insert(hi, lo);
            }
        }
        let keys: Vec<String> = parent.keys().cloned().collect();
        let mut links = Links::default();
        for k in keys {
            let r = root(&parent, &k);
            links.components.entry(r.clone()).or_default().push(k.clone());
            links.canonical.insert(k, r);
        }
        for c in links.components.values_mut() {
            c.sort();
        }
        links
    }

    pub fn canonical(&self, key: &str) -> String {
        self.canonical.get(key).cloned().unwrap_or_else(|| key.to_string())
    }

    /// Every document key of the same person (at least `key` itself).
    pub fn component(&self, key: &str) -> Vec<String> {
        self.components.get(&self.canonical(key)).cloned().unwrap_or_else(|| vec![key.to_string()])
    }

    pub fn linked_components(&self) -> impl Iterator<Item = &Vec<String>> {
        self.components.values()
    }
}

/// Applications and platforms by id, loaded all at once or on demand.
#[derive(Debug, Default, Clone)]
pub(crate) struct Owners {
    pub apps: HashMap<RowId, AppInfo>,
    pub platforms: HashMap<RowId, PlatformInfo>,
}

impl Owners {
    pub fn load_all(store: &dyn Source, params: &CrossParams) -> Result<Owners> {
        let apps =
            store.application_headers()?.iter().map(|h| (h.id, AppInfo::from_header(h, params))).collect();
        let platforms =
            store.platform_headers()?.iter().map(|h| (h.id, PlatformInfo::from_header(h))).collect();
        Ok(Owners { apps, platforms })
    }

    /// Loads the owners of `rows` not yet known.
    pub fn ensure(
        &mut self,
        store: &dyn Source,
        rows: &[Cow<'_, KeyRow>],
        params: &CrossParams,
    ) -> Result<()> {
        use std::collections::hash_map::Entry;
        for r in rows {
            if let Some(a) = r.application_id {
                if let Entry::Vacant(slot) = self.apps.entry(a) {
                    if let Some(h) = store.application_header(a)? {
                        slot.insert(AppInfo::from_header(&h, params));
                    }
                }
            }
            if let Some(p) = r.platform_id {
                if let Entry::Vacant(slot) = self.platforms.entry(p) {
                    if let Some(h) = store.platform_header(p)? {
                        slot.insert(PlatformInfo::from_header(&h));
                    }
                }
            }
        }
        Ok(())
    }

    /// Whether the owner of `r` is not loaded yet.
    fn lacks(&self, r: &KeyRow) -> bool {
        r.application_id.is_some_and(|a| !self.apps.contains_key(&a))
            || r.platform_id.is_some_and(|p| !self.platforms.contains_key(&p))
    }

    pub fn claim<'a>(&'a self, r: &'a KeyRow) -> Option<Claim<'a>> {
        let owner = match (r.application_id, r.platform_id) {
            (Some(a), _) => OwnerRef::App(self.apps.get(&a)?),
            (None, Some(p)) => OwnerRef::Platform(self.platforms.get(&p)?),
            (None, None) => return None,
        };
        Some(Claim { owner, row: Some(r.source_row), facts: &r.facts })
    }
}

/// Loads the owners of `rows` not yet known; owners lent complete are never copied.
fn ensure_owners(
    owners: &mut Cow<'_, Owners>,
    store: &dyn Source,
    rows: &[Cow<'_, KeyRow>],
    params: &CrossParams,
) -> Result<()> {
    if rows.iter().any(|r| owners.lacks(r)) {
        owners.to_mut().ensure(store, rows, params)?;
    }
    Ok(())
}

/// The owner part of the de-duplication key of a conflict.
fn owner_tag(o: &Owner) -> (u8, RowId) {
    match o {
        Owner::Application { id, .. } => (0, id.unwrap_or(0)),
        Owner::Platform { id, .. } => (1, *id),
    }
}

fn dedup_key(c: &Conflict) -> (ConflictKind, String, String, (u8, RowId), (u8, RowId)) {
    (c.kind, c.criterion.clone(), c.group.clone(), owner_tag(&c.first.owner), owner_tag(&c.second.owner))
}

/// How the subject's own records relate to the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// The subject's keys are the ones stored (a saved application).
    Stored,
    /// The subject's keys are in memory and replace the stored rows with the same row ids
    /// (an edited row, or an application not in the database).
    InMemory,
}

/// What the caller does with the conflicts found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Need {
    /// Every conflict with its message: a check, a report, the live panel.
    Every,
    /// Only conflicts that can move a verdict (the home screen's list): once a criterion has an
    /// excluding conflict, no further pair that could only add to it is judged; possible
    /// duplicates (a hint, a row listed twice) and the over-commitment of anyone but the
    /// director are not looked for, since they never change a criterion's outcome
    /// (`view::warns`, `CrossFindings::director_conflicts`).
    Verdict,
}

/// Whether a key or hint may be held by another owner too (`shared`: for a stored application,
/// its keys and hints some other owner may hold; anything else needs no look-up).
fn may_be_shared(shared: Option<&Shared>, resource: Resource, kind: &str, value: &str) -> bool {
    shared.is_none_or(|s| s.contains(&(resource.as_str().to_string(), kind.to_string(), value.to_string())))
}

/// Conflicts of `subject`'s records `mine` with every other application and platform.
#[allow(clippy::too_many_arguments)]
fn probe(
    store: &dyn Source,
    owners: &mut Cow<'_, Owners>,
    links: &Links,
    subject: &AppInfo,
    mine: &[(Option<RowId>, KeyFacts)],
    mode: Mode,
    params: &CrossParams,
    shared: Option<&Shared>,
    need: Need,
) -> Result<Vec<Conflict>> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    // Criteria with an excluding conflict already (used when only verdicts are needed).
    let mut settled: HashSet<String> = HashSet::new();
    let mut push = |c: Conflict, out: &mut Vec<Conflict>, settled: &mut HashSet<String>| {
        if seen.insert(dedup_key(&c)) {
            if c.severity == Severity::Excludes && !settled.contains(&c.criterion) {
                settled.insert(c.criterion.clone());
            }
            out.push(c);
        }
    };
    let verdict_only = need == Need::Verdict;
    let is_subject = |r: &KeyRow| subject.id.is_some() && r.application_id == subject.id;
    let mut areas_done: HashSet<String> = HashSet::new();
    let mut hint_cache: HashMap<String, Vec<Cow<'_, KeyRow>>> = HashMap::new();
    for (row, f) in mine {
        let person = f.resource == Resource::Person;
        let canon = if person { links.canonical(&f.key) } else { f.key.clone() };
        let keys = if person { links.component(&f.key) } else { vec![f.key.clone()] };
        // Sites keep the subject's own claims: the area check sums them.
        let except = if f.resource == Resource::Site { None } else { subject.id };
        let mut found = Vec::new();
        // Sites always look: the area check sums the application's own claims too. A person
        // linked to other documents looks up every linked key.
        let look = f.resource == Resource::Site
            || keys.len() > 1
            || may_be_shared(shared, f.resource, "key", &f.key);
        if look {
            for k in &keys {
                found.extend(store.identity_matches(MatchOn::Key, f.resource, k, except)?);
            }
        }
        let hinted = match &f.hint {
            _ if verdict_only => Vec::new(),
            Some(h) if !may_be_shared(shared, f.resource, "hint", h) => Vec::new(),
            Some(h) => match hint_cache.get(h) {
                Some(rows) => rows.clone(),
                None => {
                    let rows = store.identity_matches(MatchOn::Hint, f.resource, h, subject.id)?;
                    hint_cache.insert(h.clone(), rows.clone());
                    rows
                }
            },
            None => Vec::new(),
        };
        ensure_owners(owners, store, &found, params)?;
        ensure_owners(owners, store, &hinted, params)?;
        let me = Claim { owner: OwnerRef::App(subject), row: *row, facts: f };
        for r in found.iter().filter(|r| !is_subject(r)) {
            if let Some(other) = owners.claim(r) {
                let decided = || {
                    judge::key_pair_criteria(f.resource, &other.owner).iter().all(|c| settled.contains(*c))
                };
                if verdict_only && decided() {
                    continue;
                }
                for c in judge::judge_key_pair(subject, &me, &other, &canon) {
                    push(c, &mut out, &mut settled);
                }
            }
        }
        if person && (!verdict_only || f.role.as_deref() == Some("director")) {
            let others: Vec<Claim<'_>> =
                found.iter().filter(|r| !is_subject(r)).filter_map(|r| owners.claim(r)).collect();
            if let Some(c) = judge::judge_commitment(subject, &me, &others, &canon) {
                push(c, &mut out, &mut settled);
            }
        }
        for r in hinted.iter().filter(|r| !is_subject(r)) {
            let other_canon = if person { links.canonical(&r.facts.key) } else { r.facts.key.clone() };
            if other_canon == canon {
                continue;
            }
            if let Some(other) = owners.claim(r) {
                let group = format!("hint:{}", r.facts.hint.as_deref().unwrap_or_default());
                if let Some(c) = judge::judge_hint_pair(subject, &me, &other, &group) {
                    push(c, &mut out, &mut settled);
                }
            }
        }
        if f.resource == Resource::Site && areas_done.insert(f.key.clone()) {
            let replaced: HashSet<RowId> = match mode {
                Mode::Stored => HashSet::new(),
                Mode::InMemory => mine.iter().filter_map(|(r, _)| *r).collect(),
            };
            let kept: Vec<&KeyRow> = found
                .iter()
                .map(|r| &**r)
                .filter(|r| !(is_subject(r) && replaced.contains(&r.source_row)))
                .collect();
            let mut claims: Vec<Claim<'_>> = kept
                .iter()
                .filter_map(|r| owners.claim(r))
                .filter(
                    |c| matches!(c.owner, OwnerRef::App(a) if a.id == subject.id || same_year(a, subject)),
                )
                .collect();
            let mut max = kept.iter().filter_map(|r| r.facts.area).max().unwrap_or(0);
            if mode == Mode::InMemory {
                for (r, g) in mine.iter().filter(|(_, g)| g.resource == Resource::Site && g.key == f.key) {
                    claims.push(Claim { owner: OwnerRef::App(subject), row: *r, facts: g });
                    max = max.max(g.area.unwrap_or(0));
                }
            }
            if let Some(c) = judge::judge_site_area(subject, &me, &claims, max, &f.key) {
                push(c, &mut out, &mut settled);
            }
        }
    }
    Ok(out)
}

/// Records of the subject listed more than once (people by linked documents too): one
/// warning per repeated record, from its first row to the next.
fn within_duplicates_of(
    subject: &AppInfo,
    mine: &[(Option<RowId>, KeyFacts)],
    links: &Links,
) -> Vec<Conflict> {
    let mut first: HashMap<(Resource, String), usize> = HashMap::new();
    let mut out = Vec::new();
    for (i, (row, f)) in mine.iter().enumerate() {
        let canon = canon_of(links, f.resource, f);
        match first.get(&(f.resource, canon.clone())) {
            None => {
                first.insert((f.resource, canon), i);
            }
            Some(&j) => {
                let (first_row, first_facts) = &mine[j];
                let a = Claim { owner: OwnerRef::App(subject), row: *first_row, facts: first_facts };
                let b = Claim { owner: OwnerRef::App(subject), row: *row, facts: f };
                let c = judge::judge_within_duplicate(subject, &a, &b, &canon);
                if !out.iter().any(|o: &Conflict| o.group == c.group) {
                    out.push(c);
                }
            }
        }
    }
    out
}

fn section_title(key: &str) -> String {
    crate::completeness::narrative_sections()
        .into_iter()
        .find(|s| s.key == key)
        .map_or_else(|| key.to_string(), |s| s.title)
}

/// The warning for `first`'s section found in `second`'s at or above the threshold.
fn narrative_conflict(
    first: &AppInfo,
    second: &AppInfo,
    section: &str,
    texts: (&str, &str),
    folded: (&Folded, &Folded),
    params: &CrossParams,
) -> Option<Conflict> {
    let threshold = params.narrative_percent_of(&first.programme);
    let sim = narrative::compare(folded.0, texts.0, folded.1);
    if sim.percent < threshold || sim.percent == 0 {
        return None;
    }
    let title = section_title(section);
    let message = format!(
        "{}的“{title}”有 {}% 的内容与{}的同一部分相同（提示阈值 {threshold}%），可能一稿多报：请核对重复段落",
        first.owner().display(),
        sim.percent,
        second.owner().display()
    );
    let mut c = judge::narrative_warning(first, second, format!("“{title}”内容相似"), message, section);
    c.narrative = Some(NarrativeMatch {
        section: section.to_string(),
        percent: sim.percent,
        passages: sim.passages,
        first_text: texts.0.to_string(),
        second_text: texts.1.to_string(),
    });
    Some(c)
}

/// Narrative sections of `subject` (`mine`: section → text) largely found in another stored
/// application's same section: candidates are the sections sharing an LSH band key with it
/// (kept by the store, computed on write), each confirmed by the exact comparison.
fn narrative_conflicts_of(
    store: &Store,
    subject: &AppInfo,
    mine: &BTreeMap<String, String>,
    params: &CrossParams,
) -> Result<Vec<Conflict>> {
    let mut out = Vec::new();
    let mut owners: HashMap<RowId, AppInfo> = HashMap::new();
    for (section, text) in mine.iter().filter(|(_, t)| !t.trim().is_empty()) {
        let a = Folded::new(text);
        for other in store.narrative_candidates(section, &a.bands(), subject.id)? {
            let Some(body) = store.narrative_text(other, section)? else { continue };
            if let std::collections::hash_map::Entry::Vacant(e) = owners.entry(other) {
                if let Some(h) = store.application_header(other)? {
                    e.insert(AppInfo::from_header(&h, params));
                }
            }
            let Some(o) = owners.get(&other) else { continue };
            let b = Folded::new(&body);
            out.extend(narrative_conflict(subject, o, section, (text, &body), (&a, &b), params));
        }
    }
    Ok(out)
}

/// Every pair of applications with a narrative section largely found in the other's, from the
/// side whose section is more covered; candidates are the pairs sharing an LSH band key.
fn all_narrative_conflicts(store: &Store, owners: &Owners, params: &CrossParams) -> Result<Vec<Conflict>> {
    let mut texts: HashMap<(RowId, String), Option<(String, Folded)>> = HashMap::new();
    let mut out = Vec::new();
    for (section, x, y) in store.narrative_candidate_pairs()? {
        for app in [x, y] {
            if let std::collections::hash_map::Entry::Vacant(e) = texts.entry((app, section.clone())) {
                e.insert(store.narrative_text(app, &section)?.map(|t| {
                    let f = Folded::new(&t);
                    (t, f)
                }));
            }
        }
        let (Some(Some((xt, xf))), Some(Some((yt, yf)))) =
            (texts.get(&(x, section.clone())), texts.get(&(y, section.clone())))
        else {
            continue;
        };
        let (Some(a), Some(b)) = (owners.apps.get(&x), owners.apps.get(&y)) else { continue };
        let (ab, ba) = (narrative::compare(xf, xt, yf).percent, narrative::compare(yf, yt, xf).percent);
        let c = if ab >= ba {
            narrative_conflict(a, b, &section, (xt, yt), (xf, yf), params)
        } else {
            narrative_conflict(b, a, &section, (yt, xt), (yf, xf), params)
        };
        out.extend(c);
    }
    Ok(out)
}

/// The narrative similarity warnings of one stored application: its sections against the same
/// sections of every other application (candidates by LSH band, each confirmed exactly).
pub fn narrative_conflicts(store: &Store, id: RowId, params: &CrossParams) -> Result<Vec<Conflict>> {
    let header = store.application_header(id)?.ok_or(DuplicatesError::ApplicationNotFound(id))?;
    let subject = AppInfo::from_header(&header, params);
    narrative_conflicts_of(store, &subject, &store.narratives_of(id)?, params)
}

/// Every pair of applications with a narrative section largely found in the other's: the
/// narrative part of the whole-database report.
pub fn narrative_report(store: &Store, params: &CrossParams) -> Result<Vec<Conflict>> {
    all_narrative_conflicts(store, &Owners::load_all(store, params)?, params)
}

fn same_year(a: &AppInfo, b: &AppInfo) -> bool {
    matches!((a.year, b.year), (Some(x), Some(y)) if x == y)
}

fn app_level(owners: &Owners, subject: &AppInfo, params: &CrossParams) -> Vec<Conflict> {
    let mut peers: Vec<&AppInfo> =
        owners.apps.values().filter(|a| subject.id.is_none() || a.id != subject.id).collect();
    peers.sort_by_key(|a| a.id);
    let mut platforms: Vec<&PlatformInfo> = owners.platforms.values().collect();
    platforms.sort_by_key(|p| p.id);
    judge::judge_application(subject, &peers, &platforms, params.name_similarity)
}

/// The subject's core bigrams as substrings: a name containing none of them has similarity 0
/// (a cheap, exact pre-filter before the Dice coefficient).
fn bigram_patterns(bigrams: &[(char, char)]) -> Vec<String> {
    bigrams.iter().map(|&(a, b)| if b == '\0' { a.to_string() } else { [a, b].iter().collect() }).collect()
}

/// Loads only the applications and platforms the application-level checks of `subject` can
/// involve: same lead host, same programme and category, or sharing a name bigram.
fn load_app_level_candidates(
    store: &dyn Source,
    owners: &mut Owners,
    subject: &AppInfo,
    params: &CrossParams,
) -> Result<()> {
    let r = &subject.rules;
    let mut apps: HashSet<RowId> = HashSet::new();
    let mut platforms: Vec<crate::store::identity::PlatformHeader> = Vec::new();
    if r.one_per_year.is_some() && !subject.lead_key.is_empty() {
        apps.extend(store.applications_with_host(&subject.lead_key)?);
    }
    if subject.comprehensive && r.comprehensive_per_city.is_some() {
        apps.extend(store.applications_of(&subject.programme, "comprehensive")?);
    }
    let patterns = bigram_patterns(&subject.bigrams);
    let close = |n: &NameForms| {
        patterns.iter().any(|p| n.normal.contains(p.as_str()))
            && dice(&subject.bigrams, &n.bigrams) >= params.name_similarity
    };
    if r.name_unique.is_some() {
        for n in store.application_names()? {
            if close(&n) {
                apps.insert(n.id);
            }
        }
    }
    if r.not_already_built.is_some() && !subject.lead_key.is_empty() {
        platforms.extend(store.platforms_hosted_by(&subject.lead_key)?);
    }
    if let Some(scope) = &r.name_unique {
        for level in scope.levels() {
            for n in store.platform_names(&judge::level_code(level))? {
                if close(&n) {
                    platforms.extend(store.platform_header(n.id)?);
                }
            }
        }
    }
    for id in apps {
        if Some(id) != subject.id && !owners.apps.contains_key(&id) {
            if let Some(h) = store.application_header(id)? {
                owners.apps.insert(id, AppInfo::from_header(&h, params));
            }
        }
    }
    for p in platforms {
        owners.platforms.entry(p.id).or_insert_with(|| PlatformInfo::from_header(&p));
    }
    Ok(())
}

/// Application-level checks with candidates loaded on demand (one application's check).
fn app_level_targeted(store: &dyn Source, subject: &AppInfo, params: &CrossParams) -> Result<Vec<Conflict>> {
    let mut owners = Owners::default();
    load_app_level_candidates(store, &mut owners, subject, params)?;
    Ok(app_level(&owners, subject, params))
}

fn sort_conflicts(v: &mut [Conflict]) {
    v.sort_by(|a, b| {
        (a.severity, a.kind, &a.group, owner_tag(&a.second.owner)).cmp(&(
            b.severity,
            b.kind,
            &b.group,
            owner_tag(&b.second.owner),
        ))
    });
}

/// Every conflict of one stored application with other applications and the registry.
pub fn conflicts_for_application(store: &Store, id: RowId, params: &CrossParams) -> Result<Vec<Conflict>> {
    Ok(checked_application(store, id, params, None)?.0)
}

/// The subject as checked: its own programme and date, or those of the evaluation.
fn subject_as(subject: AppInfo, eval: Option<&Evaluation>, params: &CrossParams) -> AppInfo {
    match eval {
        Some(e) => subject.evaluated(e, params),
        None => subject,
    }
}

/// As [`conflicts_for_application`], evaluated for `eval`'s programme and date when given; with
/// what the checks could compare with.
pub(crate) fn checked_application(
    store: &Store,
    id: RowId,
    params: &CrossParams,
    eval: Option<&Evaluation>,
) -> Result<(Vec<Conflict>, Coverage)> {
    let header = store.application_header(id)?.ok_or(DuplicatesError::ApplicationNotFound(id))?;
    let subject = subject_as(AppInfo::from_header(&header, params), eval, params);
    let links = Links::load(store)?;
    let mut owners = Cow::Owned(Owners::default());
    let mut out = checked_stored(store, &links, &mut owners, id, &subject, params, Need::Every)?;
    let narratives = store.narratives_of(id)?;
    out.extend(narrative_conflicts_of(store, &subject, &narratives, params)?);
    sort_conflicts(&mut out);
    let coverage = coverage::of(store, &subject, params)?;
    Ok((out, coverage))
}

/// [`checked_application`] for many stored applications (the home screen's verdicts) in one
/// read of the store: the tables are loaded into a [`Snapshot`] and judged in memory, the
/// owners met shared (an owner's facts do not depend on who meets it); each application is
/// evaluated for its own programme and date. Narrative similarity is left out: it only ever
/// warns, and never moves a verdict (`view::warns`).
pub(crate) fn checked_applications(
    store: &Store,
    params: &CrossParams,
    subjects: &[(RowId, Evaluation)],
) -> Result<Vec<(Vec<Conflict>, Coverage)>> {
    let snapshot = Snapshot::load(store)?;
    let links = Links::load(&snapshot)?;
    let owners = Owners::load_all(&snapshot, params)?;
    let mut apps: Vec<AppInfo> = owners.apps.values().cloned().collect();
    apps.sort_by_key(|a| a.id);
    let mut platforms: Vec<PlatformInfo> = owners.platforms.values().cloned().collect();
    platforms.sort_by_key(|p| p.id);
    // Every owner is loaded: each application's findings read the snapshot alone, so they are
    // spread over the cores.
    crate::parallel::map(subjects, |(id, eval)| {
        let info = owners.apps.get(id).cloned().ok_or(DuplicatesError::ApplicationNotFound(*id))?;
        let subject = subject_as(info, Some(eval), params);
        let mut shared = Cow::Borrowed(&owners);
        let mut out = checked_stored(&snapshot, &links, &mut shared, *id, &subject, params, Need::Verdict)?;
        sort_conflicts(&mut out);
        Ok((out, coverage::over(&apps, &platforms, &subject, params)))
    })
    .into_iter()
    .collect()
}

/// The conflicts of stored application `id` (as `subject`) but narrative similarity, unsorted.
fn checked_stored(
    store: &dyn Source,
    links: &Links,
    owners: &mut Cow<'_, Owners>,
    id: RowId,
    subject: &AppInfo,
    params: &CrossParams,
    need: Need,
) -> Result<Vec<Conflict>> {
    let mine: Vec<(Option<RowId>, KeyFacts)> =
        store.identity_keys_of_application(id)?.into_iter().map(|k| (Some(k.source_row), k.facts)).collect();
    let shared = store.shared_identity_of_application(id)?;
    let mut out = probe(store, owners, links, subject, &mine, Mode::Stored, params, shared.as_ref(), need)?;
    if need == Need::Every {
        out.extend(within_duplicates_of(subject, &mine, links));
    }
    out.extend(app_level_targeted(store, subject, params)?);
    Ok(out)
}

/// Every conflict of an application that is not in the database (e.g. a file being checked)
/// with the stored applications and the registry.
pub fn conflicts_for_unsaved(
    store: &Store,
    app: &Application,
    params: &CrossParams,
) -> Result<Vec<Conflict>> {
    Ok(checked_unsaved(store, app, params, None)?.0)
}

/// As [`conflicts_for_unsaved`], evaluated for `eval`'s programme and date when given; with
/// what the checks could compare with.
pub(crate) fn checked_unsaved(
    store: &Store,
    app: &Application,
    params: &CrossParams,
    eval: Option<&Evaluation>,
) -> Result<(Vec<Conflict>, Coverage)> {
    let mut owners = Cow::Owned(Owners::default());
    let subject = subject_as(AppInfo::from_application(None, app, params), eval, params);
    let links = Links::load(store)?;
    let mut mine: Vec<(Option<RowId>, KeyFacts)> = Vec::new();
    mine.extend(app.people.iter().filter_map(identity::person_keys).map(|k| (None, k)));
    mine.extend(app.instruments.iter().filter_map(identity::instrument_keys).map(|k| (None, k)));
    mine.extend(app.sites.iter().filter_map(identity::site_keys).map(|k| (None, k)));
    mine.extend(app.achievements.iter().filter_map(identity::achievement_keys).map(|k| (None, k)));
    let mut out =
        probe(store, &mut owners, &links, &subject, &mine, Mode::InMemory, params, None, Need::Every)?;
    out.extend(within_duplicates_of(&subject, &mine, &links));
    out.extend(narrative_conflicts_of(store, &subject, &app.narratives, params)?);
    out.extend(app_level_targeted(store, &subject, params)?);
    sort_conflicts(&mut out);
    let coverage = coverage::of(store, &subject, params)?;
    Ok((out, coverage))
}

/// Every conflict in the database: the office's overview. Each pair is reported once, from the
/// application's side (for two applications, from the one with the smaller id).
pub fn all_conflicts(store: &Store, params: &CrossParams) -> Result<Vec<Conflict>> {
    let owners = Owners::load_all(store, params)?;
    let links = Links::load(store)?;
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let mut push = |c: Conflict, out: &mut Vec<Conflict>| {
        if seen.insert(dedup_key(&c)) {
            out.push(c);
        }
    };
    for resource in [Resource::Person, Resource::Instrument, Resource::Site, Resource::Achievement] {
        let mut rows = store.duplicated_identity_keys(resource)?;
        let mut have: HashSet<(Option<RowId>, Option<RowId>, RowId)> =
            rows.iter().map(|r| (r.application_id, r.platform_id, r.source_row)).collect();
        for r in store.repeated_identity_keys(resource)? {
            if have.insert((r.application_id, r.platform_id, r.source_row)) {
                rows.push(r);
            }
        }
        if resource == Resource::Person {
            for component in links.linked_components() {
                for k in component {
                    for r in store.identity_matches(MatchOn::Key, resource, k, None)? {
                        if have.insert((r.application_id, r.platform_id, r.source_row)) {
                            rows.push(r);
                        }
                    }
                }
            }
        }
        let canon = |r: &KeyRow| {
            if resource == Resource::Person {
                links.canonical(&r.facts.key)
            } else {
                r.facts.key.clone()
            }
        };
        let mut groups: BTreeMap<String, Vec<&KeyRow>> = BTreeMap::new();
        for r in &rows {
            groups.entry(canon(r)).or_default().push(r);
        }
        for (group, members) in &groups {
            let pairs =
                judge_group(&owners, members, Some(group), |s, a, b| judge::judge_key_pair(s, a, b, group));
            for c in pairs {
                push(c, &mut out);
            }
            if resource == Resource::Site {
                site_area_group(&owners, members, group, &mut |c| push(c, &mut out));
            }
            if resource == Resource::Person {
                commitment_group(&owners, members, group, &mut |c| push(c, &mut out));
            }
        }
        if matches!(resource, Resource::Person | Resource::Instrument) {
            let hinted = store.duplicated_identity_hints(resource)?;
            let mut groups: BTreeMap<String, Vec<&KeyRow>> = BTreeMap::new();
            for r in &hinted {
                groups.entry(r.facts.hint.clone().unwrap_or_default()).or_default().push(r);
            }
            for (hint, members) in &groups {
                let group = format!("hint:{hint}");
                let judged = judge_group(&owners, members, None, |s, a, b| {
                    let differ = canon_of(&links, resource, a.facts) != canon_of(&links, resource, b.facts);
                    if differ {
                        judge::judge_hint_pair(s, a, b, &group).into_iter().collect()
                    } else {
                        Vec::new()
                    }
                });
                for c in judged {
                    push(c, &mut out);
                }
            }
        }
    }
    let mut apps: Vec<&AppInfo> = owners.apps.values().collect();
    apps.sort_by_key(|a| a.id);
    let mut platforms: Vec<&PlatformInfo> = owners.platforms.values().collect();
    platforms.sort_by_key(|p| p.id);
    for c in app_level_all(&apps, &platforms, params) {
        push(c, &mut out);
    }
    for c in all_narrative_conflicts(store, &owners, params)? {
        push(c, &mut out);
    }
    Ok(out)
}

fn canon_of(links: &Links, resource: Resource, f: &KeyFacts) -> String {
    if resource == Resource::Person {
        links.canonical(&f.key)
    } else {
        f.key.clone()
    }
}

/// Pairs of claims of different owners in one group, at least one an application; with
/// `within_group` (the group's key), two rows of one application are reported as listed twice.
fn judge_group<'a, F>(
    owners: &'a Owners,
    members: &[&'a KeyRow],
    within_group: Option<&str>,
    judge_pair: F,
) -> Vec<Conflict>
where
    F: Fn(&AppInfo, &Claim<'a>, &Claim<'a>) -> Vec<Conflict>,
{
    let claims: Vec<Claim<'a>> = members.iter().filter_map(|r| owners.claim(r)).collect();
    let mut out = Vec::new();
    for (i, a) in claims.iter().enumerate() {
        for b in claims.iter().skip(i + 1) {
            match (a.owner, b.owner) {
                (OwnerRef::App(x), OwnerRef::App(y)) => {
                    if x.id == y.id {
                        // Listed twice in one application (identity groups only, not hints).
                        if let Some(group) = within_group.filter(|_| a.row != b.row) {
                            out.push(judge::judge_within_duplicate(x, a, b, group));
                        }
                        continue;
                    }
                    let (s, m, o) = if x.id <= y.id { (x, a, b) } else { (y, b, a) };
                    out.extend(judge_pair(s, m, o));
                }
                (OwnerRef::App(x), OwnerRef::Platform(_)) => out.extend(judge_pair(x, a, b)),
                (OwnerRef::Platform(_), OwnerRef::App(y)) => out.extend(judge_pair(y, b, a)),
                (OwnerRef::Platform(_), OwnerRef::Platform(_)) => {}
            }
        }
    }
    out
}

/// The commitment check of one person, once per programme year: from the application of that
/// year with the smallest id (the judgement is symmetric).
fn commitment_group(owners: &Owners, members: &[&KeyRow], group: &str, push: &mut dyn FnMut(Conflict)) {
    let claims: Vec<Claim<'_>> = members.iter().filter_map(|r| owners.claim(r)).collect();
    let mut first_of_year: BTreeMap<i32, (RowId, usize)> = BTreeMap::new();
    for (i, c) in claims.iter().enumerate() {
        if let OwnerRef::App(a) = c.owner {
            if let (Some(y), Some(id)) = (a.year, a.id) {
                let e = first_of_year.entry(y).or_insert((id, i));
                if id < e.0 {
                    *e = (id, i);
                }
            }
        }
    }
    for (_, i) in first_of_year.values() {
        let me = &claims[*i];
        let OwnerRef::App(subject) = me.owner else { continue };
        let others: Vec<Claim<'_>> = claims
            .iter()
            .filter(|c| !matches!(c.owner, OwnerRef::App(a) if a.id == subject.id))
            .copied()
            .collect();
        if let Some(c) = judge::judge_commitment(subject, me, &others, group) {
            push(c);
        }
    }
}

/// The area check of one site group, once per programme year.
fn site_area_group(owners: &Owners, members: &[&KeyRow], group: &str, push: &mut dyn FnMut(Conflict)) {
    let claims: Vec<Claim<'_>> = members.iter().filter_map(|r| owners.claim(r)).collect();
    let max = members.iter().filter_map(|r| r.facts.area).max().unwrap_or(0);
    let mut by_year: BTreeMap<i32, Vec<Claim<'_>>> = BTreeMap::new();
    for c in &claims {
        if let OwnerRef::App(a) = c.owner {
            if let Some(y) = a.year {
                by_year.entry(y).or_default().push(*c);
            }
        }
    }
    for year_claims in by_year.values() {
        let Some(first) = year_claims.iter().min_by_key(|c| match c.owner {
            OwnerRef::App(a) => a.id,
            OwnerRef::Platform(_) => None,
        }) else {
            continue;
        };
        let OwnerRef::App(subject) = first.owner else { continue };
        if let Some(c) = judge::judge_site_area(subject, first, year_claims, max, group) {
            push(c);
        }
    }
}

/// Application-level checks for every application, with bucketed candidates.
fn app_level_all(apps: &[&AppInfo], platforms: &[&PlatformInfo], params: &CrossParams) -> Vec<Conflict> {
    let t = params.name_similarity;
    // Candidates by shared bigram (names), by lead host (one-per-year, already built), by city.
    let mut by_bigram: HashMap<(char, char), Vec<usize>> = HashMap::new();
    for (i, a) in apps.iter().enumerate() {
        for b in &a.bigrams {
            by_bigram.entry(*b).or_default().push(i);
        }
    }
    let mut platform_by_bigram: HashMap<(char, char), Vec<usize>> = HashMap::new();
    for (i, p) in platforms.iter().enumerate() {
        for b in &p.bigrams {
            platform_by_bigram.entry(*b).or_default().push(i);
        }
    }
    let mut by_lead: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_city: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, a) in apps.iter().enumerate() {
        if !a.lead_key.is_empty() {
            by_lead.entry(a.lead_key.as_str()).or_default().push(i);
        }
        if a.comprehensive && !a.city_key.is_empty() {
            by_city.entry(a.city_key.as_str()).or_default().push(i);
        }
    }
    let mut out = Vec::new();
    for (i, s) in apps.iter().enumerate() {
        let r = &s.rules;
        let wants_names =
            r.name_unique.is_some() || r.one_per_year.is_some() || r.not_already_built.is_some();
        let mut cand: Vec<usize> = Vec::new();
        if r.one_per_year.is_some() {
            cand.extend(by_lead.get(s.lead_key.as_str()).into_iter().flatten());
        }
        if r.comprehensive_per_city.is_some() && s.comprehensive {
            cand.extend(by_city.get(s.city_key.as_str()).into_iter().flatten());
        }
        let mut plats: Vec<usize> = Vec::new();
        if wants_names {
            if r.name_unique.is_some() {
                cand.extend(s.bigrams.iter().filter_map(|b| by_bigram.get(b)).flatten());
            }
            plats.extend(s.bigrams.iter().filter_map(|b| platform_by_bigram.get(b)).flatten());
        }
        cand.sort_unstable();
        cand.dedup();
        plats.sort_unstable();
        plats.dedup();
        let peers: Vec<&AppInfo> =
            cand.iter().filter(|&&j| j != i).filter_map(|&j| apps.get(j).copied()).collect();
        let plat_refs: Vec<&PlatformInfo> = plats.iter().filter_map(|&j| platforms.get(j).copied()).collect();
        for c in judge::judge_application(s, &peers, &plat_refs, t) {
            // Symmetric pairs of applications are reported once, from the smaller id.
            let symmetric = matches!(c.kind, ConflictKind::SimilarName | ConflictKind::OnePerYear);
            if let (true, Owner::Application { id: Some(other), .. }) = (symmetric, &c.second.owner) {
                let other_checks_too =
                    apps.iter().find(|a| a.id == Some(*other)).is_some_and(|o| match c.kind {
                        ConflictKind::SimilarName => o.rules.name_unique.is_some(),
                        _ => o.rules.one_per_year.is_some(),
                    });
                if other_checks_too && Some(*other) < s.id {
                    continue;
                }
            }
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::Links;

    fn links(pairs: &[(&str, &str)]) -> Links {
        Links::from_pairs(pairs.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect())
    }

    /// A person's key in every group and report is the smallest of their linked documents,
    /// whatever order the links were made in.
    #[test]
    fn the_canonical_key_is_the_smallest_of_the_linked_documents() {
        for pairs in [[("b", "c"), ("a", "b")], [("a", "b"), ("c", "b")], [("c", "b"), ("b", "a")]] {
            let l = links(&pairs);
            for k in ["a", "b", "c"] {
                assert_eq!(l.canonical(k), "a", "{k} in {pairs:?}");
            }
            assert_eq!(l.component("c"), ["a", "b", "c"]);
        }
        let l = links(&[("b", "a"), ("d", "c")]);
        assert_eq!((l.canonical("b"), l.canonical("d")), ("a".to_string(), "c".to_string()));
        assert_eq!(l.component("x"), ["x"], "a key linked to nothing is its own component");
    }
}
