//! Hostile or careless content (tests/fixtures/hostile): raw HTML is sanitised with a warning
//! for every removal, refused addresses fail the build with file and line, and nothing breaks
//! out of a `<script>`. tests/it/browser.rs loads every page of the same fixture in Chromium.

use crate::common::{Site, messages, snapshot};

const RAW: &str = "content/news/raw-html.zh.md";

/// Every HTML page of the output with its text.
fn html_pages(s: &Site) -> Vec<(String, String)> {
    let out = s.output();
    walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            (e.path().strip_prefix(&out).unwrap().display().to_string(), std::fs::read_to_string(e.path()).unwrap())
        })
        .collect()
}

/// The contents of every `<script type="application/ld+json">` of a page.
fn json_ld_blocks(html: &str) -> Vec<&str> {
    html.split("<script type=\"application/ld+json\">")
        .skip(1)
        .map(|rest| &rest[..rest.find("</script>").unwrap()])
        .collect()
}

/// Every start tag of a page: its name and attribute names, read the way a browser does
/// (quoted values may hold anything; text holds no `<` but the one of a tag).
fn start_tags(html: &str) -> Vec<(String, Vec<String>)> {
    let mut tags = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let name_end = rest.find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/').unwrap_or(rest.len());
        let name = rest[..name_end].to_ascii_lowercase();
        rest = &rest[name_end..];
        let mut attrs = Vec::new();
        loop {
            rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
            if rest.is_empty() || rest.starts_with('>') {
                break;
            }
            let end = rest.find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '=').unwrap_or(rest.len());
            attrs.push(rest[..end].to_ascii_lowercase());
            rest = &rest[end..];
            if let Some(v) = rest.strip_prefix('=') {
                rest = match v.chars().next() {
                    Some(q @ ('"' | '\'')) => v[1..].find(q).map_or("", |e| &v[e + 2..]),
                    _ => v.find(|c: char| c.is_ascii_whitespace() || c == '>').map_or("", |e| &v[e..]),
                };
            }
        }
        if name == "script" || name == "style" {
            rest = rest.find(&format!("</{name}")).map_or("", |e| &rest[e..]);
        }
        tags.push((name, attrs));
    }
    tags
}

#[test]
fn the_hostile_site_builds_with_a_warning_for_every_removal() {
    let s = Site::fixture("hostile");
    let r = s.build_ok();
    let m = messages(&r);
    for expected in [
        ":8: heading attribute onclick removed (event handlers run scripts)",
        ":10: raw HTML: <script> removed (scripts belong in the theme) — 2 times in this file, first here",
        ":16: raw HTML: attribute onerror removed from <img> (event handlers run scripts)",
        ":18: raw HTML: <svg> removed (inline SVG and MathML can carry scripts; use an image file instead)",
        ":20: raw HTML: <iframe> without a src address removed",
        ":22: raw HTML: <iframe> from evil.example removed: add the host to markdown.embed_hosts in site.yaml",
        ":24: raw HTML: attribute onload removed from <iframe> (event handlers run scripts)",
        ":26: raw HTML: attribute style removed from <div> (styles belong in the theme's CSS)",
        ":28: raw HTML: <meta> removed (page settings belong in the theme)",
        ":30: raw HTML: <base> removed",
        ":36: raw HTML: <form> removed (forms are not allowed in content)",
        ":38: raw HTML: attribute onclick removed from <a>",
        ":40: raw HTML: attribute ontoggle removed from <details>",
        ":42: raw HTML: <object> removed",
        ":54: raw HTML: <body> removed",
    ] {
        assert!(m.contains(&format!("warning: {RAW}{expected}")), "missing {expected}:\n{m}");
    }
    let page = s.read("news/raw-html/index.html");
    let body = &page[page.find("<div class=\"prose\">").unwrap()..];
    let body = &body[..body.find("<div class=\"tags\">").unwrap()];
    for gone in ["<script", "style=\"position", "evil.example", "<form", "<meta", "<base", "<svg", "<math", "<textarea"]
    {
        assert!(!body.contains(gone), "{gone} reached the page:\n{body}");
    }
    for (tag, attrs) in start_tags(body) {
        assert!(!attrs.iter().any(|a| a.starts_with("on") || a == "srcdoc" || a == "target"), "<{tag} {attrs:?}>");
    }
    assert!(body.contains("<h2 id=\"head\">标题</h2>"), "{body}");
    assert!(body.contains("<div>覆盖整页</div>"), "the text of a removed overlay stays: {body}");
    assert!(body.contains("<a href=\"https://example.cn/\">外链</a>"), "{body}");
    assert!(
        body.contains(
            "<iframe src=\"https://player.bilibili.com/player.html?bvid=BV1xx\" width=\"640\" height=\"360\""
        ),
        "the listed player stays: {body}"
    );
    assert!(body.contains("sandbox=\"allow-scripts allow-same-origin allow-presentation allow-popups\""), "{body}");
    assert_eq!(body.matches("<iframe").count(), 1, "{body}");
}

