//! Parsers of untrusted input never panic, and what they accept is well-formed.

use okta_core::http::{HeaderMap, HeaderValue};
use okta_core::pagination::parse_link_header;
use okta_core::{OrgUrl, RateLimit};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

    #[test]
    fn link_headers_never_panic_and_targets_have_no_angle_brackets(s in ".{0,500}") {
        for link in parse_link_header(&s) {
            prop_assert!(!link.target.contains('>'));
        }
    }

    #[test]
    fn link_headers_of_link_like_tokens_never_panic(s in "[<>;,=\" a-z/?:.\\\\]{0,200}") {
        let _ = parse_link_header(&s);
    }

    #[test]
    fn accepted_org_urls_are_https_or_loopback_origins(s in ".{0,100}") {
        if let Ok(url) = OrgUrl::parse(&s) {
            let u = url.url();
            prop_assert!(u.scheme() == "https" || u.scheme() == "http");
            prop_assert_eq!(u.path(), "/");
            prop_assert!(u.query().is_none() && u.fragment().is_none());
        }
    }

    #[test]
    fn rate_limit_headers_with_any_values_never_panic(
        values in proptest::collection::vec(("[a-z-]{0,24}", "[ -~]{0,30}"), 0..8)
    ) {
        let mut h = HeaderMap::new();
        for (i, (_, v)) in values.iter().enumerate() {
            let name = ["x-rate-limit-limit", "x-rate-limit-remaining", "x-rate-limit-reset", "date"][i % 4];
            if let Ok(v) = HeaderValue::from_str(v) {
                h.append(name, v);
            }
        }
        let _ = RateLimit::from_headers(&h);
    }
}
