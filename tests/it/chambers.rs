//! Chambers of commerce and liaison offices (`data/chambers.yaml`): the directory in both
//! languages, its static filter pages, each chamber's page, the regions and chains they
//! serve, the map, the open data, `new chamber`, the errors an author meets; and project
//! pages showing where the project is.

use std::sync::OnceLock;

use crate::common::{Site, attr_values, messages, shared_site};

/// Three offices on the basic fixture: one with everything, one liaison office written with
/// plain texts, one abroad with neither city nor coordinates.
pub const CHAMBERS: &str = r#"# chambers of the test site
- id: sz
  name: {zh: 深圳白银商会, en: Shenzhen Baiyin Chamber}
  kind: 异地商会
  city: {zh: 深圳, en: Shenzhen}
  country: {zh: 中国, en: China}
  location: [114.0579, 22.5431]
  serves: {regions: [county], chains: [有色金属]}
  officers:
    - {name: {zh: 陈志强, en: Chen Zhiqiang}, role: {zh: 会长, en: President}, phone: "0755-5550101", email: sz@example.cn}
  wechat_qr: /images/qr-sz.svg
  website: https://sz-chamber.example.cn/
  description: {zh: 会员集中在**锂电池**。, en: "Members make **batteries**, see [the list](https://sz-chamber.example.cn/members)."}
- id: xa
  name: {zh: 驻西安联络处, en: "Xi'an Liaison Office"}
  kind: liaison
  city: {zh: 西安, en: "Xi'an"}
  location: [108.94, 34.34]
  serves: {regions: [city]}
  officers:
    - {name: 赵刚, role: 主任, phone: "029-5550177"}
- id: de
  name: {zh: 德国甘肃商会, en: Gansu Chamber in Germany}
  kind: Overseas chamber
  country: {zh: 德国, en: Germany}
  serves: {chains: [new-energy]}
"#;

const QR_SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 21 21"><rect width="21" height="21" fill="#fff"/><path d="M0 0h7v7h-7z"/></svg>"##;

pub fn with_chambers(s: &Site) {
    s.write("data/chambers.yaml", CHAMBERS);
    s.write("static/images/qr-sz.svg", QR_SVG);
}

/// The basic fixture with the chambers, built once for the tests that only read it.
fn built() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| {
        let s = shared_site("basic");
        with_chambers(&s);
        s.build_ok();
        s
    })
}

/// The chamber pages a list links to, in its order.
fn listed(html: &str) -> Vec<String> {
    attr_values(html, "chamber-link", "href")
}

