//! The pipeline: load → resolve → render → write, with every problem collected on the way.

use std::path::PathBuf;
use std::time::Instant;

use crate::diagnostics::{Diagnostic, Diagnostics, Fatal};
use crate::load::theme;
use crate::resolve::{Kind, Site};
use crate::units::Date;
use crate::{load, render, resolve, write};

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub output: PathBuf,
    /// Overrides site.yaml's base_url (for previews on another host).
    pub base_url: Option<String>,
    /// Missing translations are errors.
    pub strict: bool,
    /// The date listings are judged against (closed, expired); today by default.
    pub today: Option<Date>,
    /// `check`: validate everything, write nothing.
    pub dry_run: bool,
    /// Internal links relative to each page, for opening the site from a folder (file://).
    pub relative: bool,
    /// Where drawn share images are kept between builds; default `$INVESTSITE_CACHE_DIR`,
    /// else `.investsite-cache/share/` in the site folder.
    pub cache_dir: Option<PathBuf>,
    /// Include pages marked `draft: true` (with a visible banner).
    pub drafts: bool,
    /// Include pages whose `date` is after today.
    pub future: bool,
}

/// The image cache's folder inside the site folder (outside the output: the output is
/// replaced on every build).
pub const CACHE_DIR: &str = ".investsite-cache";

#[derive(Debug)]
pub struct BuildReport {
    pub diagnostics: Vec<Diagnostic>,
    /// Set when the build stopped for a reason outside the content (I/O, output folder).
    pub fatal: Option<Fatal>,
    pub pages: usize,
    pub files_written: usize,
    pub bytes_written: u64,
    pub millis: u128,
    /// Photos resized and encoded in this build, and photos taken from the cache.
    pub photos_made: usize,
    pub photos_cached: usize,
}

impl BuildReport {
    pub fn ok(&self) -> bool {
        self.fatal.is_none() && !self.diagnostics.iter().any(Diagnostic::is_error)
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }
}

pub fn build(opts: &BuildOptions) -> BuildReport {
    let started = Instant::now();
    let diags = Diagnostics::new();
    let mut report = BuildReport {
        diagnostics: Vec::new(),
        fatal: None,
        pages: 0,
        files_written: 0,
        bytes_written: 0,
        millis: 0,
        photos_made: 0,
        photos_cached: 0,
    };
    if !opts.dry_run
        && let Err(f) = write::check_output_location(&opts.root, &opts.output)
    {
        report.fatal = Some(f);
        return report;
    }
    if let Some(url) = &opts.base_url
        && let Err(e) = crate::load::config::check_base_url(url.trim_end_matches('/'))
    {
        report.fatal = Some(Fatal::new(format!("--base-url: {e}")));
        return report;
    }
    let outcome = run(opts, &diags, &mut report);
    match outcome {
        Ok((pages, written)) => {
            report.pages = pages;
            if let Some(w) = written {
                report.files_written = w.files;
                report.bytes_written = w.bytes;
            }
        }
        Err(f) => report.fatal = f,
    }
    report.diagnostics = diags.into_vec();
    report.millis = started.elapsed().as_millis();
    report
}

type RunResult = Result<(usize, Option<write::Written>), Option<Fatal>>;

fn run(opts: &BuildOptions, diags: &Diagnostics, report: &mut BuildReport) -> RunResult {
    let mut loaded = load::load_site(&opts.root, diags).ok_or(None)?;
    if let Some(url) = &opts.base_url {
        loaded.config.base_url = url.trim_end_matches('/').to_string();
    }
    let theme = theme::load_theme(&opts.root, &loaded.config, diags);
    let today = opts.today.unwrap_or_else(Date::today_utc);
    let site = resolve::resolve(loaded, &resolve::Options { today }, diags);
    let photos = process_photos(opts, &site, diags)?;
    (report.photos_made, report.photos_cached) = (photos.made, photos.from_cache);
    crate::named_files::check(&site, &theme, &photos, diags);
    report_missing_translations(&site, opts.strict, diags);
    let chosen = opts
        .cache_dir
        .clone()
        .or_else(|| std::env::var_os(crate::share::raster::CACHE_ENV).filter(|v| !v.is_empty()).map(PathBuf::from));
    let default_cache = opts.root.join(CACHE_DIR).join("share");
    let cache_dir = chosen.clone().unwrap_or_else(|| default_cache.clone());
    // Checked before drawing: the cache prunes old entries, and a folder that holds anything
    // it did not write is refused so that no one else's file is deleted.
    if !opts.dry_run {
        crate::share::raster::Cache::open(cache_dir.clone(), chosen.is_none()).map_err(|m| Some(Fatal::new(m)))?;
    }
    let render_opts = render::RenderOptions {
        draw_images: !opts.dry_run,
        cache_dir: Some(cache_dir),
        photos: std::sync::Arc::new(photos),
    };
    let output = render::render_site(&site, &theme, diags, &render_opts);
    // Nothing is written while any error stands: the previous output stays as it was.
    if diags.has_errors() {
        return Err(None);
    }
    let mut output = output.ok_or(None)?;
    if opts.relative {
        write::relative::relativize(&mut output.files, site.config.base_path());
    }
    let pages = output.files.iter().filter(|f| f.path.ends_with(".html")).count();
    if opts.dry_run {
        return Ok((pages, None));
    }
    let written = write::write_output(&opts.root, &opts.output, output, diags).map_err(Some)?;
    Ok((pages, Some(written)))
}

