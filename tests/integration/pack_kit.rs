//! The pack authoring kit as an author runs it: `packs check` reads a pack back with its
//! warnings, `packs test` runs case files (one line per case, `N passed, N failed`, exit 1 on a
//! failure), `packs diff` lists what changed between two versions of a programme's pack.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn shenbao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shenbao"))
        .args(args)
        .env("SHENBAO_DB", "/nonexistent/never-opened.sqlite")
        .output()
        .expect("run shenbao")
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn path(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

#[test]
fn packs_test_prints_one_line_per_case_and_exits_1_on_a_failure() {
    let pack = root().join("assets/programmes/P2.toml");
    let cases = root().join("tests/cases/P2");
    let o = shenbao(&["packs", "test", path(&pack), path(&cases)]);
    let text = out(&o);
    assert_eq!(o.status.code(), Some(0), "{text}");
    // One line per case of the folder's files.
    let cases_written: usize = std::fs::read_dir(&cases)
        .unwrap()
        .map(|f| std::fs::read_to_string(f.unwrap().path()).unwrap())
        .map(|t| t.lines().filter(|l| l.trim() == "[[case]]").count())
        .sum();
    assert!(cases_written >= 20, "{cases_written}");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.last().copied(), Some(format!("{cases_written} passed, 0 failed").as_str()), "{text}");
    assert_eq!(lines.iter().filter(|l| l.starts_with("ok\t")).count(), cases_written, "{text}");

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("wrong.toml"),
        "programme = \"P2\"\nbase = \"sample-p1\"\nas_of = 2024-06-01\n\n\
         [[case]]\nname = \"主任为副高级，错误地期望符合\"\ndirector = { title = \"associate_senior\" }\n\
         expect = { director-title = \"met\" }\n\n\
         [[case]]\nname = \"正高级：符合\"\nexpect = { director-title = \"met\" }\n",
    )
    .unwrap();
    let o = shenbao(&["packs", "test", path(&pack), path(dir.path())]);
    let text = out(&o);
    assert_eq!(o.status.code(), Some(1), "{text}");
    assert!(text.contains("FAIL\twrong.toml\t主任为副高级，错误地期望符合"), "{text}");
    assert!(text.contains("`director-title` expected met, got unmet"), "{text}");
    assert!(text.contains("ok\twrong.toml\t正高级：符合"), "{text}");
    assert!(text.trim_end().ends_with("1 passed, 1 failed"), "{text}");

    // A folder without a case of this programme is bad input, not "0 passed".
    let o = shenbao(&["packs", "test", path(&pack), path(&root().join("tests/cases/P3"))]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("[no_cases]"));
}

#[test]
fn packs_check_lists_every_criterion_and_warns_about_a_criterion_without_cases_and_a_missing_clause() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join("assets/programmes/P2.toml")).unwrap();
    // A clause the measures do not have, and one case file that names only director-title.
    let bad = text.replacen("clause = \"第十条\"", "clause = \"第九十九条\"", 1);
    assert_ne!(bad, text);
    std::fs::write(dir.path().join("P2.toml"), bad).unwrap();
    let cases = dir.path().join("cases");
    std::fs::create_dir(&cases).unwrap();
    std::fs::write(
        cases.join("one.toml"),
        "programme = \"P2\"\nbase = \"sample-p1\"\n[[case]]\nname = \"x\"\nexpect = { director-title = \"met\" }\n",
    )
    .unwrap();
    // The measures' text, copied into the repository (tests/fixtures/seeds/README.md says from where).
    let seeds = root().join("tests/fixtures/seeds");
    let file = dir.path().join("P2.toml");
    let o = shenbao(&["packs", "check", path(&file), "--cases", path(&cases), "--documents", path(&seeds)]);
    let t = out(&o);
    assert_eq!(o.status.code(), Some(0), "{t}");
    assert!(t.contains("规则包 P2“山西省技术创新中心（常年受理）”"), "{t}");
    assert!(t.contains("director-title\thard\tdirector_title titles = [full_senior]"), "{t}");
    assert!(t.contains("area\thard\tarea_min ≥ 1000 平方米"), "{t}");
    assert!(t.contains("警告：条件 area 没有用例"), "{t}");
    assert!(!t.contains("条件 director-title 没有用例"), "{t}");
    assert!(t.contains("引用的条款“第九十九条”在《山西省技术创新中心管理办法（试行）》中找不到"), "{t}");
    // Every other clause of the built-in pack is found in the measures.
    assert_eq!(t.matches("找不到").count(), 1, "{t}");

    // Without the documents at hand, the clauses are said to be unchecked, not found.
    let o = shenbao(&["packs", "check", path(&file)]);
    let t = out(&o);
    assert!(t.contains("未核对："), "{t}");
    assert!(!t.contains("找不到"), "{t}");
}

