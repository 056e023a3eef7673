//! Every finding's wording, in one place: Dutch at B1 level addressing the employer
//! as "u" with one instruction what to fix, and English. Values from the file are
//! echoed only where they help to find the cell (a date, an amount, a name), cut
//! short, never a BSN and never the text of a medical hit.

use crate::domain::documents::findings::{DateProblem, Finding, Problem, Severity};
use crate::domain::documents::headers::{example_header, label};
use crate::domain::documents::{Kind, NoteSource, Unreadable, MAX_BYTES};
use crate::domain::money::{DecimalError, Money};
use crate::domain::year::Year;

fn finding(
    code: &'static str,
    severity: Severity,
    field: Option<&'static str>,
    row: Option<u32>,
    nl: String,
    en: String,
) -> Finding {
    Finding {
        code,
        severity,
        field,
        row,
        nl,
        en,
    }
}

/// A value from the file as messages quote it: no control characters, at most 40
/// characters.
pub fn shown(value: &str) -> String {
    let mut out: String = value
        .trim()
        .chars()
        .filter(|c| !c.is_control())
        .take(40)
        .collect();
    if value
        .trim()
        .chars()
        .filter(|c| !c.is_control())
        .nth(40)
        .is_some()
    {
        out.push('…');
    }
    out
}

fn euros_nl(amount: Money) -> String {
    format!("€ {}", amount.grouped('.', ','))
}

fn euros_en(amount: Money) -> String {
    format!("€{}", amount.grouped(',', '.'))
}

/// Who the file must come from, per kind.
fn source(kind: Kind) -> (&'static str, &'static str) {
    match kind {
        Kind::PayrollStatement => (
            "uw salarisadministratie of accountant",
            "your payroll office or accountant",
        ),
        Kind::AbsenceReport => (
            "de arbodienst of bedrijfsarts",
            "the occupational health service or company doctor",
        ),
    }
}

fn document(kind: Kind) -> (&'static str, &'static str) {
    match kind {
        Kind::PayrollStatement => ("de verzamelloonstaat", "the payroll statement"),
        Kind::AbsenceReport => ("de arborapportage", "the absence report"),
    }
}

/// An image file, or a file whose metadata names a screenshot tool.
pub fn screenshot(kind: Kind, what: Option<&str>, tool: Option<&str>) -> Finding {
    let (from_nl, from_en) = source(kind);
    let (what_nl, what_en) = match what {
        Some(format) => (
            format!("Dit bestand is een afbeelding ({})", shown(format)),
            format!("This file is an image ({})", shown(format)),
        ),
        None => (
            "Dit bestand is een schermafbeelding".to_owned(),
            "This file is a screenshot".to_owned(),
        ),
    };
    let (made_nl, made_en) = match tool {
        Some(tool) => (
            format!(", gemaakt met {}", shown(tool)),
            format!(", made with {}", shown(tool)),
        ),
        None => (String::new(), String::new()),
    };
    finding(
        "screenshot",
        Severity::Error,
        None,
        None,
        format!(
            "{what_nl}{made_nl}. Een schermprint nemen wij niet aan. Upload het originele bestand van {from_nl}: een CSV-, Excel- of PDF-bestand."
        ),
        format!(
            "{what_en}{made_en}. A screenshot is not accepted. Upload the original file from {from_en}: a CSV, Excel or PDF file."
        ),
    )
}

/// A PDF of pictures only: a scan or a screenshot wrapped in a PDF.
pub fn image_only_pdf(kind: Kind) -> Finding {
    let (from_nl, from_en) = source(kind);
    finding(
        "screenshot",
        Severity::Error,
        None,
        None,
        format!(
            "Deze PDF bevat alleen afbeeldingen en geen tekst: het is een scan of schermprint. Upload de PDF zoals {from_nl} die maakt, of een CSV- of Excel-bestand."
        ),
        format!(
            "This PDF holds only images and no text: it is a scan or a screenshot. Upload the PDF as {from_en} makes it, or a CSV or Excel file."
        ),
    )
}

pub fn unsupported() -> Finding {
    finding(
        "unsupported_type",
        Severity::Error,
        None,
        None,
        "Dit soort bestand kunnen wij niet lezen. Upload een CSV-bestand, een Excel-bestand (.xlsx) of een PDF-bestand met tekst.".to_owned(),
        "We cannot read this type of file. Upload a CSV file, an Excel file (.xlsx) or a PDF file with text.".to_owned(),
    )
}

