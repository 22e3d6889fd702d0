//! The `extract --format json` object of MODEL.md §4.
//!
//! ## Wire format
//! `{"path", "format", "meta", "sections", "tables", "inferences"}`: `meta` fields are `null`
//! when unknown; a table not found is `null`; every row object lists all its columns in
//! template order, `null` for a blank cell. Sections and inferences carry the 1-based `line`
//! (and `column`, in characters) of the source file; for formats without lines `line` is
//! `null` and `location` gives the paragraph or table cell. `inferences[].kind` (`glued` or
//! `sparse`) extends the contract.
use crate::line_index::LineIndex;
use crate::report::Report;
use crate::schema::TableKey;
use crate::span::Span;
use crate::table::{Row, Table, Value};
use serde_json::{json, Map, Value as Json};

/// The JSON object for one report.
pub fn extract_json(report: &Report) -> Json {
    let index = LineIndex::new(report.source());
    let at = |span: Span| -> Map<String, Json> {
        let mut m = Map::new();
        if let Some(loc) = report.locator(span) {
            m.insert("line".into(), Json::Null);
            m.insert("location".into(), serde_json::to_value(loc).unwrap_or(Json::Null));
        } else {
            let src = report.source_span(span);
            let (line, column) = index.line_col(report.source(), src.start as usize);
            m.insert("line".into(), json!(line));
            m.insert("column".into(), json!(column));
        }
        m
    };
    let meta = &report.meta;
    let period = meta.period.map(|p| json!({"start": p.value.start, "end": p.value.end}));
    let sections: Vec<Json> = report
        .sections
        .iter()
        .map(|s| {
            let mut m = Map::new();
            m.insert("key".into(), json!(s.key.as_str()));
            m.insert("number".into(), json!(s.number));
            m.insert("title".into(), json!(s.title));
            m.extend(at(s.heading));
            Json::Object(m)
        })
        .collect();
    let mut tables = Map::new();
    for key in TableKey::ALL {
        tables.insert(key.as_str().into(), report.tables.get(key).map_or(Json::Null, table_json));
    }
    let inferences: Vec<Json> = report
        .inferences
        .iter()
        .map(|inf| {
            let mut m = Map::new();
            m.insert("table".into(), json!(inf.table.as_str()));
            m.insert("row".into(), json!(inf.row));
            m.extend(at(inf.span));
            m.insert("text".into(), json!(inf.text));
            m.insert("status".into(), json!(inf.status));
            m.insert("kind".into(), json!(inf.kind));
            let columns = inf.table.row(inf.row).map_or(&[][..], |r| r.columns);
            let alternatives: Vec<Json> = inf
                .alternatives
                .iter()
                .map(|alt| {
                    let mut o = Map::new();
                    for (c, v) in columns.iter().zip(alt) {
                        o.insert(c.key.into(), value_json(*v));
                    }
                    Json::Object(o)
                })
                .collect();
            m.insert("alternatives".into(), Json::Array(alternatives));
            Json::Object(m)
        })
        .collect();
    json!({
        "path": report.path,
        "format": report.format.map(|f| f.as_str()),
        "meta": {
            "title": meta.title.as_ref().map(|f| f.value.clone()),
            "issuer": meta.issuer.as_ref().map(|f| f.value.clone()),
            "year": meta.year.map(|f| f.value),
            "published": meta.published.map(|f| f.value),
            "signed": meta.signed.map(|f| f.value),
            "period": period,
        },
        "sections": sections,
        "tables": tables,
        "inferences": inferences,
    })
}

fn value_json(v: Option<Value>) -> Json {
    v.map_or(Json::Null, |v| serde_json::to_value(v).unwrap_or(Json::Null))
}

fn row_json(row: &Row) -> Json {
    let mut m = Map::new();
    for c in &row.cells {
        m.insert(c.column.into(), value_json(c.value));
    }
    Json::Object(m)
}

fn table_json(table: &Table) -> Json {
    let mut m = Map::new();
    for row in &table.rows {
        m.insert(row.key.into(), row_json(row));
    }
    Json::Object(m)
}
