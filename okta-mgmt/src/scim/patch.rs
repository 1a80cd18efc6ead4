//! SCIM PATCH (RFC 7644 section 3.5.2) applied to resources held as JSON.
//!
//! [`PatchOp`] is the request body (`urn:ietf:params:scim:api:messages:2.0:PatchOp`), and
//! [`apply`] carries its operations out on a [`serde_json::Value`], all or nothing. What the
//! resource's schema says about an attribute (multi-valued, read-only, case-exact, required)
//! comes from a [`PatchRules`]; [`DefaultRules`] knows the core User and Group schemas.
//!
//! The shapes Okta sends are all handled:
//!
//! * `replace` with no `path` and a value object: `{"active":false}` (deactivation) and
//!   `{"id":"<id>","displayName":"..."}` (group rename; an `id` equal to the current one is
//!   accepted, any other is a `mutability` error);
//! * `remove` with path `members[value eq "..."]`, then `add` with path `members` and an array;
//! * `replace` with path `members` and the whole new array.
//!
//! # Semantics
//!
//! * **add**, no path: the value is an object of attributes, each added as below. With a path:
//!   a multi-valued attribute gets the values appended (a value equal to one already there is
//!   skipped; a complex value with the same `value` and `type` as an existing one updates it);
//!   a complex attribute gets the given sub-attributes merged in; anything else is set. A value
//!   filter (`emails[type eq "work"]`, optionally with `.subAttr`) adds to the matching
//!   elements, and is `noTarget` when nothing matches.
//! * **remove**: the path is required (`noTarget` otherwise). Removes the attribute, the
//!   sub-attribute, or the elements (or their sub-attribute) matched by a value filter; a
//!   multi-valued attribute left empty is removed. As Azure AD sends it, `remove` on a
//!   multi-valued attribute with a `value` removes just the listed values (matched by equality
//!   or by their `value` sub-attribute). Removing something absent is not an error.
//! * **replace**, no path: each attribute of the value object is replaced. With a path: the
//!   attribute is set (a multi-valued attribute gets the whole new list; a complex one has the
//!   given sub-attributes replaced and the others kept); a value filter replaces the matching
//!   elements or their sub-attribute and is `noTarget` when nothing matches. A `null` (or
//!   missing) value unassigns the target.
//! * Setting `primary` to `true` on one value of a multi-valued attribute sets it to `false` on
//!   the others.
//! * Attribute names in paths and in value objects match existing keys ignoring ASCII case; the
//!   existing spelling is kept.
//! * Paths with a schema URI (`urn:...:enterprise:2.0:User:employeeNumber`) act inside the
//!   extension object stored under that URI, which is created (and its URI added to `schemas`)
//!   when needed, and removed (with its URI) when its last attribute goes. A path, or a key of a
//!   path-less value object, that is a whole extension URI targets the extension object.
//!   Path-less value objects may also use paths as keys (`"name.givenName"`, as Azure AD does).
//! * Read-only attributes may be written only with the value they already have; required
//!   attributes may not be removed. Both are `mutability` errors.
//!
//! # Limits
//!
//! At most [`MAX_OPERATIONS`] operations (`tooMany`), values nested at most
//! [`MAX_VALUE_DEPTH`] deep (`invalidValue`), paths at most
//! [`MAX_FILTER_LEN`](crate::scim::filter::MAX_FILTER_LEN) bytes (`invalidPath`).

use std::collections::HashMap;
use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::scim::filter::{
    self, default_case_exact, is_ietf_core_urn, AttrPath, Filter, PatchPath,
};

/// The most operations one [`PatchOp`] may carry.
pub const MAX_OPERATIONS: usize = 1000;

/// The deepest nesting of arrays and objects accepted in an operation's `value`.
pub const MAX_VALUE_DEPTH: usize = 32;

const PATCH_OP_URN: &str = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const ENTERPRISE_USER_URN: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

/// The longest excerpt of client input quoted in an error detail.
const DETAIL_EXCERPT: usize = 128;

// ---------------------------------------------------------------------------------------------
// Error types
// ---------------------------------------------------------------------------------------------

/// A SCIM error type (`scimType`, RFC 7644 section 3.12). Serializes as its camelCase name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ScimType {
    /// `invalidFilter`: the filter syntax is invalid or the filter cannot be evaluated.
    InvalidFilter,
    /// `tooMany`: the request would touch or return too many resources or operations.
    TooMany,
    /// `uniqueness`: a value that must be unique is already in use.
    Uniqueness,
    /// `mutability`: the change would modify a read-only or immutable attribute, or remove a
    /// required one.
    Mutability,
    /// `invalidSyntax`: the request body is not a valid message of its kind.
    InvalidSyntax,
    /// `invalidPath`: a PATCH `path` is invalid or malformed.
    InvalidPath,
    /// `noTarget`: a PATCH `path` selects nothing.
    NoTarget,
    /// `invalidValue`: a required value is missing or a value is not acceptable.
    InvalidValue,
    /// `invalidVers`: the protocol version is not supported.
    InvalidVers,
    /// `sensitive`: the request carries information that may not be sent that way.
    Sensitive,
}

