//! Events, signed projects and the statistics computed from them: the events list split
//! into upcoming and past, event pages with their signed projects and total, the `.ics`
//! calendars (parsed here), the events' Atom feed, the signed badge and finder filter, the
//! statistics page and its open data, the home page's computed figures, and the authors'
//! mistakes. Fixture `tests/fixtures/events`, built on 2026-11-25 (see `common::today`).
//!
//! Hand-computed figures of the fixture (as of 2026-11-25; the 2027 event has not happened):
//! events held 3 (2025: 1, 2026: 2), delegations 12 + 5 + 3 = 20 (2025: 12, 2026: 8);
//! signed: foil 1.1亿 and magnets 2.2亿 at the 2025 fair, solar 12.34亿 at the 2026 roadshow,
//! wind 0.66亿 on its own (no event): 4 projects, 16.3亿元; 2025: 3.3亿元, 2026: 13亿元;
//! metals 3.3亿元, energy 13亿元; East County 13.44亿元, West County 2.86亿元.

use serde_json::Value;

use crate::common::{Site, messages};

fn built() -> &'static Site {
    crate::common::built("events")
}

/// Visible text of an HTML fragment, tags removed and whitespace collapsed.
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The part of `html` from the element holding `start` to the next `end`.
fn section<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html.find(start).unwrap_or_else(|| panic!("no {start}"));
    let to = html[from..].find(end).map_or(html.len(), |i| from + i);
    &html[from..to]
}

fn card_urls(html: &str) -> Vec<String> {
    html.split("<h3 class=\"card-title\"><a href=\"").skip(1).map(|s| s[..s.find('"').unwrap()].to_string()).collect()
}

