//! The project and policy finders: the filter data file, the investment bands of
//! `site.yaml`, the static page per filter value (what readers without JavaScript get),
//! and which policies apply where and are in force on a given day.
//! Fixture `tests/fixtures/finder`, built on 2026-11-25 (see `common::today`).

use crate::common::{Site, messages};
use serde_json::Value;

fn built() -> &'static Site {
    crate::common::built("finder")
}

/// The object the data file assigns to `window.investsiteFinder`.
fn data(s: &Site, rel: &str) -> Value {
    let text = s.read(rel);
    let json = text
        .strip_prefix("window.investsiteFinder = ")
        .and_then(|t| t.trim_end().strip_suffix(';'))
        .unwrap_or_else(|| panic!("{rel} does not assign window.investsiteFinder: {text}"));
    serde_json::from_str(json).unwrap()
}

fn item<'a>(d: &'a Value, url: &str) -> &'a Value {
    d["items"].as_array().unwrap().iter().find(|i| i["url"] == url).unwrap_or_else(|| panic!("no item {url}"))
}

fn strings(v: &Value) -> Vec<&str> {
    v.as_array().unwrap().iter().map(|x| x.as_str().unwrap()).collect()
}

/// The addresses of the cards on a list page, in order.
fn card_urls(html: &str) -> Vec<String> {
    html.split("<h3 class=\"card-title\"><a href=\"").skip(1).map(|s| s[..s.find('"').unwrap()].to_string()).collect()
}

/// The cards of every page of a paginated list (`page/2/` …).
fn all_cards(s: &Site, dir: &str) -> Vec<String> {
    let mut out = card_urls(&s.read(&format!("{dir}index.html")));
    let mut n = 2;
    while s.exists(&format!("{dir}page/{n}/index.html")) {
        out.extend(card_urls(&s.read(&format!("{dir}page/{n}/index.html"))));
        n += 1;
    }
    out
}

fn source(s: &Site, rel: &str) -> String {
    std::fs::read_to_string(s.root().join(rel)).unwrap()
}

fn title(html: &str) -> &str {
    let start = html.find("<title>").unwrap() + 7;
    &html[start..start + html[start..].find("</title>").unwrap()]
}

#[test]
fn filter_data_has_every_project_with_its_filter_values() {
    let s = built();
    let d = data(s, "en/projects/finder-data.js");
    assert_eq!(d["items"].as_array().unwrap().len(), 7);
    let p = item(&d, "/en/projects/at-limit/");
    assert_eq!(p["title"], "Exactly 100 million");
    assert_eq!(p["investment"], "100000000", "exact yuan, as text");
    assert_eq!(strings(&p["facets"]["chain"]), ["metals"]);
    assert_eq!(strings(&p["facets"]["region"]), ["east", "city"], "a county's project is also the city's");
    assert_eq!(strings(&p["facets"]["cooperation"]), ["joint-venture"]);
    assert_eq!(strings(&p["facets"]["stage"]), ["feasibility"]);
    assert_eq!(p["date_iso"], "2026-10-01");
    assert_eq!(p["status"], "open");
    assert_eq!(p["current"], true);
    // The card as the list shows it, in the reader's language.
    assert!(
        p["facts"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["value"] == "CNY 100 million" && f["note"] == "≈ USD 14.1 million"),
        "{p}"
    );
    // Chinese data: the same values, Chinese text and addresses.
    let zh = data(s, "projects/finder-data.js");
    assert_eq!(item(&zh, "/projects/at-limit/")["title"], "恰好一亿项目");
}

#[test]
fn a_band_includes_its_lower_limit_and_dollars_convert_at_the_site_rate() {
    let s = built();
    let d = data(s, "projects/finder-data.js");
    let band = |slug: &str| strings(&item(&d, &format!("/projects/{slug}/"))["facets"]["investment"]).join(",");
    assert_eq!(band("just-under"), "under-100m", "9999.99万元");
    assert_eq!(band("at-limit"), "100m-500m", "exactly 1亿元 is in 1–5亿元");
    assert_eq!(band("five-yi"), "500m-1b", "exactly 5亿元 is in 5–10亿元");
    assert_eq!(band("big"), "1b-and-over", "exactly 10亿元 is in 10亿元及以上");
    assert_eq!(band("dollars"), "100m-500m", "USD 20 million at 7.1 = 1.42亿元");
    assert_eq!(item(&d, "/projects/dollars/")["investment"], "142000000");
    assert_eq!(band("euro"), "", "no rate for euros: in no band");
    assert!(item(&d, "/projects/euro/")["investment"].is_null());
}

