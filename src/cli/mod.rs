//! `shenbao [--db PATH] <command>`: parses arguments, calls the core, prints, and maps outcomes
//! to exit codes (0 success, 1 a finding, 2 bad usage or bad input). Errors go to stderr in
//! Chinese with their English code.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use shenbao::interchange;
use shenbao::model::{Application, RowId};
use shenbao::rules;
use shenbao::service;
use shenbao::store::{self, Store};

mod pack_kit;

#[derive(Parser)]
#[command(name = "shenbao", version, about = "申报通：科技创新平台申报材料准备工具（离线）")]
struct Cli {
    /// Database file (default: $SHENBAO_DB, else the user's data directory)
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create the database (and, with --sample, load the sample application)
    Init {
        #[arg(long)]
        sample: bool,
    },
    /// Import one application from a JSON interchange file
    Import { file: PathBuf },
    /// List the applications in the database
    List,
    /// Write one application as a JSON interchange document (to stdout, or --out FILE)
    ExportJson {
        id: i64,
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Write every application and the registry as one JSON archive (format `shenbao.archive`)
    ExportAll {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Check an application (database id or JSON file) against its programme's rules
    Check {
        /// An application id in the database, or a JSON interchange file
        target: String,
        /// Check against another programme (pack id, e.g. P3)
        #[arg(long)]
        programme: Option<String>,
        /// A programme pack file loaded at run time instead of the built-in one
        #[arg(long, value_name = "FILE")]
        pack: Option<PathBuf>,
        /// Reference date for ages and periods (YYYY-MM-DD)
        #[arg(long, value_name = "DATE")]
        as_of: Option<chrono::NaiveDate>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// List the programme packs (built-in and loaded) with their dates and deadlines
    Programmes,
    /// Programme packs loaded into this database (导入申报规则): import, list, remove
    #[command(subcommand)]
    Packs(PacksCommand),
    /// Export the PDF documents (application, review sheet, mailing checklist, bound set)
    Export {
        /// An application id in the database, or a JSON interchange file
        target: String,
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Only one of: application, review, mailing, bound (申请书, 审查表 and the supporting
        /// materials), evidence (the materials alone, after their own 目录)
        #[arg(long, value_parser = ["application", "review", "mailing", "bound", "evidence"])]
        only: Option<String>,
        #[arg(long)]
        programme: Option<String>,
        #[arg(long, value_name = "FILE")]
        pack: Option<PathBuf>,
        #[arg(long, value_name = "DATE")]
        as_of: Option<chrono::NaiveDate>,
    },
    /// Every resource claimed twice (people, instruments, sites, achievements) across the
    /// applications and the registry of existing platforms, grouped; exit 1 when any excludes
    Conflicts {
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// The registry of existing platforms (已建平台) the checks compare against
    #[command(subcommand)]
    Registry(RegistryCommand),
    /// Back up the database now (into `backups/` beside it) and print the backup's path
    Backup,
    /// List the backups, newest first
    Backups,
    /// Replace the database's content with a backup (the current state is backed up first)
    Restore { file: PathBuf },
    /// Seal (定稿) an application: keep this version, its check and its review sheet unchanged
    Seal {
        id: i64,
        /// Why this version is sealed, e.g. 提交网络平台
        #[arg(long, default_value = "")]
        note: String,
    },
    /// List an application's sealed versions
    Seals { id: i64 },
    /// What changed since the latest seal (or --against SEAL), field by field
    Diff {
        id: i64,
        #[arg(long, value_name = "SEAL")]
        against: Option<i64>,
    },
    /// Write a sealed version's review sheet exactly as it was printed at sealing
    Reprint {
        seal: i64,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Rosters from spreadsheets: import (preview, then --commit) and templates
    #[command(subcommand)]
    Roster(RosterCommand),
    /// Co-builder packages (共建单位数据包): export for a co-builder or back to the lead, import
    #[command(subcommand)]
    Package(PackageCommand),
    /// Two ID documents of one person (e.g. a resident ID and a passport): link, unlink, list
    #[command(subcommand)]
    Person(PersonCommand),
    /// Supporting materials (印证材料): list the items, attach files, add or remove items and files
    #[command(subcommand)]
    Evidence(EvidenceCommand),
}

#[derive(Subcommand)]
enum EvidenceCommand {
    /// Attach files (PDF, JPEG or PNG, checked by content) to item ITEM of application ID (its
    /// number in `evidence list`); nothing is stored if any file is refused
    Add {
        id: i64,
        #[arg(long, value_name = "ITEM")]
        item: String,
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// The items of application ID in 目录 order, each with its files (待补充 when a required one
    /// has none)
    List {
        id: i64,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Remove an attached file (--file N, its number in `evidence list`) or an item the user
    /// added (--item ITEM) with its files
    Remove {
        id: i64,
        #[arg(long, value_name = "N", conflicts_with = "item", required_unless_present = "item")]
        file: Option<i64>,
        #[arg(long, value_name = "ITEM")]
        item: Option<String>,
    },
    /// Add an item of one's own at the end of the 目录
    New {
        id: i64,
        #[arg(long)]
        title: String,
        /// What it evidences: criterion:ID, unit:USCC, person:NAME or record:TEXT
        #[arg(long = "for", value_name = "KIND:REF")]
        evidences: Option<String>,
        #[arg(long)]
        required: bool,
    },
}

#[derive(Subcommand)]
enum PersonCommand {
    /// Record that two documents belong to one person; conflict checks then treat them as one.
    /// Documents are written KIND:NUMBER, KIND one of resident_id (身份证), passport (护照),
    /// hk_macao_permit, taiwan_permit, foreign_permanent_resident, other
    Link { first: String, second: String },
    /// Remove a link made by `person link`
    Unlink { first: String, second: String },
    /// List the linked documents (masked)
    Links,
}

#[derive(Subcommand)]
enum PackageCommand {
    /// On a lead application: the package for co-builder N (--unit N, N ≥ 1). On a co-builder
    /// draft: the package that returns it to the lead.
    Export {
        id: i64,
        #[arg(long, value_name = "N")]
        unit: Option<usize>,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// A package sent to a co-builder opens as a draft; a returned package is previewed, and
    /// merged with --accept-all (clashes keep the lead's version unless --theirs)
    Import {
        file: PathBuf,
        /// Only show what would change (the default for a returned package)
        #[arg(long, conflicts_with = "accept_all")]
        preview: bool,
        /// Merge every change of a returned package in one transaction
        #[arg(long)]
        accept_all: bool,
        /// With --accept-all: where both sides changed a row, take the co-builder's version
        #[arg(long, requires = "accept_all")]
        theirs: bool,
    },
}

#[derive(Subcommand)]
enum RosterCommand {
    /// Preview a roster file (.xlsx, .xls, .ods, .csv) for application ID; with --commit, add its
    /// good rows in one transaction. Exit 1 when any row has an error.
    Import {
        id: i64,
        file: PathBuf,
        /// staff, instruments, sites or achievements
        #[arg(long)]
        kind: shenbao::import::ImportKind,
        #[arg(long)]
        commit: bool,
    },
    /// Write the template spreadsheet of a roster
    Template {
        #[arg(long)]
        kind: shenbao::import::ImportKind,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
enum PacksCommand {
    /// Load a pack file into the database (checked strictly first; nothing is stored if it is
    /// bad). A pack with a built-in id replaces the built-in pack for this database.
    Import { file: PathBuf },
    /// List the packs loaded into the database
    List,
    /// Remove a loaded pack (a built-in pack of the same id applies again)
    Remove { id: String },
    /// Load a pack file strictly and print it back (programme, dates, each criterion with kind,
    /// check and citation) with the warnings an author should see
    Check {
        file: PathBuf,
        /// The case folder of this programme: criteria no case names are warned about
        #[arg(long, value_name = "DIR")]
        cases: Option<PathBuf>,
        /// The folder holding the cited documents (`source` in the pack; default: the pack's folder)
        #[arg(long, value_name = "DIR")]
        documents: Option<PathBuf>,
    },
    /// Run the case files of a folder (format of tests/cases/) against a pack file: one line
    /// per case, then `N passed, N failed` (exit 1 if any case failed)
    Test { file: PathBuf, cases: PathBuf },
    /// What changed between two versions of a programme's pack
    Diff { old: PathBuf, new: PathBuf },
}

#[derive(Subcommand)]
enum RegistryCommand {
    /// Add the platforms of a registry JSON document (format `shenbao.registry`), or of a
    /// spreadsheet (.xlsx, .xls, .ods, .csv; nothing is written if any row has an error)
    Import { file: PathBuf },
    /// List the platforms in the registry
    List,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

/// An outcome the CLI reports: an English code, a Chinese message, and the exit status.
pub struct Failure {
    code: &'static str,
    message: String,
    exit: u8,
}

impl Failure {
    fn input(code: &'static str, message: impl Into<String>) -> Self {
        Failure { code, message: message.into(), exit: 2 }
    }
}

impl From<store::StoreError> for Failure {
    fn from(e: store::StoreError) -> Self {
        Failure::input(e.code(), e.to_string())
    }
}

impl From<service::ServiceError> for Failure {
    fn from(e: service::ServiceError) -> Self {
        Failure::input(e.code(), e.to_string())
    }
}

impl From<shenbao::duplicates::DuplicatesError> for Failure {
    fn from(e: shenbao::duplicates::DuplicatesError) -> Self {
        Failure::input(e.code(), e.to_string())
    }
}

impl From<store::backup::BackupError> for Failure {
    fn from(e: store::backup::BackupError) -> Self {
        Failure::input(e.code(), e.to_string())
    }
}

impl From<shenbao::import::ImportError> for Failure {
    fn from(e: shenbao::import::ImportError) -> Self {
        Failure::input(e.code(), e.to_string())
    }
}

impl From<shenbao::package::PackageError> for Failure {
    fn from(e: shenbao::package::PackageError) -> Self {
        Failure::input(e.code(), e.to_string())
    }
}

impl From<interchange::InterchangeError> for Failure {
    fn from(e: interchange::InterchangeError) -> Self {
        Failure::input(e.code(), e.to_string())
    }
}

pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
                let _ = e.print();
                return ExitCode::SUCCESS;
            }
            eprintln!("用法错误 [usage]：参数不正确，运行 shenbao --help 查看用法\n{e}");
            return ExitCode::from(2);
        }
    };
    match dispatch(cli) {
        Ok(code) => ExitCode::from(code),
        Err(f) => {
            eprintln!("错误 [{}]：{}", f.code, f.message);
            ExitCode::from(f.exit)
        }
    }
}

/// The database for a command that writes: refused while another window or command writes.
fn open(db: &Option<PathBuf>) -> Result<Store, Failure> {
    let path = db.clone().unwrap_or_else(store::default_path);
    Ok(Store::open(&path)?)
}

/// The database for a command that only reads: works beside an open window.
fn open_reading(db: &Option<PathBuf>) -> Result<Store, Failure> {
    let path = db.clone().unwrap_or_else(store::default_path);
    Ok(Store::open_for_reading(&path)?)
}

fn read_file(path: &PathBuf) -> Result<String, Failure> {
    if let Ok(meta) = std::fs::metadata(path) {
        interchange::check_import_size(meta.len())?;
    }
    std::fs::read_to_string(path).map_err(|e| {
        Failure::input("read_file", format!("无法读取文件“{}”：{}", path.display(), io_reason(&e)))
    })
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "文件不存在".into(),
        std::io::ErrorKind::PermissionDenied => "没有访问权限".into(),
        std::io::ErrorKind::InvalidData => "文件不是 UTF-8 编码的文本".into(),
        _ => e.to_string(),
    }
}

/// An application from the database (a number, with its id) or from a JSON interchange file.
fn load_target(db: &Option<PathBuf>, target: &str) -> Result<(Option<RowId>, Application), Failure> {
    let path = PathBuf::from(target);
    match target.parse::<i64>() {
        Ok(id) if !path.exists() => Ok((Some(id), open_reading(db)?.load_application(id)?)),
        _ => Ok((None, interchange::application_from_json(&read_file(&path)?)?)),
    }
}

/// Checks the target against the database's applications and registry when there is a
/// database; a file checked on a machine without one has its cross criteria left unknown.
fn assess(
    db: &Option<PathBuf>,
    id: Option<RowId>,
    app: &Application,
    pack: &rules::Pack,
    as_of: Option<chrono::NaiveDate>,
) -> Result<service::RegistryCheck, Failure> {
    let path = db.clone().unwrap_or_else(store::default_path);
    if id.is_none() && !path.exists() {
        let assessment = service::check(app, pack, &rules::UnknownRegistry, as_of, today());
        return Ok(service::RegistryCheck { assessment, conflicts: Vec::new() });
    }
    let mut store = Store::open_for_reading(&path)?;
    Ok(service::check_in_store(&mut store, id, app, pack, as_of, today())?)
}

/// Today on this machine, for the printed 填报日期 (the core never reads the clock).
fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// The pack for `app`: a pack file when given; else, where there is a database (or the target is
/// stored in one), the pack the user loaded into it, or the built-in pack.
fn pick_pack(
    db: &Option<PathBuf>,
    id: Option<RowId>,
    app: &Application,
    programme: Option<&str>,
    pack: Option<&std::path::Path>,
) -> Result<rules::Pack, Failure> {
    let path = db.clone().unwrap_or_else(store::default_path);
    if pack.is_some() || (id.is_none() && !path.exists()) {
        return Ok(service::choose_pack(app, programme, pack)?);
    }
    Ok(service::choose_pack_in_store(&Store::open_for_reading(&path)?, app, programme)?)
}

fn evidence(db: &Option<PathBuf>, command: EvidenceCommand) -> Result<u8, Failure> {
    use service::evidence as ev;
    let mut store = open(db)?;
    match command {
        EvidenceCommand::Add { id, item, files } => {
            let paths: Vec<&std::path::Path> = files.iter().map(PathBuf::as_path).collect();
            for f in ev::attach_paths(&mut store, id, &item, &paths, today())? {
                let note = if f.note.is_empty() { String::new() } else { format!("（{}）", f.note) };
                println!("已添加 {}：{}，{} 页{note}", f.file_name, f.kind.label(), f.pages);
            }
        }
        EvidenceCommand::List { id, format } => {
            let items = ev::items(&store, id, today())?;
            match format {
                Format::Json => println!("{}", serde_json::to_string_pretty(&items).expect("serialises")),
                Format::Text => {
                    for i in &items {
                        let state = if i.missing() {
                            "待补充".to_string()
                        } else if i.files.is_empty() {
                            "未附".to_string()
                        } else {
                            format!("{} 个文件，{} 页", i.files.len(), i.pages())
                        };
                        println!("{}\t{}\t{}\t{}", i.number, i.title, state, i.supports);
                        for f in &i.files {
                            let note =
                                if f.note.is_empty() { String::new() } else { format!("\t{}", f.note) };
                            println!(
                                "\t文件 {}\t{}\t{}\t{} 页{note}",
                                f.id,
                                f.file_name,
                                f.kind.label(),
                                f.pages
                            );
                        }
                    }
                }
            }
        }
        EvidenceCommand::Remove { id, file, item } => match (file, item) {
            (Some(file), _) => {
                let f = ev::remove_file(&mut store, id, file)?;
                println!("已删除文件 {}", f.file_name);
            }
            (None, Some(item)) => {
                ev::remove_item(&mut store, id, &item, today())?;
                println!("已删除印证材料 {item}");
            }
            (None, None) => unreachable!("clap requires one"),
        },
        EvidenceCommand::New { id, title, evidences, required } => {
            let evidences = ev::parse_evidences(evidences.as_deref())?;
            let items = ev::add_item(&mut store, id, &title, &evidences, required, today())?;
            if let Some(i) = items.last() {
                println!("已添加印证材料 {}：{}", i.number, i.title);
            }
        }
    }
    Ok(0)
}

fn programmes(db: &Option<PathBuf>) -> Result<u8, Failure> {
    let path = db.clone().unwrap_or_else(store::default_path);
    let summaries = if path.exists() {
        service::programme_summaries(&Store::open_for_reading(&path)?)?
    } else {
        let packs = rules::builtin_packs().map_err(|e| Failure::input(e.code(), e.to_string()))?;
        packs.iter().map(service::programme_summary).collect()
    };
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_else(|| "—".into());
    for p in summaries {
        let deadlines = if p.year_round {
            "常年受理".to_string()
        } else {
            format!("网上截止 {}，纸质截止 {}", date(p.online_deadline), date(p.paper_deadline))
        };
        println!(
            "{}\t{}\t{}\t生效 {} 至 {}\t{}",
            p.id,
            p.name,
            p.issuer,
            date(p.effective_from),
            date(p.effective_until),
            deadlines
        );
        if let Some(user) = &p.user {
            println!("\t用户导入：{}（{}）", user.file_name, user.loaded_at);
        }
    }
    Ok(0)
}

fn packs(db: &Option<PathBuf>, command: PacksCommand) -> Result<u8, Failure> {
    let command = match command {
        PacksCommand::Check { file, cases, documents } => {
            return pack_kit::check(&file, cases.as_deref(), documents.as_deref())
        }
        PacksCommand::Test { file, cases } => return pack_kit::test(&file, &cases, today()),
        PacksCommand::Diff { old, new } => return pack_kit::diff(&old, &new),
        PacksCommand::List => {
            let list = service::list_user_packs(&open_reading(db)?)?;
            if list.is_empty() {
                println!("尚未导入申报规则：可用 shenbao packs import FILE 导入");
            }
            for p in list {
                let note = if p.replaces_builtin { "\t代替内置规则" } else { "" };
                println!("{}\t{}\t{}\t{}{note}", p.id, p.name, p.file_name, p.loaded_at);
            }
            return Ok(0);
        }
        other => other,
    };
    let mut store = open(db)?;
    match command {
        PacksCommand::Import { file } => {
            let text = std::fs::read_to_string(&file).map_err(|e| {
                Failure::input("pack_io", format!("无法读取规则包文件 {}：{}", file.display(), io_reason(&e)))
            })?;
            let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            println!("{}", service::import_pack(&mut store, &name, &text)?.message);
        }
        PacksCommand::Remove { id } => {
            service::remove_user_pack(&mut store, &id)?;
            println!("已移除导入的申报规则 {id}");
        }
        // Answered above without a database.
        PacksCommand::List
        | PacksCommand::Check { .. }
        | PacksCommand::Test { .. }
        | PacksCommand::Diff { .. } => {}
    }
    Ok(0)
}

/// The registry from a spreadsheet: all rows or none (a registry is imported whole).
fn registry_from_spreadsheet(db: &Option<PathBuf>, file: &PathBuf) -> Result<u8, Failure> {
    let bytes = std::fs::read(file).map_err(|e| {
        Failure::input("read_file", format!("无法读取文件“{}”：{}", file.display(), io_reason(&e)))
    })?;
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let kind = shenbao::import::ImportKind::Platforms;
    let preview = shenbao::import::preview(&bytes, &name, kind, &Default::default(), &[])?;
    for e in &preview.errors {
        eprintln!("{e}");
    }
    let mut store = open(db)?;
    let ids = shenbao::import::commit(&mut store, 0, &preview)?;
    println!("已导入 {} 个已建平台", ids.len());
    Ok(0)
}

fn dispatch(cli: Cli) -> Result<u8, Failure> {
    match cli.command {
        Command::Init { sample } => {
            let mut store = open(&cli.db)?;
            if sample {
                let id = shenbao::samples::load_sample(&mut store)?;
                println!("已载入示例申报书（编号 {id}）");
            }
            println!("数据库已就绪：{}", store.path().display());
            Ok(0)
        }
        Command::Import { file } => {
            let text = read_file(&file)?;
            let app = interchange::application_from_json(&text)?;
            let mut store = open(&cli.db)?;
            let id = store.insert_application(&app)?;
            println!("已导入“{}”（编号 {id}）", app.centre_name);
            Ok(0)
        }
        Command::List => {
            let store = open_reading(&cli.db)?;
            let list = store.list_applications()?;
            if list.is_empty() {
                println!("数据库中尚无申报书");
            }
            for a in list {
                println!(
                    "{}\t{}\t{}\t{}\t固定人员 {} 人\t最后保存 {}",
                    a.id, a.programme, a.centre_name, a.lead_host, a.fixed_staff, a.updated_at
                );
            }
            Ok(0)
        }
        Command::ExportJson { id, out } => {
            let store = open_reading(&cli.db)?;
            let app = store.load_application(id)?;
            let text = interchange::application_to_json(&app);
            match out {
                Some(path) => std::fs::write(&path, text).map_err(|e| {
                    Failure::input(
                        "write_file",
                        format!("无法写入文件“{}”：{}", path.display(), io_reason(&e)),
                    )
                })?,
                None => print!("{text}"),
            }
            Ok(0)
        }
        Command::ExportAll { out } => {
            let archive = service::archive(&open_reading(&cli.db)?)?;
            let text = interchange::full_archive_to_json(&archive, &store::now_rfc3339());
            std::fs::write(&out, text).map_err(|e| {
                Failure::input("write_file", format!("无法写入文件“{}”：{}", out.display(), io_reason(&e)))
            })?;
            let files = if archive.contents.is_empty() {
                String::new()
            } else {
                format!("、{} 个印证材料文件", archive.contents.len())
            };
            println!(
                "已导出 {} 份申报书、{} 个已建平台{files}到 {}",
                archive.applications.len(),
                archive.registry.len(),
                out.display()
            );
            Ok(0)
        }
        Command::Programmes => programmes(&cli.db),
        Command::Packs(command) => packs(&cli.db, command),
        Command::Check { target, programme, pack, as_of, format } => {
            let (id, app) = load_target(&cli.db, &target)?;
            let pack = pick_pack(&cli.db, id, &app, programme.as_deref(), pack.as_deref())?;
            let checked = assess(&cli.db, id, &app, &pack, as_of)?;
            let assessment = &checked.assessment;
            match format {
                Format::Text => print!("{}", rules::report_text(assessment)),
                Format::Json => {
                    println!("{}", serde_json::to_string_pretty(assessment).expect("serialises"))
                }
            }
            Ok(if assessment.verdict == rules::Verdict::Eligible { 0 } else { 1 })
        }
        Command::Export { target, out, only, programme, pack, as_of } => {
            let (id, app) = load_target(&cli.db, &target)?;
            let pack = pick_pack(&cli.db, id, &app, programme.as_deref(), pack.as_deref())?;
            let assessment = assess(&cli.db, id, &app, &pack, as_of)?.assessment;
            let which = service::which_from_name(only.as_deref().unwrap_or("all")).expect("clap checked it");
            let store = id.map(|_| open(&cli.db)).transpose()?;
            let stored = store.as_ref().zip(id);
            let written =
                service::export_documents_in_store(stored, &app, &pack, &assessment, which, today(), &out)?;
            for path in written {
                println!("已生成 {}", path.display());
            }
            if assessment.verdict != rules::Verdict::Eligible {
                eprintln!("注意：自查结论为“{}”，审查表上已注明“自查未通过”", assessment.verdict_label);
            }
            Ok(0)
        }
        Command::Evidence(command) => evidence(&cli.db, command),
        Command::Conflicts { format } => {
            let mut store = open_reading(&cli.db)?;
            let params = service::cross_params_in_store(&store, None)?;
            let report = shenbao::duplicates::report(&mut store, &params)?;
            match format {
                Format::Text => print!("{}", shenbao::duplicates::report_text(&report)),
                Format::Json => println!("{}", serde_json::to_string_pretty(&report).expect("serialises")),
            }
            Ok(if report.excluding > 0 { 1 } else { 0 })
        }
        Command::Registry(RegistryCommand::Import { file }) => {
            let is_json = file.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"));
            if !is_json {
                return registry_from_spreadsheet(&cli.db, &file);
            }
            let platforms = interchange::registry_from_json(&read_file(&file)?)?;
            let mut store = open(&cli.db)?;
            let ids = store.insert_platforms(&platforms)?;
            println!("已导入 {} 个已建平台", ids.len());
            Ok(0)
        }
        Command::Backup => {
            let store = open_reading(&cli.db)?;
            let now = chrono::Local::now().naive_local();
            println!("{}", store::backup::make_backup(&store, &store.backup_dir(), now)?.display());
            Ok(0)
        }
        Command::Backups => {
            let path = cli.db.clone().unwrap_or_else(store::default_path);
            let list = store::backup::list(&store::backup::backup_dir(&path))?;
            if list.is_empty() {
                println!("尚无备份：可用 shenbao backup 立即备份");
            }
            for b in list {
                println!("{}	{}	{} 字节", b.taken_at, b.path, b.size_bytes);
            }
            Ok(0)
        }
        Command::Seal { id, note } => {
            let mut store = open(&cli.db)?;
            let s = service::seal(&mut store, id, &note, &store::now_rfc3339(), today())?;
            println!("已定稿（定稿编号 {}，{}，{} {}）", s.id, s.sealed_at, s.pack_id, s.pack_version);
            Ok(0)
        }
        Command::Seals { id } => {
            let seals = service::list_seals(&open_reading(&cli.db)?, id)?;
            if seals.is_empty() {
                println!("尚未定稿：可用 shenbao seal {id} --note 说明 定稿");
            }
            for s in seals {
                println!(
                    "{}\t{}\t{}\t{}\t审查表 SHA-256 {}",
                    s.id, s.sealed_at, s.note, s.pack_id, s.review_sheet_sha256
                );
            }
            Ok(0)
        }
        Command::Diff { id, against } => {
            let d = service::diff(&open_reading(&cli.db)?, id, against)?;
            println!(
                "定稿 {}（{}{}）后修改 {} 处",
                d.seal.id,
                d.seal.sealed_at,
                if d.seal.note.is_empty() { String::new() } else { format!("，{}", d.seal.note) },
                d.changes.len()
            );
            let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "（空）".into());
            for c in &d.changes {
                let place = [Some(c.part.clone()), c.row.clone(), c.field.clone()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" · ");
                match c.kind {
                    service::ChangeKind::Added => println!("+ {place}：{}", show(&c.after)),
                    service::ChangeKind::Removed => println!("- {place}：{}", show(&c.before)),
                    service::ChangeKind::Changed => {
                        println!("~ {place}：{} → {}", show(&c.before), show(&c.after))
                    }
                }
            }
            Ok(0)
        }
        Command::Reprint { seal, out } => {
            let bytes = service::sealed_review_sheet(&open_reading(&cli.db)?, seal)?;
            std::fs::write(&out, bytes).map_err(|e| {
                Failure::input("write_file", format!("无法写入文件“{}”：{}", out.display(), io_reason(&e)))
            })?;
            println!("已写出定稿 {seal} 的申请资格审查表：{}", out.display());
            Ok(0)
        }
        Command::Restore { file } => {
            let path = cli.db.clone().unwrap_or_else(store::default_path);
            let now = chrono::Local::now().naive_local();
            let safety = store::backup::restore(&path, &file, now)?;
            println!("已从“{}”恢复数据库；恢复前的数据已备份到 {}", file.display(), safety.display());
            Ok(0)
        }
        Command::Roster(RosterCommand::Import { id, file, kind, commit }) => {
            let bytes = std::fs::read(&file).map_err(|e| {
                Failure::input("read_file", format!("无法读取文件“{}”：{}", file.display(), io_reason(&e)))
            })?;
            let mut store = open(&cli.db)?;
            let app = store.load_application(id)?;
            let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let map = shenbao::import::ColumnMap::default();
            let preview = shenbao::import::preview_into(&bytes, &name, kind, &map, &app)?;
            let columns: Vec<String> = preview
                .columns
                .iter()
                .map(|c| match &c.label {
                    Some(label) => format!("{} {} → {label}", c.column, c.header),
                    None => format!("{} {} → （不导入）", c.column, c.header),
                })
                .collect();
            println!("{}：表头在第 {} 行；{}", kind.label(), preview.header_line, columns.join("，"));
            for e in &preview.errors {
                println!("{e}");
            }
            if commit {
                let ids = shenbao::import::commit(&mut store, id, &preview)?;
                println!(
                    "已导入 {} 行到申报书 {id}；有错误未导入 {} 行",
                    ids.len(),
                    preview.rejected_lines()
                );
            } else {
                println!(
                    "可导入 {} 行，有错误 {} 行；确认后加 --commit 写入",
                    preview.rows.len(),
                    preview.rejected_lines()
                );
            }
            Ok(if preview.errors.is_empty() { 0 } else { 1 })
        }
        Command::Roster(RosterCommand::Template { kind, out }) => {
            let bytes = shenbao::import::template(kind)?;
            std::fs::write(&out, bytes).map_err(|e| {
                Failure::input("write_file", format!("无法写入文件“{}”：{}", out.display(), io_reason(&e)))
            })?;
            println!("已生成{}模板：{}", kind.label(), out.display());
            Ok(0)
        }
        Command::Package(command) => package(&cli.db, command),
        Command::Person(PersonCommand::Link { first, second }) => {
            let (a, b) = (service::parse_document(&first)?, service::parse_document(&second)?);
            let mut store = open(&cli.db)?;
            println!("{}", service::link_documents(&mut store, &a, &b)?);
            Ok(0)
        }
        Command::Person(PersonCommand::Unlink { first, second }) => {
            let (a, b) = (service::parse_document(&first)?, service::parse_document(&second)?);
            let mut store = open(&cli.db)?;
            println!("{}", service::unlink_documents(&mut store, &a, &b)?);
            Ok(0)
        }
        Command::Person(PersonCommand::Links) => {
            let store = open_reading(&cli.db)?;
            let links = service::document_links(&store)?;
            if links.is_empty() {
                println!("尚无关联的证件：可用 shenbao person link 证件1 证件2 关联同一人的两份证件");
            }
            for (a, b) in links {
                println!("{a}\t{b}");
            }
            Ok(0)
        }
        Command::Registry(RegistryCommand::List) => {
            let store = open_reading(&cli.db)?;
            let platforms = store.list_platforms()?;
            if platforms.is_empty() {
                println!("已建平台名录为空：可用 shenbao registry import FILE 导入");
            }
            for p in platforms {
                println!(
                    "{}\t{}\t{}\t{}\t{}",
                    p.id.unwrap_or_default(),
                    p.name,
                    shenbao::duplicates::level_name(p.level),
                    shenbao::duplicates::kind_name(p.kind),
                    p.host_name
                );
            }
            Ok(0)
        }
    }
}

fn package(db: &Option<PathBuf>, command: PackageCommand) -> Result<u8, Failure> {
    use shenbao::package::{self, PackageDirection};
    match command {
        PackageCommand::Export { id, unit, out } => {
            let mut store = open(db)?;
            let now = chrono::Utc::now();
            let p = match (store.package_link(id)?, unit) {
                (Some(_), _) => package::export_back(&mut store, id, now)?,
                (None, Some(unit)) => package::export_for_co_builder(&mut store, id, unit, now)?,
                (None, None) => return Err(package::PackageError::NotADraft(id).into()),
            };
            std::fs::write(&out, package::to_json(&p)).map_err(|e| {
                Failure::input("write_file", format!("无法写入文件“{}”：{}", out.display(), io_reason(&e)))
            })?;
            let whom = match p.direction {
                PackageDirection::ToCoBuilder => format!("发给共建单位“{}”", p.rows.unit.name),
                PackageDirection::ToLead => format!("返回牵头单位“{}”", p.centre.lead_host_name),
            };
            println!("已导出{whom}的数据包（{}）：{}", p.revision_label(), out.display());
            Ok(0)
        }
        PackageCommand::Import { file, preview: _, accept_all, theirs } => {
            let p = package::from_json(&read_file(&file)?)?;
            let mut store = open(db)?;
            if p.direction == PackageDirection::ToCoBuilder {
                println!("{}", package::open_as_draft(&mut store, &p)?.message());
                return Ok(0);
            }
            let preview = package::preview_return(&store, &p)?;
            print!("{}", preview.text());
            if accept_all {
                let decisions = package::PackageDecisions { clashes_theirs: theirs, ..Default::default() };
                println!("{}", package::apply_return(&mut store, &p, &decisions)?.text());
            } else {
                println!("以上为预览，尚未写入：确认后加 --accept-all 合并（冲突处保留牵头单位的版本，加 --theirs 则采用共建单位的版本）");
            }
            Ok(0)
        }
    }
}
