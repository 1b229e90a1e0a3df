//! A fuzz harness on stable Rust: random front matter, amounts, dates, percentages, Markdown
//! and whole small sites, checked for panics and for diagnostics that name their file.
//!
//! `cargo test fuzz::` runs a short round of every property. The long run is ignored by
//! default and takes its case count from `INVESTSITE_FUZZ_CASES`:
//! `INVESTSITE_FUZZ_CASES=20000 cargo test --release --test it fuzz::long_ -- --ignored` (or
//! `scripts/fuzz.sh`). Every property counts the inputs it ran and prints the total.

use std::sync::atomic::{AtomicU64, Ordering};

use investsite::build::{BuildOptions, build};
use investsite::diagnostics::Diagnostics;
use investsite::load::fields::Fields;
use investsite::load::yaml;
use investsite::markdown::{self, LinkKind};
use investsite::units::{self, Date, YearMonth};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

const SHORT_CASES: u32 = 64;
const SHORT_SITE_CASES: u32 = 16;

fn long_cases() -> u32 {
    std::env::var("INVESTSITE_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(2000)
}

/// Runs `check` on `cases` inputs from `strategy`, failing with the smallest failing input.
fn run<S: Strategy>(name: &str, cases: u32, strategy: S, check: impl Fn(S::Value) -> Result<(), TestCaseError>)
where
    S::Value: std::fmt::Debug,
{
    let counter = AtomicU64::new(0);
    let config = Config { cases, failure_persistence: None, ..Config::default() };
    let mut runner = TestRunner::new(config);
    let result = runner.run(&strategy, |v| {
        counter.fetch_add(1, Ordering::Relaxed);
        check(v)
    });
    eprintln!("fuzz {name}: {} inputs", counter.load(Ordering::Relaxed));
    if let Err(e) = result {
        panic!("fuzz {name} failed: {e}");
    }
}

// ---------------------------------------------------------------------------------------------
// Generators

/// Pieces authors really type in amounts, areas, prices, percentages and dates, in both
/// spellings, so that random strings reach deep into the parsers instead of failing at once.
const UNIT_TOKENS: &[&str] = &[
    "0",
    "1",
    "12",
    "12.5",
    "3,000",
    "1,250.50",
    "１２．５",
    "0.42",
    "-",
    "+",
    ".",
    ",",
    "，",
    " ",
    "万",
    "亿",
    "千",
    "百",
    "元",
    "万元",
    "亿元",
    "美元",
    "人民币",
    "RMB",
    "CNY",
    "USD",
    "yuan",
    "billion",
    "million",
    "thousand",
    "%",
    "％",
    "亩",
    "公顷",
    "平方米",
    "平方公里",
    "㎡",
    "m2",
    "km2",
    "km²",
    "ha",
    "mu",
    "/",
    "per",
    "度",
    "千瓦时",
    "kWh",
    "月",
    "年",
    "日",
    "号",
    "month",
    "吨",
    "立方米",
    "·",
    "2026",
    "9",
    "02",
    "29",
    "31",
    "-",
    "/",
    "99999",
    "e10",
    "1e3",
    "NaN",
    "inf",
    "\u{0}",
    "\u{200b}",
    "\u{3000}",
];

fn unit_text() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::collection::vec(proptest::sample::select(UNIT_TOKENS), 0..7).prop_map(|v| v.concat()),
        "\\PC{0,12}",
        "[0-9０-９.,，万亿元%％亩/年月日 -]{0,16}",
    ]
}

/// A YAML scalar as authors write them, including the special floats and odd quoting.
fn yaml_scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        unit_text(),
        proptest::sample::select(
            &[
                ".nan",
                ".NaN",
                ".inf",
                "-.inf",
                "+.inf",
                "~",
                "null",
                "true",
                "no",
                "1e400",
                "-0",
                "0x1F",
                "0o17",
                "2026-09-01",
                "2026-02-30",
                "99999-01-01",
                "\"\"",
                "''",
                "[]",
                "{}",
                "[1, 2]",
                "[104.17, 36.55]",
                "[999, 999]",
                "{zh: 白银, en: Baiyin}",
                "|\n  多行\n  文本",
                "&a x",
                "*a",
                "!!binary aGk=",
                "\"\\u0000\"",
                "1000000%",
                "-5亿元",
                "12.5亿元",
                "14.5%",
                "300亩",
            ][..]
        )
        .prop_map(str::to_string),
    ]
}

/// Every field a project knows, plus nested and misspelt ones and fields of other kinds.
fn field_names() -> Vec<&'static str> {
    let odd = [
        "irr",
        "payback_years",
        "jobs",
        "annual_revenue",
        "trl",
        "unknown_field",
        "templat",
        "attachments",
        "published",
    ];
    investsite::domain::projects::KNOWN.iter().copied().chain(odd).collect()
}

