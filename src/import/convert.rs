//! Turning the rows under a header into model records: parsing each cell (dates as text or Excel
//! serial numbers, money and areas exactly, yes/no, Chinese category names), refusing ID numbers
//! that Excel turned into numbers, then checking the records with `validate`'s own rules.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate, TimeDelta};

use crate::model::{
    Achievement, AchievementKind, Application, Category, Education, ExistingPlatform, Gender, HostUnit,
    IdDocument, IdKind, Instrument, MemberRole, Person, PlatformKind, PlatformLevel, PlatformMember, Role,
    RowId, Site, Title,
};
use crate::quantity::{AreaM2, Yuan};
use crate::store::RowData;
use crate::validate::validate_application;
use crate::validate::{normalise_application, normalize_code, parse_resident_id, parse_uscc, to_half_width};

use super::columns::{fields, Header};
use super::read::{Cell, Grid};
use super::{ImportKind, ImportRow, RowError};

/// One data row's cells by field key, with the unit written after each header.
struct Fields<'a> {
    kind: ImportKind,
    cells: HashMap<&'static str, (&'a Cell, &'a str)>,
    errors: Vec<(String, String)>,
}

static EMPTY: Cell = Cell::Empty;

impl<'a> Fields<'a> {
    fn cell(&self, key: &str) -> &'a Cell {
        self.cells.get(key).map_or(&EMPTY, |(c, _)| c)
    }
    fn unit(&self, key: &str) -> &'a str {
        self.cells.get(key).map_or("", |(_, u)| u)
    }
    fn label(&self, key: &str) -> String {
        fields(self.kind).iter().find(|f| f.key == key).map_or(key, |f| f.label).to_string()
    }
    fn text(&self, key: &str) -> String {
        self.cell(key).display()
    }
    fn error(&mut self, key: &str, message: impl Into<String>) {
        let label = self.label(key);
        self.errors.push((label, message.into()));
    }
    /// Parses a field; on error records it and gives `None`.
    fn parse<T>(&mut self, key: &str, f: impl FnOnce(&Cell, &str) -> Result<T, String>) -> Option<T> {
        match f(self.cell(key), self.unit(key)) {
            Ok(v) => Some(v),
            Err(m) => {
                self.error(key, m);
                None
            }
        }
    }
    fn required<T>(&mut self, key: &str, f: impl FnOnce(&Cell, &str) -> Result<T, String>) -> Option<T> {
        if self.cell(key).is_blank() {
            self.error(key, "未填写");
            return None;
        }
        self.parse(key, f)
    }
}

/// Converts every non-empty row under the header; returns the good rows, the errors (their rows
/// left out) and the warnings (their rows kept: a gender taken from the ID, an implausible amount).
pub fn rows(
    kind: ImportKind,
    grid: &Grid,
    header: &Header,
    hosts: &[HostUnit],
    over: Option<&Application>,
) -> (Vec<ImportRow>, Vec<RowError>, Vec<RowError>) {
    let mut errors: Vec<RowError> = Vec::new();
    let mut parsed: Vec<(usize, RowData)> = Vec::new();
    let mut seen_ids: HashMap<(IdKind, String), usize> = HashMap::new();
    for (r, cells) in grid.rows.iter().enumerate().skip(header.row + 1) {
        let line = grid.lines[r];
        let Some(mut row) = fields_of(kind, header, cells) else { continue };
        let record = match kind {
            ImportKind::Staff => person(&mut row, hosts).map(RowData::Person),
            ImportKind::Instruments => instrument(&mut row, hosts).map(RowData::Instrument),
            ImportKind::Sites => site(&mut row, hosts).map(RowData::Site),
            ImportKind::Achievements => achievement(&mut row, hosts).map(RowData::Achievement),
            ImportKind::Platforms => None,
        };
        if let Some(RowData::Person(p)) = &record {
            let key = (p.id_doc.kind, normalize_code(&p.id_doc.number));
            if !key.1.is_empty() {
                if let Some(first) = seen_ids.get(&key) {
                    row.error(
                        "id_number",
                        format!("与第 {first} 行相同：同一人只需填写一次，请删除重复的行"),
                    );
                } else {
                    seen_ids.insert(key, line);
                }
            }
        }
        let Fields { errors: row_errors, .. } = row;
        if row_errors.is_empty() {
            if let Some(record) = record {
                parsed.push((line, record));
            }
        } else {
            errors.extend(row_errors.into_iter().map(|(field, message)| RowError { line, field, message }));
        }
    }
    // A row of a stored person or instrument takes from the stored row what the file has no
    // column for, before it is checked: a passport holder's stored birth date, say.
    let specs = fields(kind);
    let present: Vec<String> = header.fields.iter().flatten().map(|&i| specs[i].key.to_string()).collect();
    let updates: Vec<Option<RowId>> = parsed
        .iter_mut()
        .map(|(_, record)| match (over, record) {
            (Some(app), RowData::Person(p)) => super::merge::person(p, &app.people, &present),
            (Some(app), RowData::Instrument(i)) => super::merge::instrument(i, &app.instruments, &present),
            _ => None,
        })
        .collect();
    let (good, more, warnings) = validate(kind, parsed, &updates, hosts);
    errors.extend(more);
    errors.sort_by_key(|e| e.line);
    (good, errors, warnings)
}

