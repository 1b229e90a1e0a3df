//! Inputs are checked, not trusted; costs are bounded (issue 8). Every failed build here
//! must say file, line and field, and leave the earlier output byte for byte as it was.

use crate::common::{Site, messages, snapshot};
use investsite::diagnostics::Diagnostic;

/// Builds the basic fixture once, then breaks it with `edit`: the build must fail with an
/// error in `file` (at `line`, about `field`) whose message contains `needle`, and the
/// earlier output must be untouched. Returns the matching error for further checks.
fn fails_with(
    edit: impl FnOnce(&Site),
    file: &str,
    line: Option<usize>,
    field: Option<&str>,
    needle: &str,
) -> Diagnostic {
    let s = Site::fixture("basic");
    s.build_ok();
    let before = snapshot(&s.output());
    edit(&s);
    let r = s.build();
    assert!(!r.ok(), "the build should fail");
    let found = r
        .errors()
        .find(|d| d.file.as_deref() == Some(file) && d.message.contains(needle))
        .unwrap_or_else(|| panic!("no error in {file} containing {needle:?}:\n{}", messages(&r)))
        .clone();
    if let Some(l) = line {
        assert_eq!(found.line, Some(l), "line of {found}");
    }
    if let Some(f) = field {
        assert_eq!(found.field.as_deref(), Some(f), "field of {found}");
    }
    assert_eq!(snapshot(&s.output()), before, "a failed build must leave the output untouched");
    found
}

/// The basic fixture's copper-foil project with one front-matter line replaced.
fn project_with(s: &Site, from: &str, to: &str) {
    let path = "content/projects/copper-foil.zh.md";
    let text = std::fs::read_to_string(s.root().join(path)).unwrap();
    assert!(text.contains(from), "fixture has no {from:?}");
    s.write(path, &text.replacen(from, to, 1));
}

// ---------- duplicate project codes ----------

#[test]
fn a_project_code_used_twice_names_both_files_and_lines() {
    let d = fails_with(
        |s| {
            s.write(
                "content/projects/zinc.zh.md",
                "---\ntitle: 锌项目\ncode: T-2026-001\nchain: nonferrous\nregion: city\ninvestment: 1亿元\ndate: 2026-09-01\n---\n",
            )
        },
        "content/projects/zinc.zh.md",
        Some(3),
        Some("code"),
        "T-2026-001",
    );
    assert!(d.message.contains("content/projects/copper-foil.zh.md:4"), "{d}");
}

// ---------- special floats and absurd values ----------

#[test]
fn a_nan_irr_is_an_error_not_a_dropped_field() {
    fails_with(
        |s| project_with(s, "irr: 14.5%", "irr: .nan"),
        "content/projects/copper-foil.zh.md",
        Some(12),
        Some("returns.irr"),
        ".nan",
    );
}

#[test]
fn an_infinite_number_is_an_error() {
    fails_with(
        |s| project_with(s, "payback_years: 6.5", "payback_years: .inf"),
        "content/projects/copper-foil.zh.md",
        Some(12),
        Some("returns.payback_years"),
        ".inf",
    );
}

#[test]
fn an_irr_of_a_million_percent_is_an_error() {
    fails_with(
        |s| project_with(s, "irr: 14.5%", "irr: 1000000%"),
        "content/projects/copper-foil.zh.md",
        Some(12),
        Some("returns.irr"),
        "outside the possible range",
    );
}

#[test]
fn a_high_irr_is_a_warning() {
    let s = Site::fixture("basic");
    project_with(&s, "irr: 14.5%", "irr: 150%");
    let r = s.build_ok();
    let w = r
        .diagnostics
        .iter()
        .find(|d| d.message.contains("unusually high"))
        .unwrap_or_else(|| panic!("{}", messages(&r)));
    assert_eq!(w.file.as_deref(), Some("content/projects/copper-foil.zh.md"));
    assert_eq!(w.field.as_deref(), Some("returns.irr"));
}

#[test]
fn a_negative_investment_is_an_error() {
    fails_with(
        |s| project_with(s, "investment: 12.5亿元", "investment: -12.5亿元"),
        "content/projects/copper-foil.zh.md",
        Some(9),
        Some("investment"),
        "-12.5亿元",
    );
}

