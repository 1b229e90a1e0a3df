//! Watches what a build reads: `content/`, `data/`, `static/`, `themes/` and `site.yaml`.
//! Events are debounced (an editor's save is several events; a `git checkout` is hundreds)
//! and come out as one batch of changed paths once the folder has been quiet for
//! [`QUIET`]. The output folder, the image cache, hidden files and editors' temporary
//! files are ignored, so a build writing its output never triggers another.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use notify::{RecursiveMode, Watcher as _};

use crate::load::{CONTENT_DIR, DATA_DIR, STATIC_DIR, THEMES_DIR, is_hidden_or_temp};

/// How long the site folder must be quiet before a rebuild starts: an editor's save (write,
/// rename, attributes) comes within a few milliseconds; a change arriving later only costs
/// one more rebuild, never a stale page, as every batch is followed by a build.
pub const QUIET: Duration = Duration::from_millis(50);

/// The folders a build reads, watched with everything in them.
const WATCHED_DIRS: [&str; 4] = [CONTENT_DIR, DATA_DIR, STATIC_DIR, THEMES_DIR];
const SETTINGS: &str = "site.yaml";

/// Every batch waiting, merged into `batch`: after a rebuild, one more does for them all.
pub fn drain(batches: &mpsc::Receiver<Batch>, mut batch: Batch) -> Batch {
    while let Ok(more) = batches.try_recv() {
        batch.extend(more);
    }
    batch
}

/// One batch of changes: paths relative to the site folder, `/`-separated.
pub type Batch = BTreeSet<String>;

/// A running watch; dropping it stops watching.
pub struct Watch {
    _watcher: Arc<Mutex<notify::RecommendedWatcher>>,
    pub batches: mpsc::Receiver<Batch>,
}

/// Starts watching `root`. Folders that do not exist yet are watched once created.
pub fn start(root: &Path) -> Result<Watch, String> {
    let root = std::fs::canonicalize(root).map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
    let (raw_tx, raw_rx) = mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher = notify::recommended_watcher(raw_tx).map_err(|e| format!("cannot watch for changes: {e}"))?;
    // The site folder itself only for `site.yaml` and for watched folders appearing: a
    // recursive watch would also cover the output, the cache and anything else kept there.
    watcher.watch(&root, RecursiveMode::NonRecursive).map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
    for dir in WATCHED_DIRS {
        let path = root.join(dir);
        if path.is_dir() {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| format!("cannot watch {}: {e}", path.display()))?;
        }
    }
    let (tx, batches) = mpsc::channel();
    let watcher = Arc::new(Mutex::new(watcher));
    // Weak: dropping the `Watch` drops the watcher, which ends the thread.
    let adder = Arc::downgrade(&watcher);
    let add_dir = move |dir: &Path| {
        if let Some(w) = adder.upgrade() {
            let _ = w.lock().map(|mut w| w.watch(dir, RecursiveMode::Recursive));
        }
    };
    std::thread::Builder::new()
        .name("investsite-watch".into())
        .spawn(move || debounce(&root, &raw_rx, &tx, &add_dir))
        .map_err(|e| format!("cannot watch for changes: {e}"))?;
    Ok(Watch { _watcher: watcher, batches })
}

/// Gathers events until the folder is quiet, then sends the batch.
fn debounce(
    root: &Path,
    raw: &mpsc::Receiver<notify::Result<notify::Event>>,
    tx: &mpsc::Sender<Batch>,
    add_dir: &dyn Fn(&Path),
) {
    let mut batch = Batch::new();
    loop {
        let event = if batch.is_empty() {
            match raw.recv() {
                Ok(e) => e,
                Err(_) => return,
            }
        } else {
            match raw.recv_timeout(QUIET) {
                Ok(e) => e,
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    if tx.send(std::mem::take(&mut batch)).is_err() {
                        return;
                    }
                    continue;
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => return,
            }
        };
        let Ok(event) = event else { continue };
        if matches!(event.kind, notify::EventKind::Access(_)) {
            continue;
        }
        for path in &event.paths {
            let Some(rel) = relevant(root, path) else { continue };
            if WATCHED_DIRS.contains(&rel.as_str()) && path.is_dir() {
                add_dir(path);
            }
            batch.insert(rel);
        }
    }
}

/// `path` relative to `root` when a build reads it; `None` for everything else.
pub fn relevant(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
    let parts = parts?;
    let first = *parts.first()?;
    let read_by_build = (parts.len() == 1 && first == SETTINGS) || WATCHED_DIRS.contains(&first);
    let temp = parts.iter().any(|p| is_hidden_or_temp(p) || is_editor_scratch(p));
    (read_by_build && !temp).then(|| parts.join("/"))
}

/// Files editors write beside the one being saved (Emacs locks and autosaves, Vim's probe).
fn is_editor_scratch(name: &str) -> bool {
    name.starts_with('#') || name == "4913" || name.ends_with(".bak") || name.ends_with(".part")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_a_build_reads_counts() {
        let root = Path::new("/site");
        let rel = |p: &str| relevant(root, &root.join(p));
        assert_eq!(rel("content/projects/a.zh.md").as_deref(), Some("content/projects/a.zh.md"));
        assert_eq!(rel("site.yaml").as_deref(), Some("site.yaml"));
        assert_eq!(rel("themes/default/templates/base.html").as_deref(), Some("themes/default/templates/base.html"));
        assert_eq!(rel("content").as_deref(), Some("content"));
        for ignored in [
            "public/index.html",
            ".investsite-cache/share/x.png",
            "content/.a.zh.md.swp",
            "content/a.zh.md~",
            "content/#a.zh.md#",
            "content/4913",
            "data/x.yaml.tmp",
            "README.md",
            "docs/site.yaml",
        ] {
            assert_eq!(rel(ignored), None, "{ignored}");
        }
        assert_eq!(relevant(root, Path::new("/elsewhere/content/a.md")), None);
    }

    #[test]
    fn an_edit_comes_out_as_one_batch() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("content")).unwrap();
        std::fs::write(dir.path().join("site.yaml"), "title: x\n").unwrap();
        let watch = start(dir.path()).unwrap();
        std::fs::write(dir.path().join("content/a.zh.md"), "---\ntitle: a\n---\n").unwrap();
        std::fs::write(dir.path().join("content/a.zh.md"), "---\ntitle: b\n---\n").unwrap();
        std::fs::write(dir.path().join("content/.a.swp"), "x").unwrap();
        let batch = watch.batches.recv_timeout(Duration::from_secs(20)).unwrap();
        assert_eq!(batch.into_iter().collect::<Vec<_>>(), vec!["content/a.zh.md".to_string()]);
    }
}
