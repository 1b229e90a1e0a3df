//! What the project and policy finders filter on: the investment bands set in
//! `site.yaml`, and the filter values ("facets") of each project and policy, with the
//! rules that decide which filter value matches which item.
//!
//! Rules, in one place so the in-page filter, the static filter pages and the tests agree:
//! - a band includes its lower limit and excludes its upper one: with limits 1亿元 and 5亿元,
//!   exactly 1亿元 is in the band 1亿–5亿元, exactly 5亿元 in the next one;
//! - amounts in US dollars are converted with `currency.usd_rate`; without a rate, and for
//!   other currencies, a project is in no band (it shows unless a band is chosen);
//! - a project is in its region and in every region above it (a county's project is
//!   also the city's), as on the region pages;
//! - a policy with no `applies_to` chains applies to every chain, with no regions to
//!   every region; one written for a region also applies in the regions below it.

use rust_decimal::Decimal;

use super::{Environment, Policy, Project};
use crate::units::{Amount, Currency};

/// What a list can be filtered by; each has its own static pages (`/projects/chain/<id>/`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Facet {
    Chain,
    Region,
    Cooperation,
    Stage,
    Band,
    Category,
    /// Signed projects (`/projects/signing/signed/`); whether a project is signed is the
    /// site's to say (`Site::signings`), not the project file's alone.
    Signing,
}

impl Facet {
    pub const PROJECT: &'static [Facet] =
        &[Facet::Chain, Facet::Region, Facet::Cooperation, Facet::Stage, Facet::Band, Facet::Signing];
    pub const POLICY: &'static [Facet] = &[Facet::Category, Facet::Chain, Facet::Region];

    /// The name in addresses and in the finder's query string (`?chain=nonferrous`).
    pub fn id(self) -> &'static str {
        match self {
            Facet::Chain => "chain",
            Facet::Region => "region",
            Facet::Cooperation => "cooperation",
            Facet::Stage => "stage",
            Facet::Band => "investment",
            Facet::Category => "category",
            Facet::Signing => "signing",
        }
    }
}

/// The one value of [`Facet::Signing`].
pub const SIGNED: &str = "signed";

/// Matches every value of a facet: a policy that applies to all chains.
pub const ANY: &str = "*";

/// One investment band: `[from, to)` in yuan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Band {
    /// Stable id for addresses: `under-100m`, `100m-500m`, `1b-and-over`.
    pub id: String,
    pub from: Option<Decimal>,
    pub to: Option<Decimal>,
}

/// The bands made by the limits of `finder.investment_bands` (ascending, as validated).
pub fn bands(limits: &[Decimal]) -> Vec<Band> {
    if limits.is_empty() {
        return Vec::new();
    }
    let mut out = vec![Band { id: format!("under-{}", short(limits[0])), from: None, to: Some(limits[0]) }];
    for w in limits.windows(2) {
        out.push(Band { id: format!("{}-{}", short(w[0]), short(w[1])), from: Some(w[0]), to: Some(w[1]) });
    }
    let last = limits[limits.len() - 1];
    out.push(Band { id: format!("{}-and-over", short(last)), from: Some(last), to: None });
    out
}

/// `100000000` → `100m`, `1000000000` → `1b`, `1500000000` → `1.5b`, `5000` → `5k`.
fn short(yuan: Decimal) -> String {
    for (unit, name) in [(1_000_000_000_i64, "b"), (1_000_000, "m"), (1_000, "k")] {
        let unit = Decimal::from(unit);
        if yuan >= unit {
            return format!("{}{name}", (yuan / unit).normalize());
        }
    }
    yuan.normalize().to_string()
}

/// The band an amount in yuan falls in: lower limit included, upper excluded.
pub fn band_of(bands: &[Band], yuan: Decimal) -> Option<&Band> {
    bands.iter().find(|b| b.from.is_none_or(|f| yuan >= f) && b.to.is_none_or(|t| yuan < t))
}

/// An amount in yuan, exactly: CNY as it is, USD at the site's rate; `None` otherwise.
pub fn in_yuan(a: &Amount, usd_rate: Option<Decimal>) -> Option<Decimal> {
    match a.currency {
        Currency::Cny => Some(a.value),
        Currency::Usd => usd_rate.and_then(|r| a.value.checked_mul(r)).map(|v| v.normalize()),
        _ => None,
    }
}

