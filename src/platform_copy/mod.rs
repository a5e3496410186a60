//! The platform copy check (核对平台下载件): the values of the submitted version that the PDF
//! downloaded from the online platform must carry — the centre's name, the units and their
//! credit codes, the director, every person's name and ID number, the staff count, amounts and
//! areas — looked for in that PDF's text, and every one it lacks or shows differently listed.
//! ID numbers are never shown whole.

mod extract;
mod haystack;

use serde::Serialize;
use ts_rs::TS;

pub use extract::{pdf_text, PdfText, PdfTextError};
use haystack::{id_agrees, id_tokens, numbers, Haystack, Number, Unit};

use crate::identity::{mask_number, normalize_document_number};
use crate::model::Application;
use crate::quantity::{AreaM2, Yuan};

/// How far after its row's name a row's number or ID number is looked for, in characters of
/// the text (a table row as platforms and office suites print it fits well within).
const ROW_WINDOW: usize = 160;

/// One value the platform's copy must show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expected {
    /// Where it is in the 申请书 ("依托单位", "人员名单").
    pub section: String,
    /// What it is ("贾振宇·证件号码").
    pub label: String,
    /// The value as shown to the user (ID numbers masked).
    pub shown: String,
    /// The row's own text the value is looked for after (its name), if it belongs to a row.
    pub anchor: Option<String>,
    pub expect: Expect,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expect {
    /// A text that must appear; spacing, line breaks and full-width forms do not matter.
    Text(String),
    /// A code (credit code, patent number) that must appear; another code of the same shape after
    /// its row's name is "shown differently".
    Code(String),
    /// An identity document number: in full, or masked with every visible character equal.
    IdNumber(String),
    Persons(i64),
    Money(Yuan),
    Area(AreaM2),
}

/// What the check found wrong with one value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// Not in the platform's copy at all.
    Missing,
    /// Its row is there, with another value.
    Different,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PlatformFinding {
    pub section: String,
    pub label: String,
    /// The value of the submitted version (ID numbers masked).
    pub expected: String,
    /// What the platform's copy shows in its place, when the row was found (masked likewise).
    pub found: Option<String>,
    pub kind: FindingKind,
    /// The sentence the user reads: "平台下载件中未找到……" / "平台下载件中为……，申请书为……".
    pub message: String,
}

/// The values of an application that its platform copy must show, in print order.
pub fn expected_values(app: &Application, director_label: &str) -> Vec<Expected> {
    let mut out = Vec::new();
    let mut push = |section: &str, label: String, shown: String, anchor: Option<&str>, expect: Expect| {
        out.push(Expected {
            section: section.to_string(),
            label,
            shown,
            anchor: anchor.map(str::to_string),
            expect,
        });
    };
    if !app.centre_name.trim().is_empty() {
        push("基本信息", "名称".into(), app.centre_name.clone(), None, Expect::Text(app.centre_name.clone()));
    }
    for h in &app.host_units {
        if h.name.trim().is_empty() {
            continue;
        }
        push("依托单位", "单位名称".into(), h.name.clone(), None, Expect::Text(h.name.clone()));
        if !h.uscc.trim().is_empty() {
            push(
                "依托单位",
                format!("{}·统一社会信用代码", h.name),
                h.uscc.clone(),
                Some(&h.name),
                Expect::Code(h.uscc.clone()),
            );
        }
    }
    if let Some(d) = app.director() {
        if !d.name.trim().is_empty() {
            push(director_label, "姓名".into(), d.name.clone(), None, Expect::Text(d.name.clone()));
        }
    }
    let fixed = app.fixed_staff_count();
    if fixed > 0 {
        push(
            "人员队伍",
            "固定人员人数".into(),
            format!("{fixed}人"),
            Some("固定人员"),
            Expect::Persons(i64::try_from(fixed).unwrap_or(i64::MAX)),
        );
    }
    for p in &app.people {
        if p.name.trim().is_empty() {
            continue;
        }
        push("人员名单", "姓名".into(), p.name.clone(), None, Expect::Text(p.name.clone()));
        let number = normalize_document_number(&p.id_doc);
        if !number.is_empty() {
            push(
                "人员名单",
                format!("{}·证件号码", p.name),
                mask_number(&number),
                Some(&p.name),
                Expect::IdNumber(number),
            );
        }
    }
    for s in &app.sites {
        let anchor = if s.building_room.trim().is_empty() { &s.address } else { &s.building_room };
        if anchor.trim().is_empty() {
            continue;
        }
        push(
            "研发场地",
            format!("{anchor}·面积"),
            format!("{}m²", s.area),
            Some(anchor),
            Expect::Area(s.area),
        );
    }
    for i in &app.instruments {
        if i.name.trim().is_empty() {
            continue;
        }
        push("科研仪器设备", "名称".into(), i.name.clone(), None, Expect::Text(i.name.clone()));
        push(
            "科研仪器设备",
            format!("{}·原值", i.name),
            format!("{}万元", i.original_value.as_wan()),
            Some(&i.name),
            Expect::Money(i.original_value),
        );
    }
    for r in &app.rd_investments {
        let unit = app
            .host_units
            .iter()
            .find(|h| h.uscc == r.owner_uscc)
            .map_or(r.owner_uscc.as_str(), |h| h.name.as_str());
        push(
            "研发投入",
            format!("{unit}·{}年", r.year),
            format!("{}万元", r.amount.as_wan()),
            None,
            Expect::Money(r.amount),
        );
    }
    for a in &app.achievements {
        if !a.identifier.trim().is_empty() {
            let (label, anchor) = if a.title.trim().is_empty() {
                ("编号".to_string(), None)
            } else {
                (format!("{}·编号", a.title), Some(a.title.as_str()))
            };
            push("成果", label, a.identifier.clone(), anchor, Expect::Code(a.identifier.clone()));
        }
    }
    out
}

