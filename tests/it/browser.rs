//! Pages tried in a real browser (headless Chromium): see tests/it/common/browser.rs.

use crate::common::{Site, browser};

#[test]
fn home_page_works_on_a_phone() {
    if !browser::ready() {
        return;
    }
    let s = crate::common::built("basic");
    let url = browser::serve(&s.output());
    browser::run("smoke.cjs", &url);
}

#[test]
fn finders_filter_projects_and_policies() {
    if !browser::ready() {
        return;
    }
    let s = crate::common::built("finder");
    let url = browser::serve(&s.output());
    browser::run("finder.cjs", &url);
}

#[test]
fn the_finder_shows_long_lists_in_steps() {
    if !browser::ready() {
        return;
    }
    let s = Site::fixture("finder");
    for i in 1..=25 {
        s.write(
            &format!("content/projects/extra-{i}.zh.md"),
            &format!(
                "---\ntitle: 附加项目{i}\ninvestment: {i}亿元\nchain: food\nregion: west\ndate: 2026-03-{i:02}\n---\n"
            ),
        );
    }
    s.build_ok();
    let url = browser::serve(&s.output());
    browser::run("finder_more.cjs", &url);
}

#[test]
fn map_fits_a_phone_and_works_with_the_keyboard() {
    if !browser::ready() {
        return;
    }
    let s = crate::common::built("basic");
    let url = browser::serve(&s.output());
    browser::run("map.cjs", &url);
}

#[test]
fn search_finds_chinese_mixed_and_english_queries_over_http_and_from_file() {
    if !browser::ready() {
        return;
    }
    let s = Site::fixture("basic");
    s.write(
        "content/news/separator.zh.md",
        "---\ntitle: 锂电池隔膜项目对接会\ndate: 2026-10-01\n---\n\n会上介绍了 wet-process separator 湿法隔膜工艺。\n",
    );
    s.build_ok();
    let url = browser::serve(&s.output());
    let output = s.output();
    browser::run_with("search.cjs", &url, &[("OUTPUT_DIR", output.to_str().unwrap())]);
}

#[test]
fn no_script_from_hostile_content_runs_on_any_page() {
    if !browser::ready() {
        return;
    }
    let s = crate::common::built("hostile");
    let output = s.output();
    let mut pages: Vec<String> = walkdir::WalkDir::new(&output)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let rel = e.path().strip_prefix(&output).unwrap().to_string_lossy().replace('\\', "/");
            format!("/{}", rel.strip_suffix("index.html").unwrap_or(&rel))
        })
        .collect();
    pages.sort();
    assert!(pages.len() > 50, "{pages:?}");
    let url = browser::serve(&output);
    browser::run_with("hostile.cjs", &url, &[("PAGES", &pages.join("\n"))]);
}

#[test]
fn elder_mode_switch_and_tap_targets() {
    if !browser::ready() {
        return;
    }
    let s = crate::common::built("basic");
    let url = browser::serve(&s.output());
    browser::run("elder.cjs", &url);
}

#[test]
fn arabic_pages_are_laid_out_right_to_left() {
    if !browser::ready() {
        return;
    }
    let s = Site::fixture("trilingual");
    let yaml = std::fs::read_to_string(s.root().join("site.yaml")).unwrap();
    let yaml = yaml.replace("languages: [zh, en, ru]", "languages: [zh, en, ar]").replace("ru: Льготы", "ar: الحوافز");
    s.write("site.yaml", &yaml);
    for russian in ["content/_index.ru.md", "content/projects/copper-foil.ru.md"] {
        s.remove(russian);
    }
    s.write("content/_index.ar.md", "---\ntitle: استثمر في مدينة الاختبار\n---\n\nمرحبًا بكم.\n");
    s.write(
        "content/projects/copper-foil.ar.md",
        "---\ntitle: رقائق النحاس الإلكتروليتية\nsummary: خط لإنتاج رقائق النحاس للبطاريات.\n---\n\nنظرة عامة.\n",
    );
    let m = crate::common::messages(&s.build_ok());
    assert!(!m.contains("UI strings"), "Arabic strings are built in: {m}");
    assert!(s.read("ar/projects/copper-foil/index.html").contains(r#"<html lang="ar" dir="rtl""#));
    let url = browser::serve(&s.output());
    browser::run("rtl.cjs", &url);
}

/// `key: {shard_above_kb: 0}` in a fixture's settings: its finder data or search index in
/// parts however small.
fn in_parts(s: &Site, key: &str) {
    let yaml = std::fs::read_to_string(s.root().join("site.yaml")).unwrap();
    let yaml = if key == "finder" {
        yaml.replace("finder:\n", "finder:\n  shard_above_kb: 0\n")
    } else {
        format!("{yaml}\n{key}: {{shard_above_kb: 0}}\n")
    };
    s.write("site.yaml", &yaml);
}

#[test]
fn search_in_parts_finds_the_same_over_http_and_from_file() {
    if !browser::ready() {
        return;
    }
    let s = Site::fixture("basic");
    in_parts(&s, "search");
    s.write(
        "content/news/separator.zh.md",
        "---\ntitle: 锂电池隔膜项目对接会\ndate: 2026-10-01\n---\n\n会上介绍了 wet-process separator 湿法隔膜工艺。\n",
    );
    s.build_ok();
    assert!(s.read("search/index.zh.js").contains("\"v\":2"), "the index is in parts");
    let url = browser::serve(&s.output());
    let output = s.output();
    // The same checks as on the whole index.
    browser::run_with("search.cjs", &url, &[("OUTPUT_DIR", output.to_str().unwrap())]);
}

#[test]
fn finders_in_parts_filter_the_same() {
    if !browser::ready() {
        return;
    }
    let s = Site::fixture("finder");
    in_parts(&s, "finder");
    s.build_ok();
    let summary = s.read("en/projects/finder-data.js");
    assert!(summary.contains("\"parts\":[\"finder-data.0."), "the data is in parts: {summary}");
    let url = browser::serve(&s.output());
    // The same checks as on the whole data.
    browser::run("finder.cjs", &url);
}

#[test]
fn a_long_list_in_parts_shows_more_after_loading_them() {
    if !browser::ready() {
        return;
    }
    let s = Site::fixture("finder");
    in_parts(&s, "finder");
    for i in 1..=25 {
        s.write(
            &format!("content/projects/extra-{i}.zh.md"),
            &format!(
                "---\ntitle: 附加项目{i}\ninvestment: {i}亿元\nchain: food\nregion: west\ndate: 2026-03-{i:02}\n---\n"
            ),
        );
    }
    s.build_ok();
    let summary = s.read("en/projects/finder-data.js");
    assert!(summary.matches("\"url\":").count() == 24, "the summary holds the first 24 cards only");
    let url = browser::serve(&s.output());
    browser::run("finder_more.cjs", &url);
}

#[test]
fn russian_counts_take_the_plural_form_of_the_number() {
    if !browser::ready() {
        return;
    }
    let s = Site::fixture("trilingual");
    let project = |name: &str, chain: &str, region: &str| {
        s.write(
            &format!("content/projects/{name}.zh.md"),
            &format!(
                "---\ntitle: 项目{name}\ninvestment: 1亿元\nchain: {chain}\nregion: {region}\ndate: 2026-05-01\n---\n"
            ),
        );
    };
    project("solar-a", "new-energy", "county");
    project("solar-b", "new-energy", "city");
    for i in 1..=16 {
        project(&format!("metal-{i}"), "nonferrous", "city");
    }
    s.build_ok();
    let url = browser::serve(&s.output());
    browser::run("plural.cjs", &url);
}
