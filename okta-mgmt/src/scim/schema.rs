//! SCIM 2.0 schemas and discovery (RFC 7643 sections 5 to 7), attribute characteristics, and the
//! projection of `attributes` / `excludedAttributes` (RFC 7644 sections 3.4.2.5 and 3.9).
//!
//! - [`AttributeDef`] and [`SchemaDef`] describe attributes the way `GET /Schemas` shows them;
//!   [`user_schema`], [`group_schema`] and [`enterprise_user_schema`] are the built-in ones.
//! - [`service_provider_config`] and [`resource_types`] are the other two discovery answers.
//! - [`SchemaRegistry`] answers "what are the characteristics of this attribute?" for the filter
//!   evaluator (`caseExact`), PATCH (`multiValued`, `mutability`) and the server (`returned`,
//!   `uniqueness`). Names and URNs are compared case-insensitively, as SCIM requires.
//! - [`project`] trims a resource to what a client asked for.
//!
//! ```
//! use okta_mgmt::scim::resource::USER;
//! use okta_mgmt::scim::schema::{Mutability, SchemaRegistry};
//!
//! let registry = SchemaRegistry::scim_default();
//! assert!(!registry.case_exact(USER, None, "USERNAME", None));
//! assert!(registry.is_multi_valued(USER, None, "emails", None));
//! assert_eq!(registry.mutability(USER, None, "groups", None), Some(Mutability::ReadOnly));
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::resource::{
    Meta, ENTERPRISE_USER, GROUP, RESOURCE_TYPE, SCHEMA, SERVICE_PROVIDER_CONFIG, USER,
};

/// The data type of an attribute (RFC 7643 section 2.3).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum AttributeType {
    /// A Unicode string (the default).
    #[default]
    String,
    /// `true` or `false`.
    Boolean,
    /// A real number with at least one digit after the point.
    Decimal,
    /// A whole number without fraction or exponent.
    Integer,
    /// An RFC 3339 date-time string.
    DateTime,
    /// A URI to a resource or to something outside SCIM.
    Reference,
    /// An object whose members are sub-attributes.
    Complex,
    /// Base64-encoded bytes.
    Binary,
}

/// Whether and when an attribute may be written (RFC 7643 section 7).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Mutability {
    /// Set by the server only; clients cannot write it.
    ReadOnly,
    /// Clients may write it at any time (the default).
    #[default]
    ReadWrite,
    /// Clients may set it when creating the resource, and never change it afterwards.
    Immutable,
    /// Clients may write it but it is never read back (passwords).
    WriteOnly,
}

/// When an attribute is included in a response (RFC 7643 section 7).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Returned {
    /// In every response, whatever `attributes` or `excludedAttributes` say.
    Always,
    /// Never in a response.
    Never,
    /// Unless excluded, or unless `attributes` names others (the default).
    #[default]
    Default,
    /// Only when `attributes` names it.
    Request,
}

/// How unique an attribute's value must be (RFC 7643 section 7).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Uniqueness {
    /// No uniqueness (the default).
    #[default]
    None,
    /// Unique among the resources of this server.
    Server,
    /// Unique everywhere.
    Global,
}

/// The description of one attribute or sub-attribute, as `GET /Schemas` shows it (RFC 7643
/// section 7). Members missing when deserializing take the RFC's defaults.
///
/// ```
/// use okta_mgmt::scim::schema::{AttributeDef, AttributeType, Uniqueness};
///
/// let badge = AttributeDef::new("badgeNumber", AttributeType::String)
///     .with_description("The number printed on the badge.")
///     .with_case_exact(true)
///     .with_uniqueness(Uniqueness::Server);
/// let json = serde_json::to_value(&badge).unwrap();
/// assert_eq!(json["uniqueness"], "server");
/// assert_eq!(json["mutability"], "readWrite");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AttributeDef {
    /// The attribute's name, e.g. `userName`.
    pub name: String,
    /// Its data type.
    #[serde(rename = "type", default)]
    pub type_: AttributeType,
    /// Whether its value is an array.
    #[serde(default)]
    pub multi_valued: bool,
    /// What it holds.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Whether a resource must have it.
    #[serde(default)]
    pub required: bool,
    /// Suggested values, such as `work` and `home` for a `type` sub-attribute.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub canonical_values: Vec<String>,
    /// Whether string comparisons (filters, uniqueness) respect case.
    #[serde(default)]
    pub case_exact: bool,
    /// Whether and when clients may write it.
    #[serde(default)]
    pub mutability: Mutability,
    /// When responses include it.
    #[serde(default)]
    pub returned: Returned,
    /// How unique its value must be.
    #[serde(default)]
    pub uniqueness: Uniqueness,
    /// For a reference: what it may point to (`User`, `Group`, `external`, `uri`, ...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reference_types: Vec<String>,
    /// For a complex attribute: its sub-attributes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sub_attributes: Vec<AttributeDef>,
}

impl AttributeDef {
    /// An attribute with the RFC's default characteristics: single-valued, optional, not
    /// case-exact, `readWrite`, returned by default, not unique.
    pub fn new(name: impl Into<String>, type_: AttributeType) -> Self {
        AttributeDef {
            name: name.into(),
            type_,
            multi_valued: false,
            description: String::new(),
            required: false,
            canonical_values: Vec::new(),
            case_exact: false,
            mutability: Mutability::default(),
            returned: Returned::default(),
            uniqueness: Uniqueness::default(),
            reference_types: Vec::new(),
            sub_attributes: Vec::new(),
        }
    }

    /// Sets the description.
    pub fn with_description(mut self, description: impl Into<String>) -> Self {
        self.description = description.into();
        self
    }

    /// Sets `required`.
    pub fn with_required(mut self, required: bool) -> Self {
        self.required = required;
        self
    }

