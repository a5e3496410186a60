//! Programme packs and the eligibility engine, driven by the case files in tests/cases/.
//! Each case file names a base application, the facts each case changes (a small patch
//! format applied here), the reference date and the expected statuses. This runner only
//! applies patches and compares; the expectations are data an auditor can read.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use serde_json::Value;

use shenbao::interchange::application_from_json;
use shenbao::model::Application;
use shenbao::rules::{
    builtin_ids, builtin_pack, builtin_packs, evaluate, load_pack_file, load_pack_str, report_text,
    resolve_as_of, CrossAnswer, CrossCheck, PackError, RegistryView, UnknownRegistry,
};

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases")
}

/// A registry view that has been checked and found nothing: lets a case reach 符合申报条件.
struct ClearRegistry;

impl RegistryView for ClearRegistry {
    fn answer(&self, _: CrossCheck, _: &Application, _: NaiveDate) -> CrossAnswer {
        CrossAnswer::Clear
    }
}

/// A registry view that finds one conflict for every question.
struct ConflictRegistry;

impl RegistryView for ConflictRegistry {
    fn answer(&self, check: CrossCheck, _: &Application, _: NaiveDate) -> CrossAnswer {
        CrossAnswer::Found(vec![shenbao::rules::Duplicate::new(
            check,
            "测试对象",
            "已建平台（测试）",
            "测试冲突",
        )])
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseFile {
    programme: String,
    /// "sample-p1" (the bundled sample) or a JSON interchange file in the same folder.
    base: String,
    #[serde(default)]
    as_of: Option<toml::value::Datetime>,
    #[serde(default)]
    registry: Option<String>,
    #[serde(rename = "case")]
    cases: Vec<Case>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct HostStaff {
    host: usize,
    fixed: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Rename {
    host: usize,
    uscc: String,
}

/// Another application in the case's database (`[[case.other]]`), built from the case's own
/// application: same lead host unless `same_lead = false`, with the listed rows of its rosters.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OtherApp {
    programme: String,
    centre_name: String,
    #[serde(default)]
    category: Option<String>,
    #[serde(default)]
    city: Option<String>,
    #[serde(default = "yes")]
    same_lead: bool,
    /// Default: the case's reference date.
    #[serde(default)]
    reference_date: Option<toml::value::Datetime>,
    /// Indices into the case application's people / instruments / sites.
    #[serde(default)]
    people: Vec<usize>,
    #[serde(default)]
    instruments: Vec<usize>,
    #[serde(default)]
    sites: Vec<usize>,
}

fn yes() -> bool {
    true
}

/// A member of a registry platform: one of the case application's people.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RegistryMember {
    person: usize,
    #[serde(default)]
    left: Option<toml::value::Datetime>,
}

/// An existing platform in the case's registry (`[[case.platform]]`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RegistryEntry {
    name: String,
    /// national / provincial / city
    level: String,
    /// key_lab / tic / clinical_centre / engineering_centre / pilot_base / other
    kind: String,
    /// "lead" for the case's lead host, "" for none; default another unit's code.
    #[serde(default)]
    host_uscc: Option<String>,
    #[serde(default)]
    members: Vec<RegistryMember>,
    #[serde(default)]
    instruments: Vec<usize>,
    #[serde(default)]
    sites: Vec<usize>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    #[serde(default)]
    as_of: Option<toml::value::Datetime>,
    /// unknown / clear / conflict (a stand-in view), or "store": a real SQLite database holding
    /// `other` and `platform`, checked through the app's own path (`service::check_in_store`).
    #[serde(default)]
    registry: Option<String>,
    #[serde(default, rename = "other")]
    others: Vec<OtherApp>,
    #[serde(default, rename = "platform")]
    platforms: Vec<RegistryEntry>,
    // ---- the facts the case changes
    /// Top-level fields of the application, merged.
    #[serde(default)]
    application: Option<toml::Table>,
    /// Fields of the director, merged.
    #[serde(default)]
    director: Option<toml::Table>,
    /// Fields of the lead host (host_units[0]), merged.
    #[serde(default)]
    lead: Option<toml::Table>,
    /// Attestations set (criterion id -> ticked).
    #[serde(default)]
    attest: BTreeMap<String, bool>,
    /// JSON-pointer sets, e.g. "/host_units/1/kind" = "enterprise"; a final "-" appends.
    #[serde(default)]
    set: BTreeMap<String, toml::Value>,
    /// JSON pointers removed, in order.
    #[serde(default)]
    remove: Vec<String>,
    /// New USCCs for hosts, carried into every record that refers to the old one.
    #[serde(default)]
    uscc: Vec<Rename>,
    /// Copies of the last host added, each with a new name and USCC.
    #[serde(default)]
    extra_hosts: Option<usize>,
    /// This many fixed members (from the end) set to 大专 and 初级.
    #[serde(default)]
    downgrade: Option<usize>,
    /// Total fixed staff (director and deputies included), by adding or removing the lead's fixed staff.
    #[serde(default)]
    fixed_staff: Option<usize>,
    /// Fixed staff of one host, moving people between it and the lead (total unchanged).
    #[serde(default)]
    host_staff: Vec<HostStaff>,
    /// Total site area (a decimal string), by resizing the lead's first site.
    #[serde(default)]
    area: Option<String>,
    /// Total instrument original value in 元, by resizing the lead's first instrument.
    #[serde(default)]
    instruments_value: Option<i64>,
    /// R&D investment total over the 3 years before the reference year, as three lead records.
    #[serde(default)]
    rd_total: Option<i64>,
    /// Number of research directions, by truncating or repeating.
    #[serde(default)]
    directions: Option<usize>,
    // ---- what is expected
    #[serde(default)]
    expect: BTreeMap<String, String>,
    #[serde(default)]
    expect_found: BTreeMap<String, String>,
    #[serde(default)]
    expect_gap: BTreeMap<String, String>,
    #[serde(default)]
    expect_message: BTreeMap<String, String>,
    #[serde(default)]
    verdict: Option<String>,
    #[serde(default)]
    verdict_note: Option<String>,
    /// Part of the caveat the verdict line carries (e.g. "已建平台名录").
    #[serde(default)]
    verdict_caveat: Option<String>,
    #[serde(default)]
    strengths: Option<Vec<String>>,
    /// Text one of the assessment's notices (提示, shown at the top) must contain.
    #[serde(default)]
    notice: Option<String>,
}

fn date(d: &toml::value::Datetime) -> NaiveDate {
    let x = d.date.expect("a plain date");
    NaiveDate::from_ymd_opt(x.year.into(), x.month.into(), x.day.into()).expect("a calendar date")
}

fn to_json(v: &toml::Value) -> Value {
    serde_json::to_value(v).expect("toml value to json")
}

fn merge(target: &mut Value, table: &toml::Table) {
    for (k, v) in table {
        target[k.as_str()] = to_json(v);
    }
}

fn pointer_set(doc: &mut Value, ptr: &str, v: Value) {
    let (parent, last) = ptr.rsplit_once('/').expect("a JSON pointer");
    let parent = doc.pointer_mut(parent).unwrap_or_else(|| panic!("no {parent} in the base"));
    match parent {
        Value::Array(a) if last == "-" => a.push(v),
        Value::Array(a) => a[last.parse::<usize>().expect("an index")] = v,
        Value::Object(o) => {
            o.insert(last.to_string(), v);
        }
        _ => panic!("{ptr} is not in an object or array"),
    }
}

fn pointer_remove(doc: &mut Value, ptr: &str) {
    let (parent, last) = ptr.rsplit_once('/').expect("a JSON pointer");
    match doc.pointer_mut(parent) {
        Some(Value::Array(a)) => {
            a.remove(last.parse::<usize>().expect("an index"));
        }
        Some(Value::Object(o)) => {
            o.remove(last);
        }
        _ => panic!("cannot remove {ptr}"),
    }
}

fn is_fixed(p: &Value) -> bool {
    p["role"] != "visiting"
}

fn lead_uscc(doc: &Value) -> String {
    doc["host_units"][0]["uscc"].as_str().unwrap_or_default().to_string()
}

/// Applies a case's patch to the base application (as JSON, then re-read through interchange).
fn patched(base: &Value, case: &Case, as_of: NaiveDate) -> Application {
    let mut doc = base.clone();
    if let Some(t) = &case.application {
        merge(&mut doc, t);
    }
    if let Some(t) = &case.director {
        let people = doc["people"].as_array_mut().expect("people");
        let d = people.iter_mut().find(|p| p["role"] == "director").expect("a director in the base");
        merge(d, t);
    }
    if let Some(t) = &case.lead {
        merge(&mut doc["host_units"][0], t);
    }
    for (k, v) in &case.attest {
        doc["attestations"][k.as_str()] = Value::Bool(*v);
    }
    for r in &case.uscc {
        let old = doc["host_units"][r.host]["uscc"].clone();
        let text = doc.to_string().replace(&old.to_string(), &Value::from(r.uscc.clone()).to_string());
        doc = serde_json::from_str(&text).expect("renamed");
    }
    if let Some(n) = case.extra_hosts {
        let hosts = doc["host_units"].as_array_mut().expect("hosts");
        let template = hosts.last().cloned().expect("a host to copy");
        for k in 0..n {
            let mut h = template.clone();
            h["name"] = Value::from(format!("补充成员单位{k}"));
            let first17 = format!("9114110{k:03}MA0000X");
            let check = shenbao::validate::uscc_check_char(&first17).expect("17 code characters");
            h["uscc"] = Value::from(format!("{first17}{check}"));
            hosts.push(h);
        }
    }
    if let Some(n) = case.downgrade {
        let people = doc["people"].as_array_mut().expect("people");
        for p in people.iter_mut().rev().filter(|p| p["role"] == "fixed").take(n) {
            p["education"] = Value::from("college");
            p["title"] = Value::from("junior");
        }
    }
    let lead = lead_uscc(&doc);
    if let Some(n) = case.fixed_staff {
        let people = doc["people"].as_array_mut().expect("people");
        let template = people
            .iter()
            .rev()
            .find(|p| p["role"] == "fixed" && p["employer_uscc"] == lead.as_str())
            .cloned()
            .expect("a lead fixed member to copy");
        let mut count = people.iter().filter(|p| is_fixed(p)).count();
        let mut k = 0;
        while count < n {
            let mut p = template.clone();
            p["name"] = Value::from(format!("补充人员{k}"));
            p["id_doc"] = serde_json::json!({ "kind": "passport", "number": format!("T{k:07}") });
            p["birth_date"] = Value::from("1985-01-01");
            people.push(p);
            count += 1;
            k += 1;
        }
        while count > n {
            let i = people
                .iter()
                .rposition(|p| p["role"] == "fixed" && p["employer_uscc"] == lead.as_str())
                .or_else(|| people.iter().rposition(|p| p["role"] == "fixed"))
                .expect("a fixed member to remove");
            people.remove(i);
            count -= 1;
        }
    }
    for hs in &case.host_staff {
        let host = doc["host_units"][hs.host]["uscc"].as_str().expect("host").to_string();
        let people = doc["people"].as_array_mut().expect("people");
        let mut have = people.iter().filter(|p| is_fixed(p) && p["employer_uscc"] == host.as_str()).count();
        while have > hs.fixed {
            let p = people
                .iter_mut()
                .rev()
                .find(|p| p["role"] == "fixed" && p["employer_uscc"] == host.as_str())
                .expect("member");
            p["employer_uscc"] = Value::from(lead.clone());
            have -= 1;
        }
        while have < hs.fixed {
            let p = people
                .iter_mut()
                .rev()
                .find(|p| p["role"] == "fixed" && p["employer_uscc"] == lead.as_str())
                .expect("member");
            p["employer_uscc"] = Value::from(host.clone());
            have += 1;
        }
    }
    if let Some(a) = &case.area {
        let want: shenbao::quantity::AreaM2 = a.parse().expect("an area");
        let get = |v: &Value| {
            v["area"].as_str().map(|s| s.parse::<shenbao::quantity::AreaM2>().expect("area").0).unwrap_or(0)
        };
        let put = |v: &mut Value, x: i64| v["area"] = Value::from(shenbao::quantity::AreaM2(x).to_string());
        adjust_total(doc["sites"].as_array_mut().expect("sites"), &lead, want.0, get, put);
    }
    if let Some(want) = case.instruments_value {
        let get = |v: &Value| v["original_value"].as_i64().unwrap_or(0);
        let put = |v: &mut Value, x: i64| v["original_value"] = Value::from(x);
        adjust_total(doc["instruments"].as_array_mut().expect("instruments"), &lead, want, get, put);
    }
    if let Some(total) = case.rd_total {
        let y = as_of.year();
        let third = total / 3;
        doc["rd_investments"] = serde_json::json!([
            { "owner_uscc": lead, "year": y - 3, "amount": third },
            { "owner_uscc": lead, "year": y - 2, "amount": third },
            { "owner_uscc": lead, "year": y - 1, "amount": total - 2 * third },
        ]);
    }
    if let Some(n) = case.directions {
        let dirs = doc["directions"].as_array_mut().expect("directions");
        let first = dirs.first().cloned().unwrap_or_else(|| serde_json::json!({ "title": "方向" }));
        dirs.truncate(n);
        let mut k = dirs.len();
        while dirs.len() < n {
            let mut d = first.clone();
            d["title"] = Value::from(format!("补充方向{k}"));
            dirs.push(d);
            k += 1;
        }
    }
    for (ptr, v) in &case.set {
        pointer_set(&mut doc, ptr, to_json(v));
    }
    for ptr in &case.remove {
        pointer_remove(&mut doc, ptr);
    }
    // Straight into the model, without the interchange's consistency checks: the engine must
    // judge unvalidated data too (e.g. a birth date that disagrees with the ID number).
    serde_json::from_value(doc)
        .unwrap_or_else(|e| panic!("case “{}”: patched application does not load: {e}", case.name))
}

/// Brings the sum of `get` over `items` to `want`: an increase goes to the lead's first item,
/// a decrease is taken from the lead's items first, then the others', none below zero.
fn adjust_total(
    items: &mut [Value],
    lead: &str,
    want: i64,
    get: impl Fn(&Value) -> i64,
    put: impl Fn(&mut Value, i64),
) {
    let total: i64 = items.iter().map(&get).sum();
    let mut delta = want - total;
    let mut order: Vec<usize> = (0..items.len()).filter(|&i| items[i]["owner_uscc"] == lead).collect();
    order.extend((0..items.len()).filter(|&i| items[i]["owner_uscc"] != lead));
    for i in order {
        if delta == 0 {
            break;
        }
        let v = get(&items[i]);
        let new = (v + delta).max(0);
        delta -= new - v;
        put(&mut items[i], new);
    }
    assert_eq!(delta, 0, "cannot bring the total to {want}");
}

fn base_json(dir: &Path, base: &str) -> Value {
    let text = if base == "sample-p1" {
        shenbao::samples::SAMPLE_P1.to_string()
    } else {
        std::fs::read_to_string(dir.join(base)).unwrap_or_else(|e| panic!("base {base}: {e}"))
    };
    let v: Value = serde_json::from_str(&text).expect("base JSON");
    v["application"].clone()
}

fn enum_of<T: serde::de::DeserializeOwned>(s: &str, what: &str) -> T {
    serde_json::from_value(Value::String(s.into())).unwrap_or_else(|_| panic!("unknown {what} `{s}`"))
}

/// The case checked through the app's path: a real SQLite file with the case's other
/// applications and registry platforms, `service::check_in_store` on the unsaved application.
fn store_check(
    pack: &shenbao::rules::Pack,
    app: &Application,
    case: &Case,
    as_of: NaiveDate,
) -> shenbao::rules::Assessment {
    use shenbao::model::{ExistingPlatform, MemberRole, PlatformMember};
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = shenbao::store::Store::open(&dir.path().join("cases.sqlite")).expect("store");
    for (k, o) in case.others.iter().enumerate() {
        let mut other = app.clone();
        other.programme = o.programme.clone();
        other.centre_name = o.centre_name.clone();
        if let Some(c) = &o.category {
            other.category = enum_of(c, "category");
        }
        if let Some(c) = &o.city {
            other.city = c.clone();
        }
        other.reference_date = Some(o.reference_date.as_ref().map(date).unwrap_or(as_of));
        other.people = o.people.iter().map(|&i| app.people[i].clone()).collect();
        other.instruments = o.instruments.iter().map(|&i| app.instruments[i].clone()).collect();
        other.sites = o.sites.iter().map(|&i| app.sites[i].clone()).collect();
        other.achievements.clear();
        other.rd_investments.clear();
        if !o.same_lead {
            other.host_units.truncate(1);
            other.host_units[0].name = format!("山西另一单位{k}科技有限公司");
            other.host_units[0].uscc = format!("91140100MA0XYZ{k:04}");
        }
        store.insert_application(&other).unwrap_or_else(|e| panic!("case “{}”: other {k}: {e}", case.name));
    }
    let lead = app.host_units.first().map(|h| h.uscc.clone()).unwrap_or_default();
    let platforms: Vec<ExistingPlatform> = case
        .platforms
        .iter()
        .map(|p| ExistingPlatform {
            id: None,
            name: p.name.clone(),
            level: enum_of(&p.level, "level"),
            kind: enum_of(&p.kind, "platform kind"),
            host_name: "山西某大学".into(),
            host_uscc: match p.host_uscc.as_deref() {
                Some("lead") => lead.clone(),
                Some(other) => other.to_string(),
                None => "12140000405600000X".into(),
            },
            approval_date: None,
            members: p
                .members
                .iter()
                .map(|m| PlatformMember {
                    name: app.people[m.person].name.clone(),
                    id_doc: app.people[m.person].id_doc.clone(),
                    role: MemberRole::Fixed,
                    joined: Some(NaiveDate::from_ymd_opt(2015, 1, 1).expect("date")),
                    left: m.left.as_ref().map(date),
                })
                .collect(),
            instruments: p.instruments.iter().map(|&i| app.instruments[i].clone()).collect(),
            sites: p.sites.iter().map(|&i| app.sites[i].clone()).collect(),
        })
        .collect();
    store.insert_platforms(&platforms).unwrap_or_else(|e| panic!("case “{}”: platforms: {e}", case.name));
    let today = NaiveDate::from_ymd_opt(2026, 12, 2).expect("date");
    shenbao::service::check_in_store(&mut store, None, app, pack, Some(as_of), today)
        .unwrap_or_else(|e| panic!("case “{}”: check: {e}", case.name))
        .assessment
}

fn registry_of(name: Option<&str>) -> &'static dyn RegistryView {
    match name.unwrap_or("unknown") {
        "unknown" => &UnknownRegistry,
        "clear" => &ClearRegistry,
        "conflict" => &ConflictRegistry,
        other => panic!("unknown registry `{other}` (unknown, clear, conflict)"),
    }
}

