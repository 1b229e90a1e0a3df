//! Resolve stage, finder pages: one static page per value the project and policy lists
//! can be filtered by (`/projects/chain/nonferrous/`, `/projects/region/jingtai/`,
//! `/projects/cooperation/joint-venture/`, `/projects/stage/feasibility/`,
//! `/projects/investment/100m-500m/`, `/policies/category/land/`), so that every filter
//! works without JavaScript and can be linked to. Only values that some item has get a
//! page. The matching rules are in [`crate::domain::finder`].

use std::collections::BTreeSet;

use super::site::{Generated, Kind, Page, Site};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::domain::Domain;
use crate::domain::finder::{self, Facet};

/// The sections that have a finder, and what each is filtered by on static pages.
pub const SECTIONS: &[(&str, &[Facet])] = &[("projects", Facet::PROJECT), ("policies", &[Facet::Category])];

/// The investment bands of the site's settings.
pub fn site_bands(site: &Site) -> Vec<finder::Band> {
    finder::bands(&site.config.finder.investment_bands)
}

pub fn usd_rate(site: &Site) -> Option<rust_decimal::Decimal> {
    site.config.currency.as_ref().map(|c| c.usd_rate)
}

/// An item's values of a facet, or `None` when the page is not a project or policy.
pub fn values(site: &Site, bands: &[finder::Band], page: &Page, facet: Facet) -> Option<Vec<String>> {
    match &page.domain {
        Domain::Project(_) if facet == Facet::Signing => {
            Some(site.signing(&page.key).map(|_| finder::SIGNED.to_string()).into_iter().collect())
        }
        Domain::Project(p) => Some(finder::project_values(p, facet, &site.env, bands, usd_rate(site))),
        Domain::Policy(p) => Some(finder::policy_values(p, facet, &site.env)),
        _ => None,
    }
}

/// The values of a facet that some item of the section has, in the order readers expect:
/// the data files' order for chains and regions, the documented order for the lists.
pub fn used_values(site: &Site, bands: &[finder::Band], section: &str, facet: Facet) -> Vec<String> {
    let used: BTreeSet<String> = site
        .children(section)
        .filter_map(|p| values(site, bands, p, facet))
        .flatten()
        .filter(|v| v != finder::ANY)
        .collect();
    all_values(site, bands, facet).into_iter().filter(|v| used.contains(v)).collect()
}

/// Every value a facet can take, in display order.
pub fn all_values(site: &Site, bands: &[finder::Band], facet: Facet) -> Vec<String> {
    let owned = |ids: &[&str]| ids.iter().map(|s| s.to_string()).collect();
    match facet {
        Facet::Chain => site.env.chains.iter().map(|c| c.id.clone()).collect(),
        Facet::Region => site.env.regions.iter().map(|r| r.id.clone()).collect(),
        Facet::Cooperation => owned(crate::domain::projects::COOPERATION),
        Facet::Stage => owned(crate::domain::projects::STAGES),
        Facet::Band => bands.iter().map(|b| b.id.clone()).collect(),
        Facet::Category => owned(crate::domain::policies::CATEGORIES),
        Facet::Signing => owned(&[finder::SIGNED]),
    }
}

/// Adds the static filter pages below each finder section.
pub fn add_pages(site: &mut Site, diags: &Diagnostics) {
    let bands = site_bands(site);
    let mut new_pages = Vec::new();
    for (section, facets) in SECTIONS {
        let Some(section_page) = site.page(section) else { continue };
        for facet in *facets {
            for value in used_values(site, &bands, section, *facet) {
                let key = format!("{section}/{}/{value}", facet.id());
                let slug = format!("{}/{value}", facet.id());
                let generated = Generated::Filter { section: section.to_string(), facet: *facet, value };
                let mut page = Page::made(
                    key,
                    Kind::Filter,
                    Some(section.to_string()),
                    slug,
                    Some(generated),
                    |_| String::new(),
                    &site.config,
                );
                for (v, section_version) in page.versions.iter_mut().zip(&section_page.versions) {
                    v.path = format!("{}{}/", section_version.path, page.slug);
                }
                new_pages.push(page);
            }
        }
    }
    // Every address taken, once: looked up for each finder page (hundreds on a large site).
    let taken: std::collections::HashSet<String> =
        site.pages.iter().flat_map(|p| p.versions.iter().map(|v| v.path.clone())).collect();
    for page in new_pages {
        let path = &page.versions[0].path;
        let clash = site.by_key.contains_key(&page.key) || taken.contains(path);
        if clash {
            diags.push(
                Diagnostic::error(format!(
                    "content/{}.md clashes with the finder page investsite makes at {path}",
                    page.key
                ))
                .help("rename the content file or give it another `slug:`"),
            );
            continue;
        }
        site.add_page(page);
    }
}
