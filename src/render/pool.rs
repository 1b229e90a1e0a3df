//! The research-result pool's pages: the pool index (grouped by industry, ranked,
//! filterable), the industry pages, each admitted result's score breakdown as an SVG chart,
//! and the evaluation report for administrators (HTML kept out of navigation and search,
//! and CSV that opens in Excel).

use super::context::Cx;
use super::model::{Choice, PoolFilters, PoolIndustry, PoolModel, PoolParts, PoolRow, PoolWeights};
use crate::domain::Domain;
use crate::domain::pool::{self, Evaluated, Evaluation, Exclusion, Score};
use crate::resolve::{Generated, Page, Site};
use crate::text::escape_html as escape;

pub const CSV_PATH: &str = "results/evaluation.csv";

fn page_of<'a>(site: &'a Site, e: &Evaluated) -> Option<&'a Page> {
    site.page(&e.id)
}

fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        return "0%".into();
    }
    let r = Score::new(part as i128 * 100, whole as i128);
    format!("{}%", pool::format2(&r).trim_end_matches('0').trim_end_matches('.'))
}

/// One result as a table row, every number formatted.
pub fn row(cx: &Cx, e: &Evaluated) -> PoolRow {
    let site = cx.site;
    let page = page_of(site, e);
    let result = page.and_then(|p| match &p.domain {
        Domain::Result(r) => Some(r.as_ref()),
        _ => None,
    });
    let transfer = result.map(|r| r.transfer.clone()).unwrap_or_default();
    let reason = e.exclusion.as_ref().map(|x| match x {
        Exclusion::BelowMinScore => "below-min",
        Exclusion::OverCap => "over-cap",
    });
    PoolRow {
        id: e.id.clone(),
        rank: e.rank,
        industry_rank: e.industry_rank,
        title: page.map(|p| cx.title(p)).unwrap_or_else(|| e.title.clone()),
        url: page.filter(|_| e.admitted).map(|p| cx.page_url(p)),
        institution: page.and_then(|p| p.version(cx.lang).texts.institution.clone()),
        industry: e.industry.clone(),
        industry_name: industry_name(cx, &e.industry).unwrap_or_else(|| e.industry.clone()),
        market: pool::format2(&e.market),
        value: pool::format2(&e.value),
        tech: pool::format2(&e.tech),
        composite: pool::format2(&e.composite),
        reviews: e.reviews,
        trimmed: e.trimmed,
        trl: result.and_then(|r| r.trl),
        transfer: transfer.iter().map(|t| cx.t(&format!("transfer.{t}"))).collect(),
        transfer_ids: transfer.join(" "),
        admitted: e.admitted,
        reason,
        reason_label: reason.map(|r| cx.t(&format!("pool.reason.{r}"))),
        registered: format!("{:04}-{:02}-{:02}", e.registered.0, e.registered.1, e.registered.2),
        chart: None,
    }
}

fn industry_name(cx: &Cx, id: &str) -> Option<String> {
    cx.site.env.chain(id).map(|c| cx.text(&c.name))
}

