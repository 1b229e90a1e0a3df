//! The site's signed projects, put together from events and projects, and the statistics
//! page made from them.
//!
//! One source of truth: an event's `signed` list says which projects were signed there. A
//! project's own `signed:` is for a signing at no event on the site (then its `date` counts);
//! when it names an event, that event must list the project, and an amount or partner
//! written in both places must agree: otherwise it is an error naming both files.
//! Consumes the published pages; produces [`Signed`] records in date order (drafts' signings
//! do not count) and the `statistics` page when the site has events or signings.

use std::collections::HashMap;

use super::site::{Kind, Page};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::domain::Domain;
use crate::domain::events::Signed;
use crate::load::ContentFile;
use crate::load::config::Config;

pub const STATISTICS_KEY: &str = "statistics";

pub fn signings(pages: &[Page], withheld: &[Page], files: &[ContentFile], diags: &Diagnostics) -> Vec<Signed> {
    let by_slug = |kind: Kind, slug: &str| pages.iter().find(|p| p.kind == kind && p.slug == slug);
    let file_of = |p: &Page| p.original_version().file.map(|i| files[i].rel.clone()).unwrap_or_default();
    let mut out: Vec<Signed> = Vec::new();
    let mut listed_at: HashMap<String, (String, usize)> = HashMap::new();
    for event in pages {
        let Domain::Event(e) = &event.domain else { continue };
        for s in &e.signed {
            let Some(project) = by_slug(Kind::Project, &s.project) else {
                let state = if withheld.iter().any(|w| w.kind == Kind::Project && w.slug == s.project) {
                    "is a draft or scheduled and not published"
                } else {
                    "is not published"
                };
                diags.push(
                    Diagnostic::error(format!("the signed project \"{}\" {state}", s.project))
                        .in_file(file_of(event))
                        .at_line(s.line)
                        .field("signed")
                        .help("publish the project page or remove it from `signed`"),
                );
                continue;
            };
            if let Some((other, line)) = listed_at.get(&project.key) {
                diags.push(
                    Diagnostic::error(format!(
                        "the project \"{}\" is also listed as signed in {other}:{line}",
                        s.project
                    ))
                    .in_file(file_of(event))
                    .at_line(s.line)
                    .field("signed")
                    .help("a project is signed once: keep it in one event's `signed` list"),
                );
                continue;
            }
            listed_at.insert(project.key.clone(), (file_of(event), s.line));
            out.push(Signed {
                project: project.key.clone(),
                event: Some(event.key.clone()),
                date: e.start,
                amount: s.amount,
                partner: s.partner.clone(),
            });
        }
    }
    for project in pages {
        let Domain::Project(p) = &project.domain else { continue };
        let Some(own) = &p.signed else { continue };
        let file = project.original_version().file.map(|i| &files[i]);
        let line = file
            .and_then(|f| crate::load::yaml::key_line(&f.fm_text, &["signed"]).map(|l| l + f.fm_offset))
            .unwrap_or(0);
        let report = |message: String, help: &str| {
            let mut d = Diagnostic::error(message).in_file(file_of(project)).field("signed").help(help);
            if line > 0 {
                d = d.at_line(line);
            }
            diags.push(d);
        };
        let listed = out.iter_mut().find(|s| s.project == project.key);
        match (listed, &own.event) {
            (Some(s), named) => {
                let event_page = s.event.as_deref().and_then(|k| pages.iter().find(|p| p.key == k));
                let event_file = event_page.map(file_of).unwrap_or_default();
                let event_slug = event_page.map(|p| p.slug.as_str()).unwrap_or_default();
                if named.as_deref().is_some_and(|n| n != event_slug) {
                    report(
                        format!(
                            "`signed.event` names \"{}\", but {event_file} lists this project as signed there",
                            named.as_deref().unwrap_or_default()
                        ),
                        "the event's `signed` list is the record: name that event, or move the project to the right event's list",
                    );
                } else if let (Some(a), Some(b)) = (own.amount, s.amount)
                    && a != b
                {
                    report(
                        format!("`signed.amount` is {}, but {event_file} says {}", a.format("zh"), b.format("zh")),
                        "write the amount in one place (the event's `signed` list) or make both agree",
                    );
                } else {
                    // The project may add what the event's list leaves out.
                    s.amount = s.amount.or(own.amount);
                    if s.partner.is_none() {
                        s.partner = own.partner.clone();
                    }
                }
            }
            (None, Some(named)) => {
                let event_file =
                    by_slug(Kind::Event, named).map(file_of).unwrap_or_else(|| format!("the event \"{named}\""));
                report(
                    format!(
                        "`signed.event` names \"{named}\", but {event_file} does not list this project in its `signed` list"
                    ),
                    "add the project to that event's `signed` list (the event's list is the record of what was signed there)",
                );
            }
            (None, None) => match own.date {
                Some(date) => out.push(Signed {
                    project: project.key.clone(),
                    event: None,
                    date,
                    amount: own.amount,
                    partner: own.partner.clone(),
                }),
                None => report(
                    "a signing at no event needs its `date`".to_string(),
                    "add `date: 2026-07-08` under `signed:`",
                ),
            },
        }
    }
    out.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.project.cmp(&b.project)));
    out
}

