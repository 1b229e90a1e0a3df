//! Whole pages of the basic fixture as reviewed snapshots (insta): a refactor of the
//! pipeline must leave them byte for byte as they are, and an intended change shows up as a
//! diff to review. Update with `cargo insta review` (or `INSTA_UPDATE=always cargo test`).

use crate::common::Site;

/// One page of each kind readers meet, in both languages, and the XML files search engines
/// and feed readers fetch.
const PAGES: &[&str] = &[
    "index.html",
    "en/index.html",
    "projects/copper-foil/index.html",
    "en/projects/copper-foil/index.html",
    "policies/thirty/index.html",
    "en/policies/index.html",
    "404.html",
    "sitemap.xml",
    "atom.xml",
    "robots.txt",
];

#[test]
fn whole_pages_stay_as_reviewed() {
    // Share images are drawn only where a CJK font is installed; without them the pages do
    // not depend on the machine's fonts.
    let site = Site::fixture("basic");
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", &format!("{yaml}\nshare: {{images: false, posters: false}}\n"));
    site.build_ok();
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| {
        for page in PAGES {
            let name = page.replace(['/', '.'], "_");
            insta::assert_snapshot!(name, site.read(page));
        }
    });
}
