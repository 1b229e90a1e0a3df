//! `investsite import`: one Markdown file per row of the staff's sheet. Every cell is
//! checked with the same rules as a build (the content types' `read` in `src/domain/`),
//! names are turned into ids, and nothing is written while any cell is wrong.
//! Writes only the content files it names, under the site's content folder.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::columns::{self, Cell, Column, SheetKind};
use super::sheet::{self, Sheet};
use super::site::{self, StaffSite};
use crate::diagnostics::Diagnostics;
use crate::load::fields::Fields;

pub struct Options {
    pub root: PathBuf,
    pub file: PathBuf,
    pub kind: SheetKind,
    pub update: bool,
    pub dry_run: bool,
    pub sheet: Option<String>,
    /// The language of the sheet's text; the site's default language when not given.
    pub lang: Option<String>,
}

/// A cell that cannot be imported, named as Excel shows it.
#[derive(Debug, Clone)]
pub struct CellError {
    pub sheet: String,
    pub row: usize,
    /// Column letter and header, when the problem is in one cell.
    pub column: Option<(String, String)>,
    pub message: String,
    pub help: Option<String>,
}

/// The error for a sheet with a header and nothing under it; `what` names a row's thing
/// ("item", "office").
pub fn no_rows(sheet: &Sheet, what: &str) -> Option<CellError> {
    sheet.rows.is_empty().then(|| CellError {
        sheet: sheet.name.clone(),
        row: sheet.header_row.max(1),
        column: None,
        message: "the sheet has no rows under its header".into(),
        help: Some(format!("put one {what} a row under a row of column names")),
    })
}

impl fmt::Display for CellError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.column {
            Some((letter, header)) => write!(
                f,
                "error: sheet \"{}\", cell {letter}{} (row {}, column {letter} \"{header}\"): {}",
                self.sheet, self.row, self.row, self.message
            )?,
            None => write!(f, "error: sheet \"{}\", row {}: {}", self.sheet, self.row, self.message)?,
        }
        if let Some(h) = &self.help {
            write!(f, "\n  help: {h}")?;
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Create,
    /// The fields that change.
    Update(Vec<String>),
    Unchanged,
}

#[derive(Debug, Clone)]
pub struct Change {
    /// Relative to the site root.
    pub rel: String,
    pub row: usize,
    pub action: Action,
    pub text: String,
}

#[derive(Debug, Default)]
pub struct Report {
    pub changes: Vec<Change>,
    pub warnings: Vec<String>,
    pub written: bool,
}

pub enum Failure {
    /// The file, the site or the arguments: nothing to do with single cells.
    Other(String),
    Cells(Vec<CellError>, Vec<String>),
}

pub fn import(opts: &Options) -> Result<Report, Failure> {
    let site = site::load(&opts.root).map_err(Failure::Other)?;
    let lang = opts.lang.clone().unwrap_or_else(|| site.default_lang().to_string());
    if !site.config.languages.contains(&lang) {
        return Err(Failure::Other(format!(
            "the site has no language \"{lang}\"; its languages are {}",
            site.config.languages.join(", ")
        )));
    }
    let sheet = sheet::read(&opts.file, opts.sheet.as_deref()).map_err(Failure::Other)?;
    let mut report = Report::default();
    let mut errors = Vec::new();
    let layout = layout(&sheet, opts.kind, &site, &mut errors, &mut report.warnings);
    let mut slugs: BTreeMap<String, usize> = BTreeMap::new();
    for (row, cells) in &sheet.rows {
        let ctx = RowCtx { sheet: &sheet, row: *row, layout: &layout, errors: &mut errors, failed: Vec::new() };
        if let Some(change) = plan_row(ctx, cells, opts, &site, &lang, &mut slugs) {
            report.changes.push(change);
        }
    }
    if let Some(e) = no_rows(&sheet, "item") {
        errors.push(e);
    }
    if !errors.is_empty() {
        return Err(Failure::Cells(errors, report.warnings));
    }
    if !opts.dry_run {
        write_changes(&opts.root, &report.changes).map_err(Failure::Other)?;
        report.written = true;
    }
    Ok(report)
}

