//! The one rule for every file investsite reads from a site: it is inside the site folder,
//! it is a regular file (never a FIFO, socket or device, which could block the build or
//! stream forever), and it is no larger than the limit for its kind.
//!
//! A symbolic link is followed when its target, with every link resolved, is inside the
//! site folder; one that leaves it is refused, and the target is never opened, so no byte
//! of a file outside the site can appear in a page or in a message. Walks of a folder
//! ([`walk`]) and single reads ([`check_file`]) use the same checks.

use std::collections::BTreeSet;
use std::fs::Metadata;
use std::io::Read;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, Diagnostics, display_path};

const MIB: u64 = 1024 * 1024;

/// Markdown, YAML, templates and UI strings: far above any real page (a long policy text
/// is well under 1 MiB), far below what would make a build take gigabytes.
pub const TEXT_LIMIT: u64 = 8 * MIB;
/// Map outlines: detailed GeoJSON of a province runs to tens of MiB.
pub const OUTLINE_LIMIT: u64 = 64 * MIB;
/// Files copied as they are (static/, page bundles, theme files) and fonts: a scanned
/// policy PDF or a short video fits, a disk image does not.
pub const FILE_LIMIT: u64 = 200 * MIB;

/// What a path is, once checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    File { len: u64 },
    Dir,
}

/// A path that passed the checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Where the bytes are: the path itself, or a link's resolved target.
    pub real: PathBuf,
    pub kind: Kind,
}

