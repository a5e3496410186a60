//! The pack owns how each criterion is shown: its wizard section, fields, confirmation sentence
//! and materials, and the programme's labels and optional inputs. Loading is strict.

use shenbao::rules::presentation::{is_field, Section};
use shenbao::rules::{builtin_pack, builtin_packs, load_pack_str, Kind};

const P1: &str = include_str!("../../assets/programmes/P1.toml");

/// Loads `text`, expects it refused with `code` at `key`, and returns the message.
fn refused(text: &str, code: &str, key: &str) -> String {
    assert_ne!(text, P1, "the edit did not apply");
    let err = load_pack_str(text, "P1-test.toml").expect_err("refused");
    assert_eq!(err.code(), code, "{err}");
    let at = err.location().expect("a location");
    assert_eq!(at.file, "P1-test.toml");
    assert!(at.line > 0);
    assert_eq!(at.key, key, "{err}");
    err.to_string()
}

#[test]
fn misspelt_presentation_key_is_refused_with_its_line() {
    let text = P1.replacen("section = \"director\"", "sektion = \"director\"", 1);
    let line = text.lines().position(|l| l.starts_with("sektion")).expect("line") + 1;
    refused(&text, "pack_unknown_key", "sektion");
    let err = load_pack_str(&text, "x.toml").expect_err("refused");
    assert_eq!(err.location().map(|l| l.line), Some(line));
    let text = P1.replacen("platform = \"中心\"", "platform = \"中心\"\nplatfrom_noun = \"中心\"", 1);
    refused(&text, "pack_unknown_key", "platfrom_noun");
}

#[test]
fn hard_criterion_without_section_is_refused() {
    let text = P1.replacen(
        "section = \"director\"\nfields = [\"director.birth_date\", \"director.id_doc\"]\n",
        "fields = [\"director.birth_date\", \"director.id_doc\"]\n",
        1,
    );
    refused(&text, "pack_missing_key", "criteria[director-age].section");
}

#[test]
fn attestations_default_to_attest_and_bonus_items_to_priority() {
    let p = builtin_pack("P1").expect("P1");
    let by = |id: &str| p.criteria.iter().find(|c| c.id == id).expect(id);
    assert_eq!(by("integrity").shown.section, Some(Section::Attest));
    assert_eq!(by("priority-8").shown.section, Some(Section::PrioritySupport));
    assert_eq!(by("director-age").shown.section, Some(Section::Director));
    assert_eq!(by("priority-3").shown.fields, vec!["director.honours".to_string()]);
}

#[test]
fn confirmable_criteria_carry_the_notice_sentence_and_others_none() {
    let p = builtin_pack("P1").expect("P1");
    let by = |id: &str| p.criteria.iter().find(|c| c.id == id).expect(id);
    // P1 三（二）8 is an attested bonus item: confirmable, with the notice's words.
    assert_eq!(by("priority-8").shown.confirm.as_deref(), Some("所属细分领域为省内空白或紧缺领域的。"));
    assert!(by("priority-7").shown.confirm.is_some(), "or_attested bonus is confirmable");
    assert!(by("priority-3").shown.confirm.is_none(), "decided by the honours, not confirmable");
    // 二（四）5 has no period and says 问题或违法失信情况 (the audit's U3).
    let integrity = by("integrity").shown.confirm.clone().expect("integrity");
    assert!(!integrity.contains("近三年") && integrity.contains("违法失信情况"), "{integrity}");
}

#[test]
fn attestation_without_confirm_is_refused() {
    let start = P1.find("id = \"integrity\"").expect("integrity");
    let at = start + P1[start..].find("confirm = ").expect("confirm");
    let end = at + P1[at..].find('\n').expect("eol") + 1;
    let text = format!("{}{}", &P1[..at], &P1[end..]);
    refused(&text, "pack_missing_key", "criteria[integrity].confirm");
}

#[test]
fn confirm_on_a_computed_criterion_is_refused() {
    let text = P1.replacen(
        "section = \"director\"\nfields = [\"director.title\"]",
        "section = \"director\"\nfields = [\"director.title\"]\nconfirm = \"具有高级职称\"",
        1,
    );
    refused(&text, "pack_invalid_value", "criteria[director-title].confirm");
}

