//! Stage 3, render: turns the resolved site into output files in memory.
//!
//! Consumes a [`Site`] and a [`Theme`]; hands every file it makes (every HTML page in every
//! language, Markdown through `crate::markdown`, pages through Tera) to a [`Sink`] as soon
//! as it is made, and returns an [`Output`]: the paths it made and the list of static
//! files and bundle assets to copy. Pages render in parallel. Nothing is written to disk
//! here: the build's sink writes into a folder beside the output, swapped in only when the
//! build succeeds, so a failed render leaves the previous output untouched.

//!
//! Inside, imports run one way: `model` (the types templates receive) ← `context` ←
//! `labels` ← `facts` ← `cards` ← the feature modules ← `page` ← this file.

mod aliases;
pub mod brochure;
mod cards;
mod chambers;
mod context;
mod events;
mod facts;
mod feeds;
mod finder;
mod finder_shards;
mod labels;
pub(crate) mod links;
mod map;
mod memo;
mod model;
mod open_data;
mod page;
mod pictures;
mod pool;
mod profiles;
pub mod qr;
mod related;
pub mod search;
mod search_postings;
mod search_shards;
mod seo;
pub mod share;
mod sink;
mod statistics;
mod status_page;
mod templates;

use std::collections::HashMap;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::theme::{Source, Theme};
use crate::markdown;
use crate::resolve::{Kind, Page, Site};

pub use context::{Bodies, Body, Cx, OutFile, is_published};
pub use memo::Memo;
pub use sink::{Collect, Discard, Sink};
use templates::template_diagnostics;

pub struct Output {
    /// The path of every file handed to the sink, in the order they were made.
    pub paths: Vec<String>,
    /// Files copied as they are: (source, path in the output).
    pub copies: Vec<(Source, String)>,
}

#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Draw share images and posters (not for `check`, which writes nothing).
    pub draw_images: bool,
    /// Where drawn images are cached between builds; none: no cache.
    pub cache_dir: Option<std::path::PathBuf>,
    /// The site's photos, processed before rendering (none for `check`).
    pub photos: std::sync::Arc<crate::photos::PhotoSet>,
    /// Pages rendered by the previous build of this process (`serve`, `build --watch`).
    pub memo: Option<std::sync::Arc<Memo>>,
}

