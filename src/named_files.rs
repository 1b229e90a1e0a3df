//! Files and addresses that front matter and `site.yaml` name — a page's `images`, a
//! policy's `attachments`, the site's `logo` and `favicon` — are checked before anything
//! is written, each error naming the file, the line and the field.
//!
//! An address (`https://…`) must pass the site's address policy. A file must be one the
//! build publishes — in the page's own folder (a page bundle) or under `static/` (for the
//! logo and favicon also the theme's static files) — named without `..`, and be what its
//! extension says: the header of an image is decoded, documents are recognised by their
//! first bytes. A `.jpg` that is really an HTML page would reach readers as a broken image
//! or, opened on its own, as a page of the site. Unknown extensions are published as they are.

use std::io::Read;
use std::path::Path;

use rayon::prelude::*;
use serde_json::Value;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::domain::Domain;
use crate::load::ContentFile;
use crate::load::config::CONFIG_FILE;
use crate::load::theme::{Source, Theme};
use crate::photos::PhotoSet;
use crate::resolve::{IMAGE_ITEM_KEYS, ImageItem, Page, Site};
use crate::url_policy::scheme_of;

/// Checks every page's `images` and `attachments` and the site's logo and favicon; a photo
/// that `photos` could not process is an error where it is named.
pub fn check(site: &Site, theme: &Theme, photos: &PhotoSet, diags: &Diagnostics) {
    site.pages.par_iter().for_each(|page| check_page(site, page, photos, diags));
    let c = &site.config;
    for (key, value, line) in [("logo", &c.logo, c.logo_line), ("favicon", &c.favicon, c.favicon_line)] {
        let Some(name) = value else { continue };
        if let Err(why) = locate_site_file(site, theme, name).and_then(|p| processed(photos, p.as_deref(), name)) {
            let mut d = Diagnostic::error(why).in_file(CONFIG_FILE).field(key);
            if let Some(l) = line.filter(|l| *l > 0) {
                d = d.at_line(l);
            }
            diags.push(d.help("give a file under static/ (`logo: /images/logo.png`) or an https:// address"));
        }
    }
    check_chamber_qr_codes(site, theme, photos, diags);
}

/// Each chamber's `wechat_qr` in data/chambers.yaml: a file under static/ or an address.
fn check_chamber_qr_codes(site: &Site, theme: &Theme, photos: &PhotoSet, diags: &Diagnostics) {
    let Some(file) = site.data.get(crate::domain::chambers::DATA_STEM) else { return };
    for c in &site.env.chambers {
        let Some(name) = &c.wechat_qr else { continue };
        if let Err(why) = locate_site_file(site, theme, name).and_then(|p| processed(photos, p.as_deref(), name)) {
            let mut d = Diagnostic::error(why).in_file(&file.rel).field("wechat_qr");
            if let Some(l) = c.wechat_qr_line.filter(|l| *l > 0) {
                d = d.at_line(l).with_source(&file.text);
            }
            diags.push(
                d.help("put the QR image under static/ and name it from there: `wechat_qr: /images/qr/shenzhen.png`"),
            );
        }
    }
}

/// The files whose `images` a page shows: the original's, or where the original has none,
/// a translation's own (see `render::facts::images`). Each is reported once, where written.
fn check_page(site: &Site, page: &Page, photos: &PhotoSet, diags: &Diagnostics) {
    let Some(original) = page.original_version().file.map(|i| &site.files[i]) else { return };
    // A kind without `images` warns that the field is ignored; an ignored field is not checked.
    let images_read = page.kind.known().is_none_or(|known| known.contains(&"images"));
    let mut writers = if images_read { vec![original] } else { Vec::new() };
    if images_read && !original.front.contains_key("images") {
        let own = page.versions.iter().filter(|v| !v.fallback).filter_map(|v| v.file).map(|i| &site.files[i]);
        writers.extend(own.filter(|f| f.rel != original.rel && f.front.contains_key("images")));
    }
    for file in writers {
        let items = image_items(file, diags);
        for item in &items {
            let name = &item.src;
            if let Err(why) = locate(site, page, name).and_then(|p| processed(photos, p, name)) {
                report(file, "images", name, why, diags);
            }
        }
        warn_missing_alt(page, file, &items, diags);
    }
    if let Domain::Policy(p) = &page.domain {
        for name in &p.attachments {
            if let Err(why) = locate(site, page, name).map(|_| ()) {
                report(original, "attachments", name, why, diags);
            }
        }
    }
}

