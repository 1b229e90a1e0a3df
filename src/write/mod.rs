//! Stage 4, write: puts the rendered output on disk, all or nothing.
//!
//! The new output is written into a temporary folder beside the output folder and swapped
//! in only when everything is written, so a failed build leaves the previous output exactly
//! as it was. A manifest records which files investsite wrote: everything else in the output
//! folder (files, folders, links) is carried over, never deleted; what cannot be carried is
//! refused before anything changes. An output that is a link is written through: the link
//! stays, its target is replaced. Work folders of an interrupted build are marked, so the
//! next build cleans up its own and never anyone else's. Folders that hold the site's
//! sources are refused as output.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics, Fatal};
use crate::load::theme::Source;
use crate::render::{OutFile, Output, Sink};

pub mod relative;
mod spare;

pub const MANIFEST: &str = ".investsite-manifest";

/// Written first into every work folder: only folders holding it are ever cleaned up.
pub const WORK_MARKER: &str = ".investsite-work";

/// First line of the manifest since each file is a JSON array `[path, size, modified,
/// hash]` (a file name may hold a line break); a manifest with the older header holds JSON
/// strings (paths only), one without a header one path a line.
const MANIFEST_HEADER: &str = "investsite-manifest 3";
const MANIFEST_HEADER_PATHS: &str = "investsite-manifest 2";

/// The marker's text in an output being moved aside; once the new output is in, it says
/// `REPLACED`: only an output still being replaced is put back after a killed build.
const REPLACING: &str = "investsite: output being replaced\n";
const REPLACED: &str = "investsite: replaced output, to be deleted\n";

const NEW: &str = "new";
const OLD: &str = "old";
/// The replaced output's folders, kept for the next build (see [`spare`]).
const SPARE: &str = "spare";

const WORK_TEXT: &str = "investsite work folder: deleted by the next build if left behind\n";

/// Where processes cannot be looked up, a work folder younger than this may belong to a
/// build that is still running.
const WORK_FOLDER_GRACE: Duration = Duration::from_secs(24 * 3600);

/// Links followed to find the real output folder before giving up (a loop).
const MAX_LINKS: usize = 40;

pub struct Written {
    pub files: usize,
    pub bytes: u64,
    /// Files whose bytes changed (or are new) since the previous output; the others were
    /// carried over with their modification times, so deploy tools upload only these.
    pub rewritten: usize,
}

/// Refuses output folders where swapping would destroy sources: the site root itself, any
/// folder that contains it, or its content/, data/, static/ and themes/ folders.
pub fn check_output_location(root: &Path, output: &Path) -> Result<(), Fatal> {
    let root = absolute(root);
    let out = absolute(output);
    let refuse = |why: &str| {
        Err(Fatal::new(format!(
            "refusing to write the site into {}: {why}. Choose a separate folder, e.g. --output public",
            out.display()
        )))
    };
    if out == root {
        return refuse("it is the site's own folder");
    }
    if root.starts_with(&out) {
        return refuse("it contains the site's sources");
    }
    for dir in ["content", "data", "static", "themes"] {
        if out.starts_with(root.join(dir)) {
            return refuse(&format!("it is inside the site's {dir}/ folder"));
        }
    }
    Ok(())
}

/// An absolute, normalized path, also for folders that do not exist yet.
pub fn absolute(p: &Path) -> PathBuf {
    let abs = if p.is_absolute() { p.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(p) };
    if let Ok(c) = abs.canonicalize() {
        return c;
    }
    let mut out = PathBuf::new();
    for comp in abs.components() {
        match comp {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            c => out.push(c),
        }
    }
    match (out.parent(), out.file_name()) {
        (Some(parent), Some(name)) if parent.exists() => parent.canonicalize().map(|p| p.join(name)).unwrap_or(out),
        _ => out,
    }
}

/// The write stage of one build, open while the site renders: files are written into a
/// work folder beside the output as they come ([`Sink::put`]) and the folder is swapped in
/// by [`Writer::finish`]. Dropped unfinished (the build failed), the work folder is deleted
/// and the previous output stays as it was.
pub struct Writer {
    target: PathBuf,
    parent: PathBuf,
    name: String,
    tmp: PathBuf,
    previous: Option<Manifest>,
    /// The previous spare tree became the work folder: what it held.
    recycled: Option<spare::Recycled>,
    /// `--relative`: the site's base path, for rewriting each page's addresses.
    relative: Option<String>,
    state: Mutex<Progress>,
    finished: bool,
}

/// What has been written so far; the first error stops further writing.
#[derive(Default)]
struct Progress {
    paths: Manifest,
    bytes: u64,
    rewritten: usize,
    failed: Option<Fatal>,
}

