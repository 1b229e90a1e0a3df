//! Statistics computed from events and signed projects: events and delegations per year,
//! projects signed and amounts signed per year, per industry chain and per region.
//!
//! Consumes plain facts (an event's first day and delegations, a signing's day, amount,
//! chain and region); produces [`Statistics`] with exact sums (`Decimal`, per currency,
//! never floating point). Only what has happened by `today` counts: an event counts from
//! its first day, a signing from its day.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::units::{Amount, Currency, Date};

/// The names of the key figures the home page can compute (`figure:` in data/figures.yaml).
pub const COMPUTED_FIGURES: &[&str] =
    &["events", "delegations", "signed_projects", "signed_amount", "projects_open", "results_admitted"];

/// An event as statistics count it.
pub struct EventFact {
    pub start: Date,
    pub delegations: u32,
}

/// A signing as statistics count it.
pub struct SigningFact {
    pub date: Date,
    pub amount: Option<Amount>,
    pub chain: String,
    pub region: String,
}

/// The figures of one row (a year, a chain, a region, or all).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figures {
    pub events: usize,
    pub delegations: u64,
    pub signed: usize,
    /// The amounts signed, one sum per currency, in the order currencies first appear.
    pub amounts: Vec<Amount>,
}

impl Figures {
    fn add_amount(&mut self, a: Amount) {
        match self.amounts.iter_mut().find(|s| s.currency == a.currency) {
            Some(sum) => sum.value += a.value,
            None => self.amounts.push(a),
        }
    }

    /// The sum in yuan (what the charts draw); other currencies are listed in the tables.
    pub fn cny(&self) -> Decimal {
        self.amounts.iter().find(|a| a.currency == Currency::Cny).map_or(Decimal::ZERO, |a| a.value)
    }
}

#[derive(Debug, Clone)]
pub struct Statistics {
    pub as_of: Date,
    pub total: Figures,
    pub by_year: BTreeMap<i32, Figures>,
    /// By chain id.
    pub by_chain: BTreeMap<String, Figures>,
    /// By region id.
    pub by_region: BTreeMap<String, Figures>,
}

pub fn compute(events: &[EventFact], signings: &[SigningFact], today: Date) -> Statistics {
    let mut st = Statistics {
        as_of: today,
        total: Figures::default(),
        by_year: BTreeMap::new(),
        by_chain: BTreeMap::new(),
        by_region: BTreeMap::new(),
    };
    for e in events.iter().filter(|e| e.start <= today) {
        for f in [&mut st.total, st.by_year.entry(e.start.year).or_default()] {
            f.events += 1;
            f.delegations += u64::from(e.delegations);
        }
    }
    for s in signings.iter().filter(|s| s.date <= today) {
        let rows = [
            &mut st.total,
            st.by_year.entry(s.date.year).or_default(),
            st.by_chain.entry(s.chain.clone()).or_default(),
            st.by_region.entry(s.region.clone()).or_default(),
        ];
        for f in rows {
            f.signed += 1;
            if let Some(a) = s.amount {
                f.add_amount(a);
            }
        }
    }
    st
}

/// The sum of amounts, one per currency.
pub fn sum(amounts: impl IntoIterator<Item = Amount>) -> Vec<Amount> {
    let mut f = Figures::default();
    for a in amounts {
        f.add_amount(a);
    }
    f.amounts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::parse_amount;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn sums_are_exact_and_split_by_year_chain_and_region() {
        let events = [
            EventFact { start: d("2025-07-08"), delegations: 12 },
            EventFact { start: d("2026-05-20"), delegations: 3 },
            EventFact { start: d("2027-01-01"), delegations: 99 },
        ];
        let s = |date, amount: &str, chain: &str| SigningFact {
            date: d(date),
            amount: Some(parse_amount(amount).unwrap()),
            chain: chain.into(),
            region: "baiyin".into(),
        };
        let signings =
            [s("2025-07-08", "0.1亿元", "a"), s("2025-07-08", "0.2亿元", "b"), s("2026-05-20", "12.34亿元", "a")];
        let st = compute(&events, &signings, d("2026-12-04"));
        assert_eq!(st.total.events, 2, "the event of 2027 has not happened");
        assert_eq!(st.total.delegations, 15);
        assert_eq!(st.by_year[&2025].cny(), Decimal::new(30_000_000, 0), "0.1 + 0.2 is exactly 0.3亿");
        assert_eq!(st.by_chain["a"].cny(), Decimal::new(1_244_000_000, 0));
        assert_eq!(st.by_region["baiyin"].signed, 3);
    }
}
