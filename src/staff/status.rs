//! `investsite status`: which pages are translated into each language, which are missing,
//! and which are stale — the original changed after the translation was made. A
//! translation records what it was made from as `translated_from: <hash>` (a hash of the
//! original's translatable text), written by `--mark-translated`; sections whose newest
//! page is older than `status: {stale_after_days}` are listed too.
//! `--mark-translated` edits only that one line of the translation's front matter.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde_json::Value;

use crate::load::ContentFile;
use crate::units::Date;

pub const FIELD: &str = "translated_from";

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    /// Made from the original as it is now.
    Translated,
    /// The original changed since the translation was marked.
    Stale,
    /// There is a translation, but nothing says what it was made from.
    Unmarked,
    Missing,
}

impl State {
    pub fn id(self) -> &'static str {
        match self {
            State::Translated => "translated",
            State::Stale => "stale",
            State::Unmarked => "unmarked",
            State::Missing => "missing",
        }
    }
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Entry {
    /// `projects/copper-foil`.
    pub key: String,
    pub original: String,
    /// The translation's file, or the file to create.
    pub translation: String,
    pub state: State,
}

/// A section (content folder) per language: its pages by state.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct SectionStatus {
    pub section: String,
    pub entries: Vec<Entry>,
}

impl SectionStatus {
    pub fn count(&self, s: State) -> usize {
        self.entries.iter().filter(|e| e.state == s).count()
    }
}

/// A section whose newest dated page is older than the limit.
#[derive(Debug, Clone, serde::Serialize)]
pub struct QuietSection {
    pub section: String,
    pub newest: String,
    pub days: i64,
}

#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Report {
    /// Language → its sections, in folder order. The default language is not listed.
    pub languages: Vec<(String, Vec<SectionStatus>)>,
    pub quiet_sections: Vec<QuietSection>,
    pub stale_after_days: u32,
}

impl Report {
    pub fn count(&self, s: State) -> usize {
        self.languages.iter().flat_map(|(_, secs)| secs).map(|sec| sec.count(s)).sum()
    }
}

/// The status of every page of `files` in every language after the first.
pub fn report(files: &[ContentFile], languages: &[String], today: Date, stale_after_days: u32) -> Report {
    let Some(default_lang) = languages.first() else { return Report::default() };
    let originals: Vec<&ContentFile> = files.iter().filter(|f| &f.lang == default_lang && !is_draft(f)).collect();
    let mut out = Report { stale_after_days, ..Report::default() };
    let by_key = by_key_and_lang(files);
    for lang in languages.iter().skip(1) {
        let mut sections: BTreeMap<String, SectionStatus> = BTreeMap::new();
        for original in &originals {
            let translation = by_key.get(&(original.key.as_str(), lang.as_str())).copied();
            let state = state_of(original, translation);
            let rel =
                translation.map_or_else(|| translation_path(&original.rel, default_lang, lang), |t| t.rel.clone());
            let section = section_of(original);
            let entry = Entry { key: original.key.clone(), original: original.rel.clone(), translation: rel, state };
            sections
                .entry(section.clone())
                .or_insert_with(|| SectionStatus { section, entries: Vec::new() })
                .entries
                .push(entry);
        }
        let mut list: Vec<SectionStatus> = sections.into_values().collect();
        for s in &mut list {
            s.entries.sort_by(|a, b| (a.state, &a.key).cmp(&(b.state, &b.key)));
        }
        out.languages.push((lang.clone(), list));
    }
    out.quiet_sections = quiet_sections(&originals, today, stale_after_days);
    out
}

/// The first file of each page key and language: looked up once per file, so that the
/// report costs the same per file for 100 files and for 40,000.
fn by_key_and_lang(files: &[ContentFile]) -> HashMap<(&str, &str), &ContentFile> {
    let mut out = HashMap::with_capacity(files.len());
    for f in files {
        out.entry((f.key.as_str(), f.lang.as_str())).or_insert(f);
    }
    out
}

fn is_draft(f: &ContentFile) -> bool {
    f.front.get("draft").and_then(Value::as_bool).unwrap_or(false)
}

fn section_of(f: &ContentFile) -> String {
    if f.is_index { f.key.clone() } else { f.dir.clone() }
}

fn state_of(original: &ContentFile, translation: Option<&ContentFile>) -> State {
    let Some(t) = translation else { return State::Missing };
    match t.front.get(FIELD).and_then(recorded) {
        None => State::Unmarked,
        Some(h) if h == source_hash(original) => State::Translated,
        Some(_) => State::Stale,
    }
}

fn recorded(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The translations that are stale, for the build to report: (translation file, original file).
pub fn stale(files: &[ContentFile], default_lang: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let by_key = by_key_and_lang(files);
    for t in files.iter().filter(|f| f.lang != default_lang && f.front.contains_key(FIELD)) {
        let Some(original) = by_key.get(&(t.key.as_str(), default_lang)).copied() else { continue };
        if !is_draft(original) && state_of(original, Some(t)) == State::Stale {
            out.push((t.rel.clone(), original.rel.clone()));
        }
    }
    out
}

/// A hash of what a translator translates: the body and the text fields of the original.
/// Numbers, dates and ids are written once and do not make a translation stale.
pub fn source_hash(original: &ContentFile) -> String {
    let mut text = String::new();
    let translatable = translatable_of(&original.dir);
    for (k, v) in &original.front {
        let is_text = match translatable {
            Some(t) => t.contains(&k.as_str()),
            None => !crate::resolve::PLAIN_NEUTRAL_FIELDS.contains(&k.as_str()),
        };
        if is_text && k != "draft" {
            text.push_str(k);
            text.push('\u{1f}');
            text.push_str(&v.to_string());
            text.push('\u{1e}');
        }
    }
    text.push_str(original.body.trim());
    format!("{:016x}", fnv1a(text.as_bytes()))
}

fn translatable_of(dir: &str) -> Option<&'static [&'static str]> {
    match dir {
        "projects" => Some(crate::domain::projects::TRANSLATABLE),
        "policies" => Some(crate::domain::policies::TRANSLATABLE),
        "results" => Some(crate::domain::results::TRANSLATABLE),
        "environment/parks" => Some(crate::domain::environment::PARK_TRANSLATABLE),
        _ => None,
    }
}