/// Checks the parsed rows with the application validator (as one roster of an application with
/// these hosts), normalising them the way the editor does; rows with an issue are left out.
fn validate(
    kind: ImportKind,
    parsed: Vec<(usize, RowData)>,
    updates: &[Option<RowId>],
    hosts: &[HostUnit],
) -> (Vec<ImportRow>, Vec<RowError>, Vec<RowError>) {
    let mut app = Application {
        programme: String::new(),
        category: Category::Field,
        centre_name: "-".into(),
        field: String::new(),
        sub_area: String::new(),
        directions: Vec::new(),
        reference_date: None,
        city: String::new(),
        recommendation_letter: false,
        attestations: Default::default(),
        narratives: Default::default(),
        host_units: hosts.to_vec(),
        people: Vec::new(),
        instruments: Vec::new(),
        sites: Vec::new(),
        rd_investments: Vec::new(),
        achievements: Vec::new(),
        created_at: String::new(),
        updated_at: String::new(),
    };
    let lines: Vec<usize> = parsed.iter().map(|(l, _)| *l).collect();
    for (_, row) in parsed {
        match row {
            RowData::Person(p) => app.people.push(p),
            RowData::Instrument(r) => app.instruments.push(r),
            RowData::Site(r) => app.sites.push(r),
            RowData::Achievement(r) => app.achievements.push(r),
            _ => {}
        }
    }
    // A valid resident ID number says the gender (its 17th digit, guarded by the check digit): a
    // sheet that says otherwise is corrected, and the preview says so.
    let mut warnings = Vec::new();
    for (p, &line) in app.people.iter_mut().zip(&lines) {
        if p.id_doc.kind != IdKind::ResidentId {
            continue;
        }
        let Ok(id) = parse_resident_id(&normalize_code(&p.id_doc.number)) else { continue };
        if let Some(typed) = p.gender.filter(|&g| g != id.gender) {
            warnings.push(RowError {
                line,
                field: "性别".into(),
                message: format!(
                    "填写为{}，与身份证号码第17位所示的{}不一致：已按身份证记为{}，如身份证号码有误请改正后重新导入",
                    typed.label(),
                    id.gender.label(),
                    id.gender.label()
                ),
            });
            p.gender = Some(id.gender);
        }
    }
    normalise_application(&mut app);
    let list = match kind {
        ImportKind::Staff => "people[",
        ImportKind::Instruments => "instruments[",
        ImportKind::Sites => "sites[",
        ImportKind::Achievements => "achievements[",
        ImportKind::Platforms => return (Vec::new(), Vec::new(), Vec::new()),
    };
    let mut bad = vec![false; lines.len()];
    let mut errors = Vec::new();
    // Errors refuse their row; warnings (an implausible amount, a date after today) keep it and are
    // listed, as the window shows them at the field after saving.
    for issue in validate_application(&app) {
        let Some(rest) = issue.path.strip_prefix(list) else { continue };
        let Some(index) = rest.split(']').next().and_then(|i| i.parse::<usize>().ok()) else { continue };
        let Some(&line) = lines.get(index) else { continue };
        let field = issue.field.split_once(' ').map_or(issue.field.as_str(), |(_, f)| f).to_string();
        if issue.is_error() {
            bad[index] = true;
            errors.push(RowError { line, field, message: issue.message });
        } else {
            warnings.push(RowError { line, field, message: issue.message });
        }
    }
    warnings.sort_by_key(|w| w.line);
    let rows: Vec<RowData> = match kind {
        ImportKind::Staff => app.people.into_iter().map(RowData::Person).collect(),
        ImportKind::Instruments => app.instruments.into_iter().map(RowData::Instrument).collect(),
        ImportKind::Sites => app.sites.into_iter().map(RowData::Site).collect(),
        ImportKind::Achievements => app.achievements.into_iter().map(RowData::Achievement).collect(),
        ImportKind::Platforms => Vec::new(),
    };
    let good = rows
        .into_iter()
        .zip(lines)
        .zip(updates)
        .zip(bad)
        .filter(|(_, bad)| !bad)
        .map(|(((row, line), &updates), _)| ImportRow { line, row, updates })
        .collect();
    (good, errors, warnings)
}

/// A data row's cells by field; `None` when every matched cell is blank (an empty row).
fn fields_of<'a>(kind: ImportKind, header: &'a Header, cells: &'a [Cell]) -> Option<Fields<'a>> {
    let specs = fields(kind);
    let mut row = Fields { kind, cells: HashMap::new(), errors: Vec::new() };
    for (c, field) in header.fields.iter().enumerate() {
        if let (Some(i), Some(cell)) = (field, cells.get(c)) {
            row.cells.insert(specs[*i].key, (cell, header.units[c].as_str()));
        }
    }
    (!row.cells.values().all(|(c, _)| c.is_blank())).then_some(row)
}

