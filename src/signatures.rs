//! The signatures and seals the paper application needs (签字盖章清单): the pack's places
//! (`submission.signatures`) laid over the application's units — the lead, each co-builder, the
//! lead's 归口管理部门, the city — grouped per unit, each with the day the user ticked it; and
//! the names the signed pages carry checked against the application and its sealed version.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::model::{Application, Category, HostUnit};
use crate::rules::pack::{Signature, Signer};

/// One place to sign or seal, for one unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SignaturePlace {
    /// What a tick is stored under: the document, the place and the unit.
    pub key: String,
    /// The paper and where on it: "申请资格审查表·第一依托单位意见".
    pub document: String,
    /// What is needed there: "负责人签字、盖章", "盖章".
    pub needs: String,
    /// The notice's clause: "《2024年省创中心申报通知》四（二）".
    pub citation: String,
    /// The day the user ticked it as collected.
    pub done_on: Option<NaiveDate>,
}

/// The places one unit signs or seals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SignatureUnit {
    /// 第一依托单位, 共建依托单位, 归口管理部门, 所在市人民政府.
    pub role: String,
    /// The unit's name as the application has it (empty when not filled in).
    pub name: String,
    pub places: Vec<SignaturePlace>,
    /// What the user must fix before collecting: a name not filled in, or one changed since the
    /// sealed version whose pages were printed for signing.
    pub problems: Vec<String>,
}

/// The whole checklist of an application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SignatureChecklist {
    pub units: Vec<SignatureUnit>,
    pub done: u32,
    pub total: u32,
    /// Said instead of a list when the programme's pack names no places.
    pub note: Option<String>,
}

/// A unit of the application that signs: who it is to the application (the lead, a co-builder,
/// the 归口管理部门, the city), its role and name, what identifies it across edits, and its host
/// unit when it is one.
struct Signing<'a> {
    by: Signer,
    role: &'static str,
    name: String,
    id: String,
    host: Option<&'a HostUnit>,
}

fn host_id(h: &HostUnit) -> String {
    if h.uscc.trim().is_empty() {
        format!("unit:{}", h.name.trim())
    } else {
        format!("unit:{}", h.uscc.trim())
    }
}

fn lead_of(app: &Application) -> Option<Signing<'_>> {
    app.host_units.first().map(|h| Signing {
        by: Signer::Lead,
        role: "第一依托单位",
        name: h.name.clone(),
        id: host_id(h),
        host: Some(h),
    })
}

fn co_builders(app: &Application) -> Vec<Signing<'_>> {
    app.host_units
        .iter()
        .skip(1)
        .map(|h| Signing {
            by: Signer::CoBuilders,
            role: "共建依托单位",
            name: h.name.clone(),
            id: host_id(h),
            host: Some(h),
        })
        .collect()
}

fn signers<'a>(app: &'a Application, by: Signer) -> Vec<Signing<'a>> {
    match by {
        Signer::Lead => lead_of(app).into_iter().collect(),
        Signer::CoBuilders => co_builders(app),
        Signer::Hosts => lead_of(app).into_iter().chain(co_builders(app)).collect(),
        Signer::Supervising => vec![Signing {
            by,
            role: "归口管理部门",
            name: app.lead_host().map(|h| h.supervising_department.clone()).unwrap_or_default(),
            id: "supervising".into(),
            host: None,
        }],
        Signer::City => vec![Signing {
            by,
            role: "所在市人民政府",
            name: if app.city.trim().is_empty() {
                String::new()
            } else {
                format!("{}人民政府", app.city.trim())
            },
            id: "city".into(),
            host: None,
        }],
    }
}

fn needs(s: &Signature) -> String {
    match (&s.sign, s.seal) {
        (Some(sign), true) => format!("{sign}、盖章"),
        (Some(sign), false) => sign.clone(),
        (None, _) => "盖章".into(),
    }
}

/// The checklist of `app` for the pack's `places`; `sealed` is the latest sealed version (whose
/// pages were printed for signing), `ticks` the places ticked and when.
pub fn checklist(
    app: &Application,
    places: &[Signature],
    sealed: Option<&Application>,
    ticks: &BTreeMap<String, NaiveDate>,
) -> SignatureChecklist {
    let mut units: Vec<(String, SignatureUnit)> = Vec::new();
    for s in places.iter().filter(|s| applies_to(s, app.category)) {
        for signing in signers(app, s.by) {
            let document = match &s.place {
                Some(p) => format!("{}·{p}", s.document),
                None => s.document.clone(),
            };
            let key = format!("{document}|{}", signing.id);
            let place = SignaturePlace {
                done_on: ticks.get(&key).copied(),
                key,
                document,
                needs: needs(s),
                citation: s.citation.to_string(),
            };
            match units.iter_mut().find(|(id, _)| *id == signing.id) {
                Some((_, unit)) => unit.places.push(place),
                None => {
                    let problems = problems(app, &signing, sealed);
                    units.push((
                        signing.id.clone(),
                        SignatureUnit {
                            role: signing.role.into(),
                            name: signing.name,
                            places: vec![place],
                            problems,
                        },
                    ));
                }
            }
        }
    }
    // The lead first, then the co-builders in the application's order, then the authorities.
    let rank = |role: &str| {
        ["第一依托单位", "共建依托单位", "归口管理部门", "所在市人民政府"].iter().position(|r| *r == role)
    };
    units.sort_by_key(|(_, u)| rank(&u.role));
    let units: Vec<SignatureUnit> = units.into_iter().map(|(_, u)| u).collect();
    let total = units.iter().map(|u| u.places.len()).sum::<usize>();
    let done = units.iter().flat_map(|u| &u.places).filter(|p| p.done_on.is_some()).count();
    let note =
        places.is_empty().then(|| "本申报类型的规则包未列出签字盖章要求：请按申报通知逐页核对".to_string());
    SignatureChecklist {
        units,
        done: u32::try_from(done).unwrap_or(u32::MAX),
        total: u32::try_from(total).unwrap_or(u32::MAX),
        note,
    }
}

