//! A user's credentials: password expiry and resets, password and recovery question changes,
//! and the forgot-password flows. The operations are methods of [`Users`](crate::Users).
//!
//! Passwords, recovery answers, temporary passwords and reset links are
//! [`SecretString`]s: they are only exposed while the request body is written, and `Debug`
//! shows `[REDACTED]` instead.

use std::fmt;

use okta_core::secrecy::{ExposeSecret, SecretString};
use okta_core::{Client, Result};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::model::okta_enum;
use crate::users::user_path;

/// `Option<SecretString>` written as its secret (for request bodies) and read from a string.
pub(crate) mod secret_opt {
    use okta_core::secrecy::{ExposeSecret, SecretString};
    use serde::{Deserialize, Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(
        value: &Option<SecretString>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(secret) => serializer.serialize_str(secret.expose_secret()),
            None => serializer.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<SecretString>, D::Error> {
        Ok(Option::<String>::deserialize(deserializer)?.map(SecretString::from))
    }
}

/// `Some(_)` as `[REDACTED]`, for `Debug`.
pub(crate) fn redact(value: &Option<SecretString>) -> Option<&'static str> {
    value.as_ref().map(|_| "[REDACTED]")
}

okta_enum! {
    /// Who authenticates a user's password.
    pub enum AuthenticationProviderType {
        /// Okta.
        Okta => "OKTA",
        /// Active Directory.
        ActiveDirectory => "ACTIVE_DIRECTORY",
        /// An LDAP directory.
        Ldap => "LDAP",
        /// A federated identity provider.
        Federation => "FEDERATION",
        /// A social identity provider.
        Social => "SOCIAL",
        /// An import from an app.
        Import => "IMPORT",
    }
}

/// The provider that authenticates a user (`credentials.provider`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AuthenticationProvider {
    /// The kind of provider.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<AuthenticationProviderType>,
    /// The provider's name, such as `OKTA` or a directory's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A user's recovery question as Okta shows it (the answer is never returned).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RecoveryQuestion {
    /// The question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A user's credentials as the credential operations return them. Okta never returns a
/// password or an answer: `password` is an empty object when the user has one.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UserCredentials {
    /// `{}` when the user has a password (its value is never returned).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<Map<String, Value>>,
    /// The recovery question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recovery_question: Option<RecoveryQuestion>,
    /// The authentication provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<AuthenticationProvider>,
    /// Fields this SDK does not model (such as `emails`), kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The answer of [`Users::expire_password_with_temp_password`](crate::Users::expire_password_with_temp_password):
/// a temporary password to hand to the user. `Debug` does not show it.
#[derive(Clone, Default)]
#[non_exhaustive]
pub struct TempPassword {
    /// The temporary password.
    pub temp_password: Option<SecretString>,
}

impl fmt::Debug for TempPassword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TempPassword")
            .field("temp_password", &redact(&self.temp_password))
            .finish()
    }
}

/// A password reset link, from [`Users::reset_password`](crate::Users::reset_password) and
/// [`Users::forgot_password`](crate::Users::forgot_password). It is present only when Okta
/// was asked not to email it; it lets whoever holds it set the password, so it is a secret
/// and `Debug` does not show it.
#[derive(Clone, Default)]
#[non_exhaustive]
pub struct ResetPasswordToken {
    /// The reset link (`resetPasswordUrl`).
    pub reset_password_url: Option<SecretString>,
}

impl fmt::Debug for ResetPasswordToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResetPasswordToken")
            .field("reset_password_url", &redact(&self.reset_password_url))
            .finish()
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SecretAnswer {
    #[serde(default)]
    temp_password: Option<String>,
    #[serde(default)]
    reset_password_url: Option<String>,
}

fn bool_str(value: bool) -> &'static str {
    if value {
        "true"
    } else {
        "false"
    }
}

/// `{"value": "..."}`: a password in a request body.
struct PasswordValue<'a>(&'a SecretString);

impl Serialize for PasswordValue<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry("value", self.0.expose_secret())?;
        map.end()
    }
}

/// `{"question": "...", "answer": "..."}`: a recovery question in a request body.
struct QuestionValue<'a> {
    question: Option<&'a str>,
    answer: &'a SecretString,
}

impl Serialize for QuestionValue<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        if let Some(question) = self.question {
            map.serialize_entry("question", question)?;
        }
        map.serialize_entry("answer", self.answer.expose_secret())?;
        map.end()
    }
}

/// The credential operations of [`Users`](crate::Users).
impl<'a> crate::Users<'a> {
    /// Expires the user's password (`POST /api/v1/users/{id}/lifecycle/expire_password`): the
    /// status becomes `PASSWORD_EXPIRED` and the user must change the password at the next
    /// sign-in.
    #[doc(alias = "expirePassword")]
    pub async fn expire_password(&self, id: &str) -> Result<crate::User> {
        self.client()
            .post(&format!("{}/lifecycle/expire_password", user_path(id)))
            .send()
            .await?
            .json()
    }

