//! A contract: one product of one employer, with that product's settings (API.md,
//! "NewContract"). The settings are stored as JSON in exactly the shape the API
//! shows; they are only written after these types accepted them.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize};

use super::identifiers::ContractNumber;
use super::money::{Money, Percent};
use super::policy::{InsuredWage, Policy, WageCap};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Product {
    Verzuim,
    WgaHiaat,
    Pensioen,
    Zorg,
}

impl Product {
    pub const ALL: [Product; 4] = [
        Product::Verzuim,
        Product::WgaHiaat,
        Product::Pensioen,
        Product::Zorg,
    ];
    pub fn code(self) -> &'static str {
        match self {
            Product::Verzuim => "verzuim",
            Product::WgaHiaat => "wga_hiaat",
            Product::Pensioen => "pensioen",
            Product::Zorg => "zorg",
        }
    }
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }
}

fn money<'de, D: Deserializer<'de>>(d: D) -> Result<Money, D::Error> {
    let s = String::deserialize(d)?;
    Money::parse_non_negative(&s).map_err(|e| serde::de::Error::custom(format!("{e:?}")))
}

fn percent<'de, D: Deserializer<'de>>(d: D) -> Result<Percent, D::Error> {
    let s = String::deserialize(d)?;
    Percent::parse(&s).map_err(|e| serde::de::Error::custom(format!("{e:?}")))
}

fn yearly_money<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<i32, Money>, D::Error> {
    let raw = BTreeMap::<i32, String>::deserialize(d)?;
    raw.into_iter()
        .map(|(year, amount)| {
            Money::parse_non_negative(&amount)
                .map(|m| (year, m))
                .map_err(|e| serde::de::Error::custom(format!("{e:?}")))
        })
        .collect()
}

fn insured_wage<'de, D: Deserializer<'de>>(d: D) -> Result<InsuredWage, D::Error> {
    let s = String::deserialize(d)?;
    InsuredWage::parse(&s).ok_or_else(|| serde::de::Error::custom("insured wage"))
}

fn wage_cap<'de, D: Deserializer<'de>>(d: D) -> Result<WageCap, D::Error> {
    let s = String::deserialize(d)?;
    WageCap::parse(&s).ok_or_else(|| serde::de::Error::custom("wage cap"))
}

/// Version 1's policy, minus its start date (the contract's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerzuimSettings {
    #[serde(deserialize_with = "percent")]
    pub premium_rate_percent: Percent,
    #[serde(deserialize_with = "insured_wage")]
    pub insured_wage: InsuredWage,
    #[serde(deserialize_with = "wage_cap")]
    pub wage_cap: WageCap,
    #[serde(deserialize_with = "yearly_money")]
    pub provisional_premium: BTreeMap<i32, Money>,
}

/// The three WGA Hiaat covers (the calculator's `cover` codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WgaCover {
    AanvullingszekerheidUitgebreid,
    Inkomenscompensatie,
    InkomenscompensatieMeerjarig,
}

impl WgaCover {
    pub const ALL: [WgaCover; 3] = [
        WgaCover::AanvullingszekerheidUitgebreid,
        WgaCover::Inkomenscompensatie,
        WgaCover::InkomenscompensatieMeerjarig,
    ];
    pub fn code(self) -> &'static str {
        match self {
            WgaCover::AanvullingszekerheidUitgebreid => "aanvullingszekerheid_uitgebreid",
            WgaCover::Inkomenscompensatie => "inkomenscompensatie",
            WgaCover::InkomenscompensatieMeerjarig => "inkomenscompensatie_meerjarig",
        }
    }
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }
}

/// Mandatory for every employee (with a waiver) or by choice (NN seed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Participation {
    Verplicht,
    Vrijwillig,
}

