//! What search engines and feed readers get: sitemap with alternates, robots.txt, Atom
//! feeds, canonical addresses and JSON-LD — parsed with real XML and Atom parsers.

use crate::common::Site;

fn built() -> &'static Site {
    crate::common::built("basic")
}

const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const XHTML_NS: &str = "http://www.w3.org/1999/xhtml";

fn sitemap_urls(xml: &str) -> Vec<(String, Vec<(String, String)>)> {
    let doc = roxmltree::Document::parse(xml).expect("sitemap is well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().namespace(), Some(SITEMAP_NS));
    assert_eq!(root.tag_name().name(), "urlset");
    root.children()
        .filter(|n| n.has_tag_name((SITEMAP_NS, "url")))
        .map(|u| {
            let loc =
                u.children().find(|n| n.has_tag_name((SITEMAP_NS, "loc"))).and_then(|n| n.text()).unwrap().to_string();
            let alts = u
                .children()
                .filter(|n| n.has_tag_name((XHTML_NS, "link")))
                .map(|n| (n.attribute("hreflang").unwrap().to_string(), n.attribute("href").unwrap().to_string()))
                .collect();
            (loc, alts)
        })
        .collect()
}

#[test]
fn sitemap_lists_every_real_page_with_its_alternates() {
    let s = built();
    let urls = sitemap_urls(&s.read("sitemap.xml"));
    let locs: Vec<&str> = urls.iter().map(|(l, _)| l.as_str()).collect();
    assert!(locs.contains(&"https://example.cn/projects/copper-foil/"));
    assert!(locs.contains(&"https://example.cn/en/projects/copper-foil/"));
    assert!(locs.contains(&"https://example.cn/projects/old-plant/"));
    assert!(!locs.contains(&"https://example.cn/en/projects/old-plant/"), "a fallback is not a page of its own");
    assert!(!locs.iter().any(|l| l.contains("/results/evaluation/")), "the administrators' report is left out");
    assert!(!locs.iter().any(|l| l.contains("404")));
    assert!(!locs.iter().any(|l| l.contains("/search/")), "the search page is noindex");
    let (_, alts) = urls.iter().find(|(l, _)| l == "https://example.cn/en/policies/thirty/").unwrap();
    assert_eq!(
        alts,
        &vec![
            ("zh".to_string(), "https://example.cn/policies/thirty/".to_string()),
            ("en".to_string(), "https://example.cn/en/policies/thirty/".to_string()),
            ("x-default".to_string(), "https://example.cn/policies/thirty/".to_string()),
        ]
    );
    // Every address in the sitemap is a page of the output.
    for loc in &locs {
        let path = loc.trim_start_matches("https://example.cn/");
        assert!(s.exists(&format!("{path}index.html")), "{loc} has no page");
    }
}

#[test]
fn sitemap_splits_into_an_index_past_the_limit() {
    let s = Site::fixture("basic");
    s.build_ok();
    let total = sitemap_urls(&s.read("sitemap.xml")).len();
    // Run the pipeline's first stages and ask for sitemaps of at most 10 addresses.
    let diags = investsite::diagnostics::Diagnostics::new();
    let loaded = investsite::load::load_site(s.root(), &diags).unwrap();
    let site = investsite::resolve::resolve(loaded, &investsite::resolve::Options::at(crate::common::today()), &diags);
    let theme = investsite::load::theme::load_theme(s.root(), &site.config, &diags);
    let files: Vec<(String, String)> = investsite::render::sitemap_files(&site, &theme, 10, &diags)
        .into_iter()
        .map(|f| (f.path, String::from_utf8(f.bytes).unwrap()))
        .collect();
    let index = files.iter().find(|(p, _)| p == "sitemap.xml").unwrap();
    let doc = roxmltree::Document::parse(&index.1).unwrap();
    assert_eq!(doc.root_element().tag_name().name(), "sitemapindex");
    let listed = doc.descendants().filter(|n| n.has_tag_name((SITEMAP_NS, "loc"))).count();
    let parts: Vec<_> = files.iter().filter(|(p, _)| p.starts_with("sitemap-")).collect();
    assert_eq!(parts.len(), total.div_ceil(10));
    assert_eq!(listed, parts.len(), "the index lists every part");
    let split_total: usize = parts.iter().map(|(_, x)| sitemap_urls(x).len()).sum();
    assert_eq!(split_total, total);
}

#[test]
fn robots_txt_points_at_the_sitemap() {
    let s = built();
    assert_eq!(s.read("robots.txt"), "User-agent: *\nAllow: /\n\nSitemap: https://example.cn/sitemap.xml\n");
}

#[test]
fn atom_feeds_parse_and_hold_the_newest_real_translations() {
    let s = built();
    for (path, lang) in
        [("atom.xml", "zh"), ("en/atom.xml", "en"), ("projects/atom.xml", "zh"), ("en/projects/atom.xml", "en")]
    {
        let xml = s.read(path);
        let feed = atom_syndication::Feed::read_from(xml.as_bytes()).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert!(!feed.entries().is_empty(), "{path}");
        assert!(xml.contains(&format!("xml:lang=\"{lang}\"")));
        for e in feed.entries() {
            assert!(!e.title().is_empty());
            assert!(e.links().iter().any(|l| l.href().starts_with("https://example.cn/")));
        }
    }
    let en = atom_syndication::Feed::read_from(s.read("en/atom.xml").as_bytes()).unwrap();
    let titles: Vec<&str> = en.entries().iter().map(|e| e.title().as_str()).collect();
    assert!(titles.contains(&"Solar Farm"));
    assert!(!titles.contains(&"旧厂改造项目"), "Chinese-only page is not in the English feed");
    let dates: Vec<_> = en.entries().iter().map(|e| e.updated().to_string()).collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted, "newest first");
    assert!(!s.exists("en/news/atom.xml"), "no English news: no empty feed");
}

