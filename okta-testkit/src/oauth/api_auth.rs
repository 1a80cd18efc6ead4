//! Management API calls made with an access token of the org authorization server:
//! `Authorization: Bearer {token}`, or `Authorization: DPoP {token}` with a `DPoP` proof.

use axum::extract::Request;
use axum::http::header::{AUTHORIZATION, WWW_AUTHENTICATE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value};

use super::dpop::{self, Expected, ProofError};
use super::errors::DPOP_NONCE;
use super::{audience_contains, now_secs, OAuth, ORG_SERVER};
use crate::errors::ApiError;

/// A refused request's answer (boxed: a response is big).
pub(crate) type Refusal = Box<Response>;

/// The two token schemes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Scheme {
    Bearer,
    DPoP,
}

impl Scheme {
    fn name(self) -> &'static str {
        match self {
            Scheme::Bearer => "Bearer",
            Scheme::DPoP => "DPoP",
        }
    }
}

/// Checks a Management API request that did not carry the SSWS token: it passes with a
/// valid access token of the org server holding a scope the request needs. Refusals are
/// `401 E0000011` (with a `WWW-Authenticate` challenge for the two token schemes) or
/// `403 E0000006` for a missing scope.
pub(crate) fn authorize(oauth: &OAuth, request: &Request) -> Result<(), Refusal> {
    let plain = || Box::new(ApiError::invalid_token().into_response());
    let Some(value) = request
        .headers()
        .get(AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
    else {
        return Err(plain());
    };
    let Some((scheme, token)) = value.split_once(' ') else {
        return Err(plain());
    };
    let scheme = if scheme.eq_ignore_ascii_case("Bearer") {
        Scheme::Bearer
    } else if scheme.eq_ignore_ascii_case("DPoP") {
        Scheme::DPoP
    } else {
        return Err(plain());
    };
    let token = token.trim();
    let now = now_secs();
    let claims = oauth
        .verify_access_token(ORG_SERVER, token, now)
        .filter(|claims| audience_contains(claims.get("aud"), oauth.base_url()))
        .ok_or_else(|| {
            challenge(
                oauth,
                scheme,
                "invalid_token",
                "The access token is invalid, expired or revoked.",
            )
        })?;
    let jkt = claims
        .get("cnf")
        .and_then(|cnf| cnf.get("jkt"))
        .and_then(Value::as_str);
    match (scheme, jkt) {
        (Scheme::Bearer, None) => {}
        (Scheme::Bearer, Some(_)) => {
            return Err(challenge(
                oauth,
                Scheme::DPoP,
                "invalid_token",
                "The access token is DPoP-bound: send it with the DPoP scheme and a proof.",
            ));
        }
        (Scheme::DPoP, None) => {
            return Err(challenge(
                oauth,
                Scheme::DPoP,
                "invalid_token",
                "The access token is not DPoP-bound.",
            ));
        }
        (Scheme::DPoP, Some(jkt)) => check_proof(oauth, request, token, jkt, now)?,
    }
    check_scopes(oauth, scheme, request, &claims)
}

/// Checks the DPoP proof of a request made with a DPoP-bound token, and records it.
fn check_proof(
    oauth: &OAuth,
    request: &Request,
    token: &str,
    jkt: &str,
    now: i64,
) -> Result<(), Refusal> {
    let refuse =
        |description: &str| challenge(oauth, Scheme::DPoP, "invalid_dpop_proof", description);
    let proof = match dpop::proof_header(request.headers()) {
        Ok(Some(proof)) => proof,
        Ok(None) => return Err(refuse("The DPoP proof header is missing.")),
        Err(ProofError::Invalid(text)) => return Err(refuse(&text)),
        Err(ProofError::UseNonce) => return Err(refuse("The DPoP proof is invalid.")),
    };
    let url = format!("{}{}", oauth.base_url(), request.uri().path());
    let expected = Expected {
        method: request.method().as_str(),
        url: &url,
        access_token: Some(token),
        server: ORG_SERVER,
        now,
    };
    match dpop::check(oauth, proof, &expected) {
        Ok(valid) if valid.jkt != jkt => Err(refuse(
            "The DPoP proof key is not the key the access token is bound to.",
        )),
        Ok(valid) => oauth
            .commit(None, Some(&valid.replay))
            .map_err(|_| refuse("The DPoP proof 'jti' was already used.")),
        Err(ProofError::Invalid(text)) => Err(refuse(&text)),
        Err(ProofError::UseNonce) => {
            let mut response = challenge(
                oauth,
                Scheme::DPoP,
                "use_dpop_nonce",
                "Resource server requires nonce in DPoP proof.",
            );
            if let Ok(nonce) = HeaderValue::from_str(&oauth.issue_nonce(ORG_SERVER)) {
                response.headers_mut().insert(DPOP_NONCE, nonce);
            }
            Err(response)
        }
    }
}

/// The scopes of which a request needs one: `okta.users.read` or `okta.users.manage` to
/// read users, `okta.users.manage` to change them; the same for groups. `None` for other
/// paths, which any valid token may call.
fn required_scopes(method: &str, path: &str) -> Option<Vec<String>> {
    let mut segments = path.split('/').skip(1);
    let (Some("api"), Some("v1"), Some(resource @ ("users" | "groups"))) =
        (segments.next(), segments.next(), segments.next())
    else {
        return None;
    };
    let manage = format!("okta.{resource}.manage");
    if method == "GET" || method == "HEAD" {
        Some(vec![format!("okta.{resource}.read"), manage])
    } else {
        Some(vec![manage])
    }
}

/// Passes when the token's `scp` (an array, or a space-separated string) holds a scope the
/// request needs.
fn check_scopes(
    oauth: &OAuth,
    scheme: Scheme,
    request: &Request,
    claims: &Map<String, Value>,
) -> Result<(), Refusal> {
    let path = request.uri().path();
    let Some(required) = required_scopes(request.method().as_str(), path) else {
        return Ok(());
    };
    let granted: Vec<&str> = match claims.get("scp") {
        Some(Value::Array(scopes)) => scopes.iter().filter_map(Value::as_str).collect(),
        Some(Value::String(scopes)) => scopes.split_whitespace().collect(),
        _ => Vec::new(),
    };
    if required
        .iter()
        .any(|scope| granted.contains(&scope.as_str()))
    {
        return Ok(());
    }
    let mut response = ApiError::new(
        StatusCode::FORBIDDEN,
        "E0000006",
        "You do not have permission to perform the requested action",
    )
    .into_response();
    let value = format!(
        "{} authorization_uri=\"{}\", realm=\"{}\", scope=\"{}\", error=\"insufficient_scope\", \
         error_description=\"The access token provided does not contain the required scopes.\", \
         resource=\"{}\"",
        scheme.name(),
        oauth.endpoint(ORG_SERVER, "authorize"),
        oauth.base_url(),
        required.join(" "),
        path.replace('"', "%22"),
    );
    if let Ok(value) = HeaderValue::from_str(&value) {
        response.headers_mut().insert(WWW_AUTHENTICATE, value);
    }
    Err(Box::new(response))
}

/// `401 E0000011` with `WWW-Authenticate: {scheme} ..., error="{error}", error_description=...`.
fn challenge(oauth: &OAuth, scheme: Scheme, error: &str, description: &str) -> Refusal {
    let mut response = ApiError::invalid_token().into_response();
    let value = format!(
        "{} authorization_uri=\"{}\", realm=\"{}\", error=\"{error}\", error_description=\"{}\"",
        scheme.name(),
        oauth.endpoint(ORG_SERVER, "authorize"),
        oauth.base_url(),
        description.replace('"', "'"),
    );
    if let Ok(value) = HeaderValue::from_str(&value) {
        response.headers_mut().insert(WWW_AUTHENTICATE, value);
    }
    Box::new(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_need_read_or_manage_and_writes_need_manage() {
        let users = ["okta.users.read", "okta.users.manage"];
        assert_eq!(
            required_scopes("GET", "/api/v1/users/00u1/groups").as_deref(),
            Some(&users.map(String::from)[..])
        );
        assert_eq!(
            required_scopes("PUT", "/api/v1/groups/00g1/users/00u1"),
            Some(vec!["okta.groups.manage".to_owned()])
        );
        assert_eq!(required_scopes("GET", "/api/v1/apps"), None);
        assert_eq!(required_scopes("GET", "/api/v2/users"), None);
    }
}