#[test]
fn the_list_splits_upcoming_soonest_first_and_past_latest_first() {
    let s = built();
    let zh = s.read("events/index.html");
    let upcoming = section(&zh, "events-upcoming", "</section>");
    let past = section(&zh, "events-past", "</section>");
    // An event on the build's day is still upcoming; its last day decides.
    assert_eq!(card_urls(upcoming), ["/events/visit-2026/", "/events/expo-2027/"]);
    assert_eq!(card_urls(past), ["/events/roadshow-2026/", "/events/fair-2025/"]);
    assert!(text(upcoming).contains("即将举办"), "{upcoming}");
    let en = s.read("en/events/index.html");
    assert_eq!(
        card_urls(section(&en, "events-upcoming", "</section>")),
        ["/en/events/visit-2026/", "/en/events/expo-2027/"]
    );
    assert!(en.contains(r#"href="/en/events/events.ics""#), "the list links its calendar");
    assert!(en.contains(r#"href="/en/statistics/""#), "and the statistics");
}

#[test]
fn another_today_moves_events_to_the_past() {
    let s = Site::fixture("events");
    let mut o = s.options();
    o.today = Some(investsite::units::Date::parse("2027-04-01").unwrap());
    let r = investsite::build::build(&o);
    assert!(r.ok(), "{}", messages(&r));
    let en = s.read("en/events/index.html");
    assert!(card_urls(section(&en, "events-upcoming", "</section>")).is_empty());
    assert_eq!(card_urls(section(&en, "events-past", "</section>")).len(), 4);
}

#[test]
fn a_project_is_signed_from_the_day_of_its_signing() {
    let s = Site::fixture("events");
    let mut o = s.options();
    o.today = Some(investsite::units::Date::parse("2025-07-01").unwrap());
    let r = investsite::build::build(&o);
    assert!(r.ok(), "{}", messages(&r));
    assert!(!s.read("en/projects/foil/index.html").contains("badge-signed"), "the fair is a week away");
    let fair = s.read("en/events/fair-2025/index.html");
    assert!(fair.contains("signed-projects"), "the fair's page still lists what is to be signed there");
    assert!(text(&s.read("en/statistics/index.html")).contains("Computed from 0 events and 0 signed projects"));
}

#[test]
fn an_event_page_shows_its_facts_signed_projects_linked_and_the_exact_total() {
    let s = built();
    let zh = s.read("events/fair-2025/index.html");
    let facts = text(section(&zh, "key-facts", "</section>"));
    for want in ["2025年7月8日至2025年7月11日", "甘肃省兰州市", "展会", "甘肃省人民政府", "12"] {
        assert!(facts.contains(want), "{want} in {facts}");
    }
    let signed = section(&zh, "signed-projects", "</section>");
    assert!(signed.contains(r#"<a href="/projects/foil/">铜箔项目</a>"#), "{signed}");
    assert!(signed.contains(r#"<a href="/projects/magnets/">永磁项目</a>"#), "a project named by its title");
    assert!(text(signed).contains("甲公司 1.1亿元"), "{signed}");
    assert!(text(section(signed, "<tfoot>", "</tfoot>")).contains("合计 3.3亿元"), "1.1 + 2.2 is exactly 3.3");
    let en = s.read("en/events/fair-2025/index.html");
    let signed = section(&en, "signed-projects", "</section>");
    assert!(signed.contains(r#"<a href="/en/projects/foil/">Copper foil project</a>"#), "{signed}");
    assert!(text(section(signed, "<tfoot>", "</tfoot>")).contains("CNY 330 million"), "{signed}");
    assert!(text(&en).contains("Fair"), "the kind in English");
    let visit = text(&s.read("en/events/visit-2026/index.html"));
    assert!(visit.contains("25 November 2026, 09:30–11:00 (Beijing time)"), "{visit}");
    assert!(text(&s.read("events/visit-2026/index.html")).contains("2026年11月25日 09:30–11:00（北京时间）"));
}

#[test]
fn signed_projects_show_the_badge_and_the_signing_on_their_page_and_card() {
    let s = built();
    let page = s.read("en/projects/foil/index.html");
    assert!(page.contains(r#"<span class="badge badge-signed">Signed</span>"#));
    let facts = section(&page, "key-facts", "</section>");
    assert!(facts.contains(r#"<a href="/en/events/fair-2025/">8 July 2025 · The 31st Lanzhou Fair</a>"#), "{facts}");
    assert!(text(facts).contains("Company A"), "{facts}");
    let wind = s.read("projects/wind/index.html");
    assert!(wind.contains("badge-signed\">已签约<"), "a signing at no event counts too");
    assert!(text(section(&wind, "key-facts", "</section>")).contains("2026年3月1日"));
    let lamb = s.read("en/projects/lamb/index.html");
    assert!(!lamb.contains("badge-signed"), "an unsigned project has no badge");
    let list = s.read("en/projects/signing/signed/index.html");
    let cards: Vec<&str> = list.split("<article class=\"card").skip(1).collect();
    assert!(!cards.is_empty());
    for card in cards {
        assert!(card.contains(r#"<span class="badge badge-signed">Signed</span>"#), "{card}");
        assert!(card.contains("<dt>Signed</dt>"), "the signing is one of the card's facts: {card}");
    }
}

#[test]
fn the_finder_filters_signed_projects_with_and_without_javascript() {
    let s = built();
    let page = s.read("en/projects/signing/signed/index.html");
    let mut urls = card_urls(&page);
    let mut n = 2;
    while s.exists(&format!("en/projects/signing/signed/page/{n}/index.html")) {
        urls.extend(card_urls(&s.read(&format!("en/projects/signing/signed/page/{n}/index.html"))));
        n += 1;
    }
    urls.sort();
    assert_eq!(urls, ["/en/projects/foil/", "/en/projects/magnets/", "/en/projects/solar/", "/en/projects/wind/"]);
    let data = s.read("en/projects/finder-data.js");
    let json: Value = serde_json::from_str(
        data.strip_prefix("window.investsiteFinder = ").unwrap().trim_end().strip_suffix(';').unwrap(),
    )
    .unwrap();
    let facet = |url: &str| {
        json["items"].as_array().unwrap().iter().find(|i| i["url"] == url).unwrap()["facets"]["signing"].clone()
    };
    assert_eq!(facet("/en/projects/foil/"), serde_json::json!(["signed"]));
    assert_eq!(facet("/en/projects/lamb/"), serde_json::json!([]));
    let list = s.read("en/projects/index.html");
    assert!(list.contains(r#"name="signing""#), "the filter form offers it");
}

/// The calendar's lines (unfolded), after checking the folding and line ends.
fn ics_lines(raw: &str) -> Vec<String> {
    assert!(raw.ends_with("\r\n"));
    assert!(!raw.replace("\r\n", "").contains('\n'), "every line ends with CRLF");
    let physical: Vec<&str> = raw.trim_end_matches("\r\n").split("\r\n").collect();
    for l in &physical {
        assert!(l.len() <= 75, "{} octets: {l}", l.len());
    }
    let mut out: Vec<String> = Vec::new();
    for l in physical {
        match l.strip_prefix(' ') {
            Some(rest) => out.last_mut().unwrap().push_str(rest),
            None => out.push(l.to_string()),
        }
    }
    out
}

/// The properties of the VEVENT whose URL ends in `slug/`.
fn vevent(lines: &[String], slug: &str) -> Vec<(String, String)> {
    let mut events: Vec<Vec<(String, String)>> = Vec::new();
    for l in lines {
        if l == "BEGIN:VEVENT" {
            events.push(Vec::new());
        } else if let (Some(e), Some((k, v))) = (events.last_mut(), l.split_once(':')) {
            e.push((k.to_string(), v.to_string()));
        }
    }
    events
        .into_iter()
        .find(|e| e.iter().any(|(k, v)| k == "URL" && v.ends_with(&format!("/{slug}/"))))
        .unwrap_or_else(|| panic!("no event {slug}"))
}

fn prop<'a>(e: &'a [(String, String)], key: &str) -> &'a str {
    e.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str()).unwrap_or_else(|| panic!("no {key} in {e:?}"))
}

#[test]
fn the_calendar_is_rfc_5545_with_all_day_dates_and_stable_uids() {
    let s = built();
    let raw = s.read("en/events/events.ics");
    assert!(raw.contains("\r\n "), "the long English title is folded");
    let en = ics_lines(&raw);
    let zh = ics_lines(&s.read("events/events.ics"));
    assert_eq!(en.first().map(String::as_str), Some("BEGIN:VCALENDAR"));
    assert_eq!(en.last().map(String::as_str), Some("END:VCALENDAR"));
    assert!(en.contains(&"VERSION:2.0".to_string()));
    assert!(en.contains(&"X-WR-TIMEZONE:Asia/Shanghai".to_string()));
    assert_eq!(en.iter().filter(|l| *l == "BEGIN:VEVENT").count(), 4);
    let fair = vevent(&en, "fair-2025");
    assert_eq!(prop(&fair, "DTSTART;VALUE=DATE"), "20250708");
    assert_eq!(prop(&fair, "DTEND;VALUE=DATE"), "20250712", "the day after the last day");
    assert_eq!(prop(&fair, "SUMMARY"), "The 31st Lanzhou Fair");
    assert!(prop(&fair, "DTSTAMP").ends_with('Z'));
    let expo = vevent(&en, "expo-2027");
    assert_eq!(prop(&expo, "DTEND;VALUE=DATE"), "20270313");
    // An event with a time of day is in Beijing time, defined once in the file.
    let timed = vevent(&en, "visit-2026");
    assert_eq!(prop(&timed, "DTSTART;TZID=Asia/Shanghai"), "20261125T093000");
    assert_eq!(prop(&timed, "DTEND;TZID=Asia/Shanghai"), "20261125T110000");
    let tz = en.iter().position(|l| l == "BEGIN:VTIMEZONE").expect("a VTIMEZONE");
    assert_eq!(en[tz + 1], "TZID:Asia/Shanghai");
    assert!(en[tz..].iter().take(9).any(|l| l == "TZOFFSETTO:+0800"));
    let road = vevent(&en, "roadshow-2026");
    assert_eq!(prop(&road, "LOCATION"), "Shanghai\\, Suzhou\\; Jiangsu", "TEXT escaping");
    assert_eq!(prop(&vevent(&zh, "fair-2025"), "SUMMARY"), "第31届兰洽会");
    // One event is one calendar entry, whichever language's file it came from.
    assert_eq!(prop(&fair, "UID"), prop(&vevent(&zh, "fair-2025"), "UID"));
    assert_eq!(prop(&fair, "UID"), "events-fair-2025@example.cn");
}

#[test]
fn the_events_feed_is_valid_atom() {
    let s = built();
    let xml = s.read("en/events/atom.xml");
    let feed: atom_syndication::Feed = xml.parse().unwrap_or_else(|e| panic!("{e}\n{xml}"));
    assert_eq!(feed.entries().len(), 4);
    assert!(feed.entries().iter().any(|e| e.title().as_str() == "The 31st Lanzhou Fair"));
    assert!(s.read("en/events/index.html").contains(r#"href="/en/events/atom.xml""#));
}

#[test]
fn statistics_match_the_hand_computed_sums_in_both_languages() {
    let s = built();
    let zh = s.read("statistics/index.html");
    assert!(text(&zh).contains("根据本网站3场活动和4个签约项目计算，截至2026年11月25日。"), "{}", text(&zh));
    let chart = |html: &str, id: &str| text(section(html, &format!("id=\"{id}\""), "</section>"));
    assert!(chart(&zh, "events-per-year").contains("2025 1 2026 2"), "{}", chart(&zh, "events-per-year"));
    assert!(chart(&zh, "delegations-per-year").contains("2025 12 2026 8"));
    assert!(chart(&zh, "amount-per-year").contains("2025 3.3亿元 2026 13亿元"), "{}", chart(&zh, "amount-per-year"));
    assert!(
        chart(&zh, "amount-per-chain").contains("新能源 13亿元 有色金属 3.3亿元"),
        "{}",
        chart(&zh, "amount-per-chain")
    );
    assert!(chart(&zh, "amount-per-region").contains("东县 13.44亿元 西县 2.86亿元"));
    let en = s.read("en/statistics/index.html");
    assert!(
        chart(&en, "amount-per-year").contains("2025 CNY 330 million 2026 CNY 1.3 billion"),
        "{}",
        chart(&en, "amount-per-year")
    );
    for html in [&zh, &en] {
        assert_eq!(html.matches("<svg class=\"bar-chart").count(), 6, "one chart per figure");
        assert_eq!(html.matches("<table class=\"chart-table\">").count(), 6, "each with its table");
    }
    let svg = section(&en, "<svg class=\"bar-chart", "</svg>").to_string() + "</svg>";
    roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{e}\n{svg}"));
}

#[test]
fn open_data_has_events_and_statistics_as_json_and_csv_with_bom() {
    let s = built();
    let stats: Value = serde_json::from_str(&s.read("en/data/statistics.json")).unwrap();
    let row = |dim: &str, key: &str| {
        stats["items"].as_array().unwrap().iter().find(|r| r["dimension"] == dim && r["key"] == key).unwrap().clone()
    };
    assert_eq!(row("total", "")["signed_amount_cny"], "1630000000");
    assert_eq!(row("total", "")["delegations"], 20);
    assert_eq!(row("year", "2026")["signed_amount_cny"], "1300000000");
    assert_eq!(row("chain", "metals")["signed_projects"], 2);
    let csv = std::fs::read(s.output().join("data/statistics.csv")).unwrap();
    assert!(csv.starts_with("\u{feff}".as_bytes()), "a BOM for Excel");
    let csv = String::from_utf8(csv).unwrap();
    assert!(csv.contains("year,2025,2025,1,12,2,330000000,3.3亿元\r\n"), "{csv}");
    let events: Value = serde_json::from_str(&s.read("data/events.json")).unwrap();
    assert_eq!(events["count"], 4);
    let fair = events["items"].as_array().unwrap().iter().find(|e| e["id"] == "events/fair-2025").unwrap();
    assert_eq!(fair["end"], "2025-07-11");
    assert_eq!(fair["signed"].as_array().unwrap().len(), 2);
    assert_eq!(fair["signed"][0]["amount"], "110000000");
    assert!(std::fs::read(s.output().join("en/data/events.csv")).unwrap().starts_with("\u{feff}".as_bytes()));
    // The projects' open data says which are signed (validated against its schema in open_data).
    let projects: Value = serde_json::from_str(&s.read("en/data/projects.json")).unwrap();
    let project = |id: &str| projects["items"].as_array().unwrap().iter().find(|p| p["id"] == id).unwrap().clone();
    assert_eq!(project("projects/foil")["signed"]["event"]["name"], "The 31st Lanzhou Fair");
    assert_eq!(project("projects/foil")["signed"]["amount"]["amount"], "110000000");
    assert_eq!(project("projects/wind")["signed"]["date"], "2026-03-01");
    assert_eq!(project("projects/lamb")["signed"], Value::Null);
}

#[test]
fn events_and_statistics_are_in_the_sitemap_and_search() {
    let s = built();
    let sitemap = s.read("sitemap.xml");
    assert!(sitemap.contains("https://example.cn/events/fair-2025/"));
    assert!(sitemap.contains("https://example.cn/en/statistics/"));
    let index = s.read("en/search/index.en.js");
    assert!(
        index.contains("Lanzhou, Gansu · Fair · Gansu Provincial People's Government"),
        "place, kind and organiser are found"
    );
}

#[test]
fn home_figures_are_computed_from_the_data() {
    let s = built();
    let en = text(&s.read("en/index.html"));
    assert!(en.contains("7 key chains"), "a written figure stays");
    assert!(en.contains("3 promotion events held"), "{en}");
    assert!(en.contains("CNY 330 million signed in investment in 2025"), "{en}");
    assert!(en.contains("20 delegations welcomed"), "a computed figure with its own label");
    let zh = text(&s.read("index.html"));
    // The year follows the label: a label that starts with a measure word (场招商活动) must
    // come right after its number.
    assert!(zh.contains("3.3亿元 签约总额（2025年）"), "{zh}");
}

fn fails_with(change: impl FnOnce(&Site)) -> Vec<investsite::diagnostics::Diagnostic> {
    let s = Site::fixture("events");
    change(&s);
    let r = s.build();
    assert!(!r.ok(), "the build should fail");
    r.diagnostics.into_iter().filter(|d| d.is_error()).collect()
}

fn replace_in(s: &Site, rel: &str, from: &str, to: &str) {
    let p = s.root().join(rel);
    let text = std::fs::read_to_string(&p).unwrap();
    assert!(text.contains(from), "{from} not in {rel}");
    std::fs::write(p, text.replace(from, to)).unwrap();
}

#[test]
fn an_unknown_signed_project_a_bad_kind_and_an_end_before_the_start_are_located() {
    let errors = fails_with(|s| {
        replace_in(s, "content/events/fair-2025.zh.md", "project: 永磁项目", "project: magnet");
        replace_in(s, "content/events/roadshow-2026.zh.md", "kind: promotion", "kind: party");
        replace_in(s, "content/events/expo-2027.zh.md", "end: 2027-03-12", "end: 2027-03-01");
        replace_in(s, "content/events/visit-2026.zh.md", "\"09:30-11:00\"", "\"25:00\"");
    });
    let find = |file: &str, field: &str| {
        errors
            .iter()
            .find(|d| d.file.as_deref() == Some(file) && d.field.as_deref() == Some(field))
            .unwrap_or_else(|| panic!("no error on {file} {field}: {errors:#?}"))
    };
    let project = find("content/events/fair-2025.zh.md", "signed[2].project");
    assert_eq!(project.line, Some(12), "the line of the list item");
    assert!(project.help.as_deref().unwrap_or("").contains("did you mean magnets"), "{project}");
    let kind = find("content/events/roadshow-2026.zh.md", "kind");
    assert_eq!(kind.line, Some(6));
    assert!(kind.help.as_deref().unwrap_or("").contains("promotion (推介会"), "{kind}");
    let time = find("content/events/visit-2026.zh.md", "time");
    assert_eq!(time.line, Some(4));
    assert!(time.message.contains("is not a time of day"), "{time}");
    let end = find("content/events/expo-2027.zh.md", "end");
    assert_eq!(end.line, Some(4));
    assert!(end.message.contains("before it starts"), "{end}");
}

#[test]
fn a_project_naming_another_event_than_the_one_listing_it_names_both_files() {
    let errors = fails_with(|s| {
        replace_in(
            s,
            "content/projects/foil.zh.md",
            "date: 2025-01-10",
            "date: 2025-01-10\nsigned: {event: roadshow-2026}",
        );
    });
    let e = errors.iter().find(|d| d.field.as_deref() == Some("signed")).unwrap_or_else(|| panic!("{errors:#?}"));
    assert_eq!(e.file.as_deref(), Some("content/projects/foil.zh.md"));
    assert_eq!(e.line, Some(7));
    assert!(e.message.contains("content/events/fair-2025.zh.md"), "{e}");
}

#[test]
fn an_unknown_computed_figure_suggests_the_known_names() {
    let errors = fails_with(|s| replace_in(s, "data/figures.yaml", "{figure: events}", "{figure: event}"));
    let e =
        errors.iter().find(|d| d.file.as_deref() == Some("data/figures.yaml")).unwrap_or_else(|| panic!("{errors:#?}"));
    assert_eq!(e.line, Some(2));
    assert!(e.help.as_deref().unwrap_or("").contains("did you mean `events`?"), "{e}");
}

#[test]
fn new_event_makes_draft_files_that_build() {
    let s = Site::fixture("events");
    let (code, out, err) = s.run(&["new", "event", "兰洽会2027"]);
    assert_eq!(code, 0, "{out}{err}");
    let zh = std::fs::read_to_string(s.root().join("content/events/lan-qia-hui-2027.zh.md"))
        .or_else(|_| {
            let name = std::fs::read_dir(s.root().join("content/events"))
                .unwrap()
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .find(|n| n.starts_with("lan") && n.ends_with(".zh.md"))
                .unwrap();
            std::fs::read_to_string(s.root().join("content/events").join(name))
        })
        .unwrap();
    assert!(zh.starts_with("---\ndraft: true"), "{zh}");
    assert!(zh.contains("kind: promotion"));
    let mut o = s.options();
    o.drafts = true;
    let r = investsite::build::build(&o);
    assert!(r.ok(), "{}", messages(&r));
}