impl Writer {
    /// Checks the output folder and makes the work folder beside it; nothing in the output
    /// changes. With `relative`, pages get addresses relative to themselves (`--relative`).
    pub fn open(root: &Path, output: &Path, relative: Option<String>, diags: &Diagnostics) -> Result<Writer, Fatal> {
        check_output_location(root, output)?;
        let target = real_output(output)?;
        check_output_location(root, &target)?;
        let (parent, name) = parent_and_name(&target)?;
        fs::create_dir_all(&parent).map_err(|e| unwritable(output, &target, &parent, e))?;
        let spare = recover_interrupted(&parent, &name, &target, diags)?;
        let previous = previous_manifest(&target)?;
        let tmp = parent.join(work_name(&name, NEW, std::process::id()));
        free_work_name(&tmp).map_err(|e| unwritable(output, &target, &parent, e))?;
        let recycled = spare.and_then(|s| spare::take(&s, &tmp));
        if recycled.is_none() {
            create_work_folder(&tmp).map_err(|e| unwritable(output, &target, &parent, e))?;
        }
        Ok(Writer {
            target,
            parent,
            name,
            tmp,
            previous,
            recycled,
            relative,
            state: Mutex::new(Progress::default()),
            finished: false,
        })
    }

    /// The folder the new output replaces (a link to it followed).
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Copies the static files, writes the manifest, carries the owner's files over and
    /// swaps the new output in.
    pub fn finish(mut self, copies: Vec<(Source, String)>, diags: &Diagnostics) -> Result<Written, Fatal> {
        self.finished = true;
        let result = self.complete(copies, diags);
        if result.is_err() {
            park_or_remove(&self.tmp, &self.parent, &self.name);
        }
        result
    }

    fn complete(&self, copies: Vec<(Source, String)>, diags: &Diagnostics) -> Result<Written, Fatal> {
        let progress = std::mem::take(&mut *self.lock());
        if let Some(f) = progress.failed {
            return Err(f);
        }
        let copies = dedup_last(copies);
        let mut paths = progress.paths;
        for (_, p) in &copies {
            check_path(p)?;
            if paths.insert(p.clone(), None).is_some() {
                return Err(Fatal::new(format!("internal: two files would be written to {p}")));
            }
        }
        let carried = match &self.previous {
            Some(prev) => plan_carry_over(&self.target, prev)?,
            None => Vec::new(),
        };
        check_carry_conflicts(&self.target, &carried, &paths)?;
        let unchanged = self.unchanged();
        let copied: Vec<Placed> = copies
            .par_iter()
            .map(|(src, rel)| {
                let content = match src {
                    Source::Embedded(bytes) => Content::Bytes(bytes),
                    Source::Disk(path) => Content::File(path),
                };
                unchanged.place(rel, &self.tmp.join(rel), content)
            })
            .collect::<Result<_, _>>()?;
        for ((_, rel), placed) in copies.iter().zip(&copied) {
            paths.insert(rel.clone(), placed.stamp);
        }
        let manifest = self.tmp.join(MANIFEST);
        spare::clear(&manifest).map_err(|e| Fatal::io(&manifest, e))?;
        write_file(&manifest, manifest_text(&paths).as_bytes())?;
        if let Some(r) = &self.recycled {
            spare::sweep(&self.tmp, r, &paths).map_err(|e| Fatal::io(&self.tmp, e))?;
        }
        let written = Written {
            files: paths.len(),
            bytes: progress.bytes + copied.iter().map(|p| p.bytes).sum::<u64>(),
            rewritten: progress.rewritten + copied.iter().filter(|p| p.rewritten).count(),
        };
        carry_over(&self.target, &self.tmp, &carried)?;
        swap_in(&self.tmp, &self.target, &self.parent, &self.name, diags)?;
        Ok(written)
    }

    fn unchanged(&self) -> Unchanged<'_> {
        Unchanged {
            old: &self.target,
            ours: self.previous.as_ref(),
            work: &self.tmp,
            recycled: self.recycled.is_some(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Progress> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn write_one(&self, mut file: OutFile) -> Result<Placed, Fatal> {
        check_path(&file.path)?;
        if let Some(base_path) = &self.relative {
            relative::relativize_file(&mut file, base_path);
        }
        self.unchanged().place(&file.path, &self.tmp.join(&file.path), Content::Bytes(&file.bytes))
    }
}

impl Sink for Writer {
    fn put(&self, file: OutFile) {
        let path = file.path.clone();
        {
            let mut state = self.lock();
            if state.failed.is_some() {
                return;
            }
            // Rendering reports two sources for one path as an author error; this one
            // would be written twice.
            if state.paths.insert(path.clone(), None).is_some() {
                state.failed = Some(Fatal::new(format!("internal: two files would be written to {}", file.path)));
                return;
            }
        }
        let placed = self.write_one(file);
        let mut state = self.lock();
        match placed {
            Ok(p) => {
                state.bytes += p.bytes;
                state.rewritten += usize::from(p.rewritten);
                state.paths.insert(path, p.stamp);
            }
            Err(f) => {
                state.failed.get_or_insert(f);
            }
        }
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        if !self.finished {
            park_or_remove(&self.tmp, &self.parent, &self.name);
        }
    }
}

/// A path that would leave the output folder is refused.
fn check_path(p: &str) -> Result<(), Fatal> {
    let inside = Path::new(p).components().all(|c| matches!(c, Component::Normal(_)));
    if !inside || p.is_empty() {
        return Err(Fatal::new(format!("internal: the output path {p:?} would leave the output folder")));
    }
    Ok(())
}

/// The folder the output really is: links (also dangling ones) followed, so that a link
/// such as `public -> /var/www/site` stays a link and its target receives the new output.
fn real_output(output: &Path) -> Result<PathBuf, Fatal> {
    let mut path = absolute(output);
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_symlink() => {
                let to = fs::read_link(&path).map_err(|e| Fatal::io(&path, e))?;
                let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
                path = absolute(&dir.join(to));
            }
            _ => return Ok(path),
        }
    }
    Err(Fatal::new(format!("{} is a link that leads round in a circle; point it at a folder", output.display())))
}

