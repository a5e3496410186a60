//! Programme packs and the eligibility engine, driven by the case files in tests/cases/.
//! Each case file names a base application, the facts each case changes, the reference date and
//! the expected statuses; the runner is `shenbao::packkit::cases` (also `shenbao packs test`).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use shenbao::interchange::application_from_json;
use shenbao::model::Application;
use shenbao::rules::{
    builtin_ids, builtin_pack, builtin_packs, evaluate, load_pack_file, load_pack_str, report_text,
    resolve_as_of, CrossAnswer, CrossCheck, CrossView, PackError, UnknownCross,
};

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases")
}

/// A registry view that has been checked and found nothing: lets a case reach 符合申报条件.
struct ClearCross;

impl CrossView for ClearCross {
    fn answer(&self, _: CrossCheck, _: &Application, _: NaiveDate) -> CrossAnswer {
        CrossAnswer::Clear
    }
}

/// Every built-in pack's cases, run through the same service function as `shenbao packs test`
/// (scripts/test.sh also runs the command once per pack).
#[test]
fn case_files_pass() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let today = NaiveDate::from_ymd_opt(2026, 12, 2).expect("date");
    let (mut total, mut failures) = (0, Vec::new());
    for id in builtin_ids() {
        let file = root.join("assets/programmes").join(format!("{id}.toml"));
        let run =
            shenbao::service::test_pack(&file, &cases_dir(), today).unwrap_or_else(|e| panic!("{id}: {e}"));
        total += run.outcomes.len();
        for o in run.outcomes.iter().filter(|o| !o.passed()) {
            failures.push(format!("{id} {} «{}»: {}", o.file, o.name, o.failures.join("; ")));
        }
    }
    assert!(total > 250, "only {total} cases ran");
    assert!(failures.is_empty(), "{} of {total} cases failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_builtin_pack_loads() {
    let packs = builtin_packs().expect("built-in packs load");
    assert_eq!(packs.len(), builtin_ids().count());
    // Each listed id finds its own pack (the file's `id` is the one listed).
    for id in builtin_ids() {
        assert_eq!(shenbao::rules::builtin_pack(id).expect(id).id, id);
    }
    for p in &packs {
        for c in &p.criteria {
            assert!(!c.citation.clause.is_empty(), "{} {}", p.id, c.id);
        }
    }
}

/// Every criterion id of criteria.md, per programme.
#[test]
fn packs_cover_the_catalogue() {
    let want: &[(&str, &[&str])] = &[
        (
            "P1",
            &[
                "one-per-year",
                "not-already-built",
                "no-double-resources",
                "comprehensive-recommendation",
                "field",
                "strategy-fit",
                "hosts-legal-entity",
                "hosts-count",
                "lead-registered",
                "lead-led-tasks",
                "lead-own-ip",
                "lead-share",
                "other-hosts-staff",
                "other-hosts-conditions",
                "enterprise-lead",
                "non-enterprise-lead",
                "co-build-agreement",
                "director-age",
                "director-title",
                "director-record",
                "director-employer",
                "director-full-time",
                "staff-count",
                "staff-employer",
                "staff-exclusive",
                "independent-body",
                "area",
                "instruments",
                "rd-investment",
                "integrity",
                "safety-permits",
                "safety-self-check",
                "directions",
                "name-characters",
                "name-unique",
                "name-no-enterprise",
                "declassified",
                "priority-1",
                "priority-2",
                "priority-3",
                "priority-4",
                "priority-5",
                "priority-6",
                "priority-7",
                "priority-8",
                "instruments-shared",
                "single-recommendation",
                "measures-read",
                "comprehensive-invitation",
            ],
        ),
        (
            "P2",
            &[
                "lead-registered",
                "lead-capability",
                "own-ip",
                "director-title",
                "area",
                "field",
                "integrity",
                "name-pattern",
                "independent-entity",
            ],
        ),
        (
            "P3",
            &[
                "lead-registered",
                "own-ip",
                "director-title",
                "staff-count",
                "area",
                "instruments",
                "rd-investment",
                "field",
                "integrity",
                "conversion",
                "lead-capability",
                "independent-entity",
                "name-pattern",
            ],
        ),
        (
            "P4",
            &[
                "host-registered",
                "strategy-fit",
                "team-size",
                "team-quality",
                "director-title",
                "no-concurrent",
                "instruments",
                "safety-site",
                "measures",
            ],
        ),
        (
            "P5",
            &["lead-registered", "own-ip", "director-title", "area", "field", "integrity", "lead-capability"],
        ),
        ("P6", &["core-members", "members-total", "measures", "field", "composition"]),
    ];
    for (id, ids) in want {
        let p = builtin_pack(id).expect("pack");
        let have: Vec<&str> = p.criteria.iter().map(|c| c.id.as_str()).collect();
        for w in *ids {
            assert!(have.contains(w), "{id} lacks criterion {w}");
        }
    }
    for id in ["P1", "P3"] {
        assert!(builtin_pack(id).expect("pack").cultivation.is_some(), "{id} allows 筹建");
    }
    for id in ["P7-key-lab", "P7-incubator", "P7-maker-space", "P7-new-rd", "P7-star-space"] {
        let p = builtin_pack(id).expect("pack");
        let attests = p.criteria.iter().filter(|c| c.kind == shenbao::rules::Kind::Attest).count();
        assert_eq!(attests, 1, "{id}: one attestation");
        // The only number-free condition a notice states itself: 新型研发机构 registered in 吕梁市.
        let hard = p.criteria.iter().filter(|c| c.kind == shenbao::rules::Kind::Hard).count();
        assert_eq!(hard, usize::from(id == "P7-new-rd"), "{id}: hard criteria");
        assert!(p.document.number.is_some(), "{id}: document number");
        assert!(p.notes.iter().any(|n| n.contains("未内置")), "{id}: says conditions are not built in");
    }
}