pub fn too_large() -> Finding {
    let mb = MAX_BYTES / (1024 * 1024);
    finding(
        "too_large",
        Severity::Error,
        None,
        None,
        format!("Het bestand is groter dan {mb} MB. Maak het kleiner, bijvoorbeeld door alleen de gegevens van dit jaar op te nemen, en upload het opnieuw."),
        format!("The file is larger than {mb} MB. Make it smaller, for example by including only this year's data, and upload it again."),
    )
}

pub fn unreadable(reason: Unreadable) -> Finding {
    let (nl, en) = match reason {
        Unreadable::Corrupt => (
            "Wij kunnen het bestand niet openen: het is beschadigd of niet compleet. Sla het opnieuw op of maak een nieuwe export, en upload het nog een keer.",
            "We cannot open the file: it is damaged or incomplete. Save it again or make a new export, and upload it again.",
        ),
        Unreadable::Encoding => (
            "Wij kunnen de tekst in dit bestand niet lezen. Sla het bestand op als 'CSV UTF-8' en upload het opnieuw.",
            "We cannot read the text in this file. Save the file as 'CSV UTF-8' and upload it again.",
        ),
        Unreadable::Encrypted => (
            "Het bestand is beveiligd met een wachtwoord. Sla het op zonder wachtwoord en upload het opnieuw.",
            "The file is protected with a password. Save it without a password and upload it again.",
        ),
        Unreadable::TooBig => (
            "Het bestand heeft te veel regels, kolommen of tekst om te controleren. Upload een bestand met alleen de gegevens van dit jaar.",
            "The file has too many lines, columns or too much text to check. Upload a file with only this year's data.",
        ),
        Unreadable::Empty => (
            "Het bestand is leeg. Upload het bestand waarin de gegevens staan.",
            "The file is empty. Upload the file that holds the data.",
        ),
    };
    finding(
        "unreadable",
        Severity::Error,
        None,
        None,
        nl.to_owned(),
        en.to_owned(),
    )
}

