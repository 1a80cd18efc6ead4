//! A SAML 2.0 service provider on axum: users sign in with Okta.
//!
//! ```text
//! cargo run -p examples --example saml_sp -- \
//!     --idp-metadata okta-idp-metadata.xml \
//!     --sp-entity-id https://app.example.com/saml/metadata \
//!     --acs-url https://app.example.com/saml/acs \
//!     [--addr 127.0.0.1:8080] [--sp-key sp-key.pem [--sp-cert sp.crt]] \
//!     [--now YYYY-MM-DDTHH:MM:SSZ]
//! ```
//!
//! Every option can also come from the environment: `SAML_IDP_METADATA`, `SAML_SP_ENTITY_ID`,
//! `SAML_ACS_URL`, `SAML_ADDR`, `SAML_SP_KEY`, `SAML_SP_CERT`, `SAML_NOW` (a flag wins).
//!
//! In the Okta admin console, create a SAML 2.0 app with "Single sign-on URL" = the ACS URL
//! (its path must be `/saml/acs`, the route below) and "Audience URI (SP Entity ID)" = the SP
//! entity ID, then download the app's IdP metadata for `--idp-metadata`. With `--sp-key`,
//! encrypted assertions are decrypted; `--sp-cert` publishes that key's certificate in the SP
//! metadata so Okta can encrypt to it.
//!
//! Routes:
//! - `GET /`: the signed-in user, or a link to sign in.
//! - `GET /login`: makes an AuthnRequest, remembers its ID under a random RelayState, and
//!   redirects (302) the browser to Okta.
//! - `POST /saml/acs`: verifies the `SAMLResponse` Okta posts back, against the remembered
//!   request when the RelayState matches one, as an IdP-initiated login otherwise; each
//!   assertion is accepted once (replay protection). Shows the user, or answers 403 with the
//!   name of the check that failed.
//! - `POST /logout`: forgets the signed-in user.
//! - `GET /saml/metadata`: the SP metadata XML, to give to Okta.
//!
//! `--now` pins the clock, to try the server with captured responses, or with the SDK's test
//! fixtures (`scripts/test.sh` does exactly this):
//!
//! ```text
//! cargo run -p examples --example saml_sp -- \
//!     --idp-metadata okta-auth/tests/data/saml/metadata/idp-metadata.xml \
//!     --sp-entity-id https://sp.example.com/saml/metadata \
//!     --acs-url https://sp.example.com/saml/acs --now 2026-03-01T10:01:00Z
//! curl --data-urlencode SAMLResponse@okta-auth/tests/data/saml/valid/idp-initiated.xml \
//!     http://127.0.0.1:8080/saml/acs
//! ```
//!
//! Pending logins and signed-in users live in memory: a real deployment keeps them in a
//! shared store and passes a shared seen-ID store to `ResponseVerifier::seen_ids`.