/// Runs one case file; returns (cases run, failure lines).
fn run_file(path: &Path) -> (usize, Vec<String>) {
    let text = std::fs::read_to_string(path).expect("case file");
    let file: CaseFile = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let pack = builtin_pack(&file.programme).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let base = base_json(path.parent().expect("dir"), &file.base);
    let mut failures = Vec::new();
    for case in &file.cases {
        let chosen = case.as_of.as_ref().or(file.as_of.as_ref()).map(date);
        let probe: Application = application_from_json(
            &serde_json::json!({ "format": "shenbao.application", "version": 1, "application": base })
                .to_string(),
        )
        .expect("base loads");
        let as_of = resolve_as_of(&pack, &probe, chosen).expect("a reference date for the case");
        let app = patched(&base, case, as_of);
        let registry_name = case.registry.as_deref().or(file.registry.as_deref());
        let a = if registry_name == Some("store") || !case.others.is_empty() || !case.platforms.is_empty() {
            store_check(&pack, &app, case, as_of)
        } else {
            evaluate(&pack, &app, registry_of(registry_name), as_of)
        };
        let here = format!("{} «{}»", path.file_name().unwrap_or_default().to_string_lossy(), case.name);
        let json = serde_json::to_value(&a).expect("assessment JSON");
        for (id, want) in &case.expect {
            match a.result(id) {
                None => failures.push(format!("{here}: no criterion `{id}` in {}", pack.id)),
                Some(r) => {
                    let got = json["criteria"]
                        .as_array()
                        .and_then(|l| l.iter().find(|c| c["id"] == id.as_str()))
                        .map(|c| c["status"].as_str().unwrap_or_default().to_string())
                        .unwrap_or_default();
                    if &got != want {
                        failures.push(format!("{here}: `{id}` expected {want}, got {got} — {}", r.message));
                    }
                }
            }
        }
        let fields = [("found", &case.expect_found), ("gap", &case.expect_gap)];
        for (what, map) in fields {
            for (id, want) in map {
                let r = a.result(id).unwrap_or_else(|| panic!("{here}: no criterion {id}"));
                let got = if what == "found" { r.found.as_deref() } else { r.gap.as_deref() };
                if got != Some(want.as_str()) {
                    failures.push(format!("{here}: `{id}` {what} expected {want:?}, got {got:?}"));
                }
            }
        }
        for (id, part) in &case.expect_message {
            let r = a.result(id).unwrap_or_else(|| panic!("{here}: no criterion {id}"));
            if !r.message.contains(part.as_str()) {
                failures.push(format!("{here}: `{id}` message lacks {part:?}: {}", r.message));
            }
        }
        if let Some(v) = &case.verdict {
            if json["verdict"] != v.as_str() {
                failures.push(format!(
                    "{here}: verdict expected {v}, got {} ({})",
                    json["verdict"], a.verdict_label
                ));
            }
        }
        if let Some(c) = &case.verdict_caveat {
            if !a.verdict_caveat.as_deref().unwrap_or_default().contains(c.as_str()) {
                failures.push(format!("{here}: verdict caveat lacks {c:?}: {:?}", a.verdict_caveat));
            }
        }
        if let Some(n) = &case.verdict_note {
            // An empty expectation means "no note at all" (e.g. never the 筹建 note on a bar).
            if n.is_empty() && a.verdict_note.is_some() {
                failures.push(format!("{here}: expected no verdict note, got {:?}", a.verdict_note));
            } else if !a.verdict_note.as_deref().unwrap_or_default().contains(n.as_str()) {
                failures.push(format!("{here}: verdict note lacks {n:?}: {:?}", a.verdict_note));
            }
        }
        if let Some(n) = &case.notice {
            if !a.notices.iter().any(|x| x.contains(n.as_str())) {
                failures.push(format!("{here}: no notice contains {n:?}: {:?}", a.notices));
            }
        }
        if let Some(s) = &case.strengths {
            let got: Vec<String> = a.strengths.iter().map(|s| s.id.clone()).collect();
            if &got != s {
                failures.push(format!("{here}: strengths expected {s:?}, got {got:?}"));
            }
        }
    }
    (file.cases.len(), failures)
}

