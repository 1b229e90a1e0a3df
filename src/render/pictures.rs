//! Images as pages show them: a processed photo becomes a [`Image`] with its sizes in each
//! format (from the `PhotoSet` the build made before rendering), and `<picture>` markup for
//! Markdown bodies; the `resize_image` template function gives themes any size.
//!
//! Sits between `context` and `facts` in the render stage's import order.

use super::context::Cx;
use super::model::{Image, ImageSource};
use crate::photos::settings::Format;
use crate::photos::{Photo, PhotoSet, Variant};

/// The width `<img src>` gets when the browser uses neither `srcset` nor `sizes`.
const DEFAULT_SRC_WIDTH: u32 = 960;

/// The output path of a site address: `/invest/projects/a/x.jpg` → `projects/a/x.jpg`;
/// `None` for an address elsewhere.
pub fn out_path(base_path: &str, url: &str) -> Option<String> {
    if crate::url_policy::scheme_of(url).is_some() || url.starts_with("//") {
        return None;
    }
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let path = path.strip_prefix(base_path).filter(|p| p.starts_with('/')).unwrap_or(path);
    Some(crate::text::percent::decode(path.trim_start_matches('/')))
}

fn variant_url(base_path: &str, v: &Variant) -> String {
    format!("{base_path}/{}", super::links::encode_path(&v.out))
}

/// The image at `url` (a site address as `file_url` or a Markdown link gives it).
pub fn image(cx: &Cx, url: &str, alt: String, caption: Option<String>) -> Image {
    let base_path = cx.site.config.base_path();
    let out = out_path(base_path, url);
    if let Some(photo) = out.as_deref().and_then(|p| cx.photos.get(p)) {
        return photo_image(base_path, cx.photos, photo, alt, caption);
    }
    let size = out.as_deref().and_then(|p| cx.photos.size(p));
    Image {
        url: url.to_string(),
        alt,
        caption,
        width: size.map(|s| s.0),
        height: size.map(|s| s.1),
        print: url.to_string(),
        original: url.to_string(),
        ..Image::default()
    }
}

/// An image of a Markdown body at `url`: a processed photo, or an image whose size is known;
/// `None` for others (they keep the plain `<img>`).
pub fn body_image(site: &crate::resolve::Site, set: &PhotoSet, url: &str, alt: &str) -> Option<Image> {
    let base_path = site.config.base_path();
    let out = out_path(base_path, url)?;
    if let Some(photo) = set.get(&out) {
        return Some(photo_image(base_path, set, photo, alt.to_string(), None));
    }
    let (w, h) = set.size(&out)?;
    let url = url.to_string();
    Some(Image {
        url: url.clone(),
        alt: alt.to_string(),
        width: Some(w),
        height: Some(h),
        print: url.clone(),
        original: url,
        ..Image::default()
    })
}

fn photo_image(base_path: &str, set: &PhotoSet, photo: &Photo, alt: String, caption: Option<String>) -> Image {
    let fallback = photo.fallback(&set.settings);
    let srcset = |format: Format| {
        photo
            .of_format(format)
            .map(|v| format!("{} {}w", variant_url(base_path, v), v.width))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let sources = photo
        .formats(&set.settings)
        .into_iter()
        .filter(|f| *f != fallback)
        .map(|f| ImageSource { mime: f.mime(), srcset: srcset(f) })
        .collect();
    let of_fallback: Vec<&Variant> = photo.of_format(fallback).collect();
    let src = of_fallback.iter().rev().find(|v| v.width <= DEFAULT_SRC_WIDTH).or(of_fallback.first());
    let largest = of_fallback.last();
    let (width, height) = largest.map(|v| (v.width, v.height)).unwrap_or((photo.width, photo.height));
    let url_of = |v: Option<&&Variant>| {
        v.map(|v| variant_url(base_path, v)).unwrap_or_else(|| variant_url(base_path, &photo.original))
    };
    Image {
        url: url_of(src),
        alt,
        caption,
        width: Some(width),
        height: Some(height),
        srcset: Some(srcset(fallback)),
        sources,
        print: url_of(largest),
        original: variant_url(base_path, &photo.original),
    }
}

/// The variant of `url` at least `width` wide (the largest when none is), for the
/// `resize_image` template function: `None` when `url` is not a processed photo.
pub fn resized(set: &PhotoSet, base_path: &str, url: &str, width: u32) -> Option<serde_json::Value> {
    let photo = set.get(&out_path(base_path, url)?)?;
    let fallback = photo.fallback(&set.settings);
    let pick = |format: Format| -> Option<&Variant> {
        let all: Vec<&Variant> = photo.of_format(format).collect();
        all.iter().find(|v| v.width >= width).or(all.last()).copied()
    };
    let chosen = pick(fallback)?;
    let url_of = |v: &Variant| variant_url(base_path, v);
    let mut out = serde_json::json!({
        "url": url_of(chosen),
        "width": chosen.width,
        "height": chosen.height,
        "type": fallback.mime(),
    });
    if let Some(webp) = pick(Format::Webp).filter(|_| fallback != Format::Webp) {
        out["webp"] = serde_json::Value::from(url_of(webp));
    }
    Some(out)
}

/// `<picture>` markup for an image of a Markdown body: the first image of a page loads at
/// once, later ones when scrolled near (`loading="lazy"`), decoded off the main thread.
pub fn markup(img: &Image, sizes: &str, eager: bool) -> String {
    use crate::text::escape;
    let mut html = String::from(if img.sources.is_empty() { "" } else { "<picture>" });
    for s in &img.sources {
        html.push_str(&format!(
            "<source type=\"{}\" srcset=\"{}\" sizes=\"{}\">",
            s.mime,
            escape(&s.srcset),
            escape(sizes)
        ));
    }
    html.push_str(&format!("<img src=\"{}\" alt=\"{}\"", escape(&img.url), escape(&img.alt)));
    if let Some(srcset) = &img.srcset {
        html.push_str(&format!(" srcset=\"{}\" sizes=\"{}\"", escape(srcset), escape(sizes)));
    }
    if let (Some(w), Some(h)) = (img.width, img.height) {
        html.push_str(&format!(" width=\"{w}\" height=\"{h}\""));
    }
    html.push_str(if eager { " fetchpriority=\"high\">" } else { " loading=\"lazy\" decoding=\"async\">" });
    if !img.sources.is_empty() {
        html.push_str("</picture>");
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_addresses_map_to_output_paths() {
        assert_eq!(out_path("/invest", "/invest/projects/a/x.jpg").as_deref(), Some("projects/a/x.jpg"));
        assert_eq!(out_path("", "/images/%E5%9B%BE.jpg").as_deref(), Some("images/图.jpg"));
        assert_eq!(out_path("/invest", "/images/x.jpg").as_deref(), Some("images/x.jpg"));
        assert_eq!(out_path("", "https://cdn.example.cn/x.jpg"), None);
    }
}
