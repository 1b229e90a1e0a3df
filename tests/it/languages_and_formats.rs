//! Languages (any number, right-to-left too), formats per language, Chinese text handling
//! and the state of dated listings.

use crate::common::{Site, attr_values};

fn built() -> &'static Site {
    crate::common::built("basic")
}

#[test]
fn amounts_areas_and_dates_are_formatted_per_language() {
    let s = built();
    let zh = s.read("projects/copper-foil/index.html");
    for expected in ["12.5亿元", "300亩", "2026年9月1日", "30亿元", "14.5%", "6.5年", "合资"] {
        assert!(zh.contains(expected), "zh page lacks {expected}");
    }
    let en = s.read("en/projects/copper-foil/index.html");
    for expected in [
        "CNY 1.25 billion",
        "≈ USD 176 million",
        "20 ha (300 mu)",
        "1 September 2026",
        "CNY 3 billion",
        "6.5 years",
        "Joint venture",
    ] {
        assert!(en.contains(expected), "en page lacks {expected}");
    }
    assert!(en.contains("7.1"), "the exchange rate used is stated");
}

#[test]
fn foreign_currency_amounts_stay_in_their_currency() {
    let s = built();
    assert!(s.read("projects/solar/index.html").contains("2000万美元"));
    let en = s.read("en/projects/solar/index.html");
    assert!(en.contains("USD 20 million"));
}

#[test]
fn cjk_emphasis_next_to_chinese_punctuation_is_bold() {
    let s = built();
    let zh = s.read("projects/copper-foil/index.html");
    assert!(zh.contains("<strong>“引大引强引头部”</strong>行动"), "quoted bold");
    assert!(zh.contains("<strong>注意：</strong>正文"), "bold ending in a full-width colon");
    assert!(!zh.contains("**"), "no stray asterisks");
}

#[test]
fn soft_breaks_between_chinese_lines_are_not_spaces() {
    let s = built();
    let zh = s.read("projects/copper-foil/index.html");
    assert!(zh.contains("第一行中文第二行中文"));
}

#[test]
fn smart_quotes_only_in_english() {
    let s = Site::fixture("basic");
    s.write("content/news/quotes.zh.md", "---\ntitle: 引号\ndate: 2026-11-04\n---\n\n他说\"你好\"，又说'再见'。\n");
    s.write("content/news/quotes.en.md", "---\ntitle: Quotes\n---\n\nHe said \"hello\" and 'bye'.\n");
    s.build_ok();
    let en = s.read("en/news/quotes/index.html");
    assert!(en.contains("<p>He said “hello” and ‘bye’.</p>"), "English gets curly quotes: {en}");
    // Chinese text keeps the quotes its author typed: curly Latin quotes would be wrong there
    // (Chinese uses full-width “” or 「」, which authors type themselves).
    let zh = s.read("news/quotes/index.html");
    assert!(zh.contains("<p>他说\"你好\"，又说'再见'。</p>"), "Chinese keeps straight quotes: {zh}");
}

#[test]
fn closed_projects_and_expired_policies_are_kept_but_listed_last() {
    let s = built();
    let old = s.read("en/projects/old-plant/index.html");
    assert!(old.contains("Closed"), "closed badge");
    let list = s.read("en/projects/page/2/index.html");
    assert!(list.contains("/en/projects/old-plant/"), "the closed project is on the last page");
    let policies = s.read("en/policies/index.html");
    let current = policies.find("/en/policies/thirty/").unwrap();
    let expired = policies.find("/en/policies/old-rule/").unwrap();
    assert!(current < expired, "policy in force before the expired one");
    let page = s.read("en/policies/old-rule/index.html");
    assert!(page.contains("Expired"));
}

#[test]
fn expiry_is_judged_on_the_build_date() {
    let s = Site::fixture("basic");
    let mut opts = s.options();
    opts.today = Some(investsite::units::Date::parse("2026-06-30").unwrap());
    assert!(investsite::build::build(&opts).ok());
    assert!(!s.read("en/projects/old-plant/index.html").contains("status-closed"), "open on its last day");
    opts.today = Some(investsite::units::Date::parse("2026-07-01").unwrap());
    assert!(investsite::build::build(&opts).ok());
    assert!(s.read("en/projects/old-plant/index.html").contains("status-closed"), "closed the day after");
}

