//! Data files that are lists of items (`data/regions.yaml`, `data/chains.yaml`,
//! `data/chambers.yaml`): each item read through [`Fields`] with the lines of its own
//! `- id:` entry, so every error names the file and the item's line; ids checked alike.

use serde_json::Value;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::DataFile;
use crate::load::fields::Fields;

/// Reads a data file that is a list of items, each located by its `id:` line.
pub fn read_list<T>(file: &DataFile, diags: &Diagnostics, read: impl Fn(&Fields) -> Option<T>) -> Vec<T> {
    let Some(items) = file.value.as_array() else {
        diags.push(
            Diagnostic::error("must be a list of items, each starting with `- id: …`").in_file(&file.rel).at_line(1),
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut search_from = 0usize;
    for item in items {
        let Some(map) = item.as_object() else {
            diags.push(
                Diagnostic::error(format!(
                    "list item {} must be a mapping with an `id`",
                    crate::load::fields::compact(item)
                ))
                .in_file(&file.rel),
            );
            continue;
        };
        // Each item is viewed through the text from its own `- ` line on, so field lines are right.
        let id = map.get("id").and_then(Value::as_str).unwrap_or("");
        let offset = item_line(&file.text, id, search_from);
        search_from = offset;
        let sub_text: String = file.text.lines().skip(offset).collect::<Vec<_>>().join("\n");
        let sub_text = dedent_item(&sub_text);
        let f = Fields::new(&file.rel, &sub_text, offset, map, diags);
        if let Some(t) = read(&f) {
            out.push(t);
        }
    }
    out
}

/// The 0-based line where the list item with `id` starts.
fn item_line(text: &str, id: &str, from: usize) -> usize {
    let lines: Vec<&str> = text.lines().collect();
    let hit = lines.iter().enumerate().skip(from).find(|(_, l)| {
        let t = l.trim_start().trim_start_matches("- ").trim_start_matches('{').trim_start();
        t.starts_with(&format!("id: {id}")) || t.starts_with(&format!("id: \"{id}\""))
    });
    match hit {
        Some((i, l)) if l.trim_start().starts_with("- ") => i,
        Some((i, _)) => (0..=i).rev().find(|&j| lines[j].trim_start().starts_with("- ")).unwrap_or(i),
        None => from,
    }
}

/// `- id: x\n  name: …` → `id: x\nname: …`, so the item's keys read as top-level keys.
fn dedent_item(text: &str) -> String {
    let mut out = String::new();
    for (i, line) in text.lines().enumerate() {
        if i > 0 && (line.starts_with("- ") || (!line.starts_with(' ') && !line.trim().is_empty())) {
            break; // the next item
        }
        let l = if i == 0 { line.replacen("- ", "  ", 1) } else { line.to_string() };
        out.push_str(l.get(2..).unwrap_or("").trim_end());
        out.push('\n');
    }
    out
}

pub fn check_id(f: &Fields, key: &str, id: &str) {
    if !crate::text::slug::is_valid_slug(id) {
        f.error(
            key,
            format!("\"{id}\" is not a valid id"),
            Some("ids are lowercase ASCII words joined by -, e.g. new-materials"),
        );
    }
}
