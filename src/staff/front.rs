//! Writing front matter: values as one-line YAML (flow style, quoted only when a plain
//! scalar would read back differently), and merging fields into an existing file by
//! replacing only the lines of the fields that change, so its comments, other fields and
//! body stay as the author left them.

use serde_json::{Map, Value};

use crate::load::yaml;

/// `key: value` lines for a new file, in the map's order.
pub fn emit(map: &Map<String, Value>) -> String {
    let mut out = String::new();
    for (k, v) in map {
        out.push_str(&line(k, v));
    }
    out
}

fn line(key: &str, v: &Value) -> String {
    format!("{key}: {}\n", value(v, false))
}

/// A value on one line; inside `[…]` or `{…}` (`flow`) commas and brackets need quotes too.
pub fn value(v: &Value, flow: bool) -> String {
    match v {
        Value::Null => String::new(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => scalar(s, flow),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().map(|i| value(i, true)).collect();
            format!("[{}]", parts.join(", "))
        }
        Value::Object(m) => {
            let parts: Vec<String> =
                m.iter().map(|(k, v)| format!("{}: {}", scalar(k, true), value(v, true))).collect();
            format!("{{{}}}", parts.join(", "))
        }
    }
}

/// Plain when the YAML reader gives the same text back, otherwise a double-quoted string
/// (JSON's escaping is valid YAML).
fn scalar(s: &str, flow: bool) -> String {
    let probe = if flow { format!("k: [{s}]") } else { format!("k: {s}") };
    let reads_back = yaml::parse(&probe).ok().and_then(|v| {
        let got = v.get("k")?.clone();
        let got = if flow { got.as_array()?.first()?.clone() } else { got };
        Some(got == Value::String(s.to_string()))
    });
    let risky = s.is_empty() || s.contains(['#', '"', '\'', '\n']) || s.trim() != s;
    if reads_back == Some(true) && !risky { s.to_string() } else { serde_json::to_string(s).unwrap_or_default() }
}

/// The front matter text with `changes` applied: a changed top-level field's lines are
/// replaced by one line, new fields are added at the end.
pub fn merge_text(fm_text: &str, changes: &Map<String, Value>) -> String {
    let lines: Vec<&str> = fm_text.lines().collect();
    let mut out: Vec<String> = Vec::new();
    let mut done = std::collections::BTreeSet::new();
    let mut i = 0;
    while i < lines.len() {
        let key = top_key(lines[i]);
        match key.and_then(|k| changes.get_key_value(k)) {
            Some((k, v)) => {
                out.push(line(k, v).trim_end().to_string());
                done.insert(k.clone());
                i += 1;
                // The field's own continuation lines (a block list or mapping) go with it.
                while i < lines.len() && continues(lines[i]) {
                    i += 1;
                }
            }
            None => {
                out.push(lines[i].to_string());
                i += 1;
            }
        }
    }
    for (k, v) in changes {
        if !done.contains(k) {
            out.push(line(k, v).trim_end().to_string());
        }
    }
    let mut text = out.join("\n");
    text.push('\n');
    text
}

fn top_key(line: &str) -> Option<&str> {
    if line.starts_with([' ', '\t', '#', '-']) {
        return None;
    }
    let (k, _) = line.split_once(':')?;
    let k = k.trim();
    (!k.is_empty() && !k.contains(' ')).then_some(k)
}

fn continues(line: &str) -> bool {
    line.starts_with([' ', '\t']) || line.starts_with("- ") || line == "-"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Value {
        yaml::parse(text).unwrap()
    }

    #[test]
    fn written_values_read_back_the_same() {
        let v = serde_json::json!({
            "title": "年产5万吨: 铜箔项目",
            "code": "007",
            "phone": "0943-8226600",
            "yes": "yes",
            "tags": ["a, b", "[c]", "铜箔"],
            "returns": {"irr": "13.2%", "jobs": 180},
            "empty": "",
            "hash": "#1 project",
        });
        let text = emit(v.as_object().unwrap());
        assert_eq!(read(&text), v, "{text}");
    }

    #[test]
    fn a_merge_keeps_comments_and_other_fields() {
        let fm = "title: 旧\n# a comment the author wrote\nreturns:\n  irr: 10%\n  jobs: 5\nsecret: kept\n";
        let mut changes = Map::new();
        changes.insert("title".into(), Value::String("新".into()));
        changes.insert("returns".into(), serde_json::json!({"irr": "12%", "jobs": 5}));
        changes.insert("land".into(), Value::String("80亩".into()));
        let merged = merge_text(fm, &changes);
        assert_eq!(
            merged,
            "title: 新\n# a comment the author wrote\nreturns: {irr: 12%, jobs: 5}\nsecret: kept\nland: 80亩\n"
        );
    }
}
