//! DPoP proofs (RFC 9449) with an ephemeral ES256 key.

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::UNIX_EPOCH;

use aws_lc_rs::digest;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use okta_core::clock::{Clock, SystemClock};
use serde_json::json;
use url::Url;

use super::signing::{random_token, SigningKey};
use super::OAuthError;

/// A DPoP key and the nonces the servers asked for.
///
/// One key per client: tokens are bound to it (`cnf.jkt`), so it lives as long as the client.
/// Nonces are kept per origin, since the authorization server and the resource server may
/// each issue their own.
#[derive(Clone)]
pub struct Dpop {
    key: Arc<SigningKey>,
    nonces: Arc<Mutex<Vec<(String, String)>>>,
    clock: Arc<dyn Clock>,
}

impl fmt::Debug for Dpop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Dpop")
            .field("jkt", &self.key.thumbprint())
            .finish_non_exhaustive()
    }
}

impl Dpop {
    /// A DPoP key made for this client (ES256).
    pub fn generate() -> Result<Dpop, OAuthError> {
        Ok(Dpop {
            key: Arc::new(SigningKey::generate_es256()?),
            nonces: Arc::new(Mutex::new(Vec::new())),
            clock: Arc::new(SystemClock),
        })
    }

    /// Uses `clock` for `iat`.
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// The JWK thumbprint of the key (what `cnf.jkt` of a bound token holds).
    pub fn thumbprint(&self) -> String {
        self.key.thumbprint()
    }

    fn origin(url: &Url) -> String {
        url.origin().ascii_serialization()
    }

    /// Remembers the nonce `server_url`'s origin asked for.
    pub fn set_nonce(&self, server_url: &Url, nonce: &str) {
        let origin = Self::origin(server_url);
        let mut nonces = self.nonces.lock().unwrap_or_else(|e| e.into_inner());
        nonces.retain(|(o, _)| *o != origin);
        nonces.push((origin, nonce.to_owned()));
    }

    fn nonce(&self, url: &Url) -> Option<String> {
        let origin = Self::origin(url);
        self.nonces
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .find(|(o, _)| *o == origin)
            .map(|(_, n)| n.clone())
    }

    /// A fresh proof for `method url`; with `access_token`, it carries `ath` (for API calls).
    pub fn proof(
        &self,
        method: &str,
        url: &Url,
        access_token: Option<&str>,
    ) -> Result<String, OAuthError> {
        let mut htu = url.clone();
        htu.set_query(None);
        htu.set_fragment(None);
        let iat = self
            .clock
            .now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        let mut claims = json!({
            "htm": method,
            "htu": htu.as_str(),
            "iat": iat,
            "jti": random_token(16)?,
        });
        if let Some(nonce) = self.nonce(url) {
            claims["nonce"] = json!(nonce);
        }
        if let Some(token) = access_token {
            claims["ath"] =
                json!(URL_SAFE_NO_PAD.encode(digest::digest(&digest::SHA256, token.as_bytes())));
        }
        self.key.sign_jwt(
            json!({"typ": "dpop+jwt", "jwk": self.key.public_jwk()}),
            &claims,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(part: &str) -> serde_json::Value {
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(part).unwrap()).unwrap()
    }

    #[test]
    fn proof_has_the_rfc_9449_header_and_claims() {
        let dpop = Dpop::generate().unwrap();
        let url = Url::parse("https://dev-1.okta.com/api/v1/users?limit=2#x").unwrap();
        let proof = dpop.proof("GET", &url, Some("token-value")).unwrap();
        let parts: Vec<&str> = proof.split('.').collect();
        let (h, c) = (decode(parts[0]), decode(parts[1]));
        assert_eq!(h["typ"], "dpop+jwt");
        assert_eq!(h["alg"], "ES256");
        assert_eq!(h["jwk"]["kty"], "EC");
        assert!(
            h["jwk"].get("d").is_none(),
            "no private key material in the proof"
        );
        assert_eq!(c["htm"], "GET");
        assert_eq!(c["htu"], "https://dev-1.okta.com/api/v1/users");
        assert_eq!(
            c["ath"],
            URL_SAFE_NO_PAD.encode(digest::digest(&digest::SHA256, b"token-value"))
        );
        assert!(c.get("nonce").is_none());
        // A new jti every time.
        let again = dpop.proof("GET", &url, Some("token-value")).unwrap();
        let c2 = decode(again.split('.').nth(1).unwrap());
        assert_ne!(c["jti"], c2["jti"]);
    }

    #[test]
    fn nonces_are_kept_per_origin() {
        let dpop = Dpop::generate().unwrap();
        let as_url = Url::parse("https://dev-1.okta.com/oauth2/v1/token").unwrap();
        let other = Url::parse("https://api.example.com/x").unwrap();
        dpop.set_nonce(&as_url, "n1");
        let proof = dpop.proof("POST", &as_url, None).unwrap();
        assert_eq!(decode(proof.split('.').nth(1).unwrap())["nonce"], "n1");
        let proof = dpop.proof("GET", &other, None).unwrap();
        assert!(decode(proof.split('.').nth(1).unwrap())
            .get("nonce")
            .is_none());
    }
}
