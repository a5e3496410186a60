//! Case files (tests/cases/ format) run against one pack: each case names the facts it changes
//! on a base application, the reference date and the expected statuses. Used by `packs test`
//! and by the test suite; it only applies patches and compares, the expectations are data.
//! It writes only a throw-away SQLite file for cases that need other applications or platforms.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use serde_json::Value;

use crate::model::{Application, ExistingPlatform, MemberRole, PlatformMember};
use crate::rules::{
    evaluate, resolve_as_of, Assessment, CrossAnswer, CrossCheck, CrossView, Duplicate, Pack, UnknownCross,
};

/// A case file or folder that cannot be run (as opposed to a case that fails).
#[derive(Debug, thiserror::Error)]
pub enum CaseError {
    #[error("无法读取用例“{path}”：{reason}")]
    Read { path: String, reason: String },
    #[error("用例文件“{path}”格式错误：{detail}")]
    Syntax { path: String, detail: String },
    #[error("用例文件“{path}”的基础申报“{base}”无法读取：{detail}")]
    Base { path: String, base: String, detail: String },
    #[error("“{dir}”中没有申报类型为 {programme} 的用例文件（programme = \"{programme}\"）")]
    NoCases { dir: String, programme: String },
}

impl CaseError {
    pub fn code(&self) -> &'static str {
        match self {
            CaseError::Read { .. } => "read_file",
            CaseError::Syntax { .. } => "case_syntax",
            CaseError::Base { .. } => "case_base",
            CaseError::NoCases { .. } => "no_cases",
        }
    }
}

/// One case and what went wrong with it (empty: passed).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CaseOutcome {
    /// The case file's name.
    pub file: String,
    pub name: String,
    pub failures: Vec<String>,
}

impl CaseOutcome {
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

/// Every case of a folder run against one pack.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CaseRun {
    pub programme: String,
    pub outcomes: Vec<CaseOutcome>,
    /// Case files for other programmes in the folder, not run.
    pub skipped_files: Vec<String>,
}

impl CaseRun {
    pub fn passed(&self) -> usize {
        self.outcomes.iter().filter(|o| o.passed()).count()
    }
    pub fn failed(&self) -> usize {
        self.outcomes.len() - self.passed()
    }
}

/// The criterion ids the cases of a folder name in their expectations, per programme.
pub fn criteria_named(dir: &Path) -> Result<BTreeMap<String, std::collections::BTreeSet<String>>, CaseError> {
    let mut out: BTreeMap<String, std::collections::BTreeSet<String>> = BTreeMap::new();
    for path in case_files(dir)? {
        let file = read_case_file(&path)?;
        let ids = out.entry(file.programme.clone()).or_default();
        for c in &file.cases {
            for map in [&c.expect, &c.expect_found, &c.expect_gap, &c.expect_message] {
                ids.extend(map.keys().cloned());
            }
            ids.extend(c.attest.keys().cloned());
        }
    }
    Ok(out)
}

/// How a case with other applications or registry platforms is judged: the app's own check of an
/// unsaved application against what the store holds (`service::check_in_store`, handed down by
/// the service so the kit never reaches up to it): store, application, pack, reference date, today.
pub type InStore<'a> =
    &'a dyn Fn(&crate::store::Store, &Application, &Pack, NaiveDate, NaiveDate) -> Result<Assessment, String>;

/// Runs every case file under `dir` (recursively) whose `programme` is the pack's id.
/// `today` is the date printed as 填报日期 where a case goes through the store (`in_store`).
pub fn run_cases(
    pack: &Pack,
    dir: &Path,
    today: NaiveDate,
    in_store: InStore<'_>,
) -> Result<CaseRun, CaseError> {
    let mut run = CaseRun { programme: pack.id.clone(), outcomes: Vec::new(), skipped_files: Vec::new() };
    let mut any = false;
    for path in case_files(dir)? {
        let file = read_case_file(&path)?;
        let name = path.strip_prefix(dir).unwrap_or(&path).display().to_string();
        if !file.programme.eq_ignore_ascii_case(&pack.id) {
            run.skipped_files.push(name);
            continue;
        }
        any = true;
        let base = base_json(&path, &file.base)?;
        for case in &file.cases {
            let failures = judge(pack, &file, case, &base, today, in_store)
                .unwrap_or_else(|e| vec![format!("用例无法运行：{e}")]);
            run.outcomes.push(CaseOutcome { file: name.clone(), name: case.name.clone(), failures });
        }
    }
    if !any {
        return Err(CaseError::NoCases { dir: dir.display().to_string(), programme: pack.id.clone() });
    }
    Ok(run)
}

