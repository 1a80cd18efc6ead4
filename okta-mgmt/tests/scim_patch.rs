//! SCIM PATCH (RFC 7644 section 3.5.2): Okta's request shapes, the RFC's examples, errors and
//! atomicity.

use okta_mgmt::scim::patch::{
    apply, DefaultRules, PatchError, PatchOp, PatchOpKind, PatchOperation, ScimType, MAX_OPERATIONS,
};
use serde_json::{json, Value};

const CORE_USER: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
const CORE_GROUP: &str = "urn:ietf:params:scim:schemas:core:2.0:Group";
const ENTERPRISE: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const PATCH: &str = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const GROUP_ID: &str = "e9e30dba-f08f-4109-8486-d5c6a331660a";
const OLD_MEMBER: &str = "89bb1940-b905-4575-9e7f-6f887cfb368e";
const NEW_MEMBER: &str = "23a35c27-23d3-4c03-b4c5-6443c09e7173";

fn user() -> Value {
    json!({
        "schemas": [CORE_USER],
        "id": "2819c223-7f76-453a-919d-413861904646",
        "userName": "bjensen",
        "name": {"familyName": "Jensen", "givenName": "Barbara"},
        "displayName": "Babs Jensen",
        "active": true,
        "emails": [
            {"value": "bjensen@example.com", "type": "work", "primary": true},
            {"value": "babs@jensen.org", "type": "home"}
        ],
        "meta": {"resourceType": "User", "version": "W/\"1\""}
    })
}

fn group() -> Value {
    json!({
        "schemas": [CORE_GROUP],
        "id": GROUP_ID,
        "displayName": "Test SCIMv2",
        "members": [
            {"value": OLD_MEMBER, "display": "old.user@okta.local"},
            {"value": "2819c223-7f76-453a-919d-413861904646", "display": "Babs Jensen"}
        ],
        "meta": {"resourceType": "Group"}
    })
}

/// Parses a PatchOp from its JSON body, as a server would.
fn body(v: Value) -> PatchOp {
    match serde_json::from_value(v) {
        Ok(op) => op,
        Err(e) => panic!("invalid PatchOp: {e}"),
    }
}

fn ops(operations: Value) -> PatchOp {
    body(json!({"schemas": [PATCH], "Operations": operations}))
}

fn patched(mut resource: Value, patch: &PatchOp) -> Value {
    if let Err(e) = apply(&mut resource, patch, &DefaultRules) {
        panic!("patch should apply: {e}");
    }
    resource
}

/// Applies a patch that must fail; checks the resource is untouched and returns the error.
fn failing(resource: &Value, patch: &PatchOp) -> PatchError {
    let mut copy = resource.clone();
    let Err(e) = apply(&mut copy, patch, &DefaultRules) else {
        panic!("patch should fail, got {copy}");
    };
    assert_eq!(
        &copy, resource,
        "a failed patch must leave the resource unchanged"
    );
    e
}

// ---------------------------------------------------------------------------------------------
// Okta's shapes
// ---------------------------------------------------------------------------------------------

#[test]
fn okta_u6_deactivate_and_reactivate_without_path() {
    let off = patched(
        user(),
        &ops(json!([{"op": "replace", "value": {"active": false}}])),
    );
    assert_eq!(off["active"], false);
    let mut expected = user();
    expected["active"] = json!(false);
    assert_eq!(off, expected);
    let on = patched(
        off,
        &ops(json!([{"op": "replace", "value": {"active": true}}])),
    );
    assert_eq!(on, user());
}

#[test]
fn okta_g5_rename_with_the_same_id_is_accepted() {
    let patch =
        ops(json!([{"op": "replace", "value": {"id": GROUP_ID, "displayName": "Renamed"}}]));
    let g = patched(group(), &patch);
    assert_eq!(g["displayName"], "Renamed");
    assert_eq!(g["id"], GROUP_ID);
}

#[test]
fn okta_g5_rename_with_a_different_id_is_a_mutability_error() {
    let patch = ops(json!([{"op": "replace", "value": {"id": "other", "displayName": "Renamed"}}]));
    let e = failing(&group(), &patch);
    assert_eq!(e.scim_type, ScimType::Mutability);
}

#[test]
fn okta_g6_remove_member_by_filter_then_add_members() {
    let patch = body(json!({
        "schemas": [PATCH],
        "Operations": [
            {"op": "remove", "path": format!("members[value eq \"{OLD_MEMBER}\"]")},
            {"op": "add", "path": "members",
             "value": [{"value": NEW_MEMBER, "display": "test.user@okta.local"}]}
        ]
    }));
    let g = patched(group(), &patch);
    assert_eq!(
        g["members"],
        json!([
            {"value": "2819c223-7f76-453a-919d-413861904646", "display": "Babs Jensen"},
            {"value": NEW_MEMBER, "display": "test.user@okta.local"}
        ])
    );
}