/// The registry of existing platforms: rows of the same platform (by name) are merged, each
/// adding one member.
pub fn platforms(grid: &Grid, header: &Header) -> (Vec<ExistingPlatform>, Vec<RowError>) {
    let kind = ImportKind::Platforms;
    let mut out: Vec<ExistingPlatform> = Vec::new();
    let mut first_line: Vec<usize> = Vec::new();
    let mut by_name: HashMap<String, usize> = HashMap::new();
    let mut members: HashMap<(usize, IdKind, String), usize> = HashMap::new();
    let mut errors = Vec::new();
    for (r, cells) in grid.rows.iter().enumerate().skip(header.row + 1) {
        let line = grid.lines[r];
        let Some(mut row) = fields_of(kind, header, cells) else { continue };
        let name = row.text("name");
        if name.is_empty() {
            row.error("name", "未填写");
        }
        let level = row.required("level", |c, _| platform_level(c));
        let platform_kind = row.required("kind", |c, _| platform_kind(c));
        let host_name = row.text("host_name");
        if host_name.is_empty() {
            row.error("host_name", "未填写");
        }
        let host_uscc = normalize_code(&row.text("host_uscc"));
        if let (false, Err(e)) = (host_uscc.is_empty(), parse_uscc(&host_uscc)) {
            row.error("host_uscc", e.detail());
        }
        let approval_date = day(&mut row, "approval_date");
        let member = if row.cell("member_name").is_blank() && row.cell("member_id_number").is_blank() {
            None
        } else {
            member(&mut row)
        };
        let (Some(level), Some(platform_kind), true) = (level, platform_kind, row.errors.is_empty()) else {
            errors.extend(row.errors.into_iter().map(|(field, message)| RowError { line, field, message }));
            continue;
        };
        let key: String = to_half_width(&name).chars().filter(|c| !c.is_whitespace()).collect();
        let index = match by_name.get(&key) {
            Some(&i) => {
                let p = &out[i];
                if (p.level, p.kind, p.host_uscc.as_str()) != (level, platform_kind, host_uscc.as_str()) {
                    errors.push(RowError {
                        line,
                        field: "平台名称".into(),
                        message: format!(
                            "与第 {} 行的同名平台的级别、类型或依托单位信用代码不一致：同一平台各行须相同",
                            first_line[i]
                        ),
                    });
                    continue;
                }
                i
            }
            None => {
                by_name.insert(key, out.len());
                first_line.push(line);
                out.push(ExistingPlatform {
                    id: None,
                    name,
                    level,
                    kind: platform_kind,
                    host_name,
                    host_uscc,
                    approval_date,
                    members: Vec::new(),
                    instruments: Vec::new(),
                    sites: Vec::new(),
                });
                out.len() - 1
            }
        };
        if let Some(m) = member {
            let id = (index, m.id_doc.kind, m.id_doc.number.clone());
            if let Some(first) = members.get(&id) {
                errors.push(RowError {
                    line,
                    field: "身份证号码".into(),
                    message: format!("与第 {first} 行相同：同一平台的成员只需填写一次"),
                });
                continue;
            }
            members.insert(id, line);
            out[index].members.push(m);
        }
    }
    errors.sort_by_key(|e| e.line);
    (out, errors)
}

fn member(row: &mut Fields<'_>) -> Option<PlatformMember> {
    let name = row.text("member_name");
    if name.is_empty() {
        row.error("member_name", "未填写");
    }
    let id_kind = row.parse("member_id_kind", |c, _| id_kind(c)).unwrap_or(IdKind::ResidentId);
    let number = row.required("member_id_number", |c, _| id_number(c, id_kind));
    if let (Some(n), IdKind::ResidentId) = (&number, id_kind) {
        if let Err(e) = parse_resident_id(n) {
            row.error("member_id_number", e.detail());
        }
    }
    let role = row.parse("member_role", |c, _| {
        let w = word(c);
        match w.as_str() {
            "主任" | "平台主任" | "中心主任" | "实验室主任" => Ok(MemberRole::Director),
            "" | "副主任" | "固定人员" | "固定" | "成员" | "骨干" => Ok(MemberRole::Fixed),
            _ => Err(unknown(c, "主任或固定人员")),
        }
    });
    let joined = day(row, "joined");
    let left = day(row, "left");
    Some(PlatformMember {
        name,
        id_doc: IdDocument { kind: id_kind, number: number? },
        role: role?,
        joined,
        left,
    })
}

/// A full date (a year and month alone is refused).
fn day(row: &mut Fields<'_>, key: &str) -> Option<NaiveDate> {
    match row.parse(key, |c, _| date(c)).flatten() {
        Some(DateValue::Day(d)) => Some(d),
        Some(DateValue::Month(y, m)) => {
            row.error(key, format!("只写了{y}年{m}月：请填写完整的日期（年月日）"));
            None
        }
        None => None,
    }
}

fn platform_level(c: &Cell) -> Result<PlatformLevel, String> {
    let w = word(c);
    Ok(if w.contains("国家") {
        PlatformLevel::National
    } else if w.contains("省") {
        PlatformLevel::Provincial
    } else if w.contains("市") {
        PlatformLevel::City
    } else {
        return Err(unknown(c, "国家级、省级或市级"));
    })
}

fn platform_kind(c: &Cell) -> Result<PlatformKind, String> {
    let w = word(c);
    Ok(if w.contains("重点实验室") {
        PlatformKind::KeyLab
    } else if w.contains("技术创新中心") || w == "创新中心" {
        PlatformKind::Tic
    } else if w.contains("临床医学研究中心") {
        PlatformKind::ClinicalCentre
    } else if w.contains("工程") && w.contains("研究中心") {
        PlatformKind::EngineeringCentre
    } else if w.contains("中试") {
        PlatformKind::PilotBase
    } else if w.contains("其他") || w.contains("其它") {
        PlatformKind::Other
    } else {
        return Err(unknown(
            c,
            "重点实验室、技术创新中心、临床医学研究中心、工程（技术）研究中心、中试基地或其他",
        ));
    })
}

// ---- records --------------------------------------------------------------------------------

