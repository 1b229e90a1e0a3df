//! Packaged projects seeking investors (招商项目), `content/projects/`.

use rust_decimal::Decimal;

use super::{Contact, Refs, Status, is_past};
use crate::load::fields::Fields;
use crate::units::{Amount, Area, Date};

pub const COOPERATION: &[&str] = &["sole", "joint-venture", "cooperation", "ppp", "equity", "lease", "other"];
pub const STAGES: &[&str] = &["proposal", "feasibility", "land-ready", "approved", "under-construction"];

/// The choices above with the names authors may write instead (as the theme shows them).
pub const COOPERATION_NAMES: &[(&str, &str, &str)] = &[
    ("sole", "独资", "Sole proprietorship"),
    ("joint-venture", "合资", "Joint venture"),
    ("cooperation", "合作", "Cooperation"),
    ("ppp", "政府和社会资本合作（PPP）", "Public–private partnership (PPP)"),
    ("equity", "股权投资", "Equity investment"),
    ("lease", "租赁", "Lease"),
    ("other", "其他", "Other"),
];
pub const STAGE_NAMES: &[(&str, &str, &str)] = &[
    ("proposal", "项目建议", "Proposal"),
    ("feasibility", "可行性研究", "Feasibility study"),
    ("land-ready", "用地已落实", "Land secured"),
    ("approved", "已批复", "Approved"),
    ("under-construction", "在建", "Under construction"),
];

/// Fields a translation may set; every other field is written once, in the original.
pub const TRANSLATABLE: &[&str] = &["title", "summary", "tags", "contact", "aliases"];

pub const KNOWN: &[&str] = &[
    // Old addresses that redirect here (see `resolve::aliases`); each language file its own.
    "aliases",
    "title",
    // Chooses another theme template for the page (see the README's themes section).
    "template",
    "summary",
    "code",
    "chain",
    "segment",
    "region",
    "park",
    "investment",
    "cooperation",
    "stage",
    "returns",
    "land",
    "date",
    "expires",
    "contact",
    "location",
    "images",
    "featured",
    // The signing (see `domain::events`): `{date, event, partner, amount}`.
    "signed",
    "tags",
    "slug",
    "draft",
    // What a translation was made from (`investsite status --mark-translated`).
    "translated_from",
    "weight",
];

#[derive(Debug, Clone)]
pub struct Project {
    pub code: Option<String>,
    pub chain: String,
    pub segment: Option<String>,
    pub region: String,
    pub park: Option<String>,
    pub investment: Amount,
    pub cooperation: Vec<String>,
    pub stage: Option<String>,
    pub returns: Returns,
    pub land: Option<Area>,
    pub date: Date,
    pub expires: Option<Date>,
    pub contact: Option<Contact>,
    pub location: Option<(f64, f64)>,
    pub featured: bool,
    pub signed: Option<super::events::ProjectSigning>,
}

#[derive(Debug, Clone, Default)]
pub struct Returns {
    pub annual_revenue: Option<Amount>,
    pub annual_profit: Option<Amount>,
    /// Percent.
    pub irr: Option<Decimal>,
    pub payback_years: Option<Decimal>,
    pub jobs: Option<Decimal>,
}

impl Project {
    /// Validates a project's front matter. All problems are reported; `None` when a
    /// required field is unusable.
    pub fn read(f: &Fields, refs: &Refs) -> Option<Project> {
        f.check_unknown(KNOWN);
        f.required_text("title", "年产5万吨高性能电解铜箔项目");
        let chain = f.required_text("chain", "nonferrous").and_then(|c| refs.check_chain(f, "chain", &c));
        let segment = match (&chain, f.text("segment")) {
            (Some(c), Some(s)) => refs.check_segment(f, "segment", c, &s),
            (None, s) => s,
            (Some(_), None) => None,
        };
        let region = f.required_text("region", "baiyin-district").and_then(|r| refs.check_region(f, "region", &r));
        let park = f.text("park").and_then(|p| refs.check_park(f, "park", &p));
        let investment = f.required_amount("investment");
        let date = f.required_date("date");
        let expires = f.date("expires");
        if let (Some(d), Some(e)) = (date, expires)
            && e < d
        {
            f.error("expires", format!("the listing expires ({}) before it is listed ({})", e.iso(), d.iso()), None);
        }
        let project = Project {
            code: f.text("code"),
            segment,
            park,
            cooperation: super::read_choices(f, "cooperation", COOPERATION_NAMES),
            stage: super::read_choice(f, "stage", STAGE_NAMES),
            returns: read_returns(f),
            land: f.area("land"),
            expires,
            contact: Contact::read(f),
            location: f.location("location"),
            featured: f.bool("featured"),
            signed: super::events::ProjectSigning::read(f, refs),
            chain: chain?,
            region: region?,
            investment: investment?,
            date: date?,
        };
        Some(project)
    }

    pub fn status(&self, today: Date) -> Status {
        match self.expires {
            Some(e) if is_past(e, today) => Status::Closed,
            _ => Status::Open,
        }
    }
}

fn read_returns(f: &Fields) -> Returns {
    let Some(r) = f.nested("returns") else { return Returns::default() };
    r.check_unknown(&["annual_revenue", "annual_profit", "irr", "payback_years", "jobs"]);
    Returns {
        annual_revenue: r.amount("annual_revenue"),
        annual_profit: r.amount("annual_profit"),
        irr: read_irr(&r),
        payback_years: r.number_at_most("payback_years", Decimal::ONE_HUNDRED),
        jobs: r.number_at_most("jobs", Decimal::from(10_000_000)),
    }
}

/// An IRR can lose at most everything; above 1000 % it is a typo, above 100 % worth a look.
fn read_irr(r: &Fields) -> Option<Decimal> {
    let irr = r.percent_in("irr", -100, 1000)?;
    if irr > Decimal::ONE_HUNDRED {
        r.warn("irr", format!("an IRR of {irr}% is unusually high"), Some("check the figure before publishing"));
    }
    Some(irr)
}
