//! The org's state: users, groups and group memberships.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Bound;

use serde_json::{Map, Value};

use crate::clock::iso8601;
use crate::documents::Collection;
use crate::errors::ApiError;
use crate::filter::Searchable;
use crate::ids::IdGenerator;
use crate::representation::DEFAULT_USER_TYPE;
use crate::system_log::SystemLog;

/// A user's lifecycle status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum UserStatus {
    Staged,
    Active,
    Suspended,
    Deprovisioned,
}

impl UserStatus {
    /// The status as Okta spells it.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            UserStatus::Staged => "STAGED",
            UserStatus::Active => "ACTIVE",
            UserStatus::Suspended => "SUSPENDED",
            UserStatus::Deprovisioned => "DEPROVISIONED",
        }
    }
}

/// A lifecycle operation (`POST /api/v1/users/{id}/lifecycle/{operation}`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lifecycle {
    Activate,
    Deactivate,
    Suspend,
    Unsuspend,
}

impl Lifecycle {
    /// The operation named by the last path segment, if supported.
    pub(crate) fn from_name(name: &str) -> Option<Self> {
        match name {
            "activate" => Some(Lifecycle::Activate),
            "deactivate" => Some(Lifecycle::Deactivate),
            "suspend" => Some(Lifecycle::Suspend),
            "unsuspend" => Some(Lifecycle::Unsuspend),
            _ => None,
        }
    }

    /// The System Log message of the operation.
    pub(crate) fn display_message(self) -> &'static str {
        match self {
            Lifecycle::Activate => "Activate Okta user",
            Lifecycle::Deactivate => "Deactivate Okta user",
            Lifecycle::Suspend => "Suspend Okta user",
            Lifecycle::Unsuspend => "Unsuspend Okta user",
        }
    }

    /// The operation's name in paths and event types.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Lifecycle::Activate => "activate",
            Lifecycle::Deactivate => "deactivate",
            Lifecycle::Suspend => "suspend",
            Lifecycle::Unsuspend => "unsuspend",
        }
    }

    /// The status after the operation, or `None` when it is not allowed from `from`.
    fn target(self, from: UserStatus) -> Option<UserStatus> {
        use UserStatus::{Active, Deprovisioned, Staged, Suspended};
        match (self, from) {
            (Lifecycle::Activate, Staged | Deprovisioned) => Some(Active),
            (Lifecycle::Deactivate, Staged | Active | Suspended) => Some(Deprovisioned),
            (Lifecycle::Suspend, Active) => Some(Suspended),
            (Lifecycle::Unsuspend, Suspended) => Some(Active),
            _ => None,
        }
    }
}

/// A user. Timestamps are milliseconds since the Unix epoch.
#[derive(Clone, Debug)]
pub(crate) struct User {
    pub(crate) id: String,
    pub(crate) status: UserStatus,
    pub(crate) created: i64,
    pub(crate) activated: Option<i64>,
    pub(crate) status_changed: Option<i64>,
    pub(crate) last_updated: i64,
    pub(crate) password_changed: Option<i64>,
    pub(crate) profile: Map<String, Value>,
}

impl User {
    fn login(&self) -> &str {
        self.profile
            .get("login")
            .and_then(Value::as_str)
            .unwrap_or_default()
    }

    /// Whether the user is deactivated.
    pub(crate) fn is_deprovisioned(&self) -> bool {
        self.status == UserStatus::Deprovisioned
    }

    fn set_status(&mut self, status: UserStatus, now: i64) {
        self.status = status;
        self.status_changed = Some(now);
        self.last_updated = now;
        if status == UserStatus::Active && self.activated.is_none() {
            self.activated = Some(now);
        }
    }
}

impl Searchable for User {
    fn knows(path: &str) -> bool {
        matches!(
            path,
            "id" | "status"
                | "created"
                | "activated"
                | "statusChanged"
                | "lastLogin"
                | "lastUpdated"
                | "passwordChanged"
                | "type.id"
        ) || path
            .strip_prefix("profile.")
            .is_some_and(|key| !key.is_empty())
    }

