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
    // YAML takes a full-width space for part of a key, so `　　org: …` parses as a strange
    // field instead of failing: refuse it where it is.
    if let Some((i, line)) = src.lines().enumerate().find(|(_, l)| l.trim_start_matches(' ').starts_with('\u{3000}')) {
        let (column, message) = line_mistake(line).unwrap_or((1, "a full-width space starts this line".into()));
        return Err(YamlError { line: Some(i + 1), column: Some(column), message });
    }
    // Through serde_yaml's own value type first: it refuses duplicate keys, which a JSON
    // map would silently let the last one win.
    let yaml_value = serde_yaml::from_str::<serde_yaml::Value>(src).map_err(|e| {
        let loc = e.location();
        let parser_said = YamlError {
            line: loc.as_ref().map(|l| l.line()),
            column: loc.as_ref().map(|l| l.column()),
            message: strip_location(&e.to_string()),
        };
        typing_mistake(src, &parser_said).unwrap_or(parser_said)
    })?;
    to_json(yaml_value).map_err(|message| YamlError { line: None, column: None, message })
}

/// serde_yaml's value as a JSON value. JSON has no NaN or infinity: a plain conversion turns
/// `.nan` and `.inf` into null, which reads as "field not given" and drops the field without
/// a word. They are kept as their YAML spelling instead, so a number field reports them.
fn to_json(v: serde_yaml::Value) -> Result<Value, String> {
    use serde_yaml::Value as Y;
    Ok(match v {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => number_to_json(&n),
        Y::String(s) => Value::String(s),
        Y::Sequence(items) => Value::Array(items.into_iter().map(to_json).collect::<Result<_, _>>()?),
        Y::Mapping(m) => {
            let mut out = serde_json::Map::new();
            for (k, v) in m {
                out.insert(key_text(k)?, to_json(v)?);
            }
            Value::Object(out)
        }
        Y::Tagged(t) => serde_json::to_value(&*t).map_err(|e| e.to_string())?,
    })
}

fn number_to_json(n: &serde_yaml::Number) -> Value {
    if let Some(i) = n.as_i64() {
        return Value::from(i);
    }
    if let Some(u) = n.as_u64() {
        return Value::from(u);
    }
    let f = n.as_f64().unwrap_or(f64::NAN);
    match serde_json::Number::from_f64(f) {
        Some(num) => Value::Number(num),
        None if f.is_nan() => Value::String(".nan".into()),
        None if f > 0.0 => Value::String(".inf".into()),
        None => Value::String("-.inf".into()),
    }
}

/// Mapping keys are text; numbers and booleans as keys are written as they read.
fn key_text(k: serde_yaml::Value) -> Result<String, String> {
    use serde_yaml::Value as Y;
    match k {
        Y::String(s) => Ok(s),
        Y::Number(n) => Ok(n.to_string()),
        Y::Bool(b) => Ok(b.to_string()),
        Y::Null => Ok("null".into()),
        _ => Err("a field name must be text, not a list or mapping".into()),
    }
}

/// What a person typing Chinese most likely did when the parser fails: a full-width colon
/// after a field name, a tab or a full-width space as indentation, full-width brackets, a
/// field written twice, curly quotes around text with a colon. The parser reports these a
/// line late or in its own terms ("could not find expected ':'"); this names the character,
/// its line and column, and the fix.
fn typing_mistake(src: &str, parser_said: &YamlError) -> Option<YamlError> {
    if let Some(key) = parser_said.message.strip_prefix("duplicate entry with key ") {
        return duplicate_key(src, key.trim_matches('"'));
    }
    src.lines().enumerate().find_map(|(i, line)| {
        line_mistake(line).map(|(column, message)| YamlError { line: Some(i + 1), column: Some(column), message })
    })
}

fn line_mistake(line: &str) -> Option<(usize, String)> {
    let column_of = |byte: usize| line[..byte].chars().count() + 1;
    let indent_len = line.len() - line.trim_start_matches([' ', '\t', '\u{3000}']).len();
    if let Some(i) = line[..indent_len].find('\t') {
        return Some((
            column_of(i),
            "a tab indents this line; YAML indents with spaces only — replace the tab with spaces".into(),
        ));
    }
    if let Some(i) = line[..indent_len].find('\u{3000}') {
        return Some((
            column_of(i),
            "a full-width space （全角空格） indents this line — replace it with ordinary spaces".into(),
        ));
    }
    let body = line[indent_len..].strip_prefix("- ").unwrap_or(&line[indent_len..]);
    let body_start = line.len() - body.len();
    let key_len =
        body.find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))).unwrap_or(body.len());
    let after_key = body[key_len..].trim_start_matches(' ');
    if key_len > 0 && after_key.starts_with('：') {
        let key = &body[..key_len];
        let at = body_start + (body.len() - after_key.len());
        return Some((
            column_of(at),
            format!(
                "the full-width colon `：` after `{key}` is not a field separator — replace `{key}：` with `{key}: `"
            ),
        ));
    }
    let value = after_key.strip_prefix(':').map(|v| v.trim_start_matches(' '))?;
    let value_at = line.len() - value.len();
    if value.starts_with(['［', '【']) {
        return Some((
            column_of(value_at),
            "full-width brackets start this list — write it with `[` and `]`, items separated by `,`".into(),
        ));
    }
    if value.starts_with(['“', '‘']) && value.contains(": ") {
        return Some((
            column_of(value_at),
            "text in curly quotes “…” is not quoted for YAML, and its colon breaks the line — use straight quotes \"…\"".into(),
        ));
    }
    None
}