/// Why a path is not read.
#[derive(Debug)]
pub enum Refusal {
    Missing,
    /// A link whose target does not exist.
    Broken,
    /// The path, or a link on the way to it, leaves the site folder.
    Outside,
    /// A FIFO, socket or device: what it is.
    Special(&'static str),
    TooLarge {
        len: u64,
        limit: u64,
    },
    /// A folder where a file was expected.
    NotAFile,
    Io(std::io::Error),
}

impl Refusal {
    /// A message naming `rel` (the path relative to the site root) and what to do. It never
    /// names or quotes the target of a link that leaves the site.
    pub fn diagnostic(&self, rel: &str) -> Diagnostic {
        let d = match self {
            Refusal::Missing => Diagnostic::error("the file does not exist"),
            Refusal::Broken => Diagnostic::error("the symbolic link points to a file that does not exist")
                .help("fix or remove the link"),
            Refusal::Outside => Diagnostic::error(
                "the path points outside the site folder (a symbolic link leaves it); investsite reads only files inside the site folder",
            )
            .help("copy the file into the site folder instead of linking to it"),
            Refusal::Special(what) => Diagnostic::error(format!("this is a {what}, not a regular file; it is not read"))
                .help("remove it from the site folder"),
            Refusal::TooLarge { len, limit } => Diagnostic::error(format!(
                "the file is {} — larger than the limit of {} for this kind of file",
                size_text(*len),
                size_text(*limit)
            ))
            .help("make the file smaller (compress images and scans), or publish it from another server and link to it"),
            Refusal::NotAFile => Diagnostic::error("this is a folder, not a file"),
            Refusal::Io(e) => Diagnostic::error(format!("cannot read: {e}")),
        };
        d.in_file(rel)
    }
}

fn size_text(bytes: u64) -> String {
    if bytes >= MIB { format!("{:.1} MiB", bytes as f64 / MIB as f64) } else { format!("{bytes} bytes") }
}

/// The site root with its links resolved, to compare resolved paths against.
#[derive(Debug, Clone)]
pub struct Guard {
    root: PathBuf,
    real_root: PathBuf,
}

impl Guard {
    pub fn new(root: &Path) -> Guard {
        let real_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        Guard { root: root.to_path_buf(), real_root }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// `path` relative to the site root, for messages.
    pub fn rel(&self, path: &Path) -> String {
        display_path(path.strip_prefix(&self.root).unwrap_or(path))
    }

    /// Checks any path given from the site root: every link on the way is resolved, and the
    /// result must be inside the site folder.
    pub fn check(&self, path: &Path) -> Result<Entry, Refusal> {
        let link = std::fs::symlink_metadata(path).map_err(not_found_as_missing)?;
        let real = match std::fs::canonicalize(path) {
            Ok(r) => r,
            Err(_) if link.file_type().is_symlink() => return Err(Refusal::Broken),
            Err(e) => return Err(not_found_as_missing(e)),
        };
        if !real.starts_with(&self.real_root) {
            return Err(Refusal::Outside);
        }
        // Metadata of the resolved file: for a link, the target's type and size.
        let meta = std::fs::metadata(&real).map_err(not_found_as_missing)?;
        Ok(Entry { kind: classify(&meta)?, real })
    }

    /// A regular file no larger than `limit`.
    pub fn check_file(&self, path: &Path, limit: u64) -> Result<Entry, Refusal> {
        let entry = self.check(path)?;
        match entry.kind {
            Kind::File { len } if len > limit => Err(Refusal::TooLarge { len, limit }),
            Kind::File { .. } => Ok(entry),
            Kind::Dir => Err(Refusal::NotAFile),
        }
    }
}

fn not_found_as_missing(e: std::io::Error) -> Refusal {
    if e.kind() == std::io::ErrorKind::NotFound { Refusal::Missing } else { Refusal::Io(e) }
}

/// A file or a folder; anything else is refused by name.
fn classify(meta: &Metadata) -> Result<Kind, Refusal> {
    let t = meta.file_type();
    if t.is_file() {
        return Ok(Kind::File { len: meta.len() });
    }
    if t.is_dir() {
        return Ok(Kind::Dir);
    }
    Err(Refusal::Special(special_name(&t)))
}

#[cfg(unix)]
fn special_name(t: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if t.is_fifo() {
        "named pipe (FIFO)"
    } else if t.is_socket() {
        "socket"
    } else if t.is_block_device() || t.is_char_device() {
        "device"
    } else {
        "special file"
    }
}

#[cfg(not(unix))]
fn special_name(_: &std::fs::FileType) -> &'static str {
    "special file"
}

/// Checks one path given from the site root (`check_entry(root, root.join("static/a.jpg"))`).
pub fn check_entry(root: &Path, path: &Path) -> Result<Entry, Box<Diagnostic>> {
    let guard = Guard::new(root);
    guard.check(path).map_err(|r| Box::new(r.diagnostic(&guard.rel(path))))
}

/// Reads a checked file, never more than `limit` bytes even if it grew since it was checked.
pub fn read_limited(entry: &Entry, limit: u64) -> Result<Vec<u8>, Refusal> {
    let file = std::fs::File::open(&entry.real).map_err(Refusal::Io)?;
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes).map_err(Refusal::Io)?;
    if bytes.len() as u64 > limit {
        return Err(Refusal::TooLarge { len: bytes.len() as u64, limit });
    }
    Ok(bytes)
}

/// A file found by [`walk`].
#[derive(Debug, Clone)]
pub struct Found {
    /// The path as the site shows it (through links), which gives names and page keys.
    pub path: PathBuf,
    /// Where the bytes are.
    pub real: PathBuf,
    /// `/`-separated path inside the walked folder.
    pub rel: String,
    pub len: u64,
}

/// Hidden files and editors' temporary files are not part of a site.
pub fn is_hidden_or_temp(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('~')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
}

/// Every file under `dir` (sorted by name, hidden files left out). Links inside the site are
/// followed; every refused entry is an error naming it and is left out. `limit` gives the
/// size limit of a file from its path inside `dir`, `None` for files that are never read.
pub fn walk(guard: &Guard, dir: &Path, limit: &dyn Fn(&str) -> Option<u64>, diags: &Diagnostics) -> Vec<Found> {
    match guard.check(dir) {
        Ok(Entry { kind: Kind::Dir, .. }) => {}
        Ok(_) | Err(Refusal::Missing) => return Vec::new(),
        Err(r) => {
            diags.push(r.diagnostic(&guard.rel(dir)));
            return Vec::new();
        }
    }
    // Folders walked through links.
    let mut walked = BTreeSet::new();
    let mut out = Vec::new();
    walk_into(guard, dir, "", limit, &mut walked, &mut out, diags);
    out
}

