//! The pack authoring commands (`packs check`, `packs test`, `packs diff`): each one call into
//! `service`, printed. None of them opens a database.

use std::path::Path;

use shenbao::service;

use super::Failure;

pub fn check(file: &Path, cases: Option<&Path>, documents: Option<&Path>) -> Result<u8, Failure> {
    let r = service::pack_report(file, cases, documents)?;
    println!("规则包 {}“{}”（{}）", r.id, r.name, r.issuer);
    println!("依据 {}", r.document);
    for d in &r.dates {
        println!("{d}");
    }
    for n in &r.notes {
        println!("说明：{n}");
    }
    println!("条件 {} 项：", r.criteria.len());
    for c in &r.criteria {
        let scope = if c.scope.is_empty() { String::new() } else { format!("\t[{}]", c.scope) };
        println!("  {}\t{}\t{}\t{}\t{}{scope}", c.id, c.kind, c.check, c.citation, c.title);
    }
    for u in &r.unchecked {
        println!("未核对：{u}");
    }
    for w in &r.warnings {
        println!("警告：{w}");
    }
    println!("{} 项警告", r.warnings.len());
    Ok(0)
}

pub fn test(file: &Path, cases: &Path, today: chrono::NaiveDate) -> Result<u8, Failure> {
    let run = service::test_pack(file, cases, today)?;
    for o in &run.outcomes {
        if o.passed() {
            println!("ok\t{}\t{}", o.file, o.name);
        } else {
            println!("FAIL\t{}\t{}", o.file, o.name);
            for f in &o.failures {
                println!("\t{f}");
            }
        }
    }
    if !run.skipped_files.is_empty() {
        println!(
            "（跳过其他申报类型的用例文件 {} 个：{}）",
            run.skipped_files.len(),
            run.skipped_files.join("、")
        );
    }
    println!("{} passed, {} failed", run.passed(), run.failed());
    Ok(if run.failed() == 0 { 0 } else { 1 })
}

pub fn diff(old: &Path, new: &Path) -> Result<u8, Failure> {
    let d = service::diff_pack_files(old, new)?;
    if d.is_empty() {
        println!("规则包 {} 两个版本的内容相同", d.id);
        return Ok(0);
    }
    println!("规则包 {}：{} → {}", d.id, d.old_name, d.new_name);
    for line in d.lines() {
        println!("  {line}");
    }
    println!("条件变更 {} 项", d.criteria.len());
    Ok(0)
}