#[test]
fn negative_jobs_are_an_error() {
    fails_with(
        |s| project_with(s, "jobs: 800", "jobs: -800"),
        "content/projects/copper-foil.zh.md",
        Some(12),
        Some("returns.jobs"),
        "negative",
    );
}

#[test]
fn a_year_99999_is_an_error() {
    fails_with(
        |s| project_with(s, "date: 2026-09-01", "date: 99999-09-01"),
        "content/projects/copper-foil.zh.md",
        Some(14),
        Some("date"),
        "99999-09-01",
    );
}

#[test]
fn coordinates_out_of_range_are_an_error() {
    fails_with(
        |s| project_with(s, "location: [104.17, 36.55]", "location: [404.17, 36.55]"),
        "content/projects/copper-foil.zh.md",
        Some(17),
        Some("location"),
        "longitude, latitude",
    );
}

#[test]
fn a_nan_coordinate_is_an_error() {
    fails_with(
        |s| project_with(s, "location: [104.17, 36.55]", "location: [.nan, 36.55]"),
        "content/projects/copper-foil.zh.md",
        Some(17),
        Some("location"),
        ".nan",
    );
}

#[test]
fn an_indicator_year_99999_is_an_error() {
    fails_with(
        |s| {
            let text = std::fs::read_to_string(s.root().join("data/regions.yaml")).unwrap();
            s.write("data/regions.yaml", &text.replace("year: 2025", "year: 99999"));
        },
        "data/regions.yaml",
        Some(4),
        Some("indicators"),
        "99999",
    );
}

#[test]
fn an_infinite_indicator_value_is_an_error() {
    fails_with(
        |s| {
            let text = std::fs::read_to_string(s.root().join("data/regions.yaml")).unwrap();
            s.write("data/regions.yaml", &text.replace("value: 700.1", "value: .inf"));
        },
        "data/regions.yaml",
        Some(4),
        Some("indicators"),
        ".inf",
    );
}

#[test]
fn a_non_integer_weight_is_an_error() {
    fails_with(
        |s| s.write("content/about.zh.md", "---\ntitle: 关于\nweight: .nan\n---\n正文\n"),
        "content/about.zh.md",
        Some(3),
        Some("weight"),
        "whole number",
    );
}

// ---------- a broken translation does not cascade ----------

/// Only the YAML error of the broken file is reported: its siblings are not blamed for
/// fields they inherit from it, nor reported as missing translations.
fn only_the_yaml_error(broken: &str, text: &str) {
    let s = Site::fixture("basic");
    s.build_ok();
    let before = snapshot(&s.output());
    s.write(broken, text);
    let r = s.build();
    assert!(!r.ok());
    let errors: Vec<_> = r.errors().collect();
    assert_eq!(errors.len(), 1, "only the YAML error:\n{}", messages(&r));
    assert_eq!(errors[0].file.as_deref(), Some(broken));
    assert!(errors[0].message.contains("YAML"), "{}", errors[0]);
    assert!(errors[0].line.is_some());
    let siblings: Vec<_> =
        r.diagnostics.iter().filter(|d| d.file.as_deref().is_some_and(|f| f.contains("copper-foil"))).collect();
    assert!(siblings.iter().all(|d| d.file.as_deref() == Some(broken)), "{}", messages(&r));
    assert_eq!(snapshot(&s.output()), before);
}

#[test]
fn a_broken_original_does_not_blame_its_translation() {
    only_the_yaml_error(
        "content/projects/copper-foil.zh.md",
        "---\ntitle: 铜箔\nchain: [nonferrous\ninvestment: 12.5亿元\n---\n正文\n",
    );
}

#[test]
fn a_broken_translation_does_not_blame_its_original() {
    only_the_yaml_error("content/projects/copper-foil.en.md", "---\ntitle: Foil\ntags: [a\n---\nText\n");
}

#[test]
fn links_to_a_page_whose_files_are_all_broken_are_not_blamed() {
    let s = Site::fixture("basic");
    s.write("content/policies/thirty.zh.md", "---\ntitle: [三十条\n---\n");
    s.write("content/policies/thirty.en.md", "---\ntitle: [Thirty\n---\n");
    let r = s.build();
    let errors: Vec<_> = r.errors().collect();
    assert_eq!(errors.len(), 2, "{}", messages(&r));
    assert!(errors.iter().all(|e| e.file.as_deref().is_some_and(|f| f.starts_with("content/policies/thirty."))));
}