/// Every expected value the text lacks or shows differently, in the order given.
pub fn compare(expected: &[Expected], text: &str) -> Vec<PlatformFinding> {
    let hay = Haystack::new(text);
    expected.iter().filter_map(|e| judge(&hay, e)).collect()
}

fn judge(hay: &Haystack, e: &Expected) -> Option<PlatformFinding> {
    // Where each occurrence of the row's anchor ends: its own digits are not the row's values.
    let anchors = || e.anchor.as_deref().map(|a| hay.find_all_ends(a)).unwrap_or_default();
    let found: Result<(), Option<String>> = match &e.expect {
        Expect::Text(t) => {
            if hay.contains(t) {
                Ok(())
            } else {
                Err(None)
            }
        }
        Expect::Code(c) => {
            if hay.contains(c) {
                Ok(())
            } else {
                let want = haystack::compact(c).chars().count();
                Err(anchors().into_iter().find_map(|at| {
                    code_tokens(hay.window(at, ROW_WINDOW)).into_iter().find(|t| t.chars().count() == want)
                }))
            }
        }
        Expect::IdNumber(n) => {
            let n = haystack::compact(n);
            if hay.contains(&n) {
                Ok(())
            } else {
                let len = n.chars().count();
                let near: Vec<String> =
                    anchors().into_iter().flat_map(|at| id_tokens(hay.window(at, ROW_WINDOW), len)).collect();
                if near.iter().any(|t| id_agrees(&n, t)) {
                    Ok(())
                } else {
                    Err(near.first().map(|t| mask_number(t)))
                }
            }
        }
        Expect::Persons(n) => number_found(hay, &anchors(), e.anchor.is_some(), Unit::Persons, |x| {
            matches!(x.unit, Unit::Persons | Unit::None) && x.equals(1, i128::from(*n), 0)
        }),
        Expect::Money(y) => {
            number_found(hay, &anchors(), e.anchor.is_some(), Unit::WanYuan, |x| match x.unit {
                Unit::WanYuan => x.equals(10_000, i128::from(y.0), 0),
                Unit::Yuan => x.equals(1, i128::from(y.0), 0),
                Unit::None => x.equals(10_000, i128::from(y.0), 0) || x.equals(1, i128::from(y.0), 0),
                _ => false,
            })
        }
        Expect::Area(a) => number_found(hay, &anchors(), e.anchor.is_some(), Unit::SquareMetre, |x| {
            matches!(x.unit, Unit::SquareMetre | Unit::None) && x.equals(1, i128::from(a.0), 2)
        }),
    };
    let found = found.err()?;
    let (kind, message) = match &found {
        None => (FindingKind::Missing, format!("平台下载件中未找到{}“{}”", e.label, e.shown)),
        Some(f) => (FindingKind::Different, format!("平台下载件中{}为“{f}”，申请书为“{}”", e.label, e.shown)),
    };
    Some(PlatformFinding {
        section: e.section.clone(),
        label: e.label.clone(),
        expected: e.shown.clone(),
        found,
        kind,
        message,
    })
}