impl ScimType {
    const ALL: [ScimType; 10] = [
        ScimType::InvalidFilter,
        ScimType::TooMany,
        ScimType::Uniqueness,
        ScimType::Mutability,
        ScimType::InvalidSyntax,
        ScimType::InvalidPath,
        ScimType::NoTarget,
        ScimType::InvalidValue,
        ScimType::InvalidVers,
        ScimType::Sensitive,
    ];

    /// The name SCIM uses on the wire (`"invalidFilter"`, `"noTarget"`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            ScimType::InvalidFilter => "invalidFilter",
            ScimType::TooMany => "tooMany",
            ScimType::Uniqueness => "uniqueness",
            ScimType::Mutability => "mutability",
            ScimType::InvalidSyntax => "invalidSyntax",
            ScimType::InvalidPath => "invalidPath",
            ScimType::NoTarget => "noTarget",
            ScimType::InvalidValue => "invalidValue",
            ScimType::InvalidVers => "invalidVers",
            ScimType::Sensitive => "sensitive",
        }
    }

    /// The type with the given wire name (compared ignoring ASCII case).
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|t| t.as_str().eq_ignore_ascii_case(name))
    }

    /// The HTTP status RFC 7644 pairs with this type: 409 for `uniqueness`, 403 for
    /// `sensitive`, 400 for the others.
    pub fn http_status(self) -> u16 {
        match self {
            ScimType::Uniqueness => 409,
            ScimType::Sensitive => 403,
            _ => 400,
        }
    }
}

impl fmt::Display for ScimType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for ScimType {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ScimType {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = ScimType;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a SCIM error type such as \"invalidFilter\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<ScimType, E> {
                ScimType::from_name(v)
                    .ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
            }
        }
        deserializer.deserialize_str(V)
    }
}

/// A PATCH request that cannot be applied. The resource is left as it was.
///
/// Displays as `<scimType>: <detail>`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{scim_type}: {detail}")]
pub struct PatchError {
    /// The SCIM error type to answer with.
    pub scim_type: ScimType,
    /// A human-readable explanation (it names the failing operation by index).
    pub detail: String,
}

impl PatchError {
    /// An error of the given type.
    pub fn new(scim_type: ScimType, detail: impl Into<String>) -> Self {
        Self {
            scim_type,
            detail: detail.into(),
        }
    }
}

fn err(scim_type: ScimType, detail: impl Into<String>) -> PatchError {
    PatchError::new(scim_type, detail)
}

/// `s` cut to [`DETAIL_EXCERPT`] characters, quoted.
fn excerpt(s: &str) -> String {
    match s.char_indices().nth(DETAIL_EXCERPT) {
        Some((cut, _)) => format!("{:?}...", &s[..cut]),
        None => format!("{s:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------------------------

/// A SCIM PATCH request body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PatchOp {
    /// The message schemas; should be `["urn:ietf:params:scim:api:messages:2.0:PatchOp"]`.
    /// Missing is read as empty.
    #[serde(default)]
    pub schemas: Vec<String>,
    /// The operations, applied in order (`Operations` on the wire; `operations` is also read).
    #[serde(rename = "Operations", alias = "operations")]
    pub operations: Vec<PatchOperation>,
}

impl PatchOp {
    /// A PatchOp message with the PatchOp schema and the given operations.
    pub fn new(operations: Vec<PatchOperation>) -> Self {
        Self {
            schemas: vec![PATCH_OP_URN.to_owned()],
            operations,
        }
    }
}

/// One PATCH operation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PatchOperation {
    /// `add`, `remove` or `replace` (read in any case).
    pub op: PatchOpKind,
    /// The target (see [`filter::parse_path`]); `None` targets the resource itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The value to add or replace with (for `remove`, optionally the values to remove).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
}

impl PatchOperation {
    /// `add` with no path: `value` is an object of attributes.
    pub fn add(value: Value) -> Self {
        Self {
            op: PatchOpKind::Add,
            path: None,
            value: Some(value),
        }
    }

    /// `add` at `path`.
    pub fn add_at(path: impl Into<String>, value: Value) -> Self {
        Self {
            op: PatchOpKind::Add,
            path: Some(path.into()),
            value: Some(value),
        }
    }

    /// `remove` at `path`.
    pub fn remove(path: impl Into<String>) -> Self {
        Self {
            op: PatchOpKind::Remove,
            path: Some(path.into()),
            value: None,
        }
    }

    /// `replace` with no path: `value` is an object of attributes.
    pub fn replace(value: Value) -> Self {
        Self {
            op: PatchOpKind::Replace,
            path: None,
            value: Some(value),
        }
    }

    /// `replace` at `path`.
    pub fn replace_at(path: impl Into<String>, value: Value) -> Self {
        Self {
            op: PatchOpKind::Replace,
            path: Some(path.into()),
            value: Some(value),
        }
    }
}

/// The kind of a PATCH operation. Serializes in lowercase; deserializes in any case (Okta and
/// Azure AD send `Add`, `Replace`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PatchOpKind {
    /// `add`.
    Add,
    /// `remove`.
    Remove,
    /// `replace`.
    Replace,
}

impl PatchOpKind {
    /// The lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            PatchOpKind::Add => "add",
            PatchOpKind::Remove => "remove",
            PatchOpKind::Replace => "replace",
        }
    }
}

