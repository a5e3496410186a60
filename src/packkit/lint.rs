//! What `packs check` tells a pack author beyond the strict loader: the pack in one page
//! (programme, dates, each criterion with kind, check and citation) and the warnings an author
//! should see — a criterion without cases, a cited clause not found in the cited document when
//! that document is at hand, a key nothing reads. Reads only the files it is given.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::rules::pack::{Check, Document};
use crate::rules::{Kind, Pack};

use super::describe::{check_text, kind_name, scope_text};

/// One criterion as `packs check` lists it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CriterionLine {
    pub id: String,
    pub title: String,
    pub kind: String,
    pub check: String,
    pub citation: String,
    /// Scope and bar, e.g. "仅 field；不满足即不可申报" (empty: always, not a bar).
    pub scope: String,
}

/// A pack as its author reads it back, with the warnings.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PackReport {
    pub id: String,
    pub name: String,
    pub issuer: String,
    pub document: String,
    /// Effective dates and deadlines, one line each.
    pub dates: Vec<String>,
    pub notes: Vec<String>,
    pub criteria: Vec<CriterionLine>,
    pub warnings: Vec<String>,
    /// What was not checked and why (e.g. the cited document is not at hand).
    pub unchecked: Vec<String>,
}

/// What the author gave `packs check` besides the pack.
#[derive(Debug, Default, Clone, Copy)]
pub struct LintInputs<'a> {
    /// Criterion ids the case files of this programme name (None: no cases folder given).
    pub cased: Option<&'a BTreeSet<String>>,
    /// The folder holding the cited documents (`document.source` names the file).
    pub documents: Option<&'a Path>,
}

fn day(d: Option<chrono::NaiveDate>) -> String {
    d.map_or_else(|| "—".into(), |d| d.to_string())
}

pub fn report(pack: &Pack, inputs: LintInputs<'_>) -> PackReport {
    let mut dates = vec![format!("生效 {} 至 {}", day(pack.effective_from), day(pack.effective_until))];
    if let Some(n) = &pack.effective_note {
        dates.push(format!("生效说明：{n}"));
    }
    if pack.year_round {
        dates.push("常年受理".into());
    } else if pack.online_deadline.is_some() || pack.paper_deadline.is_some() {
        dates.push(format!("网上截止 {}，纸质截止 {}", day(pack.online_deadline), day(pack.paper_deadline)));
    }
    if let Some(r) = pack.reference_date {
        dates.push(format!("默认参考日期 {r}"));
    }
    let criteria = pack
        .criteria
        .iter()
        .map(|c| CriterionLine {
            id: c.id.clone(),
            title: c.title.clone(),
            kind: kind_name(c.kind),
            check: check_text(&c.check),
            citation: c.citation.to_string(),
            scope: scope_text(c),
        })
        .collect();
    let mut out = PackReport {
        id: pack.id.clone(),
        name: pack.name.clone(),
        issuer: pack.issuer.clone(),
        document: document_line(&pack.document),
        dates,
        notes: pack.notes.clone(),
        criteria,
        warnings: Vec::new(),
        unchecked: Vec::new(),
    };
    if let Some(cased) = inputs.cased {
        for c in pack.criteria.iter().filter(|c| c.kind != Kind::Note) {
            if !cased.contains(&c.id) {
                out.warnings.push(format!("条件 {} 没有用例：用例文件中没有一个用例检查它", c.id));
            }
        }
    }
    citations(pack, inputs.documents, &mut out);
    unused(pack, &mut out);
    out
}

fn document_line(d: &Document) -> String {
    let mut s = format!("《{}》", d.title);
    if let Some(n) = &d.number {
        s.push_str(&format!("（{n}）"));
    }
    if let Some(dt) = d.date {
        s.push_str(&format!(" {dt}"));
    }
    s
}

/// Every cited clause looked up in its document when the document's file is at hand.
fn citations(pack: &Pack, folder: Option<&Path>, out: &mut PackReport) {
    let docs: Vec<&Document> = std::iter::once(&pack.document).chain(&pack.related_documents).collect();
    let find = |name: &str| docs.iter().find(|d| d.short == name || d.title == name).copied();
    let mut cites: Vec<(String, crate::rules::Citation)> =
        pack.criteria.iter().map(|c| (format!("条件 {}", c.id), c.citation.clone())).collect();
    if let Some(c) = &pack.cultivation {
        cites.push(("筹建说明".into(), c.citation.clone()));
    }
    if let Some(c) = pack.naming.as_ref().and_then(|n| n.citation.clone()) {
        cites.push(("命名规则".into(), c));
    }
    let mut texts: BTreeMap<String, Option<String>> = BTreeMap::new();
    let mut not_at_hand = BTreeSet::new();
    for (owner, cite) in &cites {
        let Some(doc) = find(&cite.document) else {
            out.warnings.push(format!(
                "{owner} 引用的文件“{}”不是本规则包的 document 或 related_documents（short 须一致）",
                cite.document
            ));
            continue;
        };
        let text = texts.entry(doc.short.clone()).or_insert_with(|| {
            let file = doc.source.as_ref()?;
            std::fs::read_to_string(folder?.join(file)).ok()
        });
        match text {
            Some(t) => {
                if !clause_found(t, &cite.clause) {
                    out.warnings
                        .push(format!("{owner} 引用的条款“{}”在《{}》中找不到", cite.clause, doc.title));
                }
            }
            None => {
                not_at_hand.insert(match (&doc.source, folder) {
                    (None, _) => format!("《{}》未写 source（原文文件名），其条款未核对", doc.title),
                    (Some(f), Some(dir)) => {
                        format!("《{}》的原文 {f} 不在 {} 中，其条款未核对", doc.title, dir.display())
                    }
                    (Some(f), None) => {
                        format!("未给出原文文件夹（--documents），《{}》（{f}）的条款未核对", doc.title)
                    }
                });
            }
        }
    }
    out.unchecked.extend(not_at_hand);
}

