//! Test helpers: copy a fixture site into a temporary folder, build it, read the output.
#![allow(dead_code)]

pub mod browser;
pub mod pdf;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, OnceLock};

use investsite::build::{BuildOptions, BuildReport, build};
use investsite::units::Date;

pub struct Site {
    root: PathBuf,
    /// Deletes the folder when the test ends; `None` for the shared builds of `built`,
    /// which live as long as the test run.
    _temp: Option<tempfile::TempDir>,
}

/// The date every test builds "on", so expiry is deterministic.
pub fn today() -> Date {
    Date::parse("2026-11-25").unwrap()
}

impl Site {
    pub fn fixture(name: &str) -> Site {
        let site = Site::empty();
        copy_dir(&fixture_dir(name), site.root());
        site
    }

    pub fn empty() -> Site {
        let dir = tempfile::tempdir().unwrap();
        Site { root: dir.path().to_path_buf(), _temp: Some(dir) }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn output(&self) -> PathBuf {
        self.root().join("public")
    }

    pub fn write(&self, rel: &str, text: &str) {
        self.write_bytes(rel, text.as_bytes());
    }

    /// Rewrites site.yaml: `edit` gets its text and returns the new one.
    pub fn edit_site_yaml(&self, edit: impl FnOnce(String) -> String) {
        let yaml = std::fs::read_to_string(self.root().join("site.yaml")).unwrap();
        self.write("site.yaml", &edit(yaml));
    }

    /// Removes the `nav:` block from site.yaml, so the site gets the default menu.
    pub fn drop_nav(&self) {
        let yaml = std::fs::read_to_string(self.root().join("site.yaml")).unwrap();
        let without_nav: String = yaml
            .lines()
            .scan(false, |in_nav, line| {
                *in_nav = line.starts_with("nav:") || (*in_nav && line.starts_with("  "));
                Some((!*in_nav).then(|| format!("{line}\n")))
            })
            .flatten()
            .collect();
        assert!(!without_nav.contains("nav:"), "{without_nav}");
        self.write("site.yaml", &without_nav);
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        let p = self.root().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }

    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.root().join(rel)).unwrap();
    }

    pub fn options(&self) -> BuildOptions {
        BuildOptions {
            root: self.root().to_path_buf(),
            output: self.output(),
            base_url: None,
            strict: false,
            today: Some(today()),
            dry_run: false,
            relative: false,
            cache_dir: Some(share_cache()),
            drafts: false,
            future: false,
            memo: None,
            brochure_projects: Vec::new(),
        }
    }

    pub fn build(&self) -> BuildReport {
        build(&self.options())
    }

    /// Builds and fails the test with every diagnostic when the build fails.
    pub fn build_ok(&self) -> BuildReport {
        let r = self.build();
        assert!(r.ok(), "build failed:\n{}\n{:?}", messages(&r), r.fatal);
        r
    }

    /// Builds (failing the test on any error) and returns the share-image and poster SVGs as
    /// drawn, before rasterising, that carry `lang="<lang>"`.
    pub fn drawn_svgs(&self, lang: &str) -> Vec<String> {
        let memo = investsite::render::Memo::new();
        let options = BuildOptions { memo: Some(memo.clone()), ..self.options() };
        let report = build(&options);
        assert!(report.ok(), "{}", messages(&report));
        let lang = format!(r#"lang="{lang}""#);
        memo.rendered().iter().filter(|t| t.starts_with("<svg") && t.contains(&lang)).map(|t| t.to_string()).collect()
    }

    /// A file of the output as text.
    pub fn read(&self, rel: &str) -> String {
        let p = self.output().join(rel);
        std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.output().join(rel).exists()
    }

    /// Runs the real binary in the site folder.
    pub fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = Command::new(env!("CARGO_BIN_EXE_investsite"))
            .args(args)
            .env("INVESTSITE_CACHE_DIR", share_cache())
            .current_dir(self.root())
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }
}

/// The fixture `name`, built once per test run and shared by every test that only reads its
/// output (the site must not be changed or rebuilt: copy it with `Site::fixture` for that).
pub fn built(name: &str) -> &'static Site {
    static BUILDS: Mutex<BTreeMap<String, &'static OnceLock<Site>>> = Mutex::new(BTreeMap::new());
    // The map lock is held only to find the fixture's cell, so two fixtures build in parallel.
    let cell = *BUILDS.lock().unwrap().entry(name.to_string()).or_insert_with(|| Box::leak(Box::default()));
    cell.get_or_init(|| {
        let site = shared_site(name);
        site.build_ok();
        site
    })
}

/// A copy of the fixture `name` that lives as long as the test run (for a static).
pub fn shared_site(name: &str) -> Site {
    let root = shared_folder(name);
    copy_dir(&fixture_dir(name), &root);
    Site { root, _temp: None }
}

/// A new folder for something built once per run and kept in a static. A static is never
/// dropped, so a temporary folder would outlive the run: folders older than a day are
/// removed instead.
pub fn shared_folder(prefix: &str) -> PathBuf {
    let parent = Path::new(env!("CARGO_TARGET_TMPDIR")).join("shared-fixtures");
    std::fs::create_dir_all(&parent).unwrap();
    remove_stale(&parent);
    tempfile::Builder::new().prefix(&format!("{prefix}-")).tempdir_in(&parent).unwrap().keep()
}

fn remove_stale(parent: &Path) {
    let day = std::time::Duration::from_secs(24 * 3600);
    for entry in std::fs::read_dir(parent).unwrap().flatten() {
        let old = entry.metadata().and_then(|m| m.modified()).is_ok_and(|t| t.elapsed().is_ok_and(|age| age > day));
        if old {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

fn fixture_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// One image cache for all tests: fixture sites are alike, so their share images and
/// posters are drawn once, not in every test.
pub fn share_cache() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("share-cache-marked")
}

pub fn messages(r: &BuildReport) -> String {
    r.diagnostics.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n")
}

fn copy_dir(src: &Path, dest: &Path) {
    for entry in walkdir::WalkDir::new(src) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(src).unwrap();
        let target = dest.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every snapshot of a folder's files and contents, to prove nothing changed.
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().display().to_string(), std::fs::read(e.path()).unwrap()))
        .collect();
    v.sort();
    v
}

/// The value of `attr` on every tag that contains `needle`, in document order.
pub fn attr_values(html: &str, tag_needle: &str, attr: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in html.split('<').skip(1) {
        let tag = part.split('>').next().unwrap_or("");
        if tag.contains(tag_needle)
            && let Some(i) = tag.find(&format!("{attr}=\""))
        {
            let rest = &tag[i + attr.len() + 2..];
            out.push(rest[..rest.find('"').unwrap_or(rest.len())].to_string());
        }
    }
    out
}