    /// Expires the user's password and sets a temporary one that Okta returns
    /// (`POST /api/v1/users/{id}/lifecycle/expire_password_with_temp_password`). With
    /// `revoke_sessions` true the user's sessions end too.
    #[doc(alias = "expirePasswordWithTempPassword")]
    pub async fn expire_password_with_temp_password(
        &self,
        id: &str,
        revoke_sessions: bool,
    ) -> Result<TempPassword> {
        let answer: SecretAnswer = self
            .client()
            .post(&format!(
                "{}/lifecycle/expire_password_with_temp_password",
                user_path(id)
            ))
            .query("revokeSessions", bool_str(revoke_sessions))
            .sensitive_response()
            .send()
            .await?
            .json()?;
        Ok(TempPassword {
            temp_password: answer.temp_password.map(SecretString::from),
        })
    }

    /// Starts a password reset (`POST /api/v1/users/{id}/lifecycle/reset_password`): the
    /// status becomes `RECOVERY`. With `send_email` true Okta emails the reset link; with
    /// false it returns it instead. With `revoke_sessions` true the user's sessions end too.
    #[doc(alias = "resetPassword")]
    pub async fn reset_password(
        &self,
        id: &str,
        send_email: bool,
        revoke_sessions: bool,
    ) -> Result<ResetPasswordToken> {
        let response = self
            .client()
            .post(&format!("{}/lifecycle/reset_password", user_path(id)))
            .query("sendEmail", bool_str(send_email))
            .query("revokeSessions", bool_str(revoke_sessions))
            .sensitive_response()
            .send()
            .await?;
        reset_token(&response)
    }

    /// Changes the password, checking the current one
    /// (`POST /api/v1/users/{userId}/credentials/change_password`). Set the options on the
    /// builder, then [`send`](ChangePassword::send).
    ///
    /// ```no_run
    /// # async fn run(okta: okta_mgmt::Okta) -> Result<(), okta_mgmt::core::Error> {
    /// use okta_mgmt::core::secrecy::SecretString;
    ///
    /// okta.users()
    ///     .change_password("00ub0oNGTSWTBKOLGLNR", SecretString::from("old"), SecretString::from("new"))
    ///     .strict(true)
    ///     .send()
    ///     .await?;
    /// # Ok(()) }
    /// ```
    #[doc(alias = "changePassword")]
    pub fn change_password(
        &self,
        user_id: &str,
        old_password: SecretString,
        new_password: SecretString,
    ) -> ChangePassword<'a> {
        ChangePassword {
            client: self.client(),
            user_id: user_id.to_owned(),
            old_password,
            new_password,
            revoke_sessions: None,
            strict: None,
        }
    }

    /// Changes the recovery question and answer, checking the current password
    /// (`POST /api/v1/users/{userId}/credentials/change_recovery_question`).
    #[doc(alias = "changeRecoveryQuestion")]
    pub async fn change_recovery_question(
        &self,
        user_id: &str,
        password: &SecretString,
        question: &str,
        answer: &SecretString,
    ) -> Result<UserCredentials> {
        #[derive(Serialize)]
        struct Body<'b> {
            password: PasswordValue<'b>,
            recovery_question: QuestionValue<'b>,
        }
        self.client()
            .post(&format!(
                "{}/credentials/change_recovery_question",
                user_path(user_id)
            ))
            .json(&Body {
                password: PasswordValue(password),
                recovery_question: QuestionValue {
                    question: Some(question),
                    answer,
                },
            })
            .send()
            .await?
            .json()
    }

    /// Starts the forgot-password flow (`POST /api/v1/users/{userId}/credentials/forgot_password`).
    /// With `send_email` true Okta emails the reset link; with false it returns it instead.
    #[doc(alias = "forgotPassword")]
    pub async fn forgot_password(
        &self,
        user_id: &str,
        send_email: bool,
    ) -> Result<ResetPasswordToken> {
        let response = self
            .client()
            .post(&format!(
                "{}/credentials/forgot_password",
                user_path(user_id)
            ))
            .query("sendEmail", bool_str(send_email))
            .sensitive_response()
            .send()
            .await?;
        reset_token(&response)
    }

    /// Sets a new password after checking the answer to the recovery question
    /// (`POST /api/v1/users/{userId}/credentials/forgot_password_recovery_question`).
    #[doc(alias = "forgotPasswordSetNewPassword")]
    pub async fn forgot_password_set_new_password(
        &self,
        user_id: &str,
        answer: &SecretString,
        new_password: &SecretString,
        send_email: bool,
    ) -> Result<UserCredentials> {
        #[derive(Serialize)]
        struct Body<'b> {
            password: PasswordValue<'b>,
            recovery_question: QuestionValue<'b>,
        }
        self.client()
            .post(&format!(
                "{}/credentials/forgot_password_recovery_question",
                user_path(user_id)
            ))
            .query("sendEmail", bool_str(send_email))
            .json(&Body {
                password: PasswordValue(new_password),
                recovery_question: QuestionValue {
                    question: None,
                    answer,
                },
            })
            .send()
            .await?
            .json()
    }
}