pub fn render_site(
    site: &Site,
    theme: &Theme,
    diags: &Diagnostics,
    opts: &RenderOptions,
    sink: &dyn Sink,
) -> Option<Output> {
    let share = share::Share::new(site, diags);
    let photos = opts.photos.clone();
    let tera = build_tera(theme, share.fonts.clone(), (photos.clone(), site.config.base_path()), diags)?;
    let xml = xml_engine(&tera);
    let anchors = links::collect_anchors(site);
    let bodies = render_bodies(site, &anchors, &photos, diags);
    chambers::check_descriptions(site, diags);
    let memo = opts.memo.as_deref();
    if let Some(m) = memo {
        m.begin(generation(site, theme, &share, &photos));
    }
    let mut jobs = Vec::new();
    for (i, page) in site.pages.iter().enumerate() {
        if !is_published(site, page) {
            continue;
        }
        for v in &page.versions {
            jobs.push((i, v.lang.clone()));
        }
    }
    let mut contexts: HashMap<&str, Cx> = site
        .config
        .languages
        .par_iter()
        .map(|l| {
            let mut cx = Cx::new(site, theme, &bodies, l);
            cx.photos = &photos;
            cx.memo = memo;
            (l.as_str(), cx)
        })
        .collect();
    // The search page's address for its index carries the index's fingerprint. The index
    // files go to the sink at once rather than wait in memory for every page (29 MB at
    // 20,000 items).
    let index_paths: Vec<String> = contexts
        .par_iter_mut()
        .filter_map(|(_, cx)| {
            let index = search::build_index(cx)?;
            cx.search_version = Some(index.version.clone());
            Some(index.files.into_iter().map(|f| put(sink, f)).collect::<Vec<_>>())
        })
        .flatten()
        .collect();
    for cx in contexts.values() {
        cards::make_all(cx);
    }
    // Pages that draw their own share images first: the others link their section's, by
    // the content-hashed names those drawings get.
    let (owners, others): (Vec<_>, Vec<_>) = jobs.into_iter().partition(|(i, _)| share::draws_own(&site.pages[*i]));
    let render_all = |jobs: &[(usize, String)], contexts: &HashMap<&str, Cx>| -> Vec<(Vec<String>, Vec<share::Job>)> {
        jobs.par_iter()
            .map(|(i, lang)| {
                let cx = &contexts[lang.as_str()];
                let (files, images) = render_page(&tera, theme, cx, &share, &site.pages[*i], diags);
                if let Some(body) = cx.body(&site.pages[*i]) {
                    body.drop_html();
                }
                (files.into_iter().map(|f| put(sink, f)).collect(), images)
            })
            .collect()
    };
    let mut rendered = render_all(&owners, &contexts);
    // Each page's images in one language come together.
    for (_, images) in &rendered {
        let Some(first) = images.first() else { continue };
        if let Some(cx) = contexts.get_mut(first.lang.as_str()) {
            cx.share_names.insert(first.page_key.clone(), share::names(images));
        }
    }
    rendered.extend(render_all(&others, &contexts));
    let jobs: Vec<(usize, String)> = owners.into_iter().chain(others).collect();
    let (pages, images): (Vec<_>, Vec<_>) = rendered.into_iter().unzip();
    let mut origins = page_origins(site, &jobs, &pages);
    let mut paths: Vec<String> = pages.into_iter().flatten().collect();
    let mut files: Vec<OutFile> = Vec::new();
    let mut alias_files = Vec::new();
    // Each language's files on a core of its own, kept in the languages' order.
    let per_language: Vec<LanguageFiles> = site
        .config
        .languages
        .par_iter()
        .map(|lang| language_files(&tera, &xml, theme, &contexts[lang.as_str()], diags))
        .collect();
    for made in per_language {
        origins.extend(made.aliases.into_iter().map(|c| (c.path, Origin::Alias { file: c.file, alias: c.alias })));
        alias_files.extend(made.alias_files);
        files.extend(made.files);
    }
    files.extend(open_data::schema_files(&site.config.base_url));
    let default_cx = &contexts[site.config.default_lang()];
    files.extend(seo::sitemaps(&xml, theme, default_cx, seo::SITEMAP_MAX_URLS, diags));
    files.extend(seo::robots(&tera, theme, default_cx, diags));
    // Where the search index files stood among these (they are already written).
    let index_at = files.len();
    if let Some(eval) = &site.pool {
        files.push(OutFile { path: pool::CSV_PATH.to_string(), bytes: pool::evaluation_csv(site, eval) });
    }
    let images: Vec<share::Job> = images.into_iter().flatten().collect();
    let mut copies = static_copies(site, theme);
    let photo_files = photo_outputs(&photos, &mut copies);
    // An original's address is the author's file (its origin is already listed).
    let variant_paths = photo_files.iter().filter(|(path, _)| photos.get(path).is_none());
    origins.extend(variant_paths.map(|(path, _)| (path.clone(), Origin::Generated)));
    copies.extend(photo_files.iter().filter_map(|(path, bytes)| match bytes {
        crate::photos::Bytes::Cached(p) => Some((Source::Disk(p.clone()), path.clone())),
        crate::photos::Bytes::Memory(_) => None,
    }));
    files.extend(photo_files.iter().filter_map(|(path, bytes)| match bytes {
        crate::photos::Bytes::Memory(b) => Some(OutFile { path: path.clone(), bytes: b.to_vec() }),
        crate::photos::Bytes::Cached(_) => None,
    }));
    let generated = |f: &OutFile| (f.path.clone(), Origin::Generated);
    origins.extend(files[..index_at].iter().map(generated));
    origins.extend(index_paths.iter().map(|p| (p.clone(), Origin::Generated)));
    origins.extend(files[index_at..].iter().map(generated));
    paths.extend(index_paths);
    files.extend(alias_files);
    paths.extend(files.into_iter().map(|f| put(sink, f)));
    origins.extend(images.iter().map(|j| (j.path.clone(), Origin::Generated)));
    origins.extend(copy_origins(site, theme));
    // Resolve already reports two pages at one address in one language; only look for the
    // other collisions when that found nothing, so no clash is reported twice.
    if !diags.has_errors() {
        report_collisions(&origins, diags);
    }
    // Drawing is slow: not for a build that will not be written.
    let mut cached = Vec::new();
    if opts.draw_images && !diags.has_errors() {
        let cache = opts.cache_dir.clone().map(crate::share::raster::Cache::new);
        let (drawn, from_cache) = share::draw(images, &share, cache.as_ref(), theme, diags);
        paths.extend(drawn.into_iter().map(|f| put(sink, f)));
        cached = from_cache;
    }
    copies.extend(cached);
    if let Some(m) = memo {
        m.finish();
    }
    Some(Output { paths, copies })
}

