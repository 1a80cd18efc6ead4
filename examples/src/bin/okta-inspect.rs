//! `okta-inspect`: a debugging tool for Okta integrations built on the Okta Rust SDK.
//!
//! Exit codes: 0 success (a token or SAML response is valid), 1 rejected or failed, 2 usage
//! error.

use std::io::Read;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use okta_auth::jwt::{decode_unverified, AccessTokenVerifier, KeySet, DEFAULT_MAX_TOKEN_BYTES};
use okta_auth::saml::{
    DecryptionKey, Expect, IdentityProvider, ResponseVerifier, SamlError, ServiceProvider,
    VerifiedAssertion,
};
use okta_core::clock::{Clock, ManualClock, SystemClock};
use serde_json::{json, Value};

const HELP: &str = "\
okta-inspect: look at what the Okta Rust SDK sees

USAGE:
    okta-inspect <COMMAND>

COMMANDS:
    version                 print the SDK version and the user agent it sends
    jwt decode TOKEN        print a token's header and claims as JSON, UNVERIFIED
    jwt verify [OPTIONS] TOKEN
                            verify an access token; prints {\"valid\":true,\"claims\":{...}}
                            or {\"valid\":false,\"error\":\"...\"}
        --issuer URL        the expected issuer (required)
        --audience AUD      an accepted audience (required; repeatable)
        --client-id ID      accept only tokens issued to this client (repeatable)
        --jwks FILE         verify with the keys in this JWKS file
        --jwks-url URL      verify with the keys at this URL
                            (default: discovery from the issuer)
        --now RFC3339       check times as of this instant, e.g. 2026-01-31T12:00:00Z
        --leeway-secs N     clock skew allowed on exp, nbf and iat (default 120)
    saml verify [OPTIONS] [FILE|-]
                            verify a SAML response (base64 or XML, read from FILE or, with
                            - or no FILE, from stdin); prints {\"valid\":true,\"issuer\":...,
                            \"name_id\":...,\"name_id_format\":...,\"session_index\":...,
                            \"attributes\":{\"name\":[\"value\",...]}} or
                            {\"valid\":false,\"error\":\"...\"}; replay is not checked
        --idp-cert PEM_FILE trust this IdP signing certificate (repeatable)
        --idp-metadata FILE trust the certificates in this IdP metadata
                            (exactly one of --idp-cert and --idp-metadata)
        --idp-entity-id ID  the IdP entity ID (required; must match the metadata's)
        --sp-entity-id ID   this service provider's entity ID, the audience (required)
        --acs-url URL       this service provider's ACS URL (required)
        --request-id ID     expect an answer to the AuthnRequest with this ID
        --idp-initiated     expect an unsolicited response (no InResponseTo)
                            (exactly one of --request-id and --idp-initiated)
        --now RFC3339       check times as of this instant, e.g. 2026-03-01T10:01:00Z
        --skew-secs N       clock skew allowed on validity windows (default 180)
        --sp-key PEM_FILE   decrypt encrypted assertions with this PKCS #8 RSA key
    scim filter 'EXPR'      print a SCIM filter's syntax tree as JSON, or the error and its
                            position
    help                    print this help

EXIT CODES:
    0 success (token or response valid), 1 rejected or failed, 2 usage error
";

fn usage(message: &str) -> ExitCode {
    eprintln!("okta-inspect: {message}\n\n{HELP}");
    ExitCode::from(2)
}

fn print_json(value: &Value) {
    println!(
        "{}",
        serde_json::to_string_pretty(value).unwrap_or_default()
    );
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        [] | ["help" | "-h" | "--help"] => {
            print!("{HELP}");
            ExitCode::SUCCESS
        }
        ["version" | "-V" | "--version"] => {
            println!("okta-inspect {}", env!("CARGO_PKG_VERSION"));
            println!("user agent: {}", okta_core::user_agent());
            ExitCode::SUCCESS
        }
        ["jwt", "decode", token] => jwt_decode(token),
        ["jwt", "decode", ..] => usage("jwt decode takes exactly one TOKEN"),
        ["jwt", "verify", rest @ ..] => match VerifyArgs::parse(rest) {
            Ok(a) => jwt_verify(a).await,
            Err(e) => usage(&e),
        },
        ["saml", "verify", rest @ ..] => match SamlVerifyArgs::parse(rest) {
            Ok(a) => saml_verify(a),
            Err(e) => usage(&e),
        },
        ["saml", ..] => usage("the saml command is `saml verify`"),
        ["scim", "filter", expr] => scim_filter(expr),
        ["scim", "filter", ..] => usage("scim filter takes exactly one EXPR"),
        [other, ..] => usage(&format!("unknown command {other:?}")),
    }
}

fn jwt_decode(token: &str) -> ExitCode {
    match decode_unverified(token.trim(), DEFAULT_MAX_TOKEN_BYTES) {
        Ok((header, claims)) => {
            print_json(&json!({"verified": false, "header": header, "claims": claims}));
            ExitCode::SUCCESS
        }
        Err(e) => {
            print_json(&json!({"verified": false, "error": e.to_string()}));
            ExitCode::from(1)
        }
    }
}

fn scim_filter(expr: &str) -> ExitCode {
    match okta_mgmt::scim::filter::parse(expr) {
        Ok(filter) => {
            print_json(&json!({"filter": filter, "canonical": filter.to_string()}));
            ExitCode::SUCCESS
        }
        Err(e) => {
            print_json(&json!({"error": e.to_string(), "position": e.position}));
            ExitCode::from(1)
        }
    }
}

#[derive(Debug, Default)]
struct VerifyArgs {
    issuer: Option<String>,
    audiences: Vec<String>,
    client_ids: Vec<String>,
    jwks_file: Option<String>,
    jwks_url: Option<String>,
    now: Option<SystemTime>,
    leeway: Option<Duration>,
    token: Option<String>,
}

impl VerifyArgs {
    fn parse(args: &[&str]) -> Result<VerifyArgs, String> {
        let mut a = VerifyArgs::default();
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            let mut value = |name: &str| {
                it.next()
                    .map(|v| v.to_string())
                    .ok_or_else(|| format!("{name} needs a value"))
            };
            match *arg {
                "--issuer" => a.issuer = Some(value("--issuer")?),
                "--audience" => a.audiences.push(value("--audience")?),
                "--client-id" => a.client_ids.push(value("--client-id")?),
                "--jwks" => a.jwks_file = Some(value("--jwks")?),
                "--jwks-url" => a.jwks_url = Some(value("--jwks-url")?),
                "--now" => {
                    let v = value("--now")?;
                    a.now = Some(parse_rfc3339(&v).ok_or(format!("--now {v:?} is not RFC 3339"))?);
                }
                "--leeway-secs" => {
                    let v = value("--leeway-secs")?;
                    let n: u64 = v
                        .parse()
                        .map_err(|_| format!("--leeway-secs {v:?} is not a number"))?;
                    a.leeway = Some(Duration::from_secs(n));
                }
                flag if flag.starts_with("--") => return Err(format!("unknown option {flag}")),
                token if a.token.is_none() => a.token = Some(token.to_string()),
                _ => return Err("jwt verify takes exactly one TOKEN".into()),
            }
        }
        if a.issuer.is_none() {
            return Err("jwt verify needs --issuer".into());
        }
        if a.audiences.is_empty() {
            return Err("jwt verify needs --audience".into());
        }
        if a.token.is_none() {
            return Err("jwt verify needs a TOKEN".into());
        }
        if a.jwks_file.is_some() && a.jwks_url.is_some() {
            return Err("--jwks and --jwks-url exclude each other".into());
        }
        Ok(a)
    }
}

async fn jwt_verify(a: VerifyArgs) -> ExitCode {
    let rejected = |error: String| {
        print_json(&json!({"valid": false, "error": error}));
        ExitCode::from(1)
    };
    let clock: Arc<dyn Clock> = match a.now {
        Some(t) => Arc::new(ManualClock::new(t)),
        None => Arc::new(SystemClock),
    };
    let mut builder = AccessTokenVerifier::builder(a.issuer.unwrap_or_default()).clock(clock);
    for aud in a.audiences {
        builder = builder.audience(aud);
    }
    if !a.client_ids.is_empty() {
        builder = builder.client_ids(a.client_ids);
    }
    if let Some(l) = a.leeway {
        builder = builder.leeway(l);
    }
    let verifier = match (a.jwks_file, a.jwks_url) {
        (Some(file), _) => match std::fs::read(&file) {
            Ok(bytes) => KeySet::from_jwks(&bytes).and_then(|keys| builder.keys(keys)),
            Err(e) => return rejected(format!("cannot read {file}: {e}")),
        },
        (None, Some(url)) => builder.jwks_url(&url),
        (None, None) => builder.discover().await,
    };
    let verifier = match verifier {
        Ok(v) => v,
        Err(e) => return rejected(e.to_string()),
    };
    let token = a.token.unwrap_or_default();
    let token = token.trim();
    match verifier.verify(token).await {
        Ok(_) => {
            // Verified: show the claims exactly as the token carries them.
            let claims = decode_unverified(token, DEFAULT_MAX_TOKEN_BYTES)
                .map(|(_, c)| c)
                .unwrap_or(Value::Null);
            print_json(&json!({"valid": true, "claims": claims}));
            ExitCode::SUCCESS
        }
        Err(e) => rejected(e.to_string()),
    }
}

/// The most bytes read from any file or from stdin. The verifier's own limit on the decoded
/// XML is far lower; this only keeps a stray huge input out of memory.
const MAX_INPUT_BYTES: u64 = 4 * 1024 * 1024;

#[derive(Debug, Default)]
struct SamlVerifyArgs {
    idp_certs: Vec<String>,
    idp_metadata: Option<String>,
    idp_entity_id: String,
    sp_entity_id: String,
    acs_url: String,
    /// The AuthnRequest ID to expect; `None` for an IdP-initiated response.
    request_id: Option<String>,
    now: Option<SystemTime>,
    skew: Option<Duration>,
    sp_key: Option<String>,
    /// The file holding the response; `None` for stdin.
    input: Option<String>,
}

impl SamlVerifyArgs {
    fn parse(args: &[&str]) -> Result<SamlVerifyArgs, String> {
        fn once(slot: &mut Option<String>, name: &str, value: String) -> Result<(), String> {
            match slot.replace(value) {
                Some(_) => Err(format!("{name} given twice")),
                None => Ok(()),
            }
        }
        let mut a = SamlVerifyArgs::default();
        let (mut idp_entity_id, mut sp_entity_id, mut acs_url) = (None, None, None);
        let (mut idp_initiated, mut input) = (false, None);
        let mut it = args.iter();
        while let Some(&arg) = it.next() {
            let mut value = || {
                it.next()
                    .map(|v| v.to_string())
                    .ok_or_else(|| format!("{arg} needs a value"))
            };
            match arg {
                "--idp-cert" => a.idp_certs.push(value()?),
                "--idp-metadata" => once(&mut a.idp_metadata, arg, value()?)?,
                "--idp-entity-id" => once(&mut idp_entity_id, arg, value()?)?,
                "--sp-entity-id" => once(&mut sp_entity_id, arg, value()?)?,
                "--acs-url" => once(&mut acs_url, arg, value()?)?,
                "--request-id" => once(&mut a.request_id, arg, value()?)?,
                "--sp-key" => once(&mut a.sp_key, arg, value()?)?,
                "--idp-initiated" if idp_initiated => return Err(format!("{arg} given twice")),
                "--idp-initiated" => idp_initiated = true,
                "--now" => {
                    let v = value()?;
                    let at = parse_rfc3339(&v).ok_or(format!("--now {v:?} is not RFC 3339"))?;
                    a.now = Some(at);
                }
                "--skew-secs" => {
                    let v = value()?;
                    let n: u64 = v
                        .parse()
                        .map_err(|_| format!("--skew-secs {v:?} is not a number"))?;
                    a.skew = Some(Duration::from_secs(n));
                }
                flag if flag.starts_with('-') && flag != "-" => {
                    return Err(format!("unknown option {flag}"))
                }
                file => once(&mut input, "FILE", file.to_string())
                    .map_err(|_| "saml verify takes at most one FILE".to_string())?,
            }
        }
        match (a.idp_certs.is_empty(), a.idp_metadata.is_some()) {
            (true, false) => return Err("saml verify needs --idp-cert or --idp-metadata".into()),
            (false, true) => return Err("--idp-cert and --idp-metadata exclude each other".into()),
            _ => {}
        }
        a.idp_entity_id = idp_entity_id.ok_or("saml verify needs --idp-entity-id")?;
        a.sp_entity_id = sp_entity_id.ok_or("saml verify needs --sp-entity-id")?;
        a.acs_url = acs_url.ok_or("saml verify needs --acs-url")?;
        match (a.request_id.is_some(), idp_initiated) {
            (true, true) => {
                return Err("--request-id and --idp-initiated exclude each other".into())
            }
            (false, false) => {
                return Err("saml verify needs --request-id or --idp-initiated".into())
            }
            _ => {}
        }
        a.input = input.filter(|file| file != "-");
        Ok(a)
    }
}

fn saml_verify(a: SamlVerifyArgs) -> ExitCode {
    match check_saml_response(&a) {
        Ok(assertion) => {
            print_ordered(&assertion_json(&assertion));
            ExitCode::SUCCESS
        }
        Err(error) => {
            print_ordered(&Ordered::Object(vec![
                ("valid", Ordered::Bool(false)),
                ("error", Ordered::Str(error)),
            ]));
            ExitCode::from(1)
        }
    }
}

/// Everything `saml verify` does short of printing; any failure (unreadable file, unusable
/// certificate, rejected response) is the error message to print.
fn check_saml_response(a: &SamlVerifyArgs) -> Result<VerifiedAssertion, String> {
    let idp = match &a.idp_metadata {
        Some(file) => {
            let idp = IdentityProvider::from_metadata(&read_text(file)?).map_err(in_file(file))?;
            if idp.entity_id() != a.idp_entity_id {
                return Err(format!(
                    "--idp-entity-id {:?} is not the entity ID of {file}, {:?}",
                    a.idp_entity_id,
                    idp.entity_id()
                ));
            }
            idp
        }
        None => {
            let mut idp = IdentityProvider::new(&a.idp_entity_id);
            for file in &a.idp_certs {
                for pem in certificate_blocks(&read_text(file)?) {
                    idp = idp.certificate_pem(pem).map_err(in_file(file))?;
                }
            }
            idp
        }
    };
    let mut sp = ServiceProvider::new(&a.sp_entity_id, &a.acs_url);
    if let Some(file) = &a.sp_key {
        let key = DecryptionKey::from_pkcs8_pem(&read_text(file)?).map_err(in_file(file))?;
        sp = sp.decryption_key(key);
    }
    let clock: Arc<dyn Clock> = match a.now {
        Some(t) => Arc::new(ManualClock::new(t)),
        None => Arc::new(SystemClock),
    };
    let mut verifier = ResponseVerifier::new(sp, idp).clock(clock);
    if let Some(skew) = a.skew {
        verifier = verifier.clock_skew(skew);
    }
    let response = match &a.input {
        Some(file) => read_limited(file, open(file)?)?,
        None => read_limited("stdin", std::io::stdin().lock())?,
    };
    let expect = match &a.request_id {
        Some(id) => Expect::Request(id),
        None => Expect::IdpInitiated,
    };
    verifier
        .verify_without_replay_check(&response, expect)
        .map_err(|e| e.to_string())
}

/// Prefixes an error about a file's content with the file's name.
fn in_file(file: &str) -> impl Fn(SamlError) -> String + '_ {
    move |e| format!("{file}: {e}")
}

/// The PEM blocks of a file that may hold several certificates (or the bare base64 of one).
fn certificate_blocks(text: &str) -> Vec<&str> {
    const BEGIN: &str = "-----BEGIN CERTIFICATE-----";
    let starts: Vec<usize> = text.match_indices(BEGIN).map(|(at, _)| at).collect();
    if starts.is_empty() {
        return vec![text];
    }
    let ends = starts.iter().skip(1).copied().chain([text.len()]);
    starts
        .iter()
        .zip(ends)
        .map(|(&from, to)| &text[from..to])
        .collect()
}

fn open(file: &str) -> Result<std::fs::File, String> {
    std::fs::File::open(file).map_err(|e| format!("cannot read {file}: {e}"))
}

fn read_limited(name: &str, reader: impl Read) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read {name}: {e}"))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(format!("{name} is larger than {MAX_INPUT_BYTES} bytes"));
    }
    Ok(bytes)
}

