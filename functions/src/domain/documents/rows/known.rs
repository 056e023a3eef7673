//! A payroll statement against the year's settlement: per employee the same
//! SV-loon, and nobody only on one side. All of it is warnings: the statement
//! is the source, the settlement may be what needs correcting (or, once it is
//! submitted, what only the insurer can reopen).
//!
//! Matching, per file row in order, each settlement employee used once:
//! 1. by BSN, when the row has a valid one and a settlement employee has it;
//! 2. otherwise by initials + prefix + last name (letters only, any case:
//!    "J.P. van der Berg" = "jp Van Der Berg"), among settlement employees without
//!    a BSN when the row has one (two different BSNs are two people); with
//!    namesakes, the one with the same wage first;
//! 3. otherwise by first initial + surname when that leaves exactly one candidate
//!    ("J. Jansen" in the file, "J.P. Jansen" in the settlement).

use std::collections::HashMap;

use super::super::findings::Findings;
use super::super::messages;
use super::values::{initials_key, surname_key};
use super::PayrollRow;
use crate::domain::bsn::Bsn;
use crate::domain::documents::{KnownWage, Settled};
use crate::domain::employee::display_name;
use crate::domain::year::Year;

struct Known<'a> {
    wage: &'a KnownWage,
    bsn: Option<Bsn>,
    matched: bool,
}

pub fn compare(year: Year, rows: &[PayrollRow], settled: Settled<'_>, out: &mut Findings) {
    let submitted = settled.submitted;
    let mut people: Vec<Known> = settled
        .wages
        .iter()
        .map(|k| Known {
            wage: k,
            bsn: Bsn::parse(&k.bsn),
            matched: false,
        })
        .collect();
    let mut by_bsn: HashMap<String, Vec<usize>> = HashMap::new();
    let mut by_name: HashMap<(String, String), Vec<usize>> = HashMap::new();
    let mut by_first: HashMap<(char, String), Vec<usize>> = HashMap::new();
    for (i, k) in people.iter().enumerate() {
        if let Some(bsn) = &k.bsn {
            by_bsn.entry(bsn.as_str().to_owned()).or_default().push(i);
        }
        let initials = initials_key(&k.wage.initials);
        let surname = surname_key(k.wage.prefix.as_deref().unwrap_or(""), &k.wage.last_name);
        if let Some(first) = initials.chars().next() {
            by_first
                .entry((first, surname.clone()))
                .or_default()
                .push(i);
        }
        by_name.entry((initials, surname)).or_default().push(i);
    }
    for row in rows {
        let by_id = row
            .bsn
            .as_ref()
            .and_then(|bsn| by_bsn.get(bsn.as_str()))
            .and_then(|candidates| candidates.iter().copied().find(|&i| !people[i].matched));
        let by_person = || {
            let person = row.person.as_ref()?;
            // A row with a BSN only matches by name someone without one.
            let free =
                |i: &usize| !people[*i].matched && (row.bsn.is_none() || people[*i].bsn.is_none());
            let named = by_name
                .get(&(person.initials.clone(), person.surname.clone()))
                .map(|c| c.iter().copied().filter(free).collect::<Vec<_>>())
                .unwrap_or_default();
            let same_wage = named
                .iter()
                .copied()
                .find(|&i| Some(people[i].wage.wage) == row.wage);
            same_wage.or_else(|| named.first().copied()).or_else(|| {
                let first = person.initials.chars().next()?;
                let loose: Vec<usize> = by_first
                    .get(&(first, person.surname.clone()))?
                    .iter()
                    .copied()
                    .filter(free)
                    .collect();
                (loose.len() == 1).then(|| loose[0])
            })
        };
        let matched = by_id.or_else(by_person);
        let name = row.person.as_ref().map_or("", |p| p.display.as_str());
        match matched {
            Some(i) => {
                people[i].matched = true;
                let settled = people[i].wage.wage;
                if let Some(wage) = row.wage.filter(|w| *w != settled) {
                    let name = if name.is_empty() {
                        known_name(people[i].wage)
                    } else {
                        name.to_owned()
                    };
                    out.push(messages::wage_differs(
                        row.row, &name, wage, settled, year, submitted,
                    ));
                }
            }
            // A row without a readable name or BSN already has an error; naming
            // it "not in the settlement" as well would only add noise.
            None if row.person.is_some() => {
                out.push(messages::not_in_settlement(row.row, name, year, submitted));
            }
            None => {}
        }
    }
    for k in people.iter().filter(|k| !k.matched) {
        out.push(messages::not_in_file(&known_name(k.wage), year, submitted));
    }
}

fn known_name(k: &KnownWage) -> String {
    display_name(&k.initials, k.prefix.as_deref(), &k.last_name)
}
