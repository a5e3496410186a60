//! What a valid credit code says of its holder: the registration-management department and
//! organisation category (characters 1–2, GB 32100-2015 附录A), the unit kinds they fit, and the
//! registering authority's place by name (characters 3–8, GB/T 2260 from `divisions`).
//! A reading, never a verdict: the unit kind the user chose stays theirs.

use serde::Serialize;
use ts_rs::TS;

use crate::model::UnitKind;

use super::divisions;
use super::uscc::Uscc;

/// What the window shows under a valid credit code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct UsccReading {
    /// Characters 3–8: the registering authority's division code, e.g. "141102".
    pub region_code: String,
    /// Its place by name, province to county, e.g. "山西省吕梁市离石区"; None for a central
    /// (national) authority or a code the data does not name.
    pub region_name: Option<String>,
    /// The registration-management department and category, e.g. "机构编制部门登记的事业单位".
    pub registration: String,
    /// The unit kinds the category fits (empty: the code does not say).
    pub kinds: Vec<UnitKind>,
}

/// Reads a valid code.
pub fn read_uscc(uscc: &Uscc) -> UsccReading {
    let mut chars = uscc.code.chars();
    let (department, category) = (chars.next().unwrap_or(' '), chars.next().unwrap_or(' '));
    let (registration, kinds) = registration(department, category);
    UsccReading {
        region_code: uscc.region_code().to_string(),
        region_name: region_name(uscc.region_code()),
        registration,
        kinds,
    }
}

/// Names older revisions give a grouping code rather than a place (北京 1101 市辖区, 1102 县, 4190
/// 省直辖县级行政区划): left out of a place's name.
const PLACEHOLDERS: &[&str] = &["市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"];

/// "山西省吕梁市离石区" for "141102": the province, the prefecture (when the code has one of its
/// own) and the county, each from the division data; None when the data lacks the code.
pub fn region_name(code: &str) -> Option<String> {
    // The data holds six-digit codes only (its test says so): anything else ends here.
    let own = divisions::division(code)?;
    let mut parts: Vec<&str> = Vec::new();
    for parent in [format!("{}0000", &code[..2]), format!("{}00", &code[..4])] {
        if parent != code {
            if let Some(d) = divisions::division(&parent) {
                if !PLACEHOLDERS.contains(&d.name) && parts.last() != Some(&d.name) {
                    parts.push(d.name);
                }
            }
        }
    }
    parts.push(own.name);
    Some(parts.concat())
}

/// The department and category of characters 1 and 2 (GB 32100-2015 附录A, 登记管理部门代码 and
/// 机构类别代码), with the unit kinds that fit; categories the standard leaves to a department
/// ("9 其他") say only the department.
fn registration(department: char, category: char) -> (String, Vec<UnitKind>) {
    use UnitKind::{Enterprise, Other, ResearchInstitute, University};
    let by = match department {
        '1' => "机构编制部门",
        '2' => "外交部门",
        '3' => "司法行政部门",
        '4' => "文化部门",
        '5' => "民政部门",
        '6' => "旅游部门",
        '7' => "宗教事务部门",
        '8' => "工会",
        '9' => "市场监督管理部门（原工商部门）",
        'A' => "中央军委改革和编制办公室",
        'N' => "农业部门",
        _ => "其他部门",
    };
    let (what, kinds): (&str, Vec<UnitKind>) = match (department, category) {
        ('1', '1') => ("机关", vec![Other]),
        ('1', '2') => ("事业单位", vec![University, ResearchInstitute]),
        ('1', '3') => ("群众团体", vec![Other]),
        ('5', '1') => ("社会团体", vec![Other]),
        ('5', '2') => ("民办非企业单位", vec![ResearchInstitute, Other]),
        ('5', '3') => ("基金会", vec![Other]),
        ('9', '1') => ("企业", vec![Enterprise]),
        ('9', '2') => ("个体工商户", vec![Other]),
        ('9', '3') => ("农民专业合作社", vec![Other]),
        _ => ("单位", Vec::new()),
    };
    (format!("{by}登记的{what}"), kinds)
}