fn person(row: &mut Fields<'_>, hosts: &[HostUnit]) -> Option<Person> {
    let name = row.text("name");
    if name.is_empty() {
        row.error("name", "未填写");
    }
    let id_kind = row.parse("id_kind", |c, _| id_kind(c)).unwrap_or(IdKind::ResidentId);
    let number = row.required("id_number", |c, _| id_number(c, id_kind));
    let gender = row.parse("gender", |c, _| gender(c)).flatten();
    let birth = row.parse("birth_date", |c, _| date(c)).flatten();
    let education = row.required("education", |c, _| education(c));
    let title = row.parse("title", |c, _| title(c)).unwrap_or(Title::None);
    let role = row.required("role", |c, _| role(c));
    let full_time = row.required("full_time", |c, _| yes_no(c));
    let (mut employer_uscc, mut employer_name) = (None, String::new());
    let code = normalize_code(&row.text("employer_uscc"));
    let employer = row.text("employer");
    if !code.is_empty() {
        employer_uscc = Some(code);
        employer_name = employer;
    } else if let Some(h) = host_named(hosts, &employer) {
        employer_uscc = Some(h.uscc.clone());
    } else if parse_uscc(&employer).is_ok() {
        employer_uscc = Some(normalize_code(&employer));
    } else {
        employer_name = employer;
    }
    let number = number?;
    let birth_date = match birth {
        Some(DateValue::Day(d)) => Some(d),
        Some(DateValue::Month(y, m)) if id_kind != IdKind::ResidentId => {
            row.error(
                "birth_date",
                format!("只写了{y}年{m}月：证件不是居民身份证时须填写完整的出生日期（年月日）"),
            );
            None
        }
        Some(DateValue::Month(y, m)) => {
            // The day comes from the ID number; the year and month must agree with it.
            if let Ok(id) = parse_resident_id(&number) {
                if (id.birth_date.year(), id.birth_date.month()) != (y, m) {
                    row.error(
                        "birth_date",
                        format!(
                            "{y}年{m}月与身份证号码中的出生年月{}年{}月不一致，请按身份证核对",
                            id.birth_date.year(),
                            id.birth_date.month()
                        ),
                    );
                }
            }
            None
        }
        None => None,
    };
    Some(Person {
        id: None,
        name,
        id_doc: IdDocument { kind: id_kind, number },
        birth_date,
        gender,
        employer_uscc,
        employer_name,
        education: education?,
        title,
        role: role?,
        full_time: full_time?,
        share: None,
        discipline: row.text("discipline"),
        honours: Vec::new(),
        awards_first_completer: Vec::new(),
        projects_first_pi: Vec::new(),
    })
}

fn instrument(row: &mut Fields<'_>, hosts: &[HostUnit]) -> Option<Instrument> {
    let name = row.text("name");
    if name.is_empty() {
        row.error("name", "未填写");
    }
    let owner = owner(row, hosts);
    let value = row.required("original_value", money);
    Some(Instrument {
        id: None,
        name,
        model: row.text("model"),
        serial_number: row.text("serial_number"),
        asset_number: row.text("asset_number"),
        owner_uscc: owner?,
        original_value: value?,
        site: row.text("site"),
    })
}

fn site(row: &mut Fields<'_>, hosts: &[HostUnit]) -> Option<Site> {
    let address = row.text("address");
    if address.is_empty() {
        row.error("address", "未填写");
    }
    let owner = owner(row, hosts);
    let area = row.required("area", area);
    let headquarters = row.parse("headquarters", |c, _| if c.is_blank() { Ok(false) } else { yes_no(c) });
    Some(Site {
        id: None,
        address,
        building_room: row.text("building_room"),
        area: area?,
        owner_uscc: owner?,
        usage: row.text("usage"),
        headquarters: headquarters?,
    })
}

fn achievement(row: &mut Fields<'_>, hosts: &[HostUnit]) -> Option<Achievement> {
    let kind = row.required("kind", |c, _| achievement_kind(c));
    let title = row.text("title");
    if title.is_empty() {
        row.error("title", "未填写");
    }
    let owner = owner(row, hosts);
    let date = match row.parse("date", |c, _| date(c)).flatten() {
        Some(DateValue::Day(d)) => Some(d),
        Some(DateValue::Month(y, m)) => {
            row.error("date", format!("只写了{y}年{m}月：请填写完整的日期（年月日）"));
            None
        }
        None => None,
    };
    let applied = row.parse("applied", |c, _| if c.is_blank() { Ok(false) } else { yes_no(c) });
    Some(Achievement {
        id: None,
        kind: kind?,
        identifier: row.text("identifier"),
        title,
        owner_uscc: owner?,
        date,
        applied: applied?,
    })
}

/// The owning host unit's code, from a code column or a unit column holding a name or a code.
fn owner(row: &mut Fields<'_>, hosts: &[HostUnit]) -> Option<String> {
    let code = normalize_code(&row.text("owner_uscc"));
    if !code.is_empty() {
        return Some(code);
    }
    let unit = row.text("owner");
    if unit.is_empty() {
        row.error("owner", "未填写，请填写所属依托单位的全称或统一社会信用代码");
        return None;
    }
    if let Some(h) = host_named(hosts, &unit) {
        return Some(h.uscc.clone());
    }
    if parse_uscc(&unit).is_ok() {
        return Some(normalize_code(&unit));
    }
    let names: Vec<&str> = hosts.iter().map(|h| h.name.as_str()).collect();
    let known = if names.is_empty() {
        "本申报书尚未填写依托单位，请先添加依托单位".to_string()
    } else {
        format!("本申报书的依托单位为：{}", names.join("、"))
    };
    row.error(
        "owner",
        format!("“{unit}”不是本申报书的依托单位：请填写依托单位全称或其统一社会信用代码（{known}）"),
    );
    None
}

fn host_named<'h>(hosts: &'h [HostUnit], name: &str) -> Option<&'h HostUnit> {
    let key = |s: &str| -> String { to_half_width(s).chars().filter(|c| !c.is_whitespace()).collect() };
    let wanted = key(name);
    if wanted.is_empty() {
        return None;
    }
    hosts.iter().find(|h| key(&h.name) == wanted)
}

// ---- cells ----------------------------------------------------------------------------------

/// Text of a cell with half-width characters and no spaces, for matching category names.
fn word(c: &Cell) -> String {
    to_half_width(&c.display()).chars().filter(|c| !c.is_whitespace()).collect()
}

fn unknown(c: &Cell, expected: &str) -> String {
    format!("“{}”无法识别，应为{expected}", c.display())
}

