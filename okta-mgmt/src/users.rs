//! Users: the [`User`] model and the [`Users`] endpoints (`/api/v1/users`).

use std::fmt;

use okta_core::secrecy::{ExposeSecret, SecretString};
use okta_core::{Client, PageStream, RequestBuilder, Result};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::groups::Group;
use crate::model::{okta_enum, segment, Field, Links};
use crate::user_resources::{ListAppLinks, ListUserBlocks, ListUserClients, ListUserDevices};

okta_enum! {
    /// A user's lifecycle status.
    pub enum UserStatus {
        /// Created, not yet activated.
        Staged => "STAGED",
        /// Activated without a password; the user has not finished activation.
        Provisioned => "PROVISIONED",
        /// Active.
        Active => "ACTIVE",
        /// The password is being reset.
        Recovery => "RECOVERY",
        /// The password has expired; the user must change it at the next sign-in.
        PasswordExpired => "PASSWORD_EXPIRED",
        /// Locked out after too many failed sign-ins.
        LockedOut => "LOCKED_OUT",
        /// Suspended: cannot sign in, keeps assignments.
        Suspended => "SUSPENDED",
        /// Deactivated.
        Deprovisioned => "DEPROVISIONED",
    }
}

/// An Okta user as the API returns it.
///
/// Every field Okta sends survives a read-modify-write: fields this SDK has no name for are
/// kept in [`extra`](User::extra), profile attributes defined by the org in
/// [`UserProfile::custom`], and an unknown status in [`UserStatus::Unknown`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct User {
    /// The user's id, such as `00ub0oNGTSWTBKOLGLNR`.
    pub id: String,
    /// The lifecycle status.
    pub status: UserStatus,
    /// When the user was created (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    /// When the user was last activated (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activated: Option<String>,
    /// When the status last changed (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_changed: Option<String>,
    /// When the user last signed in (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_login: Option<String>,
    /// When the user was last changed (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_updated: Option<String>,
    /// When the password last changed (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_changed: Option<String>,
    /// The user type, which decides the profile schema.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<UserTypeRef>,
    /// The profile: standard and custom attributes.
    #[serde(default)]
    pub profile: UserProfile,
    /// The credentials as Okta shows them (never a password).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credentials: Option<Value>,
    /// `_links`: related resources and the operations allowed now.
    #[serde(rename = "_links", default, skip_serializing_if = "Option::is_none")]
    pub links: Option<Links>,
    /// `_embedded`: resources embedded on request.
    #[serde(rename = "_embedded", default, skip_serializing_if = "Option::is_none")]
    pub embedded: Option<Links>,
    /// Fields this SDK does not model (such as `realmId` or `transitioningToStatus`), kept
    /// and written back as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A reference to a user type (`{"id": ...}`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UserTypeRef {
    /// The user type's id.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    /// Other fields of the reference, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl UserTypeRef {
    /// A reference to the user type `id`.
    pub fn new(id: impl Into<String>) -> Self {
        UserTypeRef {
            id: id.into(),
            extra: Map::new(),
        }
    }
}

