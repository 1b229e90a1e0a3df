//! Site search: the index built for each language, searched by the theme's real search.js in
//! node (skipped with a notice where node is missing, unless INVESTSITE_REQUIRE_BROWSER=1).

use std::path::Path;
use std::process::Command;

use crate::common::Site;
use investsite::render::search::tokens;

fn script() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/node/search_query.cjs")
}

/// Whether node can run; false (with a notice) when these checks are to be skipped.
fn node_ready() -> bool {
    if Command::new("node").arg("--version").output().is_ok() {
        return true;
    }
    if std::env::var("INVESTSITE_REQUIRE_BROWSER").as_deref() == Ok("1") {
        panic!("search checks need node, which is missing");
    }
    eprintln!("skipping search checks in node: no node");
    false
}

fn node_json(args: &[&str]) -> Vec<Vec<String>> {
    let out = Command::new("node").arg(script()).args(args).output().expect("node runs");
    assert!(out.status.success(), "search_query.cjs failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON from search_query.cjs")
}

/// The pages (paths below the language root) found for each query, best first.
fn search(site: &Site, index: &str, queries: &[&str]) -> Vec<Vec<String>> {
    let file = site.output().join(index);
    let mut args = vec![file.to_str().unwrap()];
    args.extend(queries);
    node_json(&args)
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

/// The basic fixture with 稀土永磁 written into a project's, a policy's and a news item's
/// text and every research result's, of which only the admitted have public pages.
fn planted() -> Site {
    let s = Site::fixture("basic");
    let append = |rel: &str, text: &str| {
        let p = s.root().join(rel);
        let old = std::fs::read_to_string(&p).unwrap();
        std::fs::write(&p, format!("{old}\n{text}\n")).unwrap();
    };
    append("content/projects/copper-foil.zh.md", "项目可配套稀土永磁材料生产。");
    append("content/policies/thirty.zh.md", "第二条 支持稀土永磁等新材料项目。");
    append("content/news/launch.zh.md", "首批发布稀土永磁招商信息。");
    for r in ["r1", "r2", "r3", "r4"] {
        append(&format!("content/results/{r}.zh.md"), "适用于稀土永磁电机。");
    }
    s
}

#[test]
fn a_chinese_term_found_on_n_pages_returns_those_n_pages() {
    if !node_ready() {
        return;
    }
    let s = planted();
    s.build_ok();
    let admitted: Vec<String> = ["r1", "r2", "r3", "r4"]
        .iter()
        .filter(|r| s.exists(&format!("results/{r}/index.html")))
        .map(|r| format!("results/{r}/"))
        .collect();
    assert_eq!(admitted.len(), 2, "half of the four results are admitted in this fixture");
    let mut expected =
        vec!["projects/copper-foil/".to_string(), "policies/thirty/".to_string(), "news/launch/".to_string()];
    expected.extend(admitted);
    let found = search(&s, "search/index.zh.js", &["稀土永磁", "铜箔"]);
    assert_eq!(sorted(found[0].clone()), sorted(expected), "every page holding 稀土永磁, and no other");
    // 铜箔: the project (title, tags, text) and the chain whose segments name it (电解铜箔, 锂电铜箔).
    assert_eq!(sorted(found[1].clone()), ["chains/nonferrous/", "projects/copper-foil/"]);
    assert_eq!(found[1][0], "projects/copper-foil/", "the page with the term in its title comes first");
}

#[test]
fn the_english_index_holds_english_pages_and_untranslated_originals() {
    if !node_ready() {
        return;
    }
    let s = planted();
    s.build_ok();
    let found = search(&s, "en/search/index.en.js", &["稀土永磁", "copper foil", "Copper", "cop", "foil copper"]);
    // The news item and the results have no English version: /en/ shows their Chinese
    // originals, so they are found; the project's English text does not hold the term.
    let mut expected = vec!["news/launch/".to_string()];
    expected.extend(
        ["r1", "r2", "r3", "r4"]
            .iter()
            .filter(|r| s.exists(&format!("en/results/{r}/index.html")))
            .map(|r| format!("results/{r}/")),
    );
    assert_eq!(expected.len(), 3);
    assert_eq!(sorted(found[0].clone()), sorted(expected));
    assert_eq!(sorted(found[1].clone()), ["chains/nonferrous/", "projects/copper-foil/"]);
    assert!(
        found[1].iter().all(|p| found[2].contains(p)),
        "case does not matter, and a last word being typed also finds longer words"
    );
    assert!(
        found[3].contains(&"projects/copper-foil/".to_string()),
        "a word being typed matches as a prefix: {:?}",
        found[3]
    );
    assert_eq!(sorted(found[4].clone()), sorted(found[1].clone()), "word order does not matter");
}

#[test]
fn mixed_single_character_and_missing_queries() {
    if !node_ready() {
        return;
    }
    let s = Site::fixture("basic");
    s.write(
        "content/news/separator.zh.md",
        "---\ntitle: 锂电池隔膜项目对接会\ndate: 2026-10-01\n---\n\n会上介绍了 wet-process separator 湿法隔膜工艺。\n",
    );
    s.build_ok();
    let found = search(
        &s,
        "search/index.zh.js",
        &["隔膜 separator", "Separator 湿法", "隔膜 copper", "箔", "测", "不存在的词", "", "  "],
    );
    assert_eq!(found[0], ["news/separator/"], "Chinese and English words together");
    assert_eq!(found[1], ["news/separator/"], "either order, any case");
    assert!(found[2].is_empty(), "every word must occur: {:?}", found[2]);
    assert_eq!(
        sorted(found[3].clone()),
        ["chains/nonferrous/", "projects/copper-foil/"],
        "one character finds the words holding it"
    );
    assert!(
        found[4].len() > 5 && found[4].contains(&"about/".to_string()),
        "测 (of 测试市) is on most pages: {:?}",
        found[4]
    );
    assert!(found[5].is_empty() && found[6].is_empty() && found[7].is_empty());
}

#[test]
fn text_past_the_stored_snippet_is_still_found() {
    if !node_ready() {
        return;
    }
    let s = Site::fixture("basic");
    s.edit_site_yaml(|yaml| format!("{yaml}search: {{text_chars: 20}}\n"));
    let filler = "工业用地优先保障。".repeat(40);
    s.write("content/about.zh.md", &format!("---\ntitle: 关于我们\n---\n\n{filler}\n\n最后一段提到钒钛磁铁矿。\n"));
    s.build_ok();
    let index = s.read("search/index.zh.js");
    assert!(!index.contains("钒钛磁铁矿"), "only the first 20 characters of a text are stored");
    let found = search(&s, "search/index.zh.js", &["钒钛磁铁矿"]);
    assert_eq!(found[0], ["about/"]);
}

#[test]
fn javascript_cuts_text_into_the_same_tokens_as_the_build() {
    if !node_ready() {
        return;
    }
    let texts = [
        "年产5万吨高性能电解铜箔项目",
        "The Copper-Foil project of Baiyin, 2026",
        "“引大引强”！12.5亿元，ＰＣＢ板１２层",
        "锂电 battery 隔膜separator",
        "铜",
        "한국어 テスト・カタカナ ひらがな",
        "Ünïcode ÉTÉ naïve Straße ΣΊΣΥΦΟΣ",
        "𠀀𠀁 rare CJK, emoji 🚀 and tabs\tnew\nlines",
        "",
    ];
    let js = node_json(&[&["--tokenize"][..], &texts[..]].concat());
    for (text, js_tokens) in texts.iter().zip(js) {
        assert_eq!(tokens(text), js_tokens, "tokens of {text:?}");
    }
}

#[test]
fn the_search_page_loads_the_index_and_no_other_page_does() {
    let s = crate::common::built("basic");
    let zh = s.read("search/index.html");
    assert!(zh.contains("<title>搜索 - 测试投资网</title>"), "{zh}");
    assert!(
        zh.contains(r#"<script src="index.zh.js?v="#),
        "the index is loaded by a relative address, from file:// too"
    );
    assert!(zh.contains(r#"<script src="../js/search.js?v="#));
    assert!(zh.contains(r#"<meta name="robots" content="noindex, follow">"#));
    assert!(zh.contains(r#"<label for="search-q">搜索本站</label>"#));
    let en = s.read("en/search/index.html");
    assert!(en.contains(r#"<script src="index.en.js?v="#) && en.contains(r#"<script src="../../js/search.js?v="#));
    assert!(s.exists("search/index.zh.js") && s.exists("en/search/index.en.js") && s.exists("js/search.js"));
    assert!(s.read("search/index.zh.js").starts_with("window.investsiteSearch={"));
    for page in ["index.html", "projects/copper-foil/index.html", "en/policies/thirty/index.html", "404.html"] {
        let html = s.read(page);
        assert!(!html.contains("<script src="), "{page} loads no script");
        assert!(!html.contains("index.zh.js") && !html.contains("index.en.js"), "{page} does not load the index");
    }
    // Every other page has the header form, sending ?q= to its language's search page.
    assert!(
        s.read("projects/copper-foil/index.html")
            .contains(r#"<form class="site-search" role="search" method="get" action="/search/">"#)
    );
    assert!(s.read("en/index.html").contains(r#"action="/en/search/""#));
    assert!(!zh.contains("site-search-q"), "the search page has its own form only");
}

#[test]
fn the_index_leaves_out_the_evaluation_report_404_and_results_outside_the_pool() {
    let s = crate::common::built("basic");
    let index = s.read("search/index.zh.js");
    assert!(index.contains(r#"["projects/copper-foil/","年产5万吨高性能电解铜箔项目","#), "path and title");
    assert!(index.contains("\"招商项目\""), "section titles are listed");
    assert!(!index.contains("results/evaluation/"), "the report for administrators is not searchable");
    assert!(!index.contains("\"search/\""), "nor the search page itself");
    for r in ["r1", "r2", "r3", "r4"] {
        if !s.exists(&format!("results/{r}/index.html")) {
            assert!(!index.contains(&format!("\"results/{r}/\"")), "{r} has no public page, so it is not in the index");
            assert!(!index.contains(&format!("测试成果{}", &r[1..])), "nor its title");
        }
    }
}

#[test]
fn search_can_be_turned_off() {
    let s = Site::fixture("basic");
    s.edit_site_yaml(|yaml| format!("{yaml}search: false\n"));
    s.build_ok();
    assert!(!s.exists("search/index.html") && !s.exists("search/index.zh.js") && !s.exists("en/search/index.html"));
    assert!(!s.read("index.html").contains("site-search"), "no header form without a search page");
}

#[test]
fn a_content_page_at_the_search_address_is_an_error() {
    let s = Site::fixture("basic");
    s.write("content/search.zh.md", "---\ntitle: 搜索\n---\n\n文字。\n");
    let before = s.output().exists();
    let (code, _, err) = s.run(&["build"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("content/search clashes with the search page"), "{err}");
    assert!(err.contains("search: false"), "the help names the way out: {err}");
    assert!(!before && !s.output().exists(), "nothing written");
}

#[test]
fn a_wrong_search_setting_names_the_field() {
    let s = Site::fixture("basic");
    s.edit_site_yaml(|yaml| format!("{yaml}search: {{text_chars: lots, enable: true}}\n"));
    let (code, _, err) = s.run(&["build"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("site.yaml") && err.contains("search.text_chars"), "{err}");
    assert!(err.contains("did you mean `enabled`"), "{err}");
}

/// The planted fixture with `search: {shard_above_kb: …}` added to its settings.
fn with_search_limit(kb: u32) -> Site {
    let s = planted();
    s.write(
        "content/news/separator.zh.md",
        "---\ntitle: 锂电池隔膜项目对接会\ndate: 2026-10-01\n---\n\n会上介绍了 wet-process separator 湿法隔膜工艺。\n",
    );
    s.edit_site_yaml(|yaml| format!("{yaml}\nsearch: {{shard_above_kb: {kb}}}\n"));
    s
}

fn search_files(s: &Site) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(s.output().join("search"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".js"))
        .collect();
    names.sort();
    names
}

#[test]
fn an_index_in_parts_finds_and_ranks_exactly_as_the_whole_index() {
    if !node_ready() {
        return;
    }
    let whole = with_search_limit(1000);
    whole.build_ok();
    assert_eq!(search_files(&whole), ["index.zh.js"], "a small index stays one file");
    let parts = with_search_limit(0);
    parts.build_ok();
    let files = search_files(&parts);
    let token_parts = files.iter().filter(|f| f.starts_with("index.zh.t")).count();
    let page_parts = files.iter().filter(|f| f.starts_with("index.zh.p")).count();
    assert!(token_parts >= 1 && page_parts >= 2, "{files:?}");
    assert!(files.iter().all(|f| f == "index.zh.js" || f.split('.').count() == 5), "hashed names: {files:?}");
    let manifest = parts.read("search/index.zh.js");
    assert!(manifest.contains("\"v\":2") && !manifest.contains("稀土"), "the manifest holds no pages: {manifest}");
    assert!(manifest.len() < whole.read("search/index.zh.js").len() / 4, "{} bytes", manifest.len());
    let queries = [
        "稀土永磁",
        "铜箔",
        "电解铜箔",
        "隔膜 separator",
        "Separator 湿法",
        "箔",
        "测",
        "白银",
        "项目",
        "不存在的词",
        "",
    ];
    let a = search(&whole, "search/index.zh.js", &queries);
    let b = search(&parts, "search/index.zh.js", &queries);
    assert_eq!(a, b, "same pages in the same order");
    assert!(a[4].len() == 1 && a[6].len() > 5 && a[8].len() > 2, "{a:?}");
    let english = ["copper", "copp", "copper foil", "zinc", "policy"];
    let a = search(&whole, "en/search/index.en.js", &english);
    let b = search(&parts, "en/search/index.en.js", &english);
    assert_eq!(a, b, "English, words being typed too");
    assert!(!a[0].is_empty() && a[1] == a[0], "{a:?}");
}

#[test]
fn a_part_changes_its_name_when_its_content_changes() {
    let s = with_search_limit(0);
    s.build_ok();
    let before = search_files(&s);
    s.write("content/news/separator.zh.md", "---\ntitle: 锂电池隔膜项目签约\ndate: 2026-10-01\n---\n\n正文。\n");
    s.build_ok();
    let after = search_files(&s);
    assert_ne!(before, after, "a changed part has a new name");
    assert!(
        before.iter().filter(|f| after.contains(f)).count() >= 2,
        "unchanged parts keep theirs: {before:?} {after:?}"
    );
    let page = s.read("search/index.html");
    let version = page.split("index.zh.js?v=").nth(1).map(|v| &v[..8]).unwrap_or_default();
    assert!(s.read("search/index.zh.js").len() > 100 && !version.is_empty(), "the manifest's address is versioned");
}
