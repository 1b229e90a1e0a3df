//! Photos: resized to a few widths, WebP and JPEG (PNG for transparency), metadata
//! stripped, cached between builds; `<picture>` with `srcset`, `sizes`, `width`, `height`;
//! SVG and GIF untouched; alt text per language.
//!
//! The fixture's photos are made here, so no megabytes are committed: `factory.jpg` is a
//! 4000×3000 gradient with EXIF orientation 6 (turn right) and a GPS position, `mark.png`
//! has transparent pixels, `spinner.gif` is a one-pixel GIF.

use std::path::Path;
use std::sync::OnceLock;

use image::ImageEncoder;

use crate::common::{Site, messages, shared_site};

const PAGE: &str = "content/news/park-tour";
/// 43 bytes: the smallest transparent GIF.
const GIF: &[u8] = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;";

/// An EXIF block (APP1) with orientation 6 and a GPS latitude of 36°33' N: what a staff
/// phone writes into every photo.
fn exif_app1() -> Vec<u8> {
    let mut tiff: Vec<u8> = b"II\x2a\x00\x08\x00\x00\x00".to_vec();
    let entry = |tag: u16, kind: u16, count: u32, value: u32| -> Vec<u8> {
        [
            tag.to_le_bytes().to_vec(),
            kind.to_le_bytes().to_vec(),
            count.to_le_bytes().to_vec(),
            value.to_le_bytes().to_vec(),
        ]
        .concat()
    };
    // IFD0 at 8: orientation, and the GPS IFD at 8 + 30 = 38.
    tiff.extend(2u16.to_le_bytes());
    tiff.extend(entry(0x0112, 3, 1, 6));
    tiff.extend(entry(0x8825, 4, 1, 38));
    tiff.extend(0u32.to_le_bytes());
    // GPS IFD at 38: latitude ref "N", latitude (3 rationals) at 38 + 30 = 68.
    tiff.extend(2u16.to_le_bytes());
    tiff.extend(entry(0x0001, 2, 2, u32::from_le_bytes(*b"N\0\0\0")));
    tiff.extend(entry(0x0002, 5, 3, 68));
    tiff.extend(0u32.to_le_bytes());
    for (num, den) in [(36u32, 1u32), (33, 1), (0, 1)] {
        tiff.extend(num.to_le_bytes());
        tiff.extend(den.to_le_bytes());
    }
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend(tiff);
    let mut segment = vec![0xFF, 0xE1];
    segment.extend(((app1.len() + 2) as u16).to_be_bytes());
    segment.extend(app1);
    segment
}

/// A `w`×`h` gradient JPEG carrying [`exif_app1`].
fn phone_photo(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([(x * 255 / w) as u8, (y * 255 / h) as u8, 140]));
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 85)
        .write_image(img.as_raw(), w, h, image::ExtendedColorType::Rgb8)
        .unwrap();
    let mut out = jpeg[..2].to_vec();
    out.extend(exif_app1());
    out.extend(&jpeg[2..]);
    out
}

fn transparent_png() -> Vec<u8> {
    let img = image::RgbaImage::from_fn(600, 400, |x, y| {
        let inside = (x as i32 - 300).pow(2) + (y as i32 - 200).pow(2) < 150 * 150;
        image::Rgba([200, 80, 30, if inside { 255 } else { 0 }])
    });
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new(&mut png)
        .write_image(img.as_raw(), 600, 400, image::ExtendedColorType::Rgba8)
        .unwrap();
    png
}

fn add_photos(s: &Site) {
    s.write_bytes(&format!("{PAGE}/factory.jpg"), &phone_photo(4000, 3000));
    s.write_bytes(&format!("{PAGE}/mark.png"), &transparent_png());
    s.write_bytes(&format!("{PAGE}/spinner.gif"), GIF);
}

fn photo_site() -> Site {
    let s = Site::fixture("photos");
    add_photos(&s);
    s
}

