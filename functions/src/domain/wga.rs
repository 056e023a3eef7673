//! WGA Hiaat: the benefit of the three covers, yearly and monthly, with a
//! plain-language explanation. The rules are DOMAIN.md's "WGA Hiaat benefit".

use rust_decimal::Decimal;

use super::money::{Money, Percent};

/// One calculation: the cover with its own inputs and what every cover needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub cover: Cover,
    pub old_yearly_wage: Money,
    /// The year's maximum premieloon (statutory or given).
    pub max_premium_wage: Money,
    /// AO%: the disability percentage.
    pub disability: Percent,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cover {
    AanvullingszekerheidUitgebreid {
        wga_benefit: Money,
        new_yearly_wage: Money,
        other_benefits: Money,
        /// How much of the residual earning capacity the employee uses.
        residual_capacity_used: Percent,
    },
    Inkomenscompensatie,
    InkomenscompensatieMeerjarig {
        coverage: Coverage,
        duration: MultiYear,
    },
}

/// The insured part of Inkomenscompensatie Meerjarig.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coverage {
    Full,
    Seventy,
}

impl Coverage {
    /// 100 or 70; nothing else is on offer.
    pub fn from_percent(p: Percent) -> Option<Coverage> {
        match p {
            p if p == Percent::whole(100) => Some(Coverage::Full),
            p if p == Percent::whole(70) => Some(Coverage::Seventy),
            _ => None,
        }
    }

    fn percent(self) -> Percent {
        match self {
            Coverage::Full => Percent::whole(100),
            Coverage::Seventy => Percent::whole(70),
        }
    }
}

/// The chosen duration of Inkomenscompensatie Meerjarig.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MultiYear {
    Five,
    Ten,
}

impl MultiYear {
    pub fn from_years(years: i64) -> Option<MultiYear> {
        match years {
            5 => Some(MultiYear::Five),
            10 => Some(MultiYear::Ten),
            _ => None,
        }
    }

    fn years(self) -> u32 {
        match self {
            MultiYear::Five => 5,
            MultiYear::Ten => 10,
        }
    }
}

/// A plain-language explanation in both languages; the caller picks one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    pub nl: String,
    pub en: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Benefit {
    pub eligible: bool,
    pub yearly: Money,
    pub monthly: Money,
    /// The cover's longest payment; `None` for Aanvullingszekerheid Uitgebreid, which
    /// runs as long as the WGA benefit. Given whether or not this claim is eligible.
    pub max_duration_months: Option<u32>,
    pub explanation: Explanation,
}

const SEVENTY: Percent = Percent::whole(70);
const SUPPLEMENT: Percent = Percent::whole(5);
const SUPPLEMENT_FROM_USED: Percent = Percent::whole(50);
const INKOMENSCOMPENSATIE: Percent = Percent::whole(25);

/// Computes the benefit. The yearly amount is rounded to cents once, at the end; the
/// monthly payment is that yearly amount / 12, rounded to cents.
pub fn benefit(claim: &Claim) -> Benefit {
    // Every formula works on the old wage up to the maximum premieloon.
    let capped = claim.old_yearly_wage.min(claim.max_premium_wage);
    let wage = wage_text(claim.old_yearly_wage, claim.max_premium_wage);
    let ao = claim.disability;
    match claim.cover {
        Cover::AanvullingszekerheidUitgebreid {
            wga_benefit,
            new_yearly_wage,
            other_benefits,
            residual_capacity_used,
        } => {
            if !(Percent::whole(35) <= ao && ao < Percent::whole(80)) {
                let band = (
                    "minstens 35% en minder dan 80%",
                    "at least 35% and less than 80%",
                );
                return not_eligible(None, not_eligible_text(AZU, band, ao));
            }
            let income = wga_benefit.decimal()
                + SEVENTY.of(new_yearly_wage.decimal())
                + other_benefits.decimal();
            aanvullingszekerheid(capped, income, residual_capacity_used, wage)
        }
        Cover::Inkomenscompensatie => {
            if ao >= Percent::whole(35) {
                let band = ("minder dan 35%", "less than 35%");
                return not_eligible(Some(12), not_eligible_text(IC, band, ao));
            }
            inkomenscompensatie(capped, wage)
        }
        Cover::InkomenscompensatieMeerjarig { coverage, duration } => {
            if !(Percent::whole(15) <= ao && ao < Percent::whole(35)) {
                let band = (
                    "minstens 15% en minder dan 35%",
                    "at least 15% and less than 35%",
                );
                let months = Some(duration.years() * 12);
                return not_eligible(months, not_eligible_text(ICM, band, ao));
            }
            meerjarig(capped, ao, coverage, duration, wage)
        }
    }
}

