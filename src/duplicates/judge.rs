//! Pure judgement: given two claims on the same identity (or two applications), is it a conflict,
//! under which criterion, how severe, and the Chinese message. No storage access here.

use chrono::{Datelike, Days, Months, NaiveDate};

use super::conflict::{Conflict, ConflictKind, Owner, RecordRef, Severity, Side};
use super::identity::{normalize_text, unit_key, KeyFacts, Resource};
use super::params::{CrossParams, ProgrammeCross};
use super::similarity::{bigrams, core_name, dice};
use crate::model::{
    share_label, Application, Category, PlatformKind, PlatformLevel, RowId, FULL_SHARE, PERCENT_SHARE,
};
use crate::store::identity::{ApplicationHeader, PlatformHeader};

pub const NO_DOUBLE_RESOURCES: &str = "no-double-resources";
pub const STAFF_EXCLUSIVE: &str = "staff-exclusive";
pub const NOT_ALREADY_BUILT: &str = "not-already-built";
pub const NO_CONCURRENT: &str = "no-concurrent";
pub const ONE_PER_YEAR: &str = "one-per-year";
pub const COMPREHENSIVE_RECOMMENDATION: &str = "comprehensive-recommendation";
pub const NAME_UNIQUE: &str = "name-unique";
/// Every cross criterion id.
pub const ALL_CRITERIA: [&str; 7] = [
    NO_DOUBLE_RESOURCES,
    STAFF_EXCLUSIVE,
    NOT_ALREADY_BUILT,
    NO_CONCURRENT,
    ONE_PER_YEAR,
    COMPREHENSIVE_RECOMMENDATION,
    NAME_UNIQUE,
];

/// The programme and reference date a check evaluates the subject for (the pack being evaluated
/// and the check's one reference date), instead of its own programme and date.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Evaluation {
    pub programme: String,
    pub as_of: NaiveDate,
}

/// A city as compared: normalised text without a trailing 市 ("太原" = "太原市"). "市" alone names
/// no city: its key is empty, like a city not filled in.
pub(crate) fn city_key(city: &str) -> String {
    let k = normalize_text(city);
    k.strip_suffix('市').map(str::to_string).unwrap_or(k)
}

/// An application as the checks see it.
#[derive(Debug, Clone)]
pub(crate) struct AppInfo {
    pub id: Option<RowId>,
    pub name: String,
    pub programme: String,
    pub comprehensive: bool,
    pub city: String,
    pub city_key: String,
    pub lead_key: String,
    pub lead_name: String,
    /// The programme year: the reference date's year (the application's, else the pack's
    /// default), else the year the application was created.
    pub year: Option<i32>,
    /// The reference date: the application's, else the pack's default, else its creation date.
    pub as_of: Option<NaiveDate>,
    pub rules: ProgrammeCross,
    pub bigrams: Vec<(char, char)>,
    /// The centre name normalised (width, spaces, case, punctuation), for "identical".
    pub name_key: String,
}

/// An existing platform as the checks see it.
#[derive(Debug, Clone)]
pub(crate) struct PlatformInfo {
    pub id: RowId,
    pub name: String,
    pub level: PlatformLevel,
    pub kind: PlatformKind,
    pub host_key: String,
    pub host_name: String,
    pub bigrams: Vec<(char, char)>,
    pub name_key: String,
}

fn created_date(created_at: &str) -> Option<NaiveDate> {
    created_at.get(..10).and_then(|d| d.parse().ok())
}

impl AppInfo {
    #[allow(clippy::too_many_arguments)]
    fn build(
        id: Option<RowId>,
        name: &str,
        programme: &str,
        comprehensive: bool,
        city: &str,
        lead_uscc: &str,
        lead_name: &str,
        reference: Option<NaiveDate>,
        created_at: &str,
        params: &CrossParams,
    ) -> AppInfo {
        let rules = params.programme(programme).cloned().unwrap_or_default();
        let as_of = reference.or(rules.reference_date).or_else(|| created_date(created_at));
        AppInfo {
            id,
            name: name.trim().to_string(),
            programme: programme.to_string(),
            comprehensive,
            city: city.trim().to_string(),
            city_key: city_key(city),
            lead_key: unit_key(lead_uscc),
            lead_name: lead_name.trim().to_string(),
            year: as_of.map(|d| d.year()),
            as_of,
            rules,
            bigrams: bigrams(&core_name(name)),
            name_key: normalize_text(name),
        }
    }