use std::collections::HashMap;
use std::process::ExitCode;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use aws_lc_rs::rand::{SecureRandom, SystemRandom};
use axum::extract::rejection::FormRejection;
use axum::extract::{Form, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use okta_auth::saml::{
    AuthnRequest, Certificate, DecryptionKey, Expect, IdentityProvider, ResponseVerifier,
    SamlError, ServiceProvider, VerifiedAssertion,
};
use okta_core::clock::{Clock, ManualClock, SystemClock};
use okta_core::seen::MemorySeenIds;

const USAGE: &str = "\
usage: saml_sp --idp-metadata FILE --sp-entity-id ID --acs-url URL
               [--addr HOST:PORT] [--sp-key PEM_FILE [--sp-cert PEM_FILE]]
               [--now YYYY-MM-DDTHH:MM:SSZ]";

/// The name of the cookie that identifies a signed-in user.
const COOKIE: &str = "saml_sp_login";
/// How long a started login may take to come back.
const LOGIN_TTL: Duration = Duration::from_secs(10 * 60);
/// The longest a sign-in lasts here (shorter when Okta sets `SessionNotOnOrAfter`).
const SIGN_IN_TTL: Duration = Duration::from_secs(8 * 3600);
/// The most pending logins, and the most signed-in users, kept in memory.
const MAX_ENTRIES: usize = 10_000;

/// The server's configuration, from flags or environment variables.
struct Options {
    idp_metadata: String,
    sp_entity_id: String,
    acs_url: String,
    addr: String,
    sp_key: Option<String>,
    sp_cert: Option<String>,
    now: Option<SystemTime>,
}

impl Options {
    fn parse(args: &[String]) -> Result<Options, String> {
        let mut given: HashMap<&str, String> = HashMap::new();
        let mut it = args.iter();
        while let Some(flag) = it.next() {
            let name = match flag.as_str() {
                "--idp-metadata" | "--sp-entity-id" | "--acs-url" | "--addr" | "--sp-key"
                | "--sp-cert" | "--now" => flag.as_str(),
                other => return Err(format!("unknown argument {other:?}")),
            };
            let value = it.next().ok_or(format!("{name} needs a value"))?;
            given.insert(name, value.clone());
        }
        // A flag wins over its environment variable (`--sp-key` <- `SAML_SP_KEY`).
        let env_var = |flag: &str| format!("SAML_{}", flag[2..].replace('-', "_").to_uppercase());
        let mut get = |flag: &'static str| {
            given
                .remove(flag)
                .or_else(|| std::env::var(env_var(flag)).ok().filter(|v| !v.is_empty()))
        };
        let required = |value: Option<String>, flag: &str| {
            value.ok_or(format!("{flag} (or {}) is required", env_var(flag)))
        };
        let now = match get("--now") {
            Some(text) => Some(
                parse_utc(&text).ok_or(format!("--now {text:?} is not YYYY-MM-DDTHH:MM:SSZ"))?,
            ),
            None => None,
        };
        Ok(Options {
            idp_metadata: required(get("--idp-metadata"), "--idp-metadata")?,
            sp_entity_id: required(get("--sp-entity-id"), "--sp-entity-id")?,
            acs_url: required(get("--acs-url"), "--acs-url")?,
            addr: get("--addr").unwrap_or_else(|| "127.0.0.1:8080".into()),
            sp_key: get("--sp-key"),
            sp_cert: get("--sp-cert"),
            now,
        })
    }
}

/// Everything the handlers share.
struct App {
    verifier: ResponseVerifier,
    clock: Arc<dyn Clock>,
    /// Logins started here and not finished: RelayState -> (AuthnRequest ID, expiry).
    pending: Mutex<HashMap<String, (String, SystemTime)>>,
    /// Signed-in users: login cookie -> user.
    signed_in: Mutex<HashMap<String, User>>,
    /// Whether the login cookie is `Secure` (the ACS URL is https).
    secure_cookie: bool,
}

/// What the page shows of a signed-in user, copied out of the verified assertion.
struct User {
    name_id: String,
    name_id_format: Option<String>,
    attributes: Vec<(String, Vec<String>)>,
    expires: SystemTime,
}