/// The pool's figures and its admitted results, grouped by industry in ranking order.
pub fn pool_object(cx: &Cx, eval: &Evaluation) -> PoolModel {
    let site = cx.site;
    let stats = pool::industry_stats(eval);
    let industries = stats
        .iter()
        .map(|s| PoolIndustry {
            id: s.industry.clone(),
            name: industry_name(cx, &s.industry).unwrap_or_else(|| s.industry.clone()),
            url: site.page(&format!("results/industries/{}", s.industry)).map(|p| cx.page_url(p)),
            registered: s.registered,
            admitted: s.admitted,
            rows: eval.results.iter().filter(|e| e.admitted && e.industry == s.industry).map(|e| row(cx, e)).collect(),
        })
        .collect();
    let admitted_rows: Vec<PoolRow> = eval.results.iter().filter(|e| e.admitted).map(|e| row(cx, e)).collect();
    let mut trls: Vec<u8> = admitted_rows.iter().filter_map(|r| r.trl).collect();
    trls.sort_unstable();
    trls.dedup();
    let mut transfers: Vec<&str> = crate::domain::results::TRANSFER
        .iter()
        .copied()
        .filter(|t| admitted_rows.iter().any(|r| r.transfer_ids.split(' ').any(|x| x == *t)))
        .collect();
    transfers.dedup();
    let s = &site.config.pool;
    let rule_args =
        [("ratio", percent_of_text(&s.admit_ratio)), ("min", s.min_score.clone()), ("trim", s.trim_from.to_string())];
    let filters = PoolFilters {
        industries: stats
            .iter()
            .filter(|s| s.admitted > 0)
            .map(|s| Choice { id: s.industry.clone(), name: industry_name(cx, &s.industry).unwrap_or_default() })
            .collect(),
        trls,
        transfers: transfers
            .iter()
            .map(|t| Choice { id: t.to_string(), name: cx.t(&format!("transfer.{t}")) })
            .collect(),
    };
    PoolModel {
        registered: eval.registered,
        admitted: eval.admitted,
        cap: eval.cap,
        share: percent(eval.admitted, eval.registered),
        rule: cx.tf("pool.rule", &rule_args.iter().map(|(k, v)| (*k, v.as_str())).collect::<Vec<_>>()),
        weights: PoolWeights { market: s.w_market.clone(), value: s.w_value.clone(), tech: s.w_tech.clone() },
        industries,
        rows: admitted_rows,
        filters,
        report_url: site.page("results/evaluation").map(|p| cx.page_url(p)),
        csv_url: cx.url(&format!("/{CSV_PATH}")),
    }
}

/// `0.2` → `20%`.
fn percent_of_text(ratio: &str) -> String {
    match pool::parse_fraction(ratio) {
        Ok(r) => format!("{}%", pool::format_exact(&(r * Score::from_integer(100)))),
        Err(_) => ratio.to_string(),
    }
}

/// What the pool adds to a page: the `pool` object (on the pool's own pages), the page's
/// rows and score, and the title of the pages the pool makes.
#[derive(Default)]
pub struct PoolPage {
    pub pool: Option<PoolModel>,
    pub parts: PoolParts,
    pub title: Option<String>,
}

pub fn pool_page(cx: &Cx, page: &Page) -> PoolPage {
    let Some(eval) = &cx.site.pool else { return PoolPage::default() };
    let is_pool_page =
        page.key == "results" || matches!(page.generated, Some(Generated::PoolIndustry(_) | Generated::PoolReport));
    let mut out = PoolPage { pool: is_pool_page.then(|| pool_object(cx, eval)), ..PoolPage::default() };
    match &page.generated {
        Some(Generated::PoolIndustry(id)) => {
            let rows = eval.results.iter().filter(|e| e.admitted && &e.industry == id).map(|e| row(cx, e)).collect();
            out.parts.rows = Some(rows);
            out.parts.industry = Some(id.clone());
            let name = cx.site.env.chain(id).map(|c| cx.text(&c.name)).unwrap_or_else(|| id.clone());
            out.title = Some(cx.tf("pool.industry_title", &[("industry", &name)]));
            out.parts.chain_url = cx.site.page(&format!("chains/{id}")).map(|p| cx.page_url(p));
        }
        Some(Generated::PoolReport) => {
            out.parts.rows = Some(eval.results.iter().map(|e| row(cx, e)).collect());
            out.parts.noindex = Some(true);
            out.title = Some(cx.t("pool.report_title"));
        }
        _ => {}
    }
    if let Some(e) = eval.get(&page.key) {
        out.parts.score = Some(PoolRow { chart: Some(score_chart(cx, e)), ..row(cx, e) });
    }
    out
}

