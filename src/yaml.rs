//! The only module that knows which YAML library we use (serde_yaml, the user's choice).
//!
//! YAML text goes in; a `serde_json::Value` tree comes out, which is the generic value type
//! the rest of the pipeline (validation, templates) works with. Swapping the YAML crate
//! means changing this file only.

use serde_json::Value;

/// A YAML syntax error with its position relative to the YAML text given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

/// Parses YAML into a generic value. Empty text is an empty mapping, not null, so a file
/// with no front matter fields reads as "no fields".
pub fn parse(src: &str) -> Result<Value, YamlError> {
    if src.trim().is_empty() {
        return Ok(Value::Object(Default::default()));
    }
    // Through serde_yaml's own value type first: it refuses duplicate keys, which a JSON
    // map would silently let the last one win.
    let yaml_value = serde_yaml::from_str::<serde_yaml::Value>(src).map_err(|e| {
        let loc = e.location();
        YamlError {
            line: loc.as_ref().map(|l| l.line()),
            column: loc.as_ref().map(|l| l.column()),
            message: strip_location(&e.to_string()),
        }
    })?;
    serde_json::to_value(yaml_value).map_err(|e| YamlError { line: None, column: None, message: e.to_string() })
}

/// serde_yaml appends "at line X column Y" to its messages; we report the position
/// ourselves (offset by the front matter's start), so the duplicate is dropped.
fn strip_location(msg: &str) -> String {
    match msg.find(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

/// Finds the 1-based line where the key path (`["returns", "irr"]`) is written in `src`,
/// so that a field error can point at its line. YAML libraries keep no positions in their
/// value trees; this looks the keys up in the text instead, following indentation.
/// Flow mappings (`returns: {irr: 12%}`) resolve to the line of the enclosing key.
pub fn key_line(src: &str, path: &[&str]) -> Option<usize> {
    let lines: Vec<&str> = src.lines().collect();
    let mut found: Option<usize> = None;
    let mut parent_indent: Option<usize> = None;
    for (depth, key) in path.iter().enumerate() {
        let start = found.unwrap_or(0);
        let mut hit = None;
        for (i, line) in lines.iter().enumerate().skip(start) {
            let trimmed = line.trim_start();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let indent = line.len() - trimmed.len();
            if depth > 0 && i == start {
                // The parent's own line may hold a flow mapping: `contact: {phone: …}`.
                let after_colon = line.find(':').map(|c| &line[c + 1..]).unwrap_or("");
                if after_colon.contains(&format!("{key}:")) {
                    hit = Some((i, indent));
                    break;
                }
                continue;
            }
            if let Some(p) = parent_indent {
                if indent <= p && !trimmed.starts_with("- ") || indent < p {
                    break; // left the parent's block
                }
            } else if indent != 0 {
                continue; // top-level keys start at column 1
            }
            let body = trimmed.trim_start_matches("- ");
            if body.starts_with(&format!("{key}:")) || body.starts_with(&format!("\"{key}\":")) {
                hit = Some((i, indent));
                break;
            }
        }
        match hit {
            Some((i, indent)) => {
                found = Some(i);
                parent_indent = Some(indent);
            }
            None => return found.map(|i| i + 1),
        }
    }
    found.map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_mapping_and_keeps_dates_as_strings() {
        let v = parse("title: 项目\ndate: 2026-09-01\nn: 3\n").unwrap();
        assert_eq!(v["title"], "项目");
        assert_eq!(v["date"], "2026-09-01");
        assert_eq!(v["n"], 3);
    }

    #[test]
    fn empty_is_empty_mapping() {
        assert!(parse("  \n").unwrap().as_object().unwrap().is_empty());
    }

    #[test]
    fn syntax_error_has_line() {
        let e = parse("title: a\nchains: [a, b\nregion: x\n").unwrap_err();
        assert!(e.line.is_some());
        assert!(!e.message.contains(" at line "));
    }

    #[test]
    fn duplicate_keys_are_errors() {
        assert!(parse("title: a\ntitle: b\n").is_err());
    }

    #[test]
    fn finds_key_lines() {
        let src = "title: x\nreturns:\n  irr: 12%\n  jobs: 3\ncontact: {org: a, phone: b}\nirr: top\n";
        assert_eq!(key_line(src, &["title"]), Some(1));
        assert_eq!(key_line(src, &["returns", "jobs"]), Some(4));
        assert_eq!(key_line(src, &["contact", "phone"]), Some(5));
        assert_eq!(key_line(src, &["irr"]), Some(6));
        assert_eq!(key_line(src, &["missing"]), None);
    }
}
