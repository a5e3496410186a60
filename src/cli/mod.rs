//! `shenbao [--db PATH] <command>`: parses arguments, makes one call into `service` per
//! subcommand, prints, and maps outcomes to exit codes (0 success, 1 a finding, 2 bad usage or
//! bad input) in one place. Errors go to stderr in Chinese with their English code. No panic and
//! no English library message reaches the user; output cut off by a closed pipe ends quietly.

/// Appends one line to the output.
macro_rules! say {
    ($out:expr, $($arg:tt)*) => {{
        let _ = writeln!($out, $($arg)*);
    }};
}

mod args;
mod evidence;
mod history;
mod library;
mod pack_kit;
mod platform_copy;
mod schedule;
mod seal;
mod signatures;
mod transcription;

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

use shenbao::package::PackageDecisions;
use shenbao::rules;
use shenbao::service::{self, CommandError, ErrorCode, PackageImported, ServiceError, Target};
use shenbao::store::{self, Store};

use args::{
    Cli, Command, CompletionShell, Format, PackageCommand, PacksCommand, PersonCommand, RegistryCommand,
    RosterCommand,
};

/// The exit status of a failure: every error is bad usage or bad input (2). Findings (1) are
/// not errors; they are answered by the command itself.
fn exit_status(code: ErrorCode) -> u8 {
    match code {
        ErrorCode::NotFound
        | ErrorCode::InUse
        | ErrorCode::Invalid
        | ErrorCode::DamagedDatabase
        | ErrorCode::NewerDatabase
        | ErrorCode::PackInvalid
        | ErrorCode::PackageRefused
        | ErrorCode::Io
        | ErrorCode::BadArgument
        | ErrorCode::Internal => 2,
    }
}

/// What a command printed (written out once it is done), and its exit status.
type Outcome = Result<u8, ServiceError>;

pub fn run() -> ExitCode {
    // A panic is a bug: say so in Chinese, never with Rust's English message.
    std::panic::set_hook(Box::new(|info| {
        let at = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
        let _ = writeln!(
            std::io::stderr(),
            "错误 [internal]：申报通内部错误（{at}），本次操作未完成；请把这条信息和所用的命令发给技术支持"
        );
    }));
    let cli = match localized(Cli::command()).try_get_matches().and_then(|m| Cli::from_arg_matches(&m)) {
        Ok(c) => c,
        Err(e) => return usage_error(e),
    };
    let mut out = String::new();
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| dispatch(cli, &mut out)));
    // Output cut off by a closed pipe (`shenbao list | head -1`) ends quietly.
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(out.as_bytes()).and_then(|()| stdout.flush());
    match result {
        Ok(Ok(code)) => ExitCode::from(code),
        Ok(Err(e)) => {
            let e = CommandError::from(e);
            let _ = writeln!(std::io::stderr(), "错误 [{}]：{}", e.detail, e.message);
            ExitCode::from(exit_status(e.code))
        }
        Err(_) => ExitCode::from(2),
    }
}

/// The command line's help in Chinese: clap's headings and its help and version flags (the
/// texts of the commands and options are the doc comments in `args`), every subcommand alike.
fn localized(command: clap::Command) -> clap::Command {
    use clap::{Arg, ArgAction};
    let root = command.get_name() == "shenbao";
    let mut command = command
        .help_template("{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}")
        .subcommand_help_heading("命令")
        .subcommand_value_name("命令")
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .mut_args(|a| {
            let heading = if a.is_positional() { "参数" } else { "选项" };
            in_chinese(a.help_heading(heading))
        })
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("显示帮助")
                .help_heading("选项"),
        );
    if root {
        command = command.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("显示版本")
                .help_heading("选项"),
        );
    }
    command.mut_subcommands(localized)
}

/// An argument's accepted values and default said in its help in Chinese, instead of clap's
/// "[possible values: …]" and "[default: …]" (a value its help already names is not repeated).
fn in_chinese(arg: clap::Arg) -> clap::Arg {
    let mut help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    let defaults: Vec<String> =
        arg.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
    if !arg.get_action().takes_values() {
        return arg;
    }
    let mut arg = arg;
    if !values.is_empty() {
        if !values.iter().all(|v| help.contains(v.as_str())) {
            help.push_str(&format!("（可选：{}）", values.join("、")));
        }
        arg = arg.hide_possible_values(true);
    }
    if !defaults.is_empty() {
        help.push_str(&format!("（默认：{}）", defaults.join("、")));
        arg = arg.hide_default_value(true);
    }
    arg.help(help)
}