#[test]
fn packs_check_refuses_a_bad_pack_with_its_line_and_key() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join("assets/programmes/P5.toml")).unwrap();
    let bad = text.replacen("require_legal_person = true", "require_legal_persn = true", 1);
    let file = dir.path().join("P5.toml");
    std::fs::write(&file, bad).unwrap();
    let o = shenbao(&["packs", "check", path(&file)]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("require_legal_persn"), "{err}");
}

/// issue 19 "Done when": a pack for a fictional 2025 notice (area threshold 500 → 800 m², a
/// fixed-staff criterion added, the field criterion removed), written from docs/packs.md with its
/// cases, passes `packs check` and `packs test`, imports into the app, and `packs diff` lists
/// exactly the three changes — also in the diff the window shows before the import.
#[test]
fn a_fictional_2025_pack_checks_tests_imports_and_diffs_to_exactly_three_changes() {
    let dir = root().join("tests/fixtures/pack-2025");
    let pack = dir.join("P5-2025.toml");
    let cases = dir.join("cases");

    let o = shenbao(&["packs", "check", path(&pack), "--cases", path(&cases)]);
    let t = out(&o);
    assert_eq!(o.status.code(), Some(0), "{t}");
    assert!(t.contains("生效 2025-03-20 至 2025-06-06"), "{t}");
    assert!(
        t.contains(
            "staff-count\thard\tfixed_staff_min ≥ 10 人\t《2025年吕梁市技术创新中心申报通知》二（三）3"
        ),
        "{t}"
    );
    assert!(t.trim_end().ends_with("0 项警告"), "{t}");
    assert!(!t.contains("未核对"), "the fictional notice is beside the pack: {t}");

    let o = shenbao(&["packs", "test", path(&pack), path(&cases)]);
    let t = out(&o);
    assert_eq!(o.status.code(), Some(0), "{t}");
    assert_eq!(t.lines().last(), Some("10 passed, 0 failed"), "{t}");

    let old = root().join("assets/programmes/P5.toml");
    let o = shenbao(&["packs", "diff", path(&old), path(&pack)]);
    let t = out(&o);
    assert_eq!(o.status.code(), Some(0), "{t}");
    let changes: Vec<&str> = t
        .lines()
        .map(str::trim_start)
        .filter(|l| l.starts_with("新增 ") || l.starts_with("删除 ") || l.starts_with("修改 "))
        .collect();
    assert_eq!(changes.len(), 3, "{t}");
    assert!(changes.iter().any(|l| l.starts_with("新增 staff-count") && l.contains("≥ 10 人")), "{t}");
    assert!(changes.iter().any(|l| l.starts_with("删除 field")), "{t}");
    assert!(
        changes
            .iter()
            .any(|l| l.starts_with("修改 area") && l.contains("≥ 500 平方米") && l.contains("≥ 800 平方米")),
        "{t}"
    );
    assert!(t.contains("失效日期：— → 2025-06-06"), "{t}");

    // Imported into the app: the window's diff before the import is the same three changes, and
    // afterwards the programme's checks use the 2025 pack.
    let db = crate::common::TempDb::new();
    let mut store = db.open();
    let text = std::fs::read_to_string(&pack).unwrap();
    let shown = shenbao::service::import_pack_diff(&store, "P5-2025.toml", &text).unwrap().expect("a diff");
    let ids: Vec<&str> = shown.criteria.iter().map(|c| c.id()).collect();
    assert_eq!(ids, ["area", "field", "staff-count"], "{:?}", shown.lines());
    shenbao::service::import_pack(&mut store, "P5-2025.toml", &text).unwrap();
    let mut app = crate::common::sample();
    app.programme = "P5".into();
    let id = store.insert_application(&app).unwrap();
    let app = store.load_application(id).unwrap();
    let chosen = shenbao::service::choose_pack_in_store(&store, &app, None).unwrap();
    assert_eq!(chosen.effective_until, chrono::NaiveDate::from_ymd_opt(2025, 6, 6));
    assert!(chosen.criteria.iter().any(|c| c.id == "staff-count"));
    assert!(!chosen.criteria.iter().any(|c| c.id == "field"));
    // Importing the same pack again changes nothing.
    let again = shenbao::service::import_pack_diff(&store, "P5-2025.toml", &text).unwrap().expect("a diff");
    assert!(again.is_empty(), "{:?}", again.lines());
}