/// The files a language has once: its 404 page, brochure, feeds and data files, and its
/// aliases' redirect pages.
struct LanguageFiles {
    aliases: Vec<aliases::Claimed>,
    alias_files: Vec<OutFile>,
    files: Vec<OutFile>,
}

fn language_files(tera: &tera::Tera, xml: &tera::Tera, theme: &Theme, cx: &Cx, diags: &Diagnostics) -> LanguageFiles {
    let mut files: Vec<OutFile> = Vec::new();
    files.extend(render_404(tera, theme, cx, diags));
    files.extend(brochure::render(tera, theme, cx, share::brochure_share(cx), diags));
    files.extend(feeds::feeds(xml, theme, cx, diags));
    files.extend(open_data::data_files(cx));
    files.extend(chambers::data_files(cx, &open_data::data_dir(cx)));
    files.extend(finder::data_files(cx));
    files.extend(events::files(cx));
    files.extend(statistics::data_files(cx));
    LanguageFiles { aliases: aliases::claimed(cx), alias_files: aliases::files(tera, theme, cx, diags), files }
}

/// Hands `file` to the sink and keeps its path.
fn put(sink: &dyn Sink, file: OutFile) -> String {
    let path = file.path.clone();
    sink.put(file);
    path
}

/// What every page's output depends on besides its own model (see [`memo`]).
fn generation(site: &Site, theme: &Theme, share: &share::Share, photos: &crate::photos::PhotoSet) -> String {
    let strings = serde_json::to_vec(&theme.i18n).unwrap_or_default();
    let data: Vec<u8> = site.data.iter().flat_map(|(k, d)| format!("{k}\0{}\0", d.value).into_bytes()).collect();
    let fonts = share.fonts.as_ref().map(|f| f.fingerprint.as_str()).unwrap_or("");
    let photos = photos.fingerprint();
    let mut parts: Vec<&[u8]> = theme.templates.iter().flat_map(|t| [t.name.as_bytes(), t.text.as_bytes()]).collect();
    parts.extend([strings.as_slice(), data.as_slice(), fonts.as_bytes(), photos.as_bytes()]);
    parts.push(site.config.base_path().as_bytes());
    crate::share::raster::hash128(parts)
}