impl fmt::Display for PatchOpKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for PatchOpKind {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for PatchOpKind {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = PatchOpKind;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("\"add\", \"remove\" or \"replace\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<PatchOpKind, E> {
                [PatchOpKind::Add, PatchOpKind::Remove, PatchOpKind::Replace]
                    .into_iter()
                    .find(|k| k.as_str().eq_ignore_ascii_case(v))
                    .ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
            }
        }
        deserializer.deserialize_str(V)
    }
}

// ---------------------------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------------------------

/// What PATCH needs to know about the resource's attributes.
///
/// Paths are given as written by the client (any case, with or without a schema URI); a
/// sub-attribute path (`name.givenName`, `emails.value`) asks about the sub-attribute.
pub trait PatchRules {
    /// Whether the attribute holds a list (`emails`, `members`, ...).
    fn is_multi_valued(&self, path: &AttrPath) -> bool;

    /// Whether the attribute may not be changed by a client (typically `id` and `meta`).
    /// Writing a read-only attribute with the value it already has is accepted.
    fn is_read_only(&self, path: &AttrPath) -> bool;

    /// Whether the string attribute compares case-sensitively (used by value filters and by
    /// duplicate detection).
    fn case_exact(&self, path: &AttrPath) -> bool;

    /// Whether the attribute may not be removed. Defaults to `false`.
    fn is_required(&self, path: &AttrPath) -> bool {
        let _ = path;
        false
    }

    /// Whether `uri` is the URI of a schema extension (so that a path, or a key of a
    /// path-less value object, equal to it targets the extension object). URIs already listed
    /// in the resource's `schemas` or present as keys are recognised without asking. Defaults
    /// to recognising the enterprise User extension.
    fn is_extension_schema(&self, uri: &str) -> bool {
        uri.eq_ignore_ascii_case(ENTERPRISE_USER_URN)
    }
}

/// Rules for the core User and Group schemas (RFC 7643 sections 4.1, 4.2) and the enterprise
/// User extension.
///
/// * multi-valued: `emails`, `phoneNumbers`, `ims`, `photos`, `addresses`, `groups`,
///   `entitlements`, `roles`, `x509Certificates`, `members`, `schemas`;
/// * read-only: `id`, `meta` (and its sub-attributes), `groups` (a User's groups are managed
///   through the Groups);
/// * required: `userName`, `schemas`;
/// * case-exact: as [`filter::default_case_exact`] (`id`, `externalId`, `$ref`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DefaultRules;

const MULTI_VALUED: [&str; 11] = [
    "emails",
    "phoneNumbers",
    "ims",
    "photos",
    "addresses",
    "groups",
    "entitlements",
    "roles",
    "x509Certificates",
    "members",
    "schemas",
];

impl PatchRules for DefaultRules {
    fn is_multi_valued(&self, path: &AttrPath) -> bool {
        MULTI_VALUED
            .iter()
            .any(|name| path.is_core_attr(name, None))
    }

    fn is_read_only(&self, path: &AttrPath) -> bool {
        path.is_core()
            && ["id", "meta", "groups"]
                .iter()
                .any(|name| path.attr.eq_ignore_ascii_case(name))
    }

    fn case_exact(&self, path: &AttrPath) -> bool {
        default_case_exact(path)
    }

    fn is_required(&self, path: &AttrPath) -> bool {
        path.is_core_attr("userName", None) || path.is_core_attr("schemas", None)
    }
}

// ---------------------------------------------------------------------------------------------
// apply
// ---------------------------------------------------------------------------------------------

/// Applies `patch` to `resource` (a SCIM resource as a JSON object), all or nothing: on error
/// the resource is left untouched.
///
/// ```
/// use okta_mgmt::scim::patch::{apply, DefaultRules, PatchOp};
/// use serde_json::json;
/// let mut user = json!({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
///                       "id":"1","userName":"bjensen","active":true});
/// let patch: PatchOp = serde_json::from_value(json!({
///     "schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
///     "Operations":[{"op":"replace","value":{"active":false}}]})).unwrap();
/// apply(&mut user, &patch, &DefaultRules).unwrap();
/// assert_eq!(user["active"], false);
/// ```
///
/// Errors: `tooMany` for more than [`MAX_OPERATIONS`] operations; `invalidSyntax` for no
/// operations or a `schemas` list without the PatchOp URN; otherwise the first failing
/// operation's error, its detail prefixed with `Operations[i]`. See the
/// [module documentation](self) for the semantics.
pub fn apply(
    resource: &mut Value,
    patch: &PatchOp,
    rules: &dyn PatchRules,
) -> Result<(), PatchError> {
    if patch.operations.len() > MAX_OPERATIONS {
        return Err(err(
            ScimType::TooMany,
            format!(
                "{} operations; at most {MAX_OPERATIONS} are accepted",
                patch.operations.len()
            ),
        ));
    }
    if patch.operations.is_empty() {
        return Err(err(
            ScimType::InvalidSyntax,
            "the PatchOp has no operations",
        ));
    }
    if !patch.schemas.is_empty()
        && !patch
            .schemas
            .iter()
            .any(|s| s.eq_ignore_ascii_case(PATCH_OP_URN))
    {
        return Err(err(
            ScimType::InvalidSyntax,
            format!("schemas must contain {PATCH_OP_URN}"),
        ));
    }
    let Value::Object(original) = &*resource else {
        return Err(err(
            ScimType::InvalidValue,
            "the resource is not a JSON object",
        ));
    };
    let mut work = original.clone();
    for (i, operation) in patch.operations.iter().enumerate() {
        apply_operation(&mut work, operation, rules).map_err(|e| PatchError {
            scim_type: e.scim_type,
            detail: format!("Operations[{i}] ({}): {}", operation.op, e.detail),
        })?;
    }
    *resource = Value::Object(work);
    Ok(())
}