/// Why a request failed, as the browser sees it: a status and a short, safe message.
struct Failure(StatusCode, String);

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        let body = format!("<h1>{}</h1><p>{}</p>", self.0, escape(&self.1));
        (self.0, page("Sign-in failed", &body)).into_response()
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let options = match Options::parse(&args) {
        Ok(options) => options,
        Err(e) => {
            eprintln!("saml_sp: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let app = match build(&options) {
        Ok(app) => Arc::new(app),
        Err(e) => {
            eprintln!("saml_sp: {e}");
            return ExitCode::from(1);
        }
    };
    let listener = match tokio::net::TcpListener::bind(&options.addr).await {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!("saml_sp: cannot listen on {}: {e}", options.addr);
            return ExitCode::from(1);
        }
    };
    let addr = listener
        .local_addr()
        .map_or(options.addr.clone(), |a| a.to_string());
    println!(
        "SAML service provider at http://{addr}/ (entity ID {}, IdP {})",
        options.sp_entity_id,
        app.verifier.identity_provider().entity_id()
    );
    if let Err(e) = axum::serve(listener, router(app)).await {
        eprintln!("saml_sp: server failed: {e}");
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

/// Reads the files and makes the verifier.
fn build(options: &Options) -> Result<App, String> {
    let read = |file: &str| std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"));
    let in_file = |file: &str, e: SamlError| format!("{file}: {e}");

    let idp = IdentityProvider::from_metadata(&read(&options.idp_metadata)?)
        .map_err(|e| in_file(&options.idp_metadata, e))?;
    let mut sp = ServiceProvider::new(&options.sp_entity_id, &options.acs_url);
    if let Some(file) = &options.sp_key {
        let key = DecryptionKey::from_pkcs8_pem(&read(file)?).map_err(|e| in_file(file, e))?;
        sp = sp.decryption_key(key);
    }
    if let Some(file) = &options.sp_cert {
        let certificate = Certificate::from_pem(&read(file)?).map_err(|e| in_file(file, e))?;
        sp = sp.encryption_certificate(certificate);
    }

    let clock: Arc<dyn Clock> = match options.now {
        Some(now) => Arc::new(ManualClock::new(now)),
        None => Arc::new(SystemClock),
    };
    // The replay store must read the same clock as the verifier, or a pinned clock would let
    // every assertion look expired to the store, and so never seen before.
    let seen =
        MemorySeenIds::new(100_000, Duration::from_secs(24 * 3600)).with_clock(clock.clone());
    let verifier = ResponseVerifier::new(sp, idp)
        .clock(clock.clone())
        .seen_ids(Arc::new(seen));
    Ok(App {
        verifier,
        clock,
        pending: Mutex::new(HashMap::new()),
        signed_in: Mutex::new(HashMap::new()),
        secure_cookie: options.acs_url.starts_with("https://"),
    })
}

fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/", get(home))
        .route("/login", get(login))
        .route("/saml/acs", post(acs))
        .route("/logout", post(logout))
        .route("/saml/metadata", get(metadata))
        .with_state(app)
}

async fn home(State(app): State<Arc<App>>, headers: HeaderMap) -> Html<String> {
    let now = app.clock.now();
    let signed_in = lock(&app.signed_in);
    let user = login_cookie(&headers)
        .and_then(|id| signed_in.get(id))
        .filter(|user| user.expires > now);
    match user {
        Some(user) => user_page(user),
        None => page(
            "Not signed in",
            "<h1>Not signed in</h1><p><a href=\"/login\">Sign in with Okta</a></p>",
        ),
    }
}

async fn login(State(app): State<Arc<App>>) -> Result<Response, Failure> {
    let sp = app.verifier.service_provider();
    let idp = app.verifier.identity_provider();
    let now = app.clock.now();
    let relay_state = random_token()?;
    let request = AuthnRequest::new(sp, idp)
        .map_err(server_error)?
        .issue_instant(now)
        .relay_state(&relay_state);
    let location = request.redirect_url(sp).map_err(server_error)?;
    insert_bounded(
        &app.pending,
        relay_state,
        (request.id().to_owned(), now + LOGIN_TTL),
        |(_, expires)| *expires > now,
    )?;
    Ok((StatusCode::FOUND, [(header::LOCATION, location)]).into_response())
}

async fn acs(
    State(app): State<Arc<App>>,
    form: Result<Form<HashMap<String, String>>, FormRejection>,
) -> Result<Response, Failure> {
    let bad_request = || {
        Failure(
            StatusCode::BAD_REQUEST,
            "expected a form with a SAMLResponse field".into(),
        )
    };
    let Form(form) = form.map_err(|_| bad_request())?;
    let saml_response = form.get("SAMLResponse").ok_or_else(bad_request)?;
    let now = app.clock.now();

    // A RelayState this server handed out names the request this must answer; anything else
    // (none, or one an Okta admin configured) means an IdP-initiated login.
    let request_id = form
        .get("RelayState")
        .and_then(|relay_state| lock(&app.pending).remove(relay_state))
        .filter(|(_, expires)| *expires > now)
        .map(|(id, _)| id);
    let expect = match &request_id {
        Some(id) => Expect::Request(id),
        None => Expect::IdpInitiated,
    };

    let assertion = match app.verifier.verify(saml_response, expect).await {
        Ok(assertion) => assertion,
        Err(e) => {
            // The full reason goes to the log; the browser only learns which check failed.
            eprintln!("saml_sp: SAML response rejected: {e}");
            return Err(Failure(
                StatusCode::FORBIDDEN,
                format!("SAML response rejected ({})", e.kind()),
            ));
        }
    };

    let user = User::from_assertion(&assertion, now);
    let body = user_page(&user);
    let login = random_token()?;
    insert_bounded(&app.signed_in, login.clone(), user, |user| {
        user.expires > now
    })?;
    let cookie = app.login_cookie(&login, "");
    Ok(([(header::SET_COOKIE, cookie)], body).into_response())
}

async fn logout(State(app): State<Arc<App>>, headers: HeaderMap) -> Response {
    if let Some(id) = login_cookie(&headers) {
        lock(&app.signed_in).remove(id);
    }
    let expired = app.login_cookie("", "; Max-Age=0");
    (
        StatusCode::SEE_OTHER,
        [
            (header::LOCATION, "/".to_owned()),
            (header::SET_COOKIE, expired),
        ],
    )
        .into_response()
}

async fn metadata(State(app): State<Arc<App>>) -> Response {
    (
        [(header::CONTENT_TYPE, "application/samlmetadata+xml")],
        app.verifier.service_provider().metadata_xml(),
    )
        .into_response()
}

impl App {
    /// A `Set-Cookie` value for the login cookie: not readable by scripts, not sent on
    /// cross-site subrequests, and only over https when the service provider is on https.
    fn login_cookie(&self, value: &str, extra: &str) -> String {
        let secure = if self.secure_cookie { "; Secure" } else { "" };
        format!("{COOKIE}={value}; Path=/; HttpOnly; SameSite=Lax{secure}{extra}")
    }
}

impl User {
    fn from_assertion(assertion: &VerifiedAssertion, now: SystemTime) -> User {
        let longest = now + SIGN_IN_TTL;
        User {
            name_id: assertion.name_id().to_owned(),
            name_id_format: assertion.name_id_format().map(str::to_owned),
            attributes: assertion
                .attributes()
                .iter()
                .map(|a| (a.name().to_owned(), a.values().to_vec()))
                .collect(),
            expires: assertion
                .session_not_on_or_after()
                .map_or(longest, |end| end.min(longest)),
        }
    }
}

/// The signed-in user's page. Everything from the assertion is escaped.
fn user_page(user: &User) -> Html<String> {
    let mut body = format!(
        "<h1>Signed in</h1><p>NameID: <code>{}</code>",
        escape(&user.name_id)
    );
    if let Some(format) = &user.name_id_format {
        body.push_str(&format!(" <small>({})</small>", escape(format)));
    }
    body.push_str("</p><table><tr><th>Attribute</th><th>Values</th></tr>");
    for (name, values) in &user.attributes {
        let values: Vec<String> = values.iter().map(|v| escape(v)).collect();
        body.push_str(&format!(
            "<tr><td>{}</td><td>{}</td></tr>",
            escape(name),
            values.join("<br>")
        ));
    }
    body.push_str(
        "</table><form method=\"post\" action=\"/logout\"><button>Sign out</button></form>",
    );
    page("Signed in", &body)
}

fn page(title: &str, body: &str) -> Html<String> {
    Html(format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{}</title></head>\
         <body>{body}</body></html>",
        escape(title)
    ))
}

