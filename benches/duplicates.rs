//! Duplicate detection at scale: 2,000 applications and 2,000 registry platforms, each with 80
//! people, 300 instruments and 5 sites (applications also 50 achievements), generated straight
//! through SQL in one transaction and cached in the temp directory between runs.

use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use rusqlite::{params, Connection};
use shenbao::duplicates::{self, CrossParams, PlatformScope, ProgrammeCross};
use shenbao::model::{
    Achievement, AchievementKind, Education, ExistingPlatform, HostUnit, IdDocument, IdKind, Instrument,
    MemberRole, Person, PlatformKind, PlatformLevel, PlatformMember, Role, Site, Title, UnitKind,
};
use shenbao::quantity::{AreaM2, Yuan};
use shenbao::store::Store;

const APPS: i64 = 2_000;
const PLATFORMS: i64 = 2_000;
const PEOPLE: i64 = 80;
const INSTRUMENTS: i64 = 300;
const SITES: i64 = 5;
const ACHIEVEMENTS: i64 = 50;
const CACHE_NAME: &str = "shenbao-bench-duplicates-v5.sqlite";

/// Distinct, readable centre names: three characters chosen by the index.
fn centre_word(i: i64) -> String {
    const POOL: &[char] = &[
        '煤', '基', '碳', '材', '料', '氢', '能', '储', '智', '造', '光', '电', '镁', '铝', '钢', '芯', '片',
        '医', '药', '环', '境', '水', '土', '气', '数', '信', '息', '算', '网', '安', '化', '工', '装', '备',
        '农', '林', '牧', '渔', '热', '风',
    ];
    let n = POOL.len() as i64;
    [i % n, (i / n) % n, (i / (n * n)) % n, (i * 7 + 3) % n]
        .iter()
        .filter_map(|&k| POOL.get(usize::try_from(k).unwrap_or(0)).copied())
        .collect()
}

fn uscc(i: i64) -> String {
    format!("91140100MA{i:08}")
}