/// What a path designates.
enum Target {
    /// A whole schema's attributes: an extension object, or the top level for a core schema.
    Schema(String),
    /// An attribute or a sub-attribute (no value filter).
    Attr(AttrPath),
    /// The elements of `attr` matching `filter`, or their sub-attribute `sub`.
    Filtered {
        attr: AttrPath,
        filter: Filter,
        sub: Option<String>,
    },
}

impl From<PatchPath> for Target {
    fn from(p: PatchPath) -> Self {
        match p.filter {
            None => Target::Attr(p.attr),
            Some(filter) => Target::Filtered {
                attr: p.attr,
                filter,
                sub: p.sub_attr,
            },
        }
    }
}

type Object = Map<String, Value>;

fn apply_operation(
    root: &mut Object,
    operation: &PatchOperation,
    rules: &dyn PatchRules,
) -> Result<(), PatchError> {
    if operation
        .value
        .as_ref()
        .is_some_and(|v| too_deep(v, MAX_VALUE_DEPTH))
    {
        return Err(err(
            ScimType::InvalidValue,
            format!("value nested deeper than {MAX_VALUE_DEPTH} levels"),
        ));
    }
    match &operation.path {
        Some(path) => {
            let target = resolve_path(root, path, rules)?;
            run(root, operation.op, &target, operation.value.as_ref(), rules)
        }
        None if operation.op == PatchOpKind::Remove => {
            Err(err(ScimType::NoTarget, "remove needs a path"))
        }
        None => {
            let Some(Value::Object(attrs)) = &operation.value else {
                return Err(err(
                    ScimType::InvalidValue,
                    "without a path, the value must be an object of attributes",
                ));
            };
            for (key, value) in attrs {
                let target = if key.contains(':')
                    && (value.is_object() || value.is_null())
                    && names_schema(root, key, rules, true)
                {
                    Target::Schema(key.clone())
                } else {
                    parse_target(key)?
                };
                run(root, operation.op, &target, Some(value), rules)?;
            }
            Ok(())
        }
    }
}

fn resolve_path(root: &Object, path: &str, rules: &dyn PatchRules) -> Result<Target, PatchError> {
    let path = path.trim();
    if path.contains(':') && names_schema(root, path, rules, false) {
        return Ok(Target::Schema(path.to_owned()));
    }
    parse_target(path)
}

fn parse_target(path: &str) -> Result<Target, PatchError> {
    filter::parse_path(path).map(Target::from).map_err(|e| {
        err(
            ScimType::InvalidPath,
            format!("invalid path {}: {e}", excerpt(path)),
        )
    })
}

/// Whether `uri` names a whole schema (rather than an attribute inside one): a key of the
/// resource holding an object, an entry of `schemas`, a core schema URN, or an extension the
/// rules know. With `guess`, also a URN whose last segment starts with an upper-case letter
/// (`...:2.0:User`; attribute names conventionally start in lower case).
fn names_schema(root: &Object, uri: &str, rules: &dyn PatchRules, guess: bool) -> bool {
    if find_key(root, uri).is_some_and(|k| root.get(&k).is_some_and(Value::is_object))
        || schemas_list(root).any(|s| s.eq_ignore_ascii_case(uri))
        || is_core_schema_uri(uri)
        || rules.is_extension_schema(uri)
    {
        return true;
    }
    guess
        && uri.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("urn:"))
        && uri
            .rsplit(':')
            .next()
            .and_then(|last| last.bytes().next())
            .is_some_and(|b| b.is_ascii_uppercase())
}

/// `urn:ietf:params:scim:schemas:core:<version>:<Resource>` exactly.
fn is_core_schema_uri(uri: &str) -> bool {
    is_ietf_core_urn(uri)
        && uri
            .get("urn:ietf:params:scim:schemas:core:".len()..)
            .is_some_and(|rest| rest.matches(':').count() == 1)
}

/// Whether `urn` (from an attribute path) stands for the top level of this resource.
fn is_core_schema(root: &Object, urn: &str) -> bool {
    is_ietf_core_urn(urn)
        || schemas_list(root)
            .next()
            .is_some_and(|s| s.eq_ignore_ascii_case(urn))
}

fn schemas_list(root: &Object) -> impl Iterator<Item = &str> {
    find_key(root, "schemas")
        .and_then(|k| root.get(&k))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
}