fn case_files() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![cases_dir()];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())).flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "toml") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn case_files_pass() {
    let files = case_files();
    assert!(!files.is_empty(), "no case files under tests/cases");
    let (mut total, mut failures) = (0, Vec::new());
    for f in &files {
        let (n, mut fails) = run_file(f);
        total += n;
        failures.append(&mut fails);
    }
    assert!(failures.is_empty(), "{} of {total} cases failed:\n{}", failures.len(), failures.join("\n"));
    eprintln!("rules: {total} cases in {} files passed", files.len());
}

#[test]
fn every_builtin_pack_loads() {
    let packs = builtin_packs().expect("built-in packs load");
    assert_eq!(packs.len(), builtin_ids().count());
    // Each listed id finds its own pack (the file's `id` is the one listed).
    for id in builtin_ids() {
        assert_eq!(shenbao::rules::builtin_pack(id).expect(id).id, id);
    }
    for p in &packs {
        for c in &p.criteria {
            assert!(!c.citation.clause.is_empty(), "{} {}", p.id, c.id);
        }
    }
}

/// Every criterion id of criteria.md, per programme.
#[test]
fn packs_cover_the_catalogue() {
    let want: &[(&str, &[&str])] = &[
        (
            "P1",
            &[
                "one-per-year",
                "not-already-built",
                "no-double-resources",
                "comprehensive-recommendation",
                "field",
                "strategy-fit",
                "hosts-legal-entity",
                "hosts-count",
                "lead-registered",
                "lead-led-tasks",
                "lead-own-ip",
                "lead-share",
                "other-hosts-staff",
                "other-hosts-conditions",
                "enterprise-lead",
                "non-enterprise-lead",
                "co-build-agreement",
                "director-age",
                "director-title",
                "director-record",
                "director-employer",
                "director-full-time",
                "staff-count",
                "staff-employer",
                "staff-exclusive",
                "independent-body",
                "area",
                "instruments",
                "rd-investment",
                "integrity",
                "safety-permits",
                "safety-self-check",
                "directions",
                "name-characters",
                "name-unique",
                "name-no-enterprise",
                "declassified",
                "priority-1",
                "priority-2",
                "priority-3",
                "priority-4",
                "priority-5",
                "priority-6",
                "priority-7",
                "priority-8",
                "instruments-shared",
                "single-recommendation",
                "measures-read",
                "comprehensive-invitation",
            ],
        ),
        (
            "P2",
            &[
                "lead-registered",
                "lead-capability",
                "own-ip",
                "director-title",
                "area",
                "field",
                "integrity",
                "name-pattern",
                "independent-entity",
            ],
        ),
        (
            "P3",
            &[
                "lead-registered",
                "own-ip",
                "director-title",
                "staff-count",
                "area",
                "instruments",
                "rd-investment",
                "field",
                "integrity",
                "conversion",
                "lead-capability",
                "independent-entity",
                "name-pattern",
            ],
        ),
        (
            "P4",
            &[
                "host-registered",
                "strategy-fit",
                "team-size",
                "team-quality",
                "director-title",
                "no-concurrent",
                "instruments",
                "safety-site",
                "measures",
            ],
        ),
        (
            "P5",
            &["lead-registered", "own-ip", "director-title", "area", "field", "integrity", "lead-capability"],
        ),
        ("P6", &["core-members", "members-total", "measures", "field", "composition"]),
    ];
    for (id, ids) in want {
        let p = builtin_pack(id).expect("pack");
        let have: Vec<&str> = p.criteria.iter().map(|c| c.id.as_str()).collect();
        for w in *ids {
            assert!(have.contains(w), "{id} lacks criterion {w}");
        }
    }
    for id in ["P1", "P3"] {
        assert!(builtin_pack(id).expect("pack").cultivation.is_some(), "{id} allows 筹建");
    }
    for id in ["P7-key-lab", "P7-incubator", "P7-maker-space", "P7-new-rd", "P7-star-space"] {
        let p = builtin_pack(id).expect("pack");
        let attests = p.criteria.iter().filter(|c| c.kind == shenbao::rules::Kind::Attest).count();
        assert_eq!(attests, 1, "{id}: one attestation");
        // The only number-free condition a notice states itself: 新型研发机构 registered in 吕梁市.
        let hard = p.criteria.iter().filter(|c| c.kind == shenbao::rules::Kind::Hard).count();
        assert_eq!(hard, usize::from(id == "P7-new-rd"), "{id}: hard criteria");
        assert!(p.document.number.is_some(), "{id}: document number");
        assert!(p.notes.iter().any(|n| n.contains("未内置")), "{id}: says conditions are not built in");
    }
}