#[test]
fn a_project_lists_the_policies_that_apply_to_it() {
    let s = built();
    let en = s.read("en/projects/copper-foil/index.html");
    assert!(en.contains("/en/policies/thirty/"), "policy for all chains");
    assert!(!en.contains("/en/policies/old-rule/"), "expired new-energy policy is not offered");
}

#[test]
fn reading_time_counts_chinese_characters() {
    let s = Site::fixture("basic");
    let body: String = "白银市地处黄河上游。".repeat(60); // 600 characters
    s.write("content/news/long.zh.md", &format!("---\ntitle: 长文\ndate: 2026-11-03\n---\n\n{body}\n"));
    s.build_ok();
    let html = s.read("news/long/index.html");
    assert!(html.contains("阅读约2分钟"), "600 characters at 300 a minute");
}

#[test]
fn summaries_of_chinese_text_cut_at_a_sentence() {
    let s = Site::fixture("basic");
    let body = "第一句话介绍园区。".repeat(20);
    s.write("content/news/summary.zh.md", &format!("---\ntitle: 摘要测试\ndate: 2026-11-04\n---\n\n{body}\n"));
    s.build_ok();
    let list = s.read("news/index.html");
    // At most 120 characters with the "…": thirteen whole sentences (117) and the mark.
    let summary = format!("<p class=\"card-summary\">{}…</p>", "第一句话介绍园区。".repeat(13));
    assert!(list.contains(&summary), "summary cut after 。: {list}");
}

#[test]
fn three_languages_including_right_to_left() {
    let s = Site::fixture("basic");
    s.edit_site_yaml(|yaml| yaml.replace("languages: [zh, en]", "languages: [zh, en, ar]"));
    s.write("content/about.ar.md", "---\ntitle: من نحن\n---\n\nمكتب الاستثمار.\n");
    let r = s.build_ok();
    let m = crate::common::messages(&r);
    assert!(!m.contains("for language \"ar\""), "Arabic UI strings are built in: {m}");
    let ar = s.read("ar/about/index.html");
    assert!(ar.contains(r#"<html lang="ar" dir="rtl""#));
    assert!(ar.contains("انتقل إلى المحتوى الرئيسي"), "built-in Arabic furniture");
    assert!(ar.contains("من نحن"));
    let alternates = attr_values(&s.read("about/index.html"), "rel=\"alternate\" hreflang", "hreflang");
    assert_eq!(alternates, vec!["zh", "en", "ar", "x-default"]);
    // Every page exists in the third language, translated or not.
    assert!(s.exists("ar/projects/copper-foil/index.html"));
    assert!(s.read("ar/projects/copper-foil/index.html").contains("fallback"), "fallback notice");
}

#[test]
fn a_site_theme_overrides_one_template_and_one_string() {
    let s = Site::fixture("basic");
    s.write("themes/default/templates/404.html", "{% extends \"base.html\" %}{% block content %}<p class=\"custom-404\">{{ t.not_found_title }}</p>{% endblock content %}");
    s.write("themes/default/i18n/en.yaml", "not_found_title: Lost in Baiyin\n");
    s.build_ok();
    let en = s.read("en/404.html");
    assert!(en.contains(r#"<p class="custom-404">Lost in Baiyin</p>"#));
    assert!(s.read("404.html").contains("custom-404"), "zh uses the override too");
    assert!(s.read("en/about/index.html").contains("skip-link"), "other templates stay built-in");
}

#[test]
fn slugs_come_from_the_slug_field_ascii_name_english_title_then_pinyin() {
    let s = Site::fixture("basic");
    s.write("content/news/白银招商.zh.md", "---\ntitle: 白银招商推介会\ndate: 2026-11-05\n---\n\n正文。\n");
    s.write("content/news/白银招商.en.md", "---\ntitle: Baiyin Investment Roadshow 2026\n---\n\nText.\n");
    s.write("content/news/重庆推介.zh.md", "---\ntitle: 重庆推介会\ndate: 2026-11-06\n---\n\n正文。\n");
    s.write(
        "content/news/named.zh.md",
        "---\ntitle: 有固定地址的新闻\nslug: Short-Link\ndate: 2026-11-07\n---\n\n正文。\n",
    );
    s.build_ok();
    assert!(s.exists("news/baiyin-investment-roadshow-2026/index.html"), "English title");
    assert!(s.exists("en/news/baiyin-investment-roadshow-2026/index.html"));
    assert!(s.exists("news/chong-qing-tui-jie-hui/index.html"), "pinyin with the place-name table");
    assert!(s.exists("news/short-link/index.html"), "slug field, lowercased");
}