fn parent_and_name(target: &Path) -> Result<(PathBuf, String), Fatal> {
    match (target.parent(), target.file_name()) {
        (Some(parent), Some(name)) => Ok((parent.to_path_buf(), name.to_string_lossy().into_owned())),
        _ => Err(Fatal::new(format!("cannot use {} as the output folder", target.display()))),
    }
}

/// The new output is prepared beside the real output folder, so that one rename swaps it in.
fn unwritable(output: &Path, target: &Path, parent: &Path, e: std::io::Error) -> Fatal {
    if absolute(output) == target {
        return Fatal::io(parent, e);
    }
    Fatal::new(format!(
        "{} is a link to {}; the new output is prepared beside that folder, in {}, which cannot be written ({e}). Nothing was changed: make {} writable, or point --output at a folder",
        output.display(),
        target.display(),
        parent.display(),
        parent.display()
    ))
}

/// `.public.investsite-new-1234`
fn work_name(name: &str, kind: &str, pid: u32) -> String {
    format!(".{name}.investsite-{kind}-{pid}")
}

/// The kind and process id of a work folder name for the output `name`.
fn parse_work_name<'a>(file: &'a str, name: &str) -> Option<(&'a str, u32)> {
    let rest = file.strip_prefix('.')?.strip_prefix(name)?.strip_prefix(".investsite-")?;
    let (kind, pid) = rest.split_once('-')?;
    if ![NEW, OLD, SPARE].contains(&kind) || pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((kind, pid.parse().ok()?))
}

fn is_marked(dir: &Path) -> bool {
    fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir())
        && fs::symlink_metadata(dir.join(WORK_MARKER)).is_ok_and(|m| m.is_file())
}

/// Whether the build that made a work folder may still be running: its process exists
/// (Linux), or, where processes cannot be looked up, its marker is recent.
fn may_be_running(pid: u32, dir: &Path) -> bool {
    if pid == std::process::id() {
        // This build has not made its work folder yet: one with its number is from a
        // finished process that had the same number.
        return false;
    }
    if cfg!(target_os = "linux") && Path::new("/proc/self").exists() {
        return Path::new(&format!("/proc/{pid}")).exists();
    }
    fs::metadata(dir.join(WORK_MARKER))
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| SystemTime::now().duration_since(t).ok())
        .is_none_or(|age| age < WORK_FOLDER_GRACE)
}

/// Cleans up after a build that was killed: its marked work folders are deleted, and when
/// it was killed between moving the old output aside and moving the new one in, the old
/// output is put back first. Folders named like ours without a marker are left alone.
/// Returns the spare tree left by the previous build, if any (one; others are deleted).
fn recover_interrupted(
    parent: &Path,
    name: &str,
    target: &Path,
    diags: &Diagnostics,
) -> Result<Option<PathBuf>, Fatal> {
    let Ok(entries) = fs::read_dir(parent) else { return Ok(None) };
    let mut stale: Vec<(String, PathBuf)> = Vec::new();
    let mut spare = None;
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let Some((kind, pid)) = parse_work_name(&file, name) else { continue };
        let path = entry.path();
        if !is_marked(&path) {
            diags.push(Diagnostic::warning(format!(
                "{} is named like a work folder of investsite but has no {WORK_MARKER} in it; it was left alone (delete it yourself if nothing in it is needed)",
                path.display()
            )));
            continue;
        }
        if kind == SPARE && spare.is_none() {
            spare = Some(path);
        } else if kind == SPARE || !may_be_running(pid, &path) {
            stale.push((kind.to_string(), path));
        }
    }
    let being_replaced = |p: &Path| fs::read_to_string(p.join(WORK_MARKER)).is_ok_and(|t| t == REPLACING);
    let olds: Vec<&PathBuf> = stale.iter().filter(|(k, p)| k == OLD && being_replaced(p)).map(|(_, p)| p).collect();
    if fs::symlink_metadata(target).is_err() && !olds.is_empty() {
        restore_previous(&olds, target, diags)?;
    }
    for (_, path) in &stale {
        if fs::symlink_metadata(path).is_ok()
            && let Err(e) = remove_work_folder(path)
        {
            diags.push(Diagnostic::warning(format!(
                "cannot delete {} left by an interrupted build: {e}",
                path.display()
            )));
        }
    }
    Ok(spare)
}

