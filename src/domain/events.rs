//! Promotion events (招商活动), `content/events/`: fairs, promotion meetings, visits,
//! delegations received and signing ceremonies, with the projects signed at them.
//!
//! Consumes an event file's front matter through `load::fields`; produces an [`Event`] whose
//! `signed` entries name project pages by slug (checked against [`Refs`]). The signings of
//! the whole site (events' lists and projects' own `signed:`) are put together in
//! `resolve::events`; the event's list is the one source of truth (see there).

use serde_json::Value;

use super::{Refs, find_named, suggest_named};
use crate::diagnostics::Diagnostic;
use crate::load::fields::{Fields, LangText, compact};
use crate::units::{Amount, Date};

/// The kinds of event, with the names authors may write instead.
pub const KIND_NAMES: &[(&str, &str, &str)] = &[
    ("fair", "展会", "Fair"),
    ("promotion", "推介会", "Promotion event"),
    ("visit", "考察", "Visit"),
    ("delegation", "来访接待", "Delegation received"),
    ("signing", "签约仪式", "Signing ceremony"),
];

/// Further Chinese names of the kinds, as offices write them in reports.
const KIND_SYNONYMS: &[(&str, &str)] = &[("洽谈会", "fair"), ("拜访", "visit"), ("考察拜访", "visit")];

/// Fields a translation may set; every other field is written once, in the original.
pub const TRANSLATABLE: &[&str] = &["title", "summary", "tags", "place", "organiser", "aliases"];

pub const KNOWN: &[&str] = &[
    "aliases",
    "title",
    "template",
    "summary",
    // The first day; `end` the last day of a range.
    "date",
    "end",
    // Beijing time: `09:30` or `09:30-17:00`.
    "time",
    "place",
    "kind",
    "organiser",
    "delegations",
    "signed",
    "location",
    "images",
    "tags",
    "slug",
    "draft",
    "translated_from",
    "weight",
];

/// The keys of one item of an event's `signed` list.
pub const SIGNED_KEYS: &[&str] = &["project", "amount", "partner"];

#[derive(Debug, Clone)]
pub struct Event {
    pub start: Date,
    /// The last day, when the event lasts more than one day.
    pub end: Option<Date>,
    /// The starting (and ending) time of day, in Beijing time; none for an all-day event.
    pub time: Option<EventTime>,
    pub kind: Option<String>,
    pub delegations: Option<u32>,
    pub signed: Vec<Signing>,
    pub location: Option<(f64, f64)>,
}

/// One project signed at an event.
#[derive(Debug, Clone)]
pub struct Signing {
    /// The project page's slug.
    pub project: String,
    pub amount: Option<Amount>,
    pub partner: LangText,
    /// The line of the item in its file, for messages that compare it with the project's.
    pub line: usize,
}

impl Event {
    pub fn read(f: &Fields, refs: &Refs) -> Option<Event> {
        f.check_unknown(KNOWN);
        f.required_text("title", "第32届兰州投资贸易洽谈会");
        let start = f.required_date("date");
        let end = f.date("end");
        if let (Some(s), Some(e)) = (start, end)
            && e < s
        {
            f.error(
                "end",
                format!("the event ends ({}) before it starts ({})", e.iso(), s.iso()),
                Some("`date` is the first day and `end` the last day"),
            );
        }
        let delegations = f.integer_in("delegations", 0, 100_000).map(|n| n as u32);
        let end = end.filter(|e| start.is_none_or(|s| *e > s));
        Some(Event {
            time: read_time(f, end.is_none()),
            end,
            kind: read_kind(f),
            delegations,
            signed: read_signed(f, refs),
            location: f.location("location"),
            start: start?,
        })
    }

    /// The last day of the event (its first when it lasts one day).
    pub fn last_day(&self) -> Date {
        self.end.unwrap_or(self.start)
    }

    /// Upcoming until its last day has passed.
    pub fn is_upcoming(&self, today: Date) -> bool {
        self.last_day() >= today
    }
}

/// A time of day, hours and minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Clock {
    pub hour: u8,
    pub minute: u8,
}

impl Clock {
    /// `09:30`
    pub fn text(self) -> String {
        format!("{:02}:{:02}", self.hour, self.minute)
    }
}

/// When an event starts (and ends) on its days, in Beijing time (UTC+8, no daylight saving).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventTime {
    pub start: Clock,
    pub end: Option<Clock>,
}

