//! Domain data as facts ready to print: label and value in the reader's language, with
//! links to the chain, region and park pages they name.

use serde_json::{Value, json};

use super::context::{Cx, sorted_children};
use crate::domain::results::Price;
use crate::domain::{Domain, Park, Policy, Project, ResearchResult, Status};
use crate::resolve::{Generated, Page};
use crate::units::{self, Amount};

fn fact(cx: &Cx, key: &str, value: String) -> Value {
    json!({"key": key, "label": cx.theme.t(cx.lang, &format!("fact.{key}")), "value": value, "note": null, "url": null})
}

fn fact_link(cx: &Cx, key: &str, value: String, url: Option<String>) -> Value {
    let mut f = fact(cx, key, value);
    f["url"] = json!(url);
    f
}

/// An amount, with its USD approximation as a note where the site sets a rate and the
/// reader is not reading Chinese.
fn amount_fact(cx: &Cx, key: &str, a: &Amount) -> Value {
    let mut f = fact(cx, key, a.format(cx.lang));
    if cx.lang != "zh"
        && let Some(cur) = &cx.site.config.currency
    {
        f["note"] = json!(a.usd_approx(cur.usd_rate, cx.lang));
    }
    f
}

fn enum_names(cx: &Cx, group: &str, ids: &[String]) -> String {
    let sep = if cx.lang == "zh" { "、" } else { ", " };
    ids.iter().map(|id| cx.theme.t(cx.lang, &format!("{group}.{id}")).to_string()).collect::<Vec<_>>().join(sep)
}

fn chain_link(cx: &Cx, id: &str) -> (String, Option<String>) {
    let name = cx.site.env.chain(id).map(|c| cx.text(&c.name)).unwrap_or_else(|| id.to_string());
    (name, cx.site.page(&format!("chains/{id}")).map(|p| cx.page_url(p)))
}

fn region_link(cx: &Cx, id: &str) -> (String, Option<String>) {
    let name = cx.site.env.region(id).map(|r| cx.text(&r.name)).unwrap_or_else(|| id.to_string());
    (name, cx.site.page(&format!("regions/{id}")).map(|p| cx.page_url(p)))
}

/// A park page by its slug.
fn park_page<'a>(cx: &Cx<'a>, slug: &str) -> Option<&'a Page> {
    cx.site.park(slug)
}

pub fn page_facts(cx: &Cx, page: &Page) -> Vec<Value> {
    match &page.domain {
        Domain::Project(p) => project_facts(cx, p),
        Domain::Policy(p) => policy_facts(cx, page, p),
        Domain::Park(p) => park_facts(cx, p),
        Domain::Result(r) => result_facts(cx, page, r),
        Domain::Plain => Vec::new(),
    }
}

fn project_facts(cx: &Cx, p: &Project) -> Vec<Value> {
    let mut out = Vec::new();
    if let Some(code) = &p.code {
        out.push(fact(cx, "code", code.clone()));
    }
    out.push(amount_fact(cx, "investment", &p.investment));
    let (chain, url) = chain_link(cx, &p.chain);
    out.push(fact_link(cx, "chain", chain, url));
    if let Some(seg) = p.segment.as_ref().and_then(|s| cx.site.env.chain(&p.chain)?.segment(s)) {
        out.push(fact(cx, "segment", cx.text(&seg.name)));
    }
    let (region, url) = region_link(cx, &p.region);
    out.push(fact_link(cx, "region", region, url));
    if let Some(park) = p.park.as_ref().and_then(|s| park_page(cx, s)) {
        out.push(fact_link(cx, "park", cx.title(park), Some(cx.page_url(park))));
    }
    if !p.cooperation.is_empty() {
        out.push(fact(cx, "cooperation", enum_names(cx, "cooperation", &p.cooperation)));
    }
    if let Some(stage) = &p.stage {
        out.push(fact(cx, "stage", cx.theme.t(cx.lang, &format!("stage.{stage}")).to_string()));
    }
    if let Some(land) = &p.land {
        out.push(fact(cx, "land", land.format(cx.lang)));
    }
    let r = &p.returns;
    if let Some(a) = &r.annual_revenue {
        out.push(amount_fact(cx, "annual_revenue", a));
    }
    if let Some(a) = &r.annual_profit {
        out.push(amount_fact(cx, "annual_profit", a));
    }
    if let Some(irr) = r.irr {
        out.push(fact(cx, "irr", units::format_percent(irr, cx.lang)));
    }
    if let Some(y) = r.payback_years {
        out.push(fact(cx, "payback_years", cx.tf("format.years", &[("n", &units::format_number(y, cx.lang))])));
    }
    if let Some(j) = r.jobs {
        out.push(fact(cx, "jobs", cx.tf("format.jobs", &[("n", &units::format_number(j, cx.lang))])));
    }
    out.push(fact(cx, "date", p.date.format(cx.lang)));
    if let Some(e) = p.expires {
        out.push(fact(cx, "expires", e.format(cx.lang)));
    }
    out
}