    fn attribute(&self, path: &str) -> Option<Cow<'_, Value>> {
        let owned = |value: Value| Some(Cow::Owned(value));
        let time = |millis: Option<i64>| millis.map(|m| Cow::Owned(Value::String(iso8601(m))));
        match path {
            "id" => owned(Value::String(self.id.clone())),
            "status" => owned(Value::String(self.status.as_str().to_owned())),
            "created" => time(Some(self.created)),
            "activated" => time(self.activated),
            "statusChanged" => time(self.status_changed),
            "lastUpdated" => time(Some(self.last_updated)),
            "passwordChanged" => time(self.password_changed),
            "type.id" => owned(Value::String(DEFAULT_USER_TYPE.to_owned())),
            _ => path
                .strip_prefix("profile.")
                .and_then(|key| self.profile.get(key))
                .map(Cow::Borrowed),
        }
    }

    fn matches_q(&self, q: &str) -> bool {
        ["firstName", "lastName", "email", "login"]
            .iter()
            .any(|key| {
                self.profile
                    .get(*key)
                    .and_then(Value::as_str)
                    .is_some_and(|value| starts_with_ignore_case(value, q))
            })
    }
}

/// A group (`OKTA_GROUP`). Timestamps are milliseconds since the Unix epoch.
#[derive(Clone, Debug)]
pub(crate) struct Group {
    pub(crate) id: String,
    pub(crate) created: i64,
    pub(crate) last_updated: i64,
    pub(crate) last_membership_updated: i64,
    pub(crate) profile: Map<String, Value>,
}

impl Group {
    fn name(&self) -> &str {
        self.profile
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or_default()
    }
}

impl Searchable for Group {
    fn knows(path: &str) -> bool {
        matches!(
            path,
            "id" | "type" | "created" | "lastUpdated" | "lastMembershipUpdated"
        ) || path
            .strip_prefix("profile.")
            .is_some_and(|key| !key.is_empty())
    }

    fn attribute(&self, path: &str) -> Option<Cow<'_, Value>> {
        let time = |millis: i64| Some(Cow::Owned(Value::String(iso8601(millis))));
        match path {
            "id" => Some(Cow::Owned(Value::String(self.id.clone()))),
            "type" => Some(Cow::Owned(Value::String("OKTA_GROUP".to_owned()))),
            "created" => time(self.created),
            "lastUpdated" => time(self.last_updated),
            "lastMembershipUpdated" => time(self.last_membership_updated),
            _ => path
                .strip_prefix("profile.")
                .and_then(|key| self.profile.get(key))
                .map(Cow::Borrowed),
        }
    }

    fn matches_q(&self, q: &str) -> bool {
        starts_with_ignore_case(self.name(), q)
    }
}

/// Whether `value` starts with `prefix_lowercase`, ignoring case.
fn starts_with_ignore_case(value: &str, prefix_lowercase: &str) -> bool {
    if value.is_ascii() && prefix_lowercase.is_ascii() {
        value
            .get(..prefix_lowercase.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix_lowercase))
    } else {
        value.to_lowercase().starts_with(prefix_lowercase)
    }
}

/// What a create-user request asks for.
#[derive(Debug, Default)]
pub(crate) struct NewUser {
    pub(crate) profile: Map<String, Value>,
    pub(crate) with_password: bool,
    pub(crate) group_ids: Vec<String>,
}

/// A non-blank string value of a profile key.
fn required_str<'a>(profile: &'a Map<String, Value>, key: &str) -> Result<&'a str, ApiError> {
    profile
        .get(key)
        .and_then(Value::as_str)
        .filter(|value| !value.trim().is_empty())
        .ok_or_else(|| ApiError::blank(key))
}

/// Users, groups and memberships, with the indexes the API needs.
#[derive(Debug, Default)]
pub(crate) struct Store {
    ids: IdGenerator,
    users: BTreeMap<String, User>,
    /// Lowercase login -> user id.
    logins: HashMap<String, String>,
    groups: BTreeMap<String, Group>,
    /// Lowercase group name -> group id.
    group_names: HashMap<String, String>,
    /// Group id -> member user ids.
    members: HashMap<String, BTreeSet<String>>,
    /// User id -> group ids.
    memberships: HashMap<String, BTreeSet<String>>,
    /// The last index used by [`Store::seed_users`].
    seeded: usize,
    /// Apps, zones, trusted origins, hooks, group rules and authorization servers.
    pub(crate) catalog: Catalog,
    /// The System Log.
    pub(crate) log: SystemLog,
}

