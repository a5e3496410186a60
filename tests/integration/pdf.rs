//! PDF export, read back with poppler-utils and qpdf: page size, mirrored margins, page
//! numbers, parts on odd pages, every sample value printed, embedded subsets, rare characters,
//! determinism. A missing tool fails the test (see `common::missing_tool` for the opt-out).

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;
use shenbao::model::Application;
use shenbao::pdf::{self, ExportInputs, PdfError, Which};
use shenbao::rules::{builtin_pack, evaluate, resolve_as_of, UnknownCross};

const PT_PER_MM: f64 = 72.0 / 25.4;

fn sample() -> Application {
    shenbao::interchange::application_from_json(shenbao::samples::SAMPLE_P1).expect("sample is valid")
}

fn inputs(app: &Application) -> ExportInputs {
    let pack = builtin_pack(&app.programme).expect("pack");
    let as_of = resolve_as_of(&pack, app, None).expect("reference date");
    let assessment = evaluate(&pack, app, &UnknownCross, as_of);
    pdf::inputs_from_assessment(&pack, &assessment, NaiveDate::from_ymd_opt(2024, 4, 28).expect("date"))
}

/// Exports `which` for the sample into a temporary directory; returns the dir and the paths.
fn export(app: &Application, which: Which) -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let files = pdf::export(app, &inputs(app), which).expect("export");
    let paths = files
        .into_iter()
        .map(|(name, bytes)| {
            let p = dir.path().join(name);
            std::fs::write(&p, bytes).expect("write pdf");
            p
        })
        .collect();
    (dir, paths)
}

/// The Debian package that provides `tool`.
fn package_of(tool: &str) -> &'static str {
    match tool {
        "qpdf" => "apt-get install qpdf",
        _ => "apt-get install poppler-utils",
    }
}

/// Runs a tool. When it is not installed the test fails, unless the opt-out is set: then `None`.
fn run(tool: &str, args: &[&str], file: &Path) -> Option<(bool, String)> {
    match Command::new(tool).args(args).arg(file).output() {
        Ok(out) => Some((out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned())),
        Err(_) => {
            crate::common::missing_tool(tool, package_of(tool));
            None
        }
    }
}

fn pdftotext(file: &Path, extra: &[&str]) -> Option<String> {
    let mut args: Vec<&str> = extra.to_vec();
    args.push("-enc");
    args.push("UTF-8");
    let Ok(out) = Command::new("pdftotext").args(&args).arg(file).arg("-").output() else {
        crate::common::missing_tool("pdftotext", package_of("pdftotext"));
        return None;
    };
    assert!(out.status.success(), "pdftotext failed on {file:?}");
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Text in drawing order, page-number lines removed, all whitespace removed.
fn flat_text(file: &Path) -> Option<String> {
    let text = pdftotext(file, &["-raw"])?;
    Some(
        text.lines()
            .filter(|l| !is_page_number(l.trim()))
            .collect::<String>()
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '\u{c}')
            .collect(),
    )
}

/// A `Key: value` line of pdfinfo's output.
fn field<'a>(info: &'a str, key: &str) -> &'a str {
    info.lines().find_map(|l| l.strip_prefix(key).and_then(|r| r.strip_prefix(':'))).map_or("", str::trim)
}

fn is_page_number(s: &str) -> bool {
    let inner = s.trim_start_matches('—').trim_end_matches('—').trim();
    s.starts_with('—') && s.ends_with('—') && !inner.is_empty() && inner.chars().all(|c| c.is_ascii_digit())
}

#[derive(Debug)]
struct Word {
    x_min: f64,
    y_min: f64,
    x_max: f64,
    y_max: f64,
    text: String,
}

