//! Rows pasted from a spreadsheet (`service::preview_roster` with pasted text): the same column
//! matcher, converter and checks as a roster file, and a re-pasted corrected sheet updating the
//! rows it matches (same document, same asset number) in one transaction.

use chrono::NaiveDate;
use shenbao::import::{ColumnMap, ImportKind, Preview};
use shenbao::model::{Gender, Honour, RowId, Title};
use shenbao::service;
use shenbao::store::{RowData, Store};

use crate::common::{sample, TempDb};

const LEAD: &str = "91140105317584622R";

fn paste(store: &Store, app: RowId, kind: ImportKind, text: &str) -> Preview {
    service::preview_paste(store, app, kind, text).expect("previews")
}

fn file(store: &Store, app: RowId, kind: ImportKind, name: &str, text: &str) -> Preview {
    service::preview_roster(store, app, kind, name, text.as_bytes(), &ColumnMap::default()).expect("previews")
}

/// The same sheet pasted and saved as a CSV file previews the same.
fn check_same(kind: ImportKind, rows: &[&[&str]]) {
    let db = TempDb::new();
    let mut store = db.open();
    let app = store.insert_application(&sample()).unwrap();
    let tsv: String = rows.iter().map(|r| r.join("\t") + "\n").collect();
    let csv: String = rows.iter().map(|r| r.join(",") + "\n").collect();
    let pasted = paste(&store, app, kind, &tsv);
    let saved = file(&store, app, kind, "名单.csv", &csv);
    assert_eq!(pasted, saved, "{kind:?}");
    assert_eq!(pasted.rejected, 0, "{:?}", pasted.errors);
    assert!(pasted.added > 0);
    // Nothing is written by a preview.
    drop(store.load_application(app).unwrap());
    let _ = &mut store;
}

#[test]
fn pasted_headers_are_read_by_the_spreadsheet_importers_matcher() {
    // Spellings the old paste dialog did not know (最高学历 … 人员类别, 专职兼职, 所学专业).
    check_same(
        ImportKind::Staff,
        &[
            &["姓名", "身份证号", "最高学历", "专业技术职称", "所在单位", "人员类别", "专职兼职", "所学专业"],
            &[
                "赵六",
                "11010519491231002X",
                "博士",
                "教授",
                "山西示例碳材科技有限公司",
                "固定人员",
                "全职",
                "材料",
            ],
        ],
    );
    check_same(
        ImportKind::Staff,
        &[
            &["名字", "证件号码", "学历学位", "职称", "工作单位", "中心职务", "是否全职"],
            &["钱七", "360426199101010071", "硕士研究生", "高级工程师", "晋阳示范大学", "流动人员", "否"],
        ],
    );
    check_same(
        ImportKind::Instruments,
        &[
            &["设备名称", "规格型号", "固定资产编号", "产权单位", "购置金额（万元）"],
            &["拉曼光谱仪", "LabRAM", "ZC-2024-0001", "山西示例碳材科技有限公司", "85.5"],
        ],
    );
    check_same(
        ImportKind::Sites,
        &[&["详细地址", "房间号", "使用面积", "所属单位"], &["太原市示例路1号", "3层", "120.5", LEAD]],
    );
    check_same(
        ImportKind::Achievements,
        &[
            &["知识产权类型", "专利号", "专利名称", "所属单位"],
            &["发明专利", "ZL202410000001.0", "一种碳材料", LEAD],
        ],
    );
}

#[test]
fn a_paste_without_the_required_columns_says_which_are_missing() {
    let db = TempDb::new();
    let mut store = db.open();
    let app = store.insert_application(&sample()).unwrap();
    let err = service::preview_paste(
        &store,
        app,
        ImportKind::Staff,
        "姓名\t身份证号码\n赵六\t11010519491231002X\n",
    )
    .unwrap_err();
    let message = err.to_string();
    assert!(message.contains("粘贴的内容") && message.contains("学历"), "{message}");
    let _ = &mut store;
}

const STAFF_HEADER: &str = "姓名\t身份证号码\t学历\t职称\t工作单位\t在中心职务\t是否全职";

