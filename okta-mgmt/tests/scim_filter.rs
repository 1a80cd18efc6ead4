//! SCIM filter parsing, printing and evaluation (RFC 7644 section 3.4.2.2).

use okta_mgmt::scim::filter::{
    parse, parse_path, AttrPath, CompValue, CompareOp, Filter, FilterErrorKind, PatchPath,
    MAX_DEPTH,
};
use okta_mgmt::scim::patch::ScimType;
use proptest::prelude::*;
use serde_json::{json, Value};

const ENTERPRISE: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const CORE_USER: &str = "urn:ietf:params:scim:schemas:core:2.0:User";

fn sample_user() -> Value {
    json!({
        "schemas": [CORE_USER, ENTERPRISE],
        "id": "2819c223-7f76-453a-919d-413861904646",
        "externalId": "bjensen-ext",
        "userName": "bjensen",
        "name": {"familyName": "O'Malley", "givenName": "Barbara"},
        "displayName": "Babs Jensen",
        "title": "Tour Guide",
        "userType": "Employee",
        "active": true,
        "loginCount": 42,
        "emails": [
            {"value": "bjensen@example.com", "type": "work", "primary": true},
            {"value": "babs@jensen.org", "type": "home"}
        ],
        "ims": [{"value": "someaimhandle", "type": "aim"}],
        "meta": {
            "resourceType": "User",
            "created": "2010-01-23T04:56:22Z",
            "lastModified": "2011-05-13T04:42:34Z"
        },
        ENTERPRISE: {
            "employeeNumber": "701984",
            "manager": {"value": "26118915-6090-4610-87e4-49d8ca9f808d"}
        }
    })
}

fn p(s: &str) -> AttrPath {
    match s.split_once('.') {
        Some((a, b)) => AttrPath::new(a).with_sub_attr(b),
        None => AttrPath::new(s),
    }
}

fn s(v: &str) -> CompValue {
    CompValue::Str(v.to_owned())
}

fn cmp(path: &str, op: CompareOp, v: &str) -> Filter {
    Filter::compare(p(path), op, s(v))
}

fn parsed(input: &str) -> Filter {
    match parse(input) {
        Ok(f) => f,
        Err(e) => panic!("{input:?} should parse: {e}"),
    }
}

fn error_of(input: &str) -> (FilterErrorKind, usize) {
    match parse(input) {
        Ok(f) => panic!("{input:?} should not parse, got {f:?}"),
        Err(e) => (e.kind, e.position),
    }
}

// ---------------------------------------------------------------------------------------------
// RFC 7644 examples: canonical form and evaluation against the sample user
// ---------------------------------------------------------------------------------------------

