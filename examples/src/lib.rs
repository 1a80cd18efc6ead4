//! Runnable examples of the Okta Rust SDK: `cargo run -p examples --example quickstart`
//! and the `okta-inspect` debugging tool (`cargo run -p examples --bin okta-inspect -- --help`).

/// The README's code blocks, compiled as doc tests so they stay true.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
