//! The cost of recording history on a save: one field of a person saved through the window's
//! save path (the history trigger writes one row in the same transaction); and the same row
//! update on a plain connection to the same database with and without the history triggers, whose
//! difference is what recording adds (goal: ≤ 1 ms).

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

/// One person's row updated in its own transaction on a plain connection, with the history
/// triggers installed (`history::install`, as the store's writer has them) or not.
fn update_with_and_without_trigger(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shenbao.sqlite");
    let (id, row) = {
        let mut store = Store::open(&path).unwrap();
        let id = store.insert_application(&application_from_json(SAMPLE_P1).unwrap()).unwrap();
        (id, store.load_application(id).unwrap().people[1].id.unwrap())
    };
    let _ = id;
    let mut group = c.benchmark_group("person row update");
    for with_history in [false, true] {
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        if with_history {
            shenbao::store::history::install(&conn).unwrap();
        }
        let data: String =
            conn.query_row("SELECT data FROM people WHERE id = ?1", [row], |r| r.get(0)).unwrap();
        let mut n = 0u64;
        let name = if with_history { "with history trigger" } else { "without history trigger" };
        group.bench_function(name, |b| {
            b.iter(|| {
                n += 1;
                // A different value each time, so the update trigger (WHEN OLD.data IS NOT NEW.data) fires.
                let changed = data.replacen("\"name\":\"", &format!("\"name\":\"{n}"), 1);
                let tx = conn.transaction().unwrap();
                tx.execute("UPDATE people SET data = ?1 WHERE id = ?2", rusqlite::params![changed, row])
                    .unwrap();
                tx.commit().unwrap();
            })
        });
    }
    group.finish();
}

criterion_group!(benches, save_with_history, update_with_and_without_trigger);
criterion_main!(benches);
