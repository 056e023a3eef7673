//! Any bytes given to the CSV reader: an answer, never a panic.
#![no_main]

use balie_functions::domain::documents::csv_file;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = csv_file::read(data);
});