/// The processed photos' files: each original's copy is replaced by its cleaned version
/// (taken out of `copies`), and every variant is added. Returns (path in the output, bytes)
/// of the variants.
fn photo_outputs(
    photos: &crate::photos::PhotoSet,
    copies: &mut Vec<(Source, String)>,
) -> Vec<(String, crate::photos::Bytes)> {
    copies.retain(|(source, path)| !(matches!(source, Source::Disk(_)) && photos.get(path).is_some()));
    let mut out: Vec<(String, crate::photos::Bytes)> = photos
        .photos()
        .flat_map(|(_, p)| p.variants.iter().chain([&p.original]))
        .map(|v| (v.out.clone(), v.bytes.clone()))
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// The images a build reads: the JPEG and PNG files of the site's static/ and of published
/// pages' folders (processed), and their SVG, GIF and WebP files (for their size), with
/// their paths in the output.
pub fn photo_sources(site: &Site) -> Vec<crate::photos::Source> {
    site_copies(site)
        .into_iter()
        .filter(|(_, out)| crate::photos::is_photo(out) || crate::photos::is_sized(out))
        .map(|(file, out)| crate::photos::Source { file, out })
        .collect()
}

/// `resize_image(path=…, width=…)`: the processed photo at `path` (a site address, as
/// `page.images[0].original` or `/images/x.jpg`) at least `width` pixels wide, or the
/// largest made: `{url, width, height, type, webp}`. An image that is not a processed photo
/// (SVG, GIF, an address elsewhere, `images: {process: false}`) comes back as `{url}`.
fn register_resize_image(tera: &mut tera::Tera, photos: std::sync::Arc<crate::photos::PhotoSet>, base_path: String) {
    tera.register_function("resize_image", move |kw: tera::Kwargs, _: &tera::State| -> tera::TeraResult<tera::Value> {
        let path = kw.must_get::<&str>("path")?;
        let width = kw.get::<u32>("width")?.unwrap_or(u32::MAX);
        let found =
            pictures::resized(&photos, &base_path, path, width).unwrap_or_else(|| serde_json::json!({ "url": path }));
        Ok(tera::Value::from_serializable(&found))
    });
}

/// `count(key="items_count", n=3)`: the UI string `key` in the page's `lang` in the form its
/// plural rules give `n` (`items_count.one` for 1 in English, `.few` for 3 in Russian, else
/// `items_count`), with `{n}` as the language writes the number (`1 234` in Russian).
fn register_count(tera: &mut tera::Tera, i18n: std::sync::Arc<crate::load::theme::I18n>) {
    tera.register_function("count", move |kw: tera::Kwargs, state: &tera::State| -> tera::TeraResult<tera::Value> {
        let key = kw.must_get::<&str>("key")?;
        let n = kw.must_get::<tera::Value>("n")?;
        let n = number_of(&n).ok_or_else(|| tera::Error::message(format!("count: n must be a number, not {n}")))?;
        let lang = state.get::<String>("lang")?.unwrap_or_default();
        let shown = crate::units::format_number(n, &lang);
        Ok(tera::Value::from(crate::load::theme::counted(i18n.get(&lang), &lang, key, n, &shown)))
    });
}

/// `lang_of(text=…)`: `"zh"` for a text written in Chinese characters (a name from the data
/// files, a section title not yet translated) shown on a page in another language, else
/// `""`: the templates give such a fragment `lang="zh"`, so screen readers and fonts read it
/// as Chinese.
fn register_lang_of(tera: &mut tera::Tera) {
    tera.register_function("lang_of", |kw: tera::Kwargs, state: &tera::State| -> tera::TeraResult<tera::Value> {
        let text = kw.get::<tera::Value>("text")?;
        let text = text.as_ref().and_then(tera::Value::as_str).unwrap_or_default();
        let lang = state.get::<String>("lang")?.unwrap_or_default();
        let chinese = !lang.starts_with("zh") && context::written_in_chinese(text);
        Ok(tera::Value::from(if chinese { "zh" } else { "" }))
    });
}

/// A Tera number (or a numeric string) as an exact decimal.
fn number_of(v: &tera::Value) -> Option<rust_decimal::Decimal> {
    if let Some(i) = v.as_i128() {
        return i64::try_from(i).ok().map(rust_decimal::Decimal::from);
    }
    if let Some(s) = v.as_str() {
        return s.trim().parse().ok();
    }
    v.as_f64().and_then(|f| rust_decimal::Decimal::try_from(f).ok()).map(|d| d.normalize())
}

/// The sitemap files for `site` with at most `max` addresses each (a sitemap index above
/// that), from `theme`'s templates; the build uses the sitemaps.org limit of 50,000.
pub fn sitemap_files(site: &Site, theme: &Theme, max: usize, diags: &Diagnostics) -> Vec<OutFile> {
    let no_photos = std::sync::Arc::new(crate::photos::PhotoSet::default());
    let Some(tera) = build_tera(theme, None, (no_photos, site.config.base_path()), diags) else { return Vec::new() };
    let bodies = Bodies::new();
    let cx = Cx::new(site, theme, &bodies, site.config.default_lang());
    seo::sitemaps(&xml_engine(&tera), theme, &cx, max, diags)
}

/// The engine for XML documents (feeds, sitemaps): the same templates, with text escaped
/// as XML names it (`'` as `&apos;`); pages keep Tera's HTML escaping.
fn xml_engine(tera: &tera::Tera) -> tera::Tera {
    let mut xml = tera.clone();
    xml.set_escape_fn(escape_xml);
    xml
}

fn escape_xml(text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    out.write_all(crate::text::escape(text).as_bytes())
}

fn build_tera(
    theme: &Theme,
    fonts: Option<std::sync::Arc<crate::share::Fonts>>,
    (photos, base_path): (std::sync::Arc<crate::photos::PhotoSet>, &str),
    diags: &Diagnostics,
) -> Option<tera::Tera> {
    let mut tera = tera::Tera::new();
    tera.autoescape_on(vec![".html", ".xml", ".svg"]);
    register_wrap(&mut tera, fonts);
    register_resize_image(&mut tera, photos, base_path.to_string());
    register_count(&mut tera, std::sync::Arc::new(theme.i18n.clone()));
    register_lang_of(&mut tera);
    // `{{ data | json_script }}` inside a `<script>`: JSON that cannot end the element.
    tera.register_filter(
        "json_script",
        |v: &tera::Value, _: tera::Kwargs, _: &tera::State| -> tera::TeraResult<tera::Value> {
            let json = serde_json::to_value(v).map_err(|e| tera::Error::message(e.to_string()))?;
            Ok(tera::Value::safe_string(&crate::sanitize::json_for_script(&json)))
        },
    );
    let origins: HashMap<&str, &str> = theme.templates.iter().map(|t| (t.name.as_str(), t.origin.as_str())).collect();
    let all = theme.templates.iter().map(|t| (t.name.as_str(), t.text.as_str()));
    if let Err(e) = tera.add_raw_templates(all) {
        diags.extend(template_diagnostics(&e, &origins, theme));
        return None;
    }
    Some(tera)
}

/// Text measured with the share font, for SVG templates (SVG cannot wrap text):
/// `text | wrap(width=1040, size=64, lines=3, bold=true)` gives the lines of `text` at
/// `size` pixels, none wider than `width`; `text | text_width(size=24, bold=true)` its width.
fn register_wrap(tera: &mut tera::Tera, fonts: Option<std::sync::Arc<crate::share::Fonts>>) {
    let measure = std::sync::Arc::new(move |s: &str, size: f32, bold: bool| match &fonts {
        Some(f) => f.width(s, size, bold),
        None => crate::share::fonts::estimate(s, size),
    });
    let m = measure.clone();
    tera.register_filter(
        "wrap",
        move |text: &str, kw: tera::Kwargs, _: &tera::State| -> tera::TeraResult<tera::Value> {
            let width = kw.must_get::<f64>("width")? as f32;
            let size = kw.must_get::<f64>("size")? as f32;
            let lines = kw.get::<usize>("lines")?.unwrap_or(3);
            let bold = kw.get::<bool>("bold")?.unwrap_or(false);
            let out = crate::share::fonts::wrap_with(text, width, lines, &|s: &str| m(s, size, bold));
            Ok(out.into_iter().map(tera::Value::from).collect::<Vec<_>>().into())
        },
    );
    tera.register_filter("text_width", move |text: &str, kw: tera::Kwargs, _: &tera::State| -> tera::TeraResult<f64> {
        let size = kw.must_get::<f64>("size")? as f32;
        let bold = kw.get::<bool>("bold")?.unwrap_or(false);
        Ok(f64::from(measure(text, size, bold).ceil()))
    });
}

fn render_bodies(
    site: &Site,
    anchors: &links::Anchors,
    photos: &crate::photos::PhotoSet,
    diags: &Diagnostics,
) -> Bodies {
    let mut jobs = Vec::new();
    for (i, page) in site.pages.iter().enumerate() {
        for v in &page.versions {
            if v.file.is_some() {
                jobs.push((i, v.lang.clone()));
            }
        }
    }
    // Rendering Markdown takes about 20 bytes of memory per byte of text (pulldown-cmark's
    // events, kept while the CJK emphasis is repaired), and a file without a translation is
    // rendered once per language. Large bodies are rendered one at a time, so the peak is one
    // large file's cost, not that times the threads.
    let (large, small): (Vec<_>, Vec<_>) =
        jobs.into_iter().partition(|(i, lang)| body_of(site, *i, lang).len() > LARGE_BODY_BYTES);
    let sanitizer = crate::sanitize::Sanitizer::from_config(&site.config);
    let render_one = |(i, lang): (usize, String)| {
        let page = &site.pages[i];
        let version = page.version(&lang);
        let file = &site.files[version.file.expect("filtered above")];
        let base_path = site.config.base_path();
        // The first image of a page loads at once unless the page shows `images` above it.
        let eager_first = page.original_version().texts.images.as_ref().is_none_or(|l| l.is_empty());
        let picture = |url: &str, alt: &str, _title: &str, n: usize| -> Option<String> {
            let img = pictures::body_image(site, photos, url, alt)?;
            Some(pictures::markup(&img, BODY_IMAGE_SIZES, eager_first && n == 0))
        };
        let opts = markdown::Options { lang: &file.lang, id_prefix: "", html: &sanitizer, picture: Some(&picture) };
        let mut resolver = links::Resolver::new(site, anchors, page, file, &lang);
        let out = markdown::render(&file.body, &opts, &mut |dest, kind| {
            let url = resolver.resolve(dest, kind)?;
            let failed = pictures::out_path(base_path, &url).and_then(|p| photos.failure(&p).map(str::to_string));
            match failed {
                Some(why) if kind == markdown::LinkKind::Image => {
                    Err(format!("the photo {dest} cannot be used: {why}"))
                }
                _ => Ok(url),
            }
        });
        // Fallback versions show the same text as the original; report its problems once.
        if !version.fallback {
            for p in out.problems {
                let line = p.line + file.body_line - 1;
                let d = if p.is_error { Diagnostic::error(p.message) } else { Diagnostic::warning(p.message) };
                let d = d.in_file(&file.rel).at_line(line).with_source(&file.source());
                diags.push(match p.column {
                    Some(c) => d.at_column(c),
                    None => d,
                });
            }
        }
        ((i, lang), Body::new(out.html, out.toc, out.text))
    };
    let mut bodies: Bodies = small.into_par_iter().map(render_one).collect();
    bodies.extend(large.into_iter().map(render_one));
    bodies
}

/// How wide a body image is shown: the text column (`.prose`, 48rem) or the screen.
const BODY_IMAGE_SIZES: &str = "(min-width: 50rem) 48rem, calc(100vw - 2rem)";

/// Bodies above this size are rendered alone (see `render_bodies`).
const LARGE_BODY_BYTES: usize = 1 << 20;

fn body_of<'s>(site: &'s Site, page: usize, lang: &str) -> &'s str {
    site.pages[page].version(lang).file.map(|f| site.files[f].body.as_str()).unwrap_or("")
}

