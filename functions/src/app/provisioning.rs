//! Reading what the insurer's back office sends: an employer with its identifiers,
//! address, adviser and contracts (version 1's `policy` included), and one
//! contract with its product's settings. Every refusal names the field's path
//! (`contracts.0.settings.covers`).

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::common::email_not_allowed;
use crate::domain::contract::{
    HealthProduct, HealthProductType, MultiYearTerms, NewContract, Participation, Payment,
    PensioenSettings, Settings, VerzuimSettings, WgaCover, WgaHiaatSettings, ZorgSettings,
};
use crate::domain::employer::{Contact, NewEmployer, PostalAddress};
use crate::domain::identifiers::{ContractNumber, KvkNumber, PayrollTaxNumber, Postcode};
use crate::domain::money::DecimalError;
use crate::domain::money::{Money, Percent};
use crate::domain::policy::{InsuredWage, WageCap};
use crate::domain::year::Year;
use crate::http::input::{amount_error, decimal_error, json_object, Fields};
use crate::http::{ApiError, Request};

/// How many contracts one request may add.
const MAX_CONTRACTS: usize = 20;
/// How many products a health contract may offer.
const MAX_HEALTH_PRODUCTS: usize = 20;

/// A contract date: an existing date in one of the portal's years.
pub(super) fn date(fields: &Fields, name: &str) -> Result<NaiveDate, ApiError> {
    let date = fields.date(name)?;
    if Year::new(i64::from(chrono::Datelike::year(&date))).is_some() {
        Ok(date)
    } else {
        Err(ApiError::invalid(
            fields.path(name),
            "Geef een datum van 2000 tot en met 2100.",
            "Give a date from 2000 to 2100.",
        ))
    }
}

fn contract_number(f: &Fields, name: &str) -> Result<ContractNumber, ApiError> {
    ContractNumber::parse(f.str(name)?).ok_or_else(|| {
        ApiError::invalid(
            f.path(name),
            "Een contractnummer heeft 6 tot 12 cijfers.",
            "A contract number has 6 to 12 digits.",
        )
    })
}

/// A contact person or adviser: name, e-mail, optional phone.
pub(super) fn contact(f: &Fields) -> Result<Contact, ApiError> {
    Ok(Contact {
        name: f.text("name", 200)?,
        email: f.email("email")?,
        phone: phone(f)?,
    })
}

/// A phone number as people write it: digits with spaces, dashes, brackets and a
/// leading `+`, 8 to 20 characters.
fn phone(f: &Fields) -> Result<Option<String>, ApiError> {
    let Some(phone) = f.opt_text("phone", 20)? else {
        return Ok(None);
    };
    let digits = phone.bytes().filter(u8::is_ascii_digit).count();
    let allowed = phone
        .chars()
        .enumerate()
        .all(|(i, c)| c.is_ascii_digit() || " -()".contains(c) || (i == 0 && c == '+'));
    if allowed && (8..=15).contains(&digits) {
        Ok(Some(phone))
    } else {
        Err(ApiError::invalid(
            f.path("phone"),
            "Geef een telefoonnummer met 8 tot 15 cijfers, bijvoorbeeld 020 123 45 67.",
            "Give a phone number of 8 to 15 digits, e.g. +31 20 123 45 67.",
        ))
    }
}

pub(super) fn postal_address(f: &Fields) -> Result<PostalAddress, ApiError> {
    let street = f.text("street", 200)?;
    let house_number = f.text("house_number", 20)?;
    let postcode = Postcode::parse(f.str("postcode")?).ok_or_else(|| {
        ApiError::invalid(
            f.path("postcode"),
            "Een postcode is 4 cijfers en 2 letters, bijvoorbeeld 1234 AB.",
            "A postcode is 4 digits and 2 letters, e.g. 1234 AB.",
        )
    })?;
    let city = f.text("city", 100)?;
    Ok(PostalAddress {
        street,
        house_number,
        postcode,
        city,
    })
}

