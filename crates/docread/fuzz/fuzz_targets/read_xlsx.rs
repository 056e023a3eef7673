//! Any bytes given to the XLSX reader: an answer, never a panic.
#![no_main]

use docread::{xlsx, Limits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = xlsx::read(data, &Limits::DEFAULT);
});