/// A user's profile: Okta's standard attributes and the org's custom ones.
///
/// Attributes the org defined itself (and any standard attribute of a type this SDK does not
/// expect) are kept in [`custom`](UserProfile::custom), so reading a user, changing one
/// attribute and [replacing](Users::replace) the user keeps them.
///
/// ```
/// use okta_mgmt::UserProfile;
///
/// let mut profile = UserProfile::new("ada@example.com")
///     .email("ada@example.com")
///     .first_name("Ada")
///     .last_name("Lovelace");
/// profile.custom.insert("favoriteColor".into(), "green".into());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UserProfile {
    /// The unique sign-in name, often an email address. Empty when the answer left it out
    /// (a `fields` projection); an empty login is not sent back.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub login: String,
    /// The primary email address.
    #[serde(rename = "email", default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The given name.
    #[serde(rename = "firstName", default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// The family name.
    #[serde(rename = "lastName", default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// A secondary email address, for account recovery.
    #[serde(
        rename = "secondEmail",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub second_email: Option<String>,
    /// The middle name.
    #[serde(
        rename = "middleName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub middle_name: Option<String>,
    /// The honorific prefix, such as `Dr.`.
    #[serde(
        rename = "honorificPrefix",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub honorific_prefix: Option<String>,
    /// The honorific suffix, such as `Jr.`.
    #[serde(
        rename = "honorificSuffix",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub honorific_suffix: Option<String>,
    /// The job title.
    #[serde(rename = "title", default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The name shown to end users.
    #[serde(
        rename = "displayName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub display_name: Option<String>,
    /// The casual name.
    #[serde(rename = "nickName", default, skip_serializing_if = "Option::is_none")]
    pub nick_name: Option<String>,
    /// A URL of an online profile, such as a web page.
    #[serde(
        rename = "profileUrl",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub profile_url: Option<String>,
    /// The primary phone number.
    #[serde(
        rename = "primaryPhone",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub primary_phone: Option<String>,
    /// The mobile phone number.
    #[serde(
        rename = "mobilePhone",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub mobile_phone: Option<String>,
    /// The street address of the mailing address.
    #[serde(
        rename = "streetAddress",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub street_address: Option<String>,
    /// The city of the mailing address.
    #[serde(rename = "city", default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// The state or region of the mailing address.
    #[serde(rename = "state", default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// The postal code of the mailing address.
    #[serde(rename = "zipCode", default, skip_serializing_if = "Option::is_none")]
    pub zip_code: Option<String>,
    /// The country of the mailing address (ISO 3166-1 alpha-2).
    #[serde(
        rename = "countryCode",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub country_code: Option<String>,
    /// The full mailing address, formatted for sending mail.
    #[serde(
        rename = "postalAddress",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub postal_address: Option<String>,
    /// The preferred written or spoken language (RFC 7231 language tag).
    #[serde(
        rename = "preferredLanguage",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub preferred_language: Option<String>,
    /// The locale for currency, dates and numbers, such as `en_US`.
    #[serde(rename = "locale", default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// The time zone, such as `America/Los_Angeles`.
    #[serde(rename = "timezone", default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// The organization's own classification of the user, such as `Employee`.
    #[serde(rename = "userType", default, skip_serializing_if = "Option::is_none")]
    pub user_type: Option<String>,
    /// The employee number.
    #[serde(
        rename = "employeeNumber",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub employee_number: Option<String>,
    /// The cost center.
    #[serde(
        rename = "costCenter",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub cost_center: Option<String>,
    /// The organization.
    #[serde(
        rename = "organization",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub organization: Option<String>,
    /// The division.
    #[serde(rename = "division", default, skip_serializing_if = "Option::is_none")]
    pub division: Option<String>,
    /// The department.
    #[serde(
        rename = "department",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub department: Option<String>,
    /// The manager's id.
    #[serde(rename = "managerId", default, skip_serializing_if = "Option::is_none")]
    pub manager_id: Option<String>,
    /// The manager's display name.
    #[serde(rename = "manager", default, skip_serializing_if = "Option::is_none")]
    pub manager: Option<String>,
    /// Attributes not listed above (custom attributes of the org), kept as they came.
    #[serde(flatten)]
    pub custom: Map<String, Value>,
}

impl UserProfile {
    /// A profile with this login and nothing else.
    pub fn new(login: impl Into<String>) -> Self {
        UserProfile {
            login: login.into(),
            ..UserProfile::default()
        }
    }

    /// Sets `email`.
    pub fn email(mut self, email: impl Into<String>) -> Self {
        self.email = Some(email.into());
        self
    }

    /// Sets `firstName`.
    pub fn first_name(mut self, first_name: impl Into<String>) -> Self {
        self.first_name = Some(first_name.into());
        self
    }

    /// Sets `lastName`.
    pub fn last_name(mut self, last_name: impl Into<String>) -> Self {
        self.last_name = Some(last_name.into());
        self
    }

    /// Sets a custom attribute.
    pub fn custom(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        self.custom.insert(name.into(), value.into());
        self
    }
}