/// Pack errors name the file, the line and the key.
#[test]
fn strict_loading_errors() {
    builtin_pack("P6").expect("P6 loads unedited");
    let base = include_str!("../../assets/programmes/P6.toml");
    type Edit = (&'static str, fn(&str) -> String, &'static str, &'static str);
    let cases: &[Edit] = &[
        (
            "unknown key",
            |t| t.replacen("check = \"hosts_count_min\"", "check = \"hosts_count_min\"\nthreshhold = 1", 1),
            "pack_unknown_key",
            "threshhold",
        ),
        (
            "missing citation",
            |t| {
                t.replacen("citation = { document = \"吕梁市平台申报通知\", clause = \"二（四）\" }\n", "", 1)
            },
            "pack_missing_citation",
            "criteria[core-members].citation",
        ),
        (
            "empty clause",
            |t| t.replacen("clause = \"二（四）\"", "clause = \"\"", 1),
            "pack_missing_citation",
            "criteria[core-members].citation.clause",
        ),
        (
            "threshold without unit",
            |t| t.replacen("{ value = 6, unit = \"家\" }", "{ value = 6 }", 1),
            "pack_bad_unit",
            "criteria[core-members].threshold.unit",
        ),
        (
            "wrong unit",
            |t| t.replacen("{ value = 6, unit = \"家\" }", "{ value = 6, unit = \"人\" }", 1),
            "pack_bad_unit",
            "criteria[core-members].threshold.unit",
        ),
        (
            "unknown kind",
            |t| t.replacen("kind = \"hard\"", "kind = \"must\"", 1),
            "pack_unknown_kind",
            "criteria[core-members].kind",
        ),
        (
            "unknown check",
            |t| t.replacen("check = \"hosts_count_min\"", "check = \"members_min\"", 1),
            "pack_unknown_check",
            "criteria[core-members].check",
        ),
        (
            "duplicate id",
            |t| t.replacen("id = \"members-total\"", "id = \"core-members\"", 1),
            "pack_duplicate_id",
            "criteria.id",
        ),
        ("syntax", |t| t.replacen("kind = \"hard\"", "kind = hard", 1), "pack_syntax", ""),
        (
            "core members counted by a check that does not read them",
            |t| t.replacen("kind = \"warn\"\n", "kind = \"warn\"\ncore_members_only = true\n", 1),
            "pack_invalid_value",
            "criteria[members-total].core_members_only",
        ),
        (
            "a site key on a member count",
            |t| t.replacen("core_members_only = true", "exclude_usages = [\"办公\"]", 1),
            "pack_invalid_value",
            "criteria[core-members].exclude_usages",
        ),
    ];
    for (name, edit, code, key) in cases {
        let text = edit(base);
        assert_ne!(text, base, "{name}: the edit did not apply");
        let err = load_pack_str(&text, "P6-test.toml").expect_err(name);
        assert_eq!(err.code(), *code, "{name}: {err}");
        let at = err.location().expect("a location");
        assert_eq!(at.file, "P6-test.toml");
        assert!(at.line > 0, "{name}: line");
        if !key.is_empty() {
            assert_eq!(at.key, *key, "{name}: {err}");
        }
        let shown = err.to_string();
        assert!(shown.contains("P6-test.toml") && shown.contains(&format!("第 {} 行", at.line)), "{shown}");
    }
    // The unknown key's line is the line it is written on.
    let text = base.replacen("check = \"hosts_count_min\"", "check = \"hosts_count_min\"\nthreshhold = 1", 1);
    let line = text.lines().position(|l| l.starts_with("threshhold")).expect("line") + 1;
    let err = load_pack_str(&text, "x.toml").expect_err("unknown key");
    assert_eq!(err.location().map(|l| l.line), Some(line));
}

#[test]
fn pack_file_loads_at_run_time() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("next-year.toml");
    let text = include_str!("../../assets/programmes/P3.toml").replace("id = \"P3\"", "id = \"P3-2025\"");
    std::fs::write(&path, text).expect("write");
    let p = load_pack_file(&path).expect("loads");
    assert_eq!(p.id, "P3-2025");
    let missing = load_pack_file(&dir.path().join("nope.toml")).expect_err("missing file");
    assert!(matches!(missing, PackError::Io { .. }));
    assert!(matches!(builtin_pack("P99"), Err(PackError::UnknownProgramme { .. })));
}

