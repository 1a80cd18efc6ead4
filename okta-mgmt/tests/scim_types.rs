//! SCIM 2.0 resources, messages, schemas and projection (RFC 7643, RFC 7644), checked against
//! the bodies Okta sends.

use okta_mgmt::scim::resource::{
    scim_type, EnterpriseUser, Group, ListResponse, Member, MultiValued, Password, ScimError,
    SearchRequest, SortOrder, User, ENTERPRISE_USER, ERROR, GROUP, LIST_RESPONSE, PATCH_OP,
    RESOURCE_TYPE, SCHEMA, SEARCH_REQUEST, SERVICE_PROVIDER_CONFIG, USER,
};
use okta_mgmt::scim::schema::{
    enterprise_user_schema, group_schema, project, resource_types, service_provider_config,
    user_schema, AttributeType, Mutability, Returned, SchemaDef, SchemaRegistry, Uniqueness,
};
use serde_json::{json, Value};

/// Okta's create-user body (POST /Users).
const OKTA_U2: &str = r#"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"test.user@okta.local","name":{"givenName":"Test","familyName":"User"},"emails":[{"primary":true,"value":"test.user@okta.local","type":"work"}],"displayName":"Test User","locale":"en-US","externalId":"00ujl29u0le5T6Aj10h7","groups":[],"password":"1mz050nq","active":true}"#;

/// Okta's push-group body (POST /Groups).
const OKTA_G1: &str = r#"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Test SCIMv2","members":[]}"#;

fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(json: &Value) -> (T, Value) {
    let typed: T = serde_json::from_value(json.clone()).expect("deserializes");
    let back = serde_json::to_value(&typed).expect("serializes");
    (typed, back)
}

// ---------------------------------------------------------------------------------------------
// Resources

#[test]
fn okta_create_user_body_round_trips_without_losing_a_field() {
    let original: Value = serde_json::from_str(OKTA_U2).unwrap();
    let (user, back) = round_trip::<User>(&original);
    assert_eq!(back, original);
    assert_eq!(user.schemas, [USER]);
    assert_eq!(user.user_name, "test.user@okta.local");
    assert_eq!(user.external_id.as_deref(), Some("00ujl29u0le5T6Aj10h7"));
    assert_eq!(user.display_name.as_deref(), Some("Test User"));
    assert_eq!(user.locale.as_deref(), Some("en-US"));
    assert_eq!(user.active, Some(true));
    assert_eq!(user.groups.as_deref().map(<[_]>::len), Some(0));
    let name = user.name.as_ref().unwrap();
    assert_eq!(name.given_name.as_deref(), Some("Test"));
    assert_eq!(name.family_name.as_deref(), Some("User"));
    let email = &user.emails.as_ref().unwrap()[0];
    assert_eq!(email.value.as_deref(), Some("test.user@okta.local"));
    assert_eq!(email.type_.as_deref(), Some("work"));
    assert_eq!(email.primary, Some(true));
    assert_eq!(user.password, Some(Password::new("1mz050nq")));
    assert!(user.extra.is_empty(), "nothing unknown: {:?}", user.extra);
}

#[test]
fn okta_push_group_body_round_trips_with_its_empty_member_list() {
    let original: Value = serde_json::from_str(OKTA_G1).unwrap();
    let (group, back) = round_trip::<Group>(&original);
    assert_eq!(back, original);
    assert_eq!(group.schemas, [GROUP]);
    assert_eq!(group.display_name, "Test SCIMv2");
    assert_eq!(group.members, Some(vec![]));
}

#[test]
fn okta_profile_update_body_round_trips() {
    // The whole object Okta sends with PUT /Users/{id}.
    let original = json!({
        "schemas": [USER],
        "id": "23a35c27-23d3-4c03-b4c5-6443c09e7173",
        "userName": "test.user@okta.local",
        "name": {"givenName": "Another", "middleName": "Excited", "familyName": "User"},
        "emails": [{"primary": true, "value": "test.user@okta.local", "type": "work", "display": "Another Excited User"}],
        "active": true,
        "groups": [],
        "meta": {"resourceType": "User"}
    });
    let (user, back) = round_trip::<User>(&original);
    assert_eq!(back, original);
    assert_eq!(user.meta.unwrap().resource_type.as_deref(), Some("User"));
}

