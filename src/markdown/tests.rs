use pulldown_cmark::Parser;

use super::emphasis::{Repair, repair_emphasis};
use super::links::is_absolute_url;
use super::*;
use crate::sanitize::Sanitizer;

fn render_in(lang: &str, src: &str) -> Rendered {
    let opts = Options { lang, id_prefix: "", html: &Sanitizer::default(), picture: None };
    render(src, &opts, &mut |dest, _| Ok(dest.to_string()))
}

fn html_zh(src: &str) -> String {
    render_in("zh", src).html
}

fn plain_pulldown_html(src: &str, lang: &str) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, Parser::new_ext(src, parser_options(lang)));
    html
}

fn warnings(rendered: &Rendered) -> Vec<(usize, &str)> {
    let found = rendered.problems.iter().filter(|p| !p.is_error);
    found.map(|p| (p.line, p.message.as_str())).collect()
}

// --- CJK-friendly emphasis -------------------------------------------------------------

#[test]
fn bold_closing_after_a_quote_before_han() {
    assert_eq!(html_zh("**“引大引强引头部”**行动"), "<p><strong>“引大引强引头部”</strong>行动</p>\n");
}

#[test]
fn bold_closing_after_a_fullwidth_colon() {
    assert_eq!(html_zh("**注意：**正文"), "<p><strong>注意：</strong>正文</p>\n");
}

#[test]
fn bold_closing_after_a_full_stop_mid_sentence() {
    assert_eq!(
        html_zh("本项目**总投资50亿元。**预计2027年投产"),
        "<p>本项目<strong>总投资50亿元。</strong>预计2027年投产</p>\n"
    );
}

#[test]
fn emphasis_closing_after_a_fullwidth_bracket() {
    assert_eq!(html_zh("这是*斜体（括号）*后文"), "<p>这是<em>斜体（括号）</em>后文</p>\n");
}

#[test]
fn strikethrough_closing_after_a_fullwidth_bracket() {
    assert_eq!(html_zh("~~删除（括号）~~后文"), "<p><del>删除（括号）</del>后文</p>\n");
}

#[test]
fn bold_opening_before_punctuation_after_han() {
    assert_eq!(html_zh("他说**“你好”**然后"), "<p>他说<strong>“你好”</strong>然后</p>\n");
}

#[test]
fn plain_bold_still_works() {
    assert_eq!(html_zh("**bold** normal"), "<p><strong>bold</strong> normal</p>\n");
}

#[test]
fn latin_punctuation_cases_follow_commonmark() {
    let html = render_in("en", "English **bold.** tail and **“quoted”**text").html;
    assert!(html.contains("<strong>bold.</strong> tail"), "{html}");
    assert!(html.contains("**“quoted”**text"), "{html}");
}

#[test]
fn latin_output_is_exactly_pulldown_cmark() {
    let cases = [
        "English **bold.** tail",
        "a **b** c *d* e ***f*** g",
        "**“quoted”**text and *foo**bar*",
        "x**a* and *a**y and __init__ and snake_case_name",
        "~~gone~~ and ~one~ and ~~~three~~~",
        "*[link*](x.md) and **[a](b)**",
        "> **Note:** text\n\n| a | **b** |\n|---|---|\n| *c* | d |",
    ];
    for src in cases {
        assert_eq!(render_in("en", src).html, plain_pulldown_html(src, "en"), "{src}");
    }
}

#[test]
fn code_spans_and_blocks_keep_their_asterisks() {
    assert_eq!(html_zh("`**代码**`"), "<p><code>**代码**</code></p>\n");
    let html = html_zh("```\n**注意：**正文\n```");
    assert!(html.contains("<code>**注意：**正文\n</code>"), "{html}");
    assert!(!html.contains("<strong>"), "{html}");
}

#[test]
fn escaped_asterisks_stay_literal() {
    let rendered = render_in("zh", r"\*\*不是粗体\*\*");
    assert_eq!(rendered.html, "<p>**不是粗体**</p>\n");
    assert!(rendered.problems.is_empty(), "{:?}", rendered.problems);
}

#[test]
fn an_escaped_asterisk_does_not_join_the_run_next_to_it() {
    // Unescaped, `\**` would be a run of two and pair with the closing `**`.
    assert_eq!(html_zh(r"本项目\**总投资。**预计"), "<p>本项目**总投资。**预计</p>\n");
    assert_eq!(html_zh(r"**注意\*：**正文"), "<p><strong>注意*：</strong>正文</p>\n");
}

