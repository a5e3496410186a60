//! The live eligibility engine: `evaluate(pack, application, cross, as_of) -> Assessment`.
//! Pure: no clock, no database, no I/O. Criterion computations live in `checks/`; this module
//! decides applicability, maps outcomes to statuses by kind, words messages and the verdict.

use chrono::NaiveDate;

use super::assessment::{Assessment, CriterionResult, PrioritySupport, Status, Verdict};
use super::checks;
use super::cross::{CrossView, Duplicate, Unverified};
use super::pack::{Check, Coverage, Criterion, Kind, Pack};
use crate::identity::Resource;
use crate::model::{Application, HostUnit, IdKind, Person};
use crate::validate::parse_resident_id;
use crate::within::{self, WithinDuplicate};

/// What a computation concluded, before the criterion's kind gives it a status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    Pass,
    Fail,
    /// Met, but something needs a look (e.g. declared region disagrees with the USCC).
    Warn,
    Missing,
    Unconfirmed,
    NotApplicable,
    /// Nothing to compare with (cross criteria): 未核验.
    NotVerified,
}

/// A computation's result: outcome, the values compared, and one line of Chinese.
#[derive(Debug, Clone)]
pub(crate) struct Eval {
    pub outcome: Outcome,
    pub found: Option<String>,
    pub required: Option<String>,
    pub gap: Option<String>,
    pub text: String,
    pub duplicates: Vec<Duplicate>,
    pub unverified: Option<Unverified>,
}

impl Eval {
    pub fn new(outcome: Outcome, text: impl Into<String>) -> Self {
        Eval {
            outcome,
            found: None,
            required: None,
            gap: None,
            text: text.into(),
            duplicates: Vec::new(),
            unverified: None,
        }
    }
    pub fn pass(text: impl Into<String>) -> Self {
        Self::new(Outcome::Pass, text)
    }
    pub fn fail(text: impl Into<String>) -> Self {
        Self::new(Outcome::Fail, text)
    }
    pub fn missing(text: impl Into<String>) -> Self {
        Self::new(Outcome::Missing, text)
    }
    pub fn found(mut self, v: impl Into<String>) -> Self {
        self.found = Some(v.into());
        self
    }
    pub fn required(mut self, v: impl Into<String>) -> Self {
        self.required = Some(v.into());
        self
    }
    pub fn gap(mut self, v: impl Into<String>) -> Self {
        self.gap = Some(v.into());
        self
    }
    /// Pass when `ok`, fail otherwise.
    pub fn when(ok: bool, text: impl Into<String>) -> Self {
        Self::new(if ok { Outcome::Pass } else { Outcome::Fail }, text)
    }
}

/// What every computation may read.
pub(crate) struct Ctx<'a> {
    /// The application with every record listed twice counted once (see `within_duplicates`).
    pub app: &'a Application,
    /// The application as entered (row numbers in messages refer to it).
    pub rows: &'a Application,
    /// Records listed more than once in the application, each counted once in `app`.
    pub within_duplicates: &'a [WithinDuplicate],
    pub pack: &'a Pack,
    pub as_of: NaiveDate,
    pub cross: &'a dyn CrossView,
    /// A co-builder's draft: every host unit in it is a co-builder (no lead among them).
    pub part: bool,
    host_keys: Vec<String>,
    /// Per row of `app.people`: whether the core refuses it (see [`row_refused`]), judged once.
    refused: Vec<bool>,
    /// The same per row of `rows.people`.
    rows_refused: Vec<bool>,
}

/// A roster row the core refuses: no name, or a resident ID number that fails validation.
fn row_refused(p: &Person) -> bool {
    p.name.trim().is_empty()
        || (p.id_doc.kind == IdKind::ResidentId && parse_resident_id(&p.id_doc.number).is_err())
}

/// USCCs compared trimmed and upper-cased.
pub(crate) fn uscc_key(s: &str) -> String {
    s.trim().to_ascii_uppercase()
}