/// The sample application against P1, as verified by hand against the notice (see
/// tests/cases/P1/sample.toml for the per-criterion expectations).
#[test]
fn sample_report_and_json() {
    use shenbao::rules::{Kind, Status};
    let pack = builtin_pack("P1").expect("P1");
    let app = application_from_json(shenbao::samples::SAMPLE_P1).expect("sample");
    let as_of = resolve_as_of(&pack, &app, None).expect("P1 has a reference date");
    assert_eq!(as_of, NaiveDate::from_ymd_opt(2024, 5, 6).expect("date"));
    let a = evaluate(&pack, &app, &UnknownCross, as_of);
    let json = serde_json::to_value(&a).expect("json");
    for key in ["verdict", "criteria", "strengths", "duplicates", "programme", "as_of"] {
        assert!(json.get(key).is_some(), "JSON lacks {key}");
    }
    for key in ["id", "kind", "status", "found", "required", "gap", "message", "citation"] {
        assert!(json["criteria"][0].get(key).is_some(), "criterion JSON lacks {key}");
    }
    assert_eq!(json["as_of"], "2024-05-06");
    assert_eq!(json["verdict"], "incomplete");
    let text = report_text(&a);
    assert!(text.contains("结论：待补充"), "{text}");
    assert!(text.contains("【待补充】"), "{text}");
    assert!(
        text.contains("固定人员 60 人，要求不少于 50 人（《2024年省创中心申报通知》二（四）3）"),
        "{text}"
    );
    // Each condition once, under its status; a priority-support item only in its own section,
    // never as a condition met or unmet.
    for c in &a.criteria {
        let as_condition = format!("- [{}] {}：", c.id, c.title);
        let expected = usize::from(c.kind != Kind::PrioritySupport);
        assert_eq!(text.matches(&as_condition).count(), expected, "{}\n{text}", c.id);
    }
    // The priority section: how many are met, then the others by id.
    let priority: Vec<_> = a.criteria.iter().filter(|c| c.kind == Kind::PrioritySupport).collect();
    let others: Vec<&str> =
        priority.iter().filter(|c| c.status != Status::Met).map(|c| c.id.as_str()).collect();
    assert!(
        !others.is_empty() && others.len() < priority.len(),
        "the sample meets some, not all: {others:?}"
    );
    let header = format!("\n【优先支持】符合 {} 项（未符合的不影响结论）\n", priority.len() - others.len());
    assert!(text.contains(&header), "{text}");
    assert!(text.ends_with(&format!("  未符合或未确认：{}\n", others.join("、"))), "{text}");
    assert!(a.duplicates.is_empty() && !text.contains("【重复或冲突】"), "no such section without any");
}