fn template_for(page: &Page) -> &'static str {
    if page.kind == Kind::Section {
        match page.key.as_str() {
            "results" => return "pool.html",
            "environment" => return "environment.html",
            "environment/parks" => return "parks.html",
            "chains" => return "chains.html",
            events::SECTION => return "events.html",
            crate::resolve::chambers::SECTION => return "chambers.html",
            _ => {}
        }
    }
    if finder::is_finder_section(page) {
        return "finder.html";
    }
    match page.kind {
        Kind::Home => "home.html",
        Kind::Section => "section.html",
        Kind::Page => "page.html",
        Kind::Project => "project.html",
        Kind::Policy => "policy.html",
        Kind::Park => "park.html",
        Kind::Result => "result.html",
        Kind::Event => "event.html",
        Kind::Statistics => "statistics.html",
        Kind::Chain => "chain.html",
        Kind::Region => "region.html",
        Kind::PoolIndustry => "pool_industry.html",
        Kind::PoolReport => "pool_report.html",
        Kind::Filter => "section.html",
        Kind::Chamber => "chamber.html",
        Kind::ChamberFilter => "chambers.html",
        Kind::Search => "search.html",
        Kind::TranslationStatus => "translation_status.html",
    }
}

/// A `template:` the theme does not have: the page still builds with its usual template, and
/// the author learns why it looks as before. Fallback versions share the original's file, so
/// the warning repeats identically and is reported once.
fn warn_unknown_template(cx: &Cx, page: &Page, name: &str, diags: &Diagnostics) {
    let Some(file) = page.version(cx.lang).file.map(|i| &cx.site.files[i]) else { return };
    let mut d = Diagnostic::warning(format!(
        "the theme has no template `{name}`; the page is shown with the usual template of its kind"
    ))
    .in_file(&file.rel)
    .field("template")
    .help("name a file of the theme's templates/ folder (e.g. `landing.html`), or remove `template:`");
    if let Some(line) = crate::load::yaml::key_line(&file.fm_text, &["template"]) {
        d = d.at_line(line + file.fm_offset).with_source(&file.source());
    }
    diags.push(d);
}