impl<'a> Ctx<'a> {
    pub fn lead(&self) -> Option<&'a HostUnit> {
        self.app.host_units.first()
    }
    pub fn director(&self) -> Option<&'a Person> {
        self.app.director()
    }
    /// Index of the host unit with this USCC (trimmed, ASCII case ignored; no allocation).
    pub fn host_index(&self, uscc: &str) -> Option<usize> {
        let k = uscc.trim();
        if k.is_empty() {
            return None;
        }
        self.host_keys.iter().position(|h| h.eq_ignore_ascii_case(k))
    }
    /// Fixed staff (director and deputies included) whose row the core accepts: a row with no
    /// name or an invalid resident ID number is never counted (see `refused_staff_note`).
    pub fn fixed_staff(&self) -> impl Iterator<Item = &'a Person> + '_ {
        let refused = &self.refused;
        self.app
            .people
            .iter()
            .enumerate()
            .filter(move |(i, p)| p.role.is_fixed() && !refused.get(*i).copied().unwrap_or(true))
            .map(|(_, p)| p)
    }
    /// "人员名单 N 行数据有误，未计入（第…行）" when fixed-staff rows were left out.
    pub fn refused_staff_note(&self) -> Option<String> {
        let rows: Vec<String> = (self.rows.people.iter().enumerate())
            .filter(|(i, p)| p.role.is_fixed() && self.rows_refused.get(*i).copied().unwrap_or(true))
            .map(|(i, _)| format!("第{}行", i + 1))
            .collect();
        (!rows.is_empty()).then(|| {
            format!(
                "人员名单 {} 行数据有误，未计入：{}（姓名未填写或身份证号码无效，请在人员名单中改正）",
                rows.len(),
                crate::rules::format::list_some(&rows, 5, "行")
            )
        })
    }
    /// "人员名单第3、7行为同一人：…，只计一次" for the within-application duplicates of the resources a check counts.
    pub fn within_duplicates_note(&self, resources: &[Resource]) -> Option<String> {
        let lines: Vec<String> = self
            .within_duplicates
            .iter()
            .filter(|r| resources.contains(&r.resource))
            .map(WithinDuplicate::sentence)
            .collect();
        match lines.len() {
            0 => None,
            1..=3 => Some(lines.join("；")),
            n => Some(format!("{}；另有 {} 处重复列出，均只计一次", lines[..3].join("；"), n - 3)),
        }
    }
    /// Index of the host employing this person, if any.
    pub fn employer_index(&self, p: &Person) -> Option<usize> {
        p.employer_uscc.as_deref().and_then(|u| self.host_index(u))
    }
}

/// The reference date to use: the user's choice, else the application's, else the pack's.
pub fn resolve_as_of(pack: &Pack, app: &Application, chosen: Option<NaiveDate>) -> Option<NaiveDate> {
    chosen.or(app.reference_date).or(pack.reference_date)
}

/// What an application is judged as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Judged {
    /// The whole centre (an application of the lead unit).
    Centre,
    /// A co-builder's draft: the unit's own part (criteria with `cobuilder = true`); the
    /// centre-level criteria are shown as information, 由牵头单位汇总判断, never as failures.
    CoBuilderPart,
}

/// Evaluates every criterion of `pack` against `app` on the reference date `as_of`.
pub fn evaluate(pack: &Pack, app: &Application, cross: &dyn CrossView, as_of: NaiveDate) -> Assessment {
    evaluate_as(pack, app, cross, as_of, Judged::Centre)
}