fn run(
    root: &mut Object,
    kind: PatchOpKind,
    target: &Target,
    value: Option<&Value>,
    rules: &dyn PatchRules,
) -> Result<(), PatchError> {
    let (attr, guarded) = match target {
        Target::Schema(uri) => return run_schema(root, kind, uri, value, rules),
        Target::Attr(path) => (path.parent(), path.clone()),
        Target::Filtered { attr, sub, .. } => {
            let guarded = match sub {
                Some(s) => attr.parent().with_sub_attr(s.clone()),
                None => attr.parent(),
            };
            (attr.parent(), guarded)
        }
    };
    let read_only = rules.is_read_only(&guarded) || rules.is_read_only(&attr);
    let before = read_only.then(|| root.clone());
    let required = rules.is_required(&attr) && is_assigned(root, &attr);

    match target {
        Target::Attr(path) => run_attr(root, kind, path, value, rules)?,
        Target::Filtered { attr, filter, sub } => {
            run_filtered(root, kind, attr, filter, sub.as_deref(), value, rules)?;
        }
        Target::Schema(_) => {}
    }

    if before.is_some_and(|before| before != *root) {
        return Err(err(ScimType::Mutability, format!("{guarded} is read-only")));
    }
    if required && !is_assigned(root, &attr) {
        return Err(err(
            ScimType::Mutability,
            format!("{attr} is required and cannot be removed"),
        ));
    }
    if let Some(urn) = &attr.urn {
        drop_empty_extension(root, urn);
    }
    Ok(())
}

/// A path or key naming a whole schema.
fn run_schema(
    root: &mut Object,
    kind: PatchOpKind,
    uri: &str,
    value: Option<&Value>,
    rules: &dyn PatchRules,
) -> Result<(), PatchError> {
    let core = is_core_schema(root, uri) && find_key(root, uri).is_none();
    let value = value.filter(|v| !v.is_null());
    match (kind, value) {
        (PatchOpKind::Remove, _) | (PatchOpKind::Replace, None) => {
            if core {
                return Err(err(
                    ScimType::Mutability,
                    format!("cannot remove core schema {uri}"),
                ));
            }
            remove_extension(root, uri);
            Ok(())
        }
        (PatchOpKind::Add, None) => Err(err(ScimType::InvalidValue, "add needs a value")),
        (_, Some(Value::Object(attrs))) => {
            if !core {
                container_mut(root, Some(uri), true)?;
            }
            for (key, v) in attrs {
                let mut path = filter::parse_path(key).map_err(|e| {
                    err(
                        ScimType::InvalidPath,
                        format!("invalid attribute {}: {e}", excerpt(key)),
                    )
                })?;
                if path.attr.urn.is_some() {
                    return Err(err(
                        ScimType::InvalidPath,
                        format!(
                            "attribute {} inside {uri} has its own schema URI",
                            excerpt(key)
                        ),
                    ));
                }
                path.attr.urn = Some(uri.to_owned());
                run(root, kind, &Target::from(path), Some(v), rules)?;
            }
            Ok(())
        }
        (_, Some(_)) => Err(err(
            ScimType::InvalidValue,
            format!("the value for schema {uri} must be an object of attributes"),
        )),
    }
}

fn run_attr(
    root: &mut Object,
    kind: PatchOpKind,
    path: &AttrPath,
    value: Option<&Value>,
    rules: &dyn PatchRules,
) -> Result<(), PatchError> {
    let parent = path.parent();
    let multi = rules.is_multi_valued(&parent);
    let identity_exact = rules.case_exact(&parent.with_sub_attr("value"));
    match kind {
        PatchOpKind::Add => {
            let Some(value) = value else {
                return Err(err(ScimType::InvalidValue, "add needs a value"));
            };
            if value.is_null() {
                return Ok(());
            }
            let Some(c) = container_mut(root, path.urn.as_deref(), true)? else {
                return Ok(());
            };
            match &path.sub_attr {
                None => add_to(c, &path.attr, value, multi, identity_exact),
                Some(sub) => {
                    let sub_multi = rules.is_multi_valued(path);
                    let sub_exact = rules.case_exact(&path.clone().with_sub_attr("value"));
                    with_complex(c, path, multi, value, &mut |m| {
                        add_to(m, sub, value, sub_multi, sub_exact);
                    })?;
                }
            }
            Ok(())
        }
        PatchOpKind::Replace => {
            let Some(value) = value.filter(|v| !v.is_null()) else {
                return remove_attr(root, path, None, rules);
            };
            let Some(c) = container_mut(root, path.urn.as_deref(), true)? else {
                return Ok(());
            };
            match &path.sub_attr {
                None => replace_in(c, &path.attr, value, multi),
                Some(sub) => {
                    with_complex(c, path, multi, value, &mut |m| set_key(m, sub, value))?;
                }
            }
            Ok(())
        }
        PatchOpKind::Remove => remove_attr(root, path, value, rules),
    }
}

fn remove_attr(
    root: &mut Object,
    path: &AttrPath,
    value: Option<&Value>,
    rules: &dyn PatchRules,
) -> Result<(), PatchError> {
    let identity_exact = rules.case_exact(&path.parent().with_sub_attr("value"));
    let Some(c) = container_mut(root, path.urn.as_deref(), false)? else {
        return Ok(());
    };
    let Some(key) = find_key(c, &path.attr) else {
        return Ok(());
    };
    match &path.sub_attr {
        None => {
            let listed = value.filter(|v| !v.is_null());
            match (listed, c.get_mut(&key)) {
                (Some(listed), Some(Value::Array(items))) => {
                    let victims = as_list(listed);
                    items.retain(|item| {
                        !victims
                            .iter()
                            .any(|v| *v == item || same_value(item, v, identity_exact))
                    });
                    if items.is_empty() {
                        c.remove(&key);
                    }
                }
                _ => {
                    c.remove(&key);
                }
            }
        }
        Some(sub) => match c.get_mut(&key) {
            Some(Value::Object(m)) => {
                remove_key(m, sub);
                if m.is_empty() {
                    c.remove(&key);
                }
            }
            Some(Value::Array(items)) => {
                for item in items.iter_mut() {
                    if let Value::Object(m) = item {
                        remove_key(m, sub);
                    }
                }
            }
            _ => {}
        },
    }
    Ok(())
}