#[test]
fn english_bold_inside_chinese() {
    assert_eq!(html_zh("中文**English**中文"), "<p>中文<strong>English</strong>中文</p>\n");
}

#[test]
fn emphasis_nested_in_bold() {
    assert_eq!(html_zh("**加粗*斜体*加粗**"), "<p><strong>加粗<em>斜体</em>加粗</strong></p>\n");
    assert_eq!(
        html_zh("**注意：*重点（一）*结束。**后文"),
        "<p><strong>注意：<em>重点（一）</em>结束。</strong>后文</p>\n"
    );
}

#[test]
fn two_bold_spans_on_one_line() {
    assert_eq!(
        html_zh("**甲方：**负责，**乙方：**配合"),
        "<p><strong>甲方：</strong>负责，<strong>乙方：</strong>配合</p>\n"
    );
    // Plain CommonMark pairs the middle two runs here; the repair must undo that.
    assert_eq!(
        html_zh("**注意：**正文**再来：**结束"),
        "<p><strong>注意：</strong>正文<strong>再来：</strong>结束</p>\n"
    );
}

#[test]
fn bold_and_strikethrough_in_one_paragraph() {
    assert_eq!(
        html_zh("**注意：**正文，~~旧（作废）~~新"),
        "<p><strong>注意：</strong>正文，<del>旧（作废）</del>新</p>\n"
    );
}

#[test]
fn emphasis_does_not_cross_link_brackets() {
    let html = html_zh("[**注意：](a.md)**正文");
    assert!(!html.contains("<strong>"), "{html}");
    let html = html_zh("[**注意：**正文](a.md)");
    assert!(html.contains("<a href=\"a.md\"><strong>注意：</strong>正文</a>"), "{html}");
}

#[test]
fn bold_in_table_cells_headings_and_quotes() {
    let html = html_zh("## **注意：**标题\n\n> **提示：**内容\n\n| 甲 |\n|---|\n| **说明：**文字 |");
    assert!(html.contains("<strong>注意：</strong>标题</h2>"), "{html}");
    assert!(html.contains("<p><strong>提示：</strong>内容</p>"), "{html}");
    assert!(html.contains("<td><strong>说明：</strong>文字</td>"), "{html}");
}

#[test]
fn intraword_underscore_stays_literal() {
    assert_eq!(html_zh("中文_斜体_中文"), "<p>中文_斜体_中文</p>\n");
}

#[test]
fn cjk_friendly_cases_from_the_amendment_leave_no_asterisks() {
    let cases = [
        "**推荐几个框架：**React、Vue等前端框架。",
        "Go**「入门」**系列文章",
        "国际标准**[ECMA-262](https://tc39.es/ecma262/)**已发布",
        "**[产业园](parks/a.md)**与**[物流园](parks/b.md)**欢迎考察",
        "税费**¥10,000**以内",
        "**C#**和**F#**运行在**「.NET」**平台上",
        "**真，**她 **真）**她 真**（她** **真…**她 **真—**她 **真-**她",
        "패키지를 발행하려면 **`npm publish`**를 실행하십시오.",
        "**스크립트(script)**라고",
        "これは**私のやりたかったこと。**だからするの。",
        "葛\u{E0100}**(正式表記)**城市",
        "〽\u{FE0E}**(庵点)**は",
        "~~甲~~：~~乙~~",
        "注意：__注意事项__",
    ];
    for src in cases {
        let rendered = render_in("zh", src);
        assert!(!rendered.html.contains("**"), "{src} => {}", rendered.html);
        assert!(!rendered.html.contains("~~"), "{src} => {}", rendered.html);
        assert!(!rendered.html.contains("__"), "{src} => {}", rendered.html);
        assert!(rendered.problems.is_empty(), "{src} => {:?}", rendered.problems);
    }
}

#[test]
fn bold_around_code_and_links_in_cjk() {
    assert_eq!(html_zh("运行**`cargo build`**即可"), "<p>运行<strong><code>cargo build</code></strong>即可</p>\n");
    assert_eq!(html_zh("见**[三十条](p.md)**。"), "<p>见<strong><a href=\"p.md\">三十条</a></strong>。</p>\n");
}