/// The items of a file's `images`, as the renderer reads them; an item of another shape is
/// an error at its line.
fn image_items(file: &ContentFile, diags: &Diagnostics) -> Vec<ImageItem> {
    let raw: Vec<&Value> = match file.front.get("images") {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(other) => vec![other],
        None => Vec::new(),
    };
    let mut items = Vec::new();
    for value in raw {
        if let Value::Object(m) = value {
            let unknown: Vec<&str> = m.keys().map(String::as_str).filter(|k| !IMAGE_ITEM_KEYS.contains(k)).collect();
            let bad_text = ["alt", "caption"]
                .into_iter()
                .filter(|k| m.get(*k).is_some_and(|v| crate::load::fields::LangText::from_value(v).is_none()));
            let mut problems: Vec<String> =
                bad_text.map(|k| format!("`{k}` must be a text or `{{zh: …, en: …}}`")).collect();
            if !unknown.is_empty() {
                problems.push(format!("unknown key {}", unknown.join(", ")));
            }
            if m.get("src").and_then(crate::resolve::value_text).is_none() {
                problems.push("the item has no `src:` naming the file".to_string());
            }
            if !problems.is_empty() {
                let anchor = m.get("src").and_then(Value::as_str).unwrap_or("src");
                let mut d = Diagnostic::error(format!("an item of `images`: {}", problems.join("; ")))
                    .in_file(&file.rel)
                    .field("images");
                if let Some(line) = item_line(file, "images", anchor) {
                    d = d.at_line(line).with_source(&file.source());
                }
                diags.push(d.help("write an item as `- photo.jpg` or `- {src: photo.jpg, alt: {zh: 厂房外景, en: The factory}, caption: …}`"));
            }
        }
        items.extend(crate::resolve::image_item(value));
    }
    items
}

/// An image without alt text in a language its page is read in: screen readers (and
/// accessibility checks of government sites) get nothing to say. One warning per image,
/// naming the languages.
fn warn_missing_alt(page: &Page, file: &ContentFile, items: &[ImageItem], diags: &Diagnostics) {
    let langs: Vec<&str> = page.versions.iter().filter(|v| !v.fallback).map(|v| v.lang.as_str()).collect();
    for item in items {
        let missing: Vec<String> = langs
            .iter()
            .filter(|l| ImageItem::text_in(&item.alt, l, &file.lang).is_none())
            .map(|l| format!("{} ({l})", crate::load::config::english_language_name(l)))
            .collect();
        if missing.is_empty() {
            continue;
        }
        let mut d = Diagnostic::warning(format!("the image {} has no alt text in {}", item.src, missing.join(", ")))
            .in_file(&file.rel)
            .field("images");
        if let Some(line) = item_line(file, "images", &item.src) {
            d = d.at_line(line).with_source(&file.source());
        }
        diags.push(d.help(format!(
            "say what the picture shows, in each language: `- {{src: {}, alt: {{zh: 园区鸟瞰, en: The park from above}}}}`",
            item.src
        )));
    }
}

/// A photo the build could not process cannot be shown.
fn processed(photos: &PhotoSet, path: Option<&Path>, name: &str) -> Result<(), String> {
    match path.and_then(|p| photos.failure_of_file(p)) {
        Some(why) => Err(format!("the photo {name} cannot be used: {why}")),
        None => Ok(()),
    }
}

fn report(file: &ContentFile, field: &str, name: &str, why: String, diags: &Diagnostics) {
    let mut d = Diagnostic::error(why).in_file(&file.rel).field(field);
    if let Some(line) = item_line(file, field, name) {
        d = d.at_line(line).with_source(&file.source());
    }
    let lang = &file.lang;
    diags.push(d.help(format!(
        "put the file in the page's own folder next to its index.{lang}.md and give its name, or under static/ and give its path (`/docs/rules.pdf`); or give an https:// address"
    )));
}

