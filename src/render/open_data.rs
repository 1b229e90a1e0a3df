//! Open data for the provincial investment cloud platform (招商云平台) and partner sites:
//! `projects.json`, `policies.json` and `results.json` (the pool) per language, each with a
//! JSON Schema (`/data/schema/v1/*.schema.json`), and the same rows as CSV that opens in
//! Excel. Amounts are exact decimal strings in yuan (or their currency), never floats.

use serde_json::{Value, json};

use super::context::{Cx, OutFile};
use super::facts;
use super::labels::sorted_children;
use crate::domain::pool;
use crate::domain::results::Price;
use crate::domain::{Domain, Status};
use crate::resolve::Page;
use crate::units::{Amount, Area};

/// Bumped on any change that is not a pure addition of optional fields.
pub const SCHEMA_VERSION: &str = "1.0";
pub const SCHEMA_DIR: &str = "data/schema/v1";

const DATASETS: &[&str] = &["projects", "policies", "results"];

pub fn schema_files(base_url: &str) -> Vec<OutFile> {
    DATASETS
        .iter()
        .map(|name| {
            let schema = schema(name, base_url);
            OutFile {
                path: format!("{SCHEMA_DIR}/{name}.schema.json"),
                bytes: serde_json::to_vec_pretty(&schema).unwrap_or_default(),
            }
        })
        .collect()
}

/// The folder of one language's open data: `data`, `en/data`.
pub fn data_dir(cx: &Cx) -> String {
    format!("{}/data", cx.site.config.lang_prefix(cx.lang)).trim_start_matches('/').to_string()
}

/// The data files of one language: JSON and CSV for each dataset.
pub fn data_files(cx: &Cx) -> Vec<OutFile> {
    let dir = data_dir(cx);
    let mut out = Vec::new();
    for name in DATASETS {
        let items = match *name {
            "projects" => projects(cx),
            "policies" => policies(cx),
            _ => results(cx),
        };
        let doc = json!({
            "$schema": format!("{}/{SCHEMA_DIR}/{name}.schema.json", cx.site.config.base_url),
            "schema_version": SCHEMA_VERSION,
            "language": cx.lang,
            "site": cx.site.config.title.get_or_empty(cx.lang, cx.default_lang()),
            "generated": cx.site.today.iso(),
            "count": items.len(),
            "items": items,
        });
        out.push(OutFile {
            path: format!("{dir}/{name}.json"),
            bytes: serde_json::to_vec_pretty(&doc).unwrap_or_default(),
        });
        out.push(OutFile { path: format!("{dir}/{name}.csv"), bytes: csv(&doc["items"], columns(name)) });
    }
    out
}

fn amount(a: &Amount, lang: &str) -> Value {
    json!({"amount": a.value.normalize().to_string(), "currency": a.currency.code(), "text": a.format(lang)})
}

fn area(a: &Area, lang: &str) -> Value {
    json!({"hectares": a.hectares().round_dp(4).normalize().to_string(), "text": a.format(lang)})
}

fn named(id: &str, name: String) -> Value {
    json!({"id": id, "name": name})
}

fn common(cx: &Cx, page: &Page) -> serde_json::Map<String, Value> {
    let v = page.version(cx.lang);
    let mut m = serde_json::Map::new();
    m.insert("id".into(), json!(page.key));
    m.insert("url".into(), json!(cx.permalink(&v.path)));
    m.insert("title".into(), json!(cx.title(page)));
    m.insert("summary".into(), json!(cx.summary(page)));
    m.insert("translated".into(), json!(!v.fallback));
    m
}