/// Sets another folder for the photo cache (`.investsite-cache/images/` in the site folder
/// by default).
pub const PHOTO_CACHE_ENV: &str = "INVESTSITE_PHOTO_CACHE_DIR";

/// Resizes and encodes the site's photos (not for `check`, which writes nothing, nor with
/// `images: {process: false}`). A photo that cannot be decoded is a warning at its file here
/// and an error where a page shows it (`named_files`, Markdown links).
fn process_photos(
    opts: &BuildOptions,
    site: &Site,
    diags: &Diagnostics,
) -> Result<crate::photos::PhotoSet, Option<Fatal>> {
    let settings = &site.config.images;
    if opts.dry_run || !settings.process {
        return Ok(crate::photos::PhotoSet::unprocessed(settings));
    }
    let chosen = std::env::var_os(PHOTO_CACHE_ENV).filter(|v| !v.is_empty()).map(PathBuf::from);
    let dir = chosen.unwrap_or_else(|| opts.root.join(CACHE_DIR).join(crate::photos::CACHE_SUBDIR));
    let cache = crate::share::raster::Cache::open_kind(dir, false, &crate::photos::CACHE)
        .map_err(|m| Some(Fatal::new(m.replace(crate::share::raster::CACHE_ENV, PHOTO_CACHE_ENV))))?;
    let sources = render::photo_sources(site);
    let guard = crate::load::guard::Guard::new(&site.root);
    let photos = crate::photos::process_all(&sources, settings, Some(&cache), &guard);
    cache.prune();
    let mut failures: Vec<_> = photos.failures().collect();
    failures.sort();
    for (out, why) in failures {
        let file = sources.iter().find(|s| &s.out == out).map(|s| guard.rel(&s.file)).unwrap_or_else(|| out.clone());
        diags.push(
            Diagnostic::warning(format!("the photo cannot be processed: {why}; it is published as it is"))
                .in_file(&file)
                .help(
                    "open it and save it again as JPEG or PNG (or make it smaller); pages that show it report an error",
                ),
        );
    }
    Ok(photos)
}

/// Every page missing in a language: a warning (the original is shown under a notice), or
/// with --strict an error.
fn report_missing_translations(site: &Site, strict: bool, diags: &Diagnostics) {
    for page in &site.pages {
        if page.kind == Kind::Result && !site.is_admitted(&page.key) {
            continue;
        }
        for v in page.versions.iter().filter(|v| v.fallback && !site.is_broken(&page.key, &v.lang)) {
            let Some(file) = page.original_version().file.map(|i| &site.files[i]) else { continue };
            let lang_name = crate::load::config::english_language_name(&v.lang);
            let expected = expected_translation_path(&file.rel, &file.lang, &v.lang);
            let msg = format!("no {lang_name} translation: readers of /{}/ see the original under a notice", v.lang);
            let d = if strict { Diagnostic::error(msg) } else { Diagnostic::warning(msg) };
            diags.push(d.in_file(&file.rel).help(format!("add {expected}")));
        }
    }
}

fn expected_translation_path(rel: &str, from: &str, to: &str) -> String {
    let stem = rel.strip_suffix(".md").unwrap_or(rel);
    let stem = stem.strip_suffix(&format!(".{from}")).unwrap_or(stem);
    format!("{stem}.{to}.md")
}