/// FNV-1a: stable across versions and platforms, unlike the standard library's hasher, so
/// a recorded hash stays valid.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn translation_path(rel: &str, from: &str, to: &str) -> String {
    let stem = rel.strip_suffix(".md").unwrap_or(rel);
    let stem = stem.strip_suffix(&format!(".{from}")).unwrap_or(stem);
    format!("{stem}.{to}.md")
}

const DATE_FIELDS: &[&str] = &["date", "published", "registered"];

fn quiet_sections(originals: &[&ContentFile], today: Date, limit: u32) -> Vec<QuietSection> {
    let mut newest: BTreeMap<String, Date> = BTreeMap::new();
    for f in originals.iter().filter(|f| !f.is_index) {
        let date = DATE_FIELDS
            .iter()
            .filter_map(|k| f.front.get(*k).and_then(Value::as_str))
            .filter_map(|s| Date::parse(s).ok())
            .max();
        if let Some(d) = date {
            let slot = newest.entry(f.dir.clone()).or_insert(d);
            *slot = (*slot).max(d);
        }
    }
    newest
        .into_iter()
        .map(|(section, d)| QuietSection {
            section,
            newest: d.iso(),
            days: today.days_since_epoch() - d.days_since_epoch(),
        })
        .filter(|q| q.days > i64::from(limit))
        .collect()
}

/// Records in the translation `rel` that it was made from its original as it is now:
/// replaces its `translated_from:` line or adds one before the closing `---`.
pub fn mark_translated(root: &Path, files: &[ContentFile], default_lang: &str, rel: &str) -> Result<String, String> {
    let t = files.iter().find(|f| f.rel == rel).ok_or_else(|| format!("{rel} is not a content file of the site"))?;
    if t.lang == default_lang {
        return Err(format!(
            "{rel} is the original; mark the translation (e.g. {})",
            translation_path(rel, default_lang, "en")
        ));
    }
    let original = files
        .iter()
        .find(|f| f.key == t.key && f.lang == default_lang)
        .ok_or_else(|| format!("{rel} has no original in {default_lang}"))?;
    let hash = source_hash(original);
    let path = root.join(rel);
    // The file as saved (byte-order mark, CRLF line ends), so only the one line changes.
    let entry = crate::load::check_entry(root, &path).map_err(|d| d.to_string())?;
    let bytes =
        crate::load::read_limited(&entry, crate::load::TEXT_LIMIT).map_err(|e| e.diagnostic(rel).to_string())?;
    let (bom, body) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (true, rest),
        None => (false, bytes.as_slice()),
    };
    let source = std::str::from_utf8(body).map_err(|_| format!("{rel} is not UTF-8 text"))?;
    let newline = if source.contains("\r\n") { "\r\n" } else { "\n" };
    let text = with_line(source, &format!("{FIELD}: {hash}"), newline)
        .ok_or_else(|| format!("{rel} has no front matter between two lines of ---"))?;
    let out = if bom { format!("\u{feff}{text}") } else { text };
    std::fs::write(&path, out).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(hash)
}

/// The file with `line` in place of its `translated_from:` line, or added at the end of the
/// front matter; every other line as it was.
fn with_line(source: &str, line: &str, newline: &str) -> Option<String> {
    let mut out = String::with_capacity(source.len() + line.len() + 1);
    let mut in_front = false;
    let mut done = false;
    for (i, l) in source.split_inclusive('\n').enumerate() {
        let bare = l.trim_end();
        if i == 0 {
            if bare != "---" {
                return None;
            }
            in_front = true;
        } else if in_front && !done && bare.starts_with(&format!("{FIELD}:")) {
            out.push_str(line);
            out.push_str(newline);
            done = true;
            continue;
        } else if in_front && bare == "---" {
            if !done {
                out.push_str(line);
                out.push_str(newline);
                done = true;
            }
            in_front = false;
        }
        out.push_str(l);
    }
    done.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marking_changes_only_its_own_line() {
        let src = "---\ntitle: A # note\ntranslated_from: old\n---\nbody ---\n";
        let new = with_line(src, "translated_from: new", "\n").unwrap();
        assert_eq!(new, "---\ntitle: A # note\ntranslated_from: new\n---\nbody ---\n");
        let src = "---\r\ntitle: A\r\n---\r\n\r\nbody\r\n";
        let added = with_line(src, "translated_from: h", "\r\n").unwrap();
        assert_eq!(added, "---\r\ntitle: A\r\ntranslated_from: h\r\n---\r\n\r\nbody\r\n");
        assert_eq!(with_line("no front matter", "x: y", "\n"), None);
    }
}
