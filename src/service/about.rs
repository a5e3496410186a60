//! 关于申报通: what a support request needs — version, build date, the packs in force with their
//! documents and dates, the database's path and size, the last backup and the font licence — in
//! one answer, and the same as plain text to copy. Reads files' sizes; never writes.

use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use super::packs::loaded_packs;
use super::ServiceError;
use crate::rules::{self, pack::Document, Pack};
use crate::store::backup::{self, BackupInfo};
use crate::store::Store;

/// The version of this build (Cargo.toml).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
/// The day this build's core was compiled (UTC, or `SOURCE_DATE_EPOCH`), from build.rs.
pub const BUILD_DATE: &str = env!("SHENBAO_BUILD_DATE");
/// The licence of the embedded Noto CJK fonts, as shipped beside them.
pub const FONT_LICENCE: &str = include_str!("../../assets/fonts/OFL.txt");

/// Everything 关于申报通 shows.
#[derive(Debug, Clone, Serialize, TS)]
pub struct About {
    pub version: String,
    pub build_date: String,
    /// The packs in force for this database, in the home screen's order.
    pub packs: Vec<AboutPack>,
    pub database: AboutDatabase,
    /// The newest backup beside the database, if any.
    pub last_backup: Option<BackupInfo>,
    /// The faces embedded for the PDFs and their licence's name.
    pub fonts: String,
    /// The licence text (assets/fonts/OFL.txt).
    pub font_licence: String,
    /// Everything above (without the licence text) as plain text for a support request.
    pub text: String,
}

/// One pack: which programme, from which documents, valid when, built in or loaded from a file.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AboutPack {
    pub id: String,
    pub name: String,
    /// The notice and the documents it relies on, each "《title》 number（date）".
    pub documents: Vec<String>,
    pub effective_from: Option<NaiveDate>,
    pub effective_until: Option<NaiveDate>,
    pub online_deadline: Option<NaiveDate>,
    pub paper_deadline: Option<NaiveDate>,
    /// "内置" or "导入自 FILE（time）".
    pub source: String,
}

/// The database file.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AboutDatabase {
    pub path: String,
    /// The file and its write-ahead log, in bytes (0 when missing).
    pub size_bytes: u64,
    /// Why it could not be opened, when it could not (the packs are then the built-in ones).
    pub error: Option<String>,
}

/// The About answer for the database at `db_path`; `store` is `None` when it could not be opened
/// (`open_error` says why), and the packs are then the built-in ones.
pub fn about(
    db_path: &Path,
    store: Option<&Store>,
    open_error: Option<String>,
) -> Result<About, ServiceError> {
    let mut packs: Vec<AboutPack> =
        rules::builtin_packs()?.iter().map(|p| about_pack(p, "内置".into())).collect();
    if let Some(store) = store {
        for (pack, stored) in loaded_packs(store)? {
            let loaded = about_pack(&pack, format!("导入自 {}（{}）", stored.file_name, stored.loaded_at));
            match packs.iter_mut().find(|p| p.id.eq_ignore_ascii_case(&pack.id)) {
                Some(slot) => *slot = loaded,
                None => packs.push(loaded),
            }
        }
    }
    let size_bytes = ["", "-wal"]
        .iter()
        .filter_map(|suffix| std::fs::metadata(format!("{}{suffix}", db_path.display())).ok())
        .map(|m| m.len())
        .sum();
    let database = AboutDatabase { path: db_path.display().to_string(), size_bytes, error: open_error };
    // A backup folder that cannot be read is said so in the text, not as a failure of About.
    let last_backup = backup::list(&backup::backup_dir(db_path)).ok().and_then(|l| l.into_iter().next());
    let fonts =
        "Noto Sans CJK SC（常规、粗体）、Noto Serif CJK SC（常规），SIL Open Font License 1.1".to_string();
    let mut about = About {
        version: VERSION.to_string(),
        build_date: BUILD_DATE.to_string(),
        packs,
        database,
        last_backup,
        fonts,
        font_licence: FONT_LICENCE.to_string(),
        text: String::new(),
    };
    about.text = as_text(&about);
    Ok(about)
}

fn about_pack(pack: &Pack, source: String) -> AboutPack {
    AboutPack {
        id: pack.id.clone(),
        name: pack.name.clone(),
        documents: std::iter::once(&pack.document)
            .chain(&pack.related_documents)
            .map(document_line)
            .collect(),
        effective_from: pack.effective_from,
        effective_until: pack.effective_until,
        online_deadline: pack.online_deadline,
        paper_deadline: pack.paper_deadline,
        source,
    }
}

fn document_line(doc: &Document) -> String {
    let mut line = format!("《{}》", doc.title.trim_start_matches('《').trim_end_matches('》'));
    if let Some(number) = &doc.number {
        line.push_str(&format!(" {number}"));
    }
    if let Some(date) = doc.date {
        line.push_str(&format!("（{}）", date.format("%Y-%m-%d")));
    }
    line
}

fn date_or_dash(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_else(|| "—".into())
}

/// A size as the window shows it (ui/src/format.ts `formatBytes`): "820 字节", "12.5 KB", "3.2 MB".
pub fn human_size(bytes: u64) -> String {
    match bytes {
        b if b < 1024 => format!("{b} 字节"),
        b if b < 1024 * 1024 => format!("{:.1} KB", b as f64 / 1024.0),
        b => format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)),
    }
}

/// The support text: one fact a line, Chinese labels, the same in the window and the CLI.
fn as_text(a: &About) -> String {
    let mut out = vec![
        "申报通 关于".to_string(),
        format!("版本：{}", a.version),
        format!("构建日期：{}", a.build_date),
        format!("数据库：{}（{}）", a.database.path, human_size(a.database.size_bytes)),
    ];
    if let Some(e) = &a.database.error {
        out.push(format!("数据库未能打开：{e}"));
    }
    out.push(match &a.last_backup {
        Some(b) => format!(
            "最近备份：{}（{}，{}，{}）",
            b.taken_at,
            b.kind_label,
            b.file_name,
            human_size(b.size_bytes)
        ),
        None => "最近备份：无".to_string(),
    });
    out.push(format!("字体：{}", a.fonts));
    out.push(format!("申报规则（{} 个）：", a.packs.len()));
    for p in &a.packs {
        out.push(format!(
            "  {} {}（{}；有效期 {} 至 {}；网上申报截止 {}；纸质材料截止 {}）",
            p.id,
            p.name,
            p.source,
            date_or_dash(p.effective_from),
            date_or_dash(p.effective_until),
            date_or_dash(p.online_deadline),
            date_or_dash(p.paper_deadline),
        ));
        for d in &p.documents {
            out.push(format!("    {d}"));
        }
    }
    out.join("\n") + "\n"
}