const AZU: &str = "Aanvullingszekerheid Uitgebreid";
const IC: &str = "Inkomenscompensatie";
const ICM: &str = "Inkomenscompensatie Meerjarig";

/// 70 % of the capped wage minus the income there is (never below 0), plus 5 % of
/// the capped wage when at least half the residual earning capacity is used.
fn aanvullingszekerheid(
    capped: Money,
    income: Decimal,
    residual_capacity_used: Percent,
    wage: Explanation,
) -> Benefit {
    let target = SEVENTY.of(capped.decimal());
    let top_up = (target - income).max(Decimal::ZERO);
    // The 5 % is paid on its own, also when the top-up is nothing.
    let supplement =
        (residual_capacity_used >= SUPPLEMENT_FROM_USED).then(|| SUPPLEMENT.of(capped.decimal()));
    let yearly = Money::round(top_up + supplement.unwrap_or(Decimal::ZERO));
    let monthly = per_month(yearly);

    // The text shows each step to the cent; the benefit itself was rounded once.
    let (target, income, top_up) = (
        Money::round(target),
        Money::round(income),
        Money::round(top_up),
    );
    let mut nl = format!(
        "{} {AZU} vult het inkomen aan tot 70% daarvan: {}. De WGA-uitkering, 70% van het \
         nieuwe jaarloon en de andere uitkeringen zijn samen {}, ",
        wage.nl,
        eur_nl(target),
        eur_nl(income)
    );
    let mut en = format!(
        "{} {AZU} tops income up to 70% of that: {}. The WGA benefit, 70% of the new yearly \
         wage and the other benefits add up to {}, ",
        wage.en,
        eur_en(target),
        eur_en(income)
    );
    if top_up > Money::ZERO {
        nl += &format!("dus de aanvulling is {} per jaar. ", eur_nl(top_up));
        en += &format!("so the top-up is {} a year. ", eur_en(top_up));
    } else {
        nl += "dus er valt niets aan te vullen. ";
        en += "so there is nothing to top up. ";
    }
    match supplement.map(Money::round) {
        Some(s) => {
            nl += &format!(
                "De werknemer benut minstens 50% van de restverdiencapaciteit (wat de \
                 werknemer nog kan verdienen); daarom komt er 5% van het loon bij: {} per \
                 jaar. ",
                eur_nl(s)
            );
            en += &format!(
                "The employee uses at least 50% of their residual earning capacity (what they \
                 can still earn), so 5% of the wage is added: {} a year. ",
                eur_en(s)
            );
        }
        None => {
            nl += "De werknemer benut minder dan 50% van de restverdiencapaciteit (wat de \
                   werknemer nog kan verdienen); daarom komt er geen 5% bij. ";
            en += "The employee uses less than 50% of their residual earning capacity (what \
                   they can still earn), so no 5% is added. ";
        }
    }
    nl += &format!(
        "Uitkering: {} per jaar, {} per maand, zolang de werknemer een WGA-vervolguitkering \
         of WGA-loonaanvullingsuitkering krijgt.",
        eur_nl(yearly),
        eur_nl(monthly)
    );
    en += &format!(
        "Benefit: {} a year, {} a month, for as long as the employee receives a WGA \
         follow-up benefit or WGA wage supplement.",
        eur_en(yearly),
        eur_en(monthly)
    );
    eligible(yearly, monthly, None, Explanation { nl, en })
}

/// 25 % of the capped wage, for at most 12 months.
fn inkomenscompensatie(capped: Money, wage: Explanation) -> Benefit {
    let yearly = Money::round(INKOMENSCOMPENSATIE.of(capped.decimal()));
    let monthly = per_month(yearly);
    let nl = format!(
        "{} {IC} keert 25% daarvan uit: {} per jaar, {} per maand, hoogstens 12 maanden.",
        wage.nl,
        eur_nl(yearly),
        eur_nl(monthly)
    );
    let en = format!(
        "{} {IC} pays 25% of that: {} a year, {} a month, for at most 12 months.",
        wage.en,
        eur_en(yearly),
        eur_en(monthly)
    );
    eligible(yearly, monthly, Some(12), Explanation { nl, en })
}