/// The `.toml` files under `dir` (or `dir` itself when it is a file), sorted.
fn case_files(dir: &Path) -> Result<Vec<PathBuf>, CaseError> {
    let read_err = |p: &Path, e: std::io::Error| CaseError::Read {
        path: p.display().to_string(),
        reason: io_reason(&e),
    };
    let meta = std::fs::metadata(dir).map_err(|e| read_err(dir, e))?;
    if meta.is_file() {
        return Ok(vec![dir.to_path_buf()]);
    }
    let mut out = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).map_err(|e| read_err(&d, e))? {
            let p = e.map_err(|e| read_err(&d, e))?.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "toml") {
                out.push(p);
            }
        }
    }
    out.sort();
    Ok(out)
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "文件或文件夹不存在".into(),
        std::io::ErrorKind::PermissionDenied => "没有访问权限".into(),
        std::io::ErrorKind::InvalidData => "文件不是 UTF-8 编码的文本".into(),
        _ => e.to_string(),
    }
}

fn read_case_file(path: &Path) -> Result<CaseFile, CaseError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| CaseError::Read { path: path.display().to_string(), reason: io_reason(&e) })?;
    toml::from_str(&text)
        .map_err(|e| CaseError::Syntax { path: path.display().to_string(), detail: e.to_string() })
}

/// A cross view that has been checked and found nothing: lets a case reach 符合申报条件.
struct ClearCross;

impl CrossView for ClearCross {
    fn answer(&self, _: CrossCheck, _: &Application, _: NaiveDate) -> CrossAnswer {
        CrossAnswer::Clear
    }
}

/// A cross view that finds one conflict for every question.
struct ConflictCross;

impl CrossView for ConflictCross {
    fn answer(&self, check: CrossCheck, _: &Application, _: NaiveDate) -> CrossAnswer {
        CrossAnswer::Found(vec![Duplicate::new(check, "测试对象", "已建平台（测试）", "测试冲突")])
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
    #[serde(default, rename = "registry")]
    cross: Option<String>,
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
    /// `other` and `platform`, checked through the app's own path (`InStore`: `service::check_in_store`).
    #[serde(default, rename = "registry")]
    cross: Option<String>,
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
    /// Rows listed a second time (JSON pointers, e.g. "/people/10"), appended after every other change.
    #[serde(default)]
    repeat: Vec<String>,
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
    /// The verdict line's words exactly, e.g. "待确认 2 项" or "本单位部分：不完全满足".
    #[serde(default)]
    verdict_label: Option<String>,
    /// Part of the caveat the verdict line carries (e.g. "已建平台名录").
    #[serde(default)]
    verdict_caveat: Option<String>,
    /// The 优先支持 items met (case key `strengths`).
    #[serde(default, rename = "strengths")]
    priority_support: Option<Vec<String>>,
    /// Text one of the assessment's notices (提示, shown at the top) must contain.
    #[serde(default)]
    notice: Option<String>,
}

type Patch<T> = Result<T, String>;

fn date(d: &toml::value::Datetime) -> Patch<NaiveDate> {
    let x = d.date.ok_or_else(|| format!("{d} 不是日期"))?;
    NaiveDate::from_ymd_opt(x.year.into(), x.month.into(), x.day.into())
        .ok_or_else(|| format!("{d} 不是日历日期"))
}

fn to_json(v: &toml::Value) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

fn merge(target: &mut Value, table: &toml::Table) {
    for (k, v) in table {
        target[k.as_str()] = to_json(v);
    }
}

fn index(s: &str, ptr: &str) -> Patch<usize> {
    s.parse::<usize>().map_err(|_| format!("{ptr}：“{s}”不是序号"))
}

fn pointer_set(doc: &mut Value, ptr: &str, v: Value) -> Patch<()> {
    let (parent, last) = ptr.rsplit_once('/').ok_or_else(|| format!("“{ptr}”不是 JSON 指针"))?;
    let parent = doc.pointer_mut(parent).ok_or_else(|| format!("基础申报中没有 {parent}"))?;
    match parent {
        Value::Array(a) if last == "-" => a.push(v),
        Value::Array(a) => {
            let i = index(last, ptr)?;
            *a.get_mut(i).ok_or_else(|| format!("{ptr}：没有第 {i} 项"))? = v;
        }
        Value::Object(o) => {
            o.insert(last.to_string(), v);
        }
        _ => return Err(format!("{ptr} 不在对象或数组中")),
    }
    Ok(())
}

fn pointer_remove(doc: &mut Value, ptr: &str) -> Patch<()> {
    let (parent, last) = ptr.rsplit_once('/').ok_or_else(|| format!("“{ptr}”不是 JSON 指针"))?;
    match doc.pointer_mut(parent) {
        Some(Value::Array(a)) => {
            let i = index(last, ptr)?;
            if i >= a.len() {
                return Err(format!("{ptr}：没有第 {i} 项"));
            }
            a.remove(i);
        }
        Some(Value::Object(o)) => {
            o.remove(last);
        }
        _ => return Err(format!("无法删除 {ptr}")),
    }
    Ok(())
}

fn is_fixed(p: &Value) -> bool {
    p["role"] != "visiting"
}

fn lead_uscc(doc: &Value) -> String {
    doc["host_units"][0]["uscc"].as_str().unwrap_or_default().to_string()
}

fn array<'v>(doc: &'v mut Value, key: &str) -> Patch<&'v mut Vec<Value>> {
    doc[key].as_array_mut().ok_or_else(|| format!("基础申报没有 {key} 列表"))
}