    /// Sets `caseExact`.
    pub fn with_case_exact(mut self, case_exact: bool) -> Self {
        self.case_exact = case_exact;
        self
    }

    /// Sets `multiValued`.
    pub fn with_multi_valued(mut self, multi_valued: bool) -> Self {
        self.multi_valued = multi_valued;
        self
    }

    /// Sets `mutability`.
    pub fn with_mutability(mut self, mutability: Mutability) -> Self {
        self.mutability = mutability;
        self
    }

    /// Sets `returned`.
    pub fn with_returned(mut self, returned: Returned) -> Self {
        self.returned = returned;
        self
    }

    /// Sets `uniqueness`.
    pub fn with_uniqueness(mut self, uniqueness: Uniqueness) -> Self {
        self.uniqueness = uniqueness;
        self
    }

    /// Sets `canonicalValues`.
    pub fn with_canonical_values(mut self, values: &[&str]) -> Self {
        self.canonical_values = values.iter().map(|v| (*v).to_owned()).collect();
        self
    }

    /// Sets `referenceTypes`.
    pub fn with_reference_types(mut self, types: &[&str]) -> Self {
        self.reference_types = types.iter().map(|v| (*v).to_owned()).collect();
        self
    }

    /// Sets `subAttributes` (for a complex attribute).
    pub fn with_sub_attributes(mut self, sub_attributes: Vec<AttributeDef>) -> Self {
        self.sub_attributes = sub_attributes;
        self
    }

    /// The sub-attribute called `name` (case-insensitively).
    pub fn sub_attribute(&self, name: &str) -> Option<&AttributeDef> {
        self.sub_attributes
            .iter()
            .find(|a| a.name.eq_ignore_ascii_case(name))
    }
}

fn schema_schemas() -> Vec<String> {
    vec![SCHEMA.to_owned()]
}

/// A schema as `GET /Schemas` shows it (RFC 7643 section 7): its URN, a name, a description and
/// its attributes, with `schemas` = [[`SCHEMA`]] and `meta.resourceType` = `Schema`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SchemaDef {
    /// [[`SCHEMA`]].
    #[serde(default = "schema_schemas")]
    pub schemas: Vec<String>,
    /// The schema's URN, e.g. [`USER`].
    pub id: String,
    /// A short name, e.g. `User`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// What the schema describes.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The attributes.
    #[serde(default)]
    pub attributes: Vec<AttributeDef>,
    /// `resourceType` `Schema`, and the location once [`SchemaDef::with_location`] set it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<Meta>,
}

impl SchemaDef {
    /// A schema description with `meta.resourceType` = `Schema` and no location yet.
    pub fn new(
        id: impl Into<String>,
        name: impl Into<String>,
        description: impl Into<String>,
        attributes: Vec<AttributeDef>,
    ) -> Self {
        SchemaDef {
            schemas: schema_schemas(),
            id: id.into(),
            name: name.into(),
            description: description.into(),
            attributes,
            meta: Some(meta("Schema", None)),
        }
    }

    /// A copy with `meta.location` = `{base_url}/Schemas/{id}`. `base_url` is the SCIM base,
    /// e.g. `https://app.example.com/scim/v2`; an empty one gives a relative path.
    pub fn with_location(&self, base_url: &str) -> SchemaDef {
        let mut out = self.clone();
        let location = format!("{}/Schemas/{}", base_url.trim_end_matches('/'), self.id);
        out.meta
            .get_or_insert_with(|| meta("Schema", None))
            .location = Some(location);
        out
    }

    /// The attribute called `name` (case-insensitively).
    pub fn attribute(&self, name: &str) -> Option<&AttributeDef> {
        self.attributes
            .iter()
            .find(|a| a.name.eq_ignore_ascii_case(name))
    }
}

fn meta(resource_type: &str, location: Option<String>) -> Meta {
    Meta {
        resource_type: Some(resource_type.to_owned()),
        location,
        ..Meta::default()
    }
}

fn join(base_url: &str, path: &str) -> String {
    format!("{}/{}", base_url.trim_end_matches('/'), path)
}

// ---------------------------------------------------------------------------------------------
// Built-in schemas.

fn string(name: &str, description: &str) -> AttributeDef {
    AttributeDef::new(name, AttributeType::String).with_description(description)
}

fn boolean(name: &str, description: &str) -> AttributeDef {
    AttributeDef::new(name, AttributeType::Boolean).with_description(description)
}

fn reference(name: &str, description: &str, types: &[&str]) -> AttributeDef {
    AttributeDef::new(name, AttributeType::Reference)
        .with_description(description)
        .with_reference_types(types)
}

fn complex(name: &str, description: &str, sub_attributes: Vec<AttributeDef>) -> AttributeDef {
    AttributeDef::new(name, AttributeType::Complex)
        .with_description(description)
        .with_sub_attributes(sub_attributes)
}

/// A multi-valued complex attribute with `value`, `display`, `type` and `primary`.
fn multi(name: &str, description: &str, value: AttributeDef, types: &[&str]) -> AttributeDef {
    complex(
        name,
        description,
        vec![
            value,
            string(
                "display",
                "A human-readable form of the value, for display only.",
            ),
            string("type", "The label of the value.").with_canonical_values(types),
            boolean(
                "primary",
                "Whether this is the preferred value; true for at most one value.",
            ),
        ],
    )
    .with_multi_valued(true)
}

