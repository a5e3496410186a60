//! The pack authoring commands (`packs check`, `packs test`, `packs diff`): each one call into
//! `service`, printed. None of them opens a database.

use std::path::Path;

use std::fmt::Write as _;

use shenbao::service::{self, ServiceError};

pub fn check(
    file: &Path,
    cases: Option<&Path>,
    documents: Option<&Path>,
    out: &mut String,
) -> Result<u8, ServiceError> {
    let r = service::pack_report(file, cases, documents)?;
    say!(out, "规则包 {}“{}”（{}）", r.id, r.name, r.issuer);
    say!(out, "依据 {}", r.document);
    for d in &r.dates {
        say!(out, "{d}");
    }
    for n in &r.notes {
        say!(out, "说明：{n}");
    }
    say!(out, "条件 {} 项：", r.criteria.len());
    for c in &r.criteria {
        let scope = if c.scope.is_empty() { String::new() } else { format!("\t[{}]", c.scope) };
        say!(out, "  {}\t{}\t{}\t{}\t{}{scope}", c.id, c.kind, c.check, c.citation, c.title);
    }
    for u in &r.unchecked {
        say!(out, "未核对：{u}");
    }
    for w in &r.warnings {
        say!(out, "警告：{w}");
    }
    say!(out, "{} 项警告", r.warnings.len());
    Ok(0)
}

pub fn test(
    file: &Path,
    cases: &Path,
    today: chrono::NaiveDate,
    out: &mut String,
) -> Result<u8, ServiceError> {
    let run = service::test_pack(file, cases, today)?;
    for o in &run.outcomes {
        if o.passed() {
            say!(out, "ok\t{}\t{}", o.file, o.name);
        } else {
            say!(out, "FAIL\t{}\t{}", o.file, o.name);
            for f in &o.failures {
                say!(out, "\t{f}");
            }
        }
    }
    if !run.skipped_files.is_empty() {
        say!(
            out,
            "（跳过其他申报类型的用例文件 {} 个：{}）",
            run.skipped_files.len(),
            run.skipped_files.join("、")
        );
    }
    say!(out, "{} passed, {} failed", run.passed(), run.failed());
    Ok(if run.failed() == 0 { 0 } else { 1 })
}

pub fn diff(old: &Path, new: &Path, out: &mut String) -> Result<u8, ServiceError> {
    let d = service::diff_pack_files(old, new)?;
    if d.is_empty() {
        say!(out, "规则包 {} 两个版本的内容相同", d.id);
        return Ok(0);
    }
    say!(out, "规则包 {}：{} → {}", d.id, d.old_name, d.new_name);
    for line in d.lines() {
        say!(out, "  {line}");
    }
    say!(out, "条件变更 {} 项", d.criteria.len());
    Ok(0)
}