fn read_text(file: &str) -> Result<String, String> {
    String::from_utf8(read_limited(file, open(file)?)?).map_err(|_| format!("{file} is not UTF-8"))
}

fn assertion_json(assertion: &VerifiedAssertion) -> Ordered<'_> {
    let optional = |text: Option<&str>| text.map_or(Ordered::Null, |t| Ordered::Str(t.into()));
    let attributes = assertion
        .attributes()
        .iter()
        .map(|attribute| {
            let values = attribute.values().iter().cloned().map(Ordered::Str);
            (attribute.name(), Ordered::Array(values.collect()))
        })
        .collect();
    Ordered::Object(vec![
        ("valid", Ordered::Bool(true)),
        ("issuer", Ordered::Str(assertion.issuer().into())),
        ("name_id", Ordered::Str(assertion.name_id().into())),
        ("name_id_format", optional(assertion.name_id_format())),
        ("session_index", optional(assertion.session_index())),
        ("attributes", Ordered::Object(attributes)),
    ])
}

/// A JSON value whose objects keep their keys in the order given (`serde_json::Value` sorts
/// them), so that SAML attributes print in document order.
enum Ordered<'a> {
    Null,
    Bool(bool),
    Str(String),
    Array(Vec<Ordered<'a>>),
    Object(Vec<(&'a str, Ordered<'a>)>),
}