#[test]
fn rfc_examples_parse_print_and_match_the_sample_user() {
    // (filter, canonical form, matches the sample user)
    let table: &[(&str, &str, bool)] = &[
        (r#"userName eq "bjensen""#, r#"userName eq "bjensen""#, true),
        (
            r#"name.familyName co "O'Malley""#,
            r#"name.familyName co "O'Malley""#,
            true,
        ),
        (r#"userName sw "J""#, r#"userName sw "J""#, false),
        (r#"userName sw "BJ""#, r#"userName sw "BJ""#, true),
        (
            r#"urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J""#,
            r#"urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J""#,
            false,
        ),
        (
            r#"urn:ietf:params:scim:schemas:core:2.0:User:userName sw "b""#,
            r#"urn:ietf:params:scim:schemas:core:2.0:User:userName sw "b""#,
            true,
        ),
        ("title pr", "title pr", true),
        (
            r#"meta.lastModified gt "2011-05-13T04:42:34Z""#,
            r#"meta.lastModified gt "2011-05-13T04:42:34Z""#,
            false,
        ),
        (
            r#"meta.lastModified ge "2011-05-13T04:42:34Z""#,
            r#"meta.lastModified ge "2011-05-13T04:42:34Z""#,
            true,
        ),
        (
            r#"meta.lastModified lt "2011-05-13T04:42:34Z""#,
            r#"meta.lastModified lt "2011-05-13T04:42:34Z""#,
            false,
        ),
        (
            r#"meta.lastModified le "2011-05-13T04:42:34Z""#,
            r#"meta.lastModified le "2011-05-13T04:42:34Z""#,
            true,
        ),
        (
            r#"title pr and userType eq "Employee""#,
            r#"title pr and userType eq "Employee""#,
            true,
        ),
        (
            r#"title pr or userType eq "Intern""#,
            r#"title pr or userType eq "Intern""#,
            true,
        ),
        (
            r#"schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User""#,
            r#"schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User""#,
            true,
        ),
        (
            r#"userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")"#,
            r#"userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")"#,
            true,
        ),
        (
            r#"userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")"#,
            r#"userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")"#,
            false,
        ),
        (
            r#"userType eq "Employee" and (emails.type eq "work")"#,
            r#"userType eq "Employee" and emails.type eq "work""#,
            true,
        ),
        (
            r#"userType eq "Employee" and emails[type eq "work" and value co "@example.com"]"#,
            r#"userType eq "Employee" and emails[type eq "work" and value co "@example.com"]"#,
            true,
        ),
        (
            r#"emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]"#,
            r#"emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]"#,
            true,
        ),
    ];
    let user = sample_user();
    for &(input, canonical, expected) in table {
        let f = parsed(input);
        assert_eq!(f.to_string(), canonical, "canonical form of {input}");
        assert_eq!(parse(canonical), Ok(f.clone()), "round trip of {input}");
        assert_eq!(f.matches_default(&user), expected, "evaluation of {input}");
    }
}

#[test]
fn rfc_examples_have_the_expected_trees() {
    assert_eq!(
        parsed(r#"userName eq "bjensen""#),
        cmp("userName", CompareOp::Eq, "bjensen")
    );
    assert_eq!(
        parsed(r#"name.familyName co "O'Malley""#),
        cmp("name.familyName", CompareOp::Co, "O'Malley")
    );
    assert_eq!(
        parsed(r#"urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J""#),
        Filter::compare(
            AttrPath::new("userName").with_urn(CORE_USER),
            CompareOp::Sw,
            s("J")
        )
    );
    assert_eq!(parsed("title pr"), Filter::present(p("title")));
    assert_eq!(
        parsed(r#"title pr and userType eq "Employee""#),
        Filter::and(
            Filter::present(p("title")),
            cmp("userType", CompareOp::Eq, "Employee")
        )
    );
    assert_eq!(
        parsed(
            r#"userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")"#
        ),
        Filter::and(
            cmp("userType", CompareOp::Ne, "Employee"),
            Filter::not(Filter::or(
                cmp("emails", CompareOp::Co, "example.com"),
                cmp("emails.value", CompareOp::Co, "example.org"),
            )),
        )
    );
    assert_eq!(
        parsed(r#"userType eq "Employee" and emails[type eq "work" and value co "@example.com"]"#),
        Filter::and(
            cmp("userType", CompareOp::Eq, "Employee"),
            Filter::value_path(
                p("emails"),
                Filter::and(
                    cmp("type", CompareOp::Eq, "work"),
                    cmp("value", CompareOp::Co, "@example.com"),
                ),
            ),
        )
    );
}

#[test]
fn extension_urn_path_splits_at_the_last_colon() {
    let f = parsed(&format!("{ENTERPRISE}:employeeNumber eq \"701984\""));
    assert_eq!(
        f,
        Filter::compare(
            AttrPath::new("employeeNumber").with_urn(ENTERPRISE),
            CompareOp::Eq,
            s("701984")
        )
    );
    assert!(f.matches_default(&sample_user()));
    let manager = parsed(&format!(
        "{ENTERPRISE}:manager.value eq \"26118915-6090-4610-87e4-49d8ca9f808d\""
    ));
    assert!(manager.matches_default(&sample_user()));
    // The extension attribute is not a top-level attribute.
    assert!(!parsed(r#"employeeNumber eq "701984""#).matches_default(&sample_user()));
}

// ---------------------------------------------------------------------------------------------
// Okta's filters
// ---------------------------------------------------------------------------------------------

#[test]
fn okta_user_lookup_by_user_name() {
    let user = json!({"schemas": [CORE_USER], "id": "1", "userName": "test.user@okta.local"});
    let f = parsed(r#"userName eq "test.user@okta.local""#);
    assert!(f.matches_default(&user));
    assert!(!parsed(r#"userName eq "abcdefgh@atko.com""#).matches_default(&user));
}

#[test]
fn okta_group_lookup_by_display_name() {
    let group = json!({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
                       "id": "g1", "displayName": "Test SCIMv2", "members": []});
    assert!(parsed(r#"displayName eq "Test SCIMv2""#).matches_default(&group));
    assert!(!parsed(r#"displayName eq "Test SCIMv3""#).matches_default(&group));
}

#[test]
fn user_name_eq_ignores_case_unless_case_exact() {
    let user = json!({"userName": "test.user@okta.local"});
    let f = parsed(r#"userName eq "TEST.USER@OKTA.LOCAL""#);
    assert!(f.matches_default(&user));
    assert!(!f.matches(&user, &|_| true));
    assert!(f.matches(&user, &|path| !path.attr.eq_ignore_ascii_case("userName")));
}

#[test]
fn id_is_case_exact_by_default() {
    let user = json!({"id": "AbC"});
    assert!(parsed(r#"id eq "AbC""#).matches_default(&user));
    assert!(!parsed(r#"id eq "abc""#).matches_default(&user));
}

// ---------------------------------------------------------------------------------------------
// Grammar details
// ---------------------------------------------------------------------------------------------

#[test]
fn not_binds_tighter_than_and_which_binds_tighter_than_or() {
    let (a, b, c) = (
        Filter::present(p("a")),
        Filter::present(p("b")),
        Filter::present(p("c")),
    );
    assert_eq!(
        parsed("a pr or b pr and c pr"),
        Filter::or(a.clone(), Filter::and(b.clone(), c.clone()))
    );
    assert_eq!(
        parsed("a pr and b pr or c pr"),
        Filter::or(Filter::and(a.clone(), b.clone()), c.clone())
    );
    assert_eq!(
        parsed("not (a pr) and b pr"),
        Filter::and(Filter::not(a.clone()), b.clone())
    );
    assert_eq!(
        parsed("a pr and b pr and c pr"),
        Filter::and(Filter::and(a, b), c)
    );
}

#[test]
fn printing_keeps_only_needed_parentheses() {
    let cases = [
        ("a pr and (b pr or c pr)", "a pr and (b pr or c pr)"),
        ("(a pr and b pr) or c pr", "a pr and b pr or c pr"),
        ("(a pr or b pr) and c pr", "(a pr or b pr) and c pr"),
        ("a pr or (b pr or c pr)", "a pr or (b pr or c pr)"),
        ("(a pr or b pr) or c pr", "a pr or b pr or c pr"),
        ("a pr and (b pr and c pr)", "a pr and (b pr and c pr)"),
        ("((((a pr))))", "a pr"),
        ("not(a pr)", "not (a pr)"),
        ("not ((a pr or b pr))", "not (a pr or b pr)"),
    ];
    for (input, canonical) in cases {
        let f = parsed(input);
        assert_eq!(f.to_string(), canonical, "{input}");
        assert_eq!(parsed(canonical), f, "{input}");
    }
}

#[test]
fn keywords_and_operators_are_case_insensitive() {
    let f = parsed(r#"userName EQ "bjensen" AND title Pr OR NOT (active Eq TRUE)"#);
    assert_eq!(
        f.to_string(),
        r#"userName eq "bjensen" and title pr or not (active eq true)"#
    );
    assert!(f.matches_default(&sample_user()));
}

#[test]
fn attribute_names_match_keys_ignoring_case() {
    let user = sample_user();
    assert!(parsed(r#"USERNAME eq "bjensen""#).matches_default(&user));
    assert!(parsed(r#"Emails.Value co "EXAMPLE.COM""#).matches_default(&user));
    assert!(parsed(r#"NAME.FAMILYNAME eq "o'malley""#).matches_default(&user));
}

#[test]
fn values_of_every_json_type_parse() {
    assert_eq!(
        parsed("n eq 42"),
        Filter::compare(p("n"), CompareOp::Eq, CompValue::Num(42.into()))
    );
    assert_eq!(
        parsed("n eq -7"),
        Filter::compare(p("n"), CompareOp::Eq, CompValue::Num((-7).into()))
    );
    let Filter::Compare {
        value: CompValue::Num(n),
        ..
    } = parsed("n eq 1.5e3")
    else {
        panic!("expected a number");
    };
    assert_eq!(n.as_f64(), Some(1500.0));
    assert_eq!(
        parsed("b eq true"),
        Filter::compare(p("b"), CompareOp::Eq, CompValue::Bool(true))
    );
    assert_eq!(
        parsed("b eq false"),
        Filter::compare(p("b"), CompareOp::Eq, CompValue::Bool(false))
    );
    assert_eq!(
        parsed("b eq null"),
        Filter::compare(p("b"), CompareOp::Eq, CompValue::Null)
    );
    assert_eq!(
        parsed(r#"s eq "a\"b\\c\n\u00e9\ud83d\ude00""#),
        cmp("s", CompareOp::Eq, "a\"b\\c\n\u{e9}\u{1F600}")
    );
    assert_eq!(parsed(r#"s eq "a\nb""#).to_string(), r#"s eq "a\nb""#);
}

#[test]
fn parse_path_handles_every_patch_path_shape() {
    assert_eq!(
        parse_path(r#"members[value eq "2819c223"]"#),
        Ok(PatchPath {
            attr: p("members"),
            filter: Some(cmp("value", CompareOp::Eq, "2819c223")),
            sub_attr: None,
        })
    );
    assert_eq!(
        parse_path(r#"emails[type eq "work"].value"#),
        Ok(PatchPath {
            attr: p("emails"),
            filter: Some(cmp("type", CompareOp::Eq, "work")),
            sub_attr: Some("value".to_owned()),
        })
    );
    assert_eq!(
        parse_path("name.familyName"),
        Ok(PatchPath {
            attr: p("name.familyName"),
            filter: None,
            sub_attr: None
        })
    );
    assert_eq!(
        parse_path(&format!("{ENTERPRISE}:manager.value")),
        Ok(PatchPath {
            attr: AttrPath::new("manager")
                .with_urn(ENTERPRISE)
                .with_sub_attr("value"),
            filter: None,
            sub_attr: None,
        })
    );
    for path in [
        r#"emails[type eq "work"].value"#,
        "name.familyName",
        "members",
    ] {
        assert_eq!(parse_path(path).map(|p| p.to_string()), Ok(path.to_owned()));
    }
}

#[test]
fn parse_path_rejects_malformed_paths() {
    let kind = |s: &str| parse_path(s).map_err(|e| (e.kind, e.position));
    assert_eq!(kind(""), Err((FilterErrorKind::Empty, 0)));
    assert_eq!(
        kind(r#"emails[type eq "work""#),
        Err((FilterErrorKind::UnbalancedBracket, 6))
    );
    assert_eq!(
        kind(r#"emails[type eq "work"]x"#),
        Err((FilterErrorKind::TrailingInput, 22))
    );
    assert_eq!(
        kind(r#"name.familyName[value eq "x"]"#),
        Err((FilterErrorKind::UnexpectedToken, 15))
    );
    assert_eq!(
        kind("emails[type eq \"work\"].1x"),
        Err((FilterErrorKind::BadAttributePath, 23))
    );
    assert_eq!(
        kind("members value"),
        Err((FilterErrorKind::TrailingInput, 8))
    );
    assert_eq!(kind("urn:x:"), Err((FilterErrorKind::BadAttributePath, 6)));
}

// ---------------------------------------------------------------------------------------------
// Evaluation semantics
// ---------------------------------------------------------------------------------------------

#[test]
fn multi_valued_complex_attribute_compares_its_value_sub_attribute() {
    let user = sample_user();
    assert!(parsed(r#"emails eq "babs@jensen.org""#).matches_default(&user));
    assert!(parsed(r#"emails.type eq "home""#).matches_default(&user));
    assert!(!parsed(r#"emails.type eq "other""#).matches_default(&user));
    assert!(parsed(r#"emails[type eq "home" and value ew ".org"]"#).matches_default(&user));
    assert!(!parsed(r#"emails[type eq "home" and value ew ".com"]"#).matches_default(&user));
    assert!(parsed("emails[primary eq true]").matches_default(&user));
}

#[test]
fn comparing_a_complex_attribute_directly_never_matches() {
    let user = sample_user();
    assert!(!parsed(r#"name eq "Barbara""#).matches_default(&user));
    assert!(!parsed(r#"name co "a""#).matches_default(&user));
}

#[test]
fn present_means_not_null_not_empty() {
    let r =
        json!({"a": "", "b": [], "c": null, "d": [null], "e": "x", "f": false, "g": {}, "h": 0});
    let present = |attr: &str| parsed(&format!("{attr} pr")).matches_default(&r);
    assert!(!present("a"));
    assert!(!present("b"));
    assert!(!present("c"));
    assert!(!present("d"));
    assert!(present("e"));
    assert!(present("f"));
    assert!(!present("g"));
    assert!(present("h"));
    assert!(!present("missing"));
}

#[test]
fn null_comparisons_treat_absent_as_null() {
    let user = sample_user();
    assert!(parsed("nickName eq null").matches_default(&user));
    assert!(!parsed("nickName ne null").matches_default(&user));
    assert!(!parsed("title eq null").matches_default(&user));
    assert!(parsed("title ne null").matches_default(&user));
    assert!(parsed(r#"nickName ne "Babs""#).matches_default(&user));
    assert!(!parsed(r#"nickName eq "Babs""#).matches_default(&user));
    assert!(!parsed(r#"nickName co "B""#).matches_default(&user));
}

#[test]
fn numbers_compare_numerically() {
    let user = sample_user();
    assert!(parsed("loginCount eq 42").matches_default(&user));
    assert!(parsed("loginCount eq 42.0").matches_default(&user));
    assert!(parsed("loginCount gt 9").matches_default(&user));
    assert!(parsed("loginCount lt 1e2").matches_default(&user));
    assert!(!parsed("loginCount ge 43").matches_default(&user));
    assert!(!parsed(r#"loginCount eq "42""#).matches_default(&user));
}

#[test]
fn date_times_compare_chronologically() {
    let user = sample_user();
    assert!(parsed(r#"meta.lastModified eq "2011-05-13T06:42:34+02:00""#).matches_default(&user));
    assert!(parsed(r#"meta.lastModified gt "2011-05-13T04:42:33.999Z""#).matches_default(&user));
    assert!(parsed(r#"meta.lastModified lt "2011-05-13T04:42:34.001Z""#).matches_default(&user));
    // 05:00 at -01:00 is 06:00 UTC: later, although it sorts first as a string.
    assert!(parsed(r#"meta.created lt "2010-01-23T05:00:00-01:00""#).matches_default(&user));
    assert!(parsed(r#"meta.created gt "2009-12-31T23:59:59Z""#).matches_default(&user));
}

#[test]
fn strings_order_lexicographically_ignoring_case() {
    let user = sample_user();
    assert!(parsed(r#"userName gt "B""#).matches_default(&user));
    assert!(parsed(r#"userName lt "C""#).matches_default(&user));
    assert!(!parsed(r#"userName lt "B""#).matches(&user, &|_| true));
}

#[test]
fn booleans_support_equality_only() {
    let user = sample_user();
    assert!(parsed("active eq true").matches_default(&user));
    assert!(parsed("active ne false").matches_default(&user));
    assert!(!parsed(r#"active gt "a""#).matches_default(&user));
    assert_eq!(
        error_of("active gt true"),
        (FilterErrorKind::InvalidComparison, 10)
    );
    assert_eq!(
        error_of("active le null"),
        (FilterErrorKind::InvalidComparison, 10)
    );
}

#[test]
fn filter_serializes_to_readable_json() {
    assert_eq!(
        serde_json::to_value(parsed(r#"userName eq "bjensen""#)).ok(),
        Some(json!({"op": "eq", "path": "userName", "value": "bjensen"}))
    );
    assert_eq!(
        serde_json::to_value(parsed(
            r#"title pr and not (n gt 2) or emails[type eq "work"]"#
        ))
        .ok(),
        Some(json!({"or": [
            {"and": [{"op": "pr", "path": "title"}, {"not": {"op": "gt", "path": "n", "value": 2}}]},
            {"path": "emails", "filter": {"op": "eq", "path": "type", "value": "work"}}
        ]}))
    );
    assert_eq!(
        serde_json::to_value(parsed(&format!("{ENTERPRISE}:manager.value eq null"))).ok(),
        Some(json!({"op": "eq", "path": format!("{ENTERPRISE}:manager.value"), "value": null}))
    );
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

#[test]
fn invalid_filters_report_kind_and_position() {
    let cases: &[(&str, FilterErrorKind, usize)] = &[
        ("", FilterErrorKind::Empty, 0),
        ("   ", FilterErrorKind::Empty, 3),
        (
            r#"userName eq "bjensen"#,
            FilterErrorKind::UnterminatedString,
            12,
        ),
        ("userName eq", FilterErrorKind::UnexpectedEnd, 11),
        ("userName eq ", FilterErrorKind::UnexpectedEnd, 12),
        ("userName", FilterErrorKind::UnexpectedEnd, 8),
        (r#"userName xx "a""#, FilterErrorKind::UnknownOperator, 9),
        (r#"(userName eq "a""#, FilterErrorKind::UnbalancedParen, 0),
        (r#"userName eq "a")"#, FilterErrorKind::UnbalancedParen, 15),
        (
            r#"userName eq "a" extra"#,
            FilterErrorKind::TrailingInput,
            16,
        ),
        (r#"userName eq "a" and"#, FilterErrorKind::UnexpectedEnd, 19),
        (
            r#"emails[type eq "work""#,
            FilterErrorKind::UnbalancedBracket,
            6,
        ),
        (
            r#"emails[type eq "work"].value eq "x""#,
            FilterErrorKind::TrailingInput,
            22,
        ),
        (
            r#"emails[ims[type eq "a"]]"#,
            FilterErrorKind::UnexpectedToken,
            10,
        ),
        ("userName eq 12x", FilterErrorKind::BadValue, 12),
        ("userName eq bjensen", FilterErrorKind::BadValue, 12),
        ("userName eq 01", FilterErrorKind::BadValue, 12),
        (r#"userName eq "a\q""#, FilterErrorKind::BadValue, 14),
        (r#"userName eq "\ud800""#, FilterErrorKind::BadValue, 13),
        ("userName eq )", FilterErrorKind::UnexpectedToken, 12),
        ("1userName pr", FilterErrorKind::BadAttributePath, 0),
        (
            "name.familyName.x pr",
            FilterErrorKind::BadAttributePath,
            15,
        ),
        ("name. pr", FilterErrorKind::BadAttributePath, 5),
        (":userName pr", FilterErrorKind::BadAttributePath, 0),
        ("not title pr", FilterErrorKind::UnknownOperator, 4),
        ("()", FilterErrorKind::UnexpectedToken, 1),
        ("] pr", FilterErrorKind::UnexpectedToken, 0),
        (
            r#"userName eq "a" or or"#,
            FilterErrorKind::UnexpectedEnd,
            21,
        ),
    ];
    for &(input, kind, position) in cases {
        assert_eq!(error_of(input), (kind, position), "{input:?}");
    }
}

#[test]
fn error_displays_its_position_and_maps_to_invalid_filter() {
    let Err(e) = parse(r#"userName eq "bjensen"#) else {
        panic!("should fail");
    };
    assert_eq!(e.to_string(), "unterminated string at position 12");
    assert_eq!(e.scim_type(), ScimType::InvalidFilter);
    assert_eq!(e.scim_type().as_str(), "invalidFilter");
}

#[test]
fn overlong_input_is_rejected() {
    let long = format!("userName eq \"{}\"", "a".repeat(9000));
    assert_eq!(error_of(&long).0, FilterErrorKind::TooLong);
}

#[test]
fn deep_nesting_is_rejected_without_overflowing_the_stack() {
    let ok = format!("{}a pr{}", "(".repeat(MAX_DEPTH), ")".repeat(MAX_DEPTH));
    assert_eq!(parsed(&ok), Filter::present(p("a")));
    let too_deep = format!(
        "{}a pr{}",
        "(".repeat(MAX_DEPTH + 1),
        ")".repeat(MAX_DEPTH + 1)
    );
    assert_eq!(error_of(&too_deep), (FilterErrorKind::TooDeep, MAX_DEPTH));
    assert_eq!(
        error_of(&"(".repeat(8000)),
        (FilterErrorKind::TooDeep, MAX_DEPTH)
    );
    assert_eq!(error_of(&"not (".repeat(1600)).0, FilterErrorKind::TooDeep);
    let brackets = format!("a[{}b pr{}]", "(".repeat(MAX_DEPTH), ")".repeat(MAX_DEPTH));
    assert_eq!(error_of(&brackets).0, FilterErrorKind::TooDeep);
}

#[test]
fn long_flat_chains_parse_print_and_evaluate() {
    let chain = vec!["a pr"; 1000].join(" or ");
    let f = parsed(&chain);
    assert_eq!(f.to_string(), chain);
    assert!(!f.matches_default(&json!({})));
    assert!(serde_json::to_string(&f).is_ok());
    let ands = vec![r#"x eq "1""#; 500].join(" and ");
    assert!(parsed(&ands).matches_default(&json!({"x": "1"})));
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

fn arb_name() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z][a-zA-Z0-9_-]{0,8}",
        Just("not".to_owned()),
        Just("and".to_owned()),
        Just("or".to_owned()),
        Just("pr".to_owned()),
        Just("$ref".to_owned()),
    ]
}

fn arb_path() -> impl Strategy<Value = AttrPath> {
    let urn = prop::option::of(prop_oneof![
        Just(CORE_USER.to_owned()),
        Just(ENTERPRISE.to_owned()),
        Just("urn:example:ext:1.0".to_owned()),
        "urn:[a-z0-9.]{1,6}(:[A-Za-z0-9.]{1,6}){0,3}",
    ]);
    (urn, arb_name(), prop::option::of(arb_name())).prop_map(|(urn, attr, sub_attr)| AttrPath {
        urn,
        attr,
        sub_attr,
    })
}

fn arb_value() -> impl Strategy<Value = CompValue> {
    prop_oneof![
        any::<String>().prop_map(CompValue::Str),
        any::<i64>().prop_map(|n| CompValue::Num(n.into())),
        any::<u64>().prop_map(|n| CompValue::Num(n.into())),
        any::<f64>()
            .prop_filter_map("finite", serde_json::Number::from_f64)
            .prop_map(CompValue::Num),
        any::<bool>().prop_map(CompValue::Bool),
        Just(CompValue::Null),
    ]
}

fn arb_op() -> impl Strategy<Value = CompareOp> {
    prop::sample::select(vec![
        CompareOp::Eq,
        CompareOp::Ne,
        CompareOp::Co,
        CompareOp::Sw,
        CompareOp::Ew,
        CompareOp::Gt,
        CompareOp::Lt,
        CompareOp::Ge,
        CompareOp::Le,
    ])
}

fn arb_leaf() -> impl Strategy<Value = Filter> {
    prop_oneof![
        (arb_path(), arb_op(), arb_value()).prop_map(|(path, op, value)| {
            // Ordering against booleans and null is rejected by the parser.
            let op = if op.is_ordering() && matches!(value, CompValue::Bool(_) | CompValue::Null) {
                CompareOp::Eq
            } else {
                op
            };
            Filter::compare(path, op, value)
        }),
        arb_path().prop_map(Filter::present),
    ]
}

fn arb_logic(leaf: BoxedStrategy<Filter>) -> BoxedStrategy<Filter> {
    leaf.prop_recursive(4, 24, 2, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(a, b)| Filter::and(a, b)),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| Filter::or(a, b)),
            inner.prop_map(Filter::not),
        ]
    })
    .boxed()
}

fn arb_filter() -> impl Strategy<Value = Filter> {
    let value_filter = arb_logic(arb_leaf().boxed());
    let with_value_paths = prop_oneof![
        3 => arb_leaf(),
        1 => (arb_path(), value_filter).prop_map(|(attr, f)| Filter::value_path(attr, f)),
    ]
    .boxed();
    arb_logic(with_value_paths)
}

proptest! {
    #[test]
    fn printed_filters_parse_back_to_the_same_tree(f in arb_filter()) {
        let text = f.to_string();
        prop_assert_eq!(parse(&text), Ok(f), "{}", text);
    }

    #[test]
    fn printed_patch_paths_parse_back(attr in arb_path(), f in arb_logic(arb_leaf().boxed()), sub in prop::option::of(arb_name())) {
        let path = PatchPath { attr: attr.parent(), filter: Some(f), sub_attr: sub };
        let text = path.to_string();
        prop_assert_eq!(parse_path(&text), Ok(path), "{}", text);
    }

    #[test]
    fn arbitrary_strings_never_panic(s in any::<String>()) {
        if let Ok(f) = parse(&s) {
            prop_assert_eq!(parse(&f.to_string()), Ok(f.clone()));
            let _ = f.matches_default(&sample_user());
        }
        let _ = parse_path(&s);
    }

    #[test]
    fn filter_like_strings_never_panic_and_round_trip(s in r#"[a-z :.\[\]()"\\0-9-]{0,80}|(userName|emails|not|and|or|eq|pr| |\(|\)|\[|\]|"x"|1|\.|:){0,30}"#) {
        if let Ok(f) = parse(&s) {
            prop_assert_eq!(parse(&f.to_string()), Ok(f.clone()), "{}", s);
            let _ = f.matches_default(&sample_user());
        }
        if let Ok(path) = parse_path(&s) {
            prop_assert_eq!(parse_path(&path.to_string()), Ok(path));
        }
    }
}
