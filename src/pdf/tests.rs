//! End-to-end checks of the export on the bundled sample, inside the crate.

use super::*;
use crate::rules::{builtin_pack, evaluate, resolve_as_of, UnknownRegistry};

pub(crate) fn sample() -> (Application, ExportInputs) {
    let app = crate::interchange::application_from_json(crate::samples::SAMPLE_P1).expect("sample");
    let pack = builtin_pack(&app.programme).expect("pack");
    let as_of = resolve_as_of(&pack, &app, None).expect("date");
    let assessment = evaluate(&pack, &app, &UnknownRegistry, as_of);
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