/// Escapes text for HTML element content and quoted attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The value of the login cookie in the request, if any.
fn login_cookie(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .find_map(|pair| pair.trim().strip_prefix(COOKIE)?.strip_prefix('='))
}

/// 128 random bits in hex: unguessable RelayStates and login cookies.
fn random_token() -> Result<String, Failure> {
    let mut bytes = [0u8; 16];
    SystemRandom::new()
        .fill(&mut bytes)
        .map_err(|_| Failure(StatusCode::INTERNAL_SERVER_ERROR, "no randomness".into()))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Inserts into a map whose entries expire, first dropping the expired ones; refuses when the
/// map is still full, so that a flood of requests cannot exhaust memory.
fn insert_bounded<V>(
    map: &Mutex<HashMap<String, V>>,
    key: String,
    value: V,
    live: impl Fn(&V) -> bool,
) -> Result<(), Failure> {
    let mut map = lock(map);
    if map.len() >= MAX_ENTRIES {
        map.retain(|_, v| live(v));
    }
    if map.len() >= MAX_ENTRIES {
        return Err(Failure(
            StatusCode::SERVICE_UNAVAILABLE,
            "too many sign-ins in progress; try again later".into(),
        ));
    }
    map.insert(key, value);
    Ok(())
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A configuration problem (such as an IdP without an HTTP-Redirect SSO URL): logged in full,
/// answered with its kind.
fn server_error(e: SamlError) -> Failure {
    eprintln!("saml_sp: cannot start a login: {e}");
    Failure(
        StatusCode::INTERNAL_SERVER_ERROR,
        format!("cannot start a login ({})", e.kind()),
    )
}

/// Parses `YYYY-MM-DDTHH:MM:SSZ` (UTC, whole seconds).
fn parse_utc(text: &str) -> Option<SystemTime> {
    let b = text.as_bytes();
    let shape_ok = b.len() == 20
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b'T',
            13 | 16 => *c == b':',
            19 => *c == b'Z',
            _ => c.is_ascii_digit(),
        });
    if !shape_ok {
        return None;
    }
    let n = |from: usize, to: usize| text[from..to].parse::<i64>().ok();
    let (year, month, day) = (n(0, 4)?, n(5, 7)?, n(8, 10)?);
    let (hour, minute, second) = (n(11, 13)?, n(14, 16)?, n(17, 19)?);
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    // Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let days = era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468;
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + second;
    Some(UNIX_EPOCH + Duration::from_secs(u64::try_from(seconds).ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_neutralizes_markup_and_quotes() {
        assert_eq!(
            escape(r#"<script>alert('x')</script> & "q""#),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(escape("ada@example.com"), "ada@example.com");
    }

    #[test]
    fn the_login_cookie_is_found_among_others() {
        let mut headers = HeaderMap::new();
        headers.append(
            header::COOKIE,
            "theme=dark; saml_sp_login=abc123".parse().unwrap(),
        );
        assert_eq!(login_cookie(&headers), Some("abc123"));
        let mut headers = HeaderMap::new();
        headers.append(
            header::COOKIE,
            "saml_sp_loginx=no; other=1".parse().unwrap(),
        );
        assert_eq!(login_cookie(&headers), None);
    }

    #[test]
    fn now_accepts_only_utc_whole_seconds() {
        let at = |text| parse_utc(text).map(|t| t.duration_since(UNIX_EPOCH).unwrap().as_secs());
        assert_eq!(at("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(at("2026-03-01T10:01:00Z"), Some(1_772_359_260));
        for bad in [
            "2026-03-01T10:01:00",
            "2026-13-01T10:01:00Z",
            "2026-03-01 10:01:00Z",
            "now",
        ] {
            assert_eq!(parse_utc(bad), None, "{bad}");
        }
    }

    #[test]
    fn random_tokens_are_128_bit_hex_and_differ() {
        let (a, b) = (random_token().ok().unwrap(), random_token().ok().unwrap());
        assert_eq!(a.len(), 32);
        assert!(a.bytes().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }
}
