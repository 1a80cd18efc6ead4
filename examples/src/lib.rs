//! Runnable examples of the Okta Rust SDK: `cargo run -p examples --example quickstart`
//! and the `okta-inspect` debugging tool (`cargo run -p examples --bin okta-inspect -- --help`).