/// Help and version print and succeed; anything else is a usage error, said in Chinese.
fn usage_error(e: clap::Error) -> ExitCode {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        let text = e.render().to_string().replace("[OPTIONS]", "[选项]");
        let _ = std::io::stdout().write_all(text.as_bytes());
        return ExitCode::SUCCESS;
    }
    let context = |kind: ContextKind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(s)) => s.join("、"),
        _ => String::new(),
    };
    let (arg, value) = (context(ContextKind::InvalidArg), context(ContextKind::InvalidValue));
    let what = match e.kind() {
        ErrorKind::ValueValidation => {
            let reason = std::error::Error::source(&e).map(|s| s.to_string()).unwrap_or_default();
            format!("参数 {arg} 的值“{value}”不正确：{reason}")
        }
        ErrorKind::InvalidValue => {
            format!("参数 {arg} 的值“{value}”不在可选范围内，应为 {}", context(ContextKind::ValidValue))
        }
        ErrorKind::UnknownArgument => format!("不认识的参数 {arg}"),
        ErrorKind::InvalidSubcommand => format!("不认识的命令“{}”", context(ContextKind::InvalidSubcommand)),
        ErrorKind::MissingRequiredArgument => format!("缺少参数 {arg}"),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "缺少命令".into()
        }
        ErrorKind::ArgumentConflict => {
            format!("参数 {arg} 不能与 {} 同时使用", context(ContextKind::PriorArg))
        }
        ErrorKind::TooManyValues => format!("参数 {arg} 给得太多"),
        ErrorKind::InvalidUtf8 => "参数不是 UTF-8 文本".into(),
        _ => "参数不正确".into(),
    };
    let _ = writeln!(std::io::stderr(), "用法错误 [usage]：{what}；运行 shenbao --help 查看用法");
    ExitCode::from(2)
}

fn db_path(db: &Option<PathBuf>) -> PathBuf {
    db.clone().unwrap_or_else(store::default_path)
}

/// The database for a command that writes: refused while another window or command writes.
fn open(db: &Option<PathBuf>) -> Result<Store, ServiceError> {
    service::open(&db_path(db))
}

/// The database for a command that only reads: works beside an open window.
fn open_reading(db: &Option<PathBuf>) -> Result<Store, ServiceError> {
    service::open_reading(&db_path(db))
}

/// Today in Beijing time on this machine's clock, for the printed 填报日期 and the deadlines (the
/// core never reads the clock).
fn today() -> chrono::NaiveDate {
    service::today_in_china(chrono::Utc::now())
}

