//! The statistics page (`/statistics/`) and its open data (`data/statistics.json`,
//! `data/statistics.csv`), and the key figures the home page computes from data.
//!
//! Consumes the published events and `Site::signings`; the sums are
//! `domain::statistics`' (exact decimals). Charts are SVG bars beside a table with the same
//! figures (their text alternative, and what prints); floats only place bars.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde_json::{Value, json};

use super::context::{Cx, OutFile};
use super::labels::sorted_children;
use super::model::{Chart, ChartRow, StatisticsModel};
use super::profiles::{Bar, ChartSize, bar_chart_sized};
use crate::domain::statistics::{self, EventFact, Figures, SigningFact, Statistics};
use crate::domain::{Domain, Status};
use crate::resolve::{Kind, Page};
use crate::units::{Amount, Currency};

/// The statistics of the published site, as of the build's today.
pub fn compute(cx: &Cx) -> Statistics {
    let events: Vec<EventFact> = sorted_children(cx, super::events::SECTION)
        .into_iter()
        .filter_map(|p| match &p.domain {
            Domain::Event(e) => Some(EventFact { start: e.start, delegations: e.delegations.unwrap_or(0) }),
            _ => None,
        })
        .collect();
    let signings: Vec<SigningFact> = cx
        .site
        .signings
        .iter()
        .filter_map(|s| {
            let Domain::Project(p) = &cx.site.page(&s.project)?.domain else { return None };
            Some(SigningFact { date: s.date, amount: s.amount, chain: p.chain.clone(), region: p.region.clone() })
        })
        .collect();
    statistics::compute(&events, &signings, cx.site.today)
}

/// "Computed from 8 events and 12 signed projects on this site, as of 4 December 2026."
fn source(cx: &Cx, st: &Statistics) -> String {
    cx.tf(
        "statistics.source",
        &[
            ("events", &st.total.events.to_string()),
            ("signed", &st.total.signed.to_string()),
            ("date", &st.as_of.format(cx.lang)),
        ],
    )
}

fn data_path(cx: &Cx, ext: &str) -> String {
    format!("{}/data/statistics.{ext}", cx.site.config.lang_prefix(cx.lang))
}

pub fn statistics_model(cx: &Cx, page: &Page) -> Option<StatisticsModel> {
    if page.kind != Kind::Statistics {
        return None;
    }
    let st = compute(cx);
    let year_rows = |f: &dyn Fn(&Figures) -> (f64, String)| -> Vec<(String, f64, String)> {
        st.by_year
            .iter()
            .map(|(y, fig)| {
                let (v, t) = f(fig);
                (y.to_string(), v, t)
            })
            .collect()
    };
    let count = |n: usize| (n as f64, n.to_string());
    let amount = |fig: &Figures| (cny_f64(fig.cny()), amounts_or_zero(cx, &fig.amounts));
    let named_rows = |map: &std::collections::BTreeMap<String, Figures>, name: &dyn Fn(&str) -> String| {
        let mut rows: Vec<(String, f64, String)> = map
            .iter()
            .map(|(id, fig)| {
                let (v, t) = amount(fig);
                (name(id), v, t)
            })
            .collect();
        rows.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        rows
    };
    let chain_name = |id: &str| cx.site.env.chain(id).map(|c| cx.text(&c.name)).unwrap_or_else(|| id.to_string());
    let region_name = |id: &str| cx.site.env.region(id).map(|r| cx.text(&r.name)).unwrap_or_else(|| id.to_string());
    let year = cx.t("statistics.year");
    let charts = vec![
        chart(cx, "events-per-year", "statistics.events_per_year", &year, year_rows(&|f| count(f.events))),
        chart(
            cx,
            "delegations-per-year",
            "statistics.delegations_per_year",
            &year,
            year_rows(&|f| (f.delegations as f64, f.delegations.to_string())),
        ),
        chart(cx, "signed-per-year", "statistics.signed_per_year", &year, year_rows(&|f| count(f.signed))),
        chart(cx, "amount-per-year", "statistics.amount_per_year", &year, year_rows(&|f| amount(f))),
        chart(
            cx,
            "amount-per-chain",
            "statistics.amount_per_chain",
            &cx.t("fact.chain"),
            named_rows(&st.by_chain, &chain_name),
        ),
        chart(
            cx,
            "amount-per-region",
            "statistics.amount_per_region",
            &cx.t("fact.region"),
            named_rows(&st.by_region, &region_name),
        ),
    ];
    Some(StatisticsModel {
        source: source(cx, &st),
        charts: charts.into_iter().filter(|c| !c.rows.is_empty()).collect(),
        json_url: cx.url(&data_path(cx, "json")),
        csv_url: cx.url(&data_path(cx, "csv")),
    })
}