/// A unit's name missing, or changed since the sealed version (the signed pages show the old one).
fn problems(app: &Application, s: &Signing<'_>, sealed: Option<&Application>) -> Vec<String> {
    let mut out = Vec::new();
    if s.name.trim().is_empty() {
        out.push(match s.by {
            Signer::Supervising => "第一依托单位的归口管理部门未填写：请在“依托单位”中填写".to_string(),
            Signer::City => "所在市未填写：请在“基本信息”中填写".to_string(),
            _ => "单位名称未填写：请在“依托单位”中填写".to_string(),
        });
        return out;
    }
    let Some(sealed) = sealed else { return out };
    let before = match s.host {
        Some(h) => sealed.host_units.iter().find(|b| host_id(b) == host_id(h)).map(|b| b.name.clone()),
        None => signers(sealed, s.by).into_iter().next().map(|b| b.name),
    };
    match before {
        None => out.push("定稿版本中没有这个单位：请重新定稿，打印后再签字盖章".into()),
        Some(before) if before != s.name => out.push(format!(
            "定稿后名称由“{before}”改为“{}”：签字盖章的页面印的是定稿时的名称，请重新定稿并打印",
            s.name
        )),
        Some(_) => {}
    }
    if s.by == Signer::Lead {
        let director = |a: &Application| a.director().map(|d| d.name.clone()).unwrap_or_default();
        let (then, now) = (director(sealed), director(app));
        if then != now {
            out.push(format!(
                "定稿后中心主任由“{then}”改为“{now}”：封面和审查表印的是定稿时的姓名，请重新定稿并打印"
            ));
        }
    }
    out
}

/// Whether an application of `category` needs the place.
fn applies_to(s: &Signature, category: Category) -> bool {
    s.categories.is_empty() || s.categories.contains(&category)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::pack::Citation;

    fn place(document: &str, by: Signer, sign: Option<&str>, seal: bool) -> Signature {
        Signature {
            document: document.into(),
            place: None,
            by,
            sign: sign.map(str::to_string),
            seal,
            categories: Vec::new(),
            citation: Citation { document: "通知".into(), clause: "四（二）".into() },
        }
    }

    fn app() -> Application {
        crate::interchange::application_from_json(crate::samples::SAMPLE_P1).expect("sample")
    }

    #[test]
    fn one_place_per_unit_grouped_by_unit() {
        let a = app();
        let places = [
            place("审查表", Signer::Lead, Some("负责人签字"), true),
            place("协议", Signer::Hosts, None, true),
            place("审查表", Signer::Supervising, Some("负责人签字"), true),
        ];
        let c = checklist(&a, &places, None, &BTreeMap::new());
        let roles: Vec<&str> = c.units.iter().map(|u| u.role.as_str()).collect();
        assert_eq!(roles, ["第一依托单位", "共建依托单位", "共建依托单位", "归口管理部门"]);
        assert_eq!(c.units[0].places.len(), 2);
        assert_eq!(c.units[0].places[0].needs, "负责人签字、盖章");
        assert_eq!(c.units[1].places[0].needs, "盖章");
        assert_eq!(c.units[3].name, a.host_units[0].supervising_department);
        assert_eq!((c.done, c.total), (0, 5));
        let mut ticks = BTreeMap::new();
        ticks.insert(c.units[1].places[0].key.clone(), NaiveDate::from_ymd_opt(2026, 12, 3).unwrap());
        let c = checklist(&a, &places, None, &ticks);
        assert_eq!(c.done, 1);
        assert!(c.units[1].places[0].done_on.is_some() && c.units[2].places[0].done_on.is_none());
    }

    #[test]
    fn a_renamed_unit_after_the_seal_is_said() {
        let sealed = app();
        let mut now = sealed.clone();
        now.host_units[1].name = "晋阳示范大学（新校名）".into();
        let c = checklist(&now, &[place("协议", Signer::Hosts, None, true)], Some(&sealed), &BTreeMap::new());
        assert!(c.units[0].problems.is_empty(), "{:?}", c.units[0].problems);
        assert!(c.units[1].problems[0].contains("定稿后名称由"), "{:?}", c.units[1].problems);
    }

    #[test]
    fn a_missing_supervising_department_is_said() {
        let mut a = app();
        a.host_units[0].supervising_department.clear();
        let c = checklist(&a, &[place("审查表", Signer::Supervising, None, true)], None, &BTreeMap::new());
        assert!(c.units[0].problems[0].contains("归口管理部门未填写"));
    }
}
