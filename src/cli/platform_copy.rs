//! `shenbao platform-check ID FILE.pdf`: the platform copy check, one call into `service`,
//! printed; exit 1 when any value is missing or different.

use std::fmt::Write as _;
use std::path::Path;

use shenbao::platform_copy::FindingKind;
use shenbao::service::{self, ServiceError};
use shenbao::store::Store;

pub fn run(store: &Store, id: i64, pdf: &Path, out: &mut String) -> Result<u8, ServiceError> {
    let report = service::check_platform_copy(store, id, pdf)?;
    say!(
        out,
        "核对平台下载件：{}（{} 页），对照{}，核对 {} 项",
        pdf.display(),
        report.pages,
        report.against,
        report.checked
    );
    if report.findings.is_empty() {
        say!(out, "未发现不一致：各项数值均在平台下载件中找到");
        return Ok(0);
    }
    let missing = report.findings.iter().filter(|f| f.kind == FindingKind::Missing).count();
    say!(
        out,
        "发现 {} 处不一致（未找到 {missing} 处，不同 {} 处）：",
        report.findings.len(),
        report.findings.len() - missing
    );
    for f in &report.findings {
        say!(out, "  [{}] {}", f.section, f.message);
    }
    Ok(1)
}