/// The resources kept as JSON objects (see [`crate::documents`]).
#[derive(Debug)]
pub(crate) struct Catalog {
    /// Apps (`/api/v1/apps`).
    pub(crate) apps: Collection,
    /// App id -> the app's user assignments, by user id.
    pub(crate) app_users: HashMap<String, Collection>,
    /// App id -> the app's group assignments, by group id.
    pub(crate) app_groups: HashMap<String, Collection>,
    /// Network zones (`/api/v1/zones`).
    pub(crate) zones: Collection,
    /// Trusted origins (`/api/v1/trustedOrigins`).
    pub(crate) trusted_origins: Collection,
    /// Event hooks (`/api/v1/eventHooks`).
    pub(crate) event_hooks: Collection,
    /// Group rules (`/api/v1/groups/rules`).
    pub(crate) group_rules: Collection,
    /// Authorization servers (`/api/v1/authorizationServers`).
    pub(crate) auth_servers: Collection,
    /// Authorization server id -> its scopes.
    pub(crate) scopes: HashMap<String, Collection>,
    /// Authorization server id -> its claims.
    pub(crate) claims: HashMap<String, Collection>,
}

impl Default for Catalog {
    fn default() -> Self {
        Self {
            apps: Collection::new("AppInstance"),
            app_users: HashMap::new(),
            app_groups: HashMap::new(),
            zones: Collection::new("Zone"),
            trusted_origins: Collection::new("TrustedOrigin"),
            event_hooks: Collection::new("EventHook"),
            group_rules: Collection::new("GroupRule"),
            auth_servers: Collection::new("AuthorizationServer"),
            scopes: HashMap::new(),
            claims: HashMap::new(),
        }
    }
}

impl Store {
    /// A fresh resource id with a three-character prefix (`0oa` for apps...).
    pub(crate) fn new_id(&mut self, prefix: &str) -> String {
        self.ids.next(prefix)
    }

    /// The user with this id (or login), or `404 E0000007`.
    pub(crate) fn existing_user(&self, id_or_login: &str) -> Result<&User, ApiError> {
        self.find_user(id_or_login)
            .ok_or_else(|| ApiError::not_found(id_or_login, "User"))
    }

    /// The number of users, whatever their status.
    pub(crate) fn user_count(&self) -> usize {
        self.users.len()
    }

    /// Creates a user; `groupIds` must name existing groups.
    pub(crate) fn create_user(
        &mut self,
        new: NewUser,
        activate: bool,
        now: i64,
    ) -> Result<&User, ApiError> {
        let login = required_str(&new.profile, "login")?.to_owned();
        let key = login.to_lowercase();
        if self.logins.contains_key(&key) {
            return Err(ApiError::duplicate("login"));
        }
        if let Some(missing) = new
            .group_ids
            .iter()
            .find(|id| !self.groups.contains_key(*id))
        {
            return Err(ApiError::not_found(missing, "UserGroup"));
        }
        let id = self.ids.next("00u");
        let status = if activate {
            UserStatus::Active
        } else {
            UserStatus::Staged
        };
        let user = User {
            id: id.clone(),
            status,
            created: now,
            activated: activate.then_some(now),
            status_changed: activate.then_some(now),
            last_updated: now,
            password_changed: new.with_password.then_some(now),
            profile: new.profile,
        };
        self.logins.insert(key, id.clone());
        self.users.insert(id.clone(), user);
        for group_id in &new.group_ids {
            self.add_member(group_id, &id, now)?;
        }
        self.user(&id)
    }

    /// Creates `n` active users `user{i}@example.com` quickly and returns their ids.
    pub(crate) fn seed_users(&mut self, n: usize, now: i64) -> Vec<String> {
        let mut created = Vec::with_capacity(n);
        while created.len() < n {
            self.seeded += 1;
            let i = self.seeded;
            let login = format!("user{i}@example.com");
            if self.logins.contains_key(&login) {
                continue;
            }
            let mut profile = Map::new();
            profile.insert("firstName".to_owned(), Value::from("User"));
            profile.insert("lastName".to_owned(), Value::from(i.to_string()));
            profile.insert("email".to_owned(), Value::from(login.clone()));
            profile.insert("login".to_owned(), Value::from(login));
            let new = NewUser {
                profile,
                ..NewUser::default()
            };
            if let Ok(user) = self.create_user(new, true, now) {
                created.push(user.id.clone());
            }
        }
        created
    }