#[test]
fn a_corrected_sheet_pasted_again_updates_the_people_it_matches() {
    let db = TempDb::new();
    let mut store = db.open();
    let app = store.insert_application(&sample()).unwrap();
    let before = store.load_application(app).unwrap().people.len();

    let first = format!(
        "{STAFF_HEADER}\n赵六\t11010519491231002X\t博士\t中级\t晋阳示范大学\t固定人员\t是\n钱七\t360426199101010071\t硕士\t初级\t晋阳示范大学\t固定人员\t是\n"
    );
    let committed = {
        let p = paste(&store, app, ImportKind::Staff, &first);
        service::commit_roster(&mut store, app, &p).unwrap();
        p
    };
    assert_eq!((committed.added, committed.updated), (2, 0));
    // Something the sheet has no column for, entered in the window afterwards.
    let mut zhao =
        store.load_application(app).unwrap().people.into_iter().find(|p| p.name == "赵六").unwrap();
    zhao.honours = vec![Honour::CasAcademician];
    service::save_row(&mut store, app, RowData::Person(zhao.clone()), crate::common::today()).unwrap();

    // The corrected sheet: 赵六's title fixed (the ID typed with a lower-case x), 钱七 unchanged,
    // a new person, and a row with a bad ID number.
    let corrected = format!(
        "{STAFF_HEADER}\n赵六\t11010519491231002x\t博士\t正高级\t晋阳示范大学\t固定人员\t是\n钱七\t360426199101010071\t硕士\t初级\t晋阳示范大学\t固定人员\t是\n孙八\t14010519850612003X\t本科\t中级\t晋阳示范大学\t固定人员\t是\n周九\t110105194912310021\t本科\t中级\t晋阳示范大学\t固定人员\t是\n"
    );
    let preview = paste(&store, app, ImportKind::Staff, &corrected);
    assert_eq!((preview.added, preview.updated, preview.rejected), (1, 2, 1), "{:?}", preview.errors);
    assert!(
        preview.errors.iter().all(|e| e.line == 5 && e.message.contains("校验位")),
        "{:?}",
        preview.errors
    );
    assert_eq!(preview.rows.iter().find(|r| r.line == 2).unwrap().updates, zhao.id);

    let done = {
        let p = paste(&store, app, ImportKind::Staff, &corrected);
        service::commit_roster(&mut store, app, &p).unwrap();
        p
    };
    assert_eq!(done.written(), 3);
    let people = store.load_application(app).unwrap().people;
    assert_eq!(people.len(), before + 3, "two pasted, one added; the updates add no one");
    let zhao_now = people.iter().find(|p| p.id == zhao.id).unwrap();
    assert_eq!(zhao_now.title, Title::FullSenior, "the correction is applied to the same row");
    assert_eq!(zhao_now.honours, vec![Honour::CasAcademician], "what the sheet has no column for is kept");
    assert_eq!(people.iter().filter(|p| p.name == "赵六").count(), 1);
    // The conflict check reads identity keys without refreshing them: the update wrote them.
    assert!(!store.has_pending_identity().unwrap(), "a re-paste leaves identity keys to refresh");
}

