//! Decoding a page of 200 Okta users into the typed `Vec<okta_mgmt::User>` against decoding
//! it into an untyped `serde_json::Value`, in the same run. The typed models keep every
//! unknown field and custom profile attribute (in `extra` / `custom` maps), which costs
//! something; the target is at most 1.5x the untyped decode.
//!
//! Run: `cargo bench -p okta-mgmt --bench decode`

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::Criterion;
use okta_mgmt::User;
use serde_json::{json, Value};

/// One user as Okta answers `GET /api/v1/users`: standard and custom profile attributes,
/// credentials, `_links`, and fields the SDK does not model (`realmId`).
fn user(i: usize) -> Value {
    let id = format!("00u{i:017}");
    let login = format!("user{i}@example.com");
    let color = ["green", "blue", "red"][i % 3];
    let profile = json!({
        "login": login,
        "email": login,
        "secondEmail": null,
        "firstName": "User",
        "lastName": format!("Number {i}"),
        "displayName": format!("User Number {i}"),
        "title": "Software Engineer",
        "department": "Engineering",
        "division": "Platform",
        "organization": "Example Corp",
        "costCenter": format!("CC-{}", i % 40),
        "employeeNumber": format!("{}", 100_000 + i),
        "manager": "Grace Hopper",
        "managerId": "00u00000000000000001",
        "mobilePhone": "+1 555 010 0199",
        "primaryPhone": null,
        "city": "San Francisco",
        "state": "CA",
        "countryCode": "US",
        "zipCode": "94105",
        "streetAddress": "100 First Street",
        "locale": "en_US",
        "timezone": "America/Los_Angeles",
        "preferredLanguage": "en",
        "userType": "Employee",
        // Custom attributes defined by the org.
        "favoriteColor": color,
        "startDate": "2024-03-04",
        "badgeNumber": i * 7,
        "isContractor": i.is_multiple_of(5),
        "skills": ["rust", "go", "sql"],
        "officeLocation": {"building": "B2", "floor": 4, "desk": format!("4-{}", i % 90)},
    });
    json!({
        "id": id,
        "status": if i.is_multiple_of(10) { "SUSPENDED" } else { "ACTIVE" },
        "created": "2024-03-01T09:15:27.000Z",
        "activated": if i.is_multiple_of(3) { Value::Null } else { json!("2024-03-01T09:16:02.000Z") },
        "statusChanged": "2024-03-01T09:16:02.000Z",
        "lastLogin": "2026-11-27T08:01:44.000Z",
        "lastUpdated": "2026-10-02T17:40:11.000Z",
        "passwordChanged": "2025-06-12T11:03:19.000Z",
        "realmId": "guo1afiNtSnZYILxO0g4",
        "type": {"id": "oty1fakedefault0type"},
        "profile": profile,
        "credentials": {
            "password": {},
            "emails": [{"value": login, "status": "VERIFIED", "type": "PRIMARY"}],
            "recovery_question": {"question": "Who's a major player in the cowboy scene?"},
            "provider": {"type": "OKTA", "name": "OKTA"},
        },
        "_links": {
            "self": {"href": format!("https://example.okta.com/api/v1/users/{id}")},
            "suspend": {"href": format!("https://example.okta.com/api/v1/users/{id}/lifecycle/suspend"), "method": "POST"},
            "resetPassword": {"href": format!("https://example.okta.com/api/v1/users/{id}/lifecycle/reset_password"), "method": "POST"},
            "deactivate": {"href": format!("https://example.okta.com/api/v1/users/{id}/lifecycle/deactivate"), "method": "POST"},
            "type": {"href": "https://example.okta.com/api/v1/meta/types/user/oty1fakedefault0type"},
            "schema": {"href": "https://example.okta.com/api/v1/meta/schemas/user/osc1fakedefault0schema"},
        },
    })
}

/// The body of a 200-user page, as bytes off the wire.
fn page() -> Vec<u8> {
    let users: Vec<Value> = (0..200).map(user).collect();
    serde_json::to_vec(&users).expect("a page of users serializes")
}

/// `value` without the object members that are `null`, recursively.
fn without_nulls(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, without_nulls(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(without_nulls).collect()),
        other => other,
    }
}

/// Mean time of `rounds` decodes of `bytes` with `decode`.
fn mean_time(bytes: &[u8], rounds: u32, decode: impl Fn(&[u8])) -> Duration {
    let started = Instant::now();
    for _ in 0..rounds {
        decode(black_box(bytes));
    }
    started.elapsed() / rounds
}

fn typed(bytes: &[u8]) {
    let users: Vec<User> = serde_json::from_slice(bytes).expect("typed decode");
    assert_eq!(users.len(), 200);
    black_box(users);
}

fn untyped(bytes: &[u8]) {
    let users: Value = serde_json::from_slice(bytes).expect("untyped decode");
    assert_eq!(users.as_array().map(Vec::len), Some(200));
    black_box(users);
}

fn main() {
    let bytes = page();
    // Nothing is lost on the way: the typed page encodes back to the same JSON.
    let users: Vec<User> = serde_json::from_slice(&bytes).expect("typed decode");
    let original: Value = serde_json::from_slice(&bytes).expect("untyped decode");
    let again = serde_json::to_value(&users).expect("typed encode");
    // A `null` comes back absent (`None`); everything else comes back as it was.
    assert_eq!(
        without_nulls(again),
        without_nulls(original),
        "the typed page keeps every field"
    );

    let mut c = Criterion::default()
        .sample_size(50)
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    let mut g = c.benchmark_group("decode_200_users");
    g.throughput(criterion::Throughput::Bytes(bytes.len() as u64));
    g.bench_function("typed_vec_user", |b| b.iter(|| typed(black_box(&bytes))));
    g.bench_function("untyped_value", |b| b.iter(|| untyped(black_box(&bytes))));
    g.finish();
    c.final_summary();

    // The ratio, measured alternately so machine noise hits both alike.
    mean_time(&bytes, 20, typed);
    mean_time(&bytes, 20, untyped);
    let (mut t_typed, mut t_untyped) = (Duration::ZERO, Duration::ZERO);
    for _ in 0..5 {
        t_typed += mean_time(&bytes, 50, typed);
        t_untyped += mean_time(&bytes, 50, untyped);
    }
    println!(
        "decode a 200-user page ({} KiB): typed Vec<User> {:.0} µs, serde_json::Value {:.0} µs, ratio {:.2} (target <= 1.50)",
        bytes.len() / 1024,
        t_typed.as_secs_f64() * 1e6 / 5.0,
        t_untyped.as_secs_f64() * 1e6 / 5.0,
        t_typed.as_secs_f64() / t_untyped.as_secs_f64()
    );
}