/// `id`, `externalId` and `meta`: the attributes every resource has (RFC 7643 section 3.1).
/// They are listed in the core schemas so that their characteristics can be looked up and
/// discovered like any other attribute.
fn common_attributes(resource: &str) -> Vec<AttributeDef> {
    let read_only = |a: AttributeDef| a.with_mutability(Mutability::ReadOnly);
    vec![
        string(
            "id",
            &format!("The service provider's unique, stable identifier for the {resource}."),
        )
        .with_case_exact(true)
        .with_mutability(Mutability::ReadOnly)
        .with_returned(Returned::Always)
        .with_uniqueness(Uniqueness::Server),
        string(
            "externalId",
            &format!("The provisioning client's identifier for the {resource}."),
        )
        .with_case_exact(true),
        read_only(complex(
            "meta",
            "Metadata maintained by the service provider.",
            vec![
                read_only(
                    string("resourceType", "The name of the resource type.").with_case_exact(true),
                ),
                read_only(
                    AttributeDef::new("created", AttributeType::DateTime)
                        .with_description("When the resource was created."),
                ),
                read_only(
                    AttributeDef::new("lastModified", AttributeType::DateTime)
                        .with_description("When the resource last changed."),
                ),
                read_only(reference("location", "The URI of the resource.", &["uri"])),
                read_only(
                    string("version", "The version (entity tag) of the resource.")
                        .with_case_exact(true),
                ),
            ],
        )),
    ]
}

/// The core User schema ([`USER`], RFC 7643 section 4.1), with the common attributes `id`,
/// `externalId` and `meta` first.
///
/// `userName` is required, not case-exact and unique per server; `password` is `writeOnly` and
/// never returned; `groups` is read-only; `emails` and the other plural attributes are
/// multi-valued complex attributes with `value`, `display`, `type` and `primary`.
pub fn user_schema() -> SchemaDef {
    let mut attributes = common_attributes("User");
    attributes.extend([
        string(
            "userName",
            "The unique name the User signs in with. Required; unique per service provider.",
        )
        .with_required(true)
        .with_uniqueness(Uniqueness::Server),
        complex(
            "name",
            "The parts of the User's real name.",
            vec![
                string("formatted", "The whole name, formatted for display."),
                string("familyName", "The family (last) name."),
                string("givenName", "The given (first) name."),
                string("middleName", "The middle name or names."),
                string("honorificPrefix", "Honorific prefix or title, such as Ms."),
                string("honorificSuffix", "Honorific suffix, such as III."),
            ],
        ),
        string("displayName", "The name to show to people."),
        string("nickName", "The casual name, such as Bob for Robert."),
        reference(
            "profileUrl",
            "A URL of the User's online profile.",
            &["external"],
        ),
        string("title", "The User's job title."),
        string(
            "userType",
            "The relationship to the organization, such as Employee or Contractor.",
        ),
        string(
            "preferredLanguage",
            "The preferred written or spoken language, as in HTTP Accept-Language.",
        ),
        string(
            "locale",
            "The locale for formatting dates, numbers and currency, such as en-US.",
        ),
        string(
            "timezone",
            "The time zone, as an IANA name such as America/Los_Angeles.",
        ),
        boolean("active", "The User's administrative status."),
        string(
            "password",
            "The clear-text password. Clients may write it; it is never returned.",
        )
        .with_mutability(Mutability::WriteOnly)
        .with_returned(Returned::Never),
        multi(
            "emails",
            "Email addresses of the User.",
            string("value", "An email address."),
            &["work", "home", "other"],
        ),
        multi(
            "phoneNumbers",
            "Phone numbers of the User.",
            string("value", "A phone number, preferably in RFC 3966 form."),
            &["work", "home", "mobile", "fax", "pager", "other"],
        ),
        multi(
            "ims",
            "Instant messaging addresses of the User.",
            string("value", "An instant messaging address."),
            &["aim", "gtalk", "icq", "xmpp", "msn", "skype", "qq", "yahoo"],
        ),
        multi(
            "photos",
            "URLs of photos of the User.",
            reference("value", "The URL of a photo.", &["external"]),
            &["photo", "thumbnail"],
        ),
        complex(
            "addresses",
            "Physical mailing addresses of the User.",
            vec![
                string("formatted", "The whole address, formatted for display."),
                string("streetAddress", "The street address."),
                string("locality", "The city or locality."),
                string("region", "The state or region."),
                string("postalCode", "The postal or zip code."),
                string("country", "The country, as an ISO 3166-1 alpha-2 code."),
                string("type", "The label of the address.")
                    .with_canonical_values(&["work", "home", "other"]),
                boolean("primary", "Whether this is the preferred address."),
            ],
        )
        .with_multi_valued(true),
        complex(
            "groups",
            "The groups the User belongs to, maintained by the service provider.",
            vec![
                string("value", "The id of the Group.").with_mutability(Mutability::ReadOnly),
                reference("$ref", "The URI of the Group.", &["User", "Group"])
                    .with_mutability(Mutability::ReadOnly),
                string("display", "The Group's display name.")
                    .with_mutability(Mutability::ReadOnly),
                string("type", "Direct or indirect membership.")
                    .with_canonical_values(&["direct", "indirect"])
                    .with_mutability(Mutability::ReadOnly),
            ],
        )
        .with_multi_valued(true)
        .with_mutability(Mutability::ReadOnly),
        multi(
            "entitlements",
            "Entitlements held by the User.",
            string("value", "An entitlement."),
            &[],
        ),
        multi(
            "roles",
            "Roles of the User.",
            string("value", "A role."),
            &[],
        ),
        multi(
            "x509Certificates",
            "X.509 certificates of the User.",
            AttributeDef::new("value", AttributeType::Binary)
                .with_description("A DER-encoded certificate, in base64."),
            &[],
        ),
    ]);
    SchemaDef::new(USER, "User", "User Account", attributes)
}

/// The core Group schema ([`GROUP`], RFC 7643 section 4.2), with the common attributes `id`,
/// `externalId` and `meta` first. `displayName` is required; `members` is multi-valued.
pub fn group_schema() -> SchemaDef {
    let immutable = |a: AttributeDef| a.with_mutability(Mutability::Immutable);
    let mut attributes = common_attributes("Group");
    attributes.extend([
        string("displayName", "The name of the Group.").with_required(true),
        complex(
            "members",
            "The members of the Group.",
            vec![
                immutable(string("value", "The id of the member User or Group.")),
                immutable(reference(
                    "$ref",
                    "The URI of the member.",
                    &["User", "Group"],
                )),
                immutable(string("display", "The member's display name.")),
                immutable(
                    string("type", "The kind of member.").with_canonical_values(&["User", "Group"]),
                ),
            ],
        )
        .with_multi_valued(true),
    ]);
    SchemaDef::new(GROUP, "Group", "Group", attributes)
}

