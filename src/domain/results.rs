//! Registered research results (科技成果), `content/results/`. Their scoring and the pool
//! are in `crate::domain::pool`; this module reads and validates what authors write.

use super::{Contact, Refs};
use crate::domain::pool::{self, Review};
use crate::load::fields::Fields;
use crate::units::{Amount, Date};

pub const KINDS: &[&str] = &["patent", "technology", "product", "software", "variety", "other"];
pub const TRANSFER: &[&str] = &["transfer", "license", "equity", "co-development", "service"];

/// The choices above with the names authors may write instead (as the theme shows them).
pub const KIND_NAMES: &[(&str, &str, &str)] = &[
    ("patent", "专利", "Patent"),
    ("technology", "技术", "Technology"),
    ("product", "产品", "Product"),
    ("software", "软件", "Software"),
    ("variety", "新品种", "Plant or animal variety"),
    ("other", "其他", "Other"),
];
pub const TRANSFER_NAMES: &[(&str, &str, &str)] = &[
    ("transfer", "转让", "Transfer"),
    ("license", "许可", "Licence"),
    ("equity", "作价投资", "Equity investment"),
    ("co-development", "合作实施", "Co-development"),
    ("service", "技术服务", "Technical service"),
];

pub const TRANSLATABLE: &[&str] = &["title", "summary", "tags", "institution", "contact", "aliases"];

pub const KNOWN: &[&str] = &[
    // Old addresses that redirect here (see `resolve::aliases`); each language file its own.
    "aliases",
    "title",
    // Chooses another theme template for the page (see the README's themes section).
    "template",
    "summary",
    "institution",
    "industry",
    "segment",
    "kind",
    "trl",
    "ip",
    "transfer",
    "price",
    "registered",
    "reviews",
    "contact",
    "tags",
    "slug",
    "draft",
    // What a translation was made from (`investsite status --mark-translated`).
    "translated_from",
    "weight",
    "images",
];

#[derive(Debug, Clone)]
pub enum Price {
    Amount(Amount),
    Negotiable,
}

#[derive(Debug, Clone)]
pub struct ResearchResult {
    pub industry: String,
    /// The segment of the industry's chain the result serves (a gap it could fill).
    pub segment: Option<String>,
    pub kind: Option<String>,
    pub trl: Option<u8>,
    pub ip: Vec<String>,
    pub transfer: Vec<String>,
    pub price: Option<Price>,
    pub registered: Date,
    pub reviews: Vec<Review>,
    pub contact: Option<Contact>,
}

impl ResearchResult {
    pub fn read(f: &Fields, refs: &Refs) -> Option<ResearchResult> {
        f.check_unknown(KNOWN);
        f.required_text("title", "高纯稀土金属短流程制备技术");
        f.required_text("institution", "兰州大学");
        let industry = f.required_text("industry", "rare-earth").and_then(|i| refs.check_chain(f, "industry", &i));
        let segment = match (&industry, f.text("segment")) {
            (Some(i), Some(s)) => refs.check_segment(f, "segment", i, &s),
            (None, s) => s,
            (Some(_), None) => None,
        };
        let registered = f.required_date("registered");
        let reviews = read_reviews(f);
        Some(ResearchResult {
            segment,
            kind: super::read_choice(f, "kind", KIND_NAMES),
            trl: f.integer_in("trl", 1, 9).map(|n| n as u8),
            ip: f.list("ip"),
            transfer: super::read_choices(f, "transfer", TRANSFER_NAMES),
            price: read_price(f),
            contact: Contact::read(f),
            industry: industry?,
            registered: registered?,
            reviews: reviews?,
        })
    }
}

fn read_price(f: &Fields) -> Option<Price> {
    let s = f.text("price")?;
    if matches!(s.as_str(), "negotiable" | "面议") {
        return Some(Price::Negotiable);
    }
    f.amount("price").map(Price::Amount)
}

const REVIEW_HELP: &str =
    "write reviews as a list, one reviewer a line: `- {market: 86, value: 80, tech: 92}` (scores 0–100)";

/// Reads the reviewers' scores; every bad score is reported with its review's number.
fn read_reviews(f: &Fields) -> Option<Vec<Review>> {
    let Some(v) = f.value("reviews") else {
        f.error(
            "reviews",
            "required field `reviews` is missing: a result needs at least one review",
            Some(REVIEW_HELP),
        );
        return None;
    };
    let Some(items) = v.as_array() else {
        f.error("reviews", "must be a list of reviews", Some(REVIEW_HELP));
        return None;
    };
    if items.is_empty() {
        f.error("reviews", "at least one review is needed", Some(REVIEW_HELP));
        return None;
    }
    let mut out = Vec::new();
    let mut ok = true;
    for (n, item) in items.iter().enumerate() {
        match read_review(item) {
            Ok(r) => out.push(r),
            Err(msg) => {
                f.error("reviews", format!("review {}: {msg}", n + 1), Some(REVIEW_HELP));
                ok = false;
            }
        }
    }
    ok.then_some(out)
}

fn read_review(item: &serde_json::Value) -> Result<Review, String> {
    let m = item.as_object().ok_or("must be a mapping with market, value and tech")?;
    if let Some(k) = m.keys().find(|k| !["market", "value", "tech"].contains(&k.as_str())) {
        return Err(format!("unknown score `{k}` (use market, value, tech)"));
    }
    let score = |key: &str| -> Result<pool::Score, String> {
        let v = m.get(key).ok_or_else(|| format!("the `{key}` score is missing"))?;
        let text = match v {
            serde_json::Value::Number(n) => n.to_string(),
            serde_json::Value::String(s) => s.clone(),
            other => crate::load::fields::compact(other),
        };
        pool::parse_score(&text).map_err(|e| format!("`{key}`: {e}"))
    };
    Ok(Review { market: score("market")?, value: score("value")?, tech: score("tech")? })
}