/// A partial profile update for [`Users::update`]: only the attributes that are not
/// [`Field::Unchanged`] are sent.
///
/// [`Field::Null`] clears an attribute, [`Field::Value`] sets it. Other attributes go in
/// [`custom`](UserProfileUpdate::custom), where a `null` value clears the attribute.
///
/// ```
/// use okta_mgmt::UserProfileUpdate;
///
/// let update = UserProfileUpdate::default()
///     .set_title("Engineer")
///     .clear_mobile_phone()
///     .custom("favoriteColor", serde_json::Value::Null);
/// assert_eq!(
///     serde_json::to_value(&update).unwrap(),
///     serde_json::json!({"title": "Engineer", "mobilePhone": null, "favoriteColor": null}),
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UserProfileUpdate {
    /// The unique sign-in name.
    #[serde(default, skip_serializing_if = "Field::is_unchanged")]
    pub login: Field<String>,
    /// The primary email address.
    #[serde(rename = "email", default, skip_serializing_if = "Field::is_unchanged")]
    pub email: Field<String>,
    /// The given name.
    #[serde(
        rename = "firstName",
        default,
        skip_serializing_if = "Field::is_unchanged"
    )]
    pub first_name: Field<String>,
    /// The family name.
    #[serde(
        rename = "lastName",
        default,
        skip_serializing_if = "Field::is_unchanged"
    )]
    pub last_name: Field<String>,
    /// A secondary email address, for account recovery.
    #[serde(
        rename = "secondEmail",
        default,
        skip_serializing_if = "Field::is_unchanged"
    )]
    pub second_email: Field<String>,
    /// The middle name.
    #[serde(
        rename = "middleName",
        default,
        skip_serializing_if = "Field::is_unchanged"
    )]
    pub middle_name: Field<String>,
    /// The honorific prefix, such as `Dr.`.
    #[serde(
        rename = "honorificPrefix",
        default,
        skip_serializing_if = "Field::is_unchanged"
    )]
    pub honorific_prefix: Field<String>,
    /// The honorific suffix, such as `Jr.`.
    #[serde(
        rename = "honorificSuffix",
        default,
        skip_serializing_if = "Field::is_unchanged"
    )]
    pub honorific_suffix: Field<String>,
    /// The job title.
    #[serde(rename = "title", default, skip_serializing_if = "Field::is_unchanged")]
    pub title: Field<String>,
    /// The name shown to end users.
    #[serde(
        rename = "displayName",
        default,
        skip_serializing_if = "Field::is_unchanged"
    )]
    pub display_name: Field<String>,
    /// The casual name.
    #[serde(
        rename = "nickName",
        default,
        skip_serializing_if = "Field::is_unchanged"
    )]
    pub nick_name: Field<String>,
    /// A URL of an online profile, such as a web page.
    #[serde(
        rename = "profileUrl",
        default,
        skip_serializing_if = "Field::is_unchanged"
    )]
    pub profile_url: Field<String>,
    /// The primary phone number.
    #[serde(
        rename = "primaryPhone",
        default,
        skip_serializing_if = "Field::is_unchanged"
    )]
    pub primary_phone: Field<String>,
    /// The mobile phone number.
    #[serde(
        rename = "mobilePhone",
        default,
        skip_serializing_if = "Field::is_unchanged"
    )]
    pub mobile_phone: Field<String>,
    /// The street address of the mailing address.
    #[serde(
        rename = "streetAddress",
        default,
        skip_serializing_if = "Field::is_unchanged"
    )]
    pub street_address: Field<String>,
    /// The city of the mailing address.
    #[serde(rename = "city", default, skip_serializing_if = "Field::is_unchanged")]
    pub city: Field<String>,
    /// The state or region of the mailing address.
    #[serde(rename = "state", default, skip_serializing_if = "Field::is_unchanged")]
    pub state: Field<String>,
    /// The postal code of the mailing address.
    #[serde(
        rename = "zipCode",
        default,
        skip_serializing_if = "Field::is_unchanged"
    )]
    pub zip_code: Field<String>,
    /// The country of the mailing address (ISO 3166-1 alpha-2).
    #[serde(
        rename = "countryCode",
        default,
        skip_serializing_if = "Field::is_unchanged"
    )]
    pub country_code: Field<String>,
    /// The full mailing address, formatted for sending mail.
    #[serde(
        rename = "postalAddress",
        default,
        skip_serializing_if = "Field::is_unchanged"
    )]
    pub postal_address: Field<String>,
    /// The preferred written or spoken language (RFC 7231 language tag).
    #[serde(
        rename = "preferredLanguage",
        default,
        skip_serializing_if = "Field::is_unchanged"
    )]
    pub preferred_language: Field<String>,
    /// The locale for currency, dates and numbers, such as `en_US`.
    #[serde(
        rename = "locale",
        default,
        skip_serializing_if = "Field::is_unchanged"
    )]
    pub locale: Field<String>,
    /// The time zone, such as `America/Los_Angeles`.
    #[serde(
        rename = "timezone",
        default,
        skip_serializing_if = "Field::is_unchanged"
    )]
    pub timezone: Field<String>,
    /// The organization's own classification of the user, such as `Employee`.
    #[serde(
        rename = "userType",
        default,
        skip_serializing_if = "Field::is_unchanged"
    )]
    pub user_type: Field<String>,
    /// The employee number.
    #[serde(
        rename = "employeeNumber",
        default,
        skip_serializing_if = "Field::is_unchanged"
    )]
    pub employee_number: Field<String>,
    /// The cost center.
    #[serde(
        rename = "costCenter",
        default,
        skip_serializing_if = "Field::is_unchanged"
    )]
    pub cost_center: Field<String>,
    /// The organization.
    #[serde(
        rename = "organization",
        default,
        skip_serializing_if = "Field::is_unchanged"
    )]
    pub organization: Field<String>,
    /// The division.
    #[serde(
        rename = "division",
        default,
        skip_serializing_if = "Field::is_unchanged"
    )]
    pub division: Field<String>,
    /// The department.
    #[serde(
        rename = "department",
        default,
        skip_serializing_if = "Field::is_unchanged"
    )]
    pub department: Field<String>,
    /// The manager's id.
    #[serde(
        rename = "managerId",
        default,
        skip_serializing_if = "Field::is_unchanged"
    )]
    pub manager_id: Field<String>,
    /// The manager's display name.
    #[serde(
        rename = "manager",
        default,
        skip_serializing_if = "Field::is_unchanged"
    )]
    pub manager: Field<String>,
    /// Other attributes to set; a `null` value clears the attribute.
    #[serde(flatten)]
    pub custom: Map<String, Value>,
}

