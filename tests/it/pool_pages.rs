//! The research-result pool as published: exactly the admitted results, in rank order, with
//! exact scores; the evaluation report and CSV list every registered result.

use crate::common::Site;

fn built() -> &'static Site {
    crate::common::built("pool")
}

#[test]
fn csv_lists_every_result_in_rank_order_with_exact_scores() {
    let s = built();
    let csv = s.read("results/evaluation.csv");
    assert!(csv.starts_with('\u{feff}'), "UTF-8 byte-order mark for Excel");
    assert!(csv.contains("\r\n"), "CRLF line ends");
    let rows: Vec<Vec<&str>> = csv.lines().skip(1).map(|l| l.split(',').collect()).collect();
    let summary: Vec<(&str, &str, &str, &str)> = rows.iter().map(|r| (r[1], r[10], r[11], r[12])).collect();
    assert_eq!(
        summary,
        vec![
            ("results/top", "90.00", "是 yes", ""),
            ("results/tie-a", "8.40", "是 yes", ""),
            ("results/tie-b", "8.40", "否 no", "超出入池比例 over the cap"),
            ("results/low-6", "6.00", "否 no", "超出入池比例 over the cap"),
            ("results/trimmed", "5.40", "否 no", "超出入池比例 over the cap"),
            ("results/low-5", "5.00", "否 no", "超出入池比例 over the cap"),
            ("results/low-4", "4.00", "否 no", "低于最低分 below min_score"),
            ("results/low-3", "3.00", "否 no", "低于最低分 below min_score"),
            ("results/low-2", "2.00", "否 no", "低于最低分 below min_score"),
            ("results/low-1", "1.00", "否 no", "低于最低分 below min_score"),
        ]
    );
}

#[test]
fn a_tie_that_floats_would_misorder_is_broken_by_market_score() {
    // 0.4*3 + 0.3*0 + 0.3*24 and 0.3*28 are both exactly 8.4; in f64 the first is
    // 8.399999999999999, which would admit tie-b instead of tie-a.
    let f64_a = 0.4 * 3.0 + 0.3 * 0.0 + 0.3 * 24.0;
    let f64_b = 0.4 * 0.0 + 0.3 * 0.0 + 0.3 * 28.0;
    assert!(f64_a < f64_b, "the fixture no longer exercises float error");
    let s = built();
    assert!(s.exists("results/tie-a/index.html"));
    assert!(!s.exists("results/tie-b/index.html"), "over the cap: no public page");
}

#[test]
fn trimming_drops_the_highest_and_lowest_review() {
    let s = built();
    let csv = s.read("results/evaluation.csv");
    let row = csv.lines().find(|l| l.contains("results/trimmed")).unwrap();
    assert!(row.contains(",5,是 yes,6.00,5.00,5.00,5.40,"), "{row}");
}

#[test]
fn pool_index_shows_only_admitted_results_ranked_with_statistics() {
    let s = built();
    let html = s.read("en/results/index.html");
    let top = html.find("/en/results/top/").expect("top listed");
    let a = html.find("/en/results/tie-a/").expect("tie-a listed");
    assert!(top < a);
    for absent in ["tie-b", "low-6", "trimmed", "low-1"] {
        assert!(!html.contains(&format!("/en/results/{absent}/")), "{absent} is not in the pool");
    }
    assert!(html.contains(">10</span>"), "registered count");
    assert!(html.contains(">2</span>"), "admitted count");
    assert!(html.contains(">20%</span>"), "share admitted");
    assert!(html.contains(r#"<select name="industry">"#), "filter");
    assert!(html.contains(r#"data-industry="biomedicine""#));
}

#[test]
fn the_pool_is_one_page_however_many_results_it_admits() {
    // Paginated, every page of the results list repeated the whole ranking: at 1,000
    // admitted results, 100 copies of a 500 KB page in each language.
    let s = Site::fixture("pool");
    s.edit_site_yaml(|yaml| format!("{yaml}paginate_by: 1\n"));
    s.build_ok();
    let html = s.read("en/results/index.html");
    assert!(html.contains("/en/results/top/") && html.contains("/en/results/tie-a/"));
    assert!(!html.contains("class=\"pagination\""));
    assert!(!s.exists("en/results/page/2/index.html") && !s.exists("results/page/2/index.html"));
}

#[test]
fn admitted_result_page_has_a_score_chart() {
    let s = built();
    let html = s.read("en/results/tie-a/index.html");
    assert!(html.contains(r#"<svg class="score-chart" role="img""#));
    for v in ["8.40", "3.00", "0.00", "24.00"] {
        assert!(html.contains(&format!(">{v}</text>")), "chart shows {v}");
    }
    assert!(html.contains("Ranked 1 in Biomedicine (2 overall)"));
}

#[test]
fn industry_pages_list_their_admitted_results() {
    let s = built();
    let bio = s.read("en/results/industries/biomedicine/index.html");
    assert!(bio.contains("/en/results/tie-a/"));
    assert!(!bio.contains("/en/results/top/"));
    let materials = s.read("results/industries/new-materials/index.html");
    assert!(materials.contains("/results/top/") && !materials.contains("/results/tie-a/"));
}

#[test]
fn evaluation_report_is_kept_out_of_navigation_and_search() {
    let s = built();
    let report = s.read("results/evaluation/index.html");
    assert!(report.contains(r#"<meta name="robots" content="noindex, nofollow">"#));
    for id in ["top", "tie-b", "low-1", "trimmed"] {
        assert!(report.contains(&format!("成果{id}")), "report lists {id}");
    }
    assert!(report.contains("未入池：综合得分低于最低分"));
    let home = s.read("index.html");
    assert!(!home.contains("/results/evaluation/"), "not linked from the home page");
    assert!(!s.read("results/index.html").contains("/results/evaluation/"), "not linked from the pool index");
}

#[test]
fn results_outside_the_pool_are_not_linkable() {
    let s = Site::fixture("pool");
    s.write("content/about.zh.md", "---\ntitle: 关于\n---\n\n见[成果](results/tie-b.md)。\n");
    let r = s.build();
    assert!(!r.ok());
    assert!(crate::common::messages(&r).contains("not in the pool and has no public page"));
}

#[test]
fn pool_settings_are_validated() {
    let s = Site::fixture("pool");
    s.edit_site_yaml(|yaml| {
        yaml.replace("admit_ratio: 0.2", "admit_ratio: 1.5").replace("trim_from: 5", "trim_from: 2")
    });
    let r = s.build();
    assert!(!r.ok());
    let m = crate::common::messages(&r);
    assert!(m.contains("admit_ratio"), "{m}");
    assert!(m.contains("trim_from"), "{m}");
}