/// The region and the regions above it, nearest first. A loop in the data is cut.
pub fn region_and_above<'e>(env: &'e Environment, id: &'e str) -> Vec<&'e str> {
    let mut out = vec![id];
    let mut current = id;
    while let Some(parent) = env.region(current).and_then(|r| r.parent.as_deref()) {
        if out.contains(&parent) || out.len() > env.regions.len() {
            break;
        }
        out.push(parent);
        current = parent;
    }
    out
}

/// The region and every region below it, the region first, then in the data's order.
pub fn region_and_below<'e>(env: &'e Environment, id: &'e str) -> Vec<&'e str> {
    let mut out = vec![id];
    for r in &env.regions {
        if r.id != id && region_and_above(env, &r.id).contains(&id) {
            out.push(&r.id);
        }
    }
    out
}

/// A project's values of one facet (a project has one chain but may offer several forms
/// of cooperation, and is in its region and the regions above).
pub fn project_values(
    p: &Project,
    facet: Facet,
    env: &Environment,
    bands: &[Band],
    usd_rate: Option<Decimal>,
) -> Vec<String> {
    match facet {
        Facet::Chain => vec![p.chain.clone()],
        Facet::Region => region_and_above(env, &p.region).into_iter().map(str::to_string).collect(),
        Facet::Cooperation => p.cooperation.clone(),
        Facet::Stage => p.stage.iter().cloned().collect(),
        Facet::Band => in_yuan(&p.investment, usd_rate)
            .and_then(|y| band_of(bands, y))
            .map(|b| vec![b.id.clone()])
            .unwrap_or_default(),
        Facet::Category | Facet::Signing => Vec::new(),
    }
}

/// A policy's values of one facet; `[ANY]` where it applies to every chain or region.
pub fn policy_values(p: &Policy, facet: Facet, env: &Environment) -> Vec<String> {
    match facet {
        Facet::Category => p.categories.clone(),
        Facet::Chain if p.chains.is_empty() => vec![ANY.to_string()],
        Facet::Chain => p.chains.clone(),
        Facet::Region if p.regions.is_empty() => vec![ANY.to_string()],
        Facet::Region => {
            let mut out: Vec<String> = Vec::new();
            for r in &p.regions {
                for below in region_and_below(env, r) {
                    if !out.iter().any(|o| o == below) {
                        out.push(below.to_string());
                    }
                }
            }
            out
        }
        _ => Vec::new(),
    }
}

/// Whether an item with these values of a facet matches the chosen value.
pub fn matches(values: &[String], chosen: &str) -> bool {
    values.iter().any(|v| v == chosen || v == ANY)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::parse_amount;

    fn yuan(s: &str) -> Decimal {
        parse_amount(s).unwrap().value
    }

    fn default_bands() -> Vec<Band> {
        bands(&[yuan("1亿元"), yuan("5亿元"), yuan("10亿元")])
    }

    #[test]
    fn band_ids_come_from_the_limits() {
        let ids: Vec<String> = default_bands().into_iter().map(|b| b.id).collect();
        assert_eq!(ids, ["under-100m", "100m-500m", "500m-1b", "1b-and-over"]);
        let ids: Vec<String> = bands(&[yuan("5000万元"), yuan("15亿元")]).into_iter().map(|b| b.id).collect();
        assert_eq!(ids, ["under-50m", "50m-1.5b", "1.5b-and-over"]);
        assert!(bands(&[]).is_empty());
    }

    #[test]
    fn a_limit_belongs_to_the_band_above_it() {
        let b = default_bands();
        let id = |s: &str| band_of(&b, yuan(s)).map(|b| b.id.as_str()).unwrap();
        assert_eq!(id("9999.9999万元"), "under-100m");
        assert_eq!(id("1亿元"), "100m-500m");
        assert_eq!(id("4.9999亿元"), "100m-500m");
        assert_eq!(id("5亿元"), "500m-1b");
        assert_eq!(id("10亿元"), "1b-and-over");
        assert_eq!(id("1元"), "under-100m");
    }

    #[test]
    fn dollars_convert_at_the_site_rate_other_currencies_have_no_band() {
        let usd = parse_amount("USD 20 million").unwrap();
        assert_eq!(in_yuan(&usd, Some(Decimal::new(71, 1))), Some(yuan("1.42亿元")));
        assert_eq!(in_yuan(&usd, None), None);
        assert_eq!(in_yuan(&parse_amount("EUR 5 million").unwrap(), Some(Decimal::new(71, 1))), None);
    }
}
