//! A rebuild rewrites only what changed: every other file keeps its modification time, so
//! rsync, ossutil or coscli upload only the changed files.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::common::Site;

const DAY: Duration = Duration::from_secs(24 * 3600);

fn files(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().to_path_buf())
        .collect()
}

/// Every file of the output made to look a day old, so a rewrite shows as a new time.
fn age_output(dir: &Path) -> SystemTime {
    let then = SystemTime::now() - DAY;
    for f in files(dir) {
        fs::File::options().append(true).open(&f).unwrap().set_modified(then).unwrap();
    }
    then
}

fn rewritten_since(dir: &Path, then: SystemTime) -> Vec<String> {
    let mut out: Vec<String> = files(dir)
        .into_iter()
        .filter(|f| f.file_name().unwrap() != ".investsite-manifest")
        .filter(|f| fs::metadata(f).unwrap().modified().unwrap() > then + Duration::from_secs(60))
        .map(|f| f.strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/"))
        .collect();
    out.sort();
    out
}

#[test]
fn a_rebuild_after_one_edit_rewrites_only_the_files_that_changed() {
    let s = Site::fixture("basic");
    let first = s.build_ok();
    assert_eq!(first.files_rewritten, first.files_written, "a first build writes everything");
    let then = age_output(&s.output());
    let before = contents(&s.output());

    let page = "content/projects/copper-foil.en.md";
    let text = fs::read_to_string(s.root().join(page)).unwrap();
    s.write(page, &text.replacen("\ntitle: ", "\ntitle: Phase II of ", 1));
    let second = s.build_ok();

    let rewritten = rewritten_since(&s.output(), then);
    assert_eq!(second.files_rewritten, rewritten.len(), "the summary counts what was rewritten: {rewritten:?}");
    assert!(rewritten.contains(&"en/projects/copper-foil/index.html".to_string()), "{rewritten:?}");
    assert!(s.read("en/projects/copper-foil/index.html").contains("Phase II of "));
    for kept in ["projects/copper-foil/index.html", "index.html", "images/logo.svg", "about/index.html"] {
        assert!(!rewritten.contains(&kept.to_string()), "{kept} did not change but was rewritten");
    }
    let after = contents(&s.output());
    let changed: Vec<String> =
        after.iter().filter(|(p, b)| before.get(*p) != Some(b)).map(|(p, _)| p.clone()).collect();
    assert_eq!(rewritten, changed, "exactly the files whose bytes changed are rewritten");
}

fn contents(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    files(dir)
        .into_iter()
        .filter(|f| f.file_name().unwrap() != ".investsite-manifest")
        .map(|f| (f.strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/"), fs::read(&f).unwrap()))
        .collect()
}

#[test]
fn an_output_file_edited_by_hand_is_replaced_with_the_built_one() {
    let s = Site::fixture("basic");
    s.build_ok();
    let built = s.read("about/index.html");
    fs::write(s.output().join("about/index.html"), "edited on the server").unwrap();
    let then = age_output(&s.output());
    let r = s.build_ok();
    assert_eq!(s.read("about/index.html"), built);
    assert_eq!(rewritten_since(&s.output(), then), vec!["about/index.html".to_string()]);
    assert_eq!(r.files_rewritten, 1);
}

#[test]
fn an_unchanged_rebuild_rewrites_nothing() {
    let s = Site::fixture("basic");
    s.build_ok();
    let then = age_output(&s.output());
    let r = s.build_ok();
    assert_eq!(rewritten_since(&s.output(), then), Vec::<String>::new());
    assert_eq!(r.files_rewritten, 0);
    assert!(r.files_written > 50);
}

fn modified_times(dir: &Path) -> std::collections::BTreeMap<String, SystemTime> {
    files(dir)
        .into_iter()
        .filter(|f| f.file_name().unwrap() != ".investsite-manifest")
        .map(|f| {
            (
                f.strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/"),
                fs::metadata(&f).unwrap().modified().unwrap(),
            )
        })
        .collect()
}

/// Without touching the output in between, the manifest's stamps (size, time, hash) decide:
/// the old files are not read, and still exactly the changed ones are rewritten.
#[test]
fn a_rebuild_decides_by_the_manifest_stamps_what_changed() {
    let s = Site::fixture("basic");
    s.build_ok();
    assert!(
        fs::read_to_string(s.output().join(".investsite-manifest")).unwrap().starts_with("investsite-manifest 3\n")
    );
    let (times, before) = (modified_times(&s.output()), contents(&s.output()));
    std::thread::sleep(Duration::from_millis(20));
    let unchanged = s.build_ok();
    assert_eq!(unchanged.files_rewritten, 0);
    assert_eq!(modified_times(&s.output()), times, "an unchanged rebuild keeps every file's time");

    let page = "content/projects/copper-foil.en.md";
    let text = fs::read_to_string(s.root().join(page)).unwrap();
    s.write(page, &text.replacen("\ntitle: ", "\ntitle: Phase II of ", 1));
    let edited = s.build_ok();
    let after = contents(&s.output());
    let changed: Vec<&String> = after.keys().filter(|p| before.get(*p) != after.get(*p)).collect();
    let new_times = modified_times(&s.output());
    let retimed: Vec<&String> = new_times.keys().filter(|p| times.get(*p) != new_times.get(*p)).collect();
    assert!(changed.contains(&&"en/projects/copper-foil/index.html".to_string()), "{changed:?}");
    assert_eq!(retimed, changed, "exactly the files whose bytes changed get a new time");
    assert_eq!(edited.files_rewritten, changed.len());
}

/// An owner's edit of the same length changes the file's time: its stamp no longer matches,
/// so the bytes are compared and the built file comes back.
#[test]
fn an_edit_by_hand_of_the_same_size_is_replaced() {
    let s = Site::fixture("basic");
    s.build_ok();
    let built = s.read("about/index.html");
    std::thread::sleep(Duration::from_millis(20));
    fs::write(s.output().join("about/index.html"), "x".repeat(built.len())).unwrap();
    let r = s.build_ok();
    assert_eq!(s.read("about/index.html"), built);
    assert_eq!(r.files_rewritten, 1);
}

/// An output written by an earlier version (a manifest of paths only) is still reused:
/// its files are compared byte by byte once, and the new manifest has stamps.
#[test]
fn an_output_with_an_older_manifest_is_reused() {
    let s = Site::fixture("basic");
    s.build_ok();
    let manifest = s.output().join(".investsite-manifest");
    let text = fs::read_to_string(&manifest).unwrap();
    let paths: Vec<String> =
        text.lines().skip(1).map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()[0].to_string()).collect();
    fs::write(&manifest, format!("investsite-manifest 2\n{}\n", paths.join("\n"))).unwrap();
    let then = age_output(&s.output());
    let r = s.build_ok();
    assert_eq!(r.files_rewritten, 0);
    assert_eq!(rewritten_since(&s.output(), then), Vec::<String>::new());
    assert!(fs::read_to_string(&manifest).unwrap().starts_with("investsite-manifest 3\n"));
}