/// Applies a case's patch to the base application (as JSON, then straight into the model).
fn patched(base: &Value, case: &Case, as_of: NaiveDate) -> Patch<Application> {
    let mut doc = base.clone();
    if let Some(t) = &case.application {
        merge(&mut doc, t);
    }
    if let Some(t) = &case.director {
        let people = array(&mut doc, "people")?;
        let d = people.iter_mut().find(|p| p["role"] == "director").ok_or("基础申报没有中心主任")?;
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
        doc = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    }
    if let Some(n) = case.extra_hosts {
        let hosts = array(&mut doc, "host_units")?;
        let template = hosts.last().cloned().ok_or("基础申报没有依托单位可复制")?;
        for k in 0..n {
            let mut h = template.clone();
            h["name"] = Value::from(format!("补充成员单位{k}"));
            let first17 = format!("9114110{k:03}MA0000X");
            let check = crate::validate::uscc_check_char(&first17).ok_or("无法生成统一社会信用代码")?;
            h["uscc"] = Value::from(format!("{first17}{check}"));
            hosts.push(h);
        }
    }
    if let Some(n) = case.downgrade {
        let people = array(&mut doc, "people")?;
        for p in people.iter_mut().rev().filter(|p| p["role"] == "fixed").take(n) {
            p["education"] = Value::from("college");
            p["title"] = Value::from("junior");
        }
    }
    let lead = lead_uscc(&doc);
    if let Some(n) = case.fixed_staff {
        let people = array(&mut doc, "people")?;
        let template = people
            .iter()
            .rev()
            .find(|p| p["role"] == "fixed" && p["employer_uscc"] == lead.as_str())
            .cloned()
            .ok_or("基础申报没有牵头单位的固定人员可复制")?;
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
                .ok_or_else(|| format!("固定人员不足 {n} 人以下可删"))?;
            people.remove(i);
            count -= 1;
        }
    }
    for hs in &case.host_staff {
        let host = doc["host_units"][hs.host]["uscc"].as_str().ok_or("没有该依托单位")?.to_string();
        let people = array(&mut doc, "people")?;
        let mut have = people.iter().filter(|p| is_fixed(p) && p["employer_uscc"] == host.as_str()).count();
        // Move the last fixed staff member of one unit to the other until the host has its number.
        while have != hs.fixed {
            let (from, to) = if have > hs.fixed { (&host, &lead) } else { (&lead, &host) };
            let p = people
                .iter_mut()
                .rev()
                .find(|p| p["role"] == "fixed" && p["employer_uscc"] == from.as_str())
                .ok_or("没有可移动的固定人员")?;
            p["employer_uscc"] = Value::from(to.clone());
            if have > hs.fixed {
                have -= 1;
            } else {
                have += 1;
            }
        }
    }
    if let Some(a) = &case.area {
        let want: crate::quantity::AreaM2 = a.parse().map_err(|_| format!("面积“{a}”无法识别"))?;
        let get = |v: &Value| {
            v["area"].as_str().and_then(|s| s.parse::<crate::quantity::AreaM2>().ok()).map_or(0, |a| a.0)
        };
        let put = |v: &mut Value, x: i64| v["area"] = Value::from(crate::quantity::AreaM2(x).to_string());
        adjust_total(array(&mut doc, "sites")?, &lead, want.0, get, put)?;
    }
    if let Some(want) = case.instruments_value {
        let get = |v: &Value| v["original_value"].as_i64().unwrap_or(0);
        let put = |v: &mut Value, x: i64| v["original_value"] = Value::from(x);
        adjust_total(array(&mut doc, "instruments")?, &lead, want, get, put)?;
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
        let dirs = array(&mut doc, "directions")?;
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
        pointer_set(&mut doc, ptr, to_json(v))?;
    }
    for ptr in &case.remove {
        pointer_remove(&mut doc, ptr)?;
    }
    for ptr in &case.repeat {
        let row = doc.pointer(ptr).cloned().ok_or_else(|| format!("{ptr}：没有这一行，无法重复列出"))?;
        let (list, _) = ptr.rsplit_once('/').ok_or_else(|| format!("“{ptr}”不是 JSON 指针"))?;
        match doc.pointer_mut(list) {
            Some(Value::Array(a)) => a.push(row),
            _ => return Err(format!("{ptr} 不在列表中，无法重复列出")),
        }
    }
    // Straight into the model, without the interchange's consistency checks: the engine must
    // judge unvalidated data too (e.g. a birth date that disagrees with the ID number).
    serde_json::from_value(doc).map_err(|e| format!("修改后的申报无法读取：{e}"))
}