impl Ordered<'_> {
    /// Writes the value as `serde_json::to_string_pretty` would.
    fn write(&self, out: &mut String, depth: usize) {
        let string = |text: &str| Value::from(text).to_string();
        let (open, close, items): (char, char, Vec<(Option<&str>, &Ordered<'_>)>) = match self {
            Ordered::Null => return out.push_str("null"),
            Ordered::Bool(b) => return out.push_str(if *b { "true" } else { "false" }),
            Ordered::Str(text) => return out.push_str(&string(text)),
            Ordered::Array(items) => ('[', ']', items.iter().map(|v| (None, v)).collect()),
            Ordered::Object(fields) => (
                '{',
                '}',
                fields.iter().map(|(k, v)| (Some(*k), v)).collect(),
            ),
        };
        out.push(open);
        for (n, (key, value)) in items.iter().enumerate() {
            out.push_str(if n == 0 { "\n" } else { ",\n" });
            out.push_str(&"  ".repeat(depth + 1));
            if let Some(key) = key {
                out.push_str(&string(key));
                out.push_str(": ");
            }
            value.write(out, depth + 1);
        }
        if !items.is_empty() {
            out.push('\n');
            out.push_str(&"  ".repeat(depth));
        }
        out.push(close);
    }
}

fn print_ordered(value: &Ordered<'_>) {
    let mut out = String::new();
    value.write(&mut out, 0);
    println!("{out}");
}

