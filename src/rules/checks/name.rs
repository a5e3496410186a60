//! Criteria about the centre's name, research directions and field. Traditional and variant
//! characters are found with OpenCC's traditional→simplified tables (`ferrous-opencc`), not a
//! hand-typed list.

use std::sync::OnceLock;

use ferrous_opencc::config::BuiltinConfig;
use ferrous_opencc::OpenCC;

use crate::model::UnitKind;
use crate::rules::engine::{Ctx, Eval, Outcome};
use crate::rules::pack::PLACEHOLDER;

fn t2s() -> Option<&'static OpenCC> {
    static T2S: OnceLock<Option<OpenCC>> = OnceLock::new();
    T2S.get_or_init(|| OpenCC::from_config(BuiltinConfig::T2s).ok()).as_ref()
}

/// CJK Unified Ideographs (basic block) — the block the standard characters are drawn from.
fn is_basic_cjk(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// CJK extension blocks and compatibility ideographs: rare or variant forms.
fn is_extension_cjk(c: char) -> bool {
    ('\u{3400}'..='\u{4DBF}').contains(&c)
        || ('\u{F900}'..='\u{FAFF}').contains(&c)
        || ('\u{20000}'..='\u{323AF}').contains(&c)
}

fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic()
        || ('\u{FF21}'..='\u{FF3A}').contains(&c)
        || ('\u{FF41}'..='\u{FF5A}').contains(&c)
        || ('\u{00C0}'..='\u{024F}').contains(&c)
        || ('\u{1E00}'..='\u{1EFF}').contains(&c)
}

/// Arabic digits, ASCII or full-width. Other numeric characters (Ⅷ, ①) are symbols; “〇” is a
/// standard character (《通用规范汉字表》), not a digit.
fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('\u{FF10}'..='\u{FF19}').contains(&c)
}

/// “〇” (U+3007) is in 《通用规范汉字表》 although it lies outside the basic CJK block.
const LING: char = '\u{3007}';

/// The problems with a name's characters, one Chinese phrase per kind; empty when clean.
/// `None` when the conversion table could not be loaded.
pub fn non_standard_characters(name: &str) -> Option<Vec<String>> {
    let cc = t2s()?;
    let chars: Vec<char> = name.chars().collect();
    let converted: Vec<char> = cc.convert(name).chars().collect();
    let simplified_at = |i: usize, c: char| -> Option<char> {
        let s = if converted.len() == chars.len() {
            converted.get(i).copied()
        } else {
            cc.convert(&c.to_string()).chars().next()
        };
        s.filter(|s| *s != c)
    };
    let (mut trad, mut latin, mut digits, mut punct, mut rare) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (i, &c) in chars.iter().enumerate() {
        if c == LING {
            continue;
        }
        if is_basic_cjk(c) {
            if let Some(s) = simplified_at(i, c) {
                trad.push(format!("“{c}”（规范字“{s}”）"));
            }
        } else if is_extension_cjk(c) {
            rare.push(format!("“{c}”"));
        } else if is_latin(c) {
            latin.push(c);
        } else if is_digit(c) {
            digits.push(c);
        } else {
            punct.push(if c.is_whitespace() { "空格".to_string() } else { format!("“{c}”") });
        }
    }
    let mut out = Vec::new();
    if !trad.is_empty() {
        out.push(format!("繁体字或异体字 {}", trad.join("、")));
    }
    if !rare.is_empty() {
        out.push(format!("非通用规范汉字 {}", rare.join("、")));
    }
    if !latin.is_empty() {
        out.push(format!("英文字母或汉语拼音“{}”", latin.iter().collect::<String>()));
    }
    if !digits.is_empty() {
        out.push(format!("阿拉伯数字“{}”", digits.iter().collect::<String>()));
    }
    if !punct.is_empty() {
        punct.dedup();
        out.push(format!("标点或其他符号 {}", punct.join("、")));
    }
    Some(out)
}

fn centre_name<'a>(ctx: &Ctx<'a>) -> Option<&'a str> {
    let n = ctx.app.centre_name.trim();
    (!n.is_empty()).then_some(n)
}

