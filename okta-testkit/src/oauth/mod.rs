//! The org's authorization servers: the org server (issuer `{url}`) and the custom server
//! `default` (issuer `{url}/oauth2/default`), their keys, the registered clients, DPoP nonces,
//! replay caches and revoked tokens.
//!
//! Keys are made the first time a server needs them (an RSA 2048 key takes a moment), so
//! orgs that never use OAuth do not pay for them.

pub(crate) mod api_auth;
pub(crate) mod client;
pub(crate) mod client_auth;
pub(crate) mod dpop;
pub(crate) mod errors;
pub(crate) mod jose;

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};

use serde_json::{Map, Value};

use self::client::{ClientAuth, OAuthClient, OAuthClientSpec};
use self::jose::{Alg, Jwt, KeyGeneration, PublicJwk};
use crate::clock::now_epoch_secs;
use crate::ids;

/// The id of the org authorization server in the public API.
pub(crate) const ORG_SERVER: &str = "org";

/// The custom authorization server every fake org has.
pub(crate) const DEFAULT_SERVER: &str = "default";

/// The clock skew allowed on `iat` / `exp` of assertions and proofs, in seconds.
pub(crate) const SKEW_SECS: i64 = 60;

/// How many recently issued DPoP nonces each server accepts.
const NONCES_KEPT: usize = 16;

/// Now, in whole seconds since the Unix epoch.
pub(crate) fn now_secs() -> i64 {
    i64::try_from(now_epoch_secs()).unwrap_or(i64::MAX)
}

/// A registered client and its parsed public keys (for `private_key_jwt`).
#[derive(Clone, Debug)]
pub(crate) struct RegisteredClient {
    /// The client as the test sees it.
    pub(crate) client: OAuthClient,
    /// The client's keys by `kid`.
    pub(crate) keys: Vec<(String, PublicJwk)>,
}

impl RegisteredClient {
    /// The key with this `kid`.
    pub(crate) fn key(&self, kid: &str) -> Option<&PublicJwk> {
        self.keys
            .iter()
            .find(|(key_id, _)| key_id == kid)
            .map(|(_, key)| key)
    }
}

/// A JWT id that must not be seen again before it expires: `(key, expiry in epoch secs)`.
#[derive(Clone, Debug)]
pub(crate) struct ReplayKey {
    key: String,
    expires: i64,
}

impl ReplayKey {
    /// The id `key`, remembered until `expires`.
    pub(crate) fn new(key: String, expires: i64) -> Self {
        Self { key, expires }
    }
}

/// Ids seen recently, each kept until it expires.
#[derive(Debug, Default)]
struct ReplayCache {
    seen: HashMap<String, i64>,
    /// The size at which expired entries are next dropped.
    prune_at: usize,
}

impl ReplayCache {
    fn contains(&self, key: &ReplayKey, now: i64) -> bool {
        self.seen
            .get(&key.key)
            .is_some_and(|&expires| expires >= now)
    }

    fn insert(&mut self, key: &ReplayKey, now: i64) {
        if self.seen.len() >= self.prune_at {
            self.seen.retain(|_, expires| *expires >= now);
            self.prune_at = (self.seen.len() * 2).max(1024);
        }
        self.seen.insert(key.key.clone(), key.expires);
    }
}

/// Which replay cache refused an id in [`OAuth::commit`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Replayed {
    /// A client assertion's `jti`.
    Assertion,
    /// A DPoP proof's `jti`.
    Proof,
}

/// One authorization server.
#[derive(Debug, Default)]
struct ServerState {
    /// Published key generations, the current (signing) one first. Empty until first needed.
    keys: Vec<Arc<KeyGeneration>>,
    /// Recently issued DPoP nonces, newest first.
    nonces: VecDeque<String>,
}

/// Everything behind the lock.
#[derive(Debug, Default)]
struct OAuthState {
    servers: BTreeMap<String, ServerState>,
    clients: HashMap<String, RegisteredClient>,
    assertions: ReplayCache,
    proofs: ReplayCache,
    revoked: HashSet<String>,
}

/// The authorization servers of one org.
#[derive(Debug)]
pub(crate) struct OAuth {
    /// The org URL, `http://127.0.0.1:{port}`.
    base_url: String,
    /// `Cache-Control: max-age` of the key sets, in seconds.
    pub(crate) jwks_max_age: u64,
    /// The lifetime of access tokens, in seconds.
    pub(crate) token_lifetime: i64,
    state: Mutex<OAuthState>,
}