fn projects(cx: &Cx) -> Vec<Value> {
    let env = &cx.site.env;
    sorted_children(cx, "projects")
        .into_iter()
        .filter_map(|page| {
            let Domain::Project(p) = &page.domain else { return None };
            let mut m = common(cx, page);
            let chain = env.chain(&p.chain);
            m.insert("code".into(), json!(p.code));
            m.insert("chain".into(), named(&p.chain, chain.map(|c| cx.text(&c.name)).unwrap_or_default()));
            let segment = p.segment.as_ref().and_then(|s| chain?.segment(s));
            m.insert("segment".into(), segment.map(|s| named(&s.id, cx.text(&s.name))).unwrap_or(Value::Null));
            m.insert(
                "region".into(),
                named(&p.region, env.region(&p.region).map(|r| cx.text(&r.name)).unwrap_or_default()),
            );
            let park = p.park.as_ref().and_then(|slug| cx.site.park(slug));
            m.insert("park".into(), park.map(|x| named(&x.slug, cx.title(x))).unwrap_or(Value::Null));
            m.insert("investment".into(), amount(&p.investment, cx.lang));
            m.insert("cooperation".into(), json!(p.cooperation));
            m.insert("stage".into(), json!(p.stage));
            let r = &p.returns;
            m.insert(
                "returns".into(),
                json!({
                    "annual_revenue": r.annual_revenue.as_ref().map(|a| amount(a, cx.lang)),
                    "annual_profit": r.annual_profit.as_ref().map(|a| amount(a, cx.lang)),
                    "irr_percent": r.irr.map(|d| d.normalize().to_string()),
                    "payback_years": r.payback_years.map(|d| d.normalize().to_string()),
                    "jobs": r.jobs.map(|d| d.normalize().to_string()),
                }),
            );
            m.insert("land".into(), p.land.as_ref().map(|a| area(a, cx.lang)).unwrap_or(Value::Null));
            m.insert("date".into(), json!(p.date.iso()));
            m.insert("expires".into(), json!(p.expires.map(|d| d.iso())));
            m.insert("status".into(), json!(p.status(cx.site.today).id()));
            m.insert("contact".into(), open_contact(cx, page));
            m.insert("location".into(), json!(p.location.map(|(lon, lat)| [lon, lat])));
            m.insert("signed".into(), signed(cx, page));
            Some(Value::Object(m))
        })
        .collect()
}

/// A signed project's signing (see `resolve::events`); null for the others.
fn signed(cx: &Cx, page: &Page) -> Value {
    let Some(s) = cx.site.signing(&page.key) else { return Value::Null };
    let event = s.event.as_deref().and_then(|k| cx.site.page(k));
    json!({
        "date": s.date.iso(),
        "event": event.map(|e| named(&e.key, cx.title(e))),
        "partner": s.partner.get(cx.lang, cx.default_lang()),
        "amount": s.amount.as_ref().map(|a| amount(a, cx.lang)),
    })
}

fn policies(cx: &Cx) -> Vec<Value> {
    sorted_children(cx, "policies")
        .into_iter()
        .filter_map(|page| {
            let Domain::Policy(p) = &page.domain else { return None };
            let mut m = common(cx, page);
            m.insert("issuer".into(), json!(page.version(cx.lang).texts.issuer));
            m.insert("doc_number".into(), json!(p.doc_number));
            m.insert("categories".into(), json!(p.categories));
            m.insert("applies_to".into(), json!({"chains": p.chains, "regions": p.regions}));
            m.insert("published".into(), json!(p.published.iso()));
            m.insert("effective".into(), json!(p.effective.map(|d| d.iso())));
            m.insert("expires".into(), json!(p.expires.map(|d| d.iso())));
            let status: Status = p.status(cx.site.today);
            m.insert("status".into(), json!(status.id()));
            let attachments: Vec<Value> = facts::attachments(cx, page)
                .into_iter()
                .map(|a| json!(format!("{}{}", cx.site.config.host_url(), a.url)))
                .collect();
            m.insert("attachments".into(), Value::Array(attachments));
            m.insert("source".into(), json!(p.source));
            Some(Value::Object(m))
        })
        .collect()
}

fn results(cx: &Cx) -> Vec<Value> {
    let Some(eval) = &cx.site.pool else { return Vec::new() };
    eval.results
        .iter()
        .filter(|e| e.admitted)
        .filter_map(|e| {
            let page = cx.site.page(&e.id)?;
            let Domain::Result(r) = &page.domain else { return None };
            let mut m = common(cx, page);
            m.insert("institution".into(), json!(page.version(cx.lang).texts.institution));
            let industry = cx.site.env.chain(&r.industry).map(|c| cx.text(&c.name)).unwrap_or_default();
            m.insert("industry".into(), named(&r.industry, industry));
            m.insert("kind".into(), json!(r.kind));
            m.insert("trl".into(), json!(r.trl));
            m.insert("ip".into(), json!(r.ip));
            m.insert("transfer".into(), json!(r.transfer));
            m.insert(
                "price".into(),
                match &r.price {
                    Some(Price::Amount(a)) => amount(a, cx.lang),
                    Some(Price::Negotiable) => json!("negotiable"),
                    None => Value::Null,
                },
            );
            m.insert("registered".into(), json!(r.registered.iso()));
            m.insert("rank".into(), json!(e.rank));
            m.insert("industry_rank".into(), json!(e.industry_rank));
            m.insert(
                "scores".into(),
                json!({
                    "market": pool::format2(&e.market), "value": pool::format2(&e.value),
                    "tech": pool::format2(&e.tech), "composite": pool::format2(&e.composite),
                    "reviews": e.reviews, "trimmed": e.trimmed,
                }),
            );
            m.insert("contact".into(), open_contact(cx, page));
            Some(Value::Object(m))
        })
        .collect()
}