/// The statistics page at `/statistics/`, when the site has events or signed projects.
pub fn add_statistics_page(
    pages: &mut Vec<Page>,
    has_data: bool,
    files: &[ContentFile],
    config: &Config,
    diags: &Diagnostics,
) {
    if !has_data {
        return;
    }
    if let Some(existing) = pages.iter().find(|p| p.key == STATISTICS_KEY || p.key.starts_with("statistics/")) {
        let file = existing
            .original_version()
            .file
            .map(|i| files[i].rel.clone())
            .unwrap_or_else(|| format!("content/{STATISTICS_KEY}"));
        diags.push(
            Diagnostic::error(format!(
                "content/{STATISTICS_KEY} clashes with the statistics page investsite makes at /{STATISTICS_KEY}/"
            ))
            .in_file(file)
            .help("rename the content file"),
        );
        return;
    }
    pages.push(Page::made(
        STATISTICS_KEY.to_string(),
        Kind::Statistics,
        Some(String::new()),
        STATISTICS_KEY.to_string(),
        None,
        |_| String::new(),
        config,
    ));
}

/// The key figures of `data/figures.yaml`: each is written (`value` and `label`) or
/// computed (`figure`, one of `domain::statistics::COMPUTED_FIGURES`, optionally with a
/// `year`); an unknown name is an error with the nearest one.
pub fn check_figures(data: &std::collections::BTreeMap<String, crate::load::DataFile>, diags: &Diagnostics) {
    use crate::domain::statistics::COMPUTED_FIGURES;
    let Some(file) = data.get("figures") else { return };
    let Some(items) = file.value.as_array() else { return };
    let line_of = |needle: &str| file.text.lines().position(|l| l.contains(needle)).map(|i| i + 1).unwrap_or(0);
    for item in items {
        let Some(name) = item.get("figure").and_then(super::value_text) else {
            if item.get("value").is_none() {
                let mut d = Diagnostic::error("a key figure has neither `value` nor `figure`")
                    .in_file(&file.rel)
                    .field("figure")
                    .help("write a fixed figure as `{value: \"12\", label: {zh: …, en: …}}`, or a computed one as `{figure: events}`");
                let line = line_of(&crate::load::fields::compact(item).chars().take(20).collect::<String>());
                if line > 0 {
                    d = d.at_line(line);
                }
                diags.push(d);
            }
            continue;
        };
        let line = line_of(&name);
        let report = |message: String, help: String| {
            let mut d = Diagnostic::error(message).in_file(&file.rel).field("figure").help(help);
            if line > 0 {
                d = d.at_line(line);
            }
            diags.push(d);
        };
        if !COMPUTED_FIGURES.contains(&name.as_str()) {
            let near = crate::load::fields::closest(&name, COMPUTED_FIGURES);
            let known = COMPUTED_FIGURES.join(", ");
            let help = match near {
                Some(n) => format!("did you mean `{n}`? Known: {known}"),
                None => format!("write one of: {known}"),
            };
            report(format!("unknown computed figure \"{name}\""), help);
        }
        if let Some(y) = item.get("year")
            && !y.as_i64().is_some_and(|y| (1900..=2200).contains(&y))
        {
            report(
                format!("`year` must be a year like 2025, found {}", crate::load::fields::compact(y)),
                "write `year: 2025`, or leave it out to count every year".to_string(),
            );
        }
    }
}