/// `POST /api/admin/employers`: version 1's fields plus the optional ones of
/// version 2. Without a `policy`, the employer starts with `contracts` only; the
/// flag tells whether the first contract is version 1's policy.
pub(super) fn new_employer(req: &Request) -> Result<(NewEmployer, bool), ApiError> {
    let body = json_object(req)?;
    let f = Fields::new(&body);
    let company_name = f.text("company_name", 200)?;
    let user = f.object("main_user")?;
    let main_user_name = user.text("name", 200)?;
    let main_user_email = user.email("email")?;
    if !main_user_email.is_organisation_address() {
        return Err(email_not_allowed(user.path("email")));
    }
    let kvk_number = f
        .opt_str("kvk_number")?
        .map(|s| {
            KvkNumber::parse(s).ok_or_else(|| {
                ApiError::invalid(
                    "kvk_number",
                    "Een KvK-nummer heeft 8 cijfers, bijvoorbeeld 01234567.",
                    "A KvK number has 8 digits, e.g. 01234567.",
                )
            })
        })
        .transpose()?;
    let payroll_tax_number = f
        .opt_str("payroll_tax_number")?
        .map(|s| {
            PayrollTaxNumber::parse(s).ok_or_else(|| {
                ApiError::invalid(
                    "payroll_tax_number",
                    "Een loonheffingennummer is een fiscaal nummer van 9 cijfers dat de elfproef doorstaat, een L en 2 cijfers, bijvoorbeeld 111222333L01.",
                    "A payroll tax number is a 9-digit fiscal number passing the eleven test, an L and 2 digits, e.g. 111222333L01.",
                )
            })
        })
        .transpose()?;
    let postal_address = f
        .opt_object("postal_address")?
        .map(|a| postal_address(&a))
        .transpose()?;
    let adviser = f.opt_object("adviser")?.map(|a| contact(&a)).transpose()?;

    let mut contracts = Vec::new();
    // Version 1: `policy_number` and `policy` together make the verzuim contract.
    let has_policy = f.has("policy") || f.has("policy_number");
    if has_policy {
        let number = ContractNumber::parse(f.str("policy_number")?).ok_or_else(|| {
            ApiError::invalid(
                "policy_number",
                "Een polisnummer heeft 6 tot 12 cijfers.",
                "A policy number has 6 to 12 digits.",
            )
        })?;
        let p = f.object("policy")?;
        if p.str("product")? != "verzuim" {
            return Err(ApiError::invalid(
                p.path("product"),
                "Alleen het product 'verzuim' wordt ondersteund.",
                "Only the product 'verzuim' is supported.",
            ));
        }
        contracts.push(NewContract {
            number,
            name: "Verzuimverzekering".into(),
            start_date: date(&p, "start_date")?,
            end_date: None,
            settings: Settings::Verzuim(verzuim(&p)?),
        });
    }
    for c in f.opt_objects("contracts", MAX_CONTRACTS)? {
        contracts.push(new_contract(&c)?);
    }
    if contracts.is_empty() {
        return Err(ApiError::missing("contracts"));
    }
    let new = NewEmployer {
        company_name,
        main_user_name,
        main_user_email,
        kvk_number,
        payroll_tax_number,
        postal_address,
        adviser,
        contracts,
    };
    Ok((new, has_policy))
}

/// A NewContract (API.md): `{"product","contract_number","name","start_date","end_date"?,"settings"}`.
pub(super) fn new_contract(f: &Fields) -> Result<NewContract, ApiError> {
    let product = f.str("product")?;
    let number = contract_number(f, "contract_number")?;
    let name = f.text("name", 200)?;
    let start_date = date(f, "start_date")?;
    let end_date = match f.opt_date("end_date")? {
        Some(end) if end < start_date => {
            return Err(ApiError::invalid(
                f.path("end_date"),
                "De einddatum ligt vóór de ingangsdatum.",
                "The end date is before the start date.",
            ))
        }
        Some(_) => Some(date(f, "end_date")?),
        None => None,
    };
    let s = f.object("settings")?;
    let settings = match product {
        "verzuim" => Settings::Verzuim(verzuim(&s)?),
        "wga_hiaat" => Settings::WgaHiaat(wga_hiaat(&s)?),
        "pensioen" => Settings::Pensioen(PensioenSettings {
            scheme_name: s.text("scheme_name", 200)?,
            anw_hiaat_available: s.bool("anw_hiaat_available")?,
        }),
        "zorg" => Settings::Zorg(zorg(&s)?),
        _ => {
            return Err(ApiError::invalid(
                f.path("product"),
                "Kies verzuim, WGA-hiaat, pensioen of zorg.",
                "Choose verzuim, WGA gap, pension or health.",
            ))
        }
    };
    Ok(NewContract {
        number,
        name,
        start_date,
        end_date,
        settings,
    })
}

/// Version 1's policy terms (also a verzuim contract's settings).
fn verzuim(p: &Fields) -> Result<VerzuimSettings, ApiError> {
    let premium_rate_percent = p.percent("premium_rate_percent")?;
    let insured_wage = InsuredWage::parse(p.str("insured_wage")?).ok_or_else(|| {
        ApiError::invalid(
            p.path("insured_wage"),
            "Onbekende loonsoort.",
            "Unknown wage type.",
        )
    })?;
    let wage_cap = match p.opt_str("wage_cap")? {
        None => WageCap::None,
        Some(code) => WageCap::parse(code).ok_or_else(|| {
            ApiError::invalid(
                p.path("wage_cap"),
                "Kies geen loongrens of het maximum premieloon.",
                "Choose no wage cap or the maximum premium wage.",
            )
        })?,
    };
    let mut provisional_premium = BTreeMap::new();
    for (year, amount) in p.opt_entries("provisional_premium")? {
        let field = format!("{}.{year}", p.path("provisional_premium"));
        let year = year
            .parse::<Year>()
            .map_err(|_| ApiError::invalid(&field, "Onbekend jaar.", "Unknown year."))?;
        let amount = amount
            .as_str()
            .ok_or_else(|| amount_error(field.clone(), DecimalError::NotANumber, ""))
            .and_then(|a| {
                Money::parse_non_negative(a).map_err(|e| amount_error(field.clone(), e, a))
            })?;
        provisional_premium.insert(year.get(), amount);
    }
    Ok(VerzuimSettings {
        premium_rate_percent,
        insured_wage,
        wage_cap,
        provisional_premium,
    })
}

