//! The pipeline: load → resolve → render → write, with every problem collected on the way.

use std::path::PathBuf;
use std::time::Instant;

use crate::diagnostics::{Diagnostic, Diagnostics, Fatal};
use crate::load::theme::{self, Source};
use crate::resolve::{Kind, Site, Unpublished};
use crate::units::Date;
use crate::{load, render, resolve, write};

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub output: PathBuf,
    /// Overrides site.yaml's base_url (for previews on another host).
    pub base_url: Option<String>,
    /// Missing translations and vanished page addresses are errors.
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
    /// Pages rendered by an earlier build of this process, for `serve` and `build --watch`.
    pub memo: Option<std::sync::Arc<render::Memo>>,
    /// `investsite brochure --projects a,b`: the brochure prints these projects (by file
    /// name), whatever site.yaml's `brochure:` selects. Empty: site.yaml decides.
    pub brochure_projects: Vec<String>,
}

/// The image cache's folder inside the site folder (outside the output: the output is
/// replaced on every build).
pub const CACHE_DIR: &str = ".investsite-cache";

#[derive(Debug, Default)]
pub struct BuildReport {
    pub diagnostics: Vec<Diagnostic>,
    /// Set when the build stopped for a reason outside the content (I/O, output folder).
    pub fatal: Option<Fatal>,
    pub pages: usize,
    pub files_written: usize,
    pub bytes_written: u64,
    /// Files new or changed since the previous output; the rest kept their modification times.
    pub files_rewritten: usize,
    pub millis: u128,
    /// Pages the build left out or, in a preview build, showed under a banner: drafts and
    /// scheduled pages, in file order.
    pub unpublished: Vec<UnpublishedFile>,
    /// Photos resized and encoded in this build, and photos taken from the cache.
    pub photos_made: usize,
    pub photos_cached: usize,
}

/// A draft or scheduled page, named by its content file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnpublishedFile {
    pub file: String,
    pub state: Unpublished,
    /// Whether this build included it (`--drafts`, `--future`).
    pub included: bool,
}

impl BuildReport {
    pub fn ok(&self) -> bool {
        self.fatal.is_none() && !self.diagnostics.iter().any(Diagnostic::is_error)
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }
}

/// The stages a build reports to a [`Progress`] as it enters them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Loading,
    /// `pages`: one per page and language (lists split into several pages count once).
    Rendering {
        pages: usize,
    },
    Writing,
}

/// Told where a build is, for a person waiting at a terminal (`crate::terminal::Bar`).
pub trait Progress: Sync {
    fn stage(&self, _stage: Stage) {}
}

/// No progress to show.
pub struct Silent;

impl Progress for Silent {}

pub fn build(opts: &BuildOptions) -> BuildReport {
    build_with(opts, &Silent)
}

/// [`build`], telling `progress` each stage.
pub fn build_with(opts: &BuildOptions, progress: &dyn Progress) -> BuildReport {
    let started = Instant::now();
    let diags = Diagnostics::new();
    let mut report = BuildReport::default();
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
    let outcome = run(opts, &diags, progress, &mut report);
    match outcome {
        Ok((pages, written)) => {
            report.pages = pages;
            if let Some(w) = written {
                report.files_written = w.files;
                report.bytes_written = w.bytes;
                report.files_rewritten = w.rewritten;
            }
        }
        Err(f) => report.fatal = f,
    }
    report.diagnostics = diags.into_vec();
    report.millis = started.elapsed().as_millis();
    report
}

/// What `build` would write, kept in memory (for `serve`).
pub struct Built {
    pub files: Vec<render::OutFile>,
    /// Files copied as they are: (source, path in the output); a later one of the same path wins.
    pub copies: Vec<(Source, String)>,
    /// The path part of the site's address (`/invest`), "" at a host's root.
    pub base_path: String,
}

