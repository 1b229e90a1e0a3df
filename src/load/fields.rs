//! Typed reading of YAML fields (front matter, site.yaml, data files) with located errors.
//!
//! A [`Fields`] wraps one YAML mapping and the text it came from. Each getter converts a
//! field to its type (date, amount, id from a list…) and, when it cannot, records a
//! diagnostic naming the file, the line of the field and the form that is expected, then
//! returns `None` so that validation goes on and every mistake of a file is reported.

use serde_json::{Map, Value};

use super::yaml;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::units::{self, Amount, Area, Date, UnitPrice};

/// A text written once (`title: 白银`) or per language (`title: {zh: 白银, en: Baiyin}`).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
#[serde(untagged)]
pub enum LangText {
    #[default]
    None,
    One(String),
    Map(Vec<(String, String)>),
}

impl LangText {
    /// The text in `lang`, else in `default_lang`, else any text given.
    pub fn get(&self, lang: &str, default_lang: &str) -> Option<&str> {
        match self {
            LangText::None => None,
            LangText::One(s) => Some(s),
            LangText::Map(m) => m
                .iter()
                .find(|(l, _)| l == lang)
                .or_else(|| m.iter().find(|(l, _)| l == default_lang))
                .or_else(|| m.first())
                .map(|(_, s)| s.as_str()),
        }
    }

    /// The language of the text [`get`](Self::get) returns, where the author said it
    /// (a per-language map); `None` for a text written once.
    pub fn lang_shown(&self, lang: &str, default_lang: &str) -> Option<&str> {
        match self {
            LangText::Map(m) => m
                .iter()
                .find(|(l, _)| l == lang)
                .or_else(|| m.iter().find(|(l, _)| l == default_lang))
                .or_else(|| m.first())
                .map(|(l, _)| l.as_str()),
            _ => None,
        }
    }

    pub fn get_or_empty(&self, lang: &str, default_lang: &str) -> String {
        self.get(lang, default_lang).unwrap_or_default().to_string()
    }

    pub fn is_none(&self) -> bool {
        matches!(self, LangText::None)
    }

    /// Reads a generic value as a language map; `None` when it is neither a string nor a map
    /// of strings.
    pub fn from_value(v: &Value) -> Option<LangText> {
        match v {
            Value::Null => Some(LangText::None),
            Value::String(s) => Some(LangText::One(s.clone())),
            Value::Number(n) => Some(LangText::One(n.to_string())),
            Value::Object(m) => {
                let mut out = Vec::new();
                for (k, v) in m {
                    match v {
                        Value::String(s) => out.push((k.clone(), s.clone())),
                        Value::Number(n) => out.push((k.clone(), n.to_string())),
                        Value::Null => {}
                        _ => return None,
                    }
                }
                Some(LangText::Map(out))
            }
            _ => None,
        }
    }
}

/// One YAML mapping with what is needed to point at its fields.
pub struct Fields<'a> {
    /// The file, relative to the site root.
    pub file: &'a str,
    /// The YAML text the mapping was parsed from.
    pub yaml: &'a str,
    /// Lines before the YAML text in the file (1 for front matter after `---`).
    pub line_offset: usize,
    pub map: &'a Map<String, Value>,
    pub diags: &'a Diagnostics,
    /// Key path of this mapping inside the file, for nested mappings (`returns`).
    pub prefix: Vec<&'a str>,
}

impl<'a> Fields<'a> {
    pub fn new(
        file: &'a str,
        yaml: &'a str,
        line_offset: usize,
        map: &'a Map<String, Value>,
        diags: &'a Diagnostics,
    ) -> Self {
        Fields { file, yaml, line_offset, map, diags, prefix: Vec::new() }
    }