fn wga_hiaat(s: &Fields) -> Result<WgaHiaatSettings, ApiError> {
    let bad_covers = || {
        ApiError::invalid(
            s.path("covers"),
            "Kies een of meer van de drie dekkingen, elk één keer.",
            "Choose one or more of the three covers, each once.",
        )
    };
    let codes = s
        .opt_str_list("covers")?
        .ok_or_else(|| ApiError::missing(s.path("covers")))?;
    let mut covers = codes
        .iter()
        .map(|c| WgaCover::parse(c).ok_or_else(bad_covers))
        .collect::<Result<Vec<_>, _>>()?;
    covers.sort();
    let count = covers.len();
    covers.dedup();
    if covers.is_empty() || covers.len() != count {
        return Err(bad_covers());
    }
    let meerjarig = covers.contains(&WgaCover::InkomenscompensatieMeerjarig);
    let multi_year = if meerjarig {
        let coverage_percent = match s.str("coverage_percent")? {
            c @ ("100" | "70") => c.to_owned(),
            _ => {
                return Err(ApiError::invalid(
                    s.path("coverage_percent"),
                    "Kies 100 of 70 procent.",
                    "Choose 100 or 70 percent.",
                ))
            }
        };
        let duration_years = match s.int("duration_years")? {
            5 => 5,
            10 => 10,
            _ => {
                return Err(ApiError::invalid(
                    s.path("duration_years"),
                    "Kies 5 of 10 jaar.",
                    "Choose 5 or 10 years.",
                ))
            }
        };
        Some(MultiYearTerms {
            coverage_percent,
            duration_years,
        })
    } else {
        for name in ["coverage_percent", "duration_years"] {
            if s.has(name) {
                return Err(ApiError::invalid(
                    s.path(name),
                    "Dit hoort alleen bij de dekking Inkomenscompensatie Meerjarig.",
                    "This only goes with the cover Inkomenscompensatie Meerjarig.",
                ));
            }
        }
        None
    };
    let participation = match s.str("participation")? {
        "verplicht" => Participation::Verplicht,
        "vrijwillig" => Participation::Vrijwillig,
        _ => {
            return Err(ApiError::invalid(
                s.path("participation"),
                "Kies verplichte of vrijwillige deelname.",
                "Choose mandatory or voluntary participation.",
            ))
        }
    };
    Ok(WgaHiaatSettings {
        covers,
        multi_year,
        participation,
        premium_rate_percent: s.percent("premium_rate_percent")?,
    })
}

fn zorg(s: &Fields) -> Result<ZorgSettings, ApiError> {
    let payment = match s.str("payment")? {
        "salary" => Payment::Salary,
        "individual" => Payment::Individual,
        _ => {
            return Err(ApiError::invalid(
                s.path("payment"),
                "Kies betaling via de salarisadministratie of door de verzekerde zelf.",
                "Choose payment through payroll or by the insured person.",
            ))
        }
    };
    let items = s.opt_objects("products", MAX_HEALTH_PRODUCTS)?;
    if items.is_empty() {
        return Err(ApiError::missing(s.path("products")));
    }
    let mut products: Vec<HealthProduct> = Vec::new();
    for p in &items {
        let product = p.text("product", 100)?;
        if products.iter().any(|q| q.product == product) {
            return Err(ApiError::invalid(
                p.path("product"),
                "Dit product staat al in het contract.",
                "This product is already in the contract.",
            ));
        }
        let kind = match p.str("type")? {
            "basis" => HealthProductType::Basis,
            "aanvullend" => HealthProductType::Aanvullend,
            _ => {
                return Err(ApiError::invalid(
                    p.path("type"),
                    "Kies basis of aanvullend.",
                    "Choose basic or supplementary.",
                ))
            }
        };
        let monthly_premium = p.money("monthly_premium")?;
        let discount_percent = Percent::parse(p.str("discount_percent")?)
            .map_err(|e| decimal_error(p.path("discount_percent"), e))?;
        products.push(HealthProduct {
            product,
            kind,
            monthly_premium,
            discount_percent,
        });
    }
    Ok(ZorgSettings { payment, products })
}