/// An ID number as text. A number cell is refused: Excel keeps only 15 significant digits, so
/// the last digits of an 18-digit number are already lost and cannot be recovered.
fn id_number(c: &Cell, kind: IdKind) -> Result<String, String> {
    const FIX: &str = "请把该列设为“文本”格式后重新录入完整号码";
    // The number is not shown: what Excel kept still holds most of a person's ID number.
    let mangled = |_shown: String| {
        format!("被 Excel 存成了数字（科学计数法），超过15位的号码末几位已丢失，无法还原：{FIX}")
    };
    match c {
        // Up to 15 digits a number is exact (e.g. a passport number typed into a General cell), and
        // read as its digits below.
        Cell::Number(f) if f.abs() >= 1e15 || f.fract() != 0.0 => Err(mangled(format!("{f:E}"))),
        Cell::Date(_) | Cell::Bool(_) => Err(format!("“{}”不是证件号码：{FIX}", c.display())),
        _ => {
            let text = normalize_code(&c.display());
            let scientific = text.contains('E')
                && text.chars().all(|ch| ch.is_ascii_digit() || matches!(ch, '.' | 'E' | '+'))
                && text.starts_with(|ch: char| ch.is_ascii_digit());
            if scientific {
                return Err(mangled(text));
            }
            if kind == IdKind::ResidentId
                && text.len() == 18
                && text.ends_with("000")
                && text.bytes().all(|b| b.is_ascii_digit())
                && parse_resident_id(&text).is_err()
            {
                return Err(format!(
                    "（{}）末三位为000且校验位不符，应是 Excel 把号码当作数字保存后丢失了末几位：{FIX}",
                    crate::identity::mask_number(&text)
                ));
            }
            Ok(text)
        }
    }
}

fn id_kind(c: &Cell) -> Result<IdKind, String> {
    let w = word(c);
    Ok(match w.as_str() {
        "" => IdKind::ResidentId,
        _ if w.contains("身份证") && !w.contains("永久") => IdKind::ResidentId,
        _ if w.contains("护照") => IdKind::Passport,
        _ if w.contains("港澳") || w.contains("回乡") => IdKind::HkMacaoPermit,
        _ if w.contains("台") => IdKind::TaiwanPermit,
        _ if w.contains("永久居留") => IdKind::ForeignPermanentResident,
        _ if w.contains("其他") || w.contains("其它") => IdKind::Other,
        _ => {
            return Err(unknown(
                c,
                "居民身份证、护照、港澳居民证件、台湾居民证件、外国人永久居留身份证或其他",
            ))
        }
    })
}

fn gender(c: &Cell) -> Result<Option<Gender>, String> {
    match word(c).to_lowercase().as_str() {
        "" => Ok(None),
        "男" | "m" | "male" => Ok(Some(Gender::Male)),
        "女" | "f" | "female" => Ok(Some(Gender::Female)),
        _ => Err(unknown(c, "“男”或“女”")),
    }
}

fn education(c: &Cell) -> Result<Education, String> {
    let w = word(c);
    Ok(if w.contains("博士") {
        Education::Doctorate
    } else if w.contains("硕士") {
        Education::Master
    } else if w.contains("本科") || w.contains("学士") {
        Education::Bachelor
    } else if w.contains("大专") || w.contains("专科") {
        Education::College
    } else if ["其他", "其它", "高中", "中专", "中技", "技校", "初中"].iter().any(|k| w.contains(k))
    {
        Education::Other
    } else {
        return Err(unknown(c, "博士、硕士、本科、大专或其他"));
    })
}

fn title(c: &Cell) -> Result<Title, String> {
    let w = word(c);
    let has = |keys: &[&str]| keys.iter().any(|k| w.contains(k));
    Ok(if w.is_empty() || matches!(w.as_str(), "无" | "暂无" | "未评" | "-" | "—" | "/") {
        Title::None
    } else if has(&["正高", "教授级"]) || matches!(w.as_str(), "教授" | "研究员" | "主任医师" | "主任药师")
    {
        Title::FullSenior
    } else if has(&["副", "高级", "高工"]) {
        Title::AssociateSenior
    } else if w == "助理研究员" {
        Title::Intermediate
    } else if has(&["初级", "助理", "助教", "实习", "技术员", "住院医师", "员级"]) {
        Title::Junior
    } else if has(&["中级", "讲师", "工程师", "医师", "实验师", "经济师", "会计师", "编辑", "农艺师"])
    {
        Title::Intermediate
    } else {
        return Err(unknown(c, "正高级、副高级、中级、初级或无（也可填写教授、高级工程师等具体职称）"));
    })
}

fn role(c: &Cell) -> Result<Role, String> {
    let w = word(c);
    Ok(if w.contains("副主任") {
        Role::DeputyDirector
    } else if matches!(w.as_str(), "主任" | "中心主任") {
        Role::Director
    } else if w.contains("固定") {
        Role::Fixed
    } else if w.contains("流动") || w.contains("客座") {
        Role::Visiting
    } else {
        return Err(unknown(c, "中心主任、副主任、固定人员或流动人员"));
    })
}

fn yes_no(c: &Cell) -> Result<bool, String> {
    if let Cell::Bool(b) = c {
        return Ok(*b);
    }
    match word(c).to_lowercase().as_str() {
        "是" | "y" | "yes" | "true" | "1" | "√" | "全职" | "专职" | "已应用" | "已获得应用" | "本部" => {
            Ok(true)
        }
        "否" | "n" | "no" | "false" | "0" | "×" | "兼职" | "未应用" | "未获得应用" => Ok(false),
        _ => Err(unknown(c, "“是”或“否”")),
    }
}

