//! Text typed or pasted by the user: names must not carry control characters (NUL, the
//! bidirectional overrides U+202A–U+202E and isolates U+2066–U+2069 that make a name read
//! differently from what is stored), and dates are read into Chinese messages.

use chrono::NaiveDate;

use crate::model::{Application, ExistingPlatform, HostUnit, Person};

use super::FieldIssue;

/// The first character of `text` no name may contain: C0/C1 controls (tab included) and the
/// bidirectional formatting characters.
pub fn forbidden_char(text: &str) -> Option<char> {
    text.chars().find(|&c| {
        c.is_control() || ('\u{202A}'..='\u{202E}').contains(&c) || ('\u{2066}'..='\u{2069}').contains(&c)
    })
}

/// The issue of a name holding a forbidden character, naming the field and the fix.
pub fn name_issue(path: impl Into<String>, field: impl Into<String>, text: &str) -> Option<FieldIssue> {
    let c = forbidden_char(text)?;
    Some(FieldIssue::error(
        path,
        field,
        format!("含有不可见的控制字符（U+{:04X}），可能来自复制粘贴：请删除该项后重新输入", c as u32),
    ))
}

/// The issues of every name in an application (centre, units, people, directions, instruments,
/// sites, achievements).
pub fn application_name_issues(app: &Application) -> Vec<FieldIssue> {
    let mut out: Vec<FieldIssue> =
        name_issue("centre_name", "中心名称", &app.centre_name).into_iter().collect();
    let rows = |list: &str,
                label: &str,
                member: &str,
                member_label: &str,
                texts: Vec<&str>|
     -> Vec<FieldIssue> {
        texts
            .into_iter()
            .enumerate()
            .filter_map(|(i, t)| {
                name_issue(format!("{list}[{i}].{member}"), format!("{label}第{}行 {member_label}", i + 1), t)
            })
            .collect()
    };
    out.extend(rows(
        "directions",
        "研究方向",
        "title",
        "名称",
        app.directions.iter().map(|d| d.title.as_str()).collect(),
    ));
    for (i, h) in app.host_units.iter().enumerate() {
        out.extend(name_issue(
            format!("host_units[{i}].name"),
            format!("依托单位第{}家 单位名称", i + 1),
            &h.name,
        ));
    }
    out.extend(rows(
        "people",
        "人员名单",
        "name",
        "姓名",
        app.people.iter().map(|p| p.name.as_str()).collect(),
    ));
    out.extend(rows(
        "instruments",
        "科研仪器设备",
        "name",
        "名称",
        app.instruments.iter().map(|r| r.name.as_str()).collect(),
    ));
    out.extend(rows(
        "sites",
        "研发场地",
        "address",
        "地址",
        app.sites.iter().map(|r| r.address.as_str()).collect(),
    ));
    out.extend(rows(
        "achievements",
        "成果",
        "title",
        "名称",
        app.achievements.iter().map(|r| r.title.as_str()).collect(),
    ));
    out
}

/// The name issue of one person row (path relative to the row).
pub fn person_name_issues(p: &Person) -> Vec<FieldIssue> {
    name_issue("name", "姓名", &p.name).into_iter().collect()
}

/// The name issue of one host unit row (path relative to the row).
pub fn host_unit_name_issues(h: &HostUnit) -> Vec<FieldIssue> {
    name_issue("name", "单位名称", &h.name).into_iter().collect()
}

/// The name issues of a registry platform (its name, host and members).
pub fn platform_name_issues(p: &ExistingPlatform) -> Vec<FieldIssue> {
    let mut out: Vec<FieldIssue> = name_issue("name", "平台名称", &p.name).into_iter().collect();
    out.extend(name_issue("host_name", "依托单位", &p.host_name));
    for (i, m) in p.members.iter().enumerate() {
        out.extend(name_issue(format!("members[{i}].name"), format!("平台人员第{}行 姓名", i + 1), &m.name));
    }
    out
}

/// Reads a date written YYYY-MM-DD; anything else, or a date that does not exist (2025-02-30),
/// is answered in Chinese with the fix.
pub fn parse_date_text(text: &str) -> Result<NaiveDate, String> {
    let t = text.trim();
    NaiveDate::parse_from_str(t, "%Y-%m-%d").map_err(|e| match e.kind() {
        chrono::format::ParseErrorKind::OutOfRange => {
            format!(
                "日期“{t}”不存在（月份应为 1–12，日应在该月天数之内）：请按 YYYY-MM-DD 填写，如 2025-03-31"
            )
        }
        _ => format!("“{t}”不是日期：请按 YYYY-MM-DD 填写，如 2025-03-31"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_with_control_or_bidi_characters_are_refused_and_others_pass() {
        for bad in ["张\u{0}三", "李四\u{202E}", "\u{202A}王五", "赵\u{2066}六", "孙\u{2069}七", "周\t八"]
        {
            let issue = name_issue("name", "姓名", bad).expect(bad);
            assert!(issue.message.contains("控制字符"), "{issue}");
        }
        for good in ["张三", "Zhang San", "欧阳·娜娜", "\u{2065}x", "x\u{202F}y"] {
            assert_eq!(name_issue("name", "姓名", good), None, "{good}");
        }
    }

    #[test]
    fn dates_are_read_or_refused_in_chinese() {
        assert_eq!(parse_date_text("2025-03-31"), Ok(NaiveDate::from_ymd_opt(2025, 3, 31).unwrap()));
        let out_of_range = parse_date_text("2025-02-30").unwrap_err();
        assert!(out_of_range.contains("不存在") && out_of_range.contains("YYYY-MM-DD"), "{out_of_range}");
        let garbage = parse_date_text("明天").unwrap_err();
        assert!(garbage.contains("不是日期"), "{garbage}");
        assert!(!parse_date_text("2025-13-01").unwrap_err().contains("out of range"));
    }
}
