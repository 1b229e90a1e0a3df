//! Pages tried in a real browser (headless Chromium): see tests/common/browser.rs.

mod common;

use common::{Site, browser};

#[test]
fn home_page_works_on_a_phone() {
    if !browser::ready() {
        return;
    }
    let s = Site::fixture("basic");
    s.build_ok();
    let url = browser::serve(&s.output());
    browser::run("smoke.cjs", &url);
}

#[test]
fn search_finds_chinese_mixed_and_english_queries_over_http_and_from_file() {
    if !browser::ready() {
        return;
    }
    let s = Site::fixture("basic");
    s.write("content/news/separator.zh.md", "---\ntitle: 锂电池隔膜项目对接会\ndate: 2026-10-01\n---\n\n会上介绍了 wet-process separator 湿法隔膜工艺。\n");
    s.build_ok();
    let url = browser::serve(&s.output());
    let output = s.output();
    browser::run_with("search.cjs", &url, &[("OUTPUT_DIR", output.to_str().unwrap())]);
}
