//! 帮助 of a wizard step (`service::step_help`): the criteria the pack places on the step with
//! their citations and notes, the sample's values, the pack's common mistakes — and the loader
//! refuses a mistake for a step that does not exist or citing a document the pack does not name.

use shenbao::rules::{load_pack_str, PackError};
use shenbao::service;

use crate::common::{sample, TempDb};

fn pack_text(id: &str) -> String {
    std::fs::read_to_string(format!("{}/assets/programmes/{id}.toml", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

#[test]
fn a_step_shows_its_criteria_with_citations_the_sample_and_the_mistakes() {
    let db = TempDb::new();
    let mut store = db.open();
    let id = store.insert_application(&sample()).unwrap();

    let people = service::step_help(&store, id, "people").unwrap();
    assert_eq!(people.programme, "P1");
    let staff = people.asks.iter().find(|a| a.text == "固定人员不少于50人").expect("the staff criterion");
    let citation = staff.citation.as_ref().unwrap();
    assert_eq!(
        (citation.document.as_str(), citation.clause.as_str()),
        ("2024年省创中心申报通知", "二（四）3")
    );
    assert!(staff.document_title.as_deref().unwrap().starts_with("山西省科学技术厅关于组织申报"));
    assert!(
        people.asks.iter().all(|a| !a.text.contains("中心主任年龄")),
        "the director's criteria are on 中心主任"
    );
    assert!(
        people.example.iter().any(|e| e.label == "人员名单" && e.value.ends_with(" 人")),
        "{:?}",
        people.example
    );
    let cited = people.mistakes.iter().filter(|m| m.citation.is_some()).count();
    assert!(
        cited >= 1 && cited < people.mistakes.len(),
        "notice-cited and experience mistakes: {:?}",
        people.mistakes
    );

    let hosts = service::step_help(&store, id, "hosts").unwrap();
    let share = hosts.asks.iter().find(|a| a.text.contains("占中心总量的50%以上")).unwrap();
    assert!(share.note.as_deref().unwrap().contains("研发人员按固定人员计"), "the criterion's note is shown");

    let export = service::step_help(&store, id, "export").unwrap();
    assert!(export.asks.iter().any(|a| a.text.contains("A4纸双面")), "{:?}", export.asks);
    assert!(export.asks.iter().any(|a| a.text.contains("2024年5月10日")), "the paper deadline");

    let materials = service::step_help(&store, id, "materials").unwrap();
    assert!(materials.asks.iter().any(|a| a.text == "近三年研发投入专项审计报告或财务报表"));

    let err = service::step_help(&store, id, "mailing").unwrap_err();
    assert_eq!(err.code(), shenbao::service::ErrorCode::BadArgument);
}

#[test]
fn a_p4_application_gets_the_p4_pack_and_its_words() {
    let db = TempDb::new();
    let mut store = db.open();
    let mut app = sample();
    app.programme = "P4".into();
    let id = store.insert_application(&app).unwrap();
    let basic = service::step_help(&store, id, "basic").unwrap();
    assert_eq!(basic.programme, "P4");
    assert_eq!(basic.example[0].label, "基地名称");
    assert!(basic.mistakes.iter().any(|m| m.text.contains("吕梁市中试基地") && m.citation.is_none()));
    let people = service::step_help(&store, id, "people").unwrap();
    let quality = people.asks.iter().find(|a| a.text.contains("不低于技术团队人员总人数的50%")).unwrap();
    assert_eq!(quality.citation.as_ref().unwrap().clause, "二（二）3");
    assert!(people.mistakes.iter().any(|m| m.citation.as_ref().is_some_and(|c| c.clause == "二（二）3")));
}

#[test]
fn the_loader_refuses_a_mistake_for_an_unknown_step_or_an_uncited_document() {
    let base = pack_text("P4");
    let bad_step = format!("{base}\n[[mistakes]]\nstep = \"mailing\"\ntext = \"x\"\n");
    match load_pack_str(&bad_step, "P4.toml") {
        Err(PackError::InvalidValue { at, detail }) => {
            assert_eq!(at.key, "mistakes.step");
            assert!(detail.contains("mailing") && detail.contains("export"), "{detail}");
        }
        other => panic!("{other:?}"),
    }
    let bad_doc = format!(
        "{base}\n[[mistakes]]\nstep = \"people\"\ntext = \"x\"\ncitation = {{ document = \"别的通知\", clause = \"一\" }}\n"
    );
    match load_pack_str(&bad_doc, "P4.toml") {
        Err(PackError::InvalidValue { at, .. }) => {
            assert_eq!(at.key, "mistakes.citation.document");
            assert_eq!(at.line, bad_doc.lines().count());
        }
        other => panic!("{other:?}"),
    }
    let typo = format!("{base}\n[[mistakes]]\nstep = \"people\"\ntxet = \"x\"\n");
    assert!(matches!(load_pack_str(&typo, "P4.toml"), Err(PackError::UnknownKey { .. })));
    assert!(load_pack_str(&base, "P4.toml").unwrap().mistakes.len() >= 5);
}
