//! Which column holds which field: the fields of each roster with their Chinese headers and common
//! variants, the user's own mapping, and finding the header row under titles and merged cells.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::validate::to_half_width;

use super::read::{Cell, Grid};
use super::ImportKind;

/// One field a roster column can fill.
pub struct FieldSpec {
    /// Stable key used in a [`ColumnMap`], e.g. "id_number".
    pub key: &'static str,
    /// The header written in templates, e.g. "身份证号码".
    pub label: &'static str,
    /// Headers recognised for it (without units in brackets), the label included.
    pub aliases: &'static [&'static str],
    pub required: bool,
}

const fn f(
    key: &'static str,
    label: &'static str,
    aliases: &'static [&'static str],
    required: bool,
) -> FieldSpec {
    FieldSpec { key, label, aliases, required }
}

const OWNER: FieldSpec =
    f("owner", "所属单位", &["所属单位", "产权单位", "所属依托单位", "依托单位", "单位名称", "单位"], false);
const OWNER_USCC: FieldSpec = f(
    "owner_uscc",
    "所属单位统一社会信用代码",
    &["所属单位统一社会信用代码", "统一社会信用代码", "单位统一社会信用代码", "信用代码"],
    false,
);

static STAFF: &[FieldSpec] = &[
    f("name", "姓名", &["姓名", "名字"], true),
    f("id_kind", "证件类型", &["证件类型", "证件种类", "证件类别"], false),
    f(
        "id_number",
        "身份证号码",
        &[
            "身份证号码",
            "身份证号",
            "身份证",
            "居民身份证号码",
            "身份证件号码",
            "证件号码",
            "证件号",
            "证件编号",
        ],
        true,
    ),
    f("gender", "性别", &["性别"], false),
    f("birth_date", "出生年月", &["出生年月", "出生日期", "出生年月日", "生日"], false),
    f("education", "学历", &["学历", "最高学历", "学历学位", "学位"], true),
    f("title", "职称", &["职称", "专业技术职称", "技术职称", "职称级别", "专业技术职务"], false),
    f("employer", "工作单位", &["工作单位", "所在单位", "工作单位名称", "单位名称", "单位"], false),
    f(
        "employer_uscc",
        "工作单位统一社会信用代码",
        &["工作单位统一社会信用代码", "单位统一社会信用代码", "统一社会信用代码", "信用代码"],
        false,
    ),
    f(
        "role",
        "在中心职务",
        &["在中心职务", "中心职务", "在中心担任职务", "职务", "角色", "人员类别", "人员类型"],
        true,
    ),
    f("full_time", "是否全职", &["是否全职", "全职", "是否专职", "全职兼职", "专职兼职"], true),
    f("discipline", "学科专业", &["学科专业", "所学专业", "从事专业", "专业", "学科"], false),
];

static INSTRUMENTS: &[FieldSpec] = &[
    f("name", "仪器名称", &["仪器名称", "设备名称", "仪器设备名称", "名称"], true),
    f("model", "型号", &["型号", "规格型号", "型号规格"], false),
    f("serial_number", "出厂编号", &["出厂编号", "序列号", "机身编号"], false),
    f("asset_number", "资产编号", &["资产编号", "固定资产编号", "资产号"], false),
    OWNER,
    OWNER_USCC,
    f("original_value", "原值（元）", &["原值", "设备原值", "仪器原值", "购置金额", "购置价格"], true),
    f("site", "放置地点", &["放置地点", "存放地点", "安放地点", "所在场地"], false),
];

static SITES: &[FieldSpec] = &[
    f("address", "场地地址", &["场地地址", "地址", "详细地址", "所在地址"], true),
    f("building_room", "楼宇房间", &["楼宇房间", "楼栋房间", "房间号", "楼号房号", "楼栋"], false),
    f("area", "面积（平方米）", &["面积", "使用面积", "场地面积", "建筑面积"], true),
    OWNER,
    OWNER_USCC,
    f("usage", "用途", &["用途", "场地用途", "使用用途"], false),
    f("headquarters", "是否本部", &["是否本部", "本部", "中心本部", "是否中心本部"], false),
];