impl UserProfileUpdate {
    /// Sets `title`.
    pub fn set_title(mut self, title: impl Into<String>) -> Self {
        self.title = Field::Value(title.into());
        self
    }

    /// Clears `mobilePhone`.
    pub fn clear_mobile_phone(mut self) -> Self {
        self.mobile_phone = Field::Null;
        self
    }

    /// Sets (or, with `Value::Null`, clears) a custom attribute.
    pub fn custom(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        self.custom.insert(name.into(), value.into());
        self
    }

    /// Whether the update changes nothing.
    pub fn is_empty(&self) -> bool {
        serde_json::to_value(self)
            .ok()
            .and_then(|value| value.as_object().map(Map::is_empty))
            .unwrap_or(false)
    }
}

/// The answer of [`Users::activate`] and [`Users::reactivate`]. With `send_email` false it holds the activation token
/// and link to hand to the user; both are secrets and never shown by `Debug`.
#[derive(Clone, Default)]
#[non_exhaustive]
pub struct UserActivationToken {
    /// The activation token.
    pub activation_token: Option<SecretString>,
    /// The activation link (it contains the token).
    pub activation_url: Option<SecretString>,
}

impl fmt::Debug for UserActivationToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let redact = |value: &Option<SecretString>| value.as_ref().map(|_| "[REDACTED]");
        f.debug_struct("UserActivationToken")
            .field("activation_token", &redact(&self.activation_token))
            .field("activation_url", &redact(&self.activation_url))
            .finish()
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ActivationAnswer {
    #[serde(default)]
    activation_token: Option<String>,
    #[serde(default)]
    activation_url: Option<String>,
}