pub fn name_characters(ctx: &Ctx<'_>) -> Eval {
    let Some(name) = centre_name(ctx) else { return Eval::missing("尚未填写中心名称") };
    match non_standard_characters(name) {
        None => Eval::missing("繁简对照表无法加载，未能检查名称用字"),
        Some(p) if p.is_empty() => Eval::pass(format!("名称“{name}”均为规范汉字")),
        Some(p) => Eval::fail(format!("名称“{name}”含有{}", p.join("；")))
            .found(p.join("；"))
            .required("仅使用国家规范汉字"),
    }
}

/// An enterprise name without its legal-form suffixes, e.g. "山西示例碳材科技".
fn enterprise_core(name: &str, suffixes: &[String]) -> String {
    let mut core = name.trim().to_string();
    loop {
        let before = core.len();
        // Longest suffix first, so 股份有限公司 goes before 有限公司.
        if let Some(s) = suffixes.iter().filter(|s| core.ends_with(s.as_str())).max_by_key(|s| s.len()) {
            core.truncate(core.len() - s.len());
        }
        if core.len() == before {
            return core;
        }
    }
}

/// Province-level short names that open an enterprise name (行政区划 before the 字号).
const PROVINCES: [&str; 34] = [
    "北京",
    "天津",
    "河北",
    "山西",
    "内蒙古",
    "辽宁",
    "吉林",
    "黑龙江",
    "上海",
    "江苏",
    "浙江",
    "安徽",
    "福建",
    "江西",
    "山东",
    "河南",
    "湖北",
    "湖南",
    "广东",
    "广西",
    "海南",
    "重庆",
    "四川",
    "贵州",
    "云南",
    "西藏",
    "陕西",
    "甘肃",
    "青海",
    "宁夏",
    "新疆",
    "香港",
    "澳门",
    "台湾",
];

/// Words that describe the industry (行业表述) at the end of an enterprise name, before its
/// legal form: stripped to find the trade name (字号).
const INDUSTRY_WORDS: [&str; 16] = [
    "科技",
    "技术",
    "新材料",
    "材料",
    "能源",
    "化工",
    "实业",
    "发展",
    "控股",
    "投资",
    "工程",
    "制造",
    "装备",
    "环保",
    "信息",
    "电子",
];

/// The trade name (字号) of an enterprise: its core name without the leading administrative
/// division (province, then a 市/县/区 or 自治区 part) and the trailing industry words. `None`
/// when fewer than two characters remain or nothing was stripped.
fn trade_name(core: &str) -> Option<String> {
    let mut rest = core;
    if let Some(p) = PROVINCES.iter().find(|p| rest.starts_with(*p)) {
        rest = &rest[p.len()..];
        for suffix in ["省", "市", "自治区"] {
            if let Some(r) = rest.strip_prefix(suffix) {
                rest = r;
                break;
            }
        }
    }
    // A city or county part: up to four characters ending in 市, 县 or 区.
    let head: Vec<(usize, char)> = rest.char_indices().take(5).collect();
    if let Some(&(i, c)) = head.iter().skip(1).find(|(_, c)| matches!(c, '市' | '县' | '区')) {
        rest = &rest[i + c.len_utf8()..];
    }
    // Industry words come off the end, longest first; a name of industry words only ends empty.
    while let Some(w) = INDUSTRY_WORDS.iter().filter(|w| rest.ends_with(*w)).max_by_key(|w| w.len()) {
        rest = &rest[..rest.len() - w.len()];
    }
    (rest.chars().count() >= 2 && rest != core).then(|| rest.to_string())
}