/// The enterprise User extension ([`ENTERPRISE_USER`], RFC 7643 section 4.3).
pub fn enterprise_user_schema() -> SchemaDef {
    SchemaDef::new(
        ENTERPRISE_USER,
        "EnterpriseUser",
        "Enterprise User",
        vec![
            string(
                "employeeNumber",
                "The identifier the organization gives the User, often in order of hire.",
            ),
            string("costCenter", "The name of a cost center."),
            string("organization", "The name of an organization."),
            string("division", "The name of a division."),
            string("department", "The name of a department."),
            complex(
                "manager",
                "The User's manager.",
                vec![
                    string("value", "The id of the manager's User resource."),
                    reference("$ref", "The URI of the manager's User resource.", &["User"]),
                    string("displayName", "The manager's display name.")
                        .with_mutability(Mutability::ReadOnly),
                ],
            ),
        ],
    )
}

// ---------------------------------------------------------------------------------------------
// Service provider configuration and resource types.

/// A feature flag of the service provider configuration.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Supported {
    /// Whether the feature is supported.
    pub supported: bool,
}

/// Bulk support of the service provider configuration.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BulkSupport {
    /// Whether `POST /Bulk` is supported.
    pub supported: bool,
    /// The most operations one bulk request may hold.
    pub max_operations: u64,
    /// The largest bulk request body, in bytes.
    pub max_payload_size: u64,
}

/// Filter support of the service provider configuration.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FilterSupport {
    /// Whether `filter` is supported.
    pub supported: bool,
    /// The most resources one list or query returns.
    pub max_results: u64,
}

/// An authentication scheme the service provider accepts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthenticationScheme {
    /// `oauth`, `oauth2`, `oauthbearertoken`, `httpbasic` or `httpdigest`.
    #[serde(rename = "type")]
    pub type_: String,
    /// A human-readable name.
    pub name: String,
    /// A human-readable description.
    pub description: String,
    /// The URI of the scheme's specification.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spec_uri: Option<String>,
    /// The URI of documentation on using it here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub documentation_uri: Option<String>,
    /// Whether this is the preferred scheme.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary: Option<bool>,
}

/// What the service provider supports (`GET /ServiceProviderConfig`, RFC 7643 section 5).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceProviderConfig {
    /// [[`SERVICE_PROVIDER_CONFIG`]].
    pub schemas: Vec<String>,
    /// The URI of human-readable documentation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub documentation_uri: Option<String>,
    /// `PATCH` support.
    pub patch: Supported,
    /// Bulk support.
    pub bulk: BulkSupport,
    /// Filter support.
    pub filter: FilterSupport,
    /// Whether clients may change a password.
    pub change_password: Supported,
    /// `sortBy` / `sortOrder` support.
    pub sort: Supported,
    /// ETag (`meta.version`, `If-Match`) support.
    pub etag: Supported,
    /// The accepted authentication schemes.
    pub authentication_schemes: Vec<AuthenticationScheme>,
    /// `resourceType` `ServiceProviderConfig` and the location.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<Meta>,
}

/// The configuration of this crate's SCIM server: PATCH, filters (at most `max_results` per
/// page), password changes and sorting supported; no bulk; ETags as `etag` says; OAuth bearer
/// tokens. `base_url` is the SCIM base, used in `meta.location`.
///
/// ```
/// let config = okta_mgmt::scim::schema::service_provider_config("https://x.example/scim/v2", 200, true);
/// let json = serde_json::to_value(&config).unwrap();
/// assert_eq!(json["filter"]["maxResults"], 200);
/// assert_eq!(json["bulk"]["supported"], false);
/// assert_eq!(json["authenticationSchemes"][0]["type"], "oauthbearertoken");
/// ```
pub fn service_provider_config(
    base_url: &str,
    max_results: u64,
    etag: bool,
) -> ServiceProviderConfig {
    ServiceProviderConfig {
        schemas: vec![SERVICE_PROVIDER_CONFIG.to_owned()],
        documentation_uri: None,
        patch: Supported { supported: true },
        bulk: BulkSupport {
            supported: false,
            max_operations: 0,
            max_payload_size: 0,
        },
        filter: FilterSupport {
            supported: true,
            max_results,
        },
        change_password: Supported { supported: true },
        sort: Supported { supported: true },
        etag: Supported { supported: etag },
        authentication_schemes: vec![AuthenticationScheme {
            type_: "oauthbearertoken".to_owned(),
            name: "OAuth Bearer Token".to_owned(),
            description: "A bearer token in the Authorization header (RFC 6750).".to_owned(),
            spec_uri: Some("https://www.rfc-editor.org/rfc/rfc6750".to_owned()),
            documentation_uri: None,
            primary: Some(true),
        }],
        meta: Some(meta(
            "ServiceProviderConfig",
            Some(join(base_url, "ServiceProviderConfig")),
        )),
    }
}

/// An extension schema a resource type may carry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchemaExtension {
    /// The extension's URN.
    pub schema: String,
    /// Whether every resource of the type must carry it.
    pub required: bool,
}

/// A resource type (`GET /ResourceTypes`, RFC 7643 section 6).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourceType {
    /// [[`RESOURCE_TYPE`]].
    pub schemas: Vec<String>,
    /// The type's identifier, e.g. `User`.
    pub id: String,
    /// The type's name, e.g. `User`.
    pub name: String,
    /// What the type represents.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The endpoint, relative to the base URL, e.g. `/Users`.
    pub endpoint: String,
    /// The URN of the core schema.
    pub schema: String,
    /// The extension schemas.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub schema_extensions: Vec<SchemaExtension>,
    /// `resourceType` `ResourceType` and the location.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<Meta>,
}