/// A page in one language: one file, or several for a paginated section; and the share
/// images to draw for it.
fn render_page(
    tera: &tera::Tera,
    theme: &Theme,
    cx: &Cx,
    sh: &share::Share,
    page: &Page,
    diags: &Diagnostics,
) -> (Vec<OutFile>, Vec<share::Job>) {
    let asked = page.version(cx.lang).texts.template.as_deref();
    let in_theme = |t: &&str| tera.get_template_names().any(|n| n == *t);
    if let Some(name) = asked.filter(|t| !in_theme(t)) {
        warn_unknown_template(cx, page, name, diags);
    }
    let template = asked.filter(in_theme).unwrap_or(template_for(page));
    let mut contexts = page::page_contexts(cx, page);
    // The page's own images are drawn from its first context, before it links them.
    let jobs = contexts.first().map(|(_, ctx)| share::jobs(tera, theme, cx, sh, page, ctx, diags)).unwrap_or_default();
    let own = share::draws_own(page).then(|| share::names(&jobs));
    for (_, ctx) in contexts.iter_mut() {
        ctx.page.share = Some(share::page_share(cx, sh, page, &ctx.page.permalink, own.as_ref()));
    }
    map::render_svg(tera, theme, cx, &mut contexts, diags);
    let files = contexts
        .into_iter()
        .filter_map(|(path, ctx)| {
            let render = || templates::render(tera, theme, template, &ctx, &cx.shared, &ctx.page.url, diags);
            // The key serializes the whole model: only worth it when a memo is kept.
            let key = || cx.memo.and_then(|m| Some((m, memo::key(template, cx.lang, &ctx)?)));
            let out = match key() {
                Some((m, key)) => m.get_or_render(key, render)?,
                None => render()?,
            };
            Some(OutFile { path: format!("{}index.html", path.trim_start_matches('/')), bytes: out.into_bytes() })
        })
        .collect();
    (files, jobs)
}