    /// The subject as evaluated: `e`'s programme (its cross checks) and reference date.
    pub fn evaluated(mut self, e: &Evaluation, params: &CrossParams) -> AppInfo {
        self.rules = params.programme(&e.programme).cloned().unwrap_or_default();
        self.programme = e.programme.clone();
        self.as_of = Some(e.as_of);
        self.year = Some(e.as_of.year());
        self
    }

    pub fn from_header(h: &ApplicationHeader, params: &CrossParams) -> AppInfo {
        AppInfo::build(
            Some(h.id),
            &h.centre_name,
            &h.programme,
            h.category == "comprehensive",
            &h.city,
            &h.lead_uscc,
            &h.lead_name,
            h.reference_date,
            &h.created_at,
            params,
        )
    }

    pub fn from_application(id: Option<RowId>, app: &Application, params: &CrossParams) -> AppInfo {
        let (lead_uscc, lead_name) = app.lead_host().map_or(("", ""), |h| (h.uscc.as_str(), h.name.as_str()));
        AppInfo::build(
            id,
            &app.centre_name,
            &app.programme,
            app.category == Category::Comprehensive,
            &app.city,
            lead_uscc,
            lead_name,
            app.reference_date,
            &app.created_at,
            params,
        )
    }

    pub fn owner(&self) -> Owner {
        Owner::Application {
            id: self.id,
            name: self.name.clone(),
            programme: self.programme.clone(),
            year: self.year,
        }
    }

    fn same_year(&self, other: &AppInfo) -> bool {
        matches!((self.year, other.year), (Some(a), Some(b)) if a == b)
    }
}

fn enum_from_text<T: serde::de::DeserializeOwned>(s: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(s.to_string())).ok()
}

impl PlatformInfo {
    pub fn from_header(h: &PlatformHeader) -> PlatformInfo {
        PlatformInfo {
            id: h.id,
            name: h.name.trim().to_string(),
            level: enum_from_text(&h.level).unwrap_or(PlatformLevel::City),
            kind: enum_from_text(&h.kind).unwrap_or(PlatformKind::Other),
            host_key: unit_key(&h.host_uscc),
            host_name: h.host_name.clone(),
            bigrams: bigrams(&core_name(&h.name)),
            name_key: normalize_text(&h.name),
        }
    }

    pub fn owner(&self) -> Owner {
        Owner::Platform { id: self.id, name: self.name.clone(), level: self.level, kind: self.kind }
    }
}

/// Either owner of a claim.
#[derive(Debug, Clone, Copy)]
pub(crate) enum OwnerRef<'a> {
    App(&'a AppInfo),
    Platform(&'a PlatformInfo),
}

impl OwnerRef<'_> {
    fn owner(&self) -> Owner {
        match self {
            OwnerRef::App(a) => a.owner(),
            OwnerRef::Platform(p) => p.owner(),
        }
    }
    fn display(&self) -> String {
        self.owner().display()
    }
}

/// One record of an owner, with its identity.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Claim<'a> {
    pub owner: OwnerRef<'a>,
    pub row: Option<RowId>,
    pub facts: &'a KeyFacts,
}

impl Claim<'_> {
    fn side(&self) -> Side {
        let row_id = match self.owner {
            OwnerRef::App(_) => self.row,
            OwnerRef::Platform(_) => None,
        };
        Side {
            owner: self.owner.owner(),
            record: Some(RecordRef {
                resource: self.facts.resource,
                row_id,
                label: self.facts.label.clone(),
                number: self.facts.number.clone(),
                role: self.facts.role.clone(),
            }),
        }
    }
    fn is_fixed(&self) -> bool {
        matches!(self.facts.role.as_deref(), Some("director" | "deputy_director" | "fixed"))
    }
    fn role_name(&self) -> &'static str {
        match (self.owner, self.facts.role.as_deref()) {
            (OwnerRef::App(_), Some("director")) => "中心主任",
            (OwnerRef::Platform(_), Some("director")) => "主任",
            (_, Some("deputy_director")) => "副主任",
            (_, Some("visiting")) => "流动人员",
            _ => "固定人员",
        }
    }
}