/// Both lines of a field written twice at the same indentation.
fn duplicate_key(src: &str, key: &str) -> Option<YamlError> {
    let mut lines = src.lines().enumerate().filter(|(_, l)| {
        let body = l.trim_start();
        body.strip_prefix(key).is_some_and(|rest| rest.trim_start_matches(' ').starts_with(':'))
    });
    let (first, first_line) = lines.next()?;
    let indent = first_line.len() - first_line.trim_start().len();
    let (second, _) = lines.find(|(_, l)| l.len() - l.trim_start().len() == indent)?;
    Some(YamlError {
        line: Some(second + 1),
        column: Some(indent + 1),
        // Lines here count from the YAML text, which a front matter starts inside its file, so
        // the first one is named by its distance.
        message: format!(
            "`{key}` is written twice: here and {} line{} above — keep one of them",
            second - first,
            if second - first == 1 { "" } else { "s" }
        ),
    })
}

/// A list written `[a， b]` parses, as one item holding a full-width comma: almost always a
/// slip of the input method. Warnings for the caller to report (line and column in `src`).
pub fn suspicious_lists(src: &str) -> Vec<YamlError> {
    let mut out = Vec::new();
    for (i, line) in src.lines().enumerate() {
        let Some(value_at) = line.find(": ").map(|at| at + 2) else { continue };
        let value = &line[value_at..];
        if value.trim_start().starts_with('[')
            && let Some(at) = value.find('，')
        {
            out.push(YamlError {
                line: Some(i + 1),
                column: Some(line[..value_at + at].chars().count() + 1),
                message:
                    "a full-width comma `，` inside a list joins two items into one — separate list items with `,`"
                        .into(),
            });
        }
    }
    out
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

    fn mistake(src: &str) -> (Option<usize>, Option<usize>, String) {
        let e = parse(src).unwrap_err();
        (e.line, e.column, e.message)
    }

    #[test]
    fn chinese_typing_mistakes_are_named_where_they_are() {
        let (line, col, msg) = mistake("title: 铜箔\nsummary：依托\ncode: X-1\n");
        assert_eq!((line, col), (Some(2), Some(8)), "{msg}");
        assert!(msg.contains("replace `summary：` with `summary: `"), "{msg}");
        let (line, col, msg) = mistake("title: a\n\tsummary: b\n");
        assert_eq!((line, col), (Some(2), Some(1)));
        assert!(msg.contains("tab"), "{msg}");
        let (line, _, msg) = mistake("title: a\ncontact:\n\u{3000}\u{3000}org: b\n");
        assert_eq!(line, Some(3));
        assert!(msg.contains("full-width space"), "{msg}");
        let (line, _, msg) = mistake("title: a\ntitle: b\n");
        assert_eq!(line, Some(2));
        assert!(msg.contains("`title` is written twice: here and 1 line above"), "{msg}");
        let (line, col, msg) = mistake("title: “铜箔: 一期”\n");
        assert_eq!((line, col), (Some(1), Some(8)));
        assert!(msg.contains("straight quotes"), "{msg}");
        let (line, _, msg) = mistake("a: 1\ntags: 【铜箔, 锂电】\nb: [\n");
        assert!(msg.contains("full-width brackets") && line == Some(2), "{msg}");
    }

    #[test]
    fn other_syntax_errors_keep_the_parsers_words() {
        let (_, _, msg) = mistake("title: [a, b\n");
        assert!(!msg.contains("full-width") && !msg.contains("tab"), "{msg}");
    }

    #[test]
    fn a_full_width_comma_in_a_list_is_suspicious() {
        let found = suspicious_lists("title: 甲，乙\ncategories: [land， tax]\n");
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].line, found[0].column), (Some(2), Some(18)));
    }

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
    fn special_floats_stay_visible() {
        let v = parse("a: .nan\nb: .inf\nc: -.inf\nd: [.NaN]\ne: 1.5\n").unwrap();
        assert_eq!(v["a"], ".nan");
        assert_eq!(v["b"], ".inf");
        assert_eq!(v["c"], "-.inf");
        assert_eq!(v["d"][0], ".nan");
        assert_eq!(v["e"], 1.5);
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