fn run_filtered(
    root: &mut Object,
    kind: PatchOpKind,
    attr: &AttrPath,
    filter: &Filter,
    sub: Option<&str>,
    value: Option<&Value>,
    rules: &dyn PatchRules,
) -> Result<(), PatchError> {
    let no_target = || {
        if kind == PatchOpKind::Remove {
            Ok(())
        } else {
            Err(err(
                ScimType::NoTarget,
                format!("no value of {attr} matches [{filter}]"),
            ))
        }
    };
    let parent = attr.parent();
    let case_exact = |p: &AttrPath| rules.case_exact(p);
    let Some(c) = container_mut(root, attr.urn.as_deref(), false)? else {
        return no_target();
    };
    let Some(key) = find_key(c, &attr.attr) else {
        return no_target();
    };
    let Some(slot) = c.get_mut(&key) else {
        return no_target();
    };
    let is_match = |e: &Value| e.is_object() && filter.matches_element(e, &parent, &case_exact);
    let matched: Vec<usize> = match &*slot {
        Value::Array(items) => items
            .iter()
            .enumerate()
            .filter(|(_, e)| is_match(e))
            .map(|(i, _)| i)
            .collect(),
        single if is_match(single) => vec![0],
        _ => Vec::new(),
    };
    if matched.is_empty() {
        return no_target();
    }

    if kind == PatchOpKind::Remove && sub.is_none() {
        let emptied = match slot {
            Value::Array(items) => {
                let mut index = 0;
                items.retain(|_| {
                    let keep = !matched.contains(&index);
                    index += 1;
                    keep
                });
                items.is_empty()
            }
            _ => true,
        };
        if emptied {
            c.remove(&key);
        }
        return Ok(());
    }

    let value = value.filter(|v| !v.is_null());
    let items: &mut [Value] = match slot {
        Value::Array(items) => items.as_mut_slice(),
        single => std::slice::from_mut(single),
    };
    if kind != PatchOpKind::Remove {
        check_fanout(matched.len(), value)?;
    }
    match (kind, sub) {
        (PatchOpKind::Remove, Some(sub)) => {
            for_each_matched(items, &matched, |m| remove_key(m, sub));
        }
        (PatchOpKind::Remove, None) => {}
        (PatchOpKind::Add, Some(sub)) => {
            let Some(value) = value else {
                return Err(err(ScimType::InvalidValue, "add needs a value"));
            };
            let sub_path = parent.clone().with_sub_attr(sub);
            let sub_multi = rules.is_multi_valued(&sub_path);
            let sub_exact = rules.case_exact(&sub_path);
            for_each_matched(items, &matched, |m| {
                add_to(m, sub, value, sub_multi, sub_exact)
            });
        }
        (PatchOpKind::Add, None) => {
            let Some(value @ Value::Object(_)) = value else {
                return Err(err(
                    ScimType::InvalidValue,
                    "adding to selected values needs an object of sub-attributes",
                ));
            };
            for_each_matched(items, &matched, |m| merge(m, value));
        }
        (PatchOpKind::Replace, Some(sub)) => match value {
            Some(value) => for_each_matched(items, &matched, |m| set_key(m, sub, value)),
            None => for_each_matched(items, &matched, |m| remove_key(m, sub)),
        },
        (PatchOpKind::Replace, None) => {
            let replacement = match value {
                Some(Value::Object(_)) => value,
                Some(Value::Array(list)) if list.len() == 1 => list.first(),
                _ => None,
            };
            let Some(replacement @ Value::Object(_)) = replacement else {
                return Err(err(
                    ScimType::InvalidValue,
                    "replacing selected values needs one complex value",
                ));
            };
            for &i in &matched {
                if let Some(item) = items.get_mut(i) {
                    *item = replacement.clone();
                }
            }
        }
    }
    fix_primary(items, &matched);
    Ok(())
}