/// The resource types of this crate's SCIM server: `User` at `/Users` (with the optional
/// enterprise extension) and `Group` at `/Groups`. `base_url` is used in `meta.location`.
pub fn resource_types(base_url: &str) -> Vec<ResourceType> {
    let resource_type = |id: &str, endpoint: &str, description: &str, schema: &str| ResourceType {
        schemas: vec![RESOURCE_TYPE.to_owned()],
        id: id.to_owned(),
        name: id.to_owned(),
        description: description.to_owned(),
        endpoint: endpoint.to_owned(),
        schema: schema.to_owned(),
        schema_extensions: Vec::new(),
        meta: Some(meta(
            "ResourceType",
            Some(join(base_url, &format!("ResourceTypes/{id}"))),
        )),
    };
    let mut user = resource_type("User", "/Users", "User Account", USER);
    user.schema_extensions.push(SchemaExtension {
        schema: ENTERPRISE_USER.to_owned(),
        required: false,
    });
    vec![user, resource_type("Group", "/Groups", "Group", GROUP)]
}

// ---------------------------------------------------------------------------------------------
// The registry.

/// The known schemas and which extensions each resource type carries, for looking up attribute
/// characteristics by name. Names and URNs are compared case-insensitively.
///
/// An attribute is named by the core schema URN of its resource type (`resource_schema`, e.g.
/// [`USER`]), the URN of the schema that defines it (`None` for the core schema, or an extension
/// URN registered for the resource type), its name, and optionally a sub-attribute name.
/// Attribute names without a URN are looked up in the core schema only.
///
/// ```
/// use okta_mgmt::scim::resource::{ENTERPRISE_USER, USER};
/// use okta_mgmt::scim::schema::{Returned, SchemaRegistry};
///
/// let r = SchemaRegistry::scim_default();
/// assert!(r.attribute(USER, Some(ENTERPRISE_USER), "department", None).is_some());
/// assert_eq!(r.returned(USER, None, "password", None), Some(Returned::Never));
/// let given = r.attribute_at(USER, "name.GIVENNAME").unwrap();
/// assert_eq!(given.name, "givenName");
/// ```
#[derive(Clone, Debug, Default)]
pub struct SchemaRegistry {
    schemas: Vec<SchemaDef>,
    /// (core schema URN, extension URN).
    extensions: Vec<(String, String)>,
}

impl SchemaRegistry {
    /// An empty registry.
    pub fn new() -> Self {
        Self::default()
    }

    /// The User (with the enterprise extension) and Group schemas.
    pub fn scim_default() -> Self {
        Self::new()
            .with_schema(user_schema())
            .with_schema(enterprise_user_schema())
            .with_schema(group_schema())
            .with_extension(USER, ENTERPRISE_USER)
    }

    /// Adds `schema`, replacing one with the same URN.
    pub fn with_schema(mut self, schema: SchemaDef) -> Self {
        self.schemas
            .retain(|s| !s.id.eq_ignore_ascii_case(&schema.id));
        self.schemas.push(schema);
        self
    }

    /// Declares that resources whose core schema is `resource_schema` may carry the extension
    /// `extension` (whose schema should be added with [`SchemaRegistry::with_schema`]).
    pub fn with_extension(mut self, resource_schema: &str, extension: &str) -> Self {
        if !self.is_extension(resource_schema, extension) {
            self.extensions
                .push((resource_schema.to_owned(), extension.to_owned()));
        }
        self
    }

    /// Every registered schema.
    pub fn schemas(&self) -> &[SchemaDef] {
        &self.schemas
    }

    /// The schema with URN `urn`.
    pub fn schema(&self, urn: &str) -> Option<&SchemaDef> {
        self.schemas.iter().find(|s| s.id.eq_ignore_ascii_case(urn))
    }

    /// The extension URNs registered for `resource_schema`.
    pub fn extensions(&self, resource_schema: &str) -> Vec<&str> {
        self.extensions
            .iter()
            .filter(|(core, _)| core.eq_ignore_ascii_case(resource_schema))
            .map(|(_, ext)| ext.as_str())
            .collect()
    }

    fn is_extension(&self, resource_schema: &str, urn: &str) -> bool {
        self.extensions.iter().any(|(core, ext)| {
            core.eq_ignore_ascii_case(resource_schema) && ext.eq_ignore_ascii_case(urn)
        })
    }

    /// The definition of an attribute or sub-attribute of a `resource_schema` resource, or
    /// `None` when it is not known. `urn` is `None` for the core schema; an extension URN must
    /// be registered for the resource type.
    pub fn attribute(
        &self,
        resource_schema: &str,
        urn: Option<&str>,
        attr: &str,
        sub_attr: Option<&str>,
    ) -> Option<&AttributeDef> {
        let urn = match urn {
            None => resource_schema,
            Some(u)
                if u.eq_ignore_ascii_case(resource_schema)
                    || self.is_extension(resource_schema, u) =>
            {
                u
            }
            Some(_) => return None,
        };
        let def = self.schema(urn)?.attribute(attr)?;
        match sub_attr {
            None => Some(def),
            Some(sub) => def.sub_attribute(sub),
        }
    }

    /// Like [`SchemaRegistry::attribute`], with the attribute written as a SCIM attribute path:
    /// `userName`, `name.givenName`, or URN-prefixed such as
    /// `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value`.
    pub fn attribute_at(&self, resource_schema: &str, path: &str) -> Option<&AttributeDef> {
        let (urn, attr, sub) = self.split_path(resource_schema, path)?;
        self.attribute(resource_schema, urn, attr, sub)
    }