fn achievement_kind(c: &Cell) -> Result<AchievementKind, String> {
    let w = word(c);
    Ok(if w.contains("发明") {
        AchievementKind::InventionPatent
    } else if w.contains("实用新型") {
        AchievementKind::UtilityPatent
    } else if w.contains("外观") {
        AchievementKind::DesignPatent
    } else if w.contains("软件") || w.contains("软著") {
        AchievementKind::Software
    } else if w.contains("标准") {
        AchievementKind::Standard
    } else if w.contains("奖") {
        AchievementKind::Award
    } else if w.contains("论文") {
        AchievementKind::Paper
    } else if w.contains("其他") || w.contains("其它") {
        AchievementKind::Other
    } else {
        return Err(unknown(
            c,
            "发明专利、实用新型专利、外观设计专利、软件著作权、标准、科技奖励、论文或其他",
        ));
    })
}

/// A date, or only a year and month (出生年月).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DateValue {
    Day(NaiveDate),
    Month(i32, u32),
}

const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// Excel's serial day number (1900 date system; serials from 61 on, i.e. after 1900-02-28).
fn from_serial(n: i64) -> Option<NaiveDate> {
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    let d = base.checked_add_signed(TimeDelta::try_days(n)?)?;
    (n >= 61 && YEARS.contains(&d.year())).then_some(d)
}

fn ymd(y: i64, m: i64, d: Option<i64>) -> Option<DateValue> {
    let y = i32::try_from(y).ok().filter(|y| YEARS.contains(y))?;
    let m = u32::try_from(m).ok().filter(|m| (1..=12).contains(m))?;
    match d {
        None => Some(DateValue::Month(y, m)),
        Some(d) => NaiveDate::from_ymd_opt(y, m, u32::try_from(d).ok()?).map(DateValue::Day),
    }
}

fn digits_date(s: &str) -> Option<DateValue> {
    let n: i64 = s.parse().ok()?;
    match s.len() {
        1..=5 => from_serial(n).map(DateValue::Day),
        6 => ymd(n / 100, n % 100, None),
        8 => ymd(n / 10_000, n / 100 % 100, Some(n % 100)),
        _ => None,
    }
}

fn date(c: &Cell) -> Result<Option<DateValue>, String> {
    const EXPECTED: &str = "请写成 1972-03-15 或 1972年3月 这样的日期";
    let bad = || format!("“{}”不是有效日期：{EXPECTED}", c.display());
    match c {
        Cell::Empty => Ok(None),
        Cell::Date(d) => Ok(Some(DateValue::Day(*d))),
        Cell::Bool(_) => Err(bad()),
        Cell::Number(f) => {
            if f.fract() != 0.0 {
                return Err(bad());
            }
            digits_date(&format!("{f:.0}")).map(Some).ok_or_else(bad)
        }
        Cell::Text(t) => {
            let t = to_half_width(t.trim());
            if t.is_empty() {
                return Ok(None);
            }
            if t.bytes().all(|b| b.is_ascii_digit()) {
                return digits_date(&t).map(Some).ok_or_else(bad);
            }
            let parts: Vec<i64> = t
                .split(['-', '/', '.', '年', '月', '日', ' ', 'T'])
                .filter(|p| !p.is_empty())
                .take(3)
                .map(|p| p.parse::<i64>())
                .collect::<Result<_, _>>()
                .map_err(|_| bad())?;
            match parts[..] {
                [y, m] => ymd(y, m, None),
                [y, m, d] => ymd(y, m, Some(d)),
                _ => None,
            }
            .map(Some)
            .ok_or_else(bad)
        }
    }
}

/// Decimal text → integer scaled by 10^`decimals`, exactly; `None` if more decimals are given.
fn scaled(text: &str, decimals: u32) -> Option<i64> {
    let (int, frac) = text.split_once('.').unwrap_or((text, ""));
    let neg = int.starts_with('-');
    let int = int.trim_start_matches(['-', '+']);
    if int.is_empty() && frac.is_empty() {
        return None;
    }
    if !int.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let frac = frac.trim_end_matches('0');
    if frac.len() > decimals as usize {
        return None;
    }
    let whole: i64 = if int.is_empty() { 0 } else { int.parse().ok()? };
    let mut part: i64 = if frac.is_empty() { 0 } else { frac.parse().ok()? };
    part = part.checked_mul(10_i64.checked_pow(decimals - frac.len() as u32)?)?;
    let v = whole.checked_mul(10_i64.checked_pow(decimals)?)?.checked_add(part)?;
    Some(if neg { -v } else { v })
}

/// The text of a number cell or of a text cell, without thousands separators and units.
fn amount_text(c: &Cell, units: &[&str]) -> String {
    let mut s: String = to_half_width(&c.display())
        .chars()
        .filter(|ch| !ch.is_whitespace() && !matches!(ch, ',' | '¥' | '￥'))
        .collect();
    for u in units {
        if let Some(rest) = s.strip_suffix(u) {
            s = rest.to_string();
        }
    }
    s
}

/// Money in whole 元; a header unit of 万元 (or a value ending in 万元) is converted exactly.
fn money(c: &Cell, unit: &str) -> Result<Yuan, String> {
    let text = to_half_width(&c.display());
    let wan = unit.contains('万') || text.trim_end().ends_with("万元") || text.trim_end().ends_with('万');
    let s = amount_text(c, &["万元", "万", "元"]);
    let value = if wan { scaled(&s, 4) } else { scaled(&s, 0) };
    match value {
        Some(v) => Ok(Yuan(v)),
        None if !wan && scaled(&s, 2).is_some() => {
            Err(format!("{s}含角分：原值按整数元填写，请四舍五入到元，或在表头注明“（万元）”"))
        }
        None if wan => Err(format!("“{}”不是有效金额：以万元为单位时最多四位小数", c.display())),
        None => Err(format!("“{}”不是有效金额：请填写以元为单位的整数，例如 1250000", c.display())),
    }
}

