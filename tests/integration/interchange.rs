//! The JSON interchange document: byte-identical round trips and errors that name the path.

use shenbao::interchange::{application_from_json, application_to_json, InterchangeError};

use crate::common::{sample, TempDb};

#[test]
fn sample_file_is_in_canonical_form() {
    // The bundled sample is exactly what export writes, so diffs of exports stay readable.
    assert_eq!(application_to_json(&sample()), shenbao::samples::SAMPLE_P1);
}

#[test]
fn export_import_export_through_the_database_is_byte_identical() {
    let db = TempDb::new();
    let mut store = db.open();
    let id = store.insert_application(&sample()).unwrap();
    let first = application_to_json(&store.load_application(id).unwrap());
    let again = application_from_json(&first).unwrap();
    let id2 = store.insert_application(&again).unwrap();
    let second = application_to_json(&store.load_application(id2).unwrap());
    assert_eq!(first, second);
    assert!(!first.contains("\"id\""), "row ids never leave the database");
}

fn bad_value(text: &str) -> (String, String) {
    match application_from_json(text) {
        Err(InterchangeError::BadValue { path, reason }) => (path, reason),
        other => panic!("expected BadValue, got {other:?}"),
    }
}

#[test]
fn a_wrong_type_deep_inside_names_its_json_path() {
    let mut v: serde_json::Value = serde_json::from_str(shenbao::samples::SAMPLE_P1).unwrap();
    v["application"]["instruments"][3]["original_value"] = serde_json::json!("很多");
    let (path, reason) = bad_value(&v.to_string());
    assert_eq!(path, "application.instruments[3].original_value");
    assert!(reason.contains("整数"), "{reason}");

    let mut v: serde_json::Value = serde_json::from_str(shenbao::samples::SAMPLE_P1).unwrap();
    v["application"]["people"][2]["role"] = serde_json::json!("boss");
    let (path, reason) = bad_value(&v.to_string());
    assert_eq!(path, "application.people[2].role");
    assert!(reason.contains("取值不在允许范围内"), "{reason}");

    let mut v: serde_json::Value = serde_json::from_str(shenbao::samples::SAMPLE_P1).unwrap();
    v["application"]["sites"][0]["area"] = serde_json::json!("12.345");
    let (path, _) = bad_value(&v.to_string());
    assert_eq!(path, "application.sites[0].area");

    let mut v: serde_json::Value = serde_json::from_str(shenbao::samples::SAMPLE_P1).unwrap();
    v["application"]["host_units"][1]["nickname"] = serde_json::json!("x");
    let (path, reason) = bad_value(&v.to_string());
    assert!(path.starts_with("application.host_units[1]"), "{path}");
    assert!(reason.contains("未知字段"), "{reason}");
}

#[test]
fn a_wrong_check_character_is_reported_with_field_and_path() {
    let mut v: serde_json::Value = serde_json::from_str(shenbao::samples::SAMPLE_P1).unwrap();
    let number = v["application"]["people"][5]["id_doc"]["number"].as_str().unwrap().to_string();
    let last = number.chars().last().unwrap();
    let wrong = if last == '0' { '1' } else { '0' };
    let bad: String = number.chars().take(17).chain(std::iter::once(wrong)).collect();
    v["application"]["people"][5]["id_doc"]["number"] = serde_json::json!(bad);
    match application_from_json(&v.to_string()) {
        Err(InterchangeError::Invalid(issues)) => {
            let issue = issues.iter().find(|i| i.path.contains("people[5]")).expect("issue on people[5]");
            assert!(issue.field.contains("第6"), "{}", issue.field);
            assert!(issue.message.contains("校验位"), "{}", issue.message);
        }
        other => panic!("expected Invalid, got {other:?}"),
    }
}

#[test]
fn truncated_wrong_format_and_newer_version_are_refused() {
    let text = shenbao::samples::SAMPLE_P1;
    let cut = &text[..text.len() / 2];
    let cut = &cut[..cut.char_indices().last().unwrap().0];
    assert!(matches!(application_from_json(cut), Err(InterchangeError::Syntax { .. })));
    let other = text.replacen("shenbao.application", "something.else", 1);
    assert!(matches!(application_from_json(&other), Err(InterchangeError::WrongFormat { .. })));
    let newer = text.replacen("\"version\": 1", "\"version\": 9", 1);
    assert!(matches!(
        application_from_json(&newer),
        Err(InterchangeError::UnsupportedVersion { found: 9, .. })
    ));
}

#[test]
fn full_width_codes_are_normalised_on_import() {
    let app = sample();
    let uscc = app.host_units[0].uscc.clone();
    let wide: String = uscc.chars().map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap()).collect();
    let text = shenbao::samples::SAMPLE_P1
        .replace(&format!("\"uscc\": \"{uscc}\""), &format!("\"uscc\": \" {wide} \""));
    assert_ne!(text, shenbao::samples::SAMPLE_P1);
    let got = application_from_json(&text).unwrap();
    assert_eq!(got.host_units[0].uscc, uscc);
}

#[test]
fn documents_and_database_rows_written_before_core_members_and_headquarters_still_load() {
    // A document from before the two facts existed: no `core_member`, no `headquarters` keys.
    let mut v: serde_json::Value = serde_json::from_str(shenbao::samples::SAMPLE_P1).unwrap();
    for h in v["application"]["host_units"].as_array_mut().unwrap() {
        h.as_object_mut().unwrap().remove("core_member");
    }
    for s in v["application"]["sites"].as_array_mut().unwrap() {
        s.as_object_mut().unwrap().remove("headquarters");
    }
    let old = application_from_json(&v.to_string()).unwrap();
    assert!(old.host_units.iter().all(|h| !h.core_member) && old.sites.iter().all(|s| !s.headquarters));

    // Set, they survive export → import → export through the database byte for byte.
    let db = TempDb::new();
    let mut store = db.open();
    let mut app = sample();
    app.host_units[1].core_member = true;
    app.sites[2].headquarters = true;
    let id = store.insert_application(&app).unwrap();
    let first = application_to_json(&store.load_application(id).unwrap());
    assert!(first.contains("\"core_member\": true") && first.contains("\"headquarters\": true"));
    let id2 = store.insert_application(&application_from_json(&first).unwrap()).unwrap();
    assert_eq!(first, application_to_json(&store.load_application(id2).unwrap()));
    drop(store);

    // A database row saved before (its JSON without the keys) loads with both false, the rest kept.
    let conn = rusqlite::Connection::open(db.path()).unwrap();
    conn.execute("UPDATE host_units SET data = json_remove(data, '$.core_member')", []).unwrap();
    conn.execute("UPDATE sites SET data = json_remove(data, '$.headquarters')", []).unwrap();
    drop(conn);
    let loaded = db.open().load_application(id).unwrap();
    assert!(!loaded.host_units[1].core_member && !loaded.sites[2].headquarters);
    assert_eq!(loaded.host_units[1].name, app.host_units[1].name);
    assert_eq!(loaded.sites[2].area, app.sites[2].area);
}