/// Pack errors name the file, the line and the key.
#[test]
fn strict_loading_errors() {
    builtin_pack("P6").expect("P6 loads unedited");
    let base = include_str!("../../assets/programmes/P6.toml");
    type Edit = (&'static str, fn(&str) -> String, &'static str, &'static str);
    let cases: &[Edit] = &[
        (
            "unknown key",
            |t| t.replacen("check = \"hosts_count_min\"", "check = \"hosts_count_min\"\nthreshhold = 1", 1),
            "pack_unknown_key",
            "threshhold",
        ),
        (
            "missing citation",
            |t| {
                t.replacen("citation = { document = \"吕梁市平台申报通知\", clause = \"二（四）\" }\n", "", 1)
            },
            "pack_missing_citation",
            "criteria[core-members].citation",
        ),
        (
            "empty clause",
            |t| t.replacen("clause = \"二（四）\"", "clause = \"\"", 1),
            "pack_missing_citation",
            "criteria[core-members].citation.clause",
        ),
        (
            "threshold without unit",
            |t| t.replacen("{ value = 6, unit = \"家\" }", "{ value = 6 }", 1),
            "pack_bad_unit",
            "criteria[core-members].threshold.unit",
        ),
        (
            "wrong unit",
            |t| t.replacen("{ value = 6, unit = \"家\" }", "{ value = 6, unit = \"人\" }", 1),
            "pack_bad_unit",
            "criteria[core-members].threshold.unit",
        ),
        (
            "unknown kind",
            |t| t.replacen("kind = \"hard\"", "kind = \"must\"", 1),
            "pack_unknown_kind",
            "criteria[core-members].kind",
        ),
        (
            "unknown check",
            |t| t.replacen("check = \"hosts_count_min\"", "check = \"members_min\"", 1),
            "pack_unknown_check",
            "criteria[core-members].check",
        ),
        (
            "duplicate id",
            |t| t.replacen("id = \"members-total\"", "id = \"core-members\"", 1),
            "pack_duplicate_id",
            "criteria.id",
        ),
        ("syntax", |t| t.replacen("kind = \"hard\"", "kind = hard", 1), "pack_syntax", ""),
        (
            "core members counted by a check that does not read them",
            |t| t.replacen("kind = \"warn\"\n", "kind = \"warn\"\ncore_members_only = true\n", 1),
            "pack_invalid_value",
            "criteria[members-total].core_members_only",
        ),
        (
            "a site key on a member count",
            |t| t.replacen("core_members_only = true", "exclude_usages = [\"办公\"]", 1),
            "pack_invalid_value",
            "criteria[core-members].exclude_usages",
        ),
    ];
    for (name, edit, code, key) in cases {
        let text = edit(base);
        assert_ne!(text, base, "{name}: the edit did not apply");
        let err = load_pack_str(&text, "P6-test.toml").expect_err(name);
        assert_eq!(err.code(), *code, "{name}: {err}");
        let at = err.location().expect("a location");
        assert_eq!(at.file, "P6-test.toml");
        assert!(at.line > 0, "{name}: line");
        if !key.is_empty() {
            assert_eq!(at.key, *key, "{name}: {err}");
        }
        let shown = err.to_string();
        assert!(shown.contains("P6-test.toml") && shown.contains(&format!("第 {} 行", at.line)), "{shown}");
    }
    // The unknown key's line is the line it is written on.
    let text = base.replacen("check = \"hosts_count_min\"", "check = \"hosts_count_min\"\nthreshhold = 1", 1);
    let line = text.lines().position(|l| l.starts_with("threshhold")).expect("line") + 1;
    let err = load_pack_str(&text, "x.toml").expect_err("unknown key");
    assert_eq!(err.location().map(|l| l.line), Some(line));
}

#[test]
fn pack_file_loads_at_run_time() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("next-year.toml");
    let text = include_str!("../../assets/programmes/P3.toml").replace("id = \"P3\"", "id = \"P3-2025\"");
    std::fs::write(&path, text).expect("write");
    let p = load_pack_file(&path).expect("loads");
    assert_eq!(p.id, "P3-2025");
    let missing = load_pack_file(&dir.path().join("nope.toml")).expect_err("missing file");
    assert!(matches!(missing, PackError::Io { .. }));
    assert!(matches!(builtin_pack("P99"), Err(PackError::UnknownProgramme { .. })));
}

