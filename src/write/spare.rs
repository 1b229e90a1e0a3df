//! The replaced output's folders, kept beside the output (`.public.investsite-spare-1234`)
//! for the next build to write into instead of making a new tree and deleting the old one.
//!
//! A site of 20,000 items has 45,000 folders: making them anew and deleting the replaced
//! ones took a quarter of a rebuild (on ext4 with `discard`, deleting waits on the disk).
//! In the spare tree most files already are the current output's (hard links to the same
//! files), so a rebuild makes no folder, links no file again and deletes only what the site
//! no longer has. Nothing is ever written into a file of the spare tree: a file to be
//! replaced is unlinked first, since it may share its bytes with the published output or
//! with a file of the owner's carried into it. Links and anything else that is not a file
//! or a folder are removed from the tree before the build writes anything, so no write can
//! be led outside it.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use super::{MANIFEST, Manifest, WORK_MARKER, WORK_TEXT, ancestors, slash_path};

/// The marker's text in a spare tree.
pub(super) const SPARE_TEXT: &str =
    "investsite: the previous output's folders, kept for the next build to reuse; may be deleted\n";

/// What the spare tree held when it became the work folder: its files and folders
/// (`/`-separated, relative), to delete at the end whatever this build did not write.
#[derive(Default)]
pub(super) struct Recycled {
    files: Vec<String>,
    folders: Vec<String>,
}

/// Moves the spare tree to `work` (a name no one else uses) and makes it safe to write
/// into: the marker is rewritten, links and special files are removed, read-only folders
/// made writable. `None` (and the spare left or half moved, to be deleted like any stale
/// work folder) when any of that fails: the build then starts from an empty folder.
pub(super) fn take(spare: &Path, work: &Path) -> Option<Recycled> {
    fs::rename(spare, work).ok()?;
    mark(work, WORK_TEXT).ok()?;
    survey(work).ok()
}

/// Gives a work folder or spare tree of ours its marker text: the marker is made anew, not
/// written into (whatever stands at its name is not written through).
pub(super) fn mark(dir: &Path, text: &str) -> std::io::Result<()> {
    let marker = dir.join(WORK_MARKER);
    clear(&marker)?;
    fs::write(&marker, text)
}

fn survey(work: &Path) -> std::io::Result<Recycled> {
    let mut found = Recycled::default();
    let mut walk = walkdir::WalkDir::new(work).min_depth(1).follow_links(false).into_iter();
    while let Some(entry) = walk.next() {
        let entry = entry.map_err(std::io::Error::other)?;
        let rel = entry.path().strip_prefix(work).unwrap_or(entry.path());
        let ft = entry.file_type();
        let Some(slash) = slash_path(rel) else {
            // Not a name investsite writes.
            if ft.is_dir() {
                walk.skip_current_dir();
            }
            clear(entry.path())?;
            continue;
        };
        if ft.is_dir() {
            let meta = entry.metadata().map_err(std::io::Error::other)?;
            if meta.permissions().readonly() {
                let mut p = meta.permissions();
                #[allow(clippy::permissions_set_readonly_false)]
                p.set_readonly(false);
                fs::set_permissions(entry.path(), p)?;
            }
            found.folders.push(slash);
        } else if ft.is_file() {
            if entry.depth() > 1 || slash != WORK_MARKER {
                found.files.push(slash);
            }
        } else {
            // A link (never followed) or a pipe, socket or device.
            fs::remove_file(entry.path())?;
        }
    }
    Ok(found)
}

/// Deletes what the spare tree held that this build did not write (`kept`: every file it
/// wrote, the manifest included), before the owner's files are carried in.
pub(super) fn sweep(work: &Path, recycled: &Recycled, kept: &Manifest) -> std::io::Result<()> {
    for f in &recycled.files {
        if kept.contains_key(f) || f == MANIFEST {
            continue;
        }
        let path = work.join(f);
        // A folder may stand there now (this build's).
        if fs::symlink_metadata(&path).is_ok_and(|m| !m.is_dir()) {
            fs::remove_file(&path)?;
        }
    }
    let needed: BTreeSet<String> = ancestors(kept.keys());
    let mut gone: Vec<&String> = recycled.folders.iter().filter(|d| !needed.contains(*d)).collect();
    // Deepest first: a folder's leftover subfolders go before it.
    gone.sort_by_key(|d| std::cmp::Reverse(d.matches('/').count()));
    for d in gone {
        let path = work.join(d);
        // A file of this build may stand there now.
        if fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir()) {
            fs::remove_dir_all(&path)?;
        }
    }
    Ok(())
}

/// Makes room for a new file at `dest` in the spare tree: whatever is there goes (a file
/// may be a link to a published or an owner's file; a folder was the old tree's; a link
/// is removed, not followed).
pub(super) fn clear(dest: &Path) -> std::io::Result<()> {
    match fs::symlink_metadata(dest) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
        Ok(m) if m.is_dir() => fs::remove_dir_all(dest),
        Ok(_) => fs::remove_file(dest),
    }
}

/// Makes the folder `dir` inside `work`, removing files of the old tree that stand where a
/// folder is now needed.
pub(super) fn make_folder(work: &Path, dir: &Path) -> std::io::Result<()> {
    if fs::create_dir_all(dir).is_ok() {
        return Ok(());
    }
    let rel = dir.strip_prefix(work).map_err(std::io::Error::other)?;
    let mut at = work.to_path_buf();
    for part in rel.components() {
        at.push(part);
        if fs::symlink_metadata(&at).is_ok_and(|m| !m.is_dir()) {
            fs::remove_file(&at)?;
        }
    }
    fs::create_dir_all(dir)
}

/// Whether `dest` already is the very file `old` (same device and inode): a file the
/// spare tree shares with the published output, unchanged since.
pub(super) fn is_same_file(dest: &Path, old: &fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        fs::symlink_metadata(dest).is_ok_and(|m| m.is_file() && m.dev() == old.dev() && m.ino() == old.ino())
    }
    #[cfg(not(unix))]
    {
        let _ = (dest, old);
        false
    }
}
