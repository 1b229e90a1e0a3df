//! Profiles of the investment environment beyond a page's own facts: indicator charts on
//! region pages (a county against its neighbours, a city's counties side by side), the
//! parks' factor prices compared on the parks section page, and the chains overview with
//! what each chain has: segments, gaps to fill, projects and pool results.

use std::fmt::Write as _;

use super::context::Cx;
use super::labels::sorted_children;
use super::model::{ChainCount, Chart, ChartRow, ComparisonRow, NamedLink, ParkComparison, Profiles};
use crate::domain::environment::{Indicator, PRICE_KEYS};
use crate::domain::{Domain, Park};
use crate::resolve::{Generated, Kind, Page};
use crate::text::escape_html as escape;

/// Shown where a park has no such price or figure.
const MISSING: &str = "—";

/// `page.charts` (region pages), `page.compare` (the parks section) and
/// `page.chain_counts` (the chains section).
pub fn profiles(cx: &Cx, page: &Page) -> Profiles {
    match (&page.kind, &page.generated) {
        (_, Some(Generated::Region(id))) => Profiles { charts: region_charts(cx, id), ..Profiles::default() },
        (Kind::Section, _) if page.key == "environment/parks" => {
            Profiles { compare: park_comparison(cx), ..Profiles::default() }
        }
        (Kind::Section, _) if page.key == "chains" => {
            Profiles { chain_counts: chain_counts(cx), ..Profiles::default() }
        }
        _ => Profiles::default(),
    }
}

// ---------- region charts ----------

/// One bar chart per indicator that several regions of one level report in the same unit:
/// a city's page compares its counties; a county's page shows itself among its neighbours.
fn region_charts(cx: &Cx, id: &str) -> Vec<Chart> {
    let env = &cx.site.env;
    let Some(region) = env.region(id) else { return Vec::new() };
    let children: Vec<_> = env.regions.iter().filter(|r| r.parent.as_deref() == Some(id)).collect();
    let (group, highlight) = if children.len() >= 2 {
        (children, None)
    } else if let Some(parent) = &region.parent {
        (env.regions.iter().filter(|r| r.parent.as_ref() == Some(parent)).collect(), Some(id))
    } else {
        return Vec::new();
    };
    // Indicator keys in the order the regions list them; a county's page only those it has.
    let mut keys: Vec<&str> = Vec::new();
    for r in &group {
        for i in &r.indicators {
            if !keys.contains(&i.key.as_str()) {
                keys.push(&i.key);
            }
        }
    }
    if highlight.is_some() {
        keys.retain(|k| region.indicators.iter().any(|i| i.key == *k));
    }
    let dl = cx.default_lang();
    keys.into_iter()
        .filter_map(|key| {
            let entries: Vec<(&crate::domain::Region, &Indicator, f64)> = group
                .iter()
                .filter_map(|r| {
                    let i = r.indicators.iter().find(|i| i.key == key)?;
                    Some((
                        *r,
                        i,
                        i.value.trim().replace(',', "").parse::<f64>().ok().filter(|v| v.is_finite() && *v >= 0.0)?,
                    ))
                })
                .collect();
            let first = entries.first()?.1;
            // Only like with like: the unit of the first region that reports it.
            let unit = first.unit.get_or_empty(dl, dl);
            let mut entries: Vec<_> =
                entries.into_iter().filter(|(_, i, _)| i.unit.get_or_empty(dl, dl) == unit).collect();
            if entries.len() < 2 {
                return None;
            }
            entries.sort_by(|a, b| b.2.total_cmp(&a.2).then_with(|| a.0.id.cmp(&b.0.id)));
            let year = first.year.filter(|y| entries.iter().all(|(_, i, _)| i.year == Some(*y)));
            let total = entries.len();
            keep_largest(&mut entries, MAX_BARS, |(r, _, _)| Some(r.id.as_str()) == highlight);
            let note = (entries.len() < total).then(|| {
                cx.tf("chart.omitted", &[("shown", &entries.len().to_string()), ("total", &total.to_string())])
            });
            let bars: Vec<Bar> = entries
                .iter()
                .map(|(r, i, v)| Bar {
                    name: cx.text(&r.name),
                    value: *v,
                    text: cx.indicator(i).0,
                    current: Some(r.id.as_str()) == highlight,
                })
                .collect();
            let label = cx.text(&first.label);
            Some(Chart {
                key: key.to_string(),
                label,
                unit: cx.indicator(first).1,
                year,
                svg: bar_chart(&bars, &format!("chart-{key}")),
                rows: bars
                    .iter()
                    .map(|b| ChartRow { name: b.name.clone(), value: b.text.clone(), current: b.current })
                    .collect(),
                note,
            })
        })
        .collect()
}

/// Bars in one chart at most. Every sibling's page draws the whole group, so without a cap
/// the site grows with the square of the number of regions under one parent.
pub const MAX_BARS: usize = 24;

/// Keeps the `max` first (largest) entries, and the page's own region in place of the last
/// when it would fall off.
fn keep_largest<T>(entries: &mut Vec<T>, max: usize, is_current: impl Fn(&T) -> bool) {
    if entries.len() <= max || max == 0 {
        return;
    }
    if let Some(pos) = entries.iter().position(&is_current).filter(|&p| p >= max) {
        entries.swap(max - 1, pos);
    }
    entries.truncate(max);
}

pub(super) struct Bar {
    pub name: String,
    pub value: f64,
    /// The value as written.
    pub text: String,
    pub current: bool,
}

/// Horizontal bars from zero, longest first, with names and values as real text. Hidden
/// from screen readers: the table next to it holds the same numbers.
pub(super) fn bar_chart(bars: &[Bar], class_key: &str) -> String {
    bar_chart_sized(bars, class_key, ChartSize { width: 420.0, max_name: 170.0, margin: 0.0 })
}

