//! Field-level checks of one registry platform (已建平台) entered by hand: what is wrong, where,
//! and how to fix it, in the same shape as an application's issues.

use chrono::{Datelike, NaiveDate};

use crate::model::{ExistingPlatform, IdKind, MemberRole};

use super::application::FieldIssue;
use super::normalize::normalize_code;
use super::resident_id::parse_resident_id;
use super::uscc::parse_uscc;

/// Normalises in place the host's USCC and every member's resident ID number, and trims names.
pub fn normalise_platform(p: &mut ExistingPlatform) {
    p.name = p.name.trim().to_string();
    p.host_name = p.host_name.trim().to_string();
    p.host_uscc = normalize_code(&p.host_uscc);
    for m in &mut p.members {
        m.name = m.name.trim().to_string();
        if m.id_doc.kind == IdKind::ResidentId {
            m.id_doc.number = normalize_code(&m.id_doc.number);
        } else {
            m.id_doc.number = m.id_doc.number.trim().to_string();
        }
    }
}

/// Every field-level problem of `p`, in form order; empty when there is none. Dates after
/// `today` are refused.
pub fn validate_platform(p: &ExistingPlatform, today: NaiveDate) -> Vec<FieldIssue> {
    let mut issues = Vec::new();
    let mut push = |path: String, field: String, message: String| {
        issues.push(FieldIssue::error(path, field, message));
    };
    if p.name.trim().is_empty() {
        push("name".into(), "平台名称".into(), "未填写，请按批准文件填写平台全称".into());
    }
    if p.host_name.trim().is_empty() {
        push("host_name".into(), "依托单位".into(), "未填写，请填写平台的依托单位名称".into());
    }
    if !normalize_code(&p.host_uscc).is_empty() {
        if let Err(e) = parse_uscc(&p.host_uscc) {
            push("host_uscc".into(), "依托单位统一社会信用代码".into(), e.detail());
        }
    }
    if let Some(d) = p.approval_date.filter(|&d| d > today) {
        push("approval_date".into(), "批准日期".into(), future(d));
    }
    let mut director: Option<usize> = None;
    for (i, m) in p.members.iter().enumerate() {
        let path = |member: &str| format!("members[{i}].{member}");
        let field = |label: &str| format!("平台人员第{}行 {label}", i + 1);
        if m.name.trim().is_empty() {
            push(path("name"), field("姓名"), "未填写，请填写姓名".into());
        }
        if m.id_doc.kind == IdKind::ResidentId {
            if let Err(e) = parse_resident_id(&m.id_doc.number) {
                push(path("id_doc.number"), field("身份证号码"), e.detail());
            }
        } else if m.id_doc.number.trim().is_empty() {
            push(path("id_doc.number"), field("证件号码"), "未填写，请填写证件号码".into());
        }
        if m.role == MemberRole::Director {
            match director {
                None => director = Some(i),
                Some(first) => push(
                    path("role"),
                    field("职务"),
                    format!("平台主任只能有一人，平台人员第{}行已是主任，请改为固定人员", first + 1),
                ),
            }
        }
        if let Some(d) = m.joined.filter(|&d| d > today) {
            push(path("joined"), field("加入日期"), future(d));
        }
        if let Some(d) = m.left.filter(|&d| d > today) {
            push(path("left"), field("退出日期"), future(d));
        }
        if let (Some(joined), Some(left)) = (m.joined, m.left) {
            if left < joined {
                push(
                    path("left"),
                    field("退出日期"),
                    format!("{}早于加入日期{}，请核对", chinese_date(left), chinese_date(joined)),
                );
            }
        }
    }
    issues.extend(super::text::platform_name_issues(p));
    issues
}

fn future(d: NaiveDate) -> String {
    format!("{}晚于今天，请填写已经发生的日期", chinese_date(d))
}

fn chinese_date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{IdDocument, PlatformKind, PlatformLevel, PlatformMember};

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn platform() -> ExistingPlatform {
        ExistingPlatform {
            id: None,
            name: "山西省先进碳材料重点实验室".into(),
            level: PlatformLevel::Provincial,
            kind: PlatformKind::KeyLab,
            host_name: "山西某大学".into(),
            host_uscc: "91110108551385082Q".into(),
            approval_date: Some(date("2020-01-01")),
            members: vec![PlatformMember {
                name: "张三".into(),
                id_doc: IdDocument { kind: IdKind::ResidentId, number: "11010519491231002X".into() },
                role: MemberRole::Director,
                joined: Some(date("2020-01-01")),
                left: None,
            }],
            instruments: Vec::new(),
            sites: Vec::new(),
        }
    }

    #[test]
    fn a_good_platform_has_no_issues_and_bad_fields_are_named() {
        let today = date("2024-05-06");
        assert_eq!(validate_platform(&platform(), today), vec![]);
        let mut p = platform();
        p.name = " ".into();
        p.host_uscc = "91110108551385082R".into();
        p.approval_date = Some(date("2024-05-07"));
        p.members[0].id_doc.number = "110105194912310021".into();
        p.members[0].left = Some(date("2019-01-01"));
        p.members.push(p.members[0].clone());
        let fields: Vec<String> = validate_platform(&p, today).into_iter().map(|i| i.field).collect();
        assert_eq!(
            fields,
            [
                "平台名称",
                "依托单位统一社会信用代码",
                "批准日期",
                "平台人员第1行 身份证号码",
                "平台人员第1行 退出日期",
                "平台人员第2行 身份证号码",
                "平台人员第2行 职务",
                "平台人员第2行 退出日期",
            ]
        );
    }

    /// A platform approved, a member joined or left today is fine; tomorrow is refused, with the
    /// date in the message.
    #[test]
    fn dates_up_to_today_are_accepted_and_tomorrow_is_refused() {
        let today = date("2024-05-06");
        let on = |day: &str| {
            let mut p = platform();
            p.approval_date = Some(date(day));
            p.members[0].joined = Some(date(day));
            p.members[0].left = Some(date(day));
            validate_platform(&p, today).into_iter().map(|i| (i.field, i.message)).collect::<Vec<_>>()
        };
        assert_eq!(on("2024-05-06"), vec![]);
        let late = "2024年5月7日晚于今天，请填写已经发生的日期".to_string();
        assert_eq!(
            on("2024-05-07"),
            [
                ("批准日期".to_string(), late.clone()),
                ("平台人员第1行 加入日期".to_string(), late.clone()),
                ("平台人员第1行 退出日期".to_string(), late),
            ]
        );
    }

    /// Names pasted with a control character are refused where they stand: the platform, its
    /// host, a member.
    #[test]
    fn names_with_control_characters_are_named() {
        let mut p = platform();
        p.name = "山西省\u{202E}重点实验室".into();
        p.host_name = "山西某大学\u{2066}".into();
        p.members[0].name = "张\u{0}三".into();
        let fields: Vec<String> =
            validate_platform(&p, date("2024-05-06")).into_iter().map(|i| i.field).collect();
        assert_eq!(fields, ["平台名称", "依托单位", "平台人员第1行 姓名"]);
    }

    #[test]
    fn blank_uscc_is_allowed_and_codes_are_normalised() {
        let mut p = platform();
        p.host_uscc = String::new();
        assert!(validate_platform(&p, date("2024-05-06")).is_empty());
        p.members[0].id_doc.number = " 11010519491231002x ".into();
        normalise_platform(&mut p);
        assert_eq!(p.members[0].id_doc.number, "11010519491231002X");
        assert!(validate_platform(&p, date("2024-05-06")).is_empty());
    }
}