/// Puts back the output that an interrupted build had moved aside, so that its files
/// (also the owner's) are not lost.
fn restore_previous(olds: &[&PathBuf], target: &Path, diags: &Diagnostics) -> Result<(), Fatal> {
    let [old] = olds else {
        let list: Vec<String> = olds.iter().map(|p| p.display().to_string()).collect();
        return Err(Fatal::new(format!(
            "{} is missing and several interrupted builds left an earlier output ({}); nothing was changed: rename the one to keep to {}",
            target.display(),
            list.join(", "),
            target.display()
        )));
    };
    fs::rename(old, target).map_err(|e| Fatal::io(old, e))?;
    let _ = fs::remove_file(target.join(WORK_MARKER));
    diags.push(Diagnostic::warning(format!(
        "an earlier build was interrupted while replacing {}; the output it had moved aside was put back",
        target.display()
    )));
    Ok(())
}

/// Makes this build's work folder with its marker.
fn create_work_folder(tmp: &Path) -> std::io::Result<()> {
    free_work_name(tmp)?;
    fs::create_dir(tmp)?;
    fs::write(tmp.join(WORK_MARKER), WORK_TEXT)
}

/// A marked folder of this build's work folder name, left by an earlier process with the
/// same number, is deleted; anything else of that name is refused.
fn free_work_name(tmp: &Path) -> std::io::Result<()> {
    if fs::symlink_metadata(tmp).is_ok() {
        if !is_marked(tmp) {
            return Err(std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                format!("{} exists and was not made by investsite; move it away", tmp.display()),
            ));
        }
        remove_work_folder(tmp)?;
    }
    Ok(())
}

/// Keeps a replaced output's (or a failed build's) folder tree as the spare for the next
/// build; deleted when that fails.
fn park_or_remove(dir: &Path, parent: &Path, name: &str) {
    let spare = parent.join(work_name(name, SPARE, std::process::id()));
    let parked = fs::symlink_metadata(&spare).is_err()
        && spare::mark(dir, spare::SPARE_TEXT).is_ok()
        && fs::rename(dir, &spare).is_ok();
    if !parked {
        let _ = remove_work_folder(dir);
    }
}

/// Deletes a work folder, its marker last, so that a folder half deleted when the build is
/// killed again is still recognised as ours. Read-only folders (carried from the owner's
/// output with their permissions) are made writable first when that is what stops it.
fn remove_work_folder(dir: &Path) -> std::io::Result<()> {
    if remove_work_folder_once(dir).is_ok() {
        return Ok(());
    }
    for entry in walkdir::WalkDir::new(dir).follow_links(false).into_iter().filter_map(Result::ok) {
        if entry.file_type().is_dir()
            && let Ok(m) = entry.metadata()
            && m.permissions().readonly()
        {
            let mut p = m.permissions();
            #[allow(clippy::permissions_set_readonly_false)]
            p.set_readonly(false);
            let _ = fs::set_permissions(entry.path(), p);
        }
    }
    remove_work_folder_once(dir)
}

fn remove_work_folder_once(dir: &Path) -> std::io::Result<()> {
    let entries: Vec<fs::DirEntry> = fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.par_iter().filter(|e| e.file_name() != WORK_MARKER).try_for_each(remove_entry)?;
    let _ = fs::remove_file(dir.join(WORK_MARKER));
    fs::remove_dir(dir)
}

/// Deletes a file, link or folder (links not followed), a folder's entries on all cores:
/// the old output has a folder per page.
fn remove_entry(entry: &fs::DirEntry) -> std::io::Result<()> {
    if !entry.file_type()?.is_dir() {
        return fs::remove_file(entry.path());
    }
    let path = entry.path();
    let entries: Vec<fs::DirEntry> = fs::read_dir(&path)?.collect::<Result<_, _>>()?;
    entries.par_iter().try_for_each(remove_entry)?;
    fs::remove_dir(path)
}

/// The page addresses the previous build wrote into `output` that `out` no longer has, like
/// `/projects/old-name/` (below the base path, as `aliases:` names them). Links already
/// shared and QR codes already printed lead there. Not counted: the 404 pages, and the
/// second and later pages of a list (`…/page/2/`), which come and go with the list's
/// length. Empty when there is no previous output or its manifest cannot be read.
pub fn vanished_pages(output: &Path, out: &Output) -> Vec<String> {
    let Ok(text) = fs::read_to_string(output.join(MANIFEST)) else { return Vec::new() };
    let now: BTreeSet<&str> = out.paths.iter().map(String::as_str).collect();
    parse_manifest(&text)
        .into_keys()
        .filter(|p| p.ends_with(".html") && !now.contains(p.as_str()))
        .filter_map(|p| page_address(&p))
        .collect()
}

