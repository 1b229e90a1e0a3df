//! The repository root is the Baiyin example site: it builds cleanly, and its pool is the
//! one its content was designed to give.

use std::path::PathBuf;
use std::sync::OnceLock;

use investsite::build::{BuildOptions, BuildReport, build};
use investsite::units::Date;

/// The example site built once for all its tests: its output folder and the report.
fn example() -> &'static (PathBuf, BuildReport) {
    static BUILT: OnceLock<(PathBuf, BuildReport)> = OnceLock::new();
    BUILT.get_or_init(|| {
        let public = crate::common::shared_folder("example").join("public");
        let opts = BuildOptions {
            root: env!("CARGO_MANIFEST_DIR").into(),
            output: public.clone(),
            base_url: None,
            strict: false,
            today: Some(Date::parse("2026-11-25").unwrap()),
            dry_run: false,
            relative: false,
            cache_dir: Some(crate::common::share_cache()),
            drafts: false,
            future: false,
            memo: None,
            brochure_projects: Vec::new(),
        };
        let report = build(&opts);
        (public, report)
    })
}

#[test]
fn example_site_builds_with_only_the_deliberate_fallbacks() {
    let (public, r) = example();
    // A machine without a CJK font adds one warning (posters skipped); that is not the site's.
    let text: Vec<String> =
        r.diagnostics.iter().map(|d| d.to_string()).filter(|t| !t.contains("no CJK font found")).collect();
    assert!(r.ok(), "{text:#?}");
    // Exactly the two pages left untranslated on purpose.
    assert_eq!(text.len(), 2, "{text:#?}");
    for page in ["content/news/chain-leader-meeting.zh.md", "content/projects/huining-grains.zh.md"] {
        assert!(text.iter().any(|t| t.contains(&format!("{page}: no English translation"))), "{page}: {text:#?}");
    }
    // The English pages are English, not the Chinese originals under a notice.
    for (page, title) in [
        ("index.html", "<title>白银市投资促进网</title>"),
        ("en/index.html", "<title>Invest in Baiyin</title>"),
        ("en/policies/baiyin-30/index.html", "<title>Baiyin&#39;s Thirty Measures for Investment Promotion - "),
        ("en/chains/nonferrous/index.html", "<title>Non-ferrous metals - Invest in Baiyin</title>"),
        ("en/results/index.html", "<title>Research results pool - Invest in Baiyin</title>"),
    ] {
        let html = std::fs::read_to_string(public.join(page)).unwrap_or_else(|e| panic!("{page}: {e}"));
        assert!(html.contains(title), "{page}: {title}");
        let lang = if page.starts_with("en/") { "<html lang=\"en\"" } else { "<html lang=\"zh\"" };
        assert!(html.contains(lang), "{page}: {lang}");
        assert!(!html.contains("notice-fallback"), "{page} is translated");
    }
    let fallback = std::fs::read_to_string(public.join("en/projects/huining-grains/index.html")).unwrap();
    assert!(fallback.contains("notice-fallback"), "an untranslated page says so");
}

#[test]
fn example_pool_admits_the_designed_four_and_breaks_the_tie_on_market() {
    let (public, r) = example();
    assert!(r.ok());
    let csv = std::fs::read_to_string(public.join("results/evaluation.csv")).unwrap();
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

#[test]
fn example_events_are_in_both_languages_and_the_home_figures_are_computed_from_them() {
    let (public, r) = example();
    assert!(r.ok());
    let read = |page: &str| std::fs::read_to_string(public.join(page)).unwrap_or_else(|e| panic!("{page}: {e}"));
    for list in ["events/index.html", "en/events/index.html"] {
        let html = read(list);
        let upcoming = &html[html.find("events-upcoming").unwrap()..html.find("events-past").unwrap()];
        assert!(upcoming.contains("beijing-promotion-2027/"), "{list}: the Beijing promotion is still to come");
        assert!(!upcoming.contains("lanzhou-fair-2026/"), "{list}");
    }
    assert!(!read("en/events/lanzhou-fair-2026/index.html").contains("notice-fallback"), "translated");
    // As of 2026-11-25: 7 events held, 10 projects signed (one on its own page), 117亿元 in all:
    // 1.2 + 15 + 22 + (45 + 18 + 1.5) + 3.2 + (3.8 + 4.5) + 2.8.
    let home = read("index.html");
    for figure in [">7</strong> <span class=\"figure-label\">场招商活动", ">10</strong>", ">117亿元</strong>"] {
        assert!(home.contains(figure), "{figure}");
    }
    assert!(read("en/statistics/index.html").contains("Computed from 7 events and 10 signed projects"));
}
