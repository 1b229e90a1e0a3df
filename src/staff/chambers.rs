//! `import`/`export --kind chambers`: the offices of `data/chambers.yaml` as a sheet, one
//! row an office with its first officer. Rows are checked by the domain's own chamber rules
//! (`domain::chambers::read_entry`); a new office is appended to the data file as a YAML
//! entry, leaving the file's text and comments as they are. An office already in the file
//! is never rewritten from a sheet (the sheet holds one officer of several): a row equal to
//! it is unchanged, a different one is refused.

use std::path::Path;

use serde_json::{Map, Value};

use super::columns::{self, Cell, Column};
use super::import::{Action, CellError, Change, Failure, Options, Report, cell_value, split_list};
use crate::diagnostics::Diagnostics;
use crate::domain::chambers::{self, Chamber};
use crate::load::fields::{Fields, LangText};

const REL: &str = "data/chambers.yaml";

const fn col(field: &'static str, zh: &'static str, en: &'static str, cell: Cell) -> Column {
    Column { field, zh, en, aliases: &[], cell }
}

/// The columns, in the order `export` writes them.
pub const COLUMNS: &[Column] = &[
    col("id", "编号", "id", Cell::Text),
    col("name", "名称", "name", Cell::Text),
    col("kind", "类型", "kind", Cell::Text),
    col("city", "城市", "city", Cell::Text),
    col("country", "国家", "country", Cell::Text),
    col("serves.regions", "服务区域", "regions", Cell::List),
    col("serves.chains", "服务产业链", "chains", Cell::List),
    col("officer.name", "联系人", "officer", Cell::Text),
    col("officer.role", "职务", "role", Cell::Text),
    col("officer.phone", "电话", "phone", Cell::Text),
    col("officer.email", "邮箱", "email", Cell::Text),
    col("website", "网址", "website", Cell::Text),
    col("location", "经纬度", "location", Cell::Location),
];

struct Loaded {
    config: crate::load::config::Config,
    /// The data file's text, when the site has one.
    text: Option<String>,
    chambers: Vec<Chamber>,
    /// Every entry's id as written, those the build refuses included.
    raw_ids: Vec<String>,
    env: crate::domain::Environment,
}

fn load(root: &Path) -> Result<Loaded, String> {
    let diags = Diagnostics::new();
    let Some(loaded) = crate::load::load_site(root, &diags) else {
        let msgs: Vec<String> = diags.into_vec().iter().map(ToString::to_string).collect();
        return Err(format!("cannot read the site in {}:\n{}", root.display(), msgs.join("\n")));
    };
    let quiet = Diagnostics::new();
    let env = crate::domain::Environment::read(&loaded.data, &quiet);
    let refs = crate::domain::Refs { env: Some(&env), ..Default::default() };
    let chambers = chambers::read(&loaded.data, &refs, &loaded.config.url_policy, &quiet);
    let file = loaded.data.get(chambers::DATA_STEM);
    let text = file.map(|f| f.text.clone());
    let entries = file.and_then(|f| f.value.as_array().cloned()).unwrap_or_default();
    let raw_ids = entries.iter().filter_map(|e| e.get("id")).filter_map(crate::resolve::value_text).collect();
    Ok(Loaded { config: loaded.config, text, chambers, raw_ids, env })
}

fn check_lang(config: &crate::load::config::Config, lang: Option<&String>) -> Result<String, String> {
    let lang = lang.cloned().unwrap_or_else(|| config.default_lang().to_string());
    if !config.languages.contains(&lang) {
        return Err(format!("the site has no language \"{lang}\"; its languages are {}", config.languages.join(", ")));
    }
    Ok(lang)
}

/// Writes the sheet; returns the number of offices.
pub fn export(root: &Path, file: &Path, lang: Option<&String>) -> Result<usize, String> {
    let site = load(root)?;
    let lang = check_lang(&site.config, lang)?;
    let zh = lang == "zh";
    let mut rows = vec![COLUMNS.iter().map(|c| if zh { c.zh } else { c.en }.to_string()).collect::<Vec<_>>()];
    for c in &site.chambers {
        rows.push(row_of(c, &lang, site.config.default_lang()));
    }
    super::sheet::write(file, "chambers", &rows)?;
    Ok(rows.len() - 1)
}