/// Each sheet column's meaning; unknown headers are warned about and skipped.
fn layout(
    sheet: &Sheet,
    kind: SheetKind,
    site: &StaffSite,
    errors: &mut Vec<CellError>,
    warnings: &mut Vec<String>,
) -> Vec<Option<Column>> {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    let mut out = Vec::new();
    for (i, header) in sheet.headers.iter().enumerate() {
        let letter = columns::letter(i);
        if header.trim().is_empty() {
            out.push(None);
            continue;
        }
        let column = columns::find(kind, header, &site.config.staff.columns);
        match column {
            None => warnings.push(format!(
                "sheet \"{}\", column {letter} \"{header}\" is not a field of {} and is skipped (docs/reference.md lists the columns; site.yaml `import: {{columns: …}}` adds names)",
                sheet.name,
                kind.id()
            )),
            Some(c) => {
                if let Some(first) = seen.insert(c.field, i) {
                    errors.push(CellError {
                        sheet: sheet.name.clone(),
                        row: sheet.header_row,
                        column: Some((letter.clone(), header.clone())),
                        message: format!(
                            "column {letter} fills `{}` like column {} \"{}\" does",
                            c.field,
                            columns::letter(first),
                            sheet.headers[first]
                        ),
                        help: Some("keep one of the two columns".into()),
                    });
                }
            }
        }
        out.push(column);
    }
    if !out.iter().flatten().any(|c| c.field == "title") {
        errors.push(CellError {
            sheet: sheet.name.clone(),
            row: sheet.header_row.max(1),
            column: None,
            message: "no title column".into(),
            help: Some(format!("name one column \"{}\" or \"title\"", kind.columns()[1].zh)),
        });
    }
    out
}

struct RowCtx<'a> {
    sheet: &'a Sheet,
    row: usize,
    layout: &'a [Option<Column>],
    errors: &'a mut Vec<CellError>,
    /// Fields whose cell was already reported: the build's rules would only repeat it.
    failed: Vec<&'static str>,
}

impl RowCtx<'_> {
    fn error_at(&mut self, field: &str, message: String, help: Option<String>) {
        let at = self.layout.iter().position(|c| c.is_some_and(|c| c.field == field));
        let column = at.map(|i| (columns::letter(i), self.sheet.headers[i].clone()));
        let message = if column.is_none() { format!("`{field}`: {message}") } else { message };
        self.errors.push(CellError { sheet: self.sheet.name.clone(), row: self.row, column, message, help });
    }
}