/// `a/b/index.html` → `/a/b/`, `a/b.html` → `/a/b.html`; None for files that are no
/// shareable page (see [`vanished_pages`]).
fn page_address(file: &str) -> Option<String> {
    let name = file.rsplit('/').next().unwrap_or(file);
    if name == "404.html" {
        return None;
    }
    let address = match file.strip_suffix("index.html") {
        Some(dir) if dir.is_empty() || dir.ends_with('/') => format!("/{dir}"),
        _ => format!("/{file}"),
    };
    let mut parts = address.trim_end_matches('/').rsplit('/');
    let (last, before) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let list_page = before == "page" && !last.is_empty() && last.bytes().all(|b| b.is_ascii_digit());
    (!list_page).then_some(address)
}

/// The files the previous build wrote, or `None` when there is no output yet. A non-empty
/// folder without a manifest was not made by investsite and is refused.
fn previous_manifest(output: &Path) -> Result<Option<Manifest>, Fatal> {
    if fs::symlink_metadata(output).is_err() {
        return Ok(None);
    }
    if !output.is_dir() {
        return Err(Fatal::new(format!("{} exists and is not a folder", output.display())));
    }
    match fs::read_to_string(output.join(MANIFEST)) {
        Ok(text) => Ok(Some(parse_manifest(&text))),
        Err(_) => {
            let empty = fs::read_dir(output).map(|mut d| d.next().is_none()).unwrap_or(false);
            if empty {
                Ok(Some(Manifest::new()))
            } else {
                Err(Fatal::new(format!(
                    "{} already holds files that investsite did not write; to keep them safe nothing was changed. Choose another --output folder, or empty this one",
                    output.display()
                )))
            }
        }
    }
}

/// The files investsite wrote into an output, each with what it was when written (none
/// from an older manifest, or for a file copied from the site: then its bytes are compared).
type Manifest = BTreeMap<String, Option<Stamp>>;

/// A written file's size, modification time and hash of its bytes: a rebuild that makes the
/// same bytes, finding the old file still of that size and time (nobody edited it), links
/// it without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    size: u64,
    /// Nanoseconds since 1970.
    modified: u64,
    hash: u128,
}

impl Stamp {
    fn of(meta: &fs::Metadata, hash: u128) -> Option<Stamp> {
        Some(Stamp { size: meta.len(), modified: modified_nanos(meta)?, hash })
    }

    /// Whether the file at `meta` is still the one this stamp was taken of.
    fn matches(&self, meta: &fs::Metadata) -> bool {
        meta.len() == self.size && modified_nanos(meta) == Some(self.modified)
    }
}

fn modified_nanos(meta: &fs::Metadata) -> Option<u64> {
    let since = meta.modified().ok()?.duration_since(SystemTime::UNIX_EPOCH).ok()?;
    u64::try_from(since.as_nanos()).ok()
}

/// A stable 128-bit hash of a file's bytes (SipHash 1-3 with fixed keys): it only has to
/// tell this build's bytes from the previous build's.
fn content_hash(bytes: &[u8]) -> u128 {
    use std::hash::Hasher;
    let mut h = siphasher::sip128::SipHasher13::new();
    h.write(bytes);
    siphasher::sip128::Hasher128::finish128(&h).as_u128()
}

/// A line that cannot be read names no file of ours: that file is then kept as the
/// owner's, the safe side.
fn parse_manifest(text: &str) -> Manifest {
    let mut lines = text.lines();
    if text.starts_with(MANIFEST_HEADER) {
        lines.next();
        return lines.filter_map(parse_manifest_line).collect();
    }
    if text.starts_with(MANIFEST_HEADER_PATHS) {
        lines.next();
        return lines.filter_map(|l| serde_json::from_str::<String>(l).ok()).map(|p| (p, None)).collect();
    }
    lines.map(|l| (l.to_string(), None)).collect()
}

/// `["a/index.html", 1234, 1733300000123456789, "9f…"]`; a hash of "" for a copied file.
fn parse_manifest_line(line: &str) -> Option<(String, Option<Stamp>)> {
    let (path, size, modified, hash): (String, u64, u64, String) = serde_json::from_str(line).ok()?;
    let hash = u128::from_str_radix(&hash, 16).ok();
    Some((path, hash.map(|hash| Stamp { size, modified, hash })))
}

fn manifest_text(paths: &Manifest) -> String {
    let mut text = format!("{MANIFEST_HEADER}\n");
    for (p, stamp) in paths {
        let (size, modified, hash) = match stamp {
            Some(s) => (s.size, s.modified, format!("{:032x}", s.hash)),
            None => (0, 0, String::new()),
        };
        text.push_str(&serde_json::json!([p, size, modified, hash]).to_string());
        text.push('\n');
    }
    text
}