#[test]
fn no_page_lets_author_text_out_of_its_place() {
    let s = crate::common::built("hostile");
    let pages = html_pages(s);
    assert!(pages.len() > 50);
    for (path, html) in &pages {
        // Author text with `<script>` appears only escaped: every script element is the theme's.
        for tag in html.match_indices("<script").map(|(i, _)| &html[i..i + html[i..].find('>').unwrap() + 1]) {
            let theme = tag.contains(" src=\"") || tag == "<script>" || tag.starts_with("<script id=\"wechat-share\"");
            assert!(theme || tag == "<script type=\"application/ld+json\">", "{path}: {tag}");
        }
        for (tag, attrs) in start_tags(html) {
            assert!(!attrs.iter().any(|a| a.starts_with("on")), "{path}: <{tag} {attrs:?}>");
            assert!(!["base", "object", "embed", "math"].contains(&tag.as_str()), "{path}: <{tag}>");
            assert!(tag != "meta" || !attrs.contains(&"http-equiv".to_string()), "{path}: <meta http-equiv>");
        }
        for block in json_ld_blocks(html) {
            assert!(!block.contains('<') && !block.contains('>') && !block.contains('&'), "{path}: {block}");
            serde_json::from_str::<serde_json::Value>(block).unwrap_or_else(|e| panic!("{path}: {e}: {block}"));
        }
    }
}

#[test]
fn a_hostile_title_stays_inside_the_json_ld() {
    let s = crate::common::built("hostile");
    let news = s.read("news/raw-html/index.html");
    let blocks = json_ld_blocks(&news);
    assert_eq!(blocks.len(), 1);
    let data: serde_json::Value = serde_json::from_str(blocks[0]).unwrap();
    let headline = data["@graph"][1]["headline"].as_str().unwrap();
    assert_eq!(headline, "</script><script>alert('title')</script>\"'><img src=x onerror=alert('title')>");
    assert!(blocks[0].contains("\\u003c/script\\u003e\\u003cscript\\u003ealert('title')"), "{}", blocks[0]);
    let policy = s.read("policies/hostile/index.html");
    let data: serde_json::Value = serde_json::from_str(json_ld_blocks(&policy)[0]).unwrap();
    assert_eq!(data["@graph"][1]["legislationIdentifier"], "测政发〔2026〕1号</script><!--");
    assert_eq!(data["@graph"][1]["legislationPassedBy"]["name"], "</script><script>alert('issuer')</script>");
}

