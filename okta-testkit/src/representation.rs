//! The JSON representations of users and groups, serialized straight from the store
//! (no intermediate `serde_json::Value`, so a page of 200 users is cheap to answer).

use std::fmt;

use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

use crate::clock::Iso8601;
use crate::store::{Group, User};

/// The id of the default user type every user has.
pub(crate) const DEFAULT_USER_TYPE: &str = "oty1fakedefault0type";

/// A `Display` value serialized as a JSON string.
#[derive(Clone, Copy, Debug)]
struct AsString<T>(T);

impl<T: fmt::Display> Serialize for AsString<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

/// `{base_url}/api/v1/{collection}/{id}{suffix}`.
#[derive(Clone, Copy, Debug)]
struct Href<'a> {
    base_url: &'a str,
    collection: &'static str,
    id: &'a str,
    suffix: &'static str,
}

impl fmt::Display for Href<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Href {
            base_url,
            collection,
            id,
            suffix,
        } = self;
        write!(f, "{base_url}/api/v1/{collection}/{id}{suffix}")
    }
}

/// `{"href": "..."}`.
#[derive(Serialize)]
struct Link<'a> {
    href: AsString<Href<'a>>,
}

impl<'a> Link<'a> {
    fn new(base_url: &'a str, collection: &'static str, id: &'a str, suffix: &'static str) -> Self {
        Self {
            href: AsString(Href {
                base_url,
                collection,
                id,
                suffix,
            }),
        }
    }
}

#[derive(Serialize)]
struct Provider {
    #[serde(rename = "type")]
    kind: &'static str,
    name: &'static str,
}

#[derive(Serialize)]
struct Credentials {
    /// `{}` when the user has a password, absent otherwise: never the password itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    password: Option<Map<String, Value>>,
    provider: Provider,
}

#[derive(Serialize)]
struct UserType {
    id: &'static str,
}

#[derive(Serialize)]
struct UserLinks<'a> {
    #[serde(rename = "self")]
    this: Link<'a>,
}

/// A user as Okta answers it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct UserJson<'a> {
    id: &'a str,
    status: &'static str,
    created: Iso8601,
    activated: Option<Iso8601>,
    status_changed: Option<Iso8601>,
    last_login: Option<Iso8601>,
    last_updated: Iso8601,
    password_changed: Option<Iso8601>,
    #[serde(rename = "type")]
    user_type: UserType,
    profile: &'a Map<String, Value>,
    credentials: Credentials,
    #[serde(rename = "_links")]
    links: UserLinks<'a>,
}

impl<'a> UserJson<'a> {
    /// The representation of `user`, with links under `base_url`.
    pub(crate) fn new(user: &'a User, base_url: &'a str) -> Self {
        Self {
            id: &user.id,
            status: user.status.as_str(),
            created: Iso8601(user.created),
            activated: user.activated.map(Iso8601),
            status_changed: user.status_changed.map(Iso8601),
            last_login: None,
            last_updated: Iso8601(user.last_updated),
            password_changed: user.password_changed.map(Iso8601),
            user_type: UserType {
                id: DEFAULT_USER_TYPE,
            },
            profile: &user.profile,
            credentials: Credentials {
                password: user.password_changed.map(|_| Map::new()),
                provider: Provider {
                    kind: "OKTA",
                    name: "OKTA",
                },
            },
            links: UserLinks {
                this: Link::new(base_url, "users", &user.id, ""),
            },
        }
    }
}

/// A group's profile: its keys, without a `null` `description` (Okta's schema has it as a
/// string, so an unset description is left out).
struct GroupProfile<'a>(&'a Map<String, Value>);

impl Serialize for GroupProfile<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let profile = self.0;
        let mut map = serializer.serialize_map(None)?;
        for (key, value) in profile {
            if key == "description" && value.is_null() {
                continue;
            }
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

#[derive(Serialize)]
struct GroupLinks<'a> {
    #[serde(rename = "self")]
    this: Link<'a>,
    users: Link<'a>,
    apps: Link<'a>,
}

/// A group as Okta answers it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct GroupJson<'a> {
    id: &'a str,
    created: Iso8601,
    last_updated: Iso8601,
    last_membership_updated: Iso8601,
    object_class: [&'static str; 1],
    #[serde(rename = "type")]
    group_type: &'static str,
    profile: GroupProfile<'a>,
    #[serde(rename = "_links")]
    links: GroupLinks<'a>,
}

impl<'a> GroupJson<'a> {
    /// The representation of `group`, with links under `base_url`.
    pub(crate) fn new(group: &'a Group, base_url: &'a str) -> Self {
        Self {
            id: &group.id,
            created: Iso8601(group.created),
            last_updated: Iso8601(group.last_updated),
            last_membership_updated: Iso8601(group.last_membership_updated),
            object_class: ["okta:user_group"],
            group_type: "OKTA_GROUP",
            profile: GroupProfile(&group.profile),
            links: GroupLinks {
                this: Link::new(base_url, "groups", &group.id, ""),
                users: Link::new(base_url, "groups", &group.id, "/users"),
                apps: Link::new(base_url, "groups", &group.id, "/apps"),
            },
        }
    }
}