/// What one output file is made from.
#[derive(Clone, Copy)]
enum Content<'a> {
    Bytes(&'a [u8]),
    File(&'a Path),
}

struct Placed {
    bytes: u64,
    rewritten: bool,
    /// For the manifest; none for a file copied from the site.
    stamp: Option<Stamp>,
}

/// The previous output, where a file investsite wrote last time with the same bytes is
/// linked into the new output instead of being written again: it keeps its modification
/// time, and rsync or a cloud sync tool sees it unchanged.
struct Unchanged<'a> {
    old: &'a Path,
    /// The previous manifest: only files investsite wrote are reused, never the owner's.
    ours: Option<&'a Manifest>,
    /// The work folder.
    work: &'a Path,
    /// The work folder is the previous spare tree: files in it may stand where this build
    /// writes (see [`spare`]).
    recycled: bool,
}

impl Unchanged<'_> {
    fn place(&self, rel: &str, dest: &Path, content: Content) -> Result<Placed, Fatal> {
        let hash = match content {
            Content::Bytes(bytes) => Some(content_hash(bytes)),
            Content::File(_) => None,
        };
        if let Some(dir) = dest.parent() {
            self.make_folder(dir)?;
        }
        if let Some((old, meta)) = self.reusable(rel, content, hash) {
            let stamp = hash.and_then(|h| Stamp::of(&meta, h));
            let kept = Placed { bytes: meta.len(), rewritten: false, stamp };
            if self.recycled && spare::is_same_file(dest, &meta) {
                return Ok(kept);
            }
            self.clear(dest)?;
            // A link can fail (another file system, a link limit): then the file is written.
            if fs::hard_link(&old, dest).is_ok() {
                return Ok(kept);
            }
        }
        self.clear(dest)?;
        let (bytes, stamp) = match content {
            Content::Bytes(bytes) => {
                let meta = write_new_file(dest, bytes)?;
                (bytes.len() as u64, hash.and_then(|h| Stamp::of(&meta, h)))
            }
            Content::File(path) => (fs::copy(path, dest).map_err(|e| Fatal::io(path, e))?, None),
        };
        Ok(Placed { bytes, rewritten: true, stamp })
    }

    fn make_folder(&self, dir: &Path) -> Result<(), Fatal> {
        let made = if self.recycled { spare::make_folder(self.work, dir) } else { fs::create_dir_all(dir) };
        made.map_err(|e| Fatal::io(dir, e))
    }

    /// Nothing is written into a file of the spare tree: it may be the published one's.
    fn clear(&self, dest: &Path) -> Result<(), Fatal> {
        if self.recycled { spare::clear(dest).map_err(|e| Fatal::io(dest, e)) } else { Ok(()) }
    }

    /// The previous output's file at `rel` and its metadata, when investsite wrote it and it
    /// still holds exactly these bytes (an owner may have edited it by hand since). With a
    /// stamp from the previous build, unchanged size and time and the same hash say so
    /// without reading the old file.
    fn reusable(&self, rel: &str, content: Content, hash: Option<u128>) -> Option<(PathBuf, fs::Metadata)> {
        let stamp = self.ours?.get(rel)?;
        let old = self.old.join(rel);
        let meta = fs::symlink_metadata(&old).ok()?;
        if !meta.file_type().is_file() {
            return None;
        }
        let same = match (content, stamp, hash) {
            (_, Some(stamp), Some(hash)) if stamp.matches(&meta) => stamp.hash == hash,
            (Content::Bytes(bytes), ..) => meta.len() == bytes.len() as u64 && fs::read(&old).ok()? == bytes,
            (Content::File(path), ..) => {
                fs::metadata(path).ok()?.len() == meta.len() && same_file_contents(path, &old).unwrap_or(false)
            }
        };
        same.then_some((old, meta))
    }
}

/// Compared in blocks: attachments can be large, and a difference is usually early.
fn same_file_contents(a: &Path, b: &Path) -> std::io::Result<bool> {
    let (mut a, mut b) = (fs::File::open(a)?, fs::File::open(b)?);
    let (mut buf_a, mut buf_b) = (vec![0u8; 64 * 1024], vec![0u8; 64 * 1024]);
    loop {
        let n = read_full(&mut a, &mut buf_a)?;
        if n != read_full(&mut b, &mut buf_b)? || buf_a[..n] != buf_b[..n] {
            return Ok(false);
        }
        if n == 0 {
            return Ok(true);
        }
    }
}

fn read_full(f: &mut impl std::io::Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match f.read(&mut buf[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

/// The site's static files replace the theme's of the same name (they come later); other
/// collisions were refused while rendering.
fn dedup_last(items: Vec<(Source, String)>) -> Vec<(Source, String)> {
    let mut seen = BTreeSet::new();
    let mut out: Vec<_> = items.into_iter().rev().filter(|(_, p)| seen.insert(p.clone())).collect();
    out.reverse();
    out
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), Fatal> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| Fatal::io(dir, e))?;
    }
    write_new_file(path, bytes).map(|_| ())
}

