//! Stage 1, load: reads a site folder from disk into memory.
//!
//! Consumes the site root; produces a [`Loaded`] site: the settings, every content file
//! split into front matter and body with its language and page key, the data files, and
//! the lists of static files and page-bundle assets. Nothing is interpreted yet beyond what
//! the file names say. Files are read as people save them (BOM, CRLF); text that is not
//! UTF-8 is refused with a message saying how to re-save it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde_json::{Map, Value};

use crate::diagnostics::{Diagnostic, Diagnostics, display_path};
use config::Config;

pub(crate) mod guard;
mod text;

pub mod config;
pub mod fields;
pub mod gov_settings;
pub mod staff_settings;
pub mod theme;
pub mod yaml;

pub use guard::{
    Entry, FILE_LIMIT, Found, Guard, Kind, OUTLINE_LIMIT, Refusal, TEXT_LIMIT, check_entry, is_hidden_or_temp,
    read_limited, walk,
};
pub use text::{TextError, decode_text, read_text, read_text_limited};

pub const CONTENT_DIR: &str = "content";
pub const DATA_DIR: &str = "data";
pub const STATIC_DIR: &str = "static";
pub const THEMES_DIR: &str = "themes";

/// One Markdown file of `content/`.
#[derive(Debug, Clone)]
pub struct ContentFile {
    /// Path relative to the site root, `/`-separated: `content/projects/a.zh.md`.
    pub rel: String,
    /// The page this file is a translation of: `projects/a` (bundles: the folder),
    /// `projects` for `projects/_index.zh.md`, `` for the home page.
    pub key: String,
    /// `_index.<lang>.md`: a section's own text.
    pub is_index: bool,
    /// `index.<lang>.md` in a folder of its own (a page bundle).
    pub is_bundle: bool,
    pub lang: String,
    /// File stem or bundle folder name (`a`), the slug's first candidate.
    pub stem: String,
    /// The folder of the page inside content/: `projects`, `environment/parks`.
    pub dir: String,
    pub front: Map<String, Value>,
    /// The front matter's YAML text and the number of file lines before it.
    pub fm_text: String,
    pub fm_offset: usize,
    pub body: String,
    /// File line on which the body starts (1-based).
    pub body_line: usize,
}

impl ContentFile {
    /// The file's text for quoting a line in a message: its front matter and body between
    /// the delimiter lines. The text as read is not kept (at 20,000 items it was a third of
    /// the loaded site); every line but the two delimiters is as written.
    pub fn source(&self) -> String {
        format!("---\n{}---\n{}", self.fm_text, self.body)
    }
}

/// A file that belongs to a page bundle (images, attachments).
#[derive(Debug, Clone)]
pub struct BundleAsset {
    pub src: PathBuf,
    /// The bundle's page key.
    pub key: String,
    /// Path inside the bundle folder: `site.jpg`, `docs/original.pdf`.
    pub name: String,
}

#[derive(Debug, Clone)]
pub struct DataFile {
    pub rel: String,
    pub text: String,
    pub value: Value,
}

#[derive(Debug)]
pub struct Loaded {
    pub root: PathBuf,
    pub config: Config,
    pub files: Vec<ContentFile>,
    pub assets: Vec<BundleAsset>,
    pub data: BTreeMap<String, DataFile>,
    /// Files under the site's static/: (source, path relative to static/).
    pub static_files: Vec<(PathBuf, String)>,
    /// Content files that could not be read (encoding, front matter), as (page key, language):
    /// their errors are reported; resolve must not blame their siblings for what they lack.
    pub broken: Vec<(String, String)>,
}