/// Front matter with known field names and random values, nested one level sometimes.
fn structured_front_matter() -> impl Strategy<Value = String> {
    let line = (proptest::sample::select(field_names()), yaml_scalar(), any::<bool>()).prop_map(|(k, v, nest)| {
        if nest && !v.contains('\n') { format!("{k}:\n  irr: {v}\n  jobs: {v}\n") } else { format!("{k}: {v}\n") }
    });
    proptest::collection::vec(line, 0..8).prop_map(|lines| lines.concat())
}

/// Text that looks a little like YAML: keys, colons, brackets, indentation, quotes, tabs.
fn yamlish_text() -> impl Strategy<Value = String> {
    let token = proptest::sample::select(
        &[
            "title", ": ", ":", "\n", "  ", "\t", "- ", "[", "]", "{", "}", ",", "\"", "'", "#", "&a", "*a", "!!str",
            "---", "...", "|", ">", "?", "白银", ".nan", ".inf", "1", "%", "\\", "\u{feff}", "\r",
        ][..],
    );
    proptest::collection::vec(token, 0..24).prop_map(|v| v.concat())
}

const MD_TOKENS: &[&str] = &[
    "**",
    "*",
    "_",
    "__",
    "~~",
    "`",
    "```",
    "\n",
    "\n\n",
    "# ",
    "## ",
    "> ",
    "- ",
    "1. ",
    "| a | b |\n|---|---|\n",
    "[",
    "]",
    "(",
    ")",
    "![",
    "[link](page.md)",
    "[x](#a)",
    "[y](javascript:alert(1))",
    "[z](../p.md#x)",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<div>",
    "</div>",
    "<a href=\"x\">",
    "<!--",
    "-->",
    "&amp;",
    "&#x3c;",
    "中文",
    "注意：",
    "“引号”",
    "，",
    "。",
    "（",
    "）",
    "English",
    " ",
    "\\",
    "[^1]",
    "[^1]: note\n",
    "<",
    ">",
    "&",
    "\u{0}",
    "\u{200b}",
    "http://example.cn",
    "    code\n",
    "---\n",
    "===\n",
    "$",
    "{#id}",
];

fn markdown_text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::collection::vec(proptest::sample::select(MD_TOKENS), 0..40).prop_map(|v| v.concat()),
        1 => "\\PC{0,80}",
    ]
}

// ---------------------------------------------------------------------------------------------
// Properties

fn check_units(s: String) -> Result<(), TestCaseError> {
    for lang in ["zh", "en", "ja", "ru"] {
        if let Ok(a) = units::parse_amount(&s) {
            a.format(lang);
            a.usd_approx(rust_decimal::Decimal::new(71, 1), lang);
            let again = units::parse_amount(&a.canonical());
            prop_assert_eq!(again.as_ref().ok(), Some(&a), "canonical form of {:?} does not read back", s);
        }
        if let Ok(a) = units::parse_area(&s) {
            a.format(lang);
            a.hectares();
            let again = units::parse_area(&a.canonical());
            prop_assert!(again.is_ok(), "canonical form of area {:?} does not read back", s);
        }
        if let Ok(p) = units::parse_unit_price(&s) {
            p.format(lang);
            prop_assert!(units::parse_unit_price(&p.canonical()).is_ok(), "canonical price {:?}", s);
        }
        if let Ok(p) = units::parse_percent(&s) {
            units::format_percent(p, lang);
        }
        if let Ok(d) = Date::parse(&s) {
            d.format(lang);
            prop_assert_eq!(Date::parse(&d.iso()), Ok(d));
        }
        if let Ok(m) = YearMonth::parse(&s) {
            m.format(lang);
        }
    }
    let _ = units::parse_number(&s);
    Ok(())
}

/// Every typed getter on every field: never a panic, and every diagnostic names the file.
fn check_front_matter(src: String) -> Result<(), TestCaseError> {
    let Ok(serde_json::Value::Object(map)) = yaml::parse(&src) else { return Ok(()) };
    let diags = Diagnostics::new();
    {
        let f = Fields::new("content/projects/x.zh.md", &src, 1, &map, &diags);
        for key in map.keys() {
            let k = key.as_str();
            f.text(k);
            f.lang_text(k);
            f.bool(k);
            f.date(k);
            f.amount(k);
            f.area(k);
            f.unit_price(k);
            f.percent(k);
            f.number(k);
            f.integer_in(k, 1, 9);
            f.list(k);
            f.location(k);
            f.line_of(k);
            if let Some(n) = f.nested(k) {
                for inner in n.map.keys() {
                    n.percent(inner);
                    n.number(inner);
                }
            }
        }
        f.check_unknown(&["title"]);
    }
    for d in diags.into_vec() {
        prop_assert_eq!(d.file.as_deref(), Some("content/projects/x.zh.md"));
    }
    Ok(())
}