/// The user endpoints, from [`Okta::users`](crate::Okta::users).
#[derive(Debug, Clone, Copy)]
pub struct Users<'a> {
    client: &'a Client,
}

pub(crate) fn user_path(id_or_login: &str) -> String {
    format!("/api/v1/users/{}", segment(id_or_login))
}

impl<'a> Users<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        Users { client }
    }

    pub(crate) fn client(&self) -> &'a Client {
        self.client
    }

    /// Lists users (`GET /api/v1/users`): set the query on the builder, then
    /// [`stream`](ListUsers::stream) every user or fetch one [`page`](ListUsers::page).
    ///
    /// Without `search` or `filter`, Okta leaves deprovisioned users out.
    ///
    /// ```no_run
    /// # async fn run(okta: okta_mgmt::Okta) -> Result<(), okta_mgmt::core::Error> {
    /// use futures_util::TryStreamExt;
    ///
    /// let mut users = okta.users().list().search(r#"profile.department eq "Engineering""#).limit(200).stream();
    /// while let Some(user) = users.try_next().await? {
    ///     println!("{} {}", user.id, user.profile.login);
    /// }
    /// # Ok(()) }
    /// ```
    #[doc(alias = "listUsers")]
    pub fn list(&self) -> ListUsers<'a> {
        crate::list::List::new(self.client, "/api/v1/users")
    }

    /// Fetches a user by id or login (`GET /api/v1/users/{idOrLogin}`).
    #[doc(alias = "getUser")]
    pub async fn get(&self, id_or_login: &str) -> Result<User> {
        self.client
            .get(&user_path(id_or_login))
            .send()
            .await?
            .json()
    }

    /// Starts creating a user with this profile (`POST /api/v1/users`).
    ///
    /// ```no_run
    /// # async fn run(okta: okta_mgmt::Okta) -> Result<(), okta_mgmt::core::Error> {
    /// use okta_mgmt::UserProfile;
    ///
    /// let profile = UserProfile::new("ada@example.com").email("ada@example.com").first_name("Ada").last_name("Lovelace");
    /// let user = okta.users().create(profile).activate(false).send().await?;
    /// # Ok(()) }
    /// ```
    #[doc(alias = "createUser")]
    pub fn create(&self, profile: UserProfile) -> CreateUser<'a> {
        CreateUser {
            client: self.client,
            profile,
            activate: None,
            password: None,
            group_ids: Vec::new(),
            user_type: None,
        }
    }

    /// Updates some profile attributes (`POST /api/v1/users/{id}`, a partial update): only
    /// the attributes set in `update` are sent, the others stay as they are.
    #[doc(alias = "updateUser")]
    pub async fn update(&self, id: &str, update: UserProfileUpdate) -> Result<User> {
        let body = serde_json::json!({ "profile": update_value(&update) });
        self.client
            .post(&user_path(id))
            .json(&body)
            .send()
            .await?
            .json()
    }

    /// Replaces the user's profile with `user.profile` (`PUT /api/v1/users/{id}`), custom
    /// attributes included: an attribute missing from the profile is removed.
    ///
    /// Only the profile is sent (not the credentials or read-only fields); change a password
    /// with [`change_password`](Self::change_password) or
    /// [`reset_password`](Self::reset_password), and a user type through
    /// [`Okta::request`](crate::Okta::request).
    #[doc(alias = "replaceUser")]
    pub async fn replace(&self, id: &str, user: &User) -> Result<User> {
        #[derive(Serialize)]
        struct Body<'p> {
            profile: &'p UserProfile,
        }
        self.client
            .put(&user_path(id))
            .json(&Body {
                profile: &user.profile,
            })
            .send()
            .await?
            .json()
    }

    /// Deletes a user (`DELETE /api/v1/users/{id}`).
    ///
    /// Okta deletes in two steps: the first call on a user that is not `DEPROVISIONED`
    /// only deactivates it; a call on a deactivated user deletes it for good. To delete an
    /// active user, call this twice.
    #[doc(alias = "deleteUser")]
    pub async fn delete(&self, id: &str) -> Result<()> {
        self.client.delete(&user_path(id)).send().await?;
        Ok(())
    }

    /// Activates a `STAGED` or `DEPROVISIONED` user
    /// (`POST /api/v1/users/{id}/lifecycle/activate?sendEmail=`).
    ///
    /// With `send_email` true Okta emails the activation link; with false it returns the
    /// token and link instead.
    #[doc(alias = "activateUser")]
    pub async fn activate(&self, id: &str, send_email: bool) -> Result<UserActivationToken> {
        let answer: ActivationAnswer = self
            .lifecycle(id, "activate")
            .query("sendEmail", if send_email { "true" } else { "false" })
            .send()
            .await?
            .json()?;
        Ok(UserActivationToken {
            activation_token: answer.activation_token.map(SecretString::from),
            activation_url: answer.activation_url.map(SecretString::from),
        })
    }

    /// Deactivates a user (`POST /api/v1/users/{id}/lifecycle/deactivate`): the status becomes
    /// `DEPROVISIONED`.
    #[doc(alias = "deactivateUser")]
    pub async fn deactivate(&self, id: &str) -> Result<()> {
        self.lifecycle(id, "deactivate").send().await?;
        Ok(())
    }

    /// Suspends an `ACTIVE` user (`POST /api/v1/users/{id}/lifecycle/suspend`).
    #[doc(alias = "suspendUser")]
    pub async fn suspend(&self, id: &str) -> Result<()> {
        self.lifecycle(id, "suspend").send().await?;
        Ok(())
    }

    /// Returns a `SUSPENDED` user to `ACTIVE` (`POST /api/v1/users/{id}/lifecycle/unsuspend`).
    #[doc(alias = "unsuspendUser")]
    pub async fn unsuspend(&self, id: &str) -> Result<()> {
        self.lifecycle(id, "unsuspend").send().await?;
        Ok(())
    }

    /// Streams the groups the user belongs to (`GET /api/v1/users/{id}/groups`).
    #[doc(alias = "listUserGroups")]
    pub fn groups(&self, id: &str) -> PageStream<Group> {
        self.client
            .get(&format!("{}/groups", user_path(id)))
            .stream()
    }

    /// Returns a user in `PROVISIONED` status to the start of activation
    /// (`POST /api/v1/users/{id}/lifecycle/reactivate?sendEmail=`): a new activation token
    /// replaces the old one.
    ///
    /// With `send_email` true Okta emails the activation link; with false it returns the
    /// token and link instead.
    #[doc(alias = "reactivateUser")]
    pub async fn reactivate(&self, id: &str, send_email: bool) -> Result<UserActivationToken> {
        let answer: ActivationAnswer = self
            .lifecycle(id, "reactivate")
            .query("sendEmail", if send_email { "true" } else { "false" })
            .sensitive_response()
            .send()
            .await?
            .json()?;
        Ok(UserActivationToken {
            activation_token: answer.activation_token.map(SecretString::from),
            activation_url: answer.activation_url.map(SecretString::from),
        })
    }

    /// Unenrolls every factor of the user (`POST /api/v1/users/{id}/lifecycle/reset_factors`):
    /// the user enrolls again at the next sign-in.
    #[doc(alias = "resetFactors")]
    pub async fn reset_factors(&self, id: &str) -> Result<()> {
        self.lifecycle(id, "reset_factors").send().await?;
        Ok(())
    }

    /// Unlocks a `LOCKED_OUT` user (`POST /api/v1/users/{id}/lifecycle/unlock`): the status
    /// becomes `ACTIVE` and the user can sign in with the current password.
    #[doc(alias = "unlockUser")]
    pub async fn unlock(&self, id: &str) -> Result<()> {
        self.lifecycle(id, "unlock").send().await?;
        Ok(())
    }

    /// Lists the sign-in blocks on the user (`GET /api/v1/users/{id}/blocks`), such as a
    /// lock-out from unknown devices.
    #[doc(alias = "listUserBlocks")]
    pub fn blocks(&self, id: &str) -> ListUserBlocks<'a> {
        crate::list::List::new(self.client, format!("{}/blocks", user_path(id)))
    }

    /// Lists the app links on the user's dashboard (`GET /api/v1/users/{id}/appLinks`).
    #[doc(alias = "listAppLinks")]
    pub fn app_links(&self, id: &str) -> ListAppLinks<'a> {
        crate::list::List::new(self.client, format!("{}/appLinks", user_path(id)))
    }

    /// Lists the OAuth 2.0 clients that hold grants or tokens of the user
    /// (`GET /api/v1/users/{userId}/clients`).
    #[doc(alias = "listUserClients")]
    pub fn clients(&self, user_id: &str) -> ListUserClients<'a> {
        crate::list::List::new(self.client, format!("{}/clients", user_path(user_id)))
    }

    /// Lists the devices the user enrolled (`GET /api/v1/users/{userId}/devices`).
    #[doc(alias = "listUserDevices")]
    pub fn devices(&self, user_id: &str) -> ListUserDevices<'a> {
        crate::list::List::new(self.client, format!("{}/devices", user_path(user_id)))
    }

    fn lifecycle(&self, id: &str, operation: &str) -> RequestBuilder {
        self.client
            .post(&format!("{}/lifecycle/{operation}", user_path(id)))
    }
}