/// Loads everything under `root`. Returns `None` only when the settings cannot be read;
/// problems in single files are recorded and the file is left out.
pub fn load_site(root: &Path, diags: &Diagnostics) -> Option<Loaded> {
    let config = config::load(root, diags)?;
    if !root.join(CONTENT_DIR).is_dir() {
        // Without content the site would be a near-empty shell swapped over the published one.
        diags.push(
            Diagnostic::error(format!("no {CONTENT_DIR}/ folder in {}", root.display()))
                .help("run the command in the site's folder or pass --root DIR; the pages live in content/"),
        );
        return None;
    }
    let guard = Guard::new(root);
    let (md_paths, assets) = walk_content(&guard, diags);
    let broken = std::sync::Mutex::new(Vec::new());
    let files: Vec<ContentFile> =
        md_paths.par_iter().filter_map(|p| load_content_file(&guard, p, &config, diags, &broken)).collect();
    let mut broken = broken.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    broken.sort();
    let data = load_data(&guard, diags);
    let static_files = list_files(&guard, &root.join(STATIC_DIR), diags);
    check_font(&guard, &config, diags);
    Some(Loaded { root: root.to_path_buf(), config, files, assets, data, static_files, broken })
}

/// Markdown files of content/ in a stable order, and the assets of page bundles.
fn walk_content(guard: &Guard, diags: &Diagnostics) -> (Vec<PathBuf>, Vec<BundleAsset>) {
    let root = guard.root();
    let content = root.join(CONTENT_DIR);
    let limit = |rel: &str| Some(if rel.ends_with(".md") { TEXT_LIMIT } else { FILE_LIMIT });
    let mut md = Vec::new();
    let mut others = Vec::new();
    for found in guard::walk(guard, &content, &limit, diags) {
        if found.path.extension().is_some_and(|e| e == "md") {
            md.push(found.path);
        } else {
            others.push(found);
        }
    }
    let bundle_dirs: Vec<PathBuf> =
        md.iter().filter(|p| file_stem_base(p) == "index").filter_map(|p| p.parent().map(Path::to_path_buf)).collect();
    let mut assets = Vec::new();
    for found in others {
        let path = &found.path;
        let bundle = bundle_dirs.iter().filter(|d| path.starts_with(d)).max_by_key(|d| d.components().count());
        match bundle {
            Some(dir) => {
                let key = rel_slash(dir, &content);
                let name = rel_slash(path, dir);
                assets.push(BundleAsset { src: found.real, key, name });
            }
            None => diags.push(
                Diagnostic::warning("this file is not part of a page bundle and is not published")
                    .in_file(rel_slash(path, root))
                    .help(
                        "put images and attachments under static/, or in a page's own folder next to its index.zh.md",
                    ),
            ),
        }
    }
    (md, assets)
}

fn rel_slash(path: &Path, base: &Path) -> String {
    display_path(path.strip_prefix(base).unwrap_or(path))
}

/// `a.zh.md` → `a`, `index.en.md` → `index`, `_index.md` → `_index`.
fn file_stem_base(path: &Path) -> String {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let name = name.strip_suffix(".md").unwrap_or(&name);
    match name.rsplit_once('.') {
        Some((base, _)) => base.to_string(),
        None => name.to_string(),
    }
}

/// Splits `name.lang.md` into the name and the language, checking the language is the site's.
fn name_and_lang(file_name: &str, config: &Config) -> Result<(String, String), String> {
    let name = file_name.strip_suffix(".md").unwrap_or(file_name);
    if let Some((base, suffix)) = name.rsplit_once('.') {
        if config.languages.iter().any(|l| l == suffix) {
            return Ok((base.to_string(), suffix.to_string()));
        }
        let looks_like_lang = (2..=3).contains(&suffix.len()) && suffix.chars().all(|c| c.is_ascii_lowercase());
        if looks_like_lang {
            return Err(format!(
                "the file name says language \"{suffix}\", but site.yaml's languages are [{}]",
                config.languages.join(", ")
            ));
        }
    }
    Ok((name.to_string(), config.default_lang().to_string()))
}