#[test]
fn every_core_user_attribute_round_trips_typed() {
    let original = json!({
        "schemas": [USER, ENTERPRISE_USER],
        "id": "2819c223-7f76-453a-919d-413861904646",
        "externalId": "bjensen",
        "userName": "bjensen@example.com",
        "name": {"formatted": "Ms. Barbara J Jensen, III", "familyName": "Jensen", "givenName": "Barbara",
                 "middleName": "Jane", "honorificPrefix": "Ms.", "honorificSuffix": "III"},
        "displayName": "Babs Jensen",
        "nickName": "Babs",
        "profileUrl": "https://login.example.com/bjensen",
        "title": "Tour Guide",
        "userType": "Employee",
        "preferredLanguage": "en-US",
        "locale": "en-US",
        "timezone": "America/Los_Angeles",
        "active": true,
        "password": "t1meMa$heen",
        "emails": [{"value": "bjensen@example.com", "type": "work", "primary": true},
                   {"value": "babs@jensen.org", "type": "home"}],
        "phoneNumbers": [{"value": "555-555-5555", "type": "work"}],
        "ims": [{"value": "someaimhandle", "type": "aim"}],
        "photos": [{"value": "https://photos.example.com/profilephoto/72930000000Ccne/F", "type": "photo"}],
        "addresses": [{"type": "work", "streetAddress": "100 Universal City Plaza", "locality": "Hollywood",
                       "region": "CA", "postalCode": "91608", "country": "USA",
                       "formatted": "100 Universal City Plaza\nHollywood, CA 91608 USA", "primary": true}],
        "groups": [{"value": "e9e30dba-f08f-4109-8486-d5c6a331660a",
                    "$ref": "https://example.com/v2/Groups/e9e30dba-f08f-4109-8486-d5c6a331660a",
                    "display": "Tour Guides", "type": "direct"}],
        "entitlements": [{"value": "Employee Discount"}],
        "roles": [{"value": "Tour Guide", "primary": true}],
        "x509Certificates": [{"value": "MIIDQzCCAqygAwIBAgICEAAwDQYJKoZIhvcNAQEFBQAw"}],
        ENTERPRISE_USER: {
            "employeeNumber": "701984", "costCenter": "4130", "organization": "Universal Studios",
            "division": "Theme Park", "department": "Tour Operations",
            "manager": {"value": "26118915-6090-4610-87e4-49d8ca9f808d",
                        "$ref": "../Users/26118915-6090-4610-87e4-49d8ca9f808d", "displayName": "John Smith"}
        },
        "meta": {"resourceType": "User", "created": "2010-01-23T04:56:22Z",
                 "lastModified": "2011-05-13T04:42:34Z", "version": "W/\"3694e05e9dff591\"",
                 "location": "https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646"}
    });
    let (user, back) = round_trip::<User>(&original);
    assert_eq!(back, original);
    assert!(user.extra.is_empty(), "all modelled: {:?}", user.extra);
    assert_eq!(user.primary_email(), Some("bjensen@example.com"));
    assert_eq!(
        user.groups.as_ref().unwrap()[0]
            .ref_
            .as_deref()
            .map(|r| r.ends_with("331660a")),
        Some(true)
    );
    let ent = user.enterprise.as_ref().unwrap();
    assert_eq!(ent.department.as_deref(), Some("Tour Operations"));
    assert_eq!(
        ent.manager.as_ref().unwrap().display_name.as_deref(),
        Some("John Smith")
    );
    assert_eq!(
        user.addresses.as_ref().unwrap()[0].postal_code.as_deref(),
        Some("91608")
    );
    assert_eq!(user.x509_certificates.as_ref().unwrap().len(), 1);
}

#[test]
fn unknown_attributes_and_unknown_extensions_survive_a_round_trip() {
    let original = json!({
        "schemas": [USER, ENTERPRISE_USER, "urn:example:params:scim:schemas:extension:badge:2.0:User"],
        "userName": "a@example.com",
        "customAttribute": {"nested": [1, 2.5, null, "x"]},
        "name": {"givenName": "A", "phoneticName": "ay"},
        "emails": [{"value": "a@example.com", "verified": true}],
        ENTERPRISE_USER: {"department": "R&D", "site": "Lyon", "manager": {"value": "m", "level": 2}},
        "urn:example:params:scim:schemas:extension:badge:2.0:User": {"number": "B-7", "floors": [1, 3]}
    });
    let (user, back) = round_trip::<User>(&original);
    assert_eq!(back, original);
    assert_eq!(user.extra["customAttribute"]["nested"][1], 2.5);
    assert_eq!(user.name.as_ref().unwrap().extra["phoneticName"], "ay");
    assert_eq!(user.emails.as_ref().unwrap()[0].extra["verified"], true);
    assert_eq!(user.enterprise.as_ref().unwrap().extra["site"], "Lyon");
    assert!(user
        .extra
        .contains_key("urn:example:params:scim:schemas:extension:badge:2.0:User"));

    let group = json!({"schemas": [GROUP], "displayName": "g", "members": [{"value": "1", "note": "x"}], "owner": "me"});
    let (g, back) = round_trip::<Group>(&group);
    assert_eq!(back, group);
    assert_eq!(g.extra["owner"], "me");
}

