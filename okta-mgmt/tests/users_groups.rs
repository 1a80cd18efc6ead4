//! The typed users and groups API against the fake org, and the forward-compatible models.

use std::collections::HashSet;
use std::time::Duration;

use futures_util::TryStreamExt;
use okta_mgmt::core::secrecy::SecretString;
use okta_mgmt::core::{Client, Config, Error};
use okta_mgmt::{
    Field, Group, GroupProfile, GroupType, Okta, User, UserProfile, UserProfileUpdate, UserStatus,
};
use okta_testkit::FakeOrg;
use serde_json::{json, Value};

fn okta(org: &FakeOrg) -> Okta {
    let config = Config::builder()
        .org_url(org.url())
        .api_token(org.api_token())
        .request_timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    Okta::new(Client::new(config).unwrap())
}

fn ada() -> UserProfile {
    UserProfile::new("ada@example.com")
        .email("ada@example.com")
        .first_name("Ada")
        .last_name("Lovelace")
}

#[tokio::test]
async fn create_get_by_id_and_login_then_delete_in_two_steps() {
    let org = FakeOrg::start().await.unwrap();
    let okta = okta(&org);
    let created = okta
        .users()
        .create(ada().custom("favoriteColor", "green"))
        .password(SecretString::from("Secr3t-Passw0rd!"))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status, UserStatus::Active);
    assert_eq!(created.profile.login, "ada@example.com");
    assert_eq!(created.profile.first_name.as_deref(), Some("Ada"));
    assert_eq!(created.profile.custom["favoriteColor"], "green");
    assert!(created.password_changed.is_some());
    assert!(created.type_.is_some());
    assert!(created
        .links
        .as_ref()
        .is_some_and(|l| l.contains_key("self")));

    let by_id = okta.users().get(&created.id).await.unwrap();
    let by_login = okta.users().get("ada@example.com").await.unwrap();
    assert_eq!(by_id, created);
    assert_eq!(by_login.id, created.id);

    okta.users().delete(&created.id).await.unwrap();
    let deactivated = okta.users().get(&created.id).await.unwrap();
    assert_eq!(deactivated.status, UserStatus::Deprovisioned);
    okta.users().delete(&created.id).await.unwrap();
    let gone = okta.users().get(&created.id).await.unwrap_err();
    assert!(gone.is_not_found());
    org.shutdown().await;
}

#[tokio::test]
async fn create_staged_in_groups_and_password_stays_out_of_debug() {
    let org = FakeOrg::start().await.unwrap();
    let okta = okta(&org);
    let group_id = org.create_group("Engineering");
    let request = okta
        .users()
        .create(ada())
        .activate(false)
        .password(SecretString::from("Secr3t-Passw0rd!"))
        .group_ids([group_id.as_str()]);
    let debug = format!("{request:?}");
    assert!(!debug.contains("Secr3t"), "{debug}");
    let user = request.send().await.unwrap();
    assert_eq!(user.status, UserStatus::Staged);
    let groups: Vec<Group> = okta.users().groups(&user.id).try_collect().await.unwrap();
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].id, group_id);
    assert_eq!(groups[0].type_, Some(GroupType::OktaGroup));
    org.shutdown().await;
}

#[tokio::test]
async fn partial_update_sends_only_set_fields_and_null_clears() {
    let org = FakeOrg::start().await.unwrap();
    let okta = okta(&org);
    let id = org.create_user(json!({
        "login": "grace@example.com",
        "email": "grace@example.com",
        "firstName": "Grace",
        "lastName": "Hopper",
        "mobilePhone": "+1 555 0100",
        "department": "Navy",
        "costCenter": "CC-1",
    }));
    let mut update = UserProfileUpdate::default()
        .set_title("Rear Admiral")
        .clear_mobile_phone()
        .custom("shipName", "USS Hopper");
    update.department = Field::Null;
    let user = okta.users().update(&id, update).await.unwrap();
    assert_eq!(user.profile.title.as_deref(), Some("Rear Admiral"));
    assert_eq!(user.profile.mobile_phone, None);
    assert_eq!(user.profile.department, None);
    assert_eq!(user.profile.custom["shipName"], "USS Hopper");
    // Untouched attributes stay.
    assert_eq!(user.profile.first_name.as_deref(), Some("Grace"));
    assert_eq!(user.profile.cost_center.as_deref(), Some("CC-1"));
    assert_eq!(user.profile.login, "grace@example.com");
    org.shutdown().await;
}