/// The file line of a list item: `- a.jpg` under the field, or the field's own line.
fn item_line(file: &ContentFile, field: &str, name: &str) -> Option<usize> {
    let key_line = crate::load::yaml::key_line(&file.fm_text, &[field])?;
    let lines: Vec<&str> = file.fm_text.lines().collect();
    let item = lines
        .iter()
        .enumerate()
        .skip(key_line)
        .take_while(|(_, l)| l.starts_with([' ', '-', '\t']) || l.trim().is_empty())
        .find(|(_, l)| l.contains(name))
        .map(|(i, _)| i + 1);
    Some(item.unwrap_or(key_line) + file.fm_offset)
}

/// Finds a name as the renderer does (`render::facts::file_url`): an address (`None`), a
/// file of the page's bundle, or a file under static/. `Err` is the sentence for the author.
fn locate<'s>(site: &'s Site, page: &Page, name: &str) -> Result<Option<&'s Path>, String> {
    let Some(rel) = file_name(site, name)? else { return Ok(None) };
    let in_bundle = !name.starts_with('/') && page.is_bundle;
    let bundle_file = in_bundle.then(|| site.assets.iter().find(|a| a.key == page.key && a.name == rel)).flatten();
    let path = match bundle_file {
        Some(asset) => Some(asset.src.as_path()),
        None => site.static_files.iter().find(|(_, r)| r == rel).map(|(p, _)| p.as_path()),
    };
    let Some(path) = path else {
        let where_ = if in_bundle { "in the page's folder or under static/" } else { "under static/" };
        return Err(format!("the file {name} does not exist {where_}"));
    };
    check_content(path, name).map(|_| Some(path))
}

/// The site's logo and favicon: a file under static/ or of the theme, or an address.
fn locate_site_file(site: &Site, theme: &Theme, name: &str) -> Result<Option<std::path::PathBuf>, String> {
    let Some(rel) = file_name(site, name)? else { return Ok(None) };
    if let Some((path, _)) = site.static_files.iter().find(|(_, r)| r == rel) {
        return check_content(path, name).map(|_| Some(path.clone()));
    }
    match theme.static_files.get(rel) {
        Some(Source::Disk(path)) => check_content(path, name).map(|_| None),
        Some(Source::Embedded(_)) => Ok(None),
        None => Err(format!("the file {name} does not exist under static/")),
    }
}

/// The path of a named file inside its folder, `None` for an address the policy allows.
fn file_name<'a>(site: &Site, name: &'a str) -> Result<Option<&'a str>, String> {
    site.config.url_policy.check(name).map_err(|why| format!("\"{}\": {why}", name.escape_debug()))?;
    if scheme_of(name).is_some() || name.starts_with("//") {
        return Ok(None);
    }
    if name.is_empty() {
        return Err("the file name is empty".to_string());
    }
    if name.contains('\\') {
        return Err(format!("\"{name}\": write `/` between folders, not `\\`"));
    }
    if name.split('/').any(|part| part == "..") {
        return Err(format!(
            "\"{name}\" climbs out of its folder with `..`; name a file of the page's own folder or under static/"
        ));
    }
    Ok(Some(name.trim_start_matches('/')))
}

/// Extensions of images, with the format their header must have.
fn image_format(ext: &str) -> Option<image::ImageFormat> {
    match ext {
        "svg" => None,
        _ => image::ImageFormat::from_extension(ext),
    }
}

/// Whether the file is what its extension says.
fn check_content(path: &Path, name: &str) -> Result<(), String> {
    let ext = Path::new(name).extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    let head = read_head(path).map_err(|e| format!("cannot read {name}: {e}"))?;
    let wrong = |what: &str| Err(format!("{name} is not {what}: {}", describe(&head)));
    if let Some(format) = image_format(&ext) {
        let found = image::guess_format(&head).ok();
        if found != Some(format) {
            return wrong(&format!("a {} image", format_name(format)));
        }
        return decodable(path, name, format);
    }
    match ext.as_str() {
        "svg" if !is_svg(&head) => wrong("an SVG image"),
        "pdf" if !head.windows(5).take(1024).any(|w| w == b"%PDF-") => wrong("a PDF document"),
        "docx" | "xlsx" | "pptx" | "ofd" | "zip" if !head.starts_with(ZIP) => {
            wrong(&format!("a .{ext} document (those are ZIP archives)"))
        }
        "doc" | "xls" | "ppt" | "wps" | "et" | "dps" if !head.starts_with(OLE) => {
            wrong(&format!("a .{ext} document (an Office or WPS file of the older kind)"))
        }
        _ => Ok(()),
    }
}