/// Brings the sum of `get` over `items` to `want`: an increase goes to the lead's first item,
/// a decrease is taken from the lead's items first, then the others', none below zero.
fn adjust_total(
    items: &mut [Value],
    lead: &str,
    want: i64,
    get: impl Fn(&Value) -> i64,
    put: impl Fn(&mut Value, i64),
) -> Patch<()> {
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
    if delta != 0 {
        return Err(format!("无法把合计调整为 {want}"));
    }
    Ok(())
}

fn base_json(case_path: &Path, base: &str) -> Result<Value, CaseError> {
    let err = |detail: String| CaseError::Base {
        path: case_path.display().to_string(),
        base: base.to_string(),
        detail,
    };
    let text = if base == "sample-p1" {
        crate::samples::SAMPLE_P1.to_string()
    } else {
        let p = case_path.parent().unwrap_or(Path::new(".")).join(base);
        std::fs::read_to_string(&p).map_err(|e| err(io_reason(&e)))?
    };
    let v: Value = serde_json::from_str(&text).map_err(|e| err(e.to_string()))?;
    crate::interchange::application_from_json(&text).map_err(|e| err(e.to_string()))?;
    Ok(v["application"].clone())
}

fn enum_of<T: serde::de::DeserializeOwned>(s: &str, what: &str) -> Patch<T> {
    serde_json::from_value(Value::String(s.into())).map_err(|_| format!("未知的{what}“{s}”"))
}