impl EventTime {
    /// `09:30–17:00`, or `09:30`.
    pub fn text(self) -> String {
        match self.end {
            Some(e) => format!("{}–{}", self.start.text(), e.text()),
            None => self.start.text(),
        }
    }
}

/// `09:30`, `9:30`, `０９：３０`.
fn parse_clock(s: &str) -> Option<Clock> {
    let folded: String = s
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '：' => ':',
            c => c,
        })
        .collect();
    let (h, m) = folded.split_once(':')?;
    let (hour, minute) = (h.parse::<u8>().ok()?, m.parse::<u8>().ok()?);
    (hour < 24 && minute < 60 && m.len() == 2).then_some(Clock { hour, minute })
}

/// `09:30` or `09:30-17:00` (also with `–`, `~`, `至`); on a one-day event the end must be
/// after the start.
pub fn parse_time(s: &str, one_day: bool) -> Result<EventTime, String> {
    let parts: Vec<&str> = s.split(['-', '–', '—', '~', '～', '至']).collect();
    let bad = || format!("\"{s}\" is not a time of day: write it like 09:30, or 09:30-17:00 for the start and end");
    let start = parse_clock(parts[0]).ok_or_else(bad)?;
    let end = match parts.get(1..) {
        Some([]) | None => None,
        Some([e]) => Some(parse_clock(e).ok_or_else(bad)?),
        Some(_) => return Err(bad()),
    };
    if one_day && end.is_some_and(|e| e <= start) {
        return Err(format!(
            "the event ends ({}) before it starts ({})",
            end.map(Clock::text).unwrap_or_default(),
            start.text()
        ));
    }
    Ok(EventTime { start, end })
}

fn read_time(f: &Fields, one_day: bool) -> Option<EventTime> {
    let written = f.text("time")?;
    parse_time(&written, one_day)
        .map_err(|e| f.error("time", e, Some("times are Beijing time, hours and minutes: `time: 09:30-17:00`")))
        .ok()
}

fn read_kind(f: &Fields) -> Option<String> {
    let written = f.text("kind")?;
    if let Some((_, id)) = KIND_SYNONYMS.iter().find(|(name, _)| *name == written.trim()) {
        return Some(id.to_string());
    }
    super::read_choice(f, "kind", KIND_NAMES)
}

fn read_signed(f: &Fields, refs: &Refs) -> Vec<Signing> {
    let items = match f.value("signed") {
        None => return Vec::new(),
        Some(Value::Array(items)) => items,
        Some(other) => {
            f.error(
                "signed",
                format!("must be a list of projects, found {}", compact(other)),
                Some("write `signed:` and below it lines like `- {project: copper-foil, amount: 12亿元, partner: 某公司}`"),
            );
            return Vec::new();
        }
    };
    items.iter().enumerate().filter_map(|(i, item)| read_signing(f, refs, i, item)).collect()
}

fn read_signing(f: &Fields, refs: &Refs, i: usize, item: &Value) -> Option<Signing> {
    let line = item_line(f, "signed", i);
    let report = |field: &str, message: String, help: &str| {
        let mut d = Diagnostic::error(message).in_file(f.file).field(format!("signed[{}].{field}", i + 1)).help(help);
        if line > 0 {
            d = d.at_line(line);
        }
        f.diags.push(d);
    };
    let Value::Object(m) = item else {
        report(
            "project",
            format!("each signed project must be a mapping, found {}", compact(item)),
            "write it like `- {project: copper-foil, amount: 12亿元, partner: 某公司}`",
        );
        return None;
    };
    for key in m.keys().filter(|k| !SIGNED_KEYS.contains(&k.as_str())) {
        report(key, format!("unknown field `{key}` in a signed project"), "the fields are project, amount and partner");
    }
    let written = match m.get("project").and_then(crate::resolve::value_text) {
        Some(p) if !p.is_empty() => p,
        _ => {
            report(
                "project",
                "the signed project names no project".to_string(),
                "add `project:` with the project page's slug or title",
            );
            return None;
        }
    };
    let project = check_project(refs, &written);
    if project.is_none() {
        let help = suggest_named(&written, &named_refs(refs.projects.as_deref().unwrap_or_default()));
        report("project", format!("no project page \"{written}\" in content/projects/"), &help);
    }
    let amount = match m.get("amount").filter(|v| !v.is_null()) {
        None => None,
        Some(v) => match crate::resolve::value_text(v).map(|a| crate::units::parse_amount(&a)) {
            Some(Ok(a)) => Some(a),
            Some(Err(e)) => {
                report("amount", e, "write an amount like 12.5亿元");
                None
            }
            None => {
                report("amount", format!("must be an amount, found {}", compact(v)), "write an amount like 12.5亿元");
                None
            }
        },
    };
    let partner = match m.get("partner") {
        None => LangText::None,
        Some(v) => LangText::from_value(v).unwrap_or_else(|| {
            report(
                "partner",
                format!("must be a text or a map of languages, found {}", compact(v)),
                "write it like `partner: 某公司` or `partner: {zh: 某公司, en: A company}`",
            );
            LangText::None
        }),
    };
    Some(Signing { project: project?, amount, partner, line })
}