/// The sample application against P1, as verified by hand against the notice (see
/// tests/cases/P1/sample.toml for the per-criterion expectations).
#[test]
fn sample_report_and_json() {
    let pack = builtin_pack("P1").expect("P1");
    let app = application_from_json(shenbao::samples::SAMPLE_P1).expect("sample");
    let as_of = resolve_as_of(&pack, &app, None).expect("P1 has a reference date");
    assert_eq!(as_of, NaiveDate::from_ymd_opt(2024, 5, 6).expect("date"));
    let a = evaluate(&pack, &app, &UnknownRegistry, as_of);
    let json = serde_json::to_value(&a).expect("json");
    for key in ["verdict", "criteria", "strengths", "duplicates", "programme", "as_of"] {
        assert!(json.get(key).is_some(), "JSON lacks {key}");
    }
    for key in ["id", "kind", "status", "found", "required", "gap", "message", "citation"] {
        assert!(json["criteria"][0].get(key).is_some(), "criterion JSON lacks {key}");
    }
    assert_eq!(json["as_of"], "2024-05-06");
    assert_eq!(json["verdict"], "incomplete");
    let text = report_text(&a);
    assert!(text.contains("结论：待补充"), "{text}");
    assert!(text.contains("【待补充】"), "{text}");
    assert!(
        text.contains("固定人员 60 人，要求不少于 50 人（《2024年省创中心申报通知》二（四）3）"),
        "{text}"
    );
}

