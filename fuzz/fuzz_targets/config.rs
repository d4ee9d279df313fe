//! The config, date-value and baseline parsers: no panic on any text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = concord::config::Config::parse(text);
    let _ = text.parse::<concord::Date>();
    let _ = concord::baseline::Baseline::parse(text, std::path::Path::new("fuzz.json"));
});
