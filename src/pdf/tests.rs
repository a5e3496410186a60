//! End-to-end checks of the export on the bundled sample, inside the crate.

use super::*;
use crate::rules::{builtin_pack, evaluate, resolve_as_of, UnknownCross};

pub(crate) fn sample() -> (Application, ExportInputs) {
    let app = crate::interchange::application_from_json(crate::samples::SAMPLE_P1).expect("sample");
    let pack = builtin_pack(&app.programme).expect("pack");
    let as_of = resolve_as_of(&pack, &app, None).expect("date");
    let assessment = evaluate(&pack, &app, &UnknownCross, as_of);
    let inputs = inputs_from_assessment(&pack, &assessment, NaiveDate::from_ymd_opt(2024, 4, 28).unwrap());
    (app, inputs)
}

#[test]
fn exports_every_file() {
    let (app, inputs) = sample();
    let files = export(&app, &inputs, Which::All).expect("export");
    assert_eq!(files.len(), 4);
    if let Ok(dir) = std::env::var("SHENBAO_PDF_OUT") {
        for (name, bytes) in &files {
            std::fs::write(std::path::Path::new(&dir).join(name), bytes).unwrap();
        }
    }
}

/// The largest stretch between two characters of each text run (in em) of the laid-out parts.
fn stretches(parts: &[layout::Part], margins: Margins) -> Vec<(String, f32)> {
    use layout::{Item, Measure};
    let fonts = fonts::FontSet::get().expect("fonts");
    let laid = layout::layout(parts, margins, fonts);
    let mut out = Vec::new();
    for item in laid.pages.iter().flat_map(|p| &p.items) {
        if let Item::Text(r) = item {
            let most = r
                .text
                .chars()
                .zip(&r.advances)
                .map(|(c, a)| (a - fonts.advance(r.face, c) * r.size) / r.size)
                .fold(0.0f32, f32::max);
            out.push((r.text.clone(), most));
        }
    }
    out
}

#[test]
fn justified_lines_never_show_gaps_a_reader_notices() {
    let (app, inputs) = sample();
    // The 审查表's 条件 column (20 em) carried "（二（四）…" down from the line of "近3年研发总投入
    // 不少于2000万元": stretched, its gaps were 0.19 em; it is set flush left now.
    let review = stretches(&review::parts(&app, &inputs), inputs.margins);
    let line = review
        .iter()
        .find(|(t, _)| t.starts_with("近3年研发总投入不少于2000万元"))
        .expect("the R&D row of the 审查表");
    assert_eq!(line.1, 0.0, "{line:?} set flush left");
    assert!(review.iter().any(|(_, s)| *s > 0.01), "other lines of the column are still justified");
    let application = stretches(&application::parts(&app, &inputs), inputs.margins);
    // Cover labels (up to six characters) are spread over their box on purpose (分散对齐).
    for (text, most) in review.iter().chain(&application).filter(|(t, _)| t.chars().count() > 6) {
        assert!(*most <= linebreak::MAX_STRETCH_EM + 1e-4, "{text:?} stretched by {most:.3} em");
    }
}
