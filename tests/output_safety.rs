//! The output folder is replaced atomically, never holds the sources, and files that
//! someone else put there survive rebuilds.

mod common;

use common::{Site, snapshot};

#[test]
fn refuses_to_write_into_the_site_or_its_content() {
    let s = Site::fixture("basic");
    for out in [".", "content", "content/public", "data", ".."] {
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
fn no_temporary_folders_are_left_behind() {
    let s = Site::fixture("basic");
    s.build_ok();
    s.build_ok();
    let leftovers: Vec<_> = std::fs::read_dir(s.root())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("investsite"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
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
    s.build_ok();
    assert!(s.exists("en/projects/wind-farm/index.html"));
    let (code, _, err) = s.run(&["new", "project", "wind-farm"]);
    assert_eq!(code, 2, "refuses to overwrite: {err}");
    let (code, _, err) = s.run(&["new", "policy", "风电"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("cannot be an address"), "{err}");
    for kind in ["policy", "result", "page"] {
        let (code, _, err) = s.run(&["new", kind, &format!("new-{kind}")]);
        assert_eq!(code, 0, "{kind}: {err}");
    }
    s.build_ok();
    assert!(s.exists("en/new-page/index.html"));
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