    /// The user with this id, or else with this login (ignoring case).
    pub(crate) fn find_user(&self, id_or_login: &str) -> Option<&User> {
        self.users.get(id_or_login).or_else(|| {
            self.logins
                .get(&id_or_login.to_lowercase())
                .and_then(|id| self.users.get(id))
        })
    }

    fn user_id(&self, id_or_login: &str) -> Result<String, ApiError> {
        self.find_user(id_or_login)
            .map(|user| user.id.clone())
            .ok_or_else(|| ApiError::not_found(id_or_login, "User"))
    }

    fn user(&self, id: &str) -> Result<&User, ApiError> {
        self.users
            .get(id)
            .ok_or_else(|| ApiError::not_found(id, "User"))
    }

    fn user_mut(&mut self, id: &str) -> Result<&mut User, ApiError> {
        self.users
            .get_mut(id)
            .ok_or_else(|| ApiError::not_found(id, "User"))
    }

    /// Users after the cursor `after` (exclusive), in id order.
    pub(crate) fn users_after<'a>(
        &'a self,
        after: Option<&str>,
    ) -> impl Iterator<Item = &'a User> + 'a {
        range_after(&self.users, after)
    }

    /// Updates a user's profile: merged key by key (a `null` removes the key) when
    /// `replace` is false, replaced whole when it is true. The login stays required and unique.
    pub(crate) fn update_user(
        &mut self,
        id_or_login: &str,
        profile: Option<Map<String, Value>>,
        with_password: bool,
        replace: bool,
        now: i64,
    ) -> Result<&User, ApiError> {
        let id = self.user_id(id_or_login)?;
        let current = self.user(&id)?;
        let old_login = current.login().to_lowercase();
        let mut next = if replace {
            Map::new()
        } else {
            current.profile.clone()
        };
        if let Some(changes) = profile {
            for (key, value) in changes {
                if value.is_null() && !replace {
                    next.remove(&key);
                } else {
                    next.insert(key, value);
                }
            }
        }
        let new_login = required_str(&next, "login")?.to_lowercase();
        if new_login != old_login {
            if self.logins.contains_key(&new_login) {
                return Err(ApiError::duplicate("login"));
            }
            self.logins.remove(&old_login);
            self.logins.insert(new_login, id.clone());
        }
        let user = self.user_mut(&id)?;
        user.profile = next;
        user.last_updated = now;
        if with_password {
            user.password_changed = Some(now);
        }
        Ok(user)
    }

    /// Applies a lifecycle operation.
    pub(crate) fn lifecycle(
        &mut self,
        id_or_login: &str,
        operation: Lifecycle,
        now: i64,
    ) -> Result<&User, ApiError> {
        let id = self.user_id(id_or_login)?;
        let user = self.user_mut(&id)?;
        let Some(target) = operation.target(user.status) else {
            return Err(ApiError::validation(
                "status",
                &format!(
                    "Cannot {} a user with status {}",
                    operation.name(),
                    user.status.as_str()
                ),
            ));
        };
        user.set_status(target, now);
        Ok(user)
    }

    /// `DELETE /api/v1/users/{id}`: deactivates a user that is not yet deprovisioned,
    /// deletes (with its memberships) one that is.
    pub(crate) fn delete_user(&mut self, id_or_login: &str, now: i64) -> Result<(), ApiError> {
        let id = self.user_id(id_or_login)?;
        let user = self.user_mut(&id)?;
        if user.status != UserStatus::Deprovisioned {
            user.set_status(UserStatus::Deprovisioned, now);
            return Ok(());
        }
        if let Some(user) = self.users.remove(&id) {
            self.logins.remove(&user.login().to_lowercase());
        }
        for assignments in self.catalog.app_users.values_mut() {
            let _ = assignments.remove(&id);
        }
        for group_id in self.memberships.remove(&id).unwrap_or_default() {
            if let Some(members) = self.members.get_mut(&group_id) {
                members.remove(&id);
            }
            if let Some(group) = self.groups.get_mut(&group_id) {
                group.last_membership_updated = now;
            }
        }
        Ok(())
    }

    /// The groups a user belongs to, in id order.
    pub(crate) fn groups_of(&self, id_or_login: &str) -> Result<Vec<&Group>, ApiError> {
        let id = self.user_id(id_or_login)?;
        Ok(self
            .memberships
            .get(&id)
            .into_iter()
            .flatten()
            .filter_map(|group_id| self.groups.get(group_id))
            .collect())
    }

    /// Creates a group; the name is required and unique (ignoring case).
    pub(crate) fn create_group(
        &mut self,
        profile: Map<String, Value>,
        now: i64,
    ) -> Result<&Group, ApiError> {
        let key = required_str(&profile, "name")?.to_lowercase();
        if self.group_names.contains_key(&key) {
            return Err(ApiError::duplicate("name"));
        }
        let id = self.ids.next("00g");
        self.group_names.insert(key, id.clone());
        let group = Group {
            id: id.clone(),
            created: now,
            last_updated: now,
            last_membership_updated: now,
            profile,
        };
        Ok(self.groups.entry(id).or_insert(group))
    }

    /// The group with this id.
    pub(crate) fn group(&self, id: &str) -> Result<&Group, ApiError> {
        self.groups
            .get(id)
            .ok_or_else(|| ApiError::not_found(id, "UserGroup"))
    }

    /// Groups after the cursor `after` (exclusive), in id order.
    pub(crate) fn groups_after<'a>(
        &'a self,
        after: Option<&str>,
    ) -> impl Iterator<Item = &'a Group> + 'a {
        range_after(&self.groups, after)
    }

    /// Replaces a group's profile; the name stays required and unique.
    pub(crate) fn replace_group(
        &mut self,
        id: &str,
        profile: Map<String, Value>,
        now: i64,
    ) -> Result<&Group, ApiError> {
        let old_key = self.group(id)?.name().to_lowercase();
        let new_key = required_str(&profile, "name")?.to_lowercase();
        if new_key != old_key {
            if self.group_names.contains_key(&new_key) {
                return Err(ApiError::duplicate("name"));
            }
            self.group_names.remove(&old_key);
            self.group_names.insert(new_key, id.to_owned());
        }
        let group = self
            .groups
            .get_mut(id)
            .ok_or_else(|| ApiError::not_found(id, "UserGroup"))?;
        group.profile = profile;
        group.last_updated = now;
        Ok(group)
    }

    /// Deletes a group and its memberships.
    pub(crate) fn delete_group(&mut self, id: &str) -> Result<(), ApiError> {
        let group = self
            .groups
            .remove(id)
            .ok_or_else(|| ApiError::not_found(id, "UserGroup"))?;
        self.group_names.remove(&group.name().to_lowercase());
        for assignments in self.catalog.app_groups.values_mut() {
            let _ = assignments.remove(id);
        }
        for user_id in self.members.remove(id).unwrap_or_default() {
            if let Some(groups) = self.memberships.get_mut(&user_id) {
                groups.remove(id);
            }
        }
        Ok(())
    }

    /// Adds a user to a group (no change when already a member).
    pub(crate) fn add_member(
        &mut self,
        group_id: &str,
        user_id_or_login: &str,
        now: i64,
    ) -> Result<(), ApiError> {
        self.group(group_id)?;
        let user_id = self.user_id(user_id_or_login)?;
        self.members
            .entry(group_id.to_owned())
            .or_default()
            .insert(user_id.clone());
        self.memberships
            .entry(user_id)
            .or_default()
            .insert(group_id.to_owned());
        if let Some(group) = self.groups.get_mut(group_id) {
            group.last_membership_updated = now;
        }
        Ok(())
    }

    /// Removes a user from a group (no change when not a member).
    pub(crate) fn remove_member(
        &mut self,
        group_id: &str,
        user_id_or_login: &str,
        now: i64,
    ) -> Result<(), ApiError> {
        self.group(group_id)?;
        let user_id = self.user_id(user_id_or_login)?;
        if let Some(members) = self.members.get_mut(group_id) {
            members.remove(&user_id);
        }
        if let Some(groups) = self.memberships.get_mut(&user_id) {
            groups.remove(group_id);
        }
        if let Some(group) = self.groups.get_mut(group_id) {
            group.last_membership_updated = now;
        }
        Ok(())
    }

    /// The members of a group after the cursor `after` (exclusive), in id order.
    pub(crate) fn members_after<'a>(
        &'a self,
        group_id: &str,
        after: Option<&str>,
    ) -> Result<impl Iterator<Item = &'a User> + 'a, ApiError> {
        self.group(group_id)?;
        let members = self.members.get(group_id);
        let lower = after.map_or(Bound::Unbounded, |after| Bound::Excluded(after.to_owned()));
        Ok(members
            .into_iter()
            .flat_map(move |set| set.range((lower.clone(), Bound::Unbounded)))
            .filter_map(|user_id| self.users.get(user_id)))
    }
}