#[test]
fn unclosed_bold_in_chinese_warns_with_its_line() {
    let rendered = render_in("zh", "第一段。\n\n第二段\n中文**未闭合");
    assert_eq!(warnings(&rendered), vec![(4, UNMATCHED_BOLD)]);
    assert!(rendered.html.contains("中文**未闭合"));
}

#[test]
fn unclosed_bold_after_a_repaired_one_warns() {
    let rendered = render_in("zh", "前言\n\n**注意：**正文，还有**未闭合");
    assert!(rendered.html.contains("<strong>注意：</strong>正文，还有**未闭合"));
    assert_eq!(warnings(&rendered), vec![(3, UNMATCHED_BOLD)]);
}

#[test]
fn space_inside_bold_warns() {
    let rendered = render_in("zh", "这是** 加粗**文字");
    assert_eq!(warnings(&rendered), vec![(1, UNMATCHED_BOLD), (1, UNMATCHED_BOLD)]);
}

#[test]
fn literal_asterisks_that_are_not_bold_attempts_do_not_warn() {
    assert!(render_in("zh", "计算 2 ** 3 等于八").problems.is_empty());
    assert!(render_in("en", "English a**b stays").problems.is_empty());
    assert!(render_in("zh", "带*号为必填项").problems.is_empty());
}

// --- line breaks and punctuation -------------------------------------------------------

#[test]
fn soft_break_between_chinese_lines_is_dropped() {
    let rendered = render_in("zh", "第一行中文\n第二行中文");
    assert_eq!(rendered.html, "<p>第一行中文第二行中文</p>\n");
    assert_eq!(rendered.text, "第一行中文第二行中文");
    assert_eq!(html_zh("句子结束。\n“引号”开始"), "<p>句子结束。“引号”开始</p>\n");
    assert_eq!(html_zh("**加粗中文**\n下一行"), "<p><strong>加粗中文</strong>下一行</p>\n");
}

#[test]
fn other_soft_breaks_stay() {
    assert_eq!(html_zh("line one\nline two"), "<p>line one\nline two</p>\n");
    assert_eq!(html_zh("中文\nEnglish"), "<p>中文\nEnglish</p>\n");
    assert_eq!(render_in("en", "line one\nline two").text, "line one line two");
}

#[test]
fn smart_punctuation_only_for_latin_and_cyrillic_languages() {
    let zh = "他说\"你好\"然后离开。";
    for lang in ["zh", "zh-Hans", "ja", "ko", "ar", ""] {
        let html = render_in(lang, zh).html;
        assert_eq!(html, "<p>他说\"你好\"然后离开。</p>\n", "{lang}");
    }
    for lang in ["en", "en-GB", "ru", "fr"] {
        let html = render_in(lang, "He said \"hi\" -- twice...").html;
        assert_eq!(html, "<p>He said “hi” – twice…</p>\n", "{lang}");
    }
}

// --- extensions ------------------------------------------------------------------------

#[test]
fn tables_tasklists_alerts_and_strikethrough_are_on() {
    let html = html_zh("| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] 完成\n- [ ] 未完\n\n> [!NOTE]\n> 提示\n\n~~旧~~");
    assert!(html.contains("<table>"), "{html}");
    assert!(html.contains("type=\"checkbox\" checked=\"\""), "{html}");
    assert!(html.contains("markdown-alert-note"), "{html}");
    assert!(html.contains("<del>旧</del>"), "{html}");
}

#[test]
fn footnote_ids_get_the_prefix() {
    let opts = Options { lang: "zh", id_prefix: "news-3-", html: &Sanitizer::default(), picture: None };
    let html = render("正文[^1]。\n\n[^1]: 注释。", &opts, &mut |d, _| Ok(d.into())).html;
    assert!(html.contains("href=\"#news-3-1\""), "{html}");
    assert!(html.contains("id=\"news-3-1\""), "{html}");
    let plain = html_zh("正文[^1]。\n\n[^1]: 注释。");
    assert!(plain.contains("href=\"#1\"") && plain.contains("id=\"1\""), "{plain}");
}

// --- headings --------------------------------------------------------------------------

const HEADINGS: &str = "# 项目概况\n\n## 概况 {#overview}\n\n## Investment Guide 2026\n\n\
    ## 投资 **指南**\n\n## Investment Guide 2026\n\n### Sec 1\n\nText\n---\n";

