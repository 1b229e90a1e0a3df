//! Pages tried in a real browser (headless Chromium): see tests/it/common/browser.rs.

use crate::common::{Site, browser, pdf};

#[test]
fn home_page_works_on_a_phone() {
    if !browser::ready() {
        return;
    }
    let s = crate::common::built("basic");
    let url = browser::serve(&s.output());
    browser::run("smoke.cjs", &url);
}

#[test]
fn finders_filter_projects_and_policies() {
    if !browser::ready() {
        return;
    }
    let s = crate::common::built("finder");
    let url = browser::serve(&s.output());
    browser::run("finder.cjs", &url);
}

#[test]
fn the_finder_shows_long_lists_in_steps() {
    if !browser::ready() {
        return;
    }
    let s = Site::fixture("finder");
    write_extra_projects(&s);
    s.build_ok();
    let url = browser::serve(&s.output());
    browser::run("finder_more.cjs", &url);
}

#[test]
fn map_fits_a_phone_and_works_with_the_keyboard() {
    if !browser::ready() {
        return;
    }
    let s = crate::common::built("basic");
    let url = browser::serve(&s.output());
    browser::run("map.cjs", &url);
}

#[test]
fn search_finds_chinese_mixed_and_english_queries_over_http_and_from_file() {
    if !browser::ready() {
        return;
    }
    let s = Site::fixture("basic");
    s.write(
        "content/news/separator.zh.md",
        "---\ntitle: 锂电池隔膜项目对接会\ndate: 2026-10-01\n---\n\n会上介绍了 wet-process separator 湿法隔膜工艺。\n",
    );
    s.build_ok();
    let url = browser::serve(&s.output());
    let output = s.output();
    browser::run_with("search.cjs", &url, &[("OUTPUT_DIR", output.to_str().unwrap())]);
}

#[test]
fn no_script_from_hostile_content_runs_on_any_page() {
    if !browser::ready() {
        return;
    }
    let s = crate::common::built("hostile");
    let output = s.output();
    let mut pages: Vec<String> = walkdir::WalkDir::new(&output)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let rel = e.path().strip_prefix(&output).unwrap().to_string_lossy().replace('\\', "/");
            format!("/{}", rel.strip_suffix("index.html").unwrap_or(&rel))
        })
        .collect();
    pages.sort();
    assert!(pages.len() > 50, "{pages:?}");
    let url = browser::serve(&output);
    browser::run_with("hostile.cjs", &url, &[("PAGES", &pages.join("\n"))]);
}

#[test]
fn elder_mode_switch_and_tap_targets() {
    if !browser::ready() {
        return;
    }
    let s = crate::common::built("basic");
    let url = browser::serve(&s.output());
    browser::run("elder.cjs", &url);
}

