//! Okta's Management API OpenAPI description, read once per test binary.
//!
//! The spec is `${OKTA_SDK_SHARED:-<workspace>/../shared}/okta/management-openapi-2026.06.3.yaml`;
//! it is not part of the repository (tests that need it print `skipped: <path> not found`
//! and pass when it is absent). It is parsed with yaml-rust2 (YAML 1.2, so dates and
//! `yes`/`no` stay strings) into a `serde_json::Value`.
// Each test binary uses a different part of this module.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::OnceLock;

use serde_json::{Map, Number, Value};
use yaml_rust2::{Yaml, YamlLoader};

/// The tags of the Management API this SDK covers (or is about to).
pub(crate) const TAGS: &[&str] = &[
    "User",
    "UserLifecycle",
    "UserCred",
    "UserResources",
    "UserFactor",
    "Group",
    "GroupRule",
    "GroupOwner",
    "Application",
    "ApplicationUsers",
    "ApplicationGroups",
    "AuthorizationServer",
    "AuthorizationServerScopes",
    "AuthorizationServerClaims",
    "AuthorizationServerPolicies",
    "AuthorizationServerRules",
    "AuthorizationServerKeys",
    "Policy",
    "EventHook",
    "InlineHook",
    "HookKey",
    "SystemLog",
    "IdentityProvider",
    "Schema",
    "NetworkZone",
    "TrustedOrigin",
];

/// The HTTP methods an OpenAPI path item may hold operations for.
const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Where the spec is expected.
pub(crate) fn spec_path() -> PathBuf {
    let shared = std::env::var_os("OKTA_SDK_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("..")
                .join("..")
                .join("shared")
        });
    shared
        .join("okta")
        .join("management-openapi-2026.06.3.yaml")
}

/// The spec, parsed on first use; `None` (after printing `skipped: <path> not found`) when
/// the file is absent. A file that is there but cannot be read or parsed fails the test.
pub(crate) fn spec() -> Option<&'static Value> {
    static SPEC: OnceLock<Option<Value>> = OnceLock::new();
    let spec = SPEC.get_or_init(|| {
        let path = spec_path();
        if !path.exists() {
            return None;
        }
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
        let documents = YamlLoader::load_from_str(&text)
            .unwrap_or_else(|error| panic!("{} is not valid YAML: {error}", path.display()));
        let document = documents
            .first()
            .unwrap_or_else(|| panic!("{} holds no YAML document", path.display()));
        Some(to_json(document))
    });
    if spec.is_none() {
        println!("skipped: {} not found", spec_path().display());
    }
    spec.as_ref()
}

/// A YAML node as JSON. Keys that are not strings (response codes such as `200`) become
/// their text.
pub(crate) fn to_json(yaml: &Yaml) -> Value {
    match yaml {
        Yaml::Null | Yaml::BadValue | Yaml::Alias(_) => Value::Null,
        Yaml::Boolean(b) => Value::Bool(*b),
        Yaml::Integer(i) => Value::Number((*i).into()),
        Yaml::Real(text) => text
            .parse::<f64>()
            .ok()
            .and_then(Number::from_f64)
            .map_or_else(|| Value::String(text.clone()), Value::Number),
        Yaml::String(s) => Value::String(s.clone()),
        Yaml::Array(items) => Value::Array(items.iter().map(to_json).collect()),
        Yaml::Hash(hash) => {
            let mut map = Map::new();
            for (key, value) in hash {
                let key = match key {
                    Yaml::String(s) | Yaml::Real(s) => s.clone(),
                    Yaml::Integer(i) => i.to_string(),
                    Yaml::Boolean(b) => b.to_string(),
                    _ => continue,
                };
                map.insert(key, to_json(value));
            }
            Value::Object(map)
        }
    }
}

/// One operation of the spec.
#[derive(Debug, Clone)]
pub(crate) struct Operation<'a> {
    /// `operationId`.
    pub(crate) id: &'a str,
    /// `GET`, `POST`...
    pub(crate) method: String,
    /// The path template, such as `/api/v1/users/{id}`.
    pub(crate) path: &'a str,
    /// The operation's tags.
    pub(crate) tags: Vec<&'a str>,
    /// The operation object.
    pub(crate) body: &'a Value,
}

/// Every operation of the spec, in document order.
pub(crate) fn operations(spec: &Value) -> Vec<Operation<'_>> {
    let mut found = Vec::new();
    let Some(paths) = spec.get("paths").and_then(Value::as_object) else {
        return found;
    };
    for (path, item) in paths {
        for method in METHODS {
            let Some(operation) = item.get(*method) else {
                continue;
            };
            let Some(id) = operation.get("operationId").and_then(Value::as_str) else {
                continue;
            };
            let tags = operation
                .get("tags")
                .and_then(Value::as_array)
                .map(|tags| tags.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            found.push(Operation {
                id,
                method: method.to_uppercase(),
                path,
                tags,
                body: operation,
            });
        }
    }
    found
}

/// Follows a local `$ref` (`#/components/...`) until the node is not a reference; a
/// reference that leads nowhere gives `None`.
pub(crate) fn resolve<'a>(spec: &'a Value, node: &'a Value) -> Option<&'a Value> {
    let mut node = node;
    for _ in 0..32 {
        match node.get("$ref").and_then(Value::as_str) {
            Some(reference) => node = spec.pointer(reference.strip_prefix('#')?)?,
            None => return Some(node),
        }
    }
    None
}

/// The last segment of a `$ref`, such as `User` for `#/components/schemas/User`.
pub(crate) fn ref_name(node: &Value) -> Option<&str> {
    node.get("$ref")
        .and_then(Value::as_str)
        .and_then(|reference| reference.rsplit('/').next())
}