#[test]
fn unknown_section_or_field_is_refused() {
    let text = P1.replacen("section = \"director\"", "section = \"leader\"", 1);
    refused(&text, "pack_invalid_value", "criteria[director-age].section");
    let text = P1.replacen("\"director.birth_date\"", "\"director.birthday\"", 1);
    // The message names the fields a criterion may name, and the inputs a pack may show.
    let err = refused(&text, "pack_invalid_value", "criteria[director-age].fields");
    assert!(
        err.contains(
            "unknown field `director.birthday`, expected one of programme, centre_name, category, field, "
        ),
        "{err}"
    );
    assert!(err.contains(", director.birth_date, ") && err.contains(", sites[].headquarters, "), "{err}");
    let text = P1.replacen("  \"category\",\n", "  \"city\",\n", 1);
    let err = refused(&text, "pack_invalid_value", "presentation.inputs");
    assert!(err.contains("unknown optional input `city`, expected one of category, "), "{err}");
    assert!(err.contains(", sites[].headquarters") && !err.contains("director.birth_date"), "{err}");
}

#[test]
fn criterion_about_an_undeclared_optional_input_is_refused() {
    let text = P1.replacen("  \"hosts[].chain_leader\",\n", "", 1);
    refused(&text, "pack_invalid_value", "criteria[priority-2].fields");
    let text = P1.replacen("  \"director.honour\",\n", "", 1);
    assert_eq!(text, P1, "sanity: only exact names are removed");
}

/// The registration place is asked only where a check reads it; a pack whose check reads it
/// without showing it could never be satisfied from the window.
#[test]
fn check_reading_an_undeclared_optional_input_is_refused() {
    let text = P1.replacen("  \"hosts[].registered_region\",\n", "", 1);
    refused(&text, "pack_invalid_value", "criteria[lead-registered].check");
    // The other two a check reads: whether a unit is a core member (a count of core members
    // only) and which site is the headquarters (an area counted at the headquarters only).
    let p6 = include_str!("../../assets/programmes/P6.toml");
    let text = p6.replacen("  \"hosts[].core_member\",\n", "", 1);
    assert_ne!(text, p6);
    refused(&text, "pack_invalid_value", "criteria[core-members].check");
    let p2 = include_str!("../../assets/programmes/P2.toml");
    let text = p2.replacen("  \"sites[].headquarters\",\n", "", 1);
    assert_ne!(text, p2);
    refused(&text, "pack_invalid_value", "criteria[area].check");
}

#[test]
fn every_builtin_pack_places_each_criterion_and_names_its_platform() {
    for p in builtin_packs().expect("built-in packs load") {
        for c in &p.criteria {
            if c.kind != Kind::Note {
                assert!(c.shown.section.is_some(), "{}: {} has no section", p.id, c.id);
            }
            for f in &c.shown.fields {
                assert!(is_field(f), "{}: {} names {f}", p.id, c.id);
            }
            if c.kind == Kind::Attest {
                assert!(c.shown.confirm.is_some(), "{}: {} has no confirmation sentence", p.id, c.id);
            }
        }
        assert!(!p.presentation.name_label.is_empty());
    }
    let p4 = builtin_pack("P4").expect("P4");
    assert_eq!(p4.presentation.name_label, "基地名称");
    assert_eq!(p4.presentation.director_label, "基地主任");
    assert_eq!(
        p4.presentation.inputs,
        ["hosts[].registered_region"],
        "P4 has no criterion on category or host flags"
    );
    assert!(!p4.criteria.iter().any(|c| c.kind == Kind::PrioritySupport), "P4 has no 优先支持");
    let p1 = builtin_pack("P1").expect("P1");
    assert!(p1.presentation.uses("category") && p1.presentation.uses("hosts[].jingjinji_xiongan"));
}

#[test]
fn material_is_required_unless_the_pack_says_optional() {
    let text = P1.replacen(
        "materials = [{ title = \"依托单位共建协议\", required = true }]",
        "materials = [{ title = \"依托单位共建协议\" }, { title = \"合作机制说明\", required = false }]",
        1,
    );
    assert_ne!(text, P1);
    let p = load_pack_str(&text, "x.toml").expect("loads");
    let c = p.criteria.iter().find(|c| c.id == "co-build-agreement").expect("criterion");
    assert_eq!(c.shown.materials.len(), 2);
    assert!(c.shown.materials[0].required);
    assert!(!c.shown.materials[1].required);
}

