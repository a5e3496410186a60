//! Fuzz target: the Chinese line breaker terminates on any paragraph and any widths, returns
//! lines in order on character boundaries that keep every visible character, and justification
//! keeps one advance per character.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shenbao::pdf::linebreak::{break_lines, justify};

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    // The first two bytes choose the widths (in ems, possibly zero), the rest is the paragraph.
    let first_width = f32::from(data[0]) / 8.0;
    let width = f32::from(data[1]) / 8.0;
    let text = String::from_utf8_lossy(&data[2..]).replace(['\n', '\r'], "");
    let advance = |c: char| if c.is_ascii() { 0.5 } else { 1.0 };
    let lines = break_lines(&text, first_width, width, advance);
    let mut at = 0;
    let mut kept = String::new();
    for (k, line) in lines.iter().enumerate() {
        assert!(line.range.start >= at && line.range.start <= line.range.end, "{lines:?}");
        let part = text.get(line.range.clone()).expect("line on char boundaries");
        assert!(!part.is_empty(), "empty line in {lines:?}");
        assert_eq!(line.last, k + 1 == lines.len());
        kept.push_str(part);
        at = line.range.end;
        let advances: Vec<f32> = part.chars().map(advance).collect();
        let target = if line.last { None } else { Some(width.max(line.width)) };
        assert_eq!(justify(part, &advances, target, 1.0).len(), advances.len());
    }
    let visible = |s: &str| s.chars().filter(|c| !matches!(c, ' ' | '\u{3000}' | '\t')).collect::<String>();
    assert_eq!(visible(&kept), visible(&text));
});