/// As [`evaluate`], judging `app` as the whole centre or as a co-builder's part.
pub fn evaluate_as(
    pack: &Pack,
    app: &Application,
    cross: &dyn CrossView,
    as_of: NaiveDate,
    judged: Judged,
) -> Assessment {
    let part = judged == Judged::CoBuilderPart;
    // A record listed twice is counted once in every total (and each total says so).
    let (distinct, within_duplicates) = within::distinct(app);
    let rows = app;
    let app: &Application = &distinct;
    let rows_refused: Vec<bool> = rows.people.iter().map(row_refused).collect();
    // The distinct rows are the entered ones unless a record was listed twice.
    let refused = match std::ptr::eq(app, rows) {
        true => rows_refused.clone(),
        false => app.people.iter().map(row_refused).collect(),
    };
    let ctx = Ctx {
        app,
        rows,
        within_duplicates: &within_duplicates,
        pack,
        as_of,
        cross,
        part,
        host_keys: app.host_units.iter().map(|h| uscc_key(&h.uscc)).collect(),
        refused,
        rows_refused,
    };
    let mut criteria = Vec::with_capacity(pack.criteria.len());
    let mut priority_support = Vec::new();
    let mut duplicates = Vec::new();
    let mut exclusion_hit = false;
    let mut pack_notes = Vec::new();
    for c in &pack.criteria {
        let mut eval = match applicability(&ctx, c) {
            Some(e) => e,
            None => {
                // A note that applies (e.g. 综合类 is built by invitation) is said at the top too.
                if c.kind == Kind::Note {
                    if let Some(n) = &c.note {
                        pack_notes.push(format!("{n}（{}）", c.citation));
                    }
                }
                checks::run(&ctx, c)
            }
        };
        if counts_fixed_staff(&c.check) && eval.outcome != Outcome::NotApplicable {
            if let Some(note) = ctx.refused_staff_note() {
                eval.text = format!("{}；{note}", eval.text);
            }
        }
        if eval.outcome != Outcome::NotApplicable {
            if let Some(note) = ctx.within_duplicates_note(counted_resources(&c.check)) {
                eval.text = format!("{}；{note}", eval.text);
            }
        }
        let mut status = status_of(c.kind, eval.outcome);
        let by_lead = part && !c.cobuilder && status != Status::NotApplicable;
        if by_lead {
            status = Status::ByLead;
        }
        if c.exclusion && status == Status::Unmet {
            exclusion_hit = true;
        }
        let mut message = message_of(c, &eval, status);
        if by_lead {
            message = format!("仅供参考，本单位草稿中的数据：{message}");
        }
        if c.kind == Kind::PrioritySupport && status == Status::Met {
            priority_support.push(PrioritySupport {
                id: c.id.clone(),
                title: c.title.clone(),
                message: message.clone(),
            });
        }
        for mut d in eval.duplicates.drain(..) {
            d.criterion = c.id.clone();
            duplicates.push(d);
        }
        criteria.push(CriterionResult {
            id: c.id.clone(),
            title: c.title.clone(),
            kind: c.kind,
            status,
            found: eval.found,
            required: eval.required,
            gap: eval.gap,
            message,
            citation: c.citation.clone(),
            shown: c.shown.clone(),
            unverified: eval.unverified.filter(|_| status == Status::NotVerified),
        });
    }
    let (mut verdict, mut verdict_note) = verdict_of(pack, &criteria, exclusion_hit);
    let verdict_caveat = caveat_of(&criteria);
    let mut verdict_label = verdict_label_of(verdict, &criteria);
    let own = criteria.iter().any(|r| !matches!(r.status, Status::ByLead | Status::NotApplicable));
    if part && !own {
        // Nothing of the unit's own to judge: never a 符合 that checked nothing.
        verdict = Verdict::Incomplete;
        verdict_label = "本单位部分：无单独条件".to_string();
    } else if part {
        verdict_label = format!("本单位部分：{verdict_label}");
        let by_lead = criteria.iter().filter(|r| r.status == Status::ByLead).count();
        let line = format!("草稿只判断本单位应满足的条件；中心整体条件 {by_lead} 项由牵头单位汇总判断");
        verdict_note = Some(match verdict_note {
            Some(n) => format!("{line}。{n}"),
            None => line,
        });
    }
    Assessment {
        programme: pack.id.clone(),
        programme_name: pack.name.clone(),
        as_of,
        verdict,
        verdict_label,
        verdict_note,
        // 不可申报 stands whatever the unchecked criteria would say: no caveat on a bar.
        verdict_caveat: verdict_caveat.filter(|_| verdict != Verdict::Ineligible),
        director_age: app.director().and_then(checks::birth_date_of).and_then(|b| checks::age_on(b, as_of)),
        criteria,
        priority_support,
        duplicates,
        within_duplicates,
        notices: notices(pack, app, as_of).into_iter().chain(pack_notes).collect(),
        presentation: pack.presentation.clone(),
    }
}

/// Checks whose figures count the fixed staff, and so say which roster rows were left out.
fn counts_fixed_staff(check: &Check) -> bool {
    matches!(
        check,
        Check::FixedStaffMin { .. }
            | Check::StaffEmployer
            | Check::TeamQualityMin { .. }
            | Check::LeadShareMin { .. }
            | Check::OtherHostsStaffMin { .. }
    )
}