/// Parses `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`.
fn parse_rfc3339(s: &str) -> Option<SystemTime> {
    let b = s.as_bytes();
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let t = s.get(r)?;
        t.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| t.parse().ok())?
    };
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if b[13] != b':' || b[16] != b':' {
        return None;
    }
    let (hour, min, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || hour > 23 || min > 59 || sec > 60 {
        return None;
    }
    let mut rest = &s[19..];
    let mut nanos = 0u32;
    if let Some(frac) = rest.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        let padded = format!("{:0<9}", &frac[..digits.min(9)]);
        nanos = padded.parse().ok()?;
        rest = &frac[digits..];
    }
    let offset = match rest {
        "Z" | "z" => 0,
        _ => {
            let sign = match rest.as_bytes().first()? {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let oh: i64 = rest.get(1..3)?.parse().ok()?;
            let om: i64 = rest.get(4..6)?.parse().ok()?;
            if rest.len() != 6 || rest.as_bytes()[3] != b':' {
                return None;
            }
            sign * (oh * 3600 + om * 60)
        }
    };
    // Days from the civil date (proleptic Gregorian), H. Hinnant's algorithm.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let secs = days * 86_400 + hour * 3600 + min * 60 + sec - offset;
    let secs = u64::try_from(secs).ok()?;
    Some(UNIX_EPOCH + Duration::new(secs, nanos))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_instants_parse_to_epoch_seconds() {
        let at = |s| parse_rfc3339(s).map(|t| t.duration_since(UNIX_EPOCH).unwrap().as_secs_f64());
        assert_eq!(at("1970-01-01T00:00:00Z"), Some(0.0));
        assert_eq!(at("2026-11-29T13:45:04Z"), Some(1_795_959_904.0));
        assert_eq!(at("2026-11-29T14:45:04+01:00"), Some(1_795_959_904.0));
        assert_eq!(at("2000-02-29T00:00:00.5Z"), Some(951_782_400.5));
        for bad in [
            "2026-13-01T00:00:00Z",
            "2026-11-29 13:45Z",
            "yesterday",
            "2026-11-29T13:45:04",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad}");
        }
    }

    #[test]
    fn verify_arguments_are_checked() {
        assert!(VerifyArgs::parse(&["--audience", "a", "tok"]).is_err());
        assert!(VerifyArgs::parse(&["--issuer", "i", "tok"]).is_err());
        assert!(VerifyArgs::parse(&["--issuer", "i", "--audience", "a"]).is_err());
        assert!(VerifyArgs::parse(&["--issuer", "i", "--audience", "a", "t1", "t2"]).is_err());
        assert!(VerifyArgs::parse(&["--issuer", "i", "--audience", "a", "--bogus", "t"]).is_err());
        let a = VerifyArgs::parse(&[
            "--issuer",
            "i",
            "--audience",
            "a",
            "--leeway-secs",
            "5",
            "t",
        ])
        .unwrap();
        assert_eq!(a.leeway, Some(Duration::from_secs(5)));
    }

    #[test]
    fn saml_verify_arguments_are_checked() {
        let base = [
            "--idp-entity-id",
            "idp",
            "--sp-entity-id",
            "sp",
            "--acs-url",
            "https://sp/acs",
        ];
        let with = |extra: &[&'static str]| {
            let mut args = base.to_vec();
            args.extend_from_slice(extra);
            SamlVerifyArgs::parse(&args)
        };
        let a = with(&[
            "--idp-cert",
            "a.pem",
            "--idp-cert",
            "b.pem",
            "--idp-initiated",
        ])
        .unwrap();
        assert_eq!(a.idp_certs, ["a.pem", "b.pem"]);
        assert_eq!((a.request_id, a.input), (None, None));
        let a = with(&["--idp-metadata", "m.xml", "--request-id", "id1", "-"]).unwrap();
        assert_eq!((a.request_id.as_deref(), a.input), (Some("id1"), None));
        let a = with(&[
            "--idp-metadata",
            "m.xml",
            "--idp-initiated",
            "--skew-secs",
            "5",
            "r.xml",
        ])
        .unwrap();
        assert_eq!(a.skew, Some(Duration::from_secs(5)));
        assert_eq!(a.input.as_deref(), Some("r.xml"));
        for bad in [
            &["--idp-initiated"][..],
            &["--idp-cert", "a.pem"],
            &[
                "--idp-cert",
                "a.pem",
                "--idp-metadata",
                "m.xml",
                "--idp-initiated",
            ],
            &[
                "--idp-cert",
                "a.pem",
                "--idp-initiated",
                "--request-id",
                "id1",
            ],
            &["--idp-cert", "a.pem", "--idp-initiated", "--idp-initiated"],
            &[
                "--idp-cert",
                "a.pem",
                "--idp-initiated",
                "--acs-url",
                "again",
            ],
            &["--idp-cert", "a.pem", "--idp-initiated", "--now", "noon"],
            &["--idp-cert", "a.pem", "--idp-initiated", "-x"],
            &[
                "--idp-cert",
                "a.pem",
                "--idp-initiated",
                "one.xml",
                "two.xml",
            ],
            &["--idp-cert", "a.pem", "--idp-initiated", "--sp-key"],
        ] {
            assert!(with(bad).is_err(), "{bad:?}");
        }
        assert!(SamlVerifyArgs::parse(&["--idp-cert", "a.pem", "--idp-initiated"]).is_err());
    }

    #[test]
    fn ordered_json_keeps_key_order_and_prints_like_serde_json() {
        let value = Ordered::Object(vec![
            ("b", Ordered::Str("x\"y\n".into())),
            ("a", Ordered::Null),
            (
                "c",
                Ordered::Array(vec![Ordered::Bool(true), Ordered::Array(vec![])]),
            ),
            ("d", Ordered::Object(vec![])),
        ]);
        let mut printed = String::new();
        value.write(&mut printed, 0);
        let parsed: Value = serde_json::from_str(&printed).unwrap();
        assert_eq!(
            parsed,
            json!({"b": "x\"y\n", "a": null, "c": [true, []], "d": {}})
        );
        assert!(printed.find("\"b\"") < printed.find("\"a\""), "{printed}");
        // With keys already sorted, the text is exactly serde_json's pretty form.
        let sorted = Ordered::Object(vec![
            ("a", Ordered::Array(vec![Ordered::Str("v".into())])),
            ("b", Ordered::Object(vec![("k", Ordered::Bool(false))])),
        ]);
        let mut printed = String::new();
        sorted.write(&mut printed, 0);
        let expected = json!({"a": ["v"], "b": {"k": false}});
        assert_eq!(printed, serde_json::to_string_pretty(&expected).unwrap());
    }

    #[test]
    fn certificate_files_may_hold_several_pem_blocks() {
        let one = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
        assert_eq!(certificate_blocks(one), [one]);
        let two = format!("{one}{one}");
        assert_eq!(certificate_blocks(&two), [one, one]);
        assert_eq!(certificate_blocks("MIIB..."), ["MIIB..."]);
    }
}
