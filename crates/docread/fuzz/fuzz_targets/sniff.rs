//! Any bytes through the whole read entry (sniffing, image metadata and the
//! reader it picks): an answer, never a panic.
#![no_main]

use docread::Limits;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = docread::read(data, &Limits::DEFAULT);
});