/// The fixture with its photos, built once for the tests that only read it.
fn built() -> &'static (Site, String) {
    static BUILT: OnceLock<(Site, String)> = OnceLock::new();
    BUILT.get_or_init(|| {
        let s = shared_site("photos");
        add_photos(&s);
        let r = s.build_ok();
        let m = messages(&r);
        (s, m)
    })
}

/// The output files under `dir` whose names start with `stem.`, sorted.
fn variants(out: &Path, dir: &str, stem: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(out.join(dir))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(&format!("{stem}.")))
        .collect();
    names.sort();
    names
}

fn size_of(path: &Path) -> (u32, u32) {
    let bytes = std::fs::read(path).unwrap();
    if path.extension().is_some_and(|e| e == "webp") {
        let decoded = webp::Decoder::new(&bytes).decode().unwrap_or_else(|| panic!("{} is no WebP", path.display()));
        return (decoded.width(), decoded.height());
    }
    image::ImageReader::new(std::io::Cursor::new(bytes)).with_guessed_format().unwrap().into_dimensions().unwrap()
}

/// The markers of a JPEG's segments before its image data (APP1 is EXIF or XMP).
fn jpeg_markers(bytes: &[u8]) -> Vec<u8> {
    let mut markers = Vec::new();
    let mut at = 2;
    while at + 4 <= bytes.len() && bytes[at] == 0xFF {
        let marker = bytes[at + 1];
        markers.push(marker);
        if marker == 0xDA {
            break;
        }
        at += 2 + usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
    }
    markers
}

#[test]
fn a_phone_photo_is_published_upright_in_three_widths_and_two_formats() {
    let (s, _) = built();
    let out = s.output();
    let names = variants(&out, "news/park-tour", "factory");
    let widths_of = |ext: &str| -> Vec<u32> {
        let mut w: Vec<u32> = names
            .iter()
            .filter(|n| n.ends_with(ext) && n.split('.').count() == 4)
            .map(|n| n.split('.').nth(1).unwrap().parse().unwrap())
            .collect();
        w.sort();
        w
    };
    assert_eq!(widths_of(".webp"), vec![480, 960, 1600], "{names:?}");
    assert_eq!(widths_of(".jpg"), vec![480, 960, 1600], "{names:?}");
    for name in &names {
        let (w, h) = size_of(&out.join("news/park-tour").join(name));
        // Orientation 6: the 4000×3000 landscape is shown as a portrait photo.
        assert!(h > w, "{name} is {w}×{h}, not turned upright");
    }
    let (w, h) = size_of(&out.join("news/park-tour/factory.jpg"));
    assert_eq!((w, h), (1600, 2133), "the original's address serves the largest size");
}

