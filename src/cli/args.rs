//! The command line's arguments, as clap reads them: every subcommand and its options.
//! A date is read here into a Chinese message naming the option (never chrono's English).

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};

#[derive(Parser)]
#[command(name = "shenbao", version, about = "申报通：科技创新平台申报材料准备工具（离线）")]
pub struct Cli {
    /// 数据库文件（默认：环境变量 SHENBAO_DB，否则为用户数据目录中的文件）
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// 创建数据库（加 --sample 时载入示例申报书）
    Init {
        /// 同时载入示例申报书
        #[arg(long)]
        sample: bool,
    },
    /// 从 JSON 交换文件导入一份申报书
    Import {
        /// JSON 交换文件
        file: PathBuf,
    },
    /// 列出数据库中的申报书
    List,
    /// 将一份申报书导出为 JSON 交换文件（输出到屏幕，或 --out 文件）
    ExportJson {
        /// 数据库中的申报书编号
        id: i64,
        /// 保存到的文件（不给时输出到屏幕）
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// 将全部申报书和已建平台名录导出为一个 JSON 归档（格式 shenbao.archive）
    ExportAll {
        /// 归档文件
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// 按申报类型的规则检查一份申报书（数据库编号或 JSON 文件）
    Check {
        /// 数据库中的申报书编号，或 JSON 交换文件
        target: String,
        #[command(flatten)]
        rules: RuleArgs,
        /// 输出格式：text（文字）或 json
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// 列出规则包（内置和已导入）及其日期和截止时间
    Programmes,
    /// 导入的申报规则包：导入、列出、删除、改用版本、检查、用例测试、比较
    #[command(subcommand)]
    Packs(PacksCommand),
    /// 导出 PDF：申请书、申请资格审查表、报送清单、装订合一的整套
    Export {
        /// 数据库中的申报书编号，或 JSON 交换文件
        target: String,
        /// 导出到的文件夹
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// 只导出一种：application（申请书）、review（审查表）、mailing（报送清单）、bound（申请书、审查表和印证材料合订）、evidence（只有印证材料及其目录）
        #[arg(long, value_parser = ["application", "review", "mailing", "bound", "evidence"])]
        only: Option<String>,
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// 重复申报检查：同一人员、仪器设备、场地、成果在各申报书和已建平台名录中被重复使用的情况，分组列出；有导致不可申报的冲突时退出码为 1
    Conflicts {
        /// 输出格式：text（文字）或 json
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// 已建平台名录（检查时用于比对）：导入、列出
    #[command(subcommand)]
    Registry(RegistryCommand),
    /// 立即备份数据库（到其旁边的 backups 文件夹），并显示备份文件路径
    Backup,
    /// 列出备份，最新的在前
    Backups,
    /// 关于：版本、构建日期、规则包及其依据文件和日期、数据库路径和大小、最近备份、字体许可（联系技术支持时附上）
    About,
    /// 用备份替换数据库内容（先备份当前状态）
    Restore {
        /// 备份文件（见 shenbao backups）
        file: PathBuf,
    },
    /// 定稿：保存申报书的当前版本、检查结果和审查表，之后的修改不影响它
    Seal {
        /// 数据库中的申报书编号
        id: i64,
        /// 定稿说明，如“提交网络平台”
        #[arg(long, default_value = "")]
        note: String,
    },
    /// 列出申报书的定稿版本
    Seals {
        /// 数据库中的申报书编号
        id: i64,
    },
    /// 与最近一次定稿（或 --against 指定的定稿）相比逐项列出修改
    Diff {
        /// 数据库中的申报书编号
        id: i64,
        /// 与哪一个定稿比较（定稿编号；默认最近一次）
        #[arg(long, value_name = "SEAL")]
        against: Option<i64>,
    },
    /// 修改记录：每一处修改（字段或名单行、修改前后的值、时间，来自窗口填写、文件导入、合并共建单位材料包或从备份恢复），含定稿
    History {
        /// 数据库中的申报书编号
        id: i64,
        /// 只看名单中一行的修改，如 person:12（类型：direction、host_unit、person、instrument、site、rd_investment、achievement）
        #[arg(long, value_name = "KIND:ID")]
        row: Option<String>,
    },
    /// 按定稿时的原样重新输出该定稿版本的申请资格审查表
    Reprint {
        /// 定稿编号（见 shenbao seals）
        seal: i64,
        /// 保存到的 PDF 文件
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// 网上填报对照表：按申请书顺序列出要在网络平台录入的每一项及字数，名单为制表符分隔的行；--xlsx 保存为 Excel 表格
    Transcription {
        /// 数据库中的申报书编号
        id: i64,
        /// 另存为 Excel 表格（.xlsx）
        #[arg(long, value_name = "FILE")]
        xlsx: Option<PathBuf>,
    },
    /// 签字盖章清单：按单位列出纸质材料需要签字、盖章的位置并编号；--done 序号 勾选完成，--undone 序号 取消勾选
    Signatures {
        /// 数据库中的申报书编号
        id: i64,
        /// 勾选完成的序号
        #[arg(long, value_name = "N")]
        done: Option<usize>,
        /// 取消勾选的序号
        #[arg(long, value_name = "N")]
        undone: Option<usize>,
    },
    /// 核对平台下载件：读取从网络平台下载的申请书 PDF，与最近的定稿版本（未定稿时为当前内容）逐项核对，列出找不到或不一致的项；有不一致时退出码为 1
    PlatformCheck {
        /// 数据库中的申报书编号
        id: i64,
        /// 从网络平台下载的申请书 PDF
        pdf: PathBuf,
    },
    /// 报送进度：通知截止时间之间的各步骤（本单位审核、归口管理部门审核、网上提交、寄出纸质材料）及剩余天数；--plan 步骤=日期、--done 步骤、--undone 步骤、--mailing-days 天数 先修改（步骤：unit_review、supervising_review、online_submission、mailing）
    Schedule {
        /// 数据库中的申报书编号
        id: i64,
        /// 计划日期，如 mailing=2026-05-20（可重复）
        #[arg(long, value_name = "KIND=YYYY-MM-DD")]
        plan: Vec<String>,
        /// 标为已完成的步骤（可重复）
        #[arg(long, value_name = "KIND")]
        done: Vec<String>,
        /// 取消完成的步骤（可重复）
        #[arg(long, value_name = "KIND")]
        undone: Vec<String>,
        /// 寄出纸质材料预留的邮寄天数（0–60）
        #[arg(long, value_name = "N")]
        mailing_days: Option<u32>,
    },
    /// 近期事项：各申报书（示例除外）三天内到期或已逾期的步骤
    Reminders,
    /// 从表格导入名单（先预览，再 --commit 导入）、生成模板
    #[command(subcommand)]
    Roster(RosterCommand),
    /// 共建单位材料包：导出给共建单位或交回第一依托单位、导入
    #[command(subcommand)]
    Package(PackageCommand),
    /// 同一人的两个证件（如身份证和护照）：关联、取消关联、列出
    #[command(subcommand)]
    Person(PersonCommand),
    /// 印证材料：列出材料、添加文件、新增或删除材料和文件、文件限制
    #[command(subcommand)]
    Evidence(EvidenceCommand),
    /// 单位资料库：只录入一次的人员、仪器、场地和成果，各在哪些申报书中使用；修改（先预览）同步到使用它的申报书
    #[command(subcommand)]
    Library(LibraryCommand),
    /// 输出 bash 或 zsh 的命令补全脚本（如 shenbao completions bash >/etc/bash_completion.d/shenbao）
    Completions {
        /// 命令行外壳：bash 或 zsh
        #[arg(value_enum)]
        shell: CompletionShell,
    },
}

#[derive(Subcommand)]
pub enum LibraryCommand {
    /// 列出资料库记录（可按单位、类型）及其使用情况
    List {
        /// 只看这个单位（统一社会信用代码）
        #[arg(long, value_name = "USCC")]
        unit: Option<String>,
        /// 只看一类：person（人员）、instrument（仪器设备）、site（场地）或 achievement（成果）
        #[arg(long, value_enum)]
        kind: Option<LibraryKindArg>,
        /// 输出格式：text（文字）或 json
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// 一条记录：各字段及使用它的每份申报书（与它不一致的行会注明）
    Show {
        /// 资料库记录编号（见 library list）
        record: i64,
        /// 输出格式：text（文字）或 json
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// 使用情况：每条被使用的记录一行（如“张三：3 份申报书，其中 2 份为固定人员”）
    Usage {
        /// 只看这个单位（统一社会信用代码）
        #[arg(long, value_name = "USCC")]
        unit: Option<String>,
    },
    /// 修改一条记录（--set 字段=值，如 title=full_senior、id_doc.number=…）：先预览哪些申报书改变、哪些结论变化；加 --commit 执行
    Edit {
        /// 资料库记录编号（见 library list）
        record: i64,
        /// 要改的字段和新值（可重复）
        #[arg(long = "set", value_name = "FIELD=VALUE", required = true)]
        set: Vec<String>,
        /// 执行修改（不加时只预览）
        #[arg(long)]
        commit: bool,
    },
    /// 将有单位和身份标识的名单行关联到资料库记录（没有记录的新建）
    Collect,
    /// 从资料库选取记录，作为新行加入申报书（并保持关联）
    Pick {
        /// 数据库中的申报书编号
        id: i64,
        /// 资料库记录编号（可多个）
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
    /// 为申报书的某项材料（evidence list 中的序号）添加文件（PDF、JPEG 或 PNG，按内容检查）；有文件被拒绝时一个也不保存
    Add {
        /// 数据库中的申报书编号
        id: i64,
        /// 材料：evidence list 中的序号或材料名称
        #[arg(long, value_name = "ITEM")]
        item: String,
        /// 要添加的文件（可多个，按顺序）
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// 按目录顺序列出申报书的印证材料及其文件（必需而无文件的标“待补充”）
    List {
        /// 数据库中的申报书编号
        id: i64,
        /// 输出格式：text（文字）或 json
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// 删除一个文件（--file 序号，见 evidence list）或自己新增的材料（--item 材料）及其文件
    Remove {
        /// 数据库中的申报书编号
        id: i64,
        /// 要删除的文件序号（见 evidence list）
        #[arg(long, value_name = "N", conflicts_with = "item", required_unless_present = "item")]
        file: Option<i64>,
        /// 要删除的自己新增的材料（序号或名称）
        #[arg(long, value_name = "ITEM")]
        item: Option<String>,
    },
    /// 在目录末尾新增一项自己的材料
    New {
        /// 数据库中的申报书编号
        id: i64,
        /// 材料名称
        #[arg(long)]
        title: String,
        /// 证明的对象：criterion:条件编号、unit:统一社会信用代码、person:姓名 或 record:说明
        #[arg(long = "for", value_name = "KIND:REF")]
        evidences: Option<String>,
        /// 必须提供（缺少时标“待补充”）
        #[arg(long)]
        required: bool,
    },
    /// 添加文件时的限制（最大文件大小、图片最低打印分辨率）；--max-mb 或 --min-dpi 先修改
    Limits {
        /// 可接受的最大文件，单位 MB（默认 50）
        #[arg(long, value_name = "MB")]
        max_mb: Option<u64>,
        /// 图片按 A4 打印的最低分辨率，单位 dpi（默认 150）
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
    /// 记录两个证件属于同一人，重复申报检查将其视为一人。证件写作 类型:号码，类型为resident_id（身份证）、passport（护照）、hk_macao_permit、taiwan_permit、foreign_permanent_resident、other 之一
    Link {
        /// 第一个证件，如 resident_id:110101199001011234
        first: String,
        /// 第二个证件，如 passport:E12345678
        second: String,
    },
    /// 取消 person link 建立的关联
    Unlink {
        /// 第一个证件（类型:号码）
        first: String,
        /// 第二个证件（类型:号码）
        second: String,
    },
    /// 列出已关联的证件（号码隐去）
    Links,
}

#[derive(Subcommand)]
pub enum PackageCommand {
    /// 在牵头申报书上：导出给第 N 个共建单位的材料包（--unit N，N ≥ 1）；在共建单位的草稿上：导出交回第一依托单位的材料包
    Export {
        /// 数据库中的申报书编号
        id: i64,
        /// 第几个共建单位（1 为第一个共建单位；交回时不给）
        #[arg(long, value_name = "N")]
        unit: Option<usize>,
        /// 材料包文件（.shenbao）
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// 导入材料包：发给共建单位的打开为草稿；交回的先预览，--accept-all 合并（双方都改的保留牵头方版本，加 --theirs 则用共建单位版本）
    Import {
        /// 材料包文件（.shenbao）
        file: PathBuf,
        /// 只显示将改变的内容（交回的材料包默认如此）
        #[arg(long, conflicts_with = "accept_all")]
        preview: bool,
        /// 在一个事务中合并交回材料包的全部修改
        #[arg(long)]
        accept_all: bool,
        /// 与 --accept-all 同用：双方都修改的行采用共建单位的版本
        #[arg(long, requires = "accept_all")]
        theirs: bool,
    },
}

#[derive(Subcommand)]
pub enum RosterCommand {
    /// 预览名单文件（.xlsx、.xls、.ods、.csv）；加 --commit 在一个事务中导入正确的行。有行出错时退出码为 1
    Import {
        /// 数据库中的申报书编号
        id: i64,
        /// 名单文件（.xlsx、.xls、.ods 或 .csv）
        file: PathBuf,
        /// staff（人员）、instruments（仪器设备）、sites（场地）或 achievements（成果）
        #[arg(long)]
        kind: shenbao::import::ImportKind,
        /// 导入正确的行（不加时只预览）
        #[arg(long)]
        commit: bool,
    },
    /// 生成名单的模板表格
    Template {
        /// staff（人员）、instruments（仪器设备）、sites（场地）、achievements（成果）或 platforms（已建平台名录）
        #[arg(long)]
        kind: shenbao::import::ImportKind,
        /// 保存到的表格文件（.xlsx）
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
pub enum PacksCommand {
    /// 导入规则包文件（先严格检查，有错则不保存）。同一申报类型的其他版本并存（已有申报书保留原版本，新建的用最新版本）；与内置或已导入的同一版本则替换
    Import {
        /// 规则包文件（.toml）
        file: PathBuf,
    },
    /// 列出已导入的规则包
    List,
    /// 删除某规则包已导入的全部版本（同编号的内置规则包重新适用于新建申报书；仍保留已删版本的申报书会提示，直到改用其他版本）
    Remove {
        /// 规则包编号，如 P1
        id: String,
    },
    /// 申报书使用的规则版本及该申报类型的各版本；加 --to 显示改用该版本的变化，再加 --commit执行改用
    Move {
        /// 数据库中的申报书编号
        id: i64,
        /// 版本：列出的完整文字，或能唯一确定它的一部分（如 2025 或文号）
        #[arg(long, value_name = "VERSION")]
        to: Option<String>,
        /// 执行改用（不加则只显示变化）
        #[arg(long, requires = "to")]
        commit: bool,
    },
    /// 严格读取规则包文件并列出其内容（申报类型、日期、每个条件的类别、检查和依据）及编写者应注意的提示
    Check {
        /// 规则包文件（.toml）
        file: PathBuf,
        /// 该申报类型的用例文件夹：没有用例覆盖的条件会提示
        #[arg(long, value_name = "DIR")]
        cases: Option<PathBuf>,
        /// 存放引用文件的文件夹（规则包中的 source；默认为规则包所在文件夹）
        #[arg(long, value_name = "DIR")]
        documents: Option<PathBuf>,
    },
    /// 用文件夹中的用例（格式同 tests/cases/）测试规则包：每个用例一行，最后为“N passed, N failed”（有失败时退出码为 1）
    Test {
        /// 规则包文件（.toml）
        file: PathBuf,
        /// 用例文件夹
        cases: PathBuf,
    },
    /// 比较同一申报类型两个规则包版本的变化
    Diff {
        /// 旧版本的规则包文件
        old: PathBuf,
        /// 新版本的规则包文件
        new: PathBuf,
    },
}

#[derive(Subcommand)]
pub enum RegistryCommand {
    /// 导入已建平台：JSON 文件（格式 shenbao.registry）或表格（.xlsx、.xls、.ods、.csv；有行出错时一个也不写入）
    Import {
        /// 名录文件（.json、.xlsx、.xls、.ods 或 .csv）
        file: PathBuf,
    },
    /// 列出已建平台名录
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

/// Which rules judge an application, for `check` and `export`.
#[derive(Args)]
pub struct RuleArgs {
    /// 按另一申报类型检查（规则包编号，如 P3）
    #[arg(long)]
    pub programme: Option<String>,
    /// 使用指定的规则包文件（代替内置规则包）
    #[arg(long, value_name = "FILE")]
    pub pack: Option<PathBuf>,
    /// 计算年龄和期间的参考日期（YYYY-MM-DD）
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
}

impl RuleArgs {
    pub fn options(&self) -> shenbao::service::CheckOptions<'_> {
        shenbao::service::CheckOptions {
            programme: self.programme.as_deref(),
            pack_file: self.pack.as_deref(),
            as_of: self.as_of,
        }
    }
}
