//! Fuzz target: any bytes read as a HTML page give a report whose spans are all in place.
#![no_main]
use libfuzzer_sys::fuzz_target;
use xxgk_adapters::ReadOptions;
use xxgk_model::Format;

fuzz_target!(|data: &[u8]| {
    let options = ReadOptions { format: Some(Format::Html), encoding: None };
    if let Ok(report) = xxgk_adapters::read("fuzz.html", data, &options) {
        if let Err(e) = xxgk_adapters::validate(&report) {
            panic!("{e}");
        }
    }
});