/// A visiting expert with a passport: the ID says nothing of gender or birth date. A corrected
/// sheet without those columns (or the employer's, or the discipline's) keeps what is stored; the
/// blank cells of a column the sheet has are the sheet's, not filled from the stored row.
#[test]
fn a_passport_holders_gender_and_birth_date_are_kept_unless_the_sheet_has_their_columns() {
    let db = TempDb::new();
    let mut store = db.open();
    let app = store.insert_application(&sample()).unwrap();
    let header = "姓名\t证件类型\t证件号码\t性别\t出生年月\t学历\t职称\t工作单位\t在中心职务\t是否全职";
    let john_line = |gender: &str, born: &str, employer: &str| {
        format!("约翰·史密斯\t护照\tE12345678\t{gender}\t{born}\t博士\t副高级\t{employer}\t流动人员\t否")
    };
    let first = format!("{header}\t学科专业\n{}\t材料科学\n", john_line("男", "1980-02-29", "某外部大学"));
    let p = paste(&store, app, ImportKind::Staff, &first);
    assert_eq!((p.added, p.rejected), (1, 0), "{:?}", p.errors);
    service::commit_roster(&mut store, app, &p).unwrap();
    let stored = |store: &Store| {
        store.load_application(app).unwrap().people.into_iter().find(|p| p.name == "约翰·史密斯").unwrap()
    };
    let john = stored(&store);
    assert_eq!((john.gender, john.birth_date), (Some(Gender::Male), NaiveDate::from_ymd_opt(1980, 2, 29)));
    assert_eq!((john.employer_name.as_str(), john.discipline.as_str()), ("某外部大学", "材料科学"));

    // Without those columns: the title corrected, the rest kept.
    let without = "姓名\t证件类型\t证件号码\t学历\t职称\t在中心职务\t是否全职\n\
                   约翰·史密斯\t护照\tE12345678\t博士\t正高级\t流动人员\t否\n";
    let p = paste(&store, app, ImportKind::Staff, without);
    assert_eq!((p.added, p.updated, p.rejected), (0, 1, 0), "{:?}", p.errors);
    service::commit_roster(&mut store, app, &p).unwrap();
    let now = stored(&store);
    assert_eq!((now.id, now.title), (john.id, Title::FullSenior));
    assert_eq!((now.gender, now.birth_date), (john.gender, john.birth_date), "kept");
    assert_eq!((now.employer_name.as_str(), now.discipline.as_str()), ("某外部大学", "材料科学"));
    // The passport number written with a hyphen is the same document: an update, not a repeat.
    let p = paste(&store, app, ImportKind::Staff, &without.replace("E12345678", "E-12345678"));
    assert_eq!((p.added, p.updated, p.rejected), (0, 1, 0), "{:?}", p.errors);
    assert_eq!(p.rows[0].updates, john.id);
    // Listed twice in one sheet, once with the hyphen: one person, the second line refused.
    let twice = format!("{without}{}", without.lines().nth(1).unwrap().replace("E12345678", "E-12345678"));
    let p = paste(&store, app, ImportKind::Staff, &twice);
    assert_eq!((p.updated, p.rejected), (1, 1), "{:?}", p.errors);
    assert!(p.errors[0].message.starts_with("与文件第 2 行重复"), "{:?}", p.errors);

    // With the columns, their cells blank: the row is refused for its missing birth date.
    let p =
        paste(&store, app, ImportKind::Staff, &format!("{header}\n{}\n", john_line("", "", "某外部大学")));
    assert_eq!((p.added, p.updated, p.rejected), (0, 0, 1));
    assert_eq!(p.errors[0].message, "未填写，证件类型为护照时须填写出生日期");
    // A year and month alone will not do without a resident ID to give the day.
    let p = paste(
        &store,
        app,
        ImportKind::Staff,
        &format!("{header}\n{}\n", john_line("男", "1980年2月", "某外部大学")),
    );
    assert_eq!(p.rejected, 1);
    assert_eq!(p.errors[0].message, "只写了1980年2月：证件不是居民身份证时须填写完整的出生日期（年月日）");
    // A blank gender stays blank, and the employer the sheet names replaces the stored one.
    let text = format!("{header}\n{}\n", john_line("", "1980-02-29", "另一外部大学"));
    let p = paste(&store, app, ImportKind::Staff, &text);
    assert_eq!((p.added, p.updated, p.rejected), (0, 1, 0), "{:?}", p.errors);
    let RowData::Person(read) = &p.rows[0].row else { panic!("a person") };
    assert_eq!((read.gender, read.employer_name.as_str()), (None, "另一外部大学"));
}