#[tokio::test]
async fn custom_profile_attributes_survive_get_then_replace() {
    let org = FakeOrg::start().await.unwrap();
    let okta = okta(&org);
    let id = org.create_user(json!({
        "login": "linus@example.com",
        "email": "linus@example.com",
        "firstName": "Linus",
        "lastName": "Torvalds",
        "favoriteEditor": "uemacs",
        "shoeSize": 44,
        "tags": ["kernel", "git"],
    }));
    let mut user = okta.users().get(&id).await.unwrap();
    assert_eq!(user.profile.custom["shoeSize"], 44);
    user.profile.title = Some("Maintainer".into());
    user.profile.last_name = None;
    let replaced = okta.users().replace(&id, &user).await.unwrap();
    assert_eq!(replaced.profile.title.as_deref(), Some("Maintainer"));
    assert_eq!(replaced.profile.last_name, None, "PUT replaces the profile");
    assert_eq!(replaced.profile.custom["favoriteEditor"], "uemacs");
    assert_eq!(replaced.profile.custom["shoeSize"], 44);
    assert_eq!(replaced.profile.custom["tags"], json!(["kernel", "git"]));
    let fetched = okta.users().get(&id).await.unwrap();
    assert_eq!(fetched.profile, replaced.profile);
    org.shutdown().await;
}

#[tokio::test]
async fn lifecycle_transitions_change_status() {
    let org = FakeOrg::start().await.unwrap();
    let okta = okta(&org);
    let users = okta.users();
    let user = users.create(ada()).activate(false).send().await.unwrap();
    assert_eq!(user.status, UserStatus::Staged);

    let token = users.activate(&user.id, false).await.unwrap();
    assert!(token.activation_token.is_some());
    assert!(token.activation_url.is_some());
    assert!(!format!("{token:?}").contains(&org.url()));
    assert_eq!(
        users.get(&user.id).await.unwrap().status,
        UserStatus::Active
    );

    users.suspend(&user.id).await.unwrap();
    assert_eq!(
        users.get(&user.id).await.unwrap().status,
        UserStatus::Suspended
    );
    let twice = users.suspend(&user.id).await.unwrap_err();
    assert_eq!(twice.status().map(|s| s.as_u16()), Some(400));

    users.unsuspend(&user.id).await.unwrap();
    assert_eq!(
        users.get(&user.id).await.unwrap().status,
        UserStatus::Active
    );

    users.deactivate(&user.id).await.unwrap();
    assert_eq!(
        users.get(&user.id).await.unwrap().status,
        UserStatus::Deprovisioned
    );

    let again = users.activate(&user.id, true).await.unwrap();
    assert!(again.activation_token.is_none());
    assert_eq!(
        users.get(&user.id).await.unwrap().status,
        UserStatus::Active
    );
    org.shutdown().await;
}

#[tokio::test]
async fn stream_follows_link_pages_and_yields_each_user_once() {
    let org = FakeOrg::start().await.unwrap();
    let ids: HashSet<String> = org.seed_users(45).into_iter().collect();
    let okta = okta(&org);
    let mut stream = okta.users().list().limit(10).stream();
    let mut seen = Vec::new();
    while let Some(user) = stream.try_next().await.unwrap() {
        seen.push(user.id);
    }
    assert_eq!(stream.pages_fetched(), 5);
    assert_eq!(seen.len(), 45);
    assert_eq!(seen.iter().cloned().collect::<HashSet<_>>(), ids);

    let page = okta.users().list().limit(10).page().await.unwrap();
    assert_eq!(page.items.len(), 10);
    let next = page.next.expect("a next link");
    assert!(next.query().is_some_and(|q| q.contains("after=")));
    org.shutdown().await;
}

