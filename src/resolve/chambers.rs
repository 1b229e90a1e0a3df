//! Resolve stage, the chamber directory's filter pages: one static page per kind of office
//! and per place that some chamber has (`/chambers/kind/overseas/`,
//! `/chambers/place/shenzhen/`), so that the directory filters without JavaScript and each
//! filter can be linked to, as the project finder's pages (`resolve::finder`) do.

use super::site::{Generated, Kind, Page, Site};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::domain::chambers::{Chamber, KINDS};

/// The section the chamber pages are listed in.
pub const SECTION: &str = "chambers";

/// What the directory filters by, in the order its links are shown.
pub const FACETS: &[&str] = &["kind", "place"];

/// A chamber's value of a facet.
pub fn value_of(chamber: &Chamber, facet: &str) -> Option<String> {
    match facet {
        "kind" => Some(chamber.kind.clone()),
        _ => chamber.place_id(),
    }
}

/// The values of a facet some chamber has: kinds in the documented order, places in the
/// order of the data file.
pub fn used_values(site: &Site, facet: &str) -> Vec<String> {
    let chambers = &site.env.chambers;
    let mut out: Vec<String> = match facet {
        "kind" => {
            KINDS.iter().map(|(id, _, _)| id.to_string()).filter(|k| chambers.iter().any(|c| &c.kind == k)).collect()
        }
        _ => chambers.iter().filter_map(Chamber::place_id).collect(),
    };
    let mut seen = std::collections::HashSet::new();
    out.retain(|v| seen.insert(v.clone()));
    out
}

/// Adds the filter pages below `/chambers/`.
pub fn add_pages(site: &mut Site, diags: &Diagnostics) {
    let Some(section) = site.page(SECTION) else { return };
    let section_paths: Vec<String> = section.versions.iter().map(|v| v.path.clone()).collect();
    let mut new_pages = Vec::new();
    for facet in FACETS {
        for value in used_values(site, facet) {
            let key = format!("{SECTION}/{facet}/{value}");
            let slug = format!("{facet}/{value}");
            let generated = Generated::ChamberFilter { facet, value };
            let mut page = Page::made(
                key,
                Kind::ChamberFilter,
                Some(SECTION.to_string()),
                slug,
                Some(generated),
                |_| String::new(),
                &site.config,
            );
            for (v, section_path) in page.versions.iter_mut().zip(&section_paths) {
                v.path = format!("{section_path}{}/", page.slug);
            }
            new_pages.push(page);
        }
    }
    for page in new_pages {
        // A chamber whose id is `kind` or `place` would be hidden by the folder of filters.
        let path = &page.versions[0].path;
        let clash = site.by_key.contains_key(&page.key)
            || site
                .pages
                .iter()
                .any(|p| p.versions.iter().any(|v| path.starts_with(&v.path) && p.kind == Kind::Chamber));
        if clash {
            diags.push(
                Diagnostic::error(format!("a chamber's page clashes with the filter page investsite makes at {path}"))
                    .in_file("data/chambers.yaml")
                    .field("id")
                    .help(
                        "the ids `kind` and `place` are taken by the directory's filters: give the chamber another id",
                    ),
            );
            continue;
        }
        site.add_page(page);
    }
}
