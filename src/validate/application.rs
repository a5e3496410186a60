//! Field-level checks of a whole application: what is wrong, where, and how to fix it.
//! Judges data entry only, never programme criteria (that is `rules`); changes data only in
//! `normalise_application`.

use std::collections::{HashMap, HashSet};
use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

use crate::model::{
    Achievement, Application, Direction, HostUnit, IdKind, Instrument, Person, RdInvestment, Role, Site,
};
use crate::quantity::Yuan;

use super::normalize::normalize_code;
use super::resident_id::parse_resident_id;
use super::uscc::parse_uscc;

/// One problem with one field, located for the UI and explained for the applicant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FieldIssue {
    /// JSON path into the application, rows 0-based, e.g. "people[3].id_doc.number".
    pub path: String,
    /// Chinese label, rows 1-based, e.g. "人员名单第4行 证件号码".
    pub field: String,
    /// Chinese: what is wrong and how to fix it.
    pub message: String,
    /// An error (the value is wrong) or a warning (accepted, counted, but worth a second look).
    pub level: IssueLevel,
}

/// How serious a field issue is. Imports refuse errors only; a warning never blocks anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum IssueLevel {
    /// The value is wrong or missing: fix it.
    Error,
    /// The value is accepted and counts, but is implausible (e.g. a 元/万元 mix-up): check it.
    Warning,
}

impl FieldIssue {
    /// An error of `field` at `path`.
    pub fn error(path: impl Into<String>, field: impl Into<String>, message: impl Into<String>) -> Self {
        FieldIssue {
            path: path.into(),
            field: field.into(),
            message: message.into(),
            level: IssueLevel::Error,
        }
    }

    /// A warning of `field` at `path`: the value is kept and counted.
    pub fn warning(path: impl Into<String>, field: impl Into<String>, message: impl Into<String>) -> Self {
        FieldIssue { level: IssueLevel::Warning, ..FieldIssue::error(path, field, message) }
    }

    pub fn is_error(&self) -> bool {
        self.level == IssueLevel::Error
    }
}

/// The errors among `issues` (what an import refuses).
pub fn errors_only(issues: Vec<FieldIssue>) -> Vec<FieldIssue> {
    issues.into_iter().filter(FieldIssue::is_error).collect()
}

impl fmt::Display for FieldIssue {
    /// "依托单位第2家 统一社会信用代码：校验位错误，按前17位计算应为Q，现为R".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}：{}", self.field, self.message)
    }
}

/// Earliest and latest year accepted for R&D investments.
const YEARS: std::ops::RangeInclusive<i32> = 1990..=2100;

/// Plausibility bound of one instrument's 原值, in 元 (1 亿元): a data-entry check, not a
/// programme rule. The window takes amounts in 万元, so an amount typed in 元 comes out
/// 10 000 times too large (m4 of the 2026-12 UI walk: 1 200 000 万元 for a 120 万元 instrument);
/// single instruments of a provincial or city platform above 1 亿元 are rare enough that a
/// second look costs less than a silent mix-up. Above it the value is kept and counted, with a
/// warning.
pub const INSTRUMENT_VALUE_PLAUSIBLE_MAX: Yuan = Yuan(100_000_000);

/// Plausibility bound of one unit's R&D investment in one year, in 元 (100 亿元): above what all
/// but a handful of the country's largest enterprises spend in a year; 万元 typed as 元 lands
/// far above it. A data-entry check, not a programme rule: kept and counted, with a warning.
pub const RD_AMOUNT_PLAUSIBLE_MAX: Yuan = Yuan(10_000_000_000);

/// Every field-level problem in `app`, in document order; empty when there is none.
pub fn validate_application(app: &Application) -> Vec<FieldIssue> {
    let mut issues = Issues(validate_centre_name(&app.centre_name));
    for (i, d) in app.directions.iter().enumerate() {
        check_direction(d, &Row::new("directions", "研究方向", i), &mut issues);
    }
    check_host_units(app, &mut issues);
    let hosts = host_codes(&app.host_units);
    check_people(app, &hosts, &mut issues);

    for (i, r) in app.instruments.iter().enumerate() {
        check_instrument(r, &Row::new("instruments", "科研仪器设备", i), &hosts, &mut issues);
    }
    for (i, r) in app.sites.iter().enumerate() {
        check_site(r, &Row::new("sites", "研发场地", i), &hosts, &mut issues);
    }
    let mut rd_seen: HashMap<(String, i32), usize> = HashMap::new();
    for (i, r) in app.rd_investments.iter().enumerate() {
        let key = (normalize_code(&r.owner_uscc), r.year);
        let earlier = rd_seen.get(&key).copied();
        if earlier.is_none() && !key.0.is_empty() {
            rd_seen.insert(key, i);
        }
        check_rd_investment(r, &Row::new("rd_investments", "研发投入", i), &hosts, earlier, &mut issues);
    }
    for (i, r) in app.achievements.iter().enumerate() {
        check_achievement(r, &Row::new("achievements", "成果", i), &hosts, &mut issues);
    }
    issues.0.extend(super::text::application_name_issues(app));
    issues.0
}