/// The resources whose rows a check counts, and so names the rows it counted once.
fn counted_resources(check: &Check) -> &'static [Resource] {
    match check {
        Check::FixedStaffMin { .. }
        | Check::StaffEmployer
        | Check::TeamQualityMin { .. }
        | Check::OtherHostsStaffMin { .. } => &[Resource::Person],
        Check::LeadShareMin { .. } => {
            &[Resource::Person, Resource::Instrument, Resource::Site, Resource::Achievement]
        }
        Check::InstrumentsMin { .. } => &[Resource::Instrument],
        Check::AreaMin { .. } => &[Resource::Site],
        _ => &[],
    }
}

/// `Some` when the criterion does not apply (or applicability cannot be decided).
fn applicability(ctx: &Ctx<'_>, c: &Criterion) -> Option<Eval> {
    if !c.applies.category.is_empty() && !c.applies.category.contains(&ctx.app.category) {
        return Some(Eval::new(Outcome::NotApplicable, "本类别不适用此条件"));
    }
    if !c.applies.lead_kind.is_empty() {
        match ctx.lead() {
            None => return Some(Eval::missing("尚未填写第一依托单位，无法判断是否适用")),
            Some(l) if !c.applies.lead_kind.contains(&l.kind) => {
                return Some(Eval::new(Outcome::NotApplicable, "第一依托单位类型不适用此条件"));
            }
            Some(_) => {}
        }
    }
    if c.or_attested && ctx.app.attestations.get(&c.id).copied().unwrap_or(false) {
        return Some(Eval::pass("申请人已确认"));
    }
    None
}

/// The verdict in words: 待补充 becomes "待确认 N 项" when only confirmations are left open.
fn verdict_label_of(verdict: Verdict, results: &[CriterionResult]) -> String {
    if verdict == Verdict::Incomplete {
        let missing = results
            .iter()
            .any(|r| matches!(r.kind, Kind::Hard | Kind::Cross) && r.status == Status::MissingData);
        let unconfirmed = results.iter().filter(|r| r.kind == Kind::Attest && attest_open(r.status)).count();
        if !missing && unconfirmed > 0 {
            return format!("待确认 {unconfirmed} 项");
        }
    }
    verdict.label().to_string()
}

/// An attestation still to be given (a draft's centre-level ones are the lead's).
fn attest_open(s: Status) -> bool {
    !matches!(s, Status::Met | Status::NotApplicable | Status::ByLead)
}

fn status_of(kind: Kind, outcome: Outcome) -> Status {
    match (outcome, kind) {
        (Outcome::Pass, _) => Status::Met,
        (Outcome::Warn, _) => Status::Warning,
        (Outcome::Missing, _) => Status::MissingData,
        (Outcome::Unconfirmed, Kind::Warn) => Status::Warning,
        (Outcome::Unconfirmed, _) => Status::Unconfirmed,
        (Outcome::NotVerified, _) => Status::NotVerified,
        (Outcome::NotApplicable, _) | (_, Kind::Note) => Status::NotApplicable,
        (Outcome::Fail, Kind::Warn) => Status::Warning,
        (Outcome::Fail, Kind::Attest) => Status::Unconfirmed,
        (Outcome::Fail, _) => Status::Unmet,
    }
}

fn message_of(c: &Criterion, e: &Eval, status: Status) -> String {
    let template = match status {
        Status::Met => c.messages.met.as_deref(),
        Status::Unmet | Status::Warning => c.messages.unmet.as_deref(),
        _ => None,
    };
    let body = match template {
        Some(t) => t
            .replace("{found}", e.found.as_deref().unwrap_or("—"))
            .replace("{required}", e.required.as_deref().unwrap_or("—"))
            .replace("{gap}", e.gap.as_deref().unwrap_or("—"))
            .replace("{title}", &c.title),
        None => e.text.clone(),
    };
    format!("{body}（{}）", c.citation)
}

