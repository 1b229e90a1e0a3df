//! Numbers, amounts and counts as each reader's language writes them, on the zh/en/ru
//! fixture: Russian separators and amounts on a project page and its card, and plural forms
//! of counts (no "1 items", "21 проект", "5 проектов").

use crate::common::{Site, built};

/// The text of the first element of `html` that starts with `start`, up to `end`.
fn part<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html.find(start).unwrap_or_else(|| panic!("no {start} in {html}"));
    let rest = &html[from..];
    &rest[..rest.find(end).map_or(rest.len(), |i| i + end.len())]
}

#[test]
fn russian_pages_write_amounts_with_a_decimal_comma_and_russian_scale_words() {
    let s = built("trilingual");
    // zinc.zh.md: investment 3亿元; copper-foil: see the fixture.
    let page = s.read("ru/projects/zinc/index.html");
    let facts = part(&page, r#"<table class="facts">"#, "</table>");
    assert!(facts.contains("<td>300 млн юаней</td>"), "{facts}");
    assert!(!facts.contains("CNY 300 million"), "{facts}");
    let list = s.read("ru/projects/index.html");
    let card = part(&list, "/projects/zinc/", "</article>");
    assert!(card.contains("<dd>300 млн юаней</dd>"), "the card: {card}");
    // English and Chinese readers keep their forms.
    assert!(s.read("en/projects/zinc/index.html").contains("CNY 300 million"));
    assert!(s.read("projects/zinc/index.html").contains("3亿元"));
}

#[test]
fn russian_pages_group_thousands_with_a_no_break_space() {
    let s = Site::fixture("trilingual");
    s.write(
        "content/projects/big.zh.md",
        "---\ntitle: 大项目\nsummary: 大。\nchain: nonferrous\nregion: city\ninvestment: 1234.5万元\n\
         returns: {annual_revenue: 12345.6万元, payback_years: 1.5, jobs: 1250}\ndate: 2026-08-01\n---\n\n正文。\n",
    );
    s.build_ok();
    let page = s.read("ru/projects/big/index.html");
    let facts = part(&page, r#"<table class="facts">"#, "</table>");
    assert!(facts.contains("12,345 млн юаней"), "{facts}");
    assert!(facts.contains("123,456 млн юаней"), "{facts}");
    assert!(facts.contains("1\u{a0}250"), "jobs: {facts}");
    assert!(facts.contains("1,5 года"), "payback in years, a fraction takes the other form: {facts}");
    let en = s.read("en/projects/big/index.html");
    assert!(part(&en, r#"<table class="facts">"#, "</table>").contains("1,250"), "English keeps its comma");
}

/// The count shown on the home page's tile of the new-energy chain with `n` projects in it.
fn chain_counts(n: usize) -> (String, String, String) {
    let s = Site::fixture("trilingual");
    for i in 0..n {
        s.write(
            &format!("content/projects/solar-{i}.zh.md"),
            &format!("---\ntitle: 光伏{i}\nsummary: 光伏。\nchain: new-energy\nregion: city\ninvestment: 1亿元\ndate: 2026-08-01\n---\n\n正文。\n"),
        );
    }
    s.build_ok();
    let count = |page: &str| {
        let home = s.read(page);
        let tile = part(&home, "new-energy", "</li>").to_string();
        let span = part(&tile, r#"<span class="chain-count">"#, "</span>");
        span[span.find('>').unwrap() + 1..span.len() - "</span>".len()].to_string()
    };
    (count("index.html"), count("en/index.html"), count("ru/index.html"))
}

#[test]
fn counts_take_the_plural_form_of_each_language() {
    let expected = [
        (1, "1个项目", "1 project", "1 проект"),
        (2, "2个项目", "2 projects", "2 проекта"),
        (5, "5个项目", "5 projects", "5 проектов"),
        (21, "21个项目", "21 projects", "21 проект"),
    ];
    for (n, zh, en, ru) in expected {
        assert_eq!(chain_counts(n), (zh.to_string(), en.to_string(), ru.to_string()), "{n} projects");
    }
}
