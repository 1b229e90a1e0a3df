//! Statistics say where they come from and for which year: region indicators, a park's
//! factor prices and the home page's key figures, in each reader's language; an indicator
//! without a year is a warning, not an error.

use crate::common::{Site, messages};

fn site() -> Site {
    let s = Site::fixture("basic");
    s.write(
        "data/regions.yaml",
        "- id: city\n  name: {zh: 测试市, en: Test City}\n  location: [104.1389, 36.5447]\n  indicators:\n\
         \x20   - {key: gdp, label: {zh: 地区生产总值, en: GDP}, value: 700.1, unit: {zh: 亿元, en: CNY 100 million}, year: 2025, \
         source: {zh: 测试市统计局, en: Test City Bureau of Statistics}}\n\
         \x20   - {key: area, label: {zh: 国土面积, en: Land area}, value: 20100, unit: {zh: 平方公里, en: km²}}\n\
         - {id: county, parent: city, name: {zh: 测试县, en: Test County}, location: [104.06, 37.18]}\n",
    );
    let park = std::fs::read_to_string(s.root().join("content/environment/parks/hitech.zh.md")).unwrap();
    s.write(
        "content/environment/parks/hitech.zh.md",
        &park.replace(
            "wage: 4500元/月}",
            "wage: 4500元/月, year: 2026, source: {zh: 测试高新区管委会, en: Test Hi-tech Zone}}",
        ),
    );
    s.write(
        "data/figures.yaml",
        "- {value: \"12\", label: {zh: 条重点产业链, en: key industry chains}, source: {zh: 市招商局, en: City Investment Bureau}, year: 2025}\n",
    );
    s
}

#[test]
fn indicators_prices_and_figures_name_their_source_and_year() {
    let s = site();
    let report = s.build_ok();
    let m = messages(&report);
    assert!(m.contains("indicator \"area\" has no year"), "a warning for the indicator without a year: {m}");
    assert!(!m.contains("indicator \"gdp\" has no year"), "{m}");

    let en = s.read("en/regions/city/index.html");
    assert!(en.contains(r#"<th scope="col">Source</th>"#), "a source column: {en}");
    // Wider with its sources, the table scrolls on a phone: keyboards can reach it.
    assert!(en.contains(r#"<div class="table-scroll" tabindex="0" role="group" aria-labelledby="indicators-h">"#));
    assert!(en.contains("<td class=\"num\">2025</td><td>Test City Bureau of Statistics</td>"), "{en}");
    let zh = s.read("regions/city/index.html");
    assert!(zh.contains("<td class=\"num\">2025</td><td>测试市统计局</td>"), "{zh}");

    let park = s.read("en/environment/parks/hitech/index.html");
    assert!(
        park.contains(
            r#"<p class="stat-source">Source: <span>Test Hi-tech Zone</span> · <span>Figures for 2026</span></p>"#
        ),
        "{park}"
    );
    let park_zh = s.read("environment/parks/hitech/index.html");
    assert!(park_zh.contains("来源：<span>测试高新区管委会</span> · <span>2026年数据</span>"), "{park_zh}");

    let home = s.read("en/index.html");
    assert!(home.contains("Source: <span>City Investment Bureau</span> · <span>Figures for 2025</span>"), "{home}");
}

#[test]
fn without_sources_the_tables_have_no_source_column_or_note() {
    let s = Site::fixture("basic");
    s.build_ok();
    assert!(!s.read("en/regions/city/index.html").contains(r#"<th scope="col">Source</th>"#));
    assert!(!s.read("en/environment/parks/hitech/index.html").contains("stat-source"));
}