fn person(app: i64, j: i64) -> Person {
    // Every application shares its person 0 with the previous application.
    let owner = if j == 0 { (app + APPS - 1) % APPS } else { app };
    let slot = if j == 0 { 1 } else { j };
    Person {
        id: None,
        name: format!("人员{owner}-{slot}"),
        id_doc: IdDocument { kind: IdKind::ResidentId, number: format!("14{owner:06}{slot:010}") },
        birth_date: NaiveDate::from_ymd_opt(1970 + (slot % 30) as i32, 1, 1),
        gender: None,
        employer_uscc: Some(uscc(app)),
        employer_name: String::new(),
        education: Education::Doctorate,
        title: Title::FullSenior,
        role: match j {
            1 => Role::Director,
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

fn instrument(owner: i64, j: i64) -> Instrument {
    Instrument {
        id: None,
        name: format!("仪器{j}"),
        model: format!("M-{}", j % 40),
        serial_number: format!("S{owner}-{j}"),
        asset_number: format!("ZC-{owner}-{j}"),
        owner_uscc: uscc(owner),
        original_value: Yuan(100_000),
        site: String::new(),
    }
}

fn site(owner: i64, j: i64) -> Site {
    Site {
        id: None,
        address: format!("太原市示范路{owner}号"),
        building_room: format!("{j}号楼"),
        area: AreaM2::whole(400),
        owner_uscc: uscc(owner),
        usage: String::new(),
        headquarters: false,
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
        let mut host = tx.prepare(
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
        let mut plat = tx.prepare(
            "INSERT INTO platforms (name, level, kind, host_uscc, data) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for a in 1..=APPS {
            app.execute(params![a, format!("山西省{}技术创新中心", centre_word(a))])?;
            let h = HostUnit {
                id: None,
                name: format!("山西示例{a}有限公司"),
                uscc: uscc(a),
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
            };
            host.execute(params![a, h.uscc, h.name, serde_json::to_string(&h)?])?;
            for j in 0..PEOPLE {
                let p = person(a, j);
                let role = serde_json::to_value(p.role)?.as_str().unwrap_or("fixed").to_string();
                ppl.execute(params![a, j, p.id_doc.number, p.name, role, serde_json::to_string(&p)?])?;
            }
            for j in 0..INSTRUMENTS {
                // Instrument 0 is the previous application's instrument 1.
                let i = if j == 0 { instrument((a + APPS - 2) % APPS + 1, 1) } else { instrument(a, j) };
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
                let s = if j == 0 { site((a + APPS - 2) % APPS + 1, 1) } else { site(a, j) };
                sit.execute(params![a, j, s.owner_uscc, s.area.0, serde_json::to_string(&s)?])?;
            }
            for j in 0..ACHIEVEMENTS {
                let owner = if j == 0 { (a + APPS - 2) % APPS + 1 } else { a };
                let slot = if j == 0 { 1 } else { j };
                let x = Achievement {
                    id: None,
                    kind: AchievementKind::InventionPatent,
                    identifier: format!("ZL2019{owner:04}{slot:03}.{}", slot % 10),
                    title: format!("成果{owner}-{slot}"),
                    owner_uscc: uscc(owner),
                    date: None,
                    applied: true,
                };
                ach.execute(params![a, j, x.identifier, x.owner_uscc, x.title, serde_json::to_string(&x)?])?;
            }
        }
        for k in 1..=PLATFORMS {
            let host = 10_000 + k;
            let mut members: Vec<PlatformMember> = (0..PEOPLE)
                .map(|j| PlatformMember {
                    name: format!("成员{k}-{j}"),
                    id_doc: IdDocument { kind: IdKind::ResidentId, number: format!("15{k:06}{j:010}") },
                    role: if j == 0 { MemberRole::Director } else { MemberRole::Fixed },
                    joined: None,
                    left: None,
                })
                .collect();
            // Member 1 is application k's person 5, still a member.
            let p = person((k - 1) % APPS + 1, 5);
            if let Some(m) = members.get_mut(1) {
                m.name = p.name;
                m.id_doc = p.id_doc;
            }
            let platform = ExistingPlatform {
                id: None,
                name: format!("山西省{}重点实验室", centre_word(APPS + k)),
                level: PlatformLevel::Provincial,
                kind: PlatformKind::KeyLab,
                host_name: format!("山西平台{k}依托单位"),
                host_uscc: uscc(host),
                approval_date: None,
                members,
                instruments: (0..INSTRUMENTS).map(|j| instrument(host, j)).collect(),
                sites: (0..SITES).map(|j| site(host, j)).collect(),
            };
            plat.execute(params![
                platform.name,
                "provincial",
                "key_lab",
                platform.host_uscc,
                serde_json::to_string(&platform)?
            ])?;
        }
    }
    tx.execute("INSERT INTO settings (key, value) VALUES ('bench_complete', '1')", [])?;
    tx.commit()?;
    drop(conn);
    // Opening computes the identity keys of every row the raw inserts queued.
    let t = Instant::now();
    Store::open(path)?;
    eprintln!("identity keys computed in {:.1} s", t.elapsed().as_secs_f64());
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
    let size: u64 = ["", "-wal"]
        .iter()
        .filter_map(|s| std::fs::metadata(format!("{}{s}", path.display())).ok())
        .map(|m| m.len())
        .sum();
    eprintln!("database size: {:.0} MB", size as f64 / 1_048_576.0);
    path
}

fn params() -> CrossParams {
    let mut p = CrossParams::default();
    let scope = PlatformScope::new(
        &[PlatformKind::KeyLab, PlatformKind::Tic, PlatformKind::ClinicalCentre],
        &[PlatformLevel::National, PlatformLevel::Provincial],
    );
    p.programmes.insert(
        "P1".into(),
        ProgrammeCross {
            reference_date: NaiveDate::from_ymd_opt(2024, 5, 6),
            platform_class: Some(PlatformKind::Tic),
            platform_level: Some(PlatformLevel::Provincial),
            one_per_year: Some(PlatformScope::new(
                &[PlatformKind::KeyLab, PlatformKind::Tic],
                &[PlatformLevel::Provincial],
            )),
            not_already_built: Some(scope.clone()),
            staff_exclusive: Some(scope.clone()),
            no_concurrent: None,
            comprehensive_per_city: Some(1),
            name_unique: Some(PlatformScope::new(
                &[PlatformKind::KeyLab, PlatformKind::Tic],
                &[PlatformLevel::Provincial],
            )),
            no_double_resources: Some(scope),
            narrative_percent: None,
            commitment_percent: None,
            commitment_citation: String::new(),
        },
    );
    p
}

fn bench(c: &mut Criterion) {
    let path = database();
    let params = params();
    let store = Store::open(&path).expect("open");
    let id = APPS / 2;
    let found = duplicates::conflicts_for_application(&store, id, &params).expect("conflicts");
    eprintln!("application {id}: {} conflicts", found.len());
    let report = duplicates::report(&store, &params).expect("report");
    eprintln!("whole database: {} conflicts ({} excluding)", report.total, report.excluding);

    c.bench_function("conflicts_for_application", |b| {
        b.iter(|| duplicates::conflicts_for_application(&store, id, &params).expect("conflicts"))
    });
    let mut group = c.benchmark_group("slow");
    group.sample_size(10);
    group.bench_function("whole_database_report", |b| {
        b.iter(|| duplicates::report(&store, &params).expect("report"))
    });
    group.bench_function("open_and_answer", |b| {
        b.iter(|| {
            let s = Store::open(&path).expect("open");
            duplicates::conflicts_for_application(&s, id, &params).expect("conflicts")
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