#[test]
fn instruments_are_matched_by_asset_number() {
    let db = TempDb::new();
    let mut store = db.open();
    let app = store.insert_application(&sample()).unwrap();
    let stored = store.load_application(app).unwrap().instruments;
    let sem = stored.iter().find(|i| i.asset_number == "ZC-2019-5414").unwrap().clone();

    // The sheet corrects the original value; the model, serial number and site columns are left
    // out, so they stay.
    let text = format!(
        "仪器名称\t资产编号\t所属单位\t原值（元）\n{}\tZC-2019-5414\t{LEAD}\t2400000\n新设备\t\t{LEAD}\t10000\n",
        sem.name
    );
    let preview = paste(&store, app, ImportKind::Instruments, &text);
    assert_eq!((preview.added, preview.updated, preview.rejected), (1, 1, 0), "{:?}", preview.errors);
    let p = paste(&store, app, ImportKind::Instruments, &text);
    service::commit_roster(&mut store, app, &p).unwrap();
    let after = store.load_application(app).unwrap().instruments;
    assert_eq!(after.len(), stored.len() + 1);
    let now = after.iter().find(|i| i.id == sem.id).unwrap();
    assert_eq!(now.original_value.0, 2_400_000);
    assert!(!sem.model.is_empty() && !sem.serial_number.is_empty() && !sem.site.is_empty());
    assert_eq!(
        (&now.model, &now.serial_number, &now.site),
        (&sem.model, &sem.serial_number, &sem.site),
        "what the sheet has no column for is kept"
    );

    // Written without its hyphens it is the same asset number, as the duplicate check reads it;
    // another unit's instrument may carry the same number and is another instrument.
    let text = format!(
        "仪器名称\t资产编号\t所属单位\t原值（元）\n{}\tZC20195414\t{LEAD}\t2500000\n\
         他单位的设备\tZC-2019-5414\t12140109405621833K\t30000\n",
        sem.name
    );
    let p = paste(&store, app, ImportKind::Instruments, &text);
    assert_eq!((p.added, p.updated, p.rejected), (1, 1, 0), "{:?}", p.errors);
    assert_eq!((p.rows[0].updates, p.rows[1].updates), (sem.id, None));
}

#[test]
fn a_re_paste_that_fails_midway_changes_nothing() {
    let db = TempDb::new();
    let mut store = db.open();
    let app = store.insert_application(&sample()).unwrap();
    let text = format!("{STAFF_HEADER}\n赵六\t11010519491231002X\t博士\t中级\t晋阳示范大学\t固定人员\t是\n");
    let mut preview = paste(&store, app, ImportKind::Staff, &text);
    // An update of a row that is no longer there (deleted meanwhile) fails the whole commit.
    preview.rows.push(shenbao::import::ImportRow { updates: Some(999_999), ..preview.rows[0].clone() });
    let before = store.load_application(app).unwrap().people;
    assert!(shenbao::import::commit(&mut store, app, &preview).is_err());
    assert_eq!(store.load_application(app).unwrap().people, before, "all or none");
}

#[test]
fn a_gender_the_id_contradicts_is_taken_from_the_id_and_said_and_an_implausible_amount_is_kept_and_said() {
    let db = TempDb::new();
    let mut store = db.open();
    let app = store.insert_application(&sample()).unwrap();
    // 11010519491231002X: the 17th digit 2 is even, a woman.
    let staff = "姓名\t身份证号\t性别\t最高学历\t专业技术职称\t所在单位\t人员类别\t专职兼职\n\
                 赵六\t11010519491231002X\t男\t博士\t教授\t山西示例碳材科技有限公司\t固定人员\t全职\n\
                 钱七\t360426199101010071\t男\t硕士研究生\t高级工程师\t山西示例碳材科技有限公司\t固定人员\t全职\n";
    let p = paste(&store, app, ImportKind::Staff, staff);
    assert_eq!((p.added, p.rejected), (2, 0), "{:?}", p.errors);
    assert_eq!(p.warnings.len(), 1, "{:?}", p.warnings);
    assert_eq!(p.warnings[0].line, 2);
    assert_eq!(p.warnings[0].field, "性别");
    assert!(p.warnings[0].message.contains("填写为男") && p.warnings[0].message.contains("已按身份证记为女"));
    service::commit_roster(&mut store, app, &p).unwrap();
    let people = store.load_application(app).unwrap().people;
    let gender = |name: &str| people.iter().find(|x| x.name == name).unwrap().gender.map(|g| g.label());
    assert_eq!((gender("赵六"), gender("钱七")), (Some("女"), Some("男")));

    // A 元/万元 mix-up is imported (it is a number the user may mean) and named in the preview.
    let instruments = "设备名称\t规格型号\t固定资产编号\t产权单位\t购置金额（万元）\n\
                       拉曼光谱仪\tLabRAM\tZC-2024-0009\t山西示例碳材科技有限公司\t1200000\n";
    let p = paste(&store, app, ImportKind::Instruments, instruments);
    assert_eq!((p.added, p.rejected), (1, 0), "{:?}", p.errors);
    assert_eq!(p.warnings.len(), 1, "{:?}", p.warnings);
    assert!(p.warnings[0].message.contains("万元"), "{:?}", p.warnings);
}
