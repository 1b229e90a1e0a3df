//! Each kind of author mistake gives a message naming file, line and field, a non-zero
//! exit, and leaves the previous output exactly as it was.

use crate::common::{Site, messages, snapshot};

/// Builds the good fixture, applies `break_it`, builds again: returns the messages of the
/// failed build after checking the output did not change and the binary exits non-zero.
fn fails_with(break_it: impl FnOnce(&Site)) -> String {
    let s = Site::fixture("basic");
    s.build_ok();
    let before = snapshot(&s.output());
    break_it(&s);
    let report = s.build();
    assert!(!report.ok(), "the build should fail");
    assert_eq!(before, snapshot(&s.output()), "a failed build changed the output");
    let (code, _, stderr) = s.run(&["build", "--today", "2026-11-25"]);
    assert_eq!(code, 1, "exit status: {stderr}");
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert_eq!(before, snapshot(&s.output()), "the failed CLI build changed the output");
    messages(&report)
}

fn replace_in(s: &Site, rel: &str, from: &str, to: &str) {
    let path = s.root().join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} does not contain {from}");
    std::fs::write(&path, text.replace(from, to)).unwrap();
}

const PROJECT: &str = "content/projects/copper-foil.zh.md";

#[test]
fn amount_without_unit() {
    let m = fails_with(|s| replace_in(s, PROJECT, "investment: 12.5亿元", "investment: 12.5"));
    assert!(m.contains("error: content/projects/copper-foil.zh.md:9: field `investment`"), "{m}");
    assert!(m.contains("has no unit"), "{m}");
    assert!(m.contains("12.5亿元"), "the message shows the expected form: {m}");
}

#[test]
fn unknown_chain_id_suggests_the_known_ones() {
    let m = fails_with(|s| replace_in(s, PROJECT, "chain: nonferrous", "chain: nonferous"));
    assert!(
        m.contains("copper-foil.zh.md:5: field `chain`: no industry chain \"nonferous\" in data/chains.yaml"),
        "{m}"
    );
    assert!(m.contains("did you mean nonferrous (有色金属 / Non-ferrous metals)?"), "names beside the id: {m}");
}

#[test]
fn segment_of_another_chain() {
    let m = fails_with(|s| replace_in(s, PROJECT, "segment: copper-foil", "segment: solar-farms"));
    assert!(m.contains("field `segment`: chain \"nonferrous\" has no segment \"solar-farms\""), "{m}");
}

#[test]
fn unknown_region_and_park() {
    let m = fails_with(|s| {
        replace_in(s, PROJECT, "region: city", "region: atlantis");
        replace_in(s, PROJECT, "park: hitech", "park: nowhere");
    });
    assert!(m.contains("field `region`: no region \"atlantis\""), "{m}");
    assert!(m.contains("field `park`: no park page \"nowhere\""), "{m}");
}

#[test]
fn impossible_date() {
    let m = fails_with(|s| replace_in(s, PROJECT, "date: 2026-09-01", "date: 2026-02-30"));
    assert!(m.contains("copper-foil.zh.md:14: field `date`"), "{m}");
    assert!(m.contains("2026-09-01"), "the expected form is shown: {m}");
}

#[test]
fn value_outside_the_list() {
    let m = fails_with(|s| replace_in(s, PROJECT, "stage: feasibility", "stage: planning"));
    assert!(m.contains("field `stage`: unknown value \"planning\""), "{m}");
    assert!(
        m.contains("proposal (项目建议 / Proposal), feasibility (可行性研究 / Feasibility study), land-ready"),
        "{m}"
    );
    assert!(m.contains("under-construction (在建 / Under construction)"), "{m}");
}

#[test]
fn missing_required_field() {
    let m = fails_with(|s| replace_in(s, PROJECT, "region: city\n", ""));
    assert!(m.contains("field `region`: required field `region` is missing"), "{m}");
}

#[test]
fn link_to_a_missing_file_names_the_line() {
    let m = fails_with(|s| replace_in(s, PROJECT, "../policies/thirty.md#land", "../policies/thirteen.md"));
    assert!(m.contains("copper-foil.zh.md:28:"), "{m}");
    assert!(m.contains("points to content/policies/thirteen.md, which does not exist"), "{m}");
    assert!(m.contains("did you mean content/policies/thirty.md"), "{m}");
}