/// The reset link of a response; an empty body (the link was emailed) gives `None`.
fn reset_token(response: &okta_core::Response) -> Result<ResetPasswordToken> {
    if response.body().iter().all(u8::is_ascii_whitespace) {
        return Ok(ResetPasswordToken::default());
    }
    let answer: SecretAnswer = response.json()?;
    Ok(ResetPasswordToken {
        reset_password_url: answer.reset_password_url.map(SecretString::from),
    })
}

/// The request of [`Users::change_password`](crate::Users::change_password). `Debug` does
/// not show the passwords.
#[must_use = "the password is changed only when sent"]
pub struct ChangePassword<'a> {
    client: &'a Client,
    user_id: String,
    old_password: SecretString,
    new_password: SecretString,
    revoke_sessions: Option<bool>,
    strict: Option<bool>,
}

impl fmt::Debug for ChangePassword<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ChangePassword")
            .field("user_id", &self.user_id)
            .field("old_password", &"[REDACTED]")
            .field("new_password", &"[REDACTED]")
            .field("revoke_sessions", &self.revoke_sessions)
            .field("strict", &self.strict)
            .finish()
    }
}

impl ChangePassword<'_> {
    /// `revokeSessions`: end the user's other sessions once the password has changed.
    pub fn revoke_sessions(mut self, revoke: bool) -> Self {
        self.revoke_sessions = Some(revoke);
        self
    }

    /// `strict`: check the new password against the password policy's history, minimum age
    /// and dictionary rules too.
    pub fn strict(mut self, strict: bool) -> Self {
        self.strict = Some(strict);
        self
    }

    /// Sends the request and returns the user's credentials.
    pub async fn send(self) -> Result<UserCredentials> {
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Body<'b> {
            old_password: PasswordValue<'b>,
            new_password: PasswordValue<'b>,
            #[serde(skip_serializing_if = "Option::is_none")]
            revoke_sessions: Option<bool>,
        }
        let mut request = self.client.post(&format!(
            "{}/credentials/change_password",
            user_path(&self.user_id)
        ));
        if let Some(strict) = self.strict {
            request = request.query("strict", bool_str(strict));
        }
        request
            .json(&Body {
                old_password: PasswordValue(&self.old_password),
                new_password: PasswordValue(&self.new_password),
                revoke_sessions: self.revoke_sessions,
            })
            .send()
            .await?
            .json()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn credentials_round_trip_with_unknown_provider_type_and_fields() {
        let input = json!({
            "password": {},
            "recovery_question": {"question": "Who's a major player in the cowboy scene?"},
            "provider": {"type": "FUTURE_DIRECTORY", "name": "corp", "region": "eu"},
            "emails": [{"value": "ada@example.com", "status": "VERIFIED", "type": "PRIMARY"}]
        });
        let credentials: UserCredentials = serde_json::from_value(input.clone()).unwrap();
        let provider = credentials.provider.as_ref().unwrap();
        assert_eq!(
            provider.type_,
            Some(AuthenticationProviderType::Unknown(
                "FUTURE_DIRECTORY".into()
            ))
        );
        assert!(credentials.extra.contains_key("emails"));
        assert_eq!(serde_json::to_value(&credentials).unwrap(), input);
    }

    #[test]
    fn password_and_question_bodies_expose_secrets_only_in_json() {
        let password = SecretString::from("hunter2-Long!");
        let answer = SecretString::from("Annie Oakley");
        let body = json!({
            "password": serde_json::to_value(PasswordValue(&password)).unwrap(),
            "recovery_question": serde_json::to_value(QuestionValue { question: None, answer: &answer }).unwrap(),
        });
        assert_eq!(
            body,
            json!({"password": {"value": "hunter2-Long!"}, "recovery_question": {"answer": "Annie Oakley"}})
        );
    }

    #[test]
    fn secret_answers_are_redacted_in_debug() {
        let temp = TempPassword {
            temp_password: Some(SecretString::from("Temp-1234")),
        };
        let reset = ResetPasswordToken {
            reset_password_url: Some(SecretString::from("https://x/reset/abc")),
        };
        let shown = format!("{temp:?} {reset:?}");
        assert!(
            !shown.contains("Temp-1234") && !shown.contains("abc"),
            "{shown}"
        );
        assert!(shown.contains("[REDACTED]"));
    }
}