/// Runs the pipeline up to writing and keeps the output in memory; `opts.output` and
/// `opts.dry_run` are not used. Share images are drawn (and cached) as in `build`.
pub fn build_in_memory(opts: &BuildOptions) -> (BuildReport, Option<Built>) {
    let started = Instant::now();
    let diags = Diagnostics::new();
    let mut report = BuildReport::default();
    let opts = BuildOptions { dry_run: false, relative: false, ..opts.clone() };
    // Nothing is replaced, so no page address vanishes from a published output.
    let made = render_output(&opts, &diags, &Silent, &mut report, None, |_| Ok(render::Collect::default()));
    let built = match made {
        Ok((sink, output, base_path)) => {
            report.pages = count_pages(&output.paths);
            Some(Built { files: sink.into_files(), copies: output.copies, base_path })
        }
        Err(f) => {
            report.fatal = f;
            None
        }
    };
    report.diagnostics = diags.into_vec();
    report.millis = started.elapsed().as_millis();
    (report, built)
}

fn count_pages(paths: &[String]) -> usize {
    paths.iter().filter(|p| p.ends_with(".html")).count()
}

type RunResult = Result<(usize, Option<write::Written>), Option<Fatal>>;

/// Renders into the work folder beside the output as pages are made (or, for `check`,
/// nowhere) and swaps the new output in.
fn run(opts: &BuildOptions, diags: &Diagnostics, progress: &dyn Progress, report: &mut BuildReport) -> RunResult {
    let replacing = Some(opts.output.as_path());
    if opts.dry_run {
        let (_, output, _) = render_output(opts, diags, progress, report, replacing, |_| Ok(render::Discard))?;
        return Ok((count_pages(&output.paths), None));
    }
    let open = |base_path: &str| {
        let relative = opts.relative.then(|| base_path.to_string());
        write::Writer::open(&opts.root, &opts.output, relative, diags)
    };
    let (writer, output, _) = render_output(opts, diags, progress, report, replacing, open)?;
    progress.stage(Stage::Writing);
    let pages = count_pages(&output.paths);
    let written = writer.finish(output.copies, diags).map_err(Some)?;
    Ok((pages, Some(written)))
}

/// Load, resolve and render into the sink `make_sink` gives for the site's base path: the
/// sink, the paths made and the files to copy, or nothing while any error stands (the sink
/// is dropped: a writer then deletes its work folder). With `replacing`, the page addresses
/// of that output folder's previous build that this one drops are reported. What was left
/// unpublished and the photo counts go into `report`.
fn render_output<S: render::Sink>(
    opts: &BuildOptions,
    diags: &Diagnostics,
    progress: &dyn Progress,
    report: &mut BuildReport,
    replacing: Option<&std::path::Path>,
    make_sink: impl FnOnce(&str) -> Result<S, Fatal>,
) -> Result<(S, render::Output, String), Option<Fatal>> {
    progress.stage(Stage::Loading);
    let mut loaded = load::load_site(&opts.root, diags).ok_or(None)?;
    if let Some(url) = &opts.base_url {
        loaded.config.base_url = url.trim_end_matches('/').to_string();
    }
    if !opts.brochure_projects.is_empty() {
        loaded.config.brochure.choose_projects(opts.brochure_projects.clone());
    }
    let theme = theme::load_theme(&opts.root, &loaded.config, diags);
    let today = opts.today.unwrap_or_else(Date::today_utc);
    let site = resolve::resolve(loaded, &resolve::Options { today, drafts: opts.drafts, future: opts.future }, diags);
    report.unpublished = unpublished_files(&site);
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
        memo: opts.memo.clone(),
    };
    progress.stage(Stage::Rendering { pages: site.pages.iter().map(|p| p.versions.len()).sum() });
    // With errors already found nothing will be written, but rendering still reports the
    // rest of the build's errors at once.
    if diags.has_errors() {
        render::render_site(&site, &theme, diags, &render_opts, &render::Discard);
        return Err(None);
    }
    let sink = make_sink(site.config.base_path()).map_err(Some)?;
    let output = render::render_site(&site, &theme, diags, &render_opts, &sink);
    if let (Some(out), Some(folder)) = (output.as_ref().filter(|_| !diags.has_errors()), replacing) {
        report_vanished(&site, &write::vanished_pages(folder, out), opts.strict, diags);
    }
    // Nothing is swapped in while any error stands: the previous output stays as it was.
    if diags.has_errors() {
        return Err(None);
    }
    let output = output.ok_or(None)?;
    Ok((sink, output, site.config.base_path().to_string()))
}