#[test]
fn okta_g6_on_a_group_without_members() {
    let mut empty = group();
    empty["members"] = Value::Null;
    let patch = ops(json!([
        {"op": "remove", "path": format!("members[value eq \"{OLD_MEMBER}\"]")},
        {"op": "add", "path": "members", "value": [{"value": NEW_MEMBER, "display": "t"}]}
    ]));
    let g = patched(empty, &patch);
    assert_eq!(g["members"], json!([{"value": NEW_MEMBER, "display": "t"}]));
}

#[test]
fn okta_g7_replace_replaces_the_whole_member_list() {
    let members = json!([{"value": "id1", "display": "one"}, {"value": "id2", "display": "two"}]);
    let g = patched(
        group(),
        &ops(json!([{"op": "replace", "path": "members", "value": members}])),
    );
    assert_eq!(g["members"], members);
    let emptied = patched(
        group(),
        &ops(json!([{"op": "replace", "path": "members", "value": []}])),
    );
    assert_eq!(emptied["members"], json!([]));
}

#[test]
fn operation_names_are_read_in_any_case() {
    let patch = body(json!({
        "schemas": [PATCH],
        "Operations": [
            {"op": "Replace", "value": {"active": false}},
            {"op": "ADD", "path": "nickName", "value": "Babs"},
            {"op": "Remove", "path": "title"}
        ]
    }));
    assert_eq!(
        patch.operations.iter().map(|o| o.op).collect::<Vec<_>>(),
        [PatchOpKind::Replace, PatchOpKind::Add, PatchOpKind::Remove]
    );
    let u = patched(user(), &patch);
    assert_eq!(u["nickName"], "Babs");
    assert!(serde_json::from_value::<PatchOp>(json!({"Operations": [{"op": "move"}]})).is_err());
    // Serialization uses SCIM's spelling.
    assert_eq!(
        serde_json::to_value(PatchOp::new(vec![PatchOperation::remove("title")])).ok(),
        Some(json!({"schemas": [PATCH], "Operations": [{"op": "remove", "path": "title"}]}))
    );
}

// ---------------------------------------------------------------------------------------------
// RFC 7644 examples
// ---------------------------------------------------------------------------------------------

#[test]
fn rfc_add_member_appends_to_members() {
    let member =
        json!({"display": "Jim", "$ref": "https://example.com/v2/Users/902", "value": "902"});
    let g = patched(
        group(),
        &ops(json!([{"op": "add", "path": "members", "value": [member]}])),
    );
    let members = g["members"].as_array().cloned().unwrap_or_default();
    assert_eq!(members.len(), 3);
    assert_eq!(members[2], member);
}

#[test]
fn adding_an_existing_member_again_does_not_duplicate_it() {
    let same = json!({"value": OLD_MEMBER, "display": "old.user@okta.local"});
    let g = patched(
        group(),
        &ops(json!([{"op": "add", "path": "members", "value": [same]}])),
    );
    assert_eq!(g, group());
    // Same identity, new display: updated in place.
    let renamed = json!({"value": OLD_MEMBER, "display": "renamed"});
    let g = patched(
        group(),
        &ops(json!([{"op": "add", "path": "members", "value": renamed}])),
    );
    assert_eq!(g["members"].as_array().map(Vec::len), Some(2));
    assert_eq!(g["members"][0]["display"], "renamed");
}

#[test]
fn rfc_remove_all_members() {
    let g = patched(group(), &ops(json!([{"op": "remove", "path": "members"}])));
    assert!(g.get("members").is_none());
    assert_eq!(g["displayName"], "Test SCIMv2");
}

#[test]
fn rfc_remove_one_member_by_filter() {
    let path = "members[value eq \"2819c223-7f76-453a-919d-413861904646\"]";
    let g = patched(group(), &ops(json!([{"op": "remove", "path": path}])));
    assert_eq!(
        g["members"],
        json!([{"value": OLD_MEMBER, "display": "old.user@okta.local"}])
    );
    // Removing a member that is not there is not an error.
    let again = patched(g.clone(), &ops(json!([{"op": "remove", "path": path}])));
    assert_eq!(again, g);
}

#[test]
fn removing_the_last_member_by_filter_unassigns_members() {
    let g = patched(
        group(),
        &ops(json!([{"op": "remove", "path": "members[display sw \"\"]"}])),
    );
    assert!(g.get("members").is_none());
}