/// The case checked through the app's path: a throw-away SQLite file with the case's other
/// applications and registry platforms, the app's check (`in_store`) on the unsaved application.
fn store_check(
    pack: &Pack,
    app: &Application,
    case: &Case,
    as_of: NaiveDate,
    today: NaiveDate,
    in_store: InStore<'_>,
) -> Patch<Assessment> {
    let dir = ScratchDir::new().map_err(|e| format!("无法创建临时文件夹：{e}"))?;
    let mut store = crate::store::Store::open(&dir.0.join("cases.sqlite")).map_err(|e| e.to_string())?;
    for (k, o) in case.others.iter().enumerate() {
        let mut other = app.clone();
        other.programme = o.programme.clone();
        other.centre_name = o.centre_name.clone();
        if let Some(c) = &o.category {
            other.category = enum_of(c, "类别")?;
        }
        if let Some(c) = &o.city {
            other.city = c.clone();
        }
        other.reference_date = Some(match &o.reference_date {
            Some(d) => date(d)?,
            None => as_of,
        });
        let pick = |list: &[usize], len: usize| -> Patch<()> {
            match list.iter().find(|&&i| i >= len) {
                Some(i) => Err(format!("other {k}：没有第 {i} 行")),
                None => Ok(()),
            }
        };
        pick(&o.people, app.people.len())?;
        pick(&o.instruments, app.instruments.len())?;
        pick(&o.sites, app.sites.len())?;
        other.people = o.people.iter().map(|&i| app.people[i].clone()).collect();
        other.instruments = o.instruments.iter().map(|&i| app.instruments[i].clone()).collect();
        other.sites = o.sites.iter().map(|&i| app.sites[i].clone()).collect();
        other.achievements.clear();
        other.rd_investments.clear();
        if !o.same_lead {
            other.host_units.truncate(1);
            if let Some(h) = other.host_units.first_mut() {
                h.name = format!("山西另一单位{k}科技有限公司");
                h.uscc = format!("91140100MA0XYZ{k:04}");
            }
        }
        store.insert_application(&other).map_err(|e| format!("other {k}：{e}"))?;
    }
    let lead = app.host_units.first().map(|h| h.uscc.clone()).unwrap_or_default();
    let mut platforms = Vec::new();
    for p in &case.platforms {
        let person =
            |i: usize| app.people.get(i).ok_or_else(|| format!("platform {}：没有第 {i} 人", p.name));
        let mut members = Vec::new();
        for m in &p.members {
            let who = person(m.person)?;
            members.push(PlatformMember {
                name: who.name.clone(),
                id_doc: who.id_doc.clone(),
                role: MemberRole::Fixed,
                joined: NaiveDate::from_ymd_opt(2015, 1, 1),
                left: m.left.as_ref().map(date).transpose()?,
            });
        }
        let rows = |list: &[usize], len: usize| -> Patch<()> {
            match list.iter().find(|&&i| i >= len) {
                Some(i) => Err(format!("platform {}：没有第 {i} 行", p.name)),
                None => Ok(()),
            }
        };
        rows(&p.instruments, app.instruments.len())?;
        rows(&p.sites, app.sites.len())?;
        platforms.push(ExistingPlatform {
            id: None,
            name: p.name.clone(),
            level: enum_of(&p.level, "级别")?,
            kind: enum_of(&p.kind, "平台类型")?,
            host_name: "山西某大学".into(),
            host_uscc: match p.host_uscc.as_deref() {
                Some("lead") => lead.clone(),
                Some(other) => other.to_string(),
                None => "12140000405600000X".into(),
            },
            approval_date: None,
            members,
            instruments: p.instruments.iter().map(|&i| app.instruments[i].clone()).collect(),
            sites: p.sites.iter().map(|&i| app.sites[i].clone()).collect(),
        });
    }
    store.insert_platforms(&platforms).map_err(|e| format!("已建平台：{e}"))?;
    in_store(&store, app, pack, as_of, today)
}

/// A folder in the temp directory, removed when dropped.
struct ScratchDir(PathBuf);