/// Normalises in place every resident ID number, USCC, `owner_uscc` and `employer_uscc`
/// (see [`normalize_code`]); fills a person's birth date and gender from a valid resident ID
/// when they are absent, and turns a blank `employer_uscc` into `None`.
pub fn normalise_application(app: &mut Application) {
    for h in &mut app.host_units {
        h.uscc = normalize_code(&h.uscc);
    }
    for p in &mut app.people {
        if p.id_doc.kind == IdKind::ResidentId {
            p.id_doc.number = normalize_code(&p.id_doc.number);
            if let Ok(id) = parse_resident_id(&p.id_doc.number) {
                p.birth_date.get_or_insert(id.birth_date);
                p.gender.get_or_insert(id.gender);
            }
        }
        if let Some(code) = p.employer_uscc.as_deref().map(normalize_code) {
            p.employer_uscc = (!code.is_empty()).then_some(code);
        }
    }
    for r in &mut app.instruments {
        r.owner_uscc = normalize_code(&r.owner_uscc);
    }
    for r in &mut app.sites {
        r.owner_uscc = normalize_code(&r.owner_uscc);
    }
    for r in &mut app.rd_investments {
        r.owner_uscc = normalize_code(&r.owner_uscc);
    }
    for r in &mut app.achievements {
        r.owner_uscc = normalize_code(&r.owner_uscc);
    }
}

/// Normalises one person row as saved from the window: the resident ID number is normalised and,
/// when valid, sets the birth date and gender (they follow the number the user typed).
pub fn normalise_person(p: &mut Person) {
    if p.id_doc.kind == IdKind::ResidentId {
        p.id_doc.number = normalize_code(&p.id_doc.number);
        if let Ok(id) = parse_resident_id(&p.id_doc.number) {
            p.birth_date = Some(id.birth_date);
            p.gender = Some(id.gender);
        }
    }
    if let Some(code) = p.employer_uscc.as_deref().map(normalize_code) {
        p.employer_uscc = (!code.is_empty()).then_some(code);
    }
}

/// Field-level issues of one person with the application's host codes (a second director is
/// an issue of the whole roster, see [`validate_application`]); paths are relative to the row,
/// e.g. "id_doc.number", and `field` is the bare Chinese label.
pub fn validate_person(p: &Person, hosts: &HostCodes) -> Vec<FieldIssue> {
    let mut issues = Issues::default();
    check_person(p, &Row::bare(), hosts, &mut issues);
    issues.0.extend(super::text::person_name_issues(p));
    issues.0
}

/// Field-level issues of one host unit on its own (a unit listed twice is an issue of the whole
/// list); paths relative to the row ("uscc").
pub fn validate_host_unit(h: &HostUnit) -> Vec<FieldIssue> {
    let mut issues = Issues::default();
    check_host_unit(h, &Row::bare(), &mut issues);
    issues.0.extend(super::text::host_unit_name_issues(h));
    issues.0
}

fn check_host_unit(h: &HostUnit, row: &Row, issues: &mut Issues) -> Option<String> {
    if h.name.trim().is_empty() {
        issues.push(
            row.path("name"),
            row.field(name("host_units", "name")),
            "未填写，请按营业执照或登记证书填写单位全称",
        );
    }
    match parse_uscc(&h.uscc) {
        Err(e) => {
            issues.push(row.path("uscc"), row.field(name("host_units", "uscc")), e.detail());
            None
        }
        Ok(u) => {
            let reading = super::registration::read_uscc(&u);
            if !reading.kinds.is_empty() && !reading.kinds.contains(&h.kind) {
                let fits: Vec<&str> =
                    reading.kinds.iter().map(|&k| super::registration::unit_kind_label(k)).collect();
                issues.0.push(FieldIssue::warning(
                    row.path("kind"),
                    row.field(name("host_units", "kind")),
                    format!(
                        "统一社会信用代码第1、2位{}表示{}，单位类型宜为{}，现为{}：请核对",
                        &u.code[..2],
                        reading.registration,
                        fits.join("或"),
                        super::registration::unit_kind_label(h.kind)
                    ),
                ));
            }
            Some(u.code)
        }
    }
}