#[test]
fn remove_with_a_value_list_removes_those_members() {
    let g = patched(
        group(),
        &ops(json!([{"op": "remove", "path": "members", "value": [{"value": OLD_MEMBER}]}])),
    );
    assert_eq!(
        g["members"],
        json!([{"value": "2819c223-7f76-453a-919d-413861904646", "display": "Babs Jensen"}])
    );
}

#[test]
fn rfc_replace_work_email_value() {
    let u = patched(
        user(),
        &ops(
            json!([{"op": "replace", "path": "emails[type eq \"work\"].value",
                     "value": "bjensen@example.org"}]),
        ),
    );
    assert_eq!(
        u["emails"],
        json!([
            {"value": "bjensen@example.org", "type": "work", "primary": true},
            {"value": "babs@jensen.org", "type": "home"}
        ])
    );
}

#[test]
fn replace_of_selected_elements_replaces_them_whole() {
    let u = patched(
        user(),
        &ops(json!([{"op": "replace", "path": "emails[type eq \"home\"]",
                     "value": {"value": "b@home.example", "type": "home"}}])),
    );
    assert_eq!(
        u["emails"][1],
        json!({"value": "b@home.example", "type": "home"})
    );
    assert_eq!(u["emails"][0]["value"], "bjensen@example.com");
}

#[test]
fn rfc_add_without_path_merges_attributes() {
    let u = patched(
        user(),
        &ops(json!([{"op": "add", "value": {
            "emails": [{"value": "babs@jensen.net", "type": "other"}],
            "nickName": "Babs"
        }}])),
    );
    assert_eq!(u["nickName"], "Babs");
    assert_eq!(u["emails"].as_array().map(Vec::len), Some(3));
    assert_eq!(
        u["emails"][2],
        json!({"value": "babs@jensen.net", "type": "other"})
    );
}

#[test]
fn add_to_a_complex_attribute_merges_sub_attributes() {
    let u = patched(
        user(),
        &ops(json!([{"op": "add", "path": "name", "value": {"middleName": "Jane"}}])),
    );
    assert_eq!(
        u["name"],
        json!({"familyName": "Jensen", "givenName": "Barbara", "middleName": "Jane"})
    );
}

#[test]
fn add_with_a_value_filter_sets_a_sub_attribute_on_matching_elements() {
    let u = patched(
        user(),
        &ops(json!([{"op": "add", "path": "emails[type eq \"home\"].display", "value": "Home"}])),
    );
    assert_eq!(u["emails"][1]["display"], "Home");
    assert!(u["emails"][0].get("display").is_none());
}

#[test]
fn replace_sub_attribute_and_unknown_attribute() {
    let u = patched(
        user(),
        &ops(json!([
            {"op": "replace", "path": "name.familyName", "value": "Smith"},
            {"op": "replace", "path": "title", "value": "Tour Guide"}
        ])),
    );
    assert_eq!(
        u["name"],
        json!({"familyName": "Smith", "givenName": "Barbara"})
    );
    assert_eq!(u["title"], "Tour Guide");
}

#[test]
fn replace_with_null_unassigns() {
    let u = patched(
        user(),
        &ops(json!([{"op": "replace", "path": "displayName", "value": null}])),
    );
    assert!(u.get("displayName").is_none());
}