/// The status of criterion `id` when `app` is judged by programme `programme` with a clear registry.
fn status_of(programme: &str, app: &Application, id: &str) -> String {
    let pack = builtin_pack(programme).expect("pack");
    let as_of = NaiveDate::from_ymd_opt(2024, 6, 1).expect("date");
    let a = evaluate(&pack, app, &ClearCross, as_of);
    let json = serde_json::to_value(&a).expect("json");
    let c = json["criteria"].as_array().and_then(|l| l.iter().find(|c| c["id"] == id)).expect("criterion");
    format!("{} — {}", c["status"].as_str().unwrap_or_default(), c["message"].as_str().unwrap_or_default())
}

fn sample() -> Application {
    application_from_json(shenbao::samples::SAMPLE_P1).expect("sample")
}

#[test]
fn central_registered_institute_declared_in_taiyuan_passes_p1_lead_registered() {
    let mut app = sample();
    let lead = &mut app.host_units[0];
    lead.kind = shenbao::model::UnitKind::ResearchInstitute;
    lead.uscc = "121000004057193637".into();
    lead.registered_region = "太原市".into();
    let got = status_of("P1", &app, "lead-registered");
    assert!(got.starts_with("met — "), "{got}");
}

#[test]
fn provincially_registered_university_declared_in_lvliang_passes_p4_host_registered() {
    let mut app = sample();
    for (h, code) in
        app.host_units.iter_mut().zip(["91141102317584622T", "12140000405621833C", "12141181405719363K"])
    {
        h.uscc = code.into();
        h.registered_region = "山西省吕梁市".into();
    }
    assert_eq!(app.host_units[1].kind, shenbao::model::UnitKind::University);
    let got = status_of("P4", &app, "host-registered");
    assert!(got.starts_with("met — "), "{got}");
}

#[test]
fn a_taiyuan_code_declared_in_lvliang_is_a_warning_to_check_not_a_failure() {
    let mut app = sample();
    for (h, code) in
        app.host_units.iter_mut().zip(["91140105317584622R", "12141102405621833T", "12141181405719363K"])
    {
        h.uscc = code.into();
        h.registered_region = "山西省吕梁市".into();
    }
    let got = status_of("P4", &app, "host-registered");
    assert!(got.starts_with("warning — ") && got.contains("140105"), "{got}");
}

#[test]
fn p6_counts_only_core_members_toward_the_six_and_every_member_toward_fifteen() {
    let mut app = sample();
    let template = app.host_units[2].clone();
    for k in 0..10 {
        let mut h = template.clone();
        h.name = format!("普通成员{k}");
        h.uscc = format!("9114110{k:03}TESTXXXX");
        app.host_units.push(h);
    }
    for h in app.host_units.iter_mut().take(3) {
        h.core_member = true;
    }
    assert!(status_of("P6", &app, "core-members").starts_with("unmet — "));
    assert!(status_of("P6", &app, "members-total").starts_with("met — "));
    for h in app.host_units.iter_mut().take(6) {
        h.core_member = true;
    }
    assert!(status_of("P6", &app, "core-members").starts_with("met — "));
}

#[test]
fn p1_area_leaves_office_space_out_and_says_so() {
    let app = sample();
    let got = status_of("P1", &app, "area");
    assert!(got.contains("2514.5 平方米") && got.contains("不计入用途为办公的 2 处 346 平方米"), "{got}");
}

