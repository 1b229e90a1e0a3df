//! Serde: every type is written as the string an author would write.

use std::fmt;

use serde::de::Visitor;
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

use super::amounts::{Amount, parse_amount};
use super::areas::{Area, parse_area};
use super::dates::{Date, YearMonth};
use super::format::plain;
use super::numbers::Percent;
use super::prices::{UnitPrice, parse_unit_price};

/// Reads a value from its string form with a parse function; integers from loosely typed
/// formats (YAML `price: 12`) go through the same parser, so they get the same "has no unit"
/// message instead of a type error.
pub(super) struct StrVisitor<T> {
    pub(super) parse: fn(&str) -> Result<T, String>,
    pub(super) expecting: &'static str,
}

impl<T> Visitor<'_> for StrVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        (self.parse)(v).map_err(E::custom)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        self.visit_str(&v.to_string())
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        self.visit_str(&v.to_string())
    }
}

macro_rules! serde_as_string {
    ($ty:ty, $to_string:expr, $parse:expr, $expecting:literal) => {
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&($to_string)(self))
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_str(StrVisitor { parse: $parse, expecting: $expecting })
            }
        }
    };
}

serde_as_string!(
    Amount,
    Amount::canonical,
    parse_amount,
    "an amount with a unit, like 12.5亿元, 8000万元 or USD 20 million"
);
serde_as_string!(Area, Area::canonical, parse_area, "an area with a unit, like 300亩 or 20 ha");
serde_as_string!(
    UnitPrice,
    UnitPrice::canonical,
    parse_unit_price,
    "a price per unit, like 0.42元/千瓦时 or 12万元/亩"
);
serde_as_string!(Percent, |p: &Percent| format!("{}%", plain(p.0)), Percent::parse, "a percentage, like 14.5%");
serde_as_string!(Date, Date::iso, Date::parse, "a date, like 2026-09-01");
serde_as_string!(YearMonth, YearMonth::iso, YearMonth::parse, "a month, like 2026-10");