/// A required column (or the company name, or the total) that the file lacks.
pub fn missing_field(kind: Kind, field: &'static str) -> Finding {
    let (doc_nl, doc_en) = document(kind);
    let (nl, en) = match field {
        "company_name" => (
            format!("In {doc_nl} staat niet de naam van uw bedrijf. Zet de bedrijfsnaam boven de tabel, bijvoorbeeld 'Werkgever: Bakkerij Jansen B.V.'."),
            format!("{doc_en} does not show your company's name. Put the company name above the table, for example 'Werkgever: Bakkerij Jansen B.V.'."),
        ),
        "total" => (
            format!("In {doc_nl} staat geen totaal van het SV-loon. Zet onder de werknemers een regel 'Totaal' met de som van het SV-loon."),
            format!("{doc_en} has no total of the SV wages. Add a line 'Totaal' below the employees with the sum of the SV wages."),
        ),
        _ => {
            let (label_nl, label_en) = label(field);
            let example = example_header(field);
            (
                format!("In {doc_nl} ontbreekt een kolom voor {label_nl}. Voeg een kolom '{example}' toe en vul die voor elke werknemer in."),
                format!("{doc_en} has no column for {label_en}. Add a column '{example}' and fill it in for every employee."),
            )
        }
    };
    finding(
        "missing_field",
        Severity::Error,
        Some(field),
        None,
        capitalize(&nl),
        capitalize(&en),
    )
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A cell whose value breaks a rule.
pub fn invalid_value(field: &'static str, row: u32, problem: Problem, value: &str) -> Finding {
    let (label_nl, label_en) = label(field);
    let v = shown(value);
    let (nl, en) = match problem {
        Problem::Empty => (
            format!("Regel {row}: {label_nl} ontbreekt. Vul {label_nl} in."),
            format!("Line {row}: {label_en} is missing. Fill in {label_en}."),
        ),
        Problem::Date(DateProblem::NotADate) => (
            format!("Regel {row}: {label_nl} '{v}' is geen datum. Schrijf de datum als dd-mm-jjjj, bijvoorbeeld 01-03-2025."),
            format!("Line {row}: {label_en} '{v}' is not a date. Write the date as dd-mm-yyyy, for example 01-03-2025."),
        ),
        Problem::Date(DateProblem::Impossible) => (
            format!("Regel {row}: {label_nl} '{v}' bestaat niet. Vul een bestaande datum in."),
            format!("Line {row}: {label_en} '{v}' does not exist. Fill in a real date."),
        ),
        Problem::Before(other) => {
            let (other_nl, other_en) = label(other);
            (
                format!("Regel {row}: {label_nl} ({v}) ligt vóór {other_nl}. Controleer beide datums en verbeter de datum die niet klopt."),
                format!("Line {row}: {label_en} ({v}) is before {other_en}. Check both dates and correct the wrong one."),
            )
        }
        Problem::Amount(DecimalError::Negative) => (
            format!("Regel {row}: {label_nl} '{v}' is negatief. Vul het bedrag in zonder minteken."),
            format!("Line {row}: {label_en} '{v}' is negative. Fill in the amount without a minus sign."),
        ),
        Problem::Amount(DecimalError::Ambiguous) => (
            format!("Regel {row}: het bedrag '{v}' kan op twee manieren gelezen worden. Schrijf het met twee cijfers achter de komma, bijvoorbeeld 52.350,00."),
            format!("Line {row}: the amount '{v}' can be read in two ways. Write it with two decimals, for example 52.350,00."),
        ),
        Problem::Amount(_) => (
            format!("Regel {row}: {label_nl} '{v}' is geen geldig bedrag. Schrijf het bedrag als 52.350,00."),
            format!("Line {row}: {label_en} '{v}' is not a valid amount. Write the amount as 52.350,00."),
        ),
        Problem::Percent(DecimalError::Negative | DecimalError::OutOfRange) => (
            format!("Regel {row}: {label_nl} '{v}' ligt niet tussen 0 en 100. Vul een percentage van 0 tot en met 100 in."),
            format!("Line {row}: {label_en} '{v}' is not between 0 and 100. Fill in a percentage from 0 to 100."),
        ),
        Problem::Percent(_) => (
            format!("Regel {row}: {label_nl} '{v}' is geen percentage. Vul een getal van 0 tot en met 100 in, bijvoorbeeld 50 of 50,5."),
            format!("Line {row}: {label_en} '{v}' is not a percentage. Fill in a number from 0 to 100, for example 50 or 50.5."),
        ),
        Problem::Name => (
            format!("Regel {row}: de naam '{v}' bevat tekens die niet in een naam horen. Vul de achternaam in met letters."),
            format!("Line {row}: the name '{v}' holds characters that do not belong in a name. Fill in the last name in letters."),
        ),
        Problem::Initials => (
            format!("Regel {row}: '{v}' zijn geen voorletters. Vul de voorletters in, bijvoorbeeld J.P."),
            format!("Line {row}: '{v}' are not initials. Fill in the initials, for example J.P."),
        ),
        Problem::NoInitials => (
            format!("Regel {row}: bij de naam '{v}' staan geen voorletters. Zet de voorletters bij de naam, bijvoorbeeld 'Jansen, J.P.', of voeg een kolom 'Voorletters' toe."),
            format!("Line {row}: the name '{v}' has no initials. Add the initials to the name, for example 'Jansen, J.P.', or add a column 'Voorletters'."),
        ),
        Problem::Bsn => (
            format!("Regel {row}: het BSN is geen geldig burgerservicenummer. Controleer het nummer."),
            format!("Line {row}: the BSN is not a valid citizen service number. Check the number."),
        ),
    };
    finding(
        "invalid_value",
        Severity::Error,
        Some(field),
        Some(row),
        nl,
        en,
    )
}

/// A date that puts the row outside the year: a warning, since the rest of the
/// file can still be right (see `rows` for why).
pub fn outside_year(
    field: &'static str,
    row: u32,
    year: Year,
    value: &str,
    after: bool,
) -> Finding {
    let (label_nl, label_en) = label(field);
    let v = shown(value);
    let y = year.get();
    let (nl, en) = if after {
        (
            format!("Regel {row}: {label_nl} ({v}) ligt na {y}. Controleer de datum; hoort deze regel niet bij {y}, haal hem dan uit het bestand."),
            format!("Line {row}: {label_en} ({v}) is after {y}. Check the date; if this line does not belong to {y}, remove it from the file."),
        )
    } else {
        (
            format!("Regel {row}: {label_nl} ({v}) ligt vóór {y}. Controleer de datum; hoort deze regel niet bij {y}, haal hem dan uit het bestand."),
            format!("Line {row}: {label_en} ({v}) is before {y}. Check the date; if this line does not belong to {y}, remove it from the file."),
        )
    };
    finding(
        "outside_year",
        Severity::Warning,
        Some(field),
        Some(row),
        nl,
        en,
    )
}

/// A header without a single row below it.
pub fn no_rows(kind: Kind) -> Finding {
    let (doc_nl, doc_en) = document(kind);
    finding(
        "no_rows",
        Severity::Error,
        None,
        None,
        capitalize(&format!(
            "{doc_nl} bevat geen werknemers. Upload het bestand waarin de werknemers staan."
        )),
        capitalize(&format!(
            "{doc_en} lists no employees. Upload the file that lists the employees."
        )),
    )
}

pub fn totals_mismatch(row: u32, total: Money, sum: Money) -> Finding {
    finding(
        "totals_mismatch",
        Severity::Error,
        Some("total"),
        Some(row),
        format!(
            "Regel {row}: het totaal ({}) is niet gelijk aan de som van het SV-loon van de werknemers ({}). Controleer de bedragen en upload een verzamelloonstaat waarin het totaal klopt.",
            euros_nl(total),
            euros_nl(sum)
        ),
        format!(
            "Line {row}: the total ({}) is not the sum of the employees' SV wages ({}). Check the amounts and upload a payroll statement whose total is right.",
            euros_en(total),
            euros_en(sum)
        ),
    )
}

/// Medical data in a cell. The cell's text is not repeated: it must not travel
/// further than it already has.
pub fn medical_data(row: u32, column: usize, field: Option<&'static str>) -> Finding {
    let column = column + 1;
    finding(
        "medical_data",
        Severity::Error,
        field,
        Some(row),
        format!(
            "Regel {row}, kolom {column}: hier staan medische gegevens, zoals een ziekte, behandeling of behandelaar. Die mag u niet met ons delen. Haal ze uit het bestand en upload het opnieuw; wij bewaren dit bestand niet."
        ),
        format!(
            "Line {row}, column {column}: this holds medical data, such as an illness, treatment or therapist. You may not share it with us. Remove it from the file and upload it again; we do not keep this file."
        ),
    )
}

/// Medical data outside the cells: in a comment on a cell, or in a text box,
/// shape or chart title.
pub fn medical_data_in_note(source: NoteSource, cell: Option<(u32, usize)>) -> Finding {
    let (nl, en) = match (source, cell) {
        (NoteSource::Comment, Some((row, column))) => {
            let column = column + 1;
            (
                format!("De opmerking bij regel {row}, kolom {column}"),
                format!("The comment on line {row}, column {column}"),
            )
        }
        (NoteSource::Comment, None) => ("Een opmerking".to_owned(), "A comment".to_owned()),
        (NoteSource::Drawing, _) => (
            "Een tekstvak, vorm of grafiek".to_owned(),
            "A text box, shape or chart".to_owned(),
        ),
    };
    finding(
        "medical_data",
        Severity::Error,
        None,
        cell.map(|(row, _)| row),
        format!(
            "{nl} in dit bestand bevat medische gegevens, zoals een ziekte, behandeling of behandelaar. Die mag u niet met ons delen. Haal ze weg en upload het bestand opnieuw; wij bewaren dit bestand niet."
        ),
        format!(
            "{en} in this file holds medical data, such as an illness, treatment or therapist. You may not share it with us. Remove it and upload the file again; we do not keep this file."
        ),
    )
}

/// Files embedded in a workbook: we cannot check what they hold.
pub fn embedded_file(names: &[String]) -> Finding {
    let first = names
        .first()
        .map(|n| shown(n.rsplit('/').next().unwrap_or(n)))
        .unwrap_or_default();
    let (nl, en) = match names.len() {
        0 | 1 => (
            format!("een ingesloten bestand ('{first}')"),
            format!("an embedded file ('{first}')"),
        ),
        n => (
            format!("{n} ingesloten bestanden, zoals '{first}'"),
            format!("{n} embedded files, such as '{first}'"),
        ),
    };
    finding(
        "embedded_file",
        Severity::Error,
        None,
        None,
        format!(
            "Dit bestand bevat {nl}. Wat daarin staat, kunnen wij niet controleren. Haal het uit het werkblad, of zet alleen de gegevens in een nieuw werkblad, en upload het opnieuw."
        ),
        format!(
            "This file holds {en}. We cannot check what it contains. Remove it from the sheet, or put just the data into a new workbook, and upload it again."
        ),
    )
}

pub fn progress_report(row: u32) -> Finding {
    finding(
        "progress_report",
        Severity::Error,
        None,
        Some(row),
        format!(
            "Regel {row}: dit lijkt een voortgangsverslag, evaluatie of plan van aanpak, geen arborapportage. Upload de arborapportage van de arbodienst, met per zieke werknemer de eerste ziektedag, melddatum, hersteldatum en het AO-percentage."
        ),
        format!(
            "Line {row}: this looks like a progress report, evaluation or action plan, not an absence report. Upload the absence report from the occupational health service, with each sick employee's first day of absence, report date, recovery date and disability percentage."
        ),
    )
}

/// The sentence a finding about the settlement ends with once the year is
/// submitted: the employer can no longer correct it, only the insurer can reopen it.
fn submitted_year(y: i32) -> (String, String) {
    (
        format!("De naverrekening van {y} is al ingediend en staat op slot: alleen uw verzekeraar kan dat jaar weer openzetten."),
        format!("The {y} settlement has already been submitted and is locked: only your insurer can reopen that year."),
    )
}

pub fn wage_differs(
    row: u32,
    name: &str,
    file: Money,
    settlement: Money,
    year: Year,
    submitted: bool,
) -> Finding {
    let name = shown(name);
    let (fix_nl, fix_en) = if submitted {
        let (nl, en) = submitted_year(year.get());
        (
            format!("{nl} Klopt het bestand niet, verbeter dan het bestand."),
            format!("{en} If the file is wrong, correct the file."),
        )
    } else {
        (
            "Controleer welk bedrag klopt en pas de naverrekening of het bestand aan.".to_owned(),
            "Check which amount is right and correct the settlement or the file.".to_owned(),
        )
    };
    finding(
        "wage_differs",
        Severity::Warning,
        Some("sv_wage"),
        Some(row),
        format!(
            "Regel {row}: het SV-loon van {name} is {}, maar in de naverrekening staat {}. {fix_nl}",
            euros_nl(file),
            euros_nl(settlement)
        ),
        format!(
            "Line {row}: the SV wage of {name} is {}, but the settlement has {}. {fix_en}",
            euros_en(file),
            euros_en(settlement)
        ),
    )
}

pub fn not_in_file(name: &str, year: Year, submitted: bool) -> Finding {
    let name = shown(name);
    let y = year.get();
    let (also_nl, also_en) = if submitted {
        let (nl, en) = submitted_year(y);
        (format!(" {nl}"), format!(" {en}"))
    } else {
        (String::new(), String::new())
    };
    finding(
        "employee_not_in_file",
        Severity::Warning,
        None,
        None,
        format!("{name} staat in de naverrekening van {y}, maar niet in de verzamelloonstaat. Controleer of deze werknemer in {y} bij u in dienst was.{also_nl}"),
        format!("{name} is in the settlement of {y}, but not in the payroll statement. Check whether this employee worked for you in {y}.{also_en}"),
    )
}

pub fn not_in_settlement(row: u32, name: &str, year: Year, submitted: bool) -> Finding {
    let name = shown(name);
    let y = year.get();
    let (fix_nl, fix_en) = if submitted {
        let (nl, en) = submitted_year(y);
        (
            format!("{nl} Controleer anders de naam en het BSN."),
            format!("{en} Otherwise check the name and BSN."),
        )
    } else {
        (
            "Voeg deze werknemer toe aan de naverrekening, of controleer de naam en het BSN."
                .to_owned(),
            "Add this employee to the settlement, or check the name and BSN.".to_owned(),
        )
    };
    finding(
        "employee_not_in_settlement",
        Severity::Warning,
        None,
        Some(row),
        format!("Regel {row}: {name} staat niet in de naverrekening van {y}. {fix_nl}"),
        format!("Line {row}: {name} is not in the settlement of {y}. {fix_en}"),
    )
}

/// The last finding when the list was cut short.
pub fn too_many(more: usize, severity: Severity) -> Finding {
    finding(
        "too_many_findings",
        severity,
        None,
        None,
        format!("Er zijn nog {more} andere meldingen. Verbeter eerst de meldingen hierboven en upload het bestand opnieuw."),
        format!("There are {more} more findings. First fix the findings above and upload the file again."),
    )
}