/// Words with their boxes, per page, from `pdftotext -bbox`.
fn words(file: &Path) -> Option<Vec<Vec<Word>>> {
    let html = pdftotext(file, &["-bbox"])?;
    let mut pages = Vec::new();
    for chunk in html.split("<page ").skip(1) {
        let mut page = Vec::new();
        for w in chunk.split("<word ").skip(1) {
            let attr = |name: &str| -> f64 {
                let key = format!("{name}=\"");
                let start = w.find(&key).map(|i| i + key.len()).unwrap_or(0);
                w[start..].split('"').next().and_then(|v| v.parse().ok()).unwrap_or(f64::NAN)
            };
            let text = w.split('>').nth(1).and_then(|t| t.split('<').next()).unwrap_or("").to_string();
            page.push(Word {
                x_min: attr("xMin"),
                y_min: attr("yMin"),
                x_max: attr("xMax"),
                y_max: attr("yMax"),
                text,
            });
        }
        pages.push(page);
    }
    Some(pages)
}

#[test]
fn files_are_named_after_the_centre() {
    let app = sample();
    let files = pdf::export(&app, &inputs(&app), Which::All).expect("export");
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names.len(), 4);
    assert!(
        names.iter().all(|n| n.starts_with("山西省煤基碳材料技术创新中心-") && n.ends_with(".pdf")),
        "{names:?}"
    );
    assert_eq!(pdf::file_stem("a/b:c"), "a_b_c");
}

#[test]
fn a4_pages_even_count_and_clean_structure() {
    let app = sample();
    let (_dir, paths) = export(&app, Which::All);
    for p in &paths {
        let Some((ok, info)) = run("pdfinfo", &[], p) else { return };
        assert!(ok, "pdfinfo failed on {p:?}");
        assert_eq!(field(&info, "Page size"), "595.28 x 841.89 pts (A4)");
        assert_eq!(field(&info, "Author"), "山西示例碳材科技有限公司");
        assert!(field(&info, "CreationDate").contains("2024"), "{info}");
        let pages: usize = field(&info, "Pages").parse().expect("page count");
        assert_eq!(pages % 2, 0, "{p:?} has {pages} pages");
        if let Some((ok, out)) = run("qpdf", &["--check"], p) {
            assert!(ok && out.contains("No syntax or stream encoding errors"), "{out}");
        }
        if let Some((ok, fonts)) = run("pdffonts", &[], p) {
            assert!(ok);
            let rows: Vec<&str> = fonts.lines().skip(2).collect();
            assert!(!rows.is_empty());
            for row in rows {
                let name = row.split_whitespace().next().unwrap_or("");
                assert!(name.len() > 7 && name.as_bytes()[6] == b'+', "subset tag: {row}");
                assert!(row.contains(" yes yes yes "), "embedded subset with ToUnicode: {row}");
            }
        }
    }
}

fn assessment(app: &Application) -> shenbao::rules::Assessment {
    let pack = builtin_pack(&app.programme).expect("pack");
    let as_of = resolve_as_of(&pack, app, None).expect("reference date");
    evaluate(&pack, app, &UnknownCross, as_of)
}