/// An office as the cells `import` reads back to it, ids as ids.
fn row_of(c: &Chamber, lang: &str, default_lang: &str) -> Vec<String> {
    let text = |t: &LangText| t.get_or_empty(lang, default_lang);
    let sep = if lang == "zh" { "、" } else { ", " };
    let officer = c.officers.first().cloned().unwrap_or_default();
    vec![
        c.id.clone(),
        text(&c.name),
        c.kind.clone(),
        text(&c.city),
        text(&c.country),
        c.regions.join(sep),
        c.chains.join(sep),
        text(&officer.name),
        text(&officer.role),
        officer.phone.unwrap_or_default(),
        officer.email.unwrap_or_default(),
        c.website.clone().unwrap_or_default(),
        c.location.map(|(x, y)| format!("{x}, {y}")).unwrap_or_default(),
    ]
}

pub fn import(opts: &Options) -> Result<Report, Failure> {
    let site = load(&opts.root).map_err(Failure::Other)?;
    let lang = check_lang(&site.config, opts.lang.as_ref()).map_err(Failure::Other)?;
    let sheet = super::sheet::read(&opts.file, opts.sheet.as_deref()).map_err(Failure::Other)?;
    let mut report = Report::default();
    let mut errors = Vec::new();
    let layout = layout(&sheet, &mut errors, &mut report.warnings);
    let mut ids: Vec<String> = Vec::new();
    let mut entries = String::new();
    for (row, cells) in &sheet.rows {
        let mut ctx = Ctx { sheet: &sheet, row: *row, layout: &layout, errors: &mut errors };
        let Some((id, entry)) = plan_row(&mut ctx, cells, &site, &lang) else { continue };
        if ids.contains(&id) {
            ctx.error("id", format!("another row has the id \"{id}\""), "give every office its own id");
            continue;
        }
        ids.push(id.clone());
        let rel = format!("{REL}, office \"{id}\"");
        let action = if entry.is_none() { Action::Unchanged } else { Action::Create };
        if let Some(e) = entry {
            entries.push_str(&e);
        }
        report.changes.push(Change { rel, row: *row, action, text: String::new() });
    }
    if let Some(e) = super::import::no_rows(&sheet, "office") {
        errors.push(e);
    }
    if !errors.is_empty() {
        return Err(Failure::Cells(errors, report.warnings));
    }
    if !opts.dry_run && !entries.is_empty() {
        let text = appended(site.text.as_deref(), &entries);
        let old = site.text.as_deref().and_then(|t| crate::load::yaml::parse(t).ok());
        check_whole(&text, old.and_then(|v| v.as_array().map(Vec::len)).unwrap_or(0) + count(&report))?;
        let path = opts.root.join(REL);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Failure::Other(format!("{}: {e}", dir.display())))?;
        }
        std::fs::write(&path, text).map_err(|e| Failure::Other(format!("{}: {e}", path.display())))?;
        report.written = true;
    }
    Ok(report)
}

fn count(report: &Report) -> usize {
    report.changes.iter().filter(|c| c.action == Action::Create).count()
}

/// The file's text as it is, the new entries after it; a new file starts with a comment.
fn appended(old: Option<&str>, entries: &str) -> String {
    match old {
        None => format!(
            "# Chambers of commerce and liaison offices: one entry an office (docs/reference.md, data/chambers.yaml).\n{entries}"
        ),
        Some(t) if t.is_empty() || t.ends_with('\n') => format!("{t}{entries}"),
        Some(t) => format!("{t}\n{entries}"),
    }
}

/// The file as it will be written must still be a list with every office: a file written
/// in a shape the appended entries cannot join (a flow list, `[]`) is refused, not broken.
fn check_whole(text: &str, expected: usize) -> Result<(), Failure> {
    let n = crate::load::yaml::parse(text).ok().and_then(|v| v.as_array().map(Vec::len));
    if n != Some(expected) {
        return Err(Failure::Other(format!(
            "{REL} is not written as a plain YAML list (`- id: …` entries), so the new offices cannot be added to it; nothing was written"
        )));
    }
    Ok(())
}