pub fn name_no_enterprise(ctx: &Ctx<'_>, suffixes: &[String]) -> Eval {
    let Some(name) = centre_name(ctx) else { return Eval::missing("尚未填写中心名称") };
    let mut hits = Vec::new();
    let mut trade_hits = Vec::new();
    for h in ctx.app.host_units.iter().filter(|h| h.kind == UnitKind::Enterprise) {
        let core = enterprise_core(&h.name, suffixes);
        if core.chars().count() >= 2 && name.contains(core.as_str()) {
            hits.push(format!("“{core}”（{}）", h.name));
        } else if let Some(t) = trade_name(&core).filter(|t| name.contains(t.as_str())) {
            trade_hits.push(format!("字号“{t}”（{}）", h.name));
        }
    }
    if !hits.is_empty() {
        Eval::fail(format!("名称“{name}”含有企业名称{}", hits.join("、")))
            .found(hits.join("、"))
            .required("不得使用企业名")
    } else if !trade_hits.is_empty() {
        Eval::new(
            Outcome::Warn,
            format!(
                "名称“{name}”含有依托企业的{}，可能被视为使用企业名，请核对或改用领域、技术方向命名",
                trade_hits.join("、")
            ),
        )
        .found(trade_hits.join("、"))
        .required("不得使用企业名")
    } else {
        Eval::pass(format!("名称“{name}”不含依托企业名称或字号"))
    }
}

pub fn name_pattern(ctx: &Ctx<'_>) -> Eval {
    let Some(naming) = &ctx.pack.naming else {
        return Eval::new(Outcome::NotApplicable, "本申报类型未规定命名格式");
    };
    let Some(name) = centre_name(ctx) else { return Eval::missing("尚未填写中心名称") };
    let (prefix, suffix) = naming.pattern.split_once(PLACEHOLDER).unwrap_or((naming.pattern.as_str(), ""));
    let ok = name.starts_with(prefix)
        && name.ends_with(suffix)
        && name.chars().count() > prefix.chars().count() + suffix.chars().count();
    Eval::when(ok, format!("名称“{name}”，统一命名格式为“{}”", naming.pattern))
        .found(name.to_string())
        .required(naming.pattern.clone())
}

pub fn directions_range(ctx: &Ctx<'_>, min: i64, max: i64) -> Eval {
    let n = ctx.app.directions.iter().filter(|d| !d.title.trim().is_empty()).count() as i64;
    let required = format!("{min}—{max} 个");
    if n == 0 {
        return Eval::missing("尚未填写研究方向").required(required);
    }
    let e = if n < min {
        Eval::fail(format!("研究方向 {n} 个，要求 {min}—{max} 个，尚差 {} 个", min - n))
            .gap(format!("{} 个", min - n))
    } else if n > max {
        Eval::fail(format!("研究方向 {n} 个，要求 {min}—{max} 个，多出 {} 个", n - max))
            .gap(format!("多 {} 个", n - max))
    } else {
        Eval::pass(format!("研究方向 {n} 个，要求 {min}—{max} 个"))
    };
    e.found(format!("{n} 个")).required(required)
}

pub fn field_membership(ctx: &Ctx<'_>) -> Eval {
    let (field, sub) = (ctx.app.field.trim(), ctx.app.sub_area.trim());
    let names: Vec<&str> = ctx.pack.fields.iter().map(|f| f.name.as_str()).collect();
    let required = format!("领域为{}之一", names.join("、"));
    if field.is_empty() {
        return Eval::missing("尚未填写所属领域").required(required);
    }
    let Some(f) = ctx.pack.fields.iter().find(|f| f.name == field) else {
        return Eval::fail(format!("所属领域“{field}”不在本次申报范围（{}）", names.join("、")))
            .found(field.to_string())
            .required(required);
    };
    if sub.is_empty() {
        return Eval::missing(format!("领域“{field}”尚未填写细分领域")).required(required);
    }
    let found = format!("{field} / {sub}");
    if f.sub_areas.is_empty() || f.sub_areas.iter().any(|s| s == sub) {
        Eval::pass(format!("所属领域“{field}”、细分领域“{sub}”在本次申报范围内"))
            .found(found)
            .required(required)
    } else {
        // The notice's sub-area lists end with 等: open lists, so this is a point to check only.
        Eval::new(
            Outcome::Warn,
            format!(
                "细分领域“{sub}”不在“{field}”所列示例（{}等）之中；所列为示例，请核对其确属{field}领域",
                f.sub_areas.join("、")
            ),
        )
        .found(found)
        .required(required)
    }
}