fn check_person(p: &Person, row: &Row, hosts: &HostCodes, issues: &mut Issues) {
    if p.name.trim().is_empty() {
        issues.push(row.path("name"), row.field(name("people", "name")), "未填写，请填写姓名");
    }
    check_id_document(p, row, issues);
    check_employer(p, row, hosts, issues);
    check_share(p, row, issues);
}

fn check_employer(p: &Person, row: &Row, hosts: &HostCodes, issues: &mut Issues) {
    if let Some(code) = p.employer_uscc.as_deref().map(normalize_code) {
        if !code.is_empty() && !hosts.contains(&code) {
            issues.push(
                row.path("employer_uscc"),
                row.field(name("people", "employer_uscc")),
                format!(
                    "{code}不是任何一家依托单位的统一社会信用代码；工作单位不是依托单位时请清空此项，并填写工作单位名称"
                ),
            );
        }
    }
}

/// Issues of the centre's name as typed (path "centre_name").
pub fn validate_centre_name(name: &str) -> Vec<FieldIssue> {
    let mut issues = Issues::default();
    if name.trim().is_empty() {
        issues.push("centre_name", "中心名称", "未填写，请填写拟建中心的名称");
    }
    issues.0
}

/// Issues of an application's own reference date (path "reference_date").
pub fn validate_reference_date(date: NaiveDate) -> Vec<FieldIssue> {
    let mut issues = Issues::default();
    if !YEARS.contains(&date.year()) {
        issues.push(
            "reference_date",
            "基准日期",
            format!(
                "{}不在{}年至{}年之间，请核对年份，或清空以使用申报通知规定的基准日期",
                chinese_date(date),
                YEARS.start(),
                YEARS.end()
            ),
        );
    }
    issues.0
}

/// The codes of an application's host units, normalised: what `owner_uscc` and
/// `employer_uscc` may name.
pub type HostCodes = HashSet<String>;

/// The normalised, non-empty credit codes of `hosts`.
pub fn host_codes<'a>(hosts: impl IntoIterator<Item = &'a HostUnit>) -> HostCodes {
    hosts.into_iter().map(|h| normalize_code(&h.uscc)).filter(|code| !code.is_empty()).collect()
}

/// Field-level issues of one research direction on its own; paths relative to the row.
pub fn validate_direction(d: &Direction) -> Vec<FieldIssue> {
    let mut issues = Issues::default();
    check_direction(d, &Row::bare(), &mut issues);
    issues.0
}

/// Field-level issues of one instrument with the application's host codes.
pub fn validate_instrument(r: &Instrument, hosts: &HostCodes) -> Vec<FieldIssue> {
    let mut issues = Issues::default();
    check_instrument(r, &Row::bare(), hosts, &mut issues);
    issues.0
}

/// Field-level issues of one site with the application's host codes.
pub fn validate_site(r: &Site, hosts: &HostCodes) -> Vec<FieldIssue> {
    let mut issues = Issues::default();
    check_site(r, &Row::bare(), hosts, &mut issues);
    issues.0
}

/// Field-level issues of one year of R&D investment with the application's host codes (the
/// same unit and year twice is an issue of the whole roster, see [`validate_application`]).
pub fn validate_rd_investment(r: &RdInvestment, hosts: &HostCodes) -> Vec<FieldIssue> {
    let mut issues = Issues::default();
    check_rd_investment(r, &Row::bare(), hosts, None, &mut issues);
    issues.0
}

/// Field-level issues of one achievement with the application's host codes.
pub fn validate_achievement(r: &Achievement, hosts: &HostCodes) -> Vec<FieldIssue> {
    let mut issues = Issues::default();
    check_achievement(r, &Row::bare(), hosts, &mut issues);
    issues.0
}

fn check_direction(d: &Direction, row: &Row, issues: &mut Issues) {
    if d.title.trim().is_empty() {
        issues.push(
            row.path("title"),
            row.field(name("directions", "title")),
            "未填写，请填写研究方向的名称",
        );
    }
}

fn check_instrument(r: &Instrument, row: &Row, hosts: &HostCodes, issues: &mut Issues) {
    issues.check_owner(row, "instruments", &r.owner_uscc, hosts);
    if r.original_value.0 < 0 {
        issues.push(
            row.path("original_value"),
            row.field(name("instruments", "original_value")),
            format!("不能为负数（现为{}万元），请填写原值", r.original_value.as_wan()),
        );
    }
    if r.original_value.0 == 0 {
        // Kept and counted as 0: the total of 原值 is short by this instrument until it is filled.
        issues.0.push(FieldIssue::warning(
            row.path("original_value"),
            row.field(name("instruments", "original_value")),
            "为0：请填写原值（未填写时合计按0计）",
        ));
    }
    issues.implausible(
        row,
        "original_value",
        name("instruments", "original_value"),
        r.original_value,
        INSTRUMENT_VALUE_PLAUSIBLE_MAX,
        "一台（套）仪器设备的原值",
    );
}