/// The unit kind's name as the window shows it.
pub fn unit_kind_label(kind: UnitKind) -> &'static str {
    match kind {
        UnitKind::Enterprise => "企业",
        UnitKind::University => "高等院校",
        UnitKind::ResearchInstitute => "科研院所",
        UnitKind::Other => "其他",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::parse_uscc;

    fn read(code: &str) -> UsccReading {
        read_uscc(&parse_uscc(code).expect("a valid code"))
    }

    #[test]
    fn an_enterprise_code_reads_as_an_enterprise_registered_in_its_county() {
        // The review's lead: 吕梁华晋新材料科技有限公司, registered in 离石区.
        let r = read("91141102MA0K7L3P49");
        assert_eq!(r.region_code, "141102");
        assert_eq!(r.region_name.as_deref(), Some("山西省吕梁市离石区"));
        assert_eq!(r.registration, "市场监督管理部门（原工商部门）登记的企业");
        assert_eq!(r.kinds, [UnitKind::Enterprise]);
    }

    #[test]
    fn a_public_institution_fits_a_university_or_an_institute_not_an_enterprise() {
        // The review's co-builder 吕梁学院: 12… (事业单位), registered by the city.
        let r = read("12141100405713623T");
        assert_eq!(r.registration, "机构编制部门登记的事业单位");
        assert_eq!(r.kinds, [UnitKind::University, UnitKind::ResearchInstitute]);
        assert_eq!(r.region_name.as_deref(), Some("山西省吕梁市"));
    }

    /// Every department and category of GB 32100-2015 附录A reads as the standard names it, with
    /// the unit kinds it fits.
    #[test]
    fn every_department_and_category_of_the_standard_is_named() {
        use UnitKind::{Enterprise, Other, ResearchInstitute, University};
        let departments = [
            ('1', "机构编制部门"),
            ('2', "外交部门"),
            ('3', "司法行政部门"),
            ('4', "文化部门"),
            ('5', "民政部门"),
            ('6', "旅游部门"),
            ('7', "宗教事务部门"),
            ('8', "工会"),
            ('9', "市场监督管理部门（原工商部门）"),
            ('A', "中央军委改革和编制办公室"),
            ('N', "农业部门"),
            ('Y', "其他部门"),
        ];
        for (d, by) in departments {
            // A category the standard leaves to the department ("9 其他"): the department only.
            assert_eq!(registration(d, '9'), (format!("{by}登记的单位"), vec![]), "{d}");
        }
        let categories = [
            ('1', '1', "机构编制部门登记的机关", vec![Other]),
            ('1', '2', "机构编制部门登记的事业单位", vec![University, ResearchInstitute]),
            ('1', '3', "机构编制部门登记的群众团体", vec![Other]),
            ('5', '1', "民政部门登记的社会团体", vec![Other]),
            ('5', '2', "民政部门登记的民办非企业单位", vec![ResearchInstitute, Other]),
            ('5', '3', "民政部门登记的基金会", vec![Other]),
            ('9', '1', "市场监督管理部门（原工商部门）登记的企业", vec![Enterprise]),
            ('9', '2', "市场监督管理部门（原工商部门）登记的个体工商户", vec![Other]),
            ('9', '3', "市场监督管理部门（原工商部门）登记的农民专业合作社", vec![Other]),
        ];
        for (d, c, text, kinds) in categories {
            assert_eq!(registration(d, c), (text.to_string(), kinds), "{d}{c}");
        }
    }

    #[test]
    fn places_are_named_from_the_division_data() {
        assert_eq!(region_name("140000").as_deref(), Some("山西省"));
        assert_eq!(region_name("140100").as_deref(), Some("山西省太原市"));
        // A municipality's district: no prefecture of its own in the data.
        assert_eq!(region_name("110108").as_deref(), Some("北京市海淀区"));
        assert_eq!(region_name("419001").as_deref(), Some("河南省济源市"));
        assert_eq!(region_name("100000"), None);
        assert_eq!(region_name("14110"), None);
        // Six bytes that are no code: none, no panic.
        assert_eq!(region_name("山西"), None);
    }
}