#[test]
fn heading_ids_slug_explicit_numbered_and_unique() {
    let rendered = render_in("zh", HEADINGS);
    let ids: Vec<&str> = rendered.toc.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(
        ids,
        ["sec-1", "overview", "investment-guide-2026", "sec-4", "investment-guide-2026-2", "sec-1-2", "text"]
    );
    assert!(rendered.html.contains("<h2 id=\"sec-4\">投资 <strong>指南</strong></h2>"));
    assert!(rendered.html.contains("<h1 id=\"sec-1\">项目概况</h1>"));
}

#[test]
fn heading_ids_follow_the_page_slug_rules() {
    // One slugify for pages and headings: apostrophes dropped, accented and full-width
    // letters folded, so an anchor reads like the page address it belongs to.
    let rendered = render_in(
        "en",
        "## China's Café

## ＥＶ Ｐａｒｋ
",
    );
    let ids: Vec<&str> = rendered.toc.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["chinas-cafe", "ev-park"]);
    assert_eq!(ids[0], crate::text::slug::slugify("China's Café"));
}

#[test]
fn toc_has_levels_and_plain_text() {
    let toc = render_in("zh", HEADINGS).toc;
    assert_eq!(toc[3], Heading { level: 2, id: "sec-4".into(), text: "投资 指南".into() });
    assert_eq!(toc[5].level, 3);
    assert_eq!(toc[6], Heading { level: 2, id: "text".into(), text: "Text".into() });
}

#[test]
fn heading_ids_agrees_with_render() {
    let docs = [
        HEADINGS,
        "## **注意：**标题\n\n## Don't \"quote\" -- me...\n\n## Don't \"quote\" -- me...",
        "# A\n# a\n# A-2\n# 中\n文\n",
        "",
    ];
    for src in docs {
        for lang in ["zh", "en"] {
            let from_render: Vec<String> = render_in(lang, src).toc.into_iter().map(|h| h.id).collect();
            assert_eq!(heading_ids(src), from_render, "{src:?} {lang}");
        }
    }
}

#[test]
fn duplicate_explicit_heading_id_warns() {
    let rendered = render_in("zh", "## 甲 {#a}\n\n## 乙 {#a}\n");
    assert_eq!(rendered.problems.len(), 1);
    assert_eq!(rendered.problems[0].line, 3);
    assert!(!rendered.problems[0].is_error);
}

// --- links -----------------------------------------------------------------------------

#[test]
fn relative_destinations_go_to_resolve_absolute_ones_do_not() {
    let src = "[三十条](../policies/baiyin-30.md#clause-3) [根](/policies/baiyin-30.md)\n\n\
        ![现场](site.jpg) [原件](attachments/original.pdf)\n\n\
        [站](https://example.cn) [信](mailto:a@b.cn) [电](tel:+86-943) [协议](//cdn.cn/x.js)\n\
        [锚](#overview) <https://auto.cn> <a@b.cn>";
    let mut seen = Vec::new();
    let opts = Options { lang: "zh", id_prefix: "", html: &Sanitizer::default(), picture: None };
    let rendered = render(src, &opts, &mut |dest, kind| {
        seen.push((dest.to_string(), kind));
        Ok(format!("/out/{}", seen.len()))
    });
    let expected = [
        ("../policies/baiyin-30.md#clause-3", LinkKind::Link),
        ("/policies/baiyin-30.md", LinkKind::Link),
        ("site.jpg", LinkKind::Image),
        ("attachments/original.pdf", LinkKind::Link),
    ];
    let expected: Vec<(String, LinkKind)> = expected.iter().map(|(d, k)| (d.to_string(), *k)).collect();
    assert_eq!(seen, expected);
    let html = rendered.html;
    assert!(html.contains("<a href=\"/out/1\">三十条</a>"), "{html}");
    assert!(html.contains("<img src=\"/out/3\" alt=\"现场\">"), "{html}");
    assert!(html.contains("href=\"https://example.cn\""), "{html}");
    assert!(html.contains("href=\"#overview\""), "{html}");
    assert!(html.contains("href=\"mailto:a@b.cn\""), "{html}");
}

#[test]
fn image_alt_and_title_are_kept() {
    let opts = Options { lang: "zh", id_prefix: "", html: &Sanitizer::default(), picture: None };
    let html =
        render("![产业园 *航拍*](site.jpg \"白银产业园\")", &opts, &mut |_, _| Ok("/img/site.webp".into())).html;
    assert_eq!(html, "<p><img src=\"/img/site.webp\" alt=\"产业园 航拍\" title=\"白银产业园\"></p>\n");
}