fn check_site(r: &Site, row: &Row, hosts: &HostCodes, issues: &mut Issues) {
    issues.check_owner(row, "sites", &r.owner_uscc, hosts);
    if r.area.0 <= 0 {
        issues.push(
            row.path("area"),
            row.field(name("sites", "area")),
            format!("应大于0平方米（现为{}），请填写场地的使用面积", r.area),
        );
    }
}

/// `earlier`: the 0-based index of an earlier row of the same unit and year, if any.
fn check_rd_investment(
    r: &RdInvestment,
    row: &Row,
    hosts: &HostCodes,
    earlier: Option<usize>,
    issues: &mut Issues,
) {
    issues.check_owner(row, "rd_investments", &r.owner_uscc, hosts);
    if let Some(j) = earlier {
        issues.push(
            row.path("year"),
            row.field(name("rd_investments", "year")),
            format!(
                "与研发投入第{}行为同一单位同一年度（{}年），请合并为一行，核对时只计第{}行",
                j + 1,
                r.year,
                j + 1
            ),
        );
    }
    if !YEARS.contains(&r.year) {
        issues.push(
            row.path("year"),
            row.field(name("rd_investments", "year")),
            format!(
                "{}不是有效年度，应在{}至{}之间，请填写四位数年份，例如2024",
                r.year,
                YEARS.start(),
                YEARS.end()
            ),
        );
    }
    if r.amount.0 < 0 {
        issues.push(
            row.path("amount"),
            row.field(name("rd_investments", "amount")),
            format!("不能为负数（现为{}万元），请填写研发投入金额", r.amount.as_wan()),
        );
    }
    issues.implausible(
        row,
        "amount",
        name("rd_investments", "amount"),
        r.amount,
        RD_AMOUNT_PLAUSIBLE_MAX,
        "一家单位一年的研发投入",
    );
}

fn check_achievement(r: &Achievement, row: &Row, hosts: &HostCodes, issues: &mut Issues) {
    issues.check_owner(row, "achievements", &r.owner_uscc, hosts);
    if r.title.trim().is_empty() {
        issues.push(row.path("title"), row.field(name("achievements", "title")), "未填写，请填写成果名称");
    }
}

fn check_host_units(app: &Application, issues: &mut Issues) {
    if app.host_units.is_empty() {
        issues.push("host_units", "依托单位", "未填写，请至少添加一家依托单位，第一家为第一依托单位");
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, h) in app.host_units.iter().enumerate() {
        let row = Row { path: format!("host_units[{i}]"), label: format!("依托单位第{}家", i + 1) };
        if let Some(code) = check_host_unit(h, &row, issues) {
            if let Some(first) = seen.get(&code) {
                issues.push(
                    row.path("uscc"),
                    row.field(name("host_units", "uscc")),
                    format!("与依托单位第{}家重复，同一家单位只需填写一次", first + 1),
                );
            } else {
                seen.insert(code, i);
            }
        }
    }
}

fn check_people(app: &Application, hosts: &HostCodes, issues: &mut Issues) {
    let mut director: Option<usize> = None;
    for (i, p) in app.people.iter().enumerate() {
        let row = Row::new("people", "人员名单", i);
        if p.name.trim().is_empty() {
            issues.push(row.path("name"), row.field(name("people", "name")), "未填写，请填写姓名");
        }
        check_id_document(p, &row, issues);
        if p.role == Role::Director {
            match director {
                None => director = Some(i),
                Some(first) => issues.push(
                    row.path("role"),
                    row.field(name("people", "role")),
                    format!(
                        "中心主任只能有一人，人员名单第{}行已是中心主任，请改为副主任、固定人员或流动人员",
                        first + 1
                    ),
                ),
            }
        }
        check_employer(p, &row, hosts, issues);
        check_share(p, &row, issues);
    }
}

/// 全职, or 兼职 with a share of 1 %–99 % (or 1–11 months) a year; a share is never given with 全职.
fn check_share(p: &Person, row: &Row, issues: &mut Issues) {
    use crate::model::FULL_SHARE;
    let Some(share) = p.share else { return };
    let message = if p.full_time {
        "全职人员不填兼职比例；如为兼职，请改为兼职后填写比例"
    } else if share == 0 || share > FULL_SHARE {
        "兼职比例须在 1% 至 99% 之间（或每年 1 至 11 个月）"
    } else if share == FULL_SHARE {
        "投入 100%（每年 12 个月）即为全职，请改为全职"
    } else {
        return;
    };
    issues.push(row.path("share"), row.field(name("people", "share")), message);
}

