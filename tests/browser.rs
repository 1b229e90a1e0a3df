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
fn map_fits_a_phone_and_works_with_the_keyboard() {
    if !browser::ready() {
        return;
    }
    let s = Site::fixture("basic");
    s.build_ok();
    let url = browser::serve(&s.output());
    browser::run("map.cjs", &url);
}
