//! How each roster record maps onto its table: the identity columns kept beside the JSON `data`.
//! Only the store uses this; callers see model types and `RowData`.

use rusqlite::types::Value;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{Achievement, Direction, HostUnit, Instrument, Person, RdInvestment, Role, RowId, Site};

pub trait Record: Serialize + DeserializeOwned + Clone {
    const TABLE: &'static str;
    fn row_id(&self) -> Option<RowId>;
    fn set_row_id(&mut self, id: Option<RowId>);
    /// Identity columns stored beside `data`, for indexes and cross-application queries.
    fn columns(&self) -> Vec<(&'static str, Value)>;
}

fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

pub fn enum_text<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

macro_rules! row_id_accessors {
    () => {
        fn row_id(&self) -> Option<RowId> {
            self.id
        }
        fn set_row_id(&mut self, id: Option<RowId>) {
            self.id = id;
        }
    };
}

impl Record for Direction {
    const TABLE: &'static str = "directions";
    row_id_accessors!();
    fn columns(&self) -> Vec<(&'static str, Value)> {
        Vec::new()
    }
}

impl Record for HostUnit {
    const TABLE: &'static str = "host_units";
    row_id_accessors!();
    fn columns(&self) -> Vec<(&'static str, Value)> {
        vec![("uscc", text(&self.uscc)), ("name", text(&self.name))]
    }
}

impl Record for Person {
    const TABLE: &'static str = "people";
    row_id_accessors!();
    fn columns(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("id_kind", text(&enum_text(&self.id_doc.kind))),
            ("id_number", text(&self.id_doc.number)),
            ("name", text(&self.name)),
            ("role", text(&enum_text(&self.role))),
        ]
    }
}

impl Record for Instrument {
    const TABLE: &'static str = "instruments";
    row_id_accessors!();
    fn columns(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("asset_number", text(&self.asset_number)),
            ("owner_uscc", text(&self.owner_uscc)),
            ("original_value", Value::Integer(self.original_value.0)),
        ]
    }
}

impl Record for Site {
    const TABLE: &'static str = "sites";
    row_id_accessors!();
    fn columns(&self) -> Vec<(&'static str, Value)> {
        vec![("owner_uscc", text(&self.owner_uscc)), ("area_hundredths", Value::Integer(self.area.0))]
    }
}

impl Record for RdInvestment {
    const TABLE: &'static str = "rd_investments";
    row_id_accessors!();
    fn columns(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("owner_uscc", text(&self.owner_uscc)),
            ("year", Value::Integer(i64::from(self.year))),
            ("amount", Value::Integer(self.amount.0)),
        ]
    }
}

impl Record for Achievement {
    const TABLE: &'static str = "achievements";
    row_id_accessors!();
    fn columns(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("identifier", text(&self.identifier)),
            ("owner_uscc", text(&self.owner_uscc)),
            ("title", text(&self.title)),
        ]
    }
}

/// One roster row as the UI sends it for autosave.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "row", rename_all = "snake_case")]
pub enum RowData {
    Direction(Direction),
    HostUnit(HostUnit),
    Person(Person),
    Instrument(Instrument),
    Site(Site),
    RdInvestment(RdInvestment),
    Achievement(Achievement),
}

impl RowData {
    /// The row's id, absent before its first save.
    pub fn row_id(&self) -> Option<RowId> {
        match self {
            RowData::Direction(r) => r.row_id(),
            RowData::HostUnit(r) => r.row_id(),
            RowData::Person(r) => r.row_id(),
            RowData::Instrument(r) => r.row_id(),
            RowData::Site(r) => r.row_id(),
            RowData::RdInvestment(r) => r.row_id(),
            RowData::Achievement(r) => r.row_id(),
        }
    }

    pub fn set_row_id(&mut self, id: Option<RowId>) {
        match self {
            RowData::Direction(r) => r.set_row_id(id),
            RowData::HostUnit(r) => r.set_row_id(id),
            RowData::Person(r) => r.set_row_id(id),
            RowData::Instrument(r) => r.set_row_id(id),
            RowData::Site(r) => r.set_row_id(id),
            RowData::RdInvestment(r) => r.set_row_id(id),
            RowData::Achievement(r) => r.set_row_id(id),
        }
    }
}

/// Which roster a row id belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    Direction,
    HostUnit,
    Person,
    Instrument,
    Site,
    RdInvestment,
    Achievement,
}

impl RowKind {
    pub fn table(self) -> &'static str {
        match self {
            RowKind::Direction => Direction::TABLE,
            RowKind::HostUnit => HostUnit::TABLE,
            RowKind::Person => Person::TABLE,
            RowKind::Instrument => Instrument::TABLE,
            RowKind::Site => Site::TABLE,
            RowKind::RdInvestment => RdInvestment::TABLE,
            RowKind::Achievement => Achievement::TABLE,
        }
    }
}

/// Role text as stored in `people.role`, for SQL counts.
pub fn visiting_role_text() -> String {
    enum_text(&Role::Visiting)
}
