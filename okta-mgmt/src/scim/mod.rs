//! SCIM 2.0 (RFC 7643 and RFC 7644): the resources and messages, the filter language, PATCH,
//! and (feature `scim-server`) a server Okta can provision.

pub mod filter;
pub mod patch;
pub mod resource;
pub mod schema;

#[cfg(feature = "scim-server")]
#[cfg_attr(docsrs, doc(cfg(feature = "scim-server")))]
pub mod server;