/// The profile of a partial update as JSON: `Unchanged` left out, `Null` as `null`.
fn update_value(update: &UserProfileUpdate) -> Value {
    // Serializing this struct cannot fail: `Unchanged` fields are skipped and the rest are
    // strings or JSON values. Fall back to an empty object (no change) all the same.
    serde_json::to_value(update).unwrap_or_else(|_| Value::Object(Map::new()))
}

/// The query of [`Users::list`].
pub type ListUsers<'a> = crate::list::List<'a, User>;

/// The request of [`Users::create`].
#[must_use = "a user is created only when sent"]
pub struct CreateUser<'a> {
    client: &'a Client,
    profile: UserProfile,
    activate: Option<bool>,
    password: Option<SecretString>,
    group_ids: Vec<String>,
    user_type: Option<String>,
}

impl fmt::Debug for CreateUser<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CreateUser")
            .field("profile", &self.profile)
            .field("activate", &self.activate)
            .field("password", &self.password.as_ref().map(|_| "[REDACTED]"))
            .field("group_ids", &self.group_ids)
            .field("user_type", &self.user_type)
            .finish()
    }
}

impl CreateUser<'_> {
    /// `activate`: whether to activate the user now (Okta's default `true`); `false` creates
    /// a `STAGED` user.
    pub fn activate(mut self, activate: bool) -> Self {
        self.activate = Some(activate);
        self
    }

    /// Sets the password (`credentials.password.value`). It is never shown by `Debug`.
    pub fn password(mut self, password: SecretString) -> Self {
        self.password = Some(password);
        self
    }

    /// Adds the user to these groups (`groupIds`).
    pub fn group_ids<I, S>(mut self, group_ids: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.group_ids.extend(group_ids.into_iter().map(Into::into));
        self
    }

    /// Creates the user with this user type (`type.id`) instead of the default one.
    pub fn user_type(mut self, type_id: impl Into<String>) -> Self {
        self.user_type = Some(type_id.into());
        self
    }

    /// Sends the request and returns the new user.
    pub async fn send(self) -> Result<User> {
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Body<'b> {
            profile: &'b UserProfile,
            #[serde(skip_serializing_if = "Option::is_none")]
            credentials: Option<Value>,
            #[serde(skip_serializing_if = "<[String]>::is_empty")]
            group_ids: &'b [String],
            #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
            user_type: Option<UserTypeRef>,
        }
        let credentials = self.password.as_ref().map(
            |password| serde_json::json!({ "password": { "value": password.expose_secret() } }),
        );
        let body = Body {
            profile: &self.profile,
            credentials,
            group_ids: &self.group_ids,
            user_type: self.user_type.map(UserTypeRef::new),
        };
        let mut request = self.client.post("/api/v1/users");
        if let Some(activate) = self.activate {
            request = request.query("activate", if activate { "true" } else { "false" });
        }
        request.json(&body).send().await?.json()
    }
}