#[test]
fn failed_link_is_an_error_at_its_line_and_left_unchanged() {
    let src = "第一行\n\n见[政策](missing.md)。\n\n[ref]: gone.md\n\n后文[引用][ref]";
    let opts = Options { lang: "zh", id_prefix: "", html: &Sanitizer::default(), picture: None };
    let rendered = render(src, &opts, &mut |dest, _| Err(format!("no page {dest}")));
    let errors: Vec<(usize, &str)> =
        rendered.problems.iter().filter(|p| p.is_error).map(|p| (p.line, p.message.as_str())).collect();
    assert_eq!(errors, vec![(3, "no page missing.md"), (7, "no page gone.md")]);
    assert!(rendered.html.contains("<a href=\"missing.md\">政策</a>"));
}

#[test]
fn problem_lines_count_crlf_lines() {
    let src = "第一行\r\n\r\n中文**未闭合\r\n\r\n[x](missing.md)\r\n";
    let opts = Options { lang: "zh", id_prefix: "", html: &Sanitizer::default(), picture: None };
    let rendered = render(src, &opts, &mut |_, _| Err("missing".into()));
    let lines: Vec<(usize, bool)> = rendered.problems.iter().map(|p| (p.line, p.is_error)).collect();
    assert_eq!(lines, vec![(3, false), (5, true)]);
}

#[test]
fn url_schemes() {
    for absolute in ["https://a.cn", "mailto:x@y.cn", "tel:123", "//cdn.cn/a", "#top", "data:x"] {
        assert!(is_absolute_url(absolute), "{absolute}");
    }
    for relative in ["a.md", "../a.md#b", "/a.md", "C:/x.md", "a.md?x=1:2", ""] {
        assert!(!is_absolute_url(relative), "{relative}");
    }
}

// --- raw HTML --------------------------------------------------------------------------

#[test]
fn raw_html_is_sanitised_and_each_removal_warns_at_its_line() {
    let rendered = render_in(
        "zh",
        "正文\n\n<div class=\"map\"\n  onclick=\"x()\">\n<SCRIPT src=\"x.js\"></script>\n</div>\n\n行内<script>x</script>\n\n\
         - 列表\n\n  <p style=\"color:red\">红</p>\n  <p style=\"color:blue\">蓝</p>",
    );
    let html = &rendered.html;
    assert!(html.contains("<div class=\"map\">"), "{html}");
    for removed in ["onclick", "script", "SCRIPT", "x.js", "style"] {
        assert!(!html.contains(removed), "{removed}: {html}");
    }
    assert_eq!(
        warnings(&rendered),
        vec![
            (4, "raw HTML: attribute onclick removed from <div> (event handlers run scripts)"),
            (5, "raw HTML: <script> removed (scripts belong in the theme) — 2 times in this file, first here"),
            (
                12,
                "raw HTML: attribute style removed from <p> (styles belong in the theme's CSS) — 2 times in this file, first here"
            ),
        ]
    );
    assert!(render_in("zh", "<div>安全</div>").problems.is_empty());
}

#[test]
fn heading_attributes_outside_the_allow_list_are_removed() {
    let rendered = render_in("zh", "# 标题 {#top .lead onclick=alert(1) style=color:red}");
    assert_eq!(rendered.html, "<h1 id=\"top\" class=\"lead\">标题</h1>\n");
    let lines = warnings(&rendered);
    assert_eq!(lines[0], (1, "heading attribute onclick removed (event handlers run scripts)"));
    assert_eq!(lines[1], (1, "heading attribute style removed (styles belong in the theme's CSS)"));
    let aligned = render_in("zh", "## 居中 {align=center lang=en}");
    assert_eq!(aligned.html, "<h2 id=\"sec-1\" align=\"center\" lang=\"en\">居中</h2>\n");
    assert!(aligned.problems.is_empty(), "{:?}", aligned.problems);
}