#[test]
fn the_window_shows_registration_place_core_members_and_headquarters_only_where_a_pack_reads_them() {
    let uses = |id: &str, input: &str| builtin_pack(id).expect("pack").presentation.uses(input);
    assert!(uses("P1", "hosts[].registered_region") && !uses("P1", "sites[].headquarters"));
    assert!(!uses("P1", "hosts[].core_member"));
    assert!(uses("P2", "hosts[].registered_region") && uses("P2", "sites[].headquarters"));
    assert!(uses("P6", "hosts[].core_member") && !uses("P6", "hosts[].registered_region"));
}

/// A row just added with 添加一行 (no title yet) is a state of editing, not an achievement: the
/// lead's own-IP criterion and the lead's share of achievements read as before it was added.
#[test]
fn an_untitled_achievement_row_is_not_counted() {
    let pack = builtin_pack("P1").expect("P1");
    let mut app = application_from_json(shenbao::samples::SAMPLE_P1).expect("sample");
    let lead = app.host_units[0].uscc.clone();
    app.host_units[0].own_ip = false;
    app.host_units[0].applied_results = false;
    app.achievements.clear();
    let as_of = resolve_as_of(&pack, &app, None).expect("date");
    let status = |app: &Application, id: &str| {
        let a = evaluate(&pack, app, &UnknownCross, as_of);
        let c = a.criteria.iter().find(|c| c.id == id).expect(id).clone();
        (serde_json::to_value(c.status).expect("status"), c.found.clone())
    };
    let before = (status(&app, "lead-own-ip"), status(&app, "lead-share"));
    app.achievements.push(shenbao::model::Achievement {
        id: None,
        kind: shenbao::model::AchievementKind::InventionPatent,
        identifier: String::new(),
        title: "  ".into(),
        owner_uscc: lead.clone(),
        date: None,
        applied: true,
    });
    assert_eq!((status(&app, "lead-own-ip"), status(&app, "lead-share")), before);
    app.achievements[0].title = "一种碳材料的制备方法".into();
    assert_ne!(status(&app, "lead-own-ip"), before.0, "a titled patent of the lead counts");
}

/// Roster rows left out of the staff count (here an ID number with a wrong check digit) are named
/// under the conditions that count staff, and under no other condition.
#[test]
fn rows_left_out_of_the_staff_count_are_named_only_under_the_conditions_that_count_staff() {
    let mut app = sample();
    app.people[5].id_doc.number = "140109197609142495".into();
    let pack = builtin_pack("P1").unwrap();
    let a = evaluate(&pack, &app, &ClearCross, NaiveDate::from_ymd_opt(2024, 5, 6).unwrap());
    for id in ["staff-count", "staff-employer", "lead-share", "other-hosts-staff"] {
        let m = &a.result(id).unwrap().message;
        assert!(m.contains("人员名单 1 行数据有误，未计入：第6行"), "{id}: {m}");
    }
    for id in ["area", "instruments", "rd-investment", "director-age", "hosts-count", "field"] {
        let m = &a.result(id).unwrap().message;
        assert!(!m.contains("行数据有误"), "{id}: {m}");
    }
}

/// A co-builder's draft for a programme that asks nothing of a co-builder on its own (P2) is never
/// 符合: every condition is the lead's to judge, and the verdict says there is nothing of the
/// unit's own to judge.
#[test]
fn a_co_builders_part_with_no_condition_of_its_own_is_never_a_pass() {
    use shenbao::rules::{evaluate_as, Judged, Status, Verdict};
    let pack = builtin_pack("P2").unwrap();
    let as_of = NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
    let app = sample();
    let part = evaluate_as(&pack, &app, &ClearCross, as_of, Judged::CoBuilderPart);
    assert!(
        part.criteria.iter().all(|c| matches!(c.status, Status::ByLead | Status::NotApplicable)),
        "{:?}",
        part.criteria.iter().map(|c| (&c.id, c.status)).collect::<Vec<_>>()
    );
    assert_eq!(part.verdict, Verdict::Incomplete);
    assert_eq!(part.verdict_label, "本单位部分：无单独条件");
}

