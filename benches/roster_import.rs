//! Roster import of a 5,000-row staff spreadsheet (.xlsx written with rust_xlsxwriter): the preview
//! (read, match headers, convert, validate) and the commit into a real SQLite file.
//! Targets: median at most 500 ms each.

use std::hint::black_box;

use chrono::{Days, NaiveDate};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use rust_xlsxwriter::Workbook;

use shenbao::import::{commit, preview, ColumnMap, ImportKind};
use shenbao::interchange::application_from_json;
use shenbao::model::Application;
use shenbao::samples::SAMPLE_P1;
use shenbao::store::Store;

const ROWS: u32 = 5_000;

fn sample() -> Application {
    application_from_json(SAMPLE_P1).expect("the bundled sample loads")
}

/// The staff template's headers, in the order of the cells below.
const HEADERS: [&str; 12] = [
    "姓名",
    "证件类型",
    "身份证号码",
    "性别",
    "出生年月",
    "学历",
    "职称",
    "工作单位",
    "工作单位统一社会信用代码",
    "在中心职务",
    "是否全职",
    "学科专业",
];

/// A staff roster with a title row, the template's header and 5,000 valid people.
fn workbook(app: &Application) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "人员名单").expect("title");
    for (c, h) in HEADERS.iter().enumerate() {
        sheet.write_string(1, c as u16, *h).expect("header");
    }
    let hosts: Vec<&str> = app.host_units.iter().map(|h| h.name.as_str()).collect();
    let base = NaiveDate::from_ymd_opt(1960, 1, 1).expect("date");
    for k in 0..ROWS {
        let birth = base.checked_add_days(Days::new(u64::from(k) * 3)).expect("date");
        let first17 = format!("140107{}{:03}", birth.format("%Y%m%d"), k % 1000);
        let check = shenbao::validate::check_char(&first17).expect("17 digits");
        let gender = if first17.as_bytes()[16] % 2 == 1 { "男" } else { "女" };
        let row = k + 2;
        let cells = [
            format!("人员{k}"),
            "居民身份证".to_string(),
            format!("{first17}{check}"),
            gender.to_string(),
            birth.format("%Y-%m-%d").to_string(),
            ["博士", "硕士", "本科"][k as usize % 3].to_string(),
            ["正高级", "副高级", "中级", "初级"][k as usize % 4].to_string(),
            hosts[k as usize % hosts.len()].to_string(),
            String::new(),
            if k % 5 == 4 { "流动人员" } else { "固定人员" }.to_string(),
            if k % 5 == 4 { "否" } else { "是" }.to_string(),
            "材料科学与工程".to_string(),
        ];
        for (c, v) in cells.iter().enumerate().take(HEADERS.len()) {
            if !v.is_empty() {
                sheet.write_string(row, c as u16, v).expect("cell");
            }
        }
    }
    book.save_to_buffer().expect("xlsx")
}

fn bench(c: &mut Criterion) {
    let mut app = sample();
    // The sample's own director would clash with none of these rows; keep only hosts.
    app.people.clear();
    let bytes = workbook(&app);
    let map = ColumnMap::default();
    let first = preview(&bytes, "staff.xlsx", ImportKind::Staff, &map, &app.host_units).expect("previews");
    assert_eq!(first.rows.len(), ROWS as usize, "{:?}", first.errors.first());

    let mut group = c.benchmark_group("roster_import");
    group.sample_size(10);
    group.bench_function("preview 5000 staff", |b| {
        b.iter(|| preview(black_box(&bytes), "staff.xlsx", ImportKind::Staff, &map, &app.host_units))
    });
    group.bench_function("commit 5000 staff", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().expect("temp dir");
                let mut store = Store::open(&dir.path().join("bench.sqlite")).expect("store");
                let id = store.insert_application(&app).expect("insert");
                (dir, store, id)
            },
            |(dir, mut store, id)| {
                commit(&mut store, id, &first).expect("commit");
                (dir, store)
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
