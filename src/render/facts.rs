//! Domain data as facts ready to print: label and value in the reader's language, with
//! links to the chain, region and park pages they name.

use super::context::Cx;
use super::model::{Attachment, Contact, Fact, Image};
use crate::domain::results::Price;
use crate::domain::{Domain, Event, Park, Policy, Project, ResearchResult};
use crate::resolve::{ImageItem, Page};
use crate::units::{self, Amount};

fn fact(cx: &Cx, key: &'static str, value: String) -> Fact {
    let lang = cx.written_lang(&value);
    Fact { key, label: cx.theme.t(cx.lang, &format!("fact.{key}")), value, lang, note: None, url: None }
}

fn fact_link(cx: &Cx, key: &'static str, value: String, url: Option<String>) -> Fact {
    Fact { url, ..fact(cx, key, value) }
}

/// An amount, with its USD approximation as a note where the site sets a rate and the
/// reader is not reading Chinese.
fn amount_fact(cx: &Cx, key: &'static str, a: &Amount) -> Fact {
    let mut f = fact(cx, key, a.format(cx.lang));
    if cx.lang != "zh"
        && let Some(cur) = &cx.site.config.currency
    {
        f.note = a.usd_approx(cur.usd_rate, cx.lang);
    }
    f
}

fn enum_names(cx: &Cx, group: &str, ids: &[String]) -> String {
    let sep = if cx.lang == "zh" { "、" } else { ", " };
    ids.iter().map(|id| cx.theme.t(cx.lang, &format!("{group}.{id}")).to_string()).collect::<Vec<_>>().join(sep)
}

pub fn chain_link(cx: &Cx, id: &str) -> (String, Option<String>) {
    let name = cx.site.env.chain(id).map(|c| cx.text(&c.name)).unwrap_or_else(|| id.to_string());
    (name, cx.site.page(&format!("chains/{id}")).map(|p| cx.page_url(p)))
}

pub fn region_link(cx: &Cx, id: &str) -> (String, Option<String>) {
    let name = cx.site.env.region(id).map(|r| cx.text(&r.name)).unwrap_or_else(|| id.to_string());
    (name, cx.site.page(&format!("regions/{id}")).map(|p| cx.page_url(p)))
}

/// A park page by its slug.
fn park_page<'a>(cx: &Cx<'a>, slug: &str) -> Option<&'a Page> {
    cx.site.park(slug)
}

pub fn page_facts(cx: &Cx, page: &Page) -> Vec<Fact> {
    match &page.domain {
        Domain::Project(p) => project_facts(cx, page, p),
        Domain::Policy(p) => policy_facts(cx, page, p),
        Domain::Event(e) => event_facts(cx, page, e),
        Domain::Park(p) => park_facts(cx, p),
        Domain::Result(r) => result_facts(cx, page, r),
        Domain::Plain => Vec::new(),
    }
}

/// An event's days: one day, or the first and last; with its time in Beijing time.
pub fn event_days(cx: &Cx, e: &Event) -> String {
    let days = match e.end {
        Some(end) => cx.tf("format.date_range", &[("from", &e.start.format(cx.lang)), ("to", &end.format(cx.lang))]),
        None => e.start.format(cx.lang),
    };
    match e.time {
        Some(t) => cx.tf("format.event_time", &[("days", &days), ("time", &t.text())]),
        None => days,
    }
}

fn event_facts(cx: &Cx, page: &Page, e: &Event) -> Vec<Fact> {
    let texts = &page.version(cx.lang).texts;
    let mut out = vec![fact(cx, "event_dates", event_days(cx, e))];
    if let Some(place) = texts.place.clone() {
        out.push(fact(cx, "place", place));
    }
    if let Some(kind) = &e.kind {
        out.push(fact(cx, "event_kind", cx.t(&format!("event_kind.{kind}"))));
    }
    if let Some(org) = texts.organiser.clone() {
        out.push(fact(cx, "organiser", org));
    }
    if let Some(n) = e.delegations {
        out.push(fact(cx, "delegations", n.to_string()));
    }
    let signed: Vec<_> = cx.site.signed_at(&page.key).collect();
    if !signed.is_empty() {
        out.push(fact(cx, "signed_projects", signed.len().to_string()));
    }
    out
}

/// The "Signed" badge of a signed project.
pub fn signed_badge(cx: &Cx, page: &Page) -> Option<String> {
    matches!(page.domain, Domain::Project(_)).then(|| cx.site.signing(&page.key)).flatten().map(|_| cx.t("signed"))
}

/// "2026年7月8日 · 第32届兰洽会": when and where a project was signed, linked to the event.
fn signed_fact(cx: &Cx, page: &Page) -> Option<Fact> {
    let s = cx.site.signing(&page.key)?;
    let event = s.event.as_deref().and_then(|k| cx.site.page(k));
    let mut value = s.date.format(cx.lang);
    if let Some(e) = event {
        value = format!("{value} · {}", cx.title(e));
    }
    Some(fact_link(cx, "signed", value, event.map(|e| cx.page_url(e))))
}