fn policy_facts(cx: &Cx, page: &Page, p: &Policy) -> Vec<Value> {
    let v = page.version(cx.lang);
    let mut out = Vec::new();
    if let Some(issuer) = v.front.get("issuer").and_then(crate::resolve::value_text) {
        out.push(fact(cx, "issuer", issuer));
    }
    if let Some(n) = &p.doc_number {
        out.push(fact(cx, "doc_number", n.clone()));
    }
    if !p.categories.is_empty() {
        out.push(fact(cx, "categories", enum_names(cx, "category", &p.categories)));
    }
    out.push(fact(cx, "applies_to", applies_to_text(cx, p)));
    out.push(fact(cx, "published", p.published.format(cx.lang)));
    if let Some(d) = p.effective {
        out.push(fact(cx, "effective", d.format(cx.lang)));
    }
    if let Some(d) = p.expires {
        out.push(fact(cx, "expires", d.format(cx.lang)));
    }
    if let Some(s) = &p.source {
        out.push(fact_link(cx, "source", s.clone(), Some(s.clone())));
    }
    out
}

fn applies_to_text(cx: &Cx, p: &Policy) -> String {
    if p.chains.is_empty() && p.regions.is_empty() {
        return cx.t("applies.all").to_string();
    }
    let sep = if cx.lang == "zh" { "、" } else { ", " };
    let mut parts: Vec<String> = p.chains.iter().map(|c| chain_link(cx, c).0).collect();
    parts.extend(p.regions.iter().map(|r| region_link(cx, r).0));
    parts.join(sep)
}

fn park_facts(cx: &Cx, p: &Park) -> Vec<Value> {
    let mut out = Vec::new();
    let (region, url) = region_link(cx, &p.region);
    out.push(fact_link(cx, "region", region, url));
    if let Some(a) = &p.area {
        out.push(fact(cx, "area", a.format(cx.lang)));
    }
    if !p.chains.is_empty() {
        let sep = if cx.lang == "zh" { "、" } else { ", " };
        let names: Vec<String> = p.chains.iter().map(|c| chain_link(cx, c).0).collect();
        out.push(fact(cx, "chains", names.join(sep)));
    }
    if let Some(a) = &p.land_available {
        out.push(fact(cx, "land_available", a.format(cx.lang)));
    }
    out
}

fn result_facts(cx: &Cx, page: &Page, r: &ResearchResult) -> Vec<Value> {
    let v = page.version(cx.lang);
    let mut out = Vec::new();
    if let Some(inst) = v.front.get("institution").and_then(crate::resolve::value_text) {
        out.push(fact(cx, "institution", inst));
    }
    let (chain, url) = chain_link(cx, &r.industry);
    out.push(fact_link(cx, "industry", chain, url));
    if let Some(seg) = r.segment.as_ref().and_then(|s| cx.site.env.chain(&r.industry)?.segment(s)) {
        let url = cx.site.page(&format!("chains/{}", r.industry)).map(|p| format!("{}#{}", cx.page_url(p), seg.id));
        out.push(fact_link(cx, "segment", cx.text(&seg.name), url));
    }
    if let Some(k) = &r.kind {
        out.push(fact(cx, "kind", cx.theme.t(cx.lang, &format!("kind.{k}")).to_string()));
    }
    if let Some(trl) = r.trl {
        out.push(fact(cx, "trl", format!("TRL {trl}")));
    }
    if !r.ip.is_empty() {
        out.push(fact(cx, "ip", r.ip.join(", ")));
    }
    if !r.transfer.is_empty() {
        out.push(fact(cx, "transfer", enum_names(cx, "transfer", &r.transfer)));
    }
    match &r.price {
        Some(Price::Amount(a)) => out.push(amount_fact(cx, "price", a)),
        Some(Price::Negotiable) => out.push(fact(cx, "price", cx.t("price.negotiable").to_string())),
        None => {}
    }
    out.push(fact(cx, "registered", r.registered.format(cx.lang)));
    out
}

