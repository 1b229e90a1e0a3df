//! Sharing, per page: the QR code of the page's address (every page), the share image
//! (600×315, from a 1200×630 template) of the home page, sections, projects, policies, pool
//! results and news articles, their square thumbnail (300×300, from a 400×400 template) for
//! the WeChat JS-SDK share when `wechat:` is set, and the poster (750×1334) of featured
//! projects (or of every page of the sections `posters:` lists) — in every language, drawn
//! from SVG templates in `templates/share/`, under content-hashed names.
//!
//! Pages learn here what to link (`page.share` in the template context, which the head's
//! Open Graph and Twitter tags and the share box read); the images are drawn after the
//! pages. Without a CJK font no image is drawn and no page links one, with one warning.

use std::sync::Arc;

use rayon::prelude::*;

use super::context::{Cx, OutFile, ShareNames as Names, is_published};
use super::model::{
    PageContext, QrPath, ShareCard, ShareCardContext, ShareFigure, ShareImage, ShareModel, SharePage, SharePoster,
};
use super::{qr, templates};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::domain::Domain;
use crate::load::theme::{Source, Theme};
use crate::resolve::{Kind, Page, Site};
use crate::share::raster::{self, Cache};
use crate::share::{Fonts, ImageFormat, NO_FONT_HELP};
use crate::text::escape_html as escape;

/// Share images are drawn from templates of 1200×630 at half that size: link previews show
/// them a few hundred pixels wide, 600×315 is the size Open Graph readers accept for a large
/// card, and a quarter of the pixels is a quarter of the drawing and the bytes (issue #12).
pub const IMAGE_SIZE: (u32, u32) = (600, 315);
pub const SQUARE_SIZE: (u32, u32) = (300, 300);
pub const POSTER_SIZE: (u32, u32) = (750, 1334);
/// Posters are saved and forwarded in WeChat: keep them light.
pub const POSTER_BUDGET: usize = 300 * 1024;

pub const IMAGE_TEMPLATE: &str = "share/image.svg";
pub const SQUARE_TEMPLATE: &str = "share/square.svg";
pub const POSTER_TEMPLATE: &str = "share/poster.svg";

/// What the build can draw, decided once.
pub struct Share {
    pub fonts: Option<Arc<Fonts>>,
    pub images: bool,
    /// The kinds of page that get posters (none without a font).
    pub posters: Vec<Kind>,
    /// Posters only for featured projects (`posters: featured`, the default).
    pub posters_featured_only: bool,
    pub poster_format: ImageFormat,
}

impl Share {
    /// Finds the font; without one, images and posters are off and a warning says why.
    pub fn new(site: &Site, diags: &Diagnostics) -> Share {
        let s = &site.config.share;
        let wanted = s.images || !s.posters.is_empty();
        let fonts = if wanted {
            match Fonts::find(&site.root, s.font.as_deref()) {
                Ok(f) => Some(Arc::new(f)),
                Err(why) => {
                    let mut d =
                        Diagnostic::warning(format!("no CJK font found: posters and share images skipped ({why})"))
                            .help(NO_FONT_HELP);
                    if let (Some(line), Some(_)) = (s.font_line, &s.font) {
                        d = d.in_file(crate::load::config::CONFIG_FILE).at_line(line).field("share.font");
                    }
                    diags.push(d);
                    None
                }
            }
        } else {
            None
        };
        let drawable = fonts.is_some();
        let posters =
            if drawable { s.posters.iter().filter_map(|section| poster_kind(section)).collect() } else { Vec::new() };
        Share {
            fonts,
            images: s.images && drawable,
            posters,
            posters_featured_only: s.posters_featured_only,
            poster_format: s.poster_format,
        }
    }

    /// Whether `page` gets a poster of its own.
    fn poster_for(&self, page: &Page) -> bool {
        let featured = matches!(&page.domain, Domain::Project(p) if p.featured);
        has_poster(page) && self.posters.contains(&page.kind) && (featured || !self.posters_featured_only)
    }
}

/// The kind of page a `posters:` section names.
fn poster_kind(section: &str) -> Option<Kind> {
    match section {
        "projects" => Some(Kind::Project),
        "policies" => Some(Kind::Policy),
        "results" => Some(Kind::Result),
        _ => None,
    }
}

/// Pages with share images of their own (news articles too); others use their section's.
fn has_image(page: &Page) -> bool {
    matches!(page.kind, Kind::Home | Kind::Section | Kind::Project | Kind::Policy | Kind::Result)
        || (page.kind == Kind::Page && page.key.starts_with("news/"))
}

/// Pages that draw images of their own: their names are known once they are drawn, and
/// every other page links its owner's.
pub fn draws_own(page: &Page) -> bool {
    has_image(page) || has_poster(page)
}

