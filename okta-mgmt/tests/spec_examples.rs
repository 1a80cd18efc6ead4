//! Okta's own examples against the SDK's models: every example of a request or success
//! response body of the operations of the covered tags (`spec_support::TAGS`), inline
//! (`example`, `examples`) or a `$ref` into `components.examples`, must decode into the
//! SDK's type for its schema and encode back to the same JSON (compared as
//! `serde_json::Value`, so no field may be lost, added or changed).
//!
//! [`codec`] is the one table from schema names to SDK types; an array of a schema maps to
//! `Vec` of its type. Examples whose schema has no entry yet are listed as "not covered yet";
//! once the table names a type, every example of that schema must round-trip. Error bodies
//! (4xx/5xx) are `okta_core::ApiError`, not a model, and are left out. The one difference
//! allowed: a `null` of a property the schema declares `nullable` may come back absent.

mod spec_support;

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use spec_support::{operations, ref_name, resolve, spec, TAGS};

/// Decodes a JSON value into an SDK type and encodes it back.
type RoundTrip = fn(&Value) -> Result<Value, String>;

fn round_trip<T: DeserializeOwned + Serialize>(example: &Value) -> Result<Value, String> {
    let decoded: T = serde_json::from_value(example.clone()).map_err(|e| format!("decode: {e}"))?;
    serde_json::to_value(&decoded).map_err(|e| format!("encode: {e}"))
}

/// The round trips of one SDK type: alone and as an array.
#[derive(Clone, Copy)]
struct Codec {
    one: RoundTrip,
    many: RoundTrip,
}

fn codec_of<T: DeserializeOwned + Serialize>() -> Codec {
    Codec {
        one: round_trip::<T>,
        many: round_trip::<Vec<T>>,
    }
}

/// THE table: the SDK type of each schema of Okta's spec that has one.
fn codec(schema: &str) -> Option<Codec> {
    Some(match schema {
        // `getUser` answers a `UserGetSingleton`: a `User` that may carry `_embedded`.
        "User" | "UserGetSingleton" => codec_of::<okta_mgmt::User>(),
        "Group" => codec_of::<okta_mgmt::Group>(),
        _ => return None,
    })
}

/// The schema name of a media type's schema: `Name` for a `$ref`, `[Name]` for an array of
/// one; for a `oneOf`/`anyOf` whose members all extend one schema (`allOf: [Parent, ...]`,
/// such as the apps by `signOnMode`), that parent; otherwise a description such as
/// `oneOf(A|B)` or `inline object`, which no table entry matches.
fn schema_name(spec: &Value, schema: &Value) -> String {
    if let Some(name) = ref_name(schema) {
        return name.to_owned();
    }
    if schema.get("type").and_then(Value::as_str) == Some("array") {
        let items = schema.get("items").unwrap_or(&Value::Null);
        return format!("[{}]", schema_name(spec, items));
    }
    let members = schema
        .get("oneOf")
        .or_else(|| schema.get("anyOf"))
        .and_then(Value::as_array);
    if let Some(members) = members {
        let parents: Vec<Option<&str>> = members
            .iter()
            .map(|member| {
                resolve(spec, member)
                    .and_then(|m| m.get("allOf"))
                    .and_then(Value::as_array)
                    .and_then(|all| all.iter().find_map(ref_name))
            })
            .collect();
        if let Some(Some(first)) = parents.first() {
            if parents.iter().all(|p| p == &Some(*first)) {
                return (*first).to_owned();
            }
        }
        let names: Vec<&str> = members.iter().filter_map(ref_name).collect();
        return format!("oneOf({})", names.join("|"));
    }
    "inline object".to_owned()
}

/// One example of a body.
struct Example<'a> {
    /// `listUsers 200 ListUserExample`, for the report.
    label: String,
    /// The schema's name (see [`schema_name`]).
    schema: String,
    /// The schema itself, when the body has one.
    schema_value: Option<&'a Value>,
    value: &'a Value,
}