#[test]
fn refused_addresses_are_errors_and_never_written() {
    let src = "[a](javascript:alert(1))\n\n[b](javascript&colon;alert(2))\n\n<javascript:alert(3)>\n\n\
        ![c](data:text/html,x)\n\n[d][ref]\n\n[e](java%0Ascript:alert(4))\n\n<a href=\"&#106;avascript:alert(5)\">f</a>\n\n\
        [ref]: vbscript:msgbox(6)";
    let rendered = render_in("zh", src);
    let errors: Vec<(usize, bool)> = rendered.problems.iter().map(|p| (p.line, p.is_error)).collect();
    assert_eq!(errors, [1, 3, 5, 7, 9, 11, 13].map(|l| (l, true)), "{:?}", rendered.problems);
    assert!(rendered.problems[0].message.starts_with("link address \"javascript:alert(1)\": `javascript:`"));
    assert!(rendered.problems[1].message.starts_with("link address \"javascript:alert(2)\""));
    assert!(rendered.problems[3].message.starts_with("image address \"data:text/html,x\""));
    assert!(rendered.problems[6].message.starts_with("raw HTML <a href=\"&#106;avascript:alert(5)\">: the address"));
    // The autolink's text stays as text; no address is written.
    for leaked in ["href=\"j", "src=\"d", "alert(1)", "alert(2)", "alert(4)", "alert(5)", "msgbox"] {
        assert!(!rendered.html.contains(leaked), "{leaked}: {}", rendered.html);
    }
}

#[test]
fn nesting_deeper_than_browsers_allow_is_an_error_at_its_line() {
    let rendered = render_in("zh", &format!("正文\n\n{}", "<div>\n".repeat(600)));
    let errors: Vec<(usize, &str)> =
        rendered.problems.iter().filter(|p| p.is_error).map(|p| (p.line, p.message.as_str())).collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].0, 3 + 512, "{errors:?}");
    assert!(errors[0].1.contains("nested more than 512 levels"), "{errors:?}");
    assert!(!rendered.html.contains("<div>"), "refused, not cleaned: {}", &rendered.html[..80]);
    let quotes = render_in("zh", &format!("第一行\n\n{}引用", "> ".repeat(600)));
    assert_eq!(quotes.problems.iter().filter(|p| p.is_error).map(|p| p.line).collect::<Vec<_>>(), [3]);
    let fine = render_in("zh", &"<div><span>深</span></div>\n".repeat(5000));
    assert!(fine.problems.iter().all(|p| !p.is_error));
}

#[test]
fn trusted_html_is_written_as_it_is() {
    let trusted = Sanitizer::new(crate::url_policy::UrlPolicy::default(), Vec::new(), true);
    let opts = Options { lang: "zh", id_prefix: "", html: &trusted, picture: None };
    let rendered = render("<div onclick=\"x()\"><script>y()</script></div>", &opts, &mut |d, _| Ok(d.into()));
    assert_eq!(rendered.html, "<div onclick=\"x()\"><script>y()</script></div>");
    assert!(rendered.problems.is_empty());
    let link = render("[a](javascript:x)", &opts, &mut |d, _| Ok(d.into()));
    assert!(link.problems[0].is_error, "Markdown addresses are checked even for trusted HTML");
}

// --- plain text ------------------------------------------------------------------------

#[test]
fn plain_text_has_blocks_as_lines_and_no_markup() {
    let src = "# 标题\n\n第一段**加粗**和[链接](a.md)。\n\n<div>raw</div>\n\n\
        ![图片说明](a.jpg)\n\n- 一\n- 二\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n`code` & <b>x</b>";
    assert_eq!(render_in("zh", src).text, "标题\n第一段加粗和链接。\n一\n二\na b\n1 2\ncode & x");
}

// --- summaries and counts --------------------------------------------------------------

#[test]
fn summary_of_chinese_cuts_after_a_sentence() {
    let text = "白银市位于甘肃中部。交通便利，资源丰富，产业基础雄厚，欢迎投资。";
    assert_eq!(summarize(text, 20), "白银市位于甘肃中部。…");
}

#[test]
fn summary_of_chinese_without_punctuation_cuts_at_a_character() {
    let text = "一二三四五六七八九十一二三四五六七八九十";
    let summary = summarize(text, 8);
    assert_eq!(summary, "一二三四五六七…");
    assert_eq!(summary.chars().count(), 8);
}

#[test]
fn summary_of_english_cuts_at_a_space() {
    let text = "Baiyin is an industrial city in central Gansu with good rail links.";
    let summary = summarize(text, 30);
    assert_eq!(summary, "Baiyin is an industrial city…");
    assert!(summary.chars().count() <= 30);
}