/// An area in square metres with at most two decimals.
fn area(c: &Cell, unit: &str) -> Result<AreaM2, String> {
    if unit.contains('亩') || c.display().contains('亩') {
        return Err("以亩为单位：请换算为平方米后填写".to_string());
    }
    let s = amount_text(c, &["平方米", "㎡", "m2", "m²", "平米"]);
    s.parse::<AreaM2>()
        .map_err(|_| format!("“{}”不是有效面积：请填写平方米数，最多两位小数，例如 1999.99", c.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }

    #[test]
    fn dates_from_text_serials_and_compact_digits() {
        let day = |y, m, d| Some(DateValue::Day(NaiveDate::from_ymd_opt(y, m, d).unwrap()));
        for (cell, expected) in [
            (text("1972-03-15"), day(1972, 3, 15)),
            (text("1972/3/15"), day(1972, 3, 15)),
            (text("1972年3月15日"), day(1972, 3, 15)),
            (text("１９７２．０３．１５"), day(1972, 3, 15)),
            (text("1972.03"), Some(DateValue::Month(1972, 3))),
            (text("197203"), Some(DateValue::Month(1972, 3))),
            (text("19720315"), day(1972, 3, 15)),
            (text("26373"), day(1972, 3, 15)),
            (Cell::Number(26373.0), day(1972, 3, 15)),
            (Cell::Number(19720315.0), day(1972, 3, 15)),
            (text(""), None),
        ] {
            assert_eq!(date(&cell).unwrap(), expected, "{cell:?}");
        }
        for bad in [text("1972-13-01"), text("1972-02-30"), text("去年"), Cell::Number(26373.5), text("60")]
        {
            assert!(date(&bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn money_is_exact_in_yuan_or_wan() {
        assert_eq!(money(&text("1,250,000"), ""), Ok(Yuan(1_250_000)));
        assert_eq!(money(&Cell::Number(1_250_000.0), "元"), Ok(Yuan(1_250_000)));
        assert_eq!(money(&text("125.0001"), "万元"), Ok(Yuan(1_250_001)));
        assert_eq!(money(&Cell::Number(125.5), "万元"), Ok(Yuan(1_255_000)));
        assert_eq!(money(&text("80万元"), ""), Ok(Yuan(800_000)));
        assert!(money(&text("1250.5"), "").unwrap_err().contains("含角分"));
        assert!(money(&text("0.00001"), "万元").is_err());
        assert!(money(&text("一百万"), "").is_err());
    }

    #[test]
    fn excel_mangled_id_numbers_are_refused_not_guessed() {
        let resident = IdKind::ResidentId;
        assert!(id_number(&Cell::Number(1.10105197203152e17), resident).unwrap_err().contains("存成了数字"));
        assert!(id_number(&text("1.10105E+17"), resident).unwrap_err().contains("存成了数字"));
        assert!(id_number(&text("110105197203150000"), resident).unwrap_err().contains("末三位为000"));
        assert_eq!(id_number(&text(" 11010519491231002x "), resident).unwrap(), "11010519491231002X");
        assert_eq!(id_number(&text("E12345678"), IdKind::Passport).unwrap(), "E12345678");
        assert_eq!(id_number(&Cell::Number(12345678.0), IdKind::Passport).unwrap(), "12345678");
        assert_eq!(id_number(&Cell::Number(110105194912310.0), resident).unwrap(), "110105194912310");
        // A cell Excel reads as a date or a truth value holds no document number, whatever the kind.
        let day = Cell::Date(NaiveDate::from_ymd_opt(1972, 3, 15).unwrap());
        for cell in [day, Cell::Bool(true)] {
            let err = id_number(&cell, IdKind::Passport).unwrap_err();
            assert!(err.contains("不是证件号码：请把该列设为“文本”格式"), "{err}");
        }
    }

    #[test]
    fn titles_and_roles_by_their_common_names() {
        for (w, t) in [
            ("正高级", Title::FullSenior),
            ("教授", Title::FullSenior),
            ("教授级高级工程师", Title::FullSenior),
            ("副教授", Title::AssociateSenior),
            ("高级工程师", Title::AssociateSenior),
            ("助理研究员", Title::Intermediate),
            ("工程师", Title::Intermediate),
            ("助理工程师", Title::Junior),
            ("", Title::None),
        ] {
            assert_eq!(title(&text(w)), Ok(t), "{w}");
        }
        assert_eq!(role(&text("中心主任")), Ok(Role::Director));
        assert_eq!(role(&text("副主任")), Ok(Role::DeputyDirector));
        assert_eq!(role(&text("固定人员")), Ok(Role::Fixed));
        assert_eq!(role(&text("流动人员")), Ok(Role::Visiting));
        assert!(role(&text("顾问")).is_err());
    }

    #[test]
    fn titles_none_junior_and_unknown() {
        for (w, t) in [
            ("无", Title::None),
            ("暂无", Title::None),
            ("-", Title::None),
            ("研究员", Title::FullSenior),
            ("主任医师", Title::FullSenior),
            ("副研究员", Title::AssociateSenior),
            ("讲师", Title::Intermediate),
            ("助教", Title::Junior),
            ("技术员", Title::Junior),
        ] {
            assert_eq!(title(&text(w)), Ok(t), "{w}");
        }
        assert!(title(&text("教师")).unwrap_err().contains("“教师”无法识别"));
        assert_eq!(role(&text("主任")), Ok(Role::Director));
        assert_eq!(role(&text("客座研究员")), Ok(Role::Visiting));
    }

    #[test]
    fn id_kinds_by_the_names_on_the_documents() {
        for (w, k) in [
            ("", IdKind::ResidentId),
            ("居民身份证", IdKind::ResidentId),
            ("护照", IdKind::Passport),
            ("港澳居民来往内地通行证", IdKind::HkMacaoPermit),
            ("回乡证", IdKind::HkMacaoPermit),
            ("台湾居民来往大陆通行证", IdKind::TaiwanPermit),
            ("台胞证", IdKind::TaiwanPermit),
            ("外国人永久居留身份证", IdKind::ForeignPermanentResident),
            ("其他", IdKind::Other),
            ("其它", IdKind::Other),
        ] {
            assert_eq!(id_kind(&text(w)), Ok(k), "{w}");
        }
        assert!(id_kind(&text("驾驶证")).unwrap_err().contains("应为居民身份证、护照"));
    }

    #[test]
    fn genders_education_and_yes_no_as_sheets_write_them() {
        assert_eq!(gender(&text("")), Ok(None));
        for w in ["男", "M", "male"] {
            assert_eq!(gender(&text(w)), Ok(Some(Gender::Male)), "{w}");
        }
        for w in ["女", "f", "Female"] {
            assert_eq!(gender(&text(w)), Ok(Some(Gender::Female)), "{w}");
        }
        assert!(gender(&text("未知")).unwrap_err().contains("“男”或“女”"));
        for (w, e) in [
            ("博士研究生", Education::Doctorate),
            ("硕士", Education::Master),
            ("本科", Education::Bachelor),
            ("学士", Education::Bachelor),
            ("大专", Education::College),
            ("专科", Education::College),
            ("中专", Education::Other),
            ("其它", Education::Other),
        ] {
            assert_eq!(education(&text(w)), Ok(e), "{w}");
        }
        assert!(education(&text("小学")).is_err());
        for (c, b) in [
            (Cell::Bool(true), true),
            (Cell::Bool(false), false),
            (text("是"), true),
            (text("Y"), true),
            (text("√"), true),
            (text("全职"), true),
            (text("否"), false),
            (text("兼职"), false),
            (text("×"), false),
            (Cell::Number(0.0), false),
        ] {
            assert_eq!(yes_no(&c), Ok(b), "{c:?}");
        }
        assert!(yes_no(&text("也许")).unwrap_err().contains("“是”或“否”"));
    }

    #[test]
    fn achievement_and_platform_kinds_by_their_common_names() {
        for (w, k) in [
            ("发明专利", AchievementKind::InventionPatent),
            ("实用新型专利", AchievementKind::UtilityPatent),
            ("外观设计专利", AchievementKind::DesignPatent),
            ("软件著作权", AchievementKind::Software),
            ("软著", AchievementKind::Software),
            ("国家标准", AchievementKind::Standard),
            ("科技进步奖", AchievementKind::Award),
            ("论文", AchievementKind::Paper),
            ("其他", AchievementKind::Other),
            ("其它", AchievementKind::Other),
        ] {
            assert_eq!(achievement_kind(&text(w)), Ok(k), "{w}");
        }
        assert!(achievement_kind(&text("专著")).is_err());
        for (w, l) in [
            ("国家级", PlatformLevel::National),
            ("省级", PlatformLevel::Provincial),
            ("市级", PlatformLevel::City),
        ] {
            assert_eq!(platform_level(&text(w)), Ok(l), "{w}");
        }
        assert!(platform_level(&text("区级")).is_err());
        for (w, k) in [
            ("省重点实验室", PlatformKind::KeyLab),
            ("技术创新中心", PlatformKind::Tic),
            ("创新中心", PlatformKind::Tic),
            ("临床医学研究中心", PlatformKind::ClinicalCentre),
            ("工程技术研究中心", PlatformKind::EngineeringCentre),
            ("中试基地", PlatformKind::PilotBase),
            ("其他", PlatformKind::Other),
            ("其它", PlatformKind::Other),
        ] {
            assert_eq!(platform_kind(&text(w)), Ok(k), "{w}");
        }
        for w in ["研究中心", "协同创新中心"] {
            assert!(platform_kind(&text(w)).is_err(), "{w}");
        }
    }

    #[test]
    fn amounts_keep_their_sign_and_say_why_they_are_refused() {
        assert_eq!(money(&text("-100"), ""), Ok(Yuan(-100)));
        assert_eq!(money(&text(".5"), "万元"), Ok(Yuan(5_000)));
        assert_eq!(money(&text("12."), "万元"), Ok(Yuan(120_000)));
        assert!(money(&text("0.00001"), "万元").unwrap_err().contains("最多四位小数"));
        assert!(money(&text("abc"), "").unwrap_err().contains("以元为单位的整数"));
        assert!(money(&text("."), "").is_err());
        // A sign after the point is a typo, not a smaller amount: 1.-5 万元 is not 9,500 元.
        assert!(money(&text("1.-5"), "万元").unwrap_err().contains("不是有效金额"));
        assert!(money(&text("1.+5"), "万元").is_err());
        assert!(area(&text("3亩"), "").unwrap_err().contains("换算为平方米"));
        assert!(area(&text("3"), "亩").unwrap_err().contains("换算为平方米"));
        assert!(area(&text("1999.999"), "").unwrap_err().contains("最多两位小数"));
    }

    #[test]
    fn a_serial_day_after_2100_is_not_a_date() {
        // 99999 is Excel's serial for 2173-10-14: a number, not a date anyone means.
        assert!(date(&text("99999")).is_err());
        // Negative and huge numbers have no reading as a date either.
        for n in [-5.0, -1234.0, -197203.0, -19720315.0, 1e10, 1e300, f64::INFINITY, f64::NAN] {
            assert!(date(&Cell::Number(n)).is_err(), "{n}");
        }
        assert_eq!(
            date(&text("61")).unwrap(),
            Some(DateValue::Day(NaiveDate::from_ymd_opt(1900, 3, 1).unwrap()))
        );
    }
}