/// The names of a page's jobs, by template.
pub fn names(jobs: &[Job]) -> Names {
    let find = |t: &str| jobs.iter().find(|j| j.template == t).map(|j| j.path.clone());
    Names { image: find(IMAGE_TEMPLATE), square: find(SQUARE_TEMPLATE), poster: find(POSTER_TEMPLATE) }
}

/// Hex digits of the image's hash kept in its file name: 32 bits tell apart the few
/// versions of one card a site ever has.
const NAME_HASH_LEN: usize = 8;

/// `share/projects/copper-foil.en.3f2a9c0d.png`: the hash is the drawn image's cache key
/// (SVG, fonts, renderer, format), so the name changes exactly when the bytes may.
fn hashed_name(stem: &str, suffix: &str, svg: &str, fonts: Option<&Fonts>, format: ImageFormat, width: u32) -> String {
    let key = match fonts {
        Some(f) => Cache::key(svg, f, format, width),
        None => raster::hash128([svg.as_bytes()]),
    };
    format!("{stem}{suffix}.{}.{}", &key[..NAME_HASH_LEN], format.extension())
}

fn has_poster(page: &Page) -> bool {
    matches!(page.kind, Kind::Project | Kind::Policy | Kind::Result)
}

/// `share/projects/copper-foil.en` (no hash, no extension): where a page's images go.
fn stem(page: &Page, lang: &str) -> String {
    let key = if page.key.is_empty() { "home" } else { page.key.as_str() };
    format!("share/{key}.{lang}")
}

/// The page whose share image a page uses: itself, or its nearest section.
fn image_owner<'a>(site: &'a Site, page: &'a Page) -> Option<&'a Page> {
    let mut p = page;
    for _ in 0..32 {
        if has_image(p) && is_published(site, p) {
            return Some(p);
        }
        p = site.page(p.parent.as_deref()?)?;
    }
    None
}

/// Open Graph locales (`zh_CN`) for the languages investsite knows; others as written.
pub fn og_locale(lang: &str) -> String {
    match lang {
        "zh" => "zh_CN",
        "en" => "en_US",
        "ru" => "ru_RU",
        "ar" => "ar_AR",
        "ja" => "ja_JP",
        "ko" => "ko_KR",
        "fr" => "fr_FR",
        "de" => "de_DE",
        "es" => "es_ES",
        "kk" => "kk_KZ",
        other => return other.replace('-', "_"),
    }
    .to_string()
}

/// An address as people read it: no scheme.
fn display_url(url: &str) -> String {
    url.trim_start_matches("https://").trim_start_matches("http://").to_string()
}

/// `page.share` (QR code, images, poster) of a page at `permalink`; `own` are the names of
/// the page's own drawn images, when it draws any (others link their owner's, from `cx`).
pub fn page_share(cx: &Cx, share: &Share, page: &Page, permalink: &str, own: Option<&Names>) -> ShareModel {
    let url_display = display_url(permalink);
    let label = cx.tf("share.qr_label", &[("url", &url_display)]);
    let mut out = ShareModel {
        qr: qr::svg(permalink, &label, "qr", cx.memo.is_some()),
        url_html: escape(&url_display).replace('/', "/<wbr>"),
        url_display,
        locale: og_locale(cx.lang),
        locale_alternates: cx.site.config.languages.iter().filter(|l| *l != cx.lang).map(|l| og_locale(l)).collect(),
        image: None,
        thumb: None,
        poster: None,
        image_meta: None,
        poster_meta: None,
        brochure: None,
    };
    let owner = image_owner(cx.site, page);
    let names = match owner {
        Some(o) if o.key == page.key => own,
        Some(o) => cx.share_names.get(&o.key),
        None => None,
    };
    if share.images
        && let (Some(owner), Some(image)) = (owner, names.and_then(|n| n.image.as_deref()))
    {
        out.image = Some(cx.permalink(&format!("/{image}")));
        out.image_meta = Some(image_meta(cx, owner));
        out.thumb = names.and_then(|n| n.square.as_deref()).map(|s| cx.permalink(&format!("/{s}")));
    }
    if share.poster_for(page)
        && let Some(poster) = own.and_then(|n| n.poster.as_deref())
    {
        out.poster = Some(cx.url(&format!("/{poster}")));
        out.poster_meta = Some(SharePoster {
            poster_width: POSTER_SIZE.0,
            poster_height: POSTER_SIZE.1,
            poster_alt: cx.tf("share.poster_alt", &[("title", &cx.title(page))]),
        });
    }
    if page.kind == Kind::Section && page.key == "projects" && cx.site.config.brochure.enabled {
        out.brochure = Some(cx.url(&format!("{}/{}/", cx.site.config.lang_prefix(cx.lang), super::brochure::DIR)));
    }
    out
}