/// Yuan as a float, only to size a bar.
fn cny_f64(v: Decimal) -> f64 {
    v.to_f64().unwrap_or(0.0)
}

fn amounts_or_zero(cx: &Cx, amounts: &[Amount]) -> String {
    if amounts.is_empty() {
        Amount { value: Decimal::ZERO, currency: Currency::Cny }.format(cx.lang)
    } else {
        super::events::amounts_text(cx, amounts)
    }
}

fn chart(cx: &Cx, key: &str, title_key: &str, label_heading: &str, rows: Vec<(String, f64, String)>) -> Chart {
    let bars: Vec<Bar> = rows
        .iter()
        .map(|(name, v, t)| Bar { name: name.clone(), value: *v, text: t.clone(), current: false })
        .collect();
    Chart {
        key: key.to_string(),
        label: cx.t(title_key),
        unit: label_heading.to_string(),
        year: None,
        // Wider than a region page's charts: chain names are long, and a year's label needs room.
        svg: if bars.is_empty() {
            String::new()
        } else {
            bar_chart_sized(&bars, key, ChartSize { width: 600.0, max_name: 260.0, margin: 16.0 })
        },
        rows: rows.into_iter().map(|(name, _, value)| ChartRow { name, value, current: false }).collect(),
        note: None,
    }
}

/// The language's statistics as JSON and CSV, when the site has the page.
pub fn data_files(cx: &Cx) -> Vec<OutFile> {
    if cx.site.page(crate::resolve::events::STATISTICS_KEY).is_none() {
        return Vec::new();
    }
    let st = compute(cx);
    let row = |dimension: &str, key: &str, name: String, f: &Figures| {
        json!({
            "dimension": dimension,
            "key": key,
            "name": name,
            "events": f.events,
            "delegations": f.delegations,
            "signed_projects": f.signed,
            "signed_amount_cny": f.cny().normalize().to_string(),
            "signed_amount_text": amounts_or_zero(cx, &f.amounts),
        })
    };
    let mut rows: Vec<Value> = vec![row("total", "", cx.t("statistics.total"), &st.total)];
    rows.extend(st.by_year.iter().map(|(y, f)| row("year", &y.to_string(), y.to_string(), f)));
    rows.extend(
        st.by_chain
            .iter()
            .map(|(id, f)| row("chain", id, cx.site.env.chain(id).map(|c| cx.text(&c.name)).unwrap_or_default(), f)),
    );
    rows.extend(
        st.by_region
            .iter()
            .map(|(id, f)| row("region", id, cx.site.env.region(id).map(|r| cx.text(&r.name)).unwrap_or_default(), f)),
    );
    let doc = json!({
        "language": cx.lang,
        "site": cx.site.config.title.get_or_empty(cx.lang, cx.default_lang()),
        "as_of": st.as_of.iso(),
        "source": source(cx, &st),
        "count": rows.len(),
        "items": rows,
    });
    const COLUMNS: &[(&str, &str)] = &[
        ("dimension", "/dimension"),
        ("key", "/key"),
        ("name", "/name"),
        ("events", "/events"),
        ("delegations", "/delegations"),
        ("signed_projects", "/signed_projects"),
        ("signed_amount_cny", "/signed_amount_cny"),
        ("signed_amount", "/signed_amount_text"),
    ];
    vec![
        OutFile {
            path: data_path(cx, "json").trim_start_matches('/').to_string(),
            bytes: serde_json::to_vec_pretty(&doc).unwrap_or_default(),
        },
        OutFile {
            path: data_path(cx, "csv").trim_start_matches('/').to_string(),
            bytes: super::open_data::csv(&doc["items"], COLUMNS),
        },
    ]
}

/// A computed key figure's value in the reader's language, for all years or one; `None`
/// for an unknown name (reported when the site is resolved).
pub fn computed_figure(cx: &Cx, st: &Statistics, name: &str, year: Option<i32>) -> Option<String> {
    let empty = Figures::default();
    let f = match year {
        Some(y) => st.by_year.get(&y).unwrap_or(&empty),
        None => &st.total,
    };
    Some(match name {
        "events" => f.events.to_string(),
        "delegations" => f.delegations.to_string(),
        "signed_projects" => f.signed.to_string(),
        "signed_amount" => amounts_or_zero(cx, &f.amounts),
        "projects_open" => sorted_children(cx, "projects")
            .into_iter()
            .filter(|p| matches!(&p.domain, Domain::Project(d) if d.status(cx.site.today) == Status::Open))
            .count()
            .to_string(),
        "results_admitted" => {
            cx.site.pool.as_ref().map_or(0, |e| e.results.iter().filter(|r| r.admitted).count()).to_string()
        }
        _ => return None,
    })
}