/// A pack past its end date keeps judging an application dated inside its period and says so;
/// an application dated after it is told to look for a new notice; before the end, neither.
#[test]
fn a_pack_past_its_end_date_keeps_working_for_applications_dated_inside_it_and_says_so() {
    let pack = shenbao::rules::builtin_pack("P1").unwrap();
    let app = crate::common::sample();
    let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let check = |as_of, today| {
        shenbao::service::check(&app, &pack, &shenbao::rules::UnknownCross, as_of, today).notices.join("\n")
    };
    // Today is after 2024-05-10; the application's reference date (the pack's, 2024-05-06) is inside.
    let later = check(None, day(2026, 12, 2));
    assert!(
        later.contains(
            "本规则有效期已于 2024-05-10 截止；本申报的参考日期 2024-05-06 在有效期内，仍按本规则核对"
        ),
        "{later}"
    );
    let after = check(Some(day(2024, 6, 1)), day(2026, 12, 2));
    assert!(after.contains("晚于本规则有效期截止日期 2024-05-10"), "{after}");
    assert!(!after.contains("仍按本规则核对"), "{after}");
    let during = check(None, day(2024, 4, 1));
    assert!(!during.contains("截止；"), "{during}");
}

/// P2 models the trial measures: every check of it says at the top that they may have been
/// superseded by 晋科规〔2023〕3号 (pack data, not code).
#[test]
fn every_p2_check_says_it_may_be_superseded() {
    let pack = shenbao::rules::builtin_pack("P2").unwrap();
    let mut app = crate::common::sample();
    app.programme = "P2".into();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    let a = shenbao::service::check(&app, &pack, &shenbao::rules::UnknownCross, None, today);
    assert!(
        a.notices
            .first()
            .is_some_and(|n| n.starts_with("本规则依据试行办法，可能已被晋科规〔2023〕3号替代，请核对")),
        "{:?}",
        a.notices
    );
}

/// A reference date outside the pack's period is noticed from the day before it begins and from
/// the day after it ends; on its first and last day, and between, nothing is said.
#[test]
fn a_reference_date_outside_the_packs_period_is_noticed_from_the_day_beyond_each_end() {
    let pack = shenbao::rules::builtin_pack("P1").unwrap();
    let app = crate::common::sample();
    let (from, until) = (pack.effective_from.unwrap(), pack.effective_until.unwrap());
    let notices = |day: chrono::NaiveDate| {
        shenbao::service::check(&app, &pack, &shenbao::rules::UnknownCross, Some(day), day).notices.join("\n")
    };
    let before = from.pred_opt().unwrap();
    let early = notices(before);
    assert!(early.contains(&format!("参考日期 {before} 早于本规则生效日期 {from}")), "{early}");
    for day in [from, from.succ_opt().unwrap(), until.pred_opt().unwrap(), until] {
        let inside = notices(day);
        assert!(
            !inside.contains("早于本规则生效日期") && !inside.contains("晚于本规则有效期"),
            "{day}: {inside}"
        );
    }
    let after = until.succ_opt().unwrap();
    let late = notices(after);
    assert!(late.contains(&format!("参考日期 {after} 晚于本规则有效期截止日期 {until}")), "{late}");
}

/// An application checked against another programme than the one it chose is told so at the top;
/// one that has chosen none yet, or the same one, is not.
#[test]
fn a_check_against_another_programme_than_the_chosen_one_says_so() {
    let pack = shenbao::rules::builtin_pack("P1").unwrap();
    let day = chrono::NaiveDate::from_ymd_opt(2024, 5, 6).unwrap();
    let notices = |programme: &str| {
        let mut app = crate::common::sample();
        app.programme = programme.into();
        shenbao::service::check(&app, &pack, &shenbao::rules::UnknownCross, None, day).notices.join("\n")
    };
    let other = notices(" P2 ");
    assert!(other.contains("申报书所选申报类型为“P2”，本次按“P1”核对。"), "{other}");
    for chosen in ["P1", "", "  "] {
        let n = notices(chosen);
        assert!(!n.contains("申报书所选申报类型"), "{chosen:?}: {n}");
    }
}

/// A pack limited to some categories (综合类/领域类) says so when the application's category is
/// outside them, and only then; a pack without the limit says nothing.
#[test]
fn a_category_outside_the_packs_categories_is_noticed_and_only_then() {
    use shenbao::model::Category;
    let day = chrono::NaiveDate::from_ymd_opt(2024, 5, 6).unwrap();
    let notices = |categories: Vec<Category>, category: Category| {
        let mut pack = shenbao::rules::builtin_pack("P1").unwrap();
        pack.categories = categories;
        let mut app = crate::common::sample();
        app.category = category;
        shenbao::service::check(&app, &pack, &shenbao::rules::UnknownCross, None, day).notices.join("\n")
    };
    let outside = notices(vec![Category::Field], Category::Comprehensive);
    assert!(outside.contains("所选类别（综合类/领域类）不在本申报类型的范围内"), "{outside}");
    for (categories, category) in [
        (vec![Category::Field], Category::Field),
        (vec![], Category::Comprehensive),
        (vec![], Category::Field),
    ] {
        let n = notices(categories.clone(), category);
        assert!(!n.contains("不在本申报类型的范围内"), "{categories:?} {category:?}: {n}");
    }
}
