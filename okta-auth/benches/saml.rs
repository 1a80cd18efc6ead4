//! SAML response verification (Response and Assertion both signed, Okta-shaped) next to two
//! raw RSA-2048 signature verifications, measured in the same run.
//!
//! Run: `cargo bench -p okta-auth --features saml --bench saml`
//! Target: the whole verification costs at most 2x the two raw verifications.

use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant, UNIX_EPOCH};

use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{self, ParsedPublicKey, RsaKeyPair};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use criterion::Criterion;
use okta_auth::core::clock::ManualClock;
use okta_auth::saml::{Expect, IdentityProvider, ResponseVerifier, ServiceProvider};

fn data(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/saml")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn pem_der(pem: &str, label: &str) -> Vec<u8> {
    let begin = format!("-----BEGIN {label}-----");
    let start = pem.find(&begin).unwrap() + begin.len();
    let end = pem.find(&format!("-----END {label}-----")).unwrap();
    let body: String = pem[start..end]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    STANDARD.decode(body).unwrap()
}

/// Median time per call of `f` over `rounds` rounds of `per_round` calls.
fn median_per_call(rounds: usize, per_round: usize, mut f: impl FnMut()) -> Vec<Duration> {
    (0..rounds)
        .map(|_| {
            let started = Instant::now();
            for _ in 0..per_round {
                f();
            }
            started.elapsed() / per_round as u32
        })
        .collect()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let response = data("valid/both-signed.xml");
    let idp_cert = String::from_utf8(data("keys/idp.crt")).unwrap();
    let idp = IdentityProvider::new("http://www.okta.com/exk1fakeidp")
        .certificate_pem(&idp_cert)
        .unwrap();
    let sp = ServiceProvider::new(
        "https://sp.example.com/saml/metadata",
        "https://sp.example.com/saml/acs",
    );
    let now = UNIX_EPOCH + Duration::from_secs(1_772_359_260);
    let verifier = ResponseVerifier::new(sp, idp).clock(Arc::new(ManualClock::new(now)));
    let verify = || {
        verifier
            .verify_without_replay_check(black_box(&response), Expect::Request("id-request-7f3a9c"))
            .unwrap()
    };
    let assertion = verify();
    assert!(assertion.coverage().response_signed && assertion.coverage().assertion_signed);

    // The baseline: the IdP key signs a SignedInfo-sized message; verify it twice with a
    // parsed public key, as the verifier does once per signature.
    let key = RsaKeyPair::from_pkcs8(&pem_der(
        &String::from_utf8(data("keys/idp.key")).unwrap(),
        "PRIVATE KEY",
    ))
    .unwrap();
    let message = vec![b'x'; 600];
    let mut sig = vec![0; key.public_modulus_len()];
    key.sign(
        &signature::RSA_PKCS1_SHA256,
        &SystemRandom::new(),
        &message,
        &mut sig,
    )
    .unwrap();
    let public = ParsedPublicKey::new(
        &signature::RSA_PKCS1_2048_8192_SHA256,
        aws_lc_rs::signature::KeyPair::public_key(&key).as_ref(),
    )
    .unwrap();
    let raw_twice = || {
        public
            .verify_sig(black_box(&message), black_box(&sig))
            .unwrap();
        public
            .verify_sig(black_box(&message), black_box(&sig))
            .unwrap();
    };

    let mut c = Criterion::default()
        .sample_size(50)
        .measurement_time(Duration::from_secs(5))
        .configure_from_args();
    let mut group = c.benchmark_group(format!("saml_verify_{}_bytes", response.len()));
    group.bench_function("okta_auth_response_verifier_both_signed", |b| {
        b.iter(verify)
    });
    group.bench_function("baseline_two_raw_rsa2048_verifications", |b| {
        b.iter(raw_twice)
    });
    group.finish();
    c.final_summary();

    // Interleaved rounds, so both sides see the same machine load.
    let mut ours = Vec::new();
    let mut base = Vec::new();
    for _ in 0..15 {
        ours.extend(median_per_call(1, 200, || {
            verify();
        }));
        base.extend(median_per_call(1, 200, raw_twice));
    }
    let (ours, base) = (median(ours), median(base));
    // Two parts of the verification that cost the same whatever the verifier does: parsing
    // the response once with roxmltree, and SHA-256 over its bytes.
    let text = std::str::from_utf8(&response).unwrap();
    let parse = median(median_per_call(15, 200, || {
        black_box(roxmltree::Document::parse(black_box(text)).unwrap());
    }));
    // The verifier parses each verified canonical SignedInfo again to read its Reference.
    // The response's first SignedInfo, with the ds namespace declared on it as the canonical
    // form does, is the same document up to empty elements written as start and end tags.
    let start = text.find("<ds:SignedInfo>").unwrap();
    let end = start + text[start..].find("</ds:SignedInfo>").unwrap() + "</ds:SignedInfo>".len();
    let signed_info = text[start..end].replacen(
        "<ds:SignedInfo>",
        "<ds:SignedInfo xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\">",
        1,
    );
    let parse_signed_info = median(median_per_call(15, 200, || {
        black_box(roxmltree::Document::parse(black_box(&signed_info)).unwrap());
    }));
    let sha = median(median_per_call(15, 200, || {
        black_box(aws_lc_rs::digest::digest(
            &aws_lc_rs::digest::SHA256,
            black_box(&response),
        ));
    }));
    let us = |d: Duration| d.as_secs_f64() * 1e6;
    println!(
        "saml: roxmltree parse of the response: {:.2} us; of a {}-byte SignedInfo: {:.2} us; SHA-256 of the response bytes: {:.2} us",
        us(parse),
        signed_info.len(),
        us(parse_signed_info),
        us(sha)
    );
    // What the design costs before any canonicalization or check: the two RSA verifications,
    // the one parse of the response, the parse of each verified SignedInfo, and one SHA-256
    // over as many bytes as the response (the verifier hashes more: the canonical Response
    // and, again, the canonical Assertion inside it).
    let floor = base + parse + 2 * parse_signed_info + sha;
    println!(
        "saml: RSA, parses and one digest alone: {:.2} us, ratio {:.2}",
        us(floor),
        floor.as_secs_f64() / base.as_secs_f64()
    );
    println!(
        "saml: verify {} bytes, both signed: {:.2} us; two raw RSA-2048 verifications: {:.2} us; ratio {:.2} (target <= 2.0)",
        response.len(),
        ours.as_secs_f64() * 1e6,
        base.as_secs_f64() * 1e6,
        ours.as_secs_f64() / base.as_secs_f64()
    );
}