fn load_content_file(
    guard: &Guard,
    path: &Path,
    config: &Config,
    diags: &Diagnostics,
    broken: &std::sync::Mutex<Vec<(String, String)>>,
) -> Option<ContentFile> {
    let root = guard.root();
    let rel = rel_slash(path, root);
    let file_name = path.file_name()?.to_string_lossy().into_owned();
    let (name, lang) = match name_and_lang(&file_name, config) {
        Ok(x) => x,
        Err(msg) => {
            diags.push(Diagnostic::error(msg).in_file(&rel).help(
                "name translations like projects/a.zh.md and projects/a.en.md, or add the language to site.yaml",
            ));
            return None;
        }
    };
    let content_root = root.join(CONTENT_DIR);
    let dir_path = path.parent().unwrap_or(&content_root);
    let folder = rel_slash(dir_path, &content_root);
    let (key, dir, stem, is_index, is_bundle) = match name.as_str() {
        "_index" => (folder.clone(), parent_of(&folder), last_segment(&folder), true, false),
        "index" if !folder.is_empty() => (folder.clone(), parent_of(&folder), last_segment(&folder), false, true),
        _ => (join_key(&folder, &name), folder.clone(), name.clone(), false, false),
    };
    let unusable = || {
        if let Ok(mut b) = broken.lock() {
            b.push((key.clone(), lang.clone()));
        }
    };
    let Some(source) = read_text_limited(guard, &rel, TEXT_LIMIT, diags) else {
        unusable();
        return None;
    };
    let (fm_text, body, fm_offset, body_line) = match split_front_matter(&source) {
        Ok(parts) => parts,
        Err((msg, help)) => {
            diags.push(Diagnostic::error(msg).in_file(&rel).at_line(1).with_source(&source).help(help));
            unusable();
            return None;
        }
    };
    let front = match yaml::parse(&fm_text) {
        Ok(Value::Object(m)) => {
            if refuse_escaped_nul(&rel, &fm_text, fm_offset, &Value::Object(m.clone()), diags) {
                unusable();
                return None;
            }
            for w in yaml::suspicious_lists(&fm_text) {
                let line = w.line.unwrap_or(1) + fm_offset;
                let d = Diagnostic::warning(format!("{} (column {})", w.message, w.column.unwrap_or(1)));
                diags.push(d.in_file(&rel).at_line(line).at_column(w.column.unwrap_or(1)).with_source(&source));
            }
            m
        }
        Ok(_) => {
            diags.push(
                Diagnostic::error("the front matter must be fields like `title: …`, one per line")
                    .in_file(&rel)
                    .at_line(2),
            );
            unusable();
            return None;
        }
        Err(e) => {
            let column = e.column.map(|c| format!(" (column {c})")).unwrap_or_default();
            let mut d =
                Diagnostic::error(format!("YAML syntax in the front matter: {}{column}", e.message)).in_file(&rel);
            if let Some(l) = e.line {
                d = d.at_line(l + fm_offset).with_source(&source);
            }
            if let Some(c) = e.column.filter(|_| e.line.is_some()) {
                d = d.at_column(c);
            }
            diags.push(d.help("check indentation (spaces, not tabs), colons after field names, and that every `[` and `{` is closed; put text with a colon in quotes"));
            unusable();
            return None;
        }
    };
    Some(ContentFile { rel, key, is_index, is_bundle, lang, stem, dir, front, fm_text, fm_offset, body, body_line })
}

fn join_key(folder: &str, name: &str) -> String {
    if folder.is_empty() { name.to_string() } else { format!("{folder}/{name}") }
}

fn parent_of(key: &str) -> String {
    key.rsplit_once('/').map(|(p, _)| p.to_string()).unwrap_or_default()
}

fn last_segment(key: &str) -> String {
    key.rsplit_once('/').map(|(_, l)| l.to_string()).unwrap_or_else(|| key.to_string())
}

type Split = (String, String, usize, usize);

/// Splits `---\nfields\n---\nbody`. Returns the YAML, the body, the number of lines before
/// the YAML (1), and the line the body starts on.
pub fn split_front_matter(source: &str) -> Result<Split, (String, String)> {
    let first = source.lines().next().unwrap_or("");
    if first.trim_end() == "+++" {
        return Err((
            "front matter in TOML (+++) is not supported".into(),
            "write the fields as YAML between two lines of ---".into(),
        ));
    }
    if first.trim_end() != "---" {
        return Err((
            "the file does not start with front matter".into(),
            "begin the file with a line ---, the fields (title: …), and another line ---, then the text".into(),
        ));
    }
    let mut offset = first.len() + 1;
    for (i, line) in source.lines().enumerate().skip(1) {
        if line.trim_end() == "---" || line.trim_end() == "..." {
            let yaml_text = &source[first.len() + 1..offset.min(source.len())];
            let body_start = (offset + line.len() + 1).min(source.len());
            return Ok((yaml_text.to_string(), source[body_start..].to_string(), 1, i + 2));
        }
        offset += line.len() + 1;
    }
    Err(("the front matter is not closed".into(), "add a line with only --- after the last field".into()))
}