fn dispatch(cli: Cli, out: &mut String) -> Outcome {
    let db = &cli.db;
    match cli.command {
        Command::Init { sample } => {
            let mut store = open(db)?;
            if sample {
                say!(out, "已载入示例申报书（编号 {}）", service::create_sample(&mut store)?);
            }
            say!(out, "数据库已就绪：{}", store.path().display());
        }
        Command::Import { file } => {
            let text = service::read_text_file(&file)?;
            let (id, app) = service::import_application_json(&mut open(db)?, &text)?;
            say!(out, "已导入“{}”（编号 {id}）", app.centre_name);
        }
        Command::List => {
            let list = service::list_applications(&open_reading(db)?)?;
            if list.is_empty() {
                say!(out, "数据库中尚无申报书");
            }
            for a in list {
                let (id, programme, name, lead, staff, at) =
                    (a.id, a.programme, a.centre_name, a.lead_host, a.fixed_staff, a.updated_at);
                say!(out, "{id}\t{programme}\t{name}\t{lead}\t固定人员 {staff} 人\t最后保存 {at}");
            }
        }
        Command::ExportJson { id, out: file } => {
            let text = service::export_application_json(&open_reading(db)?, id)?;
            match file {
                Some(path) => service::write_file(&path, text.as_bytes())?,
                None => out.push_str(&text),
            }
        }
        Command::ExportAll { out: file } => {
            let done = service::export_archive(&open_reading(db)?, &file)?;
            let (apps, platforms) = (done.applications, done.platforms);
            let files = if done.files == 0 {
                String::new()
            } else {
                format!("、{} 个印证材料文件", done.files)
            };
            say!(out, "已导出 {apps} 份申报书、{platforms} 个已建平台{files}到 {}", file.display());
        }
        Command::Programmes => programmes(db, out)?,
        Command::Packs(command) => return packs(db, command, out),
        Command::Check { target, rules: r, format } => {
            let checked =
                service::check_target(&db_path(db), &Target::parse(&target), &r.options(), today())?;
            let assessment = &checked.check.assessment;
            match format {
                Format::Text => out.push_str(&rules::report_text(assessment)),
                Format::Json => say!(out, "{}", json(assessment)?),
            }
            return Ok(if assessment.verdict == rules::Verdict::Eligible { 0 } else { 1 });
        }
        Command::Export { target, out: dir, only, rules: r } => {
            let options = r.options();
            let which = service::which_from_names(&[only.unwrap_or_else(|| "all".into())])?;
            let (checked, written) = service::export_target(
                &db_path(db),
                &Target::parse(&target),
                &options,
                &which,
                today(),
                &dir,
            )?;
            for path in written {
                say!(out, "已生成 {}", path.display());
            }
            let assessment = &checked.check.assessment;
            if assessment.verdict != rules::Verdict::Eligible {
                let label = &assessment.verdict_label;
                let _ = writeln!(std::io::stderr(), "注意：自查结论为“{label}”，审查表上已注明“自查未通过”");
            }
        }
        Command::Conflicts { format } => {
            let report = service::all_conflicts(&mut open_reading(db)?)?;
            match format {
                Format::Text => out.push_str(&shenbao::duplicates::report_text(&report)),
                Format::Json => say!(out, "{}", json(&report)?),
            }
            return Ok(if report.excluding > 0 { 1 } else { 0 });
        }
        Command::Registry(RegistryCommand::Import { file }) => {
            let bytes = service::read_file(&file)?;
            let added = service::import_registry_file(&mut open(db)?, &service::file_name(&file), &bytes)?;
            say!(out, "已导入 {added} 个已建平台");
        }
        Command::Registry(RegistryCommand::List) => registry_list(db, out)?,
        Command::Backup => {
            say!(
                out,
                "{}",
                service::backup_now(&open_reading(db)?, chrono::Local::now().naive_local())?.display()
            )
        }
        Command::Backups => {
            let list = service::list_backups(&db_path(db))?;
            if list.is_empty() {
                say!(out, "尚无备份：可用 shenbao backup 立即备份");
            }
            for b in list {
                let held = b.applications.map_or_else(|| "无法读取".to_string(), |n| format!("{n} 份申报书"));
                say!(out, "{}\t{}\t{}\t{} 字节\t{}", b.taken_at, b.kind_label, held, b.size_bytes, b.path);
            }
        }
        Command::About => out.push_str(&about(db)?.text),
        Command::Restore { file } => {
            let kept = service::restore(&db_path(db), &file, chrono::Local::now().naive_local())?;
            say!(out, "已从“{}”恢复数据库；恢复前的数据已保存到 {}", file.display(), kept.display());
        }
        Command::Seal { id, note } => seal::seal(&mut open(db)?, id, &note, today(), out)?,
        Command::Seals { id } => seal::seals(&open_reading(db)?, id, out)?,
        Command::Diff { id, against } => seal::diff(&open_reading(db)?, id, against, out)?,
        Command::History { id, row } => history::history(&open_reading(db)?, id, row.as_deref(), out)?,
        Command::Reprint { seal, out: file } => seal::reprint(&open_reading(db)?, seal, &file, out)?,
        Command::Transcription { id, xlsx } => {
            transcription::run(&mut open_reading(db)?, id, xlsx.as_deref(), today(), out)?
        }
        Command::Signatures { id, done, undone } => signatures::run(db, id, done, undone, today(), out)?,
        Command::PlatformCheck { id, pdf } => return platform_copy::run(&open_reading(db)?, id, &pdf, out),
        Command::Schedule { id, plan, done, undone, mailing_days } => {
            let changes = schedule::Changes { plan, done, undone, mailing_days };
            schedule::run(db, id, &changes, today(), out)?
        }
        Command::Reminders => schedule::reminders(&open_reading(db)?, today(), out)?,
        Command::Roster(command) => return roster(db, command, out),
        Command::Package(command) => package(db, command, out)?,
        Command::Person(command) => person(db, command, out)?,
        Command::Evidence(command) => evidence::run(&mut open(db)?, command, today(), out)?,
        Command::Library(command) => library::run(db, command, today(), out)?,
        Command::Completions { shell } => {
            let mut bytes = Vec::new();
            let shell = match shell {
                CompletionShell::Bash => clap_complete::Shell::Bash,
                CompletionShell::Zsh => clap_complete::Shell::Zsh,
            };
            clap_complete::generate(shell, &mut Cli::command(), "shenbao", &mut bytes);
            out.push_str(&String::from_utf8_lossy(&bytes));
        }
    }
    Ok(0)
}

