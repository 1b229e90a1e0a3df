//! `build --relative`: a site that works opened from a folder (file://).

use crate::common::{Site, attr_values, browser};

fn built_relative() -> Site {
    let s = Site::fixture("basic");
    let mut opts = s.options();
    opts.relative = true;
    let r = investsite::build::build(&opts);
    assert!(r.ok(), "{}", crate::common::messages(&r));
    s
}

#[test]
fn no_internal_link_is_absolute_and_every_link_resolves_to_a_file() {
    let s = built_relative();
    let out = s.output();
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(&out).into_iter().filter_map(Result::ok) {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = std::fs::read_to_string(path).unwrap();
        let dir = path.parent().unwrap();
        for attr in ["href", "src"] {
            for v in attr_values(&html, "", attr) {
                let root_relative = v.starts_with('/') && !v.starts_with("//");
                assert!(!root_relative, "{}: root-relative {attr}={v}", path.display());
                if v.contains("://") || v.starts_with('#') || v.starts_with("mailto:") || v.starts_with("tel:") {
                    continue;
                }
                let file = v.split(['#', '?']).next().unwrap();
                let target = dir.join(file);
                assert!(target.is_file(), "{}: {attr}={v} points to nothing", path.display());
                checked += 1;
            }
        }
    }
    assert!(checked > 500, "only {checked} links checked");
}

#[test]
fn relative_site_opens_from_file_urls_in_a_browser() {
    if !browser::ready() {
        return;
    }
    let s = built_relative();
    let url = format!("file://{}", s.output().display());
    browser::run("relative.cjs", &url);
}
