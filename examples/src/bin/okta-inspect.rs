//! `okta-inspect`: a debugging tool for Okta integrations built on the Okta Rust SDK.
//!
//! Exit codes: 0 success (a token is valid), 1 rejected or failed, 2 usage error.

use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use okta_auth::jwt::{decode_unverified, AccessTokenVerifier, KeySet, DEFAULT_MAX_TOKEN_BYTES};
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
    scim filter 'EXPR'      print a SCIM filter's syntax tree as JSON, or the error and its
                            position
    help                    print this help

EXIT CODES:
    0 success (token valid), 1 token rejected or request failed, 2 usage error
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
}