/// The status of criterion `id` when `app` is judged by programme `programme` with a clear registry.
fn status_of(programme: &str, app: &Application, id: &str) -> String {
    let pack = builtin_pack(programme).expect("pack");
    let as_of = NaiveDate::from_ymd_opt(2024, 6, 1).expect("date");
    let a = evaluate(&pack, app, &ClearRegistry, as_of);
    let json = serde_json::to_value(&a).expect("json");
    let c = json["criteria"].as_array().and_then(|l| l.iter().find(|c| c["id"] == id)).expect("criterion");
    format!("{} — {}", c["status"].as_str().unwrap_or_default(), c["message"].as_str().unwrap_or_default())
}

fn sample() -> Application {
    application_from_json(shenbao::samples::SAMPLE_P1).expect("sample")
}

#[test]
fn central_registered_institute_declared_in_taiyuan_passes_p1_lead_registered() {
    let mut app = sample();
    let lead = &mut app.host_units[0];
    lead.kind = shenbao::model::UnitKind::ResearchInstitute;
    lead.uscc = "121000004057193637".into();
    lead.registered_region = "太原市".into();
    let got = status_of("P1", &app, "lead-registered");
    assert!(got.starts_with("met — "), "{got}");
}

#[test]
fn provincially_registered_university_declared_in_lvliang_passes_p4_host_registered() {
    let mut app = sample();
    for (h, code) in
        app.host_units.iter_mut().zip(["91141102317584622T", "12140000405621833C", "12141181405719363K"])
    {
        h.uscc = code.into();
        h.registered_region = "山西省吕梁市".into();
    }
    assert_eq!(app.host_units[1].kind, shenbao::model::UnitKind::University);
    let got = status_of("P4", &app, "host-registered");
    assert!(got.starts_with("met — "), "{got}");
}

