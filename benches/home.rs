//! The home screen's verdicts for 200 applications in one call (target: ≤ 300 ms), beside one
//! full check per application as before; and the keystroke path of the live panel: one row saved
//! through `service::save_row` (identity keys refreshed in the write), then the live check of
//! that application on the store borrowed immutably.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};

use shenbao::interchange::application_from_json;
use shenbao::model::{Application, RowId};
use shenbao::samples::SAMPLE_P1;
use shenbao::service;
use shenbao::store::{RowData, Store};

const APPS: usize = 200;

/// Application `i`: the sample under its own name and numbers; every fifth keeps the sample's
/// people, so the cross checks find people claimed twice.
fn application(i: usize) -> Application {
    let mut app = application_from_json(SAMPLE_P1).expect("the bundled sample loads");
    app.centre_name = format!("山西省第{i}号技术创新中心");
    if !i.is_multiple_of(5) {
        for (k, p) in app.people.iter_mut().enumerate() {
            p.name = format!("人员{i}-{k}");
            p.id_doc.number = format!("E{i:04}{k:04}");
        }
    }
    for (k, x) in app.instruments.iter_mut().enumerate() {
        x.serial_number = format!("SN{i:04}{k:04}");
        x.asset_number = format!("ZC{i:04}{k:04}");
    }
    for (k, s) in app.sites.iter_mut().enumerate() {
        s.building_room = format!("{i}号楼{k}室");
    }
    for (k, a) in app.achievements.iter_mut().enumerate() {
        a.identifier = format!("ID{i:04}{k:04}");
    }
    app
}

fn store_with_applications(dir: &std::path::Path) -> (Store, Vec<RowId>) {
    let mut store = Store::open(&dir.join("home.sqlite")).expect("open");
    let ids = (0..APPS).map(|i| store.insert_application(&application(i)).expect("insert")).collect();
    (store, ids)
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut store, ids) = store_with_applications(dir.path());
    let today = NaiveDate::from_ymd_opt(2026, 12, 2).expect("date");
    let verdicts = service::home_verdicts(&store, today).expect("verdicts");
    eprintln!("{} verdicts for {APPS} applications", verdicts.len());

    c.bench_function("home_verdicts_200", |b| {
        b.iter(|| black_box(service::home_verdicts(&store, today).expect("verdicts")))
    });

    let id = ids[APPS / 2];
    let mut person = store.load_application(id).expect("load").people[3].clone();
    let mut k = 0u32;
    c.bench_function("keystroke_save_row_and_live_check", |b| {
        b.iter(|| {
            k += 1;
            person.name = format!("张{k}");
            let saved =
                service::save_row(&mut store, id, RowData::Person(person.clone()), today).expect("save");
            let app = store.load_application(id).expect("load");
            let pack = service::choose_pack_in_store(&store, &app, None).expect("pack");
            let check = service::check_in_store(&store, Some(id), &app, &pack, None, today).expect("check");
            black_box((saved, check))
        })
    });

    let mut group = c.benchmark_group("slow");
    group.sample_size(10);
    group.bench_function("one_check_per_application_200", |b| {
        b.iter(|| {
            for &id in &ids {
                let app = store.load_application(id).expect("load");
                let pack = service::choose_pack_in_store(&store, &app, None).expect("pack");
                black_box(
                    service::check_in_store(&store, Some(id), &app, &pack, None, today).expect("check"),
                );
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
