//! DPoP proofs (RFC 9449): checked at the token endpoints and on Management API calls
//! made with `Authorization: DPoP {token}`.

use axum::http::{HeaderMap, HeaderName};
use url::Url;

use super::jose::{sha256_b64, Alg, Jwt, PublicJwk};
use super::{OAuth, ReplayKey, SKEW_SECS};

/// The `DPoP` request header.
pub(crate) const DPOP: HeaderName = HeaderName::from_static("dpop");

/// What a proof must be bound to.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Expected<'a> {
    /// The request method (`htm`).
    pub(crate) method: &'a str,
    /// The request URL without query (`htu`).
    pub(crate) url: &'a str,
    /// The access token the proof comes with (`ath`), on resource requests.
    pub(crate) access_token: Option<&'a str>,
    /// The server whose nonces the proof must carry.
    pub(crate) server: &'a str,
    /// Now, in epoch seconds.
    pub(crate) now: i64,
}

/// A proof that passed every check.
#[derive(Clone, Debug)]
pub(crate) struct ValidProof {
    /// The RFC 7638 thumbprint of the proof's key.
    pub(crate) jkt: String,
    /// Its `jti`, to record once the request succeeds.
    pub(crate) replay: ReplayKey,
}

/// Why a proof was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum ProofError {
    /// The proof is malformed, badly signed, bound to something else, stale or replayed.
    Invalid(String),
    /// The proof is fine but lacks a nonce the server issued.
    UseNonce,
}

/// The request's one `DPoP` header: `Ok(None)` without one, an error when there are
/// several or it is not text.
pub(crate) fn proof_header(headers: &HeaderMap) -> Result<Option<&str>, ProofError> {
    let mut values = headers.get_all(DPOP).iter();
    let Some(first) = values.next() else {
        return Ok(None);
    };
    if values.next().is_some() {
        return Err(ProofError::Invalid(
            "The request has more than one DPoP header.".to_owned(),
        ));
    }
    first
        .to_str()
        .map(Some)
        .map_err(|_| ProofError::Invalid("The DPoP header is not a JWT.".to_owned()))
}

/// Checks a proof against what it must be bound to. A proof lacking a valid nonce is
/// `UseNonce` only once everything else is right. Nothing is recorded: see
/// [`OAuth::commit`].
pub(crate) fn check(
    oauth: &OAuth,
    proof: &str,
    expected: &Expected<'_>,
) -> Result<ValidProof, ProofError> {
    let invalid = |text: &str| ProofError::Invalid(text.to_owned());
    let jwt = Jwt::parse(proof).ok_or_else(|| invalid("The DPoP proof is not a valid JWT."))?;
    if jwt.header_str("typ") != Some("dpop+jwt") {
        return Err(invalid("The DPoP proof 'typ' must be 'dpop+jwt'."));
    }
    let alg = jwt
        .header_str("alg")
        .and_then(Alg::from_name)
        .ok_or_else(|| invalid("The DPoP proof 'alg' must be ES256 or RS256."))?;
    let jwk = jwt
        .header
        .get("jwk")
        .ok_or_else(|| invalid("The DPoP proof has no 'jwk' header."))?;
    let key = PublicJwk::from_json(jwk, false).map_err(|problem| {
        ProofError::Invalid(format!("The DPoP proof 'jwk' is invalid: {problem}."))
    })?;
    if key.alg() != alg || !key.verify(alg, jwt.signing_input.as_bytes(), &jwt.signature) {
        return Err(invalid("The DPoP proof signature is invalid."));
    }
    let jti = jwt
        .claim_str("jti")
        .filter(|jti| !jti.is_empty())
        .ok_or_else(|| invalid("The DPoP proof has no 'jti'."))?;
    if jwt.claim_str("htm") != Some(expected.method) {
        return Err(invalid(
            "The DPoP proof 'htm' does not match the request method.",
        ));
    }
    if !same_url(jwt.claim_str("htu"), expected.url) {
        return Err(invalid(
            "The DPoP proof 'htu' does not match the request URL.",
        ));
    }
    let iat = jwt
        .claim_time("iat")
        .ok_or_else(|| invalid("The DPoP proof has no 'iat'."))?;
    if expected.now.saturating_sub(iat).saturating_abs() > SKEW_SECS {
        return Err(invalid(
            "The DPoP proof 'iat' is too far from the current time.",
        ));
    }
    if let Some(token) = expected.access_token {
        if jwt.claim_str("ath") != Some(sha256_b64(token.as_bytes()).as_str()) {
            return Err(invalid(
                "The DPoP proof 'ath' does not match the access token.",
            ));
        }
    }
    let jkt = key.thumbprint();
    let replay = ReplayKey::new(format!("{jkt}:{jti}"), iat.saturating_add(2 * SKEW_SECS));
    if oauth.proof_seen(&replay) {
        return Err(invalid("The DPoP proof 'jti' was already used."));
    }
    let nonce_ok = jwt
        .claim_str("nonce")
        .is_some_and(|nonce| oauth.nonce_valid(expected.server, nonce));
    if !nonce_ok {
        return Err(ProofError::UseNonce);
    }
    Ok(ValidProof { jkt, replay })
}

/// Whether `htu`, without its query and fragment, is the URL `expected`.
fn same_url(htu: Option<&str>, expected: &str) -> bool {
    let Some(Ok(mut htu)) = htu.map(Url::parse) else {
        return false;
    };
    htu.set_query(None);
    htu.set_fragment(None);
    Url::parse(expected).is_ok_and(|expected| expected == htu)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn htu_ignores_query_and_fragment_but_not_the_path() {
        let url = "http://127.0.0.1:8080/oauth2/v1/token";
        assert!(same_url(Some(url), url));
        assert!(same_url(
            Some("http://127.0.0.1:8080/oauth2/v1/token?x=1#f"),
            url
        ));
        assert!(!same_url(Some("http://127.0.0.1:8080/oauth2/v1/keys"), url));
        assert!(!same_url(Some("not a url"), url));
        assert!(!same_url(None, url));
    }
}