fn plan_row(
    mut ctx: RowCtx,
    cells: &[String],
    opts: &Options,
    site: &StaffSite,
    lang: &str,
    slugs: &mut BTreeMap<String, usize>,
) -> Option<Change> {
    let before = ctx.errors.len();
    let mut values: Map<String, Value> = Map::new();
    let mut slug_cell = None;
    for (i, column) in ctx.layout.iter().enumerate() {
        let Some(column) = column else { continue };
        let text = cells.get(i).map(|s| s.trim()).unwrap_or_default();
        if text.is_empty() {
            continue;
        }
        if column.field == "slug" {
            slug_cell = Some(text.to_string());
            continue;
        }
        match cell_value(column.cell, text) {
            Ok(v) => set_path(&mut values, column.field, v),
            Err((msg, help)) => {
                ctx.error_at(column.field, msg, Some(help));
                ctx.failed.push(column.field);
            }
        }
    }
    let front = ordered(opts.kind, values);
    let slug = row_slug(&mut ctx, slug_cell, &front)?;
    if let Some(other) = slugs.insert(slug.clone(), ctx.row) {
        ctx.error_at(
            "slug",
            format!("row {other} has the same file name \"{slug}\""),
            Some("give one of the rows another title or a 文件名/slug of its own".into()),
        );
    }
    let existing = site.file_of(opts.kind, &slug, lang);
    if let Some(file) = existing
        && !opts.update
    {
        ctx.error_at(
            "title",
            format!("{} already exists", file.rel),
            Some("pass --update to merge the row into it, or give the row another 文件名/slug".into()),
        );
        return None;
    }
    let front = if lang != site.default_lang() {
        let texts = translation_only(&mut ctx, opts.kind, site, front, &slug)?;
        // A row with no text in this language yet (an untranslated item of an export) is left alone.
        if texts.is_empty() {
            return None;
        }
        texts
    } else {
        // A row updating a file is checked as the file will be: its fields with the row's.
        let whole = existing.map_or_else(|| front.clone(), |f| merged(&f.front, &front));
        validate(&mut ctx, opts.kind, site, &whole, front, &slug)?
    };
    if ctx.errors.len() > before {
        return None;
    }
    Some(match existing {
        Some(file) => updated(ctx.row, file, &front, &site::ids_of(site, opts.kind, file)),
        None => {
            let rel = format!("{}/{slug}.{lang}.md", opts.kind.folder());
            let text = format!("---\n{}---\n", super::front::emit(&front));
            Change { rel, row: ctx.row, action: Action::Create, text }
        }
    })
}

/// `old` with `new`'s fields; a nested mapping (`returns`, `contact`) merged field by field.
fn merged(old: &Map<String, Value>, new: &Map<String, Value>) -> Map<String, Value> {
    let mut out = old.clone();
    for (k, v) in new {
        let value = match (old.get(k), v) {
            (Some(Value::Object(o)), Value::Object(n)) => {
                let mut m = o.clone();
                m.extend(n.clone());
                Value::Object(m)
            }
            _ => v.clone(),
        };
        out.insert(k.clone(), value);
    }
    out
}

/// The file name: the slug cell, else the title in pinyin (or as written when ASCII).
fn row_slug(ctx: &mut RowCtx, cell: Option<String>, front: &Map<String, Value>) -> Option<String> {
    if let Some(s) = cell {
        if crate::text::slug::is_valid_slug(&s) {
            return Some(s);
        }
        let hint = crate::text::slug::pinyin_slug(&s);
        ctx.error_at(
            "slug",
            format!("\"{s}\" cannot be a file name"),
            Some(format!("use lowercase ASCII letters, digits and -, e.g. {hint}")),
        );
        return None;
    }
    let title = front.get("title").and_then(Value::as_str)?;
    let slug = crate::text::slug::pinyin_slug(title);
    let slug = crate::text::slug::truncate_slug(&slug, 60).to_string();
    if slug.is_empty() {
        ctx.error_at(
            "title",
            "no file name can be made from the title".into(),
            Some("add a 文件名/slug column".into()),
        );
        return None;
    }
    Some(slug)
}

/// The kind's own field order, so files read alike whatever the sheet's column order.
fn ordered(kind: SheetKind, mut values: Map<String, Value>) -> Map<String, Value> {
    let mut out = Map::new();
    for c in kind.columns() {
        let top = c.field.split('.').next().unwrap_or_default();
        if let Some(v) = values.remove(top) {
            out.insert(top.to_string(), v);
        }
    }
    out
}

fn set_path(map: &mut Map<String, Value>, field: &str, v: Value) {
    match field.split_once('.') {
        None => {
            map.insert(field.to_string(), v);
        }
        Some((outer, inner)) => {
            let slot = map.entry(outer.to_string()).or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(m) = slot {
                m.insert(inner.to_string(), v);
            }
        }
    }
}

type CellProblem = (String, String);