/// Every example of the request and success response bodies of the covered tags' operations.
fn examples(spec: &Value) -> Vec<Example<'_>> {
    let mut found = Vec::new();
    for operation in operations(spec) {
        if !operation.tags.iter().any(|tag| TAGS.contains(tag)) {
            continue;
        }
        let mut bodies: Vec<(String, &Value)> = Vec::new();
        if let Some(request) = operation
            .body
            .get("requestBody")
            .and_then(|b| resolve(spec, b))
        {
            bodies.push(("request".to_owned(), request));
        }
        if let Some(responses) = operation.body.get("responses").and_then(Value::as_object) {
            for (code, response) in responses {
                if !code.starts_with('2') {
                    continue;
                }
                if let Some(response) = resolve(spec, response) {
                    bodies.push((code.clone(), response));
                }
            }
        }
        for (place, body) in bodies {
            let Some(content) = body.get("content").and_then(Value::as_object) else {
                continue;
            };
            for (media_type, media) in content {
                if !media_type.contains("json") {
                    continue;
                }
                let schema_value = media.get("schema");
                let schema =
                    schema_value.map_or_else(|| "no schema".to_owned(), |s| schema_name(spec, s));
                let label = |name: &str| format!("{} {place} {name}", operation.id);
                if let Some(value) = media.get("example") {
                    found.push(Example {
                        label: label("example"),
                        schema: schema.clone(),
                        schema_value,
                        value,
                    });
                }
                let named = media.get("examples").and_then(Value::as_object);
                for (name, example) in named.into_iter().flatten() {
                    let value = resolve(spec, example).and_then(|e| e.get("value"));
                    // An example with only `externalValue` has nothing to check here.
                    if let Some(value) = value {
                        found.push(Example {
                            label: label(name),
                            schema: schema.clone(),
                            schema_value,
                            value,
                        });
                    }
                }
            }
        }
    }
    found
}

/// The schema of property `key` of an object schema, through `$ref` and `allOf`.
fn property_schema<'a>(spec: &'a Value, schema: &'a Value, key: &str) -> Option<&'a Value> {
    let schema = resolve(spec, schema)?;
    if let Some(property) = schema.get("properties").and_then(|p| p.get(key)) {
        return resolve(spec, property);
    }
    schema
        .get("allOf")
        .and_then(Value::as_array)?
        .iter()
        .find_map(|part| property_schema(spec, part, key))
}

/// The item schema of an array schema, through `$ref`.
fn item_schema<'a>(spec: &'a Value, schema: &'a Value) -> Option<&'a Value> {
    resolve(spec, schema)?
        .get("items")
        .and_then(|items| resolve(spec, items))
}

/// Whether a property schema says `nullable: true` (itself or through `allOf`).
fn nullable(spec: &Value, schema: Option<&Value>) -> bool {
    let Some(schema) = schema.and_then(|s| resolve(spec, s)) else {
        return false;
    };
    schema.get("nullable") == Some(&Value::Bool(true))
        || schema
            .get("allOf")
            .and_then(Value::as_array)
            .is_some_and(|parts| parts.iter().any(|p| nullable(spec, Some(p))))
}

/// Where an encoded value first differs from the example (`/profile/login: "" was added`).
///
/// One difference is allowed: a `null` the schema declares `nullable` may come back absent,
/// because for an SDK model an absent optional field and a `null` one are the same "no
/// value" (`Option::None`). A `null` of a property that is not nullable must come back.
fn first_difference(
    spec: &Value,
    schema: Option<&Value>,
    expected: &Value,
    actual: &Value,
    at: &str,
) -> Option<String> {
    match (expected, actual) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, value) in a {
                let here = format!("{at}/{key}");
                let property = schema.and_then(|s| property_schema(spec, s, key));
                match b.get(key) {
                    None if value.is_null() && nullable(spec, property) => {}
                    None => return Some(format!("{here}: {value} was lost")),
                    Some(other) => {
                        if let Some(diff) = first_difference(spec, property, value, other, &here) {
                            return Some(diff);
                        }
                    }
                }
            }
            b.iter()
                .find(|(key, _)| !a.contains_key(*key))
                .map(|(key, value)| format!("{at}/{key}: {value} was added"))
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            let items = schema.and_then(|s| item_schema(spec, s));
            a.iter()
                .zip(b)
                .enumerate()
                .find_map(|(i, (x, y))| first_difference(spec, items, x, y, &format!("{at}/{i}")))
        }
        _ if expected == actual => None,
        _ => Some(format!("{at}: {expected} became {actual}")),
    }
}