#[test]
fn the_directory_lists_every_office_in_both_languages() {
    let s = built();
    let zh = s.read("chambers/index.html");
    assert_eq!(listed(&zh).len(), 3, "{:?}", listed(&zh));
    for id in ["sz", "xa", "de"] {
        assert!(listed(&zh).contains(&format!("/chambers/{id}/")), "{id} in {:?}", listed(&zh));
    }
    assert!(zh.contains("<h1>商会与联络处</h1>"), "the directory's title in Chinese");
    assert!(zh.contains("异地商会") && zh.contains("境外商会"), "kinds named in Chinese");
    let en = s.read("en/chambers/index.html");
    let links = listed(&en);
    assert_eq!(links.len(), 3, "{links:?}");
    assert!(links.iter().all(|l| l.starts_with("/en/chambers/")), "{links:?}");
    assert!(en.contains("Shenzhen Baiyin Chamber") && en.contains("Gansu Chamber in Germany"), "English names");
    assert!(en.contains("<h1>Chambers and liaison offices</h1>"));
    // The first officer can be called from the list.
    assert!(en.contains(r#"<a dir="ltr" href="tel:+867555550101">+86 755 555 0101</a>"#), "{en}");
}

#[test]
fn filter_pages_hold_exactly_the_offices_of_their_kind_or_place() {
    let s = built();
    let cases: &[(&str, &[&str])] = &[
        ("chambers/kind/hometown/index.html", &["/chambers/sz/"]),
        ("chambers/kind/liaison/index.html", &["/chambers/xa/"]),
        ("chambers/kind/overseas/index.html", &["/chambers/de/"]),
        ("chambers/place/shenzhen/index.html", &["/chambers/sz/"]),
        ("chambers/place/xian/index.html", &["/chambers/xa/"]),
        ("chambers/place/germany/index.html", &["/chambers/de/"]),
        ("en/chambers/kind/overseas/index.html", &["/en/chambers/de/"]),
    ];
    for (page, expected) in cases {
        let html = s.read(page);
        assert_eq!(listed(&html), *expected, "{page}");
    }
    // No office is an industry chamber: no empty filter page.
    assert!(!s.exists("chambers/kind/industry/index.html"));
    // The filters are links (no script), the current one marked, with counts.
    let html = s.read("en/chambers/kind/liaison/index.html");
    assert!(html.contains(r#"<strong aria-current="page">Liaison office</strong>"#), "{html}");
    assert!(
        html.contains(r#"<a href="/en/chambers/kind/hometown/">Hometown chamber</a> <span class="count">(1)</span>"#)
    );
    assert!(html.contains(r#"<a href="/en/chambers/place/shenzhen/">Shenzhen</a>"#));
    assert!(html.contains("<title>Chambers and liaison offices: Liaison office - Test Invest</title>"), "{html}");
    assert!(!html.contains("<script src=\"/js/finder.js"), "filters need no script");
}

#[test]
fn a_chamber_page_shows_its_officers_what_it_serves_and_where_it_is() {
    let s = built();
    let html = s.read("en/chambers/sz/index.html");
    assert!(html.contains("<h1>Shenzhen Baiyin Chamber</h1>"), "{html}");
    assert!(html.contains(r#"href="tel:+867555550101">+86 755 555 0101</a>"#), "tel: link in the international form");
    assert!(html.contains(r#"href="mailto:sz@example.cn">sz@example.cn</a>"#));
    assert!(html.contains("Chen Zhiqiang") && html.contains("President"));
    assert!(html.contains(r#"<a href="/en/regions/county/">Test County</a>"#), "served region linked: {html}");
    assert!(html.contains(r#"<a href="/en/chains/nonferrous/">"#), "served chain, written by its Chinese name, linked");
    assert!(html.contains(r#"<a href="/en/chambers/kind/hometown/">Hometown chamber</a>"#));
    assert!(html.contains("<strong>batteries</strong>"), "the description's Markdown is rendered");
    assert!(html.contains(r#"<a href="https://sz-chamber.example.cn/members">the list</a>"#));
    assert!(html.contains(r#"<img src="/images/qr-sz.svg""#), "the WeChat QR code");
    assert!(html.contains(r#"href="https://sz-chamber.example.cn/""#), "website");
    // Map links in each service's datum: GCJ-02 for AMap (shifted), WGS84 for OSM.
    assert!(html.contains("https://uri.amap.com/marker?position=114.06"), "AMap");
    assert!(html.contains("https://api.map.baidu.com/marker?location=22.54"), "Baidu");
    assert!(html.contains("https://www.openstreetmap.org/?mlat=22.543100&amp;mlon=114.057900"), "OSM");
    // The Chinese page shows the number as written.
    let zh = s.read("chambers/sz/index.html");
    assert!(zh.contains(r#"href="tel:+867555550101">0755-5550101</a>"#), "{zh}");
    assert!(zh.contains("陈志强") && zh.contains("会长"));
    // A plain text written once is shown on both pages.
    let xa = s.read("en/chambers/xa/index.html");
    assert!(xa.contains("赵刚") && xa.contains(r#"href="tel:+862955501"#), "{xa}");
}

#[test]
fn region_and_chain_pages_list_the_offices_serving_them() {
    let s = built();
    let county = s.read("en/regions/county/index.html");
    assert_eq!(listed(&county), ["/en/chambers/sz/"], "only the chamber serving the county");
    assert!(county.contains("Chambers and liaison offices serving it"));
    let city = s.read("regions/city/index.html");
    assert_eq!(listed(&city), ["/chambers/xa/"]);
    let energy = s.read("en/chains/new-energy/index.html");
    assert_eq!(listed(&energy), ["/en/chambers/de/"]);
}

#[test]
fn the_directory_maps_the_offices_with_coordinates() {
    let s = built();
    let html = s.read("en/chambers/index.html");
    assert!(html.contains(r#"class="site-map""#), "a map of the offices");
    assert_eq!(html.matches("pt pt-chamber").count(), 2, "two offices have coordinates; the one abroad has none");
    assert!(html.contains(r#"<h3 class="map-group-title">Chambers and liaison offices</h3>"#), "{html}");
    // An office without coordinates and with no located region has no map and no map links.
    let de = s.read("en/chambers/de/index.html");
    assert!(!de.contains("site-map") && !de.contains("uri.amap.com"), "{de}");
    // A filter page's map shows only its offices.
    let liaison = s.read("en/chambers/kind/liaison/index.html");
    assert!(liaison.matches("pt pt-chamber").count() <= 1);
}

#[test]
fn chamber_pages_are_in_the_sitemap_search_index_and_open_data() {
    let s = built();
    let sitemap = s.read("sitemap.xml");
    assert!(sitemap.contains("https://example.cn/chambers/sz/"), "{sitemap}");
    assert!(sitemap.contains("https://example.cn/en/chambers/kind/overseas/"));
    let index = s.read("en/search/index.en.js");
    assert!(index.contains("chambers/sz/") && index.contains("Chen Zhiqiang"), "searchable by officer");
    let json: serde_json::Value = serde_json::from_str(&s.read("en/data/chambers.json")).unwrap();
    assert_eq!(json["count"], 3);
    let sz = json["items"].as_array().unwrap().iter().find(|i| i["id"] == "sz").unwrap();
    assert_eq!(sz["kind"]["id"], "hometown");
    assert_eq!(sz["kind"]["name"], "Hometown chamber");
    assert_eq!(sz["regions"][0], "Test County");
    assert_eq!(sz["officers"][0]["phone"], "0755-5550101");
    assert_eq!(sz["url"], "https://example.cn/en/chambers/sz/");
    let csv = s.read("data/chambers.csv");
    assert!(csv.starts_with('\u{feff}'), "a BOM for Excel");
    let mut lines = csv.trim_start_matches('\u{feff}').lines();
    assert!(lines.next().unwrap().starts_with("id,url,name,kind,city,country,regions,chains,officer,role,phone,email"));
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 3, "{csv}");
    assert!(
        rows.iter()
            .any(|r| r.starts_with("sz,https://example.cn/chambers/sz/,深圳白银商会,异地商会,深圳,中国,测试县,")),
        "{csv}"
    );
}

#[test]
fn a_bad_kind_an_unknown_region_and_a_bad_phone_are_located() {
    let s = Site::fixture("basic");
    let yaml = CHAMBERS
        .replace("kind: 异地商会", "kind: hometwon")
        .replace("regions: [county]", "regions: [countyy]")
        .replace("phone: \"029-5550177\"", "phone: \"029-555 ext 1\"");
    s.write("data/chambers.yaml", &yaml);
    s.write("static/images/qr-sz.svg", QR_SVG);
    let r = s.build();
    assert!(!r.ok());
    let m = messages(&r);
    assert!(m.contains("data/chambers.yaml:4: field `kind`: unknown value \"hometwon\""), "{m}");
    assert!(m.contains("did you mean hometown (异地商会 / Hometown chamber)?"), "{m}");
    assert!(
        m.contains("data/chambers.yaml:8: field `serves.regions`: no region \"countyy\" in data/regions.yaml"),
        "{m}"
    );
    assert!(m.contains("did you mean county"), "{m}");
    assert!(m.contains("data/chambers.yaml:21: field `officers`: officer 1's phone"), "{m}");
    assert!(!s.exists("chambers/index.html"), "nothing is written while an error stands");
}

#[test]
fn a_missing_qr_image_and_a_refused_website_are_errors_at_their_lines() {
    let s = Site::fixture("basic");
    s.write("data/chambers.yaml", &CHAMBERS.replace("https://sz-chamber.example.cn/\n", "javascript:alert(1)\n"));
    let m = messages(&s.build());
    assert!(
        m.contains("data/chambers.yaml:11: field `wechat_qr`: the file /images/qr-sz.svg does not exist under static/"),
        "{m}"
    );
    assert!(m.contains("data/chambers.yaml:12: field `website`"), "{m}");
}

#[test]
fn the_default_menu_lists_the_directory_when_there_are_chambers() {
    let s = Site::fixture("basic");
    with_chambers(&s);
    s.drop_nav();
    s.build_ok();
    let html = s.read("en/index.html");
    let nav = &html[html.find("<nav").unwrap()..];
    assert!(nav.contains(r#"href="/en/chambers/""#), "{nav}");
}

#[test]
fn new_chamber_appends_a_draft_entry_that_builds() {
    let s = Site::fixture("basic");
    with_chambers(&s);
    let (code, out, err) = s.run(&["new", "chamber", "驻成都联络处"]);
    assert_eq!(code, 0, "{out}{err}");
    let yaml = std::fs::read_to_string(s.root().join("data/chambers.yaml")).unwrap();
    assert!(yaml.starts_with("# chambers of the test site"), "the file's comments are kept");
    assert!(yaml.contains("- id: zhu-cheng-du-lian-luo-chu\n  draft: true"), "{yaml}");
    assert!(yaml.contains("name: {zh: 驻成都联络处,"), "{yaml}");
    assert!(yaml.contains("phone: \"0943-1234567\""), "the site's own contact: {yaml}");
    s.build_ok();
    assert!(!s.exists("chambers/zhu-cheng-du-lian-luo-chu/index.html"), "a draft is not published");
    let (code, out, err) = s.run(&["new", "chamber", "驻成都联络处"]);
    assert_ne!(code, 0, "the same id twice: {out}");
    assert!(err.contains("already has an entry"), "{err}");
}

#[test]
fn a_project_page_maps_the_project_its_park_and_region() {
    let s = crate::common::built("basic");
    let html = s.read("en/projects/copper-foil/index.html");
    assert!(html.contains(r#"class="site-map""#), "the project's map");
    assert!(html.contains("pt pt-project") && html.contains("pt pt-park"), "the project and its park");
    // Its own coordinates, converted for AMap (GCJ-02), as written for OpenStreetMap.
    assert!(html.contains("https://www.openstreetmap.org/?mlat=36.550000&amp;mlon=104.170000"), "{html}");
    assert!(html.contains("https://uri.amap.com/marker?position=104.17"), "AMap link");
}
