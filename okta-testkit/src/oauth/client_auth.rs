//! Client authentication at the token, introspection and revocation endpoints:
//! `client_secret_basic`, `client_secret_post` and `private_key_jwt`.

use axum::http::header::AUTHORIZATION;
use axum::http::HeaderMap;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
use base64::Engine as _;

use super::client::ClientAuth;
use super::errors::{OAuthError, Params};
use super::jose::{Alg, Jwt};
use super::{audience_contains, OAuth, RegisteredClient, ReplayKey, SKEW_SECS};

/// The only `client_assertion_type` there is.
pub(crate) const JWT_BEARER: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/// The longest a client assertion may live (`exp - iat`), in seconds.
const MAX_ASSERTION_LIFETIME: i64 = 3600;

/// An authenticated client.
#[derive(Clone, Debug)]
pub(crate) struct Authenticated {
    /// The client.
    pub(crate) client: RegisteredClient,
    /// The `jti` of its assertion, to record once the request succeeds.
    pub(crate) replay: Option<ReplayKey>,
}

/// The description of every unknown-client refusal.
const UNKNOWN_CLIENT: &str = "Invalid value for 'client_id' parameter.";

/// Authenticates the client of a request. `audiences` are the URLs a client assertion's
/// `aud` may name. Nothing is recorded: see [`OAuth::commit`].
pub(crate) fn authenticate(
    oauth: &OAuth,
    headers: &HeaderMap,
    params: &Params,
    audiences: &[&str],
    now: i64,
) -> Result<Authenticated, OAuthError> {
    let basic = basic_credentials(headers)?;
    let assertion = params.get("client_assertion");
    let secret = params.get("client_secret");
    let presented = [basic.is_some(), assertion.is_some(), secret.is_some()]
        .iter()
        .filter(|&&given| given)
        .count();
    if presented > 1 {
        return Err(OAuthError::invalid_request(
            "The request uses more than one client authentication method.",
        ));
    }
    let body_id = params.get("client_id");
    if let Some((id, secret)) = basic {
        if body_id.is_some_and(|body_id| body_id != id) {
            return Err(OAuthError::invalid_client(
                "The client_id parameter does not match the Authorization header.",
            ));
        }
        let client = secret_client(oauth, &id, &secret, "client_secret_basic")?;
        return Ok(Authenticated {
            client,
            replay: None,
        });
    }
    if let Some(secret) = secret {
        let id = body_id.ok_or_else(|| {
            OAuthError::invalid_client("The client_id parameter is required with client_secret.")
        })?;
        let client = secret_client(oauth, id, secret, "client_secret_post")?;
        return Ok(Authenticated {
            client,
            replay: None,
        });
    }
    if let Some(assertion) = assertion {
        return assertion_client(oauth, params, assertion, audiences, now);
    }
    Err(OAuthError::invalid_client(
        "Client authentication is required: no client credentials were found.",
    ))
}

/// The id and secret of `Authorization: Basic ...`, if the request has that header.
fn basic_credentials(headers: &HeaderMap) -> Result<Option<(String, String)>, OAuthError> {
    let Some(value) = headers.get(AUTHORIZATION) else {
        return Ok(None);
    };
    let malformed = || OAuthError::invalid_client("The Basic credentials are malformed.");
    let value = value.to_str().map_err(|_| malformed())?;
    let Some((scheme, encoded)) = value.split_once(' ') else {
        return Err(malformed());
    };
    if !scheme.eq_ignore_ascii_case("Basic") {
        return Err(OAuthError::invalid_client(
            "Only Basic credentials are accepted in the Authorization header.",
        ));
    }
    let encoded = encoded.trim();
    let decoded = STANDARD
        .decode(encoded)
        .or_else(|_| STANDARD_NO_PAD.decode(encoded))
        .map_err(|_| malformed())?;
    let text = String::from_utf8(decoded).map_err(|_| malformed())?;
    let (id, secret) = text.split_once(':').ok_or_else(malformed)?;
    let id = form_decode(id).ok_or_else(malformed)?;
    let secret = form_decode(secret).ok_or_else(malformed)?;
    Ok(Some((id, secret)))
}

/// Undoes `application/x-www-form-urlencoded` encoding of one value: `+` is a space and
/// `%XX` a byte. `None` when the result is not UTF-8 or a `%` escape is broken.
fn form_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while let Some(&byte) = bytes.get(index) {
        match byte {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes.get(index + 1..index + 3)?;
                if !hex.iter().all(u8::is_ascii_hexdigit) {
                    return None;
                }
                let hex = std::str::from_utf8(hex).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                index += 2;
            }
            other => out.push(other),
        }
        index += 1;
    }
    String::from_utf8(out).ok()
}