fn load_data(guard: &Guard, diags: &Diagnostics) -> BTreeMap<String, DataFile> {
    let dir = guard.root().join(DATA_DIR);
    let is_yaml = |rel: &str| rel.ends_with(".yaml") || rel.ends_with(".yml");
    // Other files of data/ (outlines, spreadsheets) are read only when site.yaml names them.
    let limit = |rel: &str| is_yaml(rel).then_some(TEXT_LIMIT);
    let mut out = BTreeMap::new();
    for found in guard::walk(guard, &dir, &limit, diags) {
        let rel_in_data = found.rel;
        if !is_yaml(&rel_in_data) {
            continue;
        }
        let rel = format!("{DATA_DIR}/{rel_in_data}");
        let Some(text) = read_text_limited(guard, &rel, TEXT_LIMIT, diags) else { continue };
        let stem = rel_in_data.trim_end_matches(".yaml").trim_end_matches(".yml").replace('/', "_");
        match yaml::parse(&text) {
            Ok(value) => {
                if refuse_escaped_nul(&rel, &text, 0, &value, diags) {
                    continue;
                }
                out.insert(stem, DataFile { rel, text, value });
            }
            Err(e) => {
                let mut d = Diagnostic::error(format!("YAML syntax: {}", e.message)).in_file(&rel);
                if let Some(l) = e.line {
                    d = d.at_line(l).with_source(&text);
                    if let Some(c) = e.column {
                        d = d.at_column(c);
                    }
                }
                diags.push(d.help("check indentation (spaces, not tabs) and that every `[` and `{` is closed"));
            }
        }
    }
    out
}

/// YAML can write a NUL character as an escape (`"\\0"`, `"\\x00"`); like a NUL in the text,
/// it must not reach a page. Reports it at its field's line; true when there is one.
fn refuse_escaped_nul(rel: &str, yaml_text: &str, offset: usize, value: &Value, diags: &Diagnostics) -> bool {
    let Some(path) = nul_path(value) else { return false };
    let keys: Vec<&str> = path.iter().map(String::as_str).collect();
    let mut d =
        Diagnostic::error("the value contains a NUL character (U+0000), which cannot be published").in_file(rel);
    if !keys.is_empty() {
        d = d.field(keys.join("."));
    }
    if let Some(line) = (1..=keys.len()).rev().find_map(|n| yaml::key_line(yaml_text, &keys[..n])) {
        d = d.at_line(line + offset);
    }
    diags.push(d.help("remove the escape `\\0` (or `\\x00`, `\\u0000`) from the quoted text"));
    true
}

/// The keys leading to the first text with a NUL character (lists count as their key).
fn nul_path(value: &Value) -> Option<Vec<String>> {
    match value {
        Value::String(s) => s.contains('\0').then(Vec::new),
        Value::Array(items) => items.iter().find_map(nul_path),
        Value::Object(m) => m.iter().find_map(|(k, v)| {
            if k.contains('\0') {
                return Some(Vec::new());
            }
            nul_path(v).map(|mut p| {
                p.insert(0, k.clone());
                p
            })
        }),
        _ => None,
    }
}

/// Every file under `dir` that may be published as it is (static files, a theme's files),
/// with its `/`-separated path inside `dir`: the file to copy, and that path.
pub fn list_files(guard: &Guard, dir: &Path, diags: &Diagnostics) -> Vec<(PathBuf, String)> {
    guard::walk(guard, dir, &|_| Some(FILE_LIMIT), diags).into_iter().map(|f| (f.real, f.rel)).collect()
}

