//! Fuzz target: any bytes read as a PDF end in a report whose spans are all in place, or in a
//! read error, within the reader's own limits (objects, nesting, inflated size, glyphs).
#![no_main]
use libfuzzer_sys::fuzz_target;
use xxgk_adapters::ReadOptions;
use xxgk_model::Format;

fuzz_target!(|data: &[u8]| {
    let options = ReadOptions { format: Some(Format::Pdf), encoding: None };
    if let Ok(report) = xxgk_adapters::read("fuzz.pdf", data, &options) {
        if let Err(e) = xxgk_adapters::validate(&report) {
            panic!("{e}");
        }
    }
});
