//! The signature and seal checklist (签字盖章清单): the pack's places laid over the units of the
//! application, ticked off and kept, printed with the 报送清单, and the names on the signed pages
//! checked against the sealed version.

use std::process::Command;

use shenbao::model::Category;
use shenbao::pdf::Which;
use shenbao::service::{self, ErrorCode};
use shenbao::signatures::SignatureChecklist;
use shenbao::store::{RowData, RowKind};

use crate::common::{sample, today, TempDb};

fn roles_and_counts(list: &SignatureChecklist) -> Vec<(String, String, usize)> {
    list.units.iter().map(|u| (u.role.clone(), u.name.clone(), u.places.len())).collect()
}

fn pdf_text(path: &std::path::Path) -> Option<String> {
    match Command::new("pdftotext").arg("-layout").arg(path).arg("-").output() {
        Ok(o) => Some(String::from_utf8_lossy(&o.stdout).into_owned()),
        Err(_) => {
            crate::common::missing_tool("pdftotext", "apt-get install poppler-utils");
            None
        }
    }
}

#[test]
fn every_unit_gets_the_places_the_notice_asks_it_to_sign_or_seal() {
    let db = TempDb::new();
    let mut store = db.open();
    let app = sample();
    let id = store.insert_application(&app).unwrap();
    let list = service::signature_checklist(&store, id).unwrap();
    let hosts = &app.host_units;
    assert_eq!(
        roles_and_counts(&list),
        vec![
            // 审查表, 承诺与意见, the bound copy's cover, the co-building agreement (a 领域类 centre).
            ("第一依托单位".to_string(), hosts[0].name.clone(), 4),
            ("共建依托单位".to_string(), hosts[1].name.clone(), 2),
            ("共建依托单位".to_string(), hosts[2].name.clone(), 2),
            ("归口管理部门".to_string(), hosts[0].supervising_department.clone(), 2),
        ]
    );
    assert_eq!((list.done, list.total), (0, 10));
    assert!(list.units.iter().flat_map(|u| &u.places).all(|p| p.citation.contains("2024年省创中心申报通知")));
    assert!(list.units.iter().all(|u| u.problems.is_empty()), "{:?}", list.units);

    // A 综合类 centre: the city's recommendation letter, no co-building agreement.
    let mut comprehensive = app.clone();
    comprehensive.category = Category::Comprehensive;
    let id2 = store.insert_application(&comprehensive).unwrap();
    let list = service::signature_checklist(&store, id2).unwrap();
    let city = list.units.last().unwrap();
    assert_eq!(
        (city.role.as_str(), city.places[0].document.as_str()),
        ("所在市人民政府", "市人民政府建设推荐函")
    );
    assert_eq!(city.name, format!("{}人民政府", app.city));
    assert!(!list.units.iter().flat_map(|u| &u.places).any(|p| p.document.contains("共建协议")));
}

#[test]
fn a_ticked_place_is_kept_and_a_place_not_on_the_list_is_refused() {
    let db = TempDb::new();
    let mut store = db.open();
    let id = store.insert_application(&sample()).unwrap();
    let list = service::signature_checklist(&store, id).unwrap();
    let co_builder = list.units[1].places[0].key.clone();
    let list = service::set_signoff(&mut store, id, &co_builder, true, today()).unwrap();
    assert_eq!(list.done, 1);
    drop(store);

    // After a restart the tick and its day are still there.
    let mut store = db.open();
    let list = service::signature_checklist(&store, id).unwrap();
    assert_eq!(list.units[1].places[0].done_on, Some(today()));
    assert_eq!(list.done, 1);

    let e = service::set_signoff(&mut store, id, "不存在的位置|unit:x", true, today()).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Invalid);
    assert!(e.to_string().contains("签字盖章清单"), "{e}");
    assert_eq!(service::signature_checklist(&store, id).unwrap().done, 1);

    // Untick.
    let list = service::set_signoff(&mut store, id, &co_builder, false, today()).unwrap();
    assert_eq!((list.done, list.units[1].places[0].done_on), (0, None));

    // The tick of a co-builder removed from the application no longer counts.
    service::set_signoff(&mut store, id, &co_builder, true, today()).unwrap();
    let app = store.load_application(id).unwrap();
    store.delete_row(id, RowKind::HostUnit, app.host_units[1].id.unwrap()).unwrap();
    let list = service::signature_checklist(&store, id).unwrap();
    assert_eq!((list.done, list.total), (0, 8));
}

