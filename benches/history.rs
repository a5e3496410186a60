//! The cost of recording history on a save: one field of a person saved through the window's
//! save path (the history trigger writes one row in the same transaction).

use criterion::{criterion_group, criterion_main, Criterion};
use shenbao::interchange::application_from_json;
use shenbao::samples::SAMPLE_P1;
use shenbao::store::{RowData, Store};

fn save_with_history(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("shenbao.sqlite")).unwrap();
    let id = store.insert_application(&application_from_json(SAMPLE_P1).unwrap()).unwrap();
    let mut person = store.load_application(id).unwrap().people[1].clone();
    let mut n = 0u64;
    c.bench_function("save_row person (history recorded)", |b| {
        b.iter(|| {
            n += 1;
            person.name = format!("名字{n}");
            shenbao::service::save_row(
                &mut store,
                id,
                RowData::Person(person.clone()),
                chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap(),
            )
            .unwrap();
        })
    });
}

criterion_group!(benches, save_with_history);
criterion_main!(benches);