fn check_id_document(p: &Person, row: &Row, issues: &mut Issues) {
    let number_path = row.path("id_doc.number");
    if p.id_doc.kind != IdKind::ResidentId {
        let kind = p.id_doc.kind.label();
        if normalize_code(&p.id_doc.number).is_empty() {
            issues.push(
                number_path,
                row.field(name("people", "id_doc.number")),
                format!("未填写，请填写{kind}号码"),
            );
        }
        if p.birth_date.is_none() {
            issues.push(
                row.path("birth_date"),
                row.field(name("people", "birth_date")),
                format!("未填写，证件类型为{kind}时须填写出生日期"),
            );
        }
        return;
    }
    let id = match parse_resident_id(&p.id_doc.number) {
        Ok(id) => id,
        Err(e) => {
            issues.push(number_path, row.field(name("people", "id_doc.number")), e.detail());
            return;
        }
    };
    if let Some(birth) = p.birth_date.filter(|&b| b != id.birth_date) {
        issues.push(
            row.path("birth_date"),
            row.field(name("people", "birth_date")),
            format!(
                "{}与身份证号码中的出生日期{}不一致，请按身份证核对",
                chinese_date(birth),
                chinese_date(id.birth_date)
            ),
        );
    }
    if let Some(gender) = p.gender.filter(|&g| g != id.gender) {
        issues.push(
            row.path("gender"),
            row.field(name("people", "gender")),
            format!(
                "{}与身份证号码第17位所示的性别{}不一致，请按身份证核对",
                gender.label(),
                id.gender.label()
            ),
        );
    }
}

/// Collected issues, in the order found.
#[derive(Default)]
struct Issues(Vec<FieldIssue>);

impl Issues {
    fn push(&mut self, path: impl Into<String>, field: impl Into<String>, message: impl Into<String>) {
        self.0.push(FieldIssue::error(path, field, message));
    }

    /// A warning when `amount` is above the plausibility bound `max` (kept and counted).
    fn implausible(&mut self, row: &Row, member: &str, label: &str, amount: Yuan, max: Yuan, what: &str) {
        if amount.0 > max.0 {
            self.0.push(FieldIssue::warning(
                row.path(member),
                row.field(label),
                format!(
                    "现为{}万元，{}一般不超过{}万元：请核对是否把以元计的金额填成了万元（此值已保存并计入合计）",
                    amount.as_wan(),
                    what,
                    max.as_wan()
                ),
            ));
        }
    }

    /// `owner_uscc` (of a row of `table`) must name one of the host units.
    fn check_owner(&mut self, row: &Row, table: &str, owner_uscc: &str, hosts: &HostCodes) {
        let code = normalize_code(owner_uscc);
        let message = if code.is_empty() {
            "未填写，请填写所属依托单位的统一社会信用代码".to_string()
        } else if !hosts.contains(&code) {
            format!("{code}不是任何一家依托单位的统一社会信用代码，请核对，或先在依托单位中添加该单位")
        } else {
            return;
        };
        self.push(row.path("owner_uscc"), row.field(name(table, "owner_uscc")), message);
    }
}

/// One row of a list: its JSON path (0-based) and Chinese label (1-based).
struct Row {
    path: String,
    label: String,
}