impl OAuth {
    /// The servers of an org answering under `base_url`: `org` and `default`, without keys yet.
    pub(crate) fn new(base_url: String, jwks_max_age: u64, token_lifetime: i64) -> Self {
        let mut state = OAuthState::default();
        state
            .servers
            .insert(ORG_SERVER.to_owned(), ServerState::default());
        state
            .servers
            .insert(DEFAULT_SERVER.to_owned(), ServerState::default());
        Self {
            base_url,
            jwks_max_age,
            token_lifetime,
            state: Mutex::new(state),
        }
    }

    fn lock(&self) -> MutexGuard<'_, OAuthState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Whether `server` names one of the org's servers (`org` included).
    pub(crate) fn has_server(&self, server: &str) -> bool {
        self.lock().servers.contains_key(server)
    }

    /// Whether `id`, taken from an `/oauth2/{id}/...` path, names a custom server.
    pub(crate) fn is_custom_server(&self, id: &str) -> bool {
        id != ORG_SERVER && self.has_server(id)
    }

    /// The org URL.
    pub(crate) fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The issuer of a server: the org URL for `org`, else `{url}/oauth2/{server}`.
    pub(crate) fn issuer(&self, server: &str) -> String {
        if server == ORG_SERVER {
            self.base_url.clone()
        } else {
            format!("{}/oauth2/{server}", self.base_url)
        }
    }

    /// The URL of a server's endpoint `name` (`token`, `keys`...).
    pub(crate) fn endpoint(&self, server: &str, name: &str) -> String {
        if server == ORG_SERVER {
            format!("{}/oauth2/v1/{name}", self.base_url)
        } else {
            format!("{}/oauth2/{server}/v1/{name}", self.base_url)
        }
    }

    /// The `aud` of the access tokens a server issues.
    pub(crate) fn audience(&self, server: &str) -> String {
        if server == ORG_SERVER {
            self.base_url.clone()
        } else {
            format!("api://{server}")
        }
    }

    /// The published key generations of a server, the current one first (made now if the
    /// server has none yet); `None` for an unknown server.
    pub(crate) fn keys(&self, server: &str) -> Option<Vec<Arc<KeyGeneration>>> {
        {
            let state = self.lock();
            let keys = &state.servers.get(server)?.keys;
            if !keys.is_empty() {
                return Some(keys.clone());
            }
        }
        // Made without the lock: other requests need not wait for an RSA key.
        let fresh = Arc::new(KeyGeneration::generate());
        let mut state = self.lock();
        let keys = &mut state.servers.get_mut(server)?.keys;
        if keys.is_empty() {
            keys.push(fresh);
        }
        Some(keys.clone())
    }

    /// The key generation a server signs with now.
    pub(crate) fn current_keys(&self, server: &str) -> Option<Arc<KeyGeneration>> {
        self.keys(server)?.into_iter().next()
    }

    /// Makes a new key generation the current one, keeping the others published. `false`
    /// for an unknown server.
    pub(crate) fn rotate(&self, server: &str) -> bool {
        if self.keys(server).is_none() {
            return false;
        }
        let fresh = Arc::new(KeyGeneration::generate());
        let mut state = self.lock();
        match state.servers.get_mut(server) {
            Some(entry) => {
                entry.keys.insert(0, fresh);
                true
            }
            None => false,
        }
    }

    /// Stops publishing every key generation but the current one. `false` for an unknown
    /// server.
    pub(crate) fn retire(&self, server: &str) -> bool {
        let mut state = self.lock();
        match state.servers.get_mut(server) {
            Some(entry) => {
                entry.keys.truncate(1);
                true
            }
            None => false,
        }
    }

    /// The JWKS of a server: `{"keys":[...]}`, current keys first.
    pub(crate) fn jwks(&self, server: &str) -> Option<Value> {
        let keys: Vec<Value> = self
            .keys(server)?
            .iter()
            .flat_map(|generation| generation.jwks())
            .collect();
        Some(serde_json::json!({ "keys": keys }))
    }

    /// Registers a client.
    pub(crate) fn add_client(&self, spec: OAuthClientSpec) -> Result<OAuthClient, String> {
        let keys = match &spec.auth {
            ClientAuth::PrivateKeyJwt { jwks } => parse_client_jwks(jwks)?,
            ClientAuth::SecretBasic(_) | ClientAuth::SecretPost(_) => Vec::new(),
        };
        let mut state = self.lock();
        let client_id = match spec.client_id {
            Some(id) if id.is_empty() => return Err("the client id is empty".to_owned()),
            Some(id) => id,
            None => loop {
                let id = format!("0oa{}", ids::token(17));
                if !state.clients.contains_key(&id) {
                    break id;
                }
            },
        };
        if state.clients.contains_key(&client_id) {
            return Err(format!("the client id {client_id} is taken"));
        }
        let client = OAuthClient {
            client_id: client_id.clone(),
            auth: spec.auth,
            scopes: spec.scopes,
            require_dpop: spec.require_dpop,
        };
        state.clients.insert(
            client_id,
            RegisteredClient {
                client: client.clone(),
                keys,
            },
        );
        Ok(client)
    }