/// The drawing's width, the most its names may take and a margin before them (names are
/// measured by an estimate), in SVG units.
pub(super) struct ChartSize {
    pub width: f64,
    pub max_name: f64,
    pub margin: f64,
}

pub(super) fn bar_chart_sized(bars: &[Bar], class_key: &str, size: ChartSize) -> String {
    const ROW: f64 = 30.0;
    const SIZE: f64 = 15.0;
    let name_w =
        bars.iter().map(|b| text_width(&b.name, SIZE)).fold(0.0, f64::max).min(size.max_name) + 8.0 + size.margin;
    let value_w = bars.iter().map(|b| text_width(&b.text, SIZE)).fold(0.0, f64::max) + 8.0;
    let bar_w = size.width - name_w - value_w;
    let max = bars.iter().map(|b| b.value).fold(0.0, f64::max);
    let h = ROW * bars.len() as f64 + 4.0;
    let mut s = format!(
        r#"<svg class="bar-chart {}" viewBox="0 0 {} {h}" width="100%" xmlns="http://www.w3.org/2000/svg" aria-hidden="true" font-size="{SIZE}">"#,
        escape(class_key),
        size.width
    );
    for (n, b) in bars.iter().enumerate() {
        let y = 2.0 + ROW * n as f64;
        let len = if max > 0.0 { (b.value / max * bar_w).max(1.0) } else { 1.0 };
        let _ = write!(
            s,
            r#"<g class="bar{}"><text class="bar-name" x="{:.1}" y="{:.1}" text-anchor="end">{}</text><rect x="{name_w:.1}" y="{:.1}" width="{len:.1}" height="{:.1}" rx="2"/><text class="bar-value" x="{:.1}" y="{:.1}">{}</text></g>"#,
            if b.current { " is-current" } else { "" },
            name_w - 8.0,
            y + 19.0,
            escape(&b.name),
            y + 4.0,
            ROW - 8.0,
            name_w + len + 5.0,
            y + 19.0,
            escape(&b.text),
        );
    }
    s.push_str("</svg>");
    s
}

fn text_width(s: &str, size: f64) -> f64 {
    s.chars().map(|c| if c.is_ascii() { 0.56 } else { 1.0 }).sum::<f64>() * size
}

// ---------- park comparison ----------

/// Every park side by side: area, land available and each factor price any park gives, in
/// the reader's language and units; a park without one shows a dash.
fn park_comparison(cx: &Cx) -> Option<ParkComparison> {
    let parks: Vec<(&Page, &Park)> = sorted_children(cx, "environment/parks")
        .into_iter()
        .filter_map(|p| match &p.domain {
            Domain::Park(d) => Some((p, d.as_ref())),
            _ => None,
        })
        .collect();
    if parks.is_empty() {
        return None;
    }
    let mut rows = Vec::new();
    let area = |f: fn(&Park) -> Option<&crate::units::Area>| -> Vec<String> {
        parks.iter().map(|(_, d)| f(d).map(|a| a.format(cx.lang)).unwrap_or_else(|| MISSING.to_string())).collect()
    };
    rows.push(ComparisonRow { key: "area", label: cx.t("fact.area"), values: area(|d| d.area.as_ref()) });
    rows.push(ComparisonRow {
        key: "land_available",
        label: cx.t("fact.land_available"),
        values: area(|d| d.land_available.as_ref()),
    });
    for key in PRICE_KEYS {
        if !parks.iter().any(|(_, d)| d.prices.iter().any(|(k, _)| k == key)) {
            continue;
        }
        let values: Vec<String> = parks
            .iter()
            .map(|(_, d)| {
                d.prices
                    .iter()
                    .find(|(k, _)| k == key)
                    .map(|(_, p)| p.format(cx.lang))
                    .unwrap_or_else(|| MISSING.to_string())
            })
            .collect();
        rows.push(ComparisonRow { key, label: cx.t(&format!("price.{key}")), values });
    }
    Some(ParkComparison {
        parks: parks.iter().map(|(p, _)| NamedLink { name: cx.title(p), url: cx.page_url(p) }).collect(),
        rows,
    })
}

// ---------- chains overview ----------

/// Per chain: its segments, the gaps among them, its projects and its pool results.
fn chain_counts(cx: &Cx) -> Vec<ChainCount> {
    let projects = sorted_children(cx, "projects");
    let results = sorted_children(cx, "results");
    cx.site
        .env
        .chains
        .iter()
        .map(|c| {
            let n_projects = projects.iter().filter(|p| matches!(&p.domain, Domain::Project(d) if d.chain == c.id)).count();
            let n_results = results.iter().filter(|p| matches!(&p.domain, Domain::Result(r) if r.industry == c.id)).count();
            let gaps: Vec<&str> = c.segments.iter().filter(|s| s.is_gap()).map(|s| s.id.as_str()).collect();
            // A gap counts as taken up when a project or a pool result is aimed at it.
            let aimed = |seg: &str| {
                projects.iter().any(|p| matches!(&p.domain, Domain::Project(d) if d.chain == c.id && d.segment.as_deref() == Some(seg)))
                    || results.iter().any(|p| matches!(&p.domain, Domain::Result(r) if r.industry == c.id && r.segment.as_deref() == Some(seg)))
            };
            ChainCount {
                id: c.id.clone(),
                name: cx.text(&c.name),
                url: cx.site.page(&format!("chains/{}", c.id)).map(|p| cx.page_url(p)),
                segments: c.segments.len(),
                gaps: gaps.len(),
                gaps_addressed: gaps.iter().filter(|g| aimed(g)).count(),
                projects: n_projects,
                results: n_results,
            }
        })
        .collect()
}