#[test]
fn a_taiyuan_code_declared_in_lvliang_is_a_warning_to_check_not_a_failure() {
    let mut app = sample();
    for (h, code) in
        app.host_units.iter_mut().zip(["91140105317584622R", "12141102405621833T", "12141181405719363K"])
    {
        h.uscc = code.into();
        h.registered_region = "山西省吕梁市".into();
    }
    let got = status_of("P4", &app, "host-registered");
    assert!(got.starts_with("warning — ") && got.contains("140105"), "{got}");
}

#[test]
fn p6_counts_only_core_members_toward_the_six_and_every_member_toward_fifteen() {
    let mut app = sample();
    let template = app.host_units[2].clone();
    for k in 0..10 {
        let mut h = template.clone();
        h.name = format!("普通成员{k}");
        h.uscc = format!("9114110{k:03}TESTXXXX");
        app.host_units.push(h);
    }
    for h in app.host_units.iter_mut().take(3) {
        h.core_member = true;
    }
    assert!(status_of("P6", &app, "core-members").starts_with("unmet — "));
    assert!(status_of("P6", &app, "members-total").starts_with("met — "));
    for h in app.host_units.iter_mut().take(6) {
        h.core_member = true;
    }
    assert!(status_of("P6", &app, "core-members").starts_with("met — "));
}

