//! Related lists and kind-specific tables of a page: the policies that apply to a project,
//! a park's projects and prices, a region's indicators, parks and projects, a chain's
//! segments with what serves each.

use super::cards::cards;
use super::context::Cx;
use super::labels::sorted_children;
use super::model::{IndicatorRow, PriceRow, Related, Segment, SegmentGroup, StatSource};
use crate::domain::environment::Chain;
use crate::domain::{Domain, Project, Status};
use crate::resolve::{Generated, Page};
use crate::text::escape_html as escape;

/// The related lists of `page` (empty for kinds that have none).
pub fn related(cx: &Cx, page: &Page) -> Related {
    match (&page.domain, &page.generated) {
        (Domain::Project(p), _) => {
            Related { policies: cards(cx, policies_for(cx, Some(&p.chain), Some(&p.region))), ..Related::default() }
        }
        (Domain::Park(p), _) => {
            let prices = p
                .prices
                .iter()
                .map(|(k, price)| PriceRow {
                    key: k.clone(),
                    label: cx.theme.t(cx.lang, &format!("price.{k}")),
                    value: price.format(cx.lang),
                })
                .collect();
            let projects = projects_where(cx, |d| d.park.as_deref() == Some(page.slug.as_str()));
            Related {
                prices,
                prices_source: stat_source(cx, &p.prices_source, p.prices_year),
                projects_total: Some(projects.len()),
                projects: cards(cx, capped(projects, RELATED_MAX)),
                policies: cards(cx, policies_for(cx, None, Some(&p.region))),
                ..Related::default()
            }
        }
        (_, Some(Generated::Region(id))) => region_related(cx, id),
        (_, Some(Generated::Chain(id))) => chain_related(cx, id),
        _ => Related::default(),
    }
}

/// The text of a chain or region page without a file of its own: the chain's description
/// or the region's summary.
pub fn generated_content(cx: &Cx, page: &Page) -> Option<String> {
    let text = match &page.generated {
        Some(Generated::Region(id)) => cx.text(&cx.site.env.region(id)?.summary),
        Some(Generated::Chain(id)) => cx.text(&cx.site.env.chain(id)?.description),
        _ => return None,
    };
    (!text.is_empty()).then(|| format!("<p>{}</p>", escape(&text)))
}

/// How many related items a page lists: a page is read on a phone, and lists that grow
/// with the site would make every page of a large site heavy (the full lists are the
/// sections and, for chains and regions, their own pages).
const RELATED_MAX: usize = 12;
const RELATED_POLICIES_MAX: usize = 6;

fn capped(pages: Vec<&Page>, max: usize) -> Vec<&Page> {
    pages.into_iter().take(max).collect()
}

fn projects_where<'a>(cx: &Cx<'a>, pred: impl Fn(&Project) -> bool) -> Vec<&'a Page> {
    sorted_children(cx, "projects").into_iter().filter(|p| matches!(&p.domain, Domain::Project(d) if pred(d))).collect()
}

/// Policies for a chain and region, not expired, at most `RELATED_POLICIES_MAX`: those
/// written for this chain or region before those for everyone, then in the section's order
/// (in force first, newest first). Found once per chain and region.
fn policies_for<'a>(cx: &Cx<'a>, chain: Option<&str>, region: Option<&str>) -> Vec<&'a Page> {
    let site: &'a crate::resolve::Site = cx.site;
    let key = (chain.map(str::to_string), region.map(str::to_string));
    let cached = cx.related_policies.lock().unwrap_or_else(|e| e.into_inner()).get(&key).cloned();
    let ids = cached.unwrap_or_else(|| {
        let ids = find_policies(cx, chain, region);
        cx.related_policies.lock().unwrap_or_else(|e| e.into_inner()).insert(key, ids.clone());
        ids
    });
    ids.into_iter().map(|i| &site.pages[i]).collect()
}

fn find_policies(cx: &Cx, chain: Option<&str>, region: Option<&str>) -> Vec<usize> {
    let mut found: Vec<&Page> = sorted_children(cx, "policies")
        .into_iter()
        .filter(|p| matches!(&p.domain, Domain::Policy(d) if d.applies(chain, region, &cx.site.env) && d.status(cx.site.today) != Status::Expired))
        .collect();
    // Stable: the section's order is kept within each group.
    found.sort_by_key(|p| match &p.domain {
        Domain::Policy(d) => d.chains.is_empty() && d.regions.is_empty(),
        _ => true,
    });
    found.truncate(RELATED_POLICIES_MAX);
    found.into_iter().filter_map(|p| cx.site.by_key.get(&p.key).copied()).collect()
}