fn render_404(tera: &tera::Tera, theme: &Theme, cx: &Cx, diags: &Diagnostics) -> Option<OutFile> {
    let ctx = page::not_found_context(cx);
    let html = templates::render(tera, theme, "404.html", &ctx, &cx.shared, &ctx.page.url, diags)?;
    let prefix = cx.site.config.lang_prefix(cx.lang);
    Some(OutFile {
        path: format!("{}404.html", format!("{prefix}/").trim_start_matches('/')),
        bytes: html.into_bytes(),
    })
}

/// Who asked for a file of the output, to name both sides when two would write one path.
#[derive(Debug, Clone, PartialEq)]
enum Origin {
    /// A theme's static file: the site's static/ may replace it on purpose.
    Theme,
    /// A file of the site (a page's Markdown, a static file, a bundle asset), relative to the site.
    Author(String),
    /// A page investsite makes without a file of its own (search, sections without `_index`).
    GeneratedPage(&'static str),
    /// A file investsite writes itself (feeds, sitemaps, data files, share images).
    Generated,
    /// The redirect page of an old address, named in `aliases:` of `file`.
    Alias { file: String, alias: String },
}

impl Origin {
    fn describe(&self, path: &str) -> String {
        match self {
            Origin::Theme => format!("the theme's static/{path}"),
            Origin::Author(file) => file.clone(),
            Origin::GeneratedPage(kind) => format!("the {kind} page investsite generates"),
            Origin::Generated => format!("the {path} investsite generates"),
            Origin::Alias { file, alias } => format!("the alias {alias} in {file}"),
        }
    }

