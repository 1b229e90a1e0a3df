//! `investsite export`: the catalogue of one kind as a sheet, the same columns `import`
//! reads, one row per item, headers and texts in the chosen language. Ids are written as
//! ids and every cell as text, so importing the sheet again reproduces the fields.

use std::path::PathBuf;

use serde_json::Value;

use super::columns::{Cell, Column, SheetKind};
use super::site::{self, StaffSite};

pub struct Options {
    pub root: PathBuf,
    pub file: PathBuf,
    pub kind: SheetKind,
    pub lang: Option<String>,
}

/// Writes the sheet; returns the number of items.
pub fn export(opts: &Options) -> Result<usize, String> {
    let site = site::load(&opts.root)?;
    let lang = opts.lang.clone().unwrap_or_else(|| site.default_lang().to_string());
    if !site.config.languages.contains(&lang) {
        return Err(format!(
            "the site has no language \"{lang}\"; its languages are {}",
            site.config.languages.join(", ")
        ));
    }
    let rows = rows(&site, opts.kind, &lang);
    super::sheet::write(&opts.file, opts.kind.id(), &rows)?;
    Ok(rows.len() - 1)
}

/// The header row and one row per item.
pub fn rows(site: &StaffSite, kind: SheetKind, lang: &str) -> Vec<Vec<String>> {
    let zh = lang == "zh";
    let columns = kind.columns();
    let mut out = vec![columns.iter().map(|c| if zh { c.zh } else { c.en }.to_string()).collect()];
    let translatable = kind.translatable();
    for original in site.originals(kind) {
        let slug = original.key.rsplit('/').next().unwrap_or_default().to_string();
        let translation = if lang == site.default_lang() { Some(original) } else { site.file_of(kind, &slug, lang) };
        let ids = site::ids_of(site, kind, original);
        let row = columns
            .iter()
            .map(|c| {
                if c.field == "slug" {
                    return slug.clone();
                }
                if let Some((_, id)) = ids.iter().find(|(f, _)| f == c.field) {
                    return cell_text(c, id, zh);
                }
                let top = c.field.split('.').next().unwrap_or_default();
                // A translated text comes from the translation, never from the original's language.
                let file = if translatable.contains(&top) { translation } else { Some(original) };
                file.and_then(|f| field_value(&f.front, c.field)).map(|v| cell_text(c, v, zh)).unwrap_or_default()
            })
            .collect();
        out.push(row);
    }
    out
}

fn field_value<'v>(front: &'v serde_json::Map<String, Value>, field: &str) -> Option<&'v Value> {
    match field.split_once('.') {
        None => front.get(field),
        Some((o, i)) => front.get(o)?.get(i),
    }
    .filter(|v| !v.is_null())
}

/// A value as the cell text `import` reads back to the same value.
pub fn cell_text(column: &Column, v: &Value, zh: bool) -> String {
    match (column.cell, v) {
        (Cell::Bool, Value::Bool(b)) => match (zh, b) {
            (true, true) => "是".into(),
            (true, false) => "否".into(),
            (false, true) => "yes".into(),
            (false, false) => "no".into(),
        },
        (Cell::Location, Value::Array(a)) => a.iter().map(scalar).collect::<Vec<_>>().join(", "),
        (Cell::Reviews, Value::Array(a)) => a
            .iter()
            .map(|r| {
                ["market", "value", "tech"]
                    .iter()
                    .map(|k| r.get(k).map(scalar).unwrap_or_default())
                    .collect::<Vec<_>>()
                    .join("/")
            })
            .collect::<Vec<_>>()
            .join("; "),
        (_, Value::Array(a)) => a.iter().map(scalar).collect::<Vec<_>>().join(if zh { "、" } else { ", " }),
        (_, v) => scalar(v),
    }
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}