fn for_each_matched(items: &mut [Value], matched: &[usize], mut f: impl FnMut(&mut Object)) {
    for &i in matched {
        if let Some(Value::Object(m)) = items.get_mut(i) {
            f(m);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Containers and keys
// ---------------------------------------------------------------------------------------------

/// The existing key equal to `name` ignoring ASCII case (an exact match wins).
fn find_key(map: &Object, name: &str) -> Option<String> {
    if map.contains_key(name) {
        return Some(name.to_owned());
    }
    map.keys().find(|k| k.eq_ignore_ascii_case(name)).cloned()
}

/// The object holding the attributes of schema `urn` (`None`: the top level). With `create`,
/// a missing extension object is created and its URI added to `schemas`; without, a missing
/// one is `Ok(None)`.
fn container_mut<'m>(
    root: &'m mut Object,
    urn: Option<&str>,
    create: bool,
) -> Result<Option<&'m mut Object>, PatchError> {
    let Some(urn) = urn else {
        return Ok(Some(root));
    };
    let key = match find_key(root, urn) {
        Some(key) => key,
        None if is_core_schema(root, urn) => return Ok(Some(root)),
        None if !create => return Ok(None),
        None => urn.to_owned(),
    };
    if create && root.get(&key).is_none_or(Value::is_null) {
        root.insert(key.clone(), Value::Object(Map::new()));
        add_schema(root, &key);
    }
    match root.get_mut(&key) {
        Some(Value::Object(m)) => Ok(Some(m)),
        Some(Value::Null) | None => Ok(None),
        Some(_) => Err(err(
            ScimType::InvalidValue,
            format!("{urn} is not an object"),
        )),
    }
}

fn add_schema(root: &mut Object, uri: &str) {
    let key = find_key(root, "schemas").unwrap_or_else(|| "schemas".to_owned());
    match root.get_mut(&key) {
        Some(Value::Array(list)) => {
            if !list
                .iter()
                .filter_map(Value::as_str)
                .any(|s| s.eq_ignore_ascii_case(uri))
            {
                list.push(Value::String(uri.to_owned()));
            }
        }
        _ => {
            root.insert(key, Value::Array(vec![Value::String(uri.to_owned())]));
        }
    }
}

fn remove_extension(root: &mut Object, uri: &str) {
    if let Some(key) = find_key(root, uri) {
        root.remove(&key);
    }
    if let Some(key) = find_key(root, "schemas") {
        if let Some(Value::Array(list)) = root.get_mut(&key) {
            list.retain(|s| !s.as_str().is_some_and(|s| s.eq_ignore_ascii_case(uri)));
        }
    }
}

/// Removes an extension object left with no attributes (and its URI from `schemas`).
fn drop_empty_extension(root: &mut Object, urn: &str) {
    let Some(key) = find_key(root, urn) else {
        return;
    };
    if root
        .get(&key)
        .and_then(Value::as_object)
        .is_some_and(Map::is_empty)
    {
        remove_extension(root, urn);
    }
}

fn is_assigned(root: &Object, path: &AttrPath) -> bool {
    let base = match &path.urn {
        None => root,
        Some(urn) => match find_key(root, urn) {
            Some(key) => match root.get(&key) {
                Some(Value::Object(m)) => m,
                _ => return false,
            },
            None if is_core_schema(root, urn) => root,
            None => return false,
        },
    };
    find_key(base, &path.attr)
        .and_then(|k| base.get(&k))
        .is_some_and(|v| !v.is_null() && !matches!(v, Value::Array(a) if a.is_empty()))
}

/// Sets `name` (existing spelling kept) to `value`; `null` removes it.
fn set_key(map: &mut Object, name: &str, value: &Value) {
    if value.is_null() {
        remove_key(map, name);
        return;
    }
    let key = find_key(map, name).unwrap_or_else(|| name.to_owned());
    map.insert(key, value.clone());
}

fn remove_key(map: &mut Object, name: &str) {
    if let Some(key) = find_key(map, name) {
        map.remove(&key);
    }
}

/// Merges the members of object `value` into `map` (see [`set_key`]).
fn merge(map: &mut Object, value: &Value) {
    if let Value::Object(members) = value {
        for (k, v) in members {
            set_key(map, k, v);
        }
    }
}

fn as_list(value: &Value) -> Vec<&Value> {
    match value {
        Value::Array(items) => items.iter().collect(),
        other => vec![other],
    }
}

fn wrap(value: &Value, multi: bool) -> Value {
    if multi && !value.is_array() {
        Value::Array(vec![value.clone()])
    } else {
        value.clone()
    }
}

/// The `add` of `value` to attribute `name` of `map`.
fn add_to(map: &mut Object, name: &str, value: &Value, multi: bool, identity_exact: bool) {
    if value.is_null() {
        return;
    }
    let Some(key) = find_key(map, name) else {
        map.insert(name.to_owned(), wrap(value, multi));
        return;
    };
    let Some(existing) = map.get_mut(&key) else {
        return;
    };
    match existing {
        Value::Array(items) => append(items, value, identity_exact),
        Value::Object(obj) if value.is_object() && !multi => merge(obj, value),
        Value::Null => *existing = wrap(value, multi),
        other if multi => {
            let mut items = vec![other.take()];
            append(&mut items, value, identity_exact);
            *other = Value::Array(items);
        }
        other => *other = value.clone(),
    }
}

/// Appends `value` (one value or an array of them) to `items`, skipping equal values and
/// updating a complex value with the same `value` and `type` instead of duplicating it.
///
/// Values are found through a hash index of their identity, so adding many values to a long
/// attribute (group members) costs time in proportion to both, not their product.
fn append(items: &mut Vec<Value>, value: &Value, identity_exact: bool) {
    let mut touched = Vec::new();
    let mut index: HashMap<IdentityKey, usize> = HashMap::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        index.entry(identity_key(item, identity_exact)).or_insert(i);
    }
    for new in as_list(value) {
        if new.is_null() {
            continue;
        }
        let key = identity_key(new, identity_exact);
        match index.get(&key) {
            Some(&i) => {
                if items[i] != *new {
                    if let Some(Value::Object(m)) = items.get_mut(i) {
                        merge(m, new);
                    }
                }
                touched.push(i);
            }
            None => {
                items.push(new.clone());
                index.insert(key, items.len() - 1);
                touched.push(items.len() - 1);
            }
        }
    }
    fix_primary(items, &touched);
}