#[test]
fn a_feed_holds_the_newest_fifty_entries() {
    let s = Site::fixture("basic");
    // 60 news items, one a day from 2026-01-01.
    for day in 1..=60u32 {
        let first = investsite::units::Date::parse("2026-01-01").unwrap().days_since_epoch();
        let date = investsite::units::Date::from_days_since_epoch(first + i64::from(day) - 1);
        s.write(
            &format!("content/news/n{day:02}.zh.md"),
            &format!("---\ntitle: 第{day}号新闻\ndate: {}\n---\n\n正文。\n", date.iso()),
        );
    }
    s.build_ok();
    for path in ["news/atom.xml", "atom.xml"] {
        let feed = atom_syndication::Feed::read_from(s.read(path).as_bytes()).unwrap();
        let titles: Vec<&str> = feed.entries().iter().map(|e| e.title().as_str()).collect();
        assert_eq!(titles.len(), 50, "{path}: {titles:?}");
        if path == "news/atom.xml" {
            // The fixture's own news item (1 November) is the newest.
            let mut expected = vec!["测试市投资促进网上线".to_string()];
            expected.extend((12..=60).rev().map(|d| format!("第{d}号新闻")));
            assert_eq!(titles, expected, "{path}: the newest fifty, newest first");
        }
    }
    // The site's feed mixes sections by date: the fixture's projects and policies of 2026
    // are newer than the oldest news, which drop out.
    let all = s.read("atom.xml");
    assert!(all.contains("<title>第60号新闻</title>") && !all.contains("<title>第1号新闻</title>"));
}