/// Keys the pack sets that no criterion reads.
fn unused(pack: &Pack, out: &mut PackReport) {
    let uses = |f: &dyn Fn(&Check) -> bool| pack.criteria.iter().any(|c| f(&c.check));
    if pack.naming.is_some() && !uses(&|c| matches!(c, Check::NamePattern)) {
        out.warnings.push("未使用的键 naming：没有条件的 check 是 name_pattern".into());
    }
    if !pack.fields.is_empty() && !uses(&|c| matches!(c, Check::FieldMembership | Check::FieldInList)) {
        out.warnings.push("未使用的键 fields：没有条件的 check 是 field_membership 或 field_in_list".into());
    }
    if let Some(cv) = &pack.cultivation {
        for prefix in &cv.covers {
            if !pack.criteria.iter().any(|c| c.citation.clause.starts_with(prefix.as_str())) {
                out.warnings.push(format!(
                    "未使用的 categories.cultivation.covers “{prefix}”：没有条件的条款以它开头"
                ));
            }
        }
    }
    for c in &pack.criteria {
        for cat in &c.applies.category {
            if !pack.categories.contains(cat) {
                out.warnings.push(format!(
                    "条件 {} 的 applies.category 含 {}，但 categories.allowed 没有它：该条件永不适用",
                    c.id,
                    super::describe::kind_name_of(cat)
                ));
            }
        }
    }
}

/// Whether a clause such as "二（四）3" or "第八条（一）" can be found in order in the text:
/// "二、" at the start of a line, then "（四）", then "3." (or "3．" / "3、") at the start of a line.
pub fn clause_found(text: &str, clause: &str) -> bool {
    let markers = clause_markers(clause);
    if markers.is_empty() {
        return text.contains(clause);
    }
    let mut pos = 0;
    for m in markers {
        match find_marker(text, pos, &m) {
            Some(p) => pos = p,
            None => return false,
        }
    }
    true
}

#[derive(Debug, PartialEq, Eq)]
enum Marker {
    /// "二、" or "3." at the start of a line.
    Heading(Vec<String>),
    /// "第八条" or "（四）" (also written "(四)") anywhere.
    Inline(Vec<String>),
}

fn is_cn_digit(c: char) -> bool {
    "一二三四五六七八九十百零〇".contains(c)
}

fn clause_markers(clause: &str) -> Vec<Marker> {
    let chars: Vec<char> = clause.trim().chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '第' {
            let end = chars[i..].iter().position(|&x| x == '条' || x == '章' || x == '款').map(|p| i + p + 1);
            let Some(end) = end else { return Vec::new() };
            out.push(Marker::Inline(vec![chars[i..end].iter().collect()]));
            i = end;
        } else if c == '（' || c == '(' {
            let Some(p) = chars[i..].iter().position(|&x| x == '）' || x == ')') else { return Vec::new() };
            let inner: String = chars[i + 1..i + p].iter().collect();
            out.push(Marker::Inline(vec![format!("（{inner}）"), format!("({inner})")]));
            i += p + 1;
        } else if is_cn_digit(c) {
            let n = chars[i..].iter().take_while(|&&x| is_cn_digit(x)).count();
            let num: String = chars[i..i + n].iter().collect();
            out.push(Marker::Heading(vec![format!("{num}、")]));
            i += n;
        } else if c.is_ascii_digit() {
            let n = chars[i..].iter().take_while(|x| x.is_ascii_digit()).count();
            let num: String = chars[i..i + n].iter().collect();
            out.push(Marker::Heading(vec![format!("{num}."), format!("{num}．"), format!("{num}、")]));
            i += n;
        } else if c.is_whitespace() {
            i += 1;
        } else {
            return Vec::new();
        }
    }
    out
}

/// The byte offset just after the marker's first occurrence at or after `from`.
fn find_marker(text: &str, from: usize, m: &Marker) -> Option<usize> {
    match m {
        Marker::Inline(options) => {
            let rest = text.get(from..)?;
            options.iter().filter_map(|s| rest.find(s.as_str()).map(|p| from + p + s.len())).min()
        }
        Marker::Heading(options) => {
            let mut offset = 0;
            for line in text.split_inclusive('\n') {
                let start = offset;
                offset += line.len();
                if offset <= from {
                    continue;
                }
                let trimmed = line.trim_start();
                let lead = line.len() - trimmed.len();
                if start + lead < from {
                    continue;
                }
                if let Some(o) = options.iter().find(|o| trimmed.starts_with(o.as_str())) {
                    return Some(start + lead + o.len());
                }
            }
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::clause_found;

    const NOTICE: &str = "一、定位\n二、申报条件\n(一)同一平台。\n（四）领域类：\n1.布局。\n2.依托单位。\n3.主任。\n三、注意\n（一）名称。\n第八条 申请条件：（一）注册；（二）成果。\n";

    #[test]
    fn clauses_are_found_in_order_and_missing_ones_are_not() {
        for (clause, found) in [
            ("二（四）3", true),
            ("二（四）", true),
            ("二（一）", true),
            ("三（一）", true),
            ("第八条（二）", true),
            ("二（四）4", false),
            ("三（四）", false),
            ("第九条", false),
            ("四（一）", false),
        ] {
            assert_eq!(clause_found(NOTICE, clause), found, "{clause}");
        }
    }
}