/// Writes the file (its folder exists) and returns its metadata once written (for its stamp).
fn write_new_file(path: &Path, bytes: &[u8]) -> Result<fs::Metadata, Fatal> {
    use std::io::Write;
    let mut file = fs::File::create(path).map_err(|e| Fatal::io(path, e))?;
    file.write_all(bytes).map_err(|e| Fatal::io(path, e))?;
    file.metadata().map_err(|e| Fatal::io(path, e))
}

/// An entry of the old output that investsite did not write.
struct Foreign {
    /// Relative to the output folder; any name the file system allows.
    rel: PathBuf,
    kind: ForeignKind,
}

enum ForeignKind {
    Folder,
    File,
    Link(PathBuf),
}

/// The `/`-separated form of a relative path, as in the manifest; `None` for names that
/// are not UTF-8 (investsite never writes those).
fn slash_path(rel: &Path) -> Option<String> {
    let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
    parts.map(|p| p.join("/"))
}

/// Folders that hold a path (`a/b/c` → `a`, `a/b`).
fn ancestors<'a>(paths: impl IntoIterator<Item = &'a String>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for p in paths {
        let mut at = p.as_str();
        while let Some((dir, _)) = at.rsplit_once('/') {
            out.insert(dir.to_string());
            at = dir;
        }
    }
    out
}

/// Everything in the old output that the previous build did not write: files, folders
/// (also empty ones) and links (kept as links, not followed). Anything else (a pipe, a
/// socket, a device) cannot be carried and is refused before anything changes.
fn plan_carry_over(output: &Path, previous: &Manifest) -> Result<Vec<Foreign>, Fatal> {
    let our_folders = ancestors(previous.keys());
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(output).min_depth(1).follow_links(false).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            Fatal::new(format!("cannot read the output folder: {e}; to keep the files in it safe nothing was changed"))
        })?;
        let rel = entry.path().strip_prefix(output).unwrap_or(entry.path()).to_path_buf();
        let slash = slash_path(&rel);
        let ours = |set: &BTreeSet<String>| slash.as_ref().is_some_and(|s| set.contains(s));
        let ft = entry.file_type();
        if entry.depth() == 1 && (entry.file_name() == MANIFEST || entry.file_name() == WORK_MARKER) {
            continue;
        }
        let kind = if ft.is_symlink() {
            ForeignKind::Link(fs::read_link(entry.path()).map_err(|e| Fatal::io(entry.path(), e))?)
        } else if ft.is_dir() {
            if ours(&our_folders) {
                continue;
            }
            ForeignKind::Folder
        } else if ft.is_file() {
            if slash.as_ref().is_some_and(|s| previous.contains_key(s)) {
                continue;
            }
            ForeignKind::File
        } else {
            return Err(Fatal::new(format!(
                "{} is not a file, folder or link (a pipe, socket or device): investsite cannot carry it into the new output, so nothing was changed. Move it out of the output folder",
                entry.path().display()
            )));
        };
        out.push(Foreign { rel, kind });
    }
    Ok(out)
}

/// An entry of the owner's where the new output needs to write (or needs a folder) cannot
/// be kept: refused, naming every such entry, before anything changes.
fn check_carry_conflicts(output: &Path, carried: &[Foreign], paths: &Manifest) -> Result<(), Fatal> {
    let folders = ancestors(paths.keys());
    let mut clashes = Vec::new();
    for f in carried {
        let Some(slash) = slash_path(&f.rel) else { continue };
        let needs_folder = !matches!(f.kind, ForeignKind::Folder) && folders.contains(&slash);
        let under_a_file = ancestors([&slash]).iter().any(|a| paths.contains_key(a));
        if paths.contains_key(&slash) || needs_folder || under_a_file {
            clashes.push(output.join(&f.rel).display().to_string());
        }
    }
    if clashes.is_empty() {
        return Ok(());
    }
    let shown: Vec<&str> = clashes.iter().take(10).map(String::as_str).collect();
    let more = if clashes.len() > 10 { format!(" and {} more", clashes.len() - 10) } else { String::new() };
    Err(Fatal::new(format!(
        "the site now writes where the output holds something investsite did not write: {}{more}. To keep it, nothing was changed: move it out of the output folder, or rename the site's file",
        shown.join(", ")
    )))
}

/// Puts the owner's entries into the new output. A file is hard-linked where possible
/// (instant, and the old output keeps its own name for it until the swap), else copied.
fn carry_over(output: &Path, tmp: &Path, carried: &[Foreign]) -> Result<(), Fatal> {
    let mut folders = Vec::new();
    for f in carried {
        let (src, dest) = (output.join(&f.rel), tmp.join(&f.rel));
        if let Some(dir) = dest.parent() {
            fs::create_dir_all(dir).map_err(|e| Fatal::io(dir, e))?;
        }
        match &f.kind {
            ForeignKind::Folder => {
                fs::create_dir_all(&dest).map_err(|e| Fatal::io(&dest, e))?;
                folders.push((src, dest));
            }
            ForeignKind::File => {
                if fs::hard_link(&src, &dest).is_err() {
                    fs::copy(&src, &dest).map_err(|e| Fatal::io(&src, e))?;
                }
            }
            ForeignKind::Link(to) => make_link(to, &src, &dest)?,
        }
    }
    // Deepest first, after filling them: a read-only folder could not be filled.
    for (src, dest) in folders.iter().rev() {
        if let Ok(m) = fs::metadata(src) {
            fs::set_permissions(dest, m.permissions()).map_err(|e| Fatal::io(dest, e))?;
        }
    }
    Ok(())
}

