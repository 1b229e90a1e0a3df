//! The `site.yaml` settings of the staff's tools: `import:` (column names of the office's
//! sheets), `status:` (when a section counts as not updated) and `defaults:` (what `new`
//! writes into a new file instead of example text).

use super::fields::{Fields, LangText};

#[derive(Debug, Clone, Default)]
pub struct StaffSettings {
    /// Extra column headers: the header as the office writes it → the field it fills
    /// (`项目负责人: contact.person`), tried before the built-in names.
    pub columns: Vec<(String, String)>,
    /// A section whose newest page is older than this many days is listed by `status`.
    pub stale_after_days: u32,
    pub defaults: Defaults,
}

/// What a new file starts with: the office's own issuer, code prefix and contact.
#[derive(Debug, Clone, Default)]
pub struct Defaults {
    pub issuer: LangText,
    /// Project codes and document numbers start with this (`BY` → `BY-2026-000`).
    pub code_prefix: Option<String>,
    pub institution: LangText,
}

pub const DEFAULT_STALE_DAYS: u32 = 180;

pub fn read(f: &Fields) -> StaffSettings {
    StaffSettings { columns: read_columns(f), stale_after_days: read_stale_days(f), defaults: read_defaults(f) }
}

fn read_columns(f: &Fields) -> Vec<(String, String)> {
    let Some(import) = f.nested("import") else { return Vec::new() };
    import.check_unknown(&["columns"]);
    let Some(columns) = import.nested("columns") else { return Vec::new() };
    let mut out = Vec::new();
    for header in columns.map.keys() {
        match columns.text(header) {
            Some(field) if !field.is_empty() => out.push((header.trim().to_string(), field)),
            _ => columns.error(header, "must name a field, like `项目负责人: contact.person`", None),
        }
    }
    out
}

fn read_stale_days(f: &Fields) -> u32 {
    let Some(status) = f.nested("status") else { return DEFAULT_STALE_DAYS };
    status.check_unknown(&["stale_after_days"]);
    status.integer_in("stale_after_days", 1, 36_500).map_or(DEFAULT_STALE_DAYS, |n| n as u32)
}

fn read_defaults(f: &Fields) -> Defaults {
    let Some(d) = f.nested("defaults") else { return Defaults::default() };
    d.check_unknown(&["issuer", "code_prefix", "institution"]);
    Defaults {
        issuer: d.lang_text("issuer"),
        code_prefix: d.text("code_prefix"),
        institution: d.lang_text("institution"),
    }
}
