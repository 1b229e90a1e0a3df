//! The project and policy finders, rendered: the `finder` object of the list pages (filter
//! form, "browse by" links to the static filter pages), the static filter pages' lists and
//! titles, and the data file the in-page filter reads (`projects/finder-data.js`, one per
//! language). The data file is a script assigning a global rather than JSON, so the finder
//! also works from `file://` where `fetch` does not.

use serde_json::{Value, json};

use super::cards::card;
use super::context::{Cx, OutFile, short_hash};
use super::finder_shards::{DATA_FILE, GLOBAL};
use super::labels::{facet_label, matching, sorted_children, value_name};
use super::model::{BrowseLink, Choice, Fact, FinderBrowse, FinderFilter, FinderModel, FinderStrings};
use crate::domain::finder::{self as rules, Facet};
use crate::domain::{Domain, Status};
use crate::resolve::finder::{self, SECTIONS};
use crate::resolve::{Kind, Page};

/// Whether a section page has a finder (projects, policies).
pub fn is_finder_section(page: &Page) -> bool {
    page.kind == Kind::Section && SECTIONS.iter().any(|(s, _)| *s == page.key)
}

fn facets_of(section: &str) -> &'static [Facet] {
    match section {
        "projects" => Facet::PROJECT,
        "policies" => Facet::POLICY,
        _ => &[],
    }
}

/// The section's address in this language (`/en/projects/`).
fn section_url(cx: &Cx, section: &str) -> Option<String> {
    cx.site.page(section).map(|p| cx.page_url(p))
}

/// The `finder` object of a finder section's first list page.
pub fn finder_object(cx: &Cx, section_page: &Page) -> FinderModel {
    let section = section_page.key.as_str();
    let bands = finder::site_bands(cx.site);
    let is_projects = section == "projects";
    let filters = facets_of(section)
        .iter()
        .filter_map(|&facet| {
            // Policies name few chains and regions themselves; every chain and region can
            // be chosen, and the policies for all match it.
            let values = if is_projects || facet == Facet::Category {
                finder::used_values(cx.site, &bands, section, facet)
            } else {
                finder::all_values(cx.site, &bands, facet)
            };
            (!values.is_empty()).then(|| FinderFilter {
                name: facet.id(),
                label: facet_label(cx, facet),
                options: values.iter().map(|v| Choice { id: v.clone(), name: value_name(cx, facet, v) }).collect(),
            })
        })
        .collect();
    let browse = SECTIONS
        .iter()
        .filter(|(s, _)| *s == section)
        .flat_map(|(_, facets)| facets.iter())
        .filter_map(|&facet| {
            let links: Vec<BrowseLink> = finder::used_values(cx.site, &bands, section, facet)
                .iter()
                .filter_map(|v| {
                    let page = cx.site.page(&format!("{section}/{}/{v}", facet.id()))?;
                    Some(BrowseLink {
                        name: value_name(cx, facet, v),
                        url: cx.page_url(page),
                        count: matching(cx, section, facet, v).len(),
                    })
                })
                .collect();
            (!links.is_empty()).then(|| FinderBrowse { name: facet.id(), label: facet_label(cx, facet), links })
        })
        .collect();
    let noun = if is_projects { "projects" } else { "policies" };
    let strings = FinderStrings {
        count_none: cx.t(&format!("finder.{noun}_none")),
        count_forms: cx.count_forms(&format!("finder.{noun}_count")),
        more: cx.t("finder.show_more"),
        not_translated: cx.t("not_translated"),
        status_label: cx.t("status_label"),
        colon: cx.t("colon"),
    };
    let sort = |id: &str| Choice { id: id.to_string(), name: cx.t(&format!("finder.sort_{id}")) };
    let data_version = short_hash(data_of(cx, section).as_bytes());
    FinderModel {
        section: section.to_string(),
        form_label: cx.t(&format!("finder.{noun}_form")),
        filters,
        closed: is_projects,
        sorts: if is_projects { vec![sort("date"), sort("size")] } else { Vec::new() },
        browse,
        strings,
        data_url: format!("{}{DATA_FILE}?v={data_version}", section_url(cx, section).unwrap_or_default()),
        script_url: cx.static_url("js/finder.js"),
    }
}