fn check_markdown(src: String) -> Result<(), TestCaseError> {
    let sanitizer = investsite::sanitize::Sanitizer::new(Default::default(), Vec::new(), false);
    let trusted = investsite::sanitize::Sanitizer::new(Default::default(), Vec::new(), true);
    for (lang, html) in [("zh", &sanitizer), ("en", &sanitizer), ("zh", &trusted)] {
        let opts = markdown::Options { lang, id_prefix: "p-", html, picture: None };
        let mut resolve = |dest: &str, _kind: LinkKind| -> Result<String, String> {
            if dest.contains("bad") { Err("broken".into()) } else { Ok(format!("/r/{dest}")) }
        };
        let r = markdown::render(&src, &opts, &mut resolve);
        if !std::ptr::eq(html, &trusted) {
            // Whatever the author wrote, sanitised output runs nothing.
            if let Some(bad) = dangerous_markup(&r.html) {
                prop_assert!(false, "{bad} survived sanitising: {}", r.html);
            }
        }
        let lines = src.lines().count().max(1);
        for p in &r.problems {
            prop_assert!(p.line >= 1 && p.line <= lines + 1, "problem line {} of {} lines", p.line, lines);
        }
    }
    markdown::heading_ids(&src);
    markdown::summarize(&src, 40);
    markdown::word_count(&src);
    Ok(())
}

/// The first tag that could run a script: a script/iframe/object element, an `on…` attribute,
/// or a `javascript:` address. Text never holds a raw `<` (the writer escapes it), so every
/// `<` starts a tag; attribute values are double-quoted by both writers (pulldown-cmark and
/// ammonia's serialiser).
fn dangerous_markup(html: &str) -> Option<String> {
    for tag in html.split('<').skip(1) {
        let lower = tag.to_ascii_lowercase();
        let name: String = lower.trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        if matches!(name.as_str(), "script" | "iframe" | "object" | "embed" | "style" | "base" | "meta" | "form") {
            return Some(format!("<{name}>"));
        }
        for (attr, value) in attributes(&lower[name.len()..]) {
            if attr.starts_with("on") {
                return Some(format!("attribute {attr}"));
            }
            let url_attr =
                matches!(attr.as_str(), "href" | "src" | "srcset" | "action" | "formaction" | "poster" | "cite");
            if url_attr && value.trim_start().starts_with("javascript:") {
                return Some(format!("address {attr}={value}"));
            }
        }
    }
    None
}

/// The attributes of one start tag (the text after its name, up to `>`), values unquoted.
fn attributes(mut rest: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    loop {
        rest = rest.trim_start_matches([' ', '\t', '\n', '/']);
        if rest.is_empty() || rest.starts_with('>') {
            return out;
        }
        let name_len = rest.find(['=', ' ', '\t', '\n', '>', '/']).unwrap_or(rest.len()).max(1);
        let name = rest[..name_len].to_string();
        rest = &rest[name_len..];
        let mut value = String::new();
        if let Some(after) = rest.strip_prefix('=') {
            if let Some(quoted) = after.strip_prefix('"') {
                let end = quoted.find('"').unwrap_or(quoted.len());
                value = quoted[..end].to_string();
                rest = quoted.get(end + 1..).unwrap_or("");
            } else {
                let end = after.find([' ', '\t', '\n', '>']).unwrap_or(after.len());
                value = after[..end].to_string();
                rest = &after[end..];
            }
        }
        out.push((name, value));
    }
}

/// A content file of a small site: where it goes and its front matter and body.
#[derive(Debug, Clone)]
struct RandomFile {
    path: String,
    front: String,
    body: String,
}

fn random_file() -> impl Strategy<Value = RandomFile> {
    let path = proptest::sample::select(
        &[
            "content/projects/a.zh.md",
            "content/projects/a.en.md",
            "content/projects/b.md",
            "content/policies/p.zh.md",
            "content/policies/p.en.md",
            "content/results/r.zh.md",
            "content/environment/parks/k.zh.md",
            "content/about.zh.md",
            "content/about.en.md",
            "content/_index.zh.md",
            "content/news/_index.zh.md",
            "content/news/项目 介绍#1.zh.md",
            "content/projects/bundle/index.zh.md",
            "content/search.zh.md",
            "content/chains/nonferrous.zh.md",
            "content/en/x.zh.md",
        ][..],
    );
    let front = prop_oneof![structured_front_matter(), yamlish_text()];
    (path, front, markdown_text()).prop_map(|(p, front, body)| RandomFile { path: p.to_string(), front, body })
}

const SITE_YAML: &str = "title: {zh: 测试, en: Test}\nbase_url: https://example.cn\nlanguages: [zh, en]\n";

