//! The repository root is the Baiyin example site: it builds cleanly, and its pool is the
//! one its content was designed to give.

use investsite::build::{BuildOptions, build};
use investsite::units::Date;

fn build_example() -> (tempfile::TempDir, investsite::build::BuildReport) {
    let out = tempfile::tempdir().unwrap();
    let opts = BuildOptions {
        root: env!("CARGO_MANIFEST_DIR").into(),
        output: out.path().join("public"),
        base_url: None,
        strict: false,
        today: Some(Date::parse("2026-11-25").unwrap()),
        dry_run: false,
        relative: false,
        cache_dir: Some(std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("share-cache-marked")),
    };
    let report = build(&opts);
    (out, report)
}

#[test]
fn example_site_builds_with_only_the_deliberate_fallbacks() {
    let (out, r) = build_example();
    // A machine without a CJK font adds one warning (posters skipped); that is not the site's.
    let text: Vec<String> =
        r.diagnostics.iter().map(|d| d.to_string()).filter(|t| !t.contains("no CJK font found")).collect();
    assert!(r.ok(), "{text:#?}");
    // Exactly the two pages left untranslated on purpose.
    assert_eq!(r.diagnostics.len(), 2, "{text:#?}");
    assert!(text.iter().all(|t| t.contains("no English translation")), "{text:#?}");
    let public = out.path().join("public");
    for page in [
        "index.html",
        "en/index.html",
        "en/policies/baiyin-30/index.html",
        "en/chains/nonferrous/index.html",
        "en/results/index.html",
    ] {
        assert!(public.join(page).exists(), "{page}");
    }
}

#[test]
fn example_pool_admits_the_designed_four_and_breaks_the_tie_on_market() {
    let (out, r) = build_example();
    assert!(r.ok());
    let csv = std::fs::read_to_string(out.path().join("public/results/evaluation.csv")).unwrap();
    let rows: Vec<Vec<&str>> = csv.lines().skip(1).map(|l| l.split(',').collect()).collect();
    let admitted: Vec<&str> = rows.iter().filter(|r| r[11] == "是 yes").map(|r| r[1]).collect();
    assert_eq!(
        admitted,
        [
            "results/rare-earth-purification",
            "results/indium-germanium-recovery",
            "results/sodium-ion-hard-carbon",
            "results/ultrathin-copper-foil"
        ]
    );
    let fifth = csv.lines().nth(5).unwrap();
    assert!(fifth.starts_with("5,results/miniature-rubidium-clock,") && fifth.contains(",80.50,否 no,"), "{fifth}");
}