/// The printed application of a P4 (中试基地) names it as its pack does, has no 优先支持 section
/// (P4 has none) and lists the materials its pack names.
#[test]
fn p4_application_pdf_uses_the_pack_labels_and_has_no_priority_section() {
    use shenbao::pdf::{self, Which};
    use shenbao::rules::{evaluate, resolve_as_of, UnknownCross};
    let mut app = shenbao::interchange::application_from_json(shenbao::samples::SAMPLE_P1).expect("sample");
    app.programme = "P4".into();
    let pack = builtin_pack("P4").expect("P4");
    let as_of = resolve_as_of(&pack, &app, chrono::NaiveDate::from_ymd_opt(2024, 5, 6)).expect("date");
    let a = evaluate(&pack, &app, &UnknownCross, as_of);
    let inputs = pdf::inputs_from_assessment(&pack, &a, as_of);
    assert!(inputs.priority_support.is_empty());
    let titles: Vec<&str> = inputs.supporting.iter().map(|s| s.title.as_str()).collect();
    assert!(titles.contains(&"基地主任专业技术职称证书"), "{titles:?}");
    assert!(!inputs.commitment.contains("脱密"), "the 脱密 commitment is P1's: {}", inputs.commitment);
    let files = pdf::export(&app, &inputs, Which::Application).expect("export");
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("a.pdf");
    std::fs::write(&path, &files[0].1).expect("write");
    let out = std::process::Command::new("pdftotext").arg(&path).arg("-").output();
    let Ok(out) = out else {
        crate::common::missing_tool("pdftotext", "apt-get install poppler-utils");
        return;
    };
    let text: String = String::from_utf8_lossy(&out.stdout).split_whitespace().collect();
    assert!(text.contains("基地名称") && text.contains("基地主任"), "{text}");
    assert!(!text.contains("中心名称") && !text.contains("优先支持条件"), "{text}");
}

#[test]
fn a_pack_sets_its_narrative_similarity_threshold_with_a_citation() {
    let cite = "citation = { document = \"2024年省创中心申报通知\", clause = \"三（二）8\" }";
    let text = format!("{P1}\n[narrative_similarity]\npercent = 60\n{cite}\n");
    let pack = load_pack_str(&text, "P1-test.toml").expect("loads");
    let n = pack.narrative_similarity.as_ref().expect("the threshold");
    assert_eq!(n.percent, 60);
    assert_eq!(n.citation.clause, "三（二）8");
    let params = shenbao::duplicates::CrossParams::from_packs([&pack], &Default::default());
    assert_eq!(params.narrative_percent_of("P1"), 60);
    // A programme whose pack sets none uses the office's setting (40% by default).
    assert_eq!(params.narrative_percent_of("P2"), 40);
    assert!(builtin_pack("P1").expect("P1").narrative_similarity.is_none());

    // Bounds 1 and 100 load; 0 and 101 do not; a threshold without its clause does not.
    for ok in [1, 100] {
        let text = format!("{P1}\n[narrative_similarity]\npercent = {ok}\n{cite}\n");
        assert!(load_pack_str(&text, "x.toml").is_ok(), "{ok}");
    }
    for bad in [0, 101] {
        let text = format!("{P1}\n[narrative_similarity]\npercent = {bad}\n{cite}\n");
        refused(&text, "pack_invalid_value", "narrative_similarity.percent");
    }
    let text = format!("{P1}\n[narrative_similarity]\npercent = 40\n");
    refused(&text, "pack_missing_citation", "narrative_similarity.citation");
    let text = format!("{P1}\n[narrative_similarity]\npercent = 40\nthreshold = 40\n{cite}\n");
    refused(&text, "pack_unknown_key", "threshold");
}

/// A check serves only the kinds it can decide: a staff count is not a note, nor a confirmation.
#[test]
fn a_check_with_a_kind_it_cannot_serve_is_refused() {
    for kind in ["note", "attest", "cross"] {
        let text = P1.replacen(
            "title = \"固定人员不少于50人\"\nkind = \"hard\"",
            &format!("title = \"固定人员不少于50人\"\nkind = \"{kind}\""),
            1,
        );
        let err = refused(&text, "pack_invalid_value", "criteria[staff-count].check");
        assert!(err.contains(&format!("check `fixed_staff_min` cannot be used with kind `{kind}`")), "{err}");
    }
}

/// P1 with its one `from` replaced by `to`, loaded.
fn loaded(from: &str, to: &str) -> shenbao::rules::Pack {
    assert_eq!(P1.matches(from).count(), 1, "{from}");
    load_pack_str(&P1.replacen(from, to, 1), "P1-test.toml").unwrap_or_else(|e| panic!("{to}: {e}"))
}

/// P1 with its one `from` replaced by `to`, refused as an invalid value at `key` saying `words`.
fn invalid(from: &str, to: &str, key: &str, words: &str) {
    assert_eq!(P1.matches(from).count(), 1, "{from}");
    let err = refused(&P1.replacen(from, to, 1), "pack_invalid_value", key);
    assert!(err.contains(words), "{to}: {err}");
}