#[test]
fn review_sheet_prints_every_evaluated_condition_with_the_panels_status() {
    use shenbao::rules::Kind;
    let app = sample();
    let assessment = assessment(&app);
    let inputs = inputs(&app);
    let evaluated: Vec<_> = assessment
        .criteria
        .iter()
        .filter(|c| matches!(c.kind, Kind::Hard | Kind::Warn | Kind::Cross | Kind::Attest))
        .collect();
    assert!(evaluated.len() >= 37, "{}", evaluated.len());
    assert_eq!(inputs.review.rows.len(), evaluated.len(), "one row per evaluated condition");
    for (row, c) in inputs.review.rows.iter().zip(&evaluated) {
        assert_eq!(row.requirement, c.title);
        assert_eq!(row.result.label(), c.status.label(), "{}: same status as the panel", c.title);
        // Where the figure belongs: the applicant's fact, never the bare status.
        assert!(!matches!(row.declared.as_str(), "符合" | "不符合" | "不适用" | "待补充" | ""), "{row:?}");
        assert!(!row.declared.contains(&c.citation.to_string()), "{row:?}");
    }
    assert!(inputs.review.rows.iter().any(|r| r.declared.contains("140105")), "the region code read");
    assert!(inputs.review.rows.iter().any(|r| r.result.label() == "不适用"), "不适用 rows shown");

    let (_dir, paths) = export(&app, Which::Review);
    let Some(text) = flat_text(&paths[0]) else { return };
    let Some((_, info)) = run("pdfinfo", &[], &paths[0]) else { return };
    let pages: usize = field(&info, "Pages").parse().expect("pages");
    assert!(pages.is_multiple_of(2) && pages <= 4, "{info}");
    for row in &inputs.review.rows {
        let req: String = row.requirement.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(text.contains(&req), "{req}");
    }
    assert!(text.contains("审查意见"));
    // A sheet that did not pass names the rows that fail, by number and status.
    assert_eq!(text.contains("自查未通过"), !inputs.review.passed);
    if !inputs.review.passed {
        let failing: Vec<(usize, &str)> = inputs
            .review
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| matches!(r.result.label(), "不符合" | "待补充" | "待确认"))
            .map(|(k, r)| (k + 1, r.result.label()))
            .collect();
        assert!(!failing.is_empty());
        let note = text.split("自查未通过").nth(1).and_then(|t| t.split("请补齐").next()).expect("note");
        for (n, label) in failing {
            assert!(
                note.contains(&n.to_string()) && note.contains(label),
                "row {n} {label} not named: {note}"
            );
        }
    }

    let mut passing = inputs.clone();
    passing.review.passed = true;
    passing.review.verdict = "符合申报条件".into();
    let files = pdf::export(&app, &passing, Which::Review).expect("export");
    let dir = tempfile::tempdir().expect("dir");
    let p = dir.path().join("r.pdf");
    std::fs::write(&p, &files[0].1).expect("write");
    let text = flat_text(&p).expect("pdftotext");
    assert!(!text.contains("自查未通过") && text.contains("符合申报条件"));
}

#[test]
fn every_field_value_of_the_sample_is_printed() {
    let app = sample();
    let (_dir, paths) = export(&app, Which::Application);
    let Some(text) = flat_text(&paths[0]) else { return };
    let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let mut values: Vec<String> =
        vec![app.centre_name.clone(), app.field.clone(), app.sub_area.clone(), app.city.clone()];
    for d in &app.directions {
        values.extend([d.title.clone(), d.description.clone()]);
    }
    values.extend(app.narratives.values().cloned());
    for h in &app.host_units {
        values.extend([
            h.name.clone(),
            h.uscc.clone(),
            h.registered_region.clone(),
            h.supervising_department.clone(),
        ]);
    }
    for p in &app.people {
        values.extend([p.name.clone(), p.id_doc.number.clone(), p.discipline.clone()]);
        values.extend(p.birth_date.map(|d| d.to_string()));
        values.extend(p.awards_first_completer.iter().cloned());
        values.extend(p.projects_first_pi.iter().cloned());
    }
    for i in &app.instruments {
        values.extend([
            i.name.clone(),
            i.model.clone(),
            i.serial_number.clone(),
            i.asset_number.clone(),
            i.site.clone(),
        ]);
        values.push(i.original_value.as_wan());
    }
    for s in &app.sites {
        values.extend([s.address.clone(), s.building_room.clone(), s.area.to_string(), s.usage.clone()]);
    }
    for r in &app.rd_investments {
        values.push(r.amount.as_wan());
    }
    for a in &app.achievements {
        values.extend([a.title.clone(), a.identifier.clone()]);
        values.extend(a.date.map(|d| d.to_string()));
    }
    let missing: Vec<&String> =
        values.iter().filter(|v| !v.is_empty() && !text.contains(&squash(v))).collect();
    assert!(missing.is_empty(), "not found in the PDF: {missing:?}");
}