#[test]
fn refused_addresses_fail_the_build_with_file_and_line_and_the_output_stays() {
    let s = Site::fixture("hostile");
    s.build_ok();
    let before = snapshot(&s.output());
    s.write(
        "content/news/bad-links.zh.md",
        "---\ntitle: 坏链接\ndate: 2026-11-03\n---\n\n\
         [点我](javascript:alert(1))\n\n\
         [实体](javascript&colon;alert(2))\n\n\
         <javascript:alert(3)>\n\n\
         ![图](data:image/svg+xml;base64,PHN2Zz4=)\n\n\
         [转义](java%0Ascript:alert(4))\n\n\
         <a href=\"&#106;avascript:alert(5)\">实体HTML</a>\n\n\
         <img src=\"vbscript:msgbox(6)\">\n\n\
         <a href=\"JaVaScRiPt:alert(7)\">大小写</a>\n\n\
         [引用][r]\n\n\
         [r]: javascript:alert(8)\n",
    );
    let r = s.build();
    assert!(!r.ok());
    let m = messages(&r);
    let file = "content/news/bad-links.zh.md";
    for (line, text) in [
        (
            6,
            "link address \"javascript:alert(1)\": `javascript:` addresses are not allowed (it can run code in the reader's browser)",
        ),
        (8, "link address \"javascript:alert(2)\": `javascript:` addresses are not allowed"),
        (10, "link address \"javascript:alert(3)\""),
        (12, "image address \"data:image/svg+xml;base64,PHN2Zz4=\": `data:` addresses are not allowed"),
        (14, "link address \"java%0Ascript:alert(4)\": the address is a disguised `javascript:` address"),
        (16, "raw HTML <a href=\"&#106;avascript:alert(5)\">: the address is a disguised `javascript:` address"),
        (18, "raw HTML <img src=\"vbscript:msgbox(6)\">: `vbscript:` addresses are not allowed"),
        (20, "raw HTML <a href=\"JaVaScRiPt:alert(7)\">: `javascript:` addresses are not allowed"),
        (22, "link address \"javascript:alert(8)\""),
    ] {
        assert!(m.contains(&format!("error: {file}:{line}: {text}")), "missing line {line}: {text}\n{m}");
    }
    assert!(m.contains("use a relative address or one starting with http:, https:, mailto:, tel:"), "{m}");
    assert_eq!(r.errors().count(), 9, "{m}");
    assert!(snapshot(&s.output()) == before, "a failed build changed the output");
}

#[test]
fn an_added_scheme_is_allowed_in_markdown_and_raw_html() {
    let s = Site::fixture("hostile");
    s.edit_site_yaml(|yaml| format!("{yaml}url_schemes: [weixin]\n"));
    s.write(
        "content/news/wechat.zh.md",
        "---\ntitle: 微信\ndate: 2026-11-03\n---\n\n[打开微信](weixin://dl/chat) <a href=\"weixin://dl/moments\">朋友圈</a>\n",
    );
    s.build_ok();
    let page = s.read("news/wechat/index.html");
    assert!(page.contains("<a href=\"weixin://dl/chat\">打开微信</a>"), "{page}");
    assert!(page.contains("<a href=\"weixin://dl/moments\">朋友圈</a>"), "{page}");
}

#[test]
fn trusted_html_writes_raw_html_as_it_is_without_warnings() {
    let s = Site::fixture("hostile");
    s.edit_site_yaml(|yaml| yaml.replace("markdown:\n", "markdown:\n  trusted_html: true\n"));
    let r = s.build_ok();
    let m = messages(&r);
    assert!(!m.contains("raw HTML"), "{m}");
    let page = s.read("news/raw-html/index.html");
    assert!(page.contains("<script>\nwindow.__pwned = 1; alert('block script');\n</script>"), "{page}");
    assert!(page.contains("<img src=\"x\" onerror=\"alert('img onerror')\" alt=\"图片\">"), "{page}");
    // The site trusts its raw HTML, not the addresses of its Markdown.
    s.write("content/news/bad.zh.md", "---\ntitle: 坏\ndate: 2026-11-03\n---\n\n[点我](javascript:alert(1))\n");
    let r = s.build();
    assert!(
        messages(&r).contains("error: content/news/bad.zh.md:6: link address \"javascript:alert(1)\""),
        "{}",
        messages(&r)
    );
}

