//! Any bytes given to the CSV reader: an answer, never a panic.
#![no_main]

use docread::{csv, Limits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = csv::read(data, &Limits::DEFAULT);
});