fn named_refs(refs: &[super::ParkRef]) -> Vec<super::Named<'_>> {
    refs.iter().map(|p| super::Named { id: &p.slug, names: p.titles.iter().map(String::as_str).collect() }).collect()
}

/// The slug of the project page written as its slug or title.
fn check_project(refs: &Refs, written: &str) -> Option<String> {
    match &refs.projects {
        Some(projects) => find_named(written, &named_refs(projects)).map(str::to_string),
        None => Some(written.to_string()),
    }
}

/// The file line of item `i` of the list under `key` (the line its `- ` starts on).
fn item_line(f: &Fields, key: &str, i: usize) -> usize {
    let list_line = f.line_of(key);
    if list_line == 0 {
        return 0;
    }
    let within = list_line.saturating_sub(f.line_offset).max(1);
    let lines: Vec<&str> = f.yaml.lines().collect();
    let Some(first) = lines.get(within - 1) else { return list_line };
    let base_indent = first.len() - first.trim_start().len();
    let mut n = 0;
    for (at, l) in lines.iter().enumerate().skip(within) {
        let t = l.trim_start();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let indent = l.len() - t.len();
        if indent < base_indent || (indent == base_indent && !t.starts_with("- ")) {
            break;
        }
        if t.starts_with("- ") || t == "-" {
            if n == i {
                return at + 1 + f.line_offset;
            }
            n += 1;
        }
    }
    list_line
}

/// What a project's own `signed:` says.
#[derive(Debug, Clone, Default)]
pub struct ProjectSigning {
    pub date: Option<Date>,
    /// The event's slug.
    pub event: Option<String>,
    pub partner: LangText,
    pub amount: Option<Amount>,
}

pub const PROJECT_SIGNED_KEYS: &[&str] = &["date", "event", "partner", "amount"];

impl ProjectSigning {
    pub fn read(f: &Fields, refs: &Refs) -> Option<ProjectSigning> {
        let s = f.nested("signed")?;
        s.check_unknown(PROJECT_SIGNED_KEYS);
        let event = s.text("event").and_then(|e| {
            let Some(events) = &refs.events else { return Some(e) };
            let items = named_refs(events);
            let found = find_named(&e, &items).map(str::to_string);
            if found.is_none() {
                s.error("event", format!("no event page \"{e}\" in content/events/"), Some(&suggest_named(&e, &items)));
            }
            found
        });
        let date = s.date("date");
        if date.is_none() && event.is_none() && !s.has("event") && !s.has("date") {
            s.error(
                "date",
                "a signing needs its `date` or the `event` it was signed at",
                Some("add `date: 2026-07-08` or `event: lanzhou-fair-2026`"),
            );
        }
        Some(ProjectSigning { date, event, partner: s.lang_text("partner"), amount: s.amount("amount") })
    }
}

/// A signing as the site knows it after resolving: from an event's list, or from a
/// project's own `signed:` when no event on the site lists it.
#[derive(Debug, Clone)]
pub struct Signed {
    /// The project page's key.
    pub project: String,
    /// The event page's key.
    pub event: Option<String>,
    pub date: Date,
    pub amount: Option<Amount>,
    pub partner: LangText,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_read_as_people_write_them() {
        let t = parse_time("9:30-17:00", true).unwrap();
        assert_eq!(t.text(), "09:30–17:00");
        assert_eq!(parse_time("０９：３０至１１：００", true).unwrap().text(), "09:30–11:00");
        assert_eq!(parse_time("14:00", true).unwrap().end, None);
        assert!(parse_time("25:00", true).is_err());
        assert!(parse_time("9:5", true).is_err());
        assert!(parse_time("17:00-09:00", true).is_err(), "ends before it starts on one day");
        assert!(parse_time("17:00-09:00", false).is_ok(), "on the last of several days it may");
    }
}