#[test]
fn a_site_without_raw_html_is_not_changed_by_the_sanitiser() {
    // The basic fixture has tables, footnote-free prose, links, images and headings: every
    // element our Markdown writes must come through the allow-list untouched.
    let s = Site::fixture("basic");
    s.write(
        "content/news/markup.zh.md",
        "---\ntitle: 标记\ndate: 2026-11-03\n---\n\n## 概况 {#overview .lead}\n\n正文[^1]，**加粗**，~~删除~~。\n\n\
         | 左 | 中 | 右 |\n|:---|:---:|---:|\n| 1 | 2 | 3 |\n\n- [x] 完成\n- [ ] 未完\n\n> [!NOTE]\n> 提示\n\n\
         ```rust\nfn main() { println!(\"<&>\"); }\n```\n\n1. 一\n2. 二\n\n[^1]: 注释。\n",
    );
    let r = s.build_ok();
    assert!(!messages(&r).contains("raw HTML"), "{}", messages(&r));
    let page = s.read("news/markup/index.html");
    for kept in [
        "<h2 id=\"overview\" class=\"lead\">概况</h2>",
        "<sup class=\"footnote-reference\"><a href=\"#1\">1</a></sup>",
        "<div class=\"footnote-definition\" id=\"1\"><sup class=\"footnote-definition-label\">1</sup>",
        "<th style=\"text-align: left\">左</th><th style=\"text-align: center\">中</th><th style=\"text-align: right\">右</th>",
        "<input disabled=\"\" type=\"checkbox\" checked=\"\">",
        "<blockquote class=\"markdown-alert-note\">",
        "<pre><code class=\"language-rust\">fn main() { println!(\"&lt;&amp;&gt;\"); }",
        "<del>删除</del>",
    ] {
        assert!(page.contains(kept), "missing {kept}:\n{page}");
    }
}

#[test]
fn a_theme_writes_inline_data_with_json_script() {
    let s = Site::fixture("hostile");
    s.edit_site_yaml(|yaml| format!("{yaml}theme: inline\n"));
    s.write(
        "themes/inline/templates/partials/breadcrumbs.html",
        "<script>window.pageData = {{ page.title | json_script }};</script>",
    );
    s.build_ok();
    let page = s.read("news/raw-html/index.html");
    let start = page.find("window.pageData = ").unwrap() + "window.pageData = ".len();
    let data = &page[start..start + page[start..].find(";</script>").unwrap()];
    assert!(!data.contains('<') && !data.contains('>') && !data.contains('&'), "{data}");
    let title: String = serde_json::from_str(data).unwrap();
    assert!(title.starts_with("</script><script>alert('title')</script>"), "{title}");
}

#[test]
fn spreadsheet_formulas_in_content_are_defused_in_the_csv_files() {
    let s = Site::fixture("basic");
    s.write(
        "content/projects/formula.zh.md",
        "---\ntitle: \"=HYPERLINK(\\\"https://evil.example\\\",\\\"点击\\\")\"\nsummary: \"@SUM(1+1)\"\ninvestment: 1亿元\nchain: nonferrous\nregion: city\ndate: 2026-01-01\n---\n",
    );
    s.build_ok();
    let csv = s.read("data/projects.csv");
    assert!(csv.contains("\"'=HYPERLINK(\"\"https://evil.example\"\""), "{csv}");
    assert!(!csv.contains(",=HYPERLINK") && !csv.contains(",\"=HYPERLINK"), "{csv}");
}

#[test]
fn base_url_and_menu_addresses_pass_the_address_policy() {
    let s = Site::fixture("basic");
    s.build_ok();
    let before = snapshot(&s.output());
    for bad in ["javascript:alert(1)", "https://x.cn\" onload=\"alert(1)", "ftp://x.cn", "https://"] {
        let (code, _, err) = s.run(&["build", "--base-url", bad]);
        assert_eq!(code, 2, "--base-url {bad}: {err}");
        assert!(err.contains("--base-url") && err.contains("is not a web address"), "{err}");
    }
    assert_eq!(snapshot(&s.output()), before);

    let yaml = std::fs::read_to_string(s.root().join("site.yaml")).unwrap();
    let yaml = yaml.replace(
        "nav:",
        "url_schemes: [weixin, javascript]\nnav:\n  - {name: {zh: 坏, en: Bad}, url: \"java&#x73;cript:alert(1)\"}",
    );
    assert!(yaml.contains("url_schemes"), "the fixture has a nav to extend");
    s.write("site.yaml", &yaml);
    let r = s.build();
    let text = messages(&r);
    assert!(!r.ok());
    assert!(text.contains("site.yaml") && text.contains("url_schemes") && text.contains("cannot be allowed"), "{text}");
    assert!(text.contains("nav") && text.contains("disguised `javascript:`"), "{text}");
    assert_eq!(snapshot(&s.output()), before);
}
