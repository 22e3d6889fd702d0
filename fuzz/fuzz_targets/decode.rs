//! Fuzz target: byte decoding (BOM, UTF-8, UTF-16, GB18030 detection) never panics, and what
//! it returns is non-blank text without NUL.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = xxgk_adapters::decode::decode(data, None) {
        assert!(!text.trim().is_empty() && !text.contains('\0'));
    }
    let _ = xxgk_adapters::decode::decode(data, Some("gb18030"));
});
