//! `investsite brochure`: prints the brochure page of each language to PDF with a locally
//! installed Chromium (headless). The site is built afresh in memory and served on
//! 127.0.0.1 by `serve::server` for the print (pages use root-relative addresses, which
//! `file://` would not resolve); the site's own output folder is not touched.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::build::{BuildOptions, BuildReport, Built, build_in_memory};
use crate::render::brochure::DIR;
use crate::serve::server::{self, Shared, Snapshot};

/// How long Chromium may take to print one brochure.
const PRINT_TIMEOUT: Duration = Duration::from_secs(120);

/// Names of Chromium on PATH, and usual install places, tried in order (after `$CHROMIUM`).
const CHROMIUM_NAMES: &[&str] =
    &["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "msedge"];
const CHROMIUM_PATHS: &[&str] = &[
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/snap/bin/chromium",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
    "C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe",
];

pub struct Options {
    pub root: PathBuf,
    /// Folder for the PDFs (`brochure.zh.pdf`, …).
    pub output: PathBuf,
    /// Languages to print; empty: all of the site's.
    pub langs: Vec<String>,
    /// Only these projects (file names), in this order; empty: site.yaml's selection.
    pub projects: Vec<String>,
    pub today: Option<crate::units::Date>,
}

#[derive(Debug)]
pub enum Failure {
    /// The site has errors: the build report says which.
    Build(Box<BuildReport>),
    /// Anything else, explained.
    Other(String),
}

/// Chromium from `$CHROMIUM`, PATH or the usual places.
pub fn find_chromium() -> Option<PathBuf> {
    // A browser named explicitly is the only one tried.
    if let Some(p) = std::env::var_os("CHROMIUM").filter(|v| !v.is_empty()).map(PathBuf::from) {
        return p.is_file().then_some(p);
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    for name in CHROMIUM_NAMES {
        for dir in std::env::split_paths(&path) {
            for candidate in [dir.join(name), dir.join(format!("{name}.exe"))] {
                if candidate.is_file() {
                    return Some(candidate);
                }
            }
        }
    }
    CHROMIUM_PATHS.iter().map(PathBuf::from).find(|p| p.is_file())
}

pub const NO_CHROMIUM: &str = "no Chromium found to print the brochure (looked at $CHROMIUM, then chromium, chromium-browser and google-chrome on PATH): install it (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM=/path/to/chrome; meanwhile open /brochure/ of the built site in a browser and print it (A4, one project per page)";

/// Builds the site, prints each language's brochure, returns the PDFs written.
pub fn print(opts: &Options) -> Result<Vec<PathBuf>, Failure> {
    let chromium = find_chromium().ok_or_else(|| Failure::Other(NO_CHROMIUM.to_string()))?;
    let build_opts = BuildOptions {
        root: opts.root.clone(),
        output: opts.root.join("public"),
        base_url: None,
        strict: false,
        today: opts.today,
        dry_run: false,
        relative: false,
        cache_dir: None,
        drafts: false,
        future: false,
        memo: None,
        brochure_projects: opts.projects.clone(),
    };
    let (report, built) = build_in_memory(&build_opts);
    let Some(built) = built.filter(|_| report.ok()) else {
        return Err(Failure::Build(Box::new(report)));
    };
    // Chromium's profiles only: the site itself is served from memory.
    let work = std::env::temp_dir().join(format!("investsite-brochure-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    let result = print_built(&chromium, built, &work, opts);
    let _ = std::fs::remove_dir_all(&work);
    result
}

fn print_built(chromium: &Path, built: Built, work: &Path, opts: &Options) -> Result<Vec<PathBuf>, Failure> {
    let config = crate::load::config::load(&opts.root, &crate::diagnostics::Diagnostics::new())
        .ok_or_else(|| Failure::Other("cannot read site.yaml".into()))?;
    if !config.brochure.enabled {
        return Err(Failure::Other("the brochure is switched off (`brochure: false` in site.yaml)".into()));
    }
    let langs: Vec<String> = if opts.langs.is_empty() { config.languages.clone() } else { opts.langs.clone() };
    if let Some(l) = langs.iter().find(|l| !config.languages.contains(l)) {
        return Err(Failure::Other(format!(
            "the site has no language \"{l}\" (it has: {})",
            config.languages.join(", ")
        )));
    }
    let shared = Shared::new(Snapshot::new(built), false);
    let server = server::start(SocketAddr::from(([127, 0, 0, 1], 0)), shared)
        .map_err(|e| Failure::Other(format!("cannot serve the site on 127.0.0.1: {e}")))?;
    let base = format!("http://{}{}", server.addr, config.base_path());
    std::fs::create_dir_all(&opts.output)
        .map_err(|e| Failure::Other(format!("cannot create {}: {e}", opts.output.display())))?;
    let mut written = Vec::new();
    for lang in &langs {
        let url = format!("{base}{}/{DIR}/", config.lang_prefix(lang));
        let pdf = crate::write::absolute(&opts.output).join(format!("brochure.{lang}.pdf"));
        print_one(chromium, &url, &pdf, &work.join(format!("profile-{lang}")))?;
        written.push(pdf);
    }
    Ok(written)
}

fn print_one(chromium: &Path, url: &str, pdf: &Path, profile: &Path) -> Result<(), Failure> {
    let _ = std::fs::remove_file(pdf);
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            "--no-default-browser-check",
            "--no-pdf-header-footer",
            "--print-to-pdf-no-header",
            "--run-all-compositor-stages-before-draw",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| Failure::Other(format!("cannot start {}: {e}", chromium.display())))?;
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(s)) => break s,
            Ok(None) if started.elapsed() > PRINT_TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(Failure::Other(format!(
                    "Chromium did not finish printing {url} within {} s",
                    PRINT_TIMEOUT.as_secs()
                )));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(100)),
            Err(e) => return Err(Failure::Other(format!("waiting for Chromium: {e}"))),
        }
    };
    let ok = std::fs::metadata(pdf).map(|m| m.len() > 0).unwrap_or(false);
    if !status.success() || !ok {
        let mut err = String::new();
        if let Some(mut e) = child.stderr.take() {
            let _ = std::io::Read::read_to_string(&mut e, &mut err);
        }
        let last: Vec<&str> = err.lines().rev().take(5).collect();
        return Err(Failure::Other(format!(
            "Chromium could not print {url} ({status}): {}",
            last.into_iter().rev().collect::<Vec<_>>().join(" | ")
        )));
    }
    Ok(())
}