#[test]
fn no_gps_position_or_other_metadata_is_left_in_any_photo() {
    let (s, _) = built();
    let source = std::fs::read(s.root().join(PAGE).join("factory.jpg")).unwrap();
    assert!(contains(&source, b"Exif") && jpeg_markers(&source).contains(&0xE1), "the test photo carries EXIF");
    let dir = s.output().join("news/park-tour");
    for name in variants(&s.output(), "news/park-tour", "factory") {
        let bytes = std::fs::read(dir.join(&name)).unwrap();
        assert!(
            !contains(&bytes, b"Exif") && !contains(&bytes, b"EXIF") && !contains(&bytes, b"XMP"),
            "{name} keeps metadata"
        );
        if name.ends_with(".jpg") {
            let markers = jpeg_markers(&bytes);
            assert!(markers.ends_with(&[0xDA]), "{name}: {markers:x?}");
            assert!(markers.iter().all(|m| !(0xE1..=0xEF).contains(m)), "{name} keeps an APP segment: {markers:x?}");
        }
    }
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn a_photo_with_transparency_is_published_as_png_and_webp_not_jpeg() {
    let (s, _) = built();
    let names = variants(&s.output(), "news/park-tour", "mark");
    assert!(names.iter().any(|n| n.ends_with(".png") && n.starts_with("mark.480.")), "{names:?}");
    assert!(names.iter().any(|n| n.ends_with(".webp") && n.starts_with("mark.600.")), "{names:?}");
    assert!(!names.iter().any(|n| n.ends_with(".jpg")), "{names:?}");
}

#[test]
fn svg_and_gif_are_published_untouched() {
    let (s, _) = built();
    for name in ["plan.svg", "spinner.gif"] {
        let source = std::fs::read(s.root().join(PAGE).join(name)).unwrap();
        assert_eq!(std::fs::read(s.output().join("news/park-tour").join(name)).unwrap(), source, "{name}");
        assert_eq!(variants(&s.output(), "news/park-tour", name.split('.').next().unwrap()), vec![name.to_string()]);
    }
    let page = s.read("news/park-tour/index.html");
    // Shown as they are, with the size they say they have (no layout shift either).
    assert!(
        page.contains(r#"<img src="/news/park-tour/spinner.gif" alt="加载动画" width="1" height="1" loading="lazy""#),
        "{page}"
    );
    assert!(
        page.contains(
            r#"<img src="/news/park-tour/plan.svg" alt="总平面示意图" width="120" height="80" loading="lazy""#
        ),
        "{page}"
    );
}

/// The `<picture>` of the hero (the first of `images`) and the attributes of its `<img>`.
fn hero(page: &str) -> &str {
    let start = page.find(r#"<figure class="page-hero">"#).expect("a hero");
    &page[start..start + page[start..].find("</figure>").unwrap()]
}

#[test]
fn pages_give_browsers_every_size_with_width_and_height() {
    let (s, _) = built();
    let page = s.read("news/park-tour/index.html");
    let hero = hero(&page);
    let webp = regex_free_attr(hero, "<source type=\"image/webp\" srcset=\"");
    let widths: Vec<&str> = webp.split(", ").map(|c| c.rsplit(' ').next().unwrap()).collect();
    assert_eq!(widths, vec!["480w", "960w", "1600w"], "{hero}");
    assert!(webp.split(", ").all(|c| c.starts_with("/news/park-tour/factory.") && c.contains(".webp ")), "{webp}");
    let img = &hero[hero.find("<img").unwrap()..];
    let jpeg = regex_free_attr(img, " srcset=\"");
    assert!(jpeg.contains(".jpg 480w") && jpeg.contains(".jpg 1600w"), "{jpeg}");
    assert!(hero.contains(r#"sizes="(min-width: 74rem) 70rem, calc(100vw - 2rem)""#), "{hero}");
    assert!(hero.contains(r#"width="1600" height="2133""#), "{hero}");
    assert!(
        hero.contains(r#"fetchpriority="high""#) && !hero.contains("loading=\"lazy\""),
        "the first image loads at once: {hero}"
    );
    assert!(hero.contains(r#"alt="一号厂房外景""#) && hero.contains("<figcaption>一号厂房</figcaption>"), "{hero}");
    // The src is a middle size in JPEG, not the original.
    assert!(hero.contains(r#"<img src="/news/park-tour/factory.960."#), "{hero}");
    // The gallery and the body: lazy, decoded off the main thread, with their size.
    let gallery = &page[page.find(r#"class="gallery""#).unwrap()..];
    assert!(
        gallery.contains(r#"loading="lazy" decoding="async""#) && gallery.contains(r#"width="600" height="400""#),
        "{gallery}"
    );
    let body = &page[page.find("园区全景：").unwrap()..page.find(r#"class="gallery""#).unwrap()];
    assert!(body.contains("<picture><source type=\"image/webp\"") && body.contains(r#"alt="园区全景""#), "{body}");
    assert!(body.contains(r#"width="1600" height="2133" loading="lazy" decoding="async""#), "{body}");
}

/// The value of the first attribute that `start` opens (`srcset="`), up to its closing quote.
fn regex_free_attr<'a>(html: &'a str, start: &str) -> &'a str {
    let from = html.find(start).unwrap_or_else(|| panic!("no {start} in {html}")) + start.len();
    &html[from..from + html[from..].find('"').unwrap()]
}

#[test]
fn alt_text_and_captions_follow_the_reader_s_language() {
    let (s, _) = built();
    let en = s.read("en/news/park-tour/index.html");
    let hero = hero(&en);
    assert!(
        hero.contains(r#"alt="Building 1 seen from the road""#) && hero.contains("<figcaption>Building 1</figcaption>"),
        "{hero}"
    );
    assert!(en.contains(r#"alt="The park&#39;s mark""#), "{en}");
}

#[test]
fn an_image_without_alt_text_in_a_language_is_a_warning_naming_file_and_language() {
    let (_, m) = built();
    let line = m.lines().find(|l| l.contains("plan.svg has no alt text")).unwrap_or_else(|| panic!("{m}"));
    assert!(line.starts_with("warning: content/news/park-tour/index.zh.md:7: field `images`"), "{line}");
    assert!(line.contains("English (en)") && !line.contains("Chinese"), "{line}");
    let body = m.lines().find(|l| l.contains("the image plan.svg has no alt text:")).unwrap_or_else(|| panic!("{m}"));
    assert!(body.starts_with("warning: content/news/park-tour/index.zh.md:17:"), "{body}");
}

#[test]
fn a_second_build_takes_every_photo_from_the_cache() {
    let s = photo_site();
    let first = s.build_ok();
    assert_eq!((first.photos_made, first.photos_cached), (2, 0));
    let page = s.read("news/park-tour/index.html");
    let cache = s.root().join(".investsite-cache/images");
    assert!(cache.join(".investsite-image-cache").is_file());
    let second = s.build_ok();
    assert_eq!((second.photos_made, second.photos_cached), (0, 2), "nothing is encoded again");
    assert_eq!(s.read("news/park-tour/index.html"), page);
    // A changed photo is made again, under new names.
    s.write_bytes(&format!("{PAGE}/factory.jpg"), &phone_photo(1200, 900));
    let third = s.build_ok();
    assert_eq!((third.photos_made, third.photos_cached), (1, 1));
    assert_ne!(s.read("news/park-tour/index.html"), page);
}

#[test]
fn the_photo_cache_refuses_a_folder_holding_other_files() {
    let s = photo_site();
    s.write(".investsite-cache/images/notes.txt", "mine");
    let r = s.build();
    let fatal = r.fatal.expect("refused").to_string();
    assert!(fatal.contains("notes.txt") && fatal.contains("INVESTSITE_PHOTO_CACHE_DIR"), "{fatal}");
    assert!(s.root().join(".investsite-cache/images/notes.txt").exists());
}

#[test]
fn undecodable_and_missing_photos_are_errors_at_their_line() {
    let s = photo_site();
    // The PNG's header is whole (so its size can be read) but its pixels are cut off.
    let png = transparent_png();
    s.write_bytes(&format!("{PAGE}/mark.png"), &png[..png.len() / 2]);
    s.write(&format!("{PAGE}/index.en.md"), "---\ntitle: A tour\n---\n\nText.\n\n![Gone](missing.jpg)\n");
    let r = s.build();
    assert!(!r.ok());
    let m = messages(&r);
    let at =
        |needle: &str| m.lines().find(|l| l.contains(needle)).unwrap_or_else(|| panic!("{needle}: {m}")).to_string();
    assert!(
        at("mark.png cannot be used: it cannot be decoded")
            .starts_with("error: content/news/park-tour/index.zh.md:6: field `images`"),
        "{m}"
    );
    assert!(at("the photo cannot be processed").starts_with("warning: content/news/park-tour/mark.png:"), "{m}");
    assert!(at("missing.jpg").starts_with("error: content/news/park-tour/index.en.md:7:"), "{m}");
    assert!(!s.output().exists(), "nothing is written while errors stand");
}

#[test]
fn process_false_copies_photos_as_they_are() {
    let s = photo_site();
    s.edit_site_yaml(|yaml| format!("{yaml}images: {{process: false}}\n"));
    let r = s.build_ok();
    assert_eq!((r.photos_made, r.photos_cached), (0, 0));
    let source = std::fs::read(s.root().join(PAGE).join("factory.jpg")).unwrap();
    assert_eq!(std::fs::read(s.output().join("news/park-tour/factory.jpg")).unwrap(), source);
    assert_eq!(variants(&s.output(), "news/park-tour", "factory"), vec!["factory.jpg"]);
    assert!(!s.read("news/park-tour/index.html").contains("srcset"));
}

#[test]
fn widths_formats_and_quality_come_from_site_yaml() {
    let s = photo_site();
    let yaml = std::fs::read_to_string(s.root().join("site.yaml")).unwrap();
    s.write("site.yaml", &format!("{yaml}images: {{widths: [320, 640], formats: [jpeg], quality: 60}}\n"));
    s.build_ok();
    let names = variants(&s.output(), "news/park-tour", "factory");
    assert_eq!(names.len(), 3, "two widths of JPEG and the original: {names:?}");
    assert!(names.iter().any(|n| n.starts_with("factory.320.")) && names.iter().any(|n| n.starts_with("factory.640.")));
    assert!(!s.read("news/park-tour/index.html").contains("image/webp"));

    s.write("site.yaml", &format!("{yaml}images: {{widths: [0, big], formats: [avif], quality: 101}}\n"));
    let m = messages(&s.build());
    for needle in ["\"0\" is not a width", "\"big\" is not a width", "unknown value \"avif\"", "from 1 to 100"] {
        assert!(m.lines().any(|l| l.starts_with("error: site.yaml:") && l.contains(needle)), "{needle}: {m}");
    }
}

#[test]
fn a_theme_asks_for_any_width_with_resize_image() {
    let s = photo_site();
    s.write(
        "themes/default/templates/photo-card.html",
        "{% set r = resize_image(path=page.images[0].original, width=700) %}<img src=\"{{ r.url }}\" width=\"{{ r.width }}\" height=\"{{ r.height }}\" data-webp=\"{{ r.webp }}\">{% set g = resize_image(path=\"/news/park-tour/plan.svg\", width=100) %}<img src=\"{{ g.url }}\">",
    );
    let zh = std::fs::read_to_string(s.root().join(PAGE).join("index.zh.md")).unwrap();
    s.write(&format!("{PAGE}/index.zh.md"), &zh.replacen("---\n", "---\ntemplate: photo-card.html\n", 1));
    // The default theme asks for the logo at twice its 48 pixels.
    s.write_bytes("static/logo.png", &transparent_png());
    s.edit_site_yaml(|yaml| format!("{yaml}logo: /logo.png\n"));
    s.build_ok();
    let home = s.read("index.html");
    assert!(home.contains(r#"<img class="brand-logo" src="/logo.480."#), "{home}");
    let page = s.read("news/park-tour/index.html");
    assert!(
        page.contains(r#"<img src="/news/park-tour/factory.960."#) && page.contains(r#"width="960" height="1280""#),
        "{page}"
    );
    assert!(page.contains(r#"data-webp="/news/park-tour/factory.960."#), "{page}");
    assert!(page.contains(r#"<img src="/news/park-tour/plan.svg">"#), "{page}");
}

#[test]
fn a_phone_loads_a_phone_sized_photo_not_the_original() {
    if !crate::common::browser::ready() {
        return;
    }
    let (s, _) = built();
    let url = crate::common::browser::serve(&s.output());
    crate::common::browser::run("photos.cjs", &url);
}

#[test]
fn a_relative_build_makes_every_srcset_address_relative() {
    let s = photo_site();
    let r = investsite::build::build(&investsite::build::BuildOptions { relative: true, ..s.options() });
    assert!(r.ok(), "{}", messages(&r));
    let page = s.read("news/park-tour/index.html");
    let hero = hero(&page);
    assert!(hero.contains(r#"srcset="../../news/park-tour/factory.480."#), "{hero}");
    assert!(!hero.contains("srcset=\"/") && !hero.contains(", /news/"), "{hero}");
}