/// Pretty JSON of a value the core built (it always serialises; never a panic if not).
fn json<T: serde::Serialize>(value: &T) -> Result<String, ServiceError> {
    serde_json::to_string_pretty(value).map_err(|e| ServiceError::BadArgument(format!("无法输出 JSON：{e}")))
}

/// Programmes are listed without creating a database: the built-in ones, and those loaded into
/// the database when it exists.
/// The About text; a database that is missing is not created, one that cannot be opened is named
/// with the reason.
fn about(db: &Option<PathBuf>) -> Result<service::About, ServiceError> {
    let path = db_path(db);
    if !path.exists() {
        return service::about(&path, None, Some("尚未创建（首次启动申报通或 shenbao init 时创建）".into()));
    }
    match open_reading(db) {
        Ok(store) => service::about(&path, Some(&store), None),
        Err(e) => service::about(&path, None, Some(e.to_string())),
    }
}

fn programmes(db: &Option<PathBuf>, out: &mut String) -> Result<(), ServiceError> {
    let path = db_path(db);
    let store = if path.exists() { Some(service::open_reading(&path)?) } else { None };
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_else(|| "—".into());
    for p in service::programmes(store.as_ref(), today())? {
        let mut deadlines = p.deadline.text.clone();
        if p.deadline.status == service::DeadlineStatus::Open {
            deadlines = format!("{deadlines}（{}：{}）", p.deadline.next_label, p.deadline.countdown);
        }
        let (from, until) = (date(p.effective_from), date(p.effective_until));
        say!(out, "{}\t{}\t{}\t生效 {from} 至 {until}\t{deadlines}", p.id, p.name, p.issuer);
        if let Some(user) = &p.user {
            say!(out, "\t用户导入：{}（{}）", user.file_name, user.loaded_at);
        }
    }
    Ok(())
}

fn packs(db: &Option<PathBuf>, command: PacksCommand, out: &mut String) -> Outcome {
    // The authoring commands open no database.
    let command = match command {
        PacksCommand::Check { file, cases, documents } => {
            return pack_kit::check(&file, cases.as_deref(), documents.as_deref(), out)
        }
        PacksCommand::Test { file, cases } => return pack_kit::test(&file, &cases, today(), out),
        PacksCommand::Diff { old, new } => return pack_kit::diff(&old, &new, out),
        PacksCommand::Move { id, to: None, .. } => return pack_kit::versions(&open_reading(db)?, id, out),
        PacksCommand::Move { id, to: Some(to), commit: false } => {
            return pack_kit::moved(&service::preview_pack_move(&open_reading(db)?, id, &to)?, out)
        }
        PacksCommand::List => {
            let list = service::list_user_packs(&open_reading(db)?)?;
            if list.is_empty() {
                say!(out, "尚未导入申报规则：可用 shenbao packs import FILE 导入");
            }
            for p in list {
                let note = if p.replaces_builtin { "\t代替内置规则的同一版本" } else { "" };
                say!(out, "{}\t{}\t{}\t{}\t{}{note}", p.id, p.name, p.file_name, p.loaded_at, p.version);
            }
            return Ok(0);
        }
        other => other,
    };
    let mut store = open(db)?;
    match command {
        PacksCommand::Import { file } => {
            let text = service::read_pack_file(&file)?;
            say!(out, "{}", service::import_pack(&mut store, &service::file_name(&file), &text)?.message);
        }
        PacksCommand::Remove { id } => {
            service::remove_user_pack(&mut store, &id)?;
            say!(out, "已移除导入的申报规则 {id}");
        }
        PacksCommand::Move { id, to: Some(to), commit: true } => {
            pack_kit::moved(&service::move_pack(&mut store, id, &to)?, out)?;
        }
        // Answered above without a database.
        PacksCommand::List
        | PacksCommand::Check { .. }
        | PacksCommand::Test { .. }
        | PacksCommand::Diff { .. }
        | PacksCommand::Move { .. } => {}
    }
    Ok(0)
}