/// A finder section's data files, made once per language (see `Cx::finder_data`).
fn files_of<'c>(cx: &'c Cx, section: &str) -> &'c [(String, String)] {
    let all = cx.finder_data.get_or_init(|| SECTIONS.iter().map(|(s, _)| (s.to_string(), data_js(cx, s))).collect());
    all.get(section).map(Vec::as_slice).unwrap_or_default()
}

/// A finder section's data file (the summary of a large list written in parts).
fn data_of<'c>(cx: &'c Cx, section: &str) -> &'c str {
    files_of(cx, section).first().map(|(_, text)| text.as_str()).unwrap_or_default()
}

/// The data files of every finder section in this language.
pub fn data_files(cx: &Cx) -> Vec<OutFile> {
    SECTIONS
        .iter()
        .filter_map(|(section, _)| {
            let page = cx.site.page(section)?;
            let dir = page.version(cx.lang).path.trim_start_matches('/').to_string();
            let files = files_of(cx, section).iter();
            Some(
                files
                    .map(move |(name, text)| OutFile { path: format!("{dir}{name}"), bytes: text.as_bytes().to_vec() }),
            )
        })
        .flatten()
        .collect()
}

/// `window.investsiteFinder = {...};` — every item of the section with its card and its
/// filter values, in the section's order; above `finder.shard_above_kb`, a summary and the
/// items in parts (see `finder_shards`).
fn data_js(cx: &Cx, section: &str) -> Vec<(String, String)> {
    let bands = finder::site_bands(cx.site);
    let usd_rate = finder::usd_rate(cx.site);
    let items: Vec<Value> = sorted_children(cx, section)
        .into_iter()
        .filter(|p| matches!(p.domain, Domain::Project(_) | Domain::Policy(_)))
        .map(|p| {
            let card = card(cx, p);
            let facets: serde_json::Map<String, Value> = facets_of(section)
                .iter()
                .map(|&f| (f.id().to_string(), json!(finder::values(cx.site, &bands, p, f).unwrap_or_default())))
                .collect();
            let investment = match &p.domain {
                Domain::Project(d) => rules::in_yuan(&d.investment, usd_rate).map(|y| y.normalize().to_string()),
                _ => None,
            };
            let facts: Vec<Value> = card.facts.iter().take(4).map(compact_fact).collect();
            json!({
                "url": card.url,
                "title": card.title,
                "summary": card.summary,
                "kind": card.kind,
                "date": card.date,
                "date_iso": p.date.map(|d| d.iso()),
                "status": card.status,
                "status_label": card.status_label,
                "current": cx.status(p).is_none_or(Status::is_current),
                "fallback": card.fallback,
                "lang": card.lang,
                "investment": investment,
                "facets": facets,
                "facts": facts,
            })
        })
        .collect();
    let mut data = json!({"section": section, "lang": cx.lang, "items": items});
    // Escaped as for an inline script, so the file stays safe to inline too.
    let text = crate::sanitize::json_for_script(&data);
    let whole = format!("window.{GLOBAL} = {text};\n");
    let limit = cx.site.config.finder.shard_above_kb.saturating_mul(1024);
    match data["items"].take() {
        Value::Array(items) if whole.len() > limit => super::finder_shards::files(section, cx.lang, items, limit),
        _ => vec![(DATA_FILE.to_string(), whole)],
    }
}

/// A card fact for the data file: label, value and the note only where there is one.
fn compact_fact(f: &Fact) -> Value {
    let mut out = json!({"label": f.label, "value": f.value});
    if let Some(note) = &f.note {
        out["note"] = json!(note);
    }
    if let Some(lang) = &f.lang {
        out["lang"] = json!(lang);
    }
    out
}
