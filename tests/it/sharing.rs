//! Sharing: link-preview tags on every kind of page, QR codes that scan to the page's
//! address, share images and posters of the right size and weight, the WeChat hook, the
//! build without a CJK font, and the printable brochure (HTML, and PDF through Chromium).

use std::path::Path;
use std::process::Command;

use crate::common::{Site, attr_values, messages, pdf};
use resvg::{tiny_skia, usvg};

/// Share images need a CJK font. CI installs one (fonts-noto-cjk) and requires it; a machine
/// with only Rust skips the image checks with a notice.
fn fonts_ready() -> bool {
    match investsite::share::Fonts::find(Path::new("/"), None) {
        Ok(_) => true,
        Err(why) => {
            if std::env::var("INVESTSITE_REQUIRE_BROWSER").as_deref() == Ok("1") {
                panic!("a CJK font is required for the share-image checks: {why}");
            }
            eprintln!("skipping share-image checks: {why} (apt-get install fonts-noto-cjk)");
            false
        }
    }
}

fn built() -> &'static Site {
    crate::common::built("basic")
}

/// The `content` of `<meta property=…>` or `<meta name=…>`.
fn meta(html: &str, key: &str) -> Vec<String> {
    let mut v = attr_values(html, &format!("property=\"{key}\""), "content");
    v.extend(attr_values(html, &format!("name=\"{key}\""), "content"));
    v
}

fn one_meta(html: &str, key: &str) -> String {
    let v = meta(html, key);
    assert_eq!(v.len(), 1, "{key}: {v:?}");
    v[0].clone()
}

/// The address of the page at `path` in the output: what its QR code must scan to (the page
/// the reader holds, also when it is a fallback whose canonical address is the original).
fn own_url(path: &str) -> String {
    format!("https://example.cn/{}", path.trim_end_matches("index.html"))
}

fn canonical(html: &str) -> String {
    attr_values(html, "rel=\"canonical\"", "href").pop().expect("canonical link")
}

/// Every QR code found in a grey image.
fn decode_grey(w: u32, h: u32, pixel: impl Fn(u32, u32) -> u8) -> Vec<String> {
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(w as usize, h as usize, |x, y| pixel(x as u32, y as u32));
    img.detect_grids().into_iter().filter_map(|g| g.decode().ok().map(|(_, text)| text)).collect()
}