/// A source and year for readers, or none when neither is given.
pub fn stat_source(cx: &Cx, source: &crate::load::fields::LangText, year: Option<i64>) -> Option<StatSource> {
    let text = Some(cx.text(source)).filter(|s| !s.is_empty());
    if text.is_none() && year.is_none() {
        return None;
    }
    let source_lang = text.as_ref().and_then(|_| cx.text_lang(source));
    Some(StatSource { source: text, source_lang, year })
}

fn region_related(cx: &Cx, id: &str) -> Related {
    let Some(region) = cx.site.env.region(id) else { return Related::default() };
    let indicators: Vec<IndicatorRow> = region
        .indicators
        .iter()
        .map(|i| {
            let (value, unit) = cx.indicator(i);
            let source = Some(cx.text(&i.source)).filter(|s| !s.is_empty());
            let source_lang = source.as_ref().and_then(|_| cx.text_lang(&i.source));
            IndicatorRow {
                key: i.key.clone(),
                label: cx.text(&i.label),
                value,
                unit,
                year: i.year,
                source,
                source_lang,
            }
        })
        .collect();
    // A city's page lists what is in its counties too.
    let ids: Vec<&str> = std::iter::once(id)
        .chain(cx.site.env.regions.iter().filter(|r| r.parent.as_deref() == Some(id)).map(|r| r.id.as_str()))
        .collect();
    let projects = projects_where(cx, |d| ids.contains(&d.region.as_str()));
    let parks: Vec<&Page> = cx
        .site
        .pages
        .iter()
        .filter(|p| matches!(&p.domain, Domain::Park(d) if ids.contains(&d.region.as_str())))
        .collect();
    Related {
        indicator_sources: indicators.iter().any(|i| i.source.is_some()),
        indicators,
        projects_total: Some(projects.len()),
        projects_url: Some(finder_page_url(cx, &format!("projects/region/{id}"))),
        projects: cards(cx, capped(projects, RELATED_MAX)),
        parks: Some(cards(cx, parks)),
        policies: cards(cx, policies_for(cx, None, Some(id))),
        ..Related::default()
    }
}

fn chain_related(cx: &Cx, id: &str) -> Related {
    let Some(chain) = cx.site.env.chain(id) else { return Related::default() };
    let projects = projects_where(cx, |d| d.chain == id);
    let results: Vec<&Page> = sorted_children(cx, "results")
        .into_iter()
        .filter(|p| matches!(&p.domain, Domain::Result(r) if r.industry == id))
        .collect();
    Related {
        segments: segment_groups(cx, chain, &projects, &results),
        projects_total: Some(projects.len()),
        projects_url: Some(finder_page_url(cx, &format!("projects/chain/{id}"))),
        projects: cards(cx, capped(projects, RELATED_MAX)),
        results: cards(cx, capped(results, RELATED_MAX)),
        policies: cards(cx, policies_for(cx, Some(id), None)),
        ..Related::default()
    }
}

/// A chain's segments by stage, each with the chain's projects and pool results in it.
fn segment_groups(cx: &Cx, chain: &Chain, projects: &[&Page], results: &[&Page]) -> Vec<SegmentGroup> {
    crate::domain::environment::STAGES
        .iter()
        .filter(|stage| chain.segments.iter().any(|s| s.stage == **stage))
        .map(|stage| {
            let items = chain
                .segments
                .iter()
                .filter(|s| s.stage == *stage)
                .map(|s| {
                    let seg_projects: Vec<&Page> = projects
                        .iter()
                        .copied()
                        .filter(
                            |p| matches!(&p.domain, Domain::Project(d) if d.segment.as_deref() == Some(s.id.as_str())),
                        )
                        .collect();
                    // Pool results that serve this segment: for a gap, what could fill it.
                    let seg_results: Vec<&Page> = results
                        .iter()
                        .copied()
                        .filter(
                            |p| matches!(&p.domain, Domain::Result(r) if r.segment.as_deref() == Some(s.id.as_str())),
                        )
                        .collect();
                    Segment {
                        id: s.id.clone(),
                        name: cx.text(&s.name),
                        gap: s.is_gap(),
                        enterprises: s.enterprises.iter().map(|e| cx.text(e)).collect(),
                        subchains: s.subchains.iter().map(|(_, n)| cx.text(n)).collect(),
                        projects_total: seg_projects.len(),
                        projects: cards(cx, capped(seg_projects, RELATED_POLICIES_MAX)),
                        results_total: seg_results.len(),
                        results: cards(cx, capped(seg_results, RELATED_POLICIES_MAX)),
                    }
                })
                .collect();
            SegmentGroup { stage, label: cx.theme.t(cx.lang, &format!("segment.{stage}")), items }
        })
        .collect()
}

/// The static finder page listing all of a chain's or region's projects, if it has any.
fn finder_page_url(cx: &Cx, key: &str) -> Option<String> {
    cx.site.page(key).map(|p| cx.page_url(p))
}