#[test]
fn band_labels_are_made_from_the_limits_in_each_language() {
    let s = built();
    let zh = |band: &str| title(&s.read(&format!("projects/investment/{band}/index.html"))).to_string();
    let en = |band: &str| title(&s.read(&format!("en/projects/investment/{band}/index.html"))).to_string();
    assert!(zh("under-100m").starts_with("招商项目：不足1亿元 "), "{}", zh("under-100m"));
    assert!(zh("100m-500m").starts_with("招商项目：1–5亿元 "));
    assert!(zh("500m-1b").starts_with("招商项目：5–10亿元 "));
    assert!(zh("1b-and-over").starts_with("招商项目：10亿元及以上 "));
    assert!(en("under-100m").starts_with("Projects: Under CNY 100 million "), "{}", en("under-100m"));
    assert!(en("100m-500m").starts_with("Projects: CNY 100–500 million "));
    assert!(en("500m-1b").starts_with("Projects: CNY 500 million–1 billion "));
    assert!(en("1b-and-over").starts_with("Projects: CNY 1 billion and over "));
    // The same labels in the filter form.
    let list = s.read("en/projects/index.html");
    assert!(list.contains(r#"<option value="100m-500m">CNY 100–500 million</option>"#), "{list}");
}

#[test]
fn bands_follow_the_site_settings() {
    let s = Site::fixture("finder");
    let yaml = source(&s, "site.yaml").replace("[1亿元, 5亿元, 10亿元]", "[2亿元]");
    s.write("site.yaml", &yaml);
    s.build_ok();
    assert_eq!(
        all_cards(&s, "projects/investment/under-200m/"),
        ["/projects/at-limit/", "/projects/just-under/", "/projects/dollars/"]
    );
    assert_eq!(
        all_cards(&s, "projects/investment/200m-and-over/"),
        ["/projects/five-yi/", "/projects/big/", "/projects/closed-metals/"]
    );
    assert!(!s.exists("projects/investment/100m-500m/index.html"));
    // No bands: no investment filter and no band pages.
    s.write("site.yaml", &yaml.replace("[2亿元]", "[]"));
    s.build_ok();
    assert!(!s.exists("projects/investment"));
    assert!(!s.read("projects/index.html").contains(r#"name="investment""#));
}

#[test]
fn wrong_band_settings_fail_the_build_with_the_line() {
    let s = Site::fixture("finder");
    s.write("site.yaml", &source(&s, "site.yaml").replace("[1亿元, 5亿元, 10亿元]", "[5亿元, 1亿元]"));
    let (code, _, err) = s.run(&["build"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(
            "site.yaml:7: field `finder.investment_bands`: \"1亿元\" is not larger than the limit before it (5亿元)"
        ),
        "{err}"
    );
    assert!(!s.exists("index.html"));
}

#[test]
fn every_filter_value_has_a_static_page_with_exactly_its_projects() {
    let s = built();
    // Open projects newest first, then the closed one, marked; two to a page.
    assert_eq!(
        all_cards(s, "projects/chain/metals/"),
        ["/projects/at-limit/", "/projects/five-yi/", "/projects/euro/", "/projects/closed-metals/"]
    );
    let last = s.read("projects/chain/metals/page/2/index.html");
    assert!(last.contains("status-closed"), "the closed project is marked");
    assert_eq!(
        all_cards(s, "en/projects/chain/energy/"),
        ["/en/projects/just-under/", "/en/projects/big/", "/en/projects/dollars/"]
    );
    assert!(!s.exists("projects/chain/food/index.html"), "no page for a chain without projects");
    // A city's page has its counties' projects.
    assert_eq!(all_cards(s, "projects/region/city/").len(), 7);
    assert_eq!(
        all_cards(s, "projects/region/east/"),
        ["/projects/at-limit/", "/projects/big/", "/projects/closed-metals/"]
    );
    assert_eq!(all_cards(s, "projects/cooperation/sole/"), ["/projects/just-under/", "/projects/five-yi/"]);
    assert_eq!(
        all_cards(s, "projects/cooperation/joint-venture/"),
        ["/projects/at-limit/", "/projects/closed-metals/"]
    );
    assert_eq!(all_cards(s, "projects/stage/feasibility/"), ["/projects/at-limit/", "/projects/closed-metals/"]);
    assert_eq!(all_cards(s, "projects/investment/under-100m/"), ["/projects/just-under/"]);
    // Titled, summarised and linked in every language.
    let page = s.read("en/projects/region/east/index.html");
    assert!(title(&page).starts_with("Projects: East County "));
    assert!(page.contains("3 listed, 2 open."), "{page}");
    assert!(page.contains(r#"hreflang="zh" href="https://example.cn/projects/region/east/""#));
}

#[test]
fn the_list_page_has_the_filter_form_and_plain_links_to_every_filter_page() {
    let s = built();
    let html = s.read("en/projects/index.html");
    // The form is hidden until the script shows it; the paginated list is there for everyone.
    assert!(
        html.contains(
            r#"<form class="finder" id="finder" data-section="projects" aria-label="Filter projects" hidden>"#
        )
    );
    assert!(
        html.contains(r#"<option value="metals">Metals</option>"#)
            && html.contains(r#"<option value="energy">Energy</option>"#)
    );
    assert!(!html.contains(r#"<option value="food">"#), "no chain without projects to choose");
    assert!(
        html.contains(r#"name="closed""#) && html.contains(r#"<option value="size">Largest investment first</option>"#)
    );
    assert_eq!(card_urls(&html).len(), 2, "page 1 of the plain list");
    for link in [
        "/en/projects/chain/metals/",
        "/en/projects/region/east/",
        "/en/projects/cooperation/ppp/",
        "/en/projects/stage/approved/",
        "/en/projects/investment/1b-and-over/",
    ] {
        assert!(html.contains(&format!(r#"<a href="{link}">"#)), "browse link {link}");
    }
    // The data and the script, fingerprinted for WeChat's cache, only on page 1.
    let scripts = crate::common::attr_values(&html, "script", "src");
    assert!(scripts[0].starts_with("/en/projects/finder-data.js?v="), "{scripts:?}");
    assert!(scripts[1].starts_with("/js/finder.js?v="), "{scripts:?}");
    assert!(s.read("js/finder.js").len() < 10 * 1024, "a few kilobytes of script (with loading a large list in parts)");
    assert!(!s.read("en/projects/page/2/index.html").contains("finder.js"));
    // Other lists and pages load no script (JSON-LD data is not a script that runs).
    assert!(!s.read("en/index.html").contains("<script src"));
    // Chain pages lead to all their projects.
    let chain = s.read("chains/metals/index.html");
    assert!(chain.contains(r#"<a href="/projects/chain/metals/">全部4个项目</a>"#), "{chain}");
}

#[test]
fn closed_projects_are_marked_for_the_filter_to_leave_out() {
    let s = built();
    let d = data(s, "projects/finder-data.js");
    let items = d["items"].as_array().unwrap();
    let closed: Vec<&str> =
        items.iter().filter(|i| i["current"] == false).map(|i| i["url"].as_str().unwrap()).collect();
    assert_eq!(closed, ["/projects/closed-metals/"]);
    assert_eq!(items.last().unwrap()["url"], "/projects/closed-metals/", "listed last");
    assert_eq!(items.last().unwrap()["status_label"], "已截止");
    // The same project is open the day before it closes.
    let s = Site::fixture("finder");
    let (code, _, err) = s.run(&["build", "--today", "2026-06-30"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(item(&data(&s, "projects/finder-data.js"), "/projects/closed-metals/")["current"], true);
}

#[test]
fn policies_apply_by_chain_and_region_and_to_all_when_unlimited() {
    let s = built();
    let d = data(s, "en/policies/finder-data.js");
    let facet = |slug: &str, f: &str| strings(&item(&d, &format!("/en/policies/{slug}/"))["facets"][f]).join(",");
    assert_eq!(facet("general", "chain"), "*");
    assert_eq!(facet("general", "region"), "*");
    assert_eq!(facet("metals-land", "chain"), "metals");
    assert_eq!(facet("city-energy", "region"), "city,east,west", "a city's policy applies in its counties");
    assert_eq!(facet("east-only", "region"), "east");
    assert_eq!(facet("metals-land", "category"), "land");
    // A project in East County on the metals chain: every policy for it, none expired.
    let page = s.read("projects/at-limit/index.html");
    let related = &page[page.find("id=\"rel-policies\"").unwrap()..];
    let urls = card_urls(related);
    for p in ["metals-land", "city-energy", "east-only", "general", "pending"] {
        assert!(urls.contains(&format!("/policies/{p}/")), "{p} applies: {urls:?}");
    }
    assert!(!urls.contains(&"/policies/expired/".to_string()));
    // West County: not the East County policy, nor the metals one for an energy project.
    let page = s.read("projects/just-under/index.html");
    let urls = card_urls(&page[page.find("id=\"rel-policies\"").unwrap()..]);
    assert!(
        urls.contains(&"/policies/city-energy/".to_string()) && !urls.contains(&"/policies/east-only/".to_string())
    );
    assert!(!urls.contains(&"/policies/metals-land/".to_string()));
}

#[test]
fn policy_lists_put_in_force_first_and_expired_last_marked() {
    let s = built();
    let d = data(s, "policies/finder-data.js");
    let order: Vec<(&str, &str)> = d["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["url"].as_str().unwrap(), i["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        order,
        [
            ("/policies/east-only/", "in-force"),
            ("/policies/metals-land/", "in-force"),
            ("/policies/city-energy/", "in-force"),
            ("/policies/general/", "in-force"),
            ("/policies/pending/", "pending"),
            ("/policies/expired/", "expired"),
        ]
    );
    assert_eq!(
        all_cards(s, "policies/category/land/"),
        ["/policies/east-only/", "/policies/metals-land/", "/policies/expired/"]
    );
    let last = s.read("policies/category/land/page/2/index.html");
    assert!(last.contains(r#"<span class="badge status-expired">"#), "{last}");
    let page = s.read("en/policies/category/land/index.html");
    assert!(title(&page).starts_with("Policies: Land "), "{}", title(&page));
    assert!(s.read("en/policies/index.html").contains(r#"<a href="/en/policies/category/finance/">"#));
    // Policies can be filtered by every chain and region: the ones for all match them.
    let form = s.read("en/policies/index.html");
    assert!(form.contains(r#"<option value="food">Food</option>"#));
    assert!(!s.exists("policies/chain"), "chain and region pages list their policies themselves");
}

#[test]
fn policy_status_follows_the_build_date() {
    let s = Site::fixture("finder");
    let status_of = |s: &Site, slug: &str| {
        item(&data(s, "policies/finder-data.js"), &format!("/policies/{slug}/"))["status"].as_str().unwrap().to_string()
    };
    for (today, pending, expired) in [
        ("2025-06-01", "pending", "in-force"),
        ("2025-12-31", "pending", "in-force"),
        ("2026-01-01", "pending", "expired"),
        ("2026-12-31", "pending", "expired"),
        ("2027-01-01", "in-force", "expired"),
    ] {
        // --future: the pending policy is issued on 2026-11-01 and scheduled until then.
        let (code, _, err) = s.run(&["build", "--today", today, "--future"]);
        assert_eq!(code, 0, "{err}");
        assert_eq!(status_of(&s, "pending"), pending, "pending policy on {today}");
        assert_eq!(status_of(&s, "expired"), expired, "expired policy on {today}");
    }
    // On 2025-06-01 the metals policy is published but in force only from 2025-07-01.
    for (today, status) in [("2025-06-30", "pending"), ("2025-07-01", "in-force")] {
        let (code, _, err) = s.run(&["build", "--today", today]);
        assert_eq!(code, 0, "{err}");
        assert_eq!(status_of(&s, "metals-land"), status, "metals policy on {today}");
    }
}

#[test]
fn a_policy_page_shows_issuer_number_dates_status_and_attachments() {
    let s = built();
    let page = s.read("en/policies/metals-land/index.html");
    for text in [
        "Test City Government",
        "测政发〔2025〕9号",
        "1 June 2025",
        "1 July 2025",
        "In force",
        "Metals",
        r#"<a href="/docs/rule.pdf">rule.pdf</a>"#,
    ] {
        assert!(page.contains(text), "{text} on the policy page");
    }
    // A policy's end is when it stops applying: "valid until", never a "closing date".
    let page = s.read("en/policies/expired/index.html");
    assert!(
        page.contains("Valid until") && page.contains("31 December 2025") && !page.contains("Closing date"),
        "{page}"
    );
    let page = s.read("policies/expired/index.html");
    assert!(page.contains("有效期至") && !page.contains("截止日期"), "{page}");
    let page = s.read("policies/pending/index.html");
    assert!(
        page.contains(r#"<span class="badge status-pending"><span class="visually-hidden">"#)
            && page.contains("尚未施行"),
        "{page}"
    );
}

#[test]
fn a_content_file_where_a_finder_page_goes_is_an_error() {
    let s = Site::fixture("finder");
    s.write("content/projects/chain/metals.zh.md", "---\ntitle: 冲突\n---\n");
    let r = s.build();
    assert!(!r.ok());
    assert!(
        messages(&r).contains("clashes with the finder page investsite makes at /projects/chain/metals/"),
        "{}",
        messages(&r)
    );
}

/// The items a part of a finder's data holds (`window.investsiteFinderPart(i, [...])`).
fn part_items(s: &Site, rel: &str, i: usize) -> Vec<Value> {
    let text = s.read(rel);
    let json = text
        .strip_prefix(&format!("window.investsiteFinderPart({i},"))
        .and_then(|t| t.trim_end().strip_suffix(");"))
        .unwrap_or_else(|| panic!("{rel} is not part {i}: {text}"));
    serde_json::from_str::<Value>(json).unwrap().as_array().unwrap().clone()
}

#[test]
fn a_large_finder_data_is_a_summary_and_parts_holding_every_item() {
    let whole = built();
    let s = Site::fixture("finder");
    let yaml = std::fs::read_to_string(s.root().join("site.yaml")).unwrap();
    s.write("site.yaml", &yaml.replace("finder:\n", "finder:\n  shard_above_kb: 0\n"));
    s.build_ok();
    let summary = data(&s, "en/projects/finder-data.js");
    assert!(summary.get("items").is_none(), "no items in the summary: {summary}");
    assert_eq!((summary["total"].as_u64(), summary["current"].as_u64()), (Some(7), Some(6)));
    // Counts per value, open projects and all: metals has 3 open and 1 closed.
    assert_eq!(summary["counts"]["chain"]["metals"], serde_json::json!([3, 4]));
    let all = data(whole, "en/projects/finder-data.js");
    let mut counts = serde_json::Map::new();
    for item in all["items"].as_array().unwrap() {
        for (facet, values) in item["facets"].as_object().unwrap() {
            let by_value = counts.entry(facet.clone()).or_insert_with(|| serde_json::json!({}));
            for v in strings(values) {
                let n = by_value.as_object_mut().unwrap().entry(v).or_insert_with(|| serde_json::json!([0, 0]));
                let current = u64::from(item["current"] == true);
                *n = serde_json::json!([n[0].as_u64().unwrap() + current, n[1].as_u64().unwrap() + 1]);
            }
        }
    }
    assert_eq!(summary["counts"], Value::Object(counts), "every value's count, open and all");
    let first: Vec<&Value> = summary["first"].as_array().unwrap().iter().collect();
    assert_eq!(first.len(), 7, "the list as it opens (up to 24 cards)");
    assert!(first[..6].iter().all(|i| i["current"] == true) && first[6]["current"] == false, "open ones first");
    let names: Vec<&str> = summary["parts"].as_array().unwrap().iter().map(|n| n.as_str().unwrap()).collect();
    assert!(names.len() >= 2, "{names:?}");
    let mut items = Vec::new();
    for (i, name) in names.iter().enumerate() {
        assert!(name.starts_with(&format!("finder-data.{i}.")) && name.ends_with(".js"), "{name}");
        items.extend(part_items(&s, &format!("en/projects/{name}"), i));
    }
    assert_eq!(&Value::Array(items), &all["items"], "the parts hold every item of the whole data, in order");
    // The list page names the summary with its fingerprint, as before.
    assert!(s.read("en/projects/index.html").contains(r#"<script src="/en/projects/finder-data.js?v="#));
    // A small list keeps one file by default.
    assert!(whole.read("en/projects/finder-data.js").contains("\"items\":"));
    let bad = Site::fixture("finder");
    bad.write("site.yaml", &yaml.replace("finder:\n", "finder:\n  shard_above_kb: lots\n"));
    let m = messages(&bad.build());
    assert!(m.contains("shard_above_kb") && m.contains("whole number"), "{m}");
}