    /// The client with this id.
    pub(crate) fn client(&self, client_id: &str) -> Option<RegisteredClient> {
        self.lock().clients.get(client_id).cloned()
    }

    /// Makes a new DPoP nonce for a server and remembers it.
    pub(crate) fn issue_nonce(&self, server: &str) -> String {
        let nonce = ids::token(32);
        let mut state = self.lock();
        if let Some(entry) = state.servers.get_mut(server) {
            entry.nonces.push_front(nonce.clone());
            entry.nonces.truncate(NONCES_KEPT);
        }
        nonce
    }

    /// Whether a server issued this nonce recently.
    pub(crate) fn nonce_valid(&self, server: &str, nonce: &str) -> bool {
        self.lock()
            .servers
            .get(server)
            .is_some_and(|entry| entry.nonces.iter().any(|known| known == nonce))
    }

    /// Whether a client assertion `jti` was used already.
    pub(crate) fn assertion_seen(&self, key: &ReplayKey) -> bool {
        self.lock().assertions.contains(key, now_secs())
    }

    /// Whether a DPoP proof `jti` was used already.
    pub(crate) fn proof_seen(&self, key: &ReplayKey) -> bool {
        self.lock().proofs.contains(key, now_secs())
    }

    /// Records a request's assertion and proof ids, refusing (and recording nothing) if
    /// either was used already.
    pub(crate) fn commit(
        &self,
        assertion: Option<&ReplayKey>,
        proof: Option<&ReplayKey>,
    ) -> Result<(), Replayed> {
        let now = now_secs();
        let mut state = self.lock();
        if assertion.is_some_and(|key| state.assertions.contains(key, now)) {
            return Err(Replayed::Assertion);
        }
        if proof.is_some_and(|key| state.proofs.contains(key, now)) {
            return Err(Replayed::Proof);
        }
        if let Some(key) = assertion {
            state.assertions.insert(key, now);
        }
        if let Some(key) = proof {
            state.proofs.insert(key, now);
        }
        Ok(())
    }

    /// Revokes an access token.
    pub(crate) fn revoke(&self, token: &str) {
        self.lock().revoked.insert(token.to_owned());
    }

    /// The claims of an access token that `server` signed with a published key, whose `iss`
    /// is the server's issuer, that has not expired (`exp` after `now`) and was not revoked.
    pub(crate) fn verify_access_token(
        &self,
        server: &str,
        token: &str,
        now: i64,
    ) -> Option<Map<String, Value>> {
        let jwt = Jwt::parse(token)?;
        if jwt.header_str("alg") != Some("RS256") {
            return None;
        }
        let kid = jwt.header_str("kid")?;
        // No keys made yet means no token was signed yet: nothing to make here.
        let keys = self.lock().servers.get(server)?.keys.clone();
        let generation = keys.iter().find(|keys| keys.rsa_kid() == kid)?;
        if !generation
            .rsa_public()
            .verify(Alg::Rs256, jwt.signing_input.as_bytes(), &jwt.signature)
        {
            return None;
        }
        if jwt.claim_str("iss") != Some(self.issuer(server).as_str()) {
            return None;
        }
        if jwt.claim_time("exp").is_none_or(|exp| exp <= now) {
            return None;
        }
        if self.lock().revoked.contains(token) {
            return None;
        }
        Some(jwt.claims)
    }
}

/// Reads a client's public JWKS: every key needs a `kid` and must be RSA or EC P-256.
fn parse_client_jwks(jwks: &Value) -> Result<Vec<(String, PublicJwk)>, String> {
    let Some(keys) = jwks.get("keys").and_then(Value::as_array) else {
        return Err("the JWKS has no \"keys\" array".to_owned());
    };
    keys.iter()
        .enumerate()
        .map(|(index, jwk)| {
            let kid = jwk
                .get("kid")
                .and_then(Value::as_str)
                .ok_or_else(|| format!("key {index} has no kid"))?;
            let key = PublicJwk::from_json(jwk, false)
                .map_err(|problem| format!("key {kid}: {problem}"))?;
            Ok((kid.to_owned(), key))
        })
        .collect()
}

/// Whether an `aud` claim (a string or an array of strings) names `audience`.
pub(crate) fn audience_contains(aud: Option<&Value>, audience: &str) -> bool {
    match aud {
        Some(Value::String(value)) => value == audience,
        Some(Value::Array(values)) => values.iter().any(|value| value == audience),
        _ => false,
    }
}