/// A cell's text as the value its field takes.
pub fn cell_value(cell: Cell, text: &str) -> Result<Value, CellProblem> {
    match cell {
        Cell::Text => Ok(plain_value(text)),
        Cell::Date => crate::units::Date::parse(&text.replace(['/', '.'], "-"))
            .map(|d| Value::String(d.iso()))
            .map_err(|e| (e, "write dates as 2026-09-01, or format the cell as a date in Excel".into())),
        Cell::List => Ok(Value::Array(split_list(text).into_iter().map(Value::String).collect())),
        Cell::Integer => text
            .parse::<i64>()
            .map(Value::from)
            .map_err(|_| (format!("\"{text}\" is not a whole number"), "write a number like 6".into())),
        Cell::Bool => match text.to_lowercase().as_str() {
            "是" | "yes" | "true" | "y" | "1" | "√" => Ok(Value::Bool(true)),
            "否" | "no" | "false" | "n" | "0" => Ok(Value::Bool(false)),
            _ => Err((format!("\"{text}\" is not yes or no"), "write 是 or 否 (yes or no)".into())),
        },
        Cell::Location => location(text),
        Cell::Reviews => reviews(text),
    }
}

/// A number stays a number (`6.5`), other text stays text; `0943…` keeps its zero.
fn plain_value(text: &str) -> Value {
    let numeric = text.chars().all(|c| c.is_ascii_digit() || c == '.')
        && text.chars().next().is_some_and(|c| c.is_ascii_digit())
        && !(text.starts_with('0') && text.len() > 1 && !text.starts_with("0."));
    match text.parse::<serde_json::Number>() {
        Ok(n) if numeric && text.matches('.').count() <= 1 => Value::Number(n),
        _ => Value::String(text.to_string()),
    }
}