/// A number in the windows after its row's anchors (or anywhere, for a value with no row):
/// `Ok` when one agrees; else what stands in its place after the first anchor found.
fn number_found(
    hay: &Haystack,
    anchors: &[usize],
    anchored: bool,
    unit: Unit,
    agrees: impl Fn(&Number) -> bool,
) -> Result<(), Option<String>> {
    if !anchored {
        let any = numbers(hay.all()).iter().any(|n| !n.in_code && agrees(n));
        return if any { Ok(()) } else { Err(None) };
    }
    let windows: Vec<Vec<Number>> = anchors
        .iter()
        .map(|at| numbers(hay.window(*at, ROW_WINDOW)).into_iter().filter(|n| !n.in_code).collect())
        .collect();
    if windows.iter().flatten().any(&agrees) {
        return Ok(());
    }
    // What stands in its place: the first number with the value's unit, else the first number.
    let of_unit = windows.iter().flatten().find(|n| n.unit == unit);
    Err(of_unit.or_else(|| windows.iter().find_map(|w| w.first())).map(Number::display))
}

/// Runs of letters and digits (a credit code, a patent number with its dot).
fn code_tokens(text: &[char]) -> Vec<String> {
    let mut out = Vec::new();
    let mut token = String::new();
    for c in text {
        if c.is_ascii_alphanumeric() || (*c == '.' && !token.is_empty()) {
            token.push(*c);
        } else if !token.is_empty() {
            out.push(std::mem::take(&mut token));
        }
    }
    if !token.is_empty() {
        out.push(token);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expected(label: &str, anchor: Option<&str>, expect: Expect) -> Expected {
        Expected {
            section: "测试".into(),
            label: label.into(),
            shown: "值".into(),
            anchor: anchor.map(str::to_string),
            expect,
        }
    }

    #[test]
    fn a_row_number_is_read_after_its_name() {
        let e = [expected("原值", Some("透射电镜"), Expect::Money(Yuan(3_500_000)))];
        assert!(compare(&e, "透射电镜 JEM-2100F 350 万元").is_empty());
        assert!(compare(&e, "透射电镜 JEM-2100F 3,500,000元").is_empty());
        let f = compare(&e, "透射电镜 型号 JEM 360 万元");
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].kind.clone(), f[0].found.as_deref()), (FindingKind::Different, Some("360万元")));
        let f = compare(&e, "扫描电镜 350 万元");
        assert_eq!((f[0].kind.clone(), f[0].found.as_deref()), (FindingKind::Missing, None));
    }

    #[test]
    fn a_changed_id_number_is_shown_masked() {
        let e = [expected("证件号码", Some("贾振宇"), Expect::IdNumber("140107197203152673".into()))];
        assert!(compare(&e, "贾振宇 男 140107197203152673").is_empty());
        assert!(compare(&e, "贾振宇 男 1401**********2673").is_empty());
        let f = compare(&e, "贾振宇 男 140107197203152674");
        assert_eq!(f[0].found.as_deref(), Some("…2674"));
        assert!(!f[0].message.contains("1401071972"), "{}", f[0].message);
    }

    #[test]
    fn a_changed_credit_code_is_found_after_its_unit() {
        let e = [expected("代码", Some("晋阳示范大学"), Expect::Code("12140000MB0123456X".into()))];
        assert!(compare(&e, "晋阳示范大学 12140000MB0123456X").is_empty());
        let f = compare(&e, "晋阳示范大学 统一社会信用代码 12140000MB0123457X");
        assert_eq!(f[0].found.as_deref(), Some("12140000MB0123457X"));
    }
}