const ZIP: &[u8] = b"PK\x03\x04";
const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
const HEAD_LEN: u64 = 4096;

fn read_head(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut head = Vec::new();
    std::fs::File::open(path)?.take(HEAD_LEN).read_to_end(&mut head)?;
    Ok(head)
}

/// Formats the build can decode: their header must give a size, not only a signature.
fn decodable(path: &Path, name: &str, format: image::ImageFormat) -> Result<(), String> {
    if !matches!(format, image::ImageFormat::Jpeg | image::ImageFormat::Png) {
        return Ok(());
    }
    let reader = image::ImageReader::open(path).map_err(|e| format!("cannot read {name}: {e}"))?;
    match reader
        .with_guessed_format()
        .map_err(|e| e.to_string())
        .and_then(|r| r.into_dimensions().map_err(|e| e.to_string()))
    {
        Ok((w, h)) if w > 0 && h > 0 => Ok(()),
        Ok(_) => Err(format!("{name} is an image of no pixels")),
        Err(e) => Err(format!("{name} is a damaged {} image: {e}", format_name(format))),
    }
}

fn is_svg(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let start = text.trim_start_matches('\u{feff}').trim_start();
    start.starts_with('<') && text.contains("<svg")
}

fn format_name(f: image::ImageFormat) -> &'static str {
    match f {
        image::ImageFormat::Jpeg => "JPEG",
        image::ImageFormat::Png => "PNG",
        image::ImageFormat::Gif => "GIF",
        image::ImageFormat::WebP => "WebP",
        image::ImageFormat::Bmp => "BMP",
        image::ImageFormat::Ico => "ICO",
        image::ImageFormat::Tiff => "TIFF",
        image::ImageFormat::Avif => "AVIF",
        _ => "image",
    }
}

/// What the first bytes of a file look like, so the author knows what they have.
fn describe(head: &[u8]) -> String {
    if head.is_empty() {
        return "the file is empty".to_string();
    }
    if let Ok(f) = image::guess_format(head) {
        return format!("it is a {} image (rename it to match)", format_name(f));
    }
    if head.windows(5).take(1024).any(|w| w == b"%PDF-") {
        return "it is a PDF document".to_string();
    }
    if head.starts_with(ZIP) {
        return "it is a ZIP archive (or a .docx/.xlsx document)".to_string();
    }
    if head.starts_with(OLE) {
        return "it is an older Office or WPS document (.doc/.xls)".to_string();
    }
    let text = String::from_utf8_lossy(head);
    let printable = text.chars().filter(|c| !c.is_control() || c.is_whitespace()).count();
    if printable * 10 >= text.chars().count() * 9 {
        let start = text.trim_start_matches('\u{feff}').trim_start().to_ascii_lowercase();
        if start.starts_with("<!doctype html") || start.starts_with("<html") || start.starts_with("<head") {
            return "it is an HTML page (saved from a browser instead of the file itself?)".to_string();
        }
        return "it is text".to_string();
    }
    "its content is of another kind".to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_start_of_a_file_says_what_it_is() {
        assert!(describe(b"<!DOCTYPE html><html>").contains("HTML page"));
        assert!(describe(b"\x89PNG\r\n\x1a\n....").contains("PNG image"));
        assert!(describe(b"%PDF-1.7").contains("PDF"));
        assert!(describe(b"hello").contains("text"));
        assert!(describe(b"").contains("empty"));
        assert!(is_svg(b"\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>"));
        assert!(!is_svg(b"<html><body>not an svg</body></html>"));
    }

    #[test]
    fn image_extensions_map_to_formats() {
        assert_eq!(image_format("jpg"), Some(image::ImageFormat::Jpeg));
        assert_eq!(image_format("jpeg"), Some(image::ImageFormat::Jpeg));
        assert_eq!(image_format("webp"), Some(image::ImageFormat::WebP));
        assert_eq!(image_format("svg"), None);
        assert_eq!(image_format("pdf"), None);
    }
}