/// The built-in pack `id` with its one occurrence of `from` replaced by `to`.
fn builtin_pack_changed(id: &str, from: &str, to: &str) -> shenbao::rules::Pack {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("assets/programmes/{id}.toml")),
    )
    .unwrap();
    assert_eq!(text.matches(from).count(), 1, "{from}");
    load_pack_str(&text.replace(from, to), &format!("{id}-changed.toml")).unwrap()
}

/// P1 with the `area` criterion's lines from `applies` to `check` replaced by `lines`.
fn p1_with_area_lines(lines: &str) -> shenbao::rules::Pack {
    let area = "applies = { category = [\"field\"] }\nexclude_usages = [\"办公\"]\ncheck = \"area_min\"";
    builtin_pack_changed("P1", area, lines)
}

/// A pack may limit any condition to some kinds of first host unit (`applies.lead_kind`), not only
/// the conditions whose check looks at the kind: another kind of lead is then not judged on it.
#[test]
fn a_condition_a_pack_limits_to_a_kind_of_lead_is_not_applied_to_another_kind() {
    use shenbao::model::UnitKind;
    use shenbao::rules::Status;
    let pack = p1_with_area_lines(
        "applies = { category = [\"field\"], lead_kind = [\"university\"] }\nexclude_usages = [\"办公\"]\ncheck = \"area_min\"",
    );
    let as_of = NaiveDate::from_ymd_opt(2024, 5, 6).unwrap();
    let mut app = sample();
    assert_eq!(app.host_units[0].kind, UnitKind::Enterprise);
    let r = evaluate(&pack, &app, &ClearCross, as_of).result("area").cloned().unwrap();
    assert_eq!(r.status, Status::NotApplicable, "{}", r.message);
    assert!(r.message.starts_with("第一依托单位类型不适用此条件"), "{}", r.message);
    app.host_units[0].kind = UnitKind::University;
    let r = evaluate(&pack, &app, &ClearCross, as_of).result("area").cloned().unwrap();
    assert_eq!(r.status, Status::Met, "{}", r.message);
}

/// A pack's own message templates (`messages.met`, `messages.unmet`) word the condition's message,
/// with the figures filled in and the citation after it.
#[test]
fn a_packs_message_templates_word_the_met_and_the_unmet_message() {
    use shenbao::quantity::AreaM2;
    use shenbao::rules::Status;
    let pack = p1_with_area_lines(
        "applies = { category = [\"field\"] }\nexclude_usages = [\"办公\"]\ncheck = \"area_min\"\n\
         messages = { met = \"场地 {found}，达到 {required}\", unmet = \"场地 {found}，尚差 {gap}：{title}\" }",
    );
    let as_of = NaiveDate::from_ymd_opt(2024, 5, 6).unwrap();
    let mut app = sample();
    let met = evaluate(&pack, &app, &ClearCross, as_of).result("area").cloned().unwrap();
    assert_eq!(met.status, Status::Met, "{}", met.message);
    let (found, required) = (met.found.clone().unwrap(), met.required.clone().unwrap());
    assert_eq!(met.message, format!("场地 {found}，达到 {required}（{}）", met.citation));
    for site in &mut app.sites {
        site.area = AreaM2::whole(100);
    }
    let unmet = evaluate(&pack, &app, &ClearCross, as_of).result("area").cloned().unwrap();
    assert_eq!(unmet.status, Status::Unmet, "{}", unmet.message);
    let (found, gap) = (unmet.found.clone().unwrap(), unmet.gap.clone().unwrap());
    assert_eq!(
        unmet.message,
        format!("场地 {found}，尚差 {gap}：研发场地面积不少于2000平方米（{}）", unmet.citation)
    );
}

/// P4 with its team-quality share changed from 50 % to `percent`.
fn p4_with_team_quality(percent: u32) -> shenbao::rules::Pack {
    let half = "threshold = { value = 50, unit = \"%\" }\neducation_min";
    let changed = format!("threshold = {{ value = {percent}, unit = \"%\" }}\neducation_min");
    builtin_pack_changed("P4", half, &changed)
}

/// The sample with every person a doctor, then its first `n` fixed members 大专 and 初级.
fn team_with_unqualified(n: usize) -> Application {
    use shenbao::model::{Education, Role, Title};
    let mut app = sample();
    for p in &mut app.people {
        p.education = Education::Doctorate;
    }
    for p in app.people.iter_mut().filter(|p| p.role == Role::Fixed).take(n) {
        p.education = Education::College;
        p.title = Title::Junior;
    }
    app
}

