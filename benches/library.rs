//! The unit's library at scale: 2,000 applications of 400 units, each with 80 people, 300
//! instruments, 5 sites and 50 achievements (the shape of the duplicates benchmark's database),
//! people drawn from their unit's 120 staff so that one person is used by several applications.
//! Generated straight through SQL, cached in the temp directory; the library is collected once
//! (as the schema upgrade does for existing data). Measured: the library page's list with usage
//! counts, one record's uses, and the preview of an edit of a person used in several applications.

use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use rusqlite::{params, Connection};
use shenbao::model::{
    Achievement, AchievementKind, Education, HostUnit, IdDocument, IdKind, Instrument, Person, Role, Site,
    Title, UnitKind,
};
use shenbao::quantity::{AreaM2, Yuan};
use shenbao::service;
use shenbao::store::library::LibraryKind;
use shenbao::store::{RowData, Store};

const APPS: i64 = 2_000;
const UNITS: i64 = 400;
const STAFF: i64 = 120;
const PEOPLE: i64 = 80;
const INSTRUMENTS: i64 = 300;
const SITES: i64 = 5;
const ACHIEVEMENTS: i64 = 50;
const CACHE_NAME: &str = "shenbao-bench-library-v1.sqlite";

fn uscc(unit: i64) -> String {
    format!("91140100MA{unit:08}")
}

fn person(unit: i64, s: i64, j: i64) -> Person {
    Person {
        id: None,
        name: format!("人员{unit}-{s}"),
        id_doc: IdDocument { kind: IdKind::ResidentId, number: format!("14{unit:06}{s:010}") },
        birth_date: NaiveDate::from_ymd_opt(1970 + (s % 30) as i32, 1, 1),
        gender: None,
        employer_uscc: Some(uscc(unit)),
        employer_name: String::new(),
        education: Education::Doctorate,
        title: Title::FullSenior,
        role: match j {
            0 => Role::Director,
            _ if j % 10 == 9 => Role::Visiting,
            _ => Role::Fixed,
        },
        full_time: true,
        share: None,
        discipline: String::new(),
        honours: Vec::new(),
        awards_first_completer: Vec::new(),
        projects_first_pi: Vec::new(),
    }
}

fn host(unit: i64) -> HostUnit {
    HostUnit {
        id: None,
        name: format!("山西示例{unit}有限公司"),
        uscc: uscc(unit),
        kind: UnitKind::Enterprise,
        independent_legal_person: true,
        registered_region: String::new(),
        core_member: false,
        high_tech_enterprise: true,
        above_scale_with_rd_institution: false,
        key_discipline_or_doctoral: false,
        led_national_or_provincial_tasks: true,
        own_ip: true,
        applied_results: true,
        tech_centre_level: None,
        chain_leader: false,
        city_key_lab: false,
        out_of_province_with_national_platform: false,
        jingjinji_xiongan: false,
        agreement_signed: true,
        supervising_department: String::new(),
        has_provincial_platform: false,
        safety_self_check_done: false,
    }
}

