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
    let english_forms = plural_forms(&english);
    let english: BTreeMap<String, String> =
        english.into_iter().filter(|(k, _)| !english_forms.contains_key(k)).collect();
    for lang in &langs {
        let own = strings_of(lang);
        let forms = plural_forms(&own);
        let missing: Vec<&String> = english.keys().filter(|k| !own.contains_key(*k)).collect();
        let extra: Vec<&String> = own.keys().filter(|k| !english.contains_key(*k) && !forms.contains_key(*k)).collect();
        assert!(missing.is_empty() && extra.is_empty(), "{lang}: missing {missing:?}, extra {extra:?}");
        for (key, text) in &english {
            assert_eq!(placeholders(&own[key]), placeholders(text), "{lang}: {key}: {}", own[key]);
            assert!(!own[key].trim().is_empty(), "{lang}: {key} is empty");
        }
        check_plural_forms(lang, &own, &forms, &english_forms);
    }
}

/// The plural forms of a strings file (`items_count.one` → (`items_count`, `one`)).
fn plural_forms(strings: &BTreeMap<String, String>) -> BTreeMap<String, (String, String)> {
    strings
        .keys()
        .filter(|k| investsite::load::theme::is_plural_form(k, strings))
        .filter_map(|k| k.rsplit_once('.').map(|(b, c)| (k.clone(), (b.to_string(), c.to_string()))))
        .collect()
}