#[test]
fn pages_link_their_feeds_and_carry_json_ld() {
    let s = built();
    let html = s.read("en/policies/thirty/index.html");
    assert!(
        html.contains(r#"<link rel="alternate" type="application/atom+xml" title="Test Invest" href="/en/atom.xml">"#)
    );
    assert!(html.contains(r#"href="/en/policies/atom.xml""#));
    let start = html.find(r#"<script type="application/ld+json">"#).unwrap() + 35;
    let end = start + html[start..].find("</script>").unwrap();
    let ld: serde_json::Value = serde_json::from_str(&html[start..end]).expect("JSON-LD parses");
    let graph = ld["@graph"].as_array().unwrap();
    let legislation = graph.iter().find(|n| n["@type"] == "Legislation").expect("policy as Legislation");
    assert_eq!(legislation["legislationIdentifier"], "测政发〔2023〕15号");
    assert_eq!(legislation["legislationLegalForce"], "InForce");
    assert!(graph.iter().any(|n| n["@type"] == "BreadcrumbList"));
    let home = s.read("index.html");
    assert!(home.contains(r#""@type":"GovernmentOrganization""#));
}

/// Text with every character XML gives a meaning, as an author may write it.
const HOSTILE: &str = r#"Tom & Jerry's <b>"best"</b> deal"#;

#[test]
fn hostile_titles_keep_feeds_and_sitemaps_valid_xml() {
    let s = Site::fixture("basic");
    s.write(
        "content/news/hostile.zh.md",
        &format!(
            "---\ntitle: '{}'\nsummary: '{}'\ndate: 2026-11-20\n---\n\n正文。\n",
            HOSTILE.replace('\'', "''"),
            HOSTILE.replace('\'', "''")
        ),
    );
    s.write("content/news/_index.zh.md", "---\ntitle: 'News & \"notes\" <1>'\n---\n");
    s.build_ok();
    for path in ["news/atom.xml", "atom.xml"] {
        let xml = s.read(path);
        assert!(!xml.contains("&amp;amp;") && !xml.contains("&amp;lt;"), "{path}: escaped twice:\n{xml}");
        let feed = atom_syndication::Feed::read_from(xml.as_bytes()).unwrap_or_else(|e| panic!("{path}: {e}\n{xml}"));
        let entry = feed.entries().iter().find(|e| e.title().as_str() == HOSTILE).unwrap_or_else(|| panic!("{xml}"));
        assert_eq!(entry.summary().map(|t| t.as_str()), Some(HOSTILE));
        assert_eq!(entry.categories()[0].label(), Some("News & \"notes\" <1>"));
        // roxmltree reads what atom_syndication might forgive.
        roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{path}: {e}"));
    }
    let feed = atom_syndication::Feed::read_from(s.read("news/atom.xml").as_bytes()).unwrap();
    assert_eq!(feed.title().as_str(), "News & \"notes\" <1> - 测试投资网");
    assert!(sitemap_urls(&s.read("sitemap.xml")).iter().any(|(l, _)| l == "https://example.cn/news/hostile/"));
}

#[test]
fn a_theme_overrides_the_feed_sitemap_and_robots_templates() {
    let s = Site::fixture("basic");
    s.write(
        "themes/default/templates/atom.xml",
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>OWN {{ feed.title }}</title><id>{{ feed.permalink }}</id><updated>{{ feed.updated }}</updated>{% for e in feed.entries %}<entry><title>{{ e.title }}</title><id>{{ e.permalink }}</id><updated>{{ e.updated }}</updated></entry>{% endfor %}</feed>\n",
    );
    s.write(
        "themes/default/templates/sitemap.xml",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">{% for u in urls %}<url><loc>{{ u.loc }}</loc></url>{% endfor %}</urlset>\n",
    );
    s.write(
        "themes/default/templates/robots.txt",
        "User-agent: *\nDisallow: /results/\n\nSitemap: {{ sitemap_url }}\n",
    );
    s.build_ok();
    let feed = atom_syndication::Feed::read_from(s.read("en/atom.xml").as_bytes()).unwrap();
    assert_eq!(feed.title().as_str(), "OWN Test Invest");
    assert!(feed.entries().iter().any(|e| e.title().as_str() == "Solar Farm"));
    let sitemap = s.read("sitemap.xml");
    assert!(!sitemap.contains("xhtml:link"), "{sitemap}");
    let urls = sitemap_urls(&sitemap);
    assert!(urls.iter().any(|(l, _)| l == "https://example.cn/en/projects/copper-foil/"));
    assert_eq!(s.read("robots.txt"), "User-agent: *\nDisallow: /results/\n\nSitemap: https://example.cn/sitemap.xml\n");
    // The pages keep the built-in templates.
    assert!(s.read("en/policies/thirty/index.html").contains(r#"href="/en/policies/atom.xml""#));
}

#[test]
fn a_theme_template_error_in_a_feed_names_the_file() {
    let s = Site::fixture("basic");
    s.write("themes/default/templates/atom.xml", "<feed>{{ feed.title | nosuchfilter }}</feed>\n");
    let r = s.build();
    assert!(!r.ok());
    let m = crate::common::messages(&r);
    assert!(m.contains("themes/default/templates/atom.xml:1: template: Unknown filter `nosuchfilter`"), "{m}");
}