fn generate(path: &Path) -> Result<(), Box<dyn std::error::Error>> {
    drop(Store::open(path)?);
    let mut conn = Connection::open(path)?;
    conn.pragma_update(None, "synchronous", "OFF")?;
    let tx = conn.transaction()?;
    {
        let mut app = tx.prepare(
            "INSERT INTO applications (id, programme, category, centre_name, city, created_at, updated_at, reference_date)
             VALUES (?1, 'P1', 'field', ?2, '太原市', '2024-04-01T00:00:00Z', '2024-04-01T00:00:00Z', '2024-05-06')",
        )?;
        let mut hst = tx.prepare(
            "INSERT INTO host_units (application_id, position, uscc, name, data) VALUES (?1, 0, ?2, ?3, ?4)",
        )?;
        let mut ppl = tx.prepare(
            "INSERT INTO people (application_id, position, id_kind, id_number, name, role, data)
             VALUES (?1, ?2, 'resident_id', ?3, ?4, ?5, ?6)",
        )?;
        let mut ins = tx.prepare(
            "INSERT INTO instruments (application_id, position, asset_number, owner_uscc, original_value, data)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        let mut sit = tx.prepare(
            "INSERT INTO sites (application_id, position, owner_uscc, area_hundredths, data) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        let mut ach = tx.prepare(
            "INSERT INTO achievements (application_id, position, identifier, owner_uscc, title, data)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for a in 1..=APPS {
            let unit = a % UNITS;
            let round = a / UNITS;
            app.execute(params![a, format!("山西省第{a}号技术创新中心")])?;
            let h = host(unit);
            hst.execute(params![a, h.uscc, h.name, serde_json::to_string(&h)?])?;
            for j in 0..PEOPLE {
                let p = person(unit, (round * 9 + j) % STAFF, j);
                let role = serde_json::to_value(p.role)?.as_str().unwrap_or("fixed").to_string();
                ppl.execute(params![a, j, p.id_doc.number, p.name, role, serde_json::to_string(&p)?])?;
            }
            for j in 0..INSTRUMENTS {
                let k = (round * 37 + j) % (INSTRUMENTS + 60);
                let i = Instrument {
                    id: None,
                    name: format!("仪器{k}"),
                    model: format!("M-{}", k % 40),
                    serial_number: format!("S{unit}-{k}"),
                    asset_number: format!("ZC-{unit}-{k}"),
                    owner_uscc: uscc(unit),
                    original_value: Yuan(100_000),
                    site: String::new(),
                };
                ins.execute(params![
                    a,
                    j,
                    i.asset_number,
                    i.owner_uscc,
                    i.original_value.0,
                    serde_json::to_string(&i)?
                ])?;
            }
            for j in 0..SITES {
                let s = Site {
                    id: None,
                    address: format!("太原市示范路{unit}号"),
                    building_room: format!("{j}号楼"),
                    area: AreaM2::whole(400),
                    owner_uscc: uscc(unit),
                    usage: String::new(),
                    headquarters: false,
                };
                sit.execute(params![a, j, s.owner_uscc, s.area.0, serde_json::to_string(&s)?])?;
            }
            for j in 0..ACHIEVEMENTS {
                let k = (round * 11 + j) % (ACHIEVEMENTS + 20);
                let x = Achievement {
                    id: None,
                    kind: AchievementKind::InventionPatent,
                    identifier: format!("ZL2019{unit:04}{k:03}.{}", k % 10),
                    title: format!("成果{unit}-{k}"),
                    owner_uscc: uscc(unit),
                    date: None,
                    applied: true,
                };
                ach.execute(params![a, j, x.identifier, x.owner_uscc, x.title, serde_json::to_string(&x)?])?;
            }
        }
    }
    tx.commit()?;
    drop(conn);
    // Opening computes the identity keys of every row the raw inserts queued.
    let t = Instant::now();
    let mut store = Store::open(path)?;
    eprintln!("identity keys computed in {:.1} s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let linked = store.collect_library()?;
    eprintln!("library collected: {linked} rows linked in {:.1} s", t.elapsed().as_secs_f64());
    store.set_setting("bench_complete", "1")?;
    Ok(())
}

fn database() -> PathBuf {
    let path = std::env::temp_dir().join(CACHE_NAME);
    let complete = Store::open(&path).ok().and_then(|s| s.setting("bench_complete").ok().flatten()).is_some();
    if !complete {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        let t = Instant::now();
        if let Err(e) = generate(&path) {
            panic!("generating the benchmark database failed: {e}");
        }
        eprintln!("generated {} in {:.1} s", path.display(), t.elapsed().as_secs_f64());
    }
    path
}

fn bench(c: &mut Criterion) {
    let path = database();
    let mut store = Store::open(&path).expect("open");
    let today = NaiveDate::from_ymd_opt(2026, 12, 2).expect("date");
    let all = service::LibraryQuery::default();
    let list = service::library_list(&store, &all, None).expect("list").entries;
    let used = list.iter().filter(|e| e.usage.applications > 0).count();
    eprintln!("{} records, {used} used", list.len());
    let person = list
        .iter()
        .filter(|e| e.kind == LibraryKind::Person)
        .max_by_key(|e| e.usage.applications)
        .expect("a person")
        .clone();
    eprintln!("{}：{}", person.label, person.usage_text);

    c.bench_function("library_list_2000", |b| {
        b.iter(|| std::hint::black_box(service::library_list(&store, &all, None).expect("list")))
    });
    c.bench_function("library_list_page", |b| {
        b.iter(|| {
            std::hint::black_box(
                service::library_list(&store, &all, Some(service::LIBRARY_PAGE)).expect("page"),
            )
        })
    });
    let by_name = service::LibraryQuery { text: person.label.clone(), ..Default::default() };
    c.bench_function("library_list_search_page", |b| {
        b.iter(|| {
            std::hint::black_box(
                service::library_list(&store, &by_name, Some(service::LIBRARY_PAGE)).expect("search"),
            )
        })
    });
    c.bench_function("library_list_one_unit", |b| {
        b.iter(|| {
            let query = service::LibraryQuery { units: vec![person.unit_uscc.clone()], ..Default::default() };
            std::hint::black_box(service::library_list(&store, &query, None).expect("list"))
        })
    });
    c.bench_function("library_show_person", |b| {
        b.iter(|| std::hint::black_box(service::library_show(&store, person.id).expect("show")))
    });
    let RowData::Person(mut edited) = person.record.clone() else { panic!("a person") };
    edited.title = Title::AssociateSenior;
    let edited = RowData::Person(edited);
    let mut group = c.benchmark_group("library_edit");
    group.sample_size(10);
    group.bench_function("preview_person", |b| {
        b.iter(|| {
            std::hint::black_box(
                service::library_preview(&mut store, person.id, edited.clone(), today).expect("preview"),
            )
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