#[test]
fn link_to_a_missing_heading() {
    let m = fails_with(|s| replace_in(s, PROJECT, "thirty.md#land", "thirty.md#tax"));
    assert!(m.contains("names a heading that content/policies/thirty.md does not have"), "{m}");
    assert!(m.contains("#land"), "known headings listed: {m}");
}

#[test]
fn yaml_syntax_error_points_at_the_line() {
    let m = fails_with(|s| {
        replace_in(s, PROJECT, "cooperation: [joint-venture, equity]", "cooperation: [joint-venture, equity")
    });
    assert!(m.contains("content/projects/copper-foil.zh.md:"), "{m}");
    assert!(m.contains("YAML syntax in the front matter"), "{m}");
}

#[test]
fn gbk_file_is_refused_with_advice() {
    // "---\ntitle: 标题\n---\n" with the title in GBK.
    let m = fails_with(|s| s.write_bytes("content/news/gbk.zh.md", b"---\ntitle: \xB1\xEA\xCC\xE2\n---\n"));
    assert!(m.contains("content/news/gbk.zh.md:2: the file is not UTF-8: it looks like GBK"), "{m}");
    assert!(m.contains("save it as UTF-8"), "{m}");
}

#[test]
fn unclosed_front_matter() {
    let m = fails_with(|s| s.write("content/news/open.zh.md", "---\ntitle: 未闭合\n正文\n"));
    assert!(m.contains("content/news/open.zh.md:1: the front matter is not closed"), "{m}");
}

#[test]
fn language_not_in_site_settings() {
    let m = fails_with(|s| s.write("content/about.fr.md", "---\ntitle: À propos\n---\n"));
    assert!(m.contains("content/about.fr.md: the file name says language \"fr\""), "{m}");
}

#[test]
fn two_files_for_one_page_and_language() {
    let m = fails_with(|s| s.write("content/about.md", "---\ntitle: 重复\n---\n"));
    assert!(m.contains("two files for the same page in language \"zh\""), "{m}");
}

#[test]
fn pool_weights_must_sum_to_one() {
    let m = fails_with(|s| replace_in(s, "site.yaml", "tech: 0.3}", "tech: 0.2}"));
    assert!(m.contains("site.yaml"), "{m}");
    assert!(m.contains("must add up to exactly 1"), "{m}");
}

#[test]
fn review_score_out_of_range() {
    let m = fails_with(|s| {
        replace_in(
            s,
            "content/results/r1.zh.md",
            "{market: 90, value: 85, tech: 88}\n  - {market: 90",
            "{market: 190, value: 85, tech: 88}\n  - {market: 90",
        )
    });
    assert!(m.contains("content/results/r1.zh.md:"), "{m}");
    assert!(m.contains("review 1: `market`"), "{m}");
}

#[test]
fn all_errors_of_a_build_are_reported_together() {
    let m = fails_with(|s| {
        replace_in(s, PROJECT, "investment: 12.5亿元", "investment: lots");
        replace_in(s, "content/policies/thirty.zh.md", "published: 2023-03-10", "published: soon");
        s.write_bytes("content/news/gbk.zh.md", b"---\ntitle: \xB1\xEA\n---\n");
    });
    assert!(m.contains("field `investment`"), "{m}");
    assert!(m.contains("field `published`"), "{m}");
    assert!(m.contains("GBK"), "{m}");
}

#[test]
fn template_error_names_the_template_file_and_line() {
    let m = fails_with(|s| {
        s.write("themes/default/templates/404.html", "{% extends \"base.html\" %}\n{% block content %}\n{{ page.title | nosuchfilter }}\n{% endblock content %}\n")
    });
    assert!(m.contains("error: themes/default/templates/404.html:3: template: Unknown filter `nosuchfilter`"), "{m}");
    assert!(m.contains("{{ page.title | nosuchfilter }}"), "the line is shown: {m}");
}

#[test]
fn contradicting_translation_is_reported_and_the_original_wins() {
    let s = Site::fixture("basic");
    replace_in(
        &s,
        "content/projects/copper-foil.en.md",
        "tags: [copper foil]",
        "tags: [copper foil]\ninvestment: 13亿元",
    );
    let r = s.build_ok();
    let m = messages(&r);
    assert!(m.contains("warning: content/projects/copper-foil.en.md:5: field `investment`: `investment` differs from the Chinese original"), "{m}");
    assert!(s.read("en/projects/copper-foil/index.html").contains("CNY 1.25 billion"));
}