/// Two to four facts that tell cards apart in a list.
pub fn card_facts(cx: &Cx, page: &Page) -> Vec<Value> {
    let keep = |facts: Vec<Value>, keys: &[&str]| -> Vec<Value> {
        keys.iter().filter_map(|k| facts.iter().find(|f| f["key"] == *k).cloned()).collect()
    };
    match &page.domain {
        Domain::Project(p) => keep(project_facts(cx, p), &["investment", "chain", "region"]),
        Domain::Policy(p) => keep(policy_facts(cx, page, p), &["issuer", "doc_number", "published"]),
        Domain::Park(p) => keep(park_facts(cx, p), &["region", "area", "land_available"]),
        Domain::Result(r) => keep(result_facts(cx, page, r), &["institution", "industry", "trl"]),
        Domain::Plain => Vec::new(),
    }
}

/// A page's images. `images` is language-neutral: the original's list, if it has one, is
/// shown in every language (a translation's differing list is warned about and unused);
/// only where the original has none does a translation's own list show.
pub fn images(cx: &Cx, page: &Page) -> Vec<Value> {
    let original = &page.original_version().front;
    let front = if original.contains_key("images") { original } else { &page.version(cx.lang).front };
    let list = match front.get("images") {
        Some(Value::Array(a)) => a.iter().filter_map(crate::resolve::value_text).collect(),
        Some(Value::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    };
    list.into_iter().map(|name| json!({"url": file_url(cx, page, &name), "alt": cx.title(page)})).collect()
}

pub fn attachments(cx: &Cx, page: &Page) -> Vec<Value> {
    match &page.domain {
        Domain::Policy(p) => p
            .attachments
            .iter()
            .map(|name| json!({"name": name.rsplit('/').next().unwrap_or(name), "url": file_url(cx, page, name)}))
            .collect(),
        _ => Vec::new(),
    }
}

/// A file named in front matter: in the page's bundle, or under static/; or an address.
/// `crate::named_files` has checked each one, finding it the same way.
fn file_url(cx: &Cx, page: &Page, name: &str) -> String {
    if crate::url_policy::scheme_of(name).is_some() || name.starts_with("//") {
        return name.to_string();
    }
    let encoded = super::links::encode_path(name.trim_start_matches('/'));
    if name.starts_with('/') {
        return cx.url(&format!("/{encoded}"));
    }
    if page.is_bundle && cx.site.assets.iter().any(|a| a.key == page.key && a.name == name) {
        return cx.url(&format!("{}{encoded}", page.original_version().path));
    }
    cx.url(&format!("/{encoded}"))
}

pub fn contact(cx: &Cx, page: &Page) -> Value {
    let c = match &page.domain {
        Domain::Project(p) => p.contact.as_ref(),
        Domain::Result(r) => r.contact.as_ref(),
        _ => None,
    };
    let Some(c) = c else { return Value::Null };
    // Org and person come from the reader's version (translatable); numbers from the original.
    let tr = page.version(cx.lang).front.get("contact");
    let text = |k: &str| tr.and_then(|t| t.get(k)).and_then(crate::resolve::value_text);
    json!({
        "org": text("org").or(c.org.clone()),
        "person": text("person").or(c.person.clone()),
        "phone": c.phone, "email": c.email, "wechat": c.wechat,
    })
}

/// Related lists and kind-specific tables: policies that apply to a project, a park's
/// projects and prices, a region's indicators, a chain's segments.
pub fn add_related(cx: &Cx, page: &Page, obj: &mut Value) {
    match (&page.domain, &page.generated) {
        (Domain::Project(p), _) => {
            obj["policies"] =
                cards(cx, capped(policies_for(cx, Some(&p.chain), Some(&p.region)), RELATED_POLICIES_MAX));
        }
        (Domain::Park(p), _) => {
            obj["prices"] = p
                .prices
                .iter()
                .map(|(k, price)| json!({"key": k, "label": cx.theme.t(cx.lang, &format!("price.{k}")), "value": price.format(cx.lang)}))
                .collect();
            let projects = projects_where(cx, |d| d.park.as_deref() == Some(page.slug.as_str()));
            obj["projects_total"] = json!(projects.len());
            obj["projects"] = cards(cx, capped(projects, RELATED_MAX));
            obj["policies"] = cards(cx, capped(policies_for(cx, None, Some(&p.region)), RELATED_POLICIES_MAX));
        }
        (_, Some(Generated::Region(id))) => region_related(cx, id, obj),
        (_, Some(Generated::Chain(id))) => chain_related(cx, id, obj),
        _ => {}
    }
}

fn cards(cx: &Cx, pages: Vec<&Page>) -> Value {
    Value::Array(pages.into_iter().map(|p| cx.card(p)).collect())
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

/// Policies for a chain and region, not expired: those written for this chain or region
/// before those for everyone, then in the section's order (in force first, newest first).
fn policies_for<'a>(cx: &Cx<'a>, chain: Option<&str>, region: Option<&str>) -> Vec<&'a Page> {
    let mut out: Vec<&Page> = sorted_children(cx, "policies")
        .into_iter()
        .filter(|p| matches!(&p.domain, Domain::Policy(d) if d.applies(chain, region, &cx.site.env) && d.status(cx.site.today) != Status::Expired))
        .collect();
    out.sort_by_key(|p| match &p.domain {
        Domain::Policy(d) => d.chains.is_empty() && d.regions.is_empty(),
        _ => true,
    });
    out
}