/// A field's Chinese name (`crate::labels`), as every issue at it is headed.
fn name(table: &str, path: &'static str) -> &'static str {
    crate::labels::field_name_or_path(table, path)
}

impl Row {
    fn new(list: &str, list_label: &str, index: usize) -> Self {
        Row { path: format!("{list}[{index}]"), label: format!("{list_label}第{}行", index + 1) }
    }

    /// A row on its own: paths and labels are the members' alone.
    fn bare() -> Self {
        Row { path: String::new(), label: String::new() }
    }

    fn path(&self, member: &str) -> String {
        if self.path.is_empty() {
            return member.to_string();
        }
        format!("{}.{member}", self.path)
    }

    fn field(&self, label: &str) -> String {
        if self.label.is_empty() {
            return label.to_string();
        }
        format!("{} {label}", self.label)
    }
}

fn chinese_date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Gender, IdDocument};
    use crate::quantity::{AreaM2, Yuan};
    use serde_json::json;

    const HOST: &str = "91110108551385082Q";
    const HOST2: &str = "91110000600037341L";

    /// A minimal application with no issues: one host, one director, one row in each list.
    fn sample() -> Application {
        serde_json::from_value(json!({
            "programme": "P1",
            "category": "field",
            "centre_name": "山西省碳基新材料技术创新中心",
            "field": "材料",
            "sub_area": "碳基新材料",
            "host_units": [{
                "name": "某某科技有限公司", "uscc": HOST,
                "kind": "enterprise", "independent_legal_person": true
            }],
            "people": [{
                "name": "张三",
                "id_doc": { "kind": "resident_id", "number": "11010519491231002X" },
                "employer_uscc": HOST,
                "education": "doctorate", "title": "full_senior", "role": "director", "full_time": true
            }],
            "instruments": [{ "name": "电镜", "owner_uscc": HOST, "original_value": 1_000_000 }],
            "sites": [{ "address": "太原市", "area": "1999.99", "owner_uscc": HOST }],
            "rd_investments": [{ "owner_uscc": HOST, "year": 2024, "amount": 20_000_000 }],
            "achievements": [{ "kind": "invention_patent", "title": "一种碳材料", "owner_uscc": HOST }],
            "created_at": "2025-01-01T00:00:00Z",
            "updated_at": "2025-01-01T00:00:00Z"
        }))
        .expect("sample application")
    }

    fn add_person(app: &mut Application, kind: IdKind, number: &str, role: Role) {
        let mut p = app.people[0].clone();
        p.name = "李四".to_string();
        p.id_doc = IdDocument { kind, number: number.to_string() };
        p.role = role;
        app.people.push(p);
    }

    fn add_host(app: &mut Application, uscc: &str) {
        let mut h = app.host_units[0].clone();
        h.name = "某某大学".to_string();
        h.uscc = uscc.to_string();
        app.host_units.push(h);
    }

    /// Applies `edit` to the sample and expects exactly these (path, field) issues, in order.
    fn check(edit: impl FnOnce(&mut Application), expected: &[(&str, &str)]) {
        let mut app = sample();
        edit(&mut app);
        let got = validate_application(&app);
        let got: Vec<(&str, &str)> = got.iter().map(|i| (i.path.as_str(), i.field.as_str())).collect();
        assert_eq!(got, expected);
    }

    /// Applies `edit` and expects exactly one issue, displayed as `expected`.
    fn check_message(edit: impl FnOnce(&mut Application), expected: &str) {
        let mut app = sample();
        edit(&mut app);
        let got: Vec<String> = validate_application(&app).iter().map(ToString::to_string).collect();
        assert_eq!(got, [expected]);
    }

    #[test]
    fn sample_is_clean() {
        check(|_| {}, &[]);
        check(|a| add_host(a, HOST2), &[]);
        check(|a| a.people[0].birth_date = NaiveDate::from_ymd_opt(1949, 12, 31), &[]);
        check(|a| a.people[0].gender = Some(Gender::Female), &[]);
        check(|a| a.people[0].employer_uscc = None, &[]);
        check(|a| a.people[0].employer_uscc = Some(" ".to_string()), &[]);
        check(|a| a.people[0].id_doc.number = "１１０１０５ １９４９１２３１ ００２ｘ".to_string(), &[]);
        check(|a| a.instruments[0].owner_uscc = "9111 0108 5513 8508 2q".to_string(), &[]);
        check(|a| a.rd_investments[0].year = 1990, &[]);
        check(|a| a.rd_investments[0].year = 2100, &[]);
        // A zero 原值 is a warning (kept and counted as 0), never an error an import refuses.
        check(
            |a| a.instruments[0].original_value = Yuan(0),
            &[("instruments[0].original_value", "科研仪器设备第1行 原值")],
        );
        let mut zero = sample();
        zero.instruments[0].original_value = Yuan(0);
        assert!(errors_only(validate_application(&zero)).is_empty());
        check(|a| a.rd_investments[0].amount = Yuan(0), &[]);
        check(|a| a.sites[0].area = AreaM2(1), &[]);
    }

    #[test]
    fn issues_are_located() {
        check(|a| a.centre_name = " ".to_string(), &[("centre_name", "中心名称")]);
        check(|a| a.host_units[0].name.clear(), &[("host_units[0].name", "依托单位第1家 单位名称")]);
        check(
            |a| add_host(a, "91110108551385082R"),
            &[("host_units[1].uscc", "依托单位第2家 统一社会信用代码")],
        );
        check(
            |a| add_host(a, "91110108551385082q"),
            &[("host_units[1].uscc", "依托单位第2家 统一社会信用代码")],
        );
        check(|a| add_host(a, ""), &[("host_units[1].uscc", "依托单位第2家 统一社会信用代码")]);
        check(
            |a| a.host_units.clear(),
            &[
                ("host_units", "依托单位"),
                ("people[0].employer_uscc", "人员名单第1行 工作单位统一社会信用代码"),
                ("instruments[0].owner_uscc", "科研仪器设备第1行 所属单位"),
                ("sites[0].owner_uscc", "研发场地第1行 所属单位"),
                ("rd_investments[0].owner_uscc", "研发投入第1行 所属单位"),
                ("achievements[0].owner_uscc", "成果第1行 所属单位"),
            ],
        );
        check(|a| a.people[0].name.clear(), &[("people[0].name", "人员名单第1行 姓名")]);
        check(
            |a| a.people[0].id_doc.number = "110105194912310021".to_string(),
            &[("people[0].id_doc.number", "人员名单第1行 证件号码")],
        );
        check(
            |a| a.people[0].id_doc.number = "身份证".to_string(),
            &[("people[0].id_doc.number", "人员名单第1行 证件号码")],
        );
        check(
            |a| a.people[0].birth_date = NaiveDate::from_ymd_opt(1949, 12, 30),
            &[("people[0].birth_date", "人员名单第1行 出生日期")],
        );
        check(|a| a.people[0].gender = Some(Gender::Male), &[("people[0].gender", "人员名单第1行 性别")]);
        check(
            |a| a.people[0].employer_uscc = Some(HOST2.to_string()),
            &[("people[0].employer_uscc", "人员名单第1行 工作单位统一社会信用代码")],
        );
        check(
            |a| add_person(a, IdKind::ResidentId, "360426199101010071", Role::Director),
            &[("people[1].role", "人员名单第2行 在中心职务")],
        );
        check(|a| add_person(a, IdKind::ResidentId, "360426199101010071", Role::DeputyDirector), &[]);
        check(
            |a| add_person(a, IdKind::Passport, "E12345678", Role::Fixed),
            &[("people[1].birth_date", "人员名单第2行 出生日期")],
        );
        check(
            |a| add_person(a, IdKind::TaiwanPermit, " ", Role::Visiting),
            &[
                ("people[1].id_doc.number", "人员名单第2行 证件号码"),
                ("people[1].birth_date", "人员名单第2行 出生日期"),
            ],
        );
        check(
            |a| a.instruments[0].original_value = Yuan(-1),
            &[("instruments[0].original_value", "科研仪器设备第1行 原值")],
        );
        check(
            |a| a.instruments[0].owner_uscc = HOST2.to_string(),
            &[("instruments[0].owner_uscc", "科研仪器设备第1行 所属单位")],
        );
        check(|a| a.sites[0].area = AreaM2(0), &[("sites[0].area", "研发场地第1行 面积")]);
        check(|a| a.sites[0].owner_uscc.clear(), &[("sites[0].owner_uscc", "研发场地第1行 所属单位")]);
        check(|a| a.rd_investments[0].year = 1989, &[("rd_investments[0].year", "研发投入第1行 年度")]);
        check(|a| a.rd_investments[0].year = 20240, &[("rd_investments[0].year", "研发投入第1行 年度")]);
        check(
            |a| {
                let again = a.rd_investments[0].clone();
                a.rd_investments.push(again);
            },
            &[("rd_investments[1].year", "研发投入第2行 年度")],
        );
        check(
            |a| {
                let mut other_year = a.rd_investments[0].clone();
                other_year.year = 2023;
                a.rd_investments.push(other_year);
            },
            &[],
        );
        check(
            |a| a.rd_investments[0].amount = Yuan(-5),
            &[("rd_investments[0].amount", "研发投入第1行 研发投入")],
        );
        check(
            |a| a.achievements[0].title = "\u{3000}".to_string(),
            &[("achievements[0].title", "成果第1行 成果名称")],
        );
    }

    #[test]
    fn implausible_amounts_are_warnings_at_the_field_and_only_above_the_bound() {
        check(|a| a.instruments[0].original_value = INSTRUMENT_VALUE_PLAUSIBLE_MAX, &[]);
        check(|a| a.rd_investments[0].amount = RD_AMOUNT_PLAUSIBLE_MAX, &[]);
        let mut app = sample();
        // m4 of the UI walk: a 120 万元 instrument typed in 元 into the 万元 cell.
        app.instruments[0].original_value = Yuan(1_200_000 * 10_000);
        app.rd_investments[0].amount = Yuan(RD_AMOUNT_PLAUSIBLE_MAX.0 + 1);
        let issues = validate_application(&app);
        let got: Vec<(&str, IssueLevel)> = issues.iter().map(|i| (i.path.as_str(), i.level)).collect();
        assert_eq!(
            got,
            [
                ("instruments[0].original_value", IssueLevel::Warning),
                ("rd_investments[0].amount", IssueLevel::Warning)
            ]
        );
        assert_eq!(
            issues[0].to_string(),
            "科研仪器设备第1行 原值：现为1200000万元，一台（套）仪器设备的原值一般不超过10000万元：\
             请核对是否把以元计的金额填成了万元（此值已保存并计入合计）"
        );
        assert!(errors_only(issues).is_empty(), "a warning is not an error an import refuses");
        let mut one_more = sample();
        one_more.instruments[0].original_value = Yuan(INSTRUMENT_VALUE_PLAUSIBLE_MAX.0 + 1);
        assert_eq!(validate_application(&one_more).len(), 1);
    }

    #[test]
    fn rows_are_one_based_in_labels() {
        check(
            |a| {
                for _ in 0..3 {
                    add_person(a, IdKind::ResidentId, "360426199101010071", Role::Fixed);
                }
                a.people[3].id_doc.number = "36042619910101007".to_string();
            },
            &[("people[3].id_doc.number", "人员名单第4行 证件号码")],
        );
    }

    #[test]
    fn messages_say_what_and_how() {
        check_message(
            |a| add_host(a, "91110108551385082R"),
            "依托单位第2家 统一社会信用代码：校验位错误，按前17位计算应为Q，现为R",
        );
        check_message(
            |a| add_host(a, " 9111010855138508 2Q"),
            "依托单位第2家 统一社会信用代码：与依托单位第1家重复，同一家单位只需填写一次",
        );
        check_message(
            |a| a.people[0].id_doc.number = "11010519491231002".to_string(),
            "人员名单第1行 证件号码：应为18位，现为17位，请核对是否漏填或多填",
        );
        check_message(
            |a| a.people[0].birth_date = NaiveDate::from_ymd_opt(1950, 1, 1),
            "人员名单第1行 出生日期：1950年1月1日与身份证号码中的出生日期1949年12月31日不一致，请按身份证核对",
        );
        check_message(
            |a| add_person(a, IdKind::ResidentId, "360426199101010071", Role::Director),
            "人员名单第2行 在中心职务：中心主任只能有一人，人员名单第1行已是中心主任，请改为副主任、固定人员或流动人员",
        );
    }

    #[test]
    fn normalise_then_validate() {
        let mut app = sample();
        app.host_units[0].uscc = "９１１１０１０８５５１３８５０８２ｑ".to_string();
        app.people[0].id_doc.number = " 110105 19491231 002x".to_string();
        app.people[0].employer_uscc = Some("91110108551385082q".to_string());
        add_person(&mut app, IdKind::ResidentId, "360426 199101010071", Role::Fixed);
        app.people[1].employer_uscc = Some("\u{3000}".to_string());
        app.people[1].gender = Some(Gender::Female); // kept, though it disagrees with the ID
        add_person(&mut app, IdKind::Passport, "e 1234", Role::Visiting);
        app.instruments[0].owner_uscc = "91110108 551385082Q".to_string();
        app.sites[0].owner_uscc = "91110108551385082q".to_string();
        app.rd_investments[0].owner_uscc = " 91110108551385082Q ".to_string();
        app.achievements[0].owner_uscc = "９１１１０１０８５５１３８５０８２Q".to_string();

        normalise_application(&mut app);

        assert_eq!(app.host_units[0].uscc, HOST);
        assert_eq!(app.people[0].id_doc.number, "11010519491231002X");
        assert_eq!(app.people[0].birth_date, NaiveDate::from_ymd_opt(1949, 12, 31));
        assert_eq!(app.people[0].gender, Some(Gender::Female));
        assert_eq!(app.people[0].employer_uscc.as_deref(), Some(HOST));
        assert_eq!(app.people[1].id_doc.number, "360426199101010071");
        assert_eq!(app.people[1].birth_date, NaiveDate::from_ymd_opt(1991, 1, 1));
        assert_eq!(app.people[1].gender, Some(Gender::Female));
        assert_eq!(app.people[1].employer_uscc, None);
        assert_eq!(app.people[2].id_doc.number, "e 1234", "only resident IDs are normalised");
        assert_eq!(app.people[2].birth_date, None);
        for owner in [
            &app.instruments[0].owner_uscc,
            &app.sites[0].owner_uscc,
            &app.rd_investments[0].owner_uscc,
            &app.achievements[0].owner_uscc,
        ] {
            assert_eq!(owner, HOST);
        }
        let paths: Vec<String> = validate_application(&app).into_iter().map(|i| i.path).collect();
        assert_eq!(paths, ["people[1].gender", "people[2].birth_date"]);
    }

    #[test]
    fn invalid_ids_are_left_without_derived_facts() {
        let mut app = sample();
        app.people[0].id_doc.number = "11010519491231002１".to_string();
        normalise_application(&mut app);
        assert_eq!(app.people[0].id_doc.number, "110105194912310021");
        assert_eq!(app.people[0].birth_date, None);
        assert_eq!(app.people[0].gender, None);
    }
}