#[test]
fn a_message_template_with_an_unknown_or_unclosed_placeholder_is_refused() {
    let area = "exclude_usages = [\"办公\"]\ncheck = \"area_min\"";
    let with = |messages: &str| format!("{area}\nmessages = {{ {messages} }}");
    // Every placeholder known, text between and after them: loaded.
    loaded(area, &with("met = \"场地 {found}，达到 {required}\", unmet = \"尚差 {gap}：{title}。\""));
    let key = "criteria[area].messages.unmet";
    let unknown = "unknown placeholder {gaps}; use {found}, {required}, {gap} or {title}";
    invalid(area, &with("unmet = \"场地 {found}，尚差 {gaps}\""), key, unknown);
    invalid(area, &with("unmet = \"场地 {found}，尚差 {gap\""), key, "unclosed { in message template");
}

#[test]
fn a_negative_threshold_is_refused_and_zero_is_loaded() {
    let staff = "value = 50, unit = \"人\"";
    loaded(staff, "value = 0, unit = \"人\"");
    let key = "criteria[staff-count].threshold.value";
    invalid(staff, "value = -1, unit = \"人\"", key, "expected a non-negative integer");
}

#[test]
fn an_area_threshold_is_a_decimal_string_or_a_whole_number() {
    let area = "threshold = { value = \"2000\", unit = \"平方米\" }";
    let whole = loaded(area, "threshold = { value = 2000, unit = \"平方米\" }");
    let area_check =
        |p: &shenbao::rules::Pack| p.criteria.iter().find(|c| c.id == "area").unwrap().check.clone();
    let p1 = load_pack_str(P1, "P1.toml").unwrap();
    assert_eq!(area_check(&p1), area_check(&whole), "2000 and \"2000\" are the same threshold");
    let to = "threshold = { value = 2000.5, unit = \"平方米\" }";
    invalid(area, to, "criteria[area].threshold.value", "area as a decimal string");
}

#[test]
fn a_region_code_prefix_is_one_to_six_digits() {
    let region = "region = { code_prefix = \"14\", name = \"山西\" }";
    loaded(region, "region = { code_prefix = \"140105\", name = \"小店区\" }");
    for bad in ["1401050", "14A"] {
        invalid(
            region,
            &format!("region = {{ code_prefix = \"{bad}\", name = \"山西\" }}"),
            "criteria[lead-registered].region.code_prefix",
            "1 to 6 digits of the administrative division code",
        );
    }
}

#[test]
fn a_pack_without_criteria_is_loaded_only_when_it_is_for_reference() {
    let incubator = include_str!("../../assets/programmes/P7-incubator.toml");
    let without = &incubator[..incubator.find("[[criteria]]").expect("a criterion")];
    let pack = load_pack_str(without, "P7-incubator-test.toml").expect("a reference-only pack may have none");
    assert!(pack.criteria.is_empty());
    let full = without.replacen("coverage = \"reference_only\"\n", "", 1);
    assert_ne!(full, without);
    let err = load_pack_str(&full, "P7-incubator-test.toml").expect_err("refused");
    assert_eq!((err.code(), err.location().map(|l| l.key.as_str())), ("pack_missing_key", Some("criteria")));
    assert!(err.to_string().contains("a pack with full coverage needs at least one criterion"), "{err}");
}

#[test]
fn a_directions_range_may_be_one_number_and_not_upside_down() {
    let range = "range = { min = 3, max = 5, unit = \"个\" }";
    loaded(range, "range = { min = 4, max = 4, unit = \"个\" }");
    invalid(
        range,
        "range = { min = 5, max = 4, unit = \"个\" }",
        "criteria[directions].range",
        "max is below min",
    );
}

#[test]
fn a_pack_may_be_in_force_for_one_day_and_may_not_end_before_it_starts() {
    let day = |d| chrono::NaiveDate::from_ymd_opt(2024, 3, d).unwrap();
    let until = "until = 2024-05-10";
    let one_day = loaded(until, "until = 2024-03-11");
    assert_eq!((one_day.effective_from, one_day.effective_until), (Some(day(11)), Some(day(11))));
    invalid(until, "until = 2024-03-10", "effective.until", "ends before effective.from");
}

#[test]
fn a_commitment_limit_is_a_whole_percent_from_1_to_100() {
    let limit = "[commitment]\nmax_percent = 100\n";
    let with = |p: i64| format!("[commitment]\nmax_percent = {p}\n");
    for ok in [1, 100] {
        assert_eq!(loaded(limit, &with(ok)).commitment.expect("the limit").max_percent as i64, ok);
    }
    for bad in [0, 101, -1] {
        invalid(limit, &with(bad), "commitment.max_percent", "a whole percent from 1 to 100");
    }
}
