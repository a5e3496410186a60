//! Remakes the committed roster fixtures in tests/fixtures/roster/ with real writers:
//! rust_xlsxwriter for .xlsx, LibreOffice headless (`soffice`) for .ods, encoding_rs for GBK CSV.
//! `cargo run --example make_roster_fixtures`

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;

const LEAD: &str = "91140105317584622R";
const UNIVERSITY: &str = "12140109405621833K";

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/roster")
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

// ---- the fixture generator ------------------------------------------------------------------

/// A resident ID number with a correct check character.
fn resident_id(first17: &str) -> String {
    format!("{first17}{}", shenbao::validate::check_char(first17).unwrap())
}

fn serial(d: NaiveDate) -> f64 {
    (d - date(1899, 12, 30)).num_days() as f64
}

fn main() {
    use rust_xlsxwriter::{Format, FormatAlign, Workbook};

    let dir = fixture_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let director = resident_id("14010719720315267");
    let deputy = resident_id("14050219740411259");
    let fixed = resident_id("14010519850618122");
    let bad_check = {
        let good = resident_id("14010719800101101");
        let wrong = if good.ends_with('1') { '2' } else { '1' };
        format!("{}{wrong}", &good[..17])
    };
    let zeros = "140107198001011000";
    assert!(shenbao::validate::parse_resident_id(zeros).is_err(), "must look damaged");

    // staff.xlsx: a title row, a two-row header with merged cells, empty rows, and damage.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let head = Format::new().set_bold().set_align(FormatAlign::Center);
    let day = Format::new().set_num_format("yyyy-mm-dd");
    sheet.merge_range(0, 0, 0, 11, "示例技术创新中心 人员名单", &head).unwrap();
    for (col, label) in [
        (0, "序号"),
        (1, "姓名"),
        (4, "性别"),
        (5, "出生年月"),
        (6, "学历"),
        (7, "职称"),
        (8, "工作单位"),
        (9, "在中心职务"),
        (10, "是否全职"),
        (11, "学科专业"),
    ] {
        sheet.merge_range(1, col, 2, col, label, &head).unwrap();
    }
    sheet.merge_range(1, 2, 1, 3, "证件", &head).unwrap();
    sheet.write_string_with_format(2, 2, "类型", &head).unwrap();
    sheet.write_string_with_format(2, 3, "号码", &head).unwrap();
    let text_rows: [(u32, [&str; 12]); 9] = [
        (
            3,
            [
                "1",
                "贾振宇",
                "居民身份证",
                &director,
                "男",
                "",
                "博士研究生",
                "正高级",
                "山西示例碳材科技有限公司",
                "中心主任",
                "是",
                "材料科学与工程",
            ],
        ),
        (
            4,
            [
                "2",
                "钟建平",
                "",
                &deputy,
                "男",
                "",
                "博士",
                "教授级高级工程师",
                "山西示例碳材科技有限公司",
                "副主任",
                "全职",
                "化学工程与技术",
            ],
        ),
        (
            6,
            [
                "3",
                "王数字",
                "居民身份证",
                "",
                "男",
                "1980-01-01",
                "本科",
                "工程师",
                "晋阳示范大学",
                "固定人员",
                "是",
                "",
            ],
        ),
        (
            7,
            [
                "4",
                "李末零",
                "居民身份证",
                zeros,
                "男",
                "1980-01-01",
                "本科",
                "工程师",
                "晋阳示范大学",
                "固定人员",
                "是",
                "",
            ],
        ),
        (
            8,
            [
                "5",
                "赵校验",
                "居民身份证",
                &bad_check,
                "男",
                "1980-01-01",
                "本科",
                "工程师",
                "晋阳示范大学",
                "固定人员",
                "是",
                "",
            ],
        ),
        (
            9,
            [
                "6",
                "孙文本",
                "居民身份证",
                &fixed,
                "女",
                "1985.06",
                "硕士",
                "高级工程师",
                "晋阳示范大学",
                "固定人员",
                "1",
                "化学",
            ],
        ),
        (
            10,
            [
                "7",
                "周学历",
                "居民身份证",
                &resident_id("14010719900101121"),
                "男",
                "",
                "研究生",
                "工程师",
                "晋阳示范大学",
                "固定人员",
                "是",
                "",
            ],
        ),
        (
            11,
            [
                "8",
                "约翰·史密斯",
                "护照",
                "E12345678",
                "男",
                "1980-02-29",
                "博士",
                "教授",
                "某外部大学",
                "流动人员",
                "否",
                "物理",
            ],
        ),
        (
            13,
            [
                "9",
                "贾振宇",
                "居民身份证",
                &director,
                "男",
                "",
                "博士",
                "正高级",
                "山西示例碳材科技有限公司",
                "固定人员",
                "是",
                "",
            ],
        ),
    ];
    for (row, cells) in text_rows {
        for (col, value) in cells.iter().enumerate() {
            if !value.is_empty() {
                sheet.write_string(row, col as u16, *value).unwrap();
            }
        }
    }
    // Line 4: a real date cell; line 5: the same kind of date as a bare serial number.
    sheet.write_number_with_format(3, 5, serial(date(1972, 3, 15)), &day).unwrap();
    sheet.write_number(4, 5, serial(date(1974, 4, 11))).unwrap();
    // Line 7: the ID typed into a General cell: Excel keeps 15 significant digits.
    sheet.write_number(6, 3, 1.40107198001011e17).unwrap();
    // Line 15: year and month that disagree with the ID.
    for (col, value) in [
        "10",
        "吴日期",
        "居民身份证",
        &resident_id("14010719880808123"),
        "男",
        "1990年1月",
        "本科",
        "",
        "晋阳示范大学",
        "固定人员",
        "是",
        "",
    ]
    .iter()
    .enumerate()
    {
        if !value.is_empty() {
            sheet.write_string(14, col as u16, *value).unwrap();
        }
    }
    book.save(dir.join("staff.xlsx")).unwrap();

    // staff.ods: LibreOffice's own conversion of the workbook.
    let status = Command::new("soffice")
        .args(["--headless", "--convert-to", "ods", "--outdir"])
        .arg(&dir)
        .arg(dir.join("staff.xlsx"))
        .status();
    match status {
        Ok(s) if s.success() => {}
        other => eprintln!("staff.ods not remade (soffice: {other:?})"),
    }

    // staff-gbk.csv: what Excel on Chinese Windows saves as "CSV": GBK, one header row with
    // variant names under a title line, the ID column as Excel displayed it.
    let csv = format!(
        "人员名单,,,,,,,,,\r\n\
         序号,姓名,身份证号,性别,出生日期,最高学历,专业技术职称,所在单位,职务,是否专职\r\n\
         1,贾振宇,{director},男,1972/3/15,博士,正高,山西示例碳材科技有限公司,中心主任,是\r\n\
         ,,,,,,,,,\r\n\
         2,王数字,1.40107E+17,男,1980/1/1,本科,工程师,晋阳示范大学,固定人员,是\r\n\
         3,李末零,{zeros},男,1980/1/1,本科,工程师,晋阳示范大学,固定人员,是\r\n\
         4,钟建平,{deputy},男,27130,博士,讲师,山西示例碳材科技有限公司,副主任,是\r\n"
    );
    let (gbk, _, lossy) = encoding_rs::GBK.encode(&csv);
    assert!(!lossy);
    std::fs::write(dir.join("staff-gbk.csv"), &*gbk).unwrap();

    let bom = format!(
        "\u{FEFF}姓名,证件号码,学历,职称,在中心职务,是否全职\n\
         贾振宇,{director},博士,正高级,中心主任,是\n\
         钟建平,{deputy},博士,正高级,副主任,是\n"
    );
    std::fs::write(dir.join("staff-utf8-bom.csv"), bom).unwrap();

    // instruments.xlsx: a title row, money in 万元, owners by name and by code.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.merge_range(0, 0, 0, 6, "科研仪器设备清单", &head).unwrap();
    for (col, label) in ["序号", "仪器名称", "规格型号", "资产编号", "所属单位", "原值（万元）", "放置地点"]
        .iter()
        .enumerate()
    {
        sheet.write_string(1, col as u16, *label).unwrap();
    }
    let rows: [[&str; 7]; 4] = [
        ["1", "场发射扫描电子显微镜", "SU8010", "ZC2019001", "山西示例碳材科技有限公司", "", "中试楼101"],
        ["2", "热重分析仪", "TGA 8000", "", UNIVERSITY, "80", "实验楼305"],
        ["3", "万能试验机", "", "", "某某公司", "40", ""],
        ["4", "激光粒度仪", "", "", "晋阳示范大学", "12.345678", ""],
    ];
    for (r, cells) in rows.iter().enumerate() {
        for (col, value) in cells.iter().enumerate() {
            if !value.is_empty() {
                sheet.write_string(r as u32 + 2, col as u16, *value).unwrap();
            }
        }
    }
    sheet.write_number(2, 5, 125.5).unwrap();
    sheet.write_number(3, 3, 2019002.0).unwrap();
    book.save(dir.join("instruments.xlsx")).unwrap();

    std::fs::write(
        dir.join("sites.csv"),
        format!(
            "场地地址,楼宇房间,面积（平方米）,所属单位,用途\n\
             太原市小店区示例路1号,中试楼1-3层,\"1,999.99\",{LEAD},中试车间\n\
             太原市小店区示例路1号,仓库,3亩,{LEAD},仓储\n\
             太原市小店区示例路1号,办公室,0,{LEAD},办公\n"
        ),
    )
    .unwrap();
    // registry.csv: one row per member, the platform's columns repeated; one row per platform.
    std::fs::write(
        dir.join("registry.csv"),
        format!(
            "平台名称,平台级别,平台类型,依托单位,统一社会信用代码,批准日期,成员姓名,身份证号码,在平台职务,加入日期,离开日期\n\
             山西省碳基材料重点实验室,省级,重点实验室,晋阳示范大学,{UNIVERSITY},2018-12-01,贾振宇,{director},主任,2018-12-01,\n\
             山西省碳基材料重点实验室,省级,重点实验室,晋阳示范大学,{UNIVERSITY},2018-12-01,钟建平,{deputy},固定人员,2019-01-01,2022-06-30\n\
             太原市碳纤维工程技术研究中心,市级,工程技术研究中心,山西示例碳材科技有限公司,{LEAD},2020-05-20,,,,,\n\
             山西省碳基材料重点实验室,国家级,重点实验室,晋阳示范大学,{UNIVERSITY},,孙文本,{fixed},固定人员,,\n\
             某区级平台,区级,其他,某单位,,,,,,,\n"
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("achievements.csv"),
        "成果类型,专利号,成果名称,所属单位,授权日期,是否已应用\n\
         发明专利,ZL202110000001.2,一种中间相沥青的制备方法,山西示例碳材科技有限公司,2021年6月8日,是\n\
         专著,,碳材料导论,山西示例碳材科技有限公司,2020-01-01,否\n",
    )
    .unwrap();
}
