//! Access-token verification cost next to the bare signature check, and scaling across tasks.
//!
//! Run: `cargo bench -p okta-auth --features jwt --bench verify`

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::rsa;
use aws_lc_rs::signature::{self, EcdsaKeyPair, KeyPair, ParsedPublicKey};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use criterion::Criterion;
use okta_auth::jwt::{AccessTokenVerifier, KeySet};
use serde_json::json;
use std::hint::black_box;
use wiremock::matchers::path;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn b64(b: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(b)
}

struct Case {
    name: &'static str,
    jwk: serde_json::Value,
    token: String,
    raw: ParsedPublicKey,
}

fn claims(iss: &str) -> Vec<u8> {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    serde_json::to_vec(&json!({"ver":1,"jti":"AT.x","iss":iss,"aud":"api://default","iat":now,
        "exp":now + 3600,"cid":"0oa1","uid":"00u1","scp":["openid","profile"],"sub":"jane@example.com"}))
    .unwrap()
}

fn cases(iss: &str) -> Vec<Case> {
    let rng = SystemRandom::new();
    let rsa_key = rsa::KeyPair::generate(rsa::KeySize::Rsa2048).unwrap();
    let p = rsa_key.public_key();
    let input = format!(
        "{}.{}",
        b64(br#"{"alg":"RS256","kid":"r"}"#),
        b64(&claims(iss))
    );
    let mut sig = vec![0; rsa_key.public_modulus_len()];
    rsa_key
        .sign(
            &signature::RSA_PKCS1_SHA256,
            &rng,
            input.as_bytes(),
            &mut sig,
        )
        .unwrap();
    let rs = Case {
        name: "RS256",
        jwk: json!({"kty":"RSA","kid":"r","alg":"RS256","n":b64(p.modulus().big_endian_without_leading_zero()),
            "e":b64(p.exponent().big_endian_without_leading_zero())}),
        token: format!("{input}.{}", b64(&sig)),
        raw: ParsedPublicKey::new(&signature::RSA_PKCS1_2048_8192_SHA256, p.as_ref()).unwrap(),
    };
    let ec_key = EcdsaKeyPair::generate(&signature::ECDSA_P256_SHA256_FIXED_SIGNING).unwrap();
    let point = ec_key.public_key().as_ref().to_vec();
    let input = format!(
        "{}.{}",
        b64(br#"{"alg":"ES256","kid":"e"}"#),
        b64(&claims(iss))
    );
    let sig = ec_key.sign(&rng, input.as_bytes()).unwrap();
    let es = Case {
        name: "ES256",
        jwk: json!({"kty":"EC","crv":"P-256","kid":"e","x":b64(&point[1..33]),"y":b64(&point[33..65])}),
        token: format!("{input}.{}", b64(sig.as_ref())),
        raw: ParsedPublicKey::new(&signature::ECDSA_P256_SHA256_FIXED, &point).unwrap(),
    };
    vec![rs, es]
}

/// The bare check: the signature over the signing input, key already parsed, bytes already
/// decoded.
fn raw_check(case: &Case, message: &[u8], sig: &[u8]) {
    case.raw.verify_sig(message, sig).unwrap();
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let server = rt.block_on(MockServer::start());
    let iss = format!("{}/oauth2/default", server.uri());
    let cases = cases(&iss);
    let jwks = json!({"keys": cases.iter().map(|c| c.jwk.clone()).collect::<Vec<_>>()});
    rt.block_on(
        Mock::given(path("/oauth2/default/v1/keys"))
            .respond_with(ResponseTemplate::new(200).set_body_json(jwks.clone()))
            .mount(&server),
    );
    let static_verifier = AccessTokenVerifier::builder(&iss)
        .audience("api://default")
        .keys(KeySet::from_jwks(&serde_json::to_vec(&jwks).unwrap()).unwrap())
        .unwrap();
    let jwks_verifier = Arc::new(
        AccessTokenVerifier::builder(&iss)
            .audience("api://default")
            .jwks_url(&format!("{iss}/v1/keys"))
            .unwrap(),
    );
    let single = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    for case in &cases {
        single
            .block_on(static_verifier.verify(&case.token))
            .unwrap();
        rt.block_on(jwks_verifier.verify(&case.token)).unwrap();
    }

    let mut c = Criterion::default()
        .sample_size(50)
        .measurement_time(Duration::from_secs(5))
        .configure_from_args();
    for case in &cases {
        let (input, sig) = case.token.rsplit_once('.').unwrap();
        let sig = URL_SAFE_NO_PAD.decode(sig).unwrap();
        let mut g = c.benchmark_group(format!("verify_{}", case.name));
        g.bench_function("okta_auth_access_token_verifier", |b| {
            b.iter(|| {
                single
                    .block_on(static_verifier.verify(black_box(&case.token)))
                    .unwrap()
            })
        });
        g.bench_function("baseline_raw_aws_lc_rs_signature", |b| {
            b.iter(|| raw_check(case, black_box(input.as_bytes()), black_box(&sig)))
        });
        g.finish();
    }
    c.final_summary();

    // Scaling: the same number of verifications by 1 task and by 8 tasks on a 2-worker
    // runtime, through the JWKS-backed verifier (the shared cache is on the hot path).
    let token = Arc::new(cases[1].token.clone());
    let total = 4_000usize;
    let run = |tasks: usize| {
        let started = Instant::now();
        rt.block_on(async {
            let handles: Vec<_> = (0..tasks)
                .map(|_| {
                    let v = jwks_verifier.clone();
                    let t = token.clone();
                    tokio::spawn(async move {
                        for _ in 0..total / tasks {
                            v.verify(&t).await.unwrap();
                        }
                    })
                })
                .collect();
            for h in handles {
                h.await.unwrap();
            }
        });
        total as f64 / started.elapsed().as_secs_f64()
    };
    run(8); // warm up
    let one = run(1);
    let eight = run(8);
    println!(
        "scaling: ES256 through the JWKS cache, {total} verifications: 1 task {one:.0}/s, 8 tasks {eight:.0}/s on {} cores, ratio {:.2}",
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
        eight / one
    );
}