fn image_meta(cx: &Cx, owner: &Page) -> ShareImage {
    ShareImage {
        image_type: "image/png",
        image_width: IMAGE_SIZE.0,
        image_height: IMAGE_SIZE.1,
        image_alt: cx.title(owner),
    }
}

/// `page.share` of the brochure: the home page's share image and thumbnail.
pub fn brochure_share(cx: &Cx) -> ShareModel {
    let permalink = &cx.permalink(&format!("{}/{}/", cx.site.config.lang_prefix(cx.lang), super::brochure::DIR));
    let home = cx.site.page("");
    let names = cx.share_names.get("");
    let url = |n: Option<&String>| n.map(|n| cx.permalink(&format!("/{n}")));
    let url_display = display_url(permalink);
    ShareModel {
        qr: None,
        url_html: escape(&url_display),
        url_display,
        locale: og_locale(cx.lang),
        locale_alternates: cx.site.config.languages.iter().filter(|l| *l != cx.lang).map(|l| og_locale(l)).collect(),
        image: url(names.and_then(|n| n.image.as_ref())),
        thumb: url(names.and_then(|n| n.square.as_ref())),
        poster: None,
        image_meta: names.and_then(|n| n.image.as_ref()).zip(home).map(|(_, h)| image_meta(cx, h)),
        poster_meta: None,
        brochure: None,
    }
}

/// An image to draw: its SVG (already rendered from the template) and where it goes.
pub struct Job {
    pub path: String,
    pub svg: String,
    pub format: ImageFormat,
    /// Pixels wide (the template's own size is scaled to it).
    pub width: u32,
    pub lang: String,
    pub template: &'static str,
    pub budget: Option<usize>,
    pub page_url: String,
    /// The page it belongs to (`Page::key`).
    pub page_key: String,
}