/// A language's plural forms are of its own categories only and keep the placeholders of
/// their key; languages whose nouns inflect (en, de, es, fr, ru) give every form for each
/// counted string of English.
fn check_plural_forms(
    lang: &str,
    own: &BTreeMap<String, String>,
    forms: &BTreeMap<String, (String, String)>,
    english_forms: &BTreeMap<String, (String, String)>,
) {
    let categories: Vec<&str> = investsite::units::plural_categories(lang).iter().map(|c| c.name()).collect();
    for (key, (base, category)) in forms {
        assert!(categories.contains(&category.as_str()), "{lang}: {key}: {lang} has no {category} form");
        for p in placeholders(&own[key]) {
            assert!(placeholders(&own[base]).contains(&p), "{lang}: {key} has {p}, {base} does not");
        }
    }
    if ["de", "es", "fr", "ru"].contains(&lang) {
        let counted: std::collections::BTreeSet<&String> = english_forms.values().map(|(b, _)| b).collect();
        for base in counted {
            for c in categories.iter().filter(|c| **c != "other") {
                assert!(own.contains_key(&format!("{base}.{c}")), "{lang}: {base} has no {c} form");
            }
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

/// Half-width punctuation and spaces in a Chinese text, with what may stay: `{placeholders}`,
/// addresses, and numbers (`1,000`, `10:00`). Returns the offending characters in context.
/// `whole`: the whole text is Chinese (a zh.yaml string); else only punctuation next to a
/// Chinese character counts (a bilingual text such as `error(s) / 错误`).
fn chinese_slips_in(text: &str, whole: bool) -> Vec<String> {
    let is_han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c);
    if !text.chars().any(is_han) {
        return Vec::new();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut skip = vec![false; chars.len()];
    let mut i = 0;
    while i < chars.len() {
        // {placeholder} and addresses
        if chars[i] == '{'
            && let Some(len) = chars[i..].iter().position(|&c| c == '}')
        {
            skip[i..=i + len].iter_mut().for_each(|s| *s = true);
            i += len + 1;
            continue;
        }
        if text.chars().skip(i).take(8).collect::<String>().starts_with("http") {
            while i < chars.len() && !chars[i].is_whitespace() && !is_han(chars[i]) {
                skip[i] = true;
                i += 1;
            }
            continue;
        }
        i += 1;
    }
    let mut out = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        if skip[i] {
            continue;
        }
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        let between_digits = before.is_some_and(|b| b.is_ascii_digit()) && after.is_some_and(|a| a.is_ascii_digit());
        let context: String = chars[i.saturating_sub(4)..(i + 5).min(chars.len())].iter().collect();
        let next_to_han = before.is_some_and(is_han) || after.is_some_and(is_han);
        if "(),:;?!".contains(c) && !between_digits && (whole || next_to_han) {
            out.push(format!("half-width {c:?} in \"{context}\""));
        }
        // No space between a number (or a {placeholder} standing for one) and a Chinese unit
        // or measure word, nor between Chinese text and the number it counts.
        // (Latin words such as PDF keep their spaces; so does the end of an address.)
        let numberish =
            |x: Option<char>, at: usize| x.is_some_and(|x| (x.is_ascii_digit() && !skip[at]) || x == '}' || x == '{');
        let (prev_at, next_at) = (i.saturating_sub(1), (i + 1).min(chars.len() - 1));
        if c == ' '
            && ((numberish(before, prev_at) && after.is_some_and(is_han))
                || (before.is_some_and(is_han) && numberish(after, next_at)))
        {
            out.push(format!("a space between a number and Chinese in \"{context}\""));
        }
    }
    out
}

fn chinese_slips(text: &str) -> Vec<String> {
    chinese_slips_in(text, true)
}

#[test]
fn chinese_slips_are_found() {
    assert!(chinese_slips_in("The site has {count} error(s) / 网站有{count}处错误", false).is_empty());
    assert_eq!(chinese_slips_in("错误(s)", false).len(), 1);
    assert_eq!(chinese_slips("共{n}项(含附件)").len(), 2);
    assert_eq!(chinese_slips("找到 {n} 个页面").len(), 2);
    assert!(chinese_slips("共{n}项（含附件），10:00开始，1,000元").is_empty());
    assert!(chinese_slips("见 https://example.cn/a?b=1 说明").is_empty());
    assert!(chinese_slips("Scored by {n} reviewers: (all)").is_empty(), "not Chinese");
}

/// Strings where a half-width form is right; none at present.
const CHINESE_EXCEPTIONS: &[&str] = &[];

#[test]
fn chinese_ui_strings_use_full_width_punctuation_and_no_spaces_around_numbers() {
    let mut found = Vec::new();
    for (key, text) in strings_of("zh") {
        if CHINESE_EXCEPTIONS.contains(&key.as_str()) {
            continue;
        }
        found.extend(chinese_slips(&text).into_iter().map(|slip| format!("zh.yaml {key}: {slip}")));
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// Chinese text that the program itself puts on pages (render/ and the live-reload overlay of
/// serve/); tests and messages for authors in the terminal are left out.
#[test]
fn chinese_text_built_into_pages_uses_full_width_punctuation() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![root.join("serve/reload.rs")];
    for entry in std::fs::read_dir(root.join("render")).unwrap() {
        files.push(entry.unwrap().path());
    }
    let mut found = Vec::new();
    for file in files {
        let source = std::fs::read_to_string(&file).unwrap();
        let code = source.split("#[cfg(test)]").next().unwrap_or("");
        for (n, line) in code.lines().enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            for literal in line.split('"').skip(1).step_by(2) {
                for slip in chinese_slips_in(literal, false) {
                    found.push(format!("{}:{}: {slip}", file.display(), n + 1));
                }
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// The English UI strings a Russian text must not show: each English string (placeholders
/// left out) that Russian words differently, except the names of languages (the switch
/// names English in English).
fn english_furniture_in(text: &str) -> Vec<String> {
    let (en, ru) = (strings_of("en"), strings_of("ru"));
    // Addresses (example.cn/ru/projects/…) are not words.
    let words: Vec<&str> = text.split_whitespace().filter(|w| !w.contains('/')).collect();
    let text = words.join(" ");
    en.iter()
        .filter(|(k, _)| k.as_str() != "language_name" && !k.starts_with("language."))
        .filter(|(k, v)| ru.get(*k) != Some(v))
        .flat_map(|(k, v)| v.split(['{', '}']).step_by(2).map(move |piece| (k, piece.trim())))
        .filter(|(_, piece)| piece.chars().filter(|c| c.is_alphabetic()).count() >= 5)
        .filter(|(_, piece)| text.contains(piece))
        .map(|(k, piece)| format!("{k}: \"{piece}\""))
        .collect()
}

/// The trilingual fixture's dry port exists only in English: its title and summary are
/// content in its own language (marked lang="en" on pages), not furniture.
fn without_english_content(text: &str) -> String {
    let content = ["Dry Port Logistics Hub", "A rail-road logistics hub.", "A project written in English only."];
    content.iter().fold(text.to_string(), |t, c| t.replace(c, ""))
}

#[test]
fn russian_share_images_posters_brochure_and_404_show_no_english_furniture() {
    let s = Site::fixture("trilingual");
    let site_yaml = std::fs::read_to_string(s.root().join("site.yaml")).unwrap();
    // Posters for every project and policy (none is featured).
    s.write(
        "site.yaml",
        &format!("{site_yaml}brochure: {{projects: all}}\nshare: {{posters: [projects, policies]}}\n"),
    );
    // The SVGs as drawn, before rasterising: share images (1200×630, drawn at half) and posters (750×1334).
    let svgs = s.drawn_svgs("ru");
    let posters: Vec<&String> = svgs.iter().filter(|s| s.contains(r#"height="1334""#)).collect();
    assert!(svgs.len() > posters.len() && !posters.is_empty(), "Russian share images and posters: {}", svgs.len());
    for svg in &svgs {
        // The dry port exists only in English: its title and summary are content, not furniture.
        let text = without_english_content(&visible_text(svg));
        let english = english_furniture_in(&text);
        assert!(english.is_empty(), "a Russian share SVG shows English {english:?}: {text}");
    }
    let ru = strings_of("ru");
    let poster_text = visible_text(posters[0]);
    assert!(poster_text.contains(&ru["share.poster_scan"]), "{poster_text}");
    assert!(
        svgs.iter().any(|s| visible_text(s).contains(&ru["fact.investment"])),
        "a Russian project image labels its figures in Russian"
    );

    for page in ["ru/404.html", "ru/brochure/index.html"] {
        let text = without_english_content(&visible_text(&s.read(page)));
        let english = english_furniture_in(&text);
        assert!(english.is_empty(), "{page} shows English {english:?}: {text}");
    }
    let brochure = visible_text(&s.read("ru/brochure/index.html"));
    assert!(brochure.contains(&ru["brochure.page"].replace("{n}", "2")), "{brochure}");
    assert!(visible_text(&s.read("ru/404.html")).contains(&ru["not_found_title"]));
}