fn registry_list(db: &Option<PathBuf>, out: &mut String) -> Result<(), ServiceError> {
    let platforms = service::list_platforms(&open_reading(db)?)?;
    if platforms.is_empty() {
        say!(out, "已建平台名录为空：可用 shenbao registry import FILE 导入");
    }
    for p in platforms {
        let (level, kind) = (p.level.label(), p.kind.label());
        say!(out, "{}\t{}\t{level}\t{kind}\t{}", p.id.unwrap_or_default(), p.name, p.host_name);
    }
    Ok(())
}

/// Exit 1 when any row of the file has an error.
fn roster(db: &Option<PathBuf>, command: RosterCommand, out: &mut String) -> Outcome {
    match command {
        RosterCommand::Import { id, file, kind, commit } => {
            let bytes = service::read_file(&file)?;
            let mut store = open(db)?;
            let map = shenbao::import::ColumnMap::default();
            let preview =
                service::preview_roster(&store, id, kind, &service::file_name(&file), &bytes, &map)?;
            // The command line has no column mapping: a missing required column is an error.
            preview.ready().map_err(ServiceError::from)?;
            let columns: Vec<String> = preview
                .columns
                .iter()
                .map(|c| {
                    format!("{} {} → {}", c.column, c.header, c.label.as_deref().unwrap_or("（不导入）"))
                })
                .collect();
            say!(out, "{}：表头在第 {} 行；{}", kind.label(), preview.header_line, columns.join("，"));
            for e in &preview.errors {
                say!(out, "{e}");
            }
            for w in &preview.warnings {
                say!(out, "提示：{w}");
            }
            let rejected = preview.rejected_lines();
            if commit {
                let added = service::commit_roster(&mut store, id, &preview)?;
                say!(out, "已导入 {added} 行到申报书 {id}；有错误未导入 {rejected} 行");
            } else {
                say!(out, "可导入 {} 行，有错误 {rejected} 行；确认后加 --commit 写入", preview.rows.len());
            }
            Ok(if preview.errors.is_empty() { 0 } else { 1 })
        }
        RosterCommand::Template { kind, out: file } => {
            service::write_file(&file, &service::roster_template(kind)?)?;
            say!(out, "已生成{}模板：{}", kind.label(), file.display());
            Ok(0)
        }
    }
}

fn package(db: &Option<PathBuf>, command: PackageCommand, out: &mut String) -> Result<(), ServiceError> {
    match command {
        PackageCommand::Export { id, unit, out: file } => {
            say!(out, "{}", service::export_package(&mut open(db)?, id, unit, &file, chrono::Utc::now())?);
        }
        PackageCommand::Import { file, preview: _, accept_all, theirs } => {
            let text = service::read_text_file(&file)?;
            let decisions = PackageDecisions { clashes_theirs: theirs, ..Default::default() };
            match service::import_package(&mut open(db)?, &text, accept_all.then_some(&decisions))? {
                PackageImported::Opened(draft) => say!(out, "{}", draft.message()),
                PackageImported::Returned { preview, merged } => {
                    out.push_str(&preview.text());
                    match merged {
                        Some(summary) => say!(out, "{}", summary.text()),
                        None => say!(out, "以上为预览，尚未写入：确认后加 --accept-all 合并（冲突处保留牵头单位的版本，加 --theirs 则采用共建单位的版本）"),
                    }
                }
            }
        }
    }
    Ok(())
}

fn person(db: &Option<PathBuf>, command: PersonCommand, out: &mut String) -> Result<(), ServiceError> {
    match command {
        PersonCommand::Link { first, second } => {
            let (a, b) = (service::parse_document(&first)?, service::parse_document(&second)?);
            say!(out, "{}", service::link_documents(&mut open(db)?, &a, &b)?);
        }
        PersonCommand::Unlink { first, second } => {
            let (a, b) = (service::parse_document(&first)?, service::parse_document(&second)?);
            say!(out, "{}", service::unlink_documents(&mut open(db)?, &a, &b)?);
        }
        PersonCommand::Links => {
            let links = service::document_links(&open_reading(db)?)?;
            if links.is_empty() {
                say!(out, "尚无关联的证件：可用 shenbao person link 证件1 证件2 关联同一人的两份证件");
            }
            for (a, b) in links {
                say!(out, "{a}\t{b}");
            }
        }
    }
    Ok(())
}
