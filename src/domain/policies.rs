//! Preferential policies (优惠政策), `content/policies/`.

use super::finder::{self, Facet};
use super::{Environment, Refs, Status, is_past};
use crate::load::fields::Fields;
use crate::units::Date;

pub const CATEGORIES: &[&str] = &["land", "tax", "finance", "energy", "talent", "logistics", "rd", "services", "other"];

/// The categories with the names authors may write instead (as the theme shows them).
pub const CATEGORY_NAMES: &[(&str, &str, &str)] = &[
    ("land", "土地", "Land"),
    ("tax", "税收", "Tax"),
    ("finance", "金融", "Finance"),
    ("energy", "能源", "Energy"),
    ("talent", "人才", "Talent"),
    ("logistics", "物流", "Logistics"),
    ("rd", "研发创新", "R&D and innovation"),
    ("services", "政务服务", "Government services"),
    ("other", "其他", "Other"),
];

pub const TRANSLATABLE: &[&str] = &["title", "summary", "tags", "issuer", "aliases"];

pub const KNOWN: &[&str] = &[
    // Old addresses that redirect here (see `resolve::aliases`); each language file its own.
    "aliases",
    "title",
    // Chooses another theme template for the page (see the README's themes section).
    "template",
    "summary",
    "issuer",
    "doc_number",
    "categories",
    "applies_to",
    "published",
    "effective",
    "expires",
    "attachments",
    "source",
    "tags",
    "slug",
    "draft",
    // What a translation was made from (`investsite status --mark-translated`).
    "translated_from",
    "weight",
];

#[derive(Debug, Clone)]
pub struct Policy {
    pub doc_number: Option<String>,
    pub categories: Vec<String>,
    /// Empty lists mean "all chains" / "all regions".
    pub chains: Vec<String>,
    pub regions: Vec<String>,
    pub published: Date,
    pub effective: Option<Date>,
    pub expires: Option<Date>,
    /// File names in the page bundle, or paths under static/.
    pub attachments: Vec<String>,
    pub source: Option<String>,
}

impl Policy {
    pub fn read(f: &Fields, refs: &Refs) -> Option<Policy> {
        f.check_unknown(KNOWN);
        f.required_text("title", "白银市招商引资优惠政策三十条");
        f.required_text("issuer", "白银市人民政府");
        let categories = super::read_choices(f, "categories", CATEGORY_NAMES);
        if !f.has("categories") {
            f.error(
                "categories",
                "required field `categories` is missing",
                Some(&format!("add a line like `categories: [land, tax]` using: {}", CATEGORIES.join(", "))),
            );
        }
        let (chains, regions) = read_applies_to(f, refs);
        let published = f.required_date("published");
        let effective = f.date("effective");
        let expires = f.date("expires");
        if let (Some(from), Some(until)) = (effective.or(published), expires)
            && until < from
        {
            f.error(
                "expires",
                format!("the policy expires ({}) before it takes effect ({})", until.iso(), from.iso()),
                None,
            );
        }
        let source = f.text("source").filter(|s| web_address(f, "source", s));
        Some(Policy {
            doc_number: f.text("doc_number"),
            categories,
            chains,
            regions,
            published: published?,
            effective,
            expires,
            attachments: f.list("attachments"),
            source,
        })
    }

    pub fn status(&self, today: Date) -> Status {
        if let Some(e) = self.expires
            && is_past(e, today)
        {
            return Status::Expired;
        }
        match self.effective {
            Some(from) if today < from => Status::Pending,
            _ => Status::InForce,
        }
    }

    /// Whether the policy applies to a chain and region (`None` = any). A policy for a
    /// region applies in the regions below it too (see `finder`).
    pub fn applies(&self, chain: Option<&str>, region: Option<&str>, env: &Environment) -> bool {
        let ok = |facet, chosen: Option<&str>| {
            chosen.is_none_or(|c| finder::matches(&finder::policy_values(self, facet, env), c))
        };
        ok(Facet::Chain, chain) && ok(Facet::Region, region)
    }
}

/// An `http(s):` address that passes the address policy; reported at its line otherwise.
fn web_address(f: &Fields, key: &str, addr: &str) -> bool {
    let shown = addr.escape_debug();
    let problem = match crate::url_policy::UrlPolicy::default().check(addr) {
        Err(why) => Some(format!("\"{shown}\" is refused: {why}")),
        Ok(()) if !(addr.starts_with("http://") || addr.starts_with("https://")) => {
            Some(format!("\"{shown}\" is not a web address"))
        }
        Ok(()) => None,
    };
    if let Some(message) = &problem {
        f.error(key, message, Some("give the address of the official text, starting with https://"));
    }
    problem.is_none()
}

fn read_applies_to(f: &Fields, refs: &Refs) -> (Vec<String>, Vec<String>) {
    let Some(a) = f.nested("applies_to") else { return (Vec::new(), Vec::new()) };
    a.check_unknown(&["chains", "regions"]);
    let chains = a.list("chains").iter().filter_map(|c| refs.check_chain(&a, "chains", c)).collect();
    let regions = a.list("regions").iter().filter_map(|r| refs.check_region(&a, "regions", r)).collect();
    (chains, regions)
}