#[test]
fn mirrored_margins_outer_page_numbers_and_nothing_outside_the_text_area() {
    let app = sample();
    let (_dir, paths) = export(&app, Which::Bound);
    let Some(pages) = words(&paths[0]) else { return };
    let (w, h) = (595.28, 841.89);
    let (top, bottom, binding, outer) =
        (37.0 * PT_PER_MM, 35.0 * PT_PER_MM, 28.0 * PT_PER_MM, 26.0 * PT_PER_MM);
    let mut checked_odd = false;
    let mut checked_even = false;
    for (i, page) in pages.iter().enumerate() {
        let n = i + 1;
        let (left, right) = if n % 2 == 1 { (binding, w - outer) } else { (outer, w - binding) };
        let (number, body): (Vec<&Word>, Vec<&Word>) = page.iter().partition(|wd| wd.y_min > h - bottom);
        for wd in &body {
            assert!(
                wd.x_min >= left - 0.5 && wd.x_max <= right + 0.5 && wd.y_min >= top - 0.5,
                "page {n}: {wd:?} outside the text area [{left:.1}, {right:.1}]"
            );
        }
        if let (Some(min), Some(max)) =
            (body.iter().map(|wd| wd.x_min).reduce(f64::min), body.iter().map(|wd| wd.x_max).reduce(f64::max))
        {
            // Pages with full-width tables or justified text touch both edges of their text area.
            if body.len() > 40 && min < left + 1.0 && max > right - 6.0 {
                if n % 2 == 1 {
                    checked_odd = true;
                } else {
                    checked_even = true;
                }
            }
        }
        if n == 1 {
            assert!(number.is_empty(), "no page number on the cover");
        }
        if let Some(digits) = number.iter().find(|wd| wd.text.chars().all(|c| c.is_ascii_digit())) {
            assert_eq!(digits.text, n.to_string());
            assert!(digits.x_max <= w && digits.y_max <= h);
            if n % 2 == 1 {
                assert!(digits.x_min > w / 2.0, "odd page {n}: number on the right");
            } else {
                assert!(digits.x_max < w / 2.0, "even page {n}: number on the left");
            }
        }
    }
    assert!(checked_odd && checked_even, "mirrored margins seen on odd and even pages");
}

#[test]
fn every_part_starts_on_an_odd_page() {
    let app = sample();
    let (_dir, paths) = export(&app, Which::Bound);
    let Some((ok, json)) = run("qpdf", &["--json", "--json-key=outlines"], &paths[0]) else { return };
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&json).expect("qpdf json");
    let outlines = v["outlines"].as_array().expect("outlines");
    let titles: Vec<&str> = outlines.iter().filter_map(|o| o["title"].as_str()).collect();
    for part in ["封面", "目录", "申请书正文", "承诺与意见", "印证材料目录", "申请资格审查表"]
    {
        assert!(titles.contains(&part), "bookmark {part} in {titles:?}");
    }
    for o in outlines {
        let page = o["destpageposfrom1"].as_u64().expect("page");
        assert_eq!(page % 2, 1, "{} starts on page {page}", o["title"]);
    }
    let body = outlines.iter().find(|o| o["title"] == "申请书正文").expect("body");
    assert!(body["kids"].as_array().is_some_and(|k| k.len() >= 10), "sections are bookmarked");
}

#[test]
fn same_input_gives_the_same_bytes() {
    let app = sample();
    let inputs = inputs(&app);
    let a = pdf::export(&app, &inputs, Which::All).expect("export");
    let b = pdf::export(&app, &inputs, Which::All).expect("export");
    assert_eq!(a, b);
}

#[test]
fn rare_characters_are_printed_or_refused_with_the_list() {
    let mut app = sample();
    app.people[2].name = "张𬌗".into();
    app.people[3].name = "𠮷田".into();
    let (_dir, paths) = export(&app, Which::Application);
    if let Some(text) = flat_text(&paths[0]) {
        assert!(text.contains("张𬌗") && text.contains("𠮷田"), "rare characters printed");
    }
    // Characters no bundled font has: refused, each listed with its field.
    app.people[2].name = "张\u{E000}".into();
    app.instruments[0].name = "显微镜☑".into();
    match pdf::export(&app, &inputs(&app), Which::Application) {
        Err(PdfError::MissingCharacters(list)) => {
            assert!(list.iter().any(|m| m.ch == '\u{E000}' && m.field == "人员名单第 3 行·姓名"), "{list:?}");
            assert!(list.iter().any(|m| m.ch == '☑' && m.field == "仪器设备第 1 行·名称"), "{list:?}");
            let err = PdfError::MissingCharacters(list);
            assert_eq!(err.code(), "pdf_missing_characters");
            assert!(err.to_string().contains("U+2611"));
        }
        other => panic!("expected a refusal, got {:?}", other.map(|f| f.len())),
    }
}

