//! The chain map's gaps and what fills them, the chains overview, the maps drawn at build
//! time (points, links out, outlines and the approval number), region charts and the park
//! comparison, checked in the built pages.

use crate::common::{Site, attr_values, messages, snapshot};

fn replace_in(s: &Site, rel: &str, from: &str, to: &str) {
    let path = s.root().join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} does not contain {from}");
    std::fs::write(&path, text.replace(from, to)).unwrap();
}

/// The HTML from `start` up to the next `end` after it.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let i = html.find(start).unwrap_or_else(|| panic!("no {start}"));
    let rest = &html[i..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

/// The text of each `<td>` of a table row.
fn cells(row: &str) -> Vec<String> {
    row.split("<td")
        .skip(1)
        .map(|c| c.split_once('>').unwrap().1.split("</td>").next().unwrap().trim().to_string())
        .collect()
}

// ---------- chain map ----------

#[test]
fn each_gap_lists_the_projects_and_pool_results_that_fill_it() {
    let s = Site::fixture("basic");
    // r1 is admitted to the pool, r2 is not (over the cap): only r1 may be linked.
    replace_in(&s, "content/results/r1.zh.md", "industry: nonferrous", "industry: nonferrous\nsegment: copper-foil");
    replace_in(&s, "content/results/r2.zh.md", "industry: nonferrous", "industry: nonferrous\nsegment: copper-foil");
    replace_in(&s, "content/results/r4.zh.md", "industry: nonferrous", "industry: nonferrous\nsegment: mining");
    s.build_ok();
    let html = s.read("en/chains/nonferrous/index.html");
    let gap = between(&html, r#"<li class="chain-link is-gap" id="copper-foil">"#, "</li>\n      </ul>");
    assert!(gap.contains("Gap — investment welcome"), "{gap}");
    assert!(gap.contains(r#"<a href="/en/projects/copper-foil/">"#), "the project filling the gap: {gap}");
    assert!(gap.contains(r#"<a href="/en/results/r1/">"#), "the pool result filling the gap: {gap}");
    assert!(!gap.contains("/results/r2/"), "a result outside the pool has no page to link: {gap}");
    let mining = between(&html, r#"id="mining""#, "</li>\n      </ul>");
    assert!(!mining.contains("is-gap") && !mining.contains("/projects/"), "{mining}");
    assert!(
        mining.contains(r#"<a href="/en/results/r4/">"#),
        "a result aimed at a filled segment is listed there: {mining}"
    );
    // The result's page names its segment, linked to it on the chain map.
    let result = s.read("results/r1/index.html");
    assert!(result.contains(r#"<a href="/chains/nonferrous/#copper-foil">电解铜箔</a>"#), "{result}");
}

#[test]
fn a_result_segment_must_belong_to_its_industry() {
    let s = Site::fixture("basic");
    s.build_ok();
    let before = snapshot(&s.output());
    replace_in(&s, "content/results/r1.zh.md", "industry: nonferrous", "industry: nonferrous\nsegment: solar-farms");
    let report = s.build();
    assert!(!report.ok());
    let m = messages(&report);
    assert!(
        m.contains(
            "error: content/results/r1.zh.md:5: field `segment`: chain \"nonferrous\" has no segment \"solar-farms\""
        ),
        "{m}"
    );
    assert!(m.contains("mining (采选 / Mining), copper-foil (电解铜箔 / Copper foil)"), "{m}");
    assert_eq!(before, snapshot(&s.output()));
}

#[test]
fn chains_overview_counts_segments_gaps_projects_and_results() {
    let s = Site::fixture("basic");
    replace_in(&s, "content/results/r1.zh.md", "industry: nonferrous", "industry: nonferrous\nsegment: copper-foil");
    s.build_ok();
    let html = s.read("en/chains/index.html");
    let row = between(&html, r#"<th scope="row"><a href="/en/chains/nonferrous/">Non-ferrous metals</a>"#, "</tr>");
    let c = cells(row);
    assert_eq!(c[0], "2", "segments: {row}");
    assert!(
        c[1].starts_with(r#"<span class="gap-count">1</span>"#) && c[1].contains("(1 being addressed)"),
        "gaps: {row}"
    );
    assert_eq!(c[2], r#"<a href="/en/chains/nonferrous/#rel-projects">1</a>"#, "projects: {row}");
    assert_eq!(c[3], "2", "pool results (r1 and r4 are admitted): {row}");
    let row = between(&html, r#"<a href="/en/chains/new-energy/">New energy</a>"#, "</tr>");
    assert_eq!(
        cells(row),
        [
            "1",
            r#"<span class="gap-count">1</span> <small>(1 being addressed)</small>"#,
            r#"<a href="/en/chains/new-energy/#rel-projects">2</a>"#,
            "0"
        ]
    );
    // Every chain on one page, in Chinese too.
    assert!(s.read("chains/index.html").contains("<th scope=\"col\" class=\"num\">待补环节</th>"));
    assert!(!s.exists("en/chains/page/2/index.html"));
}

// ---------- maps ----------

const OUTLINE: &str = r#"{"type": "FeatureCollection", "features": [
  {"type": "Feature", "id": "county", "properties": {"name": {"zh": "测试县", "en": "Test County"}},
   "geometry": {"type": "Polygon", "coordinates": [[[104.0, 37.1], [104.15, 37.1], [104.15, 37.25], [104.0, 37.25], [104.0, 37.1]]]}}
]}
"#;

fn with_outlines(s: &Site, approval: Option<&str>) {
    s.write("data/outline.geojson", OUTLINE);
    let approval = approval.map(|a| format!(", approval: \"{a}\"")).unwrap_or_default();
    s.edit_site_yaml(|config| format!("{config}map: {{outlines: data/outline.geojson{approval}}}\n"));
}

#[test]
fn the_map_has_a_point_per_located_item_linking_to_its_page() {
    let s = crate::common::built("basic");
    let html = s.read("en/environment/index.html");
    let svg = between(&html, "<svg class=\"site-map\"", "</svg>");
    // The city is drawn through its located county; the park and the located project.
    let mut links = attr_values(svg, "class=\"pt ", "href");
    links.sort();
    assert_eq!(links, ["/en/environment/parks/hitech/", "/en/projects/copper-foil/", "/en/regions/county/"]);
    assert!(svg.contains("<title>Test Hi-tech Industrial Development Zone — Industrial park</title>"), "{svg}");
    assert!(svg.contains(r#"<text class="map-label""#) && svg.contains(">Test County</text>"), "{svg}");
    // Nothing is loaded: no image, no script, no other host in the drawing.
    let drawing = svg.replace(r#"xmlns="http://www.w3.org/2000/svg""#, "");
    assert!(!drawing.contains("<image") && !drawing.contains("http://") && !drawing.contains("https://"), "{svg}");

    // The key: each point with links out, converted to each service's datum. The expected
    // positions were computed apart from the code (the published GCJ-02 and BD-09 formulas,
    // in Python): WGS84 (104.17, 36.55) is GCJ-02 (104.172760, 36.550040), BD-09
    // (104.179164, 36.556282), about 250 m away.
    let key = between(&html, "id=\"map-key\"", "</section>");
    assert!(key.contains("https://uri.amap.com/marker?position=104.172760,36.550040&amp;name=50%2C000"), "{key}");
    assert!(key.contains("https://api.map.baidu.com/marker?location=36.556282,104.179164&amp;title=50%2C000"), "{key}");
    assert!(key.contains("coord_type=bd09ll"));
    assert!(
        key.contains("https://www.openstreetmap.org/?mlat=36.550000&amp;mlon=104.170000#map=14/36.550000/104.170000"),
        "{key}"
    );

    // A region page shows the region and what lies in it; a park page the park and its projects.
    let city = s.read("regions/city/index.html");
    let mut links = attr_values(between(&city, "<svg class=\"site-map\"", "</svg>"), "class=\"pt ", "href");
    links.sort();
    assert_eq!(links, ["/environment/parks/hitech/", "/projects/copper-foil/", "/regions/county/"]);
    let park = s.read("environment/parks/hitech/index.html");
    let mut links = attr_values(between(&park, "<svg class=\"site-map\"", "</svg>"), "class=\"pt ", "href");
    links.sort();
    assert_eq!(links, ["/environment/parks/hitech/", "/projects/copper-foil/", "/regions/city/"]);
    // A lone point without outlines to place it in is no map; nor is a page of another kind.
    assert!(!s.read("regions/county/index.html").contains("site-map"));
    assert!(!s.read("en/policies/thirty/index.html").contains("site-map"));
    // A project page shows the project, its park and its region's seat.
    let project = s.read("en/projects/copper-foil/index.html");
    let mut links = attr_values(between(&project, "<svg class=\"site-map\"", "</svg>"), "class=\"pt ", "href");
    links.sort();
    assert_eq!(links, ["/en/environment/parks/hitech/", "/en/projects/copper-foil/", "/en/regions/city/"]);
}

#[test]
fn the_approval_number_is_printed_exactly_under_maps_drawn_from_outlines() {
    let s = Site::fixture("basic");
    s.build_ok();
    for page in ["environment/index.html", "regions/city/index.html", "en/environment/parks/hitech/index.html"] {
        let html = s.read(page);
        assert!(
            html.contains("site-map") && !html.contains("map-approval") && !html.contains("class=\"outline"),
            "{page}"
        );
    }

    with_outlines(&s, Some("GS(2024)0650号"));
    s.build_ok();
    let env = s.read("environment/index.html");
    assert!(env.contains(r#"<path class="outline" d="M"#), "the overview draws every outline");
    assert!(env.contains("<span class=\"map-approval\">审图号：GS(2024)0650号</span>"), "{env}");
    let county = s.read("en/regions/county/index.html");
    assert!(county.contains(r#"<path class="outline is-current""#), "the county's own outline is highlighted");
    assert!(county.contains("<title>Test County</title>"));
    assert!(county.contains("<span class=\"map-approval\">Map approval number: GS(2024)0650号</span>"), "{county}");
    // The park's map shows a few kilometres around it: the outline is not in it, so neither
    // is the number.
    let park = s.read("environment/parks/hitech/index.html");
    assert!(park.contains("site-map") && !park.contains("class=\"outline") && !park.contains("审图号"), "{park}");

    // Outlines without an approval number: drawn, nothing printed.
    let s = Site::fixture("basic");
    with_outlines(&s, None);
    s.build_ok();
    let env = s.read("environment/index.html");
    assert!(env.contains("class=\"outline") && !env.contains("map-approval"));
}

#[test]
fn bad_geojson_is_an_error_at_its_line_and_nothing_is_written() {
    let s = Site::fixture("basic");
    s.build_ok();
    let before = snapshot(&s.output());
    with_outlines(&s, None);
    s.write(
        "data/outline.geojson",
        "{\"type\": \"Polygon\",\n \"coordinates\": [[\n  [104.0, 37.1],\n  [37.25, 104.15],\n  [104.0, 37.25]\n]]}\n",
    );
    let report = s.build();
    assert!(!report.ok());
    let m = messages(&report);
    assert!(m.contains("error: data/outline.geojson:4: [37.25, 104.15]: longitude and latitude look swapped"), "{m}");
    assert!(m.contains("  [37.25, 104.15],"), "the line is shown: {m}");
    assert_eq!(before, snapshot(&s.output()));
    let (code, _, stderr) = s.run(&["build", "--today", "2026-11-25"]);
    assert_eq!(code, 1, "{stderr}");

    // A file that is not there is reported at the setting.
    s.remove("data/outline.geojson");
    let m = messages(&s.build());
    assert!(
        m.contains("site.yaml:")
            && m.contains("field `map.outlines`: the outline file data/outline.geojson does not exist"),
        "{m}"
    );
    assert_eq!(before, snapshot(&s.output()));
}

// ---------- region and park profiles ----------

const REGIONS: &str = "- id: city
  name: {zh: 测试市, en: Test City}
  location: [104.1389, 36.5447]
  indicators:
    - {key: gdp, label: {zh: 地区生产总值, en: GDP}, value: 700.1, unit: {zh: 亿元, en: CNY 100 million}, year: 2025}
- id: county
  parent: city
  name: {zh: 测试县, en: Test County}
  location: [104.06, 37.18]
  indicators:
    - {key: gdp, label: {zh: 地区生产总值, en: GDP}, value: 96.5, unit: {zh: 亿元, en: CNY 100 million}, year: 2025}
    - {key: visits, label: {zh: 接待游客, en: Visits}, value: 620, unit: {zh: 万人次, en: 10k visits}, year: 2025}
- id: district
  parent: city
  name: {zh: 测试区, en: Test District}
  location: [104.15, 36.53]
  indicators:
    - {key: gdp, label: {zh: 地区生产总值, en: GDP}, value: 276.4, unit: {zh: 亿元, en: CNY 100 million}, year: 2025}
    - {key: visits, label: {zh: 接待游客, en: Visits}, value: 1.2, unit: {zh: 亿人次, en: 100m visits}, year: 2025}
";

#[test]
fn region_pages_chart_indicators_the_counties_share() {
    let s = Site::fixture("basic");
    s.write("data/regions.yaml", REGIONS);
    s.build_ok();
    let city = s.read("en/regions/city/index.html");
    let chart = between(&city, "<div class=\"chart\">", "</table>");
    // Overseas readers get the amounts in CNY billions, not "CNY 100 million" units.
    assert!(chart.contains("<strong>GDP</strong> <span class=\"unit\">2025</span>"), "{chart}");
    // Longest bar first; the numbers as a table for screen readers and print.
    let svg = between(chart, "<svg", "</svg>");
    assert!(svg.contains("aria-hidden=\"true\""));
    let district = svg.find(">Test District</text>").unwrap();
    let county = svg.find(">Test County</text>").unwrap();
    assert!(district < county, "sorted by value: {svg}");
    assert!(
        chart.contains("<tr><th scope=\"row\">Test District</th><td class=\"num\">CNY 27.64 billion</td></tr>"),
        "{chart}"
    );
    // Visits are in different units: not comparable, no chart.
    assert_eq!(city.matches("<div class=\"chart\">").count(), 1, "{city}");
    // A county's page shows itself among its neighbours.
    let county = s.read("regions/county/index.html");
    let chart = between(&county, "<div class=\"chart\">", "</table>");
    assert!(
        chart.contains("<g class=\"bar is-current\"><text class=\"bar-name\" x=") && chart.contains(">测试县</text>"),
        "{chart}"
    );
    assert!(
        chart.contains("<tr class=\"is-current\"><th scope=\"row\">测试县</th><td class=\"num\">96.5</td></tr>"),
        "{chart}"
    );
    // The indicator table stays; Chinese readers see the yearbook's own units.
    assert!(county.contains("<section class=\"indicators\""));
    assert!(county.contains("<td class=\"num\">620 <span class=\"unit\">万人次</span>"), "{county}");
    let county_en = s.read("en/regions/county/index.html");
    assert!(county_en.contains("<td class=\"num\">6.2 million visits</td>"), "{county_en}");
    assert!(county_en.contains("<td class=\"num\">CNY 9.65 billion</td>"), "{county_en}");
    assert!(!county_en.contains("10k visits") && !county_en.contains("CNY 100 million"), "{county_en}");
}

#[test]
fn parks_are_compared_side_by_side_in_each_language() {
    let s = Site::fixture("basic");
    s.write(
        "content/environment/parks/plain.zh.md",
        "---\ntitle: 无价格园区\nregion: county\nprices: {water: 3元/立方米}\n---\n\n正文。\n",
    );
    s.write("content/environment/parks/plain.en.md", "---\ntitle: Park Without Prices\n---\n\nText.\n");
    s.build_ok();
    for (page, hitech, land, water, area, other_water) in [
        (
            "environment/parks/index.html",
            "/environment/parks/hitech/",
            "12万元/亩",
            "3.6元/立方米",
            "25平方公里",
            "3元/立方米",
        ),
        (
            "en/environment/parks/index.html",
            "/en/environment/parks/hitech/",
            "CNY 1.8 million/ha (CNY 120,000/mu)",
            "CNY 3.6/m³",
            "25 km²",
            "CNY 3/m³",
        ),
    ] {
        let html = s.read(page);
        let table = between(&html, "<table class=\"data-table compare-table\">", "</table>");
        let parks = attr_values(between(table, "<thead>", "</thead>"), "a href", "href");
        assert_eq!(parks.len(), 2, "{table}");
        let col = parks.iter().position(|p| p == hitech).unwrap();
        let other = 1 - col;
        let row = |key: &str| cells(between(table, &format!("<tr class=\"row-{key}\">"), "</tr>"));
        assert_eq!(row("land")[col], land, "{page}");
        assert_eq!(row("land")[other], "—", "{page}");
        assert_eq!(row("water")[col], water);
        assert_eq!(row("water")[other], other_water);
        assert_eq!(row("area")[col], area);
        assert_eq!(row("area")[other], "—");
        // Only the prices some park gives.
        assert!(!table.contains("row-steam"), "{table}");
    }
    assert!(s.read("en/environment/parks/index.html").contains("Parks compared — land and factor prices"));
}

#[test]
fn a_theme_draws_its_own_map_from_the_same_layout() {
    let s = Site::fixture("basic");
    s.write(
        "themes/default/templates/map.svg",
        r#"<svg class="site-map own" viewBox="0 0 {{ map.width }} {{ map.height }}">{% for m in map.markers %}<a class="own-{{ m.kind }}" href="{{ m.url }}"><circle cx="{{ m.x }}" cy="{{ m.y }}" r="4"/></a>{% endfor %}</svg>"#,
    );
    s.build_ok();
    let html = s.read("en/environment/index.html");
    let svg = between(&html, "<svg class=\"site-map own\"", "</svg>");
    let mut links = attr_values(svg, "class=\"own-", "href");
    links.sort();
    assert_eq!(links, ["/en/environment/parks/hitech/", "/en/projects/copper-foil/", "/en/regions/county/"]);
    // The key under the map is the page's, unchanged.
    assert!(html.contains(r#"<div class="map-key" id="map-key">"#));
}

#[test]
fn hostile_names_keep_the_map_valid_svg() {
    let s = Site::fixture("basic");
    let name = r#"Tom & Jerry's <b>"Park"</b>"#;
    replace_in(
        &s,
        "content/environment/parks/hitech.en.md",
        "title: Test Hi-tech Industrial Development Zone",
        &format!("title: '{}'", name.replace('\'', "''")),
    );
    s.build_ok();
    let html = s.read("en/environment/index.html");
    let svg = format!("{}</svg>", between(&html, "<svg class=\"site-map\"", "</svg>"));
    let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{e}\n{svg}"));
    let titles: Vec<&str> = doc.descendants().filter(|n| n.has_tag_name("title")).filter_map(|n| n.text()).collect();
    assert!(titles.contains(&format!("{name} — Industrial park").as_str()), "{titles:?}");
}
