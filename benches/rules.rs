//! Full evaluation of the P1 sample scaled to 300 staff, 1,000 instruments and 200
//! achievements. Target: median at most 1 ms.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};

use shenbao::interchange::application_from_json;
use shenbao::model::{Application, Role};
use shenbao::rules::{builtin_pack, evaluate, non_standard_characters, resolve_as_of, UnknownCross};
use shenbao::samples::SAMPLE_P1;

fn scaled() -> Application {
    let mut app = application_from_json(SAMPLE_P1).expect("the bundled sample loads");
    let fixed = app.people.iter().rev().find(|p| p.role == Role::Fixed).cloned().expect("a fixed member");
    let mut k = 0;
    while app.people.len() < 300 {
        let mut p = fixed.clone();
        p.name = format!("人员{k}");
        p.id_doc.number = format!("P{k:08}");
        app.people.push(p);
        k += 1;
    }
    let instruments = app.instruments.clone();
    let mut i = 0;
    while app.instruments.len() < 1_000 {
        let mut x = instruments[i % instruments.len()].clone();
        x.serial_number = format!("SN{i:06}");
        app.instruments.push(x);
        i += 1;
    }
    let achievements = app.achievements.clone();
    let mut j = 0;
    while app.achievements.len() < 200 {
        let mut a = achievements[j % achievements.len()].clone();
        a.identifier = format!("ID{j:06}");
        app.achievements.push(a);
        j += 1;
    }
    app
}

fn bench(c: &mut Criterion) {
    let pack = builtin_pack("P1").expect("P1 loads");
    let app = scaled();
    let as_of = resolve_as_of(&pack, &app, None).expect("P1 has a reference date");
    c.bench_function("evaluate P1, 300 staff / 1000 instruments / 200 achievements", |b| {
        b.iter(|| evaluate(black_box(&pack), black_box(&app), &UnknownCross, as_of))
    });
    if std::env::var_os("SHENBAO_BENCH_PER_CRITERION").is_some() {
        let mut g = c.benchmark_group("per criterion");
        g.sample_size(10).warm_up_time(std::time::Duration::from_millis(200));
        g.measurement_time(std::time::Duration::from_millis(500));
        for id in pack.criteria.iter().map(|c| c.id.clone()) {
            let mut one = pack.clone();
            one.criteria.retain(|c| c.id == id);
            g.bench_function(id, |b| {
                b.iter(|| evaluate(black_box(&one), black_box(&app), &UnknownCross, as_of))
            });
        }
        g.finish();
    }
    c.bench_function("name characters (OpenCC t2s)", |b| {
        b.iter(|| non_standard_characters(black_box("山西省煤基碳材料技术创新中心")))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