static ACHIEVEMENTS: &[FieldSpec] = &[
    f("kind", "成果类型", &["成果类型", "类型", "知识产权类型", "类别"], true),
    f(
        "identifier",
        "编号",
        &["编号", "专利号", "授权号", "登记号", "证书编号", "标准号", "专利号登记号"],
        false,
    ),
    f("title", "成果名称", &["成果名称", "名称", "专利名称", "知识产权名称", "题目"], true),
    OWNER,
    OWNER_USCC,
    f("date", "日期", &["日期", "授权日期", "获得日期", "登记日期", "发布日期", "获奖日期"], false),
    f("applied", "是否已应用", &["是否已应用", "已获得应用", "是否应用", "应用情况"], false),
];

static PLATFORMS: &[FieldSpec] = &[
    f("name", "平台名称", &["平台名称", "平台全称", "名称"], true),
    f("level", "平台级别", &["平台级别", "级别", "层级"], true),
    f("kind", "平台类型", &["平台类型", "类型", "类别"], true),
    f("host_name", "依托单位", &["依托单位", "依托单位名称", "第一依托单位", "单位名称"], true),
    f(
        "host_uscc",
        "依托单位统一社会信用代码",
        &["依托单位统一社会信用代码", "统一社会信用代码", "信用代码"],
        false,
    ),
    f(
        "approval_date",
        "批准日期",
        &["批准日期", "批准时间", "获批日期", "获批时间", "认定日期", "认定时间"],
        false,
    ),
    f("member_name", "成员姓名", &["成员姓名", "姓名", "人员姓名"], false),
    f("member_id_kind", "证件类型", &["证件类型", "证件种类", "证件类别"], false),
    f(
        "member_id_number",
        "身份证号码",
        &["身份证号码", "身份证号", "身份证", "居民身份证号码", "证件号码", "证件号"],
        false,
    ),
    f("member_role", "在平台职务", &["在平台职务", "平台职务", "职务", "角色"], false),
    f("joined", "加入日期", &["加入日期", "加入时间", "进入日期"], false),
    f("left", "离开日期", &["离开日期", "离开时间", "退出日期", "退出时间"], false),
];

pub fn fields(kind: ImportKind) -> &'static [FieldSpec] {
    match kind {
        ImportKind::Staff => STAFF,
        ImportKind::Instruments => INSTRUMENTS,
        ImportKind::Sites => SITES,
        ImportKind::Achievements => ACHIEVEMENTS,
        ImportKind::Platforms => PLATFORMS,
    }
}

/// The user's adjustments: a header as written in the file (spaces ignored) → a field key, or an
/// empty string to ignore that column; and, optionally, the header's line number.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ColumnMap {
    #[serde(default)]
    pub columns: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub header_line: Option<usize>,
}

/// What one column of the file was matched to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ColumnMatch {
    /// Column letter as the spreadsheet shows it, e.g. "C".
    pub column: String,
    pub header: String,
    /// Field key, absent when the column is ignored.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub label: Option<String>,
}

/// The header row found in a grid and the field of each column.
pub struct Header {
    /// Index into the grid's rows.
    pub row: usize,
    /// Column index → field index into `fields(kind)`.
    pub fields: Vec<Option<usize>>,
    /// The unit in brackets after a header, e.g. "万元", by column.
    pub units: Vec<String>,
    pub matches: Vec<ColumnMatch>,
}

/// Header text in comparable form: half-width, no whitespace, no required-field stars, ASCII
/// brackets; split into the name and a bracketed unit ("原值（万元）" → ("原值", "万元")).
fn clean(text: &str) -> (String, String) {
    let s: String = to_half_width(text)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | '/' | '、' | ':' | '：'))
        .map(|c| match c {
            '【' | '[' => '(',
            '】' | ']' => ')',
            c => c,
        })
        .collect();
    match s.split_once('(') {
        Some((name, rest)) => (name.to_string(), rest.trim_end_matches(')').to_string()),
        None => (s, String::new()),
    }
}

/// The field a header names (the user's map first), or `None`; `Some(None)` = ignore by the user.
fn field_of(kind: ImportKind, header: &str, map: &ColumnMap) -> Option<Option<usize>> {
    let specs = fields(kind);
    let (name, _) = clean(header);
    let squeeze = |s: &str| -> String { s.chars().filter(|c| !c.is_whitespace()).collect() };
    let full = squeeze(header);
    // The window keys its choice by the header as the file shows it, spaces and all.
    let chosen = |wanted: &str| map.columns.iter().find(|(h, _)| squeeze(h) == wanted).map(|(_, key)| key);
    if let Some(key) = chosen(&full).or_else(|| chosen(&name)) {
        return Some(specs.iter().position(|s| s.key == key));
    }
    if name.is_empty() {
        return None;
    }
    specs.iter().position(|s| s.aliases.contains(&name.as_str())).map(Some)
}

