//! Print the extract JSON of the files named (a development aid).
#![allow(clippy::print_stdout)]
fn main() {
    for p in std::env::args().skip(1) {
        let bytes = std::fs::read(&p).expect("read");
        let r = xxgk_adapters::read(&p, &bytes, &Default::default()).expect("decode");
        println!("{}", xxgk_model::extract_json(&r));
    }
}