#[test]
fn extensions_in_extra_are_read_and_written_through_the_helpers() {
    #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
    struct Badge {
        number: String,
    }
    const BADGE: &str = "urn:example:params:scim:schemas:extension:badge:2.0:User";
    let mut user = User::new("a");
    assert!(user.extension::<Badge>(BADGE).is_none());
    user.set_extension(
        BADGE,
        &Badge {
            number: "B-7".into(),
        },
    )
    .unwrap();
    assert_eq!(user.schemas, [USER, BADGE]);
    assert_eq!(
        user.extension::<Badge>(BADGE).unwrap().unwrap().number,
        "B-7"
    );
    let json = serde_json::to_value(&user).unwrap();
    assert_eq!(json[BADGE]["number"], "B-7");
    // Setting it again replaces the value and does not repeat the URN.
    user.set_extension(
        BADGE,
        &Badge {
            number: "B-8".into(),
        },
    )
    .unwrap();
    assert_eq!(user.schemas, [USER, BADGE]);
    assert_eq!(
        user.extension::<Badge>(BADGE).unwrap().unwrap(),
        Badge {
            number: "B-8".into()
        }
    );
}

#[test]
fn constructors_fill_the_schema_urn_and_skip_unset_attributes() {
    let mut user = User::new("a@example.com");
    user.emails = Some(vec![MultiValued::new("a@example.com", Some("work"))]);
    user.enterprise = Some(EnterpriseUser {
        department: Some("Sales".into()),
        ..EnterpriseUser::default()
    });
    assert_eq!(
        serde_json::to_value(&user).unwrap(),
        json!({"schemas": [USER], "userName": "a@example.com",
               "emails": [{"value": "a@example.com", "type": "work"}],
               ENTERPRISE_USER: {"department": "Sales"}})
    );
    let mut group = Group::new("Admins");
    group.members = Some(vec![Member::new("u1")]);
    assert_eq!(
        serde_json::to_value(&group).unwrap(),
        json!({"schemas": [GROUP], "displayName": "Admins", "members": [{"value": "u1"}]})
    );
}

#[test]
fn a_user_without_user_name_is_rejected() {
    let err =
        serde_json::from_value::<User>(json!({"schemas": [USER], "displayName": "x"})).unwrap_err();
    assert!(err.to_string().contains("userName"), "{err}");
    let err = serde_json::from_value::<Group>(json!({"schemas": [GROUP]})).unwrap_err();
    assert!(err.to_string().contains("displayName"), "{err}");
}

#[test]
fn booleans_sent_as_strings_are_accepted() {
    let user: User = serde_json::from_value(json!({"userName": "a", "active": "False",
        "emails": [{"value": "a@x", "primary": "true"}]}))
    .unwrap();
    assert_eq!(user.active, Some(false));
    assert_eq!(user.emails.unwrap()[0].primary, Some(true));
    assert!(serde_json::from_value::<User>(json!({"userName": "a", "active": "yes"})).is_err());
}

#[test]
fn password_never_appears_in_debug_output_but_is_serialized_for_the_server() {
    let user: User = serde_json::from_str(OKTA_U2).unwrap();
    let debug = format!("{user:?}");
    assert!(!debug.contains("1mz050nq"), "{debug}");
    assert!(debug.contains("[redacted]"), "{debug}");
    let pretty = format!("{:#?}", Password::new("hunter2"));
    assert!(!pretty.contains("hunter2"));
    assert!(pretty.contains("[redacted]"));
    assert_eq!(serde_json::to_value(&user).unwrap()["password"], "1mz050nq");
    assert_ne!(Password::new("a"), Password::new("b"));
    assert_ne!(Password::new("a"), Password::new("ab"));
}

// ---------------------------------------------------------------------------------------------
// Messages