/// `data/regions.yaml` with random parents (loops, deep chains) and indicator values.
fn random_regions() -> impl Strategy<Value = Option<String>> {
    let ids = &["city", "county", "a", "b", "c"][..];
    let region = (
        proptest::sample::select(ids),
        proptest::option::of(proptest::sample::select(ids)),
        yaml_scalar(),
        yaml_scalar(),
        yaml_scalar(),
    )
        .prop_map(|(id, parent, value, year, location)| {
            let parent = parent.map(|p| format!(", parent: {p}")).unwrap_or_default();
            let one_line = |v: String| if v.contains('\n') { "1".to_string() } else { v };
            format!(
                "- {{id: {id}{parent}, name: {{zh: 区{id}, en: R {id}}}, location: {}, indicators: [{{key: gdp, label: GDP, value: {}, unit: 亿元, year: {}}}]}}\n",
                one_line(location),
                one_line(value),
                one_line(year)
            )
        });
    proptest::option::of(proptest::collection::vec(region, 0..6).prop_map(|v| v.concat()))
}

/// Builds a random small site (dry run): no panic, and a failed build explains itself with
/// diagnostics that each name a file.
fn check_site((files, regions): (Vec<RandomFile>, Option<String>)) -> Result<(), TestCaseError> {
    let site = crate::common::Site::fixture("basic");
    std::fs::remove_dir_all(site.root().join("content")).map_err(|e| TestCaseError::fail(e.to_string()))?;
    site.write("site.yaml", SITE_YAML);
    site.write("content/_index.zh.md", "---\ntitle: 首页\n---\n");
    for f in &files {
        site.write(&f.path, &format!("---\n{}---\n{}", f.front, f.body));
    }
    if let Some(r) = regions {
        site.write("data/regions.yaml", &r);
    }
    let opts = BuildOptions { dry_run: true, ..site.options() };
    let report = build(&opts);
    if report.fatal.is_none() && !report.ok() {
        let errors: Vec<_> = report.errors().collect();
        prop_assert!(!errors.is_empty());
        for e in errors {
            prop_assert!(e.file.is_some(), "error without a file: {}", e);
        }
    }
    Ok(())
}

fn random_site() -> impl Strategy<Value = (Vec<RandomFile>, Option<String>)> {
    (proptest::collection::vec(random_file(), 1..6), random_regions())
}

// ---------------------------------------------------------------------------------------------
// Short runs (part of `cargo test`)

#[test]
fn units_never_panic_and_read_back() {
    run("units", SHORT_CASES * 4, unit_text(), check_units);
}

#[test]
fn structured_front_matter_is_checked_with_located_messages() {
    run("front matter (structured)", SHORT_CASES * 2, structured_front_matter(), check_front_matter);
}

#[test]
fn yamlish_text_never_panics() {
    run("front matter (text)", SHORT_CASES * 2, yamlish_text(), check_front_matter);
}

#[test]
fn markdown_never_panics() {
    run("markdown", SHORT_CASES * 2, markdown_text(), check_markdown);
}

#[test]
fn small_sites_build_or_explain() {
    run("sites", SHORT_SITE_CASES, random_site(), check_site);
}

// ---------------------------------------------------------------------------------------------
// Long runs: `INVESTSITE_FUZZ_CASES=20000 cargo test --release --test it fuzz::long_ -- --ignored`

#[test]
#[ignore = "long fuzz run; see scripts/fuzz.sh"]
fn long_units() {
    run("units", long_cases() * 4, unit_text(), check_units);
}

#[test]
#[ignore = "long fuzz run; see scripts/fuzz.sh"]
fn long_front_matter() {
    run("front matter (structured)", long_cases(), structured_front_matter(), check_front_matter);
    run("front matter (text)", long_cases(), yamlish_text(), check_front_matter);
}

#[test]
#[ignore = "long fuzz run; see scripts/fuzz.sh"]
fn long_markdown() {
    run("markdown", long_cases(), markdown_text(), check_markdown);
}

#[test]
#[ignore = "long fuzz run; see scripts/fuzz.sh"]
fn long_sites() {
    // A site build is a thousand times the work of one parse: a tenth of the cases.
    run("sites", (long_cases() / 10).max(1), random_site(), check_site);
}

#[test]
fn the_markup_check_sees_handlers_and_addresses_only_where_they_run() {
    assert_eq!(dangerous_markup("<p>a onclick=b</p>"), None);
    assert_eq!(dangerous_markup(r#"<img src="x" alt="&lt;img src=x onerror=alert(1)&gt;">"#), None);
    assert_eq!(dangerous_markup(r#"<code class="language-[y](javascript:alert(1))">"#), None);
    assert!(dangerous_markup(r#"<img src="x" onerror="alert(1)">"#).is_some());
    assert!(dangerous_markup(r#"<a href="javascript:alert(1)">"#).is_some());
    assert!(dangerous_markup("<script>x</script>").is_some());
}