/// The client `id` if it uses the secret method `method` and `secret` is its secret.
fn secret_client(
    oauth: &OAuth,
    id: &str,
    secret: &str,
    method: &str,
) -> Result<RegisteredClient, OAuthError> {
    let client = oauth
        .client(id)
        .ok_or_else(|| OAuthError::invalid_client(UNKNOWN_CLIENT))?;
    let expected = match &client.client.auth {
        ClientAuth::SecretBasic(expected) if method == "client_secret_basic" => expected,
        ClientAuth::SecretPost(expected) if method == "client_secret_post" => expected,
        other => return Err(wrong_method(other, method)),
    };
    if expected != secret {
        return Err(OAuthError::invalid_client(
            "The client secret supplied for a confidential client is invalid.",
        ));
    }
    Ok(client)
}

/// The refusal of a client that authenticated with another method than its own.
fn wrong_method(auth: &ClientAuth, used: &str) -> OAuthError {
    OAuthError::invalid_client(format!(
        "Client authentication failed: the client uses {}, not {used}.",
        auth.method_name()
    ))
}

/// Authenticates a `private_key_jwt` client by its assertion.
fn assertion_client(
    oauth: &OAuth,
    params: &Params,
    assertion: &str,
    audiences: &[&str],
    now: i64,
) -> Result<Authenticated, OAuthError> {
    let invalid = |text: &str| OAuthError::invalid_client(text.to_owned());
    if params.get("client_assertion_type") != Some(JWT_BEARER) {
        return Err(invalid(
            "The client_assertion_type must be urn:ietf:params:oauth:client-assertion-type:jwt-bearer.",
        ));
    }
    let jwt =
        Jwt::parse(assertion).ok_or_else(|| invalid("The client_assertion is not a valid JWT."))?;
    let issuer = jwt.claim_str("iss");
    let id = params
        .get("client_id")
        .or(issuer)
        .ok_or_else(|| invalid("The client_assertion has no 'iss' claim."))?;
    let client = oauth
        .client(id)
        .ok_or_else(|| OAuthError::invalid_client(UNKNOWN_CLIENT))?;
    if !matches!(client.client.auth, ClientAuth::PrivateKeyJwt { .. }) {
        return Err(wrong_method(&client.client.auth, "private_key_jwt"));
    }

    let alg = jwt
        .header_str("alg")
        .and_then(Alg::from_name)
        .ok_or_else(|| invalid("The client_assertion must be signed with RS256 or ES256."))?;
    let kid = jwt
        .header_str("kid")
        .ok_or_else(|| invalid("The client_assertion header has no 'kid'."))?;
    let key = client
        .key(kid)
        .ok_or_else(|| invalid("The client_assertion 'kid' matches no key of the client."))?;
    if key.alg() != alg || !key.verify(alg, jwt.signing_input.as_bytes(), &jwt.signature) {
        return Err(invalid("The client_assertion signature is invalid."));
    }

    if issuer != Some(id) || jwt.claim_str("sub") != Some(id) {
        return Err(invalid(
            "The client_assertion 'iss' and 'sub' must both be the client_id.",
        ));
    }
    let aud = jwt.claims.get("aud");
    if !audiences
        .iter()
        .any(|audience| audience_contains(aud, audience))
    {
        return Err(invalid("The client_assertion 'aud' is not this endpoint."));
    }
    let exp = jwt
        .claim_time("exp")
        .ok_or_else(|| invalid("The client_assertion has no 'exp' claim."))?;
    if exp.saturating_add(SKEW_SECS) <= now {
        return Err(invalid("The client_assertion has expired."));
    }
    match jwt.claim_time("iat") {
        Some(iat) if iat > now + SKEW_SECS => {
            return Err(invalid("The client_assertion 'iat' is in the future."));
        }
        Some(iat) if exp.saturating_sub(iat) > MAX_ASSERTION_LIFETIME => {
            return Err(invalid(
                "The client_assertion 'exp' is more than one hour after its 'iat'.",
            ));
        }
        None if exp > now + MAX_ASSERTION_LIFETIME + SKEW_SECS => {
            return Err(invalid(
                "The client_assertion 'exp' is more than one hour ahead.",
            ));
        }
        _ => {}
    }
    let jti = jwt
        .claim_str("jti")
        .filter(|jti| !jti.is_empty())
        .ok_or_else(|| invalid("The client_assertion has no 'jti' claim."))?;
    let replay = ReplayKey::new(format!("{id}:{jti}"), exp.saturating_add(SKEW_SECS));
    if oauth.assertion_seen(&replay) {
        return Err(invalid("The client_assertion 'jti' was already used."));
    }
    Ok(Authenticated {
        client,
        replay: Some(replay),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_decoding_follows_rfc_6749() {
        assert_eq!(form_decode("a+b%2Bc%3A%25").as_deref(), Some("a b+c:%"));
        assert_eq!(form_decode("plain&raw=").as_deref(), Some("plain&raw="));
        assert_eq!(form_decode("%e2%82%ac").as_deref(), Some("\u{20ac}"));
        assert_eq!(form_decode("%4"), None);
        assert_eq!(form_decode("%zz"), None);
        assert_eq!(form_decode("%ff"), None);
        assert_eq!(form_decode("%+1"), None);
    }
}