/// A font named in site.yaml (`share.font`) is read like every other file of the site; the
/// fonts the tool finds on the system when none is named are its own business.
fn check_font(guard: &Guard, config: &Config, diags: &Diagnostics) {
    let Some(font) = &config.share.font else { return };
    match guard.check_file(&guard.root().join(font), FILE_LIMIT) {
        // A missing font is a warning when posters are drawn (see `render::share`).
        Ok(_) | Err(Refusal::Missing) => {}
        Err(r) => {
            let mut d = r.diagnostic(config::CONFIG_FILE).field("share.font");
            d.message = format!("{font}: {}", d.message);
            if let Some(line) = config.share.font_line.filter(|l| *l > 0) {
                d = d.at_line(line);
            }
            diags.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_bom_and_crlf() {
        let s = decode_text(b"\xEF\xBB\xBF---\r\ntitle: a\r\n---\r\nbody\r\n").unwrap();
        assert_eq!(s, "---\ntitle: a\n---\nbody\n");
    }

    #[test]
    fn refuses_gbk_with_the_line() {
        // "标题" in GBK is B1 EA CC E2.
        let e = decode_text(b"---\ntitle: \xB1\xEA\xCC\xE2\n---\n").unwrap_err();
        assert!(e.message.contains("GBK"), "{}", e.message);
        assert_eq!(e.line, Some(2));
    }

    #[test]
    fn refuses_utf16() {
        assert!(decode_text(b"\xFF\xFE-\x00").unwrap_err().message.contains("UTF-16"));
    }

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        text.encode_utf16().flat_map(|u| if big_endian { u.to_be_bytes() } else { u.to_le_bytes() }).collect()
    }

    #[test]
    fn utf16_without_a_bom_is_called_utf16_not_gbk() {
        let text = "---\ntitle: 白银市招商引资优惠政策\n---\n正文";
        let le = decode_text(&utf16(text, false)).unwrap_err();
        assert!(le.message.contains("UTF-16 (little-endian"), "{}", le.message);
        assert!(!le.message.contains("GBK"));
        let be = decode_text(&utf16(text, true)).unwrap_err();
        assert!(be.message.contains("UTF-16 (big-endian"), "{}", be.message);
    }

    #[test]
    fn chinese_utf8_and_gbk_are_not_taken_for_utf16() {
        assert!(decode_text("---\ntitle: 白银\n---\n".as_bytes()).is_ok());
        let gbk = decode_text(b"---\ntitle: \xB1\xEA\xCC\xE2\xB1\xEA\xCC\xE2\n---\n").unwrap_err();
        assert!(gbk.message.contains("GBK"));
    }

    #[test]
    fn a_nul_character_is_refused_at_its_line() {
        let e = decode_text(b"---\ntitle: a\n---\n\nbody \x00 here\n").unwrap_err();
        assert!(e.message.contains("NUL"), "{}", e.message);
        assert_eq!(e.line, Some(5));
    }

    #[test]
    fn an_escaped_nul_in_yaml_names_its_field() {
        let yaml_text = "title: ok\ncontact:\n  org: \"a\\0b\"\n";
        let value = yaml::parse(yaml_text).unwrap();
        let diags = Diagnostics::new();
        assert!(refuse_escaped_nul("content/a.md", yaml_text, 1, &value, &diags));
        let d = &diags.sorted()[0];
        assert_eq!(d.field.as_deref(), Some("contact.org"));
        assert_eq!(d.line, Some(4));
        let clean = yaml::parse("title: ok\n").unwrap();
        assert!(!refuse_escaped_nul("content/a.md", "title: ok\n", 1, &clean, &diags));
    }

    #[test]
    fn splits_front_matter_with_lines() {
        let (fm, body, off, body_line) = split_front_matter("---\ntitle: a\ndate: x\n---\n# H\n").unwrap();
        assert_eq!(fm, "title: a\ndate: x\n");
        assert_eq!(body, "# H\n");
        assert_eq!(off, 1);
        assert_eq!(body_line, 5);
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        assert!(split_front_matter("---\ntitle: a\n").unwrap_err().0.contains("not closed"));
        assert!(split_front_matter("title: a\n").unwrap_err().0.contains("does not start"));
    }

    #[test]
    fn empty_body_is_fine() {
        let (_, body, _, _) = split_front_matter("---\ntitle: a\n---").unwrap();
        assert_eq!(body, "");
    }
}