/// The level as stored (`national`, `provincial`, `city`).
pub fn level_code(level: PlatformLevel) -> String {
    serde_json::to_value(level).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

fn date_cn(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

fn area_text(hundredths: i64) -> String {
    crate::quantity::AreaM2(hundredths).to_string()
}

/// What a conflict is about, as the check panel shows it and the report groups it: the label and
/// the number ("张三（身份证号 …1234）", "扫描电镜（资产编号 ZC-1）"), the label alone when there is no
/// number (a site's address).
fn record_subject(f: &KeyFacts) -> String {
    if f.number.is_empty() {
        f.label.clone()
    } else {
        format!("{}（{}）", f.label, f.number)
    }
}

#[allow(clippy::too_many_arguments)]
fn conflict(
    kind: ConflictKind,
    criterion: &str,
    severity: Severity,
    subject: String,
    first: Side,
    second: Side,
    message: String,
    group: String,
) -> Conflict {
    Conflict {
        kind,
        criterion: criterion.to_string(),
        severity,
        subject,
        first,
        second,
        message,
        narrative: None,
        group,
    }
}

/// Whether a registry member is still a member on `as_of` (no leave date, or leaving after it).
fn is_current(left: Option<NaiveDate>, as_of: Option<NaiveDate>) -> bool {
    match (left, as_of) {
        (None, _) => true,
        (Some(l), Some(d)) => l > d,
        (Some(_), None) => false,
    }
}

/// A narrative section of `first` largely found in `second`'s: a warning, never an exclusion.
pub(crate) fn narrative_warning(
    first: &AppInfo,
    second: &AppInfo,
    subject: String,
    message: String,
    section: &str,
) -> Conflict {
    let (x, y) = (
        first.id.unwrap_or(0).min(second.id.unwrap_or(0)),
        first.id.unwrap_or(0).max(second.id.unwrap_or(0)),
    );
    conflict(
        ConflictKind::SimilarNarrative,
        NO_DOUBLE_RESOURCES,
        Severity::Warning,
        subject,
        Side { owner: first.owner(), record: None },
        Side { owner: second.owner(), record: None },
        message,
        format!("narrative:{section}:{x}:{y}"),
    )
}

/// Two rows of one application under one identity key (`group` is the canonical key): listed
/// twice, counted once. A warning to delete the repeated row, never an exclusion.
pub(crate) fn judge_within_duplicate(
    subject: &AppInfo,
    first: &Claim<'_>,
    second: &Claim<'_>,
    group: &str,
) -> Conflict {
    let f = first.facts;
    let (what, list) = (crate::within::what(f.resource), crate::within::list_name(f.resource));
    let subject_text = record_subject(f);
    let message = format!(
        "{}的{list}中 {subject_text} 重复列出（{what}列了两行）：各项合计只计一次，请删去重复的一行",
        subject.owner().display()
    );
    conflict(
        ConflictKind::DuplicateInApplication,
        NO_DOUBLE_RESOURCES,
        Severity::Warning,
        subject_text,
        first.side(),
        second.side(),
        message,
        // The key keeps its stored spelling (dismissals are stored by key).
        format!("repeat:{group}"),
    )
}

/// The criteria [`judge_key_pair`] can find a conflict under, for a claim on a `resource` held
/// by `other` too.
pub(crate) fn key_pair_criteria(resource: Resource, other: &OwnerRef<'_>) -> &'static [&'static str] {
    match (resource, other) {
        (Resource::Person, OwnerRef::Platform(_)) => &[STAFF_EXCLUSIVE, NO_CONCURRENT],
        _ => &[NO_DOUBLE_RESOURCES],
    }
}

/// Two claims on the same identity key (`group` is the canonical key). `mine` belongs to
/// `subject`; the other claim's owner is never the subject.
pub(crate) fn judge_key_pair(
    subject: &AppInfo,
    mine: &Claim<'_>,
    other: &Claim<'_>,
    group: &str,
) -> Vec<Conflict> {
    let f = mine.facts;
    let mut out = Vec::new();
    match (f.resource, other.owner) {
        (Resource::Person, OwnerRef::App(o)) => {
            if mine.is_fixed() && other.is_fixed() && subject.same_year(o) {
                let roles = if mine.role_name() == other.role_name() {
                    format!(
                        "{}与{}{}",
                        OwnerRef::App(subject).display(),
                        other.owner.display(),
                        mine.role_name()
                    )
                } else {
                    format!(
                        "{}{}与{}{}",
                        OwnerRef::App(subject).display(),
                        mine.role_name(),
                        other.owner.display(),
                        other.role_name()
                    )
                };
                out.push(conflict(
                    ConflictKind::PersonInTwoApplications,
                    NO_DOUBLE_RESOURCES,
                    Severity::Excludes,
                    record_subject(f),
                    mine.side(),
                    other.side(),
                    format!("{}同时为{roles}", person_ids(f, other.facts)),
                    group.to_string(),
                ));
            }
        }
        (Resource::Person, OwnerRef::Platform(p)) => {
            if !mine.is_fixed() {
                return out;
            }
            let left = other.facts.left_on;
            let current = is_current(left, subject.as_of);
            let both = || {
                format!(
                    "{}同时为{}{}与{}{}",
                    person_ids(f, other.facts),
                    OwnerRef::App(subject).display(),
                    mine.role_name(),
                    other.owner.display(),
                    other.role_name()
                )
            };
            if let Some(scope) = &subject.rules.staff_exclusive {
                if scope.contains(p.kind, p.level) && current {
                    out.push(conflict(
                        ConflictKind::PersonInPlatform,
                        STAFF_EXCLUSIVE,
                        Severity::Excludes,
                        record_subject(f),
                        mine.side(),
                        other.side(),
                        both(),
                        group.to_string(),
                    ));
                }
            }
            if let Some(rule) = &subject.rules.no_concurrent {
                if rule.scope.contains(p.kind, p.level) {
                    if current {
                        out.push(conflict(
                            ConflictKind::PersonInPlatform,
                            NO_CONCURRENT,
                            Severity::Excludes,
                            record_subject(f),
                            mine.side(),
                            other.side(),
                            both(),
                            group.to_string(),
                        ));
                    } else if let (Some(l), Some(as_of)) = (left, subject.as_of) {
                        // 满 N 年 (《民法典》第二百零一、二百零二条): the period starts the day after
                        // leaving and ends at the end of the Nth anniversary, so the person is
                        // allowed only from the day after it.
                        let anniversary = l.checked_add_months(Months::new(rule.years.saturating_mul(12)));
                        let allowed_from = anniversary.and_then(|a| a.checked_add_days(Days::new(1)));
                        if allowed_from.is_none_or(|a| as_of < a) {
                            let rule_text = if anniversary == Some(as_of) {
                                "；按《民法典》第二百零一、二百零二条，期间自次日起算，至周年之日届满，届满次日起方为满"
                            } else {
                                ""
                            };
                            let until = allowed_from
                                .map(|a| format!("（{}起满{}年{rule_text}）", date_cn(a), rule.years));
                            out.push(conflict(
                                ConflictKind::PersonLeftRecently,
                                NO_CONCURRENT,
                                Severity::Excludes,
                                record_subject(f),
                                mine.side(),
                                other.side(),
                                format!(
                                    "{}为{}{}，于{}退出{}{}，至{}未满{}年{}",
                                    person_ids(f, other.facts),
                                    OwnerRef::App(subject).display(),
                                    mine.role_name(),
                                    date_cn(l),
                                    other.owner.display(),
                                    other.role_name(),
                                    date_cn(as_of),
                                    rule.years,
                                    until.unwrap_or_default()
                                ),
                                group.to_string(),
                            ));
                        }
                    }
                }
            }
        }
        (resource, owner) => {
            // Another application of the same year, or an existing platform the pack names,
            // excludes; a claim by any other existing platform (a city key lab, another
            // department's platform) is a warning to check.
            let severity = match owner {
                OwnerRef::App(o) if !subject.same_year(o) => return out,
                OwnerRef::App(_) => Severity::Excludes,
                OwnerRef::Platform(p) => match &subject.rules.no_double_resources {
                    Some(scope) if !scope.contains(p.kind, p.level) => Severity::Warning,
                    _ => Severity::Excludes,
                },
            };
            let (kind, noun) = match resource {
                Resource::Instrument => (ConflictKind::SameInstrument, "仪器设备"),
                Resource::Site => (ConflictKind::SameSite, "研发场地"),
                _ => (ConflictKind::SameAchievement, "成果"),
            };
            let tail = if severity == Severity::Warning {
                "；该平台不属于不得重复使用资源的平台范围，请核对资源归属及是否如实说明"
            } else {
                ""
            };
            out.push(conflict(
                kind,
                NO_DOUBLE_RESOURCES,
                severity,
                record_subject(f),
                mine.side(),
                other.side(),
                format!(
                    "{noun}「{}」{}同时列入{}与{}{tail}",
                    f.label,
                    if f.number.is_empty() { String::new() } else { format!("（{}）", f.number) },
                    OwnerRef::App(subject).display(),
                    owner.display()
                ),
                group.to_string(),
            ));
        }
    }
    out
}

/// "张三（身份证号 …1234）", or both documents when the two sides hold different ones.
fn person_ids(a: &KeyFacts, b: &KeyFacts) -> String {
    if a.number == b.number {
        format!("{}（{}）", a.label, a.number)
    } else {
        format!("{}（{}；{}）", a.label, a.number, b.number)
    }
}

/// A commitment as printed: "全职", "30%", "每年 3 个月", "兼职（比例未填）"; a registry member's
/// role ("主任", "固定人员"), whose share the registry does not hold.
fn commitment_text(c: &Claim<'_>) -> String {
    match (c.owner, c.facts.share) {
        (OwnerRef::Platform(_), _) => c.role_name().to_string(),
        (_, Some(FULL_SHARE)) => format!("{}，全职", c.role_name()),
        (_, Some(u)) => format!("{}，{}", c.role_name(), share_label(u)),
        (_, None) => format!("{}，兼职（比例未填）", c.role_name()),
    }
}

/// A sum of shares in percent: whole when exact, else to one decimal with 约.
fn percent_text(units: u32) -> String {
    if units.is_multiple_of(PERCENT_SHARE) {
        format!("{}%", units / PERCENT_SHARE)
    } else {
        let tenths = units * 10 / PERCENT_SHARE;
        format!("约 {}.{}%", tenths / 10, tenths % 10)
    }
}

/// One person's commitment across the subject and `others` (every other claim on the person:
/// applications of other years and former registry members are left out here; the subject's own
/// rows are not among them) against the
/// programme's limit: full time in two places, director of two centres, or stated shares adding
/// up to more than the limit. Shares not stated count in no sum. A warning, never an exclusion
/// by itself (listing a person twice is judged by `no-double-resources` / `staff-exclusive`).
pub(crate) fn judge_commitment(
    subject: &AppInfo,
    mine: &Claim<'_>,
    others: &[Claim<'_>],
    group: &str,
) -> Option<Conflict> {
    let limit = subject.rules.commitment_percent?;
    let counted: Vec<&Claim<'_>> = others
        .iter()
        .filter(|c| match c.owner {
            OwnerRef::App(a) => a.id != subject.id && subject.same_year(a),
            OwnerRef::Platform(_) => is_current(c.facts.left_on, subject.as_of),
        })
        .collect();
    if counted.is_empty() {
        return None;
    }
    let director = |c: &Claim<'_>| c.facts.role.as_deref() == Some("director");
    let full = |c: &Claim<'_>| c.facts.share == Some(FULL_SHARE);
    let total: u32 = std::iter::once(mine)
        .chain(counted.iter().copied())
        .filter(|c| matches!(c.owner, OwnerRef::App(_)))
        .filter_map(|c| c.facts.share)
        .fold(0u32, |s, u| s.saturating_add(u));
    // Symmetric: two others naming the person director (or full time) count too.
    let all: Vec<&Claim<'_>> = std::iter::once(mine).chain(counted.iter().copied()).collect();
    let second_of = |is: &dyn Fn(&Claim<'_>) -> bool| -> Option<&Claim<'_>> {
        let mut hits = all.iter().copied().filter(|c| is(c));
        let first = hits.next()?;
        let second = hits.next()?;
        Some(if std::ptr::eq(first, mine) { second } else { first })
    };
    let two_directors = second_of(&director);
    let two_full = second_of(&full);
    let over = total > limit.saturating_mul(PERCENT_SHARE);
    let mut reasons = Vec::new();
    if two_directors.is_some() {
        reasons.push("同时担任两个中心的主任".to_string());
    }
    if two_full.is_some() {
        reasons.push("在两处均为全职".to_string());
    }
    if over {
        reasons.push(format!("投入合计 {}，超过 {limit}%", percent_text(total)));
    }
    if reasons.is_empty() {
        return None;
    }
    let second = two_directors.or(two_full).or_else(|| counted.first().copied())?;
    let parts: Vec<String> =
        all.iter().map(|c| format!("{}（{}）", c.owner.display(), commitment_text(c))).collect();
    let citation = &subject.rules.commitment_citation;
    let basis = if citation.is_empty() { String::new() } else { format!("（依据：{citation}）") };
    let f = mine.facts;
    Some(conflict(
        ConflictKind::OverCommitted,
        NO_DOUBLE_RESOURCES,
        Severity::Warning,
        record_subject(f),
        mine.side(),
        second.side(),
        format!(
            "{}{}：{}{basis}；请核实其在各处的全职或投入比例",
            person_ids(f, second.facts),
            reasons.join("，"),
            parts.join("、")
        ),
        group.to_string(),
    ))
}

/// Two claims sharing a possible-duplicate hint but not the identity key.
pub(crate) fn judge_hint_pair(
    subject: &AppInfo,
    mine: &Claim<'_>,
    other: &Claim<'_>,
    group: &str,
) -> Option<Conflict> {
    let relevant = match other.owner {
        OwnerRef::App(o) => subject.same_year(o),
        OwnerRef::Platform(p) => match mine.facts.resource {
            Resource::Person => {
                let r = &subject.rules;
                r.staff_exclusive.as_ref().is_some_and(|s| s.contains(p.kind, p.level))
                    || r.no_concurrent.as_ref().is_some_and(|c| c.scope.contains(p.kind, p.level))
            }
            _ => true,
        },
    };
    if !relevant {
        return None;
    }
    let (a, b) = (mine.facts, other.facts);
    let (sd, od) = (OwnerRef::App(subject).display(), other.owner.display());
    let (kind, message, subject_text) = match a.resource {
        Resource::Person => {
            if !(mine.is_fixed() && other.is_fixed()) {
                return None;
            }
            (
                ConflictKind::PossibleSamePerson,
                format!(
                    "{sd}中的{}（{}）与{od}中的{}（{}）姓名、出生日期相同而证件号码不同，可能为同一人；如确为同一人，请关联两份证件",
                    a.label, a.number, b.label, b.number
                ),
                format!("{}（可能重复）", a.label),
            )
        }
        Resource::Instrument => (
            ConflictKind::PossibleSameInstrument,
            format!(
                "{sd}的「{}」（{}）与{od}的「{}」（{}）属同一单位、型号相同而编号不同，请确认不是同一台设备",
                a.label, a.number, b.label, b.number
            ),
            format!("{}（可能重复）", a.label),
        ),
        _ => return None,
    };
    Some(conflict(
        kind,
        NO_DOUBLE_RESOURCES,
        Severity::Warning,
        subject_text,
        mine.side(),
        other.side(),
        message,
        group.to_string(),
    ))
}

/// All application claims on one site (the subject's included) against the largest area any
/// declaration gives the site. `claims` are same-year application claims; `max_declared` covers
/// every declaration.
pub(crate) fn judge_site_area(
    subject: &AppInfo,
    mine: &Claim<'_>,
    claims: &[Claim<'_>],
    max_declared: i64,
    group: &str,
) -> Option<Conflict> {
    let other = claims.iter().find(|c| !matches!(c.owner, OwnerRef::App(a) if a.id == subject.id))?;
    let sum: i64 = claims.iter().filter_map(|c| c.facts.area).fold(0i64, |s, a| s.saturating_add(a));
    if sum <= max_declared {
        return None;
    }
    let parts: Vec<String> = claims
        .iter()
        .map(|c| format!("{}{} 平方米", c.owner.display(), area_text(c.facts.area.unwrap_or(0))))
        .collect();
    let owners: std::collections::BTreeSet<Option<RowId>> = claims
        .iter()
        .map(|c| match c.owner {
            OwnerRef::App(a) => a.id,
            OwnerRef::Platform(_) => None,
        })
        .collect();
    Some(conflict(
        ConflictKind::SiteAreaExceeded,
        NO_DOUBLE_RESOURCES,
        Severity::Excludes,
        record_subject(mine.facts),
        mine.side(),
        other.side(),
        format!(
            "研发场地「{}」在 {} 份申报中合计申报面积 {} 平方米，超过该场地申报过的最大面积 {} 平方米（{}）",
            mine.facts.label,
            owners.len(),
            area_text(sum),
            area_text(max_declared),
            parts.join("、")
        ),
        group.to_string(),
    ))
}

fn app_side(a: &AppInfo) -> Side {
    Side { owner: a.owner(), record: None }
}

fn class_name(kind: PlatformKind) -> String {
    format!("省{}", kind.label())
}

/// Application-level checks of `subject` against other applications and the registry.
/// `peers` never contains the subject.
pub(crate) fn judge_application(
    subject: &AppInfo,
    peers: &[&AppInfo],
    platforms: &[&PlatformInfo],
    threshold: f64,
) -> Vec<Conflict> {
    let mut out = Vec::new();
    let rules = &subject.rules;
    let group = format!("app:{}:{}", subject.id.unwrap_or(0), subject.name);
    if let (Some(scope), Some(mine)) = (&rules.one_per_year, rules.platform_class) {
        if !subject.lead_key.is_empty() {
            for p in peers {
                let Some(theirs) = p.rules.platform_class else { continue };
                if !subject.same_year(p) || p.lead_key != subject.lead_key || !is_peer(scope, p) {
                    continue;
                }
                let close = dice(&subject.bigrams, &p.bigrams) >= threshold;
                let severity = if close {
                    Severity::Excludes
                } else if mine != theirs {
                    Severity::Warning
                } else {
                    continue;
                };
                let tail = if close {
                    "，疑为同一平台同一年度重复申报"
                } else {
                    "，名称不同，请确认不是同一平台"
                };
                out.push(conflict(
                    ConflictKind::OnePerYear,
                    ONE_PER_YEAR,
                    severity,
                    subject.name.clone(),
                    app_side(subject),
                    app_side(p),
                    format!(
                        "第一依托单位「{}」{}年同时申报「{}」（{}）与「{}」（{}）{tail}",
                        subject.lead_name,
                        subject.year.unwrap_or_default(),
                        subject.name,
                        class_name(mine),
                        p.name,
                        class_name(theirs)
                    ),
                    group.clone(),
                ));
            }
        }
    }
    if let (true, Some(max)) = (subject.comprehensive, rules.comprehensive_per_city) {
        if !subject.city_key.is_empty() {
            let same: Vec<&&AppInfo> = peers
                .iter()
                .filter(|p| {
                    p.comprehensive
                        && p.programme == subject.programme
                        && p.city_key == subject.city_key
                        && subject.same_year(p)
                })
                .collect();
            let count = same.len() + 1;
            if count > max as usize {
                let names: Vec<String> = std::iter::once(subject.name.as_str())
                    .chain(same.iter().map(|p| p.name.as_str()))
                    .map(|n| format!("「{n}」"))
                    .collect();
                for p in &same {
                    out.push(conflict(
                        ConflictKind::ComprehensivePerCity,
                        COMPREHENSIVE_RECOMMENDATION,
                        Severity::Excludes,
                        subject.name.clone(),
                        app_side(subject),
                        app_side(p),
                        format!(
                            "{}{}年共有 {count} 份综合类申报（{}），超过每市 {max} 个的推荐数量",
                            subject.city,
                            subject.year.unwrap_or_default(),
                            names.join("")
                        ),
                        group.clone(),
                    ));
                }
            }
        }
    }
    if let Some(scope) = &rules.not_already_built {
        for p in platforms {
            if scope.contains(p.kind, p.level)
                && !subject.lead_key.is_empty()
                && p.host_key == subject.lead_key
                && dice(&subject.bigrams, &p.bigrams) >= threshold
            {
                out.push(conflict(
                    ConflictKind::AlreadyBuilt,
                    NOT_ALREADY_BUILT,
                    Severity::Excludes,
                    subject.name.clone(),
                    app_side(subject),
                    Side { owner: p.owner(), record: None },
                    format!(
                        "「{}」（申报中）与已建的「{}」（{}{}，依托单位「{}」）依托单位相同、名称相近，疑为已建平台重复申请",
                        subject.name,
                        p.name,
                        p.level.label(),
                        p.kind.label(),
                        p.host_name
                    ),
                    group.clone(),
                ));
            }
        }
    }
    if let Some(scope) = &rules.name_unique {
        let similar = |b: &[(char, char)]| {
            let s = dice(&subject.bigrams, b);
            (s >= threshold).then_some(s)
        };
        let identical = |key: &str| !subject.name_key.is_empty() && key == subject.name_key;
        for p in peers.iter().filter(|p| is_name_peer(subject, p)) {
            if identical(&p.name_key) {
                out.push(same_name(subject, app_side(p), &group));
            } else if let Some(s) = similar(&p.bigrams) {
                out.push(similar_name(subject, app_side(p), s, &group));
            }
        }
        for p in platforms.iter().filter(|p| scope.contains(p.kind, p.level)) {
            let side = Side { owner: p.owner(), record: None };
            if identical(&p.name_key) {
                out.push(same_name(subject, side, &group));
            } else if let Some(s) = similar(&p.bigrams) {
                out.push(similar_name(subject, side, s, &group));
            }
        }
    }
    out
}

/// Whether `p` is a `one-per-year` peer: its programme builds a platform kind and level in `scope`.
pub(crate) fn is_peer(scope: &crate::rules::pack::PlatformScope, p: &AppInfo) -> bool {
    match (p.rules.platform_class, p.rules.platform_level) {
        (Some(kind), Some(level)) => scope.contains(kind, level),
        _ => false,
    }
}

/// Whether `p` is compared by `name-unique`: an application of the same programme and year.
pub(crate) fn is_name_peer(subject: &AppInfo, p: &AppInfo) -> bool {
    p.programme == subject.programme && subject.same_year(p)
}

fn same_name(subject: &AppInfo, other: Side, group: &str) -> Conflict {
    let message = format!("中心名称「{}」与{}名称相同，不得重复命名", subject.name, other.owner.display());
    conflict(
        ConflictKind::SimilarName,
        NAME_UNIQUE,
        Severity::Excludes,
        subject.name.clone(),
        app_side(subject),
        other,
        message,
        group.to_string(),
    )
}

/// A close name: the same core name (only the platform kind or the wording around it differs),
/// or a similarity in whole percent.
fn similar_name(subject: &AppInfo, other: Side, similarity: f64, group: &str) -> Conflict {
    let how = if similarity >= 1.0 {
        "名称主体相同（仅平台类型或写法不同）".to_string()
    } else {
        format!("相近（相似度 {}%）", (similarity * 100.0).round() as i64)
    };
    let message =
        format!("中心名称「{}」与{}{how}，请避免重复或近似命名", subject.name, other.owner.display());
    conflict(
        ConflictKind::SimilarName,
        NAME_UNIQUE,
        Severity::Warning,
        subject.name.clone(),
        app_side(subject),
        other,
        message,
        group.to_string(),
    )
}