/// The team-quality gap names the fewest members to qualify and the fewest qualified members to
/// add, each the smallest number that reaches the share (rounded up, never down). At 60 %, 29 of
/// 60: 7 to qualify (36/60), or 18 to add (47/78 = 60.3 %; 17 give 46/77 = 59.7 %); 28 of 60:
/// 8 to qualify, or 20 to add (48/80, exactly 60 %).
#[test]
fn the_team_quality_gap_is_the_fewest_members_that_reach_the_share() {
    use shenbao::rules::Status;
    let as_of = NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
    let r = evaluate(&p4_with_team_quality(60), &team_with_unqualified(31), &ClearCross, as_of)
        .result("team-quality")
        .cloned()
        .unwrap();
    assert_eq!(r.status, Status::Unmet, "{}", r.message);
    assert_eq!(r.found.as_deref(), Some("29/60 人（48.3%）"), "{}", r.message);
    assert_eq!(
        r.gap.as_deref(),
        Some("现有人员中尚需 7 人达到要求，或新增 18 名符合条件的人员"),
        "{}",
        r.message
    );
    // 28 of 60: 20 added give 48/80, exactly 60 %, which reaches the share.
    let r = evaluate(&p4_with_team_quality(60), &team_with_unqualified(32), &ClearCross, as_of)
        .result("team-quality")
        .cloned()
        .unwrap();
    assert_eq!(
        r.gap.as_deref(),
        Some("现有人员中尚需 8 人达到要求，或新增 20 名符合条件的人员"),
        "{}",
        r.message
    );
}

/// A pack may ask every member of the team to qualify (100 %). Adding qualified members then never
/// closes the gap, so the gap names only the members still to qualify (and nothing divides by
/// the zero share left to newcomers).
#[test]
fn a_team_quality_of_every_member_names_only_the_members_still_to_qualify() {
    use shenbao::rules::Status;
    let as_of = NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
    let pack = p4_with_team_quality(100);
    let all = evaluate(&pack, &team_with_unqualified(0), &ClearCross, as_of)
        .result("team-quality")
        .cloned()
        .unwrap();
    assert_eq!(all.status, Status::Met, "{}", all.message);
    let r = evaluate(&pack, &team_with_unqualified(2), &ClearCross, as_of)
        .result("team-quality")
        .cloned()
        .unwrap();
    assert_eq!(r.status, Status::Unmet, "{}", r.message);
    assert_eq!(r.gap.as_deref(), Some("现有人员中尚需 2 人达到要求"), "{}", r.message);
}

/// A minimum of units without `core_members_only` counts every unit, core member or not.
#[test]
fn a_minimum_of_units_not_limited_to_core_members_counts_every_unit() {
    use shenbao::rules::Status;
    let as_of = NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
    let app = sample();
    assert_eq!(app.host_units.len(), 3);
    assert!(app.host_units.iter().all(|h| !h.core_member));
    let every_unit = "core_members_only = true\ncheck = \"hosts_count_min\"\nthreshold = { value = 3,";
    let pack = builtin_pack_changed(
        "P6",
        "core_members_only = true\ncheck = \"hosts_count_min\"\nthreshold = { value = 6,",
        &every_unit.replace("core_members_only = true\n", ""),
    );
    let r = evaluate(&pack, &app, &ClearCross, as_of).result("core-members").cloned().unwrap();
    assert_eq!(r.status, Status::Met, "{}", r.message);
    assert!(r.message.starts_with("依托（成员）单位 3 家，要求不少于 3 家"), "{}", r.message);
    let pack = builtin_pack_changed(
        "P6",
        "core_members_only = true\ncheck = \"hosts_count_min\"\nthreshold = { value = 6,",
        every_unit,
    );
    let r = evaluate(&pack, &app, &ClearCross, as_of).result("core-members").cloned().unwrap();
    assert_eq!(r.status, Status::Unmet, "{}", r.message);
}
