//! Government-site footer norms (`gov:` in site.yaml) and the 适老化 switch's markup; the
//! switch itself is tried in Chromium by tests/browser/elder.cjs.

use crate::common::{Site, built};

const ERROR_REPORT: &str = "https://zfwzzc.www.gov.cn/check_web/errorInfo_querySiteCode.action?siteCode=6204000123";

fn legal(html: &str) -> &str {
    let start = html.find("<div class=\"footer-legal\">").expect("footer legal part");
    &html[start..]
}

#[test]
fn footer_names_sponsor_operator_site_code_and_error_entry_in_chinese() {
    let html = built("basic").read("index.html");
    let f = legal(&html);
    assert!(f.contains("<span>主办单位：白银市人民政府</span>"), "{f}");
    assert!(f.contains("<span>承办单位：白银市投资促进局</span>"), "{f}");
    assert!(f.contains("网站标识码：<span dir=\"ltr\">6204000123</span>"), "{f}");
    assert!(
        f.contains(&format!("href=\"{ERROR_REPORT}\" rel=\"noopener\" target=\"_blank\">我为政府网站找错</a>")),
        "{f}"
    );
}

#[test]
fn footer_norms_are_translated_on_english_pages() {
    let html = built("basic").read("en/projects/copper-foil/index.html");
    let f = legal(&html);
    assert!(f.contains("<span>Sponsor: Baiyin Municipal People&#39;s Government</span>"), "{f}");
    assert!(f.contains("<span>Operator: Baiyin Investment Promotion Bureau</span>"), "{f}");
    assert!(f.contains("Site code: <span dir=\"ltr\">6204000123</span>"), "{f}");
    assert!(f.contains(">Report an error on this government website</a>"), "{f}");
    assert!(!f.contains("主办单位") && !f.contains("我为政府网站找错"), "{f}");
}

#[test]
fn police_filing_number_has_the_themes_own_badge() {
    let s = built("basic");
    let html = s.read("index.html");
    let badge = crate::common::attr_values(&html, "img class=\"police-badge\"", "src");
    assert_eq!(badge.len(), 1, "{html}");
    assert!(badge[0].starts_with("/img/police-badge.svg?v="), "served from the site itself: {}", badge[0]);
    assert!(s.read("img/police-badge.svg").starts_with("<svg"));
    let f = legal(&html);
    let badge_at = f.find("police-badge").unwrap();
    assert!(f[badge_at..].contains("甘公网安备62040202000123号"), "the badge is next to the number");
}

#[test]
fn without_gov_settings_the_footer_has_no_such_lines() {
    let s = Site::fixture("basic");
    with_gov(&s, "");
    s.build_ok();
    let html = s.read("index.html");
    assert!(!html.contains("gov-lines") && !html.contains("zfwzzc"), "{html}");
}

fn site_yaml(s: &Site) -> String {
    std::fs::read_to_string(s.root().join("site.yaml")).unwrap()
}

/// Replaces the site's `gov:` block with `gov` (YAML lines).
fn with_gov(s: &Site, gov: &str) {
    let yaml = site_yaml(s);
    let start = yaml.find("gov:\n").unwrap();
    let block =
        yaml[start..].split_inclusive('\n').skip(1).take_while(|l| l.starts_with(' ')).map(str::len).sum::<usize>();
    let end = start + "gov:\n".len() + block;
    s.write("site.yaml", &format!("{}{gov}{}", &yaml[..start], &yaml[end..]));
}

#[test]
fn a_wrong_site_code_fails_the_build_with_file_line_and_field() {
    let s = Site::fixture("basic");
    with_gov(&s, "gov:\n  sponsor: 白银市人民政府\n  site_code: 62040001\n");
    let line = site_yaml(&s).lines().position(|l| l.contains("site_code")).unwrap() + 1;
    let (code, _, err) = s.run(&["build"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(&format!(
            "site.yaml:{line}: field `gov.site_code`: \"62040001\" is not a government site code (网站标识码)"
        )),
        "{err}"
    );
    assert!(err.contains("10 digits"), "{err}");
    assert!(!s.exists("index.html"));
}

#[test]
fn a_department_site_code_is_accepted() {
    let s = Site::fixture("basic");
    with_gov(&s, "gov:\n  site_code: bm04000001\n");
    s.build_ok();
    assert!(s.read("index.html").contains("siteCode=bm04000001"));
}

#[test]
fn the_error_report_address_passes_the_url_policy() {
    let s = Site::fixture("basic");
    with_gov(&s, "gov:\n  site_code: \"6204000123\"\n  error_report_url: javascript:alert(1)\n");
    let line = site_yaml(&s).lines().position(|l| l.contains("error_report_url")).unwrap() + 1;
    let (code, _, err) = s.run(&["build"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(&format!(
            "site.yaml:{line}: field `gov.error_report_url`: `javascript:` addresses are not allowed"
        )),
        "{err}"
    );

    with_gov(&s, "gov:\n  site_code: \"6204000123\"\n  error_report_url: /report/\n");
    let (code, _, err) = s.run(&["build"]);
    assert_eq!(code, 1, "a relative address is not the national platform: {err}");
    assert!(err.contains("field `gov.error_report_url`"), "{err}");

    with_gov(
        &s,
        "gov:\n  site_code: \"6204000123\"\n  error_report_url: https://jiucuo.example.gov.cn/report?from=site\n",
    );
    s.build_ok();
    assert!(
        s.read("index.html")
            .contains("href=\"https://jiucuo.example.gov.cn/report?from=site&amp;siteCode=6204000123\""),
        "the code is added to the configured address"
    );
}

#[test]
fn the_elder_mode_switch_is_labelled_and_remembered_before_first_paint() {
    let html = built("basic").read("en/index.html");
    for (id, label) in [("a11y-text", "Larger text"), ("a11y-contrast", "High contrast")] {
        assert!(
            html.contains(&format!("<input class=\"a11y-check visually-hidden\" type=\"checkbox\" id=\"{id}\"")),
            "{html}"
        );
        let label_at = html.find(&format!("<label for=\"{id}\">")).expect("a label for each checkbox");
        assert!(html[label_at..].split("</label>").next().unwrap().contains(label));
    }
    // The stored choice is applied in <head>, before the body is drawn.
    let head = &html[..html.find("</head>").unwrap()];
    assert!(head.contains("localStorage.getItem(\"a11y\")"), "{head}");
    let zh = built("basic").read("index.html");
    assert!(zh.contains(">大字</label>") && zh.contains(">高对比度</label>") && zh.contains("aria-label=\"阅读辅助\""));
}
