//! Any bytes through the PDF reader: no panic, no hang, bounded memory.
//!
//! From crates/docread/fuzz:
//!   cargo +nightly fuzz run read_pdf corpus/read_pdf ../../../functions/tests/fixtures/documents/pdf -O \
//!     -- -max_total_time=600 -rss_limit_mb=512 -timeout=10 -dict=read_pdf.dict
//! The committed corpus is minimised and kept to inputs under 6 KB (< 2 MB in
//! all); the fixtures directory seeds the larger real files.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = docread::pdf::read(data, &docread::Limits::DEFAULT);
});