    /// Splits an attribute path into (schema URN, attribute, sub-attribute). A known schema URN
    /// is recognized as a prefix even though it contains dots; otherwise the URN ends at the
    /// last `:`.
    fn split_path<'p>(
        &self,
        resource_schema: &str,
        path: &'p str,
    ) -> Option<(Option<&'p str>, &'p str, Option<&'p str>)> {
        let path = path.trim();
        let (urn, rest) = if starts_with_ci(path, "urn:") {
            let known =
                std::iter::once(resource_schema).chain(self.schemas.iter().map(|s| s.id.as_str()));
            let prefix = known
                .filter(|u| starts_with_ci(path, u) && path.as_bytes().get(u.len()) == Some(&b':'))
                .map(str::len)
                .max();
            match prefix {
                Some(n) => (Some(&path[..n]), &path[n + 1..]),
                None => {
                    let (u, r) = path.rsplit_once(':')?;
                    (Some(u), r)
                }
            }
        } else {
            (None, path)
        };
        let (attr, sub) = match rest.split_once('.') {
            Some((a, s)) => (a, Some(s)),
            None => (rest, None),
        };
        if attr.is_empty() || sub == Some("") {
            return None;
        }
        Some((urn, attr, sub))
    }

    /// Whether string comparisons on the attribute respect case; `false` (the RFC's default)
    /// when the attribute is not known.
    pub fn case_exact(
        &self,
        resource_schema: &str,
        urn: Option<&str>,
        attr: &str,
        sub_attr: Option<&str>,
    ) -> bool {
        self.attribute(resource_schema, urn, attr, sub_attr)
            .is_some_and(|a| a.case_exact)
    }

    /// Whether the attribute is multi-valued; `false` when it is not known.
    pub fn is_multi_valued(
        &self,
        resource_schema: &str,
        urn: Option<&str>,
        attr: &str,
        sub_attr: Option<&str>,
    ) -> bool {
        self.attribute(resource_schema, urn, attr, sub_attr)
            .is_some_and(|a| a.multi_valued)
    }

    /// The attribute's mutability, or `None` when it is not known.
    pub fn mutability(
        &self,
        resource_schema: &str,
        urn: Option<&str>,
        attr: &str,
        sub_attr: Option<&str>,
    ) -> Option<Mutability> {
        self.attribute(resource_schema, urn, attr, sub_attr)
            .map(|a| a.mutability)
    }

    /// When the attribute is returned, or `None` when it is not known.
    pub fn returned(
        &self,
        resource_schema: &str,
        urn: Option<&str>,
        attr: &str,
        sub_attr: Option<&str>,
    ) -> Option<Returned> {
        self.attribute(resource_schema, urn, attr, sub_attr)
            .map(|a| a.returned)
    }

    /// The attribute's uniqueness, or `None` when it is not known.
    pub fn uniqueness(
        &self,
        resource_schema: &str,
        urn: Option<&str>,
        attr: &str,
        sub_attr: Option<&str>,
    ) -> Option<Uniqueness> {
        self.attribute(resource_schema, urn, attr, sub_attr)
            .map(|a| a.uniqueness)
    }

    /// Renames the members of a resource's JSON to the spelling of the schemas (`USERNAME` to
    /// `userName`, `name.GivenName` to `name.givenName`, an extension URN to its registered
    /// spelling, `Schemas` to `schemas`), so that it deserializes into the typed resources,
    /// which match names exactly. Unknown members are left alone. If two members differ only
    /// in case, the later one wins.
    ///
    /// ```
    /// use okta_mgmt::scim::resource::{User, USER};
    /// use okta_mgmt::scim::schema::SchemaRegistry;
    ///
    /// let mut json = serde_json::json!({"UserName": "a", "NAME": {"GIVENNAME": "Ann"}});
    /// SchemaRegistry::scim_default().canonicalize(USER, &mut json);
    /// let user: User = serde_json::from_value(json).unwrap();
    /// assert_eq!(user.user_name, "a");
    /// assert_eq!(user.name.unwrap().given_name.as_deref(), Some("Ann"));
    /// ```
    pub fn canonicalize(&self, resource_schema: &str, resource: &mut Value) {
        let Value::Object(obj) = resource else { return };
        let core = self.schema(resource_schema);
        let extensions = self.extensions(resource_schema);
        let entries = std::mem::take(obj);
        for (key, mut value) in entries {
            let key = if key.eq_ignore_ascii_case("schemas") {
                "schemas".to_owned()
            } else if let Some(ext) = extensions.iter().find(|e| e.eq_ignore_ascii_case(&key)) {
                if let (Some(schema), Value::Object(inner)) = (self.schema(ext), &mut value) {
                    canonicalize_attributes(&schema.attributes, inner);
                }
                (*ext).to_owned()
            } else if let Some(def) = core.and_then(|c| c.attribute(&key)) {
                canonicalize_value(def, &mut value);
                def.name.clone()
            } else {
                key
            };
            obj.insert(key, value);
        }
    }
}

fn canonicalize_attributes(defs: &[AttributeDef], obj: &mut Map<String, Value>) {
    let entries = std::mem::take(obj);
    for (key, mut value) in entries {
        let key = match defs.iter().find(|d| d.name.eq_ignore_ascii_case(&key)) {
            Some(def) => {
                canonicalize_value(def, &mut value);
                def.name.clone()
            }
            None => key,
        };
        obj.insert(key, value);
    }
}

fn canonicalize_value(def: &AttributeDef, value: &mut Value) {
    if def.sub_attributes.is_empty() {
        return;
    }
    match value {
        Value::Object(inner) => canonicalize_attributes(&def.sub_attributes, inner),
        Value::Array(items) => {
            for item in items {
                if let Value::Object(inner) = item {
                    canonicalize_attributes(&def.sub_attributes, inner);
                }
            }
        }
        _ => {}
    }
}

fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.get(..prefix.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
}

// ---------------------------------------------------------------------------------------------
// Projection.

/// One entry of `attributes` or `excludedAttributes`, resolved and lower-cased.
#[derive(Debug)]
struct Selector {
    /// The schema URN (the core one when the path had none).
    schema: String,
    /// `None` when the entry names a whole schema (a schema URN alone).
    attr: Option<String>,
    sub: Option<String>,
}

fn selectors(
    paths: &[String],
    resource_schema: &str,
    whole_schemas: &[&str],
    registry: &SchemaRegistry,
) -> Vec<Selector> {
    paths
        .iter()
        .filter_map(|path| {
            let path = path.trim();
            if let Some(urn) = whole_schemas.iter().find(|u| u.eq_ignore_ascii_case(path)) {
                return Some(Selector {
                    schema: urn.to_ascii_lowercase(),
                    attr: None,
                    sub: None,
                });
            }
            let (urn, attr, sub) = registry.split_path(resource_schema, path)?;
            Some(Selector {
                schema: urn.unwrap_or(resource_schema).to_ascii_lowercase(),
                attr: Some(attr.to_ascii_lowercase()),
                sub: sub.map(str::to_ascii_lowercase),
            })
        })
        .collect()
}

struct Projector<'a> {
    registry: &'a SchemaRegistry,
    resource_schema: &'a str,
    /// Whether `attributes` was given: then only what it names (and `always`) is returned.
    restrict: bool,
    include: Vec<Selector>,
    exclude: Vec<Selector>,
}

impl Projector<'_> {
    fn returned(&self, schema: &str, attr: &str, sub: Option<&str>) -> Returned {
        if let Some(def) = self
            .registry
            .attribute(self.resource_schema, Some(schema), attr, sub)
        {
            return def.returned;
        }
        // The identifier is always returned, even for a resource type the registry lacks.
        if sub.is_none()
            && attr.eq_ignore_ascii_case("id")
            && schema.eq_ignore_ascii_case(self.resource_schema)
        {
            return Returned::Always;
        }
        Returned::Default
    }

    fn names<'s>(
        sels: &'s [Selector],
        schema: &'s str,
        attr: &'s str,
    ) -> impl Iterator<Item = &'s Selector> {
        sels.iter()
            .filter(move |s| s.schema == schema && s.attr.as_deref() == Some(attr))
    }

    fn whole_schema(sels: &[Selector], schema: &str) -> bool {
        sels.iter().any(|s| s.schema == schema && s.attr.is_none())
    }

    /// Projects the members of one schema's part of the resource (the top level for the core
    /// schema, an extension's object otherwise).
    fn attributes(&self, schema: &str, obj: &Map<String, Value>) -> Map<String, Value> {
        let schema_lc = schema.to_ascii_lowercase();
        let mut out = Map::new();
        for (name, value) in obj {
            if let Some(v) = self.attribute(schema, &schema_lc, name, value) {
                out.insert(name.clone(), v);
            }
        }
        out
    }

    fn attribute(&self, schema: &str, schema_lc: &str, name: &str, value: &Value) -> Option<Value> {
        let returned = self.returned(schema, name, None);
        let name_lc = name.to_ascii_lowercase();
        match returned {
            Returned::Never => return None,
            Returned::Always => return self.sub_attributes(schema, name, value, None, &[]),
            Returned::Default | Returned::Request => {}
        }
        // Which sub-attributes `attributes` asks for; `None` means the whole attribute.
        let mut only: Option<Vec<&str>> = None;
        if self.restrict {
            let whole = (returned == Returned::Default
                && Self::whole_schema(&self.include, schema_lc))
                || Self::names(&self.include, schema_lc, &name_lc).any(|s| s.sub.is_none());
            if !whole {
                let subs: Vec<&str> = Self::names(&self.include, schema_lc, &name_lc)
                    .filter_map(|s| s.sub.as_deref())
                    .collect();
                if subs.is_empty() {
                    return None;
                }
                only = Some(subs);
            }
        } else if returned == Returned::Request {
            return None;
        }
        if Self::whole_schema(&self.exclude, schema_lc)
            || Self::names(&self.exclude, schema_lc, &name_lc).any(|s| s.sub.is_none())
        {
            return None;
        }
        let excluded: Vec<&str> = Self::names(&self.exclude, schema_lc, &name_lc)
            .filter_map(|s| s.sub.as_deref())
            .collect();
        self.sub_attributes(schema, name, value, only.as_deref(), &excluded)
    }

    /// Applies sub-attribute selection to a (possibly multi-valued) complex value. `never`
    /// sub-attributes are always dropped and `always` ones always kept. Returns `None` when a
    /// selection left nothing.
    fn sub_attributes(
        &self,
        schema: &str,
        name: &str,
        value: &Value,
        only: Option<&[&str]>,
        excluded: &[&str],
    ) -> Option<Value> {
        let selecting = only.is_some() || !excluded.is_empty();
        let keep = |sub: &str| {
            let sub_lc = sub.to_ascii_lowercase();
            match self.returned(schema, name, Some(sub)) {
                Returned::Never => false,
                Returned::Always => true,
                Returned::Default | Returned::Request => {
                    only.is_none_or(|o| o.contains(&sub_lc.as_str()))
                        && !excluded.contains(&sub_lc.as_str())
                }
            }
        };
        let filter_object = |obj: &Map<String, Value>| -> Map<String, Value> {
            obj.iter()
                .filter(|(k, _)| keep(k))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect()
        };
        match value {
            Value::Object(obj) => {
                let out = filter_object(obj);
                (!selecting || !out.is_empty()).then_some(Value::Object(out))
            }
            Value::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    match item {
                        Value::Object(obj) => {
                            let o = filter_object(obj);
                            if !selecting || !o.is_empty() {
                                out.push(Value::Object(o));
                            }
                        }
                        other if only.is_none() => out.push(other.clone()),
                        _ => {}
                    }
                }
                (!selecting || !out.is_empty()).then_some(Value::Array(out))
            }
            other => only.is_none().then(|| other.clone()),
        }
    }
}