/// What makes two values of a multi-valued attribute the same one: for complex values with a
/// `value`, that `value` (lowercased unless case-exact) and `type` (lowercased); for any
/// other value, the value itself.
#[derive(PartialEq, Eq, Hash)]
enum IdentityKey {
    Complex(String, Option<String>),
    Whole(String),
}

fn identity_key(v: &Value, exact: bool) -> IdentityKey {
    let Some(value) = sub_str(v, "value") else {
        return IdentityKey::Whole(v.to_string());
    };
    let value = match value {
        Value::String(s) if exact => format!("s{s}"),
        Value::String(s) => format!("s{}", s.to_lowercase()),
        other => format!("j{other}"),
    };
    let kind = sub_str(v, "type").map(|t| match t {
        Value::String(s) => format!("s{}", s.to_ascii_lowercase()),
        other => format!("j{other}"),
    });
    IdentityKey::Complex(value, kind)
}

/// The most bytes one operation may copy into the elements it selects: `replace` of
/// `emails.display` puts its value into every email, and a large value times many elements
/// must not exhaust memory.
pub const MAX_FANOUT_BYTES: usize = 4 * 1024 * 1024;

fn check_fanout(count: usize, value: Option<&Value>) -> Result<(), PatchError> {
    let Some(value) = value else {
        return Ok(());
    };
    if count < 2 {
        return Ok(());
    }
    let size = serde_json::to_vec(value).map_or(usize::MAX, |v| v.len());
    if size.saturating_mul(count) > MAX_FANOUT_BYTES {
        return Err(err(
            ScimType::TooMany,
            format!(
                "the value would be copied into {count} elements, more than {MAX_FANOUT_BYTES} bytes"
            ),
        ));
    }
    Ok(())
}

/// The `replace` of attribute `name` of `map` with `value`.
fn replace_in(map: &mut Object, name: &str, value: &Value, multi: bool) {
    let key = find_key(map, name).unwrap_or_else(|| name.to_owned());
    match map.get_mut(&key) {
        Some(Value::Object(obj)) if value.is_object() && !multi => merge(obj, value),
        _ => {
            map.insert(key, wrap(value, multi));
        }
    }
}

/// Runs `f` on the complex value of attribute `path` in `c` (on each element of a
/// multi-valued one), creating an empty one when the attribute is unassigned.
fn with_complex(
    c: &mut Object,
    path: &AttrPath,
    multi: bool,
    value: &Value,
    f: &mut dyn FnMut(&mut Object),
) -> Result<(), PatchError> {
    let key = find_key(c, &path.attr).unwrap_or_else(|| path.attr.clone());
    let slot = c.entry(key).or_insert(Value::Null);
    if slot.is_null() || matches!(slot, Value::Array(a) if a.is_empty()) {
        *slot = wrap(&Value::Object(Map::new()), multi);
    }
    if let Value::Array(items) = slot {
        check_fanout(items.len(), Some(value))?;
    }
    match slot {
        Value::Object(m) => f(m),
        Value::Array(items) => {
            for item in items.iter_mut() {
                if let Value::Object(m) = item {
                    f(m);
                }
            }
        }
        _ => {
            return Err(err(
                ScimType::InvalidPath,
                format!("{} has no sub-attributes", path.parent()),
            ));
        }
    }
    Ok(())
}

fn string_eq(a: &str, b: &str, exact: bool) -> bool {
    if exact {
        a == b
    } else {
        a.to_lowercase() == b.to_lowercase()
    }
}

fn sub_str<'v>(v: &'v Value, name: &str) -> Option<&'v Value> {
    filter::get_ci(v, name).filter(|v| !v.is_null())
}

/// Two values with equal `value` sub-attributes.
fn same_value(a: &Value, b: &Value, exact: bool) -> bool {
    match (sub_str(a, "value"), sub_str(b, "value")) {
        (Some(Value::String(x)), Some(Value::String(y))) => string_eq(x, y, exact),
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

fn is_primary(v: &Value) -> bool {
    filter::get_ci(v, "primary").is_some_and(|p| p == &Value::Bool(true))
}

/// If one of the `touched` elements is now primary, no other element stays primary.
fn fix_primary(items: &mut [Value], touched: &[usize]) {
    let Some(&winner) = touched
        .iter()
        .rev()
        .find(|&&i| items.get(i).is_some_and(is_primary))
    else {
        return;
    };
    for (i, item) in items.iter_mut().enumerate() {
        if i != winner && is_primary(item) {
            if let Value::Object(m) = item {
                set_key(m, "primary", &Value::Bool(false));
            }
        }
    }
}

/// Whether `v` nests arrays and objects deeper than `max` levels.
fn too_deep(v: &Value, max: usize) -> bool {
    let mut stack = vec![(v, 1usize)];
    while let Some((v, depth)) = stack.pop() {
        if depth > max {
            return true;
        }
        match v {
            Value::Array(items) => stack.extend(items.iter().map(|x| (x, depth + 1))),
            Value::Object(members) => stack.extend(members.values().map(|x| (x, depth + 1))),
            _ => {}
        }
    }
    false
}
