//! RFC 8288 Link header parsing on arbitrary input: no panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        for link in okta_core::pagination::parse_link_header(s) {
            assert!(!link.target.contains('>'));
        }
    }
});
