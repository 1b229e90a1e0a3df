//! Stage 4, write: puts the rendered output on disk, all or nothing.
//!
//! The new output is written into a temporary folder beside the output folder and swapped
//! in only when everything is written, so a failed build leaves the previous output exactly
//! as it was. A manifest records which files investsite wrote: files someone else put in
//! the output folder are carried over, never deleted. Folders that hold the site's sources
//! are refused as output.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics, Fatal, display_path};
use crate::render::Output;
use crate::theme::Source;

pub const MANIFEST: &str = ".investsite-manifest";

pub struct Written {
    pub files: usize,
    pub bytes: u64,
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

pub fn write_output(root: &Path, output: &Path, out: Output, diags: &Diagnostics) -> Result<Written, Fatal> {
    check_output_location(root, output)?;
    let previous = previous_manifest(output)?;
    let parent = absolute(output).parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
    fs::create_dir_all(&parent).map_err(|e| Fatal::io(&parent, e))?;
    let name = output.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
    let tmp = parent.join(format!(".{name}.investsite-new-{}", std::process::id()));
    let result = write_tree(&tmp, out, output, previous.as_ref(), diags)
        .and_then(|w| swap_in(&tmp, output, &parent, &name).map(|_| w));
    if result.is_err() {
        let _ = fs::remove_dir_all(&tmp);
    }
    result
}

/// The files the previous build wrote, or `None` when there is no output yet. A non-empty
/// folder without a manifest was not made by investsite and is refused.
fn previous_manifest(output: &Path) -> Result<Option<BTreeSet<String>>, Fatal> {
    if !output.exists() {
        return Ok(None);
    }
    if !output.is_dir() {
        return Err(Fatal::new(format!("{} exists and is not a folder", output.display())));
    }
    match fs::read_to_string(output.join(MANIFEST)) {
        Ok(text) => Ok(Some(text.lines().map(str::to_string).collect())),
        Err(_) => {
            let empty = fs::read_dir(output).map(|mut d| d.next().is_none()).unwrap_or(false);
            if empty {
                Ok(Some(BTreeSet::new()))
            } else {
                Err(Fatal::new(format!(
                    "{} already holds files that investsite did not write; to keep them safe nothing was changed. Choose another --output folder, or empty this one",
                    output.display()
                )))
            }
        }
    }
}

fn write_tree(
    tmp: &Path,
    out: Output,
    output: &Path,
    previous: Option<&BTreeSet<String>>,
    diags: &Diagnostics,
) -> Result<Written, Fatal> {
    if tmp.exists() {
        fs::remove_dir_all(tmp).map_err(|e| Fatal::io(tmp, e))?;
    }
    fs::create_dir_all(tmp).map_err(|e| Fatal::io(tmp, e))?;
    let mut paths: BTreeSet<String> = BTreeSet::new();
    // Later entries win: pages over static files of the same name, the site's static over the theme's.
    let copies: Vec<(Source, String)> = dedup_last(out.copies);
    let page_paths: BTreeSet<&str> = out.files.iter().map(|f| f.path.as_str()).collect();
    let copies: Vec<_> = copies.into_iter().filter(|(_, p)| !page_paths.contains(p.as_str())).collect();
    paths.extend(out.files.iter().map(|f| f.path.clone()));
    paths.extend(copies.iter().map(|(_, p)| p.clone()));
    let bytes_pages: u64 = out
        .files
        .par_iter()
        .map(|f| write_file(&tmp.join(&f.path), &f.bytes).map(|_| f.bytes.len() as u64))
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .sum();
    let bytes_copies: u64 = copies
        .par_iter()
        .map(|(src, rel)| copy_source(src, &tmp.join(rel)))
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .sum();
    if let Some(prev) = previous {
        carry_over_foreign_files(output, tmp, prev, &paths, diags)?;
    }
    let manifest: String = paths.iter().map(|p| format!("{p}\n")).collect();
    write_file(&tmp.join(MANIFEST), manifest.as_bytes())?;
    Ok(Written { files: paths.len(), bytes: bytes_pages + bytes_copies })
}

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
    fs::write(path, bytes).map_err(|e| Fatal::io(path, e))
}

fn copy_source(src: &Source, dest: &Path) -> Result<u64, Fatal> {
    match src {
        Source::Embedded(bytes) => write_file(dest, bytes).map(|_| bytes.len() as u64),
        Source::Disk(path) => {
            if let Some(dir) = dest.parent() {
                fs::create_dir_all(dir).map_err(|e| Fatal::io(dir, e))?;
            }
            fs::copy(path, dest).map_err(|e| Fatal::io(path, e))
        }
    }
}

/// Files in the old output that the previous build did not write belong to someone else:
/// they move into the new output.
fn carry_over_foreign_files(
    output: &Path,
    tmp: &Path,
    previous: &BTreeSet<String>,
    new: &BTreeSet<String>,
    diags: &Diagnostics,
) -> Result<(), Fatal> {
    if !output.is_dir() {
        return Ok(());
    }
    for entry in walkdir::WalkDir::new(output).into_iter().filter_map(Result::ok) {
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = display_path(entry.path().strip_prefix(output).unwrap_or(entry.path()));
        if rel == MANIFEST || previous.contains(&rel) {
            continue;
        }
        if new.contains(&rel) {
            diags.push(Diagnostic::warning(format!(
                "{}/{rel} was not written by investsite but the site now has a file of that name; the site's file replaces it",
                display_path(output)
            )));
            continue;
        }
        let dest = tmp.join(&rel);
        if let Some(dir) = dest.parent() {
            fs::create_dir_all(dir).map_err(|e| Fatal::io(dir, e))?;
        }
        fs::copy(entry.path(), &dest).map_err(|e| Fatal::io(entry.path(), e))?;
    }
    Ok(())
}

/// Replaces the output folder by the new one with two renames; on failure the old one is
/// put back.
fn swap_in(tmp: &Path, output: &Path, parent: &Path, name: &str) -> Result<(), Fatal> {
    if !output.exists() {
        return fs::rename(tmp, output).map_err(|e| Fatal::io(output, e));
    }
    let old = parent.join(format!(".{name}.investsite-old-{}", std::process::id()));
    fs::rename(output, &old).map_err(|e| Fatal::io(output, e))?;
    if let Err(e) = fs::rename(tmp, output) {
        let _ = fs::rename(&old, output);
        return Err(Fatal::io(output, e));
    }
    let _ = fs::remove_dir_all(&old);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
