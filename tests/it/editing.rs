//! The editing loop's publishing rules: drafts and scheduled pages stay out of the public
//! site (and are shown under a banner in a preview build), old addresses redirect with
//! `aliases:`, and an address that disappears from one build to the next is reported.

use std::path::Path;

use investsite::build::build;
use investsite::resolve::Unpublished;
use investsite::units::Date;

use crate::common::{Site, attr_values, messages, snapshot};

const DRAFT_PROJECT: &str = "---
title: 机密草稿项目
summary: 尚未发布的项目。
code: T-2026-099
chain: nonferrous
region: city
park: hitech
investment: 3亿元
date: 2026-10-01
location: [104.18, 36.56]
featured: true
draft: true
---

草稿正文。
";

const SCHEDULED_NEWS: &str = "---
title: 定时发布的消息
date: 2026-12-10
---

下月发布。
";

/// Every output file's path and text (text files only) that mentions `needle`.
fn mentions(dir: &Path, needle: &str) -> Vec<String> {
    snapshot(dir)
        .into_iter()
        .filter(|(path, bytes)| path.contains(needle) || String::from_utf8_lossy(bytes).contains(needle))
        .map(|(path, _)| path)
        .collect()
}

fn with_draft() -> Site {
    let s = Site::fixture("basic");
    s.write("content/projects/secret-draft.zh.md", DRAFT_PROJECT);
    s.write("content/projects/secret-draft.en.md", "---\ntitle: Secret draft project\ndraft: true\n---\n\nDraft.\n");
    s
}

#[test]
fn a_draft_is_nowhere_in_the_public_build() {
    let s = with_draft();
    let r = s.build_ok();
    assert!(!s.exists("projects/secret-draft/index.html"));
    assert!(!s.exists("en/projects/secret-draft/index.html"));
    // Lists, cards, the home page, feeds, search, finder data, sitemap, open data, share
    // images and posters, the brochure, related lists, map markers: none names it.
    for needle in ["secret-draft", "机密草稿", "Secret draft", "T-2026-099"] {
        assert_eq!(mentions(&s.output(), needle), Vec::<String>::new(), "{needle}");
    }
    let listed: Vec<_> = r.unpublished.iter().map(|u| (u.file.as_str(), u.included)).collect();
    assert_eq!(
        listed,
        [("content/projects/secret-draft.zh.md", false)],
        "the report names the draft by its original file"
    );
}