/// The SVGs of a page's own images in one language, from its (first) context.
pub fn jobs(
    tera: &tera::Tera,
    theme: &Theme,
    cx: &Cx,
    share: &Share,
    page: &Page,
    ctx: &PageContext,
    diags: &Diagnostics,
) -> Vec<Job> {
    let (images, poster) = (share.images && has_image(page), share.poster_for(page));
    if !images && !poster {
        return Vec::new();
    }
    let card = card(cx, share, page, ctx);
    let p = &ctx.page;
    let svg_ctx = ShareCardContext {
        lang: cx.lang,
        dir: ctx.dir,
        t: cx.strings(),
        site: &ctx.site,
        page: SharePage { kind: p.kind, title: &p.title, url: &p.url, permalink: &p.permalink },
        share: card,
    };
    let stem = stem(page, cx.lang);
    let page_url = p.url.clone();
    let mut wanted: Vec<(&'static str, &str, ImageFormat, u32, Option<usize>)> = Vec::new();
    if images {
        wanted.push((IMAGE_TEMPLATE, "", ImageFormat::Png, IMAGE_SIZE.0, None));
        // Only the JS-SDK share takes the square thumbnail: without `wechat:` nothing links it.
        if cx.site.config.wechat.is_some() {
            wanted.push((SQUARE_TEMPLATE, ".square", ImageFormat::Png, SQUARE_SIZE.0, None));
        }
    }
    if poster {
        wanted.push((POSTER_TEMPLATE, ".poster", share.poster_format, POSTER_SIZE.0, Some(POSTER_BUDGET)));
    }
    wanted
        .into_iter()
        .filter_map(|(template, suffix, format, width, budget)| {
            let render = || templates::render(tera, theme, template, &svg_ctx, &tera::Context::new(), &page_url, diags);
            let svg = match cx.memo.zip(super::memo::key(template, cx.lang, &svg_ctx)) {
                Some((m, key)) => m.get_or_render(key, render)?,
                None => render()?,
            };
            let path = hashed_name(&stem, suffix, &svg, share.fonts.as_deref(), format, width);
            let (lang, page_key) = (cx.lang.to_string(), page.key.clone());
            Some(Job { path, svg, format, width, lang, template, budget, page_url: page_url.clone(), page_key })
        })
        .collect()
}

/// What a share image or poster shows: title, kind, key figures, address and QR code.
fn card(cx: &Cx, share: &Share, page: &Page, ctx: &PageContext) -> ShareCard {
    let p = &ctx.page;
    let permalink = p.permalink.as_str();
    let current = p.status.is_none_or(|s| s == "open" || s == "in-force");
    let summary = p.summary.as_deref().filter(|s| !s.is_empty()).unwrap_or(&ctx.site.description);
    ShareCard {
        kind: page.kind.id(),
        kind_label: has_poster(page).then(|| cx.t(&format!("share.kind.{}", page.kind.id()))),
        title: p.title.clone(),
        summary: summary.to_string(),
        status_label: if current { None } else { p.status_label.clone() },
        figures: figures(cx, page, ctx),
        url_display: display_url(permalink),
        qr: qr::encode(permalink, cx.memo.is_some()).map(|q| QrPath { path: q.path, size: q.size }),
        font: share.fonts.as_ref().map(|f| f.family.clone()).unwrap_or_else(|| "sans-serif".into()),
    }
}

fn figure(label: String, value: String, note: Option<String>) -> ShareFigure {
    ShareFigure { label, value, note }
}

/// Three or four figures that say what the page is about, already in the reader's language.
fn figures(cx: &Cx, page: &Page, ctx: &PageContext) -> Vec<ShareFigure> {
    let facts = &ctx.page.facts;
    let pick = |keys: &[&str]| -> Vec<ShareFigure> {
        keys.iter()
            .filter_map(|k| facts.iter().find(|f| f.key == *k))
            .map(|f| figure(f.label.clone(), f.value.clone(), f.note.clone()))
            .collect()
    };
    match page.kind {
        Kind::Project => pick(&["investment", "chain", "region", "land"]),
        Kind::Policy => {
            let mut out = pick(&["issuer", "doc_number"]);
            out.extend(pick(&["effective"]).into_iter().chain(pick(&["published"])).take(1));
            out.extend(pick(&["categories"]));
            out
        }
        Kind::Result => {
            let mut out = Vec::new();
            if let Some(score) = &ctx.page.pool.score {
                out.push(figure(cx.t("score.composite"), score.composite.clone(), None));
            }
            out.extend(pick(&["institution", "industry", "trl"]));
            out
        }
        Kind::Home => ctx
            .home
            .iter()
            .flat_map(|h| h.figures.iter().take(4))
            .map(|f| figure(f.label.clone(), f.value.clone(), None))
            .collect(),
        _ => match ctx.section.as_ref().map(|s| s.count).or_else(|| ctx.pool.as_ref().map(|p| p.admitted)) {
            Some(n) if n > 0 => vec![figure(cx.t("share.items"), n.to_string(), None)],
            _ => Vec::new(),
        },
    }
}

/// Draws every job, in parallel, or finds it in the cache. Images come back as copies
/// from the cache (the write stage copies them in the kernel, and they do not sit in
/// memory), or as files when there is no cache. An SVG that does not parse is an error naming the
/// template and the page; a poster over its byte budget a warning.
pub fn draw(
    jobs: Vec<Job>,
    share: &Share,
    cache: Option<&Cache>,
    theme: &Theme,
    diags: &Diagnostics,
) -> (Vec<OutFile>, Vec<(Source, String)>) {
    let Some(fonts) = share.fonts.as_deref() else { return (Vec::new(), Vec::new()) };
    let origin = |template: &str| {
        theme
            .templates
            .iter()
            .find(|t| t.name == template)
            .map(|t| t.origin.clone())
            .unwrap_or_else(|| template.to_string())
    };
    let results: Vec<Either> = jobs
        .into_par_iter()
        .filter_map(|job| {
            let key = Cache::key(&job.svg, fonts, job.format, job.width);
            let (result, len) = match cache.and_then(|c| c.lookup(&key)) {
                Some((path, len)) => (Either::Copy(Source::Disk(path), job.path.clone()), len as usize),
                None => match raster::rasterize(&job.svg, fonts, job.format, &job.lang, job.width) {
                    // Once in the cache, the bytes need not stay in memory until the write.
                    Ok(bytes) => match cache.and_then(|c| c.store(&key, &bytes)) {
                        Some(path) => (Either::Copy(Source::Disk(path), job.path.clone()), bytes.len()),
                        None => {
                            let len = bytes.len();
                            (Either::File(OutFile { path: job.path.clone(), bytes }), len)
                        }
                    },
                    Err(e) => {
                        diags.push(
                            Diagnostic::error(format!("{e} (while drawing {} for {})", job.path, job.page_url))
                                .in_file(origin(job.template))
                                .help("fix the SVG template, or delete the site's copy to use the built-in one"),
                        );
                        return None;
                    }
                },
            };
            if let Some(budget) = job.budget.filter(|b| len > *b) {
                diags.push(
                    Diagnostic::warning(format!("{} is {} KB, over the {} KB budget for posters (for {})", job.path, len / 1024, budget / 1024, job.page_url))
                        .in_file(origin(job.template))
                        .help("simplify the poster template (flat colours compress best), or set share: {poster_format: jpg} in site.yaml"),
                );
            }
            Some(result)
        })
        .collect();
    if let Some(c) = cache {
        c.prune();
    }
    let mut files = Vec::new();
    let mut copies = Vec::new();
    for r in results {
        match r {
            Either::File(f) => files.push(f),
            Either::Copy(src, path) => copies.push((src, path)),
        }
    }
    (files, copies)
}

enum Either {
    File(OutFile),
    Copy(Source, String),
}
