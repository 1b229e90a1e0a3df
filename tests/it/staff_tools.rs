//! The staff's own tools (issue 13): Excel and CSV in (`import`) and out (`export`), the
//! translation status, names accepted where ids are asked, and `new` for every kind.

use crate::common::{Site, messages};
use investsite::load::yaml;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

fn file(s: &Site, rel: &str) -> String {
    std::fs::read_to_string(s.root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The front matter of a site file as YAML values.
fn front(s: &Site, rel: &str) -> serde_json::Map<String, serde_json::Value> {
    let text = file(s, rel);
    let fm = text.split("---\n").nth(1).unwrap();
    yaml::parse(fm).unwrap().as_object().unwrap().clone()
}

/// A workbook as an office keeps it: Chinese headers, names instead of ids, a real date
/// cell and a number cell.
fn projects_xlsx(path: &std::path::Path) {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("项目库").unwrap();
    let headers = [
        "项目名称",
        "总投资",
        "所属产业链",
        "产业链环节",
        "所在地区",
        "合作方式",
        "发布日期",
        "投资回收期（年）",
        "联系电话",
        "备注",
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let row = ["铜箔扩建项目", "3.5亿元", "有色金属", "电解铜箔", "Test County", "合资、股权投资"];
    for (c, v) in row.iter().enumerate() {
        ws.write_string(1, c as u16, *v).unwrap();
    }
    let date = ExcelDateTime::from_ymd(2026, 10, 8).unwrap();
    ws.write_datetime_with_format(1, 6, &date, &Format::new().set_num_format("yyyy-mm-dd")).unwrap();
    ws.write_number(1, 7, 6.5).unwrap();
    ws.write_string(1, 8, "0943-1112222").unwrap();
    ws.write_string(1, 9, "内部备注").unwrap();
    book.save(path).unwrap();
}

#[test]
fn an_excel_sheet_with_chinese_headers_becomes_files_that_build() {
    let s = Site::fixture("basic");
    projects_xlsx(&s.root().join("projects.xlsx"));
    let (code, out, err) = s.run(&["import", "projects.xlsx", "--kind", "projects"]);
    assert_eq!(code, 0, "{out}\n{err}");
    let rel = "content/projects/tong-bo-kuo-jian-xiang-mu.zh.md";
    assert!(out.contains(&format!("created {rel} (row 2)")), "{out}");
    assert!(err.contains("column J \"备注\" is not a field of projects and is skipped"), "{err}");
    let fm = front(&s, rel);
    let expect = serde_json::json!({
        "title": "铜箔扩建项目",
        "chain": "nonferrous",
        "segment": "copper-foil",
        "region": "county",
        "investment": "3.5亿元",
        "cooperation": ["joint-venture", "equity"],
        "returns": {"payback_years": 6.5},
        "date": "2026-10-08",
        "contact": {"phone": "0943-1112222"},
    });
    assert_eq!(serde_json::Value::Object(fm), expect);
    s.build_ok();
    assert!(s.exists("projects/tong-bo-kuo-jian-xiang-mu/index.html"));
    let page = s.read("projects/tong-bo-kuo-jian-xiang-mu/index.html");
    assert!(page.contains("3.5亿元") && page.contains("有色金属"), "the imported project shows its facts");
}

fn gbk(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable);
    bytes.into_owned()
}

#[test]
fn a_gbk_csv_is_checked_cell_by_cell_and_nothing_is_written_while_one_is_wrong() {
    let s = Site::fixture("basic");
    let csv = "项目名称,总投资,所属产业链,所在地区,发布日期\n\
               光伏组件项目,2亿元,新能源,测试县,2026-10-01\n\
               \"储能项目, 一期\",12.5,新能源,测试县,2026-10-01\n\
               钢铁项目,1亿元,钢铁,测试县,明天\n";
    s.write_bytes("projects.csv", &gbk(csv));
    let (code, out, err) = s.run(&["import", "projects.csv", "--kind", "projects"]);
    assert_eq!(code, 1, "{out}\n{err}");
    assert!(err.contains("cell B3 (row 3, column B \"总投资\")") && err.contains("no unit"), "{err}");
    assert!(err.contains("cell C4 (row 4, column C \"所属产业链\")") && err.contains("钢铁"), "{err}");
    assert!(err.contains("nonferrous (有色金属 / Non-ferrous metals)"), "suggestions show names: {err}");
    assert!(err.contains("cell E4 (row 4, column E \"发布日期\")"), "{err}");
    assert!(err.contains("3 problem(s)"), "every bad cell at once, each once: {err}");
    assert!(!s.root().join("content/projects/guang-fu-zu-jian-xiang-mu.zh.md").exists(), "nothing written");

    let good = "项目名称,总投资,所属产业链,所在地区,发布日期\n光伏组件项目,2亿元,新能源,测试县,2026-10-01\n";
    s.write_bytes("good.csv", &gbk(good));
    let (code, out, err) = s.run(&["import", "good.csv", "--kind", "projects", "--dry-run"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("would create content/projects/guang-fu-zu-jian-xiang-mu.zh.md (row 2)"), "{out}");
    assert!(!s.root().join("content/projects/guang-fu-zu-jian-xiang-mu.zh.md").exists(), "a dry run writes nothing");
    let (code, _, err) = s.run(&["import", "good.csv", "--kind", "projects"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(front(&s, "content/projects/guang-fu-zu-jian-xiang-mu.zh.md")["chain"], "new-energy");
    s.build_ok();
}

#[test]
fn update_merges_cells_into_the_front_matter_and_keeps_the_body() {
    let s = Site::fixture("basic");
    let rel = "content/projects/copper-foil.zh.md";
    let before = file(&s, rel);
    let with_comment = before.replacen("code: T-2026-001\n", "code: T-2026-001   # 编号不要改\n", 1);
    s.write(rel, &with_comment);
    s.write(
        "up.csv",
        "\u{feff}文件名,项目名称,总投资,项目阶段\ncopper-foil,年产5万吨高性能电解铜箔项目,13亿元,已批复\n",
    );
    let (code, _, err) = s.run(&["import", "up.csv", "--kind", "projects"]);
    assert_eq!(code, 1, "an existing file is not overwritten without --update");
    assert!(err.contains("already exists") && err.contains("--update"), "{err}");
    assert_eq!(file(&s, rel), with_comment);

    let (code, out, err) = s.run(&["import", "up.csv", "--kind", "projects", "--update", "--dry-run"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("would update content/projects/copper-foil.zh.md (row 2): investment, stage"), "{out}");
    assert_eq!(file(&s, rel), with_comment, "a dry run writes nothing");

    let (code, _, err) = s.run(&["import", "up.csv", "--kind", "projects", "--update"]);
    assert_eq!(code, 0, "{err}");
    let after = file(&s, rel);
    assert!(after.contains("investment: 13亿元\n") && after.contains("stage: approved\n"), "{after}");
    assert!(after.contains("code: T-2026-001   # 编号不要改\n"), "other lines stay as written: {after}");
    let body = |t: &str| t.split_once("\n---\n").unwrap().1.to_string();
    assert_eq!(body(&after), body(&with_comment), "the body is kept");
    s.build_ok();
}

#[test]
fn export_then_import_reproduces_the_fields() {
    let s = Site::fixture("basic");
    for kind in ["projects", "policies", "results", "parks"] {
        for ext in ["xlsx", "csv"] {
            let sheet = format!("{kind}.{ext}");
            let (code, out, err) = s.run(&["export", &sheet, "--kind", kind]);
            assert_eq!(code, 0, "{kind}: {err}");
            assert!(out.contains("wrote "), "{out}");
            let (code, out, err) = s.run(&["import", &sheet, "--kind", kind, "--update", "--dry-run"]);
            assert_eq!(code, 0, "{kind} {ext}: {out}\n{err}");
            assert!(out.contains(" 0 new, 0 updated,"), "{kind} {ext}: nothing differs: {out}");
        }
    }
    let csv = std::fs::read(s.root().join("projects.csv")).unwrap();
    assert!(csv.starts_with(b"\xEF\xBB\xBF"), "CSV with a BOM, so Excel reads the Chinese");

    // Into a site without the projects, the files come back with the same fields.
    let originals = ["copper-foil", "old-plant"];
    let fields: Vec<_> = originals.iter().map(|p| front(&s, &format!("content/projects/{p}.zh.md"))).collect();
    for p in originals {
        s.remove(&format!("content/projects/{p}.zh.md"));
    }
    std::fs::remove_file(s.root().join("content/projects/copper-foil.en.md")).unwrap();
    let (code, out, err) = s.run(&["import", "projects.xlsx", "--kind", "projects", "--update"]);
    assert_eq!(code, 0, "{out}\n{err}");
    for (p, before) in originals.iter().zip(fields) {
        assert_eq!(front(&s, &format!("content/projects/{p}.zh.md")), before, "{p}");
    }
}

#[test]
fn status_tells_missing_stale_and_fresh_translations() {
    let s = Site::fixture("basic");
    let (code, out, _) = s.run(&["status", "--today", "2026-11-25"]);
    assert_eq!(code, 0);
    assert!(out.contains("missing  content/projects/old-plant.en.md"), "{out}");
    let (code, _, _) = s.run(&["status", "--strict"]);
    assert_eq!(code, 1, "missing translations fail --strict");

    let en = "content/projects/copper-foil.en.md";
    let (code, out, err) = s.run(&["status", "--mark-translated", en]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(&format!("marked {en}")), "{out}");
    let marked = file(&s, en);
    let hash_line = marked.lines().find(|l| l.starts_with("translated_from: ")).expect("the line is written");
    assert_eq!(marked.replace(&format!("{hash_line}\n"), ""), file(&Site::fixture("basic"), en), "only that line");
    assert!(!s.run(&["status"]).1.contains("stale "));

    // A number changing is not a reason to translate again; the text changing is.
    let zh = "content/projects/copper-foil.zh.md";
    s.write(zh, &file(&s, zh).replace("investment: 12.5亿元", "investment: 13亿元"));
    assert!(!s.run(&["status"]).1.contains("stale "), "an amount is language-neutral");
    s.write(zh, &file(&s, zh).replace("建设锂电铜箔生产线。", "建设锂电铜箔和标准铜箔生产线。"));
    let (_, out, _) = s.run(&["status"]);
    assert!(out.contains(&format!("stale    {en} ({zh} changed since)")), "{out}");
    let mut opts = s.options();
    opts.strict = true;
    let r = investsite::build::build(&opts);
    assert!(!r.ok());
    assert!(messages(&r).contains("the translation is stale"), "{}", messages(&r));
    assert!(s.build().ok(), "without --strict a stale translation is a warning");
    let admin = s.read("en/translation-status/index.html");
    assert!(admin.contains(r#"<meta name="robots" content="noindex, nofollow">"#), "{admin}");
    assert!(admin.contains(&format!("<code>{en}</code> — Stale")), "the admin page shows the same: {admin}");
    assert!(admin.contains("<code>content/projects/old-plant.en.md</code> — Missing"), "{admin}");
    assert!(s.read("translation-status/index.html").contains("已过时"), "in each language");
    assert!(!s.read("sitemap.xml").contains("translation-status"), "not in the sitemap");
    let search = std::fs::read_dir(s.output().join("search")).unwrap();
    for f in search {
        let text = std::fs::read_to_string(f.unwrap().path()).unwrap_or_default();
        assert!(!text.contains("translation-status"), "not in the search index");
    }

    s.run(&["status", "--mark-translated", en]);
    let (_, out, _) = s.run(&["status"]);
    assert!(!out.contains("stale    ") && out.contains("projects: 1 translated"), "fresh after marking: {out}");

    let (_, out, _) = s.run(&["status", "--today", "2026-11-25", "--stale-days", "30"]);
    assert!(out.contains("sections not updated for more than 30 days:") && out.contains("  results:"), "{out}");
    assert!(!out.contains("  news: newest"), "news of 2026-11-01 is recent: {out}");
}

#[test]
fn chinese_and_english_names_are_accepted_where_ids_are_asked() {
    let s = Site::fixture("basic");
    s.write(
        "content/projects/named.zh.md",
        "---\ntitle: 名称写法项目\nchain: 有色金属\nsegment: Copper foil\nregion: Test County\npark: hitech\ninvestment: 1亿元\ncooperation: [合资, Equity investment]\nstage: 可行性研究\ndate: 2026-10-01\n---\n",
    );
    s.write(
        "content/policies/named.zh.md",
        "---\ntitle: 名称政策\nissuer: 测试市人民政府\ncategories: [土地, Tax]\napplies_to: {chains: [新能源], regions: [测试县]}\npublished: 2026-10-01\n---\n",
    );
    s.build_ok();
    let page = s.read("projects/named/index.html");
    let by_id = s.read("projects/copper-foil/index.html");
    let link = "/chains/nonferrous/";
    assert!(page.contains(link) && by_id.contains(link), "a name links like the id: {link}");
    assert!(page.contains("电解铜箔"), "the segment named in English is the chain's copper-foil segment");

    s.write(
        "content/projects/named.zh.md",
        &file(&s, "content/projects/named.zh.md").replace("chain: 有色金属", "chain: 有色金"),
    );
    let r = s.build();
    let m = messages(&r);
    assert!(m.contains("no industry chain \"有色金\""), "{m}");
    assert!(m.contains("did you mean nonferrous (有色金属 / Non-ferrous metals)?"), "{m}");
}

#[test]
fn new_makes_every_kind_from_the_sites_own_defaults() {
    let s = Site::fixture("basic");
    let yaml = file(&s, "site.yaml");
    s.write(
        "site.yaml",
        &format!("{yaml}defaults: {{issuer: {{zh: 测试市人民政府, en: Test City Government}}, code_prefix: TS}}\n"),
    );
    let regions_before = file(&s, "data/regions.yaml");
    let mut created = Vec::new();
    for (kind, name) in [
        ("project", "铜箔项目"),
        ("policy", "land-2027"),
        ("result", "高纯铟"),
        ("park", "新区产业园"),
        ("news", "招商推介会"),
        ("page", "about/contact"),
        ("region", "新区"),
        ("chain", "hydrogen"),
    ] {
        let (code, out, err) = s.run(&["new", kind, name]);
        assert_eq!(code, 0, "{kind}: {err}");
        assert!(out.contains("next: "), "{kind}: says what to do next: {out}");
        created.extend(out.lines().filter_map(|l| l.strip_prefix("created ")).map(str::to_string));
    }
    assert!(created.contains(&"./content/projects/tong-bo-xiang-mu.zh.md".to_string()), "{created:?}");
    let project = file(&s, "content/projects/tong-bo-xiang-mu.zh.md");
    assert!(project.contains("title: 铜箔项目\n") && project.contains("code: TS-"), "{project}");
    let policy = file(&s, "content/policies/land-2027.zh.md");
    assert!(policy.contains("issuer: 测试市人民政府\n"), "{policy}");
    assert!(file(&s, "content/policies/land-2027.en.md").contains("issuer: Test City Government\n"));
    assert!(s.root().join("content/about/contact.en.md").exists());
    for f in &created {
        let text = file(&s, f);
        assert!(text.starts_with("---\ndraft: true"), "{f}: {text}");
        for city in ["白银", "Baiyin", "BY-", "0943-0000000"] {
            assert!(!text.contains(city), "{f} has example-city text {city}: {text}");
        }
    }
    let regions = file(&s, "data/regions.yaml");
    assert!(regions.starts_with(&regions_before), "appended, the file's own text kept");
    assert!(regions.contains("- id: xin-qu\n  name: {zh: 新区, en: Xin Qu}"), "{regions}");
    let (code, _, err) = s.run(&["new", "region", "xin-qu"]);
    assert_eq!(code, 2);
    assert!(err.contains("already has an entry with id xin-qu"), "{err}");

    for f in &created {
        s.write(f, &file(&s, f).replacen("draft: true            # delete this line to publish\n", "", 1));
    }
    // `new` dates the files today; on the fixture's fixed, earlier day they would still be
    // scheduled, so this build runs on the day they were made, as an author's does.
    let mut opts = s.options();
    opts.today = Some(investsite::units::Date::today_utc());
    let r = investsite::build::build(&opts);
    assert!(r.ok(), "{}", crate::common::messages(&r));
    assert!(s.exists("projects/tong-bo-xiang-mu/index.html"));
    assert!(s.exists("en/about/contact/index.html"));
}

#[test]
fn a_translators_sheet_fills_the_translations_and_site_headers_are_understood() {
    let s = Site::fixture("basic");
    let (code, _, err) = s.run(&["export", "en.csv", "--kind", "projects", "--lang", "en"]);
    assert_eq!(code, 0, "{err}");
    let sheet = file(&s, "en.csv");
    assert!(sheet.starts_with("\u{feff}slug,title,summary,"), "English headers: {sheet}");
    assert!(sheet.contains("50,000 t/yr Electrolytic Copper Foil"), "the English title, not the Chinese: {sheet}");
    s.write("en.csv", &sheet.replace("A battery copper foil line.", "A line making copper foil for batteries."));
    let (code, out, err) = s.run(&["import", "en.csv", "--kind", "projects", "--lang", "en", "--update"]);
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(out.contains("updated content/projects/copper-foil.en.md (row 2): summary"), "{out}");
    assert!(!s.root().join("content/projects/old-plant.en.md").exists(), "an untranslated row stays untranslated");
    let en = file(&s, "content/projects/copper-foil.en.md");
    assert!(en.contains("summary: A line making copper foil for batteries.\n"), "{en}");
    assert!(!en.contains("investment"), "a translation gets text fields only: {en}");

    let yaml = file(&s, "site.yaml");
    s.write("site.yaml", &format!("{yaml}import: {{columns: {{项目负责人: contact.person, 项目名: title}}}}\n"));
    s.write(
        "own.csv",
        "项目名,总投资,所属产业链,所在地区,发布日期,项目负责人\n风电项目,5亿元,new-energy,county,2026-10-01,赵工\n",
    );
    let (code, out, err) = s.run(&["import", "own.csv", "--kind", "projects"]);
    assert_eq!(code, 0, "{out}\n{err}");
    let fm = front(&s, "content/projects/feng-dian-xiang-mu.zh.md");
    assert_eq!(fm["contact"]["person"], "赵工");
    assert_eq!(fm["title"], "风电项目");
    s.build_ok();
}

/// An events workbook as an office keeps it: Chinese headers, the kind by its Chinese name,
/// real date cells and a number cell.
fn events_xlsx(path: &std::path::Path) {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("活动").unwrap();
    let headers = ["活动名称", "开始日期", "结束日期", "活动时间", "地点", "类型", "主办单位", "接待团组数"];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let date = Format::new().set_num_format("yyyy-mm-dd");
    ws.write_string(1, 0, "白银市（深圳）招商推介会").unwrap();
    ws.write_datetime_with_format(1, 1, ExcelDateTime::from_ymd(2026, 12, 8).unwrap(), &date).unwrap();
    ws.write_datetime_with_format(1, 2, ExcelDateTime::from_ymd(2026, 12, 9).unwrap(), &date).unwrap();
    ws.write_string(1, 3, "09:30-17:00").unwrap();
    ws.write_string(1, 4, "广东省深圳市").unwrap();
    ws.write_string(1, 5, "推介会").unwrap();
    ws.write_string(1, 6, "测试市投资促进局").unwrap();
    ws.write_number(1, 7, 6.0).unwrap();
    book.save(path).unwrap();
}

#[test]
fn an_events_workbook_becomes_event_files_that_build() {
    let s = Site::fixture("events");
    events_xlsx(&s.root().join("events.xlsx"));
    let (code, out, err) = s.run(&["import", "events.xlsx", "--kind", "events"]);
    assert_eq!(code, 0, "{out}\n{err}");
    let rel = "content/events/bai-yin-shi-shen-zhen-zhao-shang-tui-jie-hui.zh.md";
    assert!(out.contains(&format!("created {rel} (row 2)")), "{out}");
    let expect = serde_json::json!({
        "title": "白银市（深圳）招商推介会",
        "date": "2026-12-08",
        "end": "2026-12-09",
        "time": "09:30-17:00",
        "place": "广东省深圳市",
        "kind": "promotion",
        "organiser": "测试市投资促进局",
        "delegations": 6,
    });
    assert_eq!(serde_json::Value::Object(front(&s, rel)), expect, "the Chinese kind name becomes its id");
    s.build_ok();
    let page = s.read("events/bai-yin-shi-shen-zhen-zhao-shang-tui-jie-hui/index.html");
    assert!(page.contains("白银市（深圳）招商推介会") && page.contains("广东省深圳市"), "the imported event shows");
}

#[test]
fn a_bad_event_cell_is_named_by_row_and_column_and_nothing_is_written() {
    let s = Site::fixture("events");
    let csv = "title,start date,end date,kind,delegations,time\n\
               Good fair,2026-10-01,2026-10-02,fair,3,\n\
               Backwards fair,2026-10-05,2026-10-01,fair,,\n\
               Odd event,2026-10-07,,banquet,three,25:00\n";
    s.write("events.csv", csv);
    let (code, out, err) = s.run(&["import", "events.csv", "--kind", "events"]);
    assert_eq!(code, 1, "{out}\n{err}");
    assert!(err.contains("cell C3 (row 3, column C \"end date\")") && err.contains("before it starts"), "{err}");
    assert!(err.contains("cell D4 (row 4, column D \"kind\")") && err.contains("banquet"), "{err}");
    assert!(err.contains("cell E4 (row 4, column E \"delegations\")"), "{err}");
    assert!(err.contains("cell F4 (row 4, column F \"time\")"), "{err}");
    assert!(err.contains("4 problem(s)"), "every bad cell at once, each once: {err}");
    assert!(!s.root().join("content/events/good-fair.zh.md").exists(), "nothing written while a row fails");
}

#[test]
fn updating_an_event_from_a_sheet_keeps_its_signed_projects_and_body() {
    let s = Site::fixture("events");
    let rel = "content/events/fair-2025.zh.md";
    let before = file(&s, rel);
    s.write(
        "up.csv",
        "\u{feff}文件名,活动名称,开始日期,类型,接待团组数\nfair-2025,第31届兰洽会,2025-07-08,洽谈会,15\n",
    );
    let (code, _, err) = s.run(&["import", "up.csv", "--kind", "events"]);
    assert_eq!(code, 1, "an existing event is not overwritten without --update");
    assert!(err.contains("already exists") && err.contains("--update"), "{err}");

    let (code, out, err) = s.run(&["import", "up.csv", "--kind", "events", "--update", "--dry-run"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("would update content/events/fair-2025.zh.md (row 2): delegations"),
        "only the changed cell; 洽谈会 is the id the file's name means: {out}"
    );
    assert_eq!(file(&s, rel), before, "a dry run writes nothing");

    let (code, _, err) = s.run(&["import", "up.csv", "--kind", "events", "--update"]);
    assert_eq!(code, 0, "{err}");
    let after = file(&s, rel);
    assert_eq!(after, before.replace("delegations: 12\n", "delegations: 15\n"), "one line changes: {after}");
    s.build_ok();
    let page = s.read("events/fair-2025/index.html");
    assert!(page.contains("1.1亿元") && page.contains("2.2亿元"), "the signed projects are still there");
}

#[test]
fn exported_events_import_back_unchanged() {
    let s = Site::fixture("events");
    for lang in ["zh", "en"] {
        for ext in ["xlsx", "csv"] {
            let sheet = format!("events-{lang}.{ext}");
            let (code, out, err) = s.run(&["export", &sheet, "--kind", "events", "--lang", lang]);
            assert_eq!(code, 0, "{err}");
            assert!(out.contains("wrote 4 events"), "{out}");
            let (code, out, err) =
                s.run(&["import", &sheet, "--kind", "events", "--update", "--dry-run", "--lang", lang]);
            assert_eq!(code, 0, "{lang} {ext}: {out}\n{err}");
            assert!(out.contains(" 0 new, 0 updated,"), "{lang} {ext}: nothing differs: {out}");
        }
    }
    let header = file(&s, "events-zh.csv");
    assert!(
        header.starts_with("\u{feff}文件名,活动名称,活动简介,开始日期,结束日期,活动时间,地点,类型,主办单位,接待团组数"),
        "{header}"
    );
    assert!(header.contains(",delegation,"), "a kind written by its name exports as its id: {header}");

    // Into a site without the event, the file comes back with the same fields.
    let rel = "content/events/visit-2026.zh.md";
    let mut before = front(&s, rel);
    before.insert("kind".into(), "delegation".into());
    s.remove(rel);
    std::fs::remove_file(s.root().join("content/events/visit-2026.en.md")).unwrap();
    let (code, out, err) = s.run(&["import", "events-zh.xlsx", "--kind", "events", "--update"]);
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(out.contains(&format!("created {rel}")), "{out}");
    assert_eq!(front(&s, rel), before);
}

/// The chambers' header row as `export --kind chambers` writes it in Chinese.
const CHAMBER_HEADERS: &str = "编号,名称,类型,城市,国家,服务区域,服务产业链,联系人,职务,电话,邮箱,网址,经纬度";

#[test]
fn chambers_export_one_row_an_office_with_ids_and_the_first_officer() {
    let s = Site::fixture("basic");
    crate::chambers::with_chambers(&s);
    let (code, out, err) = s.run(&["export", "chambers.csv", "--kind", "chambers"]);
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(out.contains("wrote 3 chambers"), "{out}");
    let csv = file(&s, "chambers.csv");
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines[0], CHAMBER_HEADERS);
    // The kind and the chain were written as names in the file: the sheet has their ids.
    assert!(
        lines[1].starts_with(
            "sz,深圳白银商会,hometown,深圳,中国,county,nonferrous,陈志强,会长,0755-5550101,sz@example.cn,https://sz-chamber.example.cn/"
        ),
        "{}",
        lines[1]
    );
    assert!(lines[3].starts_with("de,德国甘肃商会,overseas,,德国,,new-energy,"), "{}", lines[3]);
    let (code, out, _) = s.run(&["export", "chambers-en.csv", "--kind", "chambers", "--lang", "en"]);
    assert_eq!(code, 0);
    assert!(out.contains("wrote 3 chambers"));
    let en = file(&s, "chambers-en.csv");
    assert!(en.contains("id,name,kind,city,country,regions,chains,officer,role,phone,email,website,location"), "{en}");
    assert!(en.contains("sz,Shenzhen Baiyin Chamber,hometown,Shenzhen,China"), "{en}");
}

#[test]
fn a_new_office_from_a_sheet_is_appended_and_gets_its_page() {
    let s = Site::fixture("basic");
    crate::chambers::with_chambers(&s);
    let before = file(&s, "data/chambers.yaml");
    let row = "cd,成都白银商会,异地商会,成都,中国,Test County,有色金属、new-energy,李明,秘书长,028-5550199,cd@example.cn,https://cd.example.cn/,\"104.07, 30.57\"";
    s.write("new.csv", &format!("{CHAMBER_HEADERS}\n{row}\n"));
    let (code, out, err) = s.run(&["import", "new.csv", "--kind", "chambers", "--dry-run"]);
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(out.contains("would create data/chambers.yaml, office \"cd\" (row 2)"), "{out}");
    assert_eq!(file(&s, "data/chambers.yaml"), before, "a dry run writes nothing");
    let (code, out, err) = s.run(&["import", "new.csv", "--kind", "chambers"]);
    assert_eq!(code, 0, "{out}\n{err}");
    let after = file(&s, "data/chambers.yaml");
    assert!(after.starts_with(&before), "the file's text and comments are kept:\n{after}");
    let added = &after[before.len()..];
    assert!(added.starts_with("- id: cd\n  name: {zh: 成都白银商会}\n  kind: hometown\n"), "{added}");
    assert!(added.contains("serves: {regions: [county], chains: [nonferrous, new-energy]}"), "{added}");
    s.build_ok();
    let page = s.read("chambers/cd/index.html");
    assert!(page.contains("成都白银商会") && page.contains("李明") && page.contains("028-5550199"), "office page");
    assert!(s.read("chambers/index.html").contains("/chambers/cd/"), "listed in the directory");
}

#[test]
fn a_bad_chamber_cell_is_named_and_nothing_is_written() {
    let s = Site::fixture("basic");
    crate::chambers::with_chambers(&s);
    let before = file(&s, "data/chambers.yaml");
    let csv = format!(
        "{CHAMBER_HEADERS}\nok,好商会,liaison,兰州,,,,,,,,,\nbad,坏商会,商业俱乐部,兰州,,,,,,,,,\nsz,深圳白银商会,industry,,,,,,,,,,\n"
    );
    s.write("bad.csv", &csv);
    let (code, out, err) = s.run(&["import", "bad.csv", "--kind", "chambers", "--update"]);
    assert_eq!(code, 1, "{out}\n{err}");
    assert!(err.contains("cell C3 (row 3, column C \"类型\")"), "{err}");
    assert!(
        err.contains("cell A4 (row 4, column A \"编号\"): office \"sz\" is already in data/chambers.yaml"),
        "{err}"
    );
    assert!(err.contains("nothing was written"), "{err}");
    assert_eq!(file(&s, "data/chambers.yaml"), before, "no row written while one fails");
}

#[test]
fn exported_chambers_import_back_with_nothing_new() {
    let s = Site::fixture("basic");
    crate::chambers::with_chambers(&s);
    let before = file(&s, "data/chambers.yaml");
    for lang in ["zh", "en"] {
        let sheet = format!("chambers-{lang}.xlsx");
        let (code, _, err) = s.run(&["export", &sheet, "--kind", "chambers", "--lang", lang]);
        assert_eq!(code, 0, "{err}");
        let (code, out, err) = s.run(&["import", &sheet, "--kind", "chambers", "--lang", lang]);
        assert_eq!(code, 0, "{lang}: {out}\n{err}");
        assert!(out.contains("done: 0 new, 0 updated, 3 unchanged"), "{lang}: {out}");
    }
    assert_eq!(file(&s, "data/chambers.yaml"), before);
}
