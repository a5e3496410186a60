//! The command line's arguments, as clap reads them: every subcommand and its options.
//! A date is read here into a Chinese message naming the option (never chrono's English).

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "shenbao", version, about = "申报通：科技创新平台申报材料准备工具（离线）")]
pub struct Cli {
    /// Database file (default: $SHENBAO_DB, else the user's data directory)
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
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
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        as_of: Option<NaiveDate>,
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
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        as_of: Option<NaiveDate>,
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
    /// What a support request needs: version, build date, the packs with their documents and
    /// dates, the database's path and size, the last backup, the font licence
    About,
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
    /// Every recorded change of an application (field or row, old and new value, when, and
    /// whether from the window, an import, a package merge or a restore), its seals among them
    History {
        id: i64,
        /// Only one roster row's changes, e.g. person:12 (kinds: direction, host_unit, person,
        /// instrument, site, rd_investment, achievement)
        #[arg(long, value_name = "KIND:ID")]
        row: Option<String>,
    },
    /// Write a sealed version's review sheet exactly as it was printed at sealing
    Reprint {
        seal: i64,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// The values to type into the online platform (网上填报对照表), in print order with their
    /// lengths; rosters as tab-separated rows; --xlsx writes the sheet as a spreadsheet
    Transcription {
        id: i64,
        #[arg(long, value_name = "FILE")]
        xlsx: Option<PathBuf>,
    },
    /// The signatures and seals the paper needs (签字盖章清单), per unit, numbered; --done N and
    /// --undone N tick a place off (or back) first
    Signatures {
        id: i64,
        #[arg(long, value_name = "N")]
        done: Option<usize>,
        #[arg(long, value_name = "N")]
        undone: Option<usize>,
    },
    /// Check the PDF downloaded from the online platform (核对平台下载件) against the latest sealed
    /// version (or the current content): every value it lacks or shows differently; exit 1 when
    /// any
    PlatformCheck {
        id: i64,
        /// The PDF downloaded from the platform
        pdf: PathBuf,
    },
    /// The way to the post office (报送进度): the user's milestones between the notice's
    /// deadlines, each with its day and days left; --plan KIND=DATE, --done KIND, --undone KIND and
    /// --mailing-days N change it first (KIND: unit_review, supervising_review, online_submission,
    /// mailing)
    Schedule {
        id: i64,
        #[arg(long, value_name = "KIND=YYYY-MM-DD")]
        plan: Vec<String>,
        #[arg(long, value_name = "KIND")]
        done: Vec<String>,
        #[arg(long, value_name = "KIND")]
        undone: Vec<String>,
        #[arg(long, value_name = "N")]
        mailing_days: Option<u32>,
    },
    /// The steps due within three days or overdue, of every application (not the sample)
    Reminders,
    /// Rosters from spreadsheets: import (preview, then --commit) and templates
    #[command(subcommand)]
    Roster(RosterCommand),
    /// Co-builder packages (共建单位材料包): export for a co-builder or back to the lead, import
    #[command(subcommand)]
    Package(PackageCommand),
    /// Two ID documents of one person (e.g. a resident ID and a passport): link, unlink, list
    #[command(subcommand)]
    Person(PersonCommand),
    /// Supporting materials (印证材料): list the items, attach files, add or remove items and files
    #[command(subcommand)]
    Evidence(EvidenceCommand),
    /// The unit's library (单位资料库): records kept once, where each is used, edits that reach
    /// every application using the record (previewed first)
    #[command(subcommand)]
    Library(LibraryCommand),
    /// Print the shell completion script for bash or zsh (e.g. `shenbao completions bash >
    /// /etc/bash_completion.d/shenbao`)
    Completions {
        #[arg(value_enum)]
        shell: CompletionShell,
    },
}

#[derive(Subcommand)]
pub enum LibraryCommand {
    /// The records (of one unit, of one kind) with their usage
    List {
        #[arg(long, value_name = "USCC")]
        unit: Option<String>,
        #[arg(long, value_enum)]
        kind: Option<LibraryKindArg>,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// One record: its fields and every application that uses it (rows that differ from it named)
    Show {
        record: i64,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Where the records are used, one line a used record ("张三：3 份申报书，其中 2 份为固定人员")
    Usage {
        #[arg(long, value_name = "USCC")]
        unit: Option<String>,
    },
    /// Edit a record (--set FIELD=VALUE, e.g. title=full_senior, id_doc.number=…): the preview of
    /// what changes in which applications and which verdicts move; --commit applies it
    Edit {
        record: i64,
        #[arg(long = "set", value_name = "FIELD=VALUE", required = true)]
        set: Vec<String>,
        #[arg(long)]
        commit: bool,
    },
    /// Link every row that has a unit and an identity to its record (making records where none is)
    Collect,
    /// Pick records into application ID as new rows linked to them
    Pick {
        id: i64,
        #[arg(required = true, value_name = "RECORD")]
        records: Vec<i64>,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LibraryKindArg {
    Person,
    Instrument,
    Site,
    Achievement,
}

#[derive(Subcommand)]
pub enum EvidenceCommand {
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
    /// The limits a file is checked by on attach (largest size, least print resolution of an
    /// image); with --max-mb or --min-dpi, set them first
    Limits {
        /// The largest file accepted, in MB (default 50)
        #[arg(long, value_name = "MB")]
        max_mb: Option<u64>,
        /// The least resolution of an image printed on A4, in dpi (default 150)
        #[arg(long, value_name = "DPI")]
        min_dpi: Option<u64>,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CompletionShell {
    Bash,
    Zsh,
}

#[derive(Subcommand)]
pub enum PersonCommand {
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
pub enum PackageCommand {
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
pub enum RosterCommand {
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
pub enum PacksCommand {
    /// Load a pack file into the database (checked strictly first; nothing is stored if it is
    /// bad). Another version of a programme is kept beside the others (applications keep theirs;
    /// new ones get the newest); the same version as a built-in pack or an import replaces it.
    Import { file: PathBuf },
    /// List the packs loaded into the database
    List,
    /// Remove every loaded version of a pack (a built-in pack of the same id applies again to new
    /// applications; one that kept a removed version says so until moved)
    Remove { id: String },
    /// The pack version application ID keeps and the versions of its programme; with --to, what
    /// moving it to that version changes (the diff), and with --commit too, move it
    Move {
        id: i64,
        /// The version: its full text as listed, or a unique part of it (e.g. 2025 or the 文号)
        #[arg(long, value_name = "VERSION")]
        to: Option<String>,
        /// Move it (without: only show the diff)
        #[arg(long, requires = "to")]
        commit: bool,
    },
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
pub enum RegistryCommand {
    /// Add the platforms of a registry JSON document (format `shenbao.registry`), or of a
    /// spreadsheet (.xlsx, .xls, .ods, .csv; nothing is written if any row has an error)
    Import { file: PathBuf },
    /// List the platforms in the registry
    List,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// Reads a YYYY-MM-DD date; a date that does not exist or is not in that form is refused in
/// Chinese with the fix (clap names the option).
fn parse_date(text: &str) -> Result<NaiveDate, String> {
    shenbao::validate::parse_date_text(text)
}