pub fn field_in_list(ctx: &Ctx<'_>) -> Eval {
    let (field, sub) = (ctx.app.field.trim(), ctx.app.sub_area.trim());
    if field.is_empty() && sub.is_empty() {
        return Eval::missing("尚未填写所属领域");
    }
    let mut listed = ctx
        .pack
        .fields
        .iter()
        .flat_map(|f| std::iter::once(f.name.as_str()).chain(f.sub_areas.iter().map(String::as_str)));
    // Exact match with a listed industry or one of its aliases (sub_areas): “能源” is not “新能源”.
    let hit = listed.find(|l| (!field.is_empty() && field == *l) || (!sub.is_empty() && sub == *l));
    let found = format!("{field} / {sub}");
    match hit {
        Some(l) => Eval::pass(format!("所属领域“{found}”对应重点产业“{l}”")).found(found),
        None => {
            let names: Vec<&str> = ctx.pack.fields.iter().map(|f| f.name.as_str()).collect();
            Eval::fail(format!(
                "所属领域“{found}”不在所列重点产业（{}）之中，请说明契合情况",
                names.join("、")
            ))
            .found(found)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters() {
        assert_eq!(non_standard_characters("山西省碳基新材料技术创新中心").unwrap(), Vec::<String>::new());
        assert_eq!(non_standard_characters("著名乾坤").unwrap(), Vec::<String>::new());
        assert_eq!(non_standard_characters("山西省碳基新材料技術創新中心").unwrap().len(), 1);
        assert!(non_standard_characters("山西省峯值中心").unwrap()[0].contains('峯'));
        assert!(non_standard_characters("山西省AI中心").unwrap()[0].contains("AI"));
        assert!(non_standard_characters("山西省５G中心").unwrap().iter().any(|p| p.contains('５')));
        assert!(non_standard_characters("山西省（太原）中心").unwrap()[0].contains("（"));
        assert!(non_standard_characters("山西省tàn中心").unwrap()[0].contains("tàn"));
    }

    /// Each kind of character is named as what it is: a rare ideograph of any extension block
    /// is 非通用规范汉字 (not a symbol), and full-width or accented letters are letters.
    #[test]
    fn rare_ideographs_and_letters_of_every_block_are_named_by_their_kind() {
        for rare in ['\u{4DAE}', '\u{F900}', '\u{20000}'] {
            let found = non_standard_characters(&format!("山西省{rare}材料中心")).unwrap();
            assert_eq!(found, vec![format!("非通用规范汉字 “{rare}”")], "U+{:X}", rare as u32);
        }
        for letters in ["ＡＩ", "ａｉ", "AI", "Nguyễn"] {
            let found = non_standard_characters(&format!("山西省{letters}中心")).unwrap();
            assert_eq!(found, vec![format!("英文字母或汉语拼音“{letters}”")], "{letters}");
        }
    }

    #[test]
    fn ling_is_a_standard_character_not_a_digit() {
        assert_eq!(non_standard_characters("山西省二〇二四中心").unwrap(), Vec::<String>::new());
        assert!(non_standard_characters("山西省2024中心").unwrap()[0].contains("阿拉伯数字"));
        let roman = non_standard_characters("山西省Ⅷ中心").unwrap();
        assert!(roman.iter().all(|p| !p.contains("阿拉伯数字")), "{roman:?}");
    }

    #[test]
    fn trade_names() {
        assert_eq!(trade_name("山西示例碳材科技").as_deref(), Some("示例碳材"));
        assert_eq!(trade_name("山西省太原市晋华新材料科技").as_deref(), Some("晋华"));
        assert_eq!(trade_name("太原重工"), None);
        assert_eq!(trade_name("山西科技"), None);
        // Industry words only: no trade name is left.
        assert_eq!(trade_name("山西新材料科技"), None);
    }

    #[test]
    fn cores() {
        let s: Vec<String> = ["股份有限公司", "有限公司", "集团"].iter().map(|s| s.to_string()).collect();
        assert_eq!(enterprise_core("山西焦煤集团有限公司", &s), "山西焦煤");
        assert_eq!(enterprise_core("示例碳材股份有限公司", &s), "示例碳材");
    }
}