struct Ctx<'a> {
    sheet: &'a super::sheet::Sheet,
    row: usize,
    layout: &'a [Option<Column>],
    errors: &'a mut Vec<CellError>,
}

impl Ctx<'_> {
    fn error(&mut self, field: &str, message: String, help: &str) {
        let at = self.layout.iter().position(|c| c.is_some_and(|c| c.field == field));
        let column = at.map(|i| (columns::letter(i), self.sheet.headers[i].clone()));
        let message = if column.is_none() { format!("`{field}`: {message}") } else { message };
        let help = Some(help.to_string()).filter(|h| !h.is_empty());
        self.errors.push(CellError { sheet: self.sheet.name.clone(), row: self.row, column, message, help });
    }
}

fn find(header: &str) -> Option<Column> {
    let key = columns::header_key(header);
    COLUMNS.iter().copied().find(|c| {
        !key.is_empty() && (columns::header_key(c.zh) == key || columns::header_key(c.en) == key || c.field == key)
    })
}

fn layout(sheet: &super::sheet::Sheet, errors: &mut Vec<CellError>, warnings: &mut Vec<String>) -> Vec<Option<Column>> {
    let mut out: Vec<Option<Column>> = Vec::new();
    for (i, header) in sheet.headers.iter().enumerate() {
        let letter = columns::letter(i);
        let column = find(header);
        match column {
            None if !header.trim().is_empty() => warnings.push(format!(
                "sheet \"{}\", column {letter} \"{header}\" is not a field of chambers and is skipped (docs/reference.md lists the columns)",
                sheet.name
            )),
            Some(c) if out.iter().flatten().any(|o| o.field == c.field) => errors.push(CellError {
                sheet: sheet.name.clone(),
                row: sheet.header_row,
                column: Some((letter.clone(), header.clone())),
                message: format!("column {letter} fills `{}` like another column does", c.field),
                help: Some("keep one of the two columns".into()),
            }),
            _ => {}
        }
        out.push(column);
    }
    for needed in ["id", "name"] {
        if !out.iter().flatten().any(|c| c.field == needed) {
            let c = COLUMNS.iter().find(|c| c.field == needed).map_or(needed, |c| c.zh);
            errors.push(CellError {
                sheet: sheet.name.clone(),
                row: sheet.header_row.max(1),
                column: None,
                message: format!("no {needed} column"),
                help: Some(format!("name one column \"{c}\" or \"{needed}\"")),
            });
        }
    }
    out
}

/// The row's id and, for a new office, its YAML entry; `None` after reporting a problem.
fn plan_row(ctx: &mut Ctx, cells: &[String], site: &Loaded, lang: &str) -> Option<(String, Option<String>)> {
    let before = ctx.errors.len();
    let mut given: Vec<(Column, String)> = Vec::new();
    for (i, column) in ctx.layout.iter().enumerate() {
        let text = cells.get(i).map(|s| s.trim()).unwrap_or_default();
        if let Some(c) = column
            && !text.is_empty()
        {
            given.push((*c, text.to_string()));
        }
    }
    let cell = |field: &str| given.iter().find(|(c, _)| c.field == field).map(|(_, t)| t.clone());
    let id = cell("id").unwrap_or_default();
    if let Some(old) = site.chambers.iter().find(|c| c.id == id) {
        let old_row = row_of(old, lang, site.config.default_lang());
        let same = given.iter().all(|(c, t)| {
            let i = COLUMNS.iter().position(|k| k.field == c.field).unwrap_or(0);
            same_cell(c.cell, t, &old_row[i])
        });
        if !same {
            ctx.error(
                "id",
                format!("office \"{id}\" is already in {REL} and the row differs from it"),
                "change an existing office in data/chambers.yaml itself: import only adds new offices (even with --update)",
            );
            return None;
        }
        return Some((id, None));
    }
    if site.raw_ids.contains(&id) {
        ctx.error(
            "id",
            format!("office \"{id}\" is already in {REL}, written with mistakes"),
            "run `investsite check` and correct it in data/chambers.yaml",
        );
        return None;
    }
    let map = entry_map(ctx, &given, lang)?;
    let text = super::front::emit(&map);
    let diags = Diagnostics::new();
    let refs = crate::domain::Refs { env: Some(&site.env), ..Default::default() };
    let checked = {
        let f = Fields::new(REL, &text, 1, &map, &diags);
        chambers::read_entry(&f, &refs, &site.config.url_policy)
    };
    for d in diags.into_vec().into_iter().filter(|d| d.is_error()) {
        let field = column_of(d.field.as_deref().unwrap_or_default(), &d.message);
        ctx.error(field, d.message, d.help.as_deref().unwrap_or_default());
    }
    let checked = checked?;
    if ctx.errors.len() > before {
        return None;
    }
    Some((id, Some(entry_text(&ids_written(map, &checked)))))
}