/// The CSV columns of a dataset: (header, JSON pointer into an item).
fn columns(name: &str) -> &'static [(&'static str, &'static str)] {
    match name {
        "projects" => &[
            ("id", "/id"),
            ("url", "/url"),
            ("title", "/title"),
            ("code", "/code"),
            ("chain", "/chain/name"),
            ("region", "/region/name"),
            ("park", "/park/name"),
            ("investment_amount", "/investment/amount"),
            ("investment_currency", "/investment/currency"),
            ("investment", "/investment/text"),
            ("cooperation", "/cooperation"),
            ("stage", "/stage"),
            ("land_hectares", "/land/hectares"),
            ("date", "/date"),
            ("expires", "/expires"),
            ("status", "/status"),
            ("contact_org", "/contact/org"),
            ("contact_phone", "/contact/phone"),
            ("contact_email", "/contact/email"),
            ("summary", "/summary"),
            ("signed_date", "/signed/date"),
            ("signed_amount", "/signed/amount/amount"),
        ],
        "policies" => &[
            ("id", "/id"),
            ("url", "/url"),
            ("title", "/title"),
            ("issuer", "/issuer"),
            ("doc_number", "/doc_number"),
            ("categories", "/categories"),
            ("chains", "/applies_to/chains"),
            ("regions", "/applies_to/regions"),
            ("published", "/published"),
            ("effective", "/effective"),
            ("expires", "/expires"),
            ("status", "/status"),
            ("source", "/source"),
            ("summary", "/summary"),
        ],
        _ => &[
            ("rank", "/rank"),
            ("id", "/id"),
            ("url", "/url"),
            ("title", "/title"),
            ("institution", "/institution"),
            ("industry", "/industry/name"),
            ("industry_rank", "/industry_rank"),
            ("composite", "/scores/composite"),
            ("market", "/scores/market"),
            ("value", "/scores/value"),
            ("tech", "/scores/tech"),
            ("trl", "/trl"),
            ("transfer", "/transfer"),
            ("price", "/price/text"),
            ("registered", "/registered"),
            ("contact_org", "/contact/org"),
            ("contact_phone", "/contact/phone"),
        ],
    }
}

/// UTF-8 with a byte-order mark and CRLF: what Excel needs to read Chinese correctly.
pub(super) fn csv(items: &Value, columns: &[(&str, &str)]) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    let header: Vec<String> = columns.iter().map(|(h, _)| h.to_string()).collect();
    out.push_str(&super::pool::csv_row(header.into_iter()));
    for item in items.as_array().into_iter().flatten() {
        let cells = columns.iter().map(|(_, ptr)| cell(item.pointer(ptr)));
        out.push_str(&super::pool::csv_row(cells));
    }
    out.into_bytes()
}

fn cell(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(a)) => a.iter().map(|x| cell(Some(x))).collect::<Vec<_>>().join("; "),
        Some(other) => other.to_string(),
    }
}