fn walk_into(
    guard: &Guard,
    dir: &Path,
    prefix: &str,
    limit: &dyn Fn(&str) -> Option<u64>,
    walked: &mut BTreeSet<PathBuf>,
    out: &mut Vec<Found>,
    diags: &Diagnostics,
) {
    let walker = WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden_or_temp(&e.file_name().to_string_lossy()));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let at = e.path().map(|p| guard.rel(p)).unwrap_or_else(|| guard.rel(dir));
                diags.push(Diagnostic::error(format!("cannot read: {e}")).in_file(at));
                continue;
            }
        };
        if entry.depth() == 0 || entry.file_type().is_dir() {
            continue;
        }
        let inside = display_path(entry.path().strip_prefix(dir).unwrap_or(entry.path()));
        let rel = if prefix.is_empty() { inside } else { format!("{prefix}/{inside}") };
        let path = entry.path().to_path_buf();
        // A plain file under a checked folder is inside the site: only links need resolving.
        let checked = if entry.file_type().is_symlink() {
            guard.check(&path)
        } else {
            entry
                .metadata()
                .map_err(|e| Refusal::Io(e.into()))
                .and_then(|m| classify(&m))
                .map(|kind| Entry { real: path.clone(), kind })
        };
        match checked {
            Ok(Entry { kind: Kind::File { len }, real }) => match limit(&rel) {
                Some(max) if len > max => {
                    diags.push(Refusal::TooLarge { len, limit: max }.diagnostic(&guard.rel(&path)))
                }
                _ => out.push(Found { path, real, rel, len }),
            },
            Ok(Entry { kind: Kind::Dir, real }) => {
                if let Some(problem) = linked_dir_problem(&path, &real, walked) {
                    diags.push(
                        Diagnostic::error(problem)
                            .in_file(guard.rel(&path))
                            .help("remove the link, or link single files instead of the folder"),
                    );
                    continue;
                }
                walked.insert(real.clone());
                walk_linked_dir(guard, &path, &real, &rel, limit, walked, out, diags);
            }
            Err(r) => diags.push(r.diagnostic(&guard.rel(&path))),
        }
    }
}

/// A link to a folder that contains the link would be walked forever; one whose folder is
/// already walked through another link is refused too, so links cannot multiply a walk.
fn linked_dir_problem(link: &Path, real: &Path, walked: &BTreeSet<PathBuf>) -> Option<&'static str> {
    let parent = link.parent().and_then(|p| std::fs::canonicalize(p).ok());
    if parent.is_none_or(|p| p.starts_with(real)) {
        return Some("this symbolic link points to a folder that contains it (a loop)");
    }
    walked.contains(real).then_some("this symbolic link points to a folder that is already read through another link")
}

/// Walks the target of a link to a folder, naming its files through the link.
#[allow(clippy::too_many_arguments)]
fn walk_linked_dir(
    guard: &Guard,
    link: &Path,
    real: &Path,
    rel: &str,
    limit: &dyn Fn(&str) -> Option<u64>,
    walked: &mut BTreeSet<PathBuf>,
    out: &mut Vec<Found>,
    diags: &Diagnostics,
) {
    let start = out.len();
    walk_into(guard, real, rel, limit, walked, out, diags);
    for found in &mut out[start..] {
        if let Ok(inside) = found.path.strip_prefix(real) {
            found.path = link.join(inside);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(size_text(8 * MIB), "8.0 MiB");
        assert_eq!(size_text(12), "12 bytes");
    }

    #[test]
    fn a_path_outside_the_root_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        std::fs::create_dir_all(&site).unwrap();
        std::fs::write(dir.path().join("secret.txt"), "s").unwrap();
        let g = Guard::new(&site);
        assert!(matches!(g.check(&site.join("../secret.txt")), Err(Refusal::Outside)));
        assert!(matches!(g.check(&site.join("nope")), Err(Refusal::Missing)));
        std::fs::write(site.join("a.md"), "abc").unwrap();
        assert_eq!(g.check_file(&site.join("a.md"), 3).unwrap().kind, Kind::File { len: 3 });
        assert!(matches!(g.check_file(&site.join("a.md"), 2), Err(Refusal::TooLarge { len: 3, limit: 2 })));
    }
}
