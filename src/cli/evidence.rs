//! `shenbao evidence …`: supporting materials (印证材料) of an application, each subcommand one
//! call into `service::evidence`, printed.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use shenbao::service::{evidence as ev, ServiceError};
use shenbao::store::Store;

use super::args::{EvidenceCommand, Format};
use super::json;

pub fn run(
    store: &mut Store,
    command: EvidenceCommand,
    today: NaiveDate,
    out: &mut String,
) -> Result<(), ServiceError> {
    match command {
        EvidenceCommand::Add { id, item, files } => {
            let paths: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
            for f in ev::attach_paths(store, id, &item, &paths, today)? {
                let note = if f.note.is_empty() { String::new() } else { format!("（{}）", f.note) };
                say!(out, "已添加 {}：{}，{} 页{note}", f.file_name, f.kind.label(), f.pages);
            }
        }
        EvidenceCommand::List { id, format } => {
            let items = ev::items(store, id, today)?;
            match format {
                Format::Json => say!(out, "{}", json(&items)?),
                Format::Text => {
                    for i in &items {
                        let state = if i.missing() {
                            "待补充".to_string()
                        } else if i.files.is_empty() {
                            "未附".to_string()
                        } else {
                            format!("{} 个文件，{} 页", i.files.len(), i.pages())
                        };
                        say!(out, "{}\t{}\t{}\t{}", i.number, i.title, state, i.supports);
                        for f in &i.files {
                            let note =
                                if f.note.is_empty() { String::new() } else { format!("\t{}", f.note) };
                            let (fid, name, kind, pages) = (f.id, &f.file_name, f.kind.label(), f.pages);
                            say!(out, "\t文件 {fid}\t{name}\t{kind}\t{pages} 页{note}");
                        }
                    }
                }
            }
        }
        EvidenceCommand::Remove { id, file, item } => match (file, item) {
            (Some(file), _) => say!(out, "已删除文件 {}", ev::remove_file(store, id, file)?.file_name),
            (None, Some(item)) => {
                ev::remove_item(store, id, &item, today)?;
                say!(out, "已删除印证材料 {item}");
            }
            (None, None) => {
                return Err(ServiceError::bad_value("--file / --item", "请指定要删除的文件或材料"))
            }
        },
        EvidenceCommand::New { id, title, evidences, required } => {
            let evidences = ev::parse_evidences(evidences.as_deref())?;
            if let Some(i) = ev::add_item(store, id, &title, &evidences, required, today)?.last() {
                say!(out, "已添加印证材料 {}：{}", i.number, i.title);
            }
        }
        EvidenceCommand::Limits { max_mb, min_dpi } => {
            let limits = if max_mb.is_some() || min_dpi.is_some() {
                ev::set_limits(store, max_mb, min_dpi)?
            } else {
                ev::limits(store)?
            };
            say!(out, "文件大小上限\t{} MB", limits.max_bytes / (1024 * 1024));
            say!(out, "图片最低打印分辨率\t{} dpi", limits.min_print_dpi);
        }
    }
    Ok(())
}