    fn author_file(&self) -> Option<&str> {
        match self {
            Origin::Author(file) | Origin::Alias { file, .. } => Some(file),
            _ => None,
        }
    }
}

/// The origin of every page file, in the order the pages were rendered.
fn page_origins(site: &Site, jobs: &[(usize, String)], pages: &[Vec<String>]) -> Vec<(String, Origin)> {
    let mut out = Vec::new();
    for ((i, lang), files) in jobs.iter().zip(pages) {
        let page = &site.pages[*i];
        let version = page.version(lang);
        let origin = match version.file.or(if version.fallback { page.original_version().file } else { None }) {
            Some(f) => Origin::Author(site.files[f].rel.clone()),
            None => Origin::GeneratedPage(page.kind.id()),
        };
        out.extend(files.iter().map(|f| (f.clone(), origin.clone())));
    }
    out
}

/// The origin of every copied file, in the order of [`static_copies`].
fn copy_origins(site: &Site, theme: &Theme) -> Vec<(String, Origin)> {
    let mut out: Vec<(String, Origin)> = theme.static_files.keys().map(|p| (p.clone(), Origin::Theme)).collect();
    out.extend(site.static_files.iter().map(|(_, rel)| (rel.clone(), Origin::Author(format!("static/{rel}")))));
    for asset in &site.assets {
        if let Some(page) = site.page(&asset.key)
            && is_published(site, page)
        {
            let dir = page.original_version().path.trim_start_matches('/');
            let src = asset.src.strip_prefix(&site.root).unwrap_or(&asset.src);
            out.push((format!("{dir}{}", asset.name), Origin::Author(crate::diagnostics::display_path(src))));
        }
    }
    out
}

/// Two sources for one output path is an error naming both: otherwise one would silently
/// win. Only the site's static/ replacing a theme's static file is meant.
fn report_collisions(origins: &[(String, Origin)], diags: &Diagnostics) {
    let mut first: HashMap<&str, &Origin> = HashMap::new();
    for (path, origin) in origins {
        let Some(earlier) = first.get(path.as_str()).copied() else {
            first.insert(path, origin);
            continue;
        };
        let overrides_theme =
            |a: &Origin, b: &Origin| *a == Origin::Theme && b.author_file().is_some_and(|f| f.starts_with("static/"));
        if overrides_theme(earlier, origin) || overrides_theme(origin, earlier) {
            continue;
        }
        let message =
            format!("{} and {} would both be published as {path}", earlier.describe(path), origin.describe(path));
        let author = origin.author_file().or(earlier.author_file());
        let is_alias = |o: &Origin| matches!(o, Origin::Alias { .. });
        let help = if is_alias(earlier) || is_alias(origin) {
            "an old address can redirect to one page only and cannot be a page's own address: remove it from one `aliases:` list"
        } else if matches!(earlier, Origin::Generated | Origin::GeneratedPage(_))
            || matches!(origin, Origin::Generated | Origin::GeneratedPage(_))
        {
            "investsite writes this address itself: rename or move the site's file (or give the page a `slug:`)"
        } else {
            "rename or move one of them, or give the page a `slug:` field"
        };
        let d = Diagnostic::error(message).help(help);
        diags.push(match author {
            Some(file) => d.in_file(file),
            None => d,
        });
    }
}

/// Theme static files (the site's own override the built-in ones), the site's static/,
/// and every page bundle's assets next to the page's original-language URL.
fn static_copies(site: &Site, theme: &Theme) -> Vec<(Source, String)> {
    let mut out: Vec<(Source, String)> = theme.static_files.iter().map(|(p, s)| (s.clone(), p.clone())).collect();
    out.extend(site_copies(site).into_iter().map(|(src, rel)| (Source::Disk(src), rel)));
    out
}

/// The site's own files to publish: static/, and every published page bundle's assets.
fn site_copies(site: &Site) -> Vec<(std::path::PathBuf, String)> {
    let mut out: Vec<(std::path::PathBuf, String)> = site.static_files.to_vec();
    for asset in &site.assets {
        if let Some(page) = site.page(&asset.key)
            && is_published(site, page)
        {
            let dir = page.original_version().path.trim_start_matches('/');
            out.push((asset.src.clone(), format!("{dir}{}", asset.name)));
        }
    }
    out
}