/// Coverage % × AO% × the capped wage, for the chosen 5 or 10 years.
fn meerjarig(
    capped: Money,
    ao: Percent,
    coverage: Coverage,
    duration: MultiYear,
    wage: Explanation,
) -> Benefit {
    let years = duration.years();
    let yearly = Money::round(coverage.percent().of(ao.of(capped.decimal())));
    let monthly = per_month(yearly);
    let nl = format!(
        "{} {ICM} keert {} × {} daarvan uit: {} per jaar, {} per maand, hoogstens {years} \
         jaar.",
        wage.nl,
        pct_nl(coverage.percent()),
        pct_nl(ao),
        eur_nl(yearly),
        eur_nl(monthly)
    );
    let en = format!(
        "{} {ICM} pays {} × {} of that: {} a year, {} a month, for at most {years} years.",
        wage.en,
        pct_en(coverage.percent()),
        pct_en(ao),
        eur_en(yearly),
        eur_en(monthly)
    );
    eligible(yearly, monthly, Some(years * 12), Explanation { nl, en })
}

/// Paid at the end of each month: 1/12 of the yearly benefit.
fn per_month(yearly: Money) -> Money {
    Money::round(yearly.decimal() / Decimal::from(12))
}

fn eligible(
    yearly: Money,
    monthly: Money,
    max_duration_months: Option<u32>,
    explanation: Explanation,
) -> Benefit {
    Benefit {
        eligible: true,
        yearly,
        monthly,
        max_duration_months,
        explanation,
    }
}

fn not_eligible(max_duration_months: Option<u32>, explanation: Explanation) -> Benefit {
    Benefit {
        eligible: false,
        yearly: Money::ZERO,
        monthly: Money::ZERO,
        max_duration_months,
        explanation,
    }
}

fn not_eligible_text(cover: &str, (band_nl, band_en): (&str, &str), ao: Percent) -> Explanation {
    Explanation {
        nl: format!(
            "Geen uitkering: {cover} keert alleen uit bij een arbeidsongeschiktheid van \
             {band_nl}. De werknemer is {} arbeidsongeschikt.",
            pct_nl(ao)
        ),
        en: format!(
            "No benefit: {cover} only pays at a disability of {band_en}. The employee is {} \
             disabled.",
            pct_en(ao)
        ),
    }
}

/// The first sentence of every eligible explanation: which wage the formula uses.
fn wage_text(old: Money, max: Money) -> Explanation {
    if old <= max {
        Explanation {
            nl: format!(
                "Het oude jaarloon van {} valt binnen het maximum premieloon van {} en telt \
                 helemaal mee.",
                eur_nl(old),
                eur_nl(max)
            ),
            en: format!(
                "The old yearly wage of {} is within the maximum premium wage of {} and \
                 counts in full.",
                eur_en(old),
                eur_en(max)
            ),
        }
    } else {
        Explanation {
            nl: format!(
                "Het oude jaarloon van {} telt mee tot het maximum premieloon: {}.",
                eur_nl(old),
                eur_nl(max)
            ),
            en: format!(
                "The old yearly wage of {} counts up to the maximum premium wage: {}.",
                eur_en(old),
                eur_en(max)
            ),
        }
    }
}

fn eur_nl(m: Money) -> String {
    format!("€ {}", m.grouped('.', ','))
}

fn eur_en(m: Money) -> String {
    format!("€{}", m.grouped(',', '.'))
}

fn pct_nl(p: Percent) -> String {
    format!("{}%", p.to_string().replace('.', ","))
}