fn project_facts(cx: &Cx, page: &Page, p: &Project) -> Vec<Fact> {
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
        out.push(fact(cx, "payback_years", cx.count("format.years", y)));
    }
    if let Some(j) = r.jobs {
        out.push(fact(cx, "jobs", cx.tf("format.jobs", &[("n", &units::format_number(j, cx.lang))])));
    }
    out.push(fact(cx, "date", p.date.format(cx.lang)));
    if let Some(e) = p.expires {
        out.push(fact(cx, "expires", e.format(cx.lang)));
    }
    if let Some(signed) = signed_fact(cx, page) {
        out.push(signed);
        let s = cx.site.signing(&page.key);
        if let Some(partner) = s.and_then(|s| s.partner.get(cx.lang, cx.default_lang())) {
            out.push(fact(cx, "partner", partner.to_string()));
        }
        if let Some(a) = s.and_then(|s| s.amount.as_ref()) {
            out.push(amount_fact(cx, "signed_amount", a));
        }
    }
    out
}

fn policy_facts(cx: &Cx, page: &Page, p: &Policy) -> Vec<Fact> {
    let mut out = Vec::new();
    if let Some(issuer) = page.version(cx.lang).texts.issuer.clone() {
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
        // A policy's end is when it stops applying, not a deadline to apply by.
        out.push(Fact { label: cx.t("fact.valid_until"), ..fact(cx, "expires", d.format(cx.lang)) });
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

fn park_facts(cx: &Cx, p: &Park) -> Vec<Fact> {
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

fn result_facts(cx: &Cx, page: &Page, r: &ResearchResult) -> Vec<Fact> {
    let mut out = Vec::new();
    if let Some(inst) = page.version(cx.lang).texts.institution.clone() {
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
pub fn card_facts(cx: &Cx, page: &Page) -> Vec<Fact> {
    let keep = |facts: Vec<Fact>, keys: &[&str]| -> Vec<Fact> {
        keys.iter().filter_map(|k| facts.iter().find(|f| f.key == *k).cloned()).collect()
    };
    match &page.domain {
        Domain::Project(p) => keep(project_facts(cx, page, p), &["investment", "chain", "region", "signed"]),
        Domain::Event(e) => keep(event_facts(cx, page, e), &["event_dates", "place", "event_kind", "signed_projects"]),
        Domain::Policy(p) => keep(policy_facts(cx, page, p), &["issuer", "doc_number", "published"]),
        Domain::Park(p) => keep(park_facts(cx, p), &["region", "area", "land_available"]),
        Domain::Result(r) => keep(result_facts(cx, page, r), &["institution", "industry", "trl"]),
        Domain::Plain => Vec::new(),
    }
}

/// A page's images. `images` is language-neutral: the original's list, if it has one, is
/// shown in every language (a translation's differing list is warned about and unused);
/// only where the original has none does a translation's own list show.
///
/// Alt text and caption are the reader's language's: from a per-language map, or written
/// once in the list's own file's language. Without alt text in the reader's language the
/// page's title stands in (and the build warns, in `named_files`).
pub fn images(cx: &Cx, page: &Page) -> Vec<Image> {
    let original = page.original_version();
    let (list, version) = match original.texts.images.as_ref() {
        Some(list) => (Some(list), original),
        None => (page.version(cx.lang).texts.images.as_ref(), page.version(cx.lang)),
    };
    let written_in = version.file.map(|f| cx.site.files[f].lang.as_str()).unwrap_or(cx.lang);
    let text = |t| ImageItem::text_in(t, cx.lang, written_in).map(str::to_string);
    list.into_iter()
        .flatten()
        .map(|item| {
            let alt = text(&item.alt).unwrap_or_else(|| cx.title(page));
            super::pictures::image(cx, &file_url(cx, page, &item.src), alt, text(&item.caption))
        })
        .collect()
}

pub fn attachments(cx: &Cx, page: &Page) -> Vec<Attachment> {
    match &page.domain {
        Domain::Policy(p) => p
            .attachments
            .iter()
            .map(|name| Attachment {
                name: name.rsplit('/').next().unwrap_or(name).to_string(),
                url: file_url(cx, page, name),
            })
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

pub fn contact(cx: &Cx, page: &Page) -> Option<Contact> {
    let c = match &page.domain {
        Domain::Project(p) => p.contact.as_ref(),
        Domain::Result(r) => r.contact.as_ref(),
        _ => None,
    }?;
    // Org and person come from the reader's version (translatable); numbers from the original.
    let texts = &page.version(cx.lang).texts;
    let org = texts.contact_org.clone().or(c.org.clone());
    let person = texts.contact_person.clone().or(c.person.clone());
    Some(Contact {
        org_lang: org.as_deref().and_then(|o| cx.written_lang(o)),
        person_lang: person.as_deref().and_then(|p| cx.written_lang(p)),
        org,
        person,
        phone: c.phone.as_ref().map(|p| crate::units::present_phone(p, cx.lang).display),
        phone_tel: c.phone.as_ref().map(|p| crate::units::present_phone(p, cx.lang).tel),
        email: c.email.clone(),
        wechat: c.wechat.clone(),
    })
}