/// Trims a resource's JSON to what a client asked for with `attributes` or
/// `excludedAttributes` (RFC 7644 sections 3.4.2.5 and 3.9).
///
/// - `schemas` and attributes returned `always` (`id`) are always kept; attributes returned
///   `never` (`password`) are always removed, at any depth.
/// - With `attributes`, only the named attributes are kept (plus the `always` ones);
///   `name.givenName` keeps only that sub-attribute (of each value, for a multi-valued
///   attribute), and a schema URN alone keeps all its attributes. `returned: request`
///   attributes appear only when named.
/// - With `excludedAttributes`, the named attributes or sub-attributes are removed, unless they
///   are returned `always`. When both are given, `attributes` is applied first.
/// - Paths may carry a schema URN (`urn:ietf:params:scim:schemas:core:2.0:User:userName`,
///   `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department`); names and URNs
///   are case-insensitive. Names that match nothing are ignored.
///
/// `resource_schema` is the core schema URN of the resource (e.g. [`USER`]); members whose key
/// is a URN are treated as extensions. Attributes the registry does not know are returned by
/// default. Anything but a JSON object is returned unchanged.
///
/// ```
/// use okta_mgmt::scim::resource::USER;
/// use okta_mgmt::scim::schema::{project, SchemaRegistry};
/// use serde_json::json;
///
/// let user = json!({"schemas": [USER], "id": "1", "userName": "a", "password": "p",
///                   "name": {"givenName": "Ann", "familyName": "Lee"}});
/// let out = project(&user, USER, &["name.givenName".into()], &[], &SchemaRegistry::scim_default());
/// assert_eq!(out, json!({"schemas": [USER], "id": "1", "name": {"givenName": "Ann"}}));
/// ```
pub fn project(
    resource: &Value,
    resource_schema: &str,
    attributes: &[String],
    excluded: &[String],
    registry: &SchemaRegistry,
) -> Value {
    let Value::Object(obj) = resource else {
        return resource.clone();
    };
    let mut whole_schemas = registry.extensions(resource_schema);
    whole_schemas.push(resource_schema);
    whole_schemas.extend(
        obj.keys()
            .filter(|k| starts_with_ci(k, "urn:"))
            .map(String::as_str),
    );
    let projector = Projector {
        registry,
        resource_schema,
        restrict: !attributes.is_empty(),
        include: selectors(attributes, resource_schema, &whole_schemas, registry),
        exclude: selectors(excluded, resource_schema, &whole_schemas, registry),
    };

    let mut core = Map::new();
    let mut out = Map::new();
    for (key, value) in obj {
        if key.eq_ignore_ascii_case("schemas") {
            out.insert(key.clone(), value.clone());
        } else if let (true, Value::Object(ext)) = (starts_with_ci(key, "urn:"), value) {
            let projected = projector.attributes(key, ext);
            if !projected.is_empty() {
                out.insert(key.clone(), Value::Object(projected));
            }
        } else {
            core.insert(key.clone(), value.clone());
        }
    }
    out.extend(projector.attributes(resource_schema, &core));
    Value::Object(out)
}

/// [`PatchRules`](crate::scim::patch::PatchRules) read from a [`SchemaRegistry`]: what the
/// registered schemas say about an attribute (multi-valued, read-only, required, caseExact,
/// extensions), falling back to [`DefaultRules`](crate::scim::patch::DefaultRules) for
/// attributes the schemas do not describe (`schemas`, `meta`).
#[derive(Debug, Clone, Copy)]
pub struct RegistryRules<'a> {
    registry: &'a SchemaRegistry,
    resource_schema: &'a str,
}

impl SchemaRegistry {
    /// PATCH rules for resources of `resource_schema` (a core schema URN).
    pub fn patch_rules<'a>(&'a self, resource_schema: &'a str) -> RegistryRules<'a> {
        RegistryRules {
            registry: self,
            resource_schema,
        }
    }
}

impl RegistryRules<'_> {
    fn def(&self, path: &crate::scim::filter::AttrPath) -> Option<&AttributeDef> {
        self.registry.attribute(
            self.resource_schema,
            path.urn.as_deref(),
            &path.attr,
            path.sub_attr.as_deref(),
        )
    }
}

impl crate::scim::patch::PatchRules for RegistryRules<'_> {
    fn is_multi_valued(&self, path: &crate::scim::filter::AttrPath) -> bool {
        use crate::scim::patch::DefaultRules;
        match self.def(path) {
            Some(def) => def.multi_valued,
            None => DefaultRules.is_multi_valued(path),
        }
    }

    fn is_read_only(&self, path: &crate::scim::filter::AttrPath) -> bool {
        use crate::scim::patch::DefaultRules;
        self.def(path)
            .is_some_and(|def| def.mutability == Mutability::ReadOnly)
            || DefaultRules.is_read_only(path)
    }

    fn case_exact(&self, path: &crate::scim::filter::AttrPath) -> bool {
        match self.def(path) {
            Some(def) => def.case_exact,
            None => crate::scim::filter::default_case_exact(path),
        }
    }

    fn is_required(&self, path: &crate::scim::filter::AttrPath) -> bool {
        use crate::scim::patch::DefaultRules;
        self.def(path).is_some_and(|def| def.required) || DefaultRules.is_required(path)
    }

    fn is_extension_schema(&self, uri: &str) -> bool {
        use crate::scim::patch::DefaultRules;
        self.registry
            .extensions(self.resource_schema)
            .iter()
            .any(|e| e.eq_ignore_ascii_case(uri))
            || DefaultRules.is_extension_schema(uri)
    }
}