fn region_related(cx: &Cx, id: &str, obj: &mut Value) {
    let Some(region) = cx.site.env.region(id) else { return };
    obj["indicators"] = region
        .indicators
        .iter()
        .map(|i| json!({"key": i.key, "label": cx.text(&i.label), "value": i.value, "unit": cx.text(&i.unit), "year": i.year}))
        .collect();
    // A city's page lists what is in its counties too.
    let ids: Vec<&str> = std::iter::once(id)
        .chain(cx.site.env.regions.iter().filter(|r| r.parent.as_deref() == Some(id)).map(|r| r.id.as_str()))
        .collect();
    let projects = projects_where(cx, |d| ids.contains(&d.region.as_str()));
    obj["projects_total"] = json!(projects.len());
    obj["projects_url"] = json!(finder_page_url(cx, &format!("projects/region/{id}")));
    obj["projects"] = cards(cx, capped(projects, RELATED_MAX));
    let parks: Vec<&Page> = cx
        .site
        .pages
        .iter()
        .filter(|p| matches!(&p.domain, Domain::Park(d) if ids.contains(&d.region.as_str())))
        .collect();
    obj["parks"] = cards(cx, parks);
    obj["policies"] = cards(cx, capped(policies_for(cx, None, Some(id)), RELATED_POLICIES_MAX));
    if let Some(s) = Some(cx.text(&region.summary)).filter(|s| !s.is_empty())
        && obj["content"].as_str().unwrap_or("").is_empty()
    {
        obj["content"] = json!(format!("<p>{}</p>", escape(&s)));
    }
}

fn chain_related(cx: &Cx, id: &str, obj: &mut Value) {
    let Some(chain) = cx.site.env.chain(id) else { return };
    let projects = projects_where(cx, |d| d.chain == id);
    let results: Vec<&Page> = sorted_children(cx, "results")
        .into_iter()
        .filter(|p| matches!(&p.domain, Domain::Result(r) if r.industry == id))
        .collect();
    let segments: Vec<Value> = crate::domain::environment::STAGES
        .iter()
        .filter(|stage| chain.segments.iter().any(|s| s.stage == **stage))
        .map(|stage| {
            let items: Vec<Value> = chain
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
                    json!({
                        "id": s.id,
                        "name": cx.text(&s.name),
                        "gap": s.is_gap(),
                        "enterprises": s.enterprises.iter().map(|e| cx.text(e)).collect::<Vec<_>>(),
                        "subchains": s.subchains.iter().map(|(_, n)| cx.text(n)).collect::<Vec<_>>(),
                        "projects_total": seg_projects.len(),
                        "projects": cards(cx, capped(seg_projects, RELATED_POLICIES_MAX)),
                        "results_total": seg_results.len(),
                        "results": cards(cx, capped(seg_results, RELATED_POLICIES_MAX)),
                    })
                })
                .collect();
            json!({"stage": stage, "label": cx.theme.t(cx.lang, &format!("segment.{stage}")), "items": items})
        })
        .collect();
    obj["segments"] = Value::Array(segments);
    obj["projects_total"] = json!(projects.len());
    obj["projects_url"] = json!(finder_page_url(cx, &format!("projects/chain/{id}")));
    obj["projects"] = cards(cx, capped(projects, RELATED_MAX));
    obj["results"] = cards(cx, capped(results, RELATED_MAX));
    obj["policies"] = cards(cx, capped(policies_for(cx, Some(id), None), RELATED_POLICIES_MAX));
    let description = cx.text(&chain.description);
    if !description.is_empty() && obj["content"].as_str().unwrap_or("").is_empty() {
        obj["content"] = json!(format!("<p>{}</p>", escape(&description)));
    }
}

/// The static finder page listing all of a chain's or region's projects, if it has any.
fn finder_page_url(cx: &Cx, key: &str) -> Option<String> {
    cx.site.page(key).map(|p| cx.page_url(p))
}

pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