#[test]
fn unknown_field_is_a_warning_with_a_suggestion() {
    let s = Site::fixture("basic");
    replace_in(&s, PROJECT, "featured: true", "featured: true\ninvestmnet: 1亿元");
    let m = messages(&s.build_ok());
    assert!(m.contains("unknown field `investmnet` is ignored"), "{m}");
    assert!(m.contains("did you mean `investment`"), "{m}");
}

#[test]
fn windows_saved_file_with_bom_and_crlf_reads_correctly() {
    let s = Site::fixture("basic");
    let text =
        "\u{feff}---\r\ntitle: Windows 保存的新闻\r\ndate: 2026-11-02\r\n---\r\n第一段**“加粗”**文字。\r\n第二行\r\n";
    s.write("content/news/windows.zh.md", text);
    s.build_ok();
    let html = s.read("news/windows/index.html");
    assert!(html.contains("<h1>Windows 保存的新闻</h1>") || html.contains("Windows 保存的新闻</h1>"), "title read");
    assert!(html.contains("<strong>“加粗”</strong>文字。第二行"), "CRLF soft break between CJK dropped");
    assert!(!html.contains('\r'));
}

#[test]
fn garbage_files_never_panic() {
    let s = Site::fixture("basic");
    let inputs: &[&[u8]] = &[
        b"",
        b"---",
        b"---\n---",
        b"---\n: :\n---\n",
        b"---\n- a\n- b\n---\n",
        b"\xff\xfe\x00",
        b"---\ntitle: [\n---\n",
        b"---\ntitle: x\nreviews: 3\n---\n**",
        b"---\ntitle: {a: {b: {c: [1, 2, {d: 3}]}}}\n---\n",
    ];
    for (i, bytes) in inputs.iter().enumerate() {
        s.write_bytes(&format!("content/results/g{i}.zh.md"), bytes);
        s.write_bytes(&format!("content/projects/g{i}.zh.md"), bytes);
        s.write_bytes(&format!("content/g{i}.zh.md"), bytes);
    }
    s.write_bytes("data/chains.yaml", b"- {id: x, segments: {upstream: [1, {id: 2}]}}\n- 7\n");
    s.write_bytes("data/regions.yaml", b"nonsense: [");
    let r = s.build();
    assert!(!r.ok());
    assert!(r.errors().count() > 10, "{}", messages(&r));
}

#[test]
fn chinese_typing_slips_in_front_matter_are_named_with_their_fix() {
    let s = Site::fixture("basic");
    s.build_ok();
    let before = snapshot(&s.output());
    let project = std::fs::read_to_string(s.root().join("content/projects/copper-foil.zh.md")).unwrap();
    s.write("content/projects/copper-foil.zh.md", &project.replacen("summary: ", "summary：", 1));
    s.write("content/news/twice.zh.md", "---\ntitle: 一\ndate: 2026-01-01\ntitle: 二\n---\n");
    s.write("content/news/tabbed.zh.md", "---\ntitle: 一\ncontact:\n\torg: 二\n---\n");
    s.write("content/news/list.zh.md", "---\ntitle: 一\ndate: 2026-01-01\ntags: [铜箔， 锂电]\n---\n");
    let r = s.build();
    let text = messages(&r);
    let find = |file: &str| {
        r.diagnostics
            .iter()
            .find(|d| d.file.as_deref() == Some(file) && d.line.is_some())
            .unwrap_or_else(|| panic!("nothing at a line of {file}:\n{text}"))
    };
    let colon = find("content/projects/copper-foil.zh.md");
    let summary_line = project.lines().position(|l| l.starts_with("summary: ")).unwrap() + 1;
    assert_eq!(colon.line, Some(summary_line), "{colon}");
    assert!(colon.message.contains("replace `summary：` with `summary: `"), "{colon}");
    let twice = find("content/news/twice.zh.md");
    assert_eq!(twice.line, Some(4));
    assert!(twice.message.contains("`title` is written twice: here and 2 lines above"), "{twice}");
    let tab = find("content/news/tabbed.zh.md");
    assert_eq!(tab.line, Some(4));
    assert!(tab.message.contains("replace the tab with spaces"), "{tab}");
    let list = find("content/news/list.zh.md");
    assert!(!list.is_error() && list.line == Some(4) && list.message.contains("full-width comma"), "{list}");
    assert!(!r.ok());
    assert_eq!(snapshot(&s.output()), before, "a failed build leaves the output as it was");
}