#[test]
fn p1_area_leaves_office_space_out_and_says_so() {
    let app = sample();
    let got = status_of("P1", &app, "area");
    assert!(got.contains("2514.5 平方米") && got.contains("不计入用途为办公的 2 处 346 平方米"), "{got}");
}

#[test]
fn the_window_shows_registration_place_core_members_and_headquarters_only_where_a_pack_reads_them() {
    let uses = |id: &str, input: &str| builtin_pack(id).expect("pack").presentation.uses(input);
    assert!(uses("P1", "hosts[].registered_region") && !uses("P1", "sites[].headquarters"));
    assert!(!uses("P1", "hosts[].core_member"));
    assert!(uses("P2", "hosts[].registered_region") && uses("P2", "sites[].headquarters"));
    assert!(uses("P6", "hosts[].core_member") && !uses("P6", "hosts[].registered_region"));
}

/// A row just added with 添加一行 (no title yet) is a state of editing, not an achievement: the
/// lead's own-IP criterion and the lead's share of achievements read as before it was added.
#[test]
fn an_untitled_achievement_row_is_not_counted() {
    let pack = builtin_pack("P1").expect("P1");
    let mut app = application_from_json(shenbao::samples::SAMPLE_P1).expect("sample");
    let lead = app.host_units[0].uscc.clone();
    app.host_units[0].own_ip = false;
    app.host_units[0].applied_results = false;
    app.achievements.clear();
    let as_of = resolve_as_of(&pack, &app, None).expect("date");
    let status = |app: &Application, id: &str| {
        let a = evaluate(&pack, app, &UnknownRegistry, as_of);
        let c = a.criteria.iter().find(|c| c.id == id).expect(id).clone();
        (serde_json::to_value(c.status).expect("status"), c.found.clone())
    };
    let before = (status(&app, "lead-own-ip"), status(&app, "lead-share"));
    app.achievements.push(shenbao::model::Achievement {
        id: None,
        kind: shenbao::model::AchievementKind::InventionPatent,
        identifier: String::new(),
        title: "  ".into(),
        owner_uscc: lead.clone(),
        date: None,
        applied: true,
    });
    assert_eq!((status(&app, "lead-own-ip"), status(&app, "lead-share")), before);
    app.achievements[0].title = "一种碳材料的制备方法".into();
    assert_ne!(status(&app, "lead-own-ip"), before.0, "a titled patent of the lead counts");
}