/// Checks one example against the table: `None` when the schema has no entry yet.
fn check(spec: &Value, example: &Example<'_>) -> Option<Result<(), String>> {
    let (inner, array) = match example
        .schema
        .strip_prefix('[')
        .and_then(|s| s.strip_suffix(']'))
    {
        Some(inner) => (inner, true),
        None => (example.schema.as_str(), false),
    };
    let codec = codec(inner)?;
    let round_trip = if array { codec.many } else { codec.one };
    Some(round_trip(example.value).and_then(|encoded| {
        match first_difference(spec, example.schema_value, example.value, &encoded, "") {
            None => Ok(()),
            Some(difference) => Err(difference),
        }
    }))
}

#[test]
fn the_table_maps_arrays_and_the_difference_names_the_lost_field() {
    assert!(codec("User").is_some());
    assert!(codec("NoSuchSchema").is_none());
    let spec = serde_json::json!({"components": {"schemas": {"Thing": {
        "properties": {"a": {"type": "string", "nullable": true}, "b": {"type": "string"}},
    }}}});
    let users = serde_json::json!([{"id": "00u1", "status": "ACTIVE", "profile": {"login": "a@example.com"}}]);
    let example = Example {
        label: "test".to_owned(),
        schema: "[User]".to_owned(),
        schema_value: None,
        value: &users,
    };
    assert_eq!(check(&spec, &example).map(|r| r.is_ok()), Some(true));
    let thing = serde_json::json!({"$ref": "#/components/schemas/Thing"});
    let expected = serde_json::json!({"a": null, "b": null});
    let actual = serde_json::json!({});
    assert_eq!(
        first_difference(&spec, Some(&thing), &expected, &actual, ""),
        Some("/b: null was lost".to_owned()),
        "a nullable null may come back absent, another null may not"
    );
    let added = serde_json::json!({"a": "x", "c": 1});
    assert_eq!(
        first_difference(
            &spec,
            Some(&thing),
            &serde_json::json!({"a": "x"}),
            &added,
            ""
        ),
        Some("/c: 1 was added".to_owned())
    );
}

#[test]
fn every_example_of_a_modelled_schema_round_trips_through_the_sdk_type() {
    let Some(spec) = spec() else {
        return;
    };
    let examples = examples(spec);
    // Schema -> (passed, failures); schema -> examples not covered yet.
    let mut checked: BTreeMap<&str, (usize, Vec<String>)> = BTreeMap::new();
    let mut uncovered: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for example in &examples {
        match check(spec, example) {
            None => uncovered
                .entry(example.schema.as_str())
                .or_default()
                .push(example.label.as_str()),
            Some(result) => {
                let entry = checked.entry(example.schema.as_str()).or_default();
                match result {
                    Ok(()) => entry.0 += 1,
                    Err(problem) => entry.1.push(format!("{}: {problem}", example.label)),
                }
            }
        }
    }

    let passed: usize = checked.values().map(|(ok, _)| ok).sum();
    let failed: usize = checked.values().map(|(_, bad)| bad.len()).sum();
    let not_covered: usize = uncovered.values().map(Vec::len).sum();
    println!("Examples of the covered tags' request and success bodies, by schema:");
    for (schema, (ok, bad)) in &checked {
        println!("  {schema:<40} {ok} round-trip, {} fail", bad.len());
    }
    println!("Not covered yet (no SDK type in the table), examples per schema:");
    for (schema, labels) in &uncovered {
        println!("  {schema:<40} {:>3}  e.g. {}", labels.len(), labels[0]);
    }
    println!(
        "{} examples: {passed} round-trip, {failed} fail, {not_covered} not covered yet",
        examples.len()
    );

    let failures: Vec<&String> = checked.values().flat_map(|(_, bad)| bad).collect();
    assert!(
        failures.is_empty(),
        "{} examples do not survive a decode/encode through their SDK type:\n  {}",
        failures.len(),
        failures
            .iter()
            .map(|f| f.as_str())
            .collect::<Vec<_>>()
            .join("\n  ")
    );
}
