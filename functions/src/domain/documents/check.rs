//! (being written: placeholder until the rules branch merges)
use super::{Finding, Kind, KnownWage, Read, Report, Severity};
use crate::domain::year::Year;
fn finding(code: &'static str) -> Finding {
    Finding {
        code,
        severity: Severity::Error,
        field: None,
        row: None,
        nl: code.into(),
        en: code.into(),
    }
}
pub fn too_large() -> Finding {
    finding("too_large")
}
pub fn unsupported() -> Finding {
    finding("unsupported_type")
}
pub fn report_for(read: Read, _kind: Kind, _year: Year, _known: &[KnownWage]) -> Report {
    match read {
        Read::Unsupported => Report {
            format: None,
            findings: vec![unsupported()],
        },
        _ => Report {
            format: None,
            findings: vec![],
        },
    }
}