/// JSON Schema (2020-12) of a dataset, so that partners can validate what they receive.
fn schema(name: &str, base_url: &str) -> Value {
    let s = json!({"type": "string"});
    let s_or_null = json!({"type": ["string", "null"]});
    let named = json!({"type": "object", "required": ["id", "name"], "properties": {"id": s, "name": s}});
    let named_or_null = json!({"anyOf": [named, {"type": "null"}]});
    let date = json!({"type": "string", "pattern": "^\\d{4}-\\d{2}-\\d{2}$"});
    let date_or_null = json!({"anyOf": [date, {"type": "null"}]});
    let decimal = json!({"type": "string", "pattern": "^-?\\d+(\\.\\d+)?$"});
    let amount = json!({
        "type": "object", "required": ["amount", "currency", "text"],
        "properties": {"amount": decimal, "currency": {"type": "string", "pattern": "^[A-Z]{3}$"}, "text": s},
    });
    let amount_or_null = json!({"anyOf": [amount, {"type": "null"}]});
    let strings = json!({"type": "array", "items": s});
    let contact = json!({"anyOf": [{"type": "null"}, {"type": "object", "properties": {
        "org": s_or_null, "person": s_or_null, "phone": s_or_null, "email": s_or_null, "wechat": s_or_null}}]});
    let common_props = json!({
        "id": s, "url": {"type": "string", "format": "uri"}, "title": s, "summary": s_or_null, "translated": {"type": "boolean"},
    });
    let (props, required): (Value, Vec<&str>) = match name {
        "projects" => (
            json!({
                "code": s_or_null, "chain": named, "segment": named_or_null, "region": named, "park": named_or_null,
                "investment": amount, "cooperation": strings, "stage": s_or_null,
                "returns": {"type": "object", "properties": {
                    "annual_revenue": amount_or_null, "annual_profit": amount_or_null,
                    "irr_percent": {"anyOf": [decimal, {"type": "null"}]}, "payback_years": {"anyOf": [decimal, {"type": "null"}]},
                    "jobs": {"anyOf": [decimal, {"type": "null"}]}}},
                "land": {"anyOf": [{"type": "null"}, {"type": "object", "required": ["hectares", "text"], "properties": {"hectares": decimal, "text": s}}]},
                "date": date, "expires": date_or_null, "status": {"enum": ["open", "closed"]}, "contact": contact,
                "location": {"anyOf": [{"type": "null"}, {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2}]},
                "signed": {"anyOf": [{"type": "null"}, {"type": "object", "required": ["date"], "properties": {
                    "date": date, "event": named_or_null, "partner": s_or_null, "amount": amount_or_null}}]},
            }),
            vec!["id", "url", "title", "chain", "region", "investment", "date", "status"],
        ),
        "policies" => (
            json!({
                "issuer": s_or_null, "doc_number": s_or_null, "categories": strings,
                "applies_to": {"type": "object", "required": ["chains", "regions"], "properties": {"chains": strings, "regions": strings}},
                "published": date, "effective": date_or_null, "expires": date_or_null,
                "status": {"enum": ["in-force", "expired", "pending"]}, "attachments": strings, "source": s_or_null,
            }),
            vec!["id", "url", "title", "categories", "applies_to", "published", "status"],
        ),
        _ => (
            json!({
                "institution": s_or_null, "industry": named, "kind": s_or_null,
                "trl": {"anyOf": [{"type": "integer", "minimum": 1, "maximum": 9}, {"type": "null"}]},
                "ip": strings, "transfer": strings,
                "price": {"anyOf": [amount, {"const": "negotiable"}, {"type": "null"}]},
                "registered": date, "rank": {"type": "integer", "minimum": 1}, "industry_rank": {"type": "integer", "minimum": 1},
                "scores": {"type": "object", "required": ["market", "value", "tech", "composite"], "properties": {
                    "market": decimal, "value": decimal, "tech": decimal, "composite": decimal,
                    "reviews": {"type": "integer", "minimum": 1}, "trimmed": {"type": "boolean"}}},
                "contact": contact,
            }),
            vec!["id", "url", "title", "industry", "registered", "rank", "scores"],
        ),
    };
    let mut item_props = common_props.as_object().cloned().unwrap_or_default();
    item_props.extend(props.as_object().cloned().unwrap_or_default());
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": format!("{base_url}/{SCHEMA_DIR}/{name}.schema.json"),
        "title": format!("investsite {name} open data, version {SCHEMA_VERSION}"),
        "type": "object",
        "required": ["schema_version", "language", "generated", "count", "items"],
        "properties": {
            "$schema": s, "schema_version": {"const": SCHEMA_VERSION}, "language": s, "site": s, "generated": date,
            "count": {"type": "integer", "minimum": 0},
            "items": {"type": "array", "items": {"type": "object", "required": required, "properties": item_props}},
        },
    })
}

/// A page's contact as data: the phone as the language writes it, without the page's
/// `tel:` link (presentation, not data).
fn open_contact(cx: &Cx, page: &Page) -> Value {
    let mut contact = json!(facts::contact(cx, page));
    // The dialling address and the page's lang attributes are markup, not data.
    if let Some(m) = contact.as_object_mut() {
        for key in ["person_lang", "org_lang", "phone_tel"] {
            m.remove(key);
        }
    }
    contact
}