// ---------- too-long slugs ----------

#[test]
fn a_too_long_slug_field_is_an_author_error_at_its_line() {
    let long = "a".repeat(300);
    let d = fails_with(
        |s| s.write("content/about.zh.md", &format!("---\ntitle: 关于\nslug: {long}\n---\n正文\n")),
        "content/about.zh.md",
        Some(3),
        Some("slug"),
        "300 bytes long",
    );
    assert!(!d.message.contains("os error"), "{d}");
}

#[test]
fn a_too_long_file_name_is_an_author_error() {
    let long = "b".repeat(240);
    fails_with(
        |s| s.write(&format!("content/news/{long}.zh.md"), "---\ntitle: 新闻\n---\n正文\n"),
        &format!("content/news/{long}.zh.md"),
        None,
        None,
        "made from the file name",
    );
}

// ---------- file names that need percent-encoding ----------

/// Decodes `%XX` escapes the way a browser does before asking the server for a file.
fn percent_decoded(href: &str) -> String {
    let bytes = href.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(v) = href.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn links_to_files_with_spaces_hashes_and_chinese_names_reach_the_written_file() {
    let s = Site::fixture("basic");
    s.write_bytes("content/projects/solar/项目 介绍#1.pdf", b"%PDF-1.4\n");
    s.write_bytes("static/docs/政策 汇编?v=1 100%.pdf", b"%PDF-1.4\n");
    let page = std::fs::read_to_string(s.root().join("content/projects/solar/index.zh.md")).unwrap();
    s.write(
        "content/projects/solar/index.zh.md",
        &format!(
            "{page}\n[介绍](<项目 介绍%231.pdf>)\n\n[汇编](</docs/政策 汇编%3Fv=1 100%25.pdf>)\n\n[片段](<项目 介绍%231.pdf#page=2>)\n"
        ),
    );
    s.build_ok();
    let html = s.read("projects/solar/index.html");
    let hrefs = crate::common::attr_values(&html, "href=", "href");
    let wanted = [("介绍", "projects/solar/项目 介绍#1.pdf"), ("汇编", "docs/政策 汇编?v=1 100%.pdf")];
    for (_, file) in wanted {
        assert!(s.output().join(file).is_file(), "{file} is written");
        let href = hrefs
            .iter()
            .find(|h| percent_decoded(h.split('#').next().unwrap()).ends_with(file.rsplit('/').next().unwrap()))
            .unwrap_or_else(|| panic!("no link to {file} in {hrefs:?}"));
        let path = href.split('#').next().unwrap();
        assert!(!path.contains(' ') && !path.contains('?'), "unescaped address {href}");
        assert_eq!(percent_decoded(path), format!("/{file}"), "{href}");
    }
    assert!(
        hrefs.iter().any(|h| h.ends_with("%231.pdf#page=2")),
        "a fragment after an escaped name stays a fragment: {hrefs:?}"
    );
}

// ---------- unknown fields have no effect ----------

#[test]
fn a_field_warned_about_as_unknown_does_not_reach_the_page() {
    let s = Site::fixture("basic");
    s.write_bytes("static/secret-plan.png", b"not shown");
    let text = std::fs::read_to_string(s.root().join("content/policies/thirty.zh.md")).unwrap();
    s.write("content/policies/thirty.zh.md", &text.replacen("---\n", "---\nimages: [/secret-plan.png]\n", 1));
    let en = std::fs::read_to_string(s.root().join("content/policies/thirty.en.md")).unwrap();
    s.write("content/policies/thirty.en.md", &en.replacen("---\n", "---\nimags: [/secret-plan.png]\n", 1));
    let r = s.build_ok();
    for (file, field) in [("content/policies/thirty.zh.md", "images"), ("content/policies/thirty.en.md", "imags")] {
        let w = r
            .diagnostics
            .iter()
            .find(|d| d.file.as_deref() == Some(file) && d.field.as_deref() == Some(field))
            .unwrap_or_else(|| panic!("no warning for {file} {field}:\n{}", messages(&r)));
        assert!(w.message.contains("is ignored"), "{w}");
        assert_eq!(w.line, Some(2));
    }
    for page in ["policies/thirty/index.html", "en/policies/thirty/index.html"] {
        assert!(!s.read(page).contains("secret-plan"), "{page} shows an ignored field");
    }
}

#[test]
fn a_template_field_is_known_and_works() {
    let s = Site::fixture("basic");
    s.write("themes/default/templates/plain-project.html", "<p>PLAIN {{ page.title }}</p>");
    let text = std::fs::read_to_string(s.root().join("content/projects/copper-foil.zh.md")).unwrap();
    s.write("content/projects/copper-foil.zh.md", &text.replacen("---\n", "---\ntemplate: plain-project.html\n", 1));
    let r = s.build_ok();
    assert!(!messages(&r).contains("`template`"), "{}", messages(&r));
    assert!(s.read("projects/copper-foil/index.html").contains("PLAIN"));
}

// ---------- bounded costs: region charts, parent chains ----------

#[test]
fn region_charts_are_capped_and_say_so() {
    let s = Site::fixture("basic");
    let mut yaml = String::from(
        "- {id: city, name: {zh: 测试市, en: Test City}, location: [104.1, 36.5]}\n- {id: county, parent: city, name: 测试县}\n",
    );
    for n in 0..120 {
        yaml.push_str(&format!(
            "- {{id: c{n}, parent: city, name: {{zh: 县{n}, en: County {n}}}, indicators: [{{key: gdp, label: GDP, value: {}, unit: 亿元, year: 2025}}]}}\n",
            1000 - n
        ));
    }
    s.write("data/regions.yaml", &yaml);
    s.build_ok();
    for (page, current) in [("regions/city/index.html", None), ("regions/c119/index.html", Some("县119"))] {
        let full = s.read(page);
        let start = full.find("class=\"region-charts\"").unwrap_or_else(|| panic!("{page} has no charts"));
        let html = &full[start..start + full[start..].find("</section>").unwrap()];
        let rows = html.matches("<th scope=\"row\">").count() + html.matches("<th scope=\"row\" ").count();
        assert_eq!(rows, 24, "{page}: {rows} rows");
        assert!(html.contains("仅显示数值最大的24个（共120个）"), "{page} has no note");
        if let Some(name) = current {
            assert!(html.contains(&format!("<tr class=\"is-current\"><th scope=\"row\">{name}</th>")), "{page}");
        }
    }
}

#[test]
fn a_region_parent_loop_is_an_error_naming_the_loop() {
    let d = fails_with(
        |s| {
            s.write(
                "data/regions.yaml",
                "- {id: city, parent: county, name: 市}\n- {id: county, parent: city, name: 县}\n",
            )
        },
        "data/regions.yaml",
        Some(1),
        None,
        "its own ancestor",
    );
    assert!(d.message.contains("city → county → city"), "{d}");
}

#[test]
fn a_region_nested_too_deep_is_an_error() {
    let d = fails_with(
        |s| {
            let mut yaml = String::from("- {id: r0, name: 省}\n");
            for n in 1..=10 {
                yaml.push_str(&format!("- {{id: r{n}, parent: r{}, name: 区{n}}}\n", n - 1));
            }
            s.write("data/regions.yaml", &yaml);
        },
        "data/regions.yaml",
        Some(9),
        None,
        "more than 8 levels deep",
    );
    assert!(d.message.contains("region \"r8\""), "{d}");
}

#[test]
fn a_page_whose_file_name_has_spaces_hashes_and_chinese_gets_a_working_address() {
    let s = Site::fixture("basic");
    s.write("content/news/项目 介绍#1.zh.md", "---\ntitle: 项目介绍\n---\n正文\n");
    let about = std::fs::read_to_string(s.root().join("content/about.zh.md")).unwrap();
    s.write("content/about.zh.md", &format!("{about}\n[介绍](<news/项目 介绍%231.zh.md>)\n"));
    s.build_ok();
    let html = s.read("about/index.html");
    let href = crate::common::attr_values(&html, "href=", "href")
        .into_iter()
        .find(|h| h.starts_with("/news/x"))
        .expect("a link to the news page");
    assert_eq!(href, "/news/xiang-mu-jie-shao/");
    assert!(s.output().join(href.trim_start_matches('/')).join("index.html").is_file(), "{href} is not written");
}