impl ScratchDir {
    fn new() -> std::io::Result<Self> {
        use std::sync::atomic::{AtomicU64, Ordering};
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let p = std::env::temp_dir().join(format!("shenbao-cases-{}-{n}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&p)?;
        Ok(ScratchDir(p))
    }
}

impl Drop for ScratchDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn cross_of(name: Option<&str>) -> Patch<&'static dyn CrossView> {
    match name.unwrap_or("unknown") {
        "unknown" => Ok(&UnknownCross),
        "clear" => Ok(&ClearCross),
        "conflict" => Ok(&ConflictCross),
        other => Err(format!("未知的 registry “{other}”（unknown、clear、conflict 或 store）")),
    }
}

/// One case: its failure lines (empty when it passed), or why it could not run.
fn judge(
    pack: &Pack,
    file: &CaseFile,
    case: &Case,
    base: &Value,
    today: NaiveDate,
    in_store: InStore<'_>,
) -> Patch<Vec<String>> {
    let chosen = case.as_of.as_ref().or(file.as_of.as_ref()).map(date).transpose()?;
    let probe: Application = serde_json::from_value(base.clone()).map_err(|e| e.to_string())?;
    let as_of = resolve_as_of(pack, &probe, chosen).ok_or("没有参考日期：请在用例中写 as_of")?;
    let app = patched(base, case, as_of)?;
    let cross_name = case.cross.as_deref().or(file.cross.as_deref());
    let a = if cross_name == Some("store") || !case.others.is_empty() || !case.platforms.is_empty() {
        store_check(pack, &app, case, as_of, today, in_store)?
    } else {
        evaluate(pack, &app, cross_of(cross_name)?, as_of)
    };
    Ok(compare(pack, case, &a))
}

fn compare(pack: &Pack, case: &Case, a: &Assessment) -> Vec<String> {
    let mut failures = Vec::new();
    let json = serde_json::to_value(a).unwrap_or(Value::Null);
    let status_of = |id: &str| {
        json["criteria"]
            .as_array()
            .and_then(|l| l.iter().find(|c| c["id"] == id))
            .map(|c| c["status"].as_str().unwrap_or_default().to_string())
            .unwrap_or_default()
    };
    let missing = |id: &str| format!("规则包 {} 没有条件 `{id}`", pack.id);
    for (id, want) in &case.expect {
        match a.result(id) {
            None => failures.push(missing(id)),
            Some(r) => {
                let got = status_of(id);
                if &got != want {
                    failures.push(format!("`{id}` expected {want}, got {got} — {}", r.message));
                }
            }
        }
    }
    for (what, map) in [("found", &case.expect_found), ("gap", &case.expect_gap)] {
        for (id, want) in map {
            let Some(r) = a.result(id) else {
                failures.push(missing(id));
                continue;
            };
            let got = if what == "found" { r.found.as_deref() } else { r.gap.as_deref() };
            if got != Some(want.as_str()) {
                failures.push(format!("`{id}` {what} expected {want:?}, got {got:?}"));
            }
        }
    }
    for (id, part) in &case.expect_message {
        match a.result(id) {
            None => failures.push(missing(id)),
            Some(r) if !r.message.contains(part.as_str()) => {
                failures.push(format!("`{id}` message lacks {part:?}: {}", r.message))
            }
            Some(_) => {}
        }
    }
    if let Some(v) = &case.verdict {
        if json["verdict"] != v.as_str() {
            failures.push(format!("verdict expected {v}, got {} ({})", json["verdict"], a.verdict_label));
        }
    }
    if let Some(l) = &case.verdict_label {
        if &a.verdict_label != l {
            failures.push(format!("verdict label expected {l:?}, got {:?}", a.verdict_label));
        }
    }
    if let Some(c) = &case.verdict_caveat {
        if !a.verdict_caveat.as_deref().unwrap_or_default().contains(c.as_str()) {
            failures.push(format!("verdict caveat lacks {c:?}: {:?}", a.verdict_caveat));
        }
    }
    if let Some(n) = &case.verdict_note {
        // An empty expectation means "no note at all" (e.g. never the 筹建 note on a bar).
        if n.is_empty() && a.verdict_note.is_some() {
            failures.push(format!("expected no verdict note, got {:?}", a.verdict_note));
        } else if !a.verdict_note.as_deref().unwrap_or_default().contains(n.as_str()) {
            failures.push(format!("verdict note lacks {n:?}: {:?}", a.verdict_note));
        }
    }
    if let Some(n) = &case.notice {
        if !a.notices.iter().any(|x| x.contains(n.as_str())) {
            failures.push(format!("no notice contains {n:?}: {:?}", a.notices));
        }
    }
    if let Some(s) = &case.priority_support {
        let got: Vec<String> = a.priority_support.iter().map(|s| s.id.clone()).collect();
        if &got != s {
            failures.push(format!("priority support expected {s:?}, got {got:?}"));
        }
    }
    failures
}