#[tokio::test]
async fn list_with_search_filter_and_q() {
    let org = FakeOrg::start().await.unwrap();
    org.seed_users(5);
    org.create_user(json!({
        "login": "eng1@example.com", "email": "eng1@example.com",
        "firstName": "Eng", "lastName": "One", "department": "Engineering",
    }));
    org.create_user(json!({
        "login": "eng2@example.com", "email": "eng2@example.com",
        "firstName": "Eng", "lastName": "Two", "department": "Engineering",
    }));
    let okta = okta(&org);

    let engineers: Vec<User> = okta
        .users()
        .list()
        .search(r#"profile.department eq "Engineering""#)
        .stream()
        .try_collect()
        .await
        .unwrap();
    let logins: HashSet<_> = engineers.iter().map(|u| u.profile.login.as_str()).collect();
    assert_eq!(
        logins,
        HashSet::from(["eng1@example.com", "eng2@example.com"])
    );

    let active: Vec<User> = okta
        .users()
        .list()
        .filter(r#"status eq "ACTIVE""#)
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(active.len(), 7);

    let picked = okta.users().list().q("Eng").page().await.unwrap();
    assert_eq!(picked.items.len(), 2);

    let last = org.requests().pop().unwrap();
    assert_eq!(last.path, "/api/v1/users");
    assert_eq!(last.query.as_deref(), Some("q=Eng"));
    org.shutdown().await;
}

#[tokio::test]
async fn logins_with_reserved_characters_are_percent_encoded() {
    let org = FakeOrg::start().await.unwrap();
    let okta = okta(&org);
    let id = org.create_user(json!({"login": "a/b c@example.com", "email": "ab@example.com"}));
    let user = okta.users().get("a/b c@example.com").await.unwrap();
    assert_eq!(user.id, id);
    let last = org.requests().pop().unwrap();
    assert!(
        last.path.contains("%2F") || last.path.contains("%2f"),
        "{}",
        last.path
    );
    org.shutdown().await;
}

#[tokio::test]
async fn missing_user_is_an_api_error_e0000007() {
    let org = FakeOrg::start().await.unwrap();
    let okta = okta(&org);
    let error = okta.users().get("00unotthere").await.unwrap_err();
    assert!(matches!(error, Error::Api(_)), "{error:?}");
    assert!(error.is_not_found());
    assert_eq!(error.error_code(), Some("E0000007"));
    assert!(error.request_id().is_some());

    let group_error = okta.groups().get("00gnotthere").await.unwrap_err();
    assert_eq!(group_error.error_code(), Some("E0000007"));
    org.shutdown().await;
}

#[tokio::test]
async fn groups_crud_and_membership() {
    let org = FakeOrg::start().await.unwrap();
    let okta = okta(&org);
    let groups = okta.groups();
    let user_ids = org.seed_users(3);

    let group = groups
        .create(GroupProfile::new("Engineering").description("Builders"))
        .await
        .unwrap();
    assert_eq!(group.profile.name, "Engineering");
    assert_eq!(group.profile.description.as_deref(), Some("Builders"));
    assert_eq!(group.type_, Some(GroupType::OktaGroup));
    assert_eq!(group.object_class, ["okta:user_group"]);
    assert_eq!(groups.get(&group.id).await.unwrap(), group);

    let replaced = groups
        .replace(&group.id, GroupProfile::new("Engineering EU"))
        .await
        .unwrap();
    assert_eq!(replaced.profile.name, "Engineering EU");
    assert_eq!(replaced.profile.description, None);

    org.create_group("Sales");
    let all: Vec<Group> = groups.list().limit(1).stream().try_collect().await.unwrap();
    assert_eq!(all.len(), 2);
    let found = groups.list().q("Eng").page().await.unwrap();
    assert_eq!(found.items.len(), 1);
    assert_eq!(found.items[0].id, group.id);

    for id in &user_ids {
        groups.add_user(&group.id, id).await.unwrap();
    }
    groups.add_user(&group.id, &user_ids[0]).await.unwrap();
    let members: Vec<User> = groups.users(&group.id).try_collect().await.unwrap();
    let member_ids: Vec<&str> = members.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(member_ids, user_ids);

    groups.remove_user(&group.id, &user_ids[1]).await.unwrap();
    let members: Vec<User> = groups.users(&group.id).try_collect().await.unwrap();
    assert_eq!(members.len(), 2);
    assert!(members.iter().all(|u| u.id != user_ids[1]));

    groups.delete(&group.id).await.unwrap();
    assert!(groups.get(&group.id).await.unwrap_err().is_not_found());
    org.shutdown().await;
}

#[test]
fn unknown_status_and_fields_survive_decode_and_encode() {
    let wire = json!({
        "id": "00u1",
        "status": "SOMETHING_NEW",
        "created": "2026-01-01T00:00:00.000Z",
        "activated": null,
        "statusChanged": null,
        "lastLogin": null,
        "lastUpdated": "2026-01-01T00:00:00.000Z",
        "passwordChanged": null,
        "realmId": "guo1",
        "futureThing": {"nested": [1, 2, 3]},
        "type": {"id": "oty1"},
        "profile": {
            "login": "x@example.com",
            "email": "x@example.com",
            "firstName": "X",
            "lastName": null,
            "employeeBadge": 7,
        },
        "credentials": {"provider": {"type": "OKTA", "name": "OKTA"}},
        "_links": {"self": {"href": "https://example.okta.com/api/v1/users/00u1"}},
    });
    let user: User = serde_json::from_value(wire.clone()).unwrap();
    assert_eq!(user.status, UserStatus::Unknown("SOMETHING_NEW".into()));
    assert!(user.status.is_unknown());
    assert_eq!(user.status.to_string(), "SOMETHING_NEW");
    assert_eq!(user.extra["futureThing"], json!({"nested": [1, 2, 3]}));
    assert_eq!(user.extra["realmId"], "guo1");
    assert_eq!(user.profile.custom["employeeBadge"], 7);

    let back = serde_json::to_value(&user).unwrap();
    let mut expected = wire;
    // `null` timestamps and attributes are written back as absent: the same for Okta.
    if let Value::Object(map) = &mut expected {
        map.retain(|_, v| !v.is_null());
        if let Some(Value::Object(profile)) = map.get_mut("profile") {
            profile.retain(|_, v| !v.is_null());
        }
    }
    assert_eq!(back, expected);
}

#[test]
fn known_and_unknown_enum_values_round_trip() {
    for wire in [
        "STAGED",
        "PROVISIONED",
        "ACTIVE",
        "RECOVERY",
        "PASSWORD_EXPIRED",
        "LOCKED_OUT",
        "SUSPENDED",
        "DEPROVISIONED",
        "NEW_ONE",
    ] {
        let status: UserStatus = serde_json::from_value(json!(wire)).unwrap();
        assert_eq!(status.is_unknown(), wire == "NEW_ONE");
        assert_eq!(status.as_str(), wire);
        assert_eq!(serde_json::to_value(&status).unwrap(), json!(wire));
    }
    let group_type: GroupType = serde_json::from_value(json!("BUILT_IN")).unwrap();
    assert_eq!(group_type, GroupType::BuiltIn);
    let group_type: GroupType = "NEW_KIND".parse().unwrap();
    assert_eq!(group_type, GroupType::Unknown("NEW_KIND".into()));
}

#[test]
fn field_three_states_serialize_distinctly() {
    #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
    struct Patch {
        #[serde(default, skip_serializing_if = "Field::is_unchanged")]
        a: Field<String>,
    }
    let absent = Patch {
        a: Field::Unchanged,
    };
    let null = Patch { a: Field::Null };
    let value = Patch {
        a: Field::Value("v".into()),
    };
    assert_eq!(serde_json::to_value(&absent).unwrap(), json!({}));
    assert_eq!(serde_json::to_value(&null).unwrap(), json!({"a": null}));
    assert_eq!(serde_json::to_value(&value).unwrap(), json!({"a": "v"}));

    assert_eq!(serde_json::from_value::<Patch>(json!({})).unwrap(), absent);
    assert_eq!(
        serde_json::from_value::<Patch>(json!({"a": null})).unwrap(),
        null
    );
    assert_eq!(
        serde_json::from_value::<Patch>(json!({"a": "v"})).unwrap(),
        value
    );

    // An Unchanged field serialized on its own fails rather than becoming a silent null.
    assert!(serde_json::to_value(Field::<String>::Unchanged).is_err());

    let update = UserProfileUpdate::default();
    assert!(update.is_empty());
    assert_eq!(serde_json::to_value(&update).unwrap(), json!({}));
    let mut update = UserProfileUpdate::default().custom("cleared", Value::Null);
    update.first_name = Field::Value("Ada".into());
    update.nick_name = Field::Null;
    assert_eq!(
        serde_json::to_value(&update).unwrap(),
        json!({"firstName": "Ada", "nickName": null, "cleared": null})
    );
}

#[test]
fn group_keeps_unknown_fields_and_type() {
    let wire = json!({
        "id": "00g1",
        "created": "2026-01-01T00:00:00.000Z",
        "lastUpdated": "2026-01-01T00:00:00.000Z",
        "lastMembershipUpdated": "2026-01-01T00:00:00.000Z",
        "objectClass": ["okta:windows_security_principal"],
        "type": "SYNCED_GROUP",
        "profile": {"name": "AD", "description": null, "samAccountName": "ad"},
        "source": {"id": "0oa1"},
        "_embedded": {"stats": {"usersCount": 3}},
    });
    let group: Group = serde_json::from_value(wire.clone()).unwrap();
    assert_eq!(group.type_, Some(GroupType::Unknown("SYNCED_GROUP".into())));
    assert_eq!(group.profile.custom["samAccountName"], "ad");
    assert_eq!(group.extra["source"], json!({"id": "0oa1"}));
    assert_eq!(serde_json::to_value(&group).unwrap(), wire);
}

#[test]
fn api_futures_and_streams_are_send() {
    fn send<T: Send>(_: &T) {}
    let config = Config::builder()
        .org_url("https://example.okta.com")
        .api_token("token")
        .build()
        .unwrap();
    let okta = Okta::new(Client::new(config).unwrap());
    let users = okta.users();
    let groups = okta.groups();
    send(&users.get("x"));
    send(&users.update("x", UserProfileUpdate::default()));
    send(&users.create(UserProfile::new("x")).send());
    send(&users.activate("x", false));
    send(&users.list().page());
    send(&users.list().stream());
    send(&groups.create(GroupProfile::new("g")));
    send(&groups.add_user("g", "u"));
    send(&groups.list().page());
}