fn verdict_of(pack: &Pack, results: &[CriterionResult], exclusion_hit: bool) -> (Verdict, Option<String>) {
    let decisive = |r: &&CriterionResult| matches!(r.kind, Kind::Hard | Kind::Cross);
    if exclusion_hit {
        return (Verdict::Ineligible, None);
    }
    if results.iter().filter(decisive).any(|r| r.status == Status::Unmet) {
        // The 筹建 note is about shortfalls in the construction requirements the pack names
        // (`covers`: clause prefixes), never about a bar (handled above) or e.g. the name's characters.
        let note = pack
            .cultivation
            .as_ref()
            .filter(|c| {
                results.iter().filter(decisive).any(|r| {
                    r.status == Status::Unmet
                        && (c.covers.is_empty()
                            || c.covers.iter().any(|p| r.citation.clause.starts_with(p.as_str())))
                })
            })
            .map(|c| format!("{}（{}）", c.note, c.citation));
        return (Verdict::PartiallyMet, note);
    }
    let open = results.iter().any(|r| {
        (decisive(&r) && r.status == Status::MissingData) || (r.kind == Kind::Attest && attest_open(r.status))
    });
    if pack.coverage == Coverage::ReferenceOnly {
        let note = format!("本类型的详细申报条件未内置，请对照《{}》逐条核对", pack.document.title);
        return (Verdict::Incomplete, Some(note));
    }
    if open {
        return (Verdict::Incomplete, None);
    }
    (Verdict::Eligible, None)
}

/// "但未与已建平台名录、其他申报书比对": what the 未核验 criteria were not compared with.
/// 未核验 never makes a criterion met; the verdict stays what the checked criteria give, and
/// says what it does not cover (criteria.md, "Unchecked is never met").
fn caveat_of(results: &[CriterionResult]) -> Option<String> {
    let mut against: Vec<&str> = Vec::new();
    for r in results.iter().filter(|r| r.status == Status::NotVerified) {
        let a = r.unverified.as_ref().map_or("本地库", |u| u.against.as_str());
        if !against.contains(&a) {
            against.push(a);
        }
    }
    (!against.is_empty()).then(|| format!("但未与{}比对", against.join("、")))
}

fn notices(pack: &Pack, app: &Application, as_of: NaiveDate) -> Vec<String> {
    let mut out = pack.notes.clone();
    if let Some(from) = pack.effective_from {
        if as_of < from {
            out.push(format!("参考日期 {as_of} 早于本规则生效日期 {from}。"));
        }
    }
    if let Some(until) = pack.effective_until {
        if as_of > until {
            out.push(format!("参考日期 {as_of} 晚于本规则有效期截止日期 {until}，请确认是否有新通知。"));
        }
    }
    if !app.programme.trim().is_empty() && app.programme.trim() != pack.id {
        out.push(format!("申报书所选申报类型为“{}”，本次按“{}”核对。", app.programme.trim(), pack.id));
    }
    if !pack.categories.is_empty() && !pack.categories.contains(&app.category) {
        out.push("所选类别（综合类/领域类）不在本申报类型的范围内。".to_string());
    }
    out
}

/// Whether the applicant ticked the attestation of criterion `id`.
pub(crate) fn attested(ctx: &Ctx<'_>, id: &str) -> bool {
    ctx.app.attestations.get(id).copied().unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::pack::Citation;

    fn result(kind: Kind, status: Status) -> CriterionResult {
        CriterionResult {
            id: "x".into(),
            title: "x".into(),
            kind,
            status,
            found: None,
            required: None,
            gap: None,
            message: String::new(),
            citation: Citation { document: "d".into(), clause: "c".into() },
            shown: Default::default(),
            unverified: None,
        }
    }

    #[test]
    fn only_confirmations_left_reads_as_to_confirm_with_their_number() {
        let confirm = |n: usize| (0..n).map(|_| result(Kind::Attest, Status::Unconfirmed));
        let rs: Vec<_> = confirm(3).chain([result(Kind::Hard, Status::Met)]).collect();
        assert_eq!(verdict_label_of(Verdict::Incomplete, &rs), "待确认 3 项");
        let rs: Vec<_> = confirm(1).chain([result(Kind::Hard, Status::MissingData)]).collect();
        assert_eq!(verdict_label_of(Verdict::Incomplete, &rs), "待补充", "data still missing");
        // A draft's centre-level confirmations are the lead's, not the unit's.
        let rs = [result(Kind::Attest, Status::ByLead), result(Kind::Attest, Status::Unconfirmed)];
        assert_eq!(verdict_label_of(Verdict::Incomplete, &rs), "待确认 1 项");
        assert_eq!(verdict_label_of(Verdict::PartiallyMet, &rs), "不完全满足");
    }
}