/// The drafts and scheduled pages, left out or shown in preview.
fn unpublished_files(site: &Site) -> Vec<UnpublishedFile> {
    let included = site.pages.iter().map(|p| (p, true));
    let left_out = site.withheld.iter().map(|p| (p, false));
    let mut out: Vec<UnpublishedFile> = included
        .chain(left_out)
        .filter_map(|(p, included)| {
            let state = p.unpublished?;
            let file = p.original_version().file.map(|i| site.files[i].rel.clone())?;
            Some(UnpublishedFile { file, state, included })
        })
        .collect();
    out.sort_by(|a, b| a.file.cmp(&b.file));
    out
}

/// A page address the previous build published and this one does not: links shared in
/// WeChat and QR codes already printed lead to it. A warning that says how to keep it
/// (`aliases`), or with --strict an error; a draft or scheduled page is named as such.
fn report_vanished(site: &Site, vanished: &[String], strict: bool, diags: &Diagnostics) {
    for address in vanished {
        let withheld = site.withheld.iter().find(|p| p.versions.iter().any(|v| v.path == *address));
        let message = match withheld {
            Some(p) => format!(
                "{address} was published by the previous build and is gone now: its page is {}; links already shared and QR codes already printed will lead nowhere",
                crate::render::links::unpublished_words(p)
            ),
            None => format!(
                "{address} was published by the previous build and is gone now; links already shared and QR codes already printed will lead nowhere"
            ),
        };
        let help = format!(
            "if the page was renamed or moved, add `aliases: [{address}]` to the front matter of the page that replaced it; if it was withdrawn on purpose, this warning goes away after this build{}",
            if strict { " (build once without --strict)" } else { "" }
        );
        let d = if strict { Diagnostic::error(message) } else { Diagnostic::warning(message) }.help(help);
        let file = withheld.and_then(|p| p.original_version().file).map(|i| &site.files[i].rel);
        diags.push(match file {
            Some(f) => d.in_file(f),
            None => d,
        });
    }
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
/// with --strict an error; likewise every stale translation (see `staff::status`).
fn report_missing_translations(site: &Site, strict: bool, diags: &Diagnostics) {
    for page in &site.pages {
        if page.kind == Kind::Result && !site.is_admitted(&page.key) {
            continue;
        }
        for v in page.versions.iter().filter(|v| v.fallback && !site.is_broken(&page.key, &v.lang)) {
            let Some(file) = page.original_version().file.map(|i| &site.files[i]) else { continue };
            let lang_name = crate::load::config::english_language_name(&v.lang);
            let expected = expected_translation_path(&file.rel, &file.lang, &v.lang);
            let prefix = site.config.lang_prefix(&v.lang);
            let msg = format!(
                "no {lang_name} translation: readers of the {lang_name} pages ({prefix}/) see the original under a notice"
            );
            let d = if strict { Diagnostic::error(msg) } else { Diagnostic::warning(msg) };
            diags.push(d.in_file(&file.rel).help(format!("add {expected}")));
        }
    }
    for (translation, original) in crate::staff::status::stale(&site.files, site.config.default_lang()) {
        let msg = format!("the translation is stale: {original} changed after it was translated");
        let d = if strict { Diagnostic::error(msg) } else { Diagnostic::warning(msg) };
        let help = format!("update the translation, then run `investsite status --mark-translated {translation}`");
        diags.push(d.in_file(&translation).field(crate::staff::status::FIELD).help(help));
    }
}

fn expected_translation_path(rel: &str, from: &str, to: &str) -> String {
    let stem = rel.strip_suffix(".md").unwrap_or(rel);
    let stem = stem.strip_suffix(&format!(".{from}")).unwrap_or(stem);
    format!("{stem}.{to}.md")
}