#[test]
fn mailing_checklist_has_recipient_deadline_and_label() {
    let app = sample();
    let inputs = inputs(&app);
    let (_dir, paths) = export(&app, Which::Mailing);
    let Some(text) = flat_text(&paths[0]) else { return };
    let m = &inputs.mailing;
    assert!(!m.recipient.is_empty() && text.contains(&m.recipient));
    assert!(text.contains(&m.address));
    assert!(m.phones.iter().all(|p| text.contains(p)));
    assert!(text.contains("以收到时间为准"));
    assert!(text.contains("沿虚线剪下"));
    for r in &m.requirements {
        let r: String = r.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(text.contains(&r), "{r}");
    }
}

/// Pieces of the sample that must print whole: codes, dates, ID numbers, patent numbers.
fn codes(app: &Application) -> Vec<String> {
    let mut v: Vec<String> = Vec::new();
    for a in &app.achievements {
        v.extend(a.identifier.split_whitespace().map(str::to_string));
        v.extend(a.date.map(|d| d.to_string()));
    }
    for i in &app.instruments {
        v.extend([i.model.clone(), i.serial_number.clone(), i.asset_number.clone()]);
    }
    for p in &app.people {
        v.push(p.id_doc.number.clone());
        v.extend(p.birth_date.map(|d| d.to_string()));
    }
    v.extend(app.host_units.iter().map(|h| h.uscc.clone()));
    v.retain(|s| !s.is_empty());
    v
}

#[test]
fn codes_dates_and_id_numbers_are_never_broken_in_table_cells() {
    let app = sample();
    let (_dir, paths) = export(&app, Which::Application);
    let Some(pages) = words(&paths[0]) else { return };
    let words: Vec<&str> = pages.iter().flatten().map(|w| w.text.as_str()).collect();
    let codes = codes(&app);
    assert!(codes.len() > 100, "{}", codes.len());
    let broken: Vec<&String> =
        codes.iter().filter(|c| !words.iter().any(|w| w.contains(c.as_str()))).collect();
    assert!(broken.is_empty(), "printed over two lines: {broken:?}");
    // No table line starts with the tail of a number.
    let text = pdftotext(&paths[0], &["-layout"]).expect("pdftotext");
    for line in text.lines() {
        assert!(!line.trim_start().starts_with('.'), "{line}");
    }
    // Four-character names print whole.
    let mut app = sample();
    app.people[3].name = "吕𠮷龘䶮".into();
    app.people[4].name = "欧阳明远".into();
    let (_dir, paths) = export(&app, Which::Application);
    let Some(pages) = self::words(&paths[0]) else { return };
    for name in ["吕𠮷龘䶮", "欧阳明远"] {
        assert!(pages.iter().flatten().any(|w| w.text.contains(name)), "{name} wraps");
    }
}

/// The last line of each page's text, page numbers and blank lines left out.
fn page_feet(file: &Path) -> Vec<String> {
    let text = pdftotext(file, &["-layout"]).unwrap_or_default();
    text.split('\u{c}')
        .map(|page| {
            page.lines()
                .map(str::trim)
                .rfind(|l| !l.is_empty() && !is_page_number(l))
                .unwrap_or("")
                .to_string()
        })
        .collect()
}

/// A section heading ("五、研发场地", "（二）共建依托单位：…", "方向一：…") on a line of its own.
fn is_heading(line: &str) -> bool {
    let numbered = |open: &str, close: char| {
        line.strip_prefix(open).is_some_and(|rest| {
            let n: String = rest.chars().take_while(|c| "一二三四五六七八九十".contains(*c)).collect();
            let title = rest[n.len()..].strip_prefix(close).unwrap_or("");
            !n.is_empty() && title.chars().next().is_some_and(|c| !c.is_ascii() && !"）)".contains(c))
        })
    };
    let alone = !line.contains("   ");
    alone && (numbered("", '、') || numbered("（", '）') || line.starts_with("方向"))
}