#[cfg(unix)]
fn make_link(to: &Path, _src: &Path, dest: &Path) -> Result<(), Fatal> {
    std::os::unix::fs::symlink(to, dest).map_err(|e| Fatal::io(dest, e))
}

#[cfg(windows)]
fn make_link(to: &Path, src: &Path, dest: &Path) -> Result<(), Fatal> {
    let made = if fs::metadata(src).is_ok_and(|m| m.is_dir()) {
        std::os::windows::fs::symlink_dir(to, dest)
    } else {
        std::os::windows::fs::symlink_file(to, dest)
    };
    made.map_err(|e| Fatal::io(dest, e))
}

#[cfg(not(any(unix, windows)))]
fn make_link(_to: &Path, src: &Path, _dest: &Path) -> Result<(), Fatal> {
    Err(Fatal::new(format!("{} is a link, which cannot be made on this system; nothing was changed", src.display())))
}

/// Replaces the output folder by the new one with two renames; on failure the old one is
/// put back. The old output is marked before it is moved aside, so that if the build is
/// killed in between, the next build recognises it and puts it back.
fn swap_in(tmp: &Path, target: &Path, parent: &Path, name: &str, diags: &Diagnostics) -> Result<(), Fatal> {
    if fs::symlink_metadata(target).is_err() {
        fs::rename(tmp, target).map_err(|e| Fatal::io(target, e))?;
        let _ = fs::remove_file(target.join(WORK_MARKER));
        return Ok(());
    }
    if let Ok(m) = fs::metadata(target) {
        // The web server may rely on the output folder's permissions.
        let _ = fs::set_permissions(tmp, m.permissions());
    }
    let old = parent.join(work_name(name, OLD, std::process::id()));
    let marker = target.join(WORK_MARKER);
    let _ = fs::write(&marker, REPLACING);
    if let Err(e) = fs::rename(target, &old) {
        let _ = fs::remove_file(&marker);
        return Err(Fatal::io(target, e));
    }
    if let Err(e) = fs::rename(tmp, target) {
        let _ = fs::rename(&old, target);
        let _ = fs::remove_file(&marker);
        return Err(Fatal::io(target, e));
    }
    let _ = fs::remove_file(target.join(WORK_MARKER));
    let _ = fs::write(old.join(WORK_MARKER), REPLACED);
    park_or_remove(&old, parent, name);
    if fs::symlink_metadata(&old).is_ok() {
        diags.push(Diagnostic::warning(format!(
            "cannot delete the previous output moved to {}; the next build tries again",
            old.display()
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn page_addresses_of_output_files() {
        assert_eq!(super::page_address("projects/a/index.html").as_deref(), Some("/projects/a/"));
        assert_eq!(super::page_address("index.html").as_deref(), Some("/"));
        assert_eq!(super::page_address("old/a.html").as_deref(), Some("/old/a.html"));
        assert_eq!(super::page_address("en/404.html"), None);
        assert_eq!(super::page_address("projects/page/2/index.html"), None);
        assert_eq!(super::page_address("page/index.html").as_deref(), Some("/page/"));
    }

    use super::*;

    #[test]
    fn manifests_of_each_form_are_read() {
        let stamp = Stamp { size: 12, modified: 1_733_300_000_123_456_789, hash: u128::MAX - 7 };
        let made = Manifest::from([("a\nb/index.html".to_string(), Some(stamp)), ("x.pdf".to_string(), None)]);
        assert_eq!(parse_manifest(&manifest_text(&made)), made);
        let paths = "investsite-manifest 2\n\"a/index.html\"\nnot json\n";
        assert_eq!(parse_manifest(paths), Manifest::from([("a/index.html".to_string(), None)]));
        assert_eq!(parse_manifest("a/index.html\n"), Manifest::from([("a/index.html".to_string(), None)]));
    }

    #[test]
    fn refuses_source_folders() {
        let root = tempfile::tempdir().unwrap();
        let r = root.path();
        fs::create_dir_all(r.join("content")).unwrap();
        assert!(check_output_location(r, r).is_err());
        assert!(check_output_location(r, &r.join("content")).is_err());
        assert!(check_output_location(r, &r.join("content/x")).is_err());
        assert!(check_output_location(r, r.parent().unwrap()).is_err());
        assert!(check_output_location(r, &r.join("public")).is_ok());
    }
}
