//! Events as readers get them: the events list split into upcoming and past (relative to the
//! build's today), an event's signed projects with their exact total, the signed badge of a
//! project, and per language an iCalendar file (`events/events.ics`, RFC 5545) and the
//! events' open data (`data/events.json`, `data/events.csv`).
//!
//! Consumes the resolved events and `Site::signings`; produces model parts and `OutFile`s.
//! The calendar is written here, not by a template: its lines are folded by octets and its
//! text escaped by RFC 5545's rules, which no HTML/XML escaper gives.

use serde_json::{Value, json};

use super::cards::cards;
use super::context::{Cx, OutFile};
use super::labels::sorted_children;
use super::model::{EventModel, EventsList, SignedRow};
use crate::domain::events::Clock;
use crate::domain::{Domain, Event, statistics};
use crate::resolve::Page;
use crate::units::{Amount, Date};

pub const SECTION: &str = "events";
pub const ICS_NAME: &str = "events.ics";

/// The published events, latest first.
fn events<'a>(cx: &Cx<'a>) -> Vec<(&'a Page, &'a Event)> {
    sorted_children(cx, SECTION)
        .into_iter()
        .filter_map(|p| match &p.domain {
            Domain::Event(e) => Some((p, e.as_ref())),
            _ => None,
        })
        .collect()
}

fn ics_path(cx: &Cx) -> String {
    format!("{}/{SECTION}/{ICS_NAME}", cx.site.config.lang_prefix(cx.lang))
}

/// The events list's upcoming and past events.
pub fn events_list(cx: &Cx, page: &Page) -> Option<EventsList> {
    if page.key != SECTION {
        return None;
    }
    let (mut upcoming, past): (Vec<_>, Vec<_>) =
        events(cx).into_iter().partition(|(_, e)| e.is_upcoming(cx.site.today));
    upcoming.reverse();
    let prefix = cx.site.config.lang_prefix(cx.lang);
    Some(EventsList {
        upcoming: cards(cx, upcoming.into_iter().map(|(p, _)| p).collect()),
        past: cards(cx, past.into_iter().map(|(p, _)| p).collect()),
        ics_url: cx.url(&ics_path(cx)),
        feed_url: Some(cx.url(&format!("{prefix}/{SECTION}/atom.xml"))),
        statistics_url: cx.site.page(crate::resolve::events::STATISTICS_KEY).map(|p| cx.page_url(p)),
    })
}

/// An event page's signed projects and total.
pub fn event_model(cx: &Cx, page: &Page) -> Option<EventModel> {
    let Domain::Event(e) = &page.domain else { return None };
    let signed: Vec<_> = cx.site.signed_at(&page.key).collect();
    let rows = signed
        .iter()
        .filter_map(|s| {
            let project = cx.site.page(&s.project)?;
            Some(SignedRow {
                project: cx.title(project),
                url: cx.page_url(project),
                partner: s.partner.get(cx.lang, cx.default_lang()).map(str::to_string),
                amount: s.amount.map(|a| a.format(cx.lang)),
                lang: cx.page_lang(project),
            })
        })
        .collect();
    let total = statistics::sum(signed.iter().filter_map(|s| s.amount));
    Some(EventModel {
        upcoming: e.is_upcoming(cx.site.today),
        signed: rows,
        total: (!total.is_empty()).then(|| amounts_text(cx, &total)),
        ics_url: cx.url(&ics_path(cx)),
    })
}

/// Sums in several currencies, joined: `36.5亿元 + 2000万美元`.
pub fn amounts_text(cx: &Cx, amounts: &[Amount]) -> String {
    amounts.iter().map(|a| a.format(cx.lang)).collect::<Vec<_>>().join(" + ")
}

/// The language's calendar and open data files, when the site has events.
pub fn files(cx: &Cx) -> Vec<OutFile> {
    let list = events(cx);
    if list.is_empty() {
        return Vec::new();
    }
    let dir = format!("{}/data", cx.site.config.lang_prefix(cx.lang)).trim_start_matches('/').to_string();
    let doc = open_data(cx, &list);
    vec![
        OutFile { path: ics_path(cx).trim_start_matches('/').to_string(), bytes: calendar(cx, &list).into_bytes() },
        OutFile { path: format!("{dir}/events.json"), bytes: serde_json::to_vec_pretty(&doc).unwrap_or_default() },
        OutFile { path: format!("{dir}/events.csv"), bytes: super::open_data::csv(&doc["items"], CSV_COLUMNS) },
    ]
}

const CSV_COLUMNS: &[(&str, &str)] = &[
    ("id", "/id"),
    ("url", "/url"),
    ("title", "/title"),
    ("kind", "/kind"),
    ("start", "/start"),
    ("end", "/end"),
    ("place", "/place"),
    ("organiser", "/organiser"),
    ("delegations", "/delegations"),
    ("signed_projects", "/signed_count"),
    ("signed_total", "/signed_total"),
];