#[test]
fn a_preview_build_shows_drafts_under_a_banner_and_noindex() {
    let s = with_draft();
    let mut opts = s.options();
    opts.drafts = true;
    let r = build(&opts);
    assert!(r.ok(), "{}", messages(&r));
    let zh = s.read("projects/secret-draft/index.html");
    assert!(zh.contains(r#"<meta name="robots" content="noindex, nofollow">"#));
    assert!(
        zh.contains(
            r#"<p class="unpublished-banner unpublished-draft" role="note"><strong>草稿</strong> 本页尚未发布"#
        ),
        "the Chinese banner"
    );
    let en = s.read("en/projects/secret-draft/index.html");
    assert!(en.contains("<strong>Draft</strong> This page is not published"), "the English banner");
    // In the lists, so the author sees the card; never in the sitemap.
    assert!(s.read("projects/index.html").contains("机密草稿项目"));
    assert!(!s.read("sitemap.xml").contains("secret-draft"));
    // A published page has no banner and stays indexable.
    let published = s.read("projects/copper-foil/index.html");
    assert!(!published.contains("unpublished-banner") && !published.contains("noindex"));
    assert!(r.unpublished.iter().all(|u| u.included));
}

#[test]
fn a_link_to_a_draft_is_an_error_unless_drafts_are_shown() {
    let s = with_draft();
    s.write("content/about.zh.md", "---\ntitle: 关于\n---\n\n见[草稿项目](projects/secret-draft.md)。\n");
    let r = s.build();
    assert!(!r.ok());
    let m = messages(&r);
    assert!(
        m.contains("content/about.zh.md:5: the link projects/secret-draft.md points to content/projects/secret-draft.md, which is a draft"),
        "{m}"
    );
    assert!(m.contains("publish it or remove the link"), "{m}");
    let mut opts = s.options();
    opts.drafts = true;
    let r = build(&opts);
    assert!(r.ok(), "{}", messages(&r));
    assert!(s.read("about/index.html").contains(r#"href="/projects/secret-draft/""#));
}

#[test]
fn a_draft_with_mistakes_does_not_stop_the_public_build_but_the_preview_reports_them() {
    let s = Site::fixture("basic");
    s.write("content/projects/half-done.zh.md", "---\ntitle: 写了一半\ndraft: true\ninvestment: 12.5\n---\n");
    s.build_ok();
    let mut opts = s.options();
    opts.drafts = true;
    let r = build(&opts);
    assert!(!r.ok());
    assert!(messages(&r).contains("content/projects/half-done.zh.md:4: field `investment`"), "{}", messages(&r));
}

#[test]
fn a_page_dated_after_today_waits_for_its_day() {
    let s = Site::fixture("basic");
    s.write("content/news/next-month.zh.md", SCHEDULED_NEWS);
    s.build_ok();
    assert!(!s.exists("news/next-month/index.html"));
    assert_eq!(mentions(&s.output(), "定时发布的消息"), Vec::<String>::new());

    let mut opts = s.options();
    opts.future = true;
    let r = build(&opts);
    assert!(r.ok(), "{}", messages(&r));
    let html = s.read("news/next-month/index.html");
    assert!(html.contains("<strong>定时发布</strong> 本页将于2026年12月10日发布"), "the banner names the day");
    assert!(html.contains("noindex"));
    assert!(!s.read("sitemap.xml").contains("next-month"));

    // On its day it is published like any page.
    let mut opts = s.options();
    opts.today = Some(Date::parse("2026-12-10").unwrap());
    let r = build(&opts);
    assert!(r.ok(), "{}", messages(&r));
    let html = s.read("news/next-month/index.html");
    assert!(!html.contains("unpublished-banner") && !html.contains("noindex"));
    assert!(s.read("sitemap.xml").contains("/news/next-month/"));
}

#[test]
fn a_policy_is_scheduled_by_its_publication_date_not_its_effective_date() {
    let s = Site::fixture("basic");
    // Issued later: not published yet. (In force later is only a notice on a published page.)
    s.write(
        "content/policies/old-rule.zh.md",
        "---\ntitle: 将要印发的办法\nissuer: 测试市发展改革委\ncategories: [energy]\npublished: 2026-12-01\neffective: 2027-01-01\n---\n\n将要印发。\n",
    );
    let r = s.build_ok();
    assert!(!s.exists("policies/old-rule/index.html"));
    assert!(!s.exists("en/policies/old-rule/index.html"));
    let listed: Vec<_> = r.unpublished.iter().map(|u| (u.file.as_str(), u.state)).collect();
    assert_eq!(
        listed,
        [("content/policies/old-rule.zh.md", Unpublished::Scheduled(Date::parse("2026-12-01").unwrap()))]
    );
    s.write(
        "content/policies/old-rule.zh.md",
        "---\ntitle: 将要施行的办法\nissuer: 测试市发展改革委\ncategories: [energy]\npublished: 2026-11-01\neffective: 2027-01-01\n---\n\n将要施行。\n",
    );
    s.build_ok();
    assert!(s.read("policies/old-rule/index.html").contains("notice-pending"));
}

#[test]
fn check_lists_drafts_and_scheduled_pages_with_their_day() {
    let s = with_draft();
    s.write("content/news/next-month.zh.md", SCHEDULED_NEWS);
    let (code, _, err) = s.run(&["check", "--today", "2026-11-25"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("drafts (draft: true):\n  content/projects/secret-draft.zh.md\n"), "{err}");
    assert!(
        err.contains("scheduled pages (date after today):\n  content/news/next-month.zh.md — appears on 2026-12-10\n"),
        "{err}"
    );
    let (code, _, err) = s.run(&["check", "--today", "2026-11-25", "--drafts", "--future"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("content/projects/secret-draft.zh.md (included in this check)"), "{err}");
    let (code, _, err) = s.run(&["build", "--today", "2026-11-25"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("left out 1 draft(s) and 1 scheduled page(s); `investsite check` lists them"), "{err}");
}

/// The fixture's copper-foil project renamed to `copper-foil-plant`, keeping its old
/// addresses as aliases in both languages.
fn rename_with_aliases(s: &Site) {
    let zh = std::fs::read_to_string(s.root().join("content/projects/copper-foil.zh.md")).unwrap();
    let en = std::fs::read_to_string(s.root().join("content/projects/copper-foil.en.md")).unwrap();
    s.write(
        "content/projects/copper-foil.zh.md",
        &zh.replacen("---\n", "---\nslug: copper-foil-plant\naliases: [/projects/copper-foil/]\n", 1),
    );
    s.write(
        "content/projects/copper-foil.en.md",
        &en.replacen("---\n", "---\naliases: [/en/projects/copper-foil/]\n", 1),
    );
}

/// Where a redirect page sends its reader.
fn refresh_target(html: &str) -> String {
    let start = html.find("content=\"0; url=").expect("a meta refresh") + "content=\"0; url=".len();
    html[start..start + html[start..].find('"').unwrap()].to_string()
}

#[test]
fn an_old_address_redirects_in_its_language_and_is_not_in_the_sitemap() {
    let s = Site::fixture("basic");
    rename_with_aliases(&s);
    let r = s.build_ok();
    assert!(!messages(&r).contains("gone now"), "{}", messages(&r));
    let zh = s.read("projects/copper-foil/index.html");
    assert!(zh.starts_with("<!doctype html>\n<html lang=\"zh\" dir=\"ltr\">"), "{zh}");
    assert_eq!(refresh_target(&zh), "/projects/copper-foil-plant/");
    assert!(zh.contains(r#"<link rel="canonical" href="https://example.cn/projects/copper-foil-plant/">"#));
    assert!(zh.contains(r#"<meta name="robots" content="noindex">"#));
    assert!(
        zh.contains(r#"<p>本页已迁至 <a href="/projects/copper-foil-plant/">年产5万吨高性能电解铜箔项目</a></p>"#),
        "{zh}"
    );
    assert!(zh.contains("<title>年产5万吨高性能电解铜箔项目</title>"));
    let en = s.read("en/projects/copper-foil/index.html");
    assert!(en.contains("<html lang=\"en\""));
    assert_eq!(refresh_target(&en), "/en/projects/copper-foil-plant/");
    assert!(en.contains("This page has moved to <a href=\"/en/projects/copper-foil-plant/\">"));
    let sitemap = s.read("sitemap.xml");
    assert!(sitemap.contains("/projects/copper-foil-plant/"));
    assert!(!sitemap.contains("/projects/copper-foil/<"), "an alias is no page of the sitemap");
}

#[test]
fn a_printed_qr_code_of_the_old_address_still_reaches_the_page() {
    let s = Site::fixture("basic");
    s.build_ok();
    let poster = crate::sharing::hashed(&s, "share/projects/copper-foil.zh.poster", "png");
    let poster = std::fs::read(s.output().join(poster)).unwrap();
    let printed = crate::sharing::decode_png(&poster);
    assert_eq!(printed, ["https://example.cn/projects/copper-foil/"], "the poster encodes the page address");
    rename_with_aliases(&s);
    s.build_ok();
    let path = printed[0].strip_prefix("https://example.cn/").unwrap();
    let landing = s.read(&format!("{path}index.html"));
    assert_eq!(refresh_target(&landing), "/projects/copper-foil-plant/");
    assert!(s.exists("projects/copper-foil-plant/index.html"));
}

#[test]
fn redirects_follow_the_base_path_and_relative_builds() {
    let s = Site::fixture("basic");
    rename_with_aliases(&s);
    let mut opts = s.options();
    opts.base_url = Some("https://example.cn/invest".into());
    let r = build(&opts);
    assert!(r.ok(), "{}", messages(&r));
    let html = s.read("projects/copper-foil/index.html");
    assert_eq!(refresh_target(&html), "/invest/projects/copper-foil-plant/");
    assert!(html.contains(r#"href="https://example.cn/invest/projects/copper-foil-plant/""#));

    opts.relative = true;
    let r = build(&opts);
    assert!(r.ok(), "{}", messages(&r));
    let html = s.read("projects/copper-foil/index.html");
    assert_eq!(refresh_target(&html), "../../projects/copper-foil-plant/index.html");
    assert_eq!(attr_values(&html, "a href", "href"), ["../../projects/copper-foil-plant/index.html"]);
}

#[test]
fn an_alias_that_is_another_pages_address_or_another_alias_names_both_files() {
    let s = Site::fixture("basic");
    let about = std::fs::read_to_string(s.root().join("content/about.zh.md")).unwrap();
    s.write("content/about.zh.md", &about.replacen("---\n", "---\naliases: [/projects/copper-foil/, /old/]\n", 1));
    s.write("content/news/launch.zh.md", "---\ntitle: 上线\ndate: 2026-11-01\naliases: [/old]\n---\n\n上线。\n");
    let r = s.build();
    assert!(!r.ok());
    let m = messages(&r);
    assert!(
        m.contains("content/projects/copper-foil.zh.md and the alias /projects/copper-foil/ in content/about.zh.md would both be published as projects/copper-foil/index.html"),
        "{m}"
    );
    assert!(
        m.contains("the alias /old/ in content/about.zh.md and the alias /old/ in content/news/launch.zh.md would both be published as old/index.html")
            || m.contains("the alias /old/ in content/news/launch.zh.md and the alias /old/ in content/about.zh.md would both be published as old/index.html"),
        "{m}"
    );
}

#[test]
fn an_alias_must_be_a_path_on_this_site() {
    let s = Site::fixture("basic");
    s.write(
        "content/about.zh.md",
        "---\ntitle: 关于\naliases:\n  - https://example.cn/about-us/\n  - /a/../b/\n  - /old.php\n---\n\n关于。\n",
    );
    let r = s.build();
    assert!(!r.ok());
    let m = messages(&r);
    assert!(m.contains("content/about.zh.md:3: field `aliases`: the alias \"https://example.cn/about-us/\" names a whole address with its host"), "{m}");
    assert!(m.contains("help: write only the path: /about-us/"), "{m}");
    assert!(m.contains("the alias \"/a/../b/\" has an empty, `.` or `..` part"), "{m}");
    assert!(m.contains("the alias \"/old.php\" ends in a file name (.php)"), "{m}");
}

#[test]
fn an_address_that_disappears_is_a_warning_that_says_how_to_keep_it() {
    let s = Site::fixture("basic");
    s.build_ok();
    s.remove("content/news/launch.zh.md");
    let r = s.build_ok();
    let m = messages(&r);
    assert!(m.contains("warning: /news/launch/ was published by the previous build and is gone now"), "{m}");
    assert!(m.contains("add `aliases: [/news/launch/]` to the front matter of the page that replaced it"), "{m}");
    assert!(m.contains("warning: /en/news/launch/ was published"), "{m}");
    // Reported once: the next build compares with this one.
    assert!(!messages(&s.build_ok()).contains("gone now"));
}

#[test]
fn strict_refuses_a_vanished_address_and_writes_nothing() {
    let s = Site::fixture("basic");
    // --strict also refuses missing translations: the fixture gets them all.
    for page in ["news/_index", "news/launch", "policies/_index", "projects/old-plant", "results/r1", "results/r4"] {
        s.write(&format!("content/{page}.en.md"), "---\ntitle: In English\n---\n");
    }
    let mut opts = s.options();
    opts.strict = true;
    let r = build(&opts);
    assert!(r.ok(), "{}", messages(&r));
    let before = snapshot(&s.output());
    s.remove("content/news/launch.zh.md");
    s.remove("content/news/launch.en.md");
    let r = build(&opts);
    assert!(!r.ok());
    assert!(messages(&r).contains("error: /news/launch/ was published by the previous build and is gone now"));
    assert_eq!(snapshot(&s.output()), before, "nothing was written");
    // An alias on the page that replaces it keeps the address, and strict is content.
    s.write(
        "content/news/relaunch.zh.md",
        "---\ntitle: 重新上线\ndate: 2026-11-02\naliases: [/news/launch/]\n---\n\n再次上线。\n",
    );
    s.write("content/news/relaunch.en.md", "---\ntitle: Relaunch\naliases: [/en/news/launch/]\n---\n\nAgain.\n");
    let r = build(&opts);
    assert!(r.ok(), "{}", messages(&r));
    assert_eq!(refresh_target(&s.read("news/launch/index.html")), "/news/relaunch/");
    assert_eq!(refresh_target(&s.read("en/news/launch/index.html")), "/en/news/relaunch/");
}

#[test]
fn a_page_withdrawn_as_a_draft_is_named_as_such_when_its_address_vanishes() {
    let s = Site::fixture("basic");
    s.build_ok();
    s.write(
        "content/news/launch.zh.md",
        "---\ntitle: 测试市投资促进网上线\ndate: 2026-11-01\ndraft: true\n---\n\n网站正式上线。\n",
    );
    let m = messages(&s.build_ok());
    assert!(
        m.contains("warning: content/news/launch.zh.md: /news/launch/ was published by the previous build and is gone now: its page is a draft"),
        "{m}"
    );
}

#[test]
fn a_project_in_a_draft_park_is_an_error_like_a_link() {
    let s = Site::fixture("basic");
    let park = std::fs::read_to_string(s.root().join("content/environment/parks/hitech.zh.md")).unwrap();
    s.write("content/environment/parks/hitech.zh.md", &park.replacen("---\n", "---\ndraft: true\n", 1));
    s.write(
        "content/projects/copper-foil.zh.md",
        &std::fs::read_to_string(s.root().join("content/projects/copper-foil.zh.md"))
            .unwrap()
            .replace("(/environment/parks/hitech.md)", "(/about.md)"),
    );
    s.write(
        "content/projects/copper-foil.en.md",
        &std::fs::read_to_string(s.root().join("content/projects/copper-foil.en.md"))
            .unwrap()
            .replace("(/environment/parks/hitech.md)", "(/about.md)"),
    );
    let r = s.build();
    let m = messages(&r);
    assert!(
        m.contains("content/projects/copper-foil.zh.md:8: field `park`: the park \"hitech\" (content/environment/parks/hitech.zh.md) is a draft and not published"),
        "{m}"
    );
    assert!(m.contains("help: publish it or remove the `park:` line"), "{m}");
    let mut opts = s.options();
    opts.drafts = true;
    let r = build(&opts);
    assert!(r.ok(), "{}", messages(&r));
}

#[test]
fn two_drafts_with_the_placeholder_code_do_not_stop_the_public_build() {
    let s = Site::fixture("basic");
    for slug in ["first-draft", "second-draft"] {
        s.write(&format!("content/projects/{slug}.zh.md"), &DRAFT_PROJECT.replace("T-2026-099", "BY-2026-000"));
    }
    s.build_ok();
    let mut opts = s.options();
    opts.drafts = true;
    let r = build(&opts);
    assert!(messages(&r).contains("project code \"BY-2026-000\" is also used by"), "{}", messages(&r));
}

#[test]
fn a_draft_translation_of_a_published_page_is_warned_about() {
    let s = Site::fixture("basic");
    let en = std::fs::read_to_string(s.root().join("content/about.en.md")).unwrap();
    s.write("content/about.en.md", &en.replacen("---\n", "---\ndraft: true\n", 1));
    let m = messages(&s.build_ok());
    assert!(
        m.contains("content/about.en.md:2: field `draft`: this translation says `draft: true`, but whether a page is published is decided by the Chinese original (content/about.zh.md)"),
        "{m}"
    );
    assert!(s.exists("en/about/index.html"));
}
