//! A third language (zh/en/ru, Russian partly translated; its UI strings are built in): the
//! switch names languages by their own names, the fallback notice names the reader's
//! language, text in another language than the page carries its `lang`, and missing UI
//! strings (of a language with none built in) are one warning per language.

use crate::common::{Site, attr_values, built, messages};

/// The element of `html` that starts at the first `start` and ends at the next `end`.
fn part<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html.find(start).unwrap_or_else(|| panic!("no {start}"));
    let rest = &html[from..];
    &rest[..rest.find(end).map_or(rest.len(), |i| i + end.len())]
}

fn switch(html: &str) -> &str {
    part(html, r#"<nav class="lang-switch""#, "</nav>")
}

#[test]
fn the_switch_names_every_language_in_that_language() {
    let s = built("trilingual");
    for page in ["ru/index.html", "index.html", "en/projects/zinc/index.html"] {
        let nav = switch(&s.read(page)).to_string();
        for (code, name) in [("zh", "中文"), ("en", "English"), ("ru", "Русский")] {
            let link = format!(r#"hreflang="{code}" lang="{code}""#);
            let at = nav.find(&link).unwrap_or_else(|| panic!("{page}: no {code} link in {nav}"));
            let text = &nav[at..];
            assert!(text[text.find('>').unwrap() + 1..].starts_with(name), "{page}: {code} is not {name}: {nav}");
        }
        assert_eq!(nav.matches("English").count(), 1, "{page}: {nav}");
    }
}

#[test]
fn the_fallback_notice_names_the_readers_language() {
    let s = built("trilingual");
    let ru = s.read("ru/projects/zinc/index.html");
    let notice = part(&ru, "notice-fallback", "</p>");
    assert!(
        notice.contains("не переведена на русский язык; ниже показан оригинал (язык оригинала — китайский)"),
        "{notice}"
    );
    let ru_of_english = s.read("ru/projects/port/index.html");
    let notice = part(&ru_of_english, "notice-fallback", "</p>");
    assert!(notice.contains("(язык оригинала — английский)"), "{notice}");
    let zh = s.read("projects/port/index.html");
    assert!(part(&zh, "notice-fallback", "</p>").contains("本页尚无中文版，以下显示英文原文"));
    let en = s.read("en/projects/zinc/index.html");
    assert!(part(&en, "notice-fallback", "</p>").contains("not yet available in English; the Chinese original"));
}

#[test]
fn chinese_text_on_russian_and_english_pages_is_marked_zh() {
    let s = built("trilingual");
    for lang in ["ru", "en"] {
        let list = s.read(&format!("{lang}/projects/index.html"));
        let mut titles = attr_values(&list, r#"h3 class="card-title""#, "lang");
        titles.sort();
        // The zinc project exists only in Chinese, the dry port only in English.
        let expected: &[&str] = if lang == "ru" { &["en", "zh"] } else { &["zh"] };
        assert_eq!(titles, expected, "{lang}: the cards of untranslated pages: {list}");
        let zinc = part(&list, "/projects/zinc/", "</h3>");
        assert!(list.contains(r#"<h3 class="card-title" lang="zh"><a href="/"#), "{lang}");
        assert!(zinc.contains("锌冶炼技改项目"));
        assert!(list.contains(r#"<p class="card-summary" lang="zh">锌冶炼"#), "{lang}: summary");

        let page = s.read(&format!("{lang}/projects/zinc/index.html"));
        let crumbs = part(&page, r#"<nav class="breadcrumbs""#, "</nav>");
        assert!(crumbs.contains(r#"<span aria-current="page" lang="zh">锌冶炼技改项目</span>"#), "{crumbs}");

        let policy = s.read(&format!("{lang}/policies/thirty/index.html"));
        assert!(policy.contains(r#"<td lang="zh">测政发〔2023〕15号"#), "{lang}: document number");
    }
    // Russian readers: the projects section and its menu entry are not translated yet.
    let ru = s.read("ru/projects/zinc/index.html");
    let crumbs = part(&ru, r#"<nav class="breadcrumbs""#, "</nav>");
    assert!(crumbs.contains(r#"<a href="/ru/projects/" lang="zh">招商项目</a>"#), "{crumbs}");
    let menu = part(&ru, r#"<ul class="nav-list">"#, "</ul>");
    assert!(menu.contains(r#"lang="zh">招商项目</a>"#), "menu entry without a Russian name: {menu}");
    assert!(menu.contains(r#"<a href="/ru/policies/">Льготы</a>"#), "menu entry in Russian: {menu}");
    assert!(ru.contains(r#"<span class="brand-title" lang="zh">三语测试投资网</span>"#), "site title");
    // English readers: everything translated but the zinc project carries no lang.
    let en = s.read("en/projects/zinc/index.html");
    assert!(!part(&en, r#"<ul class="nav-list">"#, "</ul>").contains("lang="));
    assert!(part(&en, r#"<nav class="breadcrumbs""#, "</nav>").contains(r#"<a href="/en/projects/">Projects</a>"#));
}

#[test]
fn english_text_on_chinese_pages_is_marked_en() {
    let s = built("trilingual");
    let list = s.read("projects/index.html");
    assert_eq!(attr_values(&list, r#"h3 class="card-title""#, "lang"), ["en"], "{list}");
    assert!(list.contains(r#"<h3 class="card-title" lang="en"><a href="/projects/port/">Dry Port Logistics Hub</a>"#));
    let port = s.read("projects/port/index.html");
    assert!(port.contains(r#"<span aria-current="page" lang="en">Dry Port Logistics Hub</span>"#));
    // Chinese text on Chinese pages carries none.
    let zinc = s.read("projects/zinc/index.html");
    assert!(!part(&zinc, r#"<nav class="breadcrumbs""#, "</nav>").contains("lang="));
    assert!(!zinc.contains(r#"<td lang="#));
}

#[test]
fn missing_ui_strings_are_one_warning_per_language_listing_the_keys() {
    // Kazakh has no built-in UI strings (Russian has: no warning for it).
    let s = Site::fixture("trilingual");
    s.edit_site_yaml(|yaml| yaml.replace("languages: [zh, en, ru]", "languages: [zh, en, ru, kk]"));
    let m = messages(&s.build_ok());
    assert_eq!(m.matches("no UI strings for language \"kk\"").count(), 1, "{m}");
    assert!(m.contains("themes/default/i18n/kk.yaml"), "{m}");
    assert!(!m.contains("for language \"ru\""), "Russian strings are built in: {m}");
    assert!(!m.contains("for language \"zh\"") && !m.contains("for language \"en\""), "{m}");

    // With some Kazakh strings, the warning lists the rest, and only them.
    s.write(
        "themes/default/i18n/kk.yaml",
        "home: Басты бет\nfallback_notice: \"Бұл бет әлі {reader} аударылмаған; төменде түпнұсқа ({lang}).\"\n",
    );
    let m = messages(&s.build_ok());
    let warning =
        m.lines().find(|l| l.contains("UI strings missing for language \"kk\"")).unwrap_or_else(|| panic!("{m}"));
    assert_eq!(m.matches("for language \"kk\"").count(), 1, "{m}");
    assert!(warning.contains("breadcrumb_label") && warning.contains("address"), "{warning}");
    assert!(!warning.contains(" home,") && !warning.contains("fallback_notice"), "{warning}");
    // Its own sentence gets language names it knows (none yet): autonyms, never English.
    let kk = s.read("kk/projects/zinc/index.html");
    let notice = part(&kk, "notice-fallback", "</p>");
    assert!(notice.contains("Бұл бет әлі Қазақ тілі аударылмаған; төменде түпнұсқа (中文)."), "{notice}");
    assert!(part(&kk, r#"<nav class="breadcrumbs""#, "</nav>").contains(">Басты бет</a>"));
}

#[test]
fn the_finder_data_carries_the_lang_of_untranslated_items() {
    let s = built("trilingual");
    let text = s.read("ru/projects/finder-data.js");
    let json = text.strip_prefix("window.investsiteFinder = ").and_then(|t| t.trim_end().strip_suffix(';')).unwrap();
    let data: serde_json::Value = serde_json::from_str(json).unwrap();
    let lang_of = |url: &str| {
        let items = data["items"].as_array().unwrap();
        items.iter().find(|i| i["url"] == url).unwrap_or_else(|| panic!("no {url}"))["lang"].clone()
    };
    assert_eq!(lang_of("/ru/projects/zinc/"), "zh");
    assert_eq!(lang_of("/ru/projects/port/"), "en");
    assert!(lang_of("/ru/projects/copper-foil/").is_null(), "translated: no lang");
    // finder.js puts it on the card it draws.
    assert!(s.read("js/finder.js").contains("heading.lang = item.lang"));
}

#[test]
fn an_untranslated_contact_name_is_marked_zh() {
    let s = built("trilingual");
    for page in ["en/projects/zinc/index.html", "ru/projects/zinc/index.html"] {
        let html = s.read(page);
        assert!(html.contains(r#"<dd lang="zh">测试锌业有限公司</dd>"#), "{page}: org");
        assert!(html.contains(r#"<dd lang="zh">李女士</dd>"#), "{page}: person");
    }
    assert!(s.read("projects/zinc/index.html").contains("<dd>测试锌业有限公司</dd>"), "Chinese page: no lang");
}

#[test]
fn lang_attributes_stay_out_of_the_open_data() {
    let s = built("trilingual");
    let data = s.read("en/data/projects.json");
    assert!(data.contains("测试锌业有限公司"), "the contact is in the data");
    assert!(!data.contains("_lang"), "{data}");
}

#[test]
fn the_search_index_names_the_language_of_untranslated_pages() {
    let s = built("trilingual");
    let text = s.read("ru/search/index.ru.js");
    let zinc = text.find(r#""projects/zinc/""#).map(|i| &text[i..]).unwrap_or_else(|| panic!("{text}"));
    let row = &zinc[..zinc.find(']').unwrap()];
    assert!(row.ends_with(r#","zh""#), "{row}");
    let foil = text.find(r#""projects/copper-foil/""#).map(|i| &text[i..]).unwrap();
    assert!(!foil[..foil.find(']').unwrap()].ends_with(r#""zh""#), "translated: no lang");
    assert!(s.read("js/search.js").contains("if (p[5]) h.lang = p[5];"));
}

#[test]
fn a_missing_translation_names_where_its_readers_are() {
    let s = Site::fixture("trilingual");
    let m = messages(&s.build_ok());
    // The English-only project: Chinese readers are at the root, Russian ones under /ru/.
    assert!(
        m.contains(
            "content/projects/port.en.md: no Chinese translation: readers of the Chinese pages (/) see the original"
        ),
        "{m}"
    );
    assert!(m.contains("no Russian translation: readers of the Russian pages (/ru/) see the original"), "{m}");
    assert!(!m.contains("(/zh/)"), "{m}");
}

#[test]
fn the_footers_chinese_names_and_filing_numbers_are_marked_zh() {
    let s = Site::fixture("trilingual");
    s.write(
        "site.yaml",
        &format!("{}gov: {{sponsor: 测试市人民政府}}\n", std::fs::read_to_string(s.root().join("site.yaml")).unwrap()),
    );
    s.build_ok();
    for page in ["ru/index.html", "en/index.html"] {
        let html = s.read(page);
        let footer = part(&html, "<footer", "</footer>");
        assert!(footer.contains(r#"<span lang="zh">陇ICP备12345678号-1</span>"#), "{page}: {footer}");
        assert!(footer.contains(r#"<span lang="zh">测试市人民政府</span>"#), "{page}: {footer}");
    }
    // The office's name has no Russian text: the default language's is shown, marked.
    let ru = s.read("ru/index.html");
    assert!(
        part(&ru, "<footer", "</footer>").contains(r#"<p class="footer-org" lang="zh">测试投资促进局</p>"#),
        "{ru}"
    );
    let en = s.read("en/index.html");
    assert!(part(&en, "<footer", "</footer>").contains(r#"<p class="footer-org">Test Investment Bureau</p>"#), "{en}");
    let zh = s.read("index.html");
    assert!(!part(&zh, "<footer", "</footer>").contains(r#"lang="zh""#), "no lang where the page is Chinese");
}

/// A page written only in English: its x-default is the English original, not the Chinese
/// fallback (whose canonical is the English page), on the page and in the sitemap.
#[test]
fn x_default_of_a_page_only_in_english_is_the_original() {
    let s = built("trilingual");
    let en = s.read("en/projects/port/index.html");
    assert!(
        en.contains(r#"<link rel="alternate" hreflang="x-default" href="https://example.cn/en/projects/port/">"#),
        "{en}"
    );
    let sitemap = s.read("sitemap.xml");
    let entry = part(&sitemap, "<loc>https://example.cn/en/projects/port/</loc>", "</url>");
    assert!(!entry.contains(r#"href="https://example.cn/projects/port/""#), "{entry}");
}

/// Each piece of text of a page's body with the `lang` it is read in: the nearest `lang`
/// attribute around it (the page's own at the root). Scripts, styles and comments are no
/// text; nor is the head (its title is the page's and can carry no other language).
fn texts_with_lang(html: &str) -> Vec<(String, String)> {
    const VOID: [&str; 14] =
        ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "path"];
    // The value of ` lang="…"` in a tag (not `hreflang`).
    let lang_of = |tag: &str| tag.find(" lang=\"").map(|i| tag[i + 7..].split('"').next().unwrap_or("").to_string());
    let body = &html[html.find("<body").expect("a body")..];
    let root = &html[html.find("<html").expect("an html element")..];
    let page_lang = lang_of(&root[..root.find('>').unwrap()]).expect("the page's lang");
    // (tag name, lang it sets or inherits)
    let mut stack: Vec<(String, String)> = vec![("#root".into(), page_lang)];
    let mut out = Vec::new();
    let mut rest = body;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else { break };
        let text = rest[..lt].trim();
        if !text.is_empty() {
            out.push((text.to_string(), stack.last().unwrap().1.clone()));
        }
        rest = &rest[lt..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |i| &comment[i + 3..]);
            continue;
        }
        let end = rest.find('>').map_or(rest.len(), |i| i + 1);
        let tag = &rest[1..end.saturating_sub(1)];
        rest = &rest[end..];
        if let Some(name) = tag.strip_prefix('/') {
            let name = name.trim().to_ascii_lowercase();
            if let Some(at) = stack.iter().rposition(|(n, _)| *n == name) {
                stack.truncate(at.max(1));
            }
            continue;
        }
        let name: String =
            tag.chars().take_while(|c| !c.is_whitespace() && *c != '/').collect::<String>().to_ascii_lowercase();
        if name == "script" || name == "style" {
            let close = format!("</{name}>");
            rest = rest.find(&close).map_or("", |i| &rest[i + close.len()..]);
            continue;
        }
        if VOID.contains(&name.as_str()) || tag.ends_with('/') {
            continue;
        }
        let inherited = stack.last().unwrap().1.clone();
        stack.push((name, lang_of(tag).unwrap_or(inherited)));
    }
    out
}

/// Every piece of text written in Chinese on the Russian and English pages of the zh/en/ru
/// site — titles and cards of untranslated pages, names from the data files (chains, regions,
/// indicators, enterprises), menus, facts, footers, the brochure, whatever page — is marked
/// `lang="zh"`, so screen readers and fonts treat it as Chinese. (A text mostly in the page's
/// language with a Chinese word in it, such as "优惠政策: Земля" of a filter page whose
/// section is not translated, is not checked: its Chinese part has no element of its own.)
#[test]
fn every_chinese_fragment_on_russian_and_english_pages_is_marked_zh() {
    let s = Site::fixture("trilingual");
    s.write(
        "site.yaml",
        &format!("{}gov: {{sponsor: 测试市人民政府}}\n", std::fs::read_to_string(s.root().join("site.yaml")).unwrap()),
    );
    s.build_ok();
    let is_han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c);
    let chinese = |t: &str| {
        let han = t.chars().filter(|c| is_han(*c)).count();
        han > 0 && han >= t.chars().filter(|c| c.is_alphabetic() && !is_han(*c)).count()
    };
    let mut pages = 0;
    let mut unmarked = Vec::new();
    for lang in ["ru", "en"] {
        for entry in walkdir::WalkDir::new(s.output().join(lang)).into_iter().filter_map(Result::ok) {
            if entry.path().extension().is_none_or(|x| x != "html") {
                continue;
            }
            let html = std::fs::read_to_string(entry.path()).unwrap();
            if html.contains(r#"http-equiv="refresh""#) {
                continue; // an alias's redirect, read by no one
            }
            pages += 1;
            for (text, text_lang) in texts_with_lang(&html) {
                if chinese(&text) && !text_lang.starts_with("zh") {
                    unmarked.push(format!("{}: \"{text}\" read as {text_lang}", entry.path().display()));
                }
            }
        }
    }
    assert!(pages > 20, "{pages} pages");
    assert!(unmarked.is_empty(), "Chinese text without lang=\"zh\":\n{}", unmarked.join("\n"));
}