/// What Inkomenscompensatie Meerjarig insures, only with that cover.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MultiYearTerms {
    /// "100" or "70".
    pub coverage_percent: String,
    /// 5 or 10.
    pub duration_years: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WgaHiaatSettings {
    /// Non-empty, each cover once, in the order of `WgaCover::ALL`.
    pub covers: Vec<WgaCover>,
    #[serde(flatten, default, skip_serializing_if = "Option::is_none")]
    pub multi_year: Option<MultiYearTerms>,
    pub participation: Participation,
    #[serde(deserialize_with = "percent")]
    pub premium_rate_percent: Percent,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PensioenSettings {
    pub scheme_name: String,
    pub anw_hiaat_available: bool,
}

/// Premium through payroll (the employer deducts it) or paid by each insured person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Payment {
    Salary,
    Individual,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HealthProductType {
    Basis,
    Aanvullend,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HealthProduct {
    pub product: String,
    #[serde(rename = "type")]
    pub kind: HealthProductType,
    #[serde(deserialize_with = "money")]
    pub monthly_premium: Money,
    #[serde(deserialize_with = "percent")]
    pub discount_percent: Percent,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ZorgSettings {
    pub payment: Payment,
    /// Non-empty; product names are unique within the contract.
    pub products: Vec<HealthProduct>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Settings {
    Verzuim(VerzuimSettings),
    WgaHiaat(WgaHiaatSettings),
    Pensioen(PensioenSettings),
    Zorg(ZorgSettings),
}

impl Settings {
    pub fn product(&self) -> Product {
        match self {
            Settings::Verzuim(_) => Product::Verzuim,
            Settings::WgaHiaat(_) => Product::WgaHiaat,
            Settings::Pensioen(_) => Product::Pensioen,
            Settings::Zorg(_) => Product::Zorg,
        }
    }

    /// The stored and shown form.
    pub fn to_json(&self) -> serde_json::Value {
        let value = match self {
            Settings::Verzuim(s) => serde_json::to_value(s),
            Settings::WgaHiaat(s) => serde_json::to_value(s),
            Settings::Pensioen(s) => serde_json::to_value(s),
            Settings::Zorg(s) => serde_json::to_value(s),
        };
        // Plain structs of strings, numbers and maps with string keys: cannot fail.
        value.unwrap_or_default()
    }

    /// Reads stored settings back; `None` when they no longer match the product.
    pub fn from_stored(product: Product, json: &str) -> Option<Settings> {
        Some(match product {
            Product::Verzuim => Settings::Verzuim(serde_json::from_str(json).ok()?),
            Product::WgaHiaat => Settings::WgaHiaat(serde_json::from_str(json).ok()?),
            Product::Pensioen => Settings::Pensioen(serde_json::from_str(json).ok()?),
            Product::Zorg => Settings::Zorg(serde_json::from_str(json).ok()?),
        })
    }
}

/// A contract as the insurer adds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewContract {
    pub number: ContractNumber,
    pub name: String,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    pub settings: Settings,
}

/// A verzuim contract's terms as version 1's policy, which the settlement reads.
pub fn policy(start_date: NaiveDate, s: &VerzuimSettings) -> Policy {
    Policy {
        product: "verzuim",
        premium_rate: s.premium_rate_percent,
        insured_wage: s.insured_wage,
        start_date,
        wage_cap: s.wage_cap,
        provisional_premium: s.provisional_premium.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(settings: Settings) {
        let stored = settings.to_json().to_string();
        assert_eq!(
            Settings::from_stored(settings.product(), &stored),
            Some(settings),
            "{stored}"
        );
    }

    #[test]
    fn settings_round_trip_through_their_stored_form() {
        round_trip(Settings::Verzuim(VerzuimSettings {
            premium_rate_percent: Percent::parse("4.79").unwrap(),
            insured_wage: InsuredWage::SvLoon,
            wage_cap: WageCap::MaxPremieloon,
            provisional_premium: [(2024, Money::parse_non_negative("10200.00").unwrap())].into(),
        }));
        round_trip(Settings::WgaHiaat(WgaHiaatSettings {
            covers: vec![
                WgaCover::Inkomenscompensatie,
                WgaCover::InkomenscompensatieMeerjarig,
            ],
            multi_year: Some(MultiYearTerms {
                coverage_percent: "70".into(),
                duration_years: 10,
            }),
            participation: Participation::Verplicht,
            premium_rate_percent: Percent::parse("0.45").unwrap(),
        }));
        round_trip(Settings::Pensioen(PensioenSettings {
            scheme_name: "Basisregeling".into(),
            anw_hiaat_available: true,
        }));
        round_trip(Settings::Zorg(ZorgSettings {
            payment: Payment::Salary,
            products: vec![HealthProduct {
                product: "VGZ Eigen Keuze".into(),
                kind: HealthProductType::Basis,
                monthly_premium: Money::parse_non_negative("150.00").unwrap(),
                discount_percent: Percent::parse("0").unwrap(),
            }],
        }));
    }

    #[test]
    fn the_stored_form_is_the_api_shape() {
        let s = Settings::WgaHiaat(WgaHiaatSettings {
            covers: vec![WgaCover::InkomenscompensatieMeerjarig],
            multi_year: Some(MultiYearTerms {
                coverage_percent: "100".into(),
                duration_years: 5,
            }),
            participation: Participation::Vrijwillig,
            premium_rate_percent: Percent::parse("1.2").unwrap(),
        });
        assert_eq!(
            s.to_json(),
            serde_json::json!({
                "covers": ["inkomenscompensatie_meerjarig"], "coverage_percent": "100",
                "duration_years": 5, "participation": "vrijwillig", "premium_rate_percent": "1.2"
            })
        );
        // Settings of another product do not read as these.
        assert_eq!(
            Settings::from_stored(Product::Pensioen, &s.to_json().to_string()),
            None
        );
    }
}
