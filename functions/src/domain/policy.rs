//! An employer's policy as the insurer provisions it.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::money::{Money, Percent};

/// Which wage the policy insures (see DOMAIN.md, glossary).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InsuredWage {
    SvLoon,
    UniformLoon,
    UniformLoonZonderAuto,
    PensioengevendSalaris,
}

impl InsuredWage {
    pub const ALL: [InsuredWage; 4] = [
        InsuredWage::SvLoon,
        InsuredWage::UniformLoon,
        InsuredWage::UniformLoonZonderAuto,
        InsuredWage::PensioengevendSalaris,
    ];
    pub fn code(self) -> &'static str {
        match self {
            InsuredWage::SvLoon => "sv_loon",
            InsuredWage::UniformLoon => "uniform_loon",
            InsuredWage::UniformLoonZonderAuto => "uniform_loon_zonder_auto",
            InsuredWage::PensioengevendSalaris => "pensioengevend_salaris",
        }
    }
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|w| w.code() == code)
    }
}

/// Whether each employee's insured wage is capped at the year's maximum premieloon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WageCap {
    None,
    MaxPremieloon,
}

impl WageCap {
    pub fn code(self) -> &'static str {
        match self {
            WageCap::None => "none",
            WageCap::MaxPremieloon => "max_premieloon",
        }
    }
    pub fn parse(code: &str) -> Option<Self> {
        [WageCap::None, WageCap::MaxPremieloon]
            .into_iter()
            .find(|c| c.code() == code)
    }
}

/// On the wire the wage type is its code: `"sv_loon"`.
impl serde::Serialize for InsuredWage {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// On the wire the cap is its code: `"max_premieloon"`.
impl serde::Serialize for WageCap {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// Years the portal accepts anywhere: wide enough for history, narrow enough to
/// catch typos.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    /// The insured product; only the absence insurance ("verzuim") is supported.
    pub product: &'static str,
    pub premium_rate: Percent,
    pub insured_wage: InsuredWage,
    pub start_date: NaiveDate,
    pub wage_cap: WageCap,
    pub provisional_premium: BTreeMap<i32, Money>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for w in InsuredWage::ALL {
            assert_eq!(InsuredWage::parse(w.code()), Some(w));
        }
        assert_eq!(
            WageCap::parse("max_premieloon"),
            Some(WageCap::MaxPremieloon)
        );
        assert_eq!(InsuredWage::parse("loon"), None);
    }
}