fn pct_en(p: Percent) -> String {
    format!("{p}%")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn money(s: &str) -> Money {
        Money::parse_non_negative(s).unwrap()
    }
    fn pct(s: &str) -> Percent {
        Percent::parse(s).unwrap()
    }

    fn azu(wga: &str, new: &str, other: &str, used: &str) -> Cover {
        Cover::AanvullingszekerheidUitgebreid {
            wga_benefit: money(wga),
            new_yearly_wage: money(new),
            other_benefits: money(other),
            residual_capacity_used: pct(used),
        }
    }

    fn claim(cover: Cover, old: &str, max: &str, ao: &str) -> Claim {
        Claim {
            cover,
            old_yearly_wage: money(old),
            max_premium_wage: money(max),
            disability: pct(ao),
        }
    }

    /// (claim, eligible, yearly, monthly, max_duration_months)
    fn check(claim: Claim, expected: (bool, &str, &str, Option<u32>)) {
        let b = benefit(&claim);
        assert_eq!(
            (
                b.eligible,
                b.yearly.to_string().as_str(),
                b.monthly.to_string().as_str(),
                b.max_duration_months
            ),
            expected,
            "{claim:?}"
        );
    }

    #[test]
    fn aanvullingszekerheid_uitgebreid() {
        let cases = [
            // 70 % × 60 000 = 42 000 − (12 000 + 70 % × 10 000 + 0) = 23 000; used < 50 %.
            (
                azu("12000", "10000", "0", "40"),
                "60000",
                "75864",
                "50",
                (true, "23000.00", "1916.67", None),
            ),
            // The same with at least 50 % used: + 5 % × 60 000 = 3 000. Exactly 50 counts.
            (
                azu("12000", "10000", "0", "50"),
                "60000",
                "75864",
                "50",
                (true, "26000.00", "2166.67", None),
            ),
            // Old wage above the cap: 70 % × 75 864 = 53 104,80 − 20 000 = 33 104,80.
            (
                azu("20000", "0", "0", "0"),
                "90000",
                "75864",
                "60",
                (true, "33104.80", "2758.73", None),
            ),
            // Cap given by the caller instead of the statutory figure.
            (
                azu("20000", "0", "0", "0"),
                "90000",
                "80000",
                "60",
                (true, "36000.00", "3000.00", None),
            ),
            // Income already above 70 %: the top-up is 0, and 0 without the 5 %.
            (
                azu("30000", "20000", "5000", "10"),
                "60000",
                "75864",
                "45",
                (true, "0.00", "0.00", None),
            ),
            // ... but the 5 % is still paid when at least half the capacity is used.
            (
                azu("30000", "20000", "5000", "75"),
                "60000",
                "75864",
                "45",
                (true, "3000.00", "250.00", None),
            ),
            // Other benefits count against the top-up too.
            (
                azu("12000", "10000", "1500.50", "0"),
                "60000",
                "75864",
                "50",
                (true, "21499.50", "1791.63", None),
            ),
            // Rounded once at the end: 70 % × 0,01 = 0,007 and 5 % × 0,01 = 0,0005.
            (
                azu("0", "0", "0", "100"),
                "0.01",
                "75864",
                "35",
                (true, "0.01", "0.00", None),
            ),
            // Exact half cent: 70 % × 0,05 = 0,035 → 0,04.
            (
                azu("0", "0", "0", "0"),
                "0.05",
                "75864",
                "35",
                (true, "0.04", "0.00", None),
            ),
            // Eligibility band 35 ≤ AO% < 80.
            (
                azu("12000", "10000", "0", "80"),
                "60000",
                "75864",
                "34.9999",
                (false, "0.00", "0.00", None),
            ),
            (
                azu("12000", "10000", "0", "80"),
                "60000",
                "75864",
                "80",
                (false, "0.00", "0.00", None),
            ),
            (
                azu("12000", "10000", "0", "80"),
                "60000",
                "75864",
                "79.9999",
                (true, "26000.00", "2166.67", None),
            ),
        ];
        for (cover, old, max, ao, expected) in cases {
            check(claim(cover, old, max, ao), expected);
        }
    }

    #[test]
    fn inkomenscompensatie() {
        for (old, max, ao, expected) in [
            // 25 % × 60 000 for at most 12 months.
            (
                "60000",
                "75864",
                "20",
                (true, "15000.00", "1250.00", Some(12)),
            ),
            // Capped: 25 % × 75 864 = 18 966; / 12 = 1 580,50.
            (
                "90000",
                "75864",
                "34.9999",
                (true, "18966.00", "1580.50", Some(12)),
            ),
            // No lower bound: AO% 0 is eligible.
            (
                "40000",
                "71628",
                "0",
                (true, "10000.00", "833.33", Some(12)),
            ),
            // Exact half cents: 25 % × 0,02 = 0,005 → 0,01; 0,06 / 12 = 0,005 → 0,01.
            ("0.02", "75864", "10", (true, "0.01", "0.00", Some(12))),
            ("0.24", "75864", "10", (true, "0.06", "0.01", Some(12))),
            ("60000", "75864", "35", (false, "0.00", "0.00", Some(12))),
        ] {
            check(claim(Cover::Inkomenscompensatie, old, max, ao), expected);
        }
    }

    #[test]
    fn inkomenscompensatie_meerjarig() {
        let icm = |coverage, duration| Cover::InkomenscompensatieMeerjarig { coverage, duration };
        for (cover, old, ao, expected) in [
            // 100 % × 20 % × 60 000 = 12 000, five years.
            (
                icm(Coverage::Full, MultiYear::Five),
                "60000",
                "20",
                (true, "12000.00", "1000.00", Some(60)),
            ),
            // 70 % × 20 % × 60 000 = 8 400, ten years.
            (
                icm(Coverage::Seventy, MultiYear::Ten),
                "60000",
                "20",
                (true, "8400.00", "700.00", Some(120)),
            ),
            // Capped: 70 % × 33,33 % × 75 864 = 17 699,8298… → 17 699,83; / 12 = 1 474,985… → 1 474,99.
            (
                icm(Coverage::Seventy, MultiYear::Five),
                "100000",
                "33.33",
                (true, "17699.83", "1474.99", Some(60)),
            ),
            // Band 15 ≤ AO% < 35.
            (
                icm(Coverage::Full, MultiYear::Five),
                "60000",
                "15",
                (true, "9000.00", "750.00", Some(60)),
            ),
            (
                icm(Coverage::Full, MultiYear::Five),
                "60000",
                "14.9999",
                (false, "0.00", "0.00", Some(60)),
            ),
            (
                icm(Coverage::Full, MultiYear::Ten),
                "60000",
                "35",
                (false, "0.00", "0.00", Some(120)),
            ),
        ] {
            check(claim(cover, old, "75864", ao), expected);
        }
    }

    #[test]
    fn choices_of_the_multi_year_cover() {
        assert_eq!(Coverage::from_percent(pct("100")), Some(Coverage::Full));
        assert_eq!(
            Coverage::from_percent(pct("70,00")),
            Some(Coverage::Seventy)
        );
        assert_eq!(Coverage::from_percent(pct("80")), None);
        assert_eq!(MultiYear::from_years(5), Some(MultiYear::Five));
        assert_eq!(MultiYear::from_years(10), Some(MultiYear::Ten));
        assert_eq!(MultiYear::from_years(7), None);
    }

    #[test]
    fn explanations_give_the_arithmetic_in_both_languages() {
        let b = benefit(&claim(azu("20000", "0", "0", "60"), "90000", "75864", "60"));
        assert_eq!(
            b.explanation.nl,
            "Het oude jaarloon van € 90.000,00 telt mee tot het maximum premieloon: \
             € 75.864,00. Aanvullingszekerheid Uitgebreid vult het inkomen aan tot 70% \
             daarvan: € 53.104,80. De WGA-uitkering, 70% van het nieuwe jaarloon en de andere \
             uitkeringen zijn samen € 20.000,00, dus de aanvulling is € 33.104,80 per jaar. \
             De werknemer benut minstens 50% van de restverdiencapaciteit (wat de werknemer \
             nog kan verdienen); daarom komt er 5% van het loon bij: € 3.793,20 per jaar. \
             Uitkering: € 36.898,00 per jaar, € 3.074,83 per maand, zolang de werknemer een \
             WGA-vervolguitkering of WGA-loonaanvullingsuitkering krijgt."
        );
        assert!(b.explanation.en.starts_with(
            "The old yearly wage of €90,000.00 counts up to the maximum premium wage: €75,864.00."
        ));
        assert!(b.explanation.en.ends_with(
            "Benefit: €36,898.00 a year, €3,074.83 a month, for as long as the employee \
             receives a WGA follow-up benefit or WGA wage supplement."
        ));

        let b = benefit(&claim(
            Cover::InkomenscompensatieMeerjarig {
                coverage: Coverage::Seventy,
                duration: MultiYear::Ten,
            },
            "60000",
            "75864",
            "20.5",
        ));
        assert_eq!(
            b.explanation.nl,
            "Het oude jaarloon van € 60.000,00 valt binnen het maximum premieloon van \
             € 75.864,00 en telt helemaal mee. Inkomenscompensatie Meerjarig keert 70% × 20,5% \
             daarvan uit: € 8.610,00 per jaar, € 717,50 per maand, hoogstens 10 jaar."
        );
        assert_eq!(
            b.explanation.en,
            "The old yearly wage of €60,000.00 is within the maximum premium wage of \
             €75,864.00 and counts in full. Inkomenscompensatie Meerjarig pays 70% × 20.5% of \
             that: €8,610.00 a year, €717.50 a month, for at most 10 years."
        );

        let b = benefit(&claim(Cover::Inkomenscompensatie, "60000", "75864", "42,5"));
        assert_eq!(
            b.explanation.nl,
            "Geen uitkering: Inkomenscompensatie keert alleen uit bij een \
             arbeidsongeschiktheid van minder dan 35%. De werknemer is 42,5% \
             arbeidsongeschikt."
        );
        assert_eq!(
            b.explanation.en,
            "No benefit: Inkomenscompensatie only pays at a disability of less than 35%. \
             The employee is 42.5% disabled."
        );

        let b = benefit(&claim(
            azu("30000", "20000", "5000", "10"),
            "60000",
            "75864",
            "45",
        ));
        assert!(b
            .explanation
            .nl
            .contains("dus er valt niets aan te vullen."));
        assert!(b.explanation.nl.contains("daarom komt er geen 5% bij."));
        assert!(b.explanation.en.contains("so there is nothing to top up."));
    }
}
