//! The output folder is replaced atomically, never holds the sources, and files that
//! someone else put there survive rebuilds.

use crate::common::{Site, messages, snapshot};

#[test]
fn refuses_to_write_into_the_site_or_its_content() {
    let s = Site::fixture("basic");
    for out in [".", "content", "content/public", "data", "..", "static", "static/site", "themes", "themes/default/out"]
    {
        let (code, _, err) = s.run(&["build", "--output", out]);
        assert_eq!(code, 2, "--output {out}: {err}");
        assert!(err.contains("refusing to write the site into"), "{err}");
    }
    assert!(s.root().join("content/projects/copper-foil.zh.md").exists());
}

#[test]
fn refuses_a_folder_with_files_it_did_not_write() {
    let s = Site::fixture("basic");
    s.write("public/precious.txt", "do not lose me");
    let (code, _, err) = s.run(&["build"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("did not write"), "{err}");
    assert_eq!(std::fs::read_to_string(s.root().join("public/precious.txt")).unwrap(), "do not lose me");
}

#[test]
fn files_added_to_the_output_later_survive_a_rebuild() {
    let s = Site::fixture("basic");
    s.build_ok();
    s.write("public/CNAME", "invest.example.cn");
    s.write("public/docs/report.pdf", "%PDF");
    s.build_ok();
    assert_eq!(s.read("CNAME"), "invest.example.cn");
    assert_eq!(s.read("docs/report.pdf"), "%PDF");
}

#[test]
fn pages_removed_from_the_site_disappear_from_the_output() {
    let s = Site::fixture("basic");
    s.build_ok();
    assert!(s.exists("about/index.html"));
    s.remove("content/about.zh.md");
    s.remove("content/about.en.md");
    s.build_ok();
    assert!(!s.exists("about/index.html"));
    assert!(!s.exists("en/about/index.html"));
}

#[test]
fn only_the_spare_tree_is_left_beside_the_output() {
    let s = Site::fixture("basic");
    s.build_ok();
    assert_eq!(names_with(s.root(), "investsite"), Vec::<String>::new(), "nothing replaced yet");
    for _ in 0..3 {
        s.build_ok();
        let left = names_with(s.root(), "investsite");
        assert_eq!(left.len(), 1, "{left:?}");
        assert!(left[0].starts_with(".public.investsite-spare-"), "{left:?}");
        let marker = fs::read_to_string(s.root().join(&left[0]).join(".investsite-work")).unwrap();
        assert!(marker.contains("may be deleted"), "{marker}");
    }
}

/// The one spare tree beside the output.
fn spare(s: &Site) -> std::path::PathBuf {
    let names = names_with(s.root(), ".public.investsite-spare-");
    assert_eq!(names.len(), 1, "{names:?}");
    s.root().join(&names[0])
}

#[cfg(unix)]
fn inode(p: &Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    fs::symlink_metadata(p).unwrap().ino()
}

#[cfg(unix)]
#[test]
fn a_rebuild_writes_into_the_replaced_outputs_folders() {
    let s = Site::fixture("basic");
    s.build_ok();
    s.build_ok();
    let folder = inode(&spare(&s).join("en/projects/copper-foil"));
    s.build_ok();
    assert_eq!(inode(&s.output().join("en/projects/copper-foil")), folder, "the spare's folder is reused");
    assert!(s.read("en/projects/copper-foil/index.html").contains("Copper Foil"));
}

#[cfg(unix)]
#[test]
fn links_and_shared_files_in_the_spare_tree_lead_no_write_elsewhere() {
    let s = Site::fixture("basic");
    s.build_ok();
    s.build_ok();
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.html");
    fs::write(&secret, "not yours").unwrap();
    let tree = spare(&s);
    // A folder of pages turned into a link out of the tree, a page into a hard link to a
    // file elsewhere, a page's folder into a file.
    fs::remove_dir_all(tree.join("en/projects")).unwrap();
    std::os::unix::fs::symlink(outside.path(), tree.join("en/projects")).unwrap();
    fs::remove_file(tree.join("index.html")).unwrap();
    fs::hard_link(&secret, tree.join("index.html")).unwrap();
    fs::remove_dir_all(tree.join("en/policies")).unwrap();
    fs::write(tree.join("en/policies"), "a file where a folder was").unwrap();
    // The home page changes, so index.html is written, not linked.
    let home = fs::read_to_string(s.root().join("content/_index.zh.md")).unwrap();
    s.write("content/_index.zh.md", &format!("{home}\n新的一段。\n"));
    s.build_ok();
    assert_eq!(fs::read_to_string(&secret).unwrap(), "not yours");
    let names: Vec<_> = fs::read_dir(outside.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, vec![std::ffi::OsString::from("secret.html")], "nothing written through the link");
    assert!(s.read("index.html").contains("新的一段"));
    assert!(fs::symlink_metadata(s.output().join("en/projects")).unwrap().is_dir());
    assert!(s.read("en/projects/copper-foil/index.html").contains("Copper Foil"));
    assert!(s.exists("en/policies/index.html"));
}

#[test]
fn what_the_site_and_the_owner_dropped_does_not_come_back_from_the_spare_tree() {
    let s = Site::fixture("basic");
    s.build_ok();
    s.write("public/CNAME", "invest.example.cn");
    for _ in 0..3 {
        s.build_ok();
        assert_eq!(s.read("CNAME"), "invest.example.cn");
    }
    fs::remove_file(s.output().join("CNAME")).unwrap();
    s.remove("content/about.zh.md");
    s.remove("content/about.en.md");
    for _ in 0..3 {
        s.build_ok();
        assert!(!s.exists("CNAME"), "the owner deleted it");
        assert!(!s.exists("about/index.html") && !s.exists("en/about/index.html"));
    }
}

#[test]
fn check_writes_nothing_and_lists_missing_translations() {
    let s = Site::fixture("basic");
    let (code, _, err) = s.run(&["check", "--today", "2026-11-25"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("content/projects/old-plant.zh.md: no English translation"), "{err}");
    assert!(err.contains("add content/projects/old-plant.en.md"), "{err}");
    assert!(!s.output().exists());
}

#[test]
fn strict_check_fails_on_a_missing_translation_and_passes_when_complete() {
    let s = Site::fixture("basic");
    let (code, _, err) = s.run(&["check", "--strict", "--today", "2026-11-25"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("error: content/projects/old-plant.zh.md: no English translation"), "{err}");
    assert!(!err.contains("check passed"), "{err}");
    assert!(!s.output().exists(), "check writes nothing");
    // Every page translated: the strict check passes.
    let (code, _, err) = s.run(&["check", "--today", "2026-11-25"]);
    assert_eq!(code, 0, "{err}");
    let untranslated: Vec<&str> = err.lines().filter(|l| l.contains("no English translation")).collect();
    assert!(untranslated.len() >= 2, "{err}");
    for file in untranslated.iter().filter_map(|l| l.split(": ").nth(1)) {
        let en = file.replace(".zh.md", ".en.md");
        s.write(&en, "---\ntitle: Translated\n---\n\nText.\n");
    }
    let (code, _, err) = s.run(&["check", "--strict", "--today", "2026-11-25"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("check passed"), "{err}");
    assert!(!s.output().exists());
}

#[test]
fn a_quiet_build_prints_nothing_when_it_succeeds_and_errors_only_when_it_fails() {
    let s = Site::fixture("basic");
    let (code, out, err) = s.run(&["build"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("warning:") && err.contains("built "), "the fixture has warnings to hide: {err}");
    let (code, out_q, err_q) = s.run(&["build", "-q"]);
    assert_eq!(code, 0, "{err_q}");
    assert_eq!((out.as_str(), out_q.as_str(), err_q.as_str()), ("", "", ""));
    let (code, _, err_q) = s.run(&["build", "--quiet"]);
    assert_eq!((code, err_q.as_str()), (0, ""));
    s.write("content/news/broken.zh.md", "---\ntitle: 坏的\ndate: 2026-13-01\n---\n");
    let (code, out_q, err_q) = s.run(&["build", "-q"]);
    assert_eq!(code, 1, "{err_q}");
    assert!(out_q.is_empty());
    assert!(err_q.contains("error: content/news/broken.zh.md"), "{err_q}");
    assert!(!err_q.contains("warning:"), "warnings are left out: {err_q}");
    assert!(err_q.contains("build failed"), "{err_q}");
}

#[test]
fn strict_build_refuses_missing_translations() {
    let s = Site::fixture("basic");
    let (code, _, err) = s.run(&["build", "--strict"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("error: content/projects/old-plant.zh.md: no English translation"), "{err}");
    assert!(!s.output().exists());
}

#[test]
fn base_url_override_changes_canonical_links() {
    let s = Site::fixture("basic");
    let (code, _, err) = s.run(&["build", "--base-url", "https://preview.example.org/invest/"]);
    assert_eq!(code, 0, "{err}");
    let html = s.read("en/about/index.html");
    assert!(html.contains(r#"<link rel="canonical" href="https://preview.example.org/invest/en/about/">"#));
    assert!(html.contains(r#"href="/invest/css/style.css"#), "assets under the base path");
}

#[test]
fn init_creates_a_site_that_builds() {
    let s = Site::empty();
    let (code, out, err) = s.run(&["init", "newsite"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("created a new site"));
    let (code, _, err) = s.run(&["build", "--root", "newsite"]);
    assert_eq!(code, 0, "{err}");
    assert!(s.root().join("newsite/public/en/projects/copper-foil/index.html").exists());
    let ignore = std::fs::read_to_string(s.root().join("newsite/.gitignore")).unwrap();
    assert!(ignore.contains("/public/") && ignore.contains("/.investsite-cache/"), "{ignore}");
    assert!(ignore.contains("/.public.investsite-*/"), "the spare tree beside the output: {ignore}");
    let (code, _, err) = s.run(&["init", "newsite"]);
    assert_eq!(code, 2, "init refuses a non-empty folder: {err}");
}

#[test]
fn new_creates_one_file_per_language_that_builds() {
    let s = Site::fixture("basic");
    let (code, out, err) = s.run(&["new", "project", "wind-farm"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("content/projects/wind-farm.zh.md"));
    assert!(out.contains("content/projects/wind-farm.en.md"));
    let zh = std::fs::read_to_string(s.root().join("content/projects/wind-farm.zh.md")).unwrap();
    assert!(zh.contains("investment: 1亿元"));
    publish(&s, "content/projects/wind-farm");
    // `new` dates the project today; the fixture's fixed day is earlier and would keep it
    // scheduled, so this build runs on the day the file was made, as an author's does.
    let mut opts = s.options();
    opts.today = Some(investsite::units::Date::today_utc());
    let r = investsite::build::build(&opts);
    assert!(r.ok(), "{}", crate::common::messages(&r));
    assert!(s.exists("en/projects/wind-farm/index.html"));
    let (code, _, err) = s.run(&["new", "project", "wind-farm"]);
    assert_eq!(code, 2, "refuses to overwrite: {err}");
    let (code, _, err) = s.run(&["new", "policy", "Wind Farm!"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("cannot be an address"), "{err}");
    for kind in ["policy", "result", "page"] {
        let (code, _, err) = s.run(&["new", kind, &format!("new-{kind}")]);
        assert_eq!(code, 0, "{kind}: {err}");
    }
    publish(&s, "content/policies/new-policy");
    publish(&s, "content/results/new-result");
    publish(&s, "content/new-page");
    s.build_ok();
    assert!(s.exists("en/new-page/index.html"));
}

/// Removes the `draft: true` line `new` writes, as an author does when the page is ready.
fn publish(s: &Site, stem: &str) {
    for lang in ["zh", "en"] {
        let p = s.root().join(format!("{stem}.{lang}.md"));
        let text = std::fs::read_to_string(&p).unwrap();
        std::fs::write(&p, text.replacen("draft: true            # delete this line to publish\n", "", 1)).unwrap();
    }
}

#[test]
fn a_failed_build_keeps_the_previous_output_byte_for_byte() {
    let s = Site::fixture("basic");
    s.build_ok();
    let before = snapshot(&s.output());
    s.write("site.yaml", "languages: [zh, en\n");
    assert!(!s.build().ok());
    assert_eq!(before, snapshot(&s.output()));
}

// ---- The owner's files in the output (issue 8) ----

use std::fs;
use std::path::{Path, PathBuf};

/// Every entry below `dir`, links not followed: (path, kind and content or link target).
fn entries(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut v: Vec<(PathBuf, String)> = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
            let ft = e.file_type();
            let what = if ft.is_symlink() {
                format!("link -> {}", fs::read_link(e.path()).unwrap().display())
            } else if ft.is_dir() {
                "folder".to_string()
            } else if ft.is_file() {
                format!("file {:?}", fs::read(e.path()).unwrap())
            } else {
                "special".to_string()
            };
            (rel, what)
        })
        .collect();
    v.sort();
    v
}

fn fatal(r: &investsite::build::BuildReport) -> String {
    r.fatal.as_ref().map(|f| f.to_string()).unwrap_or_default()
}

/// Names of the entries of `dir` that contain `needle`.
/// [`names_with`], the spare tree of the replaced output aside.
fn work_folders(dir: &Path, needle: &str) -> Vec<String> {
    names_with(dir, needle).into_iter().filter(|n| !n.contains(".investsite-spare-")).collect()
}

fn names_with(dir: &Path, needle: &str) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(needle))
        .collect();
    v.sort();
    v
}

#[cfg(unix)]
#[test]
fn every_kind_of_entry_the_owner_adds_survives_rebuilds() {
    use std::os::unix::fs::symlink;
    let s = Site::fixture("basic");
    s.build_ok();
    let out = s.output();
    fs::create_dir_all(out.join("uploads/empty/deeper")).unwrap();
    s.write("public/uploads/2026/11/report.pdf", "%PDF-1.7");
    s.write("public/en/about/notes.txt", "inside a folder investsite writes");
    s.write("public/about/owner.txt", "survives its page");
    s.write("public/we ird\nname -x 报告.txt", "odd name");
    s.write("public/-leading-dash", "dash");
    let outside = s.root().join("elsewhere");
    fs::create_dir_all(&outside).unwrap();
    fs::write(outside.join("big.iso"), "not copied, linked").unwrap();
    symlink("../elsewhere/big.iso", out.join("big.iso")).unwrap();
    symlink(&outside, out.join("mirror")).unwrap();
    symlink("does-not-exist", out.join("dangling")).unwrap();
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::ffi::OsStrExt;
        fs::write(out.join(std::ffi::OsStr::from_bytes(b"gbk-\xb1\xa8\xb8\xe6.txt")), "not UTF-8").unwrap();
    }
    let owners = |all: Vec<(PathBuf, String)>| -> Vec<(PathBuf, String)> {
        all.into_iter().filter(|(p, _)| !p.to_string_lossy().contains("investsite") && is_owners(p)).collect()
    };
    // A read-only folder keeps its permissions (and does not stop the old output's removal).
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(out.join("uploads/2026"), fs::Permissions::from_mode(0o555)).unwrap();
    let before = owners(entries(&out));
    assert!(before.len() >= 12, "{before:?}");
    use std::os::unix::fs::MetadataExt;
    let inode = fs::metadata(out.join("uploads/2026/11/report.pdf")).unwrap().ino();
    s.build_ok();
    let carried = fs::metadata(out.join("uploads/2026/11/report.pdf")).unwrap().ino();
    assert_eq!(inode, carried, "carried by a hard link, not copied");
    // A page removed: its folder goes, the owner's file in it stays.
    s.remove("content/about.zh.md");
    s.remove("content/about.en.md");
    s.build_ok();
    assert!(!s.exists("about/index.html"));
    assert_eq!(before, owners(entries(&out)));
    let mode = fs::metadata(out.join("uploads/2026")).unwrap().permissions().mode();
    fs::set_permissions(out.join("uploads/2026"), fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(mode & 0o777, 0o555);
    assert!(fs::symlink_metadata(out.join("mirror")).unwrap().file_type().is_symlink(), "a link stays a link");
    assert_eq!(fs::read_to_string(outside.join("big.iso")).unwrap(), "not copied, linked");
    assert_eq!(work_folders(s.root(), ".public."), Vec::<String>::new(), "no work folders left");
}

/// Entries the owner put in the output in the test above (investsite writes none of these).
fn is_owners(p: &Path) -> bool {
    let s = p.to_string_lossy();
    ["uploads", "en/about/notes.txt", "about/owner.txt", "we ird", "-leading", "big.iso", "mirror", "dangling", "gbk-"]
        .iter()
        .any(|n| s.starts_with(n))
}

#[cfg(unix)]
#[test]
fn a_socket_or_pipe_in_the_output_is_refused_and_nothing_changes() {
    let s = Site::fixture("basic");
    s.build_ok();
    s.write("public/CNAME", "invest.example.cn");
    let sock = s.output().join("app.sock");
    let _listener = std::os::unix::net::UnixListener::bind(&sock).unwrap();
    let before = entries(&s.output());
    s.write("content/about.zh.md", "---\ntitle: 关于（新）\n---\n新的正文\n");
    let r = s.build();
    assert!(!r.ok());
    let msg = fatal(&r);
    assert!(msg.contains("app.sock") && msg.contains("not a file, folder or link"), "{msg}");
    assert!(msg.contains("nothing was changed"), "{msg}");
    assert_eq!(before, entries(&s.output()));
    assert!(fs::symlink_metadata(&sock).is_ok(), "the socket is never deleted");
}

#[test]
fn an_owners_file_where_the_site_now_writes_is_refused_not_replaced() {
    let s = Site::fixture("basic");
    s.build_ok();
    s.write("public/team/index.html", "<p>the owner's own team page</p>");
    s.write("public/careers", "a file where the site now needs a folder");
    let before = snapshot(&s.output());
    s.write("content/team.zh.md", "---\ntitle: 团队\n---\n正文\n");
    s.write("content/careers.zh.md", "---\ntitle: 招聘\n---\n正文\n");
    let r = s.build();
    assert!(!r.ok());
    let msg = fatal(&r);
    assert!(msg.contains("public/team/index.html") && msg.contains("public/careers,"), "{msg}");
    assert!(msg.contains("nothing was changed"), "{msg}");
    assert_eq!(before, snapshot(&s.output()));
}

#[cfg(unix)]
#[test]
fn an_output_that_is_a_link_is_written_through_and_stays_a_link() {
    let s = Site::fixture("basic");
    let www = tempfile::tempdir().unwrap();
    let target = www.path().join("site");
    // Dangling at first: the target folder is made.
    std::os::unix::fs::symlink(&target, s.output()).unwrap();
    s.build_ok();
    assert!(target.join("index.html").is_file());
    fs::write(target.join("CNAME"), "invest.example.cn").unwrap();
    s.write("content/about.zh.md", "---\ntitle: 关于\n---\n第二次构建\n");
    s.build_ok();
    let link = fs::symlink_metadata(s.output()).unwrap();
    assert!(link.file_type().is_symlink(), "the link stays a link");
    assert_eq!(fs::read_link(s.output()).unwrap(), target);
    assert!(fs::read_to_string(target.join("about/index.html")).unwrap().contains("第二次构建"));
    assert_eq!(fs::read_to_string(target.join("CNAME")).unwrap(), "invest.example.cn");
    assert_eq!(work_folders(www.path(), "investsite"), Vec::<String>::new(), "no work folders beside the target");
    assert_eq!(names_with(s.root(), "investsite"), Vec::<String>::new(), "none beside the link");
    // A failed build leaves the target as it was.
    let before = snapshot(&target);
    s.write("site.yaml", "languages: [zh, en\n");
    assert!(!s.build().ok());
    assert_eq!(before, snapshot(&target));
}

/// A process number no system hands out (Linux allows at most 2^22).
const DEAD_PID: u32 = 4_194_999;

/// A work folder as investsite makes it, with its marker backdated so that systems where
/// processes cannot be looked up also see it as stale.
fn work_folder(s: &Site, name: &str, marker: Option<&str>) -> PathBuf {
    let dir = s.root().join(name);
    fs::create_dir_all(dir.join("en")).unwrap();
    fs::write(dir.join("en/index.html"), "half written").unwrap();
    if let Some(text) = marker {
        let m = dir.join(".investsite-work");
        fs::write(&m, text).unwrap();
        let two_days_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(2 * 24 * 3600);
        fs::File::options().append(true).open(&m).unwrap().set_modified(two_days_ago).unwrap();
    }
    dir
}

#[test]
fn work_folders_of_a_killed_build_are_cleaned_up_but_nothing_else() {
    let s = Site::fixture("basic");
    s.build_ok();
    let stale_new = work_folder(&s, &format!(".public.investsite-new-{DEAD_PID}"), Some("x"));
    let stale_old = work_folder(&s, &format!(".public.investsite-old-{}", DEAD_PID - 1), Some("x"));
    let unmarked = work_folder(&s, &format!(".public.investsite-new-{}", DEAD_PID - 2), None);
    let other_name = work_folder(&s, &format!(".public.investsite-new-{DEAD_PID}-backup"), Some("x"));
    // This test process is alive: its folder belongs to a running build (the build runs as
    // another process).
    let running = work_folder(&s, &format!(".public.investsite-new-{}", std::process::id()), None);
    fs::write(running.join(".investsite-work"), "x").unwrap();
    let (code, _, err) = s.run(&["build"]);
    assert_eq!(code, 0, "{err}");
    assert!(!stale_new.exists() && !stale_old.exists(), "{err}");
    assert!(unmarked.join("en/index.html").is_file(), "no marker: left alone");
    assert!(err.contains(&format!(".public.investsite-new-{}", DEAD_PID - 2)) && err.contains("left alone"), "{err}");
    assert!(other_name.join("en/index.html").is_file(), "not our naming: left alone");
    if cfg!(target_os = "linux") {
        assert!(running.join("en/index.html").is_file(), "a running build's folder is left alone");
    }
    assert!(s.exists("index.html"));
}

#[test]
fn an_output_moved_aside_by_a_killed_build_is_put_back_with_the_owners_files() {
    let s = Site::fixture("basic");
    s.build_ok();
    s.write("public/CNAME", "invest.example.cn");
    s.write("public/docs/report.pdf", "%PDF");
    // Killed between moving the old output aside and moving the new one in.
    fs::write(s.output().join(".investsite-work"), "investsite: output being replaced\n").unwrap();
    fs::rename(s.output(), s.root().join(format!(".public.investsite-old-{DEAD_PID}"))).unwrap();
    work_folder(&s, &format!(".public.investsite-new-{DEAD_PID}"), Some("x"));
    let r = s.build_ok();
    assert!(messages(&r).contains("was put back"), "{}", messages(&r));
    assert_eq!(s.read("CNAME"), "invest.example.cn");
    assert_eq!(s.read("docs/report.pdf"), "%PDF");
    assert!(!s.exists(".investsite-work"));
    assert_eq!(work_folders(s.root(), ".public."), Vec::<String>::new());
    s.build_ok();
    assert_eq!(s.read("CNAME"), "invest.example.cn");
}

/// Builds, adds `files`, builds again: the second build must fail with `expect` in its
/// errors and leave the first output untouched.
fn collision(files: &[(&str, &str)], expect: &[&str]) {
    let s = Site::fixture("basic");
    s.build_ok();
    let before = snapshot(&s.output());
    for (path, text) in files {
        s.write(path, text);
    }
    let r = s.build();
    let msgs = messages(&r);
    assert!(r.fatal.is_none(), "an author error, not a fatal one: {:?}", r.fatal);
    assert!(!r.ok(), "{msgs}");
    for e in expect {
        assert!(msgs.contains(e), "expected {e:?} in:\n{msgs}");
    }
    assert_eq!(before, snapshot(&s.output()));
}

#[test]
fn a_content_folder_named_like_a_language_prefix_collides_with_that_language() {
    collision(
        &[("content/en/about.md", "---\ntitle: 关于\n---\n正文\n")],
        &[
            "error: content/en/about.md: content/about.en.md and content/en/about.md would both be published as en/about/index.html",
        ],
    );
}

#[test]
fn a_static_file_colliding_with_a_generated_file_or_a_page_is_an_error() {
    collision(
        &[("static/robots.txt", "User-agent: *\n")],
        &[
            "error: static/robots.txt: the robots.txt investsite generates and static/robots.txt would both be published as robots.txt",
        ],
    );
    collision(
        &[("static/about/index.html", "<p>old</p>")],
        &["content/about.zh.md and static/about/index.html would both be published as about/index.html"],
    );
    collision(
        &[("static/search/index.html", "<p>mine</p>")],
        &[
            "the search page investsite generates and static/search/index.html would both be published as search/index.html",
        ],
    );
}

#[test]
fn the_sites_static_file_may_replace_the_themes() {
    let s = Site::fixture("basic");
    s.write("static/favicon.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    s.build_ok();
    assert_eq!(s.read("favicon.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
}

#[test]
fn an_empty_or_missing_site_yaml_or_content_folder_never_replaces_the_output() {
    let s = Site::fixture("basic");
    s.build_ok();
    let before = snapshot(&s.output());
    let config = fs::read_to_string(s.root().join("site.yaml")).unwrap();
    for (text, expect) in [
        ("", "error: site.yaml: the file is empty"),
        ("# settings to follow\n", "error: site.yaml: the file is empty"),
        ("{}\n", "error: site.yaml: the file is empty"),
    ] {
        s.write("site.yaml", text);
        let (code, _, err) = s.run(&["build"]);
        assert_eq!(code, 1, "{text:?}: {err}");
        assert!(err.contains(expect), "{text:?}: {err}");
        assert_eq!(before, snapshot(&s.output()), "{text:?}");
    }
    s.remove("site.yaml");
    let (code, _, err) = s.run(&["build"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("no site.yaml"), "{err}");
    assert_eq!(before, snapshot(&s.output()));
    s.write("site.yaml", &config);
    fs::rename(s.root().join("content"), s.root().join("content-moved")).unwrap();
    let (code, _, err) = s.run(&["build"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("error: no content/ folder"), "{err}");
    assert_eq!(before, snapshot(&s.output()));
}

// ---- The image cache deletes only what it wrote ----

const HASH_NAME: &str = "0123456789abcdef0123456789abcdef.png";

fn backdate(path: &Path, days: u64) {
    let then = std::time::SystemTime::now() - std::time::Duration::from_secs(days * 24 * 3600);
    fs::File::options().append(true).open(path).unwrap().set_modified(then).unwrap();
}

#[test]
fn a_cache_folder_holding_the_owners_files_is_refused_and_kept() {
    let s = Site::fixture("basic");
    s.build_ok();
    let before = snapshot(&s.output());
    let owners = tempfile::tempdir().unwrap();
    fs::write(owners.path().join("notes.txt"), "mine").unwrap();
    // Named like a cache entry and old enough to be pruned, in a folder without the marker.
    fs::write(owners.path().join(HASH_NAME), "my photo").unwrap();
    backdate(&owners.path().join(HASH_NAME), 90);
    let mut opts = s.options();
    opts.cache_dir = Some(owners.path().to_path_buf());
    let r = investsite::build::build(&opts);
    let msg = fatal(&r);
    assert!(msg.contains("the image cache") && msg.contains("notes.txt"), "{msg}");
    assert!(msg.contains("nothing in it was deleted"), "{msg}");
    assert_eq!(fs::read_to_string(owners.path().join("notes.txt")).unwrap(), "mine");
    assert_eq!(fs::read_to_string(owners.path().join(HASH_NAME)).unwrap(), "my photo");
    assert_eq!(before, snapshot(&s.output()));
    // Only hash-named files, but no marker: they may be someone's own, so still refused.
    fs::remove_file(owners.path().join("notes.txt")).unwrap();
    let r = investsite::build::build(&opts);
    assert!(fatal(&r).contains("no .investsite-share-cache marker"), "{}", fatal(&r));
    assert_eq!(fs::read_to_string(owners.path().join(HASH_NAME)).unwrap(), "my photo");
}

#[test]
fn the_cache_marks_its_folder_and_prunes_only_its_own_old_entries() {
    let s = Site::fixture("basic");
    let cache = tempfile::tempdir().unwrap();
    let mut opts = s.options();
    opts.cache_dir = Some(cache.path().join("share"));
    let r = investsite::build::build(&opts);
    assert!(r.ok(), "{}", messages(&r));
    let names = names_with(&cache.path().join("share"), "");
    assert!(names.contains(&".investsite-share-cache".to_string()), "{names:?}");
    assert!(names.len() > 1, "images were cached: {names:?}");
    let stale = cache.path().join("share").join(HASH_NAME);
    fs::write(&stale, "old").unwrap();
    backdate(&stale, 90);
    let r = investsite::build::build(&opts);
    assert!(r.ok(), "{}", messages(&r));
    assert!(!stale.exists(), "an old entry of the cache's own is pruned");
    assert_eq!(names_with(&cache.path().join("share"), ""), names);
}