#[test]
fn list_response_counters_are_json_integers_under_okta_keys() {
    let page = ListResponse::new(vec![User::new("a")], 7, 1);
    let json = serde_json::to_value(&page).unwrap();
    assert_eq!(json["schemas"], json!([LIST_RESPONSE]));
    for key in ["totalResults", "startIndex", "itemsPerPage"] {
        assert!(
            json[key].is_u64(),
            "{key} must be a JSON integer: {}",
            json[key]
        );
    }
    assert_eq!(json["totalResults"], 7);
    assert_eq!(json["startIndex"], 1);
    assert_eq!(json["itemsPerPage"], 1);
    assert_eq!(json["Resources"][0]["userName"], "a");
    let text = serde_json::to_string(&page).unwrap();
    assert!(text.contains(r#""Resources":["#), "{text}");
    assert!(!text.contains(r#""resources""#), "{text}");
    assert!(text.contains(r#""totalResults":7"#), "{text}");
}

#[test]
fn okta_empty_list_answer_deserializes() {
    let empty = json!({"schemas": [LIST_RESPONSE], "totalResults": 0, "startIndex": 1, "itemsPerPage": 0, "Resources": []});
    let (page, back) = round_trip::<ListResponse<User>>(&empty);
    assert_eq!(back, empty);
    assert_eq!(page.total_results, 0);
    assert!(page.resources.is_empty());
    // Without Resources at all (allowed when there are no results).
    let bare: ListResponse<Group> =
        serde_json::from_value(json!({"schemas": [LIST_RESPONSE], "totalResults": 0})).unwrap();
    assert_eq!(bare.start_index, 1);
    assert!(bare.resources.is_empty());
}

#[test]
fn scim_error_serializes_status_as_a_string() {
    let e = ScimError::new(401, None, "authentication failed");
    let json = serde_json::to_value(&e).unwrap();
    assert_eq!(
        json,
        json!({"schemas": [ERROR], "status": "401", "detail": "authentication failed"})
    );
    let e = ScimError::new(
        409,
        Some(scim_type::UNIQUENESS),
        "User already exists in the database.",
    );
    let json = serde_json::to_value(&e).unwrap();
    assert_eq!(json["status"], "409");
    assert_eq!(json["scimType"], "uniqueness");
    assert_eq!(
        e.to_string(),
        "SCIM error 409 (uniqueness): User already exists in the database."
    );
}

#[test]
fn scim_error_status_is_read_from_a_string_or_a_number() {
    // Okta's own documentation shows the number form.
    let from_number: ScimError = serde_json::from_value(json!({"schemas": [ERROR],
        "detail": "User already exists in the database.", "status": 409}))
    .unwrap();
    assert_eq!(from_number.status, 409);
    let from_string: ScimError = serde_json::from_value(
        json!({"schemas": [ERROR], "status": "404", "scimType": "noTarget"}),
    )
    .unwrap();
    assert_eq!(from_string.status, 404);
    assert_eq!(from_string.scim_type.as_deref(), Some(scim_type::NO_TARGET));
    assert!(
        serde_json::from_value::<ScimError>(json!({"schemas": [ERROR], "status": "teapot"}))
            .is_err()
    );
}

#[test]
fn search_request_uses_scim_names() {
    let body = json!({"schemas": [SEARCH_REQUEST], "attributes": ["displayName", "userName"],
        "excludedAttributes": ["emails"], "filter": "displayName sw \"smith\"",
        "sortBy": "userName", "sortOrder": "descending", "startIndex": 1, "count": 10});
    let (req, back) = round_trip::<SearchRequest>(&body);
    assert_eq!(back, body);
    assert_eq!(req.sort_order, Some(SortOrder::Descending));
    assert_eq!(req.count, Some(10));
    assert_eq!(
        req.excluded_attributes.as_deref(),
        Some(&["emails".to_owned()][..])
    );
}

#[test]
fn schema_urns_are_the_rfc_values() {
    assert_eq!(USER, "urn:ietf:params:scim:schemas:core:2.0:User");
    assert_eq!(GROUP, "urn:ietf:params:scim:schemas:core:2.0:Group");
    assert_eq!(
        ENTERPRISE_USER,
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
    );
    assert_eq!(
        LIST_RESPONSE,
        "urn:ietf:params:scim:api:messages:2.0:ListResponse"
    );
    assert_eq!(PATCH_OP, "urn:ietf:params:scim:api:messages:2.0:PatchOp");
    assert_eq!(
        SEARCH_REQUEST,
        "urn:ietf:params:scim:api:messages:2.0:SearchRequest"
    );
    assert_eq!(ERROR, "urn:ietf:params:scim:api:messages:2.0:Error");
    assert_eq!(
        SERVICE_PROVIDER_CONFIG,
        "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"
    );
    assert_eq!(
        RESOURCE_TYPE,
        "urn:ietf:params:scim:schemas:core:2.0:ResourceType"
    );
    assert_eq!(SCHEMA, "urn:ietf:params:scim:schemas:core:2.0:Schema");
}

// ---------------------------------------------------------------------------------------------
// Schemas and discovery

fn attr<'a>(schema: &'a Value, name: &str) -> &'a Value {
    schema["attributes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == name)
        .unwrap_or_else(|| panic!("no attribute {name}"))
}

#[test]
fn user_schema_shows_the_rfc_characteristics() {
    let json =
        serde_json::to_value(user_schema().with_location("https://app.example.com/scim/v2/"))
            .unwrap();
    assert_eq!(json["schemas"], json!([SCHEMA]));
    assert_eq!(json["id"], USER);
    assert_eq!(json["name"], "User");
    assert_eq!(json["meta"]["resourceType"], "Schema");
    assert_eq!(
        json["meta"]["location"],
        format!("https://app.example.com/scim/v2/Schemas/{USER}")
    );

    let user_name = attr(&json, "userName");
    assert_eq!(user_name["type"], "string");
    assert_eq!(user_name["multiValued"], false);
    assert_eq!(user_name["required"], true);
    assert_eq!(user_name["caseExact"], false);
    assert_eq!(user_name["mutability"], "readWrite");
    assert_eq!(user_name["returned"], "default");
    assert_eq!(user_name["uniqueness"], "server");

    let id = attr(&json, "id");
    assert_eq!(id["caseExact"], true);
    assert_eq!(id["mutability"], "readOnly");
    assert_eq!(id["returned"], "always");

    let password = attr(&json, "password");
    assert_eq!(password["mutability"], "writeOnly");
    assert_eq!(password["returned"], "never");
    assert_eq!(password["required"], false);

    let emails = attr(&json, "emails");
    assert_eq!(emails["type"], "complex");
    assert_eq!(emails["multiValued"], true);
    let subs: Vec<&str> = emails["subAttributes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(subs, ["value", "display", "type", "primary"]);
    let email_type = &emails["subAttributes"][2];
    assert_eq!(
        email_type["canonicalValues"],
        json!(["work", "home", "other"])
    );
    assert_eq!(emails["subAttributes"][3]["type"], "boolean");

    let groups = attr(&json, "groups");
    assert_eq!(groups["mutability"], "readOnly");
    assert_eq!(groups["multiValued"], true);
    assert_eq!(
        attr(&json, "profileUrl")["referenceTypes"],
        json!(["external"])
    );
    assert_eq!(
        attr(&json, "x509Certificates")["subAttributes"][0]["type"],
        "binary"
    );
    assert_eq!(attr(&json, "meta")["subAttributes"][1]["type"], "dateTime");
    for name in [
        "externalId",
        "name",
        "displayName",
        "nickName",
        "title",
        "userType",
        "preferredLanguage",
        "locale",
        "timezone",
        "active",
        "phoneNumbers",
        "ims",
        "photos",
        "addresses",
        "entitlements",
        "roles",
    ] {
        attr(&json, name);
    }
    // Optional members at their defaults are left out, as in the RFC's listing.
    assert!(user_name.get("subAttributes").is_none());
    assert!(user_name.get("referenceTypes").is_none());
}

#[test]
fn group_and_enterprise_schemas_describe_members_and_manager() {
    let group = serde_json::to_value(group_schema()).unwrap();
    assert_eq!(attr(&group, "displayName")["required"], true);
    let members = attr(&group, "members");
    assert_eq!(members["multiValued"], true);
    assert_eq!(members["subAttributes"][1]["name"], "$ref");
    assert_eq!(
        members["subAttributes"][1]["referenceTypes"],
        json!(["User", "Group"])
    );

    let ent = serde_json::to_value(enterprise_user_schema().with_location("")).unwrap();
    assert_eq!(ent["id"], ENTERPRISE_USER);
    assert_eq!(
        ent["meta"]["location"],
        format!("/Schemas/{ENTERPRISE_USER}")
    );
    let manager = attr(&ent, "manager");
    assert_eq!(manager["type"], "complex");
    assert_eq!(manager["subAttributes"][2]["name"], "displayName");
    assert_eq!(manager["subAttributes"][2]["mutability"], "readOnly");
}

#[test]
fn schema_definitions_read_back_what_they_write() {
    for schema in [user_schema(), group_schema(), enterprise_user_schema()] {
        let json = serde_json::to_value(&schema).unwrap();
        let back: SchemaDef = serde_json::from_value(json).unwrap();
        assert_eq!(back, schema);
    }
    // Missing characteristics take the RFC's defaults.
    let minimal: SchemaDef =
        serde_json::from_value(json!({"id": "urn:x", "attributes": [{"name": "a"}]})).unwrap();
    let a = &minimal.attributes[0];
    assert_eq!(a.type_, AttributeType::String);
    assert_eq!(a.mutability, Mutability::ReadWrite);
    assert_eq!(a.returned, Returned::Default);
    assert_eq!(a.uniqueness, Uniqueness::None);
    assert!(!a.case_exact && !a.required && !a.multi_valued);
}

#[test]
fn service_provider_config_announces_what_the_server_supports() {
    let on = serde_json::to_value(service_provider_config(
        "https://x.example/scim/v2",
        150,
        true,
    ))
    .unwrap();
    assert_eq!(on["schemas"], json!([SERVICE_PROVIDER_CONFIG]));
    assert_eq!(on["patch"]["supported"], true);
    assert_eq!(
        on["bulk"],
        json!({"supported": false, "maxOperations": 0, "maxPayloadSize": 0})
    );
    assert_eq!(on["filter"], json!({"supported": true, "maxResults": 150}));
    assert_eq!(on["changePassword"]["supported"], true);
    assert_eq!(on["sort"]["supported"], true);
    assert_eq!(on["etag"]["supported"], true);
    assert_eq!(on["authenticationSchemes"][0]["type"], "oauthbearertoken");
    assert_eq!(on["meta"]["resourceType"], "ServiceProviderConfig");
    assert_eq!(
        on["meta"]["location"],
        "https://x.example/scim/v2/ServiceProviderConfig"
    );
    let off = serde_json::to_value(service_provider_config("", 150, false)).unwrap();
    assert_eq!(off["etag"]["supported"], false);
}

#[test]
fn resource_types_list_users_with_the_optional_enterprise_extension_and_groups() {
    let types = serde_json::to_value(resource_types("https://x.example/scim/v2")).unwrap();
    assert_eq!(types[0]["schemas"], json!([RESOURCE_TYPE]));
    assert_eq!(types[0]["id"], "User");
    assert_eq!(types[0]["endpoint"], "/Users");
    assert_eq!(types[0]["schema"], USER);
    assert_eq!(
        types[0]["schemaExtensions"],
        json!([{"schema": ENTERPRISE_USER, "required": false}])
    );
    assert_eq!(
        types[0]["meta"],
        json!({"resourceType": "ResourceType", "location": "https://x.example/scim/v2/ResourceTypes/User"})
    );
    assert_eq!(types[1]["id"], "Group");
    assert_eq!(types[1]["endpoint"], "/Groups");
    assert_eq!(types[1]["schema"], GROUP);
    assert!(types[1].get("schemaExtensions").is_none());
}

// ---------------------------------------------------------------------------------------------
// Registry

#[test]
fn registry_looks_attributes_up_case_insensitively() {
    let r = SchemaRegistry::scim_default();
    assert_eq!(
        r.attribute(USER, None, "USERNAME", None).unwrap().name,
        "userName"
    );
    assert_eq!(
        r.attribute(
            "URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER",
            None,
            "username",
            None
        )
        .unwrap()
        .name,
        "userName"
    );
    assert_eq!(
        r.attribute(USER, None, "Emails", Some("VALUE"))
            .unwrap()
            .name,
        "value"
    );
    assert_eq!(
        r.attribute(USER, Some(USER), "userName", None)
            .unwrap()
            .name,
        "userName"
    );
    assert_eq!(
        r.attribute(
            USER,
            Some(&ENTERPRISE_USER.to_uppercase()),
            "Department",
            None
        )
        .unwrap()
        .name,
        "department"
    );
    // Unknown names, extensions of another resource type, sub-attributes of simple attributes.
    assert!(r.attribute(USER, None, "nosuch", None).is_none());
    assert!(r
        .attribute(GROUP, Some(ENTERPRISE_USER), "department", None)
        .is_none());
    assert!(
        r.attribute(USER, None, "department", None).is_none(),
        "extension names need their URN"
    );
    assert!(r.attribute(USER, None, "userName", Some("x")).is_none());
}

#[test]
fn registry_answers_the_characteristics_filters_patch_and_the_server_need() {
    let r = SchemaRegistry::scim_default();
    assert!(!r.case_exact(USER, None, "userName", None));
    assert!(r.case_exact(USER, None, "id", None));
    assert!(r.case_exact(GROUP, None, "externalId", None));
    assert!(!r.case_exact(USER, None, "unknown", None));
    assert!(r.is_multi_valued(USER, None, "emails", None));
    assert!(r.is_multi_valued(GROUP, None, "members", None));
    assert!(!r.is_multi_valued(USER, None, "emails", Some("value")));
    assert_eq!(
        r.mutability(USER, None, "id", None),
        Some(Mutability::ReadOnly)
    );
    assert_eq!(
        r.mutability(USER, None, "password", None),
        Some(Mutability::WriteOnly)
    );
    assert_eq!(
        r.mutability(GROUP, None, "members", Some("value")),
        Some(Mutability::Immutable)
    );
    assert_eq!(r.mutability(USER, None, "unknown", None), None);
    assert_eq!(r.returned(USER, None, "id", None), Some(Returned::Always));
    assert_eq!(
        r.returned(USER, None, "password", None),
        Some(Returned::Never)
    );
    assert_eq!(
        r.returned(USER, None, "userName", None),
        Some(Returned::Default)
    );
    assert_eq!(
        r.uniqueness(USER, None, "userName", None),
        Some(Uniqueness::Server)
    );
    assert_eq!(
        r.uniqueness(GROUP, None, "displayName", None),
        Some(Uniqueness::None)
    );
}

#[test]
fn registry_resolves_full_attribute_paths() {
    let r = SchemaRegistry::scim_default();
    let manager_value = format!("{ENTERPRISE_USER}:manager.value");
    assert_eq!(r.attribute_at(USER, &manager_value).unwrap().name, "value");
    assert_eq!(
        r.attribute_at(USER, &format!("{USER}:name.familyName"))
            .unwrap()
            .name,
        "familyName"
    );
    assert_eq!(
        r.attribute_at(USER, "emails.type")
            .unwrap()
            .canonical_values,
        ["work", "home", "other"]
    );
    assert!(r.attribute_at(USER, "name.").is_none());
    assert!(r
        .attribute_at(USER, "urn:example:unknown:2.0:User:x")
        .is_none());
}

#[test]
fn registry_canonicalize_restores_schema_spelling() {
    let mut json = json!({"SCHEMAS": [USER], "username": "a",
        "EMAILS": [{"VALUE": "a@x", "Primary": true}],
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:user": {"DEPARTMENT": "d"},
        "Unknown": 1});
    SchemaRegistry::scim_default().canonicalize(USER, &mut json);
    assert_eq!(
        json,
        json!({"schemas": [USER], "userName": "a",
        "emails": [{"value": "a@x", "primary": true}],
        ENTERPRISE_USER: {"department": "d"}, "Unknown": 1})
    );
    let user: User = serde_json::from_value(json).unwrap();
    assert_eq!(user.enterprise.unwrap().department.as_deref(), Some("d"));
}

// ---------------------------------------------------------------------------------------------
// Projection

fn stored_user() -> Value {
    json!({
        "schemas": [USER, ENTERPRISE_USER],
        "id": "u1",
        "externalId": "00ujl29u0le5T6Aj10h7",
        "userName": "test.user@okta.local",
        "password": "1mz050nq",
        "name": {"givenName": "Test", "familyName": "User"},
        "emails": [{"primary": true, "value": "test.user@okta.local", "type": "work"},
                   {"value": "home@okta.local", "type": "home"}],
        "active": true,
        ENTERPRISE_USER: {"department": "R&D", "costCenter": "42", "manager": {"value": "m1", "displayName": "Boss"}},
        "meta": {"resourceType": "User", "location": "/Users/u1"}
    })
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| (*s).to_owned()).collect()
}

fn projected(attributes: &[&str], excluded: &[&str]) -> Value {
    project(
        &stored_user(),
        USER,
        &strings(attributes),
        &strings(excluded),
        &SchemaRegistry::scim_default(),
    )
}

#[test]
fn projection_without_parameters_returns_everything_but_the_password() {
    let mut expected = stored_user();
    expected.as_object_mut().unwrap().remove("password");
    assert_eq!(projected(&[], &[]), expected);
}

#[test]
fn projection_attributes_keep_only_those_plus_id_and_schemas() {
    let out = projected(&["userName", "name.givenName"], &[]);
    assert_eq!(
        out,
        json!({"schemas": [USER, ENTERPRISE_USER], "id": "u1", "userName": "test.user@okta.local",
               "name": {"givenName": "Test"}})
    );
}

#[test]
fn projection_attributes_select_a_sub_attribute_of_every_value() {
    let out = projected(&["emails.value"], &[]);
    assert_eq!(
        out["emails"],
        json!([{"value": "test.user@okta.local"}, {"value": "home@okta.local"}])
    );
    assert!(out.get("userName").is_none());
    // A sub-attribute no value has removes the attribute.
    assert!(projected(&["name.middleName"], &[]).get("name").is_none());
}

#[test]
fn projection_excluded_attributes_remove_them() {
    let out = projected(&[], &["emails"]);
    assert!(out.get("emails").is_none());
    assert_eq!(out["userName"], "test.user@okta.local");
    assert_eq!(out["name"]["familyName"], "User");
    assert!(out.get(ENTERPRISE_USER).is_some());

    let out = projected(&[], &["name.familyName", "emails.type"]);
    assert_eq!(out["name"], json!({"givenName": "Test"}));
    assert_eq!(out["emails"][1], json!({"value": "home@okta.local"}));
}

#[test]
fn projection_never_returns_the_password() {
    for (attributes, excluded) in [
        (&[][..], &[][..]),
        (&["password", "userName"][..], &[][..]),
        (&[][..], &["emails"][..]),
    ] {
        let out = projected(attributes, excluded);
        assert!(out.get("password").is_none(), "{out}");
        assert!(!out.to_string().contains("1mz050nq"));
    }
}

#[test]
fn projection_always_returned_attributes_survive_exclusion() {
    let out = projected(&[], &["id", "schemas", "userName"]);
    assert_eq!(out["id"], "u1");
    assert_eq!(out["schemas"], json!([USER, ENTERPRISE_USER]));
    assert!(out.get("userName").is_none());
    // And a request for something else.
    let out = projected(&["externalId"], &[]);
    assert_eq!(
        out,
        json!({"schemas": [USER, ENTERPRISE_USER], "id": "u1", "externalId": "00ujl29u0le5T6Aj10h7"})
    );
}

#[test]
fn projection_names_are_case_insensitive() {
    let out = projected(&["USERNAME", "Name.GivenName"], &["ID"]);
    assert_eq!(
        out,
        json!({"schemas": [USER, ENTERPRISE_USER], "id": "u1", "userName": "test.user@okta.local",
               "name": {"givenName": "Test"}})
    );
}

#[test]
fn projection_of_an_enterprise_attribute_by_its_urn_prefixed_path() {
    let out = projected(&[&format!("{ENTERPRISE_USER}:department")], &[]);
    assert_eq!(
        out,
        json!({"schemas": [USER, ENTERPRISE_USER], "id": "u1", ENTERPRISE_USER: {"department": "R&D"}})
    );
    let out = projected(&[&format!("{ENTERPRISE_USER}:manager.displayName")], &[]);
    assert_eq!(
        out[ENTERPRISE_USER],
        json!({"manager": {"displayName": "Boss"}})
    );
    // Excluding one removes only it.
    let out = projected(&[], &[&format!("{ENTERPRISE_USER}:department")]);
    assert_eq!(
        out[ENTERPRISE_USER],
        json!({"costCenter": "42", "manager": {"value": "m1", "displayName": "Boss"}})
    );
    assert_eq!(out["userName"], "test.user@okta.local");
}

#[test]
fn projection_of_a_whole_extension_and_of_core_urn_prefixed_paths() {
    let out = projected(&[ENTERPRISE_USER], &[]);
    assert_eq!(out[ENTERPRISE_USER], stored_user()[ENTERPRISE_USER]);
    assert!(out.get("userName").is_none());
    let out = projected(&[], &[ENTERPRISE_USER]);
    assert!(out.get(ENTERPRISE_USER).is_none());
    assert!(out.get("userName").is_some());
    let out = projected(&[USER], &[]);
    assert_eq!(out["userName"], "test.user@okta.local");
    assert!(out.get("password").is_none());
    assert!(out.get(ENTERPRISE_USER).is_none());
    let out = projected(&[&format!("{USER}:userName")], &[]);
    assert_eq!(
        out,
        json!({"schemas": [USER, ENTERPRISE_USER], "id": "u1", "userName": "test.user@okta.local"})
    );
}

#[test]
fn projection_works_for_groups() {
    let group = json!({"schemas": [GROUP], "id": "g1", "displayName": "Test SCIMv2",
        "members": [{"value": "u1", "display": "test.user@okta.local"}]});
    let out = project(
        &group,
        GROUP,
        &[],
        &strings(&["members"]),
        &SchemaRegistry::scim_default(),
    );
    assert_eq!(
        out,
        json!({"schemas": [GROUP], "id": "g1", "displayName": "Test SCIMv2"})
    );
    let out = project(
        &group,
        GROUP,
        &strings(&["members.value"]),
        &[],
        &SchemaRegistry::scim_default(),
    );
    assert_eq!(
        out,
        json!({"schemas": [GROUP], "id": "g1", "members": [{"value": "u1"}]})
    );
}
