//! Fuzz target: DOCX. The bytes are the inflated `word/document.xml` (zip is zip's to fuzz),
//! read through the same code as a real file; the spans of the report must all be in place.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok((text, segments)) = xxgk_adapters::docx::to_text(data) {
        for s in &segments {
            if let Err(e) = xxgk_adapters::in_text("text", &text, "segment", s.text) {
                panic!("{e}");
            }
        }
    }
    if let Ok(report) = xxgk_adapters::docx::read_xml("fuzz.docx", data) {
        if let Err(e) = xxgk_adapters::validate(&report) {
            panic!("{e}");
        }
    }
});