/// Candidate header texts for a cell: its own text; that text after its group header in the row
/// above (a merged cell spanning several columns, "证件" over "类型" / "号码"); or, when the cell
/// is empty, the text above it (a header cell merged over two rows).
fn candidates(grid: &Grid, row: usize, col: usize) -> Vec<String> {
    let at = |r: usize, c: usize| grid.rows.get(r).and_then(|cells| cells.get(c)).map(Cell::display);
    let own = at(row, col).unwrap_or_default();
    let mut out = Vec::new();
    if row > 0 {
        if own.is_empty() {
            out.push(at(row - 1, col).unwrap_or_default());
        } else {
            // The nearest non-empty cell at or left of this column in the row above.
            let group = (0..=col).rev().find_map(|c| at(row - 1, c).filter(|t| !t.is_empty()));
            out.push(own.clone());
            if let Some(g) = group {
                out.push(format!("{g}{own}"));
            }
            return out;
        }
    }
    out.push(own);
    out
}

fn resolve(kind: ImportKind, grid: &Grid, row: usize, map: &ColumnMap) -> (usize, Header) {
    let width = grid.rows.iter().map(Vec::len).max().unwrap_or(0);
    let specs = fields(kind);
    let mut taken = vec![false; specs.len()];
    let mut header =
        Header { row, fields: vec![None; width], units: vec![String::new(); width], matches: vec![] };
    let mut score = 0;
    for col in 0..width {
        let texts = candidates(grid, row, col);
        let shown = texts.iter().find(|t| !t.is_empty()).cloned().unwrap_or_default();
        let mut found = None;
        let mut chosen = shown.clone();
        for t in texts.iter().rev() {
            if let Some(f) = field_of(kind, t, map) {
                found = f.filter(|&i| !taken[i]);
                chosen = t.clone();
                break;
            }
        }
        if let Some(i) = found {
            taken[i] = true;
            score += 1;
            header.fields[col] = Some(i);
            header.units[col] = clean(&chosen).1;
        }
        if !shown.is_empty() || found.is_some() {
            header.matches.push(ColumnMatch {
                column: column_letter(col),
                header: chosen,
                field: found.map(|i| specs[i].key.to_string()),
                label: found.map(|i| specs[i].label.to_string()),
            });
        }
    }
    (score, header)
}

/// How many leading rows are searched for the header.
const HEADER_SEARCH_ROWS: usize = 30;

/// The header: the user's line if given, else the row among the first few that names the most
/// fields (at least two).
pub fn find_header(kind: ImportKind, grid: &Grid, map: &ColumnMap) -> Option<Header> {
    if let Some(line) = map.header_line {
        let row = grid.lines.iter().position(|&l| l == line)?;
        return Some(resolve(kind, grid, row, map).1);
    }
    let mut best: Option<(usize, Header)> = None;
    for row in 0..grid.rows.len().min(HEADER_SEARCH_ROWS) {
        if grid.rows[row].iter().all(Cell::is_blank) {
            continue;
        }
        let (score, header) = resolve(kind, grid, row, map);
        if score >= 2 && best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((score, header));
        }
    }
    best.map(|(_, h)| h)
}

/// "A", "B", …, "Z", "AA", …
pub fn column_letter(mut col: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_cleaned_and_split_from_their_unit() {
        assert_eq!(clean(" 原值（万元） "), ("原值".into(), "万元".into()));
        assert_eq!(clean("*身份证号码"), ("身份证号码".into(), String::new()));
        assert_eq!(clean("面积【㎡】"), ("面积".into(), "㎡".into()));
        assert_eq!(clean("专职/兼职"), ("专职兼职".into(), String::new()));
    }

    #[test]
    fn letters() {
        for (i, l) in [(0, "A"), (25, "Z"), (26, "AA"), (27, "AB"), (701, "ZZ"), (702, "AAA")] {
            assert_eq!(column_letter(i), l);
        }
    }
}