#[test]
fn arabic_pages_are_laid_out_right_to_left() {
    if !browser::ready() {
        return;
    }
    let s = Site::fixture("trilingual");
    let yaml = std::fs::read_to_string(s.root().join("site.yaml")).unwrap();
    let yaml = yaml.replace("languages: [zh, en, ru]", "languages: [zh, en, ar]").replace("ru: Льготы", "ar: الحوافز");
    s.write("site.yaml", &yaml);
    for russian in ["content/_index.ru.md", "content/projects/copper-foil.ru.md"] {
        s.remove(russian);
    }
    s.write("content/_index.ar.md", "---\ntitle: استثمر في مدينة الاختبار\n---\n\nمرحبًا بكم.\n");
    s.write(
        "content/projects/copper-foil.ar.md",
        "---\ntitle: رقائق النحاس الإلكتروليتية\nsummary: خط لإنتاج رقائق النحاس للبطاريات.\n---\n\nنظرة عامة.\n",
    );
    let m = crate::common::messages(&s.build_ok());
    assert!(!m.contains("UI strings"), "Arabic strings are built in: {m}");
    assert!(s.read("ar/projects/copper-foil/index.html").contains(r#"<html lang="ar" dir="rtl""#));
    let url = browser::serve(&s.output());
    browser::run("rtl.cjs", &url);
}

/// Writes the example site's flagship project (content/projects/copper-foil, both languages)
/// into `s` as `projects/<name>/`, its places and policy renamed to the fixture's, its second
/// picture and the one in its text made a photo, its code `code`, and its description repeated
/// `times` times.
fn write_example_project(s: &Site, name: &str, code: &str, times: usize) {
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/projects/copper-foil");
    for lang in ["zh", "en"] {
        let text = std::fs::read_to_string(example.join(format!("index.{lang}.md"))).unwrap();
        let text = text
            .replace("baiyin-district", "city")
            .replace("baiyin-hitech", "hitech")
            .replace("/policies/baiyin-30.md", "/policies/thirty.md")
            .replace("site-plan.svg", "plan.jpg")
            .replace("BY-2026-001", code);
        let (front, body) = text.rsplit_once("\n---\n").unwrap();
        s.write(&format!("content/projects/{name}/index.{lang}.md"), &format!("{front}\n---\n{}", body.repeat(times)));
    }
    s.write_bytes(&format!("content/projects/{name}/plant.png"), &std::fs::read(example.join("plant.png")).unwrap());
    let (w, h) = (800, 520);
    let plan = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([(x * 255 / w) as u8, (y * 255 / h) as u8, 90]));
    let mut jpeg = std::io::Cursor::new(Vec::new());
    plan.write_to(&mut jpeg, image::ImageFormat::Jpeg).unwrap();
    s.write_bytes(&format!("content/projects/{name}/plan.jpg"), jpeg.get_ref());
}

/// Ctrl+P on a project page gives an A4 fact sheet. The example's flagship project prints on
/// one sheet in Chinese and in English: title, key facts, contact and the address of its QR
/// code, one picture, none of the map, related lists, gallery or footer the page shows on
/// screen; also for a reader who chose larger text on screen. One three times as long runs on
/// to a second sheet (not shrunk onto one), its key facts and contact whole on the first.
#[test]
fn project_pages_print_as_one_page_fact_sheets() {
    if !browser::ready() || !pdf::ready() {
        return;
    }
    let s = Site::fixture("basic");
    write_example_project(&s, "sheet", "BY-2026-001", 1);
    write_example_project(&s, "long-sheet", "BY-2026-002", 3);
    s.build_ok();
    let out = s.root().join("printed");
    std::fs::create_dir_all(&out).unwrap();
    let jobs: Vec<(String, std::path::PathBuf)> = ["sheet", "long-sheet"]
        .iter()
        .flat_map(|name| {
            [("zh", ""), ("en", "en/")]
                .map(|(lang, prefix)| (format!("/{prefix}projects/{name}/"), out.join(format!("{name}.{lang}.pdf"))))
        })
        .collect();
    let mut pages: Vec<String> = jobs.iter().map(|(path, pdf)| format!("{path}\t{}", pdf.display())).collect();
    // A reader who chose larger text and high contrast (适老化) prints the same handout.
    let elder = out.join("sheet.en.elder.pdf");
    pages.push(format!("/en/projects/sheet/\t{}\ttext contrast", elder.display()));
    let url = browser::serve(&s.output());
    browser::run_with("print.cjs", &url, &[("PAGES", &pages.join("\n"))]);

    // pdftotext joins a word broken at a hyphen across lines without it: compare without them.
    let squeeze = |t: String| t.split_whitespace().collect::<String>().replace('-', "");
    for (lang, prefix) in [("zh", ""), ("en", "en/")] {
        let html = s.read(&format!("{prefix}projects/sheet/index.html"));
        // What the screen shows and paper leaves out: the page has it, so its absence counts.
        let (title, person, phone, first_fact, last_fact, off_paper) = if lang == "zh" {
            (
                "年产5万吨高性能电解铜箔项目",
                "王先生",
                "0943-8212306",
                "BY-2026-001",
                "2027年12月31日",
                ["地图", "相关政策", "陇ICP备"],
            )
        } else {
            (
                "50,000 t/yr High-Performance Electrolytic Copper Foil Plant",
                "Mr Wang",
                "+86 943 821 2306",
                "BY-2026-001",
                "31 December 2027",
                ["Map", "Related policies", "陇ICP备"],
            )
        };
        for shown in off_paper.iter().chain([&first_fact, &last_fact]) {
            assert!(html.contains(shown), "{lang}: the page shows {shown}");
        }
        assert!(html.matches("<img").count() >= 3, "{lang}: the page has its pictures");

        let sheet = out.join(format!("sheet.{lang}.pdf"));
        assert_eq!(pdf::pages(&sheet), 1, "{lang}: one sheet");
        let text = squeeze(pdf::page_text_in_order(&sheet, 1));
        for wanted in [title, person, phone, "hitech@invest-baiyin.example.cn", first_fact, last_fact] {
            assert!(text.contains(&squeeze(wanted.to_string())), "{lang}: {wanted} on the sheet:\n{text}");
        }
        assert!(text.contains(&format!("example.cn/{prefix}projects/sheet/")), "{lang}: the QR code's address: {text}");
        for left_out in off_paper {
            assert!(!text.contains(&squeeze(left_out.to_string())), "{lang}: {left_out} is not printed:\n{text}");
        }
        assert_eq!(pdf::pictures_on_page(&sheet, 1), 1, "{lang}: one picture");

        if lang == "en" {
            assert_eq!(pdf::pages(&elder), 1, "with larger text chosen on screen, still one sheet");
        }

        let long = out.join(format!("long-sheet.{lang}.pdf"));
        assert_eq!(pdf::pages(&long), 2, "{lang}: the long project runs on, at full size");
        let first = squeeze(pdf::page_text_in_order(&long, 1));
        let second = squeeze(pdf::page_text_in_order(&long, 2));
        for wanted in [person, phone, "BY-2026-002", last_fact] {
            let wanted = squeeze(wanted.to_string());
            assert!(first.contains(&wanted) && !second.contains(&wanted), "{lang}: {wanted} on sheet 1 only");
        }
    }
}

/// `key: {shard_above_kb: 0}` in a fixture's settings: its finder data or search index in
/// parts however small.
fn in_parts(s: &Site, key: &str) {
    let yaml = std::fs::read_to_string(s.root().join("site.yaml")).unwrap();
    let yaml = if key == "finder" {
        yaml.replace("finder:\n", "finder:\n  shard_above_kb: 0\n")
    } else {
        format!("{yaml}\n{key}: {{shard_above_kb: 0}}\n")
    };
    s.write("site.yaml", &yaml);
}

#[test]
fn search_in_parts_finds_the_same_over_http_and_from_file() {
    if !browser::ready() {
        return;
    }
    let s = Site::fixture("basic");
    in_parts(&s, "search");
    s.write(
        "content/news/separator.zh.md",
        "---\ntitle: 锂电池隔膜项目对接会\ndate: 2026-10-01\n---\n\n会上介绍了 wet-process separator 湿法隔膜工艺。\n",
    );
    s.build_ok();
    assert!(s.read("search/index.zh.js").contains("\"v\":2"), "the index is in parts");
    let url = browser::serve(&s.output());
    let output = s.output();
    // The same checks as on the whole index.
    browser::run_with("search.cjs", &url, &[("OUTPUT_DIR", output.to_str().unwrap())]);
}

#[test]
fn finders_in_parts_filter_the_same() {
    if !browser::ready() {
        return;
    }
    let s = Site::fixture("finder");
    in_parts(&s, "finder");
    s.build_ok();
    let summary = s.read("en/projects/finder-data.js");
    assert!(summary.contains("\"parts\":[\"finder-data.0."), "the data is in parts: {summary}");
    let url = browser::serve(&s.output());
    // The same checks as on the whole data.
    browser::run("finder.cjs", &url);
}

#[test]
fn a_long_list_in_parts_shows_more_after_loading_them() {
    if !browser::ready() {
        return;
    }
    let s = Site::fixture("finder");
    in_parts(&s, "finder");
    write_extra_projects(&s);
    s.build_ok();
    let summary = s.read("en/projects/finder-data.js");
    assert!(summary.matches("\"url\":").count() == 24, "the summary holds the first 24 cards only");
    let url = browser::serve(&s.output());
    browser::run("finder_more.cjs", &url);
}

#[test]
fn russian_counts_take_the_plural_form_of_the_number() {
    if !browser::ready() {
        return;
    }
    let s = Site::fixture("trilingual");
    let project = |name: &str, chain: &str, region: &str| {
        s.write(
            &format!("content/projects/{name}.zh.md"),
            &format!(
                "---\ntitle: 项目{name}\ninvestment: 1亿元\nchain: {chain}\nregion: {region}\ndate: 2026-05-01\n---\n"
            ),
        );
    };
    project("solar-a", "new-energy", "county");
    project("solar-b", "new-energy", "city");
    for i in 1..=16 {
        project(&format!("metal-{i}"), "nonferrous", "city");
    }
    s.build_ok();
    let url = browser::serve(&s.output());
    browser::run("plural.cjs", &url);
}

/// 25 more open projects (food chain, west region) in the finder fixture: more than the 24
/// cards the finder shows at first.
fn write_extra_projects(s: &Site) {
    for i in 1..=25 {
        s.write(
            &format!("content/projects/extra-{i}.zh.md"),
            &format!(
                "---\ntitle: 附加项目{i}\ninvestment: {i}亿元\nchain: food\nregion: west\ndate: 2026-03-{i:02}\n---\n"
            ),
        );
    }
}
