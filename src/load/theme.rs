//! Themes: templates (Tera), static files and UI strings (`i18n/<lang>.yaml`).
//!
//! The default theme is built into the binary, so a site without a `themes/` folder builds.
//! A site's own `themes/<name>/` overrides it file by file: a template, a static file, or
//! single UI strings.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use super::config::{Config, DEFAULT_THEME as DEFAULT};
use super::yaml;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{self, Guard, THEMES_DIR};

static BUILT_IN_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Where a theme file comes from: built in, or the site's own folder.
#[derive(Debug, Clone)]
pub enum Source {
    Embedded(&'static [u8]),
    Disk(PathBuf),
}

#[derive(Debug, Clone)]
pub struct Template {
    /// Name used in `{% extends %}`/`{% include %}`: `base.html`, `partials/card.html`.
    pub name: String,
    pub text: String,
    /// For messages: `themes/default/templates/base.html` or `(built-in) templates/base.html`.
    pub origin: String,
}

/// UI strings by language, then by key.
pub type I18n = BTreeMap<String, BTreeMap<String, String>>;

#[derive(Debug, Default)]
pub struct Theme {
    pub templates: Vec<Template>,
    /// UI strings by language, already merged (site over built-in, then fallbacks).
    pub i18n: I18n,
    /// Static files by path inside the theme's static/.
    pub static_files: BTreeMap<String, Source>,
}

impl Theme {
    /// A UI string; the key itself when missing, so a gap shows on the page instead of failing.
    pub fn t(&self, lang: &str, key: &str) -> String {
        self.i18n.get(lang).and_then(|m| m.get(key)).cloned().unwrap_or_else(|| key.to_string())
    }