/// The values of `map` whose keys come after `after` (exclusive), in key order.
fn range_after<'a, T>(
    map: &'a BTreeMap<String, T>,
    after: Option<&str>,
) -> impl Iterator<Item = &'a T> + 'a {
    let lower = after.map_or(Bound::Unbounded, Bound::Excluded);
    map.range::<str, _>((lower, Bound::Unbounded))
        .map(|(_, value)| value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(key: &str, value: &str) -> Map<String, Value> {
        let mut profile = Map::new();
        profile.insert(key.to_owned(), Value::from(value));
        profile
    }

    fn user(store: &mut Store, login: &str) -> String {
        let new = NewUser {
            profile: profile("login", login),
            ..NewUser::default()
        };
        match store.create_user(new, true, 0) {
            Ok(user) => user.id.clone(),
            Err(error) => panic!("{error:?}"),
        }
    }

    #[test]
    fn logins_are_unique_ignoring_case_and_users_are_found_by_login() {
        let mut store = Store::default();
        let id = user(&mut store, "Ada@example.com");
        let again = NewUser {
            profile: profile("login", "ada@EXAMPLE.com"),
            ..NewUser::default()
        };
        assert!(store.create_user(again, true, 0).is_err());
        assert_eq!(
            store.find_user("ada@example.com").map(|u| u.id.clone()),
            Some(id)
        );
    }

    #[test]
    fn deleting_twice_deactivates_then_removes_with_memberships() {
        let mut store = Store::default();
        let id = user(&mut store, "a@example.com");
        let group = match store.create_group(profile("name", "Staff"), 0) {
            Ok(group) => group.id.clone(),
            Err(error) => panic!("{error:?}"),
        };
        assert!(store.add_member(&group, &id, 1).is_ok());
        assert!(store.delete_user(&id, 2).is_ok());
        assert_eq!(
            store.find_user(&id).map(|u| u.status),
            Some(UserStatus::Deprovisioned)
        );
        assert!(store.delete_user(&id, 3).is_ok());
        assert!(store.find_user(&id).is_none());
        assert_eq!(
            store.members_after(&group, None).map(Iterator::count).ok(),
            Some(0)
        );
        assert!(store.find_user("a@example.com").is_none());
    }

    #[test]
    fn lifecycle_transitions_are_checked() {
        let mut store = Store::default();
        let id = user(&mut store, "a@example.com");
        assert!(store.lifecycle(&id, Lifecycle::Activate, 1).is_err());
        assert!(store.lifecycle(&id, Lifecycle::Unsuspend, 1).is_err());
        assert!(store.lifecycle(&id, Lifecycle::Suspend, 1).is_ok());
        assert!(store.lifecycle(&id, Lifecycle::Suspend, 1).is_err());
        assert!(store.lifecycle(&id, Lifecycle::Unsuspend, 1).is_ok());
        assert!(store.lifecycle(&id, Lifecycle::Deactivate, 1).is_ok());
        assert!(store.lifecycle(&id, Lifecycle::Deactivate, 1).is_err());
        assert!(store.lifecycle(&id, Lifecycle::Activate, 1).is_ok());
    }
}