    /// A view on a nested mapping (`returns: {irr: …}`), reporting under `returns.irr`.
    pub fn nested(&self, key: &'a str) -> Option<Fields<'a>> {
        match self.map.get(key)? {
            Value::Object(m) => {
                let mut prefix = self.prefix.clone();
                prefix.push(key);
                Some(Fields { prefix, map: m, ..*self })
            }
            Value::Null => None,
            _ => {
                self.error(key, "must be a mapping of fields", None);
                None
            }
        }
    }

    pub fn has(&self, key: &str) -> bool {
        matches!(self.map.get(key), Some(v) if !v.is_null())
    }

    pub fn value(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    fn full_key(&self, key: &str) -> String {
        let mut parts: Vec<&str> = self.prefix.clone();
        parts.push(key);
        parts.join(".")
    }

    /// The file line of `key`, or of the mapping itself when the key is not written.
    pub fn line_of(&self, key: &str) -> usize {
        let mut path: Vec<&str> = self.prefix.clone();
        path.push(key);
        let within = yaml::key_line(self.yaml, &path)
            .or_else(|| if self.prefix.is_empty() { None } else { yaml::key_line(self.yaml, &self.prefix) })
            .unwrap_or(usize::from(self.line_offset > 0));
        if within == 0 { 0 } else { within + self.line_offset }
    }

    fn diagnostic(&self, d: Diagnostic, key: &str) -> Diagnostic {
        let line = self.line_of(key);
        let d = d.in_file(self.file).field(self.full_key(key));
        if line > 0 { d.at_line(line) } else { d }
    }

    pub fn error(&self, key: &str, message: impl Into<String>, help: Option<&str>) {
        let mut d = self.diagnostic(Diagnostic::error(message), key);
        if let Some(h) = help {
            d = d.help(h);
        }
        self.push_with_snippet(d);
    }

    pub fn warn(&self, key: &str, message: impl Into<String>, help: Option<&str>) {
        let mut d = self.diagnostic(Diagnostic::warning(message), key);
        if let Some(h) = help {
            d = d.help(h);
        }
        self.push_with_snippet(d);
    }

    fn push_with_snippet(&self, mut d: Diagnostic) {
        if let Some(line) = d.line {
            let within = line.saturating_sub(self.line_offset);
            if within >= 1 {
                d.snippet = self.yaml.lines().nth(within - 1).map(str::to_string);
            }
        }
        let key = d.field.as_deref().and_then(|f| f.rsplit('.').next());
        if let (Some(snippet), Some(key)) = (&d.snippet, key) {
            d.column = value_column(snippet, key);
        }
        self.diags.push(d);
    }

    fn missing(&self, key: &str, example: &str) {
        self.error(
            key,
            format!("required field `{}` is missing", self.full_key(key)),
            Some(&format!("add a line like `{key}: {example}`")),
        );
    }

    /// A scalar field as text (numbers are accepted and written as they read).
    pub fn text(&self, key: &str) -> Option<String> {
        match self.value(key)? {
            Value::String(s) => Some(s.trim().to_string()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => {
                self.error(key, "must be a single text value, not a list or mapping", None);
                None
            }
        }
    }

    pub fn required_text(&self, key: &str, example: &str) -> Option<String> {
        match self.text(key) {
            Some(s) if !s.is_empty() => Some(s),
            Some(_) => {
                self.error(
                    key,
                    format!("`{}` is empty", self.full_key(key)),
                    Some(&format!("write it like `{key}: {example}`")),
                );
                None
            }
            None => {
                if !self.has(key) {
                    self.missing(key, example);
                }
                None
            }
        }
    }

    pub fn lang_text(&self, key: &str) -> LangText {
        match self.map.get(key) {
            None => LangText::None,
            Some(v) => LangText::from_value(v).unwrap_or_else(|| {
                self.error(
                    key,
                    "must be a text or a map of languages like `{zh: 有色金属, en: Non-ferrous metals}`",
                    None,
                );
                LangText::None
            }),
        }
    }

    pub fn bool(&self, key: &str) -> bool {
        match self.value(key) {
            None => false,
            Some(Value::Bool(b)) => *b,
            Some(_) => {
                self.error(key, "must be true or false", None);
                false
            }
        }
    }

    pub fn date(&self, key: &str) -> Option<Date> {
        let s = self.text(key)?;
        Date::parse(&s).map_err(|e| self.error(key, e, Some("dates are written year-month-day, like 2026-09-01"))).ok()
    }

    pub fn required_date(&self, key: &str) -> Option<Date> {
        if !self.has(key) {
            self.missing(key, "2026-09-01");
            return None;
        }
        self.date(key)
    }

    pub fn amount(&self, key: &str) -> Option<Amount> {
        let s = self.text(key)?;
        units::parse_amount(&s).map_err(|e| self.error(key, e, None)).ok()
    }

    pub fn required_amount(&self, key: &str) -> Option<Amount> {
        if !self.has(key) {
            self.missing(key, "12.5亿元");
            return None;
        }
        self.amount(key)
    }

    pub fn area(&self, key: &str) -> Option<Area> {
        let s = self.text(key)?;
        units::parse_area(&s).map_err(|e| self.error(key, e, None)).ok()
    }

    pub fn unit_price(&self, key: &str) -> Option<UnitPrice> {
        let s = self.text(key)?;
        units::parse_unit_price(&s).map_err(|e| self.error(key, e, None)).ok()
    }

    pub fn percent(&self, key: &str) -> Option<rust_decimal::Decimal> {
        let s = self.text(key)?;
        units::parse_percent(&s).map_err(|e| self.error(key, e, None)).ok()
    }

    /// A percentage within `min..=max` percent (`irr: 14.5%`): beyond it the value is a typo
    /// or a wrong unit (an IRR of 1,000,000 %), reported rather than published.
    pub fn percent_in(&self, key: &str, min: i64, max: i64) -> Option<rust_decimal::Decimal> {
        let v = self.percent(key)?;
        if v < rust_decimal::Decimal::from(min) || v > rust_decimal::Decimal::from(max) {
            self.error(
                key,
                format!("{}% is outside the possible range {min}% to {max}%", v.normalize()),
                Some("check the number and the unit: percentages are written like `14.5%`"),
            );
            return None;
        }
        Some(v)
    }

    /// A non-negative number (`payback_years: 6.5`, `jobs: 800`), kept exact.
    pub fn number(&self, key: &str) -> Option<rust_decimal::Decimal> {
        self.number_at_most(key, rust_decimal::Decimal::MAX)
    }

    /// A non-negative number no larger than `max` (`payback_years` of 500 is a typo).
    pub fn number_at_most(&self, key: &str, max: rust_decimal::Decimal) -> Option<rust_decimal::Decimal> {
        let s = self.text(key)?;
        let example = Some(format!("write a plain number, like `{key}: 6.5`"));
        match s.replace(',', "").parse::<rust_decimal::Decimal>() {
            Ok(d) if d < rust_decimal::Decimal::ZERO => {
                self.error(key, format!("{s} is negative; `{}` cannot be", self.full_key(key)), example.as_deref());
                None
            }
            Ok(d) if d > max => {
                self.error(key, format!("{s} is more than {max}, which cannot be right"), example.as_deref());
                None
            }
            Ok(d) => Some(d.normalize()),
            Err(_) => {
                self.error(key, format!("\"{s}\" is not a number"), example.as_deref());
                None
            }
        }
    }

    /// An integer in `range` (`trl: 6`).
    pub fn integer_in(&self, key: &str, min: i64, max: i64) -> Option<i64> {
        let v = self.value(key)?;
        match v.as_i64() {
            Some(n) if (min..=max).contains(&n) => Some(n),
            _ => {
                self.error(key, format!("must be a whole number from {min} to {max}, found {}", compact(v)), None);
                None
            }
        }
    }

    /// A list of strings; a single string is taken as a list of one.
    pub fn list(&self, key: &str) -> Vec<String> {
        match self.value(key) {
            None => Vec::new(),
            Some(Value::String(s)) => vec![s.trim().to_string()],
            Some(Value::Array(items)) => {
                let mut out = Vec::new();
                for item in items {
                    match item {
                        Value::String(s) => out.push(s.trim().to_string()),
                        Value::Number(n) => out.push(n.to_string()),
                        other => self.error(key, format!("list items must be text, found {}", compact(other)), None),
                    }
                }
                out
            }
            Some(other) => {
                self.error(key, format!("must be a list like `[a, b]`, found {}", compact(other)), None);
                Vec::new()
            }
        }
    }

    /// One id from a fixed list of choices.
    pub fn choice(&self, key: &str, allowed: &[&str]) -> Option<String> {
        let s = self.text(key)?;
        if allowed.contains(&s.as_str()) {
            Some(s)
        } else {
            self.error(key, format!("unknown value \"{s}\""), Some(&format!("use one of: {}", allowed.join(", "))));
            None
        }
    }

    /// A list of ids from a fixed list of choices; unknown ones are reported and dropped.
    pub fn choices(&self, key: &str, allowed: &[&str]) -> Vec<String> {
        self.list(key)
            .into_iter()
            .filter(|s| {
                let ok = allowed.contains(&s.as_str());
                if !ok {
                    self.error(
                        key,
                        format!("unknown value \"{s}\""),
                        Some(&format!("use any of: {}", allowed.join(", "))),
                    );
                }
                ok
            })
            .collect()
    }

    /// `[longitude, latitude]` in WGS84 degrees.
    pub fn location(&self, key: &str) -> Option<(f64, f64)> {
        let v = self.value(key)?;
        let pair = v.as_array().filter(|a| a.len() == 2).and_then(|a| Some((a[0].as_f64()?, a[1].as_f64()?)));
        match pair {
            Some((lon, lat)) if (-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat) => Some((lon, lat)),
            Some((lon, lat))
                if (-90.0..=90.0).contains(&lon) && (-180.0..=180.0).contains(&lat) && lat.abs() > 90.0 =>
            {
                self.error(
                    key,
                    "longitude and latitude look swapped",
                    Some("write [longitude, latitude], e.g. [104.17, 36.55]"),
                );
                None
            }
            _ => {
                self.error(
                    key,
                    format!("must be [longitude, latitude], found {}", compact(v)),
                    Some("e.g. location: [104.17, 36.55]"),
                );
                None
            }
        }
    }

    /// Reports fields this kind of file does not know, with the closest known name.
    pub fn check_unknown(&self, known: &[&str]) {
        for key in self.map.keys() {
            if known.contains(&key.as_str()) {
                continue;
            }
            let help = closest(key, known).map(|k| format!("did you mean `{k}`?"));
            self.warn(
                key,
                format!("unknown field `{}` is ignored", self.full_key(key)),
                Some(help.as_deref().unwrap_or("check the spelling against the fields in docs/reference.md")),
            );
        }
    }
}

/// A short rendering of a value for messages.
/// The 1-based column (in characters) of the value on a `key: value` line, or of the key
/// when nothing follows it on the line; None when the line is not `key`'s.
fn value_column(line: &str, key: &str) -> Option<usize> {
    let indent = line.len() - line.trim_start().len();
    let rest = line[indent..].strip_prefix("- ").unwrap_or(&line[indent..]);
    let key_at = line.len() - rest.len();
    let after = rest.strip_prefix(key)?.strip_prefix(':')?;
    let value = after.trim_start();
    let at = if value.is_empty() || value.starts_with('#') { key_at } else { line.len() - value.len() };
    Some(line[..at].chars().count() + 1)
}

pub fn compact(v: &Value) -> String {
    let s = match v {
        Value::String(s) => format!("\"{s}\""),
        other => other.to_string(),
    };
    if s.chars().count() > 40 { format!("{}…", s.chars().take(40).collect::<String>()) } else { s }
}

/// The known name nearest to a misspelt one, if it is near enough to be a typo.
pub fn closest<'k>(word: &str, known: &[&'k str]) -> Option<&'k str> {
    known.iter().map(|k| (edit_distance(word, k), *k)).filter(|(d, k)| *d <= 2.max(k.len() / 4)).min().map(|(_, k)| k)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_column_of_a_fields_value() {
        assert_eq!(super::value_column("investment: 12.5", "investment"), Some(13));
        assert_eq!(super::value_column("  irr: 14%", "irr"), Some(8));
        assert_eq!(super::value_column("标题: x", "title"), None);
        assert_eq!(super::value_column("region: 白银区 # 注释", "region"), Some(9));
        assert_eq!(super::value_column("contact:", "contact"), Some(1));
    }

