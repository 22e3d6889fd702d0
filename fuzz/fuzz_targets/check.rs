//! Fuzz target: the whole check (format sniffed from the content, every national rule) never
//! panics, and every diagnostic, label and fix edit lies inside the text on char boundaries.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;
use xxgk_adapters::in_text;
use xxgk_engine::Settings;

static SETTINGS: LazyLock<Settings> = LazyLock::new(Settings::national);

fuzz_target!(|data: &[u8]| {
    let Ok(report) = xxgk_adapters::read("fuzz", data, &Default::default()) else { return };
    for d in xxgk_engine::check(&report, &SETTINGS) {
        let edits = d.fix.iter().flat_map(|f| f.edits.iter().map(|e| e.span));
        for span in std::iter::once(d.span).chain(d.labels.iter().map(|l| l.span)).chain(edits) {
            if let Err(e) = in_text("text", &report.text, &d.code, span) {
                panic!("{e}");
            }
        }
    }
});
