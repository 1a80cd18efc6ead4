//! Integration tests against oidc-provider (being written).