#[test]
fn short_text_is_not_cut() {
    assert_eq!(summarize("短文本。", 10), "短文本。");
    assert_eq!(summarize("Short text.", 11), "Short text.");
    assert_eq!(summarize("第一段。\n第二段", 20), "第一段。第二段");
    assert_eq!(summarize("line\none", 20), "line one");
}

#[test]
fn tiny_summary_budgets() {
    assert_eq!(summarize("anything", 0), "");
    assert_eq!(summarize("anything", 1), "…");
    assert_eq!(summarize("", 5), "");
}

#[test]
fn reading_time_for_chinese_english_and_mixed() {
    let chinese = "投".repeat(600);
    let english = "word ".repeat(400);
    assert_eq!(reading_minutes(&chinese), 2);
    assert_eq!(reading_minutes(&english), 2);
    let mixed = format!("{} {}", "投".repeat(300), "word ".repeat(200));
    assert_eq!(reading_minutes(&mixed), 2);
    let more = format!("{} {}", "投".repeat(600), "word ".repeat(400));
    assert_eq!(reading_minutes(&more), 4);
    assert_eq!(reading_minutes(""), 1);
}

#[test]
fn word_count_adds_cjk_characters_and_words() {
    assert_eq!(word_count("总投资50亿元，don't stop well-known rail。"), 5 + 5);
    assert_eq!(word_count("“”。，！"), 0);
    assert_eq!(word_count("ひらがな 한국어"), 7);
}

// --- robustness ------------------------------------------------------------------------

fn check_invariants(src: &str) {
    for lang in ["zh", "en"] {
        let opts = Options { lang, id_prefix: "p-", html: &Sanitizer::default(), picture: None };
        let rendered = render(src, &opts, &mut |d, _| {
            if d.len() % 2 == 0 { Ok(d.to_string()) } else { Err("odd".into()) }
        });
        let ids: Vec<String> = rendered.toc.iter().map(|h| h.id.clone()).collect();
        assert_eq!(heading_ids(src), ids, "{src:?}");
        let line_count = src.split('\n').count();
        for problem in &rendered.problems {
            assert!((1..=line_count).contains(&problem.line), "{problem:?} in {src:?}");
        }
        let summary = summarize(&rendered.text, 17);
        assert!(summary.chars().count() <= 17);
        let _ = (reading_minutes(&rendered.text), word_count(&rendered.text));
    }
}

#[test]
fn odd_inputs_do_not_panic() {
    let nested_list: String = (0..200).map(|i| format!("{}- 项\n", "  ".repeat(i))).collect();
    let nested_quote = format!("{}**注意：**正文", ">".repeat(300));
    let many_runs = "**注意：**正文".repeat(700);
    let cases = [
        "",
        "*",
        "**",
        "***",
        "****",
        "_",
        "~",
        "~~",
        "~~~",
        "\\",
        "\\*",
        "**注意：",
        "**：**",
        "*a**b***c****",
        "***注意：***正文",
        "**`代码`**中文",
        "[**](**)",
        "![**注意：**](**)**",
        "a\r\nb\r\n\r\n**注意：**\r\n正文",
        "\r",
        "\n\n\n",
        "# \n#",
        "#{#}",
        "## {#}",
        "| **a：**b |\n|---|\n| ~~c（~~d |",
        "[^1]\n\n[^1]: **注意：**",
        "\u{FEFF}**注意：**正文",
        "\u{3000}**\u{3000}**\u{3000}",
        "**\u{FE0F}**",
        "*\u{1F600}*中",
        "<script",
        "~~~\n**\n",
        &nested_list,
        &nested_quote,
        &many_runs,
    ];
    for src in cases {
        check_invariants(src);
    }
}

#[test]
fn long_paragraphs_are_repaired_quickly() {
    let bold = "**注意：**正文".repeat(5000);
    let unclosed = "*注意：".repeat(20000) + &"_（甲）".repeat(20000);
    let started = std::time::Instant::now();
    let rendered = render_in("zh", &bold);
    let _ = render_in("zh", &unclosed);
    assert_eq!(rendered.html.matches("<strong>注意：</strong>正文").count(), 5000);
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
}

