//! The pack authoring commands (`packs check`, `packs test`, `packs diff`): each one call into
//! `service`, printed; none of them opens a database. And `packs move`: an application's pack
//! version, and moving it to another after its diff.

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

/// `packs move ID`: the version the application keeps and its programme's versions.
pub fn versions(store: &shenbao::store::Store, id: i64, out: &mut String) -> Result<u8, ServiceError> {
    let v = service::application_pack_versions(store, id)?;
    let gone = if v.kept_available { "" } else { "（已不在本数据库中：请改用现有版本）" };
    say!(out, "申报书 {id}（{}）按规则版本核对：{}{gone}", v.programme, v.kept);
    for p in &v.versions {
        let mark = if p.version == v.kept { "*" } else { " " };
        let newest = if p.newest { "\t最新" } else { "" };
        let origin = p.file_name.as_deref().map_or("内置".to_string(), |f| format!("导入：{f}"));
        say!(out, "{mark} {}\t{origin}{newest}", p.version);
    }
    say!(out, "改用其他版本：shenbao packs move {id} --to 版本 [--commit]");
    Ok(0)
}

/// `packs move ID --to VERSION [--commit]`: the diff from the kept version, and what was done.
pub fn moved(m: &service::PackMove, out: &mut String) -> Result<u8, ServiceError> {
    if let Some(d) = &m.diff {
        for line in d.lines() {
            say!(out, "  {line}");
        }
    }
    say!(out, "{}", m.message);
    Ok(0)
}
