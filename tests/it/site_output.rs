//! A bilingual fixture site builds into the pages, URLs and head tags a reader expects.

use crate::common::{Site, attr_values, messages};
use std::path::Path;

fn built() -> &'static Site {
    crate::common::built("basic")
}

const PAGES: &[&str] = &[
    "index.html",
    "projects/index.html",
    "projects/copper-foil/index.html",
    "projects/old-plant/index.html",
    "projects/solar/index.html",
    "policies/index.html",
    "policies/thirty/index.html",
    "policies/old-rule/index.html",
    "environment/parks/hitech/index.html",
    "environment/index.html",
    "environment/parks/index.html",
    "chains/index.html",
    "chains/nonferrous/index.html",
    "chains/new-energy/index.html",
    "regions/city/index.html",
    "regions/county/index.html",
    "news/launch/index.html",
    "about/index.html",
    "404.html",
];

#[test]
fn every_page_exists_in_every_language_at_its_url() {
    let s = built();
    for page in PAGES {
        let zh = s.read(page);
        let en = s.read(&format!("en/{page}"));
        assert!(zh.contains(r#"<html lang="zh""#), "{page} is the Chinese page");
        assert!(en.contains(r#"<html lang="en""#), "en/{page} is the English page");
    }
}

#[test]
fn html_lang_and_title_put_the_page_name_first() {
    let s = built();
    let zh = s.read("projects/copper-foil/index.html");
    assert!(zh.contains(r#"<html lang="zh""#));
    assert!(zh.contains("<title>年产5万吨高性能电解铜箔项目 - 测试投资网</title>"), "{}", &zh[..600]);
    let en = s.read("en/projects/copper-foil/index.html");
    assert!(en.contains(r#"<html lang="en""#));
    assert!(en.contains("<title>50,000 t/yr Electrolytic Copper Foil - Test Invest</title>"));
}

/// Pages of the fixture that exist only in Chinese (their English version is a fallback).
const CHINESE_ONLY: &[&str] =
    &["projects/old-plant/index.html", "policies/index.html", "news/launch/index.html", "news/index.html"];

#[test]
fn every_page_has_hreflang_alternates_and_x_default() {
    let s = built();
    for page in PAGES.iter().filter(|p| !p.ends_with("404.html")) {
        let path = format!("/{}", page.trim_end_matches("index.html"));
        let zh = format!("https://example.cn{path}");
        let en = format!("https://example.cn/en{path}");
        let chinese_only = CHINESE_ONLY.contains(page);
        for prefix in ["", "en/"] {
            let html = s.read(&format!("{prefix}{page}"));
            let alternates = attr_values(&html, "rel=\"alternate\" hreflang", "href");
            // A fallback page (the English copy of a Chinese-only page) has no alternates:
            // its canonical address is the original.
            let expected = match (chinese_only, prefix) {
                (true, "en/") => vec![],
                (true, _) => vec![zh.clone(), zh.clone()],
                _ => vec![zh.clone(), en.clone(), zh.clone()],
            };
            assert_eq!(alternates, expected, "{prefix}{page}");
            assert_eq!(html.contains(r#"hreflang="x-default""#), !expected.is_empty(), "{prefix}{page}");
            let canonical = attr_values(&html, "rel=\"canonical\"", "href");
            // A fallback page points its canonical address at the original it shows.
            let own = if prefix == "en/" && !chinese_only { en.clone() } else { zh.clone() };
            assert_eq!(canonical, vec![own], "{prefix}{page}");
        }
    }
}

#[test]
fn language_switch_lands_on_the_same_page() {
    let s = built();
    let zh = s.read("policies/thirty/index.html");
    let switch = attr_values(&zh, "hreflang=\"en\" lang=\"en\"", "href");
    assert_eq!(switch, vec!["/en/policies/thirty/"]);
    let en = s.read("en/policies/thirty/index.html");
    assert_eq!(attr_values(&en, "hreflang=\"zh\" lang=\"zh\"", "href"), vec!["/policies/thirty/"]);
}

#[test]
fn untranslated_page_is_published_with_a_notice_in_the_readers_language() {
    let s = built();
    let en = s.read("en/projects/old-plant/index.html");
    assert!(en.contains("This page is not yet available in English"), "no notice");
    assert!(en.contains("旧厂改造项目"), "original text missing");
    assert!(en.contains(r#"lang="zh""#), "original text not marked as Chinese");
    let zh = s.read("projects/old-plant/index.html");
    assert!(!zh.contains("not yet available"));
}

#[test]
fn links_between_content_files_resolve_to_the_readers_language() {
    let s = built();
    let zh = s.read("projects/copper-foil/index.html");
    assert!(zh.contains(r#"<a href="/policies/thirty/#land">三十条</a>"#), "zh link");
    assert!(zh.contains(r#"<a href="/environment/parks/hitech/">园区</a>"#));
    let en = s.read("en/projects/copper-foil/index.html");
    assert!(en.contains(r#"<a href="/en/policies/thirty/#land">the Thirty Measures</a>"#), "en link");
    assert!(en.contains(r#"<a href="/en/environment/parks/hitech/">the park</a>"#));
}

#[test]
fn bundle_images_are_copied_next_to_the_page() {
    let s = built();
    let source = std::fs::read(s.root().join("content/projects/solar/site.svg")).unwrap();
    assert_eq!(std::fs::read(s.output().join("projects/solar/site.svg")).unwrap(), source);
    let en = s.read("en/projects/solar/index.html");
    assert!(en.contains(r#"src="/projects/solar/site.svg""#), "image URL in en page");
}

#[test]
fn static_and_theme_files_are_copied() {
    let s = built();
    let same = |out: &str, source: &std::path::Path| {
        assert_eq!(std::fs::read(s.output().join(out)).unwrap(), std::fs::read(source).unwrap(), "{out}");
    };
    same("images/logo.svg", &s.root().join("static/images/logo.svg"));
    same(
        "css/style.css",
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/css/style.css"),
    );
}

#[test]
fn section_lists_paginate() {
    let s = built();
    // 3 projects, 2 per page.
    let p1 = s.read("projects/index.html");
    assert!(p1.contains("/projects/page/2/"));
    assert!(p1.contains("/projects/copper-foil/") && p1.contains("/projects/solar/"));
    assert!(!p1.contains("/projects/old-plant/"), "the third project is on page 2");
    assert!(s.read("projects/page/2/index.html").contains("/projects/old-plant/"));
    let en2 = s.read("en/projects/page/2/index.html");
    assert!(en2.contains("/en/projects/old-plant/") && !en2.contains("/en/projects/solar/"));
    assert!(!s.exists("projects/page/3/index.html"));
}

#[test]
fn long_lists_link_the_ends_and_the_pages_near_the_current_one() {
    let s = Site::fixture("basic");
    s.edit_site_yaml(|yaml| yaml.replace("paginate_by: 2", "paginate_by: 1"));
    for i in 1..=17 {
        s.write(&format!("content/projects/extra-{i}.zh.md"), &format!("---\ntitle: 附加项目{i}\nchain: new-energy\nregion: county\ninvestment: {i}亿元\ndate: 2026-03-{i:02}\n---\n"));
    }
    s.build_ok();
    // 20 projects, one per page.
    let links = |n: usize| -> Vec<String> {
        let rel = if n == 1 { "projects/index.html".to_string() } else { format!("projects/page/{n}/index.html") };
        let html = s.read(&rel);
        let nav = &html[html.find("<nav class=\"pagination\"").unwrap()..];
        let nav = &nav[..nav.find("</nav>").unwrap()];
        nav.split("<li>")
            .skip(1)
            .map(|li| {
                if li.contains("class=\"gap\"") {
                    "…".to_string()
                } else {
                    let text = &li[li.find('>').unwrap() + 1..];
                    text[..text.find('<').unwrap()].trim().to_string()
                }
            })
            .collect()
    };
    let page_links = |n: usize| {
        links(n).into_iter().filter(|l| l.chars().all(|c| c.is_ascii_digit()) || l == "…").collect::<Vec<_>>().join(" ")
    };
    assert_eq!(page_links(10), "1 … 8 9 10 11 12 … 20");
    assert_eq!(page_links(1), "1 2 3 … 20");
    assert_eq!(page_links(20), "1 … 18 19 20");
    assert!(s.read("projects/page/10/index.html").contains("href=\"/projects/page/11/\" rel=\"next\""));
    assert!(s.exists("projects/page/20/index.html") && !s.exists("projects/page/21/index.html"));
}

#[test]
fn footer_has_icp_and_police_filing() {
    let s = built();
    let html = s.read("index.html");
    assert!(html.contains("陇ICP备12345678号-1"));
    assert!(html.contains("https://beian.miit.gov.cn/"));
    assert!(html.contains("recordcode=62040202000123"));
}

#[test]
fn nothing_is_loaded_from_other_hosts() {
    let s = built();
    for page in ["index.html", "en/projects/copper-foil/index.html", "en/chains/nonferrous/index.html"] {
        let html = s.read(page);
        for attr in ["src", "href"] {
            for tag in ["<script", "<link rel=\"stylesheet\"", "<img"] {
                for v in attr_values(&html, tag.trim_start_matches('<'), attr) {
                    assert!(!v.contains("://"), "{page}: {tag} {attr}={v} loads from another host");
                }
            }
        }
    }
}

#[test]
fn home_shows_featured_projects_figures_and_policies() {
    let s = built();
    let en = s.read("en/index.html");
    assert!(en.contains("50,000 t/yr Electrolytic Copper Foil"), "featured project");
    assert!(en.contains("key industry chains"), "figures");
    assert!(en.contains("Thirty Investment Incentives"), "policy in force");
    assert!(!en.contains("Expired Power Price Subsidy"), "expired policy is not among the latest");
}

#[test]
fn chain_page_marks_gaps_and_lists_the_projects_filling_them() {
    let s = built();
    let html = s.read("en/chains/nonferrous/index.html");
    assert!(html.contains("Baiyin Nonferrous Group"));
    assert!(html.contains("Copper foil"));
    assert!(html.contains("Battery foil"), "sub-chain");
    assert!(html.contains("/en/projects/copper-foil/"), "project filling the gap");
}

#[test]
fn park_page_shows_factor_prices_per_language() {
    let s = built();
    let en = s.read("en/environment/parks/hitech/index.html");
    assert!(en.contains("CNY 1.8 million/ha (CNY 120,000/mu)"), "land price per hectare, as areas are");
    assert!(en.contains("CNY 0.42/kWh"));
    assert!(en.contains("CNY 4,500/month"));
    assert!(en.contains("/en/projects/copper-foil/"), "projects in the park");
    let zh = s.read("environment/parks/hitech/index.html");
    assert!(zh.contains("12万元/亩"));
    assert!(zh.contains("0.42元/千瓦时"));
}

#[test]
fn region_page_shows_indicators_and_county_projects() {
    let s = built();
    let en = s.read("en/regions/city/index.html");
    assert!(en.contains("CNY 70.01 billion"), "700.1亿元 for a reader who does not count in 亿");
    assert!(!en.contains("CNY 100 million"));
    assert!(s.read("regions/city/index.html").contains("700.1 <span class=\"unit\">亿元</span>"));
    assert!(
        en.contains("/en/projects/old-plant/") || en.contains("/en/projects/solar/"),
        "county projects listed on the city page"
    );
}

#[test]
fn building_twice_gives_identical_output() {
    let s = Site::fixture("basic");
    s.build_ok();
    let first = crate::common::snapshot(&s.output());
    s.build_ok();
    assert_eq!(first, crate::common::snapshot(&s.output()));
}

/// A draft project and a draft news item, each in both languages.
fn with_drafts() -> Site {
    let s = Site::fixture("basic");
    s.write(
        "content/projects/hidden-plant.zh.md",
        "---\ntitle: 草稿项目\ncode: T-2026-099\nchain: new-energy\nregion: county\ninvestment: 9亿元\ndate: 2026-11-20\ndraft: true\n---\n\n草稿正文里的独有词：秘密工厂。\n",
    );
    s.write("content/projects/hidden-plant.en.md", "---\ntitle: Hidden Plant\n---\n\nA secret factory.\n");
    s.write(
        "content/news/hidden.zh.md",
        "---\ntitle: 草稿新闻\ndate: 2026-11-21\ndraft: true\n---\n\n秘密工厂的消息。\n",
    );
    s.write("content/news/hidden.en.md", "---\ntitle: Hidden News\n---\n\nSecret factory news.\n");
    s
}

#[test]
fn a_draft_is_left_out_of_pages_lists_feeds_sitemap_search_and_data() {
    let s = with_drafts();
    s.build_ok();
    for page in ["projects/hidden-plant/", "en/projects/hidden-plant/", "news/hidden/", "en/news/hidden/"] {
        assert!(!s.exists(&format!("{page}index.html")), "{page} has no page");
    }
    let every_file = crate::common::snapshot(&s.output());
    for (path, bytes) in &every_file {
        let text = String::from_utf8_lossy(bytes);
        for word in
            ["hidden-plant", "hidden/", "草稿项目", "草稿新闻", "Hidden Plant", "Hidden News", "秘密工厂", "T-2026-099"]
        {
            assert!(!text.contains(word), "{path} holds {word} of a draft");
        }
    }
    // The lists are as without the drafts: three projects on two pages, one news item.
    assert!(!s.exists("projects/page/3/index.html"));
    assert!(s.read("news/index.html").contains("/news/launch/"));
    // The lists, feeds, sitemap, search index and data were looked at above; make sure they
    // were there to look at.
    for file in ["projects/index.html", "news/index.html", "atom.xml", "news/atom.xml", "sitemap.xml"] {
        assert!(every_file.iter().any(|(p, _)| p == file), "{file}");
    }
    for file in ["search/index.zh.js", "data/projects.json", "projects/finder-data.js", "en/atom.xml"] {
        assert!(every_file.iter().any(|(p, _)| p == file), "{file}");
    }
}

#[test]
fn a_draft_set_back_to_false_is_published() {
    let s = with_drafts();
    for rel in ["content/projects/hidden-plant.zh.md", "content/news/hidden.zh.md"] {
        let text = std::fs::read_to_string(s.root().join(rel)).unwrap();
        s.write(rel, &text.replace("draft: true", "draft: false"));
    }
    s.build_ok();
    assert!(s.read("en/projects/hidden-plant/index.html").contains("Hidden Plant"));
    assert!(s.read("news/index.html").contains("/news/hidden/"));
    assert!(s.read("news/atom.xml").contains("草稿新闻"));
    assert!(s.read("sitemap.xml").contains("https://example.cn/projects/hidden-plant/"));
    assert!(s.read("search/index.zh.js").contains("projects/hidden-plant/"));
}

#[test]
fn a_page_chooses_another_template_of_the_theme() {
    let s = Site::fixture("basic");
    s.write(
        "themes/default/templates/landing.html",
        "{% extends \"base.html\" %}{% block content %}<div class=\"landing\">{{ page.title }}</div>{% endblock content %}",
    );
    let about = std::fs::read_to_string(s.root().join("content/about.zh.md")).unwrap();
    s.write("content/about.zh.md", &about.replacen("---\n", "---\ntemplate: landing.html\n", 1));
    s.write("content/news/launch.zh.md", "---\ntitle: 上线\ndate: 2026-11-01\ntemplate: no-such.html\n---\n\n正文。\n");
    let r = s.build_ok();
    let unknown = r
        .diagnostics
        .iter()
        .find(|d| d.field.as_deref() == Some("template"))
        .unwrap_or_else(|| panic!("no warning for the unknown template:\n{}", messages(&r)));
    assert_eq!(unknown.file.as_deref(), Some("content/news/launch.zh.md"));
    assert_eq!(unknown.line, Some(4));
    assert!(unknown.message.contains("no template `no-such.html`"), "{unknown}");
    assert!(!unknown.is_error());
    assert!(s.read("about/index.html").contains("<div class=\"landing\">关于我们</div>"));
    // The English version has no `template:` of its own and inherits the original's.
    assert!(s.read("en/about/index.html").contains("<div class=\"landing\">About us</div>"));
    // Other pages keep theirs; an unknown name falls back to the usual template.
    assert!(!s.read("policies/thirty/index.html").contains("landing"));
    let news = s.read("news/launch/index.html");
    assert!(!news.contains("landing") && news.contains("<h1") && news.contains("上线"), "{news}");
}

#[test]
fn a_sites_theme_static_file_replaces_the_built_in_one_and_its_version() {
    let s = built();
    let default_css = s.read("css/style.css");
    let default_link = attr_values(&s.read("index.html"), "rel=\"stylesheet\"", "href");
    let s = Site::fixture("basic");
    s.write("themes/default/static/css/style.css", "body { color: teal; }\n");
    s.write("themes/default/static/js/search.js", "// the site's own search\n");
    s.build_ok();
    assert_eq!(s.read("css/style.css"), "body { color: teal; }\n");
    assert_eq!(s.read("js/search.js"), "// the site's own search\n");
    assert_ne!(default_css, "body { color: teal; }\n");
    // Pages ask for the new file by a new address: WeChat's browser caches by address.
    let link = attr_values(&s.read("index.html"), "rel=\"stylesheet\"", "href");
    assert!(link[0].starts_with("/css/style.css?v="), "{link:?}");
    assert_ne!(link, default_link, "the version follows the file");
    // Files the site does not override stay the built-in ones.
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static");
    assert_eq!(
        std::fs::read(s.output().join("css/brochure.css")).unwrap(),
        std::fs::read(theme.join("css/brochure.css")).unwrap()
    );
}

#[test]
fn a_static_file_replacing_the_themes_changes_its_version_too() {
    let default_link = attr_values(&built().read("index.html"), "rel=\"stylesheet\"", "href");
    let s = Site::fixture("basic");
    s.write("static/css/style.css", "body { color: teal; }\n");
    s.build_ok();
    assert_eq!(s.read("css/style.css"), "body { color: teal; }\n");
    let link = attr_values(&s.read("index.html"), "rel=\"stylesheet\"", "href");
    assert!(link[0].starts_with("/css/style.css?v="), "{link:?}");
    assert_ne!(link, default_link, "a cached old style sheet would be served under the old address");
}

#[test]
fn a_site_without_nav_gets_a_menu_of_its_sections() {
    let s = Site::fixture("basic");
    s.drop_nav();
    s.build_ok();
    let menu = |page: &str| {
        let html = s.read(page);
        let nav = html.split("class=\"site-nav\"").nth(1).unwrap().split("</nav>").next().unwrap().to_string();
        attr_values(&nav, "a ", "href")
    };
    let en = menu("en/index.html");
    assert_eq!(&en[..4], ["/en/projects/", "/en/policies/", "/en/chains/", "/en/environment/"], "{en:?}");
    assert!(en.contains(&"/en/news/".to_string()), "{en:?}");
    let zh = menu("projects/copper-foil/index.html");
    assert_eq!(zh[0], "/projects/");
    assert!(s.read("en/index.html").contains(">Projects</a>"));
}

#[test]
fn phone_numbers_are_international_outside_chinese_pages_and_dial_from_anywhere() {
    let s = built();
    let en = s.read("en/projects/copper-foil/index.html");
    assert!(en.contains(r#"<a dir="ltr" href="tel:+869437654321">+86 943 765 4321</a>"#), "project contact");
    assert!(en.contains(r#"href="tel:+869431234567">+86 943 123 4567</a>"#), "footer");
    assert!(!en.contains("0943-7654321") && !en.contains("0943-1234567"), "no domestic form on English pages");
    let zh = s.read("projects/copper-foil/index.html");
    assert!(
        zh.contains(r#"<a dir="ltr" href="tel:+869437654321">0943-7654321</a>"#),
        "Chinese pages keep the author's form"
    );
    let home = s.read("index.html");
    assert!(home.contains(r#""telephone":"+86 943 123 4567""#), "JSON-LD uses the international form");
}

#[test]
fn new_jobs_are_counted_in_people() {
    let s = built();
    assert!(s.read("projects/copper-foil/index.html").contains("<td>800人</td>"), "新增就业 800人, not 800个");
    assert!(s.read("en/projects/copper-foil/index.html").contains("<td>800</td>"));
}