pub fn split_list(text: &str) -> Vec<String> {
    text.split(['、', ',', '，', ';', '；', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn location(text: &str) -> Result<Value, CellProblem> {
    let parts: Vec<&str> = text.split([',', '，', ' ']).map(str::trim).filter(|s| !s.is_empty()).collect();
    let numbers: Vec<serde_json::Number> = parts.iter().filter_map(|p| p.parse().ok()).collect();
    if parts.len() == 2 && numbers.len() == 2 {
        return Ok(Value::Array(numbers.into_iter().map(Value::Number).collect()));
    }
    Err((
        format!("\"{text}\" is not a longitude and latitude"),
        "write two numbers, longitude first: 104.17, 36.55".into(),
    ))
}

fn reviews(text: &str) -> Result<Value, CellProblem> {
    let help = "one review a group, market/value/tech scores 0–100, groups separated by ;  e.g. 80/75/90; 86/70/88";
    let mut out = Vec::new();
    for group in text.split([';', '；', '\n']).map(str::trim).filter(|g| !g.is_empty()) {
        let scores: Vec<&str> = group.split(['/', '／']).map(str::trim).collect();
        let numbers: Vec<serde_json::Number> = scores.iter().filter_map(|s| s.parse().ok()).collect();
        if scores.len() != 3 || numbers.len() != 3 {
            return Err((format!("\"{group}\" is not three scores"), help.into()));
        }
        let mut m = Map::new();
        for (key, n) in ["market", "value", "tech"].iter().zip(numbers) {
            m.insert((*key).to_string(), Value::Number(n));
        }
        out.push(Value::Object(m));
    }
    Ok(Value::Array(out))
}

/// Checks the row as a build would check the file, reports every problem at its cell, and
/// replaces names by ids.
fn validate(
    ctx: &mut RowCtx,
    kind: SheetKind,
    site: &StaffSite,
    whole: &Map<String, Value>,
    mut front: Map<String, Value>,
    slug: &str,
) -> Option<Map<String, Value>> {
    let text = super::front::emit(whole);
    let rel = format!("{}/{slug}.md", kind.folder());
    let diags = Diagnostics::new();
    let ids = {
        let f = Fields::new(&rel, &text, 1, whole, &diags);
        site::read_ids(kind, &f, &site.refs())
    };
    for d in diags.into_vec() {
        let field = d.field.clone().unwrap_or_default();
        if d.is_error() && !ctx.failed.contains(&field.as_str()) {
            ctx.error_at(&field, d.message, d.help);
        }
    }
    for (field, v) in ids? {
        if has_path(&front, &field) {
            set_path(&mut front, &field, v);
        }
    }
    Some(front)
}

fn has_path(map: &Map<String, Value>, field: &str) -> bool {
    match field.split_once('.') {
        None => map.get(field).is_some_and(|v| !v.is_null()),
        Some((o, i)) => map.get(o).and_then(|v| v.get(i)).is_some_and(|v| !v.is_null()),
    }
}

/// A sheet in another language fills the translation's text fields; the original must exist.
fn translation_only(
    ctx: &mut RowCtx,
    kind: SheetKind,
    site: &StaffSite,
    front: Map<String, Value>,
    slug: &str,
) -> Option<Map<String, Value>> {
    if site.file_of(kind, slug, site.default_lang()).is_none() {
        ctx.error_at(
            "title",
            format!("there is no {}/{slug}.{}.md to translate", kind.folder(), site.default_lang()),
            Some("import the sheet in the site's first language first, or fill the 文件名/slug column".into()),
        );
        return None;
    }
    let keep = kind.translatable();
    Some(front.into_iter().filter(|(k, _)| keep.contains(&k.as_str())).collect())
}

/// `ids`: the file's id fields as ids; a row giving the id of the name the file has
/// (`promotion` for `推介会`) changes nothing, and the author's name stays.
fn updated(row: usize, file: &crate::load::ContentFile, front: &Map<String, Value>, ids: &[(String, Value)]) -> Change {
    let whole = merged(&file.front, front);
    let mut old = file.front.clone();
    for (field, id) in ids {
        if has_path(&old, field) {
            set_path(&mut old, field, id.clone());
        }
    }
    let new = merged(&old, front);
    let mut changes = Map::new();
    let mut names = Vec::new();
    for k in front.keys() {
        if old.get(k) != new.get(k) {
            names.push(k.clone());
            changes.insert(k.clone(), whole[k].clone());
        }
    }
    let action = if names.is_empty() { Action::Unchanged } else { Action::Update(names) };
    let fm = super::front::merge_text(&file.fm_text, &changes);
    let text = format!("---\n{fm}---\n{}", file.body);
    Change { rel: file.rel.clone(), row, action, text }
}

fn write_changes(root: &Path, changes: &[Change]) -> Result<(), String> {
    for c in changes.iter().filter(|c| c.action != Action::Unchanged) {
        let path = root.join(&c.rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        std::fs::write(&path, &c.text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_become_values() {
        assert_eq!(cell_value(Cell::Text, "6.5").unwrap(), serde_json::json!(6.5));
        assert_eq!(cell_value(Cell::Text, "0943-8226600").unwrap(), serde_json::json!("0943-8226600"));
        assert_eq!(cell_value(Cell::Text, "007").unwrap(), serde_json::json!("007"));
        assert_eq!(cell_value(Cell::List, "合资、 独资，lease").unwrap(), serde_json::json!(["合资", "独资", "lease"]));
        assert_eq!(cell_value(Cell::Date, "2026/3/1").unwrap(), serde_json::json!("2026-03-01"));
        assert_eq!(cell_value(Cell::Bool, "是").unwrap(), serde_json::json!(true));
        assert_eq!(cell_value(Cell::Location, "104.17, 36.55").unwrap(), serde_json::json!([104.17, 36.55]));
        assert_eq!(
            cell_value(Cell::Reviews, "80/75/90；86/70/88").unwrap(),
            serde_json::json!([{"market": 80, "value": 75, "tech": 90}, {"market": 86, "value": 70, "tech": 88}])
        );
        assert!(cell_value(Cell::Date, "明年").is_err());
        assert!(cell_value(Cell::Location, "104.17").is_err());
    }
}