/// The three dimension scores and the composite as horizontal bars (0–100), drawn on the
/// server as SVG: no script, readable on a phone, printable, with real text.
pub fn score_chart(cx: &Cx, e: &Evaluated) -> String {
    let bars = [
        (cx.t("score.composite"), &e.composite, "composite"),
        (cx.t("score.market"), &e.market, "market"),
        (cx.t("score.value"), &e.value, "value"),
        (cx.t("score.tech"), &e.tech, "tech"),
    ];
    let (label_w, bar_w, row_h) = (120.0, 200.0, 34.0);
    let height = row_h * bars.len() as f64 + 10.0;
    let title = cx.t("score.chart_title");
    let mut svg = format!(
        r#"<svg class="score-chart" role="img" aria-labelledby="score-chart-title" viewBox="0 0 {w} {height}" width="100%" xmlns="http://www.w3.org/2000/svg"><title id="score-chart-title">{title}</title>"#,
        w = label_w + bar_w + 60.0,
        title = escape(&title),
    );
    for (i, (label, score, class)) in bars.iter().enumerate() {
        let y = 5.0 + row_h * i as f64;
        let value = pool::format2(score);
        // Display only: the exact value is in the text; the bar's length may round.
        let fraction = value.parse::<f64>().unwrap_or(0.0).clamp(0.0, 100.0) / 100.0;
        svg.push_str(&format!(
            r##"<g class="bar bar-{class}"><text x="0" y="{ty}" font-size="14">{label}</text><rect x="{label_w}" y="{y}" width="{bar_w}" height="22" rx="3" fill="#e8eef0"/><rect x="{label_w}" y="{y}" width="{len:.1}" height="22" rx="3"/><text x="{tx}" y="{ty}" font-size="14" font-weight="600">{value}</text></g>"##,
            ty = y + 16.0,
            label = escape(label),
            len = bar_w * fraction,
            tx = label_w + bar_w + 6.0,
        ));
    }
    svg.push_str("</svg>");
    svg
}

/// Every registered result as CSV for administrators: UTF-8 with a byte-order mark and
/// CRLF line ends, which is what Excel needs to open Chinese text correctly.
pub fn evaluation_csv(site: &Site, eval: &Evaluation) -> Vec<u8> {
    let dl = site.config.default_lang();
    let header = [
        "排名 Rank",
        "编号 ID",
        "成果名称 Title",
        "完成单位 Institution",
        "产业 Industry",
        "评审数 Reviews",
        "去极值 Trimmed",
        "市场潜力 Market",
        "经济价值 Value",
        "技术含量 Tech",
        "综合得分 Composite",
        "入池 Admitted",
        "原因 Reason",
        "登记日期 Registered",
    ];
    let mut out = String::from("\u{feff}");
    out.push_str(&csv_row(header.iter().map(|s| s.to_string())));
    for e in &eval.results {
        let page = site.page(&e.id);
        let institution = page.and_then(|p| p.original_version().texts.institution.clone()).unwrap_or_default();
        let industry =
            site.env.chain(&e.industry).map(|c| c.name.get_or_empty(dl, dl)).unwrap_or_else(|| e.industry.clone());
        let reason = match e.exclusion {
            None => "",
            Some(Exclusion::BelowMinScore) => "低于最低分 below min_score",
            Some(Exclusion::OverCap) => "超出入池比例 over the cap",
        };
        out.push_str(&csv_row(
            [
                e.rank.to_string(),
                e.id.clone(),
                e.title.clone(),
                institution,
                industry,
                e.reviews.to_string(),
                if e.trimmed { "是 yes" } else { "否 no" }.to_string(),
                pool::format2(&e.market),
                pool::format2(&e.value),
                pool::format2(&e.tech),
                pool::format2(&e.composite),
                if e.admitted { "是 yes" } else { "否 no" }.to_string(),
                reason.to_string(),
                format!("{:04}-{:02}-{:02}", e.registered.0, e.registered.1, e.registered.2),
            ]
            .into_iter(),
        ));
    }
    out.into_bytes()
}

pub fn csv_row(fields: impl Iterator<Item = String>) -> String {
    let cells: Vec<String> = fields.map(|f| csv_field(&f)).collect();
    format!("{}\r\n", cells.join(","))
}

/// Quotes a field when it holds a comma, quote or line break; a leading `=`, `+`, `-`, `@`,
/// tab or carriage return (OWASP's list of formula triggers) is prefixed with `'` so Excel
/// does not run it as a formula.
fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.to_string() };
    if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_formulas_defused() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(csv_field("@cmd"), "'@cmd");
        assert_eq!(csv_field("\t=1+1"), "'\t=1+1");
        assert_eq!(csv_field("\r=1"), "\"'\r=1\"");
        assert_eq!(csv_field("兰州大学"), "兰州大学");
    }

    #[test]
    fn percentages_drop_trailing_zeros() {
        assert_eq!(percent(4, 22), "18.18%");
        assert_eq!(percent(1, 5), "20%");
        assert_eq!(percent(0, 0), "0%");
        assert_eq!(percent_of_text("0.2"), "20%");
    }
}