fn same_cell(cell: Cell, new: &str, old: &str) -> bool {
    match cell {
        Cell::List => split_list(new) == split_list(old),
        Cell::Location => cell_value(cell, new).ok() == cell_value(cell, old).ok(),
        _ => new == old,
    }
}

/// The row as the entry's fields; names stay per language, as `{zh: …}`.
fn entry_map(ctx: &mut Ctx, given: &[(Column, String)], lang: &str) -> Option<Map<String, Value>> {
    let texted = |t: &str| Value::Object(Map::from_iter([(lang.to_string(), Value::String(t.to_string()))]));
    let mut map = Map::new();
    let mut serves = Map::new();
    let mut officer = Map::new();
    let mut ok = true;
    for (c, t) in given {
        match c.field {
            "id" | "kind" | "website" => {
                map.insert(c.field.into(), Value::String(t.clone()));
            }
            "name" | "city" | "country" => {
                map.insert(c.field.into(), texted(t));
            }
            "serves.regions" | "serves.chains" => {
                let list = split_list(t).into_iter().map(Value::String).collect();
                serves.insert(c.field.trim_start_matches("serves.").into(), Value::Array(list));
            }
            "officer.name" | "officer.role" => {
                officer.insert(c.field.trim_start_matches("officer.").into(), texted(t));
            }
            "officer.phone" | "officer.email" => {
                officer.insert(c.field.trim_start_matches("officer.").into(), Value::String(t.clone()));
            }
            "location" => match cell_value(Cell::Location, t) {
                Ok(v) => {
                    map.insert("location".into(), v);
                }
                Err((message, help)) => {
                    ctx.error("location", message, &help);
                    ok = false;
                }
            },
            _ => {}
        }
    }
    if !serves.is_empty() {
        map.insert("serves".into(), Value::Object(serves));
    }
    if !officer.is_empty() {
        map.insert("officers".into(), Value::Array(vec![Value::Object(officer)]));
    }
    ok.then_some(map)
}

/// The checked office's kind, regions and chains as ids, the way the file is kept.
fn ids_written(mut map: Map<String, Value>, c: &Chamber) -> Map<String, Value> {
    map.insert("kind".into(), Value::String(c.kind.clone()));
    if let Some(Value::Object(s)) = map.get_mut("serves") {
        let ids = |v: &[String]| Value::Array(v.iter().cloned().map(Value::String).collect());
        if s.contains_key("regions") {
            s.insert("regions".into(), ids(&c.regions));
        }
        if s.contains_key("chains") {
            s.insert("chains".into(), ids(&c.chains));
        }
    }
    map
}

/// One list item: `- id: …` then its other fields indented under it, in the columns' order.
fn entry_text(map: &Map<String, Value>) -> String {
    let order = ["id", "name", "kind", "city", "country", "serves", "officers", "website", "location"];
    let mut out = String::new();
    for key in order {
        if let Some(v) = map.get(key) {
            let lead = if out.is_empty() { "- " } else { "  " };
            out.push_str(&format!("{lead}{key}: {}\n", super::front::value(v, false)));
        }
    }
    out
}

/// The column a build problem belongs to.
fn column_of<'f>(field: &'f str, message: &str) -> &'f str {
    match field {
        f if f.ends_with("regions") => "serves.regions",
        f if f.ends_with("chains") => "serves.chains",
        "officers" if message.contains("email") => "officer.email",
        "officers" if message.contains("phone") => "officer.phone",
        "officers" => "officer.name",
        f => f,
    }
}