#[test]
fn no_page_ends_with_a_heading_or_a_table_header() {
    // More staff move the end of the roster, and so the 研发场地 heading, down the page in
    // steps of a row; the first site row is a third of a page tall.
    let mut app = sample();
    app.sites[0].address = "太原市迎泽区示例创新园18号（由北门进入，沿主路向东二百米）".repeat(8);
    let extra = app.people[10].clone();
    let mut checked = 0;
    for k in 0..26 {
        let (_dir, paths) = export(&app, Which::Application);
        let feet = page_feet(&paths[0]);
        if feet.is_empty() {
            return; // pdftotext is not installed
        }
        for (n, foot) in feet.iter().enumerate() {
            assert!(!is_heading(foot), "{k} extra staff: page {} ends with the heading {foot}", n + 1);
            assert!(!foot.starts_with("序号"), "{k} extra staff: page {} ends with a table header", n + 1);
        }
        checked += 1;
        let mut p = extra.clone();
        p.id = None;
        p.name = format!("补员{k}");
        app.people.push(p);
    }
    assert_eq!(checked, 26);
    assert!(is_heading("五、研发场地") && is_heading("（二）共建依托单位：晋阳示范大学"));
    assert!(!is_heading("序号") && !is_heading("（四）3）") && !is_heading("1   发明专利"));
}

#[test]
fn checklist_counts_the_pages_of_the_application_and_the_contents_list_the_review_sheet() {
    let app = sample();
    let (_dir, paths) = export(&app, Which::All);
    let find = |part: &str| paths.iter().find(|p| p.to_string_lossy().contains(part)).expect(part);
    let Some((_, info)) = run("pdfinfo", &[], find("-申请书.pdf")) else { return };
    let pages: usize = field(&info, "Pages").parse().expect("pages");
    let text = flat_text(find("报送清单")).expect("pdftotext");
    assert!(text.contains(&format!("共{pages}页")), "申请书 has {pages} pages: {text}");
    assert_eq!(text.matches("申请资格审查表（").count(), 1, "the 审查表 is listed once: {text}");
    // The bound copy's contents page lists the 审查表 with its page.
    let Some((_, info)) = run("pdfinfo", &[], find("装订本")) else { return };
    let bound: usize = field(&info, "Pages").parse().expect("pages");
    let contents = pdftotext(find("装订本"), &["-f", "3", "-l", "3", "-layout"]).expect("contents");
    let line = contents.lines().find(|l| l.contains("申请资格审查表")).expect("审查表 in the contents");
    let at: usize = line.split_whitespace().last().and_then(|n| n.parse().ok()).expect("page");
    assert_eq!(at, pages + 1);
    assert!(at < bound);
}

#[test]
fn safety_self_check_is_not_applicable_to_units_without_a_platform() {
    let mut app = sample();
    assert!(app.host_units.iter().all(|h| !h.has_provincial_platform));
    let (_dir, paths) = export(&app, Which::Application);
    let Some(text) = flat_text(&paths[0]) else { return };
    assert_eq!(text.matches("已完成安全自查自纠不适用").count(), app.host_units.len());
    // A unit that hosts a platform answers 是 / 否.
    app.host_units[0].has_provincial_platform = true;
    let (_dir, paths) = export(&app, Which::Application);
    let text = flat_text(&paths[0]).expect("pdftotext");
    assert_eq!(text.matches("已完成安全自查自纠不适用").count(), app.host_units.len() - 1);
    assert!(text.contains("已完成安全自查自纠是否"), "{text}");
}

#[test]
fn alliance_core_members_and_headquarters_sites_are_printed() {
    let mut app = sample();
    app.host_units[0].core_member = true;
    app.sites[0].headquarters = true;
    let (_dir, paths) = export(&app, Which::Application);
    let Some(text) = flat_text(&paths[0]) else { return };
    assert!(text.contains("联盟核心成员"), "no core-member row");
    assert!(text.contains(&format!("{}（本部）", app.sites[0].usage)), "no 本部 mark");
    // Without either fact, neither is printed.
    let (_dir, paths) = export(&sample(), Which::Application);
    let Some(text) = flat_text(&paths[0]) else { return };
    assert!(!text.contains("联盟核心成员") && !text.contains("（本部）"));
}
