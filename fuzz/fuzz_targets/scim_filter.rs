//! SCIM filters and PATCH paths on arbitrary input: no panic, and whatever parses prints to a
//! string that parses back to the same tree.
#![no_main]

use libfuzzer_sys::fuzz_target;
use okta_mgmt::scim::filter::{parse, parse_path};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(f) = parse(s) {
        let printed = f.to_string();
        assert_eq!(parse(&printed).as_ref(), Ok(&f), "{printed}");
        let _ = f.matches_default(
            &serde_json::json!({"userName": "bjensen", "emails": [{"value": "a@b"}]}),
        );
    }
    if let Ok(p) = parse_path(s) {
        let printed = p.to_string();
        assert_eq!(parse_path(&printed).as_ref(), Ok(&p), "{printed}");
    }
});