    use super::*;

    fn with_fields<R>(yaml_src: &str, f: impl FnOnce(&Fields) -> R) -> (R, Vec<Diagnostic>) {
        let v = yaml::parse(yaml_src).unwrap();
        let map = v.as_object().unwrap().clone();
        let diags = Diagnostics::new();
        let r = {
            let fields = Fields::new("content/a.zh.md", yaml_src, 1, &map, &diags);
            f(&fields)
        };
        (r, diags.into_vec())
    }

    #[test]
    fn lang_text_falls_back_to_default_language() {
        let t = LangText::Map(vec![("zh".into(), "有色".into()), ("en".into(), "Metals".into())]);
        assert_eq!(t.get("en", "zh"), Some("Metals"));
        assert_eq!(t.get("ru", "zh"), Some("有色"));
        assert_eq!(LangText::One("x".into()).get("en", "zh"), Some("x"));
    }

    #[test]
    fn bad_amount_points_at_its_line() {
        let (r, d) = with_fields("title: a\ninvestment: 12.5\n", |f| f.required_amount("investment"));
        assert!(r.is_none());
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].line, Some(3), "line in file counts the opening ---");
        assert_eq!(d[0].field.as_deref(), Some("investment"));
        assert_eq!(d[0].snippet.as_deref(), Some("investment: 12.5"));
    }

    #[test]
    fn missing_required_field_says_what_to_add() {
        let (_, d) = with_fields("title: a\n", |f| f.required_date("date"));
        assert!(d[0].message.contains("required field `date` is missing"));
        assert!(d[0].help.as_deref().unwrap().contains("date: 2026-09-01"));
    }

    #[test]
    fn unknown_choice_lists_allowed_values() {
        let (r, d) = with_fields("stage: planning\n", |f| f.choice("stage", &["proposal", "feasibility"]));
        assert!(r.is_none());
        assert!(d[0].help.as_deref().unwrap().contains("proposal, feasibility"));
    }

    #[test]
    fn unknown_field_suggests_the_nearest() {
        let (_, d) = with_fields("investmnet: 1亿元\n", |f| f.check_unknown(&["investment", "title"]));
        assert!(d[0].help.as_deref().unwrap().contains("`investment`"));
        assert!(!d[0].is_error());
    }

    #[test]
    fn nested_fields_report_full_key_and_line() {
        let src = "title: a\nreturns:\n  irr: lots\n";
        let (_, d) = with_fields(src, |f| {
            let r = f.nested("returns").unwrap();
            r.percent("irr")
        });
        assert_eq!(d[0].field.as_deref(), Some("returns.irr"));
        assert_eq!(d[0].line, Some(4));
    }

    #[test]
    fn special_floats_and_absurd_values_are_reported_at_their_field() {
        let src = "irr: .nan\njobs: -.inf\npct: 1000000%\nyears: 500\nneg: -3\n";
        let (r, d) = with_fields(src, |f| {
            (
                f.percent("irr"),
                f.number("jobs"),
                f.percent_in("pct", -100, 1000),
                f.number_at_most("years", 100.into()),
                f.number("neg"),
            )
        });
        assert_eq!(r, (None, None, None, None, None));
        let fields: Vec<_> = d.iter().map(|d| (d.field.as_deref().unwrap(), d.line.unwrap())).collect();
        assert_eq!(fields, [("irr", 2), ("jobs", 3), ("pct", 4), ("years", 5), ("neg", 6)]);
        assert!(d[0].message.contains(".nan"), "{}", d[0].message);
        assert!(d[2].message.contains("1000000%"), "{}", d[2].message);
        assert!(d[4].message.contains("negative"), "{}", d[4].message);
    }

    #[test]
    fn swapped_coordinates_are_explained() {
        let (_, d) = with_fields("location: [36.55, 104.17]\n", |f| f.location("location"));
        assert!(d[0].message.contains("swapped"));
    }
}