fn open_data(cx: &Cx, list: &[(&Page, &Event)]) -> Value {
    let items: Vec<Value> = list
        .iter()
        .map(|(p, e)| {
            let v = p.version(cx.lang);
            let signed: Vec<Value> = cx
                .site
                .signed_at(&p.key)
                .map(|s| {
                    json!({
                        "project": s.project,
                        "url": cx.site.page(&s.project).map(|x| cx.permalink(&x.version(cx.lang).path)),
                        "amount": s.amount.map(|a| a.value.normalize().to_string()),
                        "currency": s.amount.map(|a| a.currency.code()),
                        "partner": s.partner.get(cx.lang, cx.default_lang()),
                    })
                })
                .collect();
            let total = statistics::sum(cx.site.signed_at(&p.key).filter_map(|s| s.amount));
            json!({
                "id": p.key,
                "url": cx.permalink(&v.path),
                "title": cx.title(p),
                "kind": e.kind,
                "start": e.start.iso(),
                "end": e.last_day().iso(),
                "place": v.texts.place,
                "organiser": v.texts.organiser,
                "delegations": e.delegations,
                "signed_count": signed.len(),
                "signed_total": (!total.is_empty()).then(|| amounts_text(cx, &total)),
                "signed": signed,
            })
        })
        .collect();
    json!({
        "language": cx.lang,
        "site": cx.site.config.title.get_or_empty(cx.lang, cx.default_lang()),
        "generated": cx.site.today.iso(),
        "count": items.len(),
        "items": items,
    })
}

/// The iCalendar file of every event, all-day events in Chinese local dates.
fn calendar(cx: &Cx, list: &[(&Page, &Event)]) -> String {
    let site_title = cx.site.config.title.get_or_empty(cx.lang, cx.default_lang());
    let section_title = cx.site.page(SECTION).map(|s| cx.title(s)).unwrap_or_default();
    let host = cx.site.config.host_url().split_once("://").map_or("investsite", |(_, h)| h).trim_end_matches('/');
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        format!("PRODID:-//investsite//events {}//{}", env!("CARGO_PKG_VERSION"), cx.lang.to_uppercase()),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!("X-WR-CALNAME:{}", escape_text(&format!("{section_title} - {site_title}"))),
        "X-WR-TIMEZONE:Asia/Shanghai".into(),
    ];
    // Events with a time of day are in Beijing time, which the file defines once.
    if list.iter().any(|(_, e)| e.time.is_some()) {
        lines.extend(SHANGHAI.iter().map(|l| l.to_string()));
    }
    for (p, e) in list {
        let v = p.version(cx.lang);
        lines.push("BEGIN:VEVENT".into());
        // The same event is one calendar entry in every language's file.
        lines.push(format!("UID:{}@{host}", p.key.replace('/', "-")));
        lines.push(format!("DTSTAMP:{}T000000Z", compact(cx.site.today)));
        match e.time {
            None => {
                lines.push(format!("DTSTART;VALUE=DATE:{}", compact(e.start)));
                // DTEND of an all-day event is the day after the last (RFC 5545, 3.6.1).
                lines.push(format!("DTEND;VALUE=DATE:{}", compact(next_day(e.last_day()))));
            }
            Some(t) => {
                lines.push(format!("DTSTART;TZID=Asia/Shanghai:{}", local(e.start, t.start)));
                // Without an end time, an event of several days ends as its last day does; an
                // event of one day without one ends when it starts (RFC 5545, 3.6.1).
                let end = match (t.end, e.end) {
                    (Some(c), _) => Some(local(e.last_day(), c)),
                    (None, Some(last)) => Some(local(next_day(last), Clock { hour: 0, minute: 0 })),
                    (None, None) => None,
                };
                if let Some(end) = end {
                    lines.push(format!("DTEND;TZID=Asia/Shanghai:{end}"));
                }
            }
        }
        lines.push(format!("SUMMARY:{}", escape_text(&cx.title(p))));
        if let Some(place) = &v.texts.place {
            lines.push(format!("LOCATION:{}", escape_text(place)));
        }
        if let Some(summary) = cx.summary(p) {
            lines.push(format!("DESCRIPTION:{}", escape_text(&summary)));
        }
        if let Some(kind) = &e.kind {
            lines.push(format!("CATEGORIES:{}", escape_text(&cx.t(&format!("event_kind.{kind}")))));
        }
        lines.push(format!("URL:{}", cx.permalink(&v.path)));
        lines.push("END:VEVENT".into());
    }
    lines.push("END:VCALENDAR".into());
    lines.iter().map(|l| fold(l)).collect()
}

/// Beijing time has been UTC+8 without daylight saving since 1992.
const SHANGHAI: &[&str] = &[
    "BEGIN:VTIMEZONE",
    "TZID:Asia/Shanghai",
    "BEGIN:STANDARD",
    "DTSTART:19700101T000000",
    "TZOFFSETFROM:+0800",
    "TZOFFSETTO:+0800",
    "TZNAME:CST",
    "END:STANDARD",
    "END:VTIMEZONE",
];

/// `20260710T093000`: a local date-time of the calendar's TZID.
fn local(d: Date, c: Clock) -> String {
    format!("{}T{:02}{:02}00", compact(d), c.hour, c.minute)
}

fn compact(d: Date) -> String {
    format!("{:04}{:02}{:02}", d.year, d.month, d.day)
}

fn next_day(d: Date) -> Date {
    Date::from_days_since_epoch(d.days_since_epoch() + 1)
}

/// TEXT values escape backslash, semicolon, comma and line breaks (RFC 5545, 3.3.11).
fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A content line folded so that no line is longer than 75 octets, never inside a UTF-8
/// character; each continuation starts with a space (RFC 5545, 3.1). Ends with CRLF.
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_lines_within_75_octets_and_characters_whole() {
        let long = format!("SUMMARY:{}", "兰州投资贸易洽谈会".repeat(10));
        let folded = fold(&long);
        for l in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{l}");
        }
        let unfolded = folded.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, long);
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape_text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}