/// Draws an SVG (as the browser would show it) and decodes the QR codes in it.
fn decode_svg(svg: &str) -> Vec<String> {
    let tree = usvg::Tree::from_str(svg, &usvg::Options::default()).expect("the QR code is valid SVG");
    let scale = 400.0 / tree.size().width();
    let (w, h) = ((tree.size().width() * scale) as u32, (tree.size().height() * scale) as u32);
    let mut pixmap = tiny_skia::Pixmap::new(w, h).unwrap();
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(&tree, tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    decode_grey(w, h, |x, y| pixmap.pixel(x, y).unwrap().red())
}

pub(crate) fn decode_png(bytes: &[u8]) -> Vec<String> {
    let img = image::load_from_memory(bytes).expect("an image").to_luma8();
    decode_grey(img.width(), img.height(), |x, y| img.get_pixel(x, y).0[0])
}

/// The inline SVG of the share box (or the first one after `marker`).
fn svg_after(html: &str, marker: &str) -> String {
    let start = html.find(marker).unwrap_or_else(|| panic!("no {marker}"));
    let rest = &html[start..];
    let svg_start = rest.find("<svg").expect("an svg");
    let svg_end = rest[svg_start..].find("</svg>").expect("svg closed") + svg_start + "</svg>".len();
    rest[svg_start..svg_end].to_string()
}

fn image_size(s: &Site, rel: &str) -> (u32, u32) {
    image::image_dimensions(s.output().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The one drawn file `{stem}.{8 hex digits}.{ext}` of the output (`share/home.zh`, `png`):
/// share images carry a hash of what they show in their name.
pub(crate) fn hashed(s: &Site, stem: &str, ext: &str) -> String {
    let (dir, name) = stem.rsplit_once('/').unwrap();
    let found: Vec<String> = std::fs::read_dir(s.output().join(dir))
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|f| {
            let Some(hash) = f.strip_prefix(&format!("{name}.")).and_then(|r| r.strip_suffix(&format!(".{ext}")))
            else {
                return false;
            };
            hash.len() == 8 && hash.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        })
        .collect();
    assert_eq!(found.len(), 1, "{stem}.*.{ext}: {found:?}");
    format!("{dir}/{}", found[0])
}

fn append(s: &Site, rel: &str, text: &str) {
    let old = std::fs::read_to_string(s.root().join(rel)).unwrap();
    s.write(rel, &format!("{old}\n{text}\n"));
}

/// One page of each kind, in both languages; whether it is a list (og:type website).
const PAGES: &[(&str, bool)] = &[
    ("index.html", true),
    ("en/index.html", true),
    ("projects/index.html", true),
    ("en/projects/page/2/index.html", true),
    ("results/index.html", true),
    ("projects/copper-foil/index.html", false),
    ("en/projects/solar/index.html", false),
    ("policies/thirty/index.html", false),
    ("en/results/r1/index.html", false),
    ("results/industries/nonferrous/index.html", false),
    ("en/chains/nonferrous/index.html", false),
    ("regions/city/index.html", false),
    ("en/environment/parks/hitech/index.html", false),
    ("about/index.html", false),
    ("en/news/launch/index.html", false),
];

#[test]
fn every_kind_of_page_has_open_graph_and_twitter_tags() {
    let s = built();
    for (page, list) in PAGES {
        let html = s.read(page);
        let title = one_meta(&html, "og:title");
        assert!(!title.is_empty(), "{page}");
        // The home page's <title> is the site's name alone.
        if !matches!(*page, "index.html" | "en/index.html") {
            assert!(html.contains(&format!("<title>{title}")), "{page}: og:title is the page's own name");
        }
        assert_eq!(one_meta(&html, "og:url"), canonical(&html), "{page}");
        assert!(!one_meta(&html, "og:description").is_empty(), "{page}");
        assert!(!one_meta(&html, "og:site_name").is_empty(), "{page}");
        let locale = one_meta(&html, "og:locale");
        assert_eq!(locale, if page.starts_with("en/") { "en_US" } else { "zh_CN" }, "{page}");
        assert_eq!(meta(&html, "og:locale:alternate").len(), 1, "{page}");
        assert_eq!(one_meta(&html, "twitter:title"), title, "{page}");
        assert_eq!(one_meta(&html, "og:type"), if *list { "website" } else { "article" }, "{page}");
    }
    // The not-found page gets the tags but no canonical address.
    let html = s.read("404.html");
    assert_eq!(meta(&html, "og:title").len(), 1);
}

#[test]
fn previews_show_the_pages_own_image_or_its_sections() {
    if !fonts_ready() {
        return;
    }
    let s = built();
    let cases = [
        ("projects/copper-foil/index.html", "share/projects/copper-foil.zh"),
        ("en/projects/copper-foil/index.html", "share/projects/copper-foil.en"),
        ("en/policies/thirty/index.html", "share/policies/thirty.en"),
        ("results/r1/index.html", "share/results/r1.zh"),
        ("index.html", "share/home.zh"),
        ("en/projects/index.html", "share/projects.en"),
        ("en/projects/page/2/index.html", "share/projects.en"),
        // A news article has its own image.
        ("news/launch/index.html", "share/news/launch.zh"),
        // Pages without their own image use their section's.
        ("en/chains/nonferrous/index.html", "share/chains.en"),
        ("about/index.html", "share/home.zh"),
    ];
    for (page, stem) in cases {
        let rel = hashed(s, stem, "png");
        let image = format!("https://example.cn/{rel}");
        let html = s.read(page);
        assert_eq!(one_meta(&html, "og:image"), image, "{page}");
        assert_eq!(one_meta(&html, "twitter:image"), image, "{page}");
        assert_eq!(one_meta(&html, "twitter:card"), "summary_large_image", "{page}");
        assert_eq!(one_meta(&html, "og:image:width"), "600");
        assert_eq!(one_meta(&html, "og:image:height"), "315");
        assert_eq!(one_meta(&html, "og:image:type"), "image/png");
        assert!(!one_meta(&html, "og:image:alt").is_empty());
        assert_eq!(image_size(s, &rel), (600, 315), "{rel}");
    }
    // Only the WeChat JS-SDK share shows the square thumbnail: without `wechat:` none is drawn.
    let squares = walkdir::WalkDir::new(s.output().join("share")).into_iter().filter_map(Result::ok);
    assert!(squares.filter(|e| e.file_name().to_string_lossy().contains(".square.")).count() == 0);
}

/// Every share image or poster a page of `s` names is in the output, under a hashed name;
/// returns how many were named.
fn share_references_resolve(s: &Site) -> usize {
    let mut named = std::collections::BTreeSet::new();
    for e in walkdir::WalkDir::new(s.output()).into_iter().filter_map(Result::ok) {
        if e.path().extension().is_none_or(|x| x != "html") {
            continue;
        }
        let html = std::fs::read_to_string(e.path()).unwrap();
        for (i, _) in html.match_indices("share/") {
            let rest = &html[i..];
            let end = rest.find(['"', '\'', ' ', '<', ')']).unwrap_or(rest.len());
            let path = &rest[..end];
            if !(path.ends_with(".png") || path.ends_with(".jpg")) {
                continue;
            }
            let parts: Vec<&str> = path.rsplitn(3, '.').collect();
            assert!(
                parts.len() == 3 && parts[1].len() == 8 && parts[1].bytes().all(|b| b.is_ascii_hexdigit()),
                "{}: {path} has no content hash",
                e.path().display()
            );
            assert!(s.output().join(path).is_file(), "{}: {path} is not in the output", e.path().display());
            named.insert(path.to_string());
        }
    }
    named.len()
}

#[test]
fn every_share_image_a_page_names_exists_under_its_hashed_name() {
    if !fonts_ready() {
        return;
    }
    assert!(share_references_resolve(built()) > 20);
}

#[test]
fn brochure_pages_have_share_tags_with_the_home_image() {
    let s = built();
    for (page, home, title) in [
        ("brochure/index.html", "share/home.zh", "重点招商项目手册"),
        ("en/brochure/index.html", "share/home.en", "Featured investment projects"),
    ] {
        let html = s.read(page);
        assert_eq!(one_meta(&html, "og:title"), title, "{page}");
        assert!(!one_meta(&html, "og:description").is_empty(), "{page}");
        assert_eq!(one_meta(&html, "og:url"), own_url(page), "{page}");
        if fonts_ready() {
            assert_eq!(one_meta(&html, "og:image"), format!("https://example.cn/{}", hashed(s, home, "png")), "{page}");
            assert_eq!(one_meta(&html, "twitter:card"), "summary_large_image", "{page}");
        }
    }
}

#[test]
fn qr_codes_in_pages_scan_to_the_page_address() {
    let s = built();
    for page in [
        "index.html",
        "en/projects/copper-foil/index.html",
        "projects/page/2/index.html",
        "results/r1/index.html",
        "en/chains/nonferrous/index.html",
    ] {
        let html = s.read(page);
        let svg = svg_after(&html, "class=\"share-qr\"");
        assert!(svg.contains("role=\"img\"") && svg.contains("aria-label="), "{page}: the QR code is labelled");
        assert_eq!(decode_svg(&svg), vec![own_url(page)], "{page}");
    }
}

#[test]
fn posters_have_the_title_size_budget_and_a_qr_code_of_the_page() {
    if !fonts_ready() {
        return;
    }
    let s = built();
    // By default featured projects have posters (copper-foil is featured).
    for (page, stem) in [
        ("projects/copper-foil/index.html", "share/projects/copper-foil.zh.poster"),
        ("en/projects/copper-foil/index.html", "share/projects/copper-foil.en.poster"),
    ] {
        let poster = hashed(s, stem, "png");
        let html = s.read(page);
        // The share box shows the poster, to long-press and save in WeChat.
        let img = attr_values(&html, "alt=\"", "src").into_iter().find(|src| src.contains(".poster."));
        assert_eq!(img.as_deref(), Some(format!("/{poster}").as_str()), "{page}");
        assert!(html.contains(&format!(r#"src="/{poster}" width="750" height="1334""#)), "{page}");
        let bytes = std::fs::read(s.output().join(&poster)).unwrap();
        assert!(bytes.len() < 300 * 1024, "{poster} is {} bytes", bytes.len());
        assert_eq!(image::image_dimensions(s.output().join(&poster)).unwrap(), (750, 1334));
        assert_eq!(decode_png(&bytes), vec![own_url(page)], "{poster} scans to its page");
    }
    // Lists, chains and plain pages have no poster; projects not featured, policies and pool
    // results only when asked for.
    for page in [
        "projects/index.html",
        "en/chains/nonferrous/index.html",
        "about/index.html",
        "results/r1/index.html",
        "projects/solar/index.html",
        "en/policies/thirty/index.html",
    ] {
        assert!(!s.read(page).contains(".poster."), "{page}");
    }
}

#[test]
fn posters_are_drawn_for_the_sections_site_yaml_lists() {
    if !fonts_ready() {
        return;
    }
    let s = Site::fixture("basic");
    append(&s, "site.yaml", "share: {posters: [results, policies]}");
    let cache = tempfile::tempdir().unwrap();
    let mut opts = s.options();
    opts.cache_dir = Some(cache.path().to_path_buf());
    assert!(investsite::build::build(&opts).ok());
    // Every page of the sections listed, featured or not.
    for (page, stem) in [
        ("results/r1/index.html", "share/results/r1.zh.poster"),
        ("en/results/r4/index.html", "share/results/r4.en.poster"),
        ("en/policies/thirty/index.html", "share/policies/thirty.en.poster"),
    ] {
        let poster = hashed(&s, stem, "png");
        assert!(s.read(page).contains(&format!(r#"src="/{poster}" width="750" height="1334""#)), "{page}");
        let bytes = std::fs::read(s.output().join(&poster)).unwrap();
        assert_eq!(decode_png(&bytes), vec![own_url(page)], "{poster} scans to its page");
    }
    assert!(!s.read("projects/copper-foil/index.html").contains(".poster."), "projects are not listed");
    let posters = walkdir::WalkDir::new(s.output().join("share"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains(".poster."))
        .count();
    assert!(posters > 0);
    assert!(
        walkdir::WalkDir::new(s.output().join("share/projects"))
            .into_iter()
            .filter_map(Result::ok)
            .all(|e| !e.file_name().to_string_lossy().contains(".poster.")),
        "no project poster is drawn"
    );

    // An unknown section is an error at its line in site.yaml.
    let s = Site::fixture("basic");
    append(&s, "site.yaml", "share: {posters: [projects, parks]}");
    let report = investsite::build::build(&s.options());
    let errors: Vec<String> = report.errors().map(|d| d.to_string()).collect();
    assert!(errors.iter().any(|e| e.contains("unknown value \"parks\"") && e.contains("site.yaml")), "{errors:?}");
}

#[test]
fn share_images_are_palette_pngs_of_their_full_size() {
    if !fonts_ready() {
        return;
    }
    let s = built();
    let poster = hashed(s, "share/projects/copper-foil.zh.poster", "png");
    let image = hashed(s, "share/projects/copper-foil.zh", "png");
    // Share images are drawn at half their template's 1200×630; posters at full size.
    for (file, size) in [(poster, (750, 1334)), (image, (600, 315))] {
        let bytes = std::fs::read(s.output().join(&file)).unwrap();
        let decoder = png::Decoder::new(std::io::Cursor::new(bytes.as_slice()));
        let reader = decoder.read_info().unwrap();
        let info = reader.info();
        assert_eq!(info.color_type, png::ColorType::Indexed, "{file}");
        assert_eq!((info.width, info.height), size, "{file}");
        assert_eq!(info.bit_depth, png::BitDepth::Four, "{file}: two pixels a byte");
        let colours = info.palette.as_ref().map_or(0, |p| p.len() / 3);
        // Flat colours and anti-aliased text: more than a handful, at most sixteen.
        assert!((8..=16).contains(&colours), "{file}: {colours} colours");
    }
}

#[test]
fn a_changed_page_redraws_only_its_own_images() {
    if !fonts_ready() {
        return;
    }
    let s = Site::fixture("basic");
    // Posters for every project (solar is not featured).
    append(&s, "site.yaml", "share: {posters: [projects]}");
    let cache = tempfile::tempdir().unwrap();
    let mut opts = s.options();
    opts.cache_dir = Some(cache.path().to_path_buf());
    // The cache's marker file is not an image.
    let entries = || {
        std::fs::read_dir(cache.path())
            .unwrap()
            .filter(|e| e.as_ref().unwrap().file_name() != ".investsite-share-cache")
            .count()
    };
    assert!(investsite::build::build(&opts).ok());
    let drawn = entries();
    let images = walkdir::WalkDir::new(s.output().join("share"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .count();
    assert_eq!(drawn, images, "one cache entry per image");
    let names = |stem: &str| (hashed(&s, stem, "png"), hashed(&s, &format!("{stem}.poster"), "png"));
    let before = names("share/projects/solar.zh");
    let poster_before = std::fs::read(s.output().join(&before.1)).unwrap();
    let (en_before, list_before) = (names("share/projects/solar.en"), hashed(&s, "share/projects.zh", "png"));
    assert!(investsite::build::build(&opts).ok());
    assert_eq!(entries(), drawn, "nothing redrawn when nothing changed");
    assert_eq!(names("share/projects/solar.zh"), before, "same names when nothing changed");
    let text = std::fs::read_to_string(s.root().join("content/projects/solar/index.zh.md")).unwrap();
    s.write("content/projects/solar/index.zh.md", &text.replace("title: 光伏电站项目", "title: 百兆瓦光伏电站项目"));
    assert!(investsite::build::build(&opts).ok());
    // The page's share image and poster in Chinese, under new names WeChat has not cached.
    assert_eq!(entries(), drawn + 2);
    let after = names("share/projects/solar.zh");
    assert!(after.0 != before.0 && after.1 != before.1, "{before:?} -> {after:?}");
    assert_ne!(std::fs::read(s.output().join(&after.1)).unwrap(), poster_before);
    assert!(!s.output().join(&before.1).exists(), "the old poster is gone");
    let html = s.read("projects/solar/index.html");
    assert_eq!(one_meta(&html, "og:image"), format!("https://example.cn/{}", after.0));
    assert!(html.contains(&format!("src=\"/{}\"", after.1)));
    // Other pages' images keep their names.
    assert_eq!(names("share/projects/solar.en"), en_before);
    assert_eq!(hashed(&s, "share/projects.zh", "png"), list_before);
    share_references_resolve(&s);
}

#[test]
fn without_a_cjk_font_the_build_warns_once_and_links_no_image() {
    let s = Site::fixture("basic");
    s.write_bytes("fonts/broken.ttf", b"not a font");
    append(&s, "site.yaml", "share: {font: fonts/broken.ttf}");
    let r = s.build_ok();
    let warnings: Vec<String> =
        r.diagnostics.iter().map(|d| d.to_string()).filter(|t| t.contains("CJK font")).collect();
    assert_eq!(warnings.len(), 1, "{}", messages(&r));
    assert!(warnings[0].contains("no CJK font found: posters and share images skipped"), "{}", warnings[0]);
    assert!(warnings[0].contains("site.yaml") && warnings[0].contains("fonts-noto-cjk"), "{}", warnings[0]);
    assert!(!s.exists("share"));
    for page in ["projects/copper-foil/index.html", "index.html", "en/results/r1/index.html"] {
        let html = s.read(page);
        assert!(meta(&html, "og:image").is_empty(), "{page}");
        assert_eq!(one_meta(&html, "twitter:card"), "summary", "{page}");
        assert!(!html.contains("/share/"), "{page} links no image");
        // The QR code needs no font.
        assert_eq!(decode_svg(&svg_after(&html, "class=\"share-qr\"")), vec![own_url(page)]);
    }
}

#[test]
fn wechat_hook_is_there_only_when_configured() {
    let s = built();
    for (page, _) in PAGES {
        let html = s.read(page);
        assert!(!html.contains("wechat-share") && !html.contains("res.wx.qq.com"), "{page}");
    }
    let s = Site::fixture("basic");
    append(
        &s,
        "site.yaml",
        "wechat: {appid: wx0123456789abcdef, signature_endpoint: https://api.example.cn/wechat/signature}",
    );
    s.build_ok();
    let html = s.read("en/projects/copper-foil/index.html");
    let script = |attr: &str| attr_values(&html, "id=\"wechat-share\"", attr).pop().unwrap_or_default();
    assert_eq!(script("data-appid"), "wx0123456789abcdef");
    assert_eq!(script("data-endpoint"), "https://api.example.cn/wechat/signature");
    assert_eq!(script("data-link"), "https://example.cn/en/projects/copper-foil/");
    assert_eq!(script("data-sdk"), "https://res.wx.qq.com/open/js/jweixin-1.6.0.js");
    if fonts_ready() {
        // The JS-SDK share's thumbnail is the square one, drawn only for it.
        let square = hashed(&s, "share/projects/copper-foil.en.square", "png");
        assert_eq!(script("data-img"), format!("https://example.cn/{square}"));
        assert_eq!(image_size(&s, &square), (300, 300));
        let news = s.read("news/launch/index.html");
        let news_img = attr_values(&news, "id=\"wechat-share\"", "data-img").pop().unwrap_or_default();
        assert_eq!(news_img, format!("https://example.cn/{}", hashed(&s, "share/news/launch.zh.square", "png")));
        share_references_resolve(&s);
    }
    // Outside WeChat's browser the script stops before loading anything.
    let body = &html[html.find("id=\"wechat-share\"").unwrap()..];
    let check = body.find("MicroMessenger").unwrap();
    assert!(check < body.find("XMLHttpRequest").unwrap() && check < body.find("createElement").unwrap());

    let s = Site::fixture("basic");
    append(&s, "site.yaml", "wechat: {appid: wx0123456789abcdef}");
    let r = s.build();
    assert!(!r.ok());
    let text = messages(&r);
    assert!(text.contains("site.yaml") && text.contains("signature_endpoint"), "{text}");
}

#[test]
fn brochure_has_a_sheet_per_project_with_its_qr_code() {
    let s = built();
    for (page, home) in
        [("brochure/index.html", "https://example.cn/"), ("en/brochure/index.html", "https://example.cn/en/")]
    {
        let html = s.read(page);
        assert!(html.contains("css/brochure.css?v="), "{page}");
        // One featured open project in the fixture: the copper foil plant.
        assert_eq!(html.matches("class=\"sheet project\"").count(), 1, "{page}");
        let project = if page.starts_with("en/") {
            "https://example.cn/en/projects/copper-foil/"
        } else {
            "https://example.cn/projects/copper-foil/"
        };
        assert_eq!(decode_svg(&svg_after(&html, "class=\"sheet project\"")), vec![project.to_string()], "{page}");
        assert_eq!(decode_svg(&svg_after(&html, "class=\"sheet cover\"")), vec![home.to_string()], "{page}");
    }
    let zh = s.read("brochure/index.html");
    assert!(zh.contains("年产5万吨高性能电解铜箔项目") && zh.contains("测试市招商引资优惠政策三十条"));
    // The projects list links it.
    assert!(s.read("en/projects/index.html").contains("href=\"/en/brochure/\""));
}

#[test]
fn brochure_selects_projects_by_chain_or_region() {
    let s = Site::fixture("basic");
    append(&s, "site.yaml", "brochure: {chains: [new-energy]}");
    s.build_ok();
    let html = s.read("en/brochure/index.html");
    // The solar plant (new energy, open); not the copper foil plant, nor the closed plant.
    assert_eq!(html.matches("class=\"sheet project\"").count(), 1);
    assert!(
        html.contains("id=\"project-solar\"")
            && !html.contains("id=\"project-copper-foil\"")
            && !html.contains("project-old-plant")
    );

    let s = Site::fixture("basic");
    // A city takes in its counties.
    append(&s, "site.yaml", "brochure: {regions: [city]}");
    s.build_ok();
    let html = s.read("brochure/index.html");
    assert_eq!(html.matches("class=\"sheet project\"").count(), 2);

    let s = Site::fixture("basic");
    append(&s, "site.yaml", "brochure: {chains: [nonferous]}");
    let r = s.build();
    assert!(!r.ok());
    let text = messages(&r);
    assert!(text.contains("site.yaml:") && text.contains("no industry chain \"nonferous\""), "{text}");
}

#[test]
fn brochure_prints_the_projects_chosen_in_site_yaml_in_their_order() {
    let s = Site::fixture("basic");
    // The closed plant too: a project chosen by name is printed whatever its status.
    append(&s, "site.yaml", "brochure: {projects: [old-plant, copper-foil]}");
    s.build_ok();
    let html = s.read("en/brochure/index.html");
    assert_eq!(html.matches("class=\"sheet project\"").count(), 2, "{html}");
    let (old, copper) = (html.find("id=\"project-old-plant\""), html.find("id=\"project-copper-foil\""));
    assert!(old.is_some() && copper.is_some() && old < copper, "in the order given");
    assert!(!html.contains("id=\"project-solar\""), "not chosen");

    let s = Site::fixture("basic");
    append(&s, "site.yaml", "brochure: {projects: [copper-fiol]}");
    let r = s.build();
    assert!(!r.ok());
    let text = messages(&r);
    assert!(text.contains("site.yaml:") && text.contains("no project \"copper-fiol\""), "{text}");
}

#[test]
fn brochure_projects_flag_prints_only_the_chosen_projects() {
    if !crate::common::browser::chromium_ready() || !tool("pdftotext") {
        return;
    }
    let s = Site::fixture("basic");
    let (code, out, err) =
        s.run(&["brochure", "--projects", "solar", "--lang", "zh", "--output", "pdf", "--today", "2026-11-25"]);
    assert_eq!(code, 0, "{out}\n{err}");
    let zh = s.root().join("pdf/brochure.zh.pdf");
    // Cover, contents, the one project, policies in force, contacts.
    assert_eq!(pdf::pages(&zh), 5);
    let all: String = (1..=5).map(|p| pdf::page_text(&zh, p)).collect::<String>().split_whitespace().collect();
    assert!(all.contains("光伏电站项目"), "{all}");
    assert!(!all.contains("电解铜箔项目"), "the featured copper foil plant is not chosen: {all}");
    // An unknown name is an error of the site's build: nothing printed.
    let (code, _, err) = s.run(&["brochure", "--projects", "nope", "--output", "pdf2", "--today", "2026-11-25"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("no project \"nope\"") && err.contains("known ids: solar"), "{err}");
    assert!(!s.root().join("pdf2").exists());
}

fn tool(name: &str) -> bool {
    Command::new(name).arg("-v").output().is_ok()
}

#[test]
fn brochure_prints_to_pdf_one_project_per_page_with_chinese_text() {
    if !crate::common::browser::chromium_ready() {
        return;
    }
    let s = Site::fixture("basic");
    append(&s, "site.yaml", "brochure: {projects: all}");
    let (code, out, err) = s.run(&["brochure", "--output", "pdf", "--today", "2026-11-25"]);
    assert_eq!(code, 0, "{out}\n{err}");
    let zh = s.root().join("pdf/brochure.zh.pdf");
    assert!(out.contains("brochure.zh.pdf") && out.contains("brochure.en.pdf"), "{out}");
    // Cover, contents, the two open projects, policies in force, contacts.
    assert_eq!(pdf::pages(&zh), 6);
    assert_eq!(pdf::pages(&s.root().join("pdf/brochure.en.pdf")), 6);
    assert!(!s.exists("index.html"), "the site's own output is not touched");
    if !tool("pdftotext") {
        if std::env::var("INVESTSITE_REQUIRE_BROWSER").as_deref() == Ok("1") {
            panic!("pdftotext (poppler-utils) is required to read the brochure's text");
        }
        eprintln!("skipping the brochure's text check: no pdftotext (apt-get install poppler-utils)");
        return;
    }
    let squeeze = |t: String| t.split_whitespace().collect::<String>();
    // Contents: number, title and page on one line; newest project first.
    let contents: Vec<String> = pdf::page_text(&zh, 2).lines().map(|l| squeeze(l.to_string())).collect();
    assert!(contents.iter().any(|l| l == "目录"), "{contents:?}");
    assert!(contents.iter().any(|l| l == "1光伏电站项目3"), "{contents:?}");
    assert!(contents.iter().any(|l| l == "2年产5万吨高性能电解铜箔项目4"), "{contents:?}");
    let p3 = squeeze(pdf::page_text(&zh, 3));
    assert!(p3.contains("光伏电站项目") && !p3.contains("电解铜箔项目"), "{p3}");
    // (pdftotext may set the Latin "5" of the title on its own line: compare the Chinese.)
    assert!(squeeze(pdf::page_text(&zh, 4)).contains("万吨高性能电解铜箔项目"));
    assert!(squeeze(pdf::page_text(&zh, 5)).contains("测试市招商引资优惠政策三十条"));
    assert!(squeeze(pdf::page_text(&zh, 6)).contains("测试投资促进局"));
}

#[test]
fn brochure_lang_prints_only_the_languages_asked_for() {
    if !crate::common::browser::chromium_ready() {
        return;
    }
    let s = Site::fixture("basic");
    append(&s, "site.yaml", "brochure: {projects: all}");
    let (code, out, err) = s.run(&["brochure", "--lang", "en", "--output", "pdf", "--today", "2026-11-25"]);
    assert_eq!(code, 0, "{out}\n{err}");
    assert_eq!(out.lines().collect::<Vec<_>>().len(), 1, "{out}");
    assert!(out.contains("brochure.en.pdf") && !out.contains("brochure.zh.pdf"), "{out}");
    assert_eq!(pdf::pages(&s.root().join("pdf/brochure.en.pdf")), 6);
    assert!(!s.root().join("pdf/brochure.zh.pdf").exists());
    // A language the site does not have is refused, naming the ones it has.
    let (code, _, err) = s.run(&["brochure", "--lang", "zh,fr", "--output", "pdf2", "--today", "2026-11-25"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("the site has no language \"fr\" (it has: zh, en)"), "{err}");
    assert!(!s.root().join("pdf2").exists(), "nothing printed");
}

#[test]
fn brochure_command_says_clearly_when_chromium_is_missing() {
    let s = Site::fixture("basic");
    let out = Command::new(env!("CARGO_BIN_EXE_investsite"))
        .args(["brochure"])
        .current_dir(s.root())
        .env("CHROMIUM", s.root().join("no-such-browser"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no Chromium found") && err.contains("apt-get install chromium") && err.contains("/brochure/"),
        "{err}"
    );
}

#[test]
fn a_broken_poster_template_is_an_error_naming_the_template() {
    if !fonts_ready() {
        return;
    }
    let s = Site::fixture("basic");
    s.build_ok();
    let before = crate::common::snapshot(&s.output());
    s.write(
        "themes/default/templates/share/poster.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"750\" height=\"1334\"><rect</svg>\n",
    );
    let r = s.build();
    assert!(!r.ok());
    let text = messages(&r);
    assert!(
        text.contains("themes/default/templates/share/poster.svg") && text.contains("the SVG is not valid"),
        "{text}"
    );
    assert_eq!(crate::common::snapshot(&s.output()), before, "the previous output is untouched");
}

/// Right-to-left pages get share images and posters aligned right: every line of text ends at
/// the right margin (`text-anchor="end"`), a long Arabic title wraps onto several lines, and
/// the images are drawn (issue #15).
#[test]
fn arabic_share_images_and_posters_are_aligned_right() {
    if !fonts_ready() {
        return;
    }
    let s = Site::fixture("basic");
    s.edit_site_yaml(|yaml| yaml.replace("languages: [zh, en]", "languages: [zh, en, ar]"));
    let title = "مشروع إنشاء مجمع صناعي متكامل لإنتاج رقائق النحاس عالية الأداء لبطاريات السيارات الكهربائية";
    let en = std::fs::read_to_string(s.root().join("content/projects/copper-foil.en.md")).unwrap();
    s.write(
        "content/projects/copper-foil.ar.md",
        &en.replace("title: 50,000 t/yr Electrolytic Copper Foil", &format!("title: {title}")),
    );
    let svgs: Vec<String> = s.drawn_svgs("ar").into_iter().filter(|t| t.contains("رقائق")).collect();
    let (posters, images): (Vec<&String>, Vec<&String>) = svgs.iter().partition(|s| s.contains(r#"height="1334""#));
    assert_eq!((images.len(), posters.len()), (1, 1), "the Arabic project's share image and poster");
    for svg in &svgs {
        let doc = roxmltree::Document::parse(svg).unwrap();
        let texts: Vec<roxmltree::Node> = doc.descendants().filter(|n| n.has_tag_name("text")).collect();
        assert!(texts.len() > 5);
        for t in &texts {
            let anchor = t.attribute("text-anchor").unwrap_or("start");
            assert!(anchor == "end" || anchor == "middle", "left-aligned text in an Arabic image: {t:?}");
        }
    }
    // The title's lines (62 px in the share image) all end at the right margin, x = 1120.
    let doc = roxmltree::Document::parse(images[0]).unwrap();
    let title_lines: Vec<roxmltree::Node> =
        doc.descendants().filter(|n| n.has_tag_name("text") && n.attribute("font-size") == Some("62")).collect();
    assert!(title_lines.len() >= 2, "a long title wraps");
    assert!(title_lines.iter().all(|n| n.attribute("x") == Some("1120")));
    let png = hashed(&s, "share/projects/copper-foil.ar", "png");
    assert_eq!(image_size(&s, &png), (600, 315));
}