    /// The UI string `key` for a count of `n`, with `{n}` replaced by `shown` (see [`counted`]).
    pub fn count(&self, lang: &str, key: &str, n: rust_decimal::Decimal, shown: &str) -> String {
        counted(self.i18n.get(lang), lang, key, n, shown)
    }
}

/// The form of the UI string `key` for `n` in `lang`: `key.one`, `key.few`, `key.many`,
/// `key.two` or `key.zero` when `n` is of that plural category and the form is given, else
/// `key` itself (the `other` form), with `{n}` replaced by `shown`.
pub fn counted(
    strings: Option<&BTreeMap<String, String>>,
    lang: &str,
    key: &str,
    n: rust_decimal::Decimal,
    shown: &str,
) -> String {
    let category = crate::units::plural(n, lang);
    let form = format!("{key}.{}", category.name());
    let text = strings.and_then(|m| m.get(&form).or_else(|| m.get(key))).map_or(key, String::as_str);
    text.replace("{n}", shown)
}

/// `items_count.one` and the like: a plural form of `items_count` (`kind.other` is a key of
/// its own: the `other` form of a count is its base key).
pub fn is_plural_form(key: &str, strings: &BTreeMap<String, String>) -> bool {
    key.rsplit_once('.').is_some_and(|(base, category)| {
        crate::units::PLURAL_NAMES.contains(&category) && category != "other" && strings.contains_key(base)
    })
}

pub fn load_theme(root: &Path, config: &Config, diags: &Diagnostics) -> Theme {
    let guard = Guard::new(root);
    let site_theme = root.join(THEMES_DIR).join(&config.theme);
    if config.theme != DEFAULT && !site_theme.is_dir() {
        diags.push(
            Diagnostic::error(format!(
                "theme \"{}\" not found: there is no folder themes/{}/",
                config.theme, config.theme
            ))
            .in_file("site.yaml")
            .help("remove `theme:` to use the built-in default theme, or create the folder"),
        );
    }
    let mut templates: BTreeMap<String, Template> = BTreeMap::new();
    let mut static_files = BTreeMap::new();
    let mut i18n_sources: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    collect_embedded(&BUILT_IN_THEME, &mut templates, &mut static_files, &mut i18n_sources);
    let site_files = site_theme_files(&guard, &site_theme, diags);
    collect_site_theme(&guard, site_files, &mut templates, &mut static_files, &mut i18n_sources, diags);
    let i18n = merge_i18n(&i18n_sources, config, diags);
    Theme { templates: templates.into_values().collect(), i18n, static_files }
}

fn collect_embedded(
    dir: &'static Dir<'static>,
    templates: &mut BTreeMap<String, Template>,
    statics: &mut BTreeMap<String, Source>,
    i18n: &mut BTreeMap<String, Vec<(String, String)>>,
) {
    for file in dir.files() {
        let path = file.path().to_string_lossy().replace('\\', "/");
        route_file(&path, file.contents(), Source::Embedded(file.contents()), "(built-in)", templates, statics, i18n);
    }
    for sub in dir.dirs() {
        collect_embedded(sub, templates, statics, i18n);
    }
}

/// The files of the site's theme folder: static files may be large, templates and UI
/// strings are text.
fn site_theme_files(guard: &Guard, dir: &Path, diags: &Diagnostics) -> Vec<load::Found> {
    let limit = |rel: &str| Some(if rel.starts_with("static/") { load::FILE_LIMIT } else { load::TEXT_LIMIT });
    load::walk(guard, dir, &limit, diags)
}

fn collect_site_theme(
    guard: &Guard,
    files: Vec<load::Found>,
    templates: &mut BTreeMap<String, Template>,
    statics: &mut BTreeMap<String, Source>,
    i18n: &mut BTreeMap<String, Vec<(String, String)>>,
    diags: &Diagnostics,
) {
    for found in files {
        if let Some(name) = found.rel.strip_prefix("static/") {
            statics.insert(name.to_string(), Source::Disk(found.real));
            continue;
        }
        let display = guard.rel(&found.path);
        let Some(text) = load::read_text_limited(guard, &display, load::TEXT_LIMIT, diags) else { continue };
        let origin = display.strip_suffix(&found.rel).unwrap_or(&display).trim_end_matches('/').to_string();
        route_file(&found.rel, text.as_bytes(), Source::Disk(found.real), &origin, templates, statics, i18n);
    }
}

fn route_file(
    path: &str,
    bytes: &[u8],
    source: Source,
    origin_prefix: &str,
    templates: &mut BTreeMap<String, Template>,
    statics: &mut BTreeMap<String, Source>,
    i18n: &mut BTreeMap<String, Vec<(String, String)>>,
) {
    let origin = format!("{origin_prefix}/{path}");
    if let Some(name) = path.strip_prefix("templates/") {
        let text = String::from_utf8_lossy(bytes).replace("\r\n", "\n");
        templates.insert(name.to_string(), Template { name: name.to_string(), text, origin });
    } else if let Some(name) = path.strip_prefix("static/") {
        statics.insert(name.to_string(), source);
    } else if let Some(name) = path.strip_prefix("i18n/")
        && let Some(lang) = name.strip_suffix(".yaml").or_else(|| name.strip_suffix(".yml"))
    {
        let text = String::from_utf8_lossy(bytes).trim_start_matches('\u{feff}').replace("\r\n", "\n");
        i18n.entry(lang.to_string()).or_default().push((origin, text));
    }
}

/// Parses the i18n files in order (built-in first, the site's over it) and fills languages
/// that have no strings from English, then from the default language.
fn merge_i18n(
    sources: &BTreeMap<String, Vec<(String, String)>>,
    config: &Config,
    diags: &Diagnostics,
) -> BTreeMap<String, BTreeMap<String, String>> {
    let mut parsed: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for (lang, files) in sources {
        let strings = parsed.entry(lang.clone()).or_default();
        for (origin, text) in files {
            read_i18n_file(origin, text, strings, diags);
        }
    }
    let mut out = BTreeMap::new();
    for lang in &config.languages {
        let own = parsed.get(lang);
        let mut strings = BTreeMap::new();
        for fallback in [config.default_lang(), "en", lang.as_str()] {
            if let Some(m) = parsed.get(fallback) {
                strings.extend(m.iter().map(|(k, v)| (k.clone(), v.clone())));
            }
        }
        name_languages(lang, own, &mut strings);
        warn_missing_strings(lang, own, parsed.get("en"), config, diags);
        out.insert(lang.clone(), strings);
    }
    out
}

/// A language's own name is its autonym unless its own strings say otherwise: borrowed
/// English strings would call Russian "English". Names of other languages (`language.xx`,
/// for the fallback notice) are borrowed only with the whole interface; a language with
/// strings of its own and no name for another falls back to that language's autonym.
fn name_languages(lang: &str, own: Option<&BTreeMap<String, String>>, strings: &mut BTreeMap<String, String>) {
    let name = own
        .and_then(|m| m.get(LANGUAGE_NAME).cloned())
        .or_else(|| crate::load::config::autonym(lang).map(str::to_string))
        .unwrap_or_else(|| lang.to_string());
    if let Some(own) = own {
        strings.retain(|k, _| !k.starts_with(LANGUAGE_PREFIX) || own.contains_key(k));
        // Plural forms follow the language's own rules: English `one` must not stand in
        // for a Russian count, whose other forms would then be missing too.
        let borrowed: Vec<String> =
            strings.keys().filter(|k| is_plural_form(k, strings) && !own.contains_key(*k)).cloned().collect();
        for k in borrowed {
            strings.remove(&k);
        }
    }
    strings.insert(LANGUAGE_NAME.to_string(), name);
}

const LANGUAGE_NAME: &str = "language_name";
const LANGUAGE_PREFIX: &str = "language.";
/// How many missing keys a warning spells out; the rest are counted.
const MISSING_LISTED: usize = 40;

/// The English keys a language has no string for, named once per language (not per page)
/// with the file to add them to. Names of languages are optional: autonyms stand in.
fn warn_missing_strings(
    lang: &str,
    own: Option<&BTreeMap<String, String>>,
    english: Option<&BTreeMap<String, String>>,
    config: &Config,
    diags: &Diagnostics,
) {
    let Some(english) = english else { return };
    if lang == "en" {
        return;
    }
    let needed: Vec<&str> = english
        .keys()
        .filter(|k| k.as_str() != LANGUAGE_NAME && !k.starts_with(LANGUAGE_PREFIX))
        .filter(|k| !is_plural_form(k, english))
        .map(String::as_str)
        .collect();
    let missing: Vec<&str> = needed.iter().copied().filter(|k| own.is_none_or(|m| !m.contains_key(*k))).collect();
    if missing.is_empty() {
        return;
    }
    let file = format!("themes/{}/i18n/{lang}.yaml", config.theme);
    let mut listed = missing.iter().take(MISSING_LISTED).copied().collect::<Vec<_>>().join(", ");
    if missing.len() > MISSING_LISTED {
        listed.push_str(&format!(" … and {} more", missing.len() - MISSING_LISTED));
    }
    let what = if own.is_none() {
        format!("no UI strings for language \"{lang}\"")
    } else {
        format!("UI strings missing for language \"{lang}\"")
    };
    diags.push(
        Diagnostic::warning(format!(
            "{what}: {} of {} keys missing: {listed}; English strings are shown meanwhile",
            missing.len(),
            needed.len()
        ))
        .help(format!(
            "add them to {file} in the site folder (the built-in i18n/en.yaml of the default theme lists every key with its English text)"
        )),
    );
}

fn read_i18n_file(origin: &str, text: &str, strings: &mut BTreeMap<String, String>, diags: &Diagnostics) {
    match yaml::parse(text) {
        Ok(serde_json::Value::Object(m)) => {
            for (k, v) in m {
                match v {
                    serde_json::Value::String(s) => {
                        strings.insert(k, s);
                    }
                    serde_json::Value::Number(n) => {
                        strings.insert(k, n.to_string());
                    }
                    _ => diags.push(Diagnostic::error(format!("UI string `{k}` must be a text")).in_file(origin)),
                }
            }
        }
        Ok(_) => diags.push(Diagnostic::error("must be a mapping of key: text").in_file(origin)),
        Err(e) => {
            let mut d = Diagnostic::error(format!("YAML syntax: {}", e.message)).in_file(origin);
            if let Some(l) = e.line {
                d = d.at_line(l).with_source(text);
            }
            diags.push(d);
        }
    }
}