#[test]
fn the_mailing_checklist_prints_each_unit_and_what_is_collected() {
    let db = TempDb::new();
    let mut store = db.open();
    let app = sample();
    let id = store.insert_application(&app).unwrap();
    let list = service::signature_checklist(&store, id).unwrap();
    let lead_review = list.units[0].places[0].key.clone();
    service::set_signoff(&mut store, id, &lead_review, true, today()).unwrap();
    let out = tempfile::tempdir().unwrap();
    let written = service::export_stored(&mut store, id, &[Which::Mailing], today(), out.path()).unwrap();
    let Some(text) = pdf_text(&written[0]) else { return };
    let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(flat.contains("签字盖章（逐单位核对）"), "{text}");
    for u in &list.units {
        assert!(flat.contains(&format!("{}：{}", u.role, u.name)), "{} missing:\n{text}", u.name);
    }
    assert!(
        flat.contains("申请资格审查表·第一依托单位意见：负责人签字、盖章（2026年12月2日已完成）"),
        "{text}"
    );
}

#[test]
fn each_place_on_the_application_and_the_review_sheet_is_a_box_they_print() {
    let db = TempDb::new();
    let mut store = db.open();
    let id = store.insert_application(&sample()).unwrap();
    let list = service::signature_checklist(&store, id).unwrap();
    let out = tempfile::tempdir().unwrap();
    let written =
        service::export_stored(&mut store, id, &[Which::Application, Which::Review], today(), out.path())
            .unwrap();
    let texts: Vec<String> = written
        .iter()
        .filter_map(|p| pdf_text(p))
        .map(|t| t.chars().filter(|c| !c.is_whitespace()).collect())
        .collect();
    if texts.len() < 2 {
        return;
    }
    let (application, review) = (&texts[0], &texts[1]);
    for p in list.units.iter().flat_map(|u| &u.places) {
        let (document, place) = p.document.split_once('·').unwrap_or((&p.document, ""));
        let box_title = place.rsplit('·').next().unwrap_or_default();
        match document {
            "申请资格审查表" => assert!(review.contains(box_title), "审查表 has no box {box_title}"),
            "申请书" => assert!(application.contains(box_title), "申请书 has no box {box_title}"),
            _ => {}
        }
    }
}

#[test]
fn names_changed_after_the_seal_are_said_at_their_unit() {
    let db = TempDb::new();
    let mut store = db.open();
    let id = store.insert_application(&sample()).unwrap();
    service::seal(&mut store, id, "打印签章", "2026-03-02T09:00:00Z", today()).unwrap();
    assert!(service::signature_checklist(&store, id).unwrap().units.iter().all(|u| u.problems.is_empty()));
    let app = store.load_application(id).unwrap();
    let mut renamed = app.host_units[1].clone();
    renamed.name = "晋阳示范大学（更名）".into();
    store.save_row(id, &RowData::HostUnit(renamed)).unwrap();
    let mut lead = app.host_units[0].clone();
    lead.supervising_department = "山西省科学技术厅".into();
    store.save_row(id, &RowData::HostUnit(lead)).unwrap();
    let list = service::signature_checklist(&store, id).unwrap();
    let problems: Vec<(&str, &str)> = list
        .units
        .iter()
        .flat_map(|u| u.problems.iter().map(move |p| (u.role.as_str(), p.as_str())))
        .collect();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert_eq!(problems[0].0, "共建依托单位");
    assert!(problems[0].1.contains("定稿后名称由“晋阳示范大学”改为“晋阳示范大学（更名）”"), "{problems:?}");
    assert_eq!(problems[1].0, "归口管理部门");
}
