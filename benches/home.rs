//! The home screen's verdicts for 200 applications in one call (target: ≤ 300 ms), beside one
//! full check per application as before; and the keystroke path of the live panel: one row saved
//! through `service::save_row` (identity keys refreshed in the write), then the live check of
//! that application on the store borrowed immutably.
//!
//! Two databases: a research office's (each application its own units, its own texts and people
//! with valid resident IDs of their own; every fifth shares its people with the sample, the
//! double counting the checks exist for: 40 applications claiming the same 64 people), and
//! the worst case (200 copies of the sample under one lead: every instrument model of the lead is
//! "possibly the same" in 199 others and every narrative similar to 199 others — tens of
//! thousands of conflicts to judge and show), in the `slow` group.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};

use shenbao::interchange::application_from_json;
use shenbao::model::{Application, RowId};
use shenbao::samples::SAMPLE_P1;
use shenbao::service;
use shenbao::store::{RowData, Store};

const APPS: usize = 200;

/// A valid resident ID number of person `k` of application `i`, born on a day of its own, with
/// that birth date.
fn resident_id(i: usize, k: usize) -> (String, NaiveDate) {
    let days = u64::try_from(i).expect("small");
    let born = NaiveDate::from_ymd_opt(1970, 1, 1).expect("date") + chrono::Days::new(days);
    let first17 = format!("140105{}{k:03}", born.format("%Y%m%d"));
    let check = shenbao::validate::check_char(&first17).expect("check char");
    (format!("{first17}{check}"), born)
}

/// Application `i`: the sample under its own name and numbers; every fifth keeps the sample's
/// people, so the cross checks find people claimed twice.
fn application(i: usize) -> Application {
    let mut app = application_from_json(SAMPLE_P1).expect("the bundled sample loads");
    app.centre_name = format!("山西省第{i}号技术创新中心");
    if !i.is_multiple_of(5) {
        for (k, p) in app.people.iter_mut().enumerate() {
            p.name = format!("人员{i}-{k}");
            let (number, born) = resident_id(i, k);
            p.id_doc.number = number;
            p.birth_date = Some(born);
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

/// Application `i` of a research office's database: as [`application`], with host units of its
/// own (their credit codes everywhere the sample's were) and narratives of its own text; every
/// fifth still lists the sample's people.
fn office_application(i: usize) -> Application {
    let mut app = application(i);
    for k in 0..app.host_units.len() {
        let old = app.host_units[k].uscc.clone();
        let first17 = format!("91140100M{k}{:07}", i + 1);
        let new = format!("{first17}{}", shenbao::validate::uscc_check_char(&first17).expect("check char"));
        let swap = |u: &mut String| {
            if *u == old {
                *u = new.clone()
            }
        };
        app.host_units[k].uscc = new.clone();
        app.host_units[k].name = format!("示例{i}-{k}号单位");
        app.people.iter_mut().for_each(|p| p.employer_uscc.iter_mut().for_each(swap));
        app.instruments.iter_mut().for_each(|x| swap(&mut x.owner_uscc));
        app.sites.iter_mut().for_each(|x| swap(&mut x.owner_uscc));
        app.rd_investments.iter_mut().for_each(|x| swap(&mut x.owner_uscc));
        app.achievements.iter_mut().for_each(|x| swap(&mut x.owner_uscc));
    }
    // The same length and layout, other characters: no shingles in common with another's.
    let shift = u32::try_from(i).expect("small") * 7_919 + 1;
    for text in app.narratives.values_mut() {
        *text = text
            .chars()
            .map(|c| match c as u32 {
                0x4E00..=0x9FA5 => char::from_u32(0x4E00 + (c as u32 - 0x4E00 + shift) % 0x51A6).unwrap_or(c),
                _ => c,
            })
            .collect();
    }
    app
}

fn store_of(dir: &std::path::Path, make: fn(usize) -> Application) -> (Store, Vec<RowId>) {
    let mut store = Store::open(&dir.join("home.sqlite")).expect("open");
    let ids = (0..APPS).map(|i| store.insert_application(&make(i)).expect("insert")).collect();
    (store, ids)
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut store, ids) = store_of(dir.path(), office_application);
    let today = NaiveDate::from_ymd_opt(2026, 12, 2).expect("date");
    let verdicts = service::home_verdicts(&store, today).expect("verdicts");
    eprintln!("{} verdicts for {APPS} applications", verdicts.len());
    let check = |store: &Store, id| {
        let app = store.load_application(id).expect("load");
        let pack = service::choose_pack_in_store(store, &app, None).expect("pack");
        service::check_in_store(store, Some(id), &app, &pack, None, today).expect("check").conflicts.len()
    };
    eprintln!(
        "conflicts of a sharing application: {}, of another: {}",
        check(&store, ids[0]),
        check(&store, ids[1])
    );

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
    let worst_dir = tempfile::tempdir().expect("temp dir");
    let (worst, worst_ids) = store_of(worst_dir.path(), application);
    eprintln!("worst case: {} conflicts of one application", check(&worst, worst_ids[1]));
    group.bench_function("home_verdicts_200_one_lead_same_texts", |b| {
        b.iter(|| black_box(service::home_verdicts(&worst, today).expect("verdicts")))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