#[test]
fn setting_a_new_primary_clears_the_old_one() {
    let u = patched(
        user(),
        &ops(json!([{"op": "add", "path": "emails",
                     "value": [{"value": "new@example.com", "type": "work", "primary": true}]}])),
    );
    assert_eq!(u["emails"][0]["primary"], false);
    assert_eq!(u["emails"][2]["primary"], true);
    let u = patched(
        user(),
        &ops(json!([{"op": "replace", "path": "emails[type eq \"home\"].primary", "value": true}])),
    );
    assert_eq!(u["emails"][0]["primary"], false);
    assert_eq!(u["emails"][1]["primary"], true);
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

#[test]
fn rfc_remove_without_path_is_no_target() {
    let e = failing(&user(), &ops(json!([{"op": "remove"}])));
    assert_eq!(e.scim_type, ScimType::NoTarget);
}

#[test]
fn rfc_replace_of_read_only_id_is_mutability() {
    let e = failing(
        &user(),
        &ops(json!([{"op": "replace", "path": "id", "value": "x"}])),
    );
    assert_eq!(e.scim_type, ScimType::Mutability);
    assert!(e.detail.starts_with("Operations[0]"), "{}", e.detail);
    let e = failing(
        &user(),
        &ops(json!([{"op": "remove", "path": "meta.version"}])),
    );
    assert_eq!(e.scim_type, ScimType::Mutability);
    // The same value is accepted.
    let same = ops(
        json!([{"op": "replace", "path": "id", "value": "2819c223-7f76-453a-919d-413861904646"}]),
    );
    assert_eq!(patched(user(), &same), user());
}

#[test]
fn removing_a_required_attribute_is_mutability() {
    let e = failing(&user(), &ops(json!([{"op": "remove", "path": "userName"}])));
    assert_eq!(e.scim_type, ScimType::Mutability);
    let e = failing(
        &user(),
        &ops(json!([{"op": "replace", "value": {"userName": null}}])),
    );
    assert_eq!(e.scim_type, ScimType::Mutability);
}

#[test]
fn rfc_invalid_path_syntax_is_invalid_path() {
    for path in [
        "members[value eq",
        "members[value eq \"x\"",
        "1name",
        "name..x",
        "emails[type eq \"a\"]x",
    ] {
        let e = failing(
            &group(),
            &ops(json!([{"op": "replace", "path": path, "value": "x"}])),
        );
        assert_eq!(e.scim_type, ScimType::InvalidPath, "{path}");
    }
}

#[test]
fn rfc_replace_with_a_filter_matching_nothing_is_no_target() {
    let e = failing(
        &group(),
        &ops(
            json!([{"op": "replace", "path": "members[value eq \"nobody\"].display", "value": "x"}]),
        ),
    );
    assert_eq!(e.scim_type, ScimType::NoTarget);
    let e = failing(
        &user(),
        &ops(
            json!([{"op": "replace", "path": "phoneNumbers[type eq \"work\"]",
                     "value": {"value": "1"}}]),
        ),
    );
    assert_eq!(e.scim_type, ScimType::NoTarget);
}

#[test]
fn path_less_add_needs_an_object() {
    let e = failing(&user(), &ops(json!([{"op": "add", "value": "x"}])));
    assert_eq!(e.scim_type, ScimType::InvalidValue);
    let e = failing(&user(), &ops(json!([{"op": "add", "path": "title"}])));
    assert_eq!(e.scim_type, ScimType::InvalidValue);
}

#[test]
fn failing_second_operation_leaves_the_resource_unchanged() {
    let patch = ops(json!([
        {"op": "replace", "path": "displayName", "value": "Changed"},
        {"op": "add", "path": "members", "value": [{"value": NEW_MEMBER}]},
        {"op": "replace", "path": "id", "value": "other"}
    ]));
    let e = failing(&group(), &patch);
    assert_eq!(e.scim_type, ScimType::Mutability);
    assert!(e.detail.starts_with("Operations[2]"), "{}", e.detail);
}

#[test]
fn too_many_or_no_operations_are_rejected() {
    let many = PatchOp::new(vec![
        PatchOperation::replace(json!({"active": false}));
        MAX_OPERATIONS + 1
    ]);
    assert_eq!(failing(&user(), &many).scim_type, ScimType::TooMany);
    let allowed = PatchOp::new(vec![
        PatchOperation::replace(json!({"active": false}));
        MAX_OPERATIONS
    ]);
    assert_eq!(patched(user(), &allowed)["active"], false);
    assert_eq!(
        failing(&user(), &PatchOp::new(vec![])).scim_type,
        ScimType::InvalidSyntax
    );
    let wrong_schema =
        body(json!({"schemas": ["urn:x"], "Operations": [{"op": "remove", "path": "title"}]}));
    assert_eq!(
        failing(&user(), &wrong_schema).scim_type,
        ScimType::InvalidSyntax
    );
}

#[test]
fn deeply_nested_values_are_rejected() {
    let mut deep = json!("x");
    for _ in 0..40 {
        deep = json!([deep]);
    }
    let e = failing(
        &user(),
        &ops(json!([{"op": "add", "path": "x", "value": deep}])),
    );
    assert_eq!(e.scim_type, ScimType::InvalidValue);
}

#[test]
fn non_object_resource_is_rejected() {
    let e = failing(
        &json!([1]),
        &ops(json!([{"op": "remove", "path": "title"}])),
    );
    assert_eq!(e.scim_type, ScimType::InvalidValue);
}

// ---------------------------------------------------------------------------------------------
// Extensions and names
// ---------------------------------------------------------------------------------------------

#[test]
fn enterprise_extension_add_via_urn_path_creates_it_and_lists_its_schema() {
    let u = patched(
        user(),
        &ops(
            json!([{"op": "add", "path": format!("{ENTERPRISE}:employeeNumber"), "value": "701984"}]),
        ),
    );
    assert_eq!(u[ENTERPRISE], json!({"employeeNumber": "701984"}));
    assert_eq!(u["schemas"], json!([CORE_USER, ENTERPRISE]));

    let u = patched(
        u,
        &ops(
            json!([{"op": "replace", "path": format!("{ENTERPRISE}:manager.value"), "value": "26118915"}]),
        ),
    );
    assert_eq!(u[ENTERPRISE]["manager"], json!({"value": "26118915"}));

    // Removing the last attributes removes the extension and its schema URN.
    let u = patched(
        u,
        &ops(json!([
            {"op": "remove", "path": format!("{ENTERPRISE}:employeeNumber")},
            {"op": "remove", "path": format!("{ENTERPRISE}:manager")}
        ])),
    );
    assert!(u.get(ENTERPRISE).is_none());
    assert_eq!(u["schemas"], json!([CORE_USER]));
}

#[test]
fn extension_object_in_a_path_less_value_is_merged() {
    let u = patched(
        user(),
        &ops(json!([{"op": "add", "value": {ENTERPRISE: {"department": "Tour Operations"}}}])),
    );
    assert_eq!(u[ENTERPRISE], json!({"department": "Tour Operations"}));
    assert_eq!(u["schemas"], json!([CORE_USER, ENTERPRISE]));
    let u = patched(
        u,
        &ops(json!([{"op": "replace", "path": ENTERPRISE, "value": {"costCenter": "4130"}}])),
    );
    assert_eq!(
        u[ENTERPRISE],
        json!({"department": "Tour Operations", "costCenter": "4130"})
    );
    let u = patched(u, &ops(json!([{"op": "remove", "path": ENTERPRISE}])));
    assert!(u.get(ENTERPRISE).is_none());
    assert_eq!(u["schemas"], json!([CORE_USER]));
}

#[test]
fn core_urn_paths_target_top_level_attributes() {
    let u = patched(
        user(),
        &ops(json!([{"op": "replace", "path": format!("{CORE_USER}:displayName"), "value": "B"}])),
    );
    assert_eq!(u["displayName"], "B");
    assert!(u.get(CORE_USER).is_none());
}

#[test]
fn path_keys_in_a_path_less_value_are_followed() {
    let u = patched(
        user(),
        &ops(json!([{"op": "replace", "value": {
            "name.givenName": "Babs",
            format!("{ENTERPRISE}:employeeNumber"): "42"
        }}])),
    );
    assert_eq!(u["name"]["givenName"], "Babs");
    assert_eq!(u[ENTERPRISE], json!({"employeeNumber": "42"}));
}

#[test]
fn attribute_names_match_ignoring_case_and_keep_the_existing_key() {
    let u = patched(
        user(),
        &ops(json!([
            {"op": "replace", "path": "DISPLAYNAME", "value": "B"},
            {"op": "replace", "value": {"Active": false}},
            {"op": "replace", "path": "NAME.GIVENNAME", "value": "Babs"},
            {"op": "replace", "path": "Emails[TYPE eq \"WORK\"].Value", "value": "w@example.com"}
        ])),
    );
    let keys: Vec<&String> = u
        .as_object()
        .map(|o| o.keys().collect())
        .unwrap_or_default();
    assert!(!keys
        .iter()
        .any(|k| *k == "DISPLAYNAME" || *k == "Active" || *k == "NAME"));
    assert_eq!(u["displayName"], "B");
    assert_eq!(u["active"], false);
    assert_eq!(
        u["name"],
        json!({"familyName": "Jensen", "givenName": "Babs"})
    );
    assert_eq!(u["emails"][0]["value"], "w@example.com");
    assert!(u["emails"][0].get("Value").is_none());
}

#[test]
fn scim_type_names_and_statuses() {
    assert_eq!(ScimType::NoTarget.as_str(), "noTarget");
    assert_eq!(ScimType::InvalidFilter.to_string(), "invalidFilter");
    assert_eq!(
        serde_json::to_value(ScimType::Mutability).ok(),
        Some(json!("mutability"))
    );
    assert_eq!(
        serde_json::from_value::<ScimType>(json!("invalidPath")).ok(),
        Some(ScimType::InvalidPath)
    );
    assert_eq!(ScimType::from_name("tooMany"), Some(ScimType::TooMany));
    assert_eq!(ScimType::Uniqueness.http_status(), 409);
    assert_eq!(ScimType::InvalidValue.http_status(), 400);
    let e = PatchError::new(ScimType::NoTarget, "nothing");
    assert_eq!(e.to_string(), "noTarget: nothing");
}
