//! Built-in UI strings beyond Chinese and English: every built-in language file carries
//! exactly the keys of the English one with the same placeholders, and a Russian page of a
//! zh/en/ru site shows no English furniture.

use std::collections::BTreeMap;
use std::path::PathBuf;

use investsite::load::yaml;

use crate::common::{Site, built, messages};

fn i18n_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("themes/default/i18n")
}

fn strings_of(lang: &str) -> BTreeMap<String, String> {
    let path = i18n_dir().join(format!("{lang}.yaml"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let serde_json::Value::Object(map) = yaml::parse(&text).unwrap_or_else(|e| panic!("{lang}: {e:?}")) else {
        panic!("{lang}.yaml is not a map");
    };
    map.into_iter()
        .map(|(k, v)| match v {
            serde_json::Value::String(s) => (k, s),
            other => panic!("{lang}.yaml: {k} is not a string: {other}"),
        })
        .collect()
}

/// The built-in languages other than English, from the theme folder.
fn built_in_languages() -> Vec<String> {
    let mut langs: Vec<String> = std::fs::read_dir(i18n_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|name| name.strip_suffix(".yaml").map(str::to_string))
        .filter(|lang| lang != "en")
        .collect();
    langs.sort();
    langs
}

/// The `{name}` placeholders of a string, sorted.
fn placeholders(s: &str) -> Vec<&str> {
    let mut out: Vec<&str> = s
        .match_indices('{')
        .filter_map(|(i, _)| s[i..].find('}').map(|j| &s[i..=i + j]))
        .filter(|p| p[1..p.len() - 1].chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        .collect();
    out.sort();
    out
}

#[test]
fn every_built_in_language_has_the_keys_and_placeholders_of_english() {
    let english = strings_of("en");
    let langs = built_in_languages();
    assert!(langs.contains(&"zh".to_string()) && langs.contains(&"ru".to_string()), "{langs:?}");
    for lang in &langs {
        let own = strings_of(lang);
        let missing: Vec<&String> = english.keys().filter(|k| !own.contains_key(*k)).collect();
        let extra: Vec<&String> = own.keys().filter(|k| !english.contains_key(*k)).collect();
        assert!(missing.is_empty() && extra.is_empty(), "{lang}: missing {missing:?}, extra {extra:?}");
        for (key, text) in &english {
            assert_eq!(placeholders(&own[key]), placeholders(text), "{lang}: {key}: {}", own[key]);
            assert!(!own[key].trim().is_empty(), "{lang}: {key} is empty");
        }
    }
}

#[test]
fn placeholders_are_found() {
    assert_eq!(placeholders("Page {n} of {m}"), ["{m}", "{n}"]);
    assert_eq!(placeholders("no {placeholder here"), Vec::<&str>::new());
}

/// The text a reader sees: text between tags (scripts and styles left out), plus the
/// labels read aloud or shown in fields.
fn visible_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        out.push(' ');
        let tag_end = rest[lt..].find('>').map_or(rest.len(), |i| lt + i + 1);
        let tag = &rest[lt..tag_end];
        for attr in ["aria-label=\"", "placeholder=\"", "title=\""] {
            if let Some(at) = tag.find(attr) {
                let value = &tag[at + attr.len()..];
                out.push_str(&value[..value.find('"').unwrap_or(value.len())]);
                out.push(' ');
            }
        }
        rest = &rest[tag_end..];
        for skipped in ["script", "style"] {
            if tag.starts_with(&format!("<{skipped}")) {
                let close = format!("</{skipped}>");
                rest = rest.find(&close).map_or("", |i| &rest[i..]);
            }
        }
    }
    out.push_str(rest);
    out
}

/// English furniture and its Russian counterpart, from the theme's files.
const FURNITURE: [&str; 10] = [
    "home",
    "menu",
    "key_facts",
    "fact.investment",
    "fact.published",
    "share.heading",
    "skip_to_content",
    "language_switch_label",
    "contact_us",
    "search.button",
];

#[test]
fn russian_pages_show_russian_furniture_and_no_english() {
    let s = built("trilingual");
    let (en, ru) = (strings_of("en"), strings_of("ru"));
    let pages = ["ru/index.html", "ru/projects/copper-foil/index.html", "ru/policies/thirty/index.html"];
    let texts: Vec<String> = pages.iter().map(|p| visible_text(&s.read(p))).collect();
    let all = texts.join("\n");
    for key in FURNITURE {
        let (english, russian) = (&en[key], &ru[key]);
        for (page, text) in pages.iter().zip(&texts) {
            assert!(!text.contains(english.as_str()), "{page} shows the English {key} \"{english}\": {text}");
        }
        assert!(all.contains(russian.as_str()), "no Russian {key} \"{russian}\" on {pages:?}: {all}");
    }
    let project = &texts[1];
    for expected in ["Главная", "Основные сведения", "Общий объём инвестиций", "Поделиться страницей"]
    {
        assert!(project.contains(expected), "the project page lacks {expected}: {project}");
    }
}

#[test]
fn a_russian_site_gets_no_missing_strings_warning() {
    let s = Site::fixture("trilingual");
    let m = messages(&s.build_ok());
    assert!(!m.contains("UI strings"), "{m}");
}

#[test]
fn a_site_overrides_one_built_in_russian_string() {
    let s = Site::fixture("trilingual");
    s.write("themes/default/i18n/ru.yaml", "key_facts: Главное о проекте\n");
    let m = messages(&s.build_ok());
    assert!(!m.contains("UI strings"), "the other keys stay built in: {m}");
    let page = s.read("ru/projects/copper-foil/index.html");
    assert!(page.contains(">Главное о проекте</h2>"), "{page}");
    assert!(page.contains(&strings_of("ru")["fact.investment"]), "other strings stay built in");
}