/// Cases where a straightforward delimiter algorithm differs from pulldown-cmark's, found
/// by `forced_repairing_of_ascii_reproduces_pulldown_cmark`.
#[test]
fn forced_repairing_mirrors_pulldown_cmark_quirks() {
    let cases = ["~:~~]~,", "~\\~~a", "\\~~_~", ">a,~&\n>~&", "__*__.", "***a***", "**a *b***", "*a**b***c****"];
    for src in cases {
        let events = parse(src, parser_options("en"));
        let lines = LineIndex::new(src);
        let repaired = repair_emphasis(src, events, Repair::Always, &lines, &mut Vec::new());
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, repaired.into_iter().map(|(e, _)| e));
        assert_eq!(html, plain_pulldown_html(src, "en"), "{src:?}");
    }
}

#[test]
fn repair_leaves_ascii_paragraphs_untouched() {
    let src = "**a *b** c* _d_ ~~e~~ ***f** g* [*h*](i) `*j*`";
    let events = parse(src, parser_options("en"));
    let lines = LineIndex::new(src);
    let repaired = repair_cjk_emphasis(src, events.clone(), &lines, &mut Vec::new());
    assert_eq!(repaired, events);
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn markdownish() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "*",
            "**",
            "_",
            "__",
            "~",
            "~~",
            "`",
            "\\",
            "[",
            "]",
            "(",
            ")",
            "!",
            "#",
            "# ",
            ">",
            "- ",
            "1. ",
            "|",
            "---",
            "\n",
            "\r\n",
            "\n\n",
            " ",
            "  ",
            "中",
            "文",
            "。",
            "：",
            "（",
            "）",
            "“",
            "”",
            "a",
            "B",
            "1",
            ".",
            ",",
            "\"",
            "'",
            "{#x}",
            "[^1]",
            "[^1]: ",
            "<b>",
            "</b>",
            "<script>",
            "](a.md)",
            "](https://x.cn)",
            "![",
            "\t",
            "ä",
            "\u{1F600}",
            "\u{FE0F}",
        ]);
        prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
    }

    /// Block structure around the delimiters: tables, lists, quotes, links, code.
    fn ascii_markdownish() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "*",
            "**",
            "***",
            "_",
            "__",
            "~",
            "~~",
            "`",
            "\\",
            "[",
            "](x.md)",
            "![",
            "\n",
            "\n\n",
            " ",
            "a",
            "b",
            ".",
            "!",
            "?",
            ",",
            "\"",
            "'",
            "(",
            ")",
            "|",
            "| a | b |\n|---|---|\n",
            "- ",
            "\n- ",
            "\n  - ",
            "1. ",
            "> ",
            "\n> ",
            "# ",
            "\n## ",
            "<b>",
            "</b>",
            "&amp;",
            "    ",
            "\n```\n",
            "[^n]",
            "\n[^n]: ",
            "  \n",
        ]);
        prop::collection::vec(pieces, 0..50).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn render_never_panics_and_ids_agree(src in markdownish()) {
            check_invariants(&src);
        }

        #[test]
        fn arbitrary_unicode_never_panics(src in "\\PC{0,80}") {
            check_invariants(&src);
        }

        #[test]
        fn ascii_paragraphs_are_never_repaired(src in "[*_~a-c .,!:()\\[\\]\n`\\\\]{0,60}") {
            let events = parse(&src, parser_options("en"));
            let lines = LineIndex::new(&src);
            let repaired = repair_cjk_emphasis(&src, events.clone(), &lines, &mut Vec::new());
            prop_assert_eq!(repaired, events);
        }

        #[test]
        fn forced_repairing_of_ascii_reproduces_pulldown_cmark(
            src in prop_oneof![
                "[*_~a-c .,!:()\\[\\]\n`\\\\|#>'\"<&{}0-9-]{0,80}",
                ascii_markdownish(),
            ]
        ) {
            let events = parse(&src, parser_options("en"));
            let lines = LineIndex::new(&src);
            let repaired = repair_emphasis(&src, events, Repair::Always, &lines, &mut Vec::new());
            let mut html = String::new();
            pulldown_cmark::html::push_html(&mut html, repaired.into_iter().map(|(e, _)| e));
            prop_assert_eq!(html, plain_pulldown_html(&src, "en"));
        }

        #[test]
        fn summaries_respect_the_limit(text in "\\PC{0,200}", max in 0usize..60) {
            prop_assert!(summarize(&text, max).chars().count() <= max);
        }
    }
}
