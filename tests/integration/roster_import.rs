//! Roster import from real spreadsheet files kept in `tests/fixtures/roster/` (.xlsx written with
//! rust_xlsxwriter, .ods converted from it by LibreOffice, GBK and UTF-8 CSV): title rows, merged
//! header cells, empty rows, numbers stored as text, serial dates, ID numbers Excel turned into
//! numbers; the preview's per-row errors, the one-transaction commit, templates and the CLI.
//!
//! The fixtures are data and are committed. To remake them:
//! `cargo run --example make_roster_fixtures` (the .ods needs `soffice` from LibreOffice).

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;

use shenbao::import::{self, ColumnMap, ImportError, ImportKind, Preview};
use shenbao::model::{Education, Gender, HostUnit, IdKind, Person, Role, Title};
use shenbao::quantity::Yuan;
use shenbao::store::RowData;

use crate::common::{sample, TempDb};

const LEAD: &str = "91140105317584622R";
const UNIVERSITY: &str = "12140109405621833K";

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/roster")
}

fn fixture(name: &str) -> Vec<u8> {
    let path = fixture_dir().join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn hosts() -> Vec<HostUnit> {
    sample().host_units
}

fn preview(name: &str, kind: ImportKind) -> Preview {
    import::preview(&fixture(name), name, kind, &ColumnMap::default(), &hosts()).expect("previews")
}

fn lines(p: &Preview) -> Vec<usize> {
    p.rows.iter().map(|r| r.line).collect()
}

fn errors_on(p: &Preview, line: usize) -> String {
    p.errors.iter().filter(|e| e.line == line).map(|e| e.to_string()).collect::<Vec<_>>().join("\n")
}

fn person(p: &Preview, line: usize) -> &Person {
    match &p.rows.iter().find(|r| r.line == line).expect("row imported").row {
        RowData::Person(person) => person,
        other => panic!("not a person: {other:?}"),
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The staff workbook's expectations, the same for the .xlsx and the .ods made from it.
fn check_staff_workbook(p: &Preview) {
    assert_eq!(p.header_line, 3, "the two-row merged header ends on line 3");
    assert_eq!(lines(p), [4, 5, 10, 12], "errors: {:#?}", p.errors);

    let director = person(p, 4);
    assert_eq!(director.name, "贾振宇");
    assert_eq!(director.id_doc.kind, IdKind::ResidentId);
    assert_eq!(director.birth_date, Some(date(1972, 3, 15)), "date-formatted cell");
    assert_eq!(director.gender, Some(Gender::Male));
    assert_eq!(director.education, Education::Doctorate);
    assert_eq!(director.title, Title::FullSenior);
    assert_eq!(director.role, Role::Director);
    assert_eq!(director.employer_uscc.as_deref(), Some(LEAD), "host named in 工作单位");
    assert!(director.full_time);

    let deputy = person(p, 5);
    assert_eq!(deputy.birth_date, Some(date(1974, 4, 11)), "serial number without a date format");
    assert_eq!(deputy.role, Role::DeputyDirector);
    assert_eq!(deputy.id_doc.kind, IdKind::ResidentId, "blank 证件类型 means a resident ID");

    let fixed = person(p, 10);
    assert_eq!(fixed.birth_date, Some(date(1985, 6, 18)), "year-month given, the day comes from the ID");
    assert_eq!(fixed.gender, Some(Gender::Female));
    assert_eq!(fixed.title, Title::AssociateSenior);
    assert_eq!(fixed.employer_uscc.as_deref(), Some(UNIVERSITY));
    assert!(fixed.full_time, "“1” stored as text");

    let visiting = person(p, 12);
    assert_eq!(visiting.id_doc.kind, IdKind::Passport);
    assert_eq!(visiting.id_doc.number, "E12345678");
    assert_eq!(visiting.birth_date, Some(date(1980, 2, 29)));
    assert_eq!(visiting.employer_uscc, None);
    assert_eq!(visiting.employer_name, "某外部大学");
    assert_eq!(visiting.role, Role::Visiting);
    assert!(!visiting.full_time);

    assert!(errors_on(p, 7).starts_with("第 7 行：身份证号码被 Excel 存成了数字"), "{}", errors_on(p, 7));
    assert!(errors_on(p, 7).contains("无法还原"));
    assert!(errors_on(p, 8).contains("末三位为000"), "{}", errors_on(p, 8));
    // ID numbers in messages show their last four characters only.
    assert!(
        errors_on(p, 8).contains("（…1000）") && !errors_on(p, 8).contains("19800101"),
        "{}",
        errors_on(p, 8)
    );
    assert!(errors_on(p, 9).starts_with("第 9 行：证件号码校验位错误"), "{}", errors_on(p, 9));
    assert!(errors_on(p, 11).contains("学历“研究生”无法识别"), "{}", errors_on(p, 11));
    assert!(errors_on(p, 14).contains("与第 4 行相同"), "{}", errors_on(p, 14));
    assert!(errors_on(p, 15).contains("不一致"), "{}", errors_on(p, 15));
    let mut error_lines: Vec<usize> = p.errors.iter().map(|e| e.line).collect();
    error_lines.dedup();
    assert_eq!(error_lines, [7, 8, 9, 11, 14, 15], "no errors for empty rows 6 and 13: {:#?}", p.errors);
}

#[test]
fn staff_xlsx_with_title_merged_header_empty_rows_and_excel_damage() {
    let p = preview("staff.xlsx", ImportKind::Staff);
    check_staff_workbook(&p);
    let id_column = p.columns.iter().find(|c| c.field.as_deref() == Some("id_number")).unwrap();
    assert_eq!((id_column.column.as_str(), id_column.header.as_str()), ("D", "证件号码"));
}

#[test]
fn staff_ods_made_by_libreoffice_reads_the_same() {
    check_staff_workbook(&preview("staff.ods", ImportKind::Staff));
}

#[test]
fn staff_csv_in_gbk_with_header_variants() {
    let bytes = fixture("staff-gbk.csv");
    assert!(std::str::from_utf8(&bytes).is_err(), "the fixture really is GBK");
    let p = preview("staff-gbk.csv", ImportKind::Staff);
    assert_eq!(p.header_line, 2, "{p:#?}");
    assert_eq!(lines(&p), [3, 7]);
    assert_eq!(person(&p, 3).birth_date, Some(date(1972, 3, 15)));
    assert_eq!(person(&p, 3).employer_uscc.as_deref(), Some(LEAD));
    assert_eq!(person(&p, 7).birth_date, Some(date(1974, 4, 11)), "serial number stored as text");
    assert_eq!(person(&p, 7).title, Title::Intermediate);
    assert!(errors_on(&p, 5).contains("存成了数字（科学计数法）"), "{}", errors_on(&p, 5));
    assert!(
        !errors_on(&p, 5).contains("1.40107"),
        "the mangled number is not repeated: {}",
        errors_on(&p, 5)
    );
    assert!(errors_on(&p, 6).contains("末三位为000"), "{}", errors_on(&p, 6));
}

#[test]
fn staff_csv_in_utf8_with_bom() {
    let bytes = fixture("staff-utf8-bom.csv");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let p = preview("staff-utf8-bom.csv", ImportKind::Staff);
    assert_eq!(p.header_line, 1, "the BOM does not hide the first header");
    assert_eq!(lines(&p), [2, 3]);
    assert_eq!(person(&p, 2).name, "贾振宇");
}

#[test]
fn a_mapped_header_with_a_unit_is_found_as_the_window_names_it_and_keeps_its_unit() {
    // The window keys the user's choice by the header as the file writes it, unit and star
    // included; the unit still converts the amounts.
    let csv =
        "仪器名称,* 购入价 （万元）,所属单位\n扫描电子显微镜,125.5,山西示例碳材科技有限公司\n".as_bytes();
    let p = import::preview(csv, "a.csv", ImportKind::Instruments, &ColumnMap::default(), &hosts()).unwrap();
    assert!(p.missing_columns.as_deref().is_some_and(|m| m.contains("“原值（元）”")), "{p:?}");
    let mut map = ColumnMap::default();
    map.columns.insert("* 购入价 （万元）".into(), "original_value".into());
    let p = import::preview(csv, "a.csv", ImportKind::Instruments, &map, &hosts()).unwrap();
    let RowData::Instrument(sem) = &p.rows[0].row else { panic!("{p:?}") };
    assert_eq!(sem.original_value, Yuan(1_255_000), "125.5 万元, exactly");
    let column = p.columns.iter().find(|c| c.column == "B").unwrap();
    assert_eq!(column.label.as_deref(), Some("原值（元）"));
    // A map written by hand may name the header without its unit.
    let mut map = ColumnMap::default();
    map.columns.insert("购入价".into(), "original_value".into());
    let p = import::preview(csv, "a.csv", ImportKind::Instruments, &map, &hosts()).unwrap();
    assert_eq!(p.rows.len(), 1, "{:?}", p.errors);
}

#[test]
fn instruments_in_wan_and_owners_by_name_or_code() {
    let p = preview("instruments.xlsx", ImportKind::Instruments);
    assert_eq!(p.header_line, 2);
    assert_eq!(lines(&p), [3, 4]);
    let RowData::Instrument(sem) = &p.rows[0].row else { panic!() };
    assert_eq!(sem.original_value, Yuan(1_255_000), "125.5 万元, exactly");
    assert_eq!(sem.owner_uscc, LEAD);
    let RowData::Instrument(other) = &p.rows[1].row else { panic!() };
    assert_eq!(other.asset_number, "2019002", "a number cell as text, without “.0”");
    assert_eq!(other.original_value, Yuan(800_000));
    assert_eq!(other.owner_uscc, UNIVERSITY);
    assert!(errors_on(&p, 5).contains("“某某公司”不是本申报书的依托单位"), "{}", errors_on(&p, 5));
    assert!(errors_on(&p, 6).contains("最多四位小数"), "{}", errors_on(&p, 6));
}

#[test]
fn sites_and_achievements_from_csv() {
    let p = preview("sites.csv", ImportKind::Sites);
    assert_eq!(lines(&p), [2]);
    let RowData::Site(site) = &p.rows[0].row else { panic!() };
    assert_eq!(site.area.to_string(), "1999.99");
    assert!(errors_on(&p, 3).contains("亩"), "{}", errors_on(&p, 3));
    assert!(errors_on(&p, 4).contains("面积应大于0平方米"), "{}", errors_on(&p, 4));

    let p = preview("achievements.csv", ImportKind::Achievements);
    assert_eq!(lines(&p), [2]);
    let RowData::Achievement(a) = &p.rows[0].row else { panic!() };
    assert_eq!(a.date, Some(date(2021, 6, 8)));
    assert!(a.applied);
    assert!(errors_on(&p, 3).contains("成果类型“专著”无法识别"), "{}", errors_on(&p, 3));
}

#[test]
fn the_registry_of_existing_platforms_merges_member_rows() {
    use shenbao::model::{MemberRole, PlatformKind, PlatformLevel};
    let p = preview("registry.csv", ImportKind::Platforms);
    assert!(p.rows.is_empty());
    assert_eq!(p.platforms.len(), 2);
    let lab = &p.platforms[0];
    assert_eq!((lab.level, lab.kind), (PlatformLevel::Provincial, PlatformKind::KeyLab));
    assert_eq!(lab.host_uscc, UNIVERSITY);
    assert_eq!(lab.approval_date, Some(date(2018, 12, 1)));
    assert_eq!(lab.members.len(), 2);
    assert_eq!(lab.members[0].role, MemberRole::Director);
    assert_eq!(lab.members[1].left, Some(date(2022, 6, 30)));
    assert_eq!(p.platforms[1].kind, PlatformKind::EngineeringCentre);
    assert!(p.platforms[1].members.is_empty());
    assert!(errors_on(&p, 5).contains("与第 2 行的同名平台"), "{}", errors_on(&p, 5));
    assert!(errors_on(&p, 6).contains("平台级别“区级”无法识别"), "{}", errors_on(&p, 6));

    // The CLI imports a registry spreadsheet whole or not at all.
    let db = TempDb::new();
    let file = fixture_dir().join("registry.csv");
    let o = shenbao(&db, &["registry", "import", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("未导入任何平台"));
    let mut store = db.open();
    assert!(store.list_platforms().unwrap().is_empty());
    // So does the library: a registry file with bad rows adds nothing.
    let err = import::commit(&mut store, 0, &p).unwrap_err();
    assert_eq!(err.code(), "import_rows", "{err}");
    assert!(store.list_platforms().unwrap().is_empty());
    let mut fixed = p.clone();
    fixed.errors.clear();
    let ids = import::commit(&mut store, 0, &fixed).unwrap();
    assert_eq!(ids.len(), 2);
    assert_eq!(store.list_platforms().unwrap()[0].members.len(), 2);
}

#[test]
fn a_year_and_month_of_birth_must_agree_with_the_resident_id() {
    // 出生年月 as most forms ask for it: the ID number gives the day; a month it does not say is
    // a typing error of one or the other.
    let csv = "姓名,身份证号码,出生年月,学历,在中心职务,是否全职\n\
               贾振宇,140107197203152673,1972年3月,博士,中心主任,是\n\
               钟建平,140502197404112598,1974.5,硕士,固定人员,是\n"
        .as_bytes();
    let p = import::preview(csv, "a.csv", ImportKind::Staff, &ColumnMap::default(), &hosts()).unwrap();
    assert_eq!(lines(&p), [2]);
    assert_eq!(person(&p, 2).birth_date, Some(date(1972, 3, 15)), "the day comes from the ID number");
    assert!(
        errors_on(&p, 3).contains("出生年月1974年5月与身份证号码中的出生年月1974年4月不一致，请按身份证核对"),
        "{}",
        errors_on(&p, 3)
    );
}

#[test]
fn an_instrument_or_achievement_listed_twice_is_imported_once() {
    let db = crate::common::TempDb::new();
    let mut store = db.open();
    let id = store.insert_application(&crate::common::sample()).unwrap();
    let app = store.load_application(id).unwrap();
    let csv = format!(
        "仪器名称,资产编号,所属单位,原值（元）\n新设备甲,NEW-1,{LEAD},10000\n新设备乙,NEW-1,{LEAD},20000\n"
    );
    let file = import::RosterSource::File { bytes: csv.as_bytes(), name: "仪器.csv" };
    let p = import::preview_over(file, ImportKind::Instruments, &Default::default(), &app).unwrap();
    assert_eq!(lines(&p), [2]);
    assert!(errors_on(&p, 3).contains("资产编号与文件第 2 行重复"), "{:?}", p.errors);
    assert_eq!((p.added, p.rejected), (1, 1));

    let stored = &app.achievements[0];
    let csv = format!(
        "成果类型,编号,成果名称,所属单位\n软件著作权,2021SR0000001,软件甲,{LEAD}\n\
         软件著作权,2021SR0000001,软件甲,{LEAD}\n{},{},{},{}\n",
        stored.kind.label(),
        stored.identifier,
        stored.title,
        stored.owner_uscc
    );
    let file = import::RosterSource::File { bytes: csv.as_bytes(), name: "成果.csv" };
    let p = import::preview_over(file, ImportKind::Achievements, &Default::default(), &app).unwrap();
    assert_eq!(lines(&p), [2]);
    assert!(errors_on(&p, 3).contains("编号与文件第 2 行重复"), "{:?}", p.errors);
    assert!(errors_on(&p, 4).contains("编号与本申报书研发成果第1行重复"), "{:?}", p.errors);
}

#[test]
fn a_registry_members_rows_are_checked_each() {
    use shenbao::model::MemberRole;
    let csv = "平台名称,平台级别,平台类型,依托单位,成员姓名,身份证号码,在平台职务\n\
               碳材实验室,省级,重点实验室,晋阳示范大学,贾振宇,140107197203152673,平台主任\n\
               碳材实验室,省级,重点实验室,晋阳示范大学,钟建平,,骨干\n\
               碳材实验室,省级,重点实验室,晋阳示范大学,贾振宇,140107197203152673,\n\
               碳材实验室,省级,重点实验室,晋阳示范大学,,140502197404112598,顾问\n\
               碳纤维创新中心,市级,创新中心,晋阳示范大学,孙文本,14010519850618122X,\n"
        .as_bytes();
    let p = import::preview(csv, "名录.csv", ImportKind::Platforms, &ColumnMap::default(), &[]).unwrap();
    let members: Vec<(&str, MemberRole)> =
        p.platforms.iter().flat_map(|x| &x.members).map(|m| (m.name.as_str(), m.role)).collect();
    assert_eq!(members, [("贾振宇", MemberRole::Director), ("孙文本", MemberRole::Fixed)]);
    assert_eq!(p.platforms[1].members.len(), 1, "a member belongs to the platform of its row");
    // A member's name without an ID number is an error, not a row without a member.
    assert!(errors_on(&p, 3).contains("身份证号码未填写"), "{}", errors_on(&p, 3));
    assert!(errors_on(&p, 4).contains("与第 2 行相同：同一平台的成员只需填写一次"), "{}", errors_on(&p, 4));
    assert!(errors_on(&p, 5).contains("成员姓名未填写"), "{}", errors_on(&p, 5));
    assert!(errors_on(&p, 5).contains("“顾问”无法识别，应为主任或固定人员"), "{}", errors_on(&p, 5));
    assert_eq!(p.rejected, 3);
}

#[test]
fn the_user_can_map_an_unrecognised_header_and_ignore_a_column() {
    let csv = "人员名字,身份证号码,学历,在中心职务,是否全职,备注\n\
               贾振宇,140107197203152673,博士,中心主任,是,\n"
        .as_bytes();
    // A required field without a column: the preview reads no row but lists the columns, so the
    // window can offer the mapping the message asks for; nothing can be written from it.
    let p = import::preview(csv, "a.csv", ImportKind::Staff, &ColumnMap::default(), &hosts()).unwrap();
    let message = p.missing_columns.clone().expect("the missing column is named");
    assert!(message.contains("“a.csv”缺少必填列“姓名”"), "{message}");
    assert!(message.contains("在列对应关系中指定哪一列对应它"), "{message}");
    assert!(p.rows.is_empty() && p.errors.is_empty());
    assert_eq!(p.columns[0].header, "人员名字");
    assert_eq!(p.columns[0].field, None);
    let err = p.ready().unwrap_err();
    assert!(matches!(err, ImportError::MissingColumns(_)), "{err}");
    assert_eq!(err.code(), "import_missing_columns");
    let db = TempDb::new();
    let mut store = db.open();
    let id = store.insert_application(&sample()).unwrap();
    let before = store.dump().unwrap();
    assert_eq!(import::commit(&mut store, id, &p).unwrap_err().code(), "import_missing_columns");
    assert_eq!(store.dump().unwrap(), before);
    // Pasted text has no mapping: it is refused, with what to copy instead.
    let pasted = String::from_utf8(csv.to_vec()).unwrap().replace(',', "\t");
    let err =
        import::preview_pasted(&pasted, ImportKind::Staff, &ColumnMap::default(), &hosts()).unwrap_err();
    assert_eq!(err.code(), "import_missing_columns");
    assert!(err.to_string().contains("粘贴的内容缺少必填列“姓名”：请复制时带上表头行"), "{err}");

    let mut map = ColumnMap::default();
    map.columns.insert("人员名字".into(), "name".into());
    map.columns.insert("学历".into(), String::new());
    let p = import::preview(csv, "a.csv", ImportKind::Staff, &map, &hosts()).unwrap();
    let message = p.missing_columns.expect("ignoring a required column is reported");
    assert!(message.contains("缺少必填列“学历”"), "{message}");
    map.columns.remove("学历");
    let p = import::preview(csv, "a.csv", ImportKind::Staff, &map, &hosts()).unwrap();
    assert_eq!(lines(&p), [2]);
    assert_eq!(person(&p, 2).name, "贾振宇");
    // Every column with a header is listed, matched or not, so the window can offer a field.
    let shown: Vec<(&str, &str, Option<&str>)> =
        p.columns.iter().map(|c| (c.column.as_str(), c.header.as_str(), c.field.as_deref())).collect();
    assert_eq!(
        shown,
        [
            ("A", "人员名字", Some("name")),
            ("B", "身份证号码", Some("id_number")),
            ("C", "学历", Some("education")),
            ("D", "在中心职务", Some("role")),
            ("E", "是否全职", Some("full_time")),
            ("F", "备注", None),
        ]
    );

    // The user can name the header line; a line that is not a header is refused.
    map.header_line = Some(1);
    assert_eq!(import::preview(csv, "a.csv", ImportKind::Staff, &map, &hosts()).unwrap().header_line, 1);
    map.header_line = Some(2);
    let p = import::preview(csv, "a.csv", ImportKind::Staff, &map, &hosts()).unwrap();
    assert_eq!(p.ready().unwrap_err().code(), "import_missing_columns");
}

#[test]
fn a_header_written_again_below_does_not_hide_the_rows_above_it() {
    // Two tables stacked in one sheet (固定人员, then 流动人员), each under its own header: the
    // first header is the header; the second is a row with errors, and no person is dropped.
    let csv = "姓名,身份证号码,学历,在中心职务,是否全职\n\
               贾振宇,140107197203152673,博士,中心主任,是\n\
               姓名,身份证号码,学历,在中心职务,是否全职\n\
               钟建平,140502197404112598,硕士,流动人员,否\n"
        .as_bytes();
    let p = import::preview(csv, "a.csv", ImportKind::Staff, &ColumnMap::default(), &hosts()).unwrap();
    assert_eq!(p.header_line, 1);
    assert_eq!(lines(&p), [2, 4]);
    assert!(!errors_on(&p, 3).is_empty(), "{p:?}");
}

#[test]
fn files_that_are_not_rosters_are_refused_with_the_file_name() {
    let err =
        import::preview(b"PK\x03\x04 not really", "名单.xlsx", ImportKind::Staff, &ColumnMap::default(), &[])
            .unwrap_err();
    assert_eq!(err.code(), "import_unreadable");
    assert!(err.to_string().contains("名单.xlsx"), "{err}");
    let err =
        import::preview("a,b,c\n1,2,3\n".as_bytes(), "x.csv", ImportKind::Staff, &ColumnMap::default(), &[])
            .unwrap_err();
    assert_eq!(err.code(), "import_no_header");
    assert!(err.to_string().starts_with("文件“x.csv”中没有找到人员名单的表头行"), "{err}");
    let err =
        import::preview_pasted("a\tb\n1\t2\n", ImportKind::Staff, &ColumnMap::default(), &[]).unwrap_err();
    assert!(err.to_string().starts_with("粘贴的内容中没有找到人员名单的表头行：请使用模板"), "{err}");
    let header = "姓名\t身份证号码\t学历\t在中心职务\t是否全职\n";
    let err = import::preview_pasted(header, ImportKind::Staff, &ColumnMap::default(), &[]).unwrap_err();
    assert_eq!(err.code(), "import_no_rows");
    assert!(err.to_string().starts_with("粘贴的内容在表头之下没有数据行"), "{err}");
}

#[test]
fn an_owned_roster_needs_a_column_for_its_owner_by_name_or_by_code() {
    let instruments = |csv: &str| {
        import::preview(csv.as_bytes(), "a.csv", ImportKind::Instruments, &ColumnMap::default(), &hosts())
            .unwrap()
    };
    let p = instruments("仪器名称,原值（元）,型号\n扫描电子显微镜,2400000,SU8010\n");
    assert!(
        p.missing_columns
            .as_deref()
            .is_some_and(|m| m.contains("缺少必填列“所属单位”（或其统一社会信用代码）")),
        "{p:?}"
    );
    for owner in ["所属单位", "统一社会信用代码"] {
        let p = instruments(&format!("仪器名称,原值（元）,{owner}\n扫描电子显微镜,2400000,{LEAD}\n"));
        assert_eq!((p.missing_columns.as_deref(), lines(&p)), (None, vec![2]), "{owner}: {:?}", p.errors);
    }
}

#[test]
fn every_template_is_read_back_with_all_columns_matched() {
    for &kind in ImportKind::ALL {
        let bytes = import::template(kind).unwrap();
        let err = import::preview(&bytes, "模板.xlsx", kind, &ColumnMap::default(), &hosts()).unwrap_err();
        assert_eq!(err.to_string(), "文件“模板.xlsx”在表头之下没有数据行", "{kind:?}");
    }
}

/// A file saved without its extension (or with one no spreadsheet uses) is read by what it holds:
/// a workbook as a workbook, anything else as text.
#[test]
fn a_file_without_a_known_extension_is_read_by_its_content() {
    let book = import::template(ImportKind::Staff).unwrap();
    let err = import::preview(&book, "名单", ImportKind::Staff, &ColumnMap::default(), &hosts()).unwrap_err();
    assert!(matches!(err, ImportError::NoRows { .. }), "the template's header is found: {err}");
    let text = fixture("staff-utf8-bom.csv");
    let p = import::preview(&text, "名单.dat", ImportKind::Staff, &ColumnMap::default(), &hosts()).unwrap();
    assert_eq!(lines(&p), [2, 3]);
}

#[test]
fn commit_inserts_every_good_row_in_one_transaction() {
    let db = TempDb::new();
    let mut store = db.open();
    let id = store.insert_application(&sample()).unwrap();
    let before = store.load_application(id).unwrap().people.len();
    let p = preview("staff.xlsx", ImportKind::Staff);
    let ids = import::commit(&mut store, id, &p).unwrap();
    assert_eq!(ids.len(), 4);
    let people = store.load_application(id).unwrap().people;
    assert_eq!(people.len(), before + 4);
    assert_eq!(people[before].name, "贾振宇", "appended after the existing rows, in file order");
    assert_eq!(people.last().unwrap().name, "约翰·史密斯");

    // A failing commit (no such application) writes nothing.
    let dump = store.dump().unwrap();
    assert!(import::commit(&mut store, id + 100, &p).is_err());
    assert_eq!(store.dump().unwrap(), dump);
}

fn shenbao(db: &TempDb, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_shenbao"))
        .arg("--db")
        .arg(db.path())
        .args(args)
        .env_remove("SHENBAO_DB")
        .output()
        .unwrap()
}

#[test]
fn the_cli_previews_commits_and_writes_templates() {
    let db = TempDb::new();
    assert_eq!(shenbao(&db, &["init", "--sample"]).status.code(), Some(0));
    let file = fixture_dir().join("staff.xlsx");
    let file = file.to_str().unwrap();
    let o = shenbao(&db, &["roster", "import", "1", file, "--kind", "staff"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "errors found: {out}");
    assert!(out.contains("第 9 行：证件号码校验位错误"), "{out}");
    assert!(out.contains("可导入 4 行"), "{out}");
    let people = db.open().load_application(1).unwrap().people.len();

    // Two people of the sheet are in the sample already: their rows are updated, not added twice.
    let o = shenbao(&db, &["roster", "import", "1", file, "--kind", "staff", "--commit"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("已导入 4 行"), "{out}");
    assert_eq!(db.open().load_application(1).unwrap().people.len(), people + 2);

    let template = db.dir.path().join("人员名单模板.xlsx");
    let o = shenbao(&db, &["roster", "template", "--kind", "staff", "--out", template.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(template.is_file());
    let o = shenbao(&db, &["roster", "import", "1", file, "--kind", "people"]);
    assert_eq!(o.status.code(), Some(2));

    // The command line has no column mapping: a sheet without a required column is refused.
    let csv = db.dir.path().join("名单.csv");
    std::fs::write(
        &csv,
        "人员名字,身份证号码,学历,在中心职务,是否全职\n贾振宇,140107197203152673,博士,中心主任,是\n",
    )
    .unwrap();
    let before = db.open().dump().unwrap();
    let o = shenbao(&db, &["roster", "import", "1", csv.to_str().unwrap(), "--kind", "staff", "--commit"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("缺少必填列“姓名”"), "{o:?}");
    assert_eq!(db.open().dump().unwrap(), before);
}

#[test]
fn a_sites_sheet_may_mark_headquarters_sites() {
    let csv = "场地地址,面积,所属单位,用途,是否本部\n\
               太原市小店区示例路1号,600,91140105317584622R,实验室,是\n\
               太原市小店区示例路1号,200,91140105317584622R,办公,\n\
               太原市小店区示例路1号,100,91140105317584622R,实验室,也许\n";
    let p = import::preview(csv.as_bytes(), "sites.csv", ImportKind::Sites, &ColumnMap::default(), &hosts())
        .expect("previews");
    let marks: Vec<bool> =
        p.rows.iter().map(|r| matches!(&r.row, RowData::Site(s) if s.headquarters)).collect();
    assert_eq!(marks, [true, false]);
    assert!(errors_on(&p, 4).contains("是否本部"), "{}", errors_on(&p, 4));
}

#[test]
fn a_row_already_in_the_application_or_earlier_in_the_file_is_not_imported_twice() {
    use shenbao::import::RosterSource;
    let db = crate::common::TempDb::new();
    let mut store = db.open();
    let bytes = fixture("staff-utf8-bom.csv");
    let plain = preview("staff-utf8-bom.csv", ImportKind::Staff);
    assert_eq!(lines(&plain), [2, 3]);
    // The application already lists the person of line 2: that line updates the stored row.
    let mut app = crate::common::sample();
    app.host_units = hosts();
    app.people = vec![person(&plain, 2).clone()];
    let id = store.insert_application(&app).unwrap();
    let app = store.load_application(id).unwrap();
    let file = RosterSource::File { bytes: &bytes, name: "staff-utf8-bom.csv" };
    let p = import::preview_over(file, ImportKind::Staff, &Default::default(), &app).unwrap();
    assert_eq!(lines(&p), [2, 3]);
    assert_eq!((p.added, p.updated), (1, 1));
    assert_eq!(p.rows[0].updates, app.people[0].id, "line 2 updates the stored person");
    // The same file with line 3 repeated at its end: the repeat names its earlier line.
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let last = text.lines().nth(2).expect("line 3").to_string();
    let doubled = format!("{}\n{last}\n", text.trim_end());
    let file = RosterSource::File { bytes: doubled.as_bytes(), name: "x.csv" };
    let p = import::preview_over(file, ImportKind::Staff, &Default::default(), &app).unwrap();
    assert_eq!(lines(&p), [2, 3]);
    let n = text.trim_end().lines().count() + 1;
    assert!(errors_on(&p, n).contains("与第 3 行相同"), "{:?}", p.errors);
    // A site is never updated from a sheet: one the application lists is refused, named.
    let site = &app.sites[0];
    let csv = format!(
        "场地地址,楼宇房间,面积,所属单位\n{},{},50,{}\n",
        site.address, site.building_room, site.owner_uscc
    );
    let file = RosterSource::File { bytes: csv.as_bytes(), name: "sites.csv" };
    let p = import::preview_over(file, ImportKind::Sites, &Default::default(), &app).unwrap();
    assert!(p.rows.is_empty());
    assert!(errors_on(&p, 2).contains("与本申报书研发场地第1行重复"), "{:?}", p.errors);
}
